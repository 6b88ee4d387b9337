from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestRevisitTier(TransactionCase):
    def test_default_tiers_follow_the_regulation(self):
        """High, medium and low value customers: every 3, 6 and 12 months."""
        months = [
            self.env.ref(f"revisit_management.revisit_tier_{code}").interval_months
            for code in ("high", "medium", "low")
        ]
        self.assertEqual(months, [3, 6, 12])

    def test_interval_must_be_positive(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["revisit.tier"].create({"name": "Never", "interval_months": 0})
