from odoo import models

from .res_partner import hide_partner_contact


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _read_format(self, fnames, load="_classic_read"):
        """A message a confidential customer wrote (an e-mail received) does
        not show its address to users outside the customer's file."""
        result = super()._read_format(fnames, load=load)
        return hide_partner_contact(
            self, result, {"author_id": ["email_from", "reply_to"]}
        )
