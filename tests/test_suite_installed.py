"""Cross-addon checks on the test database: all our addons install together."""

import os

from odoo.tests import TransactionCase, tagged

# our addons, one a line: the file the scripts read too
with open(
    os.path.join(os.path.dirname(os.path.dirname(__file__)), "addons.txt"),
    encoding="utf-8",
) as addons_file:
    ADDONS = tuple(line.strip() for line in addons_file if line.strip())


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
