import base64
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import RevisitCase

SIGNATURE = base64.b64encode(b"signed")


class TestVisitCompletion(RevisitCase):
    def test_done_needs_a_satisfaction_score(self):
        visit = self.visit()
        with self.assertRaisesRegex(UserError, "satisfaction"):
            visit.action_done()
        self.assertEqual(visit.state, "todo")
        self.assertFalse(visit.done_date)

    def test_satisfaction_is_between_1_and_5(self):
        visit = self.visit()
        for score in (6, -1):
            with self.assertRaises(ValidationError):
                visit.satisfaction = score
        with self.assertRaises(ValidationError):
            self.visit(satisfaction=9)

    def test_phone_visit_is_marked_phone(self):
        visit = self.visit(method="phone", satisfaction=5)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.done_by_phone)
        self.assertEqual(visit.done_date, visit.company_id._revisit_today())
        self.assertFalse(visit.followup_needed)
        self.assertFalse(visit.followup_visit_ids)
        self.assertFalse(visit.activity_ids)

    def test_onsite_visit_needs_the_signature(self):
        visit = self.visit(method="onsite", satisfaction=4)
        with self.assertRaisesRegex(UserError, "signature"):
            visit.action_done()
        visit.signature = SIGNATURE
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertFalse(visit.done_by_phone)

    def test_nothing_half_written_in_a_batch(self):
        good = self.visit(satisfaction=5)
        bad = self.visit(
            satisfaction=0, scheduled_date=self.monday + timedelta(days=30)
        )
        with self.assertRaises(UserError):
            (good | bad).action_done()
        self.assertEqual((good | bad).mapped("state"), ["todo", "todo"])

    def test_low_satisfaction_asks_for_a_followup(self):
        visit = self.event("surgery").visit_ids[0]
        visit.write({"satisfaction": 2, "user_id": self.staff.id})
        visit.with_user(self.staff).action_done()
        self.assertTrue(visit.followup_needed)
        followup = visit.followup_visit_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.parent_visit_id, visit)
        self.assertEqual(followup.partner_id, self.customer)
        self.assertEqual(followup.user_id, self.staff)
        self.assertEqual(
            followup.scheduled_date,
            visit.company_id._revisit_today()
            + timedelta(days=self.company.revisit_followup_days),
        )

    def test_problem_asks_for_a_followup(self):
        visit = self.visit(satisfaction=4, problem="The wound itches")
        visit.action_done()
        self.assertTrue(visit.followup_needed)
        self.assertTrue(visit.followup_visit_ids)
        self.assertEqual(self.customer.revisit_open_problem_count, 1)

    def test_unreachable_retries_then_gives_up(self):
        self.company.revisit_retry_count = 2
        visit = self.visit()
        attempts = visit
        for _attempt in range(2):
            attempts[-1].action_unreachable()
            retry = attempts[-1].followup_visit_ids
            self.assertEqual(len(retry), 1)
            self.assertEqual(retry.state, "todo")
            attempts |= retry
        self.assertEqual(attempts.mapped("retry_count"), [0, 1, 2])
        attempts[-1].action_unreachable()
        self.assertFalse(attempts[-1].followup_visit_ids)
        self.assertIn("no more retries", attempts[-1].message_ids[0].body)
        self.assertEqual(set(attempts.mapped("state")), {"unreachable"})

    def test_retry_count_is_configurable(self):
        self.company.revisit_retry_count = 0
        visit = self.visit()
        visit.action_unreachable()
        self.assertFalse(visit.followup_visit_ids)

    def test_closed_visit_cannot_close_again(self):
        visit = self.visit(satisfaction=5)
        visit.action_done()
        with self.assertRaises(UserError):
            visit.action_unreachable()
        with self.assertRaises(UserError):
            visit.action_cancel()

    def test_report_is_recorded_with_who_and_when(self):
        visit = self.visit(satisfaction=5)
        visit.action_done()
        with self.assertRaises(UserError):
            visit.with_user(self.staff).action_submit_report()
        visit.report = "<p>Customer recovering well.</p>"
        visit.with_user(self.staff).action_submit_report()
        self.assertEqual(visit.report_user_id, self.staff)
        self.assertTrue(visit.report_date)

    def test_only_supervisors_review(self):
        visit = self.visit(satisfaction=5)
        visit.action_done()
        with self.assertRaises(AccessError):
            visit.with_user(self.staff).write({"review_comment": "Fine by me"})
        with self.assertRaises(AccessError):
            visit.with_user(self.staff).action_review()
        visit.department_id = self.department
        visit.with_user(self.supervisor).review_comment = "Well documented."
        visit.with_user(self.supervisor).action_review()
        self.assertEqual(visit.reviewer_id, self.supervisor)
        self.assertTrue(visit.review_date)

    def test_staff_archive_but_do_not_delete(self):
        visit = self.visit()
        with self.assertRaises(AccessError):
            visit.with_user(self.staff).unlink()
        visit.with_user(self.staff).action_archive()
        self.assertFalse(visit.active)
        done = self.visit(satisfaction=5, scheduled_date=self.monday + timedelta(30))
        done.action_done()
        with self.assertRaises(UserError):
            done.with_user(self.manager).unlink()
        todo = self.visit(scheduled_date=self.monday + timedelta(60))
        todo.with_user(self.manager).unlink()
        self.assertFalse(todo.exists())

    def test_reset_to_do(self):
        visit = self.visit()
        visit.action_cancel()
        visit.action_reset_todo()
        self.assertEqual(visit.state, "todo")
        self.assertTrue(visit.activity_ids)
