from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .input_check import check_values
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
        inverse="_inverse_deadline_days",
        help="The visit is due within this many days of the event. Changing it "
        "changes the window, e.g. 2 for a regulation's 'within two days'.",
    )
    method = fields.Selection(METHODS, help="Leave empty to use the rule's method.")
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)

    @api.depends("offset_days", "window_days")
    def _compute_deadline_days(self):
        for step in self:
            step.deadline_days = step.offset_days + step.window_days

    def _inverse_deadline_days(self):
        for step in self:
            if step.deadline_days < step.offset_days:
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: the visit cannot be due before its planned "
                        "day (%(days)s days after the event).",
                        step=step.name,
                        days=step.offset_days,
                    )
                )
            step.window_days = step.deadline_days - step.offset_days

    def _deadline(self, event_date):
        """Last day of the step's window for an event of that date."""
        self.ensure_one()
        return event_date + timedelta(days=self.offset_days + self.window_days)

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, [vals])
        return super().write(vals)

    @api.constrains("offset_days", "window_days")
    def _check_days(self):
        for step in self:
            if not (0 <= step.offset_days <= 3650 and 0 <= step.window_days <= 3650):
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: the days after the event and the window "
                        "lie between 0 and 3650.",
                        step=step.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_last_step(self):
        for rule in self.rule_id:
            if not rule.step_ids - self and rule._needs_steps():
                raise UserError(
                    self.env._(
                        "Rule %(rule)s needs at least one step: archive the rule "
                        "instead.",
                        rule=rule.name,
                    )
                )
