from datetime import timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.addons.revisit_management.models.revisit_planner import RevisitPlanner
from odoo.addons.revisit_management.models.revisit_reminder_manager import (
    RevisitReminderManager,
)
from odoo.tools import mute_logger

from .common import RevisitCase, use_chinese


class TestCron(RevisitCase):
    def setUp(self):
        super().setUp()
        self.today = self.company._revisit_today()
        self.high = self.env.ref("revisit_management.revisit_tier_high")

    def test_periodic_visits_by_tier(self):
        Partner = self.env["res.partner"]
        new = Partner.create(
            {"name": "Never visited", "revisit_tier_id": self.high.id, "phone": "1"}
        )
        recent = Partner.create(
            {"name": "Recent", "revisit_tier_id": self.high.id, "phone": "1"}
        )
        old = Partner.create(
            {"name": "Long ago", "revisit_tier_id": self.high.id, "phone": "1"}
        )
        busy = Partner.create(
            {"name": "Busy", "revisit_tier_id": self.high.id, "phone": "1"}
        )
        untiered = Partner.create({"name": "No tier", "phone": "1"})
        unreachable = Partner.create(
            {"name": "No contact", "revisit_tier_id": self.high.id}
        )
        for partner, months in ((recent, 2), (old, 4)):
            visit = self.visit(
                partner_id=partner.id,
                satisfaction=5,
                scheduled_date=self.today - relativedelta(months=months),
            )
            visit.action_done()
            visit.done_date = self.today - relativedelta(months=months)
        self.visit(partner_id=busy.id, scheduled_date=self.today + timedelta(days=3))
        self.rule("periodic").department_id = self.department
        self.run_cron("ir_cron_revisit_generate")
        periodic = self.Visit.search([("rule_id", "=", self.rule("periodic").id)])
        self.assertIn(new, periodic.partner_id)
        self.assertIn(old, periodic.partner_id)
        self.assertNotIn(recent, periodic.partner_id)
        self.assertNotIn(busy, periodic.partner_id)
        self.assertNotIn(untiered, periodic.partner_id)
        self.assertNotIn(unreachable, periodic.partner_id)
        old_visit = periodic.filtered(lambda v: v.partner_id == old)
        self.assertEqual(old_visit.period_start, self.today - relativedelta(months=1))
        self.assertEqual(old_visit.department_id, self.department)
        self.assertTrue(old_visit.activity_ids)
        count = self.Visit.search_count([])
        self.run_cron("ir_cron_revisit_generate")
        self.assertEqual(self.Visit.search_count([]), count)

    def test_periodic_batch_survives_a_bad_customer(self):
        """A batch failing falls back to one customer at a time: the bad one is
        logged and skipped, the others get their visit."""
        Partner = self.env["res.partner"]
        good = Partner.create(
            {"name": "Good", "revisit_tier_id": self.high.id, "phone": "1"}
        )
        bad = Partner.create(
            {"name": "Bad", "revisit_tier_id": self.high.id, "phone": "1"}
        )
        original = RevisitPlanner._create

        def create(model, vals_list):
            if any(vals["partner_id"] == bad.id for vals in vals_list):
                raise ValueError("broken customer")
            return original(model, vals_list)

        with (
            patch.object(RevisitPlanner, "_create", create),
            mute_logger("odoo.addons.revisit_management.models.revisit_cron"),
        ):
            self.run_cron("ir_cron_revisit_generate")
        self.assertTrue(good.revisit_visit_ids)
        self.assertFalse(bad.revisit_visit_ids)

    def test_remind_today_and_tomorrow_once(self):
        due = self.visit(scheduled_date=self.today)
        tomorrow = self.visit(
            scheduled_date=self.today + timedelta(days=1), user_id=self.staff2.id
        )
        later = self.visit(scheduled_date=self.today + timedelta(days=5))
        self.run_cron("ir_cron_revisit_remind")
        self.assertEqual(due.reminder_date, self.today)
        self.assertEqual(tomorrow.reminder_date, self.today)
        self.assertFalse(later.reminder_date)
        mails = self._reminders(self.staff | self.staff2)
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails.recipient_ids, (self.staff | self.staff2).partner_id)
        self.assertIn(due.name, self._reminders(self.staff).body_html)
        self.assertIn(tomorrow.name, self._reminders(self.staff2).body_html)
        self.run_cron("ir_cron_revisit_remind")
        self.assertEqual(len(self._reminders(self.staff | self.staff2)), 2)

    def _reminders(self, users):
        return self.env["mail.mail"].search(
            [("model", "=", "res.users"), ("res_id", "in", users.ids)]
        )

    def test_remind_one_mail_per_assignee(self):
        """However many visits are due, the assignee gets one e-mail listing
        them all, and an activity on each."""
        self.env["ir.config_parameter"].sudo().set_param(
            "revisit_management.cron_batch_size", 2
        )
        visits = self.visit(scheduled_date=self.today)
        visits |= self.visit(scheduled_date=self.today)
        visits |= self.visit(scheduled_date=self.today + timedelta(days=1))
        self.run_cron("ir_cron_revisit_remind")
        mail = self._reminders(self.staff)
        self.assertEqual(len(mail), 1)
        for visit in visits:
            self.assertIn(visit.name, mail.body_html)
            self.assertEqual(visit.reminder_date, self.today)
            self.assertEqual(len(visit.activity_ids), 1)

    def test_remind_in_the_assignees_language(self):
        """One batch, two languages: each assignee reads their e-mail in theirs."""
        self.staff.lang = "en_US"
        use_chinese(self.env, self.staff2)
        mine = self.visit(scheduled_date=self.today)
        theirs = self.visit(scheduled_date=self.today, user_id=self.staff2.id)
        self.run_cron("ir_cron_revisit_remind")
        english = self._reminders(self.staff)
        chinese = self._reminders(self.staff2)
        self.assertIn("Your revisits due today and tomorrow", english.body_html)
        self.assertIn(mine.name, english.body_html)
        self.assertNotIn(theirs.name, english.body_html)
        self.assertIn("您今天和明天到期的回访", chinese.body_html)
        self.assertIn(theirs.name, chinese.body_html)
        self.assertNotIn(mine.name, chinese.body_html)

    def test_remind_skips_a_failing_visit(self):
        first = self.visit(scheduled_date=self.today)
        second = self.visit(scheduled_date=self.today, user_id=self.staff2.id)
        original = RevisitReminderManager._remind_assignees

        def remind(manager, visits, template, today):
            if first in visits:
                raise ValueError("mail server down")
            return original(manager, visits, template, today)

        with (
            patch.object(RevisitReminderManager, "_remind_assignees", remind),
            mute_logger("odoo.addons.revisit_management.models.revisit_cron"),
        ):
            self.run_cron("ir_cron_revisit_remind")
        self.assertFalse(first.reminder_date)
        self.assertEqual(second.reminder_date, self.today)

    def test_escalate_overdue_once(self):
        overdue = self.visit(
            scheduled_date=self.today - timedelta(days=10),
            department_id=self.department.id,
        )
        on_time = self.visit(
            scheduled_date=self.today, department_id=self.department.id
        )
        self.assertTrue(overdue.is_overdue)
        self.assertIn(overdue, self.Visit.search([("is_overdue", "=", True)]))
        self.assertNotIn(on_time, self.Visit.search([("is_overdue", "=", True)]))
        self.assertIn(on_time, self.Visit.search([("is_overdue", "=", False)]))
        overdue_type = self.env.ref(
            "revisit_management.mail_activity_type_revisit_overdue"
        )
        self.run_cron("ir_cron_revisit_escalate")
        escalation = overdue.activity_ids.filtered(
            lambda a: a.activity_type_id == overdue_type
        )
        self.assertEqual(escalation.user_id, self.head)
        self.assertEqual(overdue.escalation_date, self.today)
        self.assertFalse(on_time.escalation_date)
        self.run_cron("ir_cron_revisit_escalate")
        self.assertEqual(
            len(
                overdue.activity_ids.filtered(
                    lambda a: a.activity_type_id == overdue_type
                )
            ),
            1,
        )
