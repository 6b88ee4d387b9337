from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sms_china_sign_name = fields.Char(
        related="company_id.sms_china_sign_name", readonly=False
    )
    sms_aliyun_access_key_id = fields.Char(
        related="company_id.sms_aliyun_access_key_id", readonly=False
    )
    sms_aliyun_access_key_secret = fields.Char(
        related="company_id.sms_aliyun_access_key_secret", readonly=False
    )
    sms_aliyun_endpoint = fields.Char(
        related="company_id.sms_aliyun_endpoint", readonly=False
    )
    sms_tencent_secret_id = fields.Char(
        related="company_id.sms_tencent_secret_id", readonly=False
    )
    sms_tencent_secret_key = fields.Char(
        related="company_id.sms_tencent_secret_key", readonly=False
    )
    sms_tencent_sdk_app_id = fields.Char(
        related="company_id.sms_tencent_sdk_app_id", readonly=False
    )
    sms_tencent_region = fields.Char(
        related="company_id.sms_tencent_region", readonly=False
    )
    sms_tencent_endpoint = fields.Char(
        related="company_id.sms_tencent_endpoint", readonly=False
    )
    sms_china_callback_url = fields.Char(
        "Status Callback URL",
        compute="_compute_sms_china_callback_url",
        groups="base.group_system",
    )
    revisit_short_link_domain = fields.Char(
        related="company_id.revisit_short_link_domain", readonly=False
    )

    @api.depends("company_id", "sms_provider")
    def _compute_sms_china_callback_url(self):
        for settings in self:
            settings.sms_china_callback_url = settings.sms_provider in (
                "aliyun",
                "tencent",
            ) and settings.company_id._sms_china_callback_url(settings.sms_provider)

    def action_sms_china_templates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "revisit_sms_china.sms_china_template_action"
        )
        action["domain"] = [("company_id", "=", self.company_id.id)]
        action["context"] = {"default_company_id": self.company_id.id}
        return action
