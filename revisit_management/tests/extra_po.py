"""The Chinese of an OCA addon that ships none (or a poor one), kept in one of
our addons' ``i18n_extra/zh_CN.po`` (Odoo loads a module's
``i18n_extra/<lang>.po`` with its terms; the entries' references name the OCA
addon's records): the checks every such file passes, declared once.

A test class mixes ``ExtraPoChecks`` into a ``TransactionCase`` and names the
OCA addon (``oca_addon``), our addon holding the file (``addon``) and how many
of the OCA addon's records at least hold its translations
(``min_records``)."""

import re

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import xml_translate

from .common import use_chinese

REFERENCE = re.compile(r"(model|model_terms):([\w.]+),(\w+):(\w+)\.(\S+)$")
# what a translation keeps as it is: tags, placeholders, format directives
MARKUP = re.compile(r"<[^>]+>|\{\{.*?\}\}|%\(\w+\)s|%[sd]")
LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")


def references(entry):
    """The references of a .po entry that Odoo applies to records:
    [(kind, model, field, xmlid)]; code references are left out."""
    found = []
    for occurrence, _line in entry.occurrences:
        match = REFERENCE.match(occurrence)
        if match:
            kind, model, field, module, name = match.groups()
            found.append((kind, model, field, f"{module}.{name}"))
    return found


def view_terms(arch):
    """The translatable terms of a view's arch, as Odoo cuts them."""
    terms = set()
    xml_translate(lambda term: terms.add(term), arch)
    return terms


class ExtraPoChecks:
    """The checks of an OCA addon's Chinese kept in our addon's
    i18n_extra/zh_CN.po (mixed into a TransactionCase)."""

    oca_addon = None
    addon = None
    min_records = 100

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_chinese(cls.env, cls.env.user)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.po = polib.pofile(f"{get_module_path(cls.addon)}/i18n_extra/zh_CN.po")
        # {((kind, model, field, xmlid), msgid): msgstr}
        cls.translations = {
            (reference, entry.msgid): entry.msgstr
            for entry in cls.po
            for reference in references(entry)
        }

    def assertFieldsInChinese(self, model, names):
        """The labels of the fields ``names`` of ``model`` read in Chinese,
        no word in Latin letters left; returns their descriptions."""
        fields = self.env[model].fields_get(names, ["string", "selection"])
        for name in names:
            with self.subTest(field=name):
                label = fields[name]["string"]
                self.assertFalse(LATIN_WORD.findall(label), label)
                self.assertRegex(label, r"[\u4e00-\u9fff]")
        return fields

    def assertViewsInChinese(self, model, view_types, english, **options):
        """The views ``view_types`` of ``model`` as the web client gets them
        under Chinese hold none of the ``english`` terms, but for the terms
        other vendors' extensions of the views bring (theirs to translate);
        returns the ``get_views`` result."""
        foreign = set()
        for view in self.env["ir.ui.view"].search([("model", "=", model)]):
            module = (view.get_external_id()[view.id] or ".").split(".")[0]
            if module != self.oca_addon and not module.startswith("revisit_"):
                foreign |= view_terms(view.with_context(lang="zh_CN").arch_db)
        result = self.env[model].get_views(
            [(False, view_type) for view_type in view_types], options
        )
        for view_type in view_types:
            with self.subTest(view=view_type):
                arch = result["views"][view_type]["arch"]
                self.assertFalse(sorted(view_terms(arch) & english - foreign))
        return result

    def test_extra_po_is_complete(self):
        """Every term of the OCA addon's .pot that a record holds (not only
        its Python or JavaScript code) is in the file, with all its
        references, translated, its tags and placeholders kept."""
        pot = polib.pofile(
            f"{get_module_path(self.oca_addon)}/i18n/{self.oca_addon}.pot"
        )
        missing = []
        for entry in pot:
            for reference in references(entry):
                if not self.translations.get((reference, entry.msgid)):
                    kind, model, field, xmlid = reference
                    missing.append(f"{kind}:{model},{field}:{xmlid} {entry.msgid!r}")
        self.assertFalse(
            missing,
            f"{self.oca_addon} terms without a Chinese translation in "
            f"{self.addon}/i18n_extra/zh_CN.po:\n" + "\n".join(sorted(missing)),
        )
        for entry in self.po:
            with self.subTest(msgid=entry.msgid):
                # Odoo's PoFileReader needs the module comment on every entry
                self.assertRegex(entry.comment, rf"^module: {self.oca_addon}")
                self.assertTrue(references(entry))
                self.assertFalse(entry.fuzzy)
                self.assertEqual(
                    sorted(MARKUP.findall(entry.msgid)),
                    sorted(MARKUP.findall(entry.msgstr)),
                )

    def test_records_hold_the_translations(self):
        """Loading the file's terms wrote the translations into the OCA
        addon's records: labels, helps, choices, menus, actions, groups...
        Records another addon also names (Odoo's own models, translated by
        Odoo) are left to it."""
        owners = {self.oca_addon, self.addon}
        checked = 0
        wrong = []
        for (kind, model, field, xmlid), msgid in self.translations:
            if kind != "model":
                continue
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if not record:
                continue  # e.g. fields the OCA addon adds to an absent app's models
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
        self.assertGreater(checked, self.min_records)
        self.assertFalse(wrong, "\n".join(wrong))
