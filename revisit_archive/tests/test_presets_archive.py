"""R116 and R117 under the revisit centre preset (002 客户回访中心管理制度) and
without one (the archive installed): statistics open through a signed and
approved request; closed visits and customer files leave only through an
approved destruction."""

from datetime import date

from odoo.addons.revisit_management.tests.test_rules_records import SIGNATURE
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

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

    def _closed_visit(self, partner):
        visit = self.visit(partner_id=partner.id, scheduled_date=date(2024, 3, 1))
        visit.write(
            {"satisfaction": 4, "feedback": "Fine", "staff_signature": SIGNATURE}
        )
        visit.action_done()
        return visit

    def _approved_destruction(self, partner, reason):
        """The custodian's destruction of ``partner``'s file, the customer's
        data included, up to 2025, approved by the three approvers."""
        destruction = (
            self.env["revisit.archive.destruction"]
            .with_user(self.custodian)
            .create(
                {
                    "partner_id": partner.id,
                    "date_before": date(2025, 1, 1),
                    "reason": reason,
                    "destroy_customer": True,
                }
            )
        )
        destruction.action_submit()
        for approver in (self.manager, self.admin_manager, self.general):
            destruction.with_user(approver).action_approve()
        return destruction

    def _check_customer_file(self):
        """The customer's data too: not deleted by hand, erased and archived by
        the approved destruction of its last visits."""
        customer = self.env["res.partner"].create(
            {"name": "Old Customer", "phone": "+86 21 3333 3333", "city": "Shanghai"}
        )
        contact = self.env["res.partner"].create(
            {"name": "Its buyer", "parent_id": customer.id, "email": "b@example.com"}
        )
        visit = self._closed_visit(customer)
        with self.assertRaisesRegex(UserError, "archive destruction"):
            customer.with_user(self.env.ref("base.user_admin")).unlink()
        self.assertTrue(customer.exists())
        destruction = self._approved_destruction(customer, "Customer gone ten years.")
        destruction.action_destroy()
        self.assertFalse(visit.exists())
        for partner in (customer, contact):
            self.assertFalse(partner.active)
        self.assertFalse(customer.phone or customer.city or contact.email)
        self.assertEqual(customer.name, "Old Customer")
        # a file whose later visits remain is not destroyed with the old ones
        kept = self.env["res.partner"].create({"name": "Still a customer"})
        old = self._closed_visit(kept)
        self.visit(partner_id=kept.id, scheduled_date=date(2030, 3, 1))
        second = self._approved_destruction(kept, "Old records.")
        with self.assertRaisesRegex(UserError, "still has visits"):
            second.action_destroy()
        self.assertTrue(old.exists() and kept.active)
        # nor a file holding a user's contact: erasing it would take the login
        # e-mail of the user
        firm = self.env["res.partner"].create({"name": "Firm of a user"})
        old = self._closed_visit(firm)
        self.manager.partner_id.parent_id = firm
        email = self.manager.partner_id.email
        third = self._approved_destruction(firm, "Old records.")
        with self.assertRaisesRegex(UserError, "user or an employee"):
            third.action_destroy()
        self.assertTrue(old.exists() and firm.active)
        self.assertEqual(self.manager.partner_id.email, email)

    def test_R117_centre_preset_customer_file_destroyed_after_approvals(self):
        self.company._revisit_apply_preset("centre")
        self._check_customer_file()

    def test_R117_without_preset_customer_file_destroyed_after_approvals(self):
        self._check_customer_file()

    def test_R117_centre_preset_closed_visits_destroyed_after_approvals(self):
        self.company._revisit_apply_preset("centre")
        self.assertEqual(self.company.revisit_preset, "centre")
        self.assertFalse(self.company._revisit_preset_modules("centre"))
        self._check()

    def test_R117_without_preset_closed_visits_destroyed_after_approvals(self):
        self._check()

    # R116 --------------------------------------------------------------

    @freeze_time("2030-01-07 02:00:00")  # Monday 7 January, 10:00 in Shanghai
    def _check_statistics(self):
        """凡索取客户资讯统计资料…需各部门负责人签字后…申请查阅: an employee of
        the department reads its revisit analysis once the request is signed
        and approved, for the approved days; confidential customers stay out."""
        Partner = self.env["res.partner"]
        normal = Partner.create({"name": "Normal Co"})
        confidential = Partner.create(
            {"name": "Confidential Co", "revisit_confidentiality": "confidential"}
        )
        other = self.env["hr.department"].create({"name": "Sales"})
        ours, hidden, elsewhere = (
            self.visit(
                partner_id=partner.id,
                user_id=self.staff2.id,
                department_id=department.id,
                problem="Noise at night",
            )
            for partner, department in (
                (normal, self.department),
                (confidential, self.department),
                (normal, other),
            )
        )
        for visit in ours | hidden | elsewhere:
            visit.write(
                {"satisfaction": 4, "feedback": "Fine", "staff_signature": SIGNATURE}
            )
            visit.action_done()
        Report = self.env["revisit.visit.report"]
        Problems = self.env["revisit.problem.report"]
        visits = [("visit_id", "in", (ours | hidden | elsewhere).ids)]

        def rows(model):
            return model.with_user(self.outsider).search(visits).visit_id

        self.assertFalse(rows(Report))
        request = self.Request.with_user(self.outsider).create(
            {
                "kind": "statistics",
                "purpose": "The department's satisfaction this quarter.",
                "date_from": date(2030, 1, 7),
                "date_to": date(2030, 1, 9),
            }
        )
        self.assertEqual(request.department_id, self.department)
        request.action_submit()
        self.assertFalse(rows(Report), "not before the head signs")
        request.with_user(self.head).action_sign()
        self.assertFalse(rows(Report), "not before the approval")
        request.with_user(self.manager).action_approve()
        self.assertEqual(rows(Report), ours)
        self.assertEqual(rows(Problems), ours)
        action = request.with_user(self.outsider).action_open_statistics()
        self.assertEqual(action["res_model"], "revisit.visit.report")
        with self.assertRaises(AccessError):
            request.with_user(self.staff).action_open_statistics()
        # the statistics, not the file: the visits stay closed
        self.assertFalse(
            self.Visit.with_user(self.staff).search([("id", "=", ours.id)])
        )
        # the approved days only (the company's day)
        with freeze_time("2030-01-09 16:30:00"):  # 00:30 on the 10th in Shanghai
            self.assertFalse(rows(Report))
            with self.assertRaises(UserError):
                request.with_user(self.outsider).action_open_statistics()

    def test_R116_centre_preset_statistics_after_signature_and_approval(self):
        self.company._revisit_apply_preset("centre")
        self._check_statistics()

    def test_R116_without_preset_statistics_after_signature_and_approval(self):
        self._check_statistics()
