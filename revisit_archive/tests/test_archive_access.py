from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

from .common import ArchiveCase


@freeze_time("2030-01-07 02:00:00")  # Monday 7 January, 10:00 in Shanghai
class TestArchiveAccess(ArchiveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.secret = Partner.create(
            {
                "name": "Secret Co",
                "phone": "+86 21 1111 1111",
                "revisit_confidentiality": "secret",
                "revisit_user_id": cls.staff2.id,
            }
        )
        cls.confidential = Partner.create(
            {
                "name": "Confidential Co",
                "phone": "+86 21 2222 2222",
                "revisit_confidentiality": "confidential",
                "revisit_user_id": cls.staff2.id,
            }
        )

    def request(self, user, partner, **values):
        return self.Request.with_user(user).create(
            {
                "partner_id": partner.id,
                "purpose": "Prepare the contract renewal.",
                "date_from": date(2030, 1, 7),
                "date_to": date(2030, 1, 9),
                **values,
            }
        )

    def test_r112_request_approved_only_through_its_steps(self):
        """Nobody creates or writes an approved request, nor slips its state in
        as a default: the file opens through the signature and the approval."""
        visit = self.visit(partner_id=self.confidential.id, user_id=self.staff2.id)
        for values, context in (
            ({"state": "approved"}, {}),
            ({"approved_by_id": self.executive.id}, {}),
            ({}, {"default_state": "approved"}),
        ):
            with self.subTest(values=values, context=context):
                with self.assertRaises(UserError):
                    self.Request.with_user(self.staff).with_context(**context).create(
                        {
                            "partner_id": self.confidential.id,
                            "purpose": "curious",
                            "date_from": date(2030, 1, 7),
                            "date_to": date(2030, 1, 9),
                            **values,
                        }
                    )
        draft = self.request(self.staff, self.confidential)
        with self.assertRaises(UserError):
            draft.with_user(self.staff).write({"state": "approved"})
        self.assertEqual(draft.state, "draft")
        self.assertFalse(
            self.Visit.with_user(self.staff).search([("id", "=", visit.id)])
        )

    # R119: the assignee of a secret customer's visit reads it -------------

    def test_r119_assignee_reads_own_visit_of_a_secret_customer(self):
        visit = self.visit(partner_id=self.secret.id, user_id=self.staff.id)
        self.assertEqual(
            self.Visit.with_user(self.staff).search([("id", "=", visit.id)]), visit
        )
        visit.with_user(self.staff).read(["partner_id", "state"])
        # not a colleague's, and not a confidential customer's
        self.assertFalse(
            self.Visit.with_user(self.staff2).search([("id", "=", visit.id)]) - visit
        )
        other = self.visit(partner_id=self.secret.id, user_id=self.staff2.id)
        self.assertFalse(
            self.Visit.with_user(self.staff).search([("id", "=", other.id)])
        )
        confidential = self.visit(
            partner_id=self.confidential.id, user_id=self.staff.id
        )
        self.assertFalse(
            self.Visit.with_user(self.staff).search([("id", "=", confidential.id)])
        )

    # R112, R116, R119: requests by level ---------------------------------

    def test_r112_r116_r119_confidential_file_needs_the_executive(self):
        visit = self.visit(partner_id=self.confidential.id, user_id=self.staff2.id)
        as_staff = self.Visit.with_user(self.staff)
        self.assertFalse(as_staff.search([("id", "=", visit.id)]))
        self.assertFalse(
            self.confidential.with_user(self.staff).read(["phone"])[0]["phone"]
        )
        request = self.request(self.staff, self.confidential)
        self.assertEqual(request.department_id, self.department)
        request.action_submit()
        self.assertEqual(request.confidentiality, "confidential")
        self.assertEqual(request.activity_ids.user_id, self.head)
        # the department head signs, not the requester nor a colleague
        for user in (self.staff, self.staff2):
            with self.assertRaises(AccessError):
                request.with_user(user).action_sign()
        with self.assertRaises(UserError):
            request.with_user(self.staff).write({"date_to": date(2030, 12, 31)})
        request.with_user(self.head).action_sign()
        self.assertEqual(request.signed_by_id, self.head)
        # a manager approves secret files only
        with self.assertRaises(AccessError):
            request.with_user(self.manager).action_approve()
        self.assertFalse(as_staff.search([("id", "=", visit.id)]))
        request.with_user(self.executive).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(as_staff.search([("id", "=", visit.id)]), visit)
        self.assertEqual(
            self.confidential.with_user(self.staff).read(["phone"])[0]["phone"],
            "+86 21 2222 2222",
        )
        # read only
        with self.assertRaises(AccessError):
            visit.with_user(self.staff).write({"feedback": "changed"})
        # the access ends with the approved period, the company's day
        with freeze_time("2030-01-09 15:30:00"):  # 23:30 on the 9th in Shanghai
            self.assertEqual(as_staff.search([("id", "=", visit.id)]), visit)
        with freeze_time("2030-01-09 16:30:00"):  # 00:30 on the 10th in Shanghai
            self.assertFalse(as_staff.search([("id", "=", visit.id)]))
            self.assertFalse(
                self.confidential.with_user(self.staff).read(["phone"])[0]["phone"]
            )
        self.assertTrue(
            self.Log.search(
                [("partner_id", "=", self.confidential.id), ("kind", "=", "access")]
            )
        )

    def test_r112_r119_secret_file_approved_by_a_manager(self):
        visit = self.visit(partner_id=self.secret.id, user_id=self.staff2.id)
        request = self.request(self.staff, self.secret, kind="borrow")
        request.action_submit()
        request.with_user(self.head).action_sign()
        with self.assertRaises(AccessError):
            request.with_user(self.head).action_approve()
        request.with_user(self.manager).action_approve()
        self.assertEqual(
            self.Visit.with_user(self.staff).search([("id", "=", visit.id)]), visit
        )
        request.with_user(self.staff).action_close()
        self.assertFalse(
            self.Visit.with_user(self.staff).search([("id", "=", visit.id)])
        )

    def test_r112_employee_without_revisit_group(self):
        """An employee of a business department asks for a file: their own
        requests only, no approval of their own, the contact data once approved."""
        request = self.request(self.outsider, self.confidential)
        other = self.request(self.staff, self.confidential)
        as_outsider = self.Request.with_user(self.outsider)
        self.assertEqual(as_outsider.search([]), request)
        with self.assertRaises(AccessError):
            other.with_user(self.outsider).read(["purpose"])
        request.action_submit()
        with self.assertRaises(AccessError):
            request.with_user(self.outsider).action_sign()
        request.with_user(self.head).action_sign()
        with self.assertRaises(AccessError):
            request.with_user(self.outsider).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.outsider).write({"state": "approved"})
        self.assertFalse(
            self.confidential.with_user(self.outsider).read(["phone"])[0]["phone"]
        )
        request.with_user(self.executive).action_approve()
        self.assertEqual(
            self.confidential.with_user(self.outsider).read(["phone"])[0]["phone"],
            "+86 21 2222 2222",
        )
        # the visits stay the revisit staff's
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.outsider).search([])

    # R114: staff update their customers' contact data ---------------------

    def test_r114_staff_update_their_customers_contact_data(self):
        self.assertFalse(self.staff.has_group("base.group_partner_manager"))
        with self.assertRaises(AccessError):
            self.customer.with_user(self.staff).write({"phone": "1"})
        self.visit(user_id=self.staff.id)
        Update = self.env["revisit.partner.update"].with_user(self.staff)
        wizard = Update.with_context(default_partner_id=self.customer.id).create({})
        self.assertEqual(wizard.email, "wang@example.com")
        wizard.write({"phone": "+86 10 8888 0000", "city": "Beijing"})
        wizard.action_save()
        self.assertEqual(self.customer.phone, "+86 10 8888 0000")
        self.assertEqual(self.customer.city, "Beijing")
        self.assertEqual(self.customer.email, "wang@example.com")
        self.assertEqual(self.customer.write_uid, self.staff)
        # not a customer they visit, nor a confidential customer's contact data
        for partner in (self.secret, self.confidential):
            wizard = Update.create({"partner_id": partner.id, "phone": "1"})
            with self.assertRaises(AccessError):
                wizard.action_save()
        self.assertEqual(self.confidential.phone, "+86 21 2222 2222")
        # the owner updates a confidential customer's
        Update.with_user(self.staff2).create(
            {"partner_id": self.confidential.id, "phone": "+86 21 3333 3333"}
        ).action_save()
        self.assertEqual(self.confidential.phone, "+86 21 3333 3333")
        with self.assertRaises(AccessError):
            self.env["revisit.partner.update"].with_user(self.outsider).create(
                {"partner_id": self.customer.id}
            )
