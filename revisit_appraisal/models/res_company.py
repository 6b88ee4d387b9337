from odoo import api, fields, models

DEFAULT_CRITERIA = (
    "criterion_timeliness",
    "criterion_plan_completion",
    "criterion_process",
    "criterion_content",
    "criterion_records",
    "criterion_cost",
)


class ResCompany(models.Model):
    """Appraisal rewards and budget per company (客户回访考核实施细则 第5条)."""

    _inherit = "res.company"

    revisit_appraisal_bonus_a = fields.Monetary(
        string="Bonus for Grade A",
        currency_field="currency_id",
        default=500.0,
        groups="revisit_appraisal.group_revisit_appraisal_hr",
    )
    revisit_appraisal_bonus_b = fields.Monetary(
        string="Bonus for Grade B",
        currency_field="currency_id",
        default=300.0,
        groups="revisit_appraisal.group_revisit_appraisal_hr",
    )
    revisit_appraisal_penalty_percent = fields.Float(
        string="Penalty for Two Consecutive E (%)",
        digits=(5, 2),
        default=10.0,
        groups="revisit_appraisal.group_revisit_appraisal_hr",
        help="Share of the monthly performance pay deducted when an employee is "
        "graded E two months in a row.",
    )
    revisit_appraisal_improvement_days = fields.Integer(
        string="Improvement Deadline (Days)",
        default=30,
        help="Days given to an employee graded E to improve.",
    )
    revisit_appraisal_cost_budget = fields.Monetary(
        string="Monthly Revisit Cost Budget per Employee",
        currency_field="currency_id",
        default=1000.0,
        help="Visit costs within this budget score 100 on the cost control "
        "criterion; the score falls linearly to 0 at twice the budget.",
    )

    _revisit_appraisal_amounts_positive = models.Constraint(
        "CHECK(revisit_appraisal_bonus_a >= 0 AND revisit_appraisal_bonus_b >= 0 "
        "AND revisit_appraisal_cost_budget >= 0 "
        "AND revisit_appraisal_improvement_days >= 0 "
        "AND revisit_appraisal_penalty_percent >= 0 "
        "AND revisit_appraisal_penalty_percent <= 100)",
        "Appraisal bonuses, budget and deadline cannot be negative, and the "
        "penalty lies between 0 and 100 %.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """New companies start with the default criteria of 第3条."""
        companies = super().create(vals_list)
        defaults = self.env["revisit.appraisal.criterion"].sudo()
        for xmlid in DEFAULT_CRITERIA:
            defaults |= self.env.ref(
                f"revisit_appraisal.{xmlid}", raise_if_not_found=False
            )
        for company in companies:
            for criterion in defaults:
                criterion.copy({"company_id": company.id})
        return companies
