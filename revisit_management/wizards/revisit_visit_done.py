from odoo import Command, api, fields, models

from ..models.revisit_rule import METHODS
from ..models.revisit_visit import SATISFACTION_STARS


class RevisitVisitDone(models.TransientModel):
    """Record the outcome of a visit in one step, from the kanban card."""

    _name = "revisit.visit.done"
    _description = "Record Revisit Outcome"
    _inherit = ["revisit.visit.wizard.mixin"]

    satisfaction = fields.Selection(SATISFACTION_STARS, default="0", required=True)
    feedback = fields.Text()
    problem = fields.Text(string="Problem Raised")
    report = fields.Html(string="Visit Report")
    duration = fields.Float(string="Duration (Hours)")
    followup_method = fields.Selection(
        METHODS,
        string="Follow-up Method",
        help="How the follow-up visit is made, if one is needed; empty: the "
        "company's follow-up method.",
    )
    required_fields = fields.Char(
        string="Required to Close",
        compute="_compute_required_fields",
        help="What the visit's rule asks for before the visit is done.",
    )
    company_id = fields.Many2one(related="visit_id.company_id", compute_sudo=False)
    problem_category_ids = fields.Many2many(
        "revisit.problem.category",
        string="Problem Categories",
        domain="[('company_id', 'in', [False, company_id])]",
    )

    @api.depends("visit_id")
    def _compute_required_fields(self):
        for wizard in self:
            wizard.required_fields = ", ".join(
                wizard.visit_id._close_required_fields().mapped("field_description")
            )

    @api.onchange("duration")
    def _onchange_duration_warning(self):
        return self.env["revisit.visit"]._duration_warning(
            self.visit_id.company_id, self.duration
        )

    def action_done(self):
        """Save the outcome on the visit and mark it done."""
        self.ensure_one()
        self.visit_id.check_access("write")
        self.visit_id.write(
            {
                "satisfaction": int(self.satisfaction),
                "feedback": self.feedback or self.visit_id.feedback,
                "problem": self.problem or self.visit_id.problem,
                "report": self.report or self.visit_id.report,
                "duration": self.duration or self.visit_id.duration,
                "followup_method": self.followup_method
                or self.visit_id.followup_method,
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
        self.visit_id.action_done()
        return self._closed_notification(
            self.env._(
                "%(visit)s is done: it left the visits to do; the Done filter "
                "finds it.",
                visit=self.visit_id.display_name,
            )
        )

    def action_unreachable(self):
        """The customer could not be reached: the visit's retry rules apply."""
        self.ensure_one()
        self.visit_id.check_access("write")
        if self.feedback:
            self.visit_id.feedback = self.feedback
        self.visit_id.action_unreachable()
        return self._closed_notification(
            self.env._(
                "%(visit)s is marked unreachable: it left the visits to do; the "
                "Unreachable filter finds it.",
                visit=self.visit_id.display_name,
            )
        )

    def _closed_notification(self, message):
        """Close the dialog and say where the closed visit went: it leaves the
        visits to do on the staff's kanban."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
