"""A separate Odoo process for the concurrency and crash tests.

    python worker.py --config CFG --database DB [--barrier KEY] STEP [STEP ...]

Loads the database's registry, optionally waits on a PostgreSQL advisory lock
held by the test (so that several workers start at the same moment), then runs
each step in its own transaction and prints one JSON line: the steps run and
the errors they raised. Steps:

- ``events:ID,ID,...``   revisit.event._generate_visits() on these events
- ``periodic``           the periodic generator, called directly
- ``remind``             the reminder scheduled action's method, called directly
- ``cron:periodic``      the periodic generator's ir.cron run as the scheduler
                         does, again while it reports remaining work
"""

import argparse
import json
import sys
import traceback

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

# the scheduled actions' model and method
METHODS = {
    "periodic": ("revisit.planner", "_cron_generate_periodic_visits"),
    "remind": ("revisit.reminder.manager", "_cron_remind"),
}


def run_cron(registry, step):
    """Trigger the scheduled action until its progress shows no work left."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        model, method = METHODS[step]
        cron = (
            env["ir.cron"]
            .with_context(active_test=False)
            .search(
                [("model_id.model", "=", model), ("code", "ilike", method)],
                limit=1,
            )
        )
        if not cron:
            raise LookupError(f"no scheduled action calls {method}")
        cron_id = cron.id
    for _round in range(1000):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.cron"].browse(cron_id).method_direct_trigger()
            cr.commit()
            cr.execute(
                "SELECT remaining FROM ir_cron_progress WHERE cron_id = %s "
                "ORDER BY id DESC LIMIT 1",
                (cron_id,),
            )
            (remaining,) = cr.fetchone() or (0,)
        if not remaining:
            return


def run_step(registry, step):
    if step.startswith("cron:"):
        run_cron(registry, step.split(":", 1)[1])
        return
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if step.startswith("events:"):
            ids = [int(i) for i in step.split(":", 1)[1].split(",")]
            env["revisit.event"].browse(ids)._generate_visits()
        else:
            model, method = METHODS[step]
            getattr(env[model], method)()
        cr.commit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--barrier", type=int)
    parser.add_argument("steps", nargs="+")
    args = parser.parse_args()
    config.parse_config(
        ["-c", args.config, "-d", args.database, "--no-http", "--log-level=warn"],
        setup_logging=True,
    )
    registry = Registry(args.database)
    if args.barrier:
        with registry.cursor() as cr:
            cr.execute("SELECT pg_advisory_lock_shared(%s)", (args.barrier,))
            cr.execute("SELECT pg_advisory_unlock_shared(%s)", (args.barrier,))
    result = {"steps": [], "errors": []}
    for step in args.steps:
        try:
            run_step(registry, step)
            result["steps"].append(step)
        except Exception as exc:
            result["errors"].append(
                {
                    "step": step,
                    "error": f"{type(exc).__name__}: {exc}",
                    "traceback": traceback.format_exc(),
                }
            )
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
