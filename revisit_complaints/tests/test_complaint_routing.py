from .common import ComplaintCommon


class TestComplaintRouting(ComplaintCommon):
    def test_severity_routes_the_handling(self):
        for severity, user in (
            ("general", self.assistant),
            ("important", self.head),
            ("major", self.manager),
        ):
            with self.subTest(severity=severity):
                ticket = self._create_complaint(complaint_severity=severity)
                self.assertEqual(ticket.responsible_user_id, user)
                self.assertEqual(ticket.user_id, user)

    def test_raising_severity_reroutes(self):
        ticket = self._create_complaint()
        self.assertEqual(ticket.user_id, self.assistant)
        ticket.complaint_severity = "important"
        self.assertEqual(ticket.responsible_user_id, self.head)
        self.assertEqual(ticket.user_id, self.head)

    def test_major_complaint_notifies_the_manager_at_once(self):
        ticket = self._create_complaint(complaint_severity="major")
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertEqual(len(activity), 1)
        self.assertIn(self.manager.partner_id, ticket.message_partner_ids)
        general = self._create_complaint()
        self.assertFalse(
            general.activity_ids.filtered(lambda a: a.user_id == self.manager)
        )
        general.complaint_severity = "major"
        self.assertTrue(
            general.activity_ids.filtered(lambda a: a.user_id == self.manager)
        )

    def test_routing_is_per_team(self):
        other = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Other desk",
                "user_ids": [(6, 0, self.head.ids)],
                "complaint_assistant_user_id": self.head.id,
            }
        )
        ticket = self._create_complaint(team_id=other.id)
        self.assertEqual(ticket.responsible_user_id, self.head)

    def test_follow_up_visit_goes_to_the_routed_user(self):
        self.rule.sample_rate = 100
        for severity, user in (("general", self.assistant), ("important", self.head)):
            with self.subTest(severity=severity):
                partner = self.customer.copy({"name": f"Owner {severity}"})
                ticket = self._create_complaint(
                    complaint_severity=severity, partner_id=partner.id
                )
                self._close_valid(ticket)
                self.assertTrue(ticket.revisit_visit_ids)
                self.assertEqual(ticket.revisit_visit_ids.user_id, user)
