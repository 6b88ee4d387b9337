import re
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models


class RevisitVisitAppoint(models.TransientModel):
    """Agree a time (and a place) with the customer: the assignee gets the
    appointment in their calendar."""

    _name = "revisit.visit.appoint"
    _description = "Make a Revisit Appointment"
    _inherit = ["revisit.visit.wizard.mixin"]

    appointment_datetime = fields.Datetime(string="Appointment", required=True)
    appointment_place = fields.Char(
        help="Where to meet; empty: the customer's address."
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        visit = self.env["revisit.visit"].browse(res.get("visit_id")).exists()
        if visit:
            res.setdefault(
                "appointment_datetime",
                visit.appointment_datetime or self._default_appointment_datetime(visit),
            )
            res.setdefault("appointment_place", visit.appointment_place)
        return res

    @api.model
    def _default_appointment_datetime(self, visit):
        """The time to propose for an appointment (UTC): the scheduled day,
        today at the earliest and not on the customer's rest day, at the first
        hour of the customer's contact hours ("weekdays 9:00-11:00"), else at
        10:00, outside the customer's do-not-disturb hours."""
        visit.ensure_one()
        partner = visit.partner_id
        tz = pytz.timezone(partner.tz or visit.user_id.tz or "UTC")
        now = fields.Datetime.now()
        day = max(visit.scheduled_date or now.date(), visit.company_id._revisit_today())
        found = re.search(
            r"(\d{1,2})\s*(?:[:\uff1a]\s*(\d{2})|点)",
            partner.revisit_contact_hours or "",
        )
        hour = 10.0
        if found and int(found[1]) < 24 and int(found[2] or 0) < 60:
            hour = int(found[1]) + int(found[2] or 0) / 60.0
        hour = next(
            (h for h in [hour, *range(9, 18)] if not partner._revisit_in_dnd_hours(h)),
            hour,
        )
        rest = partner._revisit_rest_days()
        for _attempt in range(14):
            local = datetime.combine(day, time(int(hour), round((hour % 1) * 60)))
            start = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            if start > now and day.isoweekday() not in rest:
                return start
            day += timedelta(days=1)
        return start

    def action_appoint(self):
        """Save the time and place on the visit and confirm the appointment."""
        self.ensure_one()
        self.visit_id.check_access("write")
        self.visit_id.write(
            {
                "appointment_datetime": self.appointment_datetime,
                "appointment_place": self.appointment_place,
            }
        )
        return self.visit_id.action_appoint()
