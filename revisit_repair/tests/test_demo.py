from odoo.addons.revisit_management.tests.common import demo_ref
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRepairDemo(TransactionCase):
    """The demo repair, ended, created its event and visit."""

    def setUp(self):
        super().setUp()
        self.repair = demo_ref(self, "revisit_repair.repair_order_zhao_li_demo")

    def test_ended_repair_created_its_visit(self):
        customer = self.env.ref("revisit_management.res_partner_zhao_li_demo")
        self.assertEqual(customer.name, "赵丽")
        self.assertTrue(customer.revisit_key_customer)
        self.assertEqual(self.repair.state, "done")
        event = self.env["revisit.event"].search(
            [("res_model", "=", "repair.order"), ("res_id", "=", self.repair.id)]
        )
        self.assertEqual(len(event), 1)
        self.assertEqual(event.trigger, "repair")
        self.assertEqual(event.partner_id, customer)
        # a key customer is always sampled: one visit within a month
        self.assertEqual(len(event.visit_ids), 1)
        self.assertEqual(
            event.visit_ids.rule_id,
            self.env.ref("revisit_management.revisit_rule_repair"),
        )
        self.assertEqual(event.visit_ids.partner_id, customer)
