"""Regulation presets: the wizard (preview, idempotent, hand changes kept) and
the rules each preset switches on, tested with the preset of the regulation
the rule comes from and without a preset where it holds for everyone."""

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import RevisitCase
from .test_rules_records import SIGNATURE


@tagged("post_install", "-at_install")
class TestPresets(RevisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            "rv_preset_admin",
            groups="base.group_user,base.group_system,"
            "revisit_management.group_revisit_manager",
        )

    def setUp(self):
        super().setUp()
        self.today = self.company._revisit_today()
        self.company.revisit_preset_snapshot = False
        self.company.revisit_preset = False

    def apply(self, preset, override=()):
        return self.company.with_user(self.admin)._revisit_apply_preset(
            preset, override
        )

    def wizard(self, preset):
        return (
            self.env["revisit.preset.wizard"]
            .with_user(self.admin)
            .create({"preset": preset})
        )

    # the wizard ------------------------------------------------------

    def test_preset_previewed_applied_once_and_by_administrators_only(self):
        wizard = self.wizard("clinic")
        surgery = wizard.line_ids.filtered(
            lambda line: (
                line.name.startswith(self.rule("surgery").display_name)
                and "Department" in line.name
                and "Always" not in line.name
            )
        )
        self.assertEqual(len(surgery), 1, wizard.line_ids.mapped("name"))
        self.assertIn("护理组", surgery.new_value)
        self.assertEqual(surgery.current_value, "-")
        self.assertFalse(surgery.changed_by_hand)
        self.assertFalse(self.company.revisit_preset, "a preview changes nothing")
        self.assertFalse(self.rule("surgery").department_id)
        wizard.action_apply()
        self.assertEqual(self.company.revisit_preset, "clinic")
        self.assertIn("护理组", self.rule("surgery").department_id.name)
        departments = self.env["hr.department"].search_count([])
        # idempotent: applied again, nothing is left to change or created
        self.assertFalse(self.wizard("clinic").line_ids)
        self.apply("clinic")
        self.assertEqual(self.env["hr.department"].search_count([]), departments)
        with self.assertRaises(AccessError):
            self.env["revisit.preset.wizard"].with_user(self.staff).create(
                {"preset": "none"}
            ).action_apply()
        for user in (self.staff, self.manager):
            with self.assertRaises(AccessError):
                self.company.with_user(user)._revisit_apply_preset("none")
        with self.assertRaises(UserError):
            self.apply("nonsense")

    def test_preset_keeps_what_was_changed_by_hand_unless_overridden(self):
        self.apply("aftersales")
        rule = self.rule("delivery")
        self.assertTrue(rule.notify_customers)
        rule.notify_customers = False  # by hand
        line = self.wizard("aftersales").line_ids
        self.assertEqual(len(line), 1)
        self.assertTrue(line.changed_by_hand)
        self.assertEqual((line.current_value, line.new_value), ("No", "Yes"))
        kept = self.apply("aftersales")
        self.assertEqual(len(kept), 1)
        self.assertFalse(rule.notify_customers, "the hand's value is kept")
        wizard = self.wizard("aftersales")
        wizard.line_ids.override = True
        wizard.action_apply()
        self.assertTrue(rule.notify_customers)

    def test_preset_is_per_company(self):
        other = self.env["res.company"].create({"name": "Other Clinic"})
        self.admin.company_ids |= other
        self.apply("centre")
        self.assertTrue(self.company.revisit_onsite_technical)
        self.assertFalse(other.revisit_preset)
        self.assertFalse(other.revisit_onsite_technical)
        other_admin = new_test_user(
            self.env,
            "rv_other_admin",
            groups="base.group_user,base.group_system",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        with self.assertRaises(AccessError):
            self.company.with_user(other_admin)._revisit_apply_preset("centre")

    # R007 --------------------------------------------------------------

    def _surgery_visits(self):
        owner_customer = self.env["res.partner"].create(
            {"name": "Owned", "revisit_user_id": self.staff.id}
        )
        return self.event("surgery", owner_customer).visit_ids

    def test_R007_clinic_preset_the_nursing_team_before_the_owner(self):
        """手术后护理组负责手术顾客回访: a surgery customer goes to the nursing
        team even when a revisit owner looks after the customer."""
        self.apply("clinic")
        nursing = self.rule("surgery").department_id
        self.assertIn("护理组", nursing.name)
        self.assertIn("资讯中心", self.rule("consultation").department_id.name)
        self.assertIn("客服中心", self.rule("discharge").department_id.name)
        self.assertIn("医疗美容组", self.rule("course_end").department_id.name)
        nurse = new_test_user(
            self.env,
            "rv_nurse",
            groups="base.group_user,revisit_management.group_revisit_user",
        )
        self.env["hr.employee"].create(
            {"name": "Nurse", "user_id": nurse.id, "department_id": nursing.id}
        )
        visits = self._surgery_visits()
        self.assertTrue(visits)
        self.assertEqual(visits.department_id, nursing)
        self.assertNotIn(self.staff, visits.user_id)
        nurses = (
            self.env["hr.employee"].search([("department_id", "=", nursing.id)]).user_id
        )
        self.assertTrue(visits.user_id)
        self.assertLessEqual(visits.user_id, nurses)

    def test_R007_without_preset_the_owner_keeps_the_customer(self):
        visits = self._surgery_visits()
        self.assertEqual(visits.user_id, self.staff)

    # R014 --------------------------------------------------------------

    def _festival_plan(self):
        rule = self.rule("festival")
        rule.festival_lead_days = 14
        ordinary = self.env["res.partner"].create(
            {
                "name": "Ordinary",
                "revisit_tier_id": self.env.ref(
                    "revisit_management.revisit_tier_low"
                ).id,
            }
        )
        key = self.env["res.partner"].create(
            {"name": "Key", "revisit_key_customer": True}
        )
        festival = self.env["revisit.festival"].create(
            {
                "rule_id": rule.id,
                "name": "Mid-Autumn",
                "date": self.today + timedelta(5),
            }
        )
        self.run_cron("ir_cron_revisit_festival_plans")
        self.assertTrue(festival.plan_id)
        return festival.plan_id, ordinary, key

    def test_R014_property_preset_every_customer_and_the_manager_told(self):
        """重大节日拜访由公司经理组织进行: the festival plan of every customer of
        a tier awaits the company manager, who is told."""
        self.apply("property")
        plan, ordinary, key = self._festival_plan()
        self.assertIn(ordinary, plan.line_ids.partner_id)
        self.assertIn(key, plan.line_ids.partner_id)
        self.assertEqual(plan.state, "submitted")
        self.assertIn(self.manager, plan.activity_ids.user_id)

    def test_R014_without_preset_the_manager_told(self):
        plan, ordinary, key = self._festival_plan()
        self.assertNotIn(ordinary, plan.line_ids.partner_id)
        self.assertIn(key, plan.line_ids.partner_id)
        self.assertIn(self.manager, plan.activity_ids.user_id)

    def _check_festival_each_year(self):
        """The festivals' dates are found each year in their calendar, not
        entered: a past festival moves to next year's date and is planned again."""
        rule = self.rule("festival")
        rule.festival_lead_days = 14
        self.env["res.partner"].create({"name": "Key", "revisit_key_customer": True})
        mid = self.env.ref("revisit_management.revisit_festival_mid_autumn")
        spring = self.env.ref("revisit_management.revisit_festival_spring")
        self.assertEqual((mid.calendar, mid.month, mid.day), ("lunar", 8, 15))
        self.assertEqual((spring.calendar, spring.month, spring.day), ("lunar", 1, 1))
        with freeze_time("2030-09-01 02:00:00"):
            self.run_cron("ir_cron_revisit_festival_plans")
            self.assertEqual(mid.date, date(2030, 9, 12))  # 八月十五 of 2030
            self.assertEqual(spring.date, date(2031, 1, 23))  # 正月初一 of 2031
            first = mid.plan_id
            self.assertTrue(first)
            self.assertEqual(first.date_to, date(2030, 9, 12))
            self.assertFalse(spring.plan_id)
        with freeze_time("2030-09-13 02:00:00"):
            self.run_cron("ir_cron_revisit_festival_plans")
            self.assertEqual(mid.date, date(2031, 10, 1))
            self.assertFalse(mid.plan_id)
        with freeze_time("2031-09-20 02:00:00"):
            self.run_cron("ir_cron_revisit_festival_plans")
            self.assertTrue(mid.plan_id)
            self.assertNotEqual(mid.plan_id, first)
            self.assertEqual(mid.plan_id.date_to, date(2031, 10, 1))
        Festival = self.env["revisit.festival"]
        with freeze_time("2030-10-02 02:00:00"):
            national = Festival.create(
                {
                    "rule_id": rule.id,
                    "name": "National Day",
                    "calendar": "solar",
                    "month": 10,
                    "day": 1,
                }
            )
            self.assertEqual(national.date, date(2031, 10, 1))
            # 除夕: the twelfth month's last day, 29 days in lunar 2030
            eve = Festival.create(
                {"rule_id": rule.id, "name": "Eve", "month": 12, "day": 30}
            )
            self.assertEqual(eve.date, date(2031, 1, 22))
        for month, day, calendar in ((13, 1, "lunar"), (2, 30, "solar")):
            with self.assertRaises(ValidationError):
                Festival.create(
                    {
                        "rule_id": rule.id,
                        "name": "Wrong",
                        "calendar": calendar,
                        "month": month,
                        "day": day,
                    }
                )

    def test_R014_property_preset_festival_dates_found_each_year(self):
        """重大节日拜访 (物业 1.6): every year's festivals are visited."""
        self.apply("property")
        self._check_festival_each_year()

    def test_R014_without_preset_festival_dates_found_each_year(self):
        self._check_festival_each_year()

    # R047 --------------------------------------------------------------

    def _approved_plan_visit(self):
        plan = self.env["revisit.plan"].create(
            {
                "name": "Week plan",
                "user_id": self.staff.id,
                "date_from": self.today + timedelta(3),
                "date_to": self.today + timedelta(3),
                "line_ids": [Command.create({"partner_id": self.customer.id})],
            }
        )
        self.assertTrue(plan.notify_customers, "plans announce their visits")
        plan.action_submit()
        plan.with_user(self.manager).action_approve()
        self.assertTrue(plan.visit_ids)
        return plan.visit_ids

    def test_R047_aftersales_preset_every_visit_announced_a_week_ahead(self):
        """回访计划须经部门负责人审批,并在回访前一周内通知相关客户."""
        self.apply("aftersales")
        self.assertEqual(self.company.revisit_notify_days_before, 7)
        plan_visits = self._approved_plan_visit()
        repair = self.visit(
            rule_id=self.rule("repair").id, scheduled_date=self.today + timedelta(6)
        )
        later = self.visit(
            rule_id=self.rule("repair").id, scheduled_date=self.today + timedelta(9)
        )
        self.run_cron("ir_cron_revisit_remind")
        self.assertEqual(plan_visits.customer_notified_date, self.today)
        self.assertEqual(repair.customer_notified_date, self.today)
        self.assertFalse(later.customer_notified_date, "more than a week ahead")

    def test_R047_without_preset_approved_plans_announced(self):
        plan_visits = self._approved_plan_visit()
        repair = self.visit(
            rule_id=self.rule("repair").id, scheduled_date=self.today + timedelta(6)
        )
        self.run_cron("ir_cron_revisit_remind")
        self.assertEqual(plan_visits.customer_notified_date, self.today)
        self.assertFalse(repair.customer_notified_date)
        # the company may keep its plans quiet
        self.company.revisit_plan_notify_customers = False
        plan = self.env["revisit.plan"].create(
            {
                "name": "Quiet",
                "date_from": self.today,
                "date_to": self.today,
            }
        )
        self.assertFalse(plan.notify_customers)

    # R055 --------------------------------------------------------------

    def test_R055_aftersales_preset_feedback_and_report_before_closing(self):
        """必须保证回访信息的完整记录: rule and plan visits record the feedback
        and the report before they close."""
        self.apply("aftersales")
        for values in ({"rule_id": self.rule("repair").id}, {}):
            with self.subTest(rule=bool(values)):
                visit = self.visit(satisfaction=4, **values)
                with self.assertRaises(UserError) as error:
                    visit.action_done()
                self.assertIn("Feedback", str(error.exception))
                self.assertIn("Visit Report", str(error.exception))
                visit.write({"feedback": "Works", "report": "<p>Checked</p>"})
                visit.action_done()
                self.assertEqual(visit.state, "done")

    def test_R055_without_preset_a_visit_without_rule_can_require_fields(self):
        visit = self.visit(satisfaction=4)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.company.revisit_close_required_field_ids = self.env[
            "ir.model.fields"
        ]._get("revisit.visit", "feedback")
        other = self.visit(satisfaction=4)
        with self.assertRaisesRegex(UserError, "the company asks for Feedback"):
            other.action_done()
        wizard = self.env["revisit.visit.done"].create(
            {"visit_id": other.id, "satisfaction": "4"}
        )
        self.assertIn("Feedback", wizard.required_fields)

    # R058 --------------------------------------------------------------

    def test_R058_centre_preset_staff_and_technical_staff_sign(self):
        """每次回访后客户服务人员和技术服务人员要在客户回访记录表上签字."""
        self.apply("centre")
        visit = self.visit(
            rule_id=self.rule("repair").id,
            method="onsite",
            satisfaction=4,
            feedback="Fine",
            signature=SIGNATURE,
        )
        with self.assertRaisesRegex(UserError, "technical staff"):
            visit.action_done()
        visit.write(
            {"technical_user_id": self.staff2.id, "technical_signature": SIGNATURE}
        )
        with self.assertRaisesRegex(UserError, "Staff Signature"):
            visit.action_done()
        visit.staff_signature = SIGNATURE
        visit.action_done()
        self.assertEqual(visit.state, "done")

    def test_R058_without_preset_technical_staff_sign_when_present(self):
        visit = self.visit(method="onsite", satisfaction=4, signature=SIGNATURE)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        other = self.visit(
            method="onsite",
            satisfaction=4,
            signature=SIGNATURE,
            technical_user_id=self.staff2.id,
        )
        with self.assertRaisesRegex(UserError, "technical staff"):
            other.action_done()

    # R062 --------------------------------------------------------------

    def _check_material_stays(self):
        visit = self.visit(
            satisfaction=4,
            feedback="Fine",
            report="<p>Done</p>",
            department_id=self.department.id,
        )
        Material = self.env["revisit.visit.material"].with_user(self.staff)
        mistake = Material.create({"visit_id": visit.id, "name": "Wrong line"})
        mistake.unlink()  # before the visit: a mistake is deleted
        brochure = Material.create({"visit_id": visit.id, "name": "Brochures"})
        visit.action_done()
        self.assertTrue(visit.material_outstanding)
        for user in (self.staff, self.manager):
            with self.assertRaisesRegex(UserError, "cannot be deleted"):
                brochure.with_user(user).unlink()
        self.assertTrue(visit.material_outstanding)
        # the staff member's word is not the receipt: a supervisor confirms it
        brochure.action_return()
        self.assertEqual(brochure.return_declared_date, self.today)
        self.assertTrue(visit.material_outstanding)
        self.assertIn(
            "Brochures",
            visit.activity_ids.filtered(lambda a: a.user_id == self.head).summary,
        )
        with self.assertRaises(AccessError):
            brochure.with_user(self.staff).action_confirm_receipt()
        with self.assertRaises(UserError):
            brochure.with_user(self.staff).write({"state": "returned"})
        brochure.with_user(self.supervisor).action_confirm_receipt()
        self.assertEqual(brochure.receiver_id, self.supervisor)
        self.assertFalse(visit.material_outstanding)

    def test_R062_aftersales_preset_material_out_is_returned_not_deleted(self):
        """及时将回访的相关资料归还给公司…应报客户服务主管批准 (客户回访制度 四.3)."""
        self.apply("aftersales")
        self._check_material_stays()

    def test_R062_without_preset_material_out_is_returned_not_deleted(self):
        self._check_material_stays()
