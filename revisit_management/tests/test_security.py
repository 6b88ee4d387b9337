from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestSecurity(RevisitCase):
    def setUp(self):
        super().setUp()
        self.other_department = self.env["hr.department"].create({"name": "Sales"})
        self.mine = self.visit(user_id=self.staff.id, department_id=self.department.id)
        self.colleague = self.visit(
            user_id=self.staff2.id, department_id=self.department.id
        )
        self.sales = self.visit(
            user_id=self.manager.id, department_id=self.other_department.id
        )
        self.all = self.mine | self.colleague | self.sales

    def visible(self, user, visits=None):
        visits = visits or self.all
        return self.Visit.with_user(user).search([("id", "in", visits.ids)])

    def test_staff_see_their_own_visits(self):
        self.assertEqual(self.visible(self.staff), self.mine)
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.staff).read(["name"])
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.staff).write({"feedback": "x"})
        self.mine.with_user(self.staff).write({"feedback": "Recovering well"})

    def test_supervisor_sees_the_department(self):
        self.assertEqual(self.visible(self.supervisor), self.mine | self.colleague)
        self.assertEqual(self.visible(self.head), self.mine | self.colleague)
        child = self.env["hr.department"].create(
            {"name": "Night care", "parent_id": self.department.id}
        )
        night = self.visit(user_id=self.staff.id, department_id=child.id)
        self.assertEqual(self.visible(self.head, night), night)

    def test_manager_sees_all(self):
        self.assertEqual(self.visible(self.manager), self.all)

    def test_plain_employee_has_no_access(self):
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.outsider).search([])

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Branch"})
        partner = self.env["res.partner"].create({"name": "Branch customer"})
        branch_visit = self.Visit.with_company(other).create(
            {
                "partner_id": partner.id,
                "scheduled_date": self.monday,
                "company_id": other.id,
                "user_id": self.manager.id,
            }
        )
        self.assertFalse(self.visible(self.manager, branch_visit))
        self.manager.company_ids |= other
        self.assertEqual(
            self.Visit.with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, other.id])
            .search([("id", "=", branch_visit.id)]),
            branch_visit,
        )
        rule = self.rule("surgery")
        self.assertEqual(
            self.env["revisit.rule"]
            .with_user(self.manager)
            .search([("id", "=", rule.id)]),
            rule,
        )

    def test_confidentiality_levels(self):
        """secret: supervisors+, the owner and the visit's assignee (R119);
        confidential: managers, the head of the customer's (the file's)
        department and the owner; top secret: managers and the owner."""
        owner = new_test_user(
            self.env, "rv_owner", groups="revisit_management.group_revisit_user"
        )
        self.customer.revisit_department_id = self.department
        expected = {
            "normal": {self.staff, self.supervisor, self.head, self.manager, owner},
            "secret": {self.staff, self.supervisor, self.head, self.manager, owner},
            "confidential": {self.head, self.manager, owner},
            "top_secret": {self.manager, owner},
        }
        for level, readers in expected.items():
            with self.subTest(level=level):
                self.customer.write(
                    {"revisit_confidentiality": level, "revisit_user_id": owner.id}
                )
                self.env.invalidate_all()
                for user in (
                    self.staff,
                    self.supervisor,
                    self.head,
                    self.manager,
                    owner,
                ):
                    self.assertEqual(
                        bool(self.visible(user, self.mine)),
                        user in readers,
                        f"{user.login} on a {level} customer",
                    )

    def test_r119_assignee_reads_own_visit_of_a_secret_customer(self):
        """The assignee of a secret customer's visit reads it (not a
        colleague's); a confidential customer's stays closed to them."""
        self.customer.revisit_confidentiality = "secret"
        self.assertEqual(self.visible(self.staff), self.mine)
        self.mine.with_user(self.staff).read(["partner_id", "state"])
        self.customer.revisit_confidentiality = "confidential"
        self.assertFalse(self.visible(self.staff))

    def test_staff_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.rule("surgery").with_user(self.staff).write({"sample_rate": 10})
        self.rule("surgery").with_user(self.manager).write({"sample_rate": 90})

    def test_plans_by_group(self):
        Plan = self.env["revisit.plan"]
        values = {
            "name": "Plan",
            "date_from": self.monday,
            "date_to": self.monday,
        }
        dept_plan = Plan.create({**values, "department_id": self.department.id})
        sales_plan = Plan.create(
            {**values, "department_id": self.other_department.id, "user_id": False}
        )
        plans = dept_plan | sales_plan
        self.assertEqual(
            Plan.with_user(self.supervisor).search([("id", "in", plans.ids)]), dept_plan
        )
        self.assertEqual(
            Plan.with_user(self.manager).search([("id", "in", plans.ids)]), plans
        )
        self.assertFalse(Plan.with_user(self.staff).search([("id", "in", plans.ids)]))
        with self.assertRaises(AccessError):
            Plan.with_user(self.staff).create(values)
