from odoo.addons.revisit_management.tests.common import STAFF, SUPERVISOR
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import ComplaintCommon


class TestComplaintTrust(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visitor = new_test_user(cls.env, "cpl_trust_staff", groups=STAFF)
        cls.owner = new_test_user(cls.env, "cpl_trust_owner", groups=STAFF)
        cls.supervisor = new_test_user(cls.env, "cpl_trust_sup", groups=SUPERVISOR)
        cls.env["hr.employee"].create(
            {
                "name": "Trust supervisor",
                "user_id": cls.supervisor.id,
                "department_id": cls.department.id,
            }
        )
        cls.agent = new_test_user(
            cls.env, login="cpl_trust_agent", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.secret = cls.env["res.partner"].create(
            {
                "name": "Top secret owner",
                "email": "ts@example.com",
                "revisit_confidentiality": "top_secret",
                "revisit_user_id": cls.owner.id,
            }
        )
        cls.env["revisit.visit"].create(
            {
                "partner_id": cls.secret.id,
                "user_id": cls.visitor.id,
                "department_id": cls.department.id,
                "scheduled_date": cls.today,
            }
        )

    def test_confidential_complaints_stay_with_the_file(self):
        ticket = self._create_complaint(
            partner_id=self.secret.id, responsible_department_id=self.department.id
        )
        for user in (self.visitor, self.supervisor):
            with self.subTest(user=user.login):
                Ticket = self.env["helpdesk.ticket"].with_user(user)
                self.assertFalse(Ticket.search([("id", "=", ticket.id)]))
                with self.assertRaises(AccessError):
                    ticket.with_user(user).read(["description"])
                with self.assertRaises(AccessError):
                    ticket.with_user(user).write({"name": "tampered"})
        self.assertEqual(ticket.name, "Pump room noise at night")
        self.assertEqual(ticket.with_user(self.owner).name, ticket.name)

    def test_helpdesk_agent_without_revisit_group_still_works(self):
        plain = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Printer jam",
                    "description": "<p>Jam</p>",
                    "team_id": self.team.id,
                }
            )
        )
        plain.write({"description": "<p>Fixed</p>"})
        complaint = self._create_complaint(partner_id=self.secret.id)
        as_agent = complaint.with_user(self.agent)
        self.assertEqual(as_agent.name, "Pump room noise at night")
        as_agent.write({"stage_id": self.stage_progress.id})
        self.assertEqual(complaint.stage_id, self.stage_progress)

    def test_outcome_fields_only_through_actions(self):
        ticket = self._create_complaint()
        for user in (self.manager, self.assistant):
            for vals in (
                {"complaint_escalated": True},
                {"first_reply_date": "2030-01-01 10:00:00"},
                {"customer_satisfied": True},
                {"reopen_count": 5},
                {"promise_escalated": True},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaises(UserError):
                        ticket.with_user(user).write(vals)
        with self.assertRaises(UserError):
            self.env["helpdesk.ticket"].with_user(self.assistant).create(
                {"name": "Pre-satisfied", "customer_satisfied": True}
            )
        self.assertFalse(ticket.complaint_escalated or ticket.customer_satisfied)
        self.assertEqual(ticket.reopen_count, 0)
        # the manager's action still closes it as escalated
        self._judge_valid(ticket)
        self._reply(ticket)
        ticket.with_user(self.manager).action_complaint_close_escalated()
        self.assertTrue(ticket.complaint_escalated)
