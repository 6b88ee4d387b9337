from odoo import models


class RevisitVisit(models.Model):
    _inherit = "revisit.visit"

    def _send_survey_sms(self):
        """The questionnaire's template gets the short link on the company's
        registered domain; a questionnaire asked again (context
        ``revisit_reask``, or ``sms_template_kind="reminder"``) is sent with
        the reminder's template."""
        self.ensure_one()
        link = self.env["revisit.short.link"]._for_visit(self)
        params = {
            "company": self.company_id.name,
            "customer": self.partner_id.name,
            "code": link.code,
            "link": link._url(),
        }
        reminder = (
            self.env.context.get("revisit_reask")
            or self.env.context.get("sms_template_kind") == "reminder"
        )
        kind = "reminder" if reminder else "questionnaire"
        return super(
            RevisitVisit,
            self.with_context(sms_template_kind=kind, sms_template_params=params),
        )._send_survey_sms()
