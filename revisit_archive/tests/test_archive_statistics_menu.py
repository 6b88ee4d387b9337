"""R116: the requester finds what an approved statistics request granted in
its own menu (Revisits > Archives > Granted Statistics), with the preset of
the revisit centre and without one."""

import ast
from datetime import date

from odoo.addons.revisit_management.tests.test_rules_records import SIGNATURE
from odoo.tests import freeze_time

from .common import ArchiveCase


class TestArchiveStatisticsMenu(ArchiveCase):
    def _menu_rows(self, user, xmlid, visits):
        """The rows the menu's action shows to ``user`` (its domain, the
        user's record rules)."""
        menu = self.env.ref(f"revisit_archive.{xmlid}")
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        )
        action = menu.action.sudo()
        domain = [*ast.literal_eval(action.domain), ("visit_id", "in", visits.ids)]
        return self.env[action.res_model].with_user(user).search(domain)

    @freeze_time("2030-01-07 02:00:00")  # Monday 7 January, 10:00 in Shanghai
    def _check_menu(self):
        partner = self.env["res.partner"].create({"name": "Granted Co"})
        ours, other = (
            self.visit(
                partner_id=partner.id,
                user_id=self.staff2.id,
                department_id=department.id,
                problem="Lift noise",
            )
            for department in (
                self.department,
                self.env["hr.department"].create({"name": "Sales"}),
            )
        )
        for visit in ours | other:
            visit.write(
                {"satisfaction": 4, "feedback": "Fine", "staff_signature": SIGNATURE}
            )
            visit.action_done()
        menus = (
            "revisit_archive_statistics_visit_menu",
            "revisit_archive_statistics_problem_menu",
        )
        for xmlid in menus:
            self.assertFalse(
                self._menu_rows(self.staff, xmlid, ours | other), "nothing granted"
            )
        request = self.Request.with_user(self.staff).create(
            {
                "kind": "statistics",
                "purpose": "The department's satisfaction this month.",
                "date_from": date(2030, 1, 7),
                "date_to": date(2030, 1, 8),
            }
        )
        request.action_submit()
        request.with_user(self.head).action_sign()
        for xmlid in menus:
            self.assertFalse(
                self._menu_rows(self.staff, xmlid, ours | other), "not approved yet"
            )
        request.with_user(self.manager).action_approve()
        for xmlid in menus:
            self.assertEqual(
                self._menu_rows(self.staff, xmlid, ours | other).visit_id, ours, xmlid
            )
        # the request's button opens the same action
        action = request.with_user(self.staff).action_open_statistics()
        self.assertEqual(
            action["id"],
            self.env.ref("revisit_archive.revisit_archive_statistics_action").id,
        )
        # another staff member sees nothing of it
        for xmlid in menus:
            self.assertFalse(self._menu_rows(self.staff2, xmlid, ours | other), xmlid)

    def test_R116_centre_preset_granted_statistics_menu(self):
        self.company._revisit_apply_preset("centre")
        self._check_menu()

    def test_R116_without_preset_granted_statistics_menu(self):
        self._check_menu()
