"""R117 under the revisit centre preset (002 客户回访中心管理制度) and without
one (the archive installed): closed visits leave only through an approved
destruction."""

from odoo.exceptions import UserError

from .common import ArchiveCase


class TestPresetsArchive(ArchiveCase):
    def _check(self):
        unreachable = self.visit()
        unreachable.action_unreachable()
        cancelled = self.visit(partner_id=self.customer.copy().id)
        cancelled.action_cancel()
        for visit in unreachable | cancelled:
            with self.assertRaisesRegex(UserError, "archive destruction"):
                visit.with_user(self.manager).unlink()
            self.assertTrue(visit.exists())
        # an open visit planned by mistake is still the manager's to delete
        open_visit = self.visit(partner_id=self.customer.copy().id)
        open_visit.with_user(self.manager).unlink()
        self.assertFalse(open_visit.exists())

    def test_R117_centre_preset_closed_visits_destroyed_after_approvals(self):
        self.company._revisit_apply_preset("centre")
        self.assertEqual(self.company.revisit_preset, "centre")
        self.assertFalse(self.company._revisit_preset_modules("centre"))
        self._check()

    def test_R117_without_preset_closed_visits_destroyed_after_approvals(self):
        self._check()
