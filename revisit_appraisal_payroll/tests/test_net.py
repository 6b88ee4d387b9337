from datetime import date

from odoo.addons.revisit_appraisal.tests.common import RevisitAppraisalCommon
from odoo.addons.revisit_appraisal_payroll.hooks import setup_salary_rules
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRevisitRewardsInNet(RevisitAppraisalCommon):
    """The revisit bonus and penalty reach the payslip's NET through payroll's
    own computation, in a structure built like payroll's base one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["hr.salary.rule.category"]
        basic_category = cls.env.ref(
            "payroll.BASIC", raise_if_not_found=False
        ) or Category.create({"name": "Basic", "code": "BASIC"})
        net_category = cls.env.ref(
            "payroll.NET", raise_if_not_found=False
        ) or Category.create({"name": "Net", "code": "NET"})
        Rule = cls.env["hr.salary.rule"]
        cls.basic = Rule.create(
            {
                "name": "Basic Salary",
                "code": "BASIC",
                "sequence": 1,
                "category_id": basic_category.id,
                "amount_select": "code",
                "amount_python_compute": "result = contract.wage",
            }
        )
        cls.net = Rule.create(
            {
                "name": "Net Salary",
                "code": "NET",
                "sequence": 200,
                "category_id": net_category.id,
                "amount_select": "code",
                "amount_python_compute": (
                    "result = categories.BASIC + categories.ALW + categories.DED"
                ),
            }
        )
        cls.structure = cls.env["hr.payroll.structure"].create(
            {
                "name": "Revisit staff",
                "code": "REVNET",
                "company_id": cls.company.id,
                "rule_ids": [(6, 0, (cls.basic | cls.net).ids)],
            }
        )
        # what installing the addon does to the structures a company pays with
        setup_salary_rules(cls.env)
        cls.bonus_rule = cls.env.ref(
            "revisit_appraisal_payroll.hr_salary_rule_revisit_bonus"
        )
        cls.penalty_rule = cls.env.ref(
            "revisit_appraisal_payroll.hr_salary_rule_revisit_penalty"
        )
        cls.company.sudo().revisit_appraisal_year_bonus_b = 2000.0
        cls.employee.sudo().revisit_performance_pay = 2000.0
        cls.employee.version_id.write(
            {
                "contract_date_start": date(2024, 1, 1),
                "wage": 5000.0,
                "struct_id": cls.structure.id,
            }
        )

    def _payslip(self, date_from, date_to, structure=None):
        """A payslip as HR makes it: the employee's contract and structure
        come with the employee."""
        payslip = self.env["hr.payslip"].create(
            {
                "employee_id": self.employee.id,
                "date_from": date_from,
                "date_to": date_to,
            }
        )
        payslip.onchange_employee()
        if structure:
            payslip.struct_id = structure
            payslip.onchange_struct_id()
        return payslip

    def _totals(self, payslip):
        return {line.code: line.total for line in payslip.line_ids}

    def test_installing_puts_the_rules_where_net_sums_them(self):
        self.assertEqual(self.bonus_rule.category_id.code, "ALW")
        self.assertEqual(self.penalty_rule.category_id.code, "DED")
        self.assertIn(self.bonus_rule, self.structure.rule_ids)
        self.assertIn(self.penalty_rule, self.structure.rule_ids)
        base = self.env.ref("payroll.structure_base", raise_if_not_found=False)
        if base:
            self.assertIn(self.bonus_rule, base.rule_ids)
            self.assertIn(self.penalty_rule, base.rule_ids)

    def test_reviewed_confirmed_bonus_and_penalty_in_net(self):
        """December pays the year-end bonus (B: 2,000) and December's penalty
        (second E in a row: 10% of 2,000): NET = 5,000 + 2,000 - 200."""
        for month in range(6, 11):
            self._appraise(self.employee, date(2024, month, 1), 100).action_confirm()
        self._appraise(self.employee, date(2024, 11, 1), 50).action_confirm()
        december = self._appraise(self.employee, date(2024, 12, 1), 40)
        december.action_confirm()
        year = self.env["revisit.appraisal.year"].generate_for_year(2024)
        year.action_review()
        year.action_confirm()
        self.assertEqual(year.grade, "B")
        penalty = december.reward_line_ids.filtered(lambda r: r.kind == "penalty")
        self.assertEqual(penalty.amount, 200.0)

        payslip = self._payslip(date(2024, 12, 1), date(2024, 12, 31))
        self.assertEqual(payslip.struct_id, self.structure)
        self.assertFalse(payslip.revisit_payroll_warning)
        payslip.compute_sheet()
        totals = self._totals(payslip)
        self.assertEqual(totals["BASIC"], 5000.0)
        self.assertEqual(totals["REVISIT_BONUS"], 2000.0)
        self.assertEqual(totals["REVISIT_PENALTY"], -200.0)
        self.assertEqual(totals["NET"], 5000.0 + 2000.0 - 200.0)
        self.assertEqual(
            payslip.revisit_reward_line_ids, year.reward_line_ids | penalty
        )
        payslip.action_payslip_done()
        self.assertEqual(
            set((year.reward_line_ids | penalty).mapped("state")), {"paid"}
        )

    def test_month_bonus_in_net(self):
        self._appraise(self.employee, date(2024, 5, 1), 95).action_confirm()
        payslip = self._payslip(date(2024, 5, 1), date(2024, 5, 31))
        payslip.compute_sheet()
        self.assertEqual(self._totals(payslip)["NET"], 5000.0 + 500.0)

    def test_structure_without_revisit_rules_warns(self):
        """A bonus to pay and no rule to pay it: the payslip says so, rather
        than leaving it silently unpaid."""
        self._appraise(self.employee, date(2024, 5, 1), 95).action_confirm()
        bare = self.env["hr.payroll.structure"].create(
            {
                "name": "Without revisit rules",
                "code": "BARE",
                "company_id": self.company.id,
                "rule_ids": [(6, 0, (self.basic | self.net).ids)],
            }
        )
        payslip = self._payslip(date(2024, 5, 1), date(2024, 5, 31), structure=bare)
        self.assertIn("REVISIT_BONUS", payslip.revisit_payroll_warning)
        self.assertIn(self.employee.name, payslip.revisit_payroll_warning)
        payslip.compute_sheet()
        self.assertEqual(self._totals(payslip)["NET"], 5000.0)
        self.assertTrue(payslip.revisit_payroll_warning)
        arch = payslip.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="revisit_payroll_warning"', arch)
        # translated: HR reading Chinese gets the warning in Chinese
        self.env["res.lang"]._activate_lang("zh_CN")
        chinese = payslip.with_context(lang="zh_CN")._revisit_missing_rules_message()
        self.assertRegex(chinese, r"[\u4e00-\u9fff]")
        self.assertIn("REVISIT_BONUS", chinese)

        # the structure pays the bonus: no warning
        payslip.struct_id = self.structure
        payslip.compute_sheet()
        self.assertFalse(payslip.revisit_payroll_warning)
        self.assertEqual(self._totals(payslip)["NET"], 5500.0)

    def test_no_contract_warns(self):
        self._appraise(self.employee2, date(2024, 5, 1), 95).action_confirm()
        payslip = self.env["hr.payslip"].create(
            {
                "employee_id": self.employee2.id,
                "date_from": date(2024, 5, 1),
                "date_to": date(2024, 5, 31),
            }
        )
        self.assertIn("REVISIT_BONUS", payslip.revisit_payroll_warning)
        # nothing to pay, nothing to warn about
        other = self.env["hr.payslip"].create(
            {
                "employee_id": self.outsider.id,
                "date_from": date(2024, 5, 1),
                "date_to": date(2024, 5, 31),
            }
        )
        self.assertFalse(other.revisit_payroll_warning)

    def test_line_of_an_unreviewed_appraisal_is_not_paid(self):
        """A bonus line set confirmed on an appraisal nobody reviewed (nor HR
        confirmed) is not paid, nor warned about."""
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": date(2024, 5, 1)}
        )
        appraisal.action_compute()
        self.assertEqual(appraisal.state, "computed")
        line = (
            self.env["revisit.appraisal.reward.line"]
            .sudo()
            .create(
                {
                    "appraisal_id": appraisal.id,
                    "kind": "bonus",
                    "amount": 300.0,
                    "date": date(2024, 5, 31),
                    "state": "confirmed",
                }
            )
        )
        payslip = self._payslip(date(2024, 5, 1), date(2024, 5, 31))
        payslip.compute_sheet()
        self.assertFalse(payslip.revisit_payroll_warning)
        self.assertFalse(line.payslip_id)
        self.assertNotIn("REVISIT_BONUS", self._totals(payslip))
        self.assertEqual(self._totals(payslip)["NET"], 5000.0)

        # reviewed but not confirmed by HR: still not paid
        appraisal.action_review()
        self.assertEqual(appraisal.state, "reviewed")
        payslip.compute_sheet()
        self.assertFalse(line.payslip_id)
        self.assertEqual(self._totals(payslip)["NET"], 5000.0)
