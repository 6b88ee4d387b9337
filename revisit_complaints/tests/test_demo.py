from datetime import timedelta

from odoo.addons.revisit_management.tests.common import demo_ref
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestComplaintDemo(TransactionCase):
    """The property manager's demo: three months of complaints, handled and
    revisited, so that the complaint analysis shows real figures."""

    def setUp(self):
        super().setUp()
        self.lift = demo_ref(self, "revisit_complaints.helpdesk_ticket_lift_demo")

    def test_complaints_over_three_months_revisited(self):
        today = self.env.company._revisit_today()
        self.assertLessEqual(self.lift.create_date.date(), today - timedelta(days=70))
        self.assertTrue(self.lift.closed)
        self.assertTrue(self.lift.customer_satisfied)
        self.assertEqual(self.lift.revisit_visit_ids.state, "done")
        rows = self.env["revisit.complaint.report"]._read_group(
            [("date", ">=", today - timedelta(days=90))],
            [],
            ["__count", "handled_rate:avg", "revisit_rate:avg"],
        )
        [(count, handled, revisited)] = rows
        self.assertGreaterEqual(count, 9)
        self.assertGreater(handled, 50)
        self.assertGreater(revisited, 50)
        months = self.env["revisit.complaint.report"]._read_group(
            [("date", ">=", today - timedelta(days=90))], ["date:month"], ["__count"]
        )
        self.assertGreaterEqual(len(months), 3)


@tagged("post_install", "-at_install")
class TestChineseDemoCompany(TransactionCase):
    """The Chinese property manager's complaint desk is its Chinese property
    staff, routing complaints as a property manager does."""

    def setUp(self):
        super().setUp()
        self.team = demo_ref(
            self, "revisit_complaints.helpdesk_ticket_team_property_demo"
        )
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("Chinese not installed")

    def test_complaint_desk_is_the_chinese_property_staff(self):
        staff = self.env.ref("revisit_management.res_users_revisit_property_demo")
        members = self.team.user_ids
        self.assertIn(staff, members)
        self.assertNotIn(self.env.ref("base.user_demo"), members)
        self.assertNotIn(self.env.ref("base.user_admin"), members)
        for user in members | self.team.user_id:
            self.assertRegex(user.name, r"^[\u4e00-\u9fff]+$")
            self.assertEqual(user.tz, "Asia/Shanghai")
            self.assertTrue(user.has_group("helpdesk_mgmt.group_helpdesk_user"))
        routes = [
            self.team._complaint_route_user(severity)
            for severity in ("general", "important", "major")
        ]
        self.assertEqual(routes[0], staff)
        self.assertEqual(len(set(routes)), 3)
        self.assertTrue(all(user in members for user in routes))
        self.assertEqual(self.team.with_context(lang="zh_CN").name, "物业投诉受理")

    def test_staff_keeps_the_complaint_they_open(self):
        """The property staff's own general complaint stays theirs."""
        staff = self.env.ref("revisit_management.res_users_revisit_property_demo")
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(staff)
            .create(
                {
                    "name": "楼道灯不亮",
                    "description": "<p>5栋楼道灯坏了。</p>",
                    "team_id": self.team.id,
                    "user_id": staff.id,
                    "is_complaint": True,
                    "complaint_severity": "general",
                }
            )
        )
        self.assertEqual(ticket.user_id, staff)
