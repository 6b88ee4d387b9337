"""Aliyun 短信服务 and Tencent Cloud SMS behind Odoo's SMS provider hook.

Both send only approved templates: the SMS's text stays in the chatter, the
gateway gets the company's template code for the message's kind and the
kind's parameters (``sms.sms.sms_china_kind`` / ``sms_china_params``)."""

import json
import logging
import re
import time
import uuid as uuid_lib
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests

from odoo.addons.sms.tools.sms_api import SmsApiBase

from .signing import aliyun_rpc_signature, tencent_tc3_authorization

_logger = logging.getLogger(__name__)

TIMEOUT = 10


class SmsApiChinaBase(SmsApiBase):
    """What both gateways share: the template of the message's kind, its
    parameters, one request per number, the results in Odoo's form."""

    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        "sms_china_template": "sms_template",
        "sms_china_account": "sms_acc",
        "sms_china_credit": "sms_credit",
    }
    provider = None

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        company = (self.company or self.env.company).sudo()
        uuids = [n["uuid"] for message in messages for n in message["numbers"]]
        sms_by_uuid = {
            sms.uuid: sms
            for sms in self.env["sms.sms"].sudo().search([("uuid", "in", uuids)])
        }
        session = requests.Session()
        results = []
        for message in messages:
            for number_info in message["numbers"]:
                sms_uuid = number_info["uuid"]
                result = self._send_one(
                    session,
                    company,
                    sms_by_uuid.get(sms_uuid),
                    number_info["number"] or "",
                    sms_uuid,
                )
                results.append(dict(result, uuid=sms_uuid))
        return results

    def _send_one(self, session, company, sms, number, sms_uuid):
        template = company._sms_china_template(sms and sms.sms_china_kind)
        if not template:
            return {
                "state": "sms_china_template",
                "failure_reason": self.env._(
                    "No approved template for this message: set the template "
                    "codes in the SMS settings (a free text cannot be sent "
                    "through %(provider)s).",
                    provider=self._provider_name(),
                ),
            }
        values = sms.sms_china_params or {}
        names = template._param_names()
        missing = [name for name in names if not values.get(name)]
        if missing:
            return {
                "state": "sms_china_template",
                "failure_reason": self.env._(
                    "The message has no value for the template parameters %s.",
                    ", ".join(missing),
                ),
            }
        params = {name: str(values[name]) for name in names}
        try:
            return self._request(session, company, template, number, params, sms_uuid)
        except (requests.exceptions.RequestException, ValueError) as error:
            _logger.warning("%s SMS API error: %s", self.provider, error)
            return {
                "state": "server_error",
                "failure_reason": self.env._(
                    "%(provider)s could not be reached: %(error)s",
                    provider=self._provider_name(),
                    error=error,
                ),
            }

    def _provider_name(self):
        return dict(
            self.env["res.company"]
            ._fields["sms_provider"]
            ._description_selection(self.env)
        ).get(self.provider, self.provider)

    def _request(self, session, company, template, number, params, sms_uuid):
        raise NotImplementedError()

    @staticmethod
    def _digits(number):
        """``+86 138-0013 8000`` → ``+8613800138000``."""
        return re.sub(r"[^\d+]", "", number)


class SmsApiAliyun(SmsApiChinaBase):
    """dysmsapi ``SendSms`` (version 2017-05-25), RPC style, signature v1."""

    provider = "aliyun"
    # https://help.aliyun.com/document_detail/101346.html (error codes)
    CODE_TO_STATE = {
        "isv.MOBILE_NUMBER_ILLEGAL": "wrong_number_format",
        "isv.MOBILE_COUNT_OVER_LIMIT": "wrong_number_format",
        "isv.SMS_TEMPLATE_ILLEGAL": "sms_china_template",
        "isv.SMS_SIGNATURE_ILLEGAL": "sms_china_template",
        "isv.TEMPLATE_MISSING_PARAMETERS": "sms_china_template",
        "isv.TEMPLATE_PARAMS_ILLEGAL": "sms_china_template",
        "isv.INVALID_JSON_PARAM": "sms_china_template",
        "isv.AMOUNT_NOT_ENOUGH": "sms_china_credit",
        "isv.ACCOUNT_NOT_EXISTS": "sms_china_account",
        "isv.ACCOUNT_ABNORMAL": "sms_china_account",
        "InvalidAccessKeyId.NotFound": "sms_china_account",
        "SignatureDoesNotMatch": "sms_china_account",
        "isp.SYSTEM_ERROR": "server_error",
        "isp.RAM_PERMISSION_DENY": "sms_china_account",
    }

    @staticmethod
    def _aliyun_number(number):
        """Mainland numbers without +86, others as country code + number."""
        number = SmsApiChinaBase._digits(number)
        if number.startswith("+86"):
            return number[3:]
        return number.lstrip("+")

    def _request(self, session, company, template, number, params, sms_uuid):
        query = {
            "AccessKeyId": company.sms_aliyun_access_key_id or "",
            "Action": "SendSms",
            "Format": "JSON",
            "RegionId": "cn-hangzhou",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid_lib.uuid4().hex,
            "SignatureVersion": "1.0",
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
            "PhoneNumbers": self._aliyun_number(number),
            "SignName": company.sms_china_sign_name or "",
            "TemplateCode": template.template_code,
            "TemplateParam": json.dumps(params, ensure_ascii=False),
            "OutId": sms_uuid,
        }
        query["Signature"] = aliyun_rpc_signature(
            query, company.sms_aliyun_access_key_secret or "", method="POST"
        )
        response = session.post(
            company.sms_aliyun_endpoint or "https://dysmsapi.aliyuncs.com/",
            data=query,
            timeout=TIMEOUT,
        )
        body = response.json()
        code = body.get("Code")
        if code == "OK":
            return {"state": "success", "sms_china_provider_id": body.get("BizId")}
        _logger.info("Aliyun SMS refused: %s %s", code, body.get("Message"))
        return {
            "state": self.CODE_TO_STATE.get(code, code or "server_error"),
            "failure_reason": f"{code}: {body.get('Message') or ''}",
        }


class SmsApiTencent(SmsApiChinaBase):
    """Tencent Cloud SMS ``SendSms`` (API 3.0, version 2021-01-11), TC3."""

    provider = "tencent"
    # https://cloud.tencent.com/document/product/382/55981 (error codes)
    CODE_PREFIX_TO_STATE = (
        ("InvalidParameterValue.IncorrectPhoneNumber", "wrong_number_format"),
        (
            "FailedOperation.ContainDomesticAndInternationalPhoneNumber",
            "wrong_number_format",
        ),
        ("FailedOperation.TemplateIncorrectOrUnapproved", "sms_china_template"),
        ("FailedOperation.SignatureIncorrectOrUnapproved", "sms_china_template"),
        ("FailedOperation.MissingTemplateToModify", "sms_china_template"),
        ("InvalidParameterValue.TemplateParameterFormatError", "sms_china_template"),
        ("InvalidParameterValue.TemplateParameterLengthLimit", "sms_china_template"),
        ("FailedOperation.InsufficientBalanceInSmsPackage", "sms_china_credit"),
        ("AuthFailure", "sms_china_account"),
        ("UnauthorizedOperation", "sms_china_account"),
        ("InternalError", "server_error"),
    )

    @staticmethod
    def _tencent_number(number):
        """E.164: mainland numbers given without a country code get +86."""
        number = SmsApiChinaBase._digits(number)
        if not number.startswith("+"):
            number = f"+86{number}" if len(number) == 11 else f"+{number}"
        return number

    def _state_of(self, code):
        for prefix, state in self.CODE_PREFIX_TO_STATE:
            if code.startswith(prefix):
                return state
        return code

    def _request(self, session, company, template, number, params, sms_uuid):
        endpoint = company.sms_tencent_endpoint or "https://sms.tencentcloudapi.com/"
        host = urlsplit(endpoint).netloc
        payload = json.dumps(
            {
                "PhoneNumberSet": [self._tencent_number(number)],
                "SmsSdkAppId": company.sms_tencent_sdk_app_id or "",
                "SignName": company.sms_china_sign_name or "",
                "TemplateId": template.template_code,
                "TemplateParamSet": list(params.values()),
                "SessionContext": sms_uuid,
            },
            ensure_ascii=False,
        )
        timestamp = int(time.time())
        headers = {
            "Authorization": tencent_tc3_authorization(
                company.sms_tencent_secret_id or "",
                company.sms_tencent_secret_key or "",
                host,
                payload,
                timestamp,
            ),
            "Content-Type": "application/json; charset=utf-8",
            "Host": host,
            "X-TC-Action": "SendSms",
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Version": "2021-01-11",
            "X-TC-Region": company.sms_tencent_region or "ap-guangzhou",
        }
        response = session.post(
            endpoint, data=payload.encode(), headers=headers, timeout=TIMEOUT
        )
        body = response.json().get("Response") or {}
        if body.get("Error"):
            code = body["Error"].get("Code") or ""
            message = body["Error"].get("Message") or ""
        else:
            status = (body.get("SendStatusSet") or [{}])[0]
            code = status.get("Code") or ""
            message = status.get("Message") or ""
            if code == "Ok":
                return {
                    "state": "success",
                    "sms_china_provider_id": status.get("SerialNo"),
                }
        _logger.info("Tencent SMS refused: %s %s", code, message)
        return {
            "state": self._state_of(code) or "server_error",
            "failure_reason": f"{code}: {message}",
        }
