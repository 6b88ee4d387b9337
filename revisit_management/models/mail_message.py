from odoo import models
from odoo.addons.mail.tools.discuss import Store

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

    def _to_store_defaults(self, target):
        """The chatter (which reads the messages' values, not what reading
        returns) does not show the address either."""
        fields = super()._to_store_defaults(target)
        for index, field in enumerate(fields):
            if isinstance(field, Store.Attr) and field.field_name == "email_from":
                fields[index] = Store.Attr(
                    "email_from",
                    value=lambda m: m._revisit_shown_email_from(),
                    predicate=field.predicate,
                )
        return fields

    def _revisit_shown_email_from(self):
        self.ensure_one()
        author = self.sudo().author_id
        if author and author.sudo(False)._revisit_contact_hidden_ids():
            return False
        return self.email_from
