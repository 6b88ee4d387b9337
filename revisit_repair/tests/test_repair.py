from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRepair(TransactionCase):
    """A real repair order, ended by a technician without revisit rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.technician = new_test_user(
            cls.env, "rv_technician", groups="stock.group_stock_user"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Zhao Clinic"})
        cls.product = cls.env["product.product"].create(
            {"name": "Dental chair", "type": "consu"}
        )
        cls.rule = cls.env.ref("revisit_management.revisit_rule_repair")
        cls.rule.sample_rate = 100

    def _repair(self, partner):
        repair = self.env["repair.order"].create(
            {"product_id": self.product.id, "partner_id": partner.id}
        )
        as_technician = repair.with_user(self.technician)
        as_technician.action_validate()
        as_technician.action_repair_start()
        as_technician.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    def _events(self, repair):
        return self.env["revisit.event"].search(
            [("res_model", "=", "repair.order"), ("res_id", "=", repair.id)]
        )

    def test_repair_done_plans_the_repair_revisit(self):
        repair = self._repair(self.customer)
        event = self._events(repair)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.trigger, "repair")
        self.assertEqual(event.partner_id, self.customer)
        self.assertEqual(event.source_ref, repair)
        self.assertEqual(event.date, repair.company_id._revisit_today())
        self.assertEqual(event.visit_ids.rule_id, self.rule)

    def test_an_unfinished_repair_has_no_event(self):
        repair = self.env["repair.order"].create(
            {"product_id": self.product.id, "partner_id": self.customer.id}
        )
        repair.action_validate()
        repair.action_repair_start()
        self.assertFalse(self._events(repair))
