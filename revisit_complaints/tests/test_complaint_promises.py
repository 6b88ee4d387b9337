from datetime import timedelta

from odoo.addons.revisit_management.tests.common import trigger_cron

from .common import ComplaintCommon


class TestComplaintPromises(ComplaintCommon):
    def _run_cron(self):
        trigger_cron(self, "revisit_complaints.ir_cron_complaint_promises")

    def _todo(self, ticket, user):
        # written in the company's language
        summary = ticket._revisit_env()._("Reply promised to the customer")
        return ticket.activity_ids.filtered(
            lambda a: a.user_id == user and a.summary == summary
        )

    def test_reminder_before_the_promised_date_once(self):
        self.env.company.complaint_reminder_days = 2
        soon = self._create_complaint(promised_date=self.today + timedelta(days=2))
        later = self._create_complaint(
            promised_date=self.today + timedelta(days=3), name="Later"
        )
        self._run_cron()
        self.assertEqual(len(self._todo(soon, self.assistant)), 1)
        self.assertTrue(soon.promise_reminded)
        self.assertFalse(self._todo(later, self.assistant))
        self._run_cron()
        self.assertEqual(len(self._todo(soon, self.assistant)), 1, "never twice")

    def test_escalation_after_the_promised_date_once(self):
        late = self._create_complaint(promised_date=self.today - timedelta(days=1))
        self._run_cron()
        escalation = late.activity_ids.filtered(lambda a: a.user_id == self.head)
        self.assertEqual(len(escalation), 1)
        self.assertTrue(late.promise_escalated)
        self._run_cron()
        self.assertEqual(
            len(late.activity_ids.filtered(lambda a: a.user_id == self.head)), 1
        )

    def test_closed_complaints_are_left_alone_and_new_promise_rearms(self):
        closed = self._create_complaint(
            promised_date=self.today - timedelta(days=1), complaint_severity="major"
        )
        self._close_valid(closed)
        self._run_cron()
        self.assertFalse(closed.promise_escalated)
        ticket = self._create_complaint(promised_date=self.today)
        self._run_cron()
        self.assertTrue(ticket.promise_reminded)
        ticket.promised_date = self.today + timedelta(days=1)
        self.assertFalse(ticket.promise_reminded)
        self._run_cron()
        self.assertEqual(len(self._todo(ticket, self.assistant)), 2)
