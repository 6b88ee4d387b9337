"""Under Chinese, no text our addons ship and a user sees is left in English:
rules and their steps, tiers, activity types, mail templates, sequences,
scheduled actions, the questionnaire, menus, actions, groups, criteria, salary
rules and the demo records (the demo company, customers, staff, tickets)."""

import re

from odoo.addons.revisit_management.tests.common import use_chinese
from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext

from .test_suite_installed import ADDONS

# Latin words a Chinese text keeps as they are
ALLOWED = {"xlsx", "pdf", "sms", "e-mail", "email", "odoo", "rv", "ok", "id", "url"}
# fields that hold no prose: codes, addresses, technical values
SKIPPED_FIELDS = {
    "code",
    "email",
    "email_from",
    "email_to",
    "email_cc",
    "reply_to",
    "partner_to",
    "phone",
    "login",
    "lang",
    "ref",
    "prefix",
    "suffix",
    "model",
    "model_name",
    "res_model",
    "binding_model_id",
    "path",
    "tz",
    "website",
    "street",
    "number",
    "signature",
    "domain",
    "context",
    "web_icon",
    "color",
    "icon",
    "res_model_name",
    "access_token",
    "arch_db",
    "arch",
    "tag",
    "template_fs",
    "report_name",
    "report_file",
    "print_report_name",
    "render_model",
    "quantity",
    "amount_python_compute",
    "condition_python",
    "condition_range",
    "note",  # salary rules: formulas' notes are edited by payroll admins
}
# models whose records are configuration of the framework, not screens' texts
SKIPPED_MODELS = {
    "ir.model",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.access",
    "ir.model.constraint",
    "ir.model.relation",
    "ir.ui.view",
    "ir.rule",
    "ir.asset",
    "ir.attachment",
    "ir.config_parameter",
    "res.groups.privilege",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


def english_words(text):
    """The Latin words of a text that a Chinese text would not keep."""
    text = re.sub(r"\{\{.*?\}\}|\$\{.*?\}|%\(\w+\)s|\{[\w.]+\}", " ", text or "")
    return [w for w in LATIN_WORD.findall(text) if w.lower() not in ALLOWED]


@tagged("post_install", "-at_install")
class TestChineseData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_chinese(cls.env, cls.env.user)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def _shipped_records(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "not in", tuple(SKIPPED_MODELS))]
        )
        by_model = {}
        for row in data:
            by_model.setdefault(row.model, []).append((row.res_id, row.complete_name))
        # the demo company is renamed by the demo data, which has no xml id of ours
        if self.env.ref("revisit_management.res_partner_chen_jing_demo", False):
            by_model.setdefault("res.company", []).append(
                (self.env.ref("base.main_company").id, "base.main_company")
            )
        return by_model

    def _prose_fields(self, model):
        for name, field in model._fields.items():
            if name in SKIPPED_FIELDS or name in model.CONCURRENCY_CHECK_FIELD:
                continue
            if field.type not in ("char", "text", "html") or not field.store:
                continue
            if field.related or name.startswith(("x_", "_")) or field.groups:
                continue
            yield name, field

    def test_no_english_left_under_chinese(self):
        found = []
        for model_name, rows in self._shipped_records().items():
            if model_name not in self.env:
                continue
            Model = self.env[model_name].with_context(active_test=False)
            fields_ = dict(self._prose_fields(Model))
            records = Model.browse([res_id for res_id, _xmlid in rows]).exists()
            xmlids = dict(rows)
            for record in records:
                for name, field in fields_.items():
                    value = record[name]
                    if not value or not isinstance(value, str):
                        continue
                    if field.type == "html" or name == "body_html":
                        text = html2plaintext(value)
                    else:
                        text = value
                    words = english_words(text)
                    if words:
                        found.append(f"{xmlids[record.id]} {name}: {value[:80]!r}")
        self.assertFalse(
            found,
            "shipped texts still in English under zh_CN (translate them in "
            "i18n/zh_CN.po or write them in Chinese):\n" + "\n".join(sorted(found)),
        )

    def test_menus_in_chinese(self):
        menus = self.env["ir.ui.menu"].search(
            [
                (
                    "id",
                    "child_of",
                    self.env.ref("revisit_management.revisit_menu_root").id,
                )
            ]
        )
        self.assertTrue(menus)
        english = [menu.complete_name for menu in menus if english_words(menu.name)]
        self.assertFalse(english, "menus in English under zh_CN")

    def test_visit_screens_fields_in_chinese(self):
        """The labels and choices of the visit's new fields are translated."""
        fields_ = self.env["revisit.visit"].fields_get(
            [
                "contact_phone",
                "contact_hours",
                "satisfaction_stars",
                "last_visit_feedback",
            ],
            ["string", "selection"],
        )
        for name, description in fields_.items():
            self.assertFalse(english_words(description["string"]), name)
            for _value, label in description.get("selection", []):
                self.assertFalse(english_words(label), (name, label))
