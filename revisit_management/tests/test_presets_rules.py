"""A preset makes the company's rules its regulation's (R007), the festivals
of earlier databases become recurring ones (R014), and the property demo's
staff member has a day of visits."""

from datetime import date

from odoo.modules.module import load_script
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.misc import file_path

from .common import RevisitCase, demo_ref

CLINIC = ("surgery", "discharge", "consultation", "course_end")
OTHERS = ("delivery", "warranty_end", "project_start", "project_done")
PROPERTY = ("repair", "move_in", "incident", "complaint", "event", "new_customer")


@tagged("post_install", "-at_install")
class TestPresetRules(RevisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            "rv_preset_rules_admin",
            groups="base.group_user,base.group_system,"
            "revisit_management.group_revisit_manager",
        )

    def setUp(self):
        super().setUp()
        self.company.revisit_preset_snapshot = False
        self.company.revisit_preset = False

    def apply(self, preset, override=()):
        return self.company.with_user(self.admin)._revisit_apply_preset(
            preset, override
        )

    def preview(self, preset):
        return (
            self.env["revisit.preset.wizard"]
            .with_user(self.admin)
            .create({"preset": preset})
            .line_ids
        )

    # R007 --------------------------------------------------------------

    def test_R007_property_preset_the_regulation_rules_and_the_service_desk(self):
        """物业 2023年制度 1.1, 1.4: the service desk answers for the revisits,
        the area's assistant makes them; the clinic's rules are not the
        property manager's."""
        other = self.env["res.company"].create({"name": "Other Clinic"})
        other_surgery = self.rule("surgery").copy({"company_id": other.id})
        surgery = self.rule("surgery")
        line = self.preview("property").filtered(
            lambda line: line.key == f"revisit.rule,{surgery.id},active"
        )
        self.assertEqual((line.current_value, line.new_value), ("Yes", "No"))
        self.assertTrue(surgery.active, "a preview changes nothing")
        self.apply("property")
        for trigger in CLINIC + OTHERS:
            self.assertFalse(self.rule(trigger).active, trigger)
        self.assertTrue(other_surgery.active, "another company keeps its rules")
        desk = self.rule("repair").department_id
        self.assertEqual(desk.name, "客服部")
        self.assertEqual(desk.company_id, self.company)
        for trigger in PROPERTY:
            rule = self.rule(trigger)
            self.assertTrue(rule.active, trigger)
            self.assertEqual(rule.department_id, desk, trigger)
            self.assertFalse(rule.department_first, trigger)
        self.assertNotEqual(self.rule("festival").department_id, desk)
        # idempotent: nothing left to change, no second desk
        self.assertFalse(self.preview("property"))
        self.apply("property")
        self.assertEqual(
            self.env["hr.department"].search_count(
                [("name", "=", "客服部"), ("company_id", "=", self.company.id)]
            ),
            1,
        )
        # the area's assistant first, else the desk's least loaded staff
        self.env["hr.employee"].search(
            [("user_id", "=", self.staff2.id)]
        ).department_id = desk
        area = self.env["revisit.area"].create(
            {"name": "Garden 1", "user_ids": [(6, 0, self.staff.ids)]}
        )
        resident = self.env["res.partner"].create(
            {"name": "Resident", "revisit_area_id": area.id}
        )
        walk_in = self.env["res.partner"].create({"name": "Walk-in"})
        self.assertEqual(self.event("move_in", resident).visit_ids.user_id, self.staff)
        visit = self.event("move_in", walk_in).visit_ids
        self.assertEqual(visit.user_id, self.staff2)
        self.assertEqual(visit.department_id, desk)
        # a rule brought back by hand is shown and kept
        surgery.active = True
        line = self.preview("property").filtered(
            lambda line: line.key == f"revisit.rule,{surgery.id},active"
        )
        self.assertTrue(line.changed_by_hand)
        self.apply("property")
        self.assertTrue(surgery.active)

    def test_R007_without_preset_every_rule_and_no_department(self):
        self.apply("none")
        for trigger in CLINIC + OTHERS + PROPERTY:
            self.assertTrue(self.rule(trigger).active, trigger)
        self.assertFalse(self.rule("repair").department_id)
        # the revisit centre names no rule of its own: it archives none
        self.apply("centre")
        for trigger in CLINIC + OTHERS + PROPERTY:
            self.assertTrue(self.rule(trigger).active, trigger)

    def _check_regulation_rules(self, preset, kept, archived):
        """The preset archives in its company the rules only the other
        regulations name and keeps its own and those every company has."""
        common = ("complaint", "event", "new_customer", "periodic", "festival")
        self.apply(preset)
        for trigger in (*kept, *common):
            self.assertTrue(self.rule(trigger).active, trigger)
        for trigger in archived:
            self.assertFalse(self.rule(trigger).active, trigger)
        self.assertFalse(self.preview(preset), "applying again changes nothing")

    def test_R007_clinic_preset_keeps_the_clinic_rules(self):
        self._check_regulation_rules(
            "clinic", CLINIC, (*OTHERS, "repair", "move_in", "incident")
        )

    def test_R007_aftersales_preset_keeps_the_aftersales_rules(self):
        self._check_regulation_rules(
            "aftersales",
            ("delivery", "warranty_end", "repair"),
            (*CLINIC, "project_start", "project_done", "move_in", "incident"),
        )

    def test_R007_warranty_preset_keeps_the_warranty_rules(self):
        self._check_regulation_rules(
            "warranty",
            ("project_start", "project_done", "repair"),
            (*CLINIC, "delivery", "warranty_end", "move_in", "incident"),
        )

    # R014 --------------------------------------------------------------

    def _check_old_festivals_migrated(self):
        """A database installed before kept its festivals of 2027 and 2028:
        the migration makes them the recurring festivals, once."""
        Festival = self.env["revisit.festival"]
        shipped = self.rule("festival")
        rule = shipped.copy({"festival_ids": [], "company_id": self.company.id})
        old = Festival.create(
            [
                {"rule_id": rule.id, "name": "Spring Festival", "date": day}
                for day in (date(2027, 2, 6), date(2028, 1, 26))
            ]
            + [
                {"rule_id": rule.id, "name": "Mid-Autumn", "date": date(2028, 10, 3)},
                {"rule_id": rule.id, "name": "Opening", "date": date(2027, 5, 20)},
                {"rule_id": shipped.id, "name": "Spring", "date": date(2027, 2, 6)},
            ]
        )
        migration = load_script(
            file_path("revisit_management/migrations/19.0.1.4.0/post-migrate.py"),
            "revisit_management_migrate_19_0_1_4_0",
        )
        for _run in range(2):  # idempotent
            migration.convert_fixed_festivals(self.env)
            festivals = rule.festival_ids.sorted(lambda f: (f.month, f.id))
            self.assertEqual(
                [(f.name, f.calendar, f.month, f.day) for f in festivals],
                [
                    ("Opening", "lunar", 0, 0),
                    ("Spring Festival", "lunar", 1, 1),
                    ("Mid-Autumn", "lunar", 8, 15),
                ],
            )
            today = self.company._revisit_today()
            self.assertEqual(
                festivals[1].date, Festival._next_date("lunar", 1, 1, today)
            )
            self.assertEqual(
                festivals[2].date, Festival._next_date("lunar", 8, 15, today)
            )
            self.assertEqual(festivals[0].date, date(2027, 5, 20), "not shipped")
            # the shipped rule already has its lunar Spring Festival
            self.assertFalse(old[-1].exists())
            self.assertEqual(
                len(shipped.festival_ids.filtered(lambda f: f.month == 1)), 1
            )

    def test_R014_property_preset_old_festival_dates_migrated(self):
        self.apply("property")
        self._check_old_festivals_migrated()

    def test_R014_without_preset_old_festival_dates_migrated(self):
        self._check_old_festivals_migrated()


@tagged("post_install", "-at_install")
class TestPropertyDemoPreset(TransactionCase):
    """The property demo as loaded (RevisitCase clears the rules'
    departments)."""

    def test_R007_demo_clinic_keeps_the_bridges_rules(self):
        """The demo's first company follows the clinic's regulation and keeps
        every shipped rule: its deliveries, repairs, projects and move-ins
        are the bridges' demos."""
        demo_ref(self, "revisit_management.res_partner_chen_jing_demo")
        main = self.env.ref("base.main_company")
        self.assertEqual(main.revisit_preset, "clinic")
        for trigger in CLINIC + OTHERS + PROPERTY:
            rule = self.env["revisit.rule"].search(
                [("company_id", "=", main.id), ("trigger", "=", trigger)], limit=1
            )
            self.assertTrue(rule, trigger)

    def test_R007_property_demo_company_has_its_regulation_rules(self):
        company = demo_ref(self, "revisit_management.res_company_property_demo")
        Rule = self.env["revisit.rule"].with_context(active_test=False)
        rules = Rule.search([("company_id", "=", company.id)])
        self.assertFalse(
            rules.filtered(lambda r: r.active and r.trigger in CLINIC + OTHERS),
            "the clinic's rules are not the property manager's",
        )
        staff = self.env["res.users"].search([("login", "=", "revisit_property_staff")])
        for trigger in ("repair", "move_in", "incident", "complaint"):
            rule = rules.filtered(lambda r, t=trigger: r.trigger == t and r.active)
            self.assertEqual(rule.department_id.name, "客服部", trigger)
            self.assertIn(staff, rule.department_id.member_ids.user_id, trigger)
        # the clinic demo keeps its own
        main = self.env.ref("base.main_company")
        self.assertTrue(
            Rule.search(
                [("company_id", "=", main.id), ("trigger", "=", "surgery")]
            ).active
        )

    def test_property_demo_staff_has_visits_today_and_overdue(self):
        """The property staff member's My Day shows today's and overdue
        visits of their company's day (Asia/Shanghai)."""
        company = demo_ref(self, "revisit_management.res_company_property_demo")
        staff = self.env["res.users"].search([("login", "=", "revisit_property_staff")])
        today = company._revisit_today()
        Visit = self.env["revisit.visit"].with_user(staff)
        my_day = Visit.search(
            [
                ("user_id", "=", staff.id),
                ("scheduled_date", "<=", today),
                ("state", "in", ("todo", "appointed")),
            ]
        )
        self.assertEqual(my_day.company_id, company)
        self.assertIn(today, my_day.mapped("scheduled_date"))
        self.assertTrue(my_day.filtered("is_overdue"))
        self.assertTrue(my_day.filtered(lambda v: not v.is_overdue))
