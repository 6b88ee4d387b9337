from odoo import models


class Base(models.AbstractModel):
    _inherit = "base"

    def _message_get_suggested_recipients_batch(self, **kwargs):
        """The chatter suggests recipients with their e-mail: a confidential
        customer is suggested by name only to users outside the customer's
        file (see readme/CONFIGURE.md)."""
        result = super()._message_get_suggested_recipients_batch(**kwargs)
        if self.env.su:
            return result
        partner_ids = {
            recipient["partner_id"]
            for recipients in result.values()
            for recipient in recipients
            if recipient.get("partner_id")
        }
        hidden = (
            self.env["res.partner"].browse(partner_ids)._revisit_contact_hidden_ids()
        )
        for recipients in result.values():
            for recipient in recipients:
                if recipient.get("partner_id") in hidden:
                    recipient.update(email=False, create_values={})
        return result
