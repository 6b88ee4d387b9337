from datetime import date, timedelta

from odoo.tests import tagged

from .common import MONTH_START, RevisitAppraisalCommon


@tagged("post_install", "-at_install")
class TestRewards(RevisitAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee.sudo().revisit_performance_pay = 2000.0

    def _confirmed(self, month_start, score, employee=None):
        appraisal = self._appraise(employee or self.employee, month_start, score)
        appraisal.action_confirm()
        return appraisal

    def _kinds(self, appraisal):
        return sorted(appraisal.reward_line_ids.mapped("kind"))

    def test_a_and_b_earn_their_bonus(self):
        grade_a = self._confirmed(MONTH_START, 95)
        grade_b = self._confirmed(MONTH_START, 85, employee=self.employee2)
        self.assertEqual(grade_a.grade, "A")
        self.assertEqual(grade_a.reward_line_ids.kind, "bonus")
        self.assertEqual(grade_a.reward_line_ids.amount, 500.0)
        self.assertEqual(grade_a.reward_line_ids.state, "confirmed")
        self.assertEqual(grade_a.reward_line_ids.date, date(2024, 5, 31))
        self.assertEqual(grade_a.bonus_amount, 500.0)
        self.assertEqual(grade_b.grade, "B")
        self.assertEqual(grade_b.reward_line_ids.amount, 300.0)

    def test_c_and_d_earn_nothing(self):
        grade_c = self._confirmed(MONTH_START, 75)
        grade_d = self._confirmed(MONTH_START, 65, employee=self.employee2)
        self.assertEqual((grade_c.grade, grade_d.grade), ("C", "D"))
        self.assertFalse(grade_c.reward_line_ids)
        self.assertFalse(grade_d.reward_line_ids)

    def test_e_issues_one_improvement_order_per_quarter(self):
        first = self._confirmed(date(2024, 4, 1), 50)
        line = first.reward_line_ids
        self.assertEqual(line.kind, "improvement_order")
        self.assertEqual(
            line.deadline, first.company_id._revisit_today() + timedelta(days=30)
        )
        self.assertTrue(first.activity_ids)
        # April E, May C, June E: no second order in the quarter, no penalty.
        self._confirmed(date(2024, 5, 1), 75)
        june = self._confirmed(date(2024, 6, 1), 40)
        self.assertFalse(june.reward_line_ids)

    def test_two_consecutive_e_across_a_month_boundary(self):
        self._confirmed(date(2024, 4, 1), 50)
        may = self._confirmed(date(2024, 5, 1), 55)
        penalty = may.reward_line_ids.filtered(lambda r: r.kind == "penalty")
        self.assertEqual(penalty.percent, 10.0)
        self.assertEqual(penalty.amount, 200.0)
        self.assertEqual(may.penalty_amount, 200.0)
        # Same quarter as April's order: no second order.
        self.assertEqual(self._kinds(may), ["penalty"])

    def test_two_consecutive_e_across_a_quarter_and_year_boundary(self):
        self._confirmed(date(2023, 12, 1), 30)
        january = self._confirmed(date(2024, 1, 1), 60)
        self.assertEqual(january.grade, "E")
        self.assertEqual(self._kinds(january), ["improvement_order", "penalty"])

    def test_penalty_needs_the_previous_month_e_confirmed(self):
        self._appraise(self.employee, date(2024, 4, 1), 50)  # reviewed only
        may = self._confirmed(date(2024, 5, 1), 50)
        self.assertEqual(self._kinds(may), ["improvement_order"])

    def test_no_penalty_after_a_gap(self):
        self._confirmed(date(2024, 3, 1), 50)
        may = self._confirmed(date(2024, 5, 1), 50)
        self.assertEqual(self._kinds(may), ["improvement_order"])

    def test_confirming_two_months_at_once_orders_them(self):
        april = self._appraise(self.employee, date(2024, 4, 1), 50)
        may = self._appraise(self.employee, date(2024, 5, 1), 50)
        (may | april).action_confirm()
        self.assertEqual(self._kinds(april), ["improvement_order"])
        self.assertEqual(self._kinds(may), ["penalty"])
