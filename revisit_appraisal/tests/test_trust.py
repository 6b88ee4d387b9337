from datetime import date

from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import MONTH_START, RevisitAppraisalCommon


class TestAppraisalTrust(RevisitAppraisalCommon):
    def _penalties(self, appraisal):
        return appraisal.reward_line_ids.filtered(
            lambda r: r.kind == "penalty" and r.state != "cancelled"
        )

    def test_fabricated_visits_do_not_change_the_appraisal(self):
        """Eight visits typed in as done with top scores used to lift an E to a
        B; now each is refused and the appraisal stays as the work was."""
        real = self.Visit.browse()
        for day in (2, 3, 4):
            real |= self._visit(self.employee_user, day, state="todo")
        self._visit(self.employee_user, 5, done_day=20, deadline_day=8)
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        before = (appraisal.score, appraisal.grade, appraisal.visit_count)
        Visit = self.Visit.with_user(self.employee_user)
        count = self.Visit.search_count([])
        refused = 0
        for day in range(10, 18):
            customer = self.env["res.partner"].create({"name": f"Fake {day}"})
            with self.assertRaises(UserError):
                Visit.create(
                    {
                        "partner_id": customer.id,
                        "user_id": self.employee_user.id,
                        "scheduled_date": MONTH_START.replace(day=day),
                        "deadline": MONTH_START.replace(day=day + 3),
                        "state": "done",
                        "done_date": MONTH_START.replace(day=day),
                        "satisfaction": 5,
                        "feedback": "Fine",
                    }
                )
            refused += 1
        for visit in real:
            with self.assertRaises(UserError):
                visit.with_user(self.employee_user).write(
                    {"state": "done", "done_date": visit.scheduled_date}
                )
        self.assertEqual(refused, 8)
        self.assertEqual(self.Visit.search_count([]), count)
        appraisal.action_compute()
        self.assertEqual(
            (appraisal.score, appraisal.grade, appraisal.visit_count), before
        )

    def test_scores_are_not_typed_in(self):
        self._check(self.employee, "process", 50.0)
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        score = appraisal.score
        for user in (self.supervisor_user, self.hr_user):
            for vals in (
                {"score": 99.0},
                {"state": "reviewed"},
                {"visit_count": 40},
                {"reviewer_id": user.id},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaises(UserError):
                        appraisal.with_user(user).write(vals)
            with self.assertRaises(UserError):
                appraisal.line_ids[:1].with_user(self.hr_user).write({"score": 100})
        self.assertEqual(appraisal.score, score)
        self.assertEqual(appraisal.state, "computed")
        # the supervisor's comment is still theirs to write
        appraisal.with_user(self.supervisor_user).write({"note": "Improving"})
        self.assertEqual(appraisal.note, "Improving")

    def test_nobody_reviews_their_own_or_their_heads_appraisal(self):
        deputy_user = new_test_user(
            self.env,
            login="appraisal_deputy",
            groups="revisit_management.group_revisit_supervisor",
        )
        self.env["hr.employee"].create(
            {
                "name": "Deputy",
                "user_id": deputy_user.id,
                "department_id": self.department.id,
                "parent_id": self.supervisor.id,
            }
        )
        for code in ("process", "content"):
            self._check(self.supervisor, code, 80.0)
            self._check(self.employee, code, 80.0)
        own = self.Appraisal.create(
            {"employee_id": self.supervisor.id, "date_from": MONTH_START}
        )
        team = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        (own | team).action_compute()
        with self.assertRaises(UserError):
            own.with_user(self.supervisor_user).action_review()
        with self.assertRaises(UserError):
            own.with_user(deputy_user).action_review()
        self.assertEqual(own.state, "computed")
        self.assertFalse(own.reviewer_id)
        team.with_user(self.supervisor_user).action_review()
        self.assertEqual(team.reviewer_id, self.supervisor_user)

    def test_spot_checks_of_the_own_team_only(self):
        SpotCheck = self.SpotCheck.with_user(self.supervisor_user)
        count = self.SpotCheck.search_count([])
        for vals in (
            {"employee_id": self.supervisor.id},  # one's own work
            {"employee_id": self.outsider.id},  # another team
            {"employee_id": self.employee.id, "checker_id": self.hr_user.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                SpotCheck.create(
                    {
                        "criterion_id": self.criteria["process"].id,
                        "score": 100.0,
                        "date": MONTH_START,
                        **vals,
                    }
                )
        self.assertEqual(self.SpotCheck.search_count([]), count)
        check = SpotCheck.create(
            {
                "employee_id": self.employee.id,
                "criterion_id": self.criteria["process"].id,
                "score": 70.0,
                "date": MONTH_START,
            }
        )
        self.assertEqual(check.checker_id, self.supervisor_user)
        with self.assertRaises(UserError):
            check.write({"employee_id": self.supervisor.id})
        self.assertEqual(check.employee_id, self.employee)

    def test_two_consecutive_e_whatever_the_confirmation_order(self):
        april = self._appraise(self.employee, date(2024, 4, 1), 50)
        may = self._appraise(self.employee, date(2024, 5, 1), 50)
        may.action_confirm()
        self.assertFalse(self._penalties(may), "April is not confirmed yet")
        april.action_confirm()
        self.assertEqual(len(self._penalties(may)), 1)
        self.assertFalse(self._penalties(april))
        # confirming again after a reopening issues no second penalty
        june = self._appraise(self.employee, date(2024, 6, 1), 50)
        june.action_confirm()
        self.assertEqual(len(self._penalties(june)), 1)
        self.assertEqual(len(self._penalties(may)), 1)
