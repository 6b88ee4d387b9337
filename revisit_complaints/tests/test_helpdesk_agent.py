from odoo.tests import HttpCase, new_test_user, tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestHelpdeskAgent(ComplaintCommon, HttpCase):
    """Helpdesk staff without any revisit group open and work tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="hd_agent",
            password="hd_agent-Pw-2026",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.hd_manager = new_test_user(
            cls.env,
            login="hd_manager",
            password="hd_manager-Pw-2026",
            groups="helpdesk_mgmt.group_helpdesk_manager",
        )
        cls.team.user_ids = [(4, cls.agent.id), (4, cls.hd_manager.id)]
        cls.rule.sample_rate = 100
        cls.ticket = cls._create_complaint()
        cls.ticket.message_post(
            body="<p>The pump mount is being replaced.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.ticket.write(
            {
                "complaint_validity": "valid",
                "responsible_department_id": cls.department.id,
                "cause_analysis": "The pump mount is worn.",
                "corrective_action": "The mount was replaced.",
                "stage_id": cls.stage_done.id,
            }
        )
        cls.ticket.user_id = cls.agent

    def _form_specification(self, user):
        """The fields the ticket form of `user` reads, as the web client asks them."""
        views = (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .get_views([(False, "form")])["models"]["helpdesk.ticket"]["fields"]
        )
        fields = self.env["helpdesk.ticket"]._fields
        spec = {}
        for name in views:
            field = fields[name]
            if field.type == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif field.type in ("one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def test_agent_and_manager_open_the_ticket_form_over_http(self):
        self.assertTrue(self.ticket.revisit_visit_ids, "the complaint has a visit")
        for user, password in (
            (self.agent, "hd_agent-Pw-2026"),
            (self.hd_manager, "hd_manager-Pw-2026"),
        ):
            spec = self._form_specification(user)
            self.assertIn("is_complaint", spec)
            self.assertNotIn("revisit_visit_ids", spec)
            self.assertNotIn("revisit_visit_count", spec)
            self.authenticate(user.login, password)
            result = self.make_jsonrpc_request(
                "/web/dataset/call_kw/helpdesk.ticket/web_read",
                {
                    "model": "helpdesk.ticket",
                    "method": "web_read",
                    "args": [[self.ticket.id], spec],
                    "kwargs": {},
                },
            )
            self.assertEqual(result[0]["id"], self.ticket.id)
            self.assertTrue(result[0]["is_complaint"])

    def test_revisit_user_still_sees_the_follow_up_visits(self):
        spec = self._form_specification(self.head)
        self.assertIn("revisit_visit_ids", spec)
        values = self.ticket.with_user(self.manager).web_read(
            {"revisit_visit_count": {}}
        )
        self.assertEqual(values[0]["revisit_visit_count"], 1)

    def test_agent_works_and_closes_a_complaint(self):
        ticket = self._create_complaint(name="Lift stops between floors")
        ticket.user_id = self.agent
        as_agent = ticket.with_user(self.agent)
        as_agent.write({"stage_id": self.stage_progress.id})
        as_agent.message_post(
            body="We are on it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        as_agent.write(
            {
                "complaint_validity": "valid",
                "responsible_department_id": self.department.id,
                "responsible_user_id": self.head.id,
                "cause_analysis": "A worn cable.",
                "corrective_action": "The cable was replaced.",
            }
        )
        as_agent.action_complaint_close()
        self.assertTrue(ticket.stage_id.closed)
        self.assertEqual(len(ticket.revisit_visit_ids), 1)
