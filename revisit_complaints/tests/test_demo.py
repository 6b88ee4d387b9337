from datetime import timedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestComplaintDemo(TransactionCase):
    """The property manager's demo: three months of complaints, handled and
    revisited, so that the complaint analysis shows real figures."""

    def setUp(self):
        super().setUp()
        self.lift = self.env.ref(
            "revisit_complaints.helpdesk_ticket_lift_demo", raise_if_not_found=False
        )
        if not self.lift:
            self.skipTest("demo data not installed")

    def test_complaints_over_three_months_revisited(self):
        today = self.env.company._revisit_today()
        self.assertLessEqual(self.lift.create_date.date(), today - timedelta(days=70))
        self.assertTrue(self.lift.closed)
        self.assertTrue(self.lift.customer_satisfied)
        self.assertEqual(self.lift.revisit_visit_ids.state, "done")
        rows = self.env["revisit.complaint.report"]._read_group(
            [("date", ">=", today - timedelta(days=90))],
            [],
            ["__count", "handled_rate:avg", "revisit_rate:avg"],
        )
        [(count, handled, revisited)] = rows
        self.assertGreaterEqual(count, 9)
        self.assertGreater(handled, 50)
        self.assertGreater(revisited, 50)
        months = self.env["revisit.complaint.report"]._read_group(
            [("date", ">=", today - timedelta(days=90))], ["date:month"], ["__count"]
        )
        self.assertGreaterEqual(len(months), 3)
