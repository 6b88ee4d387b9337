from odoo import api, fields, models
from odoo.exceptions import UserError

HR_GROUP = "revisit_appraisal.group_revisit_appraisal_hr"


class RevisitAppraisalRewardLine(models.Model):
    """A bonus, a penalty or an improvement order issued by a confirmed appraisal."""

    _name = "revisit.appraisal.reward.line"
    _description = "Revisit Appraisal Reward"
    _order = "date desc, id desc"
    _check_company_auto = True

    appraisal_id = fields.Many2one(
        "revisit.appraisal", required=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    grade = fields.Selection(related="appraisal_id.grade")
    kind = fields.Selection(
        [
            ("bonus", "Bonus"),
            ("penalty", "Penalty"),
            ("improvement_order", "Improvement Order"),
        ],
        required=True,
    )
    amount = fields.Monetary(groups=HR_GROUP)
    percent = fields.Float(
        string="Percent of Performance Pay", digits=(5, 2), groups=HR_GROUP
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        required=True,
        index=True,
        help="The payslip whose period contains this date pays the line.",
    )
    deadline = fields.Date(string="Improvement Deadline")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("paid", "Paid"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )

    # Fields that still move once the appraisal is confirmed.
    _workflow_fields = {"state"}

    _amount_positive = models.Constraint(
        "CHECK(amount >= 0 AND percent >= 0 AND percent <= 100)",
        "A reward amount is positive and its percentage lies between 0 and 100.",
    )

    @api.depends("kind", "appraisal_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{kinds.get(line.kind, '')} {line.appraisal_id.name}"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # the penalty of a confirmed month whose previous month is confirmed
        # later is issued by the workflow itself (see _next_month_penalty)
        if not (self.env.su and self.env.context.get("revisit_late_penalty")):
            lines.appraisal_id._check_not_locked()
        return lines

    def write(self, vals):
        if set(vals) - self._workflow_fields:
            self.appraisal_id._check_not_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if self.filtered(lambda line: line.state in ("confirmed", "paid")):
            raise UserError(
                self.env._("Issued rewards are cancelled by reopening the appraisal.")
            )
