from odoo import fields, models

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
    partner_id = fields.Many2one(related="visit_id.partner_id")
    method = fields.Selection(related="visit_id.method")
    contact_phone = fields.Char(related="visit_id.contact_phone")
    contact_hours = fields.Char(related="visit_id.contact_hours")
    satisfaction = fields.Selection(SCORES, default="0", required=True)
    feedback = fields.Text()
    problem = fields.Text(string="Problem Raised")

    def action_done(self):
        """Save the outcome on the visit and mark it done."""
        self.ensure_one()
        self.visit_id.write(
            {
                "satisfaction": int(self.satisfaction),
                "feedback": self.feedback or self.visit_id.feedback,
                "problem": self.problem or self.visit_id.problem,
            }
        )
        return self.visit_id.action_done()

    def action_unreachable(self):
        """The customer could not be reached: the visit's retry rules apply."""
        self.ensure_one()
        if self.feedback:
            self.visit_id.feedback = self.feedback
        return self.visit_id.action_unreachable()
