import base64
from datetime import timedelta

from odoo.exceptions import AccessError, UserError

from .common import RevisitCase, use_chinese

# a 1x1 PNG: a signature as the signature widget stores it
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
)


class TestRulesRecords(RevisitCase):
    """Visit records, notices, reports and promises of the regulations."""

    def setUp(self):
        super().setUp()
        self.today = self.company._revisit_today()
        self.Material = self.env["revisit.visit.material"]

    def activities(self, visit, user, xmlid):
        return visit.activity_ids.filtered(
            lambda a: a.user_id == user and a.activity_type_id == self.env.ref(xmlid)
        )

    # R043 -------------------------------------------------------------

    def test_r043_priority_from_key_customer_and_tier(self):
        Partner = self.env["res.partner"]
        high = self.env.ref("revisit_management.revisit_tier_high")
        low = self.env.ref("revisit_management.revisit_tier_low")
        key = Partner.create({"name": "Key", "revisit_key_customer": True})
        big = Partner.create({"name": "Big", "revisit_tier_id": high.id})
        ordinary = Partner.create({"name": "Ordinary", "revisit_tier_id": low.id})
        self.assertEqual(self.visit(partner_id=key.id).priority, "2")
        self.assertEqual(self.visit(partner_id=big.id).priority, "1")
        self.assertEqual(self.visit(partner_id=ordinary.id).priority, "0")
        # an explicit priority is kept
        self.assertEqual(self.visit(partner_id=key.id, priority="0").priority, "0")
        # generated visits too, through the planner
        visits = self.event("surgery", partner=key).visit_ids
        self.assertTrue(visits)
        self.assertEqual(set(visits.mapped("priority")), {"2"})

    # R047 / R052 -------------------------------------------------------

    def test_r047_rule_visits_notified_within_the_week(self):
        rule = self.rule("periodic")
        self.assertTrue(rule.notify_customers)
        far_customer = self.env["res.partner"].create(
            {"name": "Far", "email": "far@example.com"}
        )
        near = self.visit(rule_id=rule.id, scheduled_date=self.today + timedelta(5))
        far = self.visit(
            partner_id=far_customer.id,
            rule_id=rule.id,
            scheduled_date=self.today + timedelta(10),
        )
        self.run_cron("ir_cron_revisit_remind")
        self.assertEqual(near.customer_notified_date, self.today)
        self.assertFalse(far.customer_notified_date)
        mails = self.env["mail.mail"].search(
            [("model", "=", "revisit.visit"), ("res_id", "=", near.id)]
        )
        self.assertEqual(len(mails), 1)
        self.assertIn(self.customer, mails.recipient_ids)
        # resumable and idempotent: a second run sends nothing again
        self.run_cron("ir_cron_revisit_remind")
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("model", "=", "revisit.visit"), ("res_id", "=", near.id)]
            ),
            1,
        )

    def test_r047_rule_without_notice_not_notified(self):
        rule = self.rule("surgery")
        self.assertFalse(rule.notify_customers)
        visit = self.visit(rule_id=rule.id, scheduled_date=self.today + timedelta(2))
        self.run_cron("ir_cron_revisit_remind")
        self.assertFalse(visit.customer_notified_date)
        rule.notify_customers = True
        self.run_cron("ir_cron_revisit_remind")
        self.assertEqual(visit.customer_notified_date, self.today)

    def test_r052_notice_by_sms_in_the_customer_language(self):
        use_chinese(self.env, self.env["res.users"])
        customer = self.env["res.partner"].create(
            {
                "name": "Chen Jing",
                "phone": "+86 138 0013 8000",
                "email": "chen@example.com",
                "country_id": self.env.ref("base.cn").id,
                "lang": "zh_CN",
                "revisit_notify_channel": "sms",
            }
        )
        visit = self.visit(
            partner_id=customer.id,
            rule_id=self.rule("periodic").id,
            scheduled_date=self.today + timedelta(3),
        )
        self.run_cron("ir_cron_revisit_remind")
        sms = self.env["sms.sms"].search([("partner_id", "=", customer.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number.replace(" ", ""), "+8613800138000")
        self.assertIn(self.company.name, sms.body)
        self.assertNotIn("will contact you", sms.body)
        self.assertIn("回访", sms.body)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "revisit.visit"), ("res_id", "=", visit.id)]
            )
        )
        self.assertEqual(visit.customer_notified_date, self.today)

    def test_r052_sms_customer_without_phone_gets_email(self):
        self.customer.revisit_notify_channel = "sms"
        visit = self.visit(
            rule_id=self.rule("periodic").id, scheduled_date=self.today + timedelta(1)
        )
        self.run_cron("ir_cron_revisit_remind")
        self.assertFalse(
            self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        )
        self.assertTrue(
            self.env["mail.mail"].search(
                [("model", "=", "revisit.visit"), ("res_id", "=", visit.id)]
            )
        )

    # R051 --------------------------------------------------------------

    def _plan(self, frequency, days=80):
        return (
            self.env["revisit.plan"]
            .with_user(self.supervisor)
            .create(
                {
                    "name": "Owners",
                    "date_from": self.monday,
                    "date_to": self.monday + timedelta(days=days),
                    "department_id": self.department.id,
                    "frequency": frequency,
                    "method": "phone",
                    "content": "<p>Ask about the lift</p>",
                    "line_ids": [
                        (
                            0,
                            0,
                            {"partner_id": self.customer.id, "user_id": self.staff.id},
                        )
                    ],
                }
            )
            .with_env(self.env)
        )

    def _approve(self, plan):
        plan.action_submit()
        plan.with_user(self.head).action_approve()

    def test_r051_plan_frequency_gives_a_visit_per_occurrence(self):
        plan = self._plan("monthly")
        self._approve(plan)
        visits = plan.visit_ids.sorted("scheduled_date")
        self.assertEqual(len(visits), 3)
        self.assertEqual(
            visits.mapped("scheduled_date"),
            [self.monday, self.monday + timedelta(31), self.monday + timedelta(59)],
        )
        # each due before the next one, the last by the end of the plan
        self.assertEqual(visits[0].deadline, self.monday + timedelta(30))
        self.assertEqual(visits[-1].deadline, plan.date_to)
        self.assertEqual(plan.line_ids.visit_id, visits[0])
        self.assertEqual(set(visits.mapped("user_id")), {self.staff})

    def test_r051_plan_once_gives_one_visit(self):
        plan = self._plan("once")
        self.assertEqual(plan.frequency, "once")
        self._approve(plan)
        self.assertEqual(len(plan.visit_ids), 1)
        self.assertEqual(plan.visit_ids.deadline, plan.date_to)

    # R054 / R058 ---------------------------------------------------------

    def _record_html(self, visit):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "revisit_management.revisit_visit_report_record", visit.ids
        )
        return html.decode()

    def test_r054_record_prints_purpose_content_place_and_cost(self):
        plan = self._plan("once")
        self._approve(plan)
        visit = plan.visit_ids
        visit.write(
            {
                "purpose": "Lift safety check",
                "method": "onsite",
                "appointment_place": "Building 7, lobby",
                "cost": 42.5,
            }
        )
        html = self._record_html(visit)
        self.assertIn("Lift safety check", html)
        self.assertIn("Ask about the lift", html)
        self.assertIn("Building 7, lobby", html)
        self.assertIn("42.50", html)

    def test_r058_record_signed_by_staff_and_technical_staff(self):
        visit = self.visit(method="onsite", technical_user_id=self.staff2.id)
        visit.write({"signature": SIGNATURE, "satisfaction": 4})
        with self.assertRaisesRegex(UserError, "technical staff"):
            visit.action_done()
        visit.write({"technical_signature": SIGNATURE, "staff_signature": SIGNATURE})
        visit.action_done()
        self.assertEqual(visit.state, "done")
        html = self._record_html(visit)
        self.assertIn("o_revisit_technical_signature", html)
        self.assertIn(self.staff2.name, html)
        for alt in ("Signature", "Staff Signature", "Technical Staff Signature"):
            self.assertIn(f'alt="{alt}"', html)

    def test_r058_staff_signature_required_by_the_rule(self):
        rule = self.rule("periodic")
        rule.close_required_field_ids = self.env["ir.model.fields"]._get(
            "revisit.visit", "staff_signature"
        )
        visit = self.visit(rule_id=rule.id, satisfaction=5)
        with self.assertRaisesRegex(UserError, "Staff Signature"):
            visit.action_done()
        visit.staff_signature = SIGNATURE
        visit.action_done()
        self.assertEqual(visit.state, "done")

    # R055 --------------------------------------------------------------

    def test_r055_rule_requires_feedback_and_report_to_close(self):
        rule = self.rule("surgery")
        fields_ = self.env["ir.model.fields"]
        rule.close_required_field_ids = fields_._get(
            "revisit.visit", "feedback"
        ) | fields_._get("revisit.visit", "report")
        visit = self.visit(rule_id=rule.id)
        wizard = (
            self.env["revisit.visit.done"]
            .with_user(self.staff)
            .create({"visit_id": visit.id, "satisfaction": "4"})
        )
        self.assertIn("Feedback", wizard.required_fields)
        with self.assertRaises(UserError) as error:
            wizard.action_done()
        self.assertIn("Feedback", str(error.exception))
        self.assertIn("Visit Report", str(error.exception))
        self.assertEqual(visit.state, "todo")
        wizard.write({"feedback": "All fine", "report": "<p>Healing well</p>"})
        wizard.action_done()
        self.assertEqual(visit.state, "done")
        # a visit of a rule asking nothing more closes on its satisfaction
        other = self.visit(rule_id=self.rule("discharge").id, satisfaction=5)
        other.action_done()
        self.assertEqual(other.state, "done")

    def test_r055_error_is_translated(self):
        use_chinese(self.env, self.staff)
        rule = self.rule("surgery")
        rule.close_required_field_ids = self.env["ir.model.fields"]._get(
            "revisit.visit", "feedback"
        )
        visit = self.visit(rule_id=rule.id, satisfaction=3)
        with self.assertRaises(UserError) as error:
            visit.with_user(self.staff).with_context(lang="zh_CN").action_done()
        self.assertNotIn("cannot be closed", str(error.exception))

    # R059 --------------------------------------------------------------

    def _done(self, days_ago, **values):
        visit = self.visit(
            scheduled_date=self.today - timedelta(days_ago),
            department_id=self.department.id,
            satisfaction=5,
            **values,
        )
        visit.action_done()
        visit.done_date = self.today - timedelta(days_ago)
        return visit

    def test_r059_missing_report_reminded_then_escalated(self):
        todo = "mail.mail_activity_data_todo"
        warning = "mail.mail_activity_data_warning"
        yesterday = self._done(1)
        before = self._done(2)
        reported = self._done(2, report="<p>Done</p>")
        reported.action_submit_report()
        today = self._done(0)
        self.run_cron("ir_cron_revisit_report_reminder")
        # due today: the assignee is reminded, nobody escalated yet
        self.assertTrue(self.activities(yesterday, self.staff, todo))
        self.assertEqual(yesterday.report_reminder_date, self.today)
        self.assertFalse(self.activities(yesterday, self.head, warning))
        # a day late: the department manager is told
        self.assertTrue(self.activities(before, self.head, warning))
        self.assertEqual(before.report_escalation_date, self.today)
        for visit in (reported, today):
            self.assertFalse(visit.report_reminder_date)
            self.assertFalse(visit.activity_ids)
        # a second run adds nothing
        count = self.env["mail.activity"].search_count([])
        self.run_cron("ir_cron_revisit_report_reminder")
        self.assertEqual(self.env["mail.activity"].search_count([]), count)

    # R062 --------------------------------------------------------------

    def test_r062_materials_returned_or_kept_with_approval(self):
        visit = self._done(1, report="<p>Done</p>")
        brochure, sample = self.Material.with_user(self.staff).create(
            [
                {"visit_id": visit.id, "name": "Brochures", "quantity": 20},
                {"visit_id": visit.id, "name": "Test kit"},
            ]
        )
        self.assertTrue(visit.material_outstanding)
        with self.assertRaisesRegex(UserError, "material"):
            visit.with_user(self.staff).action_submit_report()
        brochure.with_user(self.staff).action_return()
        # said returned, not yet received: still out until a supervisor confirms
        self.assertEqual(brochure.state, "out")
        self.assertEqual(brochure.return_declared_date, self.today)
        with self.assertRaises(AccessError):
            brochure.with_user(self.staff).action_confirm_receipt()
        brochure.with_user(self.supervisor).action_confirm_receipt()
        self.assertEqual(brochure.state, "returned")
        self.assertEqual(brochure.return_date, self.today)
        self.assertEqual(brochure.receiver_id, self.supervisor)
        with self.assertRaises(AccessError):
            sample.with_user(self.staff).action_approve_keep()
        with self.assertRaises(UserError):
            sample.with_user(self.staff).write({"state": "kept"})
        sample.with_user(self.supervisor).action_approve_keep()
        self.assertEqual(sample.state, "kept")
        self.assertEqual(sample.approver_id, self.supervisor)
        self.assertFalse(visit.material_outstanding)
        visit.with_user(self.staff).action_submit_report()
        self.assertTrue(visit.report_date)
        with self.assertRaises(UserError):
            brochure.with_user(self.staff).unlink()

    def test_r062_materials_follow_the_visit_access(self):
        visit = self.visit()
        material = self.Material.create({"visit_id": visit.id, "name": "Gift"})
        self.assertFalse(
            self.Material.with_user(self.staff2).search([("id", "=", material.id)])
        )
        with self.assertRaises(AccessError):
            material.with_user(self.outsider).read(["name"])
        with self.assertRaises(AccessError):
            self.Material.with_user(self.staff2).create(
                {"visit_id": visit.id, "name": "Gift"}
            )

    # R072 --------------------------------------------------------------

    def test_r072_promised_reply_reminded_then_escalated(self):
        todo = "mail.mail_activity_data_todo"
        warning = "mail.mail_activity_data_warning"
        soon = self._done(
            0,
            pending_question="Is the warranty extended?",
            promised_date=self.today + timedelta(1),
        )
        later = self._done(0, promised_date=self.today + timedelta(5))
        late = self._done(0, promised_date=self.today - timedelta(1))
        self.run_cron("ir_cron_revisit_promise")
        self.assertTrue(soon.promise_reminded)
        reminder = self.activities(soon, self.staff, todo)
        self.assertEqual(reminder.date_deadline, soon.promised_date)
        self.assertIn("warranty", reminder.note)
        self.assertFalse(later.promise_reminded)
        self.assertTrue(late.promise_escalated)
        self.assertTrue(self.activities(late, self.head, warning))
        # answered: nothing more; a new promise is followed again
        late.with_user(self.staff).action_question_answered()
        self.assertEqual(late.question_answered_date, self.today)
        soon.promised_date = self.today + timedelta(2)
        self.assertFalse(soon.promise_reminded)
        with self.assertRaises(UserError):
            soon.with_user(self.staff).write({"promise_reminded": True})

    # R074 --------------------------------------------------------------

    def test_r074_followup_of_onsite_visit_by_phone(self):
        visit = self.visit(method="onsite", signature=SIGNATURE, satisfaction=2)
        visit.action_done()
        followup = visit.followup_visit_ids
        self.assertEqual(followup.method, "phone")
        # no signature needed on the phone follow-up
        followup.write({"satisfaction": 5})
        followup.action_done()
        self.assertEqual(followup.state, "done")
        self.assertTrue(followup.done_by_phone)

    def test_r074_followup_method_chosen_on_the_visit(self):
        visit = self.visit(method="phone", satisfaction=1)
        wizard = self.env["revisit.visit.done"].create(
            {"visit_id": visit.id, "satisfaction": "1", "followup_method": "onsite"}
        )
        wizard.action_done()
        self.assertEqual(visit.followup_visit_ids.method, "onsite")
        # the company may keep follow-ups on the original method
        self.company.revisit_followup_method = False
        other = self.visit(method="video", satisfaction=1)
        other.action_done()
        self.assertEqual(other.followup_visit_ids.method, "video")
        # a retry keeps the original method
        retried = self.visit(method="onsite")
        retried.action_unreachable()
        self.assertEqual(retried.followup_visit_ids.method, "onsite")

    # R076 --------------------------------------------------------------

    def test_r076_long_visit_warned_and_flagged(self):
        self.assertEqual(self.company.revisit_max_duration, 1.0)
        short = self.visit(duration=0.25, satisfaction=5)
        lengthy = self.visit(duration=2.0, satisfaction=5)
        self.assertFalse(short.duration_exceeded)
        self.assertTrue(lengthy.duration_exceeded)
        lengthy.action_done()
        self.assertIn("more than the", lengthy.message_ids[0].body)
        self.assertIn(lengthy, self.Visit.search([("duration_exceeded", "=", True)]))
        self.assertNotIn(short, self.Visit.search([("duration_exceeded", "=", True)]))
        self.assertIn(short, self.Visit.search([("duration_exceeded", "=", False)]))
        self.assertNotIn(
            lengthy, self.Visit.search([("duration_exceeded", "=", False)])
        )
        short.action_done()
        self.assertFalse(short.message_ids.filtered(lambda m: "more than" in m.body))
        warning = self.visit(duration=1.5)._onchange_duration_warning()
        self.assertIn("short", warning["warning"]["message"])
        self.assertFalse(short._onchange_duration_warning())
        self.company.revisit_max_duration = 0
        self.assertFalse(lengthy.duration_exceeded)
