from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged

# 07:30 in Shanghai on 7 January 2030, still the 6th in UTC
LOCAL_MORNING = "2030-01-06 23:30:00"
LOCAL_DAY = date(2030, 1, 7)


@tagged("post_install", "-at_install")
class TestMaintenance(TransactionCase):
    """Real maintenance requests on a customer's equipment, closed by a
    technician who has no revisit right."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.revisit_tz = "Asia/Shanghai"
        cls.technician = new_test_user(
            cls.env, "rv_maintenance_technician", groups="base.group_user"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Zhao Clinic", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Dr. Zhao", "parent_id": cls.customer.id}
        )
        cls.equipment = cls.env["maintenance.equipment"].create(
            {"name": "Dental X-ray unit", "customer_id": cls.contact.id}
        )
        cls.own_equipment = cls.env["maintenance.equipment"].create(
            {"name": "Workshop compressor"}
        )
        cls.stage_new = cls.env.ref("maintenance.stage_0")
        cls.stage_done = cls.env.ref("maintenance.stage_3")
        cls.rule = cls.env.ref("revisit_management.revisit_rule_repair")
        cls.rule.sample_rate = 100

    def _request(self, equipment):
        return self.env["maintenance.request"].create(
            {
                "name": f"{equipment.name} fails",
                "equipment_id": equipment.id,
                "user_id": self.technician.id,
                "stage_id": self.stage_new.id,
            }
        )

    def _close(self, request):
        request.with_user(self.technician).write({"stage_id": self.stage_done.id})
        self.assertTrue(request.stage_id.done)

    def _events(self, request):
        return self.env["revisit.event"].search(
            [("res_model", "=", "maintenance.request"), ("res_id", "=", request.id)]
        )

    def test_request_customer_comes_from_the_equipment(self):
        request = self._request(self.equipment)
        self.assertEqual(request.customer_id, self.contact)
        self.assertFalse(self._request(self.own_equipment).customer_id)
        found = self.env["maintenance.equipment"].search(
            [("customer_id", "child_of", self.customer.id)]
        )
        self.assertEqual(found, self.equipment)

    @freeze_time(LOCAL_MORNING)
    def test_request_done_plans_the_repair_revisit(self):
        request = self._request(self.equipment)
        self.assertFalse(self._events(request))
        self._close(request)
        event = self._events(request)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.trigger, "repair")
        self.assertEqual(
            event.partner_id, self.customer, "the company, not the contact"
        )
        self.assertEqual(event.source_ref, request)
        self.assertEqual(event.reference, request.name)
        self.assertEqual(event.date, LOCAL_DAY, "the company's day, not UTC's")
        visit = event.visit_ids
        self.assertEqual(visit.rule_id, self.rule)
        self.assertEqual(visit.partner_id, self.customer)
        step = self.rule.step_ids
        self.assertEqual(
            visit.scheduled_date, LOCAL_DAY + timedelta(days=step.offset_days)
        )

    def test_request_without_customer_creates_nothing(self):
        request = self._request(self.own_equipment)
        self._close(request)
        self.assertFalse(self._events(request))

    def test_unfinished_request_creates_nothing(self):
        request = self._request(self.equipment)
        request.with_user(self.technician).write(
            {"stage_id": self.env.ref("maintenance.stage_1").id}
        )
        self.assertFalse(self._events(request))

    def test_request_done_twice_has_one_event(self):
        request = self._request(self.equipment)
        self._close(request)
        request.with_user(self.technician).write({"stage_id": self.stage_new.id})
        self._close(request)
        self.assertEqual(len(self._events(request)), 1)

    def test_request_created_done_is_revisited(self):
        request = self.env["maintenance.request"].create(
            {
                "name": "Recorded after the visit",
                "equipment_id": self.equipment.id,
                "stage_id": self.stage_done.id,
            }
        )
        self.assertEqual(len(self._events(request)), 1)

    def test_customer_set_on_a_done_request_is_revisited(self):
        request = self._request(self.own_equipment)
        self._close(request)
        request.customer_id = self.customer
        self.assertEqual(self._events(request).partner_id, self.customer)

    def test_archived_customer_does_not_block_closing(self):
        request = self._request(self.equipment)
        self.customer.action_archive()
        self._close(request)
        self.assertFalse(self._events(request))

    def test_technician_has_no_revisit_right(self):
        self.assertFalse(
            self.technician.has_group("revisit_management.group_revisit_user")
        )
        request = self._request(self.equipment)
        self._close(request)
        self.assertEqual(len(self._events(request)), 1)
        self.assertFalse(
            self.env["revisit.event"].with_user(self.technician).has_access("read"),
            "the technician still sees no revisit event",
        )

    def test_r023_equipment_customers_revisited_monthly(self):
        tier = self.env.ref("revisit_maintenance.revisit_tier_equipment")
        self.assertEqual(tier.interval_months, 1)
        self.assertEqual(self.customer.revisit_tier_id, tier)
        self.assertFalse(self.contact.revisit_tier_id, "the company is the customer")
        self.customer.phone = "021 1234"
        with self.enter_registry_test_mode():
            self.env.ref(
                "revisit_management.ir_cron_revisit_generate"
            ).method_direct_trigger()
        first = self.env["revisit.visit"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(first), 1)
        self.assertEqual(first.rule_id.trigger, "periodic")
        first.sudo().write({"state": "done", "done_date": LOCAL_DAY})
        self.assertEqual(
            self.customer.revisit_periodic_due, LOCAL_DAY + relativedelta(months=1)
        )
        # a customer with a tier of their own keeps it
        high = self.env.ref("revisit_management.revisit_tier_high")
        other = self.env["res.partner"].create(
            {"name": "Qian Hospital", "revisit_tier_id": high.id}
        )
        self.env["maintenance.equipment"].create(
            {"name": "Autoclave", "customer_id": other.id}
        )
        self.assertEqual(other.revisit_tier_id, high)
