from odoo.addons.revisit_management.tests.common import tour_test
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestComplaintTours(HttpCase):
    test_complaint_close_tour = tour_test("_complaint_tour")
    test_complaint_close_tour_zh_cn = tour_test(
        "_complaint_tour", chinese="base.user_admin"
    )

    def _complaint_tour(self):
        """A handler judges a complaint valid, fills cause and action; closing is
        refused until they answer the customer from the ticket, then it closes
        and the follow-up visit appears in the assignee's My visits."""
        admin = self.env.ref("base.user_admin")
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Tour desk",
                "user_ids": [(6, 0, admin.ids)],
                "complaint_manager_user_id": admin.id,
            }
        )
        partner = self.env["res.partner"].create(
            {"name": "Tour Owner 7-0701", "email": "owner70701@example.com"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Tour: lift stops between floors",
                "description": "<p>Twice this week.</p>",
                "team_id": team.id,
                "partner_id": partner.id,
                "is_complaint": True,
                "complaint_severity": "major",
                "responsible_department_id": self.env["hr.department"]
                .create({"name": "Lift maintenance"})
                .id,
            }
        )
        self.start_tour("/odoo", "revisit_complaint_tour", login="admin")
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.first_reply_date)
        # the reply is a message to the customer, not an internal note
        reply = ticket.message_ids.filtered(
            lambda message: "sensor is cleaned" in (message.body or "")
        )
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(partner, reply.notified_partner_ids | reply.partner_ids)
        self.assertEqual(ticket.complaint_validity, "valid")
        self.assertEqual(ticket.revisit_visit_ids.user_id, admin)
