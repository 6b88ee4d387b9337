from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestVisitContact(RevisitCase):
    """What the assignee needs to make the call: the number, the customer's
    contact hours, the last visit's score and feedback; stars, never a 0."""

    def test_contact_person_number_first_then_the_customer(self):
        self.customer.write(
            {"phone": "+86 21 5555 0000", "revisit_contact_hours": "工作日 9:00-11:00"}
        )
        visit = self.visit(method="phone").with_user(self.staff)
        self.assertEqual(visit.contact_phone, "+86 21 5555 0000")
        self.assertEqual(visit.contact_hours, "工作日 9:00-11:00")
        daughter = self.env["res.partner"].create(
            {"name": "Wang Li", "parent_id": self.customer.id, "phone": "+86 139 1"}
        )
        visit.sudo().contact_id = daughter
        self.assertEqual(visit.contact_phone, "+86 139 1")
        daughter.phone = False
        self.assertEqual(visit.contact_phone, "+86 21 5555 0000")
        self.customer.phone = False
        self.assertFalse(visit.contact_phone)

    def test_done_dialog_shows_the_number(self):
        self.customer.write(
            {"phone": "+86 21 5555 0001", "revisit_contact_hours": "晚上"}
        )
        wizard = (
            self.env["revisit.visit.done"]
            .with_user(self.staff)
            .create({"visit_id": self.visit(method="phone").id})
        )
        self.assertEqual(wizard.contact_phone, "+86 21 5555 0001")
        self.assertEqual(wizard.contact_hours, "晚上")

    def test_satisfaction_is_empty_stars_until_scored(self):
        visit = self.visit(method="phone")
        self.assertEqual(visit.satisfaction_stars, "0")
        visit.with_user(self.staff).satisfaction_stars = "4"
        self.assertEqual(visit.satisfaction, 4)
        visit.action_done()
        self.assertEqual(visit.satisfaction_stars, "4")

    def test_last_visit_of_the_customer_even_a_colleague_made_it(self):
        first = self.visit(
            user_id=self.staff2.id,
            satisfaction=2,
            feedback="Waited too long",
            done_date=self.monday,
        )
        first.action_done()
        later = self.visit(
            scheduled_date=self.monday + timedelta(days=10), method="phone"
        )
        as_staff = later.with_user(self.staff)
        # the colleague's visit is not readable by the staff member...
        self.assertFalse(first.with_user(self.staff).has_access("read"))
        # ...but its score and feedback are shown on the visit to make
        self.assertEqual(as_staff.last_visit_date, self.monday)
        self.assertEqual(as_staff.last_visit_satisfaction, "2")
        self.assertEqual(as_staff.last_visit_feedback, "Waited too long")
        # the first visit itself has no earlier one
        self.assertFalse(first.last_visit_date)
        self.assertEqual(first.last_visit_satisfaction, "0")
        # another customer's visits do not count
        other = self.env["res.partner"].create({"name": "Another customer"})
        self.assertFalse(self.visit(partner_id=other.id).last_visit_date)


@tagged("post_install", "-at_install")
class TestVisitContactHttp(HttpCase):
    """The same, read through JSON-RPC as the web client does."""

    def test_staff_reads_number_and_own_figures_over_http(self):
        staff = new_test_user(
            self.env,
            "rv_http_staff",
            groups="base.group_user,revisit_management.group_revisit_user",
        )
        customer = self.env["res.partner"].create(
            {"name": "Http Customer", "phone": "+86 21 5555 0002"}
        )
        today = self.env.company._revisit_today()
        done = self.env["revisit.visit"].create(
            {
                "partner_id": customer.id,
                "user_id": staff.id,
                "scheduled_date": today,
                "satisfaction": 5,
                "feedback": "很满意",
            }
        )
        done.action_done()
        visit = self.env["revisit.visit"].create(
            {"partner_id": customer.id, "user_id": staff.id, "scheduled_date": today}
        )
        self.authenticate("rv_http_staff", "rv_http_staff")
        [row] = self.make_jsonrpc_request(
            "/web/dataset/call_kw/revisit.visit/web_read",
            {
                "model": "revisit.visit",
                "method": "web_read",
                "args": [visit.ids],
                "kwargs": {
                    "specification": {
                        "contact_phone": {},
                        "satisfaction_stars": {},
                        "last_visit_satisfaction": {},
                        "last_visit_feedback": {},
                    }
                },
            },
        )
        self.assertEqual(row["contact_phone"], "+86 21 5555 0002")
        self.assertEqual(row["satisfaction_stars"], "0")
        self.assertEqual(row["last_visit_satisfaction"], "5")
        self.assertEqual(row["last_visit_feedback"], "很满意")
        figures = self.make_jsonrpc_request(
            "/web/dataset/call_kw/revisit.visit.report/get_dashboard_data",
            {
                "model": "revisit.visit.report",
                "method": "get_dashboard_data",
                "args": [str(today), str(today)],
                "kwargs": {},
            },
        )
        self.assertEqual((figures["total"], figures["done"]), (2, 1))
        self.assertEqual([r["user_id"] for r in figures["per_user"]], [staff.id])
