from odoo.addons.revisit_management.tests.common import (
    RevisitCase,
    internal_user,
    use_chinese,
)
from odoo.exceptions import AccessError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestCrm(RevisitCase):
    """Sales opportunities noted by revisit staff who have no sales rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman = "sales_team.group_sale_salesman"
        cls.salesperson = internal_user(cls.env, "rv_salesperson", salesman)
        cls.other_salesperson = internal_user(cls.env, "rv_other_salesperson", salesman)
        cls.customer.write({"is_company": True, "user_id": cls.salesperson.id})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Li Wei", "parent_id": cls.customer.id, "phone": "13800000000"}
        )
        cls.Lead = cls.env["crm.lead"].with_context(active_test=False)

    def _done(self, visit, note=None):
        wizard = (
            self.env["revisit.visit.done"]
            .with_user(self.staff)
            .create(
                {"visit_id": visit.id, "satisfaction": "4", "opportunity_note": note}
            )
        )
        wizard.action_done()
        self.assertEqual(visit.state, "done")

    def _leads(self, visit):
        return self.Lead.search([("revisit_visit_id", "=", visit.id)])

    def test_staff_have_no_sales_rights(self):
        self.assertFalse(self.staff.has_group("sales_team.group_sale_salesman"))
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.staff).check_access("read")

    def test_r064_note_becomes_a_lead_for_the_salesperson(self):
        visit = self.visit(method="phone", contact_id=self.contact.id)
        self._done(visit, "Wants a second dental chair next quarter.\nCall after 3pm.")
        lead = self._leads(visit)
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.user_id, self.salesperson)
        self.assertEqual(lead.partner_id, self.contact)
        self.assertEqual(lead.partner_name, self.customer.name)
        self.assertEqual(lead.company_id, visit.company_id)
        self.assertIn("Wants a second dental chair", lead.description)
        self.assertIn("Call after 3pm.", lead.description)
        self.assertIn(visit.name, lead.name)
        self.assertIn(self.customer.name, lead.name)
        uses_leads = self.salesperson.has_group("crm.group_use_lead")
        self.assertEqual(lead.type, "lead" if uses_leads else "opportunity")
        # linked both ways
        self.assertEqual(lead.revisit_visit_id, visit)
        self.assertEqual(visit.lead_ids, lead)
        self.assertEqual(visit.lead_count, 1)
        action = visit.action_open_leads()
        self.assertEqual(action["res_id"], lead.id)
        self.assertEqual(lead.action_open_revisit_visit()["res_id"], visit.id)
        self.assertIn(lead.name, visit.message_ids[0].body)

    def test_lead_type_follows_the_crm_setting(self):
        group_user = self.env.ref("base.group_user")
        use_lead = self.env.ref("crm.group_use_lead")
        group_user.implied_ids = [(3, use_lead.id)]
        first = self.visit(method="phone")
        self._done(first, "Asks for a quote")
        self.assertEqual(self._leads(first).type, "opportunity")
        group_user.implied_ids = [(4, use_lead.id)]
        second = self.visit(method="phone", scheduled_date=self.monday.replace(day=8))
        self._done(second, "Asks for a quote")
        self.assertEqual(self._leads(second).type, "lead")

    def test_salesperson_sees_the_lead_other_salespeople_do_not(self):
        visit = self.visit(method="phone")
        self._done(visit, "Interested in the maintenance contract")
        lead = self._leads(visit)
        as_salesperson = self.Lead.with_user(self.salesperson)
        self.assertEqual(
            as_salesperson.search([("revisit_visit_id", "=", visit.id)]), lead
        )
        lead.with_user(self.salesperson).check_access("write")
        # the salesperson gets the lead, not the revisit record
        with self.assertRaises(AccessError):
            visit.with_user(self.salesperson).check_access("read")
        self.assertFalse(
            self.Lead.with_user(self.other_salesperson).search(
                [("revisit_visit_id", "=", visit.id)]
            )
        )

    def test_without_note_no_lead(self):
        visit = self.visit(method="phone")
        self._done(visit, "   ")
        self.assertFalse(self._leads(visit))
        other = self.visit(method="phone", scheduled_date=self.monday.replace(day=8))
        self._done(other)
        self.assertFalse(self._leads(other))

    def test_unreachable_visit_with_note_makes_no_lead(self):
        visit = self.visit(method="phone", opportunity_note="Maybe")
        visit.with_user(self.staff).action_unreachable()
        self.assertFalse(self._leads(visit))

    def test_one_lead_per_visit(self):
        visit = self.visit(method="phone")
        self._done(visit, "Wants a quote")
        visit.with_user(self.staff).opportunity_note = "Wants a quote for two"
        visit._revisit_create_leads()
        self.assertEqual(len(self._leads(visit)), 1)
        self._leads(visit).action_set_lost()
        visit._revisit_create_leads()
        self.assertEqual(len(self._leads(visit)), 1, "a lost lead still counts")

    def test_note_added_after_completion(self):
        visit = self.visit(method="phone")
        self._done(visit)
        self.assertFalse(self._leads(visit))
        visit.with_user(self.staff).opportunity_note = "Mentioned a new branch"
        self.assertEqual(len(self._leads(visit)), 1)

    def test_customer_without_salesperson_gets_an_unassigned_lead(self):
        self.customer.user_id = False
        visit = self.visit(method="phone")
        self._done(visit, "Wants a quote")
        lead = self._leads(visit)
        self.assertEqual(len(lead), 1)
        self.assertFalse(lead.user_id, "not the revisit staff member")
        self.assertTrue(
            self.Lead.with_user(self.other_salesperson).search([("id", "=", lead.id)]),
            "unassigned leads are open to every salesperson",
        )

    def test_salesperson_without_sales_rights_is_not_assigned(self):
        self.customer.user_id = self.staff2
        visit = self.visit(method="phone")
        self._done(visit, "Wants a quote")
        self.assertFalse(self._leads(visit).user_id)

    def test_lead_name_in_the_company_language(self):
        use_chinese(self.env, self.env["res.users"])
        self.company.partner_id.lang = "zh_CN"
        visit = self.visit(method="phone")
        self._done(visit, "想再买一台")
        self.assertIn("销售机会", self._leads(visit).name)

    def test_outcome_dialog_shows_the_note_already_written(self):
        visit = self.visit(method="phone", opportunity_note="Needs spare parts")
        wizard = (
            self.env["revisit.visit.done"]
            .with_user(self.staff)
            .create({"visit_id": visit.id, "satisfaction": "5"})
        )
        self.assertEqual(wizard.opportunity_note, "Needs spare parts")
        wizard.action_done()
        self.assertIn("Needs spare parts", self._leads(visit).description)
