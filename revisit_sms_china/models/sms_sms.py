from collections import defaultdict

from odoo import api, fields, models

from .sms_china_template import KIND_PARAMS, KIND_SELECTION


class SmsSms(models.Model):
    _inherit = "sms.sms"

    failure_type = fields.Selection(
        selection_add=[("sms_template", "Template Not Approved")]
    )
    sms_china_kind = fields.Selection(
        KIND_SELECTION,
        string="Template Kind",
        readonly=True,
        help="The kind of message: the company's template for it is sent "
        "through Aliyun or Tencent Cloud.",
    )
    sms_china_params = fields.Json("Template Parameters", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        # the sender names the message's kind and its template's values
        kind = self.env.context.get("sms_template_kind")
        if kind in KIND_PARAMS:
            params = self.env.context.get("sms_template_params") or {}
            for vals in vals_list:
                vals.setdefault("sms_china_kind", kind)
                vals.setdefault("sms_china_params", params)
        return super().create(vals_list)

    def _split_by_api(self):
        by_company = defaultdict(lambda: self.env["sms.sms"])
        for sms in self:
            by_company[sms._get_sms_company()] += sms
        others = self.browse()
        for company, company_sms in by_company.items():
            if company.sms_provider in ("aliyun", "tencent"):
                sms_api = company._get_sms_api_class()(self.env)
                sms_api._set_company(company)
                yield sms_api, company_sms
            else:
                others += company_sms
        if others:
            yield from super(SmsSms, others)._split_by_api()

    def _handle_call_result_hook(self, results):
        """Keep the gateway's id of each SMS on its tracker: the status
        callback names it, and the SMS itself is deleted once sent."""
        by_uuid = self.grouped("uuid")
        for result in results:
            sms = by_uuid.get(result.get("uuid"))
            if sms and sms.sms_tracker_id and result.get("sms_china_provider_id"):
                sms.sms_tracker_id.write(
                    {
                        "sms_china_provider_id": result["sms_china_provider_id"],
                        "sms_china_company_id": sms._get_sms_company().id,
                    }
                )
        return super()._handle_call_result_hook(results)

    def _revisit_warn_failure(self):
        res = super()._revisit_warn_failure()
        self.env["sms.tracker"]._sms_china_warn(
            self.sudo().mail_message_id.filtered(
                lambda message: message.model != "revisit.visit"
            )
        )
        return res
