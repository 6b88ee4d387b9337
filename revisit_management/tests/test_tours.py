from datetime import date, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import STAFF, SUPERVISOR, internal_user, tour_test, use_chinese


@tagged("post_install", "-at_install")
class TestRevisitTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = internal_user(cls.env, "tour_staff", STAFF)
        cls.supervisor = internal_user(cls.env, "tour_supervisor", SUPERVISOR)
        head = cls.env["hr.employee"].create(
            {"name": "Tour Supervisor", "user_id": cls.supervisor.id}
        )
        cls.department = cls.env["hr.department"].create(
            {"name": "Tour Aftercare", "manager_id": head.id}
        )
        cls.today = cls.env.company._revisit_today()

    # Each tour runs twice: in English and in Chinese (the tours find elements by
    # field names, menu ids and button names, never by their labels).

    test_tier_configuration_tour = tour_test("_tier_tour")
    test_tier_configuration_tour_zh_cn = tour_test(
        "_tier_tour", chinese="base.user_admin"
    )

    def _tier_tour(self):
        self.start_tour("/odoo", "revisit_tier_tour", login="admin")

    test_staff_completes_phone_visit_from_kanban = tour_test("_staff_tour")
    test_staff_completes_phone_visit_from_kanban_zh_cn = tour_test(
        "_staff_tour", chinese="staff"
    )

    def _staff_tour(self):
        patient = self.env["res.partner"].create(
            {"name": "Tour Patient Gao", "phone": "+86 138 0000 9999"}
        )
        visit = self.env["revisit.visit"].create(
            {
                "partner_id": patient.id,
                "user_id": self.staff.id,
                "method": "phone",
                "scheduled_date": self.today,
            }
        )
        self.start_tour("/odoo", "revisit_staff_tour", login="tour_staff")
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.satisfaction, 4)
        self.assertEqual(visit.feedback, "Recovering well, thanks the nurse")
        self.assertTrue(visit.done_by_phone)
        self.assertEqual(visit.done_date, self.today)

    test_supervisor_approves_plan_and_sees_calendar = tour_test("_plan_tour")
    test_supervisor_approves_plan_and_sees_calendar_zh_cn = tour_test(
        "_plan_tour", chinese="supervisor"
    )

    def _plan_tour(self):
        customers = self.env["res.partner"].create(
            [{"name": "Tour Plan Customer A"}, {"name": "Tour Plan Customer B"}]
        )
        plan = self.env["revisit.plan"].create(
            {
                "name": "Tour Plan Q1",
                "date_from": self.today,
                "date_to": self.today,
                "department_id": self.department.id,
                # the head approves a plan somebody else drew up
                "user_id": self.env.ref("base.user_admin").id,
                "line_ids": [
                    fields.Command.create(
                        {
                            "partner_id": customer.id,
                            "user_id": self.staff.id,
                            "scheduled_date": self.today,
                        }
                    )
                    for customer in customers
                ],
            }
        )
        plan.action_submit()
        self.start_tour("/odoo", "revisit_plan_tour", login="tour_supervisor")
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approver_id, self.supervisor)
        self.assertEqual(plan.visit_ids.partner_id, customers)
        self.assertEqual(set(plan.visit_ids.mapped("state")), {"todo"})
        self.assertEqual(plan.visit_ids.user_id, self.staff)

    test_manager_reads_the_dashboard = tour_test("_dashboard_tour")
    test_manager_reads_the_dashboard_zh_cn = tour_test(
        "_dashboard_tour", chinese="base.user_admin"
    )

    def _dashboard_tour(self):
        staff = internal_user(
            self.env, "tour_dashboard_staff", STAFF, name="Tour Dashboard Staff"
        )
        self.env["revisit.visit"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Tour Board"}).id,
                "user_id": staff.id,
                "scheduled_date": self.today,
            }
        )
        self.start_tour("/odoo", "revisit_dashboard_tour", login="admin")

    def test_customer_answers_the_questionnaire(self):
        self._survey_tour("en_US")

    def test_customer_answers_the_questionnaire_zh_cn(self):
        use_chinese(self.env, self.env["res.users"], http_case=self)
        self._survey_tour("zh_CN")

    def _survey_tour(self, lang):
        patient = self.env["res.partner"].create(
            {"name": "Tour Patient Sun", "email": "sun@example.com", "lang": lang}
        )
        visit = self.env["revisit.visit"].create(
            {
                "partner_id": patient.id,
                "user_id": self.staff.id,
                "method": "email",
                "scheduled_date": self.today,
            }
        )
        visit.action_send_survey()
        answer = visit.survey_user_input_id
        if lang == "zh_CN":
            # the questionnaire speaks the customer's language
            self.assertEqual(answer.lang_id.code, lang)
        self.start_tour(answer.get_start_url(), "revisit_survey_tour")
        self.assertEqual(answer.state, "done")
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.satisfaction, 4)
        self.assertEqual(visit.feedback, "The nurse called back quickly")

    test_staff_makes_an_appointment = tour_test("_appoint_tour")
    test_staff_makes_an_appointment_zh_cn = tour_test("_appoint_tour", chinese="staff")

    def _appoint_tour(self):
        patient = self.env["res.partner"].create(
            {
                "name": "Tour Patient Zhao",
                "street": "12 Jiefang Road",
                "city": "Suzhou",
                "revisit_contact_hours": "15:00-17:00",
            }
        )
        visit = self.env["revisit.visit"].create(
            {
                "partner_id": patient.id,
                "user_id": self.staff.id,
                "method": "onsite",
                "purpose": "Check the dressing",
                "scheduled_date": self.today + timedelta(days=1),
            }
        )
        self.start_tour(
            f"/odoo/my-revisits/{visit.id}", "revisit_appoint_tour", login="tour_staff"
        )
        self.assertEqual(visit.state, "appointed")
        self.assertEqual(visit.appointment_datetime, visit.calendar_event_id.start)
        self.assertIn("12 Jiefang Road", visit.calendar_event_id.location)
        self.assertIn("Check the dressing", visit.calendar_event_id.description)


@tagged("post_install", "-at_install")
class TestRevisitMyDayTour(HttpCase):
    """The staff's landing on a phone is their day's visits."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = internal_user(cls.env, "tour_day_staff", STAFF)
        cls.staff.action_id = cls.env.ref(
            "revisit_management.revisit_visit_action_my_day"
        ).id
        colleague = internal_user(cls.env, "tour_day_colleague", STAFF)
        # the browser's "today" is its own clock's day (UTC here), the
        # company's may already be the next one (23:50 UTC in Shanghai):
        # today's visits fall on the earlier day, tomorrow's after the later
        today = min(cls.env.company._revisit_today(), date.today())
        later = max(cls.env.company._revisit_today(), date.today())
        Visit = cls.env["revisit.visit"]

        def visit(name, user, day, **values):
            partner = cls.env["res.partner"].create(
                {"name": name, "phone": "+86 138 0000 1234"}
            )
            return Visit.create(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "method": "phone",
                    "scheduled_date": today + timedelta(days=day),
                    **values,
                }
            )

        visit("Day Customer Today", cls.staff, 0)
        cls.late = visit("Day Customer Late", cls.staff, -3)
        visit("Day Customer Tomorrow", cls.staff, (later - today).days + 1)
        visit("Day Customer Colleague", colleague, 0)
        done = visit("Day Customer Done", cls.staff, 0)
        done.write({"state": "done", "satisfaction": 5, "done_date": today})

    test_staff_lands_on_their_day = tour_test("_my_day_tour")
    test_staff_lands_on_their_day_zh_cn = tour_test("_my_day_tour", chinese="staff")

    def _my_day_tour(self):
        self.start_tour("/odoo", "revisit_my_day_tour", login="tour_day_staff")
        # the overdue visit was completed on the phone
        self.assertEqual(self.late.state, "done")
        self.assertEqual(self.late.satisfaction, 5)
        self.assertEqual(self.late.feedback, "The scar heals well")
        self.assertTrue(self.late.done_by_phone)
