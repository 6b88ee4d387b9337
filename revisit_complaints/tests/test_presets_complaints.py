"""R074 under the property preset and without one: from the second visit on,
only complaints that are not major (第三类) may be revisited by phone. R107
under the after-sales preset: valid complaints close with tracked actions."""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestPresetsComplaints(ComplaintCommon):
    def _second_visit(self, severity):
        self.rule.sample_rate = 100
        ticket = self._create_complaint(complaint_severity=severity)
        self._close_valid(ticket)
        first = ticket.revisit_visit_ids
        self.assertEqual(len(first), 1)
        self.assertEqual(first.method, "phone")
        first.feedback = "Still noisy at night."
        self._complete_visit(first, satisfaction=1)
        self.assertEqual(ticket.reopen_count, 1)
        ticket.stage_id = self.stage_done
        second = ticket.revisit_visit_ids - first
        self.assertEqual(len(second), 1)
        return second

    def _check(self):
        self.assertEqual(self._second_visit("major").method, "onsite")
        self.assertEqual(self._second_visit("important").method, "phone")

    def test_R074_property_preset_major_complaints_followed_up_on_site(self):
        self.env.company._revisit_apply_preset("property")
        self._check()

    def test_R074_without_preset_major_complaints_followed_up_on_site(self):
        self.env.company._revisit_apply_preset("none")
        self._check()

    def _action(self, ticket):
        return self.env["revisit.complaint.action"].create(
            {
                "ticket_id": ticket.id,
                "kind": "corrective",
                "name": "Replace the pump mount",
                "user_id": self.head.id,
                "deadline": self.today + timedelta(days=5),
            }
        )

    def _close_once_action_done(self, ticket):
        """A corrective action to do blocks closing until it is done."""
        action = self._action(ticket)
        with self.assertRaisesRegex(UserError, "carry out the corrective"):
            ticket.stage_id = self.stage_done
        action.with_user(self.head).action_done()
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.closed)

    def test_R107_aftersales_preset_valid_complaints_need_tracked_actions(self):
        """制定订正预防措施,并监督措施实施状况及效果 (003 八.5)."""
        self.env.company._revisit_apply_preset("aftersales")
        ticket = self._create_complaint()
        self._judge_valid(ticket)
        self._reply(ticket)
        with self.assertRaisesRegex(UserError, "plan the corrective"):
            ticket.stage_id = self.stage_done
        self._close_once_action_done(ticket)

    def test_R107_without_preset_actions_to_do_block_closing(self):
        self.env.company._revisit_apply_preset("none")
        self.assertFalse(self.env.company.complaint_actions_required)
        ticket = self._create_complaint()
        self._judge_valid(ticket)
        self._reply(ticket)
        self._close_once_action_done(ticket)

    def _check_supervised(self):
        """监督措施实施状况及效果: an overdue action is escalated once to the
        complaint team's head, and a done one prompts someone else than its
        responsible to verify its effect."""
        ticket = self._create_complaint()
        late = self.env["revisit.complaint.action"].create(
            {
                "ticket_id": ticket.id,
                "name": "Replace the pump mount",
                "user_id": self.assistant.id,
                "deadline": self.today - timedelta(days=1),
            }
        )
        on_time = self._action(ticket)
        warning = self.env.ref("mail.mail_activity_data_warning")
        for _run in range(2):
            cron = self.env.ref(
                "revisit_complaints.ir_cron_complaint_action_escalation"
            )
            with self.enter_registry_test_mode():
                cron.method_direct_trigger()
            escalations = late.activity_ids.filtered(
                lambda a: a.activity_type_id == warning
            )
            self.assertEqual(len(escalations), 1)  # once, not every day
        self.assertEqual(escalations.user_id, self.head)
        self.assertEqual(late.escalated_date, self.today)
        self.assertFalse(on_time.escalated_date)
        with self.assertRaises(UserError):
            late.with_user(self.assistant).write({"escalated_date": False})
        # done: its effect is to be verified, by the team's head
        late.with_user(self.assistant).action_done()
        verify = late.ticket_id._revisit_env()._("Verify the effect of: %s", late.name)
        self.assertIn(
            verify,
            late.activity_ids.filtered(lambda a: a.user_id == self.head).mapped(
                "summary"
            ),
        )
        late.verification = "No hum at night for a week."
        late.with_user(self.head).action_verify()
        self.assertEqual(late.state, "verified")
        self.assertFalse(
            late.activity_ids.filtered(
                lambda a: a.activity_type_id != warning and a.user_id == self.head
            )
        )
        # the head's own action is overseen by the company manager
        self.assertEqual(on_time._overseer(), self.manager)

    def test_R107_aftersales_preset_overdue_escalated_effect_verified(self):
        self.env.company._revisit_apply_preset("aftersales")
        self._check_supervised()

    def test_R107_without_preset_overdue_escalated_effect_verified(self):
        self.env.company._revisit_apply_preset("none")
        self._check_supervised()
