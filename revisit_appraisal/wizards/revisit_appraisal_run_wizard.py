from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

MONTHS = [(str(month), str(month)) for month in range(1, 13)]


class RevisitAppraisalRunWizard(models.TransientModel):
    """Run the monthly appraisal of every revisit employee of a company."""

    _name = "revisit.appraisal.run.wizard"
    _description = "Run Monthly Revisit Appraisal"

    year = fields.Integer(required=True, default=lambda self: self._last_month().year)
    month = fields.Selection(
        MONTHS, required=True, default=lambda self: str(self._last_month().month)
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def _last_month(self):
        return self.env.company._revisit_today() + relativedelta(months=-1)

    def action_run(self):
        self.ensure_one()
        appraisals = self.env["revisit.appraisal"].generate_for_month(
            self.year, int(self.month), company_id=self.company_id.id
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "revisit_appraisal.revisit_appraisal_action"
        )
        action["domain"] = [("id", "in", appraisals.ids)]
        action["context"] = {}
        return action
