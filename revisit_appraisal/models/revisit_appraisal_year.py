from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError


class RevisitAppraisalYear(models.Model):
    """An employee's year-end appraisal (年终考核): the year's confirmed monthly
    appraisals give the grade, the grade the company's year-end bonus."""

    _name = "revisit.appraisal.year"
    _description = "Revisit Year-end Appraisal"
    _inherit = ["revisit.appraisal.period"]
    _period_months = 12

    reward_line_ids = fields.One2many(
        "revisit.appraisal.reward.line", "year_appraisal_id", string="Rewards"
    )

    _employee_year_uniq = models.UniqueIndex(
        "(employee_id, date_from)", "An employee has one year-end appraisal per year."
    )

    _reward_field = "year_appraisal_id"
    _bonus_fields = {
        "A": "revisit_appraisal_year_bonus_a",
        "B": "revisit_appraisal_year_bonus_b",
    }

    def _period_start_error(self):
        return self.env._("A year-end appraisal covers a year from 1 January.")

    @api.model
    def generate_for_year(self, year, company_id=None):
        """The year-end appraisal of every employee appraised in the year."""
        if not (isinstance(year, int) and 1900 < year < 3000):
            raise UserError(self.env._("Give a year to appraise, not %s.", year))
        company = self.env["res.company"].browse(company_id or self.env.company.id)
        return self._generate(date(year, 1, 1), company)
