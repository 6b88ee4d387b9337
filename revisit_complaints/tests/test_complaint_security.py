from odoo.addons.revisit_management.tests.common import STAFF, company_user
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintSecurity(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visitor = new_test_user(cls.env, "cpl_visitor", groups=STAFF)
        cls.stranger = cls.env["res.partner"].create({"name": "Owner 9-0909"})
        cls.env["revisit.visit"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.visitor.id,
                "scheduled_date": cls.today,
            }
        )

    def test_revisit_user_sees_complaints_of_own_visits_customers_only(self):
        mine = self._create_complaint()
        other = self._create_complaint(partner_id=self.stranger.id)
        plain = self._create_complaint(is_complaint=False)
        visible = (
            self.env["helpdesk.ticket"]
            .with_user(self.visitor)
            .search([("id", "in", (mine | other | plain).ids)])
        )
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            other.with_user(self.visitor).read(["name"])

    def test_revisit_user_raises_a_complaint_from_a_visit(self):
        visit = self.env["revisit.visit"].search(
            [("user_id", "=", self.visitor.id)], limit=1
        )
        visit.problem = "Lift stops between floors."
        action = visit.with_user(self.visitor).action_create_complaint()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.origin_visit_id, visit)

    def test_revisit_manager_sees_every_complaint(self):
        manager = new_test_user(
            self.env,
            login="cpl_rv_manager",
            groups="revisit_management.group_revisit_manager",
        )
        other = self._create_complaint(partner_id=self.stranger.id)
        self.assertEqual(
            self.env["helpdesk.ticket"]
            .with_user(manager)
            .search([("id", "=", other.id)]),
            other,
        )

    def test_report_is_per_company(self):
        self._create_complaint()
        other_company = self.env["res.company"].create({"name": "Estate C"})
        user = company_user(
            self.env,
            "cpl_other_company",
            "helpdesk_mgmt.group_helpdesk_manager",
            other_company,
        )
        self.assertFalse(
            self.env["revisit.complaint.report"].with_user(user).search([])
        )
        self.assertTrue(self.env["revisit.complaint.report"].search([]))
