from datetime import datetime, timedelta

from odoo.addons.revisit_complaints.tests.common import ComplaintCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestCloseInactive(ComplaintCommon):
    """OCA's inactive-ticket job closes what may close and leaves the rest."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.write(
            {
                "close_inactive_tickets": True,
                "ticket_stage_ids": [(6, 0, cls.stage_new.ids)],
                "closing_ticket_stage": cls.stage_done.id,
                "inactive_tickets_day_limit_warning": 7,
                "inactive_tickets_day_limit_closing": 14,
            }
        )
        cls.cron = cls.env.ref(
            "helpdesk_ticket_close_inactive.ir_cron_close_inactive_tickets"
        )

    def _inactive(self, ticket, days=20):
        ticket.stage_id = self.stage_new
        # After the stage: a new stage resets the date.
        ticket.last_stage_update = datetime.now() - timedelta(days=days)
        return ticket

    def _run_job(self):
        self.cron.write({"failure_count": 0, "active": True})
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.cron.invalidate_recordset()

    def test_unjudged_complaint_stays_open_and_the_job_succeeds(self):
        plain = self._inactive(self._create_complaint(is_complaint=False))
        unjudged = self._inactive(self._create_complaint(name="Gate broken"))
        judged = self._inactive(
            self._create_complaint(
                name="Lift noise",
                partner_id=self.env["res.partner"].create({"name": "Owner 5-501"}).id,
            )
        )
        self._judge_valid(judged)
        self._reply(judged)
        self._run_job()
        self.assertEqual(self.cron.failure_count, 0)
        self.assertTrue(self.cron.active)
        self.assertEqual(plain.stage_id, self.stage_done)
        self.assertEqual(judged.stage_id, self.stage_done)
        self.assertEqual(unjudged.stage_id, self.stage_new)
        self.assertNotIn(
            "closed automatically",
            " ".join(unjudged.message_ids.mapped("body")),
        )

    def test_no_warning_for_a_complaint_that_cannot_close(self):
        unjudged = self._inactive(self._create_complaint(), days=7)
        plain = self._inactive(self._create_complaint(is_complaint=False), days=7)
        result = (
            self.env["helpdesk.ticket.team"]
            .browse(self.team.id)
            .close_team_inactive_tickets()
        )
        mails = self.env["mail.mail"].browse(result["warning_email_ids"])
        self.assertEqual(mails.mapped("res_id"), plain.ids)
        self.assertNotIn(unjudged.id, mails.mapped("res_id"))
