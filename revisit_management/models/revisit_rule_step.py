from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .revisit_rule import METHODS


class RevisitRuleStep(models.Model):
    """One visit of a rule: so many days after the event, within a window."""

    _name = "revisit.rule.step"
    _description = "Revisit Rule Step"
    _order = "rule_id, offset_days, id"

    rule_id = fields.Many2one(
        "revisit.rule", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    offset_days = fields.Integer(
        string="Days After Event",
        required=True,
        default=0,
        help="The visit is planned this many days after the event: the first day "
        "of its window.",
    )
    window_days = fields.Integer(
        string="Window (Days)",
        required=True,
        default=3,
        help="Days the visit may move after its planned day (rest days, "
        "do-not-disturb, other visits). The deadline, planned day + window, is "
        "the regulation's: 'within 3 days' ends 3 days after the event.",
    )
    deadline_days = fields.Integer(
        string="Within (Days)",
        compute="_compute_deadline_days",
        help="The visit is due within this many days of the event.",
    )
    method = fields.Selection(METHODS, help="Leave empty to use the rule's method.")
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)

    @api.depends("offset_days", "window_days")
    def _compute_deadline_days(self):
        for step in self:
            step.deadline_days = step.offset_days + step.window_days

    def _deadline(self, event_date):
        """Last day of the step's window for an event of that date."""
        self.ensure_one()
        return event_date + timedelta(days=self.offset_days + self.window_days)

    @api.constrains("offset_days", "window_days")
    def _check_days(self):
        for step in self:
            if step.offset_days < 0 or step.window_days < 0:
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: the days after the event and the window "
                        "cannot be negative.",
                        step=step.name,
                    )
                )
