import logging

from odoo import api, models
from odoo.fields import Domain

from .revisit_planner import CONCURRENCY_ERRORS

_logger = logging.getLogger(__name__)

CRON_BATCH = 500


class RevisitCron(models.AbstractModel):
    """The one loop of the revisit scheduled actions (plans, festivals,
    reminders and escalations, the archive, the complaints): batched,
    resumable, one bad record logged and skipped."""

    _name = "revisit.cron"
    _description = "Revisit Scheduled Action Loop"

    @api.model
    def _try_lock(self, records):
        """Lock what no other worker holds (others' rows are skipped); a row
        another worker changed since this transaction began is skipped too."""
        try:
            with self.env.cr.savepoint(flush=False):
                return records.try_lock_for_update(allow_referencing=True)
        except CONCURRENCY_ERRORS:
            return records.browse()

    @api.model
    def _batch_size(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("revisit_management.cron_batch_size", CRON_BATCH)
        )

    @api.model
    def _companies(self):
        return self.env["res.company"].sudo().search([])

    @api.model
    def _batches(self, model, domain, process, batch_size=None, lock=True):
        """Run ``process`` on batches of the ``model`` records matching
        ``domain`` that this worker can lock, committing progress after each
        batch.

        ``process`` must make what it handled drop out of ``domain``: a run
        cut short (time budget, restart, kill) leaves only the rest for the
        next run. A batch that fails is run again one record at a time: a
        failing record is logged and skipped, the others are processed.
        Return False when the run's time budget is spent. Without ``lock``,
        ``process`` locks what it changes itself."""
        batch_size = batch_size or self._batch_size()
        last_id = 0
        while True:
            batch = model.search(
                Domain.AND([domain, [("id", ">", last_id)]]),
                order="id",
                limit=batch_size,
            )
            if not batch:
                return True
            last_id = batch[-1].id
            # a fresh transaction: what other workers committed is seen
            self.env["ir.cron"]._commit_progress()
            records = (self._try_lock(batch) if lock else batch).filtered_domain(domain)
            try:
                with self.env.cr.savepoint():
                    process(records)
            except Exception:
                _logger.info("Revisit cron: batch failed, processing one by one")
                for record in records:
                    try:
                        with self.env.cr.savepoint():
                            process(record)
                    except Exception:
                        _logger.exception(
                            "Revisit cron: %s skipped", record.display_name
                        )
            remaining = model.search_count(Domain.AND([domain, [("id", ">", last_id)]]))
            if not self.env["ir.cron"]._commit_progress(
                len(records), remaining=remaining
            ):
                return False
