from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSaleStock(TransactionCase):
    """Real orders and deliveries, confirmed and validated by users without any
    revisit right, create the customer's revisit events and visits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.salesman = new_test_user(
            cls.env, "rv_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.storekeeper = new_test_user(
            cls.env, "rv_storekeeper", groups="stock.group_stock_user"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Wang Equipment Co."})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Wang Lei", "parent_id": cls.customer.id}
        )
        cls.pump = cls.env["product.product"].create(
            {"name": "Water pump", "type": "consu", "revisit_warranty_months": 12}
        )
        cls.hose = cls.env["product.product"].create(
            {"name": "Hose", "type": "consu", "revisit_warranty_months": 6}
        )
        cls.Event = cls.env["revisit.event"]

    def _order(self, products, partner=None):
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": (partner or self.contact).id,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": 2})
                        for product in products
                    ],
                }
            )
        )
        order.action_confirm()
        return order.sudo()

    def _deliver(self, order):
        picking = order.picking_ids.with_user(self.storekeeper)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking.sudo()

    def _events(self, trigger, record):
        return self.Event.search(
            [
                ("trigger", "=", trigger),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
            ]
        )

    def test_delivery_done_plans_the_delivery_and_warranty_revisits(self):
        order = self._order(self.pump | self.hose)
        picking = order.picking_ids
        self.assertFalse(self._events("delivery", picking))
        picking = self._deliver(order)
        delivery = self._events("delivery", picking)
        self.assertEqual(len(delivery), 1)
        self.assertEqual(delivery.partner_id, self.customer)
        self.assertEqual(delivery.source_ref, picking)
        done = self.company._revisit_date_of(picking.date_done)
        self.assertEqual(delivery.date, done)
        steps = self.env.ref("revisit_management.revisit_rule_delivery").step_ids
        self.assertEqual(delivery.visit_ids.step_id, steps)
        for visit in delivery.visit_ids:
            # the planner may move a visit later (busy customer, days off)
            self.assertGreaterEqual(
                visit.scheduled_date,
                done + relativedelta(days=visit.step_id.offset_days),
            )
        # a one-year warranty ends on the delivery rule's year step: that is
        # the warranty visit, no separate warranty_end event doubles it
        self.assertFalse(self._events("warranty_end", picking))
        self.assertEqual(len(delivery.visit_ids), 3)

    def test_r026_longer_warranty_has_its_own_event(self):
        self.pump.revisit_warranty_months = 24
        picking = self._deliver(self._order(self.pump | self.hose))
        done = self.company._revisit_date_of(picking.date_done)
        warranty = self._events("warranty_end", picking)
        self.assertEqual(len(warranty), 1)
        self.assertEqual(warranty.date, done + relativedelta(months=24))
        self.assertEqual(len(warranty.visit_ids), 1)

    def test_no_warranty_no_warranty_revisit(self):
        self.pump.revisit_warranty_months = 0
        self.hose.revisit_warranty_months = 0
        picking = self._deliver(self._order(self.pump))
        self.assertEqual(len(self._events("delivery", picking)), 1)
        self.assertFalse(self._events("warranty_end", picking))

    def test_first_confirmed_order_makes_a_new_customer(self):
        first = self._order(self.pump)
        event = self._events("new_customer", first)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.partner_id, self.customer)
        self.assertTrue(event.visit_ids)
        second = self._order(self.hose, partner=self.customer)
        self.assertFalse(self._events("new_customer", second))
        self.assertEqual(
            self.Event.search_count(
                [
                    ("trigger", "=", "new_customer"),
                    ("partner_id", "=", self.customer.id),
                ]
            ),
            1,
        )

    def test_r068_revisit_list_shows_deal_date_and_products(self):
        """客户姓名、联系方式、成交时间、购买产品: the visits of a delivery show
        the order's date and products, to revisit staff without sales rights;
        a visit without a sale document shows the customer's last order."""
        staff = new_test_user(
            self.env, "rv_list_staff", groups="revisit_management.group_revisit_manager"
        )
        order = self._order(self.pump | self.hose)
        picking = self._deliver(order)
        deal_day = self.company._revisit_date_of(order.date_order)
        visits = self._events("delivery", picking).visit_ids.with_user(staff)
        self.assertTrue(visits)
        for visit in visits:
            self.assertEqual(visit.deal_date, deal_day)
            self.assertIn("Water pump", visit.purchased_products)
            self.assertIn("Hose", visit.purchased_products)
        manual = (
            self.env["revisit.visit"]
            .with_user(staff)
            .create(
                {
                    "partner_id": self.customer.id,
                    "scheduled_date": deal_day + relativedelta(days=40),
                }
            )
        )
        self.assertEqual(manual.deal_date, deal_day)
        self.assertIn("Water pump", manual.purchased_products)
        before = manual.create(
            {
                "partner_id": self.customer.id,
                "scheduled_date": deal_day - relativedelta(days=1),
            }
        )
        self.assertFalse(before.deal_date)
        self.assertFalse(before.purchased_products)
        # the revisit list shows both columns
        arch = self.env["revisit.visit"].get_views([(False, "list")])["views"]["list"]
        self.assertIn("deal_date", arch["arch"])
        self.assertIn("purchased_products", arch["arch"])

    def test_receipts_create_no_event(self):
        receipt_type = self.env["stock.picking.type"].search(
            [("code", "=", "incoming"), ("company_id", "=", self.company.id)], limit=1
        )
        source = receipt_type.default_location_src_id
        destination = receipt_type.default_location_dest_id
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": receipt_type.id,
                "partner_id": self.customer.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.pump.id,
                            "product_uom_qty": 1,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                        },
                    )
                ],
            }
        )
        receipt.action_confirm()
        receipt.move_ids.quantity = 1
        receipt.move_ids.picked = True
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertFalse(
            self.Event.search(
                [("res_model", "=", "stock.picking"), ("res_id", "=", receipt.id)]
            )
        )
