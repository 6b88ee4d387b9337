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
