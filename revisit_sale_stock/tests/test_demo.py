from dateutil.relativedelta import relativedelta

from odoo.addons.revisit_management.tests.common import demo_ref
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSaleStockDemo(TransactionCase):
    """The demo order, confirmed and delivered, created its events and visits."""

    def setUp(self):
        super().setUp()
        self.order = demo_ref(self, "revisit_sale_stock.sale_order_liu_yang_demo")

    def _events(self, record):
        return self.env["revisit.event"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_confirmed_and_delivered_order_created_its_visits(self):
        customer = self.env.ref("revisit_management.res_partner_liu_yang_demo")
        self.assertEqual(customer.name, "刘洋")
        self.assertEqual(self.order.state, "sale")
        new_customer = self._events(self.order)
        self.assertEqual(new_customer.trigger, "new_customer")
        self.assertEqual(new_customer.partner_id, customer)
        self.assertEqual(
            new_customer.visit_ids.rule_id,
            self.env.ref("revisit_management.revisit_rule_new_customer"),
        )
        picking = self.order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.state, "done")
        events = self._events(picking)
        # the one-year warranty visit is the delivery rule's year step
        self.assertEqual(events.mapped("trigger"), ["delivery"])
        self.assertEqual(events.partner_id, customer)
        steps = self.env.ref("revisit_management.revisit_rule_delivery").step_ids
        self.assertEqual(events.visit_ids.step_id, steps)
        year = steps.filtered(lambda s: s.offset_days == 365)
        self.assertEqual(
            events.visit_ids.filtered(lambda v: v.step_id == year).deadline,
            events.date + relativedelta(days=365 + year.window_days),
        )
        self.assertEqual((new_customer | events).visit_ids.partner_id, customer)
