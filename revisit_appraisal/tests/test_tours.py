from dateutil.relativedelta import relativedelta

from odoo.addons.revisit_management.tests.common import tour_test
from odoo.tests import HttpCase, new_test_user, tagged

from .common import spot_check


@tagged("post_install", "-at_install")
class TestAppraisalTour(HttpCase):
    test_hr_runs_and_confirms_the_month = tour_test("_appraisal_tour")
    test_hr_runs_and_confirms_the_month_zh_cn = tour_test(
        "_appraisal_tour", chinese="base.user_admin"
    )

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
        spot_check(self.env, employee, last_month.replace(day=10), 95)
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
