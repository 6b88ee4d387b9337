from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from .revisit_appraisal import FIXED_ONCE_COMPUTED, LOCKED_STATES

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

    The concrete models set ``_period_months``, their reward lines' link
    (``_reward_field``) and the company's bonus fields (``_bonus_fields``).
    """

    _name = "revisit.appraisal.period"
    _description = "Revisit Appraisal over Several Months"
    _inherit = ["revisit.appraisal.period.mixin"]
    _workflow_fields = PERIOD_COMPUTED_FIELDS
    _workflow_frozen_fields = {
        "computed": FIXED_ONCE_COMPUTED,
        "reviewed": FIXED_ONCE_COMPUTED,
        "confirmed": ("__all__",),
    }
    _period_months = 3
    _bonus_fields = {}

    date_from = fields.Date(string="Period Start", required=True, index=True)
    date_to = fields.Date(string="Period End", compute="_compute_date_to", store=True)
    appraisal_ids = fields.Many2many(
        "revisit.appraisal",
        compute="_compute_appraisal_ids",
        string="Monthly Appraisals",
        help="The employee's confirmed monthly appraisals of the period.",
    )
    bonus_amount = fields.Monetary(
        compute="_compute_bonus_amount",
        store=True,
        groups="revisit_appraisal.group_revisit_appraisal_hr",
    )
    month_count = fields.Integer(
        string="Months Appraised",
        readonly=True,
        help="Confirmed monthly appraisals the score was computed from.",
    )

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

    def _workflow_raise(self, names):
        raise UserError(
            self.env._(
                "%(fields)s are computed from the monthly appraisals or set by "
                "the buttons.",
                fields=self._workflow_label(names),
            )
        )

    # --- computation -----------------------------------------------------------

    def _monthly_appraisals(self):
        self.ensure_one()
        if not (self.employee_id and self.date_from):
            return self.env["revisit.appraisal"]
        return self.env["revisit.appraisal"]._employee_months(
            self.employee_id,
            self.date_from,
            self.date_to,
            company=self.company_id,
            states=LOCKED_STATES,
        )

    def action_compute(self):
        """Score: the average of the period's confirmed monthly scores."""
        self._check_not_locked()
        self.check_access("write")
        for record in self:
            self._check_current_company(record.company_id)
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
        self._check_current_company(company)
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

    def _ungraded_error(self):
        return self.env._(
            "%(name)s has no confirmed monthly appraisal: confirm the "
            "months and compute it again.",
            name=self.display_name,
        )

    def _prepare_reward_lines(self):
        """The bonus of the grade (the company's, of the quarter or year)."""
        self.ensure_one()
        amount = self._bonus_for_grade()
        if not amount:
            return []
        return [
            {
                self._reward_field: self.id,
                "kind": "bonus",
                "amount": amount,
                "date": self.date_to,
                "state": "confirmed",
            }
        ]

    def _bonus_for_grade(self):
        """The company's bonus of the grade (``_bonus_fields``: the company's
        field of each grade with a bonus)."""
        field = self._bonus_fields.get(self.grade)
        return self.company_id.sudo()[field] if field else 0.0
