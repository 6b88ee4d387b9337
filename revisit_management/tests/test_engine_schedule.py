from datetime import datetime, timedelta

from odoo.exceptions import ValidationError

from .common import RevisitCase


class TestEngineSchedule(RevisitCase):
    def test_rest_days_move_the_visit(self):
        """Discharge on Friday: due Saturday, the customer rests at weekends."""
        self.customer.revisit_dnd_weekdays = "6,7"
        friday = self.monday + timedelta(days=4)
        visit = self.event("discharge", day=friday).visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=7))
        self.assertEqual(visit.deadline, visit.scheduled_date + timedelta(days=2))
        self.assertIn("rest day", visit.schedule_note)

    def test_do_not_disturb_until(self):
        self.customer.revisit_dnd_until = self.monday + timedelta(days=10)
        visit = self.event("discharge").visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=11))
        self.assertIn("do not disturb", visit.schedule_note)

    def test_minimum_interval_to_another_visit(self):
        """An open visit on Monday: a consultation visit due Tuesday waits until
        the customer's 7 days have passed; the visits of one event keep the
        rule's own spacing."""
        self.visit(scheduled_date=self.monday)
        visit = self.event("consultation").visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=7))
        self.assertIn("7 days", visit.schedule_note)
        surgery = self.event("surgery", day=self.monday + timedelta(days=20))
        self.assertEqual(self.offsets(surgery.visit_ids, self.monday), [23, 27, 50])
        self.assertFalse(any(surgery.visit_ids.mapped("schedule_note")))

    def test_minimum_interval_is_per_customer(self):
        self.customer.revisit_min_interval_days = 0
        self.visit(scheduled_date=self.monday)
        visit = self.event("consultation").visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=1))
        self.assertFalse(visit.schedule_note)
        self.assertEqual(
            self.env["res.partner"].create({"name": "New"}).revisit_min_interval_days,
            self.company.revisit_min_interval_days,
        )

    def test_cancelled_visits_do_not_block(self):
        self.visit(scheduled_date=self.monday).action_cancel()
        visit = self.event("consultation").visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=1))

    def test_rest_days_are_validated(self):
        with self.assertRaises(ValidationError):
            self.customer.revisit_dnd_weekdays = "8"
        with self.assertRaises(ValidationError):
            self.customer.revisit_dnd_weekdays = "1,2,3,4,5,6,7"

    def test_appointment_outside_dnd_hours(self):
        self.customer.write({"tz": "UTC", "revisit_dnd_from": 12, "revisit_dnd_to": 14})
        visit = self.visit()
        with self.assertRaises(ValidationError):
            visit.appointment_datetime = datetime(2030, 1, 7, 12, 30)
        visit.appointment_datetime = datetime(2030, 1, 7, 15, 0)
        visit.action_appoint()
        self.assertEqual(visit.state, "appointed")
        self.assertIn(self.customer, visit.calendar_event_id.partner_ids)
        self.assertEqual(visit.calendar_event_id.user_id, self.staff)


class TestEngineAssignment(RevisitCase):
    def assignee_activity(self, visit):
        activity = visit.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("revisit_management.mail_activity_type_revisit")
            )
        )
        return activity.user_id

    def test_revisit_owner_first(self):
        self.customer.revisit_user_id = self.staff2
        self.rule("surgery").department_id = self.department
        visits = self.event("surgery").visit_ids
        self.assertEqual(visits.user_id, self.staff2)
        for visit in visits:
            self.assertEqual(self.assignee_activity(visit), self.staff2)
            self.assertEqual(visit.activity_ids.date_deadline, visit.scheduled_date)

    def test_department_staff_by_load(self):
        """No owner: the department's revisit staff with the fewest open visits;
        employees who are not revisit staff get nothing."""
        self.rule("surgery").department_id = self.department
        self.visit(
            user_id=self.staff.id, scheduled_date=self.monday - timedelta(days=30)
        )
        self.visit(
            user_id=self.staff.id, scheduled_date=self.monday - timedelta(days=60)
        )
        self.visit(
            user_id=self.supervisor.id, scheduled_date=self.monday - timedelta(days=90)
        )
        visits = self.event("surgery").visit_ids
        self.assertNotIn(self.outsider, visits.user_id)
        self.assertNotIn(self.staff, visits.user_id)
        self.assertEqual(visits.department_id, self.department)
        counts = {
            user: self.Visit.search_count(
                [("user_id", "=", user.id), ("state", "=", "todo")]
            )
            for user in (self.staff, self.staff2, self.supervisor)
        }
        self.assertEqual(counts[self.staff2], 2)
        self.assertEqual(counts[self.supervisor], 2)
        for visit in visits:
            self.assertEqual(self.assignee_activity(visit), visit.user_id)

    def test_partner_department_when_rule_has_none(self):
        self.customer.revisit_department_id = self.department
        visit = self.event("discharge").visit_ids
        self.assertEqual(visit.department_id, self.department)
        self.assertIn(visit.user_id, self.staff | self.staff2 | self.supervisor)

    def test_reassignment_moves_the_activity(self):
        visit = self.visit()
        visit.user_id = self.staff2
        self.assertEqual(self.assignee_activity(visit), self.staff2)
