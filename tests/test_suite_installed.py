"""Cross-addon checks on the test database: all our addons install together."""

from odoo.tests import TransactionCase, tagged

ADDONS = (
    "revisit_management",
    "revisit_complaints",
    "revisit_appraisal",
    "revisit_appraisal_payroll",
    "revisit_complaints_close_inactive",
    "revisit_sale_stock",
    "revisit_repair",
    "revisit_project",
    "revisit_maintenance",
    "revisit_crm",
    "revisit_hr_expense",
    "revisit_archive",
    "revisit_warranty",
    "revisit_sms_china",
)


@tagged("post_install", "-at_install")
class TestSuiteInstalled(TransactionCase):
    def test_all_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(
            {m.name: m.state for m in modules}, dict.fromkeys(ADDONS, "installed")
        )

    def test_chinese_translation_shipped(self):
        """Every addon ships zh_CN; once loaded, the menu root reads in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ADDONS)]
        )._update_translations(["zh_CN"])
        menu = self.env.ref("revisit_management.revisit_menu_root")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "客户回访")
