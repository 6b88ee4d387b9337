from dateutil.relativedelta import relativedelta

from odoo.addons.revisit_management.tests.common import use_chinese
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAppraisalTour(HttpCase):
    def test_hr_runs_and_confirms_the_month(self):
        self._appraisal_tour()

    def test_hr_runs_and_confirms_the_month_zh_cn(self):
        use_chinese(self.env, self.env.ref("base.user_admin"), http_case=self)
        self._appraisal_tour()

    def _appraisal_tour(self):
        """Last month's appraisal was run; HR opens an agent's sheet, reviews
        and confirms it (who computes does not confirm)."""
        last_month = self.env.company._revisit_today() + relativedelta(months=-1, day=1)
        user = new_test_user(
            self.env, login="tour_agent", groups="revisit_management.group_revisit_user"
        )
        employee = self.env["hr.employee"].create(
            {"name": "Tour Agent", "user_id": user.id}
        )
        customer = self.env["res.partner"].create({"name": "Tour Customer"})
        self.env["revisit.visit"].create(
            {
                "partner_id": customer.id,
                "user_id": user.id,
                "scheduled_date": last_month.replace(day=3),
                "deadline": last_month.replace(day=5),
                "done_date": last_month.replace(day=4),
                "state": "done",
                "satisfaction": 5,
                "feedback": "Very good",
            }
        )
        for code in ("process", "content"):
            self.env["revisit.appraisal.spot.check"].create(
                {
                    "employee_id": employee.id,
                    "criterion_id": self.env.ref(
                        f"revisit_appraisal.criterion_{code}"
                    ).id,
                    "score": 95,
                    "date": last_month.replace(day=10),
                }
            )
        # the month's run (here as the system, as its scheduled run would)
        self.env["revisit.appraisal"].generate_for_month(
            last_month.year, last_month.month
        )
        self.start_tour("/odoo", "revisit_appraisal_tour", login="admin")
        appraisal = self.env["revisit.appraisal"].search(
            [("employee_id", "=", employee.id), ("date_from", "=", last_month)]
        )
        self.assertEqual(appraisal.state, "confirmed")
        self.assertEqual(appraisal.grade, "A")
        self.assertEqual(appraisal.reward_line_ids.kind, "bonus")
