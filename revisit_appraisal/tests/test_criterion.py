from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCriterion(TransactionCase):
    def test_default_criteria_weigh_one_hundred(self):
        # a new company gets the criteria as shipped, whatever regulation the
        # main company (the demo's clinic) applied to the templates it holds
        company = self.env["res.company"].create({"name": "Shipped Criteria"})
        criteria = self.env["revisit.appraisal.criterion"].search(
            [("company_id", "=", company.id)]
        )
        self.assertEqual(
            set(criteria.mapped("code")),
            {"timeliness", "plan_completion", "process", "content", "records", "cost"},
        )
        self.assertAlmostEqual(sum(criteria.mapped("weight")), 100.0)
