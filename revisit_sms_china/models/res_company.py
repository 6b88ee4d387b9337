import secrets
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.sms_api import SmsApiAliyun, SmsApiTencent

CHINA_PROVIDERS = {"aliyun": SmsApiAliyun, "tencent": SmsApiTencent}


class ResCompany(models.Model):
    _inherit = "res.company"

    sms_provider = fields.Selection(
        selection_add=[
            ("aliyun", "Send via Aliyun SMS (阿里云短信服务)"),
            ("tencent", "Send via Tencent Cloud SMS (腾讯云短信)"),
        ],
        ondelete={"aliyun": "set default", "tencent": "set default"},
    )
    sms_china_sign_name = fields.Char(
        "SMS Signature",
        groups="base.group_system",
        help="The signature (签名) approved by the gateway, without its brackets.",
    )
    sms_china_template_ids = fields.One2many(
        "sms.china.template", "company_id", "SMS Templates", groups="base.group_system"
    )
    sms_china_callback_token = fields.Char(
        "SMS Callback Secret",
        groups="base.group_system",
        copy=False,
        default=lambda self: secrets.token_hex(16),
        help="Part of the status callback URL registered with the gateway: a "
        "report on another URL is refused.",
    )
    sms_aliyun_access_key_id = fields.Char("AccessKey ID", groups="base.group_system")
    sms_aliyun_access_key_secret = fields.Char(
        "AccessKey Secret", groups="base.group_system"
    )
    sms_aliyun_endpoint = fields.Char(
        "Aliyun Endpoint",
        groups="base.group_system",
        default="https://dysmsapi.aliyuncs.com/",
    )
    sms_tencent_secret_id = fields.Char("SecretId", groups="base.group_system")
    sms_tencent_secret_key = fields.Char("SecretKey", groups="base.group_system")
    sms_tencent_sdk_app_id = fields.Char("SmsSdkAppId", groups="base.group_system")
    sms_tencent_region = fields.Char(
        "Tencent Region", groups="base.group_system", default="ap-guangzhou"
    )
    sms_tencent_endpoint = fields.Char(
        "Tencent Endpoint",
        groups="base.group_system",
        default="https://sms.tencentcloudapi.com/",
    )
    revisit_short_link_domain = fields.Char(
        "Questionnaire Link Domain",
        help="The fixed domain registered with the SMS gateway for links, e.g. "
        "https://hf.example.cn. Questionnaire SMS carry a short link on it "
        "(/r/<code>). Empty: the database's web address.",
    )

    @api.constrains(
        "revisit_short_link_domain", "sms_aliyun_endpoint", "sms_tencent_endpoint"
    )
    def _check_sms_china_urls(self):
        for company in self.sudo():
            for url in (
                company.revisit_short_link_domain,
                company.sms_aliyun_endpoint,
                company.sms_tencent_endpoint,
            ):
                if not url:
                    continue
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https") or not parts.netloc:
                    raise ValidationError(
                        self.env._(
                            "%s is not a web address: write it as "
                            "https://host.example.cn.",
                            url,
                        )
                    )
                if url == company.revisit_short_link_domain and parts.path not in (
                    "",
                    "/",
                ):
                    raise ValidationError(
                        self.env._(
                            "The questionnaire link domain is a domain only, "
                            "without a path: %s",
                            url,
                        )
                    )

    def _get_sms_api_class(self):
        self.ensure_one()
        return CHINA_PROVIDERS.get(self.sms_provider) or super()._get_sms_api_class()

    def _sms_china_template(self, kind):
        """The company's template for a message kind, if it has a code."""
        self.ensure_one()
        return self.sudo().sms_china_template_ids.filtered(
            lambda t: t.kind == kind and t.template_code
        )[:1]

    def _sms_china_callback_url(self, provider):
        self.ensure_one()
        token = self.sudo().sms_china_callback_token
        return f"{self.get_base_url()}/sms_china/{provider}/report/{token}"

    def _revisit_short_link_base(self):
        self.ensure_one()
        return (self.revisit_short_link_domain or self.get_base_url()).rstrip("/")
