"""OCA helpdesk_mgmt ships no Chinese: revisit_complaints' i18n_extra/zh_CN.po
translates its terms (Odoo loads a module's i18n_extra/<lang>.po with its
terms, and the entries' references name helpdesk_mgmt's records). Under
Chinese the ticket screens, the fields' labels, menus, actions and subtypes
read in Chinese, and the file holds every term of helpdesk_mgmt's .pot that
another module can translate."""

from odoo.addons.revisit_management.tests.extra_po import (
    LATIN_WORD,
    ExtraPoChecks,
    view_terms,
)
from odoo.tests import TransactionCase, tagged

# the ticket's fields a helpdesk user reads on every screen
TICKET_FIELDS = (
    "name",
    "number",
    "team_id",
    "user_id",
    "partner_id",
    "partner_name",
    "partner_email",
    "stage_id",
    "priority",
    "tag_ids",
    "channel_id",
    "category_id",
    "description",
    "assigned_date",
    "closed_date",
    "last_stage_update",
    "kanban_state",
    "company_id",
    "attachment_ids",
    "duplicate_id",
)


@tagged("post_install", "-at_install")
class TestHelpdeskChinese(ExtraPoChecks, TransactionCase):
    oca_addon = "helpdesk_mgmt"
    addon = "revisit_complaints"
    # stages, channels, subtypes, mail templates...
    min_records = 200

    def _view_english_terms(self):
        """{view xmlid: msgids of the .po on that view}"""
        terms = {}
        for (kind, _model, _field, xmlid), msgid in self.translations:
            if kind == "model_terms":
                terms.setdefault(xmlid, set()).add(msgid)
        return terms

    def test_ticket_fields_in_chinese(self):
        fields = self.assertFieldsInChinese("helpdesk.ticket", TICKET_FIELDS)
        self.assertEqual(fields["team_id"]["string"], "团队")
        self.assertEqual(fields["user_id"]["string"], "受指派人")
        self.assertEqual(fields["partner_id"]["string"], "联系人")
        self.assertEqual(fields["stage_id"]["string"], "阶段")
        self.assertEqual(fields["tag_ids"]["string"], "标签")
        self.assertEqual(fields["priority"]["string"], "优先级")
        self.assertEqual(
            dict(fields["priority"]["selection"]),
            {"0": "低", "1": "中等", "2": "高", "3": "非常高"},
        )
        for _value, label in fields["kanban_state"]["selection"]:
            self.assertFalse(LATIN_WORD.findall(label), label)

    def test_ticket_screens_in_chinese(self):
        """The ticket's form, list, kanban and search views as the web client
        gets them under Chinese: no term of helpdesk_mgmt's .pot left in
        English, and the labels of the fields they show in Chinese."""
        english = set().union(*self._view_english_terms().values())
        # (other vendors' terms: OCA satellites such as helpdesk_type)
        result = self.assertViewsInChinese(
            "helpdesk.ticket",
            ("form", "list", "kanban", "search"),
            english,
            toolbar=True,
        )
        form = (
            self.env["helpdesk.ticket"]
            .with_context(lang="en_US")
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertTrue(
            view_terms(form) & english, "the check sees the form's English terms"
        )
        labels = {
            name: description["string"]
            for name, description in result["models"]["helpdesk.ticket"][
                "fields"
            ].items()
        }
        for name in ("team_id", "user_id", "partner_id", "stage_id", "tag_ids"):
            self.assertIn(name, labels)
        for name, label in labels.items():
            if name in TICKET_FIELDS:
                self.assertFalse(LATIN_WORD.findall(label), (name, label))
        # the list's action that copies tickets, the form's duplicate ribbon
        actions = [
            action["name"]
            for action in result["views"]["list"]["toolbar"].get("action", [])
        ]
        duplicate = self.env.ref("helpdesk_mgmt.action_duplicate_ticket")
        self.assertIn(duplicate.with_context(lang="zh_CN").name, actions)
        self.assertEqual(duplicate.with_context(lang="zh_CN").name, "复制")
        self.assertIn("重复", view_terms(result["views"]["form"]["arch"]))

    def test_helpdesk_views_leave_no_english(self):
        """In each view of helpdesk_mgmt the .po translates (back-office and
        portal), every term with a word in Latin letters differs under
        Chinese from English: none was left out, even one the .pot lacks."""
        for xmlid in self._view_english_terms():
            view = self.env.ref(xmlid, raise_if_not_found=False)
            if not view:
                continue
            with self.subTest(view=xmlid):
                english = view_terms(view.with_context(lang="en_US").arch_db)
                chinese = view_terms(view.with_context(lang="zh_CN").arch_db)
                left = sorted(
                    term for term in english & chinese if LATIN_WORD.search(term)
                )
                self.assertFalse(left)

    def test_subtypes_and_menus_in_chinese(self):
        created = self.env.ref("helpdesk_mgmt.hlp_tck_created")
        self.assertEqual(created.name, "工单已创建")
        self.assertEqual(created.description, "工单已创建")
        self.assertEqual(
            self.env.ref("helpdesk_mgmt.hlp_tck_team_created").name, "服务工单已创建"
        )
        root = self.env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu")
        self.assertEqual(root.name, "服务台")
        # helpdesk_mgmt's own menus (other addons add theirs under its root)
        menus = self.env["ir.ui.menu"].browse(
            self.env["ir.model.data"]
            .search([("module", "=", "helpdesk_mgmt"), ("model", "=", "ir.ui.menu")])
            .mapped("res_id")
        )
        self.assertGreater(len(menus), 10)
        english = [menu.complete_name for menu in menus if LATIN_WORD.search(menu.name)]
        self.assertFalse(english, "helpdesk menus in English under zh_CN")
        stage_new = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        self.assertEqual(stage_new.name, "新建")
        phone = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        self.assertEqual(phone.name, "电话")
