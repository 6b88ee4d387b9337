from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.addons.sms.tools.sms_api import SmsApiBase
from odoo.tests import Form, tagged

from .common import RevisitCase


class UnreachableGateway(SmsApiBase):
    """An SMS provider whose server cannot be reached."""

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        raise ConnectionError("gateway unreachable")


@tagged("post_install", "-at_install")
class TestVisitJourneys(RevisitCase):
    """What the staff and the customers meet on their way through a visit."""

    # ------------------------------------------------------------------
    # The staff's day
    # ------------------------------------------------------------------

    def test_my_day_is_the_first_entry_of_the_revisits_menu(self):
        parent = self.env.ref("revisit_management.revisit_menu_visits")
        menus = (
            self.env["ir.ui.menu"]
            .with_user(self.staff)
            .search([("parent_id", "=", parent.id)])
        )
        self.assertEqual(
            menus[0], self.env.ref("revisit_management.revisit_visit_menu_my_day")
        )
        action = self.env.ref("revisit_management.revisit_visit_action_my_day")
        self.assertEqual(menus[0].action, action)
        self.assertEqual(action.path, "my-day")
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        # one column of cards: the day's kanban is not grouped by status
        kanban = self.env["revisit.visit"].get_view(
            action.view_ids[0].view_id.id, "kanban"
        )["arch"]
        self.assertNotIn("default_group_by", kanban)
        self.assertIn("o_revisit_my_day", kanban)

    # ------------------------------------------------------------------
    # The satisfaction questionnaire
    # ------------------------------------------------------------------

    def test_shipped_questionnaire_is_no_quiz(self):
        survey = self.env.ref("revisit_management.revisit_survey_satisfaction")
        self.assertEqual(survey.scoring_type, "no_scoring")
        self.assertFalse(survey.certification)
        self.assertTrue(survey.is_attempts_limited)
        self.assertEqual(survey.attempts_limit, 1)
        self.assertIn("o_revisit_survey_thanks", survey.description_done)
        # the customer's answer leaves no attempt to retry
        visit = self.visit(method="email")
        visit.action_send_survey()
        answer = visit.survey_user_input_id
        self.assertTrue(answer.invite_token)
        self.assertTrue(
            survey._has_attempts_left(
                answer.partner_id, answer.email, answer.invite_token
            )
        )
        self.answer_survey(visit, 4, "The nurse was kind")
        self.assertFalse(
            survey._has_attempts_left(
                answer.partner_id, answer.email, answer.invite_token
            )
        )
        # a later visit's questionnaire to the same customer is a new link
        later = self.visit(
            method="email", scheduled_date=self.monday + timedelta(days=30)
        )
        later.action_send_survey()
        other = later.survey_user_input_id
        self.assertTrue(
            survey._has_attempts_left(other.partner_id, other.email, other.invite_token)
        )

    def test_written_answer_is_the_visit_feedback(self):
        visit = self.visit(method="email")
        visit.action_send_survey()
        self.answer_survey(visit, 2, "  The waiting room was cold.  ")
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.satisfaction, 2)
        self.assertEqual(visit.feedback, "The waiting room was cold.")

    def test_no_written_answer_keeps_the_feedback(self):
        visit = self.visit(method="email", feedback="Asked for a callback")
        visit.action_send_survey()
        self.answer_survey(visit, 5)
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.feedback, "Asked for a callback")

    # ------------------------------------------------------------------
    # Appointments
    # ------------------------------------------------------------------

    def _appoint(self, visit, **values):
        form = Form(
            self.env["revisit.visit.appoint"]
            .with_user(self.staff)
            .with_context(default_visit_id=visit.id)
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form.save().action_appoint()

    def test_onsite_appointment_event_says_where_and_why(self):
        self.customer.write(
            {
                "tz": "Asia/Shanghai",
                "street": "88 Renmin Road",
                "city": "Hangzhou",
                "zip": "310000",
            }
        )
        visit = self.visit(method="onsite", purpose="Check the new hearing aid")
        self._appoint(visit, appointment_datetime=datetime(2030, 1, 7, 2, 0))
        event = visit.calendar_event_id
        self.assertEqual(visit.state, "appointed")
        self.assertIn("88 Renmin Road", event.location)
        self.assertIn("Hangzhou", event.location)
        self.assertIn("Check the new hearing aid", event.description)
        self.assertEqual(event.start, datetime(2030, 1, 7, 2, 0))
        # the visits' calendar shows it at its time, with the customer and place
        self.assertFalse(visit.calendar_all_day)
        self.assertEqual(visit.calendar_start, datetime(2030, 1, 7, 2, 0))
        self.assertIn("Wang Fang", visit.calendar_title)
        self.assertIn("88 Renmin Road", visit.calendar_title)

    def test_phone_appointment_event_has_the_number(self):
        self.customer.write({"tz": "Asia/Shanghai", "phone": "+86 138 0013 8123"})
        visit = self.visit(method="phone")
        self._appoint(visit, appointment_datetime=datetime(2030, 1, 7, 3, 0))
        self.assertEqual(visit.calendar_event_id.location, "+86 138 0013 8123")

    def test_agreed_place_wins_over_the_address(self):
        self.customer.write({"tz": "Asia/Shanghai", "street": "88 Renmin Road"})
        visit = self.visit(method="onsite")
        self._appoint(
            visit,
            appointment_datetime=datetime(2030, 1, 7, 2, 0),
            appointment_place="Community clinic, room 3",
        )
        self.assertEqual(visit.appointment_place, "Community clinic, room 3")
        self.assertEqual(visit.calendar_event_id.location, "Community clinic, room 3")

    @freeze_time("2030-01-03 01:00:00")
    def test_appointment_proposes_an_hour_of_the_contact_hours(self):
        self.customer.write(
            {"tz": "Asia/Shanghai", "revisit_contact_hours": "weekdays 14:30-16:00"}
        )
        visit = self.visit(method="phone")
        form = Form(
            self.env["revisit.visit.appoint"]
            .with_user(self.staff)
            .with_context(default_visit_id=visit.id)
        )
        # 14:30 in Shanghai on the scheduled day
        self.assertEqual(form.appointment_datetime, datetime(2030, 1, 7, 6, 30))
        self.customer.write(
            {
                "revisit_contact_hours": False,
                "revisit_dnd_from": 9,
                "revisit_dnd_to": 12,
            }
        )
        self.assertEqual(
            self.env["revisit.visit.appoint"]._default_appointment_datetime(visit),
            datetime(2030, 1, 7, 4, 0),
        )

    def test_unplanned_visit_is_all_day_on_the_calendar(self):
        visit = self.visit(method="phone")
        self.assertTrue(visit.calendar_all_day)
        self.assertEqual(visit.calendar_start.date(), self.monday)

    # ------------------------------------------------------------------
    # Plans
    # ------------------------------------------------------------------

    def _approved_plan(self, name, *lines):
        """The department's plan ``name`` over 60 days from Monday, of
        ``lines`` (customer, day), submitted and approved by the head."""
        plan = self.env["revisit.plan"].create(
            {
                "name": name,
                "date_from": self.monday,
                "date_to": self.monday + timedelta(days=60),
                "department_id": self.department.id,
                "line_ids": [
                    Command.create({"partner_id": partner.id, "scheduled_date": day})
                    for partner, day in lines
                ],
            }
        )
        plan.action_submit()
        plan.with_user(self.head).action_approve()
        return plan

    def test_plan_line_shows_the_day_its_visit_got_and_why(self):
        self.customer.revisit_dnd_until = self.monday + timedelta(days=4)
        other = self.env["res.partner"].create({"name": "Li Ming"})
        plan = self._approved_plan(
            "Winter plan",
            (self.customer, self.monday),
            (other, self.monday),
        )
        moved = plan.line_ids.filtered(lambda line: line.partner_id == self.customer)
        kept = plan.line_ids - moved
        self.assertEqual(moved.scheduled_date, self.monday)
        self.assertEqual(moved.visit_date, self.monday + timedelta(days=5))
        self.assertEqual(moved.visit_date, moved.visit_id.scheduled_date)
        self.assertIn("do not disturb", moved.schedule_note)
        self.assertEqual(kept.visit_date, self.monday)
        self.assertFalse(kept.schedule_note)

    def test_plan_calendar_shows_every_visit(self):
        plan = self._approved_plan(
            "Two months",
            (self.customer, self.monday),
            (self.customer, self.monday + timedelta(days=40)),
        )
        action = plan.action_view_visits()
        self.assertEqual(action["context"]["initial_date"][:10], str(self.monday))
        # two months: the list of all the visits first, then the calendar
        self.assertEqual(action["views"][0][1], "list")
        self.assertIn("calendar", [kind for _view, kind in action["views"]])
        self.assertEqual(
            self.env["revisit.visit"].search(action["domain"]), plan.visit_ids
        )

    # ------------------------------------------------------------------
    # SMS failures and closing from the card
    # ------------------------------------------------------------------

    def _sms_visit(self, phone):
        self.customer.write({"phone": phone, "country_id": self.env.ref("base.cn").id})
        return self.visit(method="sms", scheduled_date=self.company._revisit_today())

    def _sms_warnings(self, visit):
        return visit.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("mail.mail_activity_data_warning")
            )
        )

    def test_failed_sms_gives_the_assignee_an_activity(self):
        visit = self._sms_visit("+86 138 0013 8001")
        visit.action_send_survey()
        self.assertFalse(self._sms_warnings(visit))
        sms = self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        sms.with_context(sms_api=UnreachableGateway(self.env))._send()
        self.assertEqual(sms.state, "error")
        warning = self._sms_warnings(visit)
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.user_id, self.staff)
        self.assertIn("+86 138 0013 8001", str(warning.note))
        # failing again does not pile up activities
        sms.action_set_outgoing()
        sms.with_context(sms_api=UnreachableGateway(self.env))._send()
        self.assertEqual(len(self._sms_warnings(visit)), 1)

    def test_failed_notice_sms_warns_the_assignee(self):
        visit = self._sms_visit("+86 138 0013 8002")
        self.env["revisit.reminder.manager"]._send_notice_sms(visit)
        sms = self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        sms.with_context(sms_api=UnreachableGateway(self.env))._send()
        self.assertEqual(sms.state, "error")
        self.assertEqual(self._sms_warnings(visit).user_id, self.staff)

    def test_closing_from_the_card_says_where_the_visit_went(self):
        visit = self.visit(method="phone")
        wizard = (
            self.env["revisit.visit.done"]
            .with_user(self.staff)
            .create({"visit_id": visit.id, "satisfaction": "4"})
        )
        action = wizard.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(visit.name, action["params"]["message"])
        self.assertEqual(
            action["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        other = self.visit(
            method="phone", scheduled_date=self.monday + timedelta(days=20)
        )
        wizard = (
            self.env["revisit.visit.done"]
            .with_user(self.staff)
            .create({"visit_id": other.id})
        )
        action = wizard.action_unreachable()
        self.assertEqual(other.state, "unreachable")
        self.assertIn(other.name, action["params"]["message"])
