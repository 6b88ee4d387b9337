from odoo import models

from .res_partner import hide_partner_contact


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    def _read_format(self, fnames, load="_classic_read"):
        """A follower record does not show a confidential customer's e-mail
        to users outside the customer's file."""
        result = super()._read_format(fnames, load=load)
        return hide_partner_contact(self, result, {"partner_id": ["email"]})
