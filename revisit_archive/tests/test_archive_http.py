from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException


@tagged("post_install", "-at_install")
class TestArchiveHttp(HttpCase):
    """The archive's limits hold over JSON-RPC, as the web client calls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))

        def user(login, groups):
            return new_test_user(env, login, groups=groups, password=f"{login}-Pw-2026")

        cls.staff = user(
            "arc_staff", "base.group_user,revisit_management.group_revisit_user"
        )
        cls.outsider = user("arc_outsider", "base.group_user")
        cls.executive = user(
            "arc_executive",
            "base.group_user,revisit_archive.group_revisit_archive_executive",
        )
        head = user("arc_head", "base.group_user,revisit_management.group_revisit_user")
        department = env["hr.department"].create(
            {
                "name": "Sales desk",
                "manager_id": env["hr.employee"]
                .create({"name": "Head", "user_id": head.id})
                .id,
            }
        )
        env["hr.employee"].create(
            {"name": "Staff", "user_id": cls.staff.id, "department_id": department.id}
        )
        cls.head = head
        cls.customer = env["res.partner"].create(
            {
                "name": "Top Secret Co",
                "phone": "+86 21 9999 9999",
                "revisit_confidentiality": "top_secret",
            }
        )
        cls.visit = env["revisit.visit"].create(
            {
                "partner_id": cls.customer.id,
                "scheduled_date": env.company._revisit_today(),
                "user_id": head.id,
            }
        )

    def call(self, model, method, args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def visit_found(self):
        """The test visit as the session's user finds it over JSON-RPC."""
        return self.call(
            "revisit.visit",
            "search_read",
            [[("id", "=", self.visit.id)]],
            fields=["name"],
        )

    def test_r112_r119_file_read_over_jsonrpc_after_approval(self):
        today = self.env.company._revisit_today()
        self.authenticate("arc_outsider", "arc_outsider-Pw-2026")
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.call(
                "revisit.archive.log", "search_read", [[]], fields=["description"]
            )
        self.authenticate("arc_staff", "arc_staff-Pw-2026")
        found = self.visit_found()
        self.assertEqual(found, [])
        request_id = self.call(
            "revisit.archive.request",
            "create",
            [
                [
                    {
                        "partner_id": self.customer.id,
                        "purpose": "Audit",
                        "date_from": str(today),
                        "date_to": str(today + timedelta(days=1)),
                    }
                ]
            ],
        )[0]
        self.call("revisit.archive.request", "action_submit", [[request_id]])
        # nobody approves their own request
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.call("revisit.archive.request", "action_sign", [[request_id]])
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self.call(
                "revisit.archive.request",
                "write",
                [[request_id], {"state": "approved"}],
            )
        self.authenticate("arc_head", "arc_head-Pw-2026")
        self.call("revisit.archive.request", "action_sign", [[request_id]])
        self.authenticate("arc_executive", "arc_executive-Pw-2026")
        self.call("revisit.archive.request", "action_approve", [[request_id]])
        self.authenticate("arc_staff", "arc_staff-Pw-2026")
        found = self.visit_found()
        self.assertEqual([row["id"] for row in found], self.visit.ids)
        partner = self.call(
            "res.partner", "web_read", [self.customer.ids], specification={"phone": {}}
        )
        self.assertEqual(partner[0]["phone"], "+86 21 9999 9999")
