from odoo import api, models, tools


class RevisitReminderManager(models.AbstractModel):
    _inherit = "revisit.reminder.manager"

    @api.model
    def _send_notice_sms(self, visit):
        """The notice names its template's values: Chinese gateways send the
        approved template with them, not the text."""
        visit.ensure_one()
        lang = visit.partner_id.lang or visit.company_id._revisit_lang()
        env = visit.with_context(lang=lang).env
        params = {
            "company": visit.company_id.name,
            "customer": visit.partner_id.name,
            "date": tools.format_date(env, visit.scheduled_date, lang_code=lang),
        }
        return super()._send_notice_sms(
            visit.with_context(sms_template_kind="notice", sms_template_params=params)
        )
