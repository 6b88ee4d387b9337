from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .revisit_scales import SCALES


class RevisitRule(models.Model):
    """How the rule's visits reach the customer and score the answer."""

    _inherit = "revisit.rule"

    satisfaction_scale = fields.Selection(
        SCALES,
        help="The scale the customers answer on; empty: the questionnaire's, "
        "else stars.",
    )
    low_reason_required = fields.Boolean(
        string="Ask the Reason of a Low Score",
        help="A visit scored low closes only with the customer's reason.",
    )
    reask_hours = fields.Integer(
        string="Ask Again After (Hours)",
        default=24,
        help="An unanswered questionnaire is sent again once after this delay, "
        "in the customer's contact hours (0: never).",
    )
    fallback_sms = fields.Boolean(
        string="Questionnaire by SMS When Unreachable",
        help="A phone visit still unreachable after its retries sends the "
        "customer the questionnaire by SMS.",
    )

    @api.constrains("reask_hours")
    def _check_reask_hours(self):
        for rule in self:
            if not 0 <= rule.reask_hours <= 24 * 30:
                raise ValidationError(
                    self.env._(
                        "Ask again after 0 (never) to 720 hours (30 days), not "
                        "%(hours)s.",
                        hours=rule.reask_hours,
                    )
                )
