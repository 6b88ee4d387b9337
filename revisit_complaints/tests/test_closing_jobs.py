from odoo.exceptions import UserError

from .common import ComplaintCommon


class TestClosingJobs(ComplaintCommon):
    """Other modules' scheduled actions that close tickets in bulk."""

    def test_a_scheduled_action_skips_a_complaint_that_cannot_close(self):
        cron = self.env["ir.cron"].search([], limit=1)
        unjudged = self._create_complaint()
        plain = self._create_complaint(is_complaint=False, name="Key copy")
        tickets = (unjudged | plain).with_context(cron_id=cron.id)
        with self.assertLogs(
            "odoo.addons.revisit_complaints.models.helpdesk_ticket", "WARNING"
        ) as logs:
            tickets.write({"stage_id": self.stage_done.id})
        self.assertIn(unjudged.display_name, logs.output[0])
        self.assertIn("judge the complaint", logs.output[0])
        self.assertEqual(plain.stage_id, self.stage_done)
        self.assertEqual(unjudged.stage_id, self.stage_new)

    def test_a_user_is_still_refused(self):
        unjudged = self._create_complaint()
        with self.assertRaises(UserError):
            unjudged.write({"stage_id": self.stage_done.id})
        self.assertEqual(unjudged.stage_id, self.stage_new)
