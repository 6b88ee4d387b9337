from odoo import api, models
from odoo.fields import Domain

from .res_partner import hide_partner_contact


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def _read_format(self, fnames, load="_classic_read"):
        """Every internal user reads the notifications of the messages; the
        number an SMS went to is a confidential customer's phone: not shown
        to users outside the customer's file."""
        result = super()._read_format(fnames, load=load)
        return hide_partner_contact(self, result, {"res_partner_id": ["sms_number"]})

    @api.model
    def _search(self, domain, *args, **kwargs):
        """A search by the number does not find a confidential customer's
        notifications for users outside the customer's file."""
        if self.env.su:
            return super()._search(domain, *args, **kwargs)
        domain = Domain(domain)
        if any(c.field_expr == "sms_number" for c in domain.iter_conditions()):
            readers = self.env["res.partner"]._revisit_contact_readers_domain()
            domain = domain.map_conditions(
                lambda c: (
                    c & Domain("res_partner_id", "any!", readers)
                    if c.field_expr == "sms_number"
                    else c
                )
            )
        return super()._search(domain, *args, **kwargs)
