from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import RevisitCase, demo_ref


@tagged("post_install", "-at_install")
class TestRulesTriggers(RevisitCase):
    def setUp(self):
        super().setUp()
        self.today = self.company._revisit_today()
        self.high = self.env.ref("revisit_management.revisit_tier_high")
        self.low = self.env.ref("revisit_management.revisit_tier_low")

    # R014 -------------------------------------------------------------

    def test_r014_festival_rule_shipped_in_chinese(self):
        rule = self.env.ref("revisit_management.revisit_rule_festival")
        self.assertEqual(rule.trigger, "festival")
        names = set(rule.festival_ids.with_context(lang="zh_CN").mapped("name"))
        self.assertEqual(names, {"春节", "中秋节"})
        self.assertEqual(rule.with_context(lang="zh_CN").name, "节日拜访")
        self.assertFalse(rule.step_ids, "a festival rule plans, it has no steps")

    def test_r014_festival_prepares_a_plan_for_the_manager(self):
        rule = self.env.ref("revisit_management.revisit_rule_festival")
        rule.write({"department_id": self.department.id, "festival_lead_days": 14})
        key = self.env["res.partner"].create(
            {"name": "Key", "revisit_key_customer": True}
        )
        valued = self.env["res.partner"].create(
            {"name": "Valued", "revisit_tier_id": self.high.id}
        )
        ordinary = self.env["res.partner"].create(
            {"name": "Ordinary", "revisit_tier_id": self.low.id}
        )
        near = self.env["revisit.festival"].create(
            {
                "rule_id": rule.id,
                "name": "Dragon Boat",
                "date": self.today + timedelta(10),
            }
        )
        far = self.env["revisit.festival"].create(
            {"rule_id": rule.id, "name": "Far", "date": self.today + timedelta(40)}
        )
        before = self.Visit.search_count([])
        self.run_cron("ir_cron_revisit_festival_plans")
        plan = near.plan_id
        self.assertTrue(plan)
        self.assertFalse(far.plan_id, "too early for the far festival")
        self.assertEqual(plan.state, "submitted", "waits for the manager")
        self.assertEqual(self.Visit.search_count([]), before, "no visit yet")
        customers = plan.line_ids.partner_id
        self.assertIn(key, customers)
        self.assertIn(valued, customers)
        self.assertNotIn(ordinary, customers)
        self.assertEqual(plan.date_to, near.date)
        self.assertEqual(plan.method, "onsite")
        self.assertEqual(plan.user_id, self.head)
        self.assertTrue(plan.activity_ids.filtered(lambda a: a.user_id == self.head))
        # running again prepares nothing twice
        self.run_cron("ir_cron_revisit_festival_plans")
        self.assertEqual(
            self.env["revisit.plan"].search_count([("name", "ilike", "Dragon Boat")]),
            1,
        )
        # the manager approves: the visits are born
        plan.with_user(self.manager).action_approve()
        self.assertEqual(plan.visit_ids.partner_id, customers)
        self.assertTrue(all(v.deadline <= near.date for v in plan.visit_ids))

    # R015 / R029 ------------------------------------------------------

    def test_r015_move_in_revisit(self):
        visits = self.event("move_in").visit_ids
        self.assertEqual(len(visits), 1)
        self.assertEqual(visits.rule_id, self.rule("move_in"))
        self.assertEqual(visits.deadline, self.monday + timedelta(days=30))

    def test_r015_r029_incident_onsite_within_20_days_by_project_manager(self):
        project_manager = new_test_user(
            self.env,
            "rv_pm",
            groups="base.group_user,revisit_management.group_revisit_user",
        )
        self.customer.revisit_user_id = self.staff
        visits = self.event("incident", user_id=project_manager.id).visit_ids
        self.assertEqual(len(visits), 1)
        self.assertEqual(visits.rule_id, self.rule("incident"))
        self.assertEqual(visits.method, "onsite")
        self.assertEqual(visits.deadline, self.monday + timedelta(days=20))
        self.assertEqual(visits.user_id, project_manager, "not the owner")
        # without a responsible, the usual assignment
        other = self.event("incident", self.customer.copy()).visit_ids
        self.assertEqual(other.user_id, self.staff)

    # R022 -------------------------------------------------------------

    def test_r022_new_customer_first_visit_right_after_joining(self):
        self.company.revisit_new_customer_event = True
        customer = self.env["res.partner"].create(
            {"name": "Joined", "revisit_tier_id": self.high.id, "phone": "1"}
        )
        events = self.Event.search([("partner_id", "=", customer.id)])
        self.assertEqual(events.trigger, "new_customer")
        self.assertEqual(events.date, self.today)
        first = events.visit_ids.sorted("scheduled_date")[:1]
        self.assertEqual(first.scheduled_date, self.today)
        # a tier given later to an existing customer welcomes them once
        later = self.env["res.partner"].create({"name": "Later"})
        self.assertFalse(self.Event.search([("partner_id", "=", later.id)]))
        later.revisit_tier_id = self.low
        later.revisit_tier_id = self.high
        self.assertEqual(
            self.Event.search_count(
                [("partner_id", "=", later.id), ("trigger", "=", "new_customer")]
            ),
            1,
        )

    def test_r022_setting_off_no_event(self):
        self.company.revisit_new_customer_event = False
        customer = self.env["res.partner"].create(
            {"name": "Quiet", "revisit_tier_id": self.high.id}
        )
        self.assertFalse(self.Event.search([("partner_id", "=", customer.id)]))

    # R026 -------------------------------------------------------------

    def test_r026_delivery_third_visit_at_warranty_end(self):
        visits = self.event("delivery").visit_ids.sorted("scheduled_date")
        self.assertEqual(len(visits), 3)
        self.assertEqual(visits[-1].scheduled_date, self.monday + timedelta(days=365))
        self.assertFalse(
            self.Event.search(
                [
                    ("trigger", "=", "warranty_end"),
                    ("partner_id", "=", self.customer.id),
                ]
            )
        )

    # R027 -------------------------------------------------------------

    def test_r027_project_start_and_completion_revisits(self):
        start = self.event("project_start").visit_ids
        done = self.event(
            "project_done", day=self.monday + timedelta(days=90)
        ).visit_ids
        self.assertEqual(start.rule_id, self.rule("project_start"))
        self.assertEqual(done.rule_id, self.rule("project_done"))
        self.assertEqual(len(start | done), 2)

    # R030 -------------------------------------------------------------

    def test_r030_complaint_window_is_a_company_choice(self):
        step = self.rule("complaint").step_ids
        self.assertEqual(step.deadline_days, 3, "seed 000's default")
        step.deadline_days = 2
        self.assertEqual(step.window_days, 1)
        self.rule("complaint").sample_rate = 100
        visit = self.event("complaint").visit_ids
        self.assertEqual(visit.deadline, self.monday + timedelta(days=2))
        repair = self.rule("repair")
        repair.sample_rate = 100
        repair.step_ids.deadline_days = 2
        visit = self.event("repair", self.customer.copy()).visit_ids
        self.assertEqual(visit.deadline, self.monday + timedelta(days=2))
        with self.assertRaises(ValidationError):
            self.rule("surgery").step_ids[-1].deadline_days = 2

    # R033 -------------------------------------------------------------

    def test_r033_yearly_tier_visited_door_to_door(self):
        onsite = self.env.ref("revisit_management.revisit_rule_periodic_onsite")
        self.assertFalse(onsite.active, "shipped for a company to pick")
        self.assertEqual(onsite.tier_ids, self.low)
        Partner = self.env["res.partner"]
        yearly = Partner.create(
            {"name": "Yearly", "revisit_tier_id": self.low.id, "phone": "1"}
        )
        quarterly = Partner.create(
            {"name": "Quarterly", "revisit_tier_id": self.high.id, "phone": "1"}
        )
        onsite.active = True
        self.run_cron("ir_cron_revisit_generate")
        visit = self.Visit.search([("partner_id", "=", yearly.id)])
        self.assertEqual(visit.rule_id, onsite)
        self.assertEqual(visit.method, "onsite")
        other = self.Visit.search([("partner_id", "=", quarterly.id)])
        self.assertEqual(other.rule_id, self.rule("periodic"))
        self.assertEqual(other.method, "phone")

    # R034 -------------------------------------------------------------

    def test_r034_quarterly_visits_assigned_by_area(self):
        self.assertEqual(self.high.interval_months, 3)
        Area = self.env["revisit.area"]
        north = Area.create({"name": "North", "user_ids": [(6, 0, self.staff.ids)]})
        south = Area.create(
            {"name": "South", "user_ids": [(6, 0, (self.staff2 | self.supervisor).ids)]}
        )
        Partner = self.env["res.partner"]
        residents = Partner.create(
            [
                {
                    "name": f"Resident {i}",
                    "revisit_tier_id": self.high.id,
                    "phone": "1",
                    "revisit_area_id": (north if i < 2 else south).id,
                    "revisit_department_id": self.department.id,
                }
                for i in range(6)
            ]
        )
        self.run_cron("ir_cron_revisit_generate")
        visits = self.Visit.search([("partner_id", "in", residents.ids)])
        self.assertEqual(len(visits), 6)
        by_area = {
            area: visits.filtered(lambda v, a=area: v.partner_id.revisit_area_id == a)
            for area in (north, south)
        }
        self.assertEqual(by_area[north].user_id, self.staff)
        self.assertEqual(by_area[south].user_id, self.staff2 | self.supervisor)
        # the owner still comes first
        owned = Partner.create(
            {
                "name": "Owned",
                "revisit_tier_id": self.high.id,
                "phone": "1",
                "revisit_area_id": north.id,
                "revisit_user_id": self.staff2.id,
            }
        )
        self.run_cron("ir_cron_revisit_generate")
        self.assertEqual(
            self.Visit.search([("partner_id", "=", owned.id)]).user_id, self.staff2
        )


@tagged("post_install", "-at_install")
class TestClinicDemoDepartments(TransactionCase):
    """The demo clinic's rules carry the departments responsible for them."""

    def setUp(self):
        super().setUp()
        demo_ref(self, "revisit_management.hr_department_nursing_demo")

    def event(self, trigger, partner):
        return self.env["revisit.event"].create(
            {"partner_id": partner.id, "trigger": trigger}
        )

    # R007 -------------------------------------------------------------

    def test_r007_demo_rules_carry_the_clinic_departments(self):
        expected = {
            "discharge": "客服中心",
            "surgery": "护理组",
            "course_end": "医疗美容组",
            "consultation": "资讯中心",
        }
        for trigger, name in expected.items():
            with self.subTest(trigger=trigger):
                department = self.env.ref(
                    f"revisit_management.revisit_rule_{trigger}"
                ).department_id
                self.assertIn(name, department.name)
                self.assertTrue(
                    self.env["hr.employee"].search_count(
                        [
                            ("department_id", "=", department.id),
                            (
                                "user_id.all_group_ids",
                                "in",
                                self.env.ref(
                                    "revisit_management.group_revisit_user"
                                ).ids,
                            ),
                        ]
                    ),
                    "the demo department has revisit staff",
                )

    def test_r007_surgery_visits_go_to_the_least_loaded_nurse(self):
        nursing = self.env.ref("revisit_management.revisit_rule_surgery").department_id
        nurses = (
            self.env["hr.employee"].search([("department_id", "=", nursing.id)]).user_id
        )
        self.assertEqual(len(nurses), 2)
        customer = self.env["res.partner"].create({"name": "No owner"})
        visits = self.event("surgery", customer).visit_ids
        self.assertEqual(len(visits), 3)
        self.assertEqual(visits.department_id, nursing)
        self.assertEqual(visits.user_id, nurses, "the load is shared")
        consultation = self.event("consultation", customer.copy()).visit_ids
        self.assertIn("资讯中心", consultation.department_id.name)
        self.assertTrue(consultation.user_id)
        self.assertEqual(
            consultation.user_id.employee_ids.department_id, consultation.department_id
        )
