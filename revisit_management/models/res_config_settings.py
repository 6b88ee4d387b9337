from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    revisit_tz = fields.Selection(related="company_id.revisit_tz", readonly=False)
    revisit_preset = fields.Selection(related="company_id.revisit_preset")
    revisit_plan_notify_customers = fields.Boolean(
        related="company_id.revisit_plan_notify_customers", readonly=False
    )
    revisit_close_required_field_ids = fields.Many2many(
        related="company_id.revisit_close_required_field_ids", readonly=False
    )
    revisit_onsite_technical = fields.Boolean(
        related="company_id.revisit_onsite_technical", readonly=False
    )
    revisit_retry_count = fields.Integer(
        related="company_id.revisit_retry_count", readonly=False
    )
    revisit_min_interval_days = fields.Integer(
        related="company_id.revisit_min_interval_days", readonly=False
    )
    revisit_low_satisfaction = fields.Integer(
        related="company_id.revisit_low_satisfaction", readonly=False
    )
    revisit_followup_days = fields.Integer(
        related="company_id.revisit_followup_days", readonly=False
    )
    revisit_notify_days_before = fields.Integer(
        related="company_id.revisit_notify_days_before", readonly=False
    )
    revisit_report_due_days = fields.Integer(
        related="company_id.revisit_report_due_days", readonly=False
    )
    revisit_rectification_days = fields.Integer(
        related="company_id.revisit_rectification_days", readonly=False
    )
    revisit_promise_reminder_days = fields.Integer(
        related="company_id.revisit_promise_reminder_days", readonly=False
    )
    revisit_followup_method = fields.Selection(
        related="company_id.revisit_followup_method", readonly=False
    )
    revisit_max_duration = fields.Float(
        related="company_id.revisit_max_duration", readonly=False
    )
    revisit_survey_valid_days = fields.Integer(
        related="company_id.revisit_survey_valid_days", readonly=False
    )
    revisit_new_customer_event = fields.Boolean(
        related="company_id.revisit_new_customer_event", readonly=False
    )
    revisit_quarter_plans = fields.Boolean(
        related="company_id.revisit_quarter_plans", readonly=False
    )
    revisit_survey_return_target = fields.Float(
        related="company_id.revisit_survey_return_target", readonly=False
    )
    revisit_monthly_budget = fields.Monetary(
        related="company_id.revisit_monthly_budget",
        currency_field="revisit_currency_id",
        readonly=False,
    )
    revisit_currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Revisit Currency"
    )
