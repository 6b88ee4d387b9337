from odoo import fields, models


class RevisitRuleStep(models.Model):
    _inherit = "revisit.rule.step"

    call_guide = fields.Html(
        string="Caller's Guide",
        translate=True,
        help="Replaces the rule's guide on the visits of this step.",
    )
