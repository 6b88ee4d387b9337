"""A generator batch killed (SIGKILL) mid-run resumes from its committed
progress: nothing lost, nothing doubled."""

import time

from odoo.tests import tagged

from .common import WORKER_TIMEOUT, WorkerProcessCase

CUSTOMERS = 2500  # several of the generator's committed batches


@tagged("post_install", "-at_install")
class TestCrashResume(WorkerProcessCase):
    def _tiered_customers(self):
        """Committed tiered customers without any visit, so each is due."""
        with self.committed_env() as env:
            tier = env["revisit.tier"].search([], limit=1)
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Crash customer {i}",
                        "email": f"crash{i}@example.com",
                        "phone": f"+86 10 5555 {i:04d}",
                        "revisit_tier_id": tier.id,
                        "revisit_min_interval_days": 0,
                    }
                    for i in range(CUSTOMERS)
                ]
            )
            return partners.ids

    def _visits(self, partner_ids):
        return dict(
            self.query(
                "SELECT id, partner_id FROM revisit_visit WHERE partner_id = ANY(%s)",
                (partner_ids,),
            )
        )

    def test_sigkill_mid_batch_then_resume(self):
        partner_ids = self._tiered_customers()
        worker = self.start_worker("cron:periodic")
        # wait until some of the run is committed, then kill it at once
        committed = {}
        deadline = time.monotonic() + WORKER_TIMEOUT
        while time.monotonic() < deadline and worker.poll() is None:
            committed = self._visits(partner_ids)
            if committed:
                worker.kill()  # SIGKILL: no cleanup, no rollback handler
                break
            time.sleep(0.02)
        worker.wait()
        self.assertTrue(committed, "the generator committed nothing before it ended")
        self.assertLess(
            len(committed),
            CUSTOMERS,
            "the generator committed everything at once: no batch to resume",
        )
        after_kill = self._visits(partner_ids)
        self.assertGreaterEqual(len(after_kill), len(committed))

        # the next run (the scheduler's) completes the work
        result = self.worker_result(self.start_worker("cron:periodic"))
        self.assertEqual(
            result["errors"],
            [],
            "\n".join(e["traceback"] for e in result["errors"]),
        )
        final = self._visits(partner_ids)
        per_partner = {}
        for partner_id in final.values():
            per_partner[partner_id] = per_partner.get(partner_id, 0) + 1
        self.assertEqual(
            sorted(set(partner_ids) - set(per_partner)), [], "a customer was lost"
        )
        self.assertEqual(
            {pid: n for pid, n in per_partner.items() if n > 1}, {}, "a visit doubled"
        )
        # committed visits were kept as they were, not redone
        self.assertLessEqual(set(after_kill), set(final))
        self.assertEqual(len(final) - len(after_kill), CUSTOMERS - len(after_kill))
