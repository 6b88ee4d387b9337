from odoo import models

from .res_partner import hide_partner_contact


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _read_format(self, fnames, load="_classic_read"):
        """An appointment's attendee does not show a confidential customer's
        e-mail or phone to users outside the customer's file."""
        result = super()._read_format(fnames, load=load)
        return hide_partner_contact(
            self, result, {"partner_id": ["email", "phone", "common_name"]}
        )
