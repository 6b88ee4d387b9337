"""The users' screens under load (scripts/bench --http): Odoo started with
HTTP workers on the benchmark database, driven over HTTP by concurrent users,
each with a session of their own, calling JSON-RPC as the web client does.

Staff open their kanban, a visit form, the done dialog (onchange, save,
confirm) and a customer's form with its revisits; supervisors open the
dashboard and the statistics pivot. Every step's latency is kept and the
table shows p50/p95 and the errors per step.
"""

import logging
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time

import requests
from lxml import etree

import odoo.release

_logger = logging.getLogger("revisit.bench.http")

PASSWORD = "bench-http-load"
STAFF_STEPS = (
    "kanban (web_search_read)",
    "visit form (web_read)",
    "done dialog: open (onchange)",
    "done dialog: save (web_save)",
    "done dialog: confirm (action_done)",
    "customer form + its revisits",
)
SUPERVISOR_STEPS = (
    "dashboard (get_dashboard_data)",
    "pivot month x department",
)


class RpcError(Exception):
    pass


def percentile(values, pct):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def spec_from_view(arch, fields):
    """The specification the web client reads a view with: the view's own
    fields, relations by their display name, sub-lists by their columns."""

    def walk(node, fields_info):
        spec = {}
        for child in node.iterchildren(tag=etree.Element):
            if child.tag != "field":
                spec.update(walk(child, fields_info))
                continue
            name = child.get("name")
            info = fields_info.get(name) or {}
            ftype = info.get("type")
            if ftype == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif ftype in ("one2many", "many2many"):
                sub = {"display_name": {}}
                for inner in child.iterchildren("list", "kanban"):
                    sub.update({n: {} for n in _names(inner)})
                spec[name] = {"fields": sub, "limit": 40}
            else:
                spec[name] = {}
        return spec

    return walk(etree.fromstring(arch), fields)


def _names(node):
    return [f.get("name") for f in node.iter("field") if f.get("name")]


class Client:
    """One user's browser: a session cookie and JSON-RPC calls."""

    def __init__(self, base, db, login, timings, errors, lock):
        self.base = base
        self.db = db
        self.login = login
        self.http = requests.Session()
        self.timings = timings
        self.errors = errors
        self.lock = lock
        self.context = {}
        self.uid = None
        self.views = {}
        self.seq = 0
        self.think = 0.0

    def post(self, path, params):
        self.seq += 1
        response = self.http.post(
            self.base + path,
            json={"jsonrpc": "2.0", "method": "call", "id": self.seq, "params": params},
            timeout=300,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            data = body["error"].get("data") or {}
            raise RpcError(data.get("message") or body["error"].get("message"))
        return body["result"]

    def authenticate(self):
        info = self.post(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": PASSWORD},
        )
        self.uid = info["uid"]
        self.context = dict(info["user_context"])
        self.context["allowed_company_ids"] = [
            info["user_companies"]["current_company"]
        ]

    def call(self, model, method, args, kwargs=None, button=False):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        route = "call_button" if button else "call_kw"
        return self.post(
            f"/web/dataset/{route}/{model}.{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def timed(self, step, func, *args, **kwargs):
        if self.think:
            # the user reads the screen before the next click
            time.sleep(self.think * random.uniform(0.5, 1.5))
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except Exception as error:
            with self.lock:
                self.errors.setdefault(step, []).append(str(error)[:120])
            return None
        with self.lock:
            self.timings.setdefault(step, []).append(time.perf_counter() - start)
        return result

    def view_spec(self, model, view_type):
        """The views are loaded once per session, as the web client caches
        them (not measured)."""
        key = (model, view_type)
        if key not in self.views:
            result = self.call(
                model,
                "get_views",
                [[[False, view_type]]],
                {"options": {"load_filters": False, "toolbar": False}},
            )
            arch = result["views"][view_type]["arch"]
            self.views[key] = spec_from_view(arch, result["models"][model]["fields"])
        return self.views[key]

    # ---------------------------------------------------------------- staff
    def staff_round(self, done_ids):
        kanban = self.view_spec("revisit.visit", "kanban")
        form = self.view_spec("revisit.visit", "form")
        wizard = self.view_spec("revisit.visit.done", "form")
        partner_form = self.view_spec("res.partner", "form")
        visit_list = self.view_spec("revisit.visit", "list")
        page = self.timed(
            STAFF_STEPS[0],
            self.call,
            "revisit.visit",
            "web_search_read",
            [],
            {
                "domain": [
                    ("user_id", "=", self.uid),
                    ("state", "in", ["todo", "appointed"]),
                    ("method", "!=", "onsite"),
                ],
                "specification": kanban,
                "limit": 40,
                "order": "scheduled_date, priority desc, id",
                "count_limit": 10001,
            },
        )
        records = [
            r for r in (page or {}).get("records", []) if r["id"] not in done_ids
        ]
        if not records:
            return
        visit_id = records[0]["id"]
        done_ids.add(visit_id)
        visit = self.timed(
            STAFF_STEPS[1],
            self.call,
            "revisit.visit",
            "web_read",
            [[visit_id]],
            {"specification": form},
        )
        context = {"default_visit_id": visit_id}
        self.timed(
            STAFF_STEPS[2],
            self.call,
            "revisit.visit.done",
            "onchange",
            [[], {}, [], wizard],
            {"context": context},
        )
        saved = self.timed(
            STAFF_STEPS[3],
            self.call,
            "revisit.visit.done",
            "web_save",
            [
                [],
                {
                    "visit_id": visit_id,
                    "satisfaction": "5",
                    "feedback": "Recovering well, no questions.",
                },
            ],
            {"specification": {"display_name": {}}, "context": context},
        )
        if saved:
            self.timed(
                STAFF_STEPS[4],
                self.call,
                "revisit.visit.done",
                "action_done",
                [[saved[0]["id"]]],
                {"context": context},
                button=True,
            )
        if visit:
            partner_id = visit[0]["partner_id"]["id"]

            def partner_screen():
                self.call(
                    "res.partner",
                    "web_read",
                    [[partner_id]],
                    {"specification": partner_form},
                )
                self.call(
                    "revisit.visit",
                    "web_search_read",
                    [],
                    {
                        "domain": [("partner_id", "=", partner_id)],
                        "specification": visit_list,
                        "limit": 80,
                        "count_limit": 10001,
                    },
                )

            self.timed(STAFF_STEPS[5], partner_screen)

    # ----------------------------------------------------------- supervisor
    def supervisor_round(self):
        self.timed(
            SUPERVISOR_STEPS[0],
            self.call,
            "revisit.visit.report",
            "get_dashboard_data",
            [],
            {"period": "month"},
        )
        self.timed(
            SUPERVISOR_STEPS[1],
            self.call,
            "revisit.visit.report",
            "formatted_read_grouping_sets",
            [],
            {
                "domain": [],
                "grouping_sets": [
                    ["date:month", "department_id"],
                    ["date:month"],
                    ["department_id"],
                    [],
                ],
                "aggregates": ["__count", "satisfaction:avg"],
            },
        )


class HttpLoad:
    """Start Odoo with HTTP workers, run the users, stop Odoo."""

    def __init__(self, bench, port, staff, supervisors, rounds, workers, think):
        self.bench = bench
        self.port = port
        self.n_staff = staff
        self.n_supervisors = supervisors
        self.rounds = rounds
        self.workers = workers
        self.think = think
        self.timings = {}
        self.errors = {}
        self.lock = threading.Lock()

    def pick_users(self):
        """Staff with open visits they may close from the kanban, and the
        department heads (supervisors); they get a password to log in."""
        bench = self.bench
        n_dept = len(bench.dept_ids)
        with bench.cursor() as cr:
            env = bench.env(cr)
            cr.execute(
                """SELECT user_id FROM revisit_visit
                   WHERE state IN ('todo', 'appointed') AND method != 'onsite'
                     AND user_id = ANY(%s)
                   GROUP BY user_id HAVING count(*) >= %s
                   ORDER BY count(*) DESC, user_id LIMIT %s""",
                (bench.user_ids[n_dept:], self.rounds, self.n_staff),
            )
            staff = [uid for (uid,) in cr.fetchall()]
            # the department heads; a small database has fewer heads than
            # supervisors asked for: they then work in several sessions each
            heads = bench.user_ids[:n_dept]
            supervisors = [heads[i % n_dept] for i in range(self.n_supervisors)]
            users = env["res.users"].browse(staff + heads)
            users.write({"password": PASSWORD})
            logins = {user.id: user.login for user in users}
            cr.commit()
        return [logins[u] for u in staff], [logins[u] for u in supervisors]

    def start(self, logfile):
        args = self.bench.args
        odoo_bin = os.path.join(
            os.path.dirname(os.path.dirname(odoo.release.__file__)), "odoo-bin"
        )
        command = [
            sys.executable,
            odoo_bin,
            "-d",
            args.database,
            f"--db-filter=^{args.database}$",
            f"--http-port={self.port}",
            f"--workers={self.workers}",
            "--max-cron-threads=0",
            "--limit-time-real=600",
            "--limit-time-cpu=600",
            f"--logfile={logfile}",
            "--log-level=warn",
        ]
        if args.config:
            command[2:2] = ["-c", args.config]
        self.process = subprocess.Popen(command, start_new_session=True)
        base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo stopped at start (log: {logfile})")
            try:
                if requests.get(base + "/web/login", timeout=10).status_code == 200:
                    return base
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError(f"Odoo did not answer on port {self.port}")

    def stop(self):
        process = getattr(self, "process", None)
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def run(self, logfile):
        staff, supervisors = self.pick_users()
        base = self.start(logfile)
        try:
            clients = []
            for n, login in enumerate(staff + supervisors):
                is_staff = n < len(staff)
                client = Client(
                    base,
                    self.bench.args.database,
                    login,
                    self.timings,
                    self.errors,
                    self.lock,
                )
                client.authenticate()
                client.think = self.think
                # views once per session, as the web client's cache
                for model, view in (
                    ("revisit.visit", "kanban"),
                    ("revisit.visit", "form"),
                    ("revisit.visit", "list"),
                    ("revisit.visit.done", "form"),
                    ("res.partner", "form"),
                ):
                    if is_staff:
                        client.view_spec(model, view)
                clients.append((client, is_staff))
            threads = []
            start = time.perf_counter()
            for client, is_staff in clients:

                def work(client=client, is_staff=is_staff):
                    done_ids = set()
                    for _round in range(self.rounds):
                        if is_staff:
                            client.staff_round(done_ids)
                        else:
                            client.supervisor_round()

                thread = threading.Thread(target=work)
                thread.start()
                threads.append(thread)
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - start
        finally:
            self.stop()
        return len(staff), len(supervisors), seconds

    def rows(self, staff_target=0.5, supervisor_target=1.5):
        for steps, target in (
            (STAFF_STEPS, staff_target),
            (SUPERVISOR_STEPS, supervisor_target),
        ):
            for step in steps:
                values = self.timings.get(step, [])
                errors = self.errors.get(step, [])
                p50 = statistics.median(values) if values else 0.0
                p95 = percentile(values, 95)
                result = (
                    f"p50 {p50 * 1000:,.0f} ms, p95 {p95 * 1000:,.0f} ms "
                    f"({len(values)} calls, {len(errors)} errors)"
                )
                if errors:
                    result += f": {errors[-1][:60]}"
                ok = values and not errors and p95 < target
                yield (
                    f"   {step}",
                    result,
                    f"p95 < {target * 1000:,.0f} ms",
                    "PASS" if ok else "FAIL",
                )
