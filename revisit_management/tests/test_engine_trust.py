import re
from datetime import date, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.addons.base.models import ir_cron
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import RevisitCase, use_chinese

ACTIVITY_TYPE = "revisit_management.mail_activity_type_revisit"


@tagged("post_install", "-at_install")
class TestOneBirthPath(RevisitCase):
    """Every producer of visits goes through revisit.visit.create()."""

    def setUp(self):
        super().setUp()
        # chatter on: creation messages and followers are part of what is checked
        self.env = self.env(context=dict(self.env.context, tracking_disable=False))
        self.Visit = self.env["revisit.visit"]
        self.Event = self.env["revisit.event"]
        self.customer.revisit_user_id = self.staff
        self.today = self.company._revisit_today()

    def _created(self, produce):
        """Run ``produce`` and return the visits that create() made."""
        Model = type(self.env["revisit.visit"])
        original = Model.create
        seen = []

        def create(records, vals_list):
            visits = original(records, vals_list)
            seen.append(visits)
            return visits

        with patch.object(Model, "create", create):
            produce()
        return self.env["revisit.visit"].browse(
            [visit.id for visits in seen for visit in visits]
        )

    def assert_born_well(self, visits):
        self.assertTrue(visits)
        for visit in visits:
            self.assertTrue(
                visit.message_ids.filtered(lambda m: m.message_type == "notification"),
                f"{visit.name} has no creation message",
            )
            self.assertIn(visit.user_id.partner_id, visit.message_partner_ids)

    def test_event_visits(self):
        event = self.env["revisit.event"]
        visits = self._created(
            lambda: event.create(
                {
                    "partner_id": self.customer.id,
                    "trigger": "surgery",
                    "date": self.today,
                }
            )
        )
        self.assertEqual(len(visits), 3)
        self.assert_born_well(visits)

    def test_periodic_visits(self):
        self.customer.write(
            {"revisit_tier_id": self.env.ref("revisit_management.revisit_tier_high").id}
        )
        rule = self.rule("periodic")
        visits = self._created(
            lambda: self.env["revisit.planner"]._generate_periodic(
                rule, self.customer, self.today
            )
        )
        self.assertEqual(len(visits), 1)
        self.assert_born_well(visits)

    def test_plan_visits(self):
        plan = self.env["revisit.plan"].create(
            {
                "name": "Spring",
                "department_id": self.department.id,
                "date_from": self.today,
                "date_to": self.today + timedelta(days=30),
                "line_ids": [(0, 0, {"partner_id": self.customer.id})],
            }
        )
        plan.action_submit()
        visits = self._created(plan.with_user(self.head).action_approve)
        self.assertEqual(plan.line_ids.visit_id, visits)
        self.assert_born_well(visits)

    def test_retry_and_followup_visits(self):
        visit = self.visit(scheduled_date=self.today)
        retries = self._created(visit.action_unreachable)
        self.assertEqual(retries.parent_visit_id, visit)
        self.assert_born_well(retries)
        retries.write({"satisfaction": 1})
        followups = self._created(retries.action_done)
        self.assertEqual(followups.parent_visit_id, retries)
        self.assert_born_well(followups)

    def test_company_check_holds_for_generated_visits(self):
        """A customer filed under another company's department: the generated
        visit is refused, as a visit created by hand would be."""
        other = self.env["res.company"].create({"name": "Other clinic"})
        foreign = self.env["hr.department"].create(
            {"name": "Elsewhere", "company_id": other.id}
        )
        self.customer.write(
            {"revisit_department_id": foreign.id, "revisit_user_id": False}
        )
        with self.assertRaises(UserError):
            self.Event.create({"partner_id": self.customer.id, "trigger": "discharge"})


class TestActivityInStep(RevisitCase):
    """One assignee activity per open visit, within the reminder horizon."""

    def setUp(self):
        super().setUp()
        self.company.revisit_reminder_days = 2
        self.activity_type = self.env.ref(ACTIVITY_TYPE)

    def activity(self, visit):
        return visit.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    @freeze_time("2030-01-07 09:00:00")
    def test_activity_follows_the_visit(self):
        self.company.revisit_tz = "UTC"
        visit = self.visit(scheduled_date=self.monday + timedelta(days=10))
        self.assertFalse(self.activity(visit), "outside the horizon: no activity")
        visit.scheduled_date = self.monday + timedelta(days=2)
        self.assertEqual(self.activity(visit).date_deadline, visit.scheduled_date)
        self.assertEqual(self.activity(visit).user_id, self.staff)
        visit.scheduled_date = self.monday + timedelta(days=1)
        self.assertEqual(len(self.activity(visit)), 1)
        self.assertEqual(self.activity(visit).date_deadline, visit.scheduled_date)
        visit.user_id = self.staff2
        self.assertEqual(self.activity(visit).user_id, self.staff2)
        visit.write(
            {
                "scheduled_date": self.monday + timedelta(days=20),
                "deadline": self.monday + timedelta(days=22),
            }
        )
        self.assertFalse(self.activity(visit), "moved away: the activity goes")
        visit.scheduled_date = self.monday
        visit.satisfaction = 4
        visit.action_done()
        self.assertFalse(self.activity(visit))
        done = self.env["mail.message"].search(
            [
                ("model", "=", "revisit.visit"),
                ("res_id", "=", visit.id),
                ("mail_activity_type_id", "=", self.activity_type.id),
            ]
        )
        self.assertTrue(done, "the done activity stays in the history")

    @freeze_time("2030-01-07 09:00:00")
    def test_closing_removes_the_activity(self):
        self.company.revisit_tz = "UTC"
        cancelled = self.visit(scheduled_date=self.monday)
        unreachable = self.visit(scheduled_date=self.monday, user_id=self.staff2.id)
        self.assertTrue(self.activity(cancelled) and self.activity(unreachable))
        cancelled.action_cancel()
        self.company.revisit_retry_count = 0
        unreachable.action_unreachable()
        self.assertFalse(self.activity(cancelled) | self.activity(unreachable))
        cancelled.action_reset_todo()
        self.assertTrue(self.activity(cancelled))

    @freeze_time("2030-01-07 09:00:00")
    def test_remind_cron_brings_activities_within_the_horizon(self):
        self.company.revisit_tz = "UTC"
        visit = self.visit(scheduled_date=self.monday + timedelta(days=2))
        later = self.visit(scheduled_date=self.monday + timedelta(days=3))
        self.activity(visit).unlink()
        self.assertFalse(self.activity(visit) | self.activity(later))
        cron = self.env.ref("revisit_management.ir_cron_revisit_remind")
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.assertTrue(self.activity(visit))
        self.assertFalse(self.activity(later))


@tagged("post_install", "-at_install")
class TestCompanyCalendarDay(RevisitCase):
    """Asia/Shanghai company and users: at 07:30 local, UTC is still on the
    day before. Every "today" is Shanghai's."""

    def setUp(self):
        super().setUp()
        self.company.revisit_tz = "Asia/Shanghai"
        (self.staff | self.manager | self.head).tz = "Asia/Shanghai"
        self.company.revisit_reminder_days = 2

    def test_country_gives_the_default_zone(self):
        china = self.env["res.company"].create(
            {"name": "Clinic", "country_id": self.env.ref("base.cn").id}
        )
        self.assertEqual(china.revisit_tz, "Asia/Shanghai")

    @freeze_time("2030-01-07 23:30:00")  # Tuesday 8th, 07:30 in Shanghai
    def test_ordinary_morning(self):
        today = date(2030, 1, 8)
        self.assertEqual(self.company._revisit_today(), today)
        due_today = self.visit(scheduled_date=today)
        due_yesterday = self.visit(
            scheduled_date=today - timedelta(days=4), user_id=self.staff2.id
        )
        self.assertEqual(due_yesterday.deadline, today - timedelta(days=1))
        self.assertTrue(due_yesterday.is_overdue)
        self.assertFalse(due_today.is_overdue)
        overdue = self.Visit.search([("is_overdue", "=", True)])
        self.assertIn(due_yesterday, overdue)
        self.assertNotIn(due_today, overdue)
        self.run_cron("ir_cron_revisit_remind")
        self.assertEqual(due_today.reminder_date, today)
        self.run_cron("ir_cron_revisit_escalate")
        self.assertEqual(due_yesterday.escalation_date, today)
        self.assertFalse(due_today.escalation_date)
        # the analysis view and the dashboard count it as the list does
        data = self.env["revisit.visit.report"].get_dashboard_data(period="month")
        self.assertEqual(data["date_from"], "2030-01-01")
        self.assertEqual(
            data["overdue"], self.Visit.search_count(data["domains"]["overdue"])
        )
        self.assertGreaterEqual(data["overdue"], 1)
        # closing today is on time: the done date is Shanghai's day
        due_today.satisfaction = 5
        due_today.action_done()
        self.assertEqual(due_today.done_date, today)

    @freeze_time("2030-01-30 23:30:00")  # 31 January, 07:30 in Shanghai
    def test_last_day_of_the_month(self):
        today = date(2030, 1, 31)
        self.assertEqual(self.company._revisit_today(), today)
        data = self.env["revisit.visit.report"].get_dashboard_data(period="month")
        self.assertEqual(
            (data["date_from"], data["date_to"]), ("2030-01-01", "2030-01-31")
        )
        visit = self.visit(scheduled_date=today)
        self.assertIn(visit, self.Visit.search(data["domains"]["open"]))


class TestDashboardMatchesLists(RevisitCase):
    def test_each_card_counts_its_list(self):
        today = self.company._revisit_today()
        self.visit(scheduled_date=today)
        self.visit(scheduled_date=today - timedelta(days=5))  # overdue
        no_deadline = self.visit(scheduled_date=today - timedelta(days=2))
        no_deadline.deadline = False  # overdue by its date
        done = self.visit(scheduled_date=today)
        done.satisfaction = 4
        done.action_done()
        self.visit(scheduled_date=today, user_id=self.staff2.id).action_unreachable()
        Report = self.env["revisit.visit.report"]
        for user in (self.env.user, self.manager, self.head, self.staff):
            for period in ("week", "month", "quarter", "year"):
                data = Report.with_user(user).get_dashboard_data(period=period)
                Visit = self.Visit.with_user(user)
                for card in ("total", "done", "open", "overdue", "unreachable"):
                    self.assertEqual(
                        data[card],
                        Visit.search_count(data["domains"][card]),
                        f"{card} card of {period} as {user.login}",
                    )
        data = Report.get_dashboard_data(period="year")
        self.assertIn(no_deadline, self.Visit.search(data["domains"]["overdue"]))


class TestResumableCrons(RevisitCase):
    def test_periodic_generator_resumes_under_a_tiny_time_budget(self):
        """Each run has no time left after its first batch: the job still
        completes across runs, each customer handled once."""
        tier = self.env.ref("revisit_management.revisit_tier_high")
        partners = self.env["res.partner"].create(
            [
                {"name": f"Tiered {i}", "phone": "1", "revisit_tier_id": tier.id}
                for i in range(5)
            ]
        )
        self.env["ir.config_parameter"].set_param(
            "revisit_management.cron_batch_size", "2"
        )
        cron = self.env.ref("revisit_management.ir_cron_revisit_generate")
        rule = self.rule("periodic")
        runs = 0
        with (
            patch.object(ir_cron, "MIN_RUNS_PER_JOB", 1),
            patch.object(ir_cron, "MIN_TIME_PER_JOB", 0),
            mute_logger("odoo.addons.base.models.ir_cron"),
        ):
            while partners.filtered(lambda p: p.revisit_periodic_due) and runs < 10:
                with self.enter_registry_test_mode():
                    cron.method_direct_trigger()
                runs += 1
                partners.invalidate_recordset()
        visits = self.Visit.search([("rule_id", "=", rule.id)])
        self.assertEqual(sorted(visits.partner_id.ids), sorted(partners.ids))
        self.assertEqual(len(visits), 5)
        self.assertGreaterEqual(runs, 3, "the budget cut the job into several runs")
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.assertEqual(self.Visit.search_count([("rule_id", "=", rule.id)]), 5)

    def test_next_periodic_date_follows_the_visits(self):
        tier = self.env.ref("revisit_management.revisit_tier_high")
        today = self.company._revisit_today()
        customer = self.env["res.partner"].create(
            {"name": "Tiered", "phone": "1", "revisit_tier_id": tier.id}
        )
        self.assertEqual(customer.revisit_periodic_due, today)
        visit = self.visit(partner_id=customer.id, scheduled_date=today)
        self.assertFalse(customer.revisit_periodic_due, "an open visit: nothing due")
        visit.satisfaction = 5
        visit.action_done()
        self.assertEqual(
            customer.revisit_periodic_due,
            today + relativedelta(months=tier.interval_months),
        )


class TestTextsInTheCompanyLanguage(RevisitCase):
    def test_generated_texts_are_chinese_for_a_chinese_company(self):
        """Purposes, schedule notes and activity summaries are written in the
        language of the company's users, whoever (or whatever job) creates the
        visits."""
        use_chinese(self.env, self.env["res.users"])
        self.company.partner_id.lang = "zh_CN"
        self.customer.write(
            {
                "revisit_dnd_until": self.monday + timedelta(days=1),
                "revisit_user_id": self.staff.id,
            }
        )
        visit = self.event("discharge").visit_ids
        step = self.rule("discharge").step_ids
        self.assertEqual(visit.purpose, step.with_context(lang="zh_CN").name)
        self.assertNotEqual(visit.purpose, step.with_context(lang="en_US").name)
        self.assertTrue(visit.schedule_note)
        self.assertFalse(
            re.search("[A-Za-z]{3,}", visit.schedule_note),
            f"English in the note: {visit.schedule_note}",
        )
        summary = visit.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ACTIVITY_TYPE)
        ).summary
        self.assertFalse(re.search("[A-Za-z]{3,}", summary), summary)


class TestConfidentialCustomersInTheEngine(RevisitCase):
    """Assignment, reminders and escalation reach only people who may read the
    visit."""

    def test_top_secret_visits_go_only_to_who_may_read_them(self):
        self.customer.write(
            {
                "revisit_confidentiality": "top_secret",
                "revisit_department_id": self.department.id,
            }
        )
        visit = self.event("discharge").visit_ids
        self.assertEqual(visit.department_id, self.department)
        self.assertFalse(visit.user_id, "no staff member may read a top secret file")
        self.customer.revisit_user_id = self.staff2
        owned = self.event("consultation").visit_ids
        self.assertEqual(owned.user_id, self.staff2)
        self.assertTrue(owned.with_user(self.staff2).has_access("read"))

    def test_escalation_only_to_a_manager_who_may_read(self):
        self.customer.write(
            {"revisit_confidentiality": "top_secret", "revisit_user_id": self.staff.id}
        )
        today = self.company._revisit_today()
        visit = self.visit(
            scheduled_date=today - timedelta(days=10),
            department_id=self.department.id,
        )
        self.assertFalse(visit.with_user(self.head).has_access("read"))
        overdue_type = self.env.ref(
            "revisit_management.mail_activity_type_revisit_overdue"
        )
        self.env["revisit.reminder.manager"]._escalate(visit, today)
        self.assertFalse(
            visit.activity_ids.filtered(lambda a: a.activity_type_id == overdue_type)
        )
        self.assertEqual(visit.escalation_date, today)
        self.customer.revisit_confidentiality = "normal"
        other = self.visit(
            scheduled_date=today - timedelta(days=10),
            department_id=self.department.id,
        )
        self.env["revisit.reminder.manager"]._escalate(other, today)
        escalation = other.activity_ids.filtered(
            lambda a: a.activity_type_id == overdue_type
        )
        self.assertEqual(escalation.user_id, self.head)
