from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError


class RevisitAppraisalQuarter(models.Model):
    """An employee's quarterly reward (季度奖励): the quarter's confirmed monthly
    appraisals give the grade, the grade the company's quarterly bonus."""

    _name = "revisit.appraisal.quarter"
    _description = "Revisit Quarterly Reward"
    _inherit = ["revisit.appraisal.period"]
    _period_months = 3

    reward_line_ids = fields.One2many(
        "revisit.appraisal.reward.line", "quarter_appraisal_id", string="Rewards"
    )

    _employee_quarter_uniq = models.UniqueIndex(
        "(employee_id, date_from)", "An employee has one quarterly reward per quarter."
    )

    _reward_field = "quarter_appraisal_id"
    _bonus_fields = {
        "A": "revisit_appraisal_quarter_bonus_a",
        "B": "revisit_appraisal_quarter_bonus_b",
    }

    def _period_label(self):
        return f"{self.date_from.year} Q{(self.date_from.month - 1) // 3 + 1}"

    def _period_start_error(self):
        return self.env._("A quarter starts on 1 January, April, July or October.")

    @api.model
    def generate_for_quarter(self, year, quarter, company_id=None):
        """The quarterly reward of every employee appraised in the quarter."""
        if not (isinstance(quarter, int) and 1 <= quarter <= 4) or not (
            isinstance(year, int) and 1900 < year < 3000
        ):
            raise UserError(
                self.env._(
                    "Give a year and a quarter (1-4), not %(year)s Q%(quarter)s.",
                    year=year,
                    quarter=quarter,
                )
            )
        company = self.env["res.company"].browse(company_id or self.env.company.id)
        return self._generate(date(year, (quarter - 1) * 3 + 1, 1), company)
