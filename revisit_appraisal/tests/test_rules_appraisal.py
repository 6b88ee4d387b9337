"""Rule-named tests of the appraisal rules of the regulations (seed 000:
美容医院 第五章2, 客户回访制度 5.2)."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import YEAR, RevisitAppraisalCommon

CLINIC_CODES = {
    "timeliness",
    "plan_completion",
    "process",
    "content",
    "records",
    "cost",
    "satisfaction",
    "customers",
    "problem_resolution",
}


@tagged("post_install", "-at_install")
class TestRulesAppraisalCriteria(RevisitAppraisalCommon):
    def test_r140_shipped_inactive_the_six_criteria_unchanged(self):
        """Out of the box the six criteria of 第3条 score the month: the
        satisfaction of the customers does not change the score."""
        Criterion = self.env["revisit.appraisal.criterion"].with_context(
            active_test=False
        )
        extra = Criterion.search(
            [
                ("company_id", "=", self.company.id),
                ("code", "in", ("satisfaction", "customers", "problem_resolution")),
            ]
        )
        self.assertEqual(len(extra), 3)
        self.assertFalse(any(extra.mapped("active")))
        self._visit(self.employee_user, 2, satisfaction=5)
        self._visit(self.employee2_user, 2, satisfaction=1)
        first, second = self._compute(self.employee), self._compute(self.employee2)
        self.assertEqual(len(first.line_ids), 6)
        self.assertEqual(first.score, second.score)

    def test_r140_clinic_preset_satisfaction_counts(self):
        """将顾客服务满意度纳入绩效考核体系: with the clinic preset a month of
        satisfied customers (5) scores more than one of dissatisfied ones (1)."""
        with self.assertRaises(AccessError):
            self.company.with_user(self.supervisor_user)._revisit_apply_preset("clinic")
        self._apply_preset("clinic")
        criteria = self.env["revisit.appraisal.criterion"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(set(criteria.mapped("code")), CLINIC_CODES)
        self.assertAlmostEqual(sum(criteria.mapped("weight")), 100.0)
        self._visit(self.employee_user, 2, satisfaction=5)
        self._visit(self.employee2_user, 2, satisfaction=1)
        satisfied, dissatisfied = (
            self._compute(self.employee),
            self._compute(self.employee2),
        )
        self.assertEqual(len(satisfied.line_ids), 9)
        self.assertEqual(self._line(satisfied, "satisfaction").score, 100.0)
        self.assertEqual(self._line(dissatisfied, "satisfaction").score, 20.0)
        self.assertGreater(satisfied.score, dissatisfied.score)
        # 80 of the satisfaction's 15 points lost, over the 70 points scored
        # (no spot check, no problem raised: those criteria are left out)
        self.assertAlmostEqual(
            satisfied.score - dissatisfied.score, 15 * 80 / 70, places=1
        )

    def test_r144_customers_revisited_count(self):
        """回访客户的数量: 12 customers revisited score more than 1 (monthly
        target 20 customers)."""
        self._apply_preset("clinic")
        self.company.revisit_appraisal_customer_target = 20
        for day in range(1, 13):
            self._visit(self.employee_user, day)
        self._visit(self.employee2_user, 1)
        busy, idle = self._compute(self.employee), self._compute(self.employee2)
        self.assertEqual(busy.visit_count, 12)
        self.assertEqual(self._line(busy, "customers").score, 60.0)
        self.assertEqual(self._line(idle, "customers").score, 5.0)
        self.assertGreater(busy.score, idle.score)
        # without the preset the number of visits changes nothing
        self.company.revisit_appraisal_customer_target = 0
        busy.action_compute()
        self.assertTrue(self._line(busy, "customers").flagged_missing)

    def test_r144_unsolved_problems_lower_the_score(self):
        """问题解决率: a problem raised on a visit and not closed by a follow-up
        lowers the score; once a follow-up visit closes it, it counts as solved."""
        self._apply_preset("clinic")
        visit = self._visit(self.employee_user, 2, problem="The scar itches.")
        self._visit(self.employee_user, 3)
        appraisal = self._compute(self.employee)
        self.assertEqual(self._line(appraisal, "problem_resolution").score, 0.0)
        unsolved = appraisal.score
        self.Visit.create(
            {
                "partner_id": visit.partner_id.id,
                "user_id": self.employee_user.id,
                "parent_visit_id": visit.id,
                "scheduled_date": date(YEAR, 6, 3),
                "state": "done",
                "done_date": date(YEAR, 6, 3),
                "satisfaction": 5,
                "feedback": "Healed",
                "method": "phone",
            }
        )
        appraisal.action_compute()
        self.assertEqual(self._line(appraisal, "problem_resolution").score, 100.0)
        self.assertGreater(appraisal.score, unsolved)
        # no problem raised: the criterion is left out, not scored 0
        self.assertTrue(
            self._line(
                self._compute(self.employee2), "problem_resolution"
            ).flagged_missing
        )


@tagged("post_install", "-at_install")
class TestRulesAppraisalPeriods(RevisitAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Quarter = cls.env["revisit.appraisal.quarter"]
        cls.Year = cls.env["revisit.appraisal.year"]
        cls.company.sudo().write(
            {
                "revisit_appraisal_quarter_bonus_a": 1000.0,
                "revisit_appraisal_quarter_bonus_b": 600.0,
                "revisit_appraisal_year_bonus_a": 3000.0,
                "revisit_appraisal_year_bonus_b": 1500.0,
            }
        )

    def _confirmed_months(self, employee, scores):
        """Confirmed monthly appraisals of ``employee``: {month: score}."""
        appraisals = self.Appraisal
        for month, score in scores.items():
            appraisal = self._appraise(employee, date(YEAR, month, 1), score)
            appraisal.with_user(self.hr_user).action_confirm()
            appraisals |= appraisal
        return appraisals

    def test_r142_quarterly_reward_from_the_months(self):
        """季度奖励: the quarter's confirmed months give the grade (the average
        of their scores), reviewed by the supervisor and confirmed by HR, who
        issues the quarterly bonus."""
        months = self._confirmed_months(self.employee, {4: 95, 5: 85, 6: 92})
        self._confirmed_months(self.employee2, {4: 75})
        # who computes does not confirm: another HR officer runs the quarter
        runner = new_test_user(
            self.env, "hr_runner", groups="revisit_appraisal.group_revisit_appraisal_hr"
        )
        quarters = self.Quarter.with_user(runner).generate_for_quarter(YEAR, 2)
        self.assertEqual(quarters.employee_id, self.employee | self.employee2)
        quarter = quarters.filtered(lambda q: q.employee_id == self.employee)
        self.assertEqual(quarter.state, "computed")
        self.assertEqual(quarter.date_from, date(YEAR, 4, 1))
        self.assertEqual(quarter.date_to, date(YEAR, 6, 30))
        self.assertEqual(quarter.appraisal_ids, months)
        self.assertEqual(quarter.month_count, 3)
        self.assertEqual(quarter.score, 90.67)
        self.assertEqual(quarter.grade, "A")
        self.assertEqual(quarter.name, f"Agent1 {YEAR} Q2")
        # the outcome moves only through the buttons
        with self.assertRaises(UserError):
            quarter.write({"score": 99})
        with self.assertRaises(UserError):
            quarter.action_confirm()
        with self.assertRaises(AccessError):
            quarter.with_user(self.employee_user).action_review()
        quarter.with_user(self.supervisor_user).action_review()
        with self.assertRaises(AccessError):
            quarter.with_user(self.supervisor_user).action_confirm()
        quarter.with_user(self.hr_user).action_confirm()
        self.assertEqual(quarter.state, "confirmed")
        bonus = quarter.reward_line_ids
        self.assertEqual(len(bonus), 1)
        self.assertEqual(
            (bonus.kind, bonus.amount, bonus.date, bonus.state),
            ("bonus", 1000.0, date(YEAR, 6, 30), "confirmed"),
        )
        self.assertEqual(bonus.employee_id, self.employee)
        self.assertEqual(quarter.bonus_amount, 1000.0)
        with self.assertRaises(UserError):
            quarter.note = "changed"
        # a C quarter earns nothing
        other = (quarters - quarter).with_env(self.env)
        self.assertEqual((other.month_count, other.grade), (1, "C"))
        other.action_review()
        other.action_confirm()
        self.assertFalse(other.reward_line_ids)
        # HR reopens: the unpaid bonus is cancelled
        quarter.with_user(self.hr_user).action_reopen(reason="Bonus scale changed")
        self.assertEqual(quarter.state, "computed")
        self.assertEqual(bonus.state, "cancelled")
        self.assertEqual(quarter.bonus_amount, 0.0)

    def test_r142_quarter_counts_confirmed_months_only(self):
        self._confirmed_months(self.employee, {1: 95})
        self._appraise(self.employee, date(YEAR, 2, 1), 50)  # reviewed only
        quarter = self.Quarter.create(
            {"employee_id": self.employee.id, "date_from": date(YEAR, 1, 1)}
        )
        quarter.action_compute()
        self.assertEqual((quarter.month_count, quarter.score), (1, 95.0))
        with self.assertRaises(ValidationError):
            self.Quarter.create(
                {"employee_id": self.employee.id, "date_from": date(YEAR, 2, 1)}
            )
        empty = self.Quarter.create(
            {"employee_id": self.employee2.id, "date_from": date(YEAR, 1, 1)}
        )
        empty.action_compute()
        self.assertFalse(empty.grade)
        empty.action_review()
        with self.assertRaises(UserError):
            empty.action_confirm()

    def test_r142_staff_see_their_own_quarter(self):
        self._confirmed_months(self.employee, {4: 95})
        self._confirmed_months(self.employee2, {4: 85})
        self._confirmed_months(self.outsider, {4: 85})
        quarters = self.Quarter.generate_for_quarter(YEAR, 2)
        mine = quarters.filtered(lambda q: q.employee_id == self.employee)
        visible = self.Quarter.with_user(self.employee_user).search(
            [("id", "in", quarters.ids)]
        )
        self.assertEqual(visible, mine)
        team = self.Quarter.with_user(self.supervisor_user).search(
            [("id", "in", quarters.ids)]
        )
        self.assertNotIn(self.outsider, team.employee_id)
        self.assertIn(self.employee2, team.employee_id)
        with self.assertRaises(AccessError):
            mine.with_user(self.employee_user).write({"note": "mine"})
        with self.assertRaises(AccessError):
            mine.with_user(self.employee_user).read(["bonus_amount"])
        with self.assertRaises(UserError):
            self.Quarter.generate_for_quarter(YEAR, 5)

    def test_r143_year_end_appraisal_from_the_months(self):
        """年终考核: the year's confirmed months give the year-end grade, with
        its own workflow and the year-end bonus."""
        self._confirmed_months(self.employee, {3: 85, 7: 85, 11: 88})
        self._confirmed_months(self.employee2, {5: 65})
        runner = new_test_user(
            self.env, "hr_runner", groups="revisit_appraisal.group_revisit_appraisal_hr"
        )
        years = self.Year.with_user(runner).generate_for_year(YEAR)
        year = years.filtered(lambda y: y.employee_id == self.employee)
        self.assertEqual(
            (year.date_from, year.date_to), (date(YEAR, 1, 1), date(YEAR, 12, 31))
        )
        self.assertEqual((year.month_count, year.score, year.grade), (3, 86.0, "B"))
        year.with_user(self.supervisor_user).action_review()
        year.with_user(self.hr_user).action_confirm()
        self.assertEqual(year.reward_line_ids.amount, 1500.0)
        self.assertEqual(year.reward_line_ids.date, date(YEAR, 12, 31))
        self.assertEqual(year.reward_line_ids.year_appraisal_id, year)
        other = years - year
        self.assertEqual(other.grade, "D")
        # running the year again creates nothing twice, keeps confirmed ones
        again = self.Year.with_user(self.hr_user).generate_for_year(YEAR)
        self.assertEqual(again, years)
        self.assertEqual(year.state, "confirmed")
        with self.assertRaises(ValidationError):
            self.Year.create(
                {"employee_id": self.employee.id, "date_from": date(YEAR, 4, 1)}
            )
        visible = self.Year.with_user(self.employee2_user).search(
            [("id", "in", years.ids)]
        )
        self.assertEqual(visible, other)

    def test_r142_r143_run_from_the_wizard(self):
        self._confirmed_months(self.employee, {4: 95})
        Wizard = self.env["revisit.appraisal.run.wizard"].with_user(self.hr_user)
        action = Wizard.create(
            {"period": "quarter", "year": YEAR, "quarter": "2"}
        ).action_run()
        self.assertEqual(action["res_model"], "revisit.appraisal.quarter")
        quarter = self.Quarter.search(action["domain"])
        self.assertEqual(quarter.employee_id, self.employee)
        action = Wizard.create({"period": "year", "year": YEAR}).action_run()
        self.assertEqual(action["res_model"], "revisit.appraisal.year")
        self.assertEqual(self.Year.search(action["domain"]).score, 95.0)
