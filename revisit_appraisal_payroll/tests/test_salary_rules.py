from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSalaryRules(TransactionCase):
    def test_revisit_inputs_exist_on_their_rules(self):
        bonus = self.env.ref("revisit_appraisal_payroll.hr_salary_rule_revisit_bonus")
        penalty = self.env.ref(
            "revisit_appraisal_payroll.hr_salary_rule_revisit_penalty"
        )
        self.assertEqual(bonus.input_ids.mapped("code"), ["REVISIT_BONUS"])
        self.assertEqual(penalty.input_ids.mapped("code"), ["REVISIT_PENALTY"])
