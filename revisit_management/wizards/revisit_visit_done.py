from odoo import Command, api, fields, models
from odoo.exceptions import UserError

SCORES = [
    ("0", "Not Scored"),
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]


class RevisitVisitDone(models.TransientModel):
    """Record the outcome of a visit in one step, from the kanban card."""

    _name = "revisit.visit.done"
    _description = "Record Revisit Outcome"

    visit_id = fields.Many2one("revisit.visit", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="visit_id.partner_id", compute_sudo=False)
    method = fields.Selection(related="visit_id.method", compute_sudo=False)
    contact_phone = fields.Char(related="visit_id.contact_phone", compute_sudo=False)
    contact_hours = fields.Char(related="visit_id.contact_hours", compute_sudo=False)
    satisfaction = fields.Selection(SCORES, default="0", required=True)
    feedback = fields.Text()
    problem = fields.Text(string="Problem Raised")
    company_id = fields.Many2one(related="visit_id.company_id", compute_sudo=False)
    problem_category_ids = fields.Many2many(
        "revisit.problem.category",
        string="Problem Categories",
        domain="[('company_id', 'in', [False, company_id])]",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # the wizard names a visit: the user must be allowed to work on it (its
        # company and confidentiality included), or learns nothing of it
        visits = self.env["revisit.visit"].browse(
            vals["visit_id"] for vals in vals_list if vals.get("visit_id")
        )
        visits.check_access("write")
        if not self.env.su and visits.company_id - self.env.companies:
            raise UserError(
                self.env._("This visit belongs to a company you are not working in.")
            )
        return super().create(vals_list)

    def action_done(self):
        """Save the outcome on the visit and mark it done."""
        self.ensure_one()
        self.visit_id.check_access("write")
        self.visit_id.write(
            {
                "satisfaction": int(self.satisfaction),
                "feedback": self.feedback or self.visit_id.feedback,
                "problem": self.problem or self.visit_id.problem,
                "problem_category_ids": [
                    Command.set(
                        (
                            self.visit_id.problem_category_ids
                            | self.problem_category_ids
                        ).ids
                    )
                ],
            }
        )
        return self.visit_id.action_done()

    def action_unreachable(self):
        """The customer could not be reached: the visit's retry rules apply."""
        self.ensure_one()
        self.visit_id.check_access("write")
        if self.feedback:
            self.visit_id.feedback = self.feedback
        return self.visit_id.action_unreachable()
