from dateutil.relativedelta import relativedelta

from odoo.addons.revisit_appraisal.tests.common import spot_check
from odoo.addons.revisit_appraisal_payroll.hooks import setup_salary_rules
from odoo.addons.revisit_management.tests.common import tour_test
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPayslipTour(HttpCase):
    test_hr_pays_the_bonus = tour_test("_payslip_tour")
    test_hr_pays_the_bonus_zh_cn = tour_test("_payslip_tour", chinese="base.user_admin")

    def _payslip_tour(self):
        """Last month's appraisal was reviewed and confirmed (grade A, bonus
        500): HR opens the employee's payslip, computes it and reads the
        bonus in the NET."""
        company = self.env.company
        company.sudo().revisit_appraisal_bonus_a = 500.0
        last_month = company._revisit_today() + relativedelta(months=-1, day=1)

        def rule(name, code, sequence, compute):
            category = self.env["hr.salary.rule.category"].create(
                {"name": name, "code": code}
            )
            return self.env["hr.salary.rule"].create(
                {
                    "name": f"{name} Salary",
                    "code": code,
                    "sequence": sequence,
                    "category_id": category.id,
                    "amount_select": "code",
                    "amount_python_compute": compute,
                }
            )

        basic = rule("Basic", "BASIC", 1, "result = contract.wage")
        net = rule(
            "Net",
            "NET",
            200,
            "result = categories.BASIC + categories.ALW + categories.DED",
        )
        structure = self.env["hr.payroll.structure"].create(
            {
                "name": "Tour staff",
                "code": "TOUR",
                "company_id": company.id,
                "rule_ids": [(6, 0, (basic | net).ids)],
                "parent_id": False,
            }
        )
        setup_salary_rules(self.env)
        employee = self.env["hr.employee"].create({"name": "Tour Payee"})
        employee.version_id.write(
            {
                "contract_date_start": last_month + relativedelta(months=-2),
                "wage": 8000.0,
                "struct_id": structure.id,
            }
        )
        spot_check(self.env, employee, last_month.replace(day=10), 95)
        appraisal = self.env["revisit.appraisal"].create(
            {"employee_id": employee.id, "date_from": last_month}
        )
        appraisal.action_compute()
        appraisal.action_review()
        appraisal.action_confirm()
        self.assertEqual(appraisal.reward_line_ids.amount, 500.0)
        payslip = self.env["hr.payslip"].create(
            {
                "employee_id": employee.id,
                "date_from": last_month,
                "date_to": last_month + relativedelta(day=31),
            }
        )
        payslip.onchange_employee()
        self.assertEqual(payslip.struct_id, structure)

        self.start_tour("/odoo", "revisit_payslip_tour", login="admin")
        totals = {line.code: line.total for line in payslip.line_ids}
        self.assertEqual(totals["NET"], 8500.0)
        self.assertEqual(appraisal.reward_line_ids.payslip_id, payslip)
