"""OCA payroll's own Chinese leaves many terms out and misnames some:
revisit_appraisal_payroll's i18n_extra/zh_CN.po translates its terms (Odoo
loads a module's i18n_extra/<lang>.po with its terms, the entries' references
name payroll's records; installing the addon loads them over payroll's own).
Under Chinese the payslip screens, the fields' labels, states, menus and rule
categories read in Chinese, and the file holds every term of payroll's .pot
that another module can translate."""

import re
from datetime import date

import polib

from odoo.addons.revisit_management.tests.common import use_chinese
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import xml_translate

REFERENCE = re.compile(r"(model|model_terms):([\w.]+),(\w+):(\w+)\.(\S+)$")
# what a translation keeps as it is: tags, placeholders, format directives
MARKUP = re.compile(r"<[^>]+>|\{\{.*?\}\}|%\(\w+\)s|%[sd]")
LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
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


def payroll_pot():
    return polib.pofile(f"{get_module_path('payroll')}/i18n/payroll.pot")


def extra_po():
    return polib.pofile(
        f"{get_module_path('revisit_appraisal_payroll')}/i18n_extra/zh_CN.po"
    )


def references(entry):
    """[(kind, model, field, xmlid)] of a .po entry's record references."""
    found = []
    for occurrence, _line in entry.occurrences:
        match = REFERENCE.match(occurrence)
        if match:
            kind, model, field, module, name = match.groups()
            found.append((kind, model, field, f"{module}.{name}"))
    return found


def view_terms(arch):
    terms = set()
    xml_translate(lambda term: terms.add(term), arch)
    return terms


@tagged("post_install", "-at_install")
class TestPayrollChinese(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_chinese(cls.env, cls.env.user)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.po = extra_po()
        cls.translations = {
            (reference, entry.msgid): entry.msgstr
            for entry in cls.po
            for reference in references(entry)
        }

    def test_extra_po_is_complete(self):
        missing = []
        for entry in payroll_pot():
            for reference in references(entry):
                if not self.translations.get((reference, entry.msgid)):
                    kind, model, field, xmlid = reference
                    missing.append(f"{kind}:{model},{field}:{xmlid} {entry.msgid!r}")
        self.assertFalse(
            missing,
            "payroll terms without a Chinese translation in "
            "revisit_appraisal_payroll/i18n_extra/zh_CN.po:\n"
            + "\n".join(sorted(missing)),
        )
        for entry in self.po:
            with self.subTest(msgid=entry.msgid):
                self.assertRegex(entry.comment, r"^module: payroll")
                self.assertTrue(references(entry))
                self.assertFalse(entry.fuzzy)
                self.assertEqual(
                    sorted(MARKUP.findall(entry.msgid)),
                    sorted(MARKUP.findall(entry.msgstr)),
                )

    def test_records_hold_the_translations(self):
        """payroll's labels, helps, choices, menus, actions, groups and the
        demo's rule categories hold our Chinese, not payroll's own."""
        owners = {"payroll", "revisit_appraisal_payroll"}
        checked = 0
        wrong = []
        for (kind, model, field, xmlid), msgid in self.translations:
            if kind != "model":
                continue
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if not record:
                continue
            modules = set(
                self.env["ir.model.data"]
                .search([("model", "=", model), ("res_id", "=", record.id)])
                .mapped("module")
            )
            if modules - owners:
                continue
            checked += 1
            msgstr = self.translations[(kind, model, field, xmlid), msgid]
            value = record.with_context(lang="zh_CN")[field]
            if value != msgstr:
                wrong.append(f"{xmlid} {field}: {value!r}, not {msgstr!r} ({msgid!r})")
        self.assertGreater(checked, 150)
        self.assertFalse(wrong, "\n".join(wrong))

    def test_payslip_fields_in_chinese(self):
        fields = self.env["hr.payslip"].fields_get(
            PAYSLIP_FIELDS, ["string", "selection"]
        )
        for name in PAYSLIP_FIELDS:
            with self.subTest(field=name):
                label = fields[name]["string"]
                self.assertFalse(LATIN_WORD.findall(label), label)
                self.assertRegex(label, r"[\u4e00-\u9fff]")
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
        foreign = set()
        for view in self.env["ir.ui.view"].search([("model", "=", "hr.payslip")]):
            module = (view.get_external_id()[view.id] or ".").split(".")[0]
            if module not in ("payroll", "revisit_appraisal_payroll"):
                foreign |= view_terms(view.with_context(lang="zh_CN").arch_db)
        result = self.env["hr.payslip"].get_views(
            [(False, "form"), (False, "list"), (False, "search")]
        )
        for view_type in ("form", "list", "search"):
            with self.subTest(view=view_type):
                arch = result["views"][view_type]["arch"]
                self.assertFalse(sorted(view_terms(arch) & english - foreign))
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
