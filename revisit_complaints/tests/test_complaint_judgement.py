from odoo.exceptions import UserError

from .common import ComplaintCommon


class TestComplaintJudgement(ComplaintCommon):
    def test_unjudged_complaint_cannot_close(self):
        ticket = self._create_complaint()
        with self.assertRaisesRegex(UserError, "judge the complaint"):
            ticket.stage_id = self.stage_done
        self.assertEqual(ticket.stage_id, self.stage_new)

    def test_ordinary_ticket_closes_freely(self):
        ticket = self._create_complaint(is_complaint=False)
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.closed)

    def test_invalid_needs_reason_and_sends_courteous_reply(self):
        ticket = self._create_complaint(complaint_validity="invalid")
        with self.assertRaisesRegex(UserError, "reason"):
            ticket.stage_id = self.stage_done
        self.assertFalse(ticket.closed)
        ticket.invalid_reason = "The fee was approved by the owners' assembly."
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.closed)
        reply = ticket.message_ids.filtered(
            lambda m: "owners' assembly" in (m.body or "")
        )
        self.assertEqual(len(reply), 1)
        self.assertIn(self.customer, reply.partner_ids)
        self.assertEqual(reply.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertTrue(ticket.first_reply_date)
        self.assertFalse(
            self.env["revisit.event"].search([("reference", "=", ticket.number)])
        )

    def test_valid_needs_department_person_cause_and_action(self):
        ticket = self._create_complaint(complaint_validity="valid")
        ticket.responsible_user_id = False
        with self.assertRaises(UserError) as error:
            ticket.stage_id = self.stage_done
        message = str(error.exception)
        for label in (
            "Responsible Department",
            "Responsible Person",
            "Cause Analysis",
            "Corrective Action",
        ):
            self.assertIn(label, message)
        # Nothing half-written: the ticket stays open, no visit was planned.
        self.assertFalse(ticket.closed)
        self.assertFalse(ticket.closed_date)
        self.assertFalse(ticket.revisit_visit_ids)

    def test_valid_complete_complaint_closes(self):
        ticket = self._create_complaint()
        self._close_valid(ticket)
        self.assertTrue(ticket.closed)

    def test_reply_only_needs_the_reply_letter(self):
        ticket = self._create_complaint(reply_only=True)
        self._judge_valid(ticket)
        with self.assertRaisesRegex(UserError, "reply letter"):
            ticket.stage_id = self.stage_done


class TestComplaintReplyRecorded(ComplaintCommon):
    """A valid complaint closes only once the customer was answered."""

    def test_valid_complaint_without_reply_stays_open(self):
        ticket = self._create_complaint()
        self._judge_valid(ticket)
        # an internal note is no answer to the customer
        ticket.message_post(
            body="<p>Checked the pump.</p>", subtype_xmlid="mail.mt_note"
        )
        with self.assertRaisesRegex(UserError, "reply to the customer"):
            ticket.stage_id = self.stage_done
        self.assertFalse(ticket.closed)
        self.assertFalse(ticket.first_reply_date)
        self.assertFalse(ticket.revisit_visit_ids)
        with self.assertRaisesRegex(UserError, "reply to the customer"):
            ticket.action_complaint_close()

    def test_message_to_customer_records_reply_and_closes(self):
        ticket = self._create_complaint()
        self._judge_valid(ticket)
        self._reply(ticket)
        self.assertTrue(ticket.first_reply_date)
        ticket.action_complaint_close()
        self.assertTrue(ticket.closed)

    def test_complaint_letter_records_reply_and_closes(self):
        ticket = self._create_complaint()
        self._judge_valid(ticket)
        self.env["revisit.complaint.letter"].with_context(
            active_model="helpdesk.ticket", active_ids=ticket.ids
        ).create(
            {"subject": "Pump noise", "body": "<p>The pump is being fixed.</p>"}
        ).action_publish()
        self.assertTrue(ticket.first_reply_date)
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.closed)

    def test_customers_acknowledgement_is_no_reply(self):
        """The promised-date e-mail sent at intake does not answer the complaint."""
        ticket = self._create_complaint()
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: m.message_type == "comment")
        )
        self.assertFalse(ticket.first_reply_date)

    def test_escalated_close_needs_the_reply_too(self):
        ticket = self._create_complaint()
        self._judge_valid(ticket)
        with self.assertRaisesRegex(UserError, "reply to the customer"):
            ticket.with_user(self.manager).action_complaint_close_escalated()
        self.assertFalse(ticket.closed)
