from datetime import timedelta

from odoo.exceptions import UserError

from .common import ComplaintCommon


class TestComplaintFollowup(ComplaintCommon):
    def _events(self, ticket):
        return self.env["revisit.event"].search(
            [("reference", "=", ticket.number), ("trigger", "=", "complaint")]
        )

    def test_closing_a_valid_complaint_plans_the_visit(self):
        self.rule.sample_rate = 100
        step = self.rule.step_ids[:1]
        ticket = self._create_complaint()
        self._close_valid(ticket)
        event = self._events(ticket)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.partner_id, self.customer)
        visit = ticket.revisit_visit_ids
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.event_id, event)
        self.assertEqual(
            visit.scheduled_date, self.today + timedelta(days=step.offset_days)
        )
        self.assertLessEqual(visit.deadline, self.today + timedelta(days=3))
        self.assertTrue(ticket.awaiting_revisit)

    def test_sampling_leaves_general_complaints_out_but_not_major_ones(self):
        self.rule.sample_rate = 0
        general = self._create_complaint()
        self._close_valid(general)
        self.assertEqual(len(self._events(general)), 1)
        self.assertFalse(general.revisit_visit_ids)
        partner = self.customer.copy({"name": "Owner major"})
        major = self._create_complaint(
            complaint_severity="major", partner_id=partner.id
        )
        self._close_valid(major)
        self.assertEqual(len(major.revisit_visit_ids), 1)
        self.assertEqual(major.revisit_visit_ids.user_id, self.manager)
        self.assertEqual(major.revisit_visit_ids.rule_id, self.rule)

    def test_key_customers_are_always_revisited(self):
        self.rule.sample_rate = 0
        self.customer.revisit_key_customer = True
        ticket = self._create_complaint()
        self._close_valid(ticket)
        self.assertEqual(len(ticket.revisit_visit_ids), 1)

    def test_anonymous_and_reply_only_get_no_visit_and_keep_the_reply(self):
        self.rule.sample_rate = 100
        for values in ({"is_anonymous": True}, {"reply_only": True}):
            with self.subTest(**values):
                ticket = self._create_complaint(
                    complaint_reply="<p>The lane is now patrolled at night.</p>",
                    **values,
                )
                self._close_valid(ticket)
                self.assertTrue(ticket.closed)
                self.assertFalse(self._events(ticket))
                self.assertFalse(ticket.revisit_visit_ids)
                attachment = self.env["ir.attachment"].search(
                    [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
                )
                self.assertEqual(len(attachment), 1)
                self.assertIn(b"patrolled", attachment.raw)

    def test_dissatisfied_customer_reopens_until_satisfied(self):
        self.rule.sample_rate = 0
        ticket = self._create_complaint(complaint_severity="important")
        self._close_valid(ticket)
        # Sampled out: a general or important complaint gets no visit at first.
        self.assertFalse(ticket.revisit_visit_ids)
        self.rule.sample_rate = 100
        ticket.stage_id = self.stage_progress
        ticket.stage_id = self.stage_done
        first = ticket.revisit_visit_ids
        self.assertEqual(len(first), 1)

        self._complete_visit(first, satisfaction=1)
        self.assertFalse(ticket.closed)
        self.assertEqual(ticket.reopen_count, 1)
        self.assertFalse(ticket.customer_satisfied)
        self.assertTrue(
            ticket.activity_ids.filtered(lambda a: a.user_id == self.head),
            "the handler is told the customer is still dissatisfied",
        )
        # The complaint drives the next visit, not the generic follow-up.
        self.assertEqual(ticket.revisit_visit_ids, first)
        self.assertFalse(first.followup_visit_ids)

        self.rule.sample_rate = 0  # a reopened complaint is revisited regardless
        ticket.stage_id = self.stage_done
        second = ticket.revisit_visit_ids - first
        self.assertEqual(len(second), 1)
        self.assertEqual(second.user_id, self.head)

        self._complete_visit(second, satisfaction=5)
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.customer_satisfied)
        self.assertEqual(ticket.reopen_count, 1)
        self.assertFalse(ticket.awaiting_revisit)

    def test_problem_raised_on_the_visit_reopens(self):
        ticket = self._create_complaint(complaint_severity="major")
        self._close_valid(ticket)
        self._complete_visit(
            ticket.revisit_visit_ids, satisfaction=4, problem="Still hums at 2 a.m."
        )
        self.assertFalse(ticket.closed)
        self.assertEqual(ticket.reopen_count, 1)

    def test_manager_closes_as_escalated(self):
        ticket = self._create_complaint(complaint_severity="major")
        self._close_valid(ticket)
        self._complete_visit(ticket.revisit_visit_ids, satisfaction=1)
        self.assertFalse(ticket.closed)
        with self.assertRaises(UserError):
            ticket.with_user(self.assistant).action_complaint_close_escalated()
        ticket.with_user(self.manager).action_complaint_close_escalated()
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.complaint_escalated)
        self.assertEqual(len(ticket.revisit_visit_ids), 1, "no further visit")
