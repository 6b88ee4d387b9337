import re
from datetime import timedelta

from odoo.tests import TransactionCase, tagged

from .common import demo_ref


@tagged("post_install", "-at_install")
class TestRevisitDemo(TransactionCase):
    """The demo story: the clinic's post-surgery revisits and the property
    manager's complaint revisits, made by the revisit rules from events."""

    def setUp(self):
        super().setUp()
        self.chen = demo_ref(self, "revisit_management.revisit_event_surgery_chen_demo")

    def test_surgery_creates_three_visits(self):
        steps = self.chen.visit_ids.step_id.mapped("deadline_days")
        self.assertEqual(sorted(steps), [3, 7, 30])
        done = self.chen.visit_ids.filtered(lambda v: v.state == "done")
        self.assertEqual(sorted(done.mapped("satisfaction")), [4, 5])
        overdue = self.chen.visit_ids - done
        self.assertTrue(overdue.is_overdue)

    def test_unreachable_patient_gets_a_retry(self):
        liu = self.env.ref("revisit_management.revisit_event_surgery_liu_demo")
        unreachable = liu.visit_ids.filtered(lambda v: v.state == "unreachable")
        self.assertEqual(len(unreachable), 1)
        self.assertEqual(unreachable.followup_visit_ids.state, "todo")

    def test_dissatisfied_owner_gets_a_follow_up(self):
        zhou = self.env.ref("revisit_management.revisit_event_complaint_zhou_demo")
        visit = zhou.visit_ids.filtered(lambda v: v.state == "done")
        self.assertEqual(visit.satisfaction, 2)
        self.assertTrue(visit.followup_needed)
        self.assertTrue(visit.followup_visit_ids)

    def test_plan_waits_for_approval_and_staff_can_log_in(self):
        plan = self.env.ref("revisit_management.revisit_plan_key_patients_demo")
        self.assertEqual(plan.state, "submitted")
        staff = self.env.ref("revisit_management.res_users_revisit_staff_demo")
        self.assertTrue(staff.has_group("revisit_management.group_revisit_user"))
        self.assertFalse(staff.has_group("revisit_management.group_revisit_supervisor"))
        supervisor = self.env.ref(
            "revisit_management.res_users_revisit_supervisor_demo"
        )
        self.assertTrue(plan.with_user(supervisor)._can_approve())

    def test_three_months_of_figures_in_chinese(self):
        """The dashboard, pivot and calendar have a quarter of real figures."""
        today = self.env.company._revisit_today()
        Visit = self.env["revisit.visit"]
        self.assertTrue(
            Visit.search_count(
                [
                    ("state", "=", "done"),
                    ("done_date", "<=", today - timedelta(days=60)),
                ]
            )
        )
        self.assertGreaterEqual(Visit.search_count([("reviewer_id", "!=", False)]), 3)
        self.assertTrue(Visit.search_count([("state", "=", "unreachable")]))
        self.assertTrue(Visit.search_count([("is_overdue", "=", True)]))
        data = self.env["revisit.visit.report"].get_dashboard_data(
            str(today - timedelta(days=90)), str(today)
        )
        self.assertGreaterEqual(data["done"], 20)
        for rate in (
            "coverage_rate",
            "on_time_rate",
            "plan_completion_rate",
            "problem_resolution_rate",
            "feedback_timely_rate",
        ):
            self.assertGreater(data[rate], 0, rate)
        self.assertGreater(data["satisfaction_avg"], 3)
        # staff read their own figures
        staff = self.env.ref("revisit_management.res_users_revisit_staff_demo")
        own = (
            self.env["revisit.visit.report"]
            .with_user(staff)
            .get_dashboard_data(str(today - timedelta(days=90)), str(today))
        )
        self.assertEqual([row["user_id"] for row in own["per_user"]], [staff.id])
        self.assertGreaterEqual(own["done"], 10)

    def test_demo_staff_land_on_their_day(self):
        """Every demo user who does revisits but supervises none logs in on
        My Day; supervisors and managers keep their own landing."""
        my_day = self.env.ref("revisit_management.revisit_visit_action_my_day")
        users = self.env["res.users"].search([("share", "=", False)])
        staff = users.filtered(
            lambda user: (
                user.has_group("revisit_management.group_revisit_user")
                and not user.has_group("revisit_management.group_revisit_supervisor")
            )
        )
        self.assertIn(
            self.env.ref("revisit_management.res_users_revisit_property_demo"), staff
        )
        self.assertGreaterEqual(len(staff), 6)
        for user in staff:
            self.assertEqual(user.action_id.id, my_day.id, user.login)
        self.assertNotIn(my_day.id, (users - staff).action_id.ids)

    def test_customers_and_staff_have_chinese_names(self):
        records = self.env["ir.model.data"].search(
            [
                ("module", "=", "revisit_management"),
                ("model", "in", ("res.partner", "res.users", "hr.employee")),
            ]
        )
        for row in records:
            name = self.env[row.model].browse(row.res_id).name
            self.assertFalse(re.search("[A-Za-z]", name), row.complete_name)


@tagged("post_install", "-at_install")
class TestChineseDemoCompany(TransactionCase):
    """The demo company is made Chinese: Shanghai's address, time zone and the
    yuan, its users on Shanghai's time."""

    def test_company_made_chinese_in_shanghai_and_yuan(self):
        company = self.env["res.company"].create(
            {"name": "Demo Shanghai", "country_id": self.env.ref("base.us").id}
        )
        self.assertNotEqual(company.revisit_tz, "Asia/Shanghai")
        company._revisit_demo_make_chinese()
        self.assertEqual(company.revisit_tz, "Asia/Shanghai")
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.country_id.code, "CN")
        self.assertEqual(company.city, "上海市")
        self.assertEqual(company.partner_id.tz, "Asia/Shanghai")
        user = self.env["res.users"].create(
            {"name": "Shanghai staff", "login": "demo_sh_staff", "tz": "UTC"}
        )
        company._revisit_demo_chinese_users(user.ids)
        self.assertEqual(user.tz, "Asia/Shanghai")

    def test_demo_company_is_in_shanghai(self):
        demo_ref(self, "revisit_management.revisit_event_surgery_chen_demo")
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("Chinese not installed")
        company = self.env.ref("base.main_company")
        self.assertEqual(company.revisit_tz, "Asia/Shanghai")
        self.assertEqual(company.country_id.code, "CN")
        self.assertEqual(company.partner_id.tz, "Asia/Shanghai")
        self.assertEqual(
            self.env.ref("revisit_management.res_users_revisit_property_demo").tz,
            "Asia/Shanghai",
        )

    def test_demo_company_is_in_yuan(self):
        """The demo company counts in yuan, even where accounting's demo
        booked its entries in dollars before ours loaded."""
        if not self.env.ref(
            "revisit_management.revisit_event_surgery_chen_demo", False
        ) or not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("Chinese demo data not installed")
        company = self.env.ref("base.main_company")
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.currency_id.symbol, "¥")
        self.assertEqual(company.city, "上海市")
        self.assertIn("¥", company.currency_id.format(300.0))


@tagged("post_install", "-at_install")
class TestPropertyDemo(TransactionCase):
    """The property demo: a second company following the property regulation."""

    def test_property_demo_company_follows_the_property_preset(self):
        # fails (not skipped) when the property demo is missing
        company = self.env.ref("revisit_management.res_company_property_demo")
        self.assertEqual(company.revisit_preset, "property")
        self.assertEqual(company.revisit_tz, "Asia/Shanghai")
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.partner_id.lang, "zh_CN")
        Rule = self.env["revisit.rule"].with_context(active_test=False)
        rules = Rule.search([("company_id", "=", company.id)])
        main_rules = Rule.search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertTrue(rules)
        self.assertFalse(rules.step_ids.filtered(lambda s: s.rule_id not in rules))
        self.assertTrue(rules.filtered(lambda r: r.trigger == "complaint").step_ids)
        # 物业 1.6: festival visits for the customers of every value tier
        festival = rules.filtered(lambda r: r.trigger == "festival")
        self.assertTrue(festival.active)
        self.assertFalse(festival.tier_ids)
        self.assertTrue(festival.festival_ids)
        # R055: every rule's visits, plan and manual ones too, record feedback
        for rule in rules.filtered(
            lambda r: r.active and r.trigger not in ("manual", "festival")
        ):
            self.assertEqual(
                rule.close_required_field_ids.mapped("name"), ["feedback"], rule.name
            )
        self.assertEqual(
            company.revisit_close_required_field_ids.mapped("name"), ["feedback"]
        )
        # the clinic keeps the clinic's regulation: its festival rule untouched
        self.assertEqual(self.env.ref("base.main_company").revisit_preset, "clinic")
        self.assertTrue(main_rules.filtered(lambda r: r.trigger == "festival").tier_ids)
        # its people: a supervisor heading the service desk, a staff member
        # assisting the area of its residents
        supervisor = self.env["res.users"].search(
            [("login", "=", "revisit_property_supervisor")]
        )
        staff = self.env["res.users"].search([("login", "=", "revisit_property_staff")])
        self.assertEqual(supervisor.company_id, company)
        self.assertTrue(
            supervisor.has_group("revisit_management.group_revisit_supervisor")
        )
        self.assertEqual(staff.company_ids, company)
        self.assertEqual(staff.lang, "zh_CN")
        residents = self.env["res.partner"].search(
            [("company_id", "=", company.id), ("revisit_tier_id", "!=", False)]
        )
        self.assertGreaterEqual(len(residents), 3)
        self.assertEqual(residents.revisit_area_id.user_ids, staff)
        self.assertEqual(residents.revisit_department_id.manager_id.user_id, supervisor)
        # the same preset applied again finds nothing left to change
        self.assertFalse(company._revisit_preset_preview("property"))
