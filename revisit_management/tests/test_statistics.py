from datetime import timedelta

from odoo.fields import Command
from odoo.tests import tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestRevisitStatistics(RevisitCase):
    """The rates of revisit.visit.report on visits of a period of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.a, cls.b, cls.c, cls.d, cls.e, cls.f = Partner.create(
            [{"name": f"Stat customer {letter}"} for letter in "ABCDEF"]
        )
        cls.day = cls.monday
        cls.date_from = cls.day - timedelta(days=1)
        cls.date_to = cls.day + timedelta(days=20)

    def _visit(self, partner, **values):
        return self.visit(partner_id=partner.id, **values)

    def _scenario(self):
        day = self.day
        on_time = self._visit(self.a, satisfaction=5, done_date=day)
        on_time.action_done()
        on_time.report = "<p>Report</p>"
        on_time.action_submit_report()
        late = self._visit(
            self.b,
            satisfaction=2,
            problem="Water still leaks",
            done_date=day + timedelta(days=5),
        )
        late.action_done()
        self._visit(self.c)
        self._visit(self.d, user_id=self.staff2.id).action_unreachable()
        self._visit(self.a, scheduled_date=day + timedelta(days=1)).action_cancel()
        plan = self.env["revisit.plan"].create(
            {
                "name": "Stat plan",
                "date_from": day,
                "date_to": day + timedelta(days=10),
                "department_id": self.department.id,
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": p.id,
                            "user_id": self.staff.id,
                            "scheduled_date": day,
                        }
                    )
                    for p in (self.e, self.f)
                ],
            }
        )
        plan.action_submit()
        plan.with_user(self.manager).action_approve()
        planned = plan.visit_ids.filtered(lambda v: v.partner_id == self.e)
        planned.write({"satisfaction": 4, "done_date": day})
        planned.action_done()
        return late

    def _data(self):
        self.env.flush_all()
        return self.env["revisit.visit.report"].get_dashboard_data(
            self.date_from, self.date_to
        )

    def test_unassigned_visits_have_a_row_named(self):
        """Visits nobody is assigned to are counted on a row of their own,
        named, not on a row without a name."""
        self._scenario()
        self.env["revisit.visit"].create(
            {
                "partner_id": self.e.id,
                "scheduled_date": self.date_from,
                "user_id": False,
            }
        )
        rows = {line["user_id"]: line for line in self._data()["per_user"]}
        self.assertEqual(rows[False]["total"], 1)
        self.assertEqual(rows[False]["user"], "Unassigned")

    def test_rates_of_a_period(self):
        late = self._scenario()
        data = self._data()
        # 6 visits due (the cancelled one does not count) for 6 customers
        self.assertEqual(data["total"], 6)
        self.assertEqual(data["done"], 3)
        self.assertEqual(data["open"], 2)  # C and the plan line of F
        self.assertEqual(data["unreachable"], 1)
        self.assertEqual(data["customers_due"], 6)
        self.assertEqual(data["customers_visited"], 3)
        self.assertEqual(data["coverage_rate"], 50.0)
        self.assertEqual(data["plan_visits"], 2)
        self.assertEqual(data["plan_completion_rate"], 50.0)
        self.assertEqual(data["on_time_rate"], 66.7)
        self.assertEqual(data["satisfaction_avg"], round((5 + 2 + 4) / 3, 2))
        self.assertEqual(
            data["satisfaction_distribution"], {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}
        )
        self.assertEqual(data["feedback_timely_rate"], 33.3)
        self.assertEqual(data["problems"], 1)
        self.assertEqual(data["problem_resolution_rate"], 0.0)
        per_user = {line["user_id"]: line for line in data["per_user"]}
        self.assertEqual(per_user[self.staff.id]["total"], 5)
        self.assertEqual(per_user[self.staff.id]["done"], 3)
        self.assertEqual(per_user[self.staff2.id]["total"], 1)

        # the follow-up visit closes the problem without a new one: resolved
        followup = late.followup_visit_ids
        self.assertEqual(len(followup), 1)
        followup.write({"satisfaction": 4})
        followup.action_done()
        self.assertEqual(self._data()["problem_resolution_rate"], 100.0)

    def test_rates_by_group_in_the_analysis(self):
        """The averaged rate columns give each group's rate in pivot and graph."""
        self._scenario()
        self.env.flush_all()
        Report = self.env["revisit.visit.report"]
        rows = dict(
            (user, (count, on_time, satisfaction))
            for user, count, on_time, satisfaction in Report._read_group(
                [
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                    ("state", "!=", "cancelled"),
                ],
                ["user_id"],
                ["__count", "on_time_rate:avg", "satisfaction:avg"],
            )
        )
        count, on_time, satisfaction = rows[self.staff]
        self.assertEqual(count, 5)
        self.assertAlmostEqual(on_time, 200 / 3)
        self.assertAlmostEqual(satisfaction, 11 / 3)
        self.assertEqual(rows[self.staff2][0], 1)
        self.assertFalse(rows[self.staff2][1])  # nothing done: no on-time rate

    def test_empty_period_has_zero_rates(self):
        data = self.env["revisit.visit.report"].get_dashboard_data(
            "2031-01-01", "2031-01-31"
        )
        self.assertEqual(data["total"], 0)
        self.assertEqual(data["coverage_rate"], 0.0)
        # nothing scored, nothing planned: no figure, not 0
        self.assertIs(data["satisfaction_avg"], False)
        self.assertEqual(data["plan_visits"], 0)
        self.assertIs(data["plan_completion_rate"], False)

    def test_tiles_add_up_to_the_total(self):
        """Every visit of the period is on one tile: done, open or unreachable
        (the overdue ones are among the open)."""
        self._scenario()
        data = self._data()
        self.assertTrue(data["unreachable"])
        self.assertEqual(
            data["done"] + data["open"] + data["unreachable"], data["total"]
        )
        self.assertLessEqual(data["overdue"], data["open"])
        unreachable = self.env["revisit.visit"].search(data["domains"]["unreachable"])
        self.assertEqual(len(unreachable), data["unreachable"])

    def test_staff_with_nothing_done_has_no_satisfaction(self):
        self._scenario()
        per_user = {line["user_id"]: line for line in self._data()["per_user"]}
        self.assertEqual(per_user[self.staff2.id]["done"], 0)
        self.assertIs(per_user[self.staff2.id]["satisfaction"], False)
        self.assertTrue(per_user[self.staff.id]["satisfaction"])

    def test_each_level_reads_its_own_figures(self):
        self._scenario()
        self.env.flush_all()
        Report = self.env["revisit.visit.report"]
        # staff read the figures of their own visits only
        own = Report.with_user(self.staff).get_dashboard_data(
            self.date_from, self.date_to
        )
        self.assertEqual(own["total"], 5)
        self.assertEqual([row["user_id"] for row in own["per_user"]], [self.staff.id])
        other = Report.with_user(self.staff2).get_dashboard_data(
            self.date_from, self.date_to
        )
        self.assertEqual((other["total"], other["unreachable"]), (1, 1))
        rows = Report.with_user(self.staff2).search([])
        self.assertEqual(rows.user_id, self.staff2)
        # a supervisor counts the visits of their department: the plan's two
        department = Report.with_user(self.supervisor).get_dashboard_data(
            self.date_from, self.date_to
        )
        self.assertEqual(department["total"], 2)
        everything = Report.with_user(self.manager).get_dashboard_data(
            self.date_from, self.date_to
        )
        self.assertEqual(everything["total"], 6)
