"""Under Chinese, no text our addons ship and a user sees is left in English:
rules and their steps, tiers, activity types, mail templates, sequences,
scheduled actions, the questionnaire, menus, actions, groups, criteria, salary
rules and the demo records (the demo company, customers, staff, tickets)."""

import re

from odoo.addons.revisit_management.tests.common import demo_ref, use_chinese
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext

from .test_suite_installed import ADDONS

# Latin words a Chinese text keeps as they are
ALLOWED = {"xlsx", "pdf", "sms", "mail", "email", "odoo", "url", "font", "awesome"}
# Fields that are not translatable but hold prose a user reads: the records we
# ship write them in Chinese.
PLAIN_PROSE = {
    "res.partner": ("name", "city", "function", "revisit_contact_hours"),
    "res.company": ("name",),
    "hr.employee": ("name", "job_title"),
    "ir.sequence": ("name",),
    "hr.rule.input": ("name",),
    "helpdesk.ticket": (
        "name",
        "description",
        "cause_analysis",
        "corrective_action",
        "preventive_action",
        "complaint_reply",
        "invalid_reason",
    ),
    "revisit.event": ("reference",),
    "revisit.plan": ("name", "purpose"),
    "revisit.visit": (
        "feedback",
        "problem",
        "opportunity_note",
        "report",
        "review_comment",
    ),
}
# translatable fields of the framework that hold no prose
TECHNICAL = {
    "ir.cron": {"cron_name"},
    "ir.actions.server": {"automated_name"},
    "ir.actions.report": {"print_report_name"},  # a Python expression
}
LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
# mail templates: the sample values of placeholders are not shown to anyone
PLACEHOLDER = re.compile(r"<(\w+)[^>]*\bt-out=\"[^\"]*\"[^>]*>.*?</\1>", re.S)


RECORD_LINK = re.compile(r"<a [^>]*data-oe-model=[^>]*>.*?</a>", re.S)


def english_words(text):
    """The Latin words of a text that a Chinese text would not keep."""
    text = re.sub(r"\{\{.*?\}\}|%\(\w+\)s|\bfa-[\w-]+", " ", text or "")
    return [w for w in LATIN_WORD.findall(text) if w.lower() not in ALLOWED]


@tagged("post_install", "-at_install")
class TestChineseData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_chinese(cls.env, cls.env.user)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def _shipped_records(self):
        """{model: {record id: xml id}} of the records our addons ship."""
        shipped = {}
        for row in self.env["ir.model.data"].search([("module", "in", ADDONS)]):
            shipped.setdefault(row.model, {})[row.res_id] = row.complete_name
        # the demo data renames the demo company when loaded with Chinese
        if self.env.ref("revisit_management.res_partner_chen_jing_demo", False):
            company = self.env.ref("base.main_company")
            shipped.setdefault("res.company", {})[company.id] = "base.main_company"
        return shipped

    @staticmethod
    def _third_party_extension(model, field):
        """A field that another vendor's addon (installed from PyPI, as OCA's
        are) adds to a model of another module: its default texts (e.g. a
        label filled in on every record) are that addon's to translate."""
        if not field._module or field._module == model._original_module:
            return False
        path = get_module_path(field._module, display_warning=False) or ""
        return "site-packages" in path

    def _text_fields(self, model):
        names = set(PLAIN_PROSE.get(model._name, ()))
        for name, field in model._fields.items():
            if (
                field.translate
                and field.store
                and not field.related
                and name not in TECHNICAL.get(model._name, ())
                and not self._third_party_extension(model, field)
            ):
                names.add(name)
        return [name for name in names if name in model._fields]

    def test_no_english_left_under_chinese(self):
        found = []
        for model_name, xmlids in self._shipped_records().items():
            if model_name not in self.env or model_name == "ir.ui.view":
                continue  # views: their terms are checked by test_i18n
            Model = self.env[model_name].with_context(active_test=False)
            names = self._text_fields(Model)
            if not names:
                continue
            for record in Model.browse(list(xmlids)).exists():
                if model_name == "ir.model.fields" and record.name == "display_name":
                    continue  # Odoo's own field, registered by every extending module
                for name in names:
                    value = record[name]
                    if not value or not isinstance(value, str):
                        continue
                    if Model._fields[name].type == "html":
                        value = html2plaintext(PLACEHOLDER.sub(" ", value))
                    if english_words(value):
                        found.append(f"{xmlids[record.id]} {name}: {value[:70]!r}")
        self.assertFalse(
            found,
            "shipped texts still in English under zh_CN (translate them in "
            "i18n/zh_CN.po or write them in Chinese):\n" + "\n".join(sorted(found)),
        )

    def test_demo_visits_in_chinese(self):
        """The texts the engine wrote into the demo's visits when the demo was
        loaded (purposes from the rules' step names, retry and follow-up
        purposes, schedule notes, the assignees' activities, what marking
        them done wrote, the creation messages) are Chinese: the
        demo company speaks Chinese and the rules' Chinese names are loaded
        before the demo makes its visits."""
        demo_ref(self, "revisit_management.res_partner_chen_jing_demo")
        self.assertEqual(self.env.ref("base.main_company").partner_id.lang, "zh_CN")
        demo_partners = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "res.partner")]
        )
        visits = (
            self.env["revisit.visit"]
            .with_context(active_test=False)
            .search([("partner_id", "in", demo_partners.mapped("res_id"))])
        )
        generated = visits.filtered("rule_id")
        self.assertGreater(len(generated), 30)
        self.assertTrue(generated.filtered("parent_visit_id"), "retries, follow-ups")
        self.assertTrue(generated.filtered("schedule_note"), "moved visits")
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("res_model", "=", "revisit.visit"), ("res_id", "in", visits.ids)])
        )
        self.assertTrue(activities)
        # what marking the activities done left in the visits' chatter
        done = self.env["mail.message"].search(
            [
                ("model", "=", "revisit.visit"),
                ("res_id", "in", generated.ids),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        self.assertTrue(done)
        # every visit's creation message, those of the visits the demo
        # creates directly too
        created = self.env["mail.message"].search(
            [
                ("model", "=", "revisit.visit"),
                ("res_id", "in", visits.ids),
                ("message_type", "=", "notification"),
                ("subtype_id", "=", self.env.ref("mail.mt_note").id),
                ("mail_activity_type_id", "=", False),
            ]
        )
        self.assertGreaterEqual(len(created), len(visits))
        done |= created
        # they name the visit's first assignee: Odoo's demo users are English
        users = self.env["res.users"].with_context(active_test=False).search([])

        def without_names(text):
            for name in users.mapped("name"):
                text = text.replace(name, " ")
            return text

        found = (
            [
                f"{visit.name} {name}: {visit[name]!r}"
                for visit in visits
                for name in ("purpose", "schedule_note")
                if english_words(visit[name])
            ]
            + [
                f"activity of visit {activity.res_id} {name}: {activity[name]!r}"
                for activity in activities
                for name in ("summary", "note")
                if english_words(html2plaintext(activity[name] or ""))
            ]
            + [
                f"message {message.id} of visit {message.res_id}: {message.body!r}"
                for message in done
                if english_words(without_names(html2plaintext(message.body or "")))
            ]
        )
        self.assertFalse(found, "demo visits' texts in English:\n" + "\n".join(found))

    def test_creation_message_in_the_company_language(self):
        """A record's "created" message is in its company's language, not in
        the creating environment's (an English user's, or none while a module
        installs and ships its rules)."""
        company = self.env.company
        company.partner_id.lang = "zh_CN"
        for lang in ("en_US", False):
            rule = (
                self.env["revisit.rule"]
                .with_context(lang=lang)
                .create({"name": "规则", "trigger": "manual", "company_id": company.id})
            )
            self.assertEqual(
                html2plaintext(rule.message_ids[-1:].body).strip(), "回访规则 创建"
            )

    def test_demo_chatter_in_chinese(self):
        """The "created" messages of every record our demo and data make in a
        chatter (rules, plans, appraisals, spot checks, archive inspections,
        corrective actions, ...) are Chinese."""
        demo_ref(self, "revisit_management.res_partner_chen_jing_demo")
        mixin = self.env.registry["revisit.company.lang.mixin"]
        models = [
            name
            for name, model in self.env.registry.items()
            if issubclass(model, mixin) and not model._abstract
        ]
        self.assertIn("revisit.rule", models)
        messages = self.env["mail.message"].search(
            [
                ("model", "in", models),
                ("message_type", "=", "notification"),
                ("subtype_id", "=", self.env.ref("mail.mt_note").id),
                ("mail_activity_type_id", "=", False),
            ]
        )
        self.assertGreaterEqual(
            set(messages.mapped("model")),
            {"revisit.rule", "revisit.plan", "revisit.visit", "revisit.appraisal"},
        )
        # a generated visit's note links its origins by their names: the
        # names are the records' own (a customer's, an order's), not our text
        found = [
            f"{message.model} {message.res_id}: {message.body!r}"
            for message in messages
            if english_words(html2plaintext(RECORD_LINK.sub(" ", message.body or "")))
        ]
        self.assertFalse(found, "creation messages in English:\n" + "\n".join(found))

    def test_demo_complaints_in_chinese(self):
        """What the complaint desk wrote into the demo's tickets (activities,
        notes) is in the company's language, Chinese."""
        demo_ref(self, "revisit_complaints.helpdesk_ticket_team_property_demo")
        tickets = self.env["helpdesk.ticket"].search([("is_complaint", "=", True)])
        self.assertTrue(tickets)
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
            )
        )
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "in", tickets.ids),
                ("subtype_id", "=", self.env.ref("mail.mt_note").id),
                ("body", "!=", False),
            ]
        )
        self.assertTrue(activities or notes)
        names = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([])
            .mapped("name")
            + tickets.mapped("name")
            + tickets.mapped("number")
        )

        def without_names(text):
            for name in names:
                text = text.replace(name or "\0", " ")
            return text

        found = [
            f"activity {activity.id} {name}: {activity[name]!r}"
            for activity in activities
            for name in ("summary", "note")
            if english_words(without_names(html2plaintext(activity[name] or "")))
        ] + [
            f"note {message.id}: {message.body!r}"
            for message in notes
            if english_words(without_names(html2plaintext(message.body or "")))
        ]
        self.assertFalse(
            found, "demo complaints' texts in English:\n" + "\n".join(found)
        )

    def test_menus_in_chinese(self):
        root = self.env.ref("revisit_management.revisit_menu_root")
        menus = self.env["ir.ui.menu"].search([("id", "child_of", root.id)])
        self.assertGreater(len(menus), 10)
        english = [menu.complete_name for menu in menus if english_words(menu.name)]
        self.assertFalse(english, "menus in English under zh_CN")

    def test_visit_screen_fields_in_chinese(self):
        """The labels and choices of the fields the visit screens show."""
        descriptions = self.env["revisit.visit"].fields_get(
            [
                "contact_phone",
                "contact_hours",
                "satisfaction_stars",
                "last_visit_date",
                "last_visit_satisfaction",
                "last_visit_feedback",
            ],
            ["string", "selection"],
        )
        for name, description in descriptions.items():
            self.assertFalse(english_words(description["string"]), name)
            for _value, label in description.get("selection", []):
                self.assertFalse(english_words(label), (name, label))

    def test_the_check_sees_english(self):
        """The check itself: English is found, Chinese and codes pass."""
        self.assertEqual(
            english_words("3 days after surgery"), ["days", "after", "surgery"]
        )
        self.assertFalse(english_words("术后3天 RV2026000001 CP-102 XLSX"))
        self.assertFalse(english_words("{{ object.name }} 回访提醒"))
