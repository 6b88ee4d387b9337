from odoo import fields, models


def _company_bonus(name):
    """The company's bonus ``name`` (``res_company._bonus``), set here by HR."""
    return fields.Monetary(
        related=f"company_id.{name}",
        currency_field="company_currency_id",
        readonly=False,
        groups="revisit_appraisal.group_revisit_appraisal_hr",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    company_currency_id = fields.Many2one(
        "res.currency",
        related="company_id.currency_id",
        string="Company Currency",
        readonly=True,
    )

    revisit_appraisal_bonus_a = _company_bonus("revisit_appraisal_bonus_a")
    revisit_appraisal_bonus_b = _company_bonus("revisit_appraisal_bonus_b")
    revisit_appraisal_penalty_percent = fields.Float(
        related="company_id.revisit_appraisal_penalty_percent",
        readonly=False,
        groups="revisit_appraisal.group_revisit_appraisal_hr",
    )
    revisit_appraisal_improvement_days = fields.Integer(
        related="company_id.revisit_appraisal_improvement_days", readonly=False
    )
    revisit_appraisal_cost_budget = fields.Monetary(
        related="company_id.revisit_appraisal_cost_budget",
        currency_field="company_currency_id",
        readonly=False,
    )
    revisit_appraisal_quarter_bonus_a = _company_bonus(
        "revisit_appraisal_quarter_bonus_a"
    )
    revisit_appraisal_quarter_bonus_b = _company_bonus(
        "revisit_appraisal_quarter_bonus_b"
    )
    revisit_appraisal_year_bonus_a = _company_bonus("revisit_appraisal_year_bonus_a")
    revisit_appraisal_year_bonus_b = _company_bonus("revisit_appraisal_year_bonus_b")
    revisit_appraisal_customer_target = fields.Integer(
        related="company_id.revisit_appraisal_customer_target", readonly=False
    )
