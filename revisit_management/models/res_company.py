from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    revisit_retry_count = fields.Integer(
        string="Retries When Unreachable",
        default=2,
        help="How many retry visits are scheduled for an unreachable customer "
        "before giving up.",
    )
    revisit_min_interval_days = fields.Integer(
        string="Minimum Days Between Visits",
        default=7,
        help="Default minimum interval between two visits of the same customer.",
    )
    revisit_low_satisfaction = fields.Integer(
        string="Low Satisfaction Threshold",
        default=2,
        help="A visit scored at or below this satisfaction needs a follow-up visit.",
    )
    revisit_followup_days = fields.Integer(
        string="Follow-up After (Days)",
        default=3,
        help="Days between a visit needing a follow-up and the follow-up visit.",
    )
    revisit_notify_days_before = fields.Integer(
        string="Notify Customers (Days Before)",
        default=7,
        help="Customers of an approved plan are told of their visit this many days "
        "ahead.",
    )
    revisit_monthly_budget = fields.Monetary(
        string="Monthly Revisit Budget",
        currency_field="currency_id",
        help="Cost budget of revisits per month, used to appraise cost control.",
    )
