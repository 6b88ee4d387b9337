"""Rule-named tests of the regulation's visit windows (seed 000)."""

from datetime import timedelta

from odoo.tests import tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestRulesWindows(RevisitCase):
    def test_r003_surgery_windows_3_7_30_days(self):
        """术后3天内、术后1周内、术后1个月内: the three surgery visits end on
        the 3rd, 7th and 30th day after surgery, and a visit done a day later
        is not on time."""
        surgery_day = self.monday
        visits = self.event("surgery", day=surgery_day).visit_ids.sorted(
            "scheduled_date"
        )
        self.assertEqual([(v.deadline - surgery_day).days for v in visits], [3, 7, 30])
        for visit in visits:
            self.assertGreater(visit.scheduled_date, surgery_day)
            self.assertLessEqual(visit.scheduled_date, visit.deadline)
        late, in_time = visits[0], visits[1]
        late.sudo().write(
            {"state": "done", "done_date": surgery_day + timedelta(days=4)}
        )
        in_time.sudo().write(
            {"state": "done", "done_date": surgery_day + timedelta(days=7)}
        )
        self.env.flush_all()
        report = self.env["revisit.visit.report"].search(
            [("visit_id", "in", (late | in_time).ids)]
        )
        on_time = {row.visit_id: row.on_time for row in report}
        self.assertEqual(on_time, {late: 0, in_time: 1})

    def test_r037_minimum_interval_keeps_the_three_day_window(self):
        """A consultation visit two days before surgery: the minimum interval
        (7 days) does not push the "within 3 days" visit out of its window."""
        surgery_day = self.monday + timedelta(days=20)
        self.visit(scheduled_date=surgery_day - timedelta(days=2))
        first = self.event("surgery", day=surgery_day).visit_ids.sorted(
            "scheduled_date"
        )[:1]
        self.assertEqual(first.deadline, surgery_day + timedelta(days=3))
        self.assertLessEqual(first.scheduled_date, first.deadline)
        self.assertIn("last day of its window", first.schedule_note)

    def test_r037_minimum_interval_keeps_the_consultation_window(self):
        """Consultation (within 3 days) the day after another visit."""
        self.visit(scheduled_date=self.monday - timedelta(days=1))
        visit = self.event("consultation").visit_ids
        self.assertEqual(visit.deadline, self.monday + timedelta(days=3))
        self.assertLessEqual(visit.scheduled_date, visit.deadline)
