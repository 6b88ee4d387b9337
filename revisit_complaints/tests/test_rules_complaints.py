"""Rule-named tests of the complaint rules of the regulations (seeds 000, 002,
003, 004)."""

from datetime import date, timedelta

from odoo.addons.revisit_management.tests.common import trigger_cron, use_chinese
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestRulesComplaints(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {"revisit_tz": "Asia/Shanghai", "complaint_reply_days": 3}
        )
        cls.env.company.partner_id.lang = "en_US"
        cls.customer.lang = "en_US"
        # the company's day in its new time zone
        cls.today = cls.env.company._revisit_today()

    # ------------------------------------------------------------------
    # R093: the customer is told when the answer will come
    # ------------------------------------------------------------------

    def _promise_messages(self, ticket, partner):
        return ticket.message_ids.filtered(
            lambda m: (
                m.subtype_id == self.env.ref("mail.mt_comment")
                and partner in m.partner_ids
            )
        )

    def test_r093_intake_promises_a_date_and_emails_the_customer(self):
        today = self.env.company._revisit_today()
        ticket = self._create_complaint()
        self.assertEqual(ticket.promised_date, today + timedelta(days=3))
        messages = self._promise_messages(ticket, self.customer)
        self.assertEqual(len(messages), 1)
        self.assertIn(ticket.number, messages.subject)
        self.assertIn("You will have our answer by", messages.body)
        self.assertTrue(
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", messages.id)])
            or messages.notification_ids
        )
        # telling the customer is not the first reply to the complaint
        self.assertFalse(ticket.first_reply_date)
        # a new date is told again; the date given at intake is kept
        given = self._create_complaint(
            name="Garage gate", promised_date=today + timedelta(days=10)
        )
        self.assertEqual(given.promised_date, today + timedelta(days=10))
        given.promised_date = today + timedelta(days=12)
        self.assertEqual(len(self._promise_messages(given, self.customer)), 2)

    def test_r093_customer_told_in_their_language(self):
        use_chinese(self.env, self.env["res.users"])
        chinese = self.env["res.partner"].create(
            {"name": "王先生", "email": "wang@example.com", "lang": "zh_CN"}
        )
        ticket = self._create_complaint(partner_id=chinese.id)
        message = self._promise_messages(ticket, chinese)
        self.assertEqual(len(message), 1)
        self.assertIn("投诉", message.subject)
        self.assertIn("答复", message.body)

    def test_r093_customer_without_email_gets_an_sms(self):
        texting = self.env["res.partner"].create(
            {"name": "Owner 5-0502", "phone": "+86 138 0013 8000"}
        )
        ticket = self._create_complaint(partner_id=texting.id)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", texting.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn(ticket.number, sms.body)
        silent = self.env["res.partner"].create({"name": "No contact"})
        ticket = self._create_complaint(partner_id=silent.id, name="Lift")
        self.assertIn("no e-mail or phone", ticket.message_ids[0].body)

    def test_r093_valid_complaint_requires_a_promised_date(self):
        ticket = self._create_complaint()
        ticket.promised_date = False  # still to judge: allowed
        with self.assertRaises(ValidationError):
            self._judge_valid(ticket)
        ticket.promised_date = self.env.company._revisit_today()
        self._judge_valid(ticket)
        with self.assertRaises(ValidationError):
            ticket.promised_date = False

    # ------------------------------------------------------------------
    # R103: same-day investigation
    # ------------------------------------------------------------------

    def _escalations(self, ticket):
        return ticket.activity_ids.filtered(
            lambda a: (
                a.user_id == self.head
                and a.activity_type_id
                == self.env.ref("mail.mail_activity_data_warning")
            )
        )

    def test_r103_investigation_due_the_same_company_day(self):
        with freeze_time("2030-01-07 15:30:00"):  # 23:30 in Shanghai
            ticket = self._create_complaint()
            judged = self._create_complaint(name="Broken lamp")
            judged.write(
                {"complaint_validity": "invalid", "invalid_reason": "Not ours."}
            )
            self.assertEqual(ticket.investigation_deadline, date(2030, 1, 7))
            trigger_cron(self, "revisit_complaints.ir_cron_complaint_investigation")
            self.assertFalse(ticket.investigation_escalated)
        # 00:10 the next day in Shanghai, still the 7th in UTC
        with freeze_time("2030-01-07 16:10:00"):
            trigger_cron(self, "revisit_complaints.ir_cron_complaint_investigation")
            self.assertTrue(ticket.investigation_escalated)
            self.assertEqual(len(self._escalations(ticket)), 1)
            self.assertIn("not investigated", ticket.message_ids[0].body)
            self.assertFalse(judged.investigation_escalated)
            trigger_cron(self, "revisit_complaints.ir_cron_complaint_investigation")
            self.assertEqual(len(self._escalations(ticket)), 1, "never twice")

    def test_r103_escalation_flag_only_through_the_cron(self):
        ticket = self._create_complaint()
        with self.assertRaises(UserError):
            ticket.with_user(self.assistant).investigation_escalated = True

    # ------------------------------------------------------------------
    # R107: corrective and preventive actions followed to their effect
    # ------------------------------------------------------------------

    def test_r107_actions_tracked_to_verified_effect(self):
        ticket = self._create_complaint()
        Action = self.env["revisit.complaint.action"].with_user(self.assistant)
        deadline = self.today + timedelta(days=5)
        corrective, preventive = Action.create(
            [
                {
                    "ticket_id": ticket.id,
                    "kind": "corrective",
                    "name": "Replace the pump mount",
                    "user_id": self.head.id,
                    "deadline": deadline,
                },
                {
                    "ticket_id": ticket.id,
                    "kind": "preventive",
                    "name": "Check mounts every quarter",
                    "user_id": self.head.id,
                    "deadline": deadline + timedelta(days=30),
                },
            ]
        )
        self.assertEqual(ticket.complaint_action_ids, corrective | preventive)
        todo = corrective.activity_ids
        self.assertEqual((todo.user_id, todo.date_deadline), (self.head, deadline))
        # the complaint does not close while an action is to do
        self._judge_valid(ticket)
        with self.assertRaisesRegex(UserError, "corrective and preventive actions"):
            ticket.stage_id = self.stage_done
        # outcomes only through the buttons
        with self.assertRaises(UserError):
            corrective.with_user(self.head).state = "verified"
        corrective.with_user(self.head).action_done()
        self.assertEqual(corrective.state, "done")
        self.assertEqual(corrective.done_date, self.env.company._revisit_today())
        # carried out: the effect is to be verified, not by its responsible
        # (the team's head) but by the company manager
        prompt = corrective.activity_ids
        self.assertEqual(prompt.user_id, self.manager)
        self.assertEqual(
            prompt.summary,
            ticket._revisit_env()._("Verify the effect of: %s", corrective.name),
        )
        with self.assertRaises(UserError):
            corrective.with_user(self.head).name = "Something else"
        preventive.with_user(self.head).action_done()
        self._reply(ticket)
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.closed)
        # the effect is verified by someone else, in writing
        with self.assertRaisesRegex(UserError, "verified"):
            corrective.with_user(self.assistant).action_verify()
        corrective.with_user(self.head).verification = "No noise for a month."
        with self.assertRaisesRegex(UserError, "someone else"):
            corrective.with_user(self.head).action_verify()
        corrective.with_user(self.assistant).action_verify()
        self.assertEqual(corrective.state, "verified")
        self.assertEqual(corrective.verified_by_id, self.assistant)
        with self.assertRaises(UserError):
            corrective.unlink()

    def test_r107_overdue_and_access(self):
        ticket = self._create_complaint()
        action = self.env["revisit.complaint.action"].create(
            {
                "ticket_id": ticket.id,
                "name": "Repaint the lobby",
                "user_id": self.assistant.id,
                "deadline": self.today - timedelta(days=1),
            }
        )
        self.assertTrue(action.is_overdue)
        action.with_user(self.assistant).action_cancel()
        self.assertFalse(action.is_overdue)
        outsider = new_test_user(
            self.env, login="cpl_outsider", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            action.with_user(outsider).read(["name"])

    # ------------------------------------------------------------------
    # R009: complaint closed, revisit within 3 days, whatever the interval
    # ------------------------------------------------------------------

    def test_r009_followup_within_three_days_despite_recent_visits(self):
        """投诉事情处理完毕后三天内进行回访: a visit two days earlier and a
        low-score visit the day before do not push the follow-up past the
        3rd day (the minimum interval is 7 days)."""
        self.rule.sample_rate = 100
        self.env.company.revisit_min_interval_days = 7
        user = self.assistant
        Visit = self.env["revisit.visit"]
        for days, score in ((2, 4), (1, 1)):
            visit = Visit.create(
                {
                    "partner_id": self.customer.id,
                    "user_id": user.id,
                    "scheduled_date": self.today - timedelta(days=days),
                    "deadline": self.today - timedelta(days=days),
                }
            )
            visit.write({"satisfaction": score})
            visit.action_done()
        ticket = self._create_complaint()
        self._close_valid(ticket)
        followup = ticket.revisit_visit_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.deadline, self.today + timedelta(days=3))
        self.assertLessEqual(followup.scheduled_date, followup.deadline)
        self.assertGreater(followup.scheduled_date, self.today)
