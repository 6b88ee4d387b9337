"""Every translatable term of our addons has a Chinese translation."""

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import PoFileReader, TranslationModuleReader

from .test_suite_installed import ADDONS


@tagged("post_install", "-at_install")
class TestChineseTranslations(TransactionCase):
    def test_zh_cn_po_is_complete(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                po_path = f"{get_module_path(addon)}/i18n/zh_CN.po"
                with open(po_path, "rb") as po_file:
                    translated = {
                        row["src"] for row in PoFileReader(po_file) if row["value"]
                    }
                terms = {
                    row[4] for row in TranslationModuleReader(self.cr, modules=[addon])
                }
                self.assertFalse(
                    sorted(terms - translated),
                    f"{addon}: terms without a zh_CN translation "
                    "(run scripts/i18n and translate them)",
                )
