from datetime import timedelta

from odoo.tests import new_test_user, tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestPartnerMerge(RevisitCase):
    """The contacts merge moves every visit to the kept contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.periodic = cls.env.ref("revisit_management.revisit_rule_periodic")
        cls.today = cls.company._revisit_today()
        cls.period = cls.today - timedelta(days=10)
        cls.kept = cls.env["res.partner"].create(
            {"name": "Li Wei", "email": "liwei@example.com"}
        )
        cls.gone = cls.env["res.partner"].create(
            {"name": "Li Wei (duplicate)", "email": "liwei@example.com"}
        )

    def _periodic_visit(self, partner, **values):
        return self.Visit.create(
            {
                "partner_id": partner.id,
                "rule_id": self.periodic.id,
                "period_start": self.period,
                "scheduled_date": self.period,
                **values,
            }
        )

    def _merge(self, user=None):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user or self.env.user)
            .with_context(active_model="res.partner")
            .create(
                {
                    "partner_ids": [(6, 0, (self.kept | self.gone).ids)],
                    "dst_partner_id": self.kept.id,
                }
            )
        )
        wizard.action_merge()

    def test_merge_keeps_every_visit_of_both_contacts(self):
        kept_visit = self._periodic_visit(self.kept)
        gone_visit = self._periodic_visit(self.gone)
        other = self.Visit.create(
            {"partner_id": self.gone.id, "scheduled_date": self.today}
        )
        self._merge()
        self.assertFalse(self.gone.exists())
        visits = kept_visit | gone_visit | other
        self.assertEqual(visits.partner_id, self.kept)
        self.assertEqual(kept_visit.period_start, self.period)
        self.assertFalse(gone_visit.period_start)
        self.assertEqual(gone_visit.state, "cancelled")
        self.assertEqual(other.state, "todo")
        self.assertEqual(
            self.Visit.search_count(
                [("partner_id", "=", self.kept.id), ("period_start", "=", self.period)]
            ),
            1,
        )

    def test_a_made_visit_keeps_the_period_over_an_open_one(self):
        kept_visit = self._periodic_visit(self.kept)
        gone_visit = self._periodic_visit(self.gone, satisfaction=5)
        gone_visit.action_done()
        groups = "base.group_user,base.group_partner_manager"
        if "website.visitor" in self.env:
            # Odoo's website reads the merged contacts' visitors with the
            # user's rights: there, merging needs the right to read them
            groups += ",website.group_website_designer"
        user = new_test_user(self.env, "contacts_manager", groups=groups)
        self._merge(user)
        self.assertEqual(gone_visit.partner_id, self.kept)
        self.assertEqual(gone_visit.state, "done")
        self.assertEqual(gone_visit.period_start, self.period)
        self.assertEqual(kept_visit.state, "cancelled")
        self.assertFalse(kept_visit.period_start)
