"""Bad data in a batch is logged and skipped; the rest of the batch completes."""

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBadDataInBatches(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.department = env["hr.department"].create({"name": "Bad data desk"})
        cls.staff = new_test_user(
            env, "bad.staff", groups="revisit_management.group_revisit_user"
        )
        cls.departed = new_test_user(
            env, "bad.departed", groups="revisit_management.group_revisit_user"
        )
        env["hr.employee"].create(
            [
                {
                    "name": "Staff",
                    "user_id": cls.staff.id,
                    "department_id": cls.department.id,
                },
                {
                    "name": "Departed",
                    "user_id": cls.departed.id,
                    "department_id": cls.department.id,
                },
            ]
        )
        tier = env["revisit.tier"].search([], limit=1)
        contact = {"email": "customer@example.com", "phone": "+86 10 8888 0000"}
        base = {
            "revisit_tier_id": tier.id,
            "revisit_min_interval_days": 0,
            "revisit_department_id": cls.department.id,
        }
        cls.good = env["res.partner"].create(
            [
                dict(
                    base,
                    **contact,
                    name=f"Good customer {i}",
                    revisit_user_id=cls.staff.id,
                )
                for i in range(3)
            ]
        )
        cls.no_contact = env["res.partner"].create(
            dict(base, name="Customer without contact", revisit_user_id=cls.staff.id)
        )
        cls.orphan = env["res.partner"].create(
            dict(
                base,
                **contact,
                name="Customer of a departed owner",
                revisit_user_id=cls.departed.id,
            )
        )
        # the employee leaves: user and employee archived
        cls.departed.employee_ids.action_archive()
        cls.departed.action_archive()

    def _cron(self, *methods):
        Cron = self.env["ir.cron"].with_context(active_test=False)
        for method in methods:
            cron = Cron.search([("code", "ilike", f"model.{method}(")], limit=1)
            if cron:
                return cron
        self.fail(f"no scheduled action calls {' or '.join(methods)}")

    def _run(self, cron):
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()

    def _visits(self, partners):
        return (
            self.env["revisit.visit"]
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)])
        )

    def test_periodic_batch_skips_bad_customers(self):
        cron = self._cron("_cron_generate_periodic_visits")
        self._run(cron)
        self.assertEqual(
            self._visits(self.good).partner_id, self.good, "the batch did not complete"
        )
        # no contact at all: nobody can reach the customer, so no visit; the
        # customer stays out of the job's domain instead of failing each run
        self.assertFalse(self._visits(self.no_contact))
        self.assertTrue(self.no_contact.revisit_periodic_due)
        # a departed owner is never given work
        self.assertNotIn(self.departed, self._visits(self.orphan).user_id)

    def test_events_skip_archived_rule_and_deleted_survey(self):
        survey = self.env["survey.survey"].create({"title": "Soon deleted"})
        Rule = self.env["revisit.rule"]
        step = [(0, 0, {"name": "Day 1", "offset_days": 1, "window_days": 3})]
        active = Rule.create(
            {"name": "Active", "trigger": "project_done", "step_ids": step}
        )
        archived = Rule.create(
            {"name": "Archived", "trigger": "project_done", "step_ids": step}
        )
        archived.action_archive()
        online = Rule.create(
            {
                "name": "Online",
                "trigger": "project_done",
                "method": "survey",
                "survey_id": survey.id,
                "step_ids": step,
            }
        )
        survey.unlink()
        events = self.env["revisit.event"].create(
            [
                {"partner_id": partner.id, "trigger": "project_done"}
                for partner in self.good | self.orphan
            ]
        )
        visits = events.visit_ids
        self.assertFalse(visits.filtered(lambda v: v.rule_id == archived))
        self.assertEqual(
            visits.filtered(lambda v: v.rule_id == active).partner_id,
            self.good | self.orphan,
        )
        # the questionnaire is gone: the visits still exist, the link is the
        # default questionnaire's or none, and nothing crashed
        online_visits = visits.filtered(lambda v: v.rule_id == online)
        self.assertEqual(online_visits.partner_id, self.good | self.orphan)
        self.assertNotIn(self.departed, visits.user_id)

    def test_reminders_skip_departed_assignee(self):
        today = self.env.company._revisit_today()
        Visit = self.env["revisit.visit"]
        good = Visit.create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": self.staff.id,
                    "scheduled_date": today,
                }
                for partner in self.good
            ]
        )
        # a visit left to the departed employee (assigned before leaving)
        stale = Visit.create({"partner_id": self.orphan.id, "scheduled_date": today})
        self.env.cr.execute(
            "UPDATE revisit_visit SET user_id = %s WHERE id = %s",
            (self.departed.id, stale.id),
        )
        stale.invalidate_recordset()
        cron = self._cron("_cron_remind")
        self._run(cron)
        reminders = self.env["mail.mail"].search(
            [("model", "=", "res.users"), ("res_id", "=", self.staff.id)]
        )
        for visit in good:
            self.assertIn(
                visit.name,
                "".join(reminders.mapped("body_html")),
                "the rest of the batch got no reminder",
            )
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("user_id", "=", self.departed.id),
                    ("res_id", "=", stale.id),
                    ("res_model", "=", "revisit.visit"),
                ]
            ),
            "a departed employee was given a reminder activity",
        )
        mails = self.env["mail.mail"].search(
            [("model", "=", "res.users"), ("res_id", "=", self.departed.id)]
        )
        self.assertFalse(mails, "a departed employee was sent a reminder")
        mails = self.env["mail.mail"].search([("body_html", "ilike", stale.name)])
        self.assertNotIn(self.departed.partner_id, mails.recipient_ids)
        self.assertFalse(
            [m for m in mails if self.departed.email in (m.email_to or "")],
            "a departed employee was sent a reminder",
        )
