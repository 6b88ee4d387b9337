from odoo.addons.revisit_management.tests.common import demo_ref
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestProjectDemo(TransactionCase):
    """The demo project, started and closed, created its events and visits."""

    def setUp(self):
        super().setUp()
        self.project = demo_ref(self, "revisit_project.project_project_zhou_min_demo")

    def test_started_and_closed_project_created_its_visits(self):
        customer = self.env.ref("revisit_management.res_partner_zhou_min_demo")
        self.assertTrue(customer.name.startswith("周敏"))
        self.assertTrue(self.project.stage_id.fold)
        events = self.env["revisit.event"].search(
            [
                ("res_model", "=", "project.project"),
                ("res_id", "=", self.project.id),
            ]
        )
        self.assertEqual(
            sorted(events.mapped("trigger")), ["project_done", "project_start"]
        )
        self.assertEqual(events.partner_id, customer)
        for event in events:
            rule = self.env.ref(f"revisit_management.revisit_rule_{event.trigger}")
            self.assertEqual(event.visit_ids.rule_id, rule, event.trigger)
            self.assertEqual(len(event.visit_ids), 1, event.trigger)
        start = events.filtered(lambda e: e.trigger == "project_start")
        self.assertEqual(start.date, self.project.date_start)
