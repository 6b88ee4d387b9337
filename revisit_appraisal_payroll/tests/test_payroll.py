from datetime import date

from odoo.addons.revisit_appraisal.tests.common import RevisitAppraisalCommon
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

PERIOD = (date(2024, 5, 1), date(2024, 5, 31))


@tagged("post_install", "-at_install")
class TestPayrollBridge(RevisitAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "payroll.allow_cancel_payslips", True
        )
        category = cls.env["hr.salary.rule.category"].create(
            {"name": "Basic", "code": "BASIC"}
        )
        basic = cls.env["hr.salary.rule"].create(
            {
                "name": "Basic Salary",
                "code": "BASIC",
                "sequence": 1,
                "category_id": category.id,
                "amount_select": "code",
                "amount_python_compute": "result = contract.wage",
            }
        )
        cls.structure = cls.env["hr.payroll.structure"].create(
            {
                "name": "Revisit agents",
                "code": "REVAG",
                "company_id": cls.company.id,
                "rule_ids": [
                    (4, basic.id),
                    (
                        4,
                        cls.env.ref(
                            "revisit_appraisal_payroll.hr_salary_rule_revisit_bonus"
                        ).id,
                    ),
                    (
                        4,
                        cls.env.ref(
                            "revisit_appraisal_payroll.hr_salary_rule_revisit_penalty"
                        ).id,
                    ),
                ],
            }
        )
        cls.employee.sudo().revisit_performance_pay = 2000.0
        cls.employee.version_id.write(
            {
                "contract_date_start": date(2024, 1, 1),
                "wage": 5000.0,
                "struct_id": cls.structure.id,
            }
        )

    def _payslip(self):
        payslip = self.env["hr.payslip"].create(
            {
                "employee_id": self.employee.id,
                "date_from": PERIOD[0],
                "date_to": PERIOD[1],
                "contract_id": self.employee.version_id.id,
                "struct_id": self.structure.id,
            }
        )
        payslip.onchange_struct_id()
        return payslip

    def _line_total(self, payslip, code):
        return sum(
            payslip.line_ids.filtered(lambda line: line.code == code).mapped("total")
        )

    def test_bonus_reaches_the_payslip_once(self):
        appraisal = self._appraise(self.employee, PERIOD[0], 95)
        appraisal.action_confirm()
        bonus = appraisal.reward_line_ids

        payslip = self._payslip()
        payslip.compute_sheet()
        inputs = payslip.input_line_ids.filtered(lambda i: i.code == "REVISIT_BONUS")
        self.assertEqual(inputs.amount, 500.0)
        self.assertEqual(self._line_total(payslip, "REVISIT_BONUS"), 500.0)
        self.assertEqual(self._line_total(payslip, "BASIC"), 5000.0)
        self.assertEqual(bonus.payslip_id, payslip)
        self.assertEqual(bonus.state, "confirmed")

        # A second payslip of the period does not take the line carried by the first.
        other = self._payslip()
        other.compute_sheet()
        self.assertEqual(self._line_total(other, "REVISIT_BONUS"), 0.0)
        self.assertEqual(bonus.payslip_id, payslip)

        payslip.action_payslip_done()
        self.assertEqual(bonus.state, "paid")
        self.assertEqual(bonus.payslip_id, payslip)
        other.compute_sheet()
        self.assertEqual(self._line_total(other, "REVISIT_BONUS"), 0.0)
        with self.assertRaises(ValidationError):
            bonus.payslip_id = other

        # Reopening the appraisal keeps what was paid.
        appraisal.action_reopen(reason="Grade corrected")
        self.assertEqual(bonus.state, "paid")

    def test_cancelled_payslip_frees_the_lines(self):
        appraisal = self._appraise(self.employee, PERIOD[0], 95)
        appraisal.action_confirm()
        bonus = appraisal.reward_line_ids
        payslip = self._payslip()
        payslip.action_payslip_done()
        self.assertEqual(bonus.state, "paid")
        payslip.action_payslip_cancel()
        self.assertEqual(bonus.state, "confirmed")
        self.assertFalse(bonus.payslip_id)

        again = self._payslip()
        again.compute_sheet()
        self.assertEqual(self._line_total(again, "REVISIT_BONUS"), 500.0)
        self.assertEqual(bonus.payslip_id, again)

    def test_penalty_is_deducted_and_other_periods_ignored(self):
        self._appraise(self.employee, date(2024, 4, 1), 50).action_confirm()
        may = self._appraise(self.employee, PERIOD[0], 40)
        may.action_confirm()
        payslip = self._payslip()
        payslip.compute_sheet()
        # April's improvement order and May's: neither is paid by payroll.
        self.assertEqual(payslip.revisit_reward_line_ids.kind, "penalty")
        self.assertEqual(self._line_total(payslip, "REVISIT_PENALTY"), -200.0)
        self.assertEqual(self._line_total(payslip, "REVISIT_BONUS"), 0.0)

    def test_payroll_officer_without_appraisal_rights_pays_the_lines(self):
        appraisal = self._appraise(self.employee, PERIOD[0], 95)
        appraisal.action_confirm()
        officer = new_test_user(
            self.env, login="payroll_officer", groups="payroll.group_payroll_manager"
        )
        payslip = self._payslip().with_user(officer)
        payslip.compute_sheet()
        payslip.action_payslip_done()
        self.assertEqual(self._line_total(payslip, "REVISIT_BONUS"), 500.0)
        self.assertEqual(appraisal.reward_line_ids.state, "paid")

    def test_r142_r143_quarterly_and_year_end_bonus_on_the_payslip(self):
        """The quarterly reward's and the year-end appraisal's bonuses are
        reward lines dated on the period's last day: the payslip of that month
        pays them like the monthly bonus."""
        self.company.sudo().write(
            {
                "revisit_appraisal_quarter_bonus_a": 1000.0,
                "revisit_appraisal_year_bonus_a": 3000.0,
            }
        )
        for month in (4, 5):
            self._appraise(self.employee, date(2024, month, 1), 95).action_confirm()
        quarter = self.env["revisit.appraisal.quarter"].generate_for_quarter(2024, 2)
        quarter.action_review()
        quarter.action_confirm()
        year = self.env["revisit.appraisal.year"].generate_for_year(2024)
        year.action_review()
        year.action_confirm()
        june = self.env["hr.payslip"].create(
            {
                "employee_id": self.employee.id,
                "date_from": date(2024, 6, 1),
                "date_to": date(2024, 6, 30),
                "contract_id": self.employee.version_id.id,
                "struct_id": self.structure.id,
            }
        )
        june.onchange_struct_id()
        june.compute_sheet()
        self.assertEqual(self._line_total(june, "REVISIT_BONUS"), 1000.0)
        june.action_payslip_done()
        self.assertEqual(quarter.reward_line_ids.state, "paid")
        self.assertEqual(year.reward_line_ids.state, "confirmed")
        self.assertEqual(year.reward_line_ids.date, date(2024, 12, 31))
