from odoo import fields
from odoo.addons.revisit_management.tests.common import (
    STAFF,
    SUPERVISOR,
    internal_user,
    tour_test,
)
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSupervisorTour(HttpCase):
    """The supervisor's journey: the dashboard, then the plan a staff member
    drew up approved, a done visit reviewed and spot-checked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = internal_user(
            cls.env, "journey_head", SUPERVISOR, name="Journey Head"
        )
        cls.staff = internal_user(cls.env, "journey_staff", STAFF, name="Journey Staff")
        Employee = cls.env["hr.employee"]
        head_employee = Employee.create(
            {"name": "Journey Head", "user_id": cls.head.id}
        )
        cls.department = cls.env["hr.department"].create(
            {"name": "Journey Aftercare", "manager_id": head_employee.id}
        )
        cls.staff_employee = Employee.create(
            {
                "name": "Journey Staff",
                "user_id": cls.staff.id,
                "department_id": cls.department.id,
            }
        )
        cls.criterion = cls.env["revisit.appraisal.criterion"].create(
            {
                "name": "Journey Script",
                "code": "journey_script",
                "weight": 0.0,
                "source": "spot_check",
            }
        )
        cls.today = cls.env.company._revisit_today()
        Partner = cls.env["res.partner"]
        cls.customers = Partner.create(
            [{"name": "Journey Plan Customer A"}, {"name": "Journey Plan Customer B"}]
        )
        cls.plan = cls.env["revisit.plan"].create(
            {
                "name": "Journey Plan",
                "date_from": cls.today,
                "date_to": cls.today,
                "department_id": cls.department.id,
                # drawn up by the staff member, approved by their head
                "user_id": cls.staff.id,
                "line_ids": [
                    fields.Command.create(
                        {
                            "partner_id": customer.id,
                            "user_id": cls.staff.id,
                            "scheduled_date": cls.today,
                        }
                    )
                    for customer in cls.customers
                ],
            }
        )
        cls.plan.action_submit()
        cls.visit = cls.env["revisit.visit"].create(
            {
                "name": "RVJ-DONE",
                "partner_id": Partner.create({"name": "Journey Done Customer"}).id,
                "user_id": cls.staff.id,
                "department_id": cls.department.id,
                "method": "phone",
                "scheduled_date": cls.today,
                "satisfaction": 4,
                "done_date": cls.today,
            }
        )
        cls.visit.action_done()

    test_supervisor_journey = tour_test("_supervisor_tour")
    test_supervisor_journey_zh_cn = tour_test("_supervisor_tour", chinese="head")

    def _supervisor_tour(self):
        self.start_tour("/odoo", "revisit_supervisor_tour", login="journey_head")
        self.assertEqual(self.plan.state, "approved")
        self.assertEqual(self.plan.approver_id, self.head)
        self.assertEqual(self.plan.visit_ids.partner_id, self.customers)
        self.assertEqual(self.plan.visit_ids.user_id, self.staff)
        self.assertEqual(self.visit.reviewer_id, self.head)
        self.assertEqual(
            self.visit.review_comment, "Good call, the aftercare advice was complete"
        )
        check = self.env["revisit.appraisal.spot.check"].search(
            [("visit_id", "=", self.visit.id)]
        )
        self.assertEqual(len(check), 1)
        self.assertEqual(check.checker_id, self.head)
        self.assertEqual(check.employee_id, self.staff_employee)
        self.assertEqual(check.criterion_id, self.criterion)
        self.assertEqual(check.score, 90.0)
