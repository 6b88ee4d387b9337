"""Helpers of the cross-addon tests that start real Odoo processes.

Other processes only see committed rows, so these tests build their data in
their own committed cursor (``registry.cursor()``) and remove, at the end,
every row created after a watermark taken at the start (the workers' visits,
activities, messages and scheduler progress included).
"""

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase
from odoo.tools import config

WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
WORKER_TIMEOUT = 240
# tables cleaned by id above the watermark, children first
WATERMARK_TABLES = (
    "mail_mail",
    "mail_message",
    "mail_activity",
    "mail_followers",
    "survey_user_input",
    "revisit_visit",
    "revisit_event",
    "revisit_rule_step",
    "revisit_rule",
    "ir_cron_progress",
    "hr_employee",
    "res_users",
    "res_partner",
)
# visit columns the scheduled actions set on visits older than the watermark
VISIT_MARKS = ("reminder_date", "escalation_date", "customer_notified_date")


class WorkerProcessCase(TransactionCase):
    """Base class: committed test data and real worker processes."""

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        self._watermark = self._take_watermark()
        self.addCleanup(self._remove_committed_rows)
        self.workers = []
        self.addCleanup(self._kill_workers)

    # -- committed data -------------------------------------------------
    @contextmanager
    def committed_env(self):
        """An environment on a new cursor, committed when the block ends."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cr.commit()

    def _columns(self, cr, table):
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s",
            (table,),
        )
        return {name for (name,) in cr.fetchall()}

    def _take_watermark(self):
        mark = {"tables": {}, "unmarked": {}}
        with self.registry.cursor() as cr:
            for table in WATERMARK_TABLES:
                if self._columns(cr, table):
                    cr.execute(f"SELECT COALESCE(max(id), 0) FROM {table}")
                    mark["tables"][table] = cr.fetchone()[0]
            visit_columns = self._columns(cr, "revisit_visit")
            for column in VISIT_MARKS:
                if column in visit_columns:
                    cr.execute(
                        "SELECT array_agg(id) FROM revisit_visit "
                        f"WHERE {column} IS NULL"
                    )
                    mark["unmarked"][column] = cr.fetchone()[0] or []
        return mark

    def _remove_committed_rows(self):
        with self.registry.cursor() as cr:
            for table, max_id in self._watermark["tables"].items():
                if table == "revisit_visit":
                    cr.execute(
                        "UPDATE revisit_visit SET parent_visit_id = NULL "
                        "WHERE id > %s AND parent_visit_id IS NOT NULL",
                        (max_id,),
                    )
                if table == "res_users":
                    cr.execute(
                        "DELETE FROM res_users_log WHERE create_uid IN "
                        "(SELECT id FROM res_users WHERE id > %s)",
                        (max_id,),
                    )
                cr.execute(f"DELETE FROM {table} WHERE id > %s", (max_id,))
            for column, ids in self._watermark["unmarked"].items():
                if ids:
                    cr.execute(
                        f"UPDATE revisit_visit SET {column} = NULL WHERE id = ANY(%s)",
                        (ids,),
                    )
            cr.commit()
        self.env.invalidate_all()

    # -- worker processes -----------------------------------------------
    def start_worker(self, *steps, barrier=None):
        command = [
            sys.executable,
            WORKER,
            "--config",
            config["config"],
            "--database",
            self.dbname,
        ]
        if barrier:
            command += ["--barrier", str(barrier)]
        process = subprocess.Popen(
            [*command, *steps],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.workers.append(process)
        return process

    def worker_result(self, process):
        """Wait for a worker; return its JSON result (steps run, errors)."""
        try:
            out, err = process.communicate(timeout=WORKER_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            self.fail(f"worker timed out:\n{err[-3000:]}")
        lines = [line for line in out.splitlines() if line.startswith("{")]
        self.assertTrue(
            lines, f"worker crashed (rc {process.returncode}):\n{err[-3000:]}"
        )
        result = json.loads(lines[-1])
        result["log"] = err
        return result

    def _kill_workers(self):
        for process in self.workers:
            if process.poll() is None:
                process.kill()
                process.wait()

    @contextmanager
    def barrier(self, waiting):
        """Hold an advisory lock; the workers block on it until ``waiting`` of
        them wait, then all start at the same moment."""
        key = 6_000_000 + os.getpid() % 1_000_000
        with self.registry.cursor() as cr:
            cr.execute("SELECT pg_advisory_lock(%s)", (key,))
            cr.commit()
            try:
                yield key
                deadline = time.monotonic() + WORKER_TIMEOUT
                while time.monotonic() < deadline:
                    cr.execute(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        "AND objid = %s AND NOT granted",
                        (key,),
                    )
                    if cr.fetchone()[0] >= waiting:
                        break
                    if any(p.poll() is not None for p in self.workers):
                        break  # a worker died before the start: its result says why
                    time.sleep(0.05)
            finally:
                cr.execute("SELECT pg_advisory_unlock(%s)", (key,))
                cr.commit()

    def query(self, sql, params=()):
        """Rows as committed now, read through a fresh cursor."""
        with self.registry.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()
