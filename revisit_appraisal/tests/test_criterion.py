from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCriterion(TransactionCase):
    def test_default_criteria_weigh_one_hundred(self):
        criteria = self.env["revisit.appraisal.criterion"].search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertEqual(
            set(criteria.mapped("code")),
            {"timeliness", "plan_completion", "process", "content", "records", "cost"},
        )
        self.assertAlmostEqual(sum(criteria.mapped("weight")), 100.0)
