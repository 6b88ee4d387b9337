from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

MONTHS = [(str(month), str(month)) for month in range(1, 13)]


class RevisitAppraisalRunWizard(models.TransientModel):
    """Run the monthly appraisal of every revisit employee of a company, or
    the quarterly rewards or year-end appraisals of those appraised."""

    _name = "revisit.appraisal.run.wizard"
    _description = "Run Monthly Revisit Appraisal"

    year = fields.Integer(required=True, default=lambda self: self._last_month().year)
    month = fields.Selection(MONTHS, default=lambda self: str(self._last_month().month))
    period = fields.Selection(
        [
            ("month", "Monthly Appraisal"),
            ("quarter", "Quarterly Reward"),
            ("year", "Year-end Appraisal"),
        ],
        required=True,
        default="month",
    )
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        default=lambda self: str((self._last_month().month - 1) // 3 + 1),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def _last_month(self):
        return self.env.company._revisit_today() + relativedelta(months=-1)

    def action_run(self):
        self.ensure_one()
        if self.period == "quarter":
            records = self.env["revisit.appraisal.quarter"].generate_for_quarter(
                self.year, int(self.quarter or 0), company_id=self.company_id.id
            )
            xmlid = "revisit_appraisal.revisit_appraisal_quarter_action"
        elif self.period == "year":
            records = self.env["revisit.appraisal.year"].generate_for_year(
                self.year, company_id=self.company_id.id
            )
            xmlid = "revisit_appraisal.revisit_appraisal_year_action"
        else:
            records = self.env["revisit.appraisal"].generate_for_month(
                self.year, int(self.month), company_id=self.company_id.id
            )
            xmlid = "revisit_appraisal.revisit_appraisal_action"
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {}
        return action
