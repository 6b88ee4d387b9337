from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round

from .revisit_appraisal import (
    FIXED_ONCE_COMPUTED,
    GRADES,
    HR_GROUP,
    SUPERVISOR_GROUP,
    check_current_company,
    check_separation,
    reopen_with_reason,
)

# computed or set by the workflow buttons: never typed in
PERIOD_COMPUTED_FIELDS = (
    "score",
    "month_count",
    "state",
    "reviewer_id",
    "review_date",
    "confirm_user_id",
    "confirm_date",
    "compute_user_id",
)


class RevisitAppraisalPeriod(models.AbstractModel):
    """An appraisal over several months computed from the confirmed monthly
    appraisals (美容医院 第五章2: 每月考核、季度奖励、年终考核).

    The concrete models set ``_period_months`` and the company's bonuses.
    """

    _name = "revisit.appraisal.period"
    _description = "Revisit Appraisal over Several Months"
    _inherit = [
        "revisit.company.lang.mixin",
        "revisit.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_from desc, score desc, id"
    _check_company_auto = True
    _workflow_fields = PERIOD_COMPUTED_FIELDS
    _workflow_birth_states = ("draft",)
    _workflow_frozen_fields = {
        "computed": FIXED_ONCE_COMPUTED,
        "reviewed": FIXED_ONCE_COMPUTED,
        "confirmed": ("__all__",),
    }
    _period_months = 3

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", string="User", store=True, index=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", string="Department", store=True
    )
    date_from = fields.Date(string="Period Start", required=True, index=True)
    date_to = fields.Date(string="Period End", compute="_compute_date_to", store=True)
    appraisal_ids = fields.Many2many(
        "revisit.appraisal",
        compute="_compute_appraisal_ids",
        string="Monthly Appraisals",
        help="The employee's confirmed monthly appraisals of the period.",
    )
    compute_user_id = fields.Many2one(
        "res.users",
        string="Computed By",
        readonly=True,
        copy=False,
        help="Who last computed the score: somebody else confirms it.",
    )
    month_count = fields.Integer(
        string="Months Appraised",
        readonly=True,
        help="Confirmed monthly appraisals the score was computed from.",
    )
    score = fields.Float(digits=(5, 2), readonly=True, tracking=True, aggregator="avg")
    grade = fields.Selection(GRADES, compute="_compute_grade", store=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("reviewed", "Reviewed"),
            ("confirmed", "Confirmed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Text(string="Supervisor's Comment")
    reviewer_id = fields.Many2one("res.users", readonly=True, copy=False)
    review_date = fields.Date(readonly=True, copy=False)
    confirm_user_id = fields.Many2one(
        "res.users", string="Confirmed By", readonly=True, copy=False
    )
    confirm_date = fields.Date(readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("employee_id.name", "date_from")
    def _compute_name(self):
        for record in self:
            period = record.date_from and record._period_label()
            record.name = f"{record.employee_id.name or ''} {period or ''}".strip()

    def _period_label(self):
        return self.date_from.strftime("%Y")

    @api.depends("date_from")
    def _compute_date_to(self):
        for record in self:
            record.date_to = record.date_from and (
                record.date_from + relativedelta(months=self._period_months, days=-1)
            )

    @api.depends("employee_id", "date_from", "date_to")
    def _compute_appraisal_ids(self):
        for record in self:
            record.appraisal_ids = record._monthly_appraisals()

    @api.depends("score", "month_count")
    def _compute_grade(self):
        Appraisal = self.env["revisit.appraisal"]
        for record in self:
            record.grade = (
                Appraisal._grade_for_score(record.score)
                if record.month_count
                else False
            )

    @api.depends("reward_line_ids.amount", "reward_line_ids.state")
    def _compute_bonus_amount(self):
        for record in self:
            record.bonus_amount = sum(
                record.reward_line_ids.filtered(
                    lambda r: r.state != "cancelled" and r.kind == "bonus"
                ).mapped("amount")
            )

    @api.constrains("date_from")
    def _check_date_from(self):
        for record in self:
            if record.date_from.day != 1 or (
                (record.date_from.month - 1) % self._period_months
            ):
                raise ValidationError(record._period_start_error())

    def _period_start_error(self):
        raise NotImplementedError

    # --- protection of confirmed results -------------------------------------

    def write(self, vals):
        if set(vals) - {"message_main_attachment_id"}:
            # even as superuser: only the workflow (_write_workflow) moves it
            self._check_not_locked()
        return super().write(vals)

    def _workflow_raise(self, names):
        raise UserError(
            self.env._(
                "%(fields)s are computed from the monthly appraisals or set by "
                "the buttons.",
                fields=self._workflow_label(names),
            )
        )

    def _workflow_raise_frozen(self, names):
        self._check_not_locked()
        return super()._workflow_raise_frozen(names)

    def _check_not_locked(self):
        confirmed = self.filtered(lambda r: r.state == "confirmed")
        if confirmed:
            raise UserError(
                self.env._(
                    "%(name)s is confirmed: HR must reopen it before it can change.",
                    name=confirmed[0].display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_not_locked()
        if self.reward_line_ids.filtered(lambda r: r.state == "paid"):
            raise UserError(self.env._("An appraisal with paid rewards is kept."))

    def _check_hr(self):
        if not self.env.user.has_group(HR_GROUP):
            raise AccessError(
                self.env._(
                    "Only HR (Revisit Appraisal) confirms and reopens appraisals."
                )
            )

    def _write_workflow(self, vals):
        return super(RevisitAppraisalPeriod, self.sudo()).write(vals)

    # --- computation -----------------------------------------------------------

    def _monthly_appraisals(self):
        self.ensure_one()
        if not (self.employee_id and self.date_from):
            return self.env["revisit.appraisal"]
        return (
            self.env["revisit.appraisal"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", self.employee_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("date_from", ">=", self.date_from),
                    ("date_from", "<=", self.date_to),
                    ("state", "in", ("confirmed", "locked")),
                ],
                order="date_from",
            )
        )

    def action_compute(self):
        """Score: the average of the period's confirmed monthly scores."""
        self._check_not_locked()
        self.check_access("write")
        for record in self:
            check_current_company(self.env, record.company_id)
            months = record._monthly_appraisals()
            score = (
                float_round(
                    sum(months.mapped("score")) / len(months), precision_digits=2
                )
                if months
                else 0.0
            )
            record._write_workflow(
                {
                    "score": score,
                    "month_count": len(months),
                    "state": "computed",
                    "compute_user_id": self.env.uid,
                }
            )
        return True

    @api.model
    def _generate(self, date_from, company):
        """Create or recompute the period's record of every employee with a
        confirmed monthly appraisal in it."""
        self._check_hr()
        check_current_company(self.env, company)
        date_to = date_from + relativedelta(months=self._period_months, days=-1)
        employees = (
            self.env["revisit.appraisal"]
            .search(
                [
                    ("company_id", "=", company.id),
                    ("date_from", ">=", date_from),
                    ("date_from", "<=", date_to),
                    ("state", "in", ("confirmed", "locked")),
                ]
            )
            .employee_id
        )
        records = self.search(
            [("employee_id", "in", employees.ids), ("date_from", "=", date_from)]
        )
        records |= self.create(
            [
                {
                    "employee_id": employee.id,
                    "date_from": date_from,
                    "company_id": company.id,
                }
                for employee in employees - records.employee_id
            ]
        )
        records.filtered(lambda r: r.state in ("draft", "computed")).action_compute()
        return records

    # --- workflow --------------------------------------------------------------

    def action_review(self):
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(self.env._("Only supervisors review appraisals."))
        if self.filtered(lambda r: r.state != "computed"):
            raise UserError(self.env._("Only computed appraisals can be reviewed."))
        self.check_access("write")
        # sudo: HR without employee rights reads the employees' public profile
        user = self.env.user.sudo()
        heads = user.employee_ids.parent_id | user.employee_ids.department_id.manager_id
        for record in self.sudo():
            if record.employee_id.user_id == user or record.employee_id in heads:
                raise UserError(
                    self.env._(
                        "Nobody reviews their own appraisal or their head's: %(name)s.",
                        name=record.display_name,
                    )
                )
        self._write_workflow(
            {
                "state": "reviewed",
                "reviewer_id": user.id,
                "review_date": self.env.company._revisit_today(),
            }
        )
        return True

    def action_confirm(self):
        """HR confirms: the grade is final and its bonus is issued."""
        self._check_hr()
        if self.filtered(lambda r: r.state != "reviewed"):
            raise UserError(self.env._("Only reviewed appraisals can be confirmed."))
        ungraded = self.filtered(lambda r: not r.grade)
        if ungraded:
            raise UserError(
                self.env._(
                    "%(name)s has no confirmed monthly appraisal: confirm the "
                    "months and compute it again.",
                    name=ungraded[0].display_name,
                )
            )
        check_separation(self, self.env.user)
        # issued by the workflow, once _check_hr() named who confirms
        RewardLine = self.env["revisit.appraisal.reward.line"].sudo()
        for record in self:
            amount = record._bonus_for_grade()
            if amount:
                RewardLine.create(
                    {
                        record._reward_field: record.id,
                        "kind": "bonus",
                        "amount": amount,
                        "date": record.date_to,
                        "state": "confirmed",
                    }
                )
            record._write_workflow(
                {
                    "state": "confirmed",
                    "confirm_user_id": self.env.user.id,
                    "confirm_date": record.company_id._revisit_today(),
                }
            )
        return True

    def _bonus_for_grade(self):
        raise NotImplementedError

    def action_reopen(self, reason=None):
        """HR reopens a confirmed record for correction, with a reason."""
        self._check_hr()
        if self.filtered(lambda r: r.state != "confirmed"):
            raise UserError(self.env._("Only confirmed appraisals can be reopened."))
        return reopen_with_reason(self, reason)
