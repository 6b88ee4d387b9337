from odoo.exceptions import UserError

from .common import ComplaintCommon


class TestComplaintOpenLetter(ComplaintCommon):
    def _letter(self, tickets, body):
        return (
            self.env["revisit.complaint.letter"]
            .with_context(active_model="helpdesk.ticket", active_ids=tickets.ids)
            .create({"subject": "Parking at night", "body": body})
        )

    def test_one_letter_answers_many_tickets_and_is_archived(self):
        neighbour = self.env["res.partner"].create({"name": "Owner 5-0802"})
        tickets = self._create_complaint() | self._create_complaint(
            partner_id=neighbour.id, name="Cars in my space"
        )
        letter = self._letter(
            tickets, "<p>Outside cars will be stopped at the gate.</p>"
        )
        self.assertEqual(letter.ticket_ids, tickets)
        letter.action_publish()
        for ticket in tickets:
            message = ticket.message_ids.filtered(
                lambda m: "stopped at the gate" in (m.body or "")
            )
            self.assertEqual(len(message), 1)
            self.assertEqual(message.subject, "Parking at night")
            self.assertIn(ticket.partner_id, message.partner_ids)
            self.assertEqual(len(message.attachment_ids), 1)
            self.assertTrue(ticket.first_reply_date)
        archived = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", (self.customer | neighbour).ids),
            ]
        )
        self.assertEqual(len(archived), 2)
        self.assertIn(b"stopped at the gate", archived[0].raw)

    def test_empty_letter_or_plain_ticket_is_refused(self):
        ticket = self._create_complaint()
        with self.assertRaises(UserError):
            self._letter(ticket, "<p><br></p>").action_publish()
        plain = self._create_complaint(is_complaint=False)
        with self.assertRaises(UserError):
            self._letter(ticket | plain, "<p>Answer</p>").action_publish()
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
            )
        )
