from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestComplaint(TransactionCase):
    def test_ticket_can_be_marked_as_complaint(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Noise at night",
                "description": "Pump room noise",
                "is_complaint": True,
            }
        )
        self.assertTrue(ticket.is_complaint)
        self.assertEqual(ticket.complaint_severity, "general")
        complaints = self.env["helpdesk.ticket"].search([("is_complaint", "=", True)])
        self.assertIn(ticket, complaints)
