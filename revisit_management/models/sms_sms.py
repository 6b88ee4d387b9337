from odoo import api, models


class SmsSms(models.Model):
    _inherit = "sms.sms"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        # a number refused at once (e.g. badly formatted) is created in error
        messages.filtered(lambda sms: sms.state == "error")._revisit_warn_failure()
        return messages

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "error":
            self._revisit_warn_failure()
        return res

    def _revisit_warn_failure(self):
        """An SMS of a visit (its notice, its questionnaire) that could not be
        sent reaches the visit's assignee as an activity."""
        messages = self.sudo().mail_message_id.filtered(
            lambda message: message.model == "revisit.visit"
        )
        if messages:
            self.env["revisit.visit"].sudo().browse(
                set(messages.mapped("res_id"))
            ).exists()._warn_sms_failure()
