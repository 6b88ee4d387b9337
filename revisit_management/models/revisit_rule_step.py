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
        help="The visit is scheduled this many days after the event.",
    )
    window_days = fields.Integer(
        string="Window (Days)",
        required=True,
        default=3,
        help="Days allowed after the scheduled date: the visit's deadline.",
    )
    method = fields.Selection(METHODS, help="Leave empty to use the rule's method.")
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)

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
