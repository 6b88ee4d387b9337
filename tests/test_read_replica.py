"""A real streaming replica of the test cluster: Odoo, started with
``--db_replica_host/--db_replica_port``, serves the dashboard (a read-only
entry point, ``@api.readonly``) from the replica, writes on the primary, and
goes on serving the dashboard from the primary once the replica stops."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import requests

import odoo.release
from odoo.tests import tagged
from odoo.tools import config

from .common import WorkerProcessCase

PASSWORD = "replica-Pw-2026"
START_TIMEOUT = 180


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Standby:
    """A hot standby of the cluster the tests run on, in a temporary
    directory, run as the cluster's owner (``postgres`` when we are root),
    logging every statement it serves."""

    def __init__(self, version_num):
        major = version_num // 10000
        self.bindir = f"/usr/lib/postgresql/{major}/bin"
        if not os.path.exists(os.path.join(self.bindir, "pg_ctl")):
            self.bindir = os.path.dirname(shutil.which("pg_ctl") or "")
        self.port = free_port()
        self.root = tempfile.mkdtemp(prefix="revisit-replica-")
        self.data = os.path.join(self.root, "data")
        self.log = os.path.join(self.root, "server.log")

    def run(self, *command, timeout=1000):
        command = [os.path.join(self.bindir, command[0]), *command[1:]]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=True
        )

    def start(self):
        if os.getuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.run(
            "pg_basebackup",
            "-h",
            config["db_host"] or "127.0.0.1",
            "-p",
            str(config["db_port"] or 5432),
            "-U",
            config["db_user"] or "odoo",
            "-D",
            self.data,
            "-R",  # standby.signal and primary_conninfo: a streaming standby
            "-X",
            "stream",
            "-c",
            "fast",
            "-N",  # a throw-away copy: no fsync of every file
        )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            "-c unix_socket_directories='' -c shared_buffers=32MB "
            "-c logging_collector=off -c log_statement=all "
            "-c log_line_prefix='%d ' -c hot_standby=on -c fsync=off"
        )
        try:
            self.run(
                "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "900",
                "-o", options, "start",
            )  # fmt: skip
        except subprocess.CalledProcessError as error:
            raise AssertionError(
                f"the standby did not start: {error.stdout}\n{self.text()[-3000:]}"
            ) from error

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            try:
                self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
            except subprocess.CalledProcessError:
                self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def cleanup(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def text(self):
        with open(self.log, errors="replace") as file:
            return file.read()


@tagged("post_install", "-at_install")
class TestReadReplica(WorkerProcessCase):
    def setUp(self):
        super().setUp()
        self.env.cr.execute("SHOW server_version_num")
        self.standby = Standby(int(self.env.cr.fetchone()[0]))
        self.addCleanup(self.standby.cleanup)
        self.odoo = None
        self.addCleanup(self._stop_odoo)

    def _stop_odoo(self):
        if self.odoo and self.odoo.poll() is None:
            self.odoo.terminate()
            try:
                self.odoo.wait(60)
            except subprocess.TimeoutExpired:
                self.odoo.kill()
                self.odoo.wait()

    def _start_odoo(self):
        self.http_port = free_port()
        self.odoo_log = os.path.join(self.standby.root, "odoo.log")
        odoo_bin = os.path.join(
            os.path.dirname(os.path.dirname(odoo.release.__file__)), "odoo-bin"
        )
        self.odoo = subprocess.Popen(
            [
                sys.executable, odoo_bin, "-c", config["config"], "-d", self.dbname,
                f"--db-filter=^{self.dbname}$", "--http-interface=127.0.0.1",
                f"--http-port={self.http_port}", "--max-cron-threads=0",
                "--db_replica_host=127.0.0.1",
                f"--db_replica_port={self.standby.port}",
                f"--logfile={self.odoo_log}", "--log-level=info",
            ],
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{self.http_port}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            self.assertIsNone(self.odoo.poll(), "Odoo stopped at start")
            try:
                requests.get(self.base + "/web/login", timeout=10)
                return
            except requests.RequestException:
                time.sleep(1)
        self.fail("Odoo did not answer")

    def _wait_replayed(self):
        """Until the standby has replayed everything the primary committed."""
        lsn = self.query("SELECT pg_current_wal_lsn()::text")[0][0]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            done = self._standby_query(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)
            )
            if done and done[0][0]:
                return
            time.sleep(0.2)
        self.fail("the standby did not catch up")

    def _standby_query(self, sql, params=()):
        import psycopg2  # noqa: PLC0415

        with psycopg2.connect(
            host="127.0.0.1",
            port=self.standby.port,
            user=config["db_user"] or "odoo",
            password=config["db_password"] or None,
            dbname=self.dbname,
        ) as cnx:
            with cnx.cursor() as cr:
                cr.execute(sql, params)
                rows = cr.fetchall()
        cnx.close()
        return rows

    def _rpc(self, session, model, method, args=(), **kwargs):
        response = session.post(
            f"{self.base}/web/dataset/call_kw/{model}.{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            },
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        self.assertNotIn("error", body, body.get("error"))
        return body["result"]

    def _access_line(self, method, after):
        """Odoo's access-log line of a call (its last word is the cursor's
        mode: ro on the replica, rw on the primary, ro->rw fallen back)."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with open(self.odoo_log, errors="replace") as file:
                text = file.read()[after:]
            lines = [line for line in text.splitlines() if f".{method} HTTP" in line]
            if lines:
                return lines[-1]
            time.sleep(0.2)
        self.fail(f"no access-log line for {method}")

    def _log_size(self):
        return os.path.getsize(self.odoo_log)

    def test_dashboard_on_replica_writes_on_primary(self):
        with self.committed_env() as env:
            user = env["res.users"].create(
                {
                    "name": "Replica Supervisor",
                    "login": "replica.supervisor@example.com",
                    "email": "replica.supervisor@example.com",
                    "password": PASSWORD,
                    "group_ids": [
                        (
                            6,
                            0,
                            (
                                env.ref("revisit_management.group_revisit_supervisor")
                                | env.ref("base.group_partner_manager")
                            ).ids,
                        )
                    ],
                }
            )
            customer = env["res.partner"].create({"name": "Replica Customer"})
            login, user_id, customer_id = user.login, user.id, customer.id
        self.standby.start()
        self._wait_replayed()
        self._start_odoo()
        session = requests.Session()
        response = session.post(
            f"{self.base}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": self.dbname,
                    "login": login,
                    "password": PASSWORD,
                },
            },
            timeout=120,
        )
        self.assertEqual(response.json()["result"]["uid"], user_id)

        # the dashboard is read on the replica: its SQL is in the standby's
        # statement log, and Odoo says it used a read-only cursor
        standby_before = len(self.standby.text())
        log_before = self._log_size()
        data = self._rpc(
            session, "revisit.visit.report", "get_dashboard_data", period="month"
        )
        self.assertIn("total", data)
        self.assertTrue(
            self._access_line("get_dashboard_data", log_before).endswith(" ro")
        )
        served = self.standby.text()[standby_before:]
        self.assertRegex(
            served, rf"{self.dbname} LOG:  statement: .*revisit_visit_report"
        )

        # a write goes to the primary, and reaches the replica by streaming
        log_before = self._log_size()
        self._rpc(
            session, "res.partner", "write", [[customer_id], {"function": "Nurse"}]
        )
        self.assertTrue(self._access_line("write", log_before).endswith(" rw"))
        self.assertEqual(
            self.query(
                "SELECT function FROM res_partner WHERE id = %s", (customer_id,)
            ),
            [("Nurse",)],
        )
        self.assertNotRegex(
            self.standby.text()[standby_before:], r'UPDATE "res_partner"'
        )
        self._wait_replayed()
        self.assertEqual(
            self._standby_query(
                "SELECT function FROM res_partner WHERE id = %s", (customer_id,)
            ),
            [("Nurse",)],
        )

        # the replica stops: the dashboard is served by the primary
        self.standby.stop()
        log_before = self._log_size()
        data = self._rpc(
            session, "revisit.visit.report", "get_dashboard_data", period="month"
        )
        self.assertIn("total", data)
        line = self._access_line("get_dashboard_data", log_before)
        self.assertTrue(re.search(r" (ro->rw|rw)$", line), line)
