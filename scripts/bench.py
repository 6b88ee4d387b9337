"""Benchmark of the revisit suite at scale (run through scripts/bench).

Builds customers with tiers, departments, revisit staff, events and historical
visits in the benchmark database (set-based SQL for the bulk rows, the ORM for
what has to go through business code), then measures the generator, the
scheduled actions, the statistics and the monthly appraisal, and prints one
table with a target and PASS/FAIL per row. A piece that does not exist yet is
reported as "n/a (not implemented: ...)" instead of stopping the run.
"""

import argparse
import datetime
import json
import logging
import os
import resource
import sys
import time

from odoo import SUPERUSER_ID, api, sql_db
from odoo.modules.registry import Registry
from odoo.service import server
from odoo.tools import config

_logger = logging.getLogger("revisit.bench")

VISIT_MODEL = "revisit.visit"
# scheduled actions by their agreed names, then the names found in the code
CRON_GENERATE = ("_cron_generate_periodic_visits",)
CRON_REMIND = ("_cron_remind",)
CRON_ESCALATE = ("_cron_escalate",)
SURGERY_STEPS = ((3, 2, "Day 3"), (7, 3, "Day 7"), (30, 7, "Day 30"))
EVENT_BATCH = 1000
# Odoo's calendar recurrences measured beside the generation: 14 daily
# recurrences of 720 events (the most Odoo makes), one attendee each
CALENDAR_RECURRENCES = 14
CALENDAR_COUNT = 720
MAX_CRON_ROUNDS = 10000


class NotImplementedYet(Exception):
    """A model, field or method the measure needs does not exist yet."""


class ErrorCounter(logging.Handler):
    """Counts the errors Odoo logs (a cron swallows its exceptions)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0
        self.last = ""

    def emit(self, record):
        self.count += 1
        self.last = record.getMessage().splitlines()[0][:120]


class Progress:
    """A one-line progress bar on stderr."""

    WIDTH = 30

    def __init__(self, label, total):
        self.label = label
        self.total = max(total, 1)
        self.done = 0
        self.start = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.last_decile = -1
        self.update(0)

    def update(self, step=1, note=""):
        self.done = min(self.done + step, self.total)
        ratio = self.done / self.total
        if not self.tty:
            decile = int(ratio * 10)
            if decile == self.last_decile:
                return
            self.last_decile = decile
        filled = int(ratio * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = (
            f"  [{bar}] {ratio * 100:5.1f}% {self.label} "
            f"{time.monotonic() - self.start:6.1f}s {note}"
        )
        sys.stderr.write(("\r" if self.tty else "") + line[:118].ljust(118))
        if not self.tty:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def finish(self, note=""):
        self.update(self.total - self.done, note)
        if self.tty:
            sys.stderr.write("\n")
            sys.stderr.flush()


def fmt(value, digits=1):
    return f"{value:,.{digits}f}"


class Bench:
    def __init__(self, args):
        self.args = args
        self.registry = Registry(args.database)
        self.rows = []  # (section, row): printed in the order of the sections
        self.section = 0
        self.errors = ErrorCounter()
        logging.getLogger().addHandler(self.errors)
        self.today = datetime.date.today()
        self.company_id = None
        self.user_ids = []
        self.dept_ids = []
        self.tier_ids = []
        self.bench_event_range = None

    # ------------------------------------------------------------------ utils
    def cursor(self):
        return self.registry.cursor()

    def env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def row(self, measure, result, target="", status=""):
        self.rows.append((self.section, (measure, result, target, status)))
        _logger.info("%s | %s | %s | %s", measure, result, target, status)

    def need_model(self, env, model):
        if model not in env:
            raise NotImplementedYet(model)
        return env[model]

    def need_method(self, env, model, method):
        records = self.need_model(env, model)
        if not hasattr(records, method):
            raise NotImplementedYet(f"{model}.{method}")
        return records

    @staticmethod
    def columns(cr, table):
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND table_schema = 'public'",
            (table,),
        )
        return {name for (name,) in cr.fetchall()}

    @staticmethod
    def count(cr, table, where="TRUE", params=()):
        cr.execute(f"SELECT count(*) FROM {table} WHERE {where}", params)
        return cr.fetchone()[0]

    def copy_rows(self, cr, table, template_id, overrides, series_sql, params=()):
        """INSERT ... SELECT rows copying every stored column of a template row
        made by the ORM (so every default is right), with the given overrides
        (SQL expressions over the series alias ``g`` and template ``t``)."""
        cols = sorted(self.columns(cr, table) - {"id"} - set(overrides))
        names = ", ".join(list(overrides) + cols)
        values = ", ".join(list(overrides.values()) + [f"t.{c}" for c in cols])
        cr.execute(
            f"INSERT INTO {table} ({names}) SELECT {values} "
            f"FROM {table} t, ({series_sql}) g WHERE t.id = %s",
            (*params, template_id),
        )
        return cr.rowcount

    def measure(self, section, label, func):
        """Run one measure; a missing piece or a crash becomes a table row."""
        self.section = section
        errors_before = self.errors.count
        try:
            func()
        except NotImplementedYet as missing:
            self.row(label, f"n/a (not implemented: {missing})", "", "n/a")
        except Exception as exc:
            _logger.exception("measure %s failed", label)
            self.row(label, f"error: {str(exc).splitlines()[0][:70]}", "", "FAIL")
        if self.errors.count > errors_before:
            self.row(
                f"  errors logged during {label}",
                f"{self.errors.count - errors_before} ({self.errors.last})",
                "0",
                "FAIL",
            )

    # ------------------------------------------------------------------- data
    def build(self):
        args = self.args
        with self.cursor() as cr:
            env = self.env(cr)
            self.company_id = env.company.id
            self.build_departments_and_staff(env)
            cr.commit()
            self.build_tiers(env)
            self.build_customers(env)
            cr.commit()
            self.build_history(env)
            cr.commit()
            self.ensure_surgery_rule(env)
            self.build_events(env)
            cr.commit()
            bar = Progress("analyze", 1)
            cr.execute(
                "ANALYZE res_partner; ANALYZE revisit_visit; ANALYZE revisit_event"
            )
            bar.finish()
            cr.commit()
        self.row(
            "data",
            f"{args.customers:,} customers, {args.visits:,} visits, "
            f"{args.events:,} events, {args.employees:,} staff, "
            f"{len(self.dept_ids)} departments",
        )

    def build_departments_and_staff(self, env):
        n_emp = self.args.employees
        n_dept = max(2, min(20, n_emp // 50))
        bar = Progress("departments and staff", n_emp + n_dept)
        depts = env["hr.department"].create(
            [{"name": f"Bench Department {i + 1}"} for i in range(n_dept)]
        )
        bar.update(n_dept)
        self.dept_ids = depts.ids
        group_user = env.ref("revisit_management.group_revisit_user")
        group_sup = env.ref("revisit_management.group_revisit_supervisor")
        users_model = env["res.users"].with_context(
            no_reset_password=True, mail_create_nolog=True, tracking_disable=True
        )
        for start in range(0, n_emp, 100):
            chunk = range(start, min(start + 100, n_emp))
            users = users_model.create(
                [
                    {
                        "name": f"Bench Staff {i + 1}",
                        "login": f"bench.staff.{i + 1}",
                        "email": f"bench.staff.{i + 1}@example.com",
                        "group_ids": [
                            (6, 0, [(group_sup if i < n_dept else group_user).id])
                        ],
                    }
                    for i in chunk
                ]
            )
            employees = (
                env["hr.employee"]
                .with_context(tracking_disable=True)
                .create(
                    [
                        {
                            "name": user.name,
                            "user_id": user.id,
                            "work_email": user.email,
                            "department_id": self.dept_ids[i % n_dept],
                        }
                        for i, user in zip(chunk, users, strict=True)
                    ]
                )
            )
            if start == 0:
                for dept, manager in zip(depts, employees[:n_dept], strict=True):
                    dept.manager_id = manager
            self.user_ids += users.ids
            bar.update(len(users))
            env.cr.commit()
        bar.finish()

    def build_tiers(self, env):
        tiers = env["revisit.tier"].search([])
        if not tiers:
            tiers = env["revisit.tier"].create(
                [
                    {"name": "High", "interval_months": 3},
                    {"name": "Medium", "interval_months": 6},
                    {"name": "Low", "interval_months": 12},
                ]
            )
        self.tier_ids = tiers.ids

    def build_customers(self, env):
        cr = env.cr
        n = self.args.customers
        bar = Progress("customers", n)
        template = env["res.partner"].create(
            {"name": "Bench Template", "email": "template@example.com"}
        )
        # the template's stored computed fields (the effective confidentiality
        # among them) are written before SQL copies the row
        env.flush_all()
        cols = self.columns(cr, "res_partner")
        users, depts, tiers = self.user_ids, self.dept_ids, self.tier_ids
        overrides = {
            "id": "g.id",
            "name": "'Bench Customer ' || g.n",
            "complete_name": "'Bench Customer ' || g.n",
            "email": "'customer' || g.n || '@example.com'",
            "phone": "'+86 138 ' || lpad(g.n::text, 8, '0')",
            "commercial_partner_id": "g.id",
            "revisit_tier_id": f"(ARRAY{tiers}::int[])[1 + (g.n %% {len(tiers)})]",
            "revisit_user_id": f"(ARRAY{users}::int[])[1 + (g.n %% {len(users)})]",
        }
        if "revisit_department_id" in cols:
            # the owner's department: staff i works in department i % n_dept
            overrides["revisit_department_id"] = (
                f"(ARRAY{depts}::int[])[1 + ((g.n %% {len(users)}) %% {len(depts)})]"
            )
        if "revisit_key_customer" in cols:
            overrides["revisit_key_customer"] = "(g.n %% 50 = 0)"
        overrides = {k: v for k, v in overrides.items() if k in cols}
        step = 20000
        for start in range(0, n, step):
            count = min(step, n - start)
            self.copy_rows(
                cr,
                "res_partner",
                template.id,
                overrides,
                "SELECT nextval('res_partner_id_seq') AS id, n "
                "FROM generate_series(%s, %s) n",
                (start + 1, start + count),
            )
            bar.update(count)
        template.unlink()
        cr.execute(
            "SELECT min(id), max(id) FROM res_partner "
            "WHERE name LIKE 'Bench Customer %%'"
        )
        self.partner_range = cr.fetchone()
        bar.finish()

    def build_history(self, env):
        """Historical visits: done, cancelled or unreachable over two years,
        one done in the last two months for each customer but 1% whose visits
        are older than a year (so that 1% is due for its periodic visit today),
        plus the open ones: 1% of the visits due today or tomorrow for the
        reminders, less the periodic visits due today, and 0.2% overdue for the
        escalation."""
        cr = env.cr
        n = self.args.visits
        bar = Progress("historical visits", n)
        partner = env["res.partner"].browse(self.partner_range[0])
        template = env[VISIT_MODEL].create(
            {
                "partner_id": partner.id,
                "scheduled_date": self.today,
                "user_id": self.user_ids[0],
            }
        )
        env.flush_all()
        cols = self.columns(cr, "revisit_visit")
        p_min, p_max = self.partner_range
        n_partners = p_max - p_min + 1
        self.n_due = max(n // 100 - self.args.customers // 100, 1)
        self.n_overdue = n // 500
        n_open = self.n_due + self.n_overdue
        # one done visit in the last two months for every customer but 1%
        done = "g.n > %(open)s AND (g.n <= %(recent)s OR g.n %% 20 > 1)"
        overrides = {
            "name": "'BENCH/' || g.n",
            "partner_id": "p.id",
            "user_id": "p.revisit_user_id",
            "scheduled_date": """CASE
                WHEN g.n <= %(due)s THEN CURRENT_DATE + (g.n %% 2)
                WHEN g.n <= %(open)s THEN CURRENT_DATE - 10
                WHEN p.id %% 100 = 0 THEN CURRENT_DATE - 400 - (g.n %% 330)
                WHEN g.n <= %(recent)s THEN CURRENT_DATE - 3 - (g.n %% 60)
                ELSE CURRENT_DATE - 3 - (g.n %% 727) END""",
            "state": f"""CASE WHEN g.n <= %(open)s THEN 'todo'
                WHEN {done} THEN 'done'
                WHEN g.n %% 20 = 0 THEN 'cancelled' ELSE 'unreachable' END""",
            "create_date": "now() at time zone 'UTC'",
            "write_date": "now() at time zone 'UTC'",
        }
        scheduled = overrides["scheduled_date"]
        extra = {
            # a three-day window; the overdue ones are five days past it
            "deadline": "CASE WHEN g.n > %(due)s AND g.n <= %(open)s "
            f"THEN CURRENT_DATE - 5 ELSE {scheduled} + 3 END",
            "department_id": "p.revisit_department_id",
            "satisfaction": f"CASE WHEN {done} THEN 1 + (g.n %% 5) END",
            # done visits are done on their day
            "done_date": f"CASE WHEN {done} THEN {scheduled} END",
            # stored: the deadline, else the date (revisit_visit_states)
            "due_date": "CASE WHEN g.n > %(due)s AND g.n <= %(open)s "
            f"THEN CURRENT_DATE - 5 ELSE {scheduled} + 3 END",
        }
        if "revisit_department_id" not in self.columns(cr, "res_partner"):
            del extra["department_id"]
        overrides.update({k: v for k, v in extra.items() if k in cols})
        step = 100000
        for start in range(0, n, step):
            count = min(step, n - start)
            cols_left = sorted(cols - {"id"} - set(overrides))
            names = ", ".join(list(overrides) + cols_left)
            values = ", ".join(list(overrides.values()) + [f"t.{c}" for c in cols_left])
            cr.execute(
                f"""INSERT INTO revisit_visit ({names})
                SELECT {values}
                FROM revisit_visit t,
                     generate_series(%(start)s, %(stop)s) AS g(n)
                     JOIN res_partner p ON p.id = %(p_min)s + (g.n %% %(np)s)
                WHERE t.id = %(template)s""",
                {
                    "due": self.n_due,
                    "open": n_open,
                    "recent": n_open + n_partners,
                    "start": start + 1,
                    "stop": start + count,
                    "p_min": p_min,
                    "np": n_partners,
                    "template": template.id,
                },
            )
            bar.update(count)
            cr.commit()
        # the open visits have their assignee's activity, as generated ones do
        cr.execute(
            """INSERT INTO mail_activity
                   (res_model_id, res_model, res_id, activity_type_id, user_id,
                    date_deadline, summary, automated, active,
                    create_uid, write_uid, create_date, write_date)
               SELECT a.res_model_id, a.res_model, v.id, a.activity_type_id,
                      v.user_id, v.scheduled_date, a.summary, a.automated, TRUE,
                      1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
               FROM revisit_visit v, mail_activity a
               WHERE a.res_model = %s AND a.res_id = %s
                 AND v.state = 'todo' AND v.name LIKE 'BENCH/%%'""",
            (VISIT_MODEL, template.id),
        )
        cr.execute("DELETE FROM revisit_visit WHERE id = %s", (template.id,))
        cr.execute(
            "DELETE FROM mail_followers WHERE res_model = %s AND res_id = %s",
            (VISIT_MODEL, template.id),
        )
        cr.execute(
            "DELETE FROM mail_activity WHERE res_model = %s AND res_id = %s",
            (VISIT_MODEL, template.id),
        )
        self.set_periodic_due(cr)
        env.invalidate_all()
        bar.finish()

    def set_periodic_due(self, cr):
        """The customers' stored next periodic date, as
        res.partner._compute_revisit_periodic_due computes it, set-based: the
        history above was written by SQL, without the ORM's recomputation."""
        cr.execute(
            """UPDATE res_partner SET revisit_periodic_due = create_date::date
               WHERE revisit_tier_id IS NOT NULL AND name LIKE 'Bench Customer %%'"""
        )
        cr.execute(
            """WITH agg AS (
                   SELECT v.partner_id,
                          bool_or(v.state IN ('todo', 'appointed')) AS busy,
                          max(v.done_date) FILTER (WHERE v.state = 'done') AS done,
                          max(v.period_start) FILTER (
                              WHERE v.state IN ('unreachable', 'cancelled')
                          ) AS attempt
                   FROM revisit_visit v WHERE v.active GROUP BY v.partner_id)
               UPDATE res_partner p SET revisit_periodic_due = CASE
                   WHEN a.busy THEN NULL
                   WHEN COALESCE(a.done, a.attempt) IS NULL THEN p.create_date::date
                   ELSE (GREATEST(a.done, a.attempt)
                         + make_interval(months => t.interval_months))::date END
               FROM agg a, revisit_tier t
               WHERE a.partner_id = p.id AND t.id = p.revisit_tier_id"""
        )
        cr.commit()

    def ensure_surgery_rule(self, env):
        Rule = env["revisit.rule"]
        rule = Rule.search([("trigger", "=", "surgery")], limit=1)
        if not rule:
            rule = Rule.create(
                {
                    "name": "Bench: after surgery",
                    "trigger": "surgery",
                    "step_ids": [
                        (0, 0, {"offset_days": o, "window_days": w, "name": name})
                        for o, w, name in SURGERY_STEPS
                    ],
                }
            )
        rule.write({"sample_rate": 100.0, "department_id": self.dept_ids[0]})
        self.surgery_rule = rule

    def build_events(self, env):
        """Surgery events of today, one per customer, without visits: measure 1
        generates them (their first visit is three days ahead: none is due for
        the reminders of measure 3)."""
        cr = env.cr
        n = self.args.events
        bar = Progress("events", n)
        # a template event whose trigger no rule listens to
        template = env["revisit.event"].create(
            {"partner_id": self.partner_range[0], "trigger": "manual"}
        )
        env.flush_all()
        cr.execute("DELETE FROM revisit_visit WHERE event_id = %s", (template.id,))
        p_min, p_max = self.partner_range
        overrides = {
            "partner_id": f"{p_min} + (g.n %% {p_max - p_min + 1})",
            "trigger": "'surgery'",
            "date": "CURRENT_DATE",
            "reference": "'BENCH-OP-' || g.n",
        }
        cols = self.columns(cr, "revisit_event")
        overrides = {k: v for k, v in overrides.items() if k in cols}
        self.copy_rows(
            cr,
            "revisit_event",
            template.id,
            overrides,
            "SELECT n FROM generate_series(1, %s) n",
            (n,),
        )
        cr.execute("DELETE FROM revisit_event WHERE id = %s", (template.id,))
        cr.execute(
            "SELECT array_agg(id ORDER BY id) FROM revisit_event "
            "WHERE reference LIKE 'BENCH-OP-%%'"
        )
        self.event_ids = cr.fetchone()[0] or []
        env.invalidate_all()
        bar.finish()

    # --------------------------------------------------------------- measures
    def sql_floor(self, cr, event_ids):
        """The same visits written by one INSERT ... SELECT, then rolled back."""
        cols = self.columns(cr, "revisit_visit")
        values = {
            "name": "'FLOOR/' || e.id || '/' || s.id",
            "partner_id": "e.partner_id",
            "event_id": "e.id",
            "rule_id": "r.id",
            "step_id": "s.id",
            "user_id": "p.revisit_user_id",
            "department_id": "COALESCE(r.department_id, p.revisit_department_id)",
            "method": "COALESCE(s.method, r.method, 'phone')",
            "scheduled_date": "e.date + s.offset_days",
            "deadline": "e.date + s.offset_days + s.window_days",
            "due_date": "e.date + s.offset_days + s.window_days",
            "state": "'todo'",
            "active": "TRUE",
            "company_id": "e.company_id",
            "create_uid": "1",
            "write_uid": "1",
            "create_date": "now() at time zone 'UTC'",
            "write_date": "now() at time zone 'UTC'",
        }
        if "revisit_department_id" not in self.columns(cr, "res_partner"):
            values["department_id"] = "r.department_id"
        values = {k: v for k, v in values.items() if k in cols}
        cr.execute("SAVEPOINT bench_floor")
        start = time.perf_counter()
        cr.execute(
            f"""INSERT INTO revisit_visit ({", ".join(values)})
            SELECT {", ".join(values.values())}
            FROM revisit_event e
            JOIN res_partner p ON p.id = e.partner_id
            JOIN revisit_rule r ON r.trigger = e.trigger AND r.active
                AND r.company_id = e.company_id
            JOIN revisit_rule_step s ON s.rule_id = r.id
            WHERE e.id = ANY(%s)""",
            (event_ids,),
        )
        rows = cr.rowcount
        seconds = time.perf_counter() - start
        cr.execute("ROLLBACK TO SAVEPOINT bench_floor")
        return rows, seconds

    def generate_batches(self, event_ids, bar):
        """Generate the visits of the events through the ORM, one committed
        batch per EVENT_BATCH events; return (visits, seconds, queries)."""
        visits = queries = 0
        seconds = 0.0
        for start in range(0, len(event_ids), EVENT_BATCH):
            chunk = event_ids[start : start + EVENT_BATCH]
            with self.cursor() as cr:
                before = self.count(cr, "revisit_visit")
                q0, t0 = sql_db.sql_counter, time.perf_counter()
                self.env(cr)["revisit.event"].browse(chunk)._generate_visits()
                cr.commit()
                seconds += time.perf_counter() - t0
                queries += sql_db.sql_counter - q0
                visits += self.count(cr, "revisit_visit") - before
            bar.update(len(chunk))
        return visits, seconds, queries

    def measure_generation(self):
        with self.cursor() as cr:
            self.need_method(self.env(cr), "revisit.event", "_generate_visits")
            floor_rows, floor_s = self.sql_floor(cr, self.event_ids)
            cr.rollback()
        bar = Progress("generation from events (ORM)", len(self.event_ids))
        visits, seconds, queries = self.generate_batches(self.event_ids, bar)
        bar.finish()
        rate = visits / seconds if seconds else 0.0
        floor_rate = floor_rows / floor_s if floor_s else 0.0
        ratio = floor_rate / rate if rate else float("inf")
        events, calendar_s = self.calendar_recurrence()
        calendar_rate = events / calendar_s if calendar_s else 0.0
        self.row(
            f"1. generation from {len(self.event_ids):,} events (create())",
            f"{visits:,} visits in {fmt(seconds)} s = {fmt(rate, 0)} visits/s",
            f">= {fmt(calendar_rate, 0)} visits/s (calendar)",
            "PASS" if rate >= calendar_rate else "FAIL",
        )
        self.row(
            "   Odoo's calendar recurrence (same run)",
            f"{events:,} events in {fmt(calendar_s, 2)} s = "
            f"{fmt(calendar_rate, 0)} events/s ({CALENDAR_RECURRENCES} daily "
            f"recurrences of {CALENDAR_COUNT}, one attendee each)",
            "",
            "",
        )
        self.row(
            "   same rows by SQL INSERT ... SELECT (floor)",
            f"{floor_rows:,} rows in {fmt(floor_s, 2)} s = {fmt(floor_rate, 0)} rows/s;"
            f" ORM/floor = {fmt(ratio)}x",
            "<= 8x",
            "PASS" if ratio <= 8 else "FAIL",
        )
        self.queries_generation = queries * 1000 / max(visits, 1)
        with self.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM (SELECT 1 FROM revisit_visit WHERE event_id IS "
                "NOT NULL GROUP BY event_id, step_id HAVING count(*) > 1) d"
            )
            dupes = cr.fetchone()[0]
        self.row(
            "   duplicate visits (event, step)",
            f"{dupes:,}",
            "0",
            "PASS" if dupes == 0 else "FAIL",
        )
        self.measure_creation_messages()

    def calendar_recurrence(self):
        """Odoo's own bulk generator in the same database, rolled back: daily
        calendar recurrences of the longest length Odoo allows, one customer
        as attendee each, as a user makes them in the calendar."""
        with self.cursor() as cr:
            env = self.env(cr)
            Event = env["calendar.event"].with_context(
                no_mail_to_attendees=True, mail_create_nolog=True
            )
            start = datetime.datetime.combine(
                self.today + datetime.timedelta(days=1), datetime.time(2, 0)
            )
            p_min = self.partner_range[0]
            before = self.count(cr, "calendar_event")
            t0 = time.perf_counter()
            Event.create(
                [
                    {
                        "name": f"Bench recurrence {i + 1}",
                        "start": start,
                        "stop": start + datetime.timedelta(hours=1),
                        "partner_ids": [(6, 0, [p_min + i])],
                        "recurrency": True,
                        "rrule_type": "daily",
                        "interval": 1,
                        "end_type": "count",
                        "count": CALENDAR_COUNT,
                    }
                    for i in range(CALENDAR_RECURRENCES)
                ]
            )
            env.flush_all()
            seconds = time.perf_counter() - t0
            events = self.count(cr, "calendar_event") - before
            cr.rollback()
        return events, seconds

    def measure_creation_messages(self, count=10000, batch=100):
        """Odoo's own creation messages alone (mail.thread._message_log_batch,
        in the planner's batches), on visits that exist, rolled back: the
        ceiling of any generation through create() that logs one per visit."""
        with self.cursor() as cr:
            env = self.env(cr)
            Visit = env[VISIT_MODEL].sudo()
            ids = Visit.search([], order="id desc", limit=count).ids
            author = env.user.partner_id.id
            start = time.perf_counter()
            for i in range(0, len(ids), batch):
                chunk = Visit.browse(ids[i : i + batch])
                chunk._message_log_batch(
                    bodies={visit_id: "created" for visit_id in chunk.ids},
                    author_id=author,
                )
            env.flush_all()
            seconds = time.perf_counter() - start
            cr.rollback()
        self.row(
            "   creation messages alone (Odoo's _message_log_batch, no visit)",
            f"{len(ids):,} messages in {fmt(seconds, 2)} s = "
            f"{fmt(len(ids) / seconds if seconds else 0, 0)} messages/s",
            "",
            "",
        )

    def cron(self, env, methods):
        """The scheduled action calling one of the method names."""
        Cron = env["ir.cron"].with_context(active_test=False)
        for method in methods:
            cron = Cron.search([("code", "ilike", f"model.{method}(")], limit=1)
            if cron:
                return cron
        raise NotImplementedYet(f"scheduled action calling {' or '.join(methods)}")

    def run_cron(self, methods, label):
        """Run a scheduled action the way the scheduler does (batches, progress
        commits), again while it reports remaining work; return its seconds."""
        with self.cursor() as cr:
            cron_id = self.cron(self.env(cr), methods).id
        bar = Progress(label, 1)
        start = time.perf_counter()
        rounds = 0
        while rounds < MAX_CRON_ROUNDS:
            rounds += 1
            with self.cursor() as cr:
                self.env(cr)["ir.cron"].browse(cron_id).method_direct_trigger()
                cr.commit()
                cr.execute(
                    "SELECT done, remaining FROM ir_cron_progress WHERE cron_id = %s "
                    "ORDER BY id DESC LIMIT 1",
                    (cron_id,),
                )
                done, remaining = cr.fetchone() or (0, 0)
            if not remaining:
                break
            bar.total = max(bar.total, done + remaining)
            bar.update(0, f"round {rounds}, {remaining:,} left")
            if not done:
                break  # a run that did nothing: stop rather than spin
        seconds = time.perf_counter() - start
        bar.finish(f"{rounds} round(s)")
        return seconds

    def measure_periodic(self):
        with self.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM res_partner WHERE revisit_tier_id IS NOT NULL"
            )
            tiered = cr.fetchone()[0]
            before = self.count(cr, "revisit_visit")
        q0 = sql_db.sql_counter
        seconds = self.run_cron(CRON_GENERATE, "periodic generator, 1st run")
        queries = sql_db.sql_counter - q0
        with self.cursor() as cr:
            after = self.count(cr, "revisit_visit")
        created = after - before
        self.row(
            f"2. periodic generator over {tiered:,} tiered customers",
            f"{created:,} visits in {fmt(seconds)} s "
            f"({fmt(tiered / seconds if seconds else 0, 0)} customers/s)",
            "",
            "",
        )
        self.queries_periodic = queries * 1000 / max(tiered, 1)
        seconds = self.run_cron(CRON_GENERATE, "periodic generator, 2nd run")
        with self.cursor() as cr:
            again = self.count(cr, "revisit_visit") - after
        self.row(
            "   periodic generator, second run",
            f"{again:,} visits created in {fmt(seconds)} s",
            "0 created",
            "PASS" if again == 0 else "FAIL",
        )

    def measure_reminders(self):
        with self.cursor() as cr:
            total = self.count(cr, "revisit_visit")
            due = self.count(
                cr,
                "revisit_visit",
                "state IN ('todo', 'appointed') "
                "AND scheduled_date BETWEEN CURRENT_DATE AND CURRENT_DATE + 1",
            )
            overdue = self.count(
                cr,
                "revisit_visit",
                "state IN ('todo', 'appointed') "
                "AND COALESCE(deadline, scheduled_date) < CURRENT_DATE",
            )
            act0 = self.count(cr, "mail_activity")
            msg0 = self.count(cr, "mail_message")
        q0 = sql_db.sql_counter
        remind = self.run_cron(CRON_REMIND, "reminders")
        escalate = self.run_cron(CRON_ESCALATE, "escalation")
        queries = sql_db.sql_counter - q0
        with self.cursor() as cr:
            activities = self.count(cr, "mail_activity") - act0
            messages = self.count(cr, "mail_message") - msg0
        seconds = remind + escalate
        self.row(
            f"3. reminders + escalation over {total:,} visits "
            f"({due:,} due, {overdue:,} overdue)",
            f"{fmt(remind)} s + {fmt(escalate)} s = {fmt(seconds)} s "
            f"({activities:,} activities, {messages:,} messages)",
            "< 30 s",
            "PASS" if seconds < 30 else "FAIL",
        )
        self.queries_reminders = queries * 1000 / max(due + overdue, 1)

    def report_model(self, env):
        """The statistics model: the SQL view of the reporting (``_auto = False``)
        with a department and a date, else the visits themselves."""
        # the visits' own view first (other addons add report views too)
        for name in sorted(
            self.registry, key=lambda n: (n != "revisit.visit.report", n)
        ):
            model = self.registry[name]
            if (
                name.startswith("revisit")
                and not model._auto
                and not model._abstract
                and not model._transient
                and "department_id" in model._fields
            ):
                date_field = next(
                    (f for f in ("date", "scheduled_date") if f in model._fields), None
                )
                if date_field:
                    return env[name], date_field
        raise NotImplementedYet("statistics SQL view with department_id and a date")

    def dashboard_method(self, env):
        if hasattr(env["revisit.visit.report"], "get_dashboard_data"):
            return env["revisit.visit.report"], "get_dashboard_data"
        for name in sorted(self.registry):
            if not name.startswith("revisit"):
                continue
            for attr in dir(type(env[name])):
                if "dashboard" in attr and not attr.startswith("action"):
                    if callable(getattr(env[name], attr, None)):
                        return env[name], attr
        raise NotImplementedYet("dashboard method")

    def measure_statistics(self):
        with self.cursor() as cr:
            env = self.env(cr)
            total = self.count(cr, "revisit_visit")
            model, date_field = self.report_model(env)
            aggregates = ["__count"]
            if "satisfaction" in model._fields:
                aggregates.append("satisfaction:avg")
            start = time.perf_counter()
            groups = model.formatted_read_grouping_sets(
                [],
                [
                    [f"{date_field}:month", "department_id"],
                    [f"{date_field}:month"],
                    ["department_id"],
                    [],
                ],
                aggregates,
            )
            pivot = time.perf_counter() - start
            cells = sum(len(g) for g in groups)
            self.row(
                f"4. statistics pivot month x department over {total:,} visits",
                f"{fmt(pivot, 2)} s ({cells:,} cells, {model._name})",
                "< 2 s",
                "PASS" if pivot < 2 else "FAIL",
            )
            cr.rollback()
        n_dept = len(self.dept_ids)
        # a department head (supervisor) and a staff member, with their rules
        for label, uid in (
            ("supervisor", self.user_ids[0]),
            ("staff member", self.user_ids[n_dept]),
        ):
            with self.cursor() as cr:
                env = api.Environment(cr, uid, {})
                model, method = self.dashboard_method(env)
                getattr(model, method)(period="month")  # warm the caches
                start = time.perf_counter()
                data = getattr(model, method)(period="month")
                seconds = time.perf_counter() - start
                self.row(
                    f"   dashboard as a {label} (record rules), this month",
                    f"{fmt(seconds, 2)} s ({data['total']:,} visits seen)",
                    "< 1 s",
                    "PASS" if seconds < 1 else "FAIL",
                )
                cr.rollback()

    def measure_appraisal(self):
        last_month = self.today.replace(day=1) - datetime.timedelta(days=1)
        with self.cursor() as cr:
            appraisal = self.need_method(
                self.env(cr), "revisit.appraisal", "generate_for_month"
            )
            q0, start = sql_db.sql_counter, time.perf_counter()
            result = appraisal.generate_for_month(last_month.year, last_month.month)
            cr.commit()
            seconds = time.perf_counter() - start
            queries = sql_db.sql_counter - q0
            count = len(result) if result is not None else 0
        self.row(
            f"5. monthly appraisal of {self.args.employees:,} employees",
            f"{count:,} appraisals in {fmt(seconds)} s",
            "< 30 s",
            "PASS" if seconds < 30 and count else "FAIL",
        )
        self.queries_appraisal = queries * 1000 / max(count, 1)

    def query_rows(self):
        """Queries per 1,000 records, beside those of the last run at another
        size (kept next to the log): flat when they grow by less than 25%."""
        current = {}
        for key, attr in (
            ("1", "queries_generation"),
            ("2", "queries_periodic"),
            ("3", "queries_reminders"),
            ("5", "queries_appraisal"),
        ):
            if getattr(self, attr, None) is not None:
                current[key] = getattr(self, attr)
        history = {}
        if self.args.logfile:
            path = os.path.join(os.path.dirname(self.args.logfile), "queries.json")
            if os.path.exists(path):
                with open(path) as file:
                    history = json.load(file)
            history[str(self.args.customers)] = current
            with open(path, "w") as file:
                json.dump(history, file)
        others = sorted(
            (int(size), values)
            for size, values in history.items()
            if int(size) != self.args.customers
        )
        labels = {
            "1": "visits generated (1)",
            "2": "customers, periodic (2)",
            "3": "due visits, reminders (3)",
            "5": "employees, appraisal (5)",
        }
        first = True
        for key, value in current.items():
            other = next(
                ((size, v[key]) for size, v in reversed(others) if key in v), None
            )
            result, status = fmt(value, 0), ""
            if other:
                size, before = other
                result += f" ({fmt(before, 0)} at {size:,} customers)"
                status = "PASS" if value <= before * 1.25 + 5 else "FAIL"
            self.row(
                f"{'6.' if first else '  '} SQL queries per 1,000 {labels[key]}",
                result,
                "flat across sizes",
                status,
            )
            first = False

    def print_table(self, total_seconds):
        self.section = 7
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.row(
            "7. peak memory of the Odoo process",
            f"{fmt(peak_mb, 0)} MB",
            "< 1,536 MB",
            "PASS" if peak_mb < 1536 else "FAIL",
        )
        self.row("total run time", f"{fmt(total_seconds, 0)} s")
        rows = [row for _section, row in sorted(self.rows, key=lambda r: r[0])]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
        print(line)
        header = ("measure", "result", "target", "status")
        print(
            "| "
            + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
            + " |"
        )
        print(line)
        for r in rows:
            print(
                "| "
                + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))
                + " |"
            )
        print(line)
        failed = [r[0].strip() for r in rows if r[3] == "FAIL"]
        missing = [r[0].strip() for r in rows if r[3] == "n/a"]
        print(f"{len(failed)} FAIL, {len(missing)} n/a")
        return not failed

    def run_periodic_only(self):
        """Only customers and their last visits: the periodic generator at a
        size the other measures would take too long to build."""
        start = time.perf_counter()
        self.build()
        self.measure(2, "2. periodic generator", self.measure_periodic)
        return self.print_table(time.perf_counter() - start)

    def measure_http(self):
        """The users' screens over HTTP, with Odoo run by HTTP workers."""
        from bench_http import HttpLoad  # noqa: PLC0415 - only for --http

        args = self.args
        load = HttpLoad(
            self,
            args.http_port,
            args.http_staff,
            args.http_supervisors,
            args.http_rounds,
            args.http_workers,
            args.http_think,
        )
        logdir = os.path.dirname(args.logfile) if args.logfile else "."
        staff, supervisors, seconds = load.run(os.path.join(logdir, "http.log"))
        with self.cursor() as cr:
            total = self.count(cr, "revisit_visit")
        self.row(
            f"8. HTTP: {staff} staff + {supervisors} supervisors at once, "
            f"{args.http_rounds} rounds each, {args.http_think:g} s to read each "
            f"screen, --workers={args.http_workers}, "
            f"{total:,} visits",
            f"{fmt(seconds)} s in all",
        )
        for row in load.rows():
            self.row(*row)

    def run(self):
        if self.args.periodic_only:
            return self.run_periodic_only()
        start = time.perf_counter()
        self.build()
        if self.args.http_only:
            self.measure(8, "8. HTTP load", self.measure_http)
            return self.print_table(time.perf_counter() - start)
        # the periodic generator runs before the event generation: the events'
        # open visits would make every customer not due
        self.measure(2, "2. periodic generator", self.measure_periodic)
        self.measure(1, "1. generation from events", self.measure_generation)
        self.measure(3, "3. reminders + escalation", self.measure_reminders)
        self.measure(4, "4. statistics", self.measure_statistics)
        self.measure(5, "5. monthly appraisal", self.measure_appraisal)
        if self.args.http:
            self.measure(8, "8. HTTP load", self.measure_http)
        self.section = 6
        self.query_rows()
        return self.print_table(time.perf_counter() - start)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="scripts/bench", description="Benchmark the revisit suite at scale."
    )
    parser.add_argument("--customers", type=int, default=100000)
    parser.add_argument("--visits", type=int, default=1000000, help="historical visits")
    parser.add_argument(
        "--events",
        type=int,
        help="surgery events to generate from (default: customers)",
    )
    parser.add_argument(
        "--employees",
        type=int,
        help="revisit staff (default: customers / 100, 10-1,000)",
    )
    parser.add_argument(
        "--periodic-only",
        action="store_true",
        help="build only customers and one last visit each (visits = customers, "
        "no events) and measure the periodic generator",
    )
    parser.add_argument(
        "--http",
        action="store_true",
        help="also drive Odoo over HTTP as concurrent staff and supervisors "
        "(p50/p95 per screen)",
    )
    parser.add_argument(
        "--http-only",
        action="store_true",
        help="build the data, then only the HTTP load (no other measure)",
    )
    parser.add_argument("--http-port", type=int, default=8227)
    parser.add_argument("--http-staff", type=int, default=20)
    parser.add_argument("--http-supervisors", type=int, default=5)
    parser.add_argument("--http-rounds", type=int, default=5, help="rounds per user")
    parser.add_argument("--http-workers", type=int, default=2, help="Odoo --workers")
    parser.add_argument(
        "--http-think",
        type=float,
        default=1.0,
        help="seconds a user reads a screen before the next step (0.5x-1.5x; "
        "0: back to back)",
    )
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--database", default="revisit_bench", help=argparse.SUPPRESS)
    parser.add_argument("--logfile", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.periodic_only:
        args.visits, args.events = args.customers, 0
    if args.events is None:
        args.events = args.customers
    if args.employees is None:
        args.employees = min(1000, max(10, args.customers // 100))
    if min(args.customers, args.visits, args.employees) < 1 or args.events < 0:
        parser.error("every size must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    odoo_args = ["-d", args.database, "--no-http", "--log-level=info"]
    if args.config:
        odoo_args += ["-c", args.config]
    if args.logfile:
        odoo_args += ["--logfile", args.logfile]
    config.parse_config(odoo_args, setup_logging=True)
    server.load_server_wide_modules()
    return 0 if Bench(args).run() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
