from odoo import api, fields, models
from odoo.exceptions import UserError


class RevisitAppraisalLine(models.Model):
    """The score of one criterion on one appraisal."""

    _name = "revisit.appraisal.line"
    _description = "Revisit Appraisal Criterion Score"
    _order = "appraisal_id, sequence, id"
    _check_company_auto = True

    appraisal_id = fields.Many2one(
        "revisit.appraisal", required=True, index=True, ondelete="cascade"
    )
    criterion_id = fields.Many2one(
        "revisit.appraisal.criterion",
        required=True,
        ondelete="restrict",
        check_company=True,
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    source = fields.Selection(related="criterion_id.source")
    weight = fields.Float(related="criterion_id.weight", digits=(5, 2))
    score = fields.Float(digits=(5, 2))
    weighted_score = fields.Float(
        compute="_compute_weighted_score",
        store=True,
        digits=(5, 2),
        help="Points this criterion brings out of its weight.",
    )
    flagged_missing = fields.Boolean(
        string="No Data",
        help="No visit or no spot check this month: the criterion is left out of "
        "the total.",
    )
    employee_id = fields.Many2one(related="appraisal_id.employee_id", store=True)
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )

    @api.depends("score", "criterion_id.weight", "flagged_missing")
    def _compute_weighted_score(self):
        for line in self:
            line.weighted_score = (
                0.0 if line.flagged_missing else line.score * line.weight / 100.0
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_computed()
        lines = super().create(vals_list)
        lines.appraisal_id._check_not_locked()
        return lines

    def write(self, vals):
        self._check_computed()
        self.appraisal_id._check_not_locked()
        return super().write(vals)

    def _check_computed(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Criterion scores are computed: use Compute, or record a spot "
                    "check."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self.appraisal_id._check_not_locked()
