from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestVisitDoneWizard(RevisitCase):
    """The outcome dialog of the kanban card."""

    def _wizard(self, visit, **values):
        return (
            self.env["revisit.visit.done"]
            .with_user(self.staff)
            .create({"visit_id": visit.id, **values})
        )

    def test_done_with_a_score(self):
        visit = self.visit(method="phone")
        self._wizard(visit, satisfaction="4", feedback="Fine").action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.satisfaction, 4)
        self.assertEqual(visit.feedback, "Fine")
        self.assertTrue(visit.done_by_phone)

    def test_done_without_a_score_is_refused_and_nothing_written(self):
        visit = self.visit(method="phone")
        wizard = self._wizard(visit, satisfaction="0", feedback="Half")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            wizard.action_done()
        visit.invalidate_recordset()
        self.assertEqual(visit.state, "todo")
        self.assertFalse(visit.feedback)

    def test_unreachable_schedules_a_retry(self):
        visit = self.visit(method="phone")
        self._wizard(visit, feedback="No answer").action_unreachable()
        self.assertEqual(visit.state, "unreachable")
        self.assertEqual(visit.feedback, "No answer")
        self.assertEqual(visit.followup_visit_ids.state, "todo")
