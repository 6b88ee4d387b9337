from odoo.tests import BaseCase, tagged

from ..tools.signing import aliyun_rpc_signature, tencent_tc3_authorization


@tagged("post_install", "-at_install")
class TestSigning(BaseCase):
    """The signatures equal the gateways' own documented examples: the local
    test gateways recompute them with these functions, so only these known
    answers tie them to the real algorithm."""

    def test_aliyun_rpc_signature_of_the_documented_example(self):
        # Aliyun SMS docs, "HTTP 协议及签名": SendSms with testId / testSecret
        params = {
            "AccessKeyId": "testId",
            "Action": "SendSms",
            "Format": "XML",
            "OutId": "123",
            "PhoneNumbers": "15300000001",
            "RegionId": "cn-hangzhou",
            "SignName": "阿里云短信测试专用",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            "SignatureVersion": "1.0",
            "TemplateCode": "SMS_71390007",
            "TemplateParam": '{"customer":"test"}',
            "Timestamp": "2017-07-12T02:42:19Z",
            "Version": "2017-05-25",
        }
        self.assertEqual(
            aliyun_rpc_signature(params, "testSecret", method="GET"),
            "zJDF+Lrzhj/ThnlvIToysFRq6t4=",
        )

    def test_tencent_tc3_signature_of_the_documented_example(self):
        # Tencent Cloud API 3.0 signing docs: DescribeInstances on cvm
        payload = (
            '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], '
            '"Name": "instance-name"}]}'
        )
        self.assertEqual(
            tencent_tc3_authorization(
                "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
                "cvm.tencentcloudapi.com",
                payload,
                1551113065,
                service="cvm",
            ),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/"
            "2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
        )
