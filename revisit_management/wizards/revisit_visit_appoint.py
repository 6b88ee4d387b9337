from odoo import api, fields, models
from odoo.exceptions import UserError


class RevisitVisitAppoint(models.TransientModel):
    """Agree a time (and a place) with the customer: the assignee gets the
    appointment in their calendar."""

    _name = "revisit.visit.appoint"
    _description = "Make a Revisit Appointment"

    visit_id = fields.Many2one("revisit.visit", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="visit_id.partner_id", compute_sudo=False)
    method = fields.Selection(related="visit_id.method", compute_sudo=False)
    contact_phone = fields.Char(related="visit_id.contact_phone", compute_sudo=False)
    contact_hours = fields.Char(related="visit_id.contact_hours", compute_sudo=False)
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
                visit.appointment_datetime or visit._default_appointment_datetime(),
            )
            res.setdefault("appointment_place", visit.appointment_place)
        return res

    @api.model_create_multi
    def create(self, vals_list):
        # the wizard names a visit: the user must be allowed to work on it
        visits = self.env["revisit.visit"].browse(
            vals["visit_id"] for vals in vals_list if vals.get("visit_id")
        )
        visits.check_access("write")
        if not self.env.su and visits.company_id - self.env.companies:
            raise UserError(
                self.env._("This visit belongs to a company you are not working in.")
            )
        return super().create(vals_list)

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
