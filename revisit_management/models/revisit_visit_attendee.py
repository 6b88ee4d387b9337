from odoo import api, fields, models
from odoo.exceptions import UserError

ATTENDEE_ROLES = [
    ("technical", "Technical Lead"),
    ("administrative", "Administrative Lead"),
    ("user", "Main User"),
    ("other", "Other"),
]
# the roles an on-site visit meets when its rule asks for them (seed 002, 附 第8条)
REQUIRED_ROLES = ("technical", "administrative", "user")


class RevisitVisitAttendee(models.Model):
    """A person of the customer met during a visit, with the role they hold."""

    _name = "revisit.visit.attendee"
    _description = "Revisit Customer Attendee"
    _order = "visit_id, id"

    visit_id = fields.Many2one(
        "revisit.visit", required=True, ondelete="cascade", index=True
    )
    role = fields.Selection(ATTENDEE_ROLES, required=True, default="user")
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        help="The customer's contact, when they are one.",
    )
    name = fields.Char(required=True)
    job_title = fields.Char()
    opinion = fields.Text(help="What this person said about the product or service.")
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.name = self.partner_id.name
            self.job_title = self.partner_id.function

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        attendees._check_visit_open()
        return attendees

    def write(self, vals):
        self._check_visit_open()
        res = super().write(vals)
        self._check_visit_open()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._check_visit_open()

    def _check_visit_open(self):
        """Who was met is part of the visit's record: it is written on an open
        visit one may work on, and frozen once the visit is closed."""
        if self.env.su:
            return
        visits = self.visit_id
        visits.check_access("write")
        if visits.filtered(lambda v: v.state not in ("todo", "appointed")):
            raise UserError(
                self.env._("The people met on a closed visit cannot change.")
            )
