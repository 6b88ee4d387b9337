from datetime import datetime, timedelta

from odoo.exceptions import ValidationError

from .common import RevisitCase


class TestEngineSchedule(RevisitCase):
    def test_rest_days_move_the_visit_inside_its_window(self):
        """Discharge on Thursday, within 3 days: planned Friday; the customer
        rests on Fridays and at weekends... but Sunday ends the window."""
        self.customer.revisit_dnd_weekdays = "5"
        thursday = self.monday + timedelta(days=3)
        visit = self.event("discharge", day=thursday).visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=5))
        self.assertEqual(visit.deadline, thursday + timedelta(days=3))
        self.assertIn("rest day", visit.schedule_note)

    def test_no_allowed_day_keeps_the_deadline(self):
        """Discharge on Friday: the window is Saturday to Monday; resting from
        Saturday to Monday, the visit keeps Monday, the regulation's deadline,
        and says which wish could not be met."""
        self.customer.revisit_dnd_weekdays = "1,6,7"
        friday = self.monday + timedelta(days=4)
        visit = self.event("discharge", day=friday).visit_ids
        self.assertEqual(visit.scheduled_date, friday + timedelta(days=3))
        self.assertEqual(visit.deadline, friday + timedelta(days=3))
        self.assertIn("last day of its window", visit.schedule_note)
        self.assertIn("rest day", visit.schedule_note)

    def test_do_not_disturb_until(self):
        self.customer.revisit_dnd_until = self.monday + timedelta(days=1)
        visit = self.event("discharge").visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=2))
        self.assertIn("do not disturb", visit.schedule_note)
        self.customer.revisit_dnd_until = self.monday + timedelta(days=30)
        later = self.event("discharge", day=self.monday + timedelta(days=7))
        self.assertEqual(later.visit_ids.scheduled_date, later.visit_ids.deadline)
        self.assertIn("do not disturb", later.visit_ids.schedule_note)

    def test_minimum_interval_keeps_the_regulation_deadline(self):
        """A consultation visit two days before surgery: the "within 3 days of
        surgery" visit stays within 3 days (its deadline), noted; the visits of
        one event keep the rule's own spacing; surgery visits end at +3, +7 and
        +30 days as seed 000 says."""
        surgery_day = self.monday + timedelta(days=20)
        self.visit(scheduled_date=surgery_day - timedelta(days=2))
        surgery = self.event("surgery", day=surgery_day)
        self.assertEqual(
            sorted((v.deadline - surgery_day).days for v in surgery.visit_ids),
            [3, 7, 30],
        )
        first = surgery.visit_ids.sorted("scheduled_date")[0]
        self.assertEqual(first.scheduled_date, surgery_day + timedelta(days=3))
        self.assertIn("7 days", first.schedule_note)
        self.assertIn("last day of its window", first.schedule_note)
        self.assertEqual(self.offsets(surgery.visit_ids, surgery_day), [3, 5, 25])

    def test_rule_may_ignore_the_minimum_interval(self):
        self.rule("consultation").ignore_min_interval = True
        self.visit(scheduled_date=self.monday)
        visit = self.event("consultation").visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=1))
        self.assertFalse(visit.schedule_note)

    def test_minimum_interval_moves_inside_the_window(self):
        """Course end: within 7 days. An open visit 3 days before: the visit
        moves to the first day 7 days away from it, inside the window."""
        self.visit(scheduled_date=self.monday - timedelta(days=3))
        visit = self.event("course_end").visit_ids
        self.assertEqual(visit.scheduled_date, self.monday + timedelta(days=4))
        self.assertEqual(visit.deadline, self.monday + timedelta(days=7))
        self.assertIn("Moved from", visit.schedule_note)

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
