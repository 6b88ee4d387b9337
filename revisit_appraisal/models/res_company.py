from odoo import api, fields, models

# the default criteria (their xmlid: criterion_<code>) and their weights: as
# shipped (第3条: the six; the three of the clinic shipped inactive), and in the
# clinic preset. 美容医院 第五章2 「将顾客服务满意度纳入绩效考核体系」 and 5.2
# 「绩效考核应包括回访客户的数量、满意度、问题解决率」: the clinic preset weighs the
# three criteria shipped inactive beside the six of 第3条 (weights sum to 100).
CRITERIA_WEIGHTS = {
    # code: (shipped, clinic preset)
    "timeliness": (20.0, 15.0),
    "plan_completion": (20.0, 15.0),
    "process": (15.0, 10.0),
    "content": (15.0, 10.0),
    "records": (15.0, 10.0),
    "cost": (15.0, 10.0),
    "satisfaction": (15.0, 15.0),
    "customers": (5.0, 5.0),
    "problem_resolution": (10.0, 10.0),
}
SHIPPED_WEIGHTS = {code: weights[0] for code, weights in CRITERIA_WEIGHTS.items()}
CLINIC_PRESET = {code: weights[1] for code, weights in CRITERIA_WEIGHTS.items()}
SHIPPED_INACTIVE = ("satisfaction", "customers", "problem_resolution")
DEFAULT_CRITERIA = tuple(f"criterion_{code}" for code in CRITERIA_WEIGHTS)


def _bonus(string, default):
    """A bonus of a grade: an amount in the company's currency that HR sets."""
    return fields.Monetary(
        string=string,
        currency_field="currency_id",
        default=default,
        groups="revisit_appraisal.group_revisit_appraisal_hr",
    )


class ResCompany(models.Model):
    """Appraisal rewards and budget per company (客户回访考核实施细则 第5条)."""

    _inherit = "res.company"

    revisit_appraisal_bonus_a = _bonus("Bonus for Grade A", 500.0)
    revisit_appraisal_bonus_b = _bonus("Bonus for Grade B", 300.0)
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

    revisit_appraisal_quarter_bonus_a = _bonus("Quarterly Bonus for Grade A", 1000.0)
    revisit_appraisal_quarter_bonus_b = _bonus("Quarterly Bonus for Grade B", 600.0)
    revisit_appraisal_year_bonus_a = _bonus("Year-end Bonus for Grade A", 3000.0)
    revisit_appraisal_year_bonus_b = _bonus("Year-end Bonus for Grade B", 1500.0)
    revisit_appraisal_customer_target = fields.Integer(
        string="Customers to Revisit per Month",
        default=20,
        help="Customers an employee should revisit in a month: the number of "
        "customers revisited criterion scores their share of it (100 at the "
        "target or above).",
    )

    _revisit_appraisal_customer_target_positive = models.Constraint(
        "CHECK(revisit_appraisal_customer_target >= 0 "
        "AND revisit_appraisal_quarter_bonus_a >= 0 "
        "AND revisit_appraisal_quarter_bonus_b >= 0 "
        "AND revisit_appraisal_year_bonus_a >= 0 "
        "AND revisit_appraisal_year_bonus_b >= 0)",
        "The monthly number of customers to revisit and the quarterly and "
        "year-end bonuses cannot be negative.",
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
        """New companies start with the default criteria of 第3条, as shipped
        (whatever regulation the main company, which holds the templates,
        applied)."""
        companies = super().create(vals_list)
        companies._revisit_appraisal_give_default_criteria()
        return companies

    def _revisit_appraisal_give_default_criteria(self):
        """Copy the shipped criteria, with their shipped weights, into these
        companies."""
        defaults = self._revisit_appraisal_default_criteria().values()
        for company in self:
            for criterion in defaults:
                criterion.copy(
                    {
                        "company_id": company.id,
                        "active": criterion.code not in SHIPPED_INACTIVE,
                        "weight": SHIPPED_WEIGHTS.get(criterion.code, criterion.weight),
                    }
                )

    @api.model
    def _revisit_demo_apply_preset(self, preset=None):
        """Demo: a demo company made before this addon was installed (the
        property manager) gets the shipped criteria before its regulation
        weighs them."""
        Criterion = self.env["revisit.appraisal.criterion"].sudo()
        self._revisit_demo_companies().filtered(
            lambda c: (
                not Criterion.with_context(active_test=False).search_count(
                    [("company_id", "=", c.id)], limit=1
                )
            )
        )._revisit_appraisal_give_default_criteria()
        return super()._revisit_demo_apply_preset(preset)

    def _revisit_appraisal_default_criteria(self):
        """The shipped criteria templates, by code."""
        templates = self.env["revisit.appraisal.criterion"].sudo()
        for xmlid in DEFAULT_CRITERIA:
            templates |= self.env.ref(
                f"revisit_appraisal.{xmlid}", raise_if_not_found=False
            )
        return {criterion.code: criterion for criterion in templates}

    def _revisit_preset_changes(self, preset):
        """Regulations that count satisfaction, customers revisited and the
        problem-resolution rate (R140, R144: 美容医院 第五章2, 客户回访管理制度
        5.2, 设备回访 第十条, 回访中心 方案 6) weigh the nine criteria as
        CLINIC_PRESET; the others keep the six of 第3条."""
        changes = super()._revisit_preset_changes(preset)
        if preset not in ("clinic", "property", "aftersales"):
            return changes
        criteria = (
            self.env["revisit.appraisal.criterion"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "=", self.id)], order="sequence, id")
        )
        for criterion in criteria:
            weight = CLINIC_PRESET.get(criterion.code)
            if weight is None:
                changes.append((criterion, "active", False))
            else:
                changes += [(criterion, "active", True), (criterion, "weight", weight)]
        return changes
