from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.revisit_management.models.revisit_scales import answer_sql
from odoo.addons.revisit_management.models.revisit_visit_states import on_time_sql
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare, float_round

from .revisit_appraisal_period_mixin import HR_GROUP

# 第4条: a grade applies strictly above its floor: A > 90, B > 80 ... E <= 60.
GRADE_FLOORS = [("A", 90.0), ("B", 80.0), ("C", 70.0), ("D", 60.0)]
LOCKED_STATES = ("confirmed", "locked")
# computed or set by the workflow buttons: never typed in
COMPUTED_FIELDS = (
    "score",
    "missing_count",
    "visit_count",
    "cost_total",
    "state",
    "reviewer_id",
    "review_date",
    "confirm_user_id",
    "confirm_date",
    "compute_user_id",
)
# what an appraisal was computed for
FIXED_ONCE_COMPUTED = ("employee_id", "date_from", "company_id")


class RevisitAppraisal(models.Model):
    """One employee's revisit appraisal for one month (客户回访考核表)."""

    _name = "revisit.appraisal"
    _description = "Revisit Appraisal"
    _inherit = ["revisit.appraisal.period.mixin"]
    _workflow_fields = COMPUTED_FIELDS
    _locked_states = LOCKED_STATES
    # computed for one employee, month and company: those stay; a confirmed
    # month changes only once HR reopened it
    _workflow_frozen_fields = {
        "computed": FIXED_ONCE_COMPUTED,
        "reviewed": FIXED_ONCE_COMPUTED,
        "confirmed": ("__all__",),
        "locked": ("__all__",),
    }

    date_from = fields.Date(
        string="Month",
        required=True,
        index=True,
        default=lambda self: (
            self.env.company._revisit_today() + relativedelta(months=-1, day=1)
        ),
    )
    date_to = fields.Date(compute="_compute_date_to", store=True)
    line_ids = fields.One2many(
        "revisit.appraisal.line", "appraisal_id", string="Criteria Scores"
    )
    # the month alone is locked by HR once confirmed (``action_lock``)
    state = fields.Selection(
        selection_add=[("locked", "Locked")], ondelete={"locked": "set default"}
    )
    reward_line_ids = fields.One2many(
        "revisit.appraisal.reward.line", "appraisal_id", string="Rewards"
    )
    missing_count = fields.Integer(
        string="Criteria without Data",
        readonly=True,
        help="Criteria with no visit or no spot check in the month: they are left "
        "out of the total, which is weighted over the scored criteria.",
    )
    visit_count = fields.Integer(string="Visits", readonly=True)
    cost_total = fields.Monetary(string="Visit Costs", readonly=True)
    bonus_amount = fields.Monetary(
        compute="_compute_reward_amounts", store=True, groups=HR_GROUP
    )
    penalty_amount = fields.Monetary(
        compute="_compute_reward_amounts", store=True, groups=HR_GROUP
    )

    _employee_month_uniq = models.UniqueIndex(
        "(employee_id, date_from)", "An employee has one appraisal per month."
    )

    def _period_label(self):
        return self.date_from.strftime("%Y-%m")

    @api.depends("date_from")
    def _compute_date_to(self):
        for appraisal in self:
            appraisal.date_to = appraisal.date_from and appraisal.date_from + (
                relativedelta(day=31)
            )

    @api.depends("score", "line_ids.flagged_missing")
    def _compute_grade(self):
        for appraisal in self:
            scored = appraisal.line_ids.filtered(lambda line: not line.flagged_missing)
            appraisal.grade = (
                self._grade_for_score(appraisal.score) if scored else False
            )

    @api.depends(
        "reward_line_ids.amount", "reward_line_ids.kind", "reward_line_ids.state"
    )
    def _compute_reward_amounts(self):
        for appraisal in self:
            lines = appraisal.reward_line_ids.filtered(lambda r: r.state != "cancelled")
            appraisal.bonus_amount = sum(
                lines.filtered(lambda r: r.kind == "bonus").mapped("amount")
            )
            appraisal.penalty_amount = sum(
                lines.filtered(lambda r: r.kind == "penalty").mapped("amount")
            )

    @api.model
    def _grade_for_score(self, score):
        """Grade of a 0-100 score, exact to the hundredth (第4条)."""
        for grade, floor in GRADE_FLOORS:
            if float_compare(score, floor, precision_digits=2) > 0:
                return grade
        return "E"

    @api.constrains("date_from")
    def _check_date_from(self):
        if any(appraisal.date_from.day != 1 for appraisal in self):
            raise ValidationError(
                self.env._(
                    "An appraisal covers a calendar month: it starts on the 1st."
                )
            )

    # --- protection of confirmed results -------------------------------------

    def write(self, vals):
        if vals.get("state") in LOCKED_STATES:
            raise UserError(
                self.env._("Use the Confirm and Lock buttons to confirm an appraisal.")
            )
        return super().write(vals)

    def _workflow_raise(self, names):
        """Scores come from the data and spot checks, the state from the
        buttons: a supervisor's judgement goes through a (logged) spot check."""
        raise UserError(
            self.env._(
                "%(fields)s of an appraisal are computed or set by its buttons; "
                "a supervisor's judgement is recorded as a spot check.",
                fields=self._workflow_label(names),
            )
        )

    # --- computation -----------------------------------------------------------

    def action_compute(self):
        """(Re)compute every criterion score, the total and the grade."""
        self._check_not_locked()
        self.check_access("write")
        for appraisal in self:
            self._check_current_company(appraisal.company_id)
        groups = defaultdict(lambda: self.browse())
        for appraisal in self:
            groups[appraisal.company_id, appraisal.date_from] |= appraisal
        for (company, date_from), appraisals in groups.items():
            appraisals._compute_month(company, date_from)
        return True

    def _compute_month(self, company, date_from):
        date_to = date_from + relativedelta(day=31)
        criteria = self.env["revisit.appraisal.criterion"]._get_company_criteria(
            company
        )
        stats = self._fetch_visit_stats(company, date_from, date_to)
        checks = {
            (employee.id, criterion.id): avg
            for employee, criterion, avg in self.env["revisit.appraisal.spot.check"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("company_id", "=", company.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["employee_id", "criterion_id"],
                ["score:avg"],
            )
        }
        budget = company.sudo().revisit_appraisal_cost_budget
        target = company.sudo().revisit_appraisal_customer_target
        self.line_ids.sudo().unlink()
        line_vals = []
        totals = {}
        for appraisal in self:
            stat = stats.get(appraisal.user_id.id, {})
            weighted = weights = 0.0
            missing = 0
            for criterion in criteria:
                if criterion.source == "spot_check":
                    score = checks.get((appraisal.employee_id.id, criterion.id))
                else:
                    score = self._computed_score(
                        criterion.code, stat, budget, customer_target=target
                    )
                if score is not None:
                    score = float_round(score, precision_digits=2)
                    weighted += criterion.weight * score
                    weights += criterion.weight
                else:
                    missing += 1
                line_vals.append(
                    {
                        "appraisal_id": appraisal.id,
                        "criterion_id": criterion.id,
                        "score": score or 0.0,
                        "flagged_missing": score is None,
                    }
                )
            totals[appraisal] = {
                "score": float_round(weighted / weights, precision_digits=2)
                if weights
                else 0.0,
                "visit_count": stat.get("total", 0),
                "cost_total": stat.get("cost", 0.0),
                "missing_count": missing,
                "state": "computed",
                "compute_user_id": self.env.uid,
            }
        self.env["revisit.appraisal.line"].sudo().create(line_vals)
        for appraisal, vals in totals.items():
            appraisal.sudo().with_context(tracking_disable=True).write(vals)

    @api.model
    def _computed_score(self, code, stat, budget, customer_target=0):
        """Score 0-100 of a computed criterion, or None when there is no data.

        - timeliness: visits done by their deadline (scheduled date when none)
          over the visits to do, unreachable ones left out;
        - plan_completion: done share of the visits from a plan, or of all the
          month's visits when none came from a plan;
        - records: done visits with satisfaction, feedback or report, and the
          customer's signature when on-site, over the done visits;
        - cost: 100 within the budget, falling linearly to 0 at twice the budget;
        - satisfaction: average satisfaction of the done visits scored by the
          customer, each on its scale (stars, NPS, CES) normalised to 0-100
          (five stars are 100);
        - customers: customers revisited (done visits) over the monthly target,
          at most 100;
        - problem_resolution: problems raised on done visits that a done
          follow-up visit closed without a new problem, over those problems
          (the statistics' problem resolution rate).
        """
        if not stat.get("total"):
            return None
        if code == "timeliness":
            return 100.0 * stat["on_time"] / stat["due"] if stat["due"] else None
        if code == "plan_completion":
            if stat["planned"]:
                return 100.0 * stat["planned_done"] / stat["planned"]
            return 100.0 * stat["done"] / stat["total"]
        if code == "records":
            return 100.0 * stat["complete"] / stat["done"] if stat["done"] else None
        if code == "cost":
            if not budget:
                return None
            return max(0.0, min(100.0, 100.0 * (2.0 - stat["cost"] / budget)))
        if code == "satisfaction":
            # the answers on the visits' own scales, normalised to 0-100
            if stat["satisfaction"] is None:
                return None
            return float(stat["satisfaction"])
        if code == "customers":
            if not customer_target:
                return None
            return min(100.0, 100.0 * stat["customers"] / customer_target)
        if code == "problem_resolution":
            if not stat["problems"]:
                return None
            return 100.0 * stat["problems_resolved"] / stat["problems"]
        return None

    def _fetch_visit_stats(self, company, date_from, date_to):
        """Visit figures per assigned user for the month, in one grouped query.

        Plain SQL on purpose: one query for all the employees whatever their
        number, and every active visit of the employee counts, whoever reads.
        """
        users = self.employee_id.user_id
        if not users:
            return {}
        self.env["revisit.visit"].flush_model()
        self.env["ir.attachment"].flush_model()
        self.env.cr.execute(
            SQL(
                """
            SELECT v.user_id,
                   COUNT(*) AS total,
                   COUNT(*) FILTER (WHERE v.state != 'unreachable') AS due,
                   COUNT(*) FILTER (WHERE %(on_time)s) AS on_time,
                   COUNT(*) FILTER (WHERE v.plan_id IS NOT NULL) AS planned,
                   COUNT(*) FILTER (
                       WHERE v.plan_id IS NOT NULL AND v.state = 'done'
                   ) AS planned_done,
                   COUNT(*) FILTER (WHERE v.state = 'done') AS done,
                   COUNT(*) FILTER (
                       WHERE v.state = 'done'
                         AND COALESCE(v.satisfaction, 0) > 0
                         AND (btrim(COALESCE(v.feedback, '')) != ''
                              OR btrim(regexp_replace(COALESCE(v.report, ''),
                                                      '<[^>]*>|&nbsp;', '', 'g')) != '')
                         AND (v.method != 'onsite' OR EXISTS (
                              SELECT 1 FROM ir_attachment a
                               WHERE a.res_model = 'revisit.visit'
                                 AND a.res_field = 'signature'
                                 AND a.res_id = v.id))
                   ) AS complete,
                   COALESCE(SUM(v.cost), 0) AS cost,
                   AVG(v.satisfaction_score) FILTER (
                       WHERE v.state = 'done' AND %(answer)s IS NOT NULL
                   ) AS satisfaction,
                   COUNT(DISTINCT v.partner_id) FILTER (
                       WHERE v.state = 'done'
                   ) AS customers,
                   COUNT(*) FILTER (
                       WHERE v.state = 'done' AND COALESCE(v.problem, '') != ''
                   ) AS problems,
                   COUNT(*) FILTER (
                       WHERE v.state = 'done' AND COALESCE(v.problem, '') != ''
                         AND EXISTS (
                              SELECT 1 FROM revisit_visit f
                               WHERE f.parent_visit_id = v.id
                                 AND f.state = 'done'
                                 AND COALESCE(f.problem, '') = '')
                   ) AS problems_resolved
              FROM revisit_visit v
             WHERE v.active
               AND v.state != 'cancelled'
               AND v.company_id = %(company)s
               AND v.user_id = ANY(%(users)s)
               AND v.scheduled_date BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY v.user_id
                """,
                on_time=on_time_sql("v"),
                answer=answer_sql("v"),
                company=company.id,
                users=users.ids,
                date_from=date_from,
                date_to=date_to,
            )
        )
        return {row["user_id"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def generate_for_month(self, year, month, company_id=None):
        """Create or recompute the month's appraisal of every revisit employee.

        Employees count when their user is a revisit user. Appraisals still in
        draft or computed are recomputed; reviewed, confirmed and locked ones
        are left as they are. Returns all the month's appraisals of these
        employees.
        """
        self._check_hr()
        if not (isinstance(month, int) and 1 <= month <= 12) or not (
            isinstance(year, int) and 1900 < year < 3000
        ):
            raise UserError(
                self.env._(
                    "Give a year and a month (1-12) to appraise, not "
                    "%(year)s-%(month)s.",
                    year=year,
                    month=month,
                )
            )
        company = (
            self.env["res.company"].browse(company_id)
            if company_id
            else self.env.company
        )
        self._check_current_company(company)
        date_from = date(year, month, 1)
        revisit_users = self.env.ref(
            "revisit_management.group_revisit_user"
        ).all_user_ids
        employees = self.env["hr.employee"].search(
            [("company_id", "=", company.id), ("user_id", "in", revisit_users.ids)]
        )
        appraisals = self.search(
            [("employee_id", "in", employees.ids), ("date_from", "=", date_from)]
        )
        missing = employees - appraisals.employee_id
        appraisals |= self.create(
            [
                {
                    "employee_id": employee.id,
                    "date_from": date_from,
                    "company_id": company.id,
                }
                for employee in missing
            ]
        )
        appraisals.filtered(lambda a: a.state in ("draft", "computed")).action_compute()
        return appraisals

    # --- workflow --------------------------------------------------------------

    @api.model
    def _employee_months(self, employee, date_from, date_to, company=None, states=None):
        """The employee's monthly appraisals starting from ``date_from`` to
        ``date_to``, of ``company`` and in ``states`` when given (read as the
        system: the callers say what they show of them)."""
        domain = [
            ("employee_id", "=", employee.id),
            ("date_from", ">=", date_from),
            ("date_from", "<=", date_to),
        ]
        if company:
            domain.append(("company_id", "=", company.id))
        if states:
            domain.append(("state", "in", states))
        return self.sudo().search(domain, order="date_from")

    def _ungraded_error(self):
        return self.env._(
            "Appraisal %(name)s has no scored criterion: add visits or spot "
            "checks and compute it again.",
            name=self.display_name,
        )

    def _after_confirm(self):
        # a confirmed E may bring the next month's penalty
        self.env["revisit.appraisal.reward.line"].sudo().with_context(
            revisit_late_penalty=True
        ).create(self._next_month_penalty())

    def _prepare_reward_lines(self):
        """Reward line values of 第5条 for this appraisal's grade."""
        self.ensure_one()
        company = self.company_id.sudo()
        base = {"appraisal_id": self.id, "date": self.date_to, "state": "confirmed"}
        if self.grade in ("A", "B"):
            amount = (
                company.revisit_appraisal_bonus_a
                if self.grade == "A"
                else company.revisit_appraisal_bonus_b
            )
            return [dict(base, kind="bonus", amount=amount)] if amount else []
        if self.grade != "E":
            return []
        vals = []
        quarter_start = self.date_from + relativedelta(
            month=(self.date_from.month - 1) // 3 * 3 + 1
        )
        RewardLine = self.env["revisit.appraisal.reward.line"]
        if not RewardLine.search_count(
            [
                ("employee_id", "=", self.employee_id.id),
                ("kind", "=", "improvement_order"),
                ("state", "!=", "cancelled"),
                ("date", ">=", quarter_start),
                ("date", "<", quarter_start + relativedelta(months=3)),
            ],
            limit=1,
        ):
            deadline = company._revisit_today() + relativedelta(
                days=company.revisit_appraisal_improvement_days
            )
            vals.append(dict(base, kind="improvement_order", deadline=deadline))
            if self.employee_id.user_id:
                self.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=deadline,
                    summary=self.env._("Improve your revisit work (grade E)"),
                    user_id=self.employee_id.user_id.id,
                )
        if self._previous_grade() == "E":
            vals.append(self._penalty_line_vals())
        return vals

    def _penalty_line_vals(self):
        """The penalty line of a second consecutive E (第5条)."""
        self.ensure_one()
        company = self.company_id.sudo()
        percent = company.revisit_appraisal_penalty_percent
        pay = self.employee_id.sudo().revisit_performance_pay
        return {
            "appraisal_id": self.id,
            "date": self.date_to,
            "state": "confirmed",
            "kind": "penalty",
            "percent": percent,
            "amount": self.currency_id.round(pay * percent / 100.0),
        }

    def _next_month_penalty(self):
        """When HR confirms an E after the next month's E was confirmed, the
        next month's penalty is issued now: the order of confirmation does not
        matter."""
        self.ensure_one()
        if self.grade != "E":
            return []
        following = self.search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("date_from", "=", self.date_from + relativedelta(months=1)),
                ("state", "in", LOCKED_STATES),
                ("grade", "=", "E"),
            ],
            limit=1,
        )
        if not following or following.reward_line_ids.filtered(
            lambda r: r.kind == "penalty" and r.state != "cancelled"
        ):
            return []
        return [following._penalty_line_vals()]

    def _previous_grade(self):
        """Grade of the employee's confirmed appraisal of the month before."""
        self.ensure_one()
        previous = self.search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("date_from", "=", self.date_from - relativedelta(months=1)),
                ("state", "in", LOCKED_STATES),
            ],
            limit=1,
        )
        return previous.grade

    def action_lock(self):
        self._check_hr()
        if self.filtered(lambda a: a.state != "confirmed"):
            raise UserError(self.env._("Only confirmed appraisals can be locked."))
        self._write_workflow({"state": "locked"})
        return True

    # --- payroll export ----------------------------------------------------------

    def action_export_xlsx(self):
        """Payroll sheet of the selected appraisals as an XLSX download."""
        self._check_hr()
        states = dict(self._fields["state"]._description_selection(self.env))
        Xlsx = self.env["revisit.visit.xlsx"]
        data = Xlsx._workbook(
            self.env._("Appraisals"),
            [
                (self.env._("Employee"), lambda a: a.employee_id.name or ""),
                (self.env._("Department"), lambda a: a.department_id.name or ""),
                (self.env._("Month"), lambda a: a.date_from.strftime("%Y-%m")),
                (self.env._("Score"), lambda a: a.score),
                (self.env._("Grade"), lambda a: a.grade or ""),
                (self.env._("Bonus"), lambda a: a.bonus_amount),
                (self.env._("Penalty"), lambda a: a.penalty_amount),
                (self.env._("Status"), lambda a: states[a.state]),
            ],
            self.sorted(lambda a: -a.score),
            number_format={5: "#,##0.00", 6: "#,##0.00"},
        )
        return Xlsx._download("revisit_appraisal_payroll.xlsx", data)
