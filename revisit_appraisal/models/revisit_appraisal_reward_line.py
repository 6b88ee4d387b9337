from odoo import api, fields, models
from odoo.exceptions import UserError

HR_GROUP = "revisit_appraisal.group_revisit_appraisal_hr"


class RevisitAppraisalRewardLine(models.Model):
    """A bonus, a penalty or an improvement order issued by a confirmed monthly
    appraisal, or the bonus of a confirmed quarterly reward or year-end
    appraisal: all are paid the same way."""

    _name = "revisit.appraisal.reward.line"
    _description = "Revisit Appraisal Reward"
    _inherit = ["revisit.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # issued and paid by the appraisal's and the payslip's workflow
    _workflow_fields = ("state",)
    _workflow_birth_states = ("draft",)
    # an issued reward is paid or cancelled, never deleted
    _workflow_kept_states = ("confirmed", "paid")

    appraisal_id = fields.Many2one(
        "revisit.appraisal", index="btree_not_null", ondelete="cascade"
    )
    quarter_appraisal_id = fields.Many2one(
        "revisit.appraisal.quarter",
        string="Quarterly Reward",
        index="btree_not_null",
        ondelete="cascade",
    )
    year_appraisal_id = fields.Many2one(
        "revisit.appraisal.year",
        string="Year-end Appraisal",
        index="btree_not_null",
        ondelete="cascade",
    )
    employee_id = fields.Many2one(
        "hr.employee", compute="_compute_origin", store=True, index=True
    )
    grade = fields.Selection(
        [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D"), ("E", "E")],
        compute="_compute_grade",
    )
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
        "res.company", compute="_compute_origin", store=True, index=True
    )

    _amount_positive = models.Constraint(
        "CHECK(amount >= 0 AND percent >= 0 AND percent <= 100)",
        "A reward amount is positive and its percentage lies between 0 and 100.",
    )

    _one_origin = models.Constraint(
        "CHECK(num_nonnulls(appraisal_id, quarter_appraisal_id, year_appraisal_id)"
        " = 1)",
        "A reward comes from one monthly, quarterly or year-end appraisal.",
    )

    def _origin_record(self):
        self.ensure_one()
        return self.appraisal_id or self.quarter_appraisal_id or self.year_appraisal_id

    @api.depends(
        "appraisal_id.employee_id",
        "appraisal_id.company_id",
        "quarter_appraisal_id.employee_id",
        "quarter_appraisal_id.company_id",
        "year_appraisal_id.employee_id",
        "year_appraisal_id.company_id",
    )
    def _compute_origin(self):
        for line in self:
            origin = line._origin_record()
            line.employee_id = origin.employee_id
            line.company_id = origin.company_id

    @api.depends(
        "appraisal_id.grade", "quarter_appraisal_id.grade", "year_appraisal_id.grade"
    )
    def _compute_grade(self):
        for line in self:
            line.grade = line._origin_record().grade

    @api.depends("kind", "appraisal_id", "quarter_appraisal_id", "year_appraisal_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            line.display_name = (
                f"{kinds.get(line.kind, '')} {line._origin_record().name or ''}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # the penalty of a confirmed month whose previous month is confirmed
        # later is issued by the workflow itself (see _next_month_penalty)
        if not (self.env.su and self.env.context.get("revisit_late_penalty")):
            lines._check_origin_not_locked()
        return lines

    def write(self, vals):
        if set(vals) - set(self._workflow_fields):
            # even as superuser: a confirmed appraisal's rewards move only
            # along their workflow (cancelled, paid)
            self._check_origin_not_locked()
        return super().write(vals)

    def _check_origin_not_locked(self):
        self.appraisal_id._check_not_locked()
        self.quarter_appraisal_id._check_not_locked()
        self.year_appraisal_id._check_not_locked()

    def _workflow_frozen(self):
        """A reward of a confirmed appraisal changes only once HR reopened it."""
        origin = self._origin_record()
        if origin.state in ("confirmed", "locked"):
            return {"__all__"}
        return set()

    def _workflow_raise_frozen(self, names):
        self._check_origin_not_locked()
        return super()._workflow_raise_frozen(names)

    def _workflow_raise_kept(self):
        raise UserError(
            self.env._("Issued rewards are cancelled by reopening the appraisal.")
        )
