from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase
from odoo.tools import mute_logger


class TestEngineConcurrency(TransactionCase):
    """Two workers generating the same periodic visit at once: each in its own
    database transaction, so this test commits and cleans up after itself."""

    def test_two_workers_create_one_visit(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # the company's day, as the scheduled action passes it
            today = env.company._revisit_today()
            partner_id = (
                env["res.partner"]
                .create(
                    {
                        "name": "Concurrent customer",
                        "email": "concurrent@example.com",
                        "revisit_tier_id": env.ref(
                            "revisit_management.revisit_tier_high"
                        ).id,
                    }
                )
                .id
            )
        try:
            with registry.cursor() as cr_a, registry.cursor() as cr_b:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                rule_xmlid = "revisit_management.revisit_rule_periodic"
                # worker B starts its transaction (and snapshot) first
                self.assertFalse(
                    env_b["revisit.visit"].search([("partner_id", "=", partner_id)])
                )
                created_a = env_a["revisit.planner"]._generate_periodic(
                    env_a.ref(rule_xmlid),
                    env_a["res.partner"].browse(partner_id),
                    today,
                )
                self.assertEqual(len(created_a), 1)
                cr_a.commit()
                # B cannot see A's visit and tries the same one: the unique index
                # makes the database refuse it; B leaves it to A, without error
                with mute_logger("odoo.sql_db"):
                    created_b = env_b["revisit.planner"]._generate_periodic(
                        env_b.ref(rule_xmlid),
                        env_b["res.partner"].browse(partner_id),
                        today,
                    )
                    env_b.flush_all()
                self.assertFalse(created_b)
                cr_b.commit()
                # B's next run (a new transaction) sees A's visit: nothing to do
                created_b = env_b["revisit.planner"]._generate_periodic(
                    env_b.ref(rule_xmlid),
                    env_b["res.partner"].browse(partner_id),
                    today,
                )
                self.assertFalse(created_b)
                cr_b.rollback()
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM revisit_visit WHERE partner_id = %s",
                    [partner_id],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                visits = env["revisit.visit"].search([("partner_id", "=", partner_id)])
                visits.activity_ids.unlink()
                visits.unlink()
                env["res.partner"].browse(partner_id).unlink()
