"""Local stand-ins of Aliyun's and Tencent Cloud's SMS APIs, served over HTTP
on a free loopback port. They speak the documented requests and answers:
each request's signature is recomputed from the secret, the signature name,
template and its parameters are checked against what the "console" approved,
and each accepted SMS gets a delivery report in the gateway's callback format."""

import json
import re
import threading
import uuid
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from odoo.addons.revisit_sms_china.tools.signing import (
    aliyun_rpc_signature,
    tencent_tc3_authorization,
)


class FakeGateway:
    """A gateway's console: credentials, the approved signature and templates
    (code → parameter names), numbers that are switched off (their SMS are
    accepted and then fail to be delivered)."""

    def __init__(self, key_id, secret, sign_name, templates):
        self.key_id = key_id
        self.secret = secret
        self.sign_name = sign_name
        self.templates = templates
        self.switched_off = set()
        self.requests = []  # what reached the gateway, decoded
        self.reports = []  # delivery reports waiting to be pushed
        self._server = None

    def __enter__(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, answer = gateway.handle(dict(self.headers), body)
                data = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def pop_reports(self):
        reports, self.reports = self.reports, []
        return reports


class FakeAliyun(FakeGateway):
    """dysmsapi SendSms, RPC style (form POST), signature v1 HMAC-SHA1."""

    def handle(self, headers, body):
        params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        self.requests.append(params)

        def error(code, message, status=200):
            return status, {"Code": code, "Message": message, "RequestId": "R1"}

        if params.get("AccessKeyId") != self.key_id:
            return error(
                "InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404
            )
        expected = aliyun_rpc_signature(params, self.secret, method="POST")
        if (
            params.get("Signature") != expected
            or params.get("SignatureMethod") != "HMAC-SHA1"
        ):
            return error(
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.",
                400,
            )
        if (params.get("Action"), params.get("Version")) != ("SendSms", "2017-05-25"):
            return error("InvalidAction", "unknown action", 400)
        if params.get("SignName") != self.sign_name:
            return error("isv.SMS_SIGNATURE_ILLEGAL", "签名不合法")
        names = self.templates.get(params.get("TemplateCode"))
        if names is None:
            return error("isv.SMS_TEMPLATE_ILLEGAL", "模板不合法")
        try:
            values = json.loads(params.get("TemplateParam") or "{}")
        except ValueError:
            return error("isv.INVALID_JSON_PARAM", "JSON参数不合法")
        if set(values) != set(names) or not all(values.values()):
            return error("isv.TEMPLATE_MISSING_PARAMETERS", "模板缺少变量")
        number = params.get("PhoneNumbers", "")
        if not re.fullmatch(r"1[3-9]\d{9}", number):
            return error("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
        biz_id = f"{uuid.uuid4().int % 10**18}^0"
        now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        delivered = number not in self.switched_off
        self.reports.append(
            {
                "phone_number": number,
                "send_time": now,
                "report_time": now,
                "success": delivered,
                "err_code": "DELIVERED" if delivered else "MOBILE_NOT_ON_SERVICE",
                "err_msg": "用户接收成功" if delivered else "停机",
                "sms_size": "1",
                "biz_id": biz_id,
                "out_id": params.get("OutId", ""),
            }
        )
        return 200, {"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": "R2"}


class FakeTencent(FakeGateway):
    """Tencent Cloud API 3.0 SendSms (2021-01-11), TC3-HMAC-SHA256."""

    def __init__(self, key_id, secret, sign_name, templates, sdk_app_id):
        super().__init__(key_id, secret, sign_name, templates)
        self.sdk_app_id = sdk_app_id

    def handle(self, headers, body):
        headers = {k.lower(): v for k, v in headers.items()}
        payload = body.decode()
        self.requests.append({"headers": headers, "body": json.loads(payload)})

        def error(code, message):
            return 200, {
                "Response": {
                    "Error": {"Code": code, "Message": message},
                    "RequestId": "R1",
                }
            }

        authorization = headers.get("authorization", "")
        match = re.match(r"TC3-HMAC-SHA256 Credential=([^/]+)/", authorization)
        if not match or match.group(1) != self.key_id:
            return error("AuthFailure.SecretIdNotFound", "The SecretId is not found")
        expected = tencent_tc3_authorization(
            self.key_id,
            self.secret,
            headers.get("host", ""),
            payload,
            headers.get("x-tc-timestamp", "0"),
        )
        if authorization != expected:
            return error(
                "AuthFailure.SignatureFailure",
                "The provided credentials could not be validated.",
            )
        if (headers.get("x-tc-action"), headers.get("x-tc-version")) != (
            "SendSms",
            "2021-01-11",
        ):
            return error("InvalidAction", "unknown action")
        request = json.loads(payload)
        if request.get("SmsSdkAppId") != self.sdk_app_id:
            return error(
                "FailedOperation.SmsSdkAppIdVerifyFail", "SmsSdkAppId 校验失败"
            )
        statuses = []
        for number in request.get("PhoneNumberSet") or []:
            status = {
                "PhoneNumber": number,
                "Fee": 0,
                "IsoCode": "CN",
                "SessionContext": request.get("SessionContext", ""),
                "SerialNo": "",
            }
            names = self.templates.get(request.get("TemplateId"))
            params = request.get("TemplateParamSet") or []
            if request.get("SignName") != self.sign_name:
                status.update(
                    Code="FailedOperation.SignatureIncorrectOrUnapproved",
                    Message="签名未审批或格式错误",
                )
            elif names is None:
                status.update(
                    Code="FailedOperation.TemplateIncorrectOrUnapproved",
                    Message="模板未审批或不存在",
                )
            elif len(params) != len(names) or not all(params):
                status.update(
                    Code="InvalidParameterValue.TemplateParameterFormatError",
                    Message="验证码模板参数格式错误",
                )
            elif not re.fullmatch(r"\+861[3-9]\d{9}", number):
                status.update(
                    Code="InvalidParameterValue.IncorrectPhoneNumber",
                    Message="手机号格式错误",
                )
            else:
                serial = f"2433:{uuid.uuid4().int % 10**20}"
                status.update(Code="Ok", Message="send success", Fee=1, SerialNo=serial)
                delivered = number[3:] not in self.switched_off
                self.reports.append(
                    {
                        "user_receive_time": datetime.now().strftime(
                            "%Y-%m-%d %H:%M:%S"
                        ),
                        "nationcode": "86",
                        "mobile": number[3:],
                        "report_status": "SUCCESS" if delivered else "FAIL",
                        "errmsg": "DELIVRD" if delivered else "MN:0001",
                        "description": "用户短信送达成功" if delivered else "空号",
                        "sid": serial,
                        "ext": request.get("SessionContext", ""),
                    }
                )
            statuses.append(status)
        return 200, {"Response": {"SendStatusSet": statuses, "RequestId": "R2"}}
