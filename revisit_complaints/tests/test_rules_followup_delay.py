from datetime import timedelta

from .common import ComplaintCommon


class TestComplaintFollowupDelay(ComplaintCommon):
    """M12 (seed 000, 2023年制度 2.2): the follow-up revisit's timing depends on
    the complaint's severity and content."""

    def _followup(self, **values):
        partner = self.customer.copy({"name": f"Owner {len(values)}"})
        ticket = self._create_complaint(partner_id=partner.id, **values)
        self._close_valid(ticket)
        return ticket.revisit_visit_ids

    def test_M12_complaint_revisit_timing_by_severity(self):
        self.rule.sample_rate = 100
        general = self._followup()
        important = self._followup(complaint_severity="important")
        major = self._followup(complaint_severity="major")
        self.assertEqual(general.deadline, self.today + timedelta(days=3))
        self.assertEqual(important.deadline, self.today + timedelta(days=2))
        self.assertEqual(major.deadline, self.today + timedelta(days=1))
        for visit in general | important | major:
            self.assertLessEqual(visit.scheduled_date, visit.deadline)
        # configurable per company
        self.env.company.complaint_followup_days_major = 0
        major = self._followup(complaint_severity="major")
        self.assertEqual(major.deadline, self.today)
        self.assertEqual(major.scheduled_date, self.today)

    def test_M12_complaint_revisit_timing_by_category(self):
        self.rule.sample_rate = 100
        self.category_leak.revisit_followup_days = 1
        leak = self._followup(category_id=self.category_leak.id)
        noise = self._followup()
        self.assertEqual(leak.deadline, self.today + timedelta(days=1))
        self.assertEqual(noise.deadline, self.today + timedelta(days=3))
