from datetime import timedelta

from odoo import fields

from .common import ComplaintCommon


class TestComplaintDuplicates(ComplaintCommon):
    def _age(self, ticket, days):
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=days), ticket.id),
        )
        ticket.invalidate_recordset(["create_date"])

    def test_same_customer_same_category_is_proposed(self):
        original = self._create_complaint()
        self._age(original, 2)
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Engineering"})
        again = self._create_complaint(name="Humming downstairs", team_id=other_team.id)
        self.assertEqual(again.possible_duplicate_id, original)
        self.assertFalse(
            original.possible_duplicate_id, "the original is not a duplicate"
        )
        again.action_link_possible_duplicate()
        self.assertEqual(again.duplicate_of_id, original)
        self.assertEqual(original.duplicate_ids, again)

    def test_similar_name_is_proposed(self):
        original = self._create_complaint(category_id=False)
        self._age(original, 1)
        again = self._create_complaint(
            name="Pump room noise at night again", category_id=self.category_leak.id
        )
        self.assertEqual(again.possible_duplicate_id, original)

    def test_not_proposed_outside_the_window_or_for_others(self):
        original = self._create_complaint()
        self._age(original, 40)
        self.env.company.complaint_duplicate_days = 30
        again = self._create_complaint()
        self.assertFalse(again.possible_duplicate_id)
        self.env.company.complaint_duplicate_days = 60
        again.invalidate_recordset(["possible_duplicate_id"])
        self.assertEqual(again.possible_duplicate_id, original)
        neighbour = self.env["res.partner"].create({"name": "Owner 3-1202"})
        other = self._create_complaint(partner_id=neighbour.id)
        self.assertFalse(other.possible_duplicate_id)
        different = self._create_complaint(
            name="Car scratched in the garage", category_id=self.category_leak.id
        )
        self.assertFalse(different.possible_duplicate_id)

    def test_duplicates_share_the_outcome_and_count_once(self):
        self.rule.sample_rate = 100
        original = self._create_complaint()
        self._age(original, 1)
        again = self._create_complaint()
        again.action_link_possible_duplicate()
        report = self.env["revisit.complaint.report"]
        domain = [("partner_id", "=", self.customer.id)]
        self.assertEqual(report.search_count(domain), 1)
        self.assertEqual(report.search(domain).duplicate_count, 1)

        self._close_valid(original)
        self.assertTrue(again.closed)
        self.assertEqual(again.complaint_validity, "valid")
        self.assertEqual(again.corrective_action, original.corrective_action)
        self.assertEqual(len(original.revisit_visit_ids), 1)
        self.assertFalse(again.revisit_visit_ids, "one visit for the one issue")
        self.assertNotIn(again, report.search([]).ticket_id)
