from datetime import date

from psycopg2 import IntegrityError

from odoo.addons.revisit_management.tests.common import STAFF, company_user
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MONTH, MONTH_START, YEAR, RevisitAppraisalCommon


@tagged("post_install", "-at_install")
class TestCompute(RevisitAppraisalCommon):
    def test_computed_criteria_from_visits(self):
        user = self.employee_user
        self._visit(user, 2)  # on time, complete
        self._visit(user, 3, done_day=9, deadline_day=5)  # late
        self._visit(user, 4, feedback=False)  # on time, feedback missing
        self._visit(user, 5, state="todo", cost=600)  # not done
        self._visit(user, 6, state="unreachable", cost=900)  # left out of timeliness
        self._visit(user, 7, state="cancelled", cost=5000)  # ignored entirely
        self._visit(user, 8, method="onsite")  # on-site without signature
        # Another month and another user do not count.
        self._visit(
            user,
            8,
            scheduled_date=date(YEAR, MONTH + 1, 2),
            deadline=date(YEAR, MONTH + 1, 5),
        )
        self._visit(self.employee2_user, 8, done_day=20)
        self._check(self.employee, "process", 80)
        self._check(self.employee, "content", 70)
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        self.assertEqual(appraisal.state, "computed")
        self.assertEqual(appraisal.visit_count, 6)
        # 5 visits to do (unreachable left out), 3 done by their deadline.
        self.assertEqual(self._line(appraisal, "timeliness").score, 60.0)
        # No plan: 4 done out of 6 visits.
        self.assertEqual(self._line(appraisal, "plan_completion").score, 66.67)
        # 4 done, 2 complete (one lacks feedback, the on-site one a signature).
        self.assertEqual(self._line(appraisal, "records").score, 50.0)
        # 1500 spent against 1000: halfway to twice the budget.
        self.assertEqual(self._line(appraisal, "cost").score, 50.0)
        self.assertEqual(appraisal.cost_total, 1500.0)
        self.assertEqual(appraisal.missing_count, 0)
        # 20*60 + 20*66.67 + 15*80 + 15*70 + 15*50 + 15*50 = 6283.4 / 100
        self.assertEqual(appraisal.score, 62.83)
        self.assertEqual(appraisal.grade, "D")
        timeliness = self._line(appraisal, "timeliness")
        self.assertEqual(timeliness.weighted_score, 12.0)

    def test_onsite_signature_and_report_complete_a_record(self):
        visit = self._visit(
            self.employee_user,
            2,
            method="onsite",
            feedback=False,
            report="<p>Report</p>",
        )
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        self.assertEqual(self._line(appraisal, "records").score, 0.0)
        visit.signature = "R0lGODlhAQABAAAAACw="
        appraisal.action_compute()
        self.assertEqual(self._line(appraisal, "records").score, 100.0)

    def test_plan_completion_counts_planned_visits(self):
        plan = self.env["revisit.plan"].create(
            {
                "name": "Q2 plan",
                "date_from": date(YEAR, 4, 1),
                "date_to": date(YEAR, 6, 30),
            }
        )
        self._visit(self.employee_user, 2, plan_id=plan.id)
        self._visit(self.employee_user, 3, state="todo", plan_id=plan.id)
        self._visit(self.employee_user, 4, state="todo", plan_id=plan.id)
        self._visit(self.employee_user, 5)  # unplanned: not counted
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        self.assertEqual(self._line(appraisal, "plan_completion").score, 33.33)

    def test_spot_check_is_named_by_employee_and_month(self):
        check = self._check(self.employee, "process", 40)
        self.assertEqual(
            check.display_name,
            f"{self.employee.name}, {MONTH_START:%Y-%m}",
        )
        self.assertIn("100", check._fields["score"].help)

    def test_missing_spot_check_is_flagged_and_left_out(self):
        self._visit(self.employee_user, 2)
        self._check(self.employee, "process", 40)
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        content = self._line(appraisal, "content")
        self.assertTrue(content.flagged_missing)
        self.assertEqual(content.weighted_score, 0.0)
        self.assertEqual(appraisal.missing_count, 1)
        # Total weighted over the 85 points scored: (20+20+15+15)*100 + 15*40.
        self.assertEqual(appraisal.score, round((7000 + 600) / 85, 2))

    def test_nothing_scored_has_no_grade_and_cannot_be_confirmed(self):
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        self.assertEqual(appraisal.missing_count, 6)
        self.assertFalse(appraisal.grade)
        appraisal.action_review()
        with self.assertRaises(UserError):
            appraisal.action_confirm()

    def test_criteria_must_weigh_one_hundred(self):
        self.criteria["cost"].weight = 10
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        with self.assertRaisesRegex(UserError, "instead of 100"):
            appraisal.action_compute()
        self.assertFalse(appraisal.line_ids)
        self.assertEqual(appraisal.state, "draft")

    def test_generate_for_month_is_idempotent(self):
        self._visit(self.employee_user, 2)
        self._check(self.employee, "process", 90)
        non_revisit = self.env["hr.employee"].create({"name": "Not a revisit agent"})
        appraisals = self.Appraisal.with_user(self.hr_user).generate_for_month(
            YEAR, MONTH
        )
        self.assertIn(self.employee, appraisals.employee_id)
        self.assertIn(self.employee2, appraisals.employee_id)
        self.assertIn(self.supervisor, appraisals.employee_id)
        self.assertNotIn(non_revisit, appraisals.employee_id)
        self.assertEqual(len(appraisals), len(appraisals.employee_id))
        self.assertEqual(set(appraisals.mapped("state")), {"computed"})
        mine = appraisals.filtered(lambda a: a.employee_id == self.employee)
        lines, score = mine.line_ids, mine.score
        self.assertEqual(len(lines), 6)

        again = self.Appraisal.with_user(self.hr_user).generate_for_month(YEAR, MONTH)
        self.assertEqual(again, appraisals)
        self.assertEqual(mine.score, score)
        self.assertEqual(len(mine.line_ids), 6)
        self.assertEqual(
            self.Appraisal.search_count(
                [
                    ("date_from", "=", MONTH_START),
                    ("employee_id", "=", self.employee.id),
                ]
            ),
            1,
        )

    def test_generate_for_month_keeps_reviewed_and_checks_input(self):
        self._check(self.employee, "process", 90)
        appraisals = self.Appraisal.generate_for_month(YEAR, MONTH)
        mine = appraisals.filtered(lambda a: a.employee_id == self.employee)
        mine.action_review()
        self._check(self.employee, "content", 10)
        self.Appraisal.generate_for_month(YEAR, MONTH)
        self.assertEqual(mine.state, "reviewed")
        self.assertEqual(mine.score, 90.0)
        with self.assertRaises(UserError):
            self.Appraisal.generate_for_month(YEAR, 13)
        with self.assertRaises(UserError):
            self.Appraisal.with_user(self.supervisor_user).generate_for_month(
                YEAR, MONTH
            )

    @mute_logger("odoo.sql_db")
    def test_one_appraisal_per_employee_and_month(self):
        self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Appraisal.create(
                {"employee_id": self.employee.id, "date_from": MONTH_START}
            )

    def test_month_starts_on_the_first(self):
        with self.assertRaises(UserError):
            self.Appraisal.create(
                {"employee_id": self.employee.id, "date_from": date(YEAR, MONTH, 2)}
            )

    def test_generate_for_month_per_company(self):
        company2 = self.env["res.company"].create({"name": "Second Clinic"})
        user = company_user(self.env, "agent_c2", STAFF, company2)
        employee = self.env["hr.employee"].create(
            {"name": "Agent C2", "user_id": user.id, "company_id": company2.id}
        )
        self.Visit.with_company(company2).create(
            {
                "partner_id": self.customer.id,
                "user_id": user.id,
                "scheduled_date": MONTH_START,
                "state": "done",
                "done_date": MONTH_START,
                "satisfaction": 4,
                "feedback": "ok",
                "company_id": company2.id,
            }
        )
        appraisals = self.Appraisal.generate_for_month(
            YEAR, MONTH, company_id=company2.id
        )
        self.assertEqual(appraisals.employee_id, employee)
        self.assertEqual(appraisals.company_id, company2)
        self.assertEqual(appraisals.line_ids.criterion_id.company_id, company2)
        self.assertEqual(appraisals.visit_count, 1)
