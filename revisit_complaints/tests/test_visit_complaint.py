from .common import ComplaintCommon


class TestVisitComplaint(ComplaintCommon):
    def test_problem_on_a_visit_becomes_a_complaint_in_one_click(self):
        visit = self.env["revisit.visit"].create(
            {
                "partner_id": self.customer.id,
                "scheduled_date": self.today,
                "problem": "The <b>lift</b> stops between floors.",
            }
        )
        action = visit.action_create_complaint()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertTrue(ticket.is_complaint)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.origin_visit_id, visit)
        self.assertEqual(visit.raised_ticket_ids, ticket)
        self.assertIn("&lt;b&gt;lift&lt;/b&gt;", ticket.description)
        self.assertEqual(
            visit.action_create_complaint()["res_id"],
            ticket.id,
            "one click, one ticket",
        )
