from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MONTH_START, RevisitAppraisalCommon


@tagged("post_install", "-at_install")
class TestWorkflow(RevisitAppraisalCommon):
    def test_compute_review_confirm_lock_reopen(self):
        appraisal = self._appraise(self.employee, MONTH_START, 95)
        self.assertEqual(appraisal.state, "reviewed")
        self.assertEqual(appraisal.reviewer_id, self.env.user)

        with self.assertRaises(AccessError):
            appraisal.with_user(self.supervisor_user).action_confirm()
        appraisal.with_user(self.hr_user).action_confirm()
        self.assertEqual(appraisal.state, "confirmed")
        self.assertEqual(appraisal.confirm_user_id, self.hr_user)
        bonus = appraisal.reward_line_ids
        self.assertEqual(bonus.state, "confirmed")

        # A confirmed appraisal cannot change, neither its scores nor its rewards.
        with self.assertRaisesRegex(UserError, "reopen"):
            appraisal.note = "changed"
        with self.assertRaises(UserError):
            appraisal.line_ids[0].score = 10
        with self.assertRaises(UserError):
            bonus.amount = 1000
        with self.assertRaises(UserError):
            appraisal.action_compute()
        with self.assertRaises(UserError):
            appraisal.unlink()

        appraisal.with_user(self.hr_user).action_lock()
        self.assertEqual(appraisal.state, "locked")
        with self.assertRaises(UserError):
            appraisal.write({"state": "draft"})
        with self.assertRaises(AccessError):
            appraisal.with_user(self.supervisor_user).action_reopen()

        appraisal.with_user(self.hr_user).action_reopen(reason="Visit count wrong")
        self.assertEqual(appraisal.state, "computed")
        self.assertEqual(bonus.state, "cancelled")
        self.assertIn("reopened", appraisal.message_ids[0].body)
        appraisal.note = "now it may change"
        appraisal.action_compute()
        appraisal.action_review()
        appraisal.with_user(self.hr_user).action_confirm()
        active = appraisal.reward_line_ids.filtered(lambda r: r.state != "cancelled")
        self.assertEqual(len(active), 1)

    def test_state_moves_only_through_the_buttons(self):
        appraisal = self._appraise(self.employee, MONTH_START, 95)
        with self.assertRaises(UserError):
            appraisal.write({"state": "confirmed"})
        with self.assertRaises(UserError):
            appraisal.action_lock()
        with self.assertRaises(UserError):
            appraisal.action_reopen()
        appraisal.action_confirm()
        with self.assertRaises(UserError):
            appraisal.action_review()
