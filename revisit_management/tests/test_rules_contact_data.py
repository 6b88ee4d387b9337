"""Rule-named tests of the customers' contact data (seed 002 2.9.2, 000 7.1)."""

from odoo.tests import new_test_user, tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestRulesContactData(RevisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.classified_customers()
        cls.third_party = new_test_user(
            cls.env,
            "rv_third_party",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export",
        )

    def _contact(self, partner, user):
        partner.invalidate_recordset()
        values = partner.with_user(user).read(["name", "email", "phone"])[0]
        return values["email"], values["phone"]

    def test_r120_confidential_contact_data_only_for_its_department(self):
        """机密: the contact data of a confidential customer is read by the head
        of the customer's department and the managers, not by other staff."""
        self.assertEqual(
            self._contact(self.conf, self.head),
            ("conf@example.com", "+86 138 0000 8888"),
        )
        self.assertEqual(self._contact(self.conf, self.manager)[0], "conf@example.com")
        for user in (self.staff, self.outsider, self.third_party):
            with self.subTest(user=user.login):
                self.assertEqual(self._contact(self.conf, user), (False, False))

    def test_r120_top_secret_contact_data_only_for_owner_and_managers(self):
        """绝密: the owner and the managers only."""
        self.assertEqual(self._contact(self.top, self.staff2)[1], "+86 138 0000 9999")
        self.assertEqual(self._contact(self.top, self.manager)[0], "top@example.com")
        for user in (self.staff, self.supervisor, self.head, self.third_party):
            with self.subTest(user=user.login):
                self.assertEqual(self._contact(self.top, user), (False, False))

    def test_r122_no_disclosure_to_third_parties(self):
        """客户信息需严格保密…不得泄露给第三方: a user outside the customer's
        file finds no contact data by searching or exporting either."""
        Partner = self.env["res.partner"].with_user(self.third_party)
        rows = Partner.search_read([("id", "=", self.top.id)], ["email", "phone"])
        self.assertFalse(rows[0]["email"] or rows[0]["phone"])
        exported = Partner.browse(self.top.id).export_data(["email", "phone"])
        self.assertFalse(any(exported["datas"][0]))
        # ordinary customers stay readable to the same user
        self.assertEqual(
            self.customer.with_user(self.third_party).read(["email"])[0]["email"],
            "wang@example.com",
        )
