"""OCA payroll's own Chinese leaves many terms out and misnames some:
revisit_appraisal_payroll's i18n_extra/zh_CN.po translates its terms (Odoo
loads a module's i18n_extra/<lang>.po with its terms, the entries' references
name payroll's records; installing the addon loads them over payroll's own).
Under Chinese the payslip screens, the fields' labels, states, menus and rule
categories read in Chinese, and the file holds every term of payroll's .pot
that another module can translate."""

from datetime import date

from odoo.addons.revisit_management.tests.extra_po import (
    LATIN_WORD,
    ExtraPoChecks,
)
from odoo.tests import TransactionCase, tagged

# the payslip's fields HR reads on its form
PAYSLIP_FIELDS = (
    "name",
    "number",
    "employee_id",
    "date_from",
    "date_to",
    "state",
    "struct_id",
    "contract_id",
    "line_ids",
    "input_line_ids",
    "worked_days_line_ids",
    "credit_note",
    "payslip_run_id",
    "company_id",
    "note",
)


@tagged("post_install", "-at_install")
class TestPayrollChinese(ExtraPoChecks, TransactionCase):
    oca_addon = "payroll"
    addon = "revisit_appraisal_payroll"
    # the demo's rule categories included
    min_records = 150

    def test_payslip_fields_in_chinese(self):
        fields = self.assertFieldsInChinese("hr.payslip", PAYSLIP_FIELDS)
        self.assertEqual(fields["struct_id"]["string"], "工资结构")
        self.assertEqual(
            dict(fields["state"]["selection"]),
            {"draft": "草稿", "verify": "待审核", "done": "完成", "cancel": "已拒绝"},
        )
        rule = self.env["hr.salary.rule"].fields_get(["category_id"], ["string"])
        self.assertEqual(rule["category_id"]["string"], "类别")

    def test_payslip_screens_in_chinese(self):
        """The payslip's form, list and search views as the web client gets
        them under Chinese: no term of payroll's .pot left in English."""
        english = {
            msgid
            for (kind, _model, _field, _xmlid), msgid in self.translations
            if kind == "model_terms"
        }
        result = self.assertViewsInChinese(
            "hr.payslip", ("form", "list", "search"), english
        )
        form = result["views"]["form"]["arch"]
        for term in ("重新获取工资单数据", "计算工资单", "出勤天数与输入项"):
            self.assertIn(term, form)
        english_form = (
            self.env["hr.payslip"]
            .with_context(lang="en_US")
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("Refetch Payslip Data", english_form)

    def test_menus_and_rule_categories_in_chinese(self):
        menus = self.env["ir.ui.menu"].browse(
            self.env["ir.model.data"]
            .search([("module", "=", "payroll"), ("model", "=", "ir.ui.menu")])
            .mapped("res_id")
        )
        self.assertGreater(len(menus), 5)
        english = [menu.complete_name for menu in menus if LATIN_WORD.search(menu.name)]
        self.assertFalse(english, "payroll menus in English under zh_CN")
        names = set(menus.mapped("name"))
        self.assertTrue({"薪资", "工资结构", "薪资规则", "薪资规则类别"} <= names)
        bonus = self.env.ref("revisit_appraisal_payroll.hr_salary_rule_revisit_bonus")
        penalty = self.env.ref(
            "revisit_appraisal_payroll.hr_salary_rule_revisit_penalty"
        )
        self.assertEqual(bonus.category_id.name, "津贴")
        self.assertEqual(penalty.category_id.name, "扣款")
        if self.env.ref("payroll.NET", raise_if_not_found=False):
            self.assertEqual(self.env.ref("payroll.NET").name, "净工资")
            self.assertEqual(self.env.ref("payroll.BASIC").name, "基本工资")
            self.assertEqual(self.env.ref("payroll.GROSS").name, "应发工资")

    def test_payslip_name_in_chinese(self):
        employee = self.env["hr.employee"].create({"name": "张晓燕"})
        payslip = self.env["hr.payslip"].create(
            {
                "employee_id": employee.id,
                "date_from": date(2024, 5, 1),
                "date_to": date(2024, 5, 31),
            }
        )
        payslip.with_context(lang="zh_CN")._compute_name()
        self.assertEqual(payslip.name, "张晓燕 2024年5月工资单")
        payslip.with_context(lang="en_US")._compute_name()
        self.assertEqual(payslip.name, "Salary Slip of 张晓燕 for May-2024")
