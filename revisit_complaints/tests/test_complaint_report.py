from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintReport(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Estate B"})
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids)
        )
        cls.team.company_id = cls.company
        cls.team_b = cls.team.copy({"company_id": cls.company.id, "name": "Desk B"})
        cls.customer.company_id = False
        # the figures are the report company's calendar days
        cls.today = cls.company._revisit_today()

    def _complaint(self, partner, hours_old, **values):
        ticket = self._create_complaint(
            partner_id=partner.id, team_id=self.team_b.id, **values
        )
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(hours=hours_old), ticket.id),
        )
        ticket.invalidate_recordset(["create_date"])
        return ticket

    def test_statistics(self):
        self.rule.copy({"company_id": self.company.id, "sample_rate": 100})
        partners = self.env["res.partner"].create(
            [{"name": f"Resident {n}", "company_id": self.company.id} for n in range(4)]
        )
        first = self._complaint(partners[0], 10)
        self._judge_valid(first)
        first.message_post(
            body="We are on it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        first.stage_id = self.stage_done
        repeat = self._complaint(partners[0], 5, name="Lift broken", category_id=False)
        invalid = self._complaint(
            partners[1],
            4,
            complaint_validity="invalid",
            invalid_reason="Outside our estate.",
            complaint_severity="important",
        )
        invalid.stage_id = self.stage_done
        duplicate = self._complaint(partners[0], 1, duplicate_of_id=repeat.id)
        self.assertTrue(duplicate)

        stats = self.env["revisit.complaint.report"]._complaint_statistics(
            self.today - timedelta(days=1), self.today
        )
        self.assertEqual(stats["complaint_count"], 3, "the duplicate counts once")
        self.assertAlmostEqual(stats["handling_rate"], 200 / 3, places=2)
        self.assertEqual(stats["valid_rate"], 50.0)
        self.assertEqual(stats["valid_customer_count"], 1)
        self.assertEqual(stats["valid_customer_share"], 100.0 / stats["customer_count"])
        self.assertGreaterEqual(stats["customer_count"], 4)
        self.assertEqual(stats["repeat_count"], 1)
        self.assertAlmostEqual(stats["reply_hours"], 7.0, delta=0.1)
        self.assertEqual(stats["revisit_rate_by_severity"]["general"], 0.0)
        first.revisit_visit_ids.write({"satisfaction": 5})
        first.revisit_visit_ids.action_done()
        stats = self.env["revisit.complaint.report"]._complaint_statistics(
            self.today - timedelta(days=1), self.today
        )
        self.assertEqual(stats["revisit_rate_by_severity"]["general"], 100.0)

    def test_screens_show_the_complaint(self):
        for view_type in ("pivot", "graph", "search"):
            self.env["revisit.complaint.report"].get_view(view_type=view_type)
        calendar = self.env["helpdesk.ticket"].get_view(view_type="calendar")["arch"]
        self.assertIn('date_start="promised_date"', calendar)
        kanban = self.env["helpdesk.ticket"].get_view(view_type="kanban")["arch"]
        for field in ("complaint_severity", "promised_date"):
            self.assertIn(f'name="{field}"', kanban)
        form = self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        self.assertIn('name="complaint"', form)
