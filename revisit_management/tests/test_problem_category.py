from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RevisitCase, use_chinese


@tagged("post_install", "-at_install")
class TestProblemCategory(RevisitCase):
    """The kinds of problem customers raise, recorded on their visits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.quality = ref("revisit_management.revisit_problem_category_quality")
        cls.price = ref("revisit_management.revisit_problem_category_price")

    def test_shipped_categories_in_chinese(self):
        use_chinese(self.env, self.staff)
        names = (
            self.env["revisit.problem.category"]
            .with_user(self.staff)
            .with_context(lang=self.staff.lang)
            .search([])
            .mapped("name")
        )
        for name in ("产品质量", "服务态度", "价格", "交付/物流", "售后维修", "其他"):
            self.assertIn(name, names)

    def test_managers_configure_and_staff_read(self):
        Category = self.env["revisit.problem.category"]
        created = Category.with_user(self.manager).create({"name": "Billing"})
        self.assertIn(created, Category.with_user(self.staff).search([]))
        with self.assertRaises(AccessError):
            Category.with_user(self.staff).create({"name": "Noise"})
        with self.assertRaises(AccessError):
            self.quality.with_user(self.staff).name = "Quality"
        with self.assertRaises(AccessError):
            Category.with_user(self.outsider).search([])

    def test_other_company_categories_are_not_offered(self):
        other = self.env["res.company"].create({"name": "Other clinic"})
        theirs = self.env["revisit.problem.category"].create(
            {"name": "Parking", "company_id": other.id}
        )
        self.assertNotIn(
            theirs,
            self.env["revisit.problem.category"].with_user(self.staff).search([]),
        )
        visit = self.visit()
        with self.assertRaises(UserError):
            visit.problem_category_ids = theirs

    def test_done_dialog_records_the_categories(self):
        visit = self.visit(problem_category_ids=[(6, 0, self.quality.ids)])
        wizard = (
            self.env["revisit.visit.done"]
            .with_user(self.staff)
            .create(
                {
                    "visit_id": visit.id,
                    "satisfaction": "3",
                    "problem": "Late delivery of the spare part",
                    "problem_category_ids": [(6, 0, self.price.ids)],
                }
            )
        )
        wizard.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.problem_category_ids, self.quality | self.price)

    def test_visits_grouped_by_category(self):
        self.visit(problem_category_ids=[(6, 0, (self.quality | self.price).ids)])
        self.visit(problem_category_ids=[(6, 0, self.quality.ids)])
        customer_visits = [("partner_id", "=", self.customer.id)]
        groups = dict(
            self.Visit.with_user(self.staff)._read_group(
                customer_visits, ["problem_category_ids"], ["__count"]
            )
        )
        self.assertEqual(groups[self.quality], 2)
        self.assertEqual(groups[self.price], 1)
        self.assertEqual(
            self.Visit.search_count(
                [*customer_visits, ("problem_category_ids", "in", self.price.ids)]
            ),
            1,
        )
        search = self.Visit.get_view(view_type="search")["arch"]
        self.assertIn('name="group_problem_category"', search)
        action = self.env.ref("revisit_management.revisit_visit_action_problem")
        self.assertEqual(action.view_mode.split(",")[0], "pivot")
        pivot = self.Visit.get_view(
            self.env.ref("revisit_management.revisit_visit_view_pivot_problem").id,
            "pivot",
        )["arch"]
        self.assertIn('name="problem_category_ids"', pivot)
