from odoo import SUPERUSER_ID, api

# the scheduled actions of the visits moved to the planner (periodic
# generation) and the reminder manager (reminders and escalations): their
# records are noupdate data, so their model is written here
CRONS = {
    "ir_cron_revisit_generate": "revisit.planner",
    "ir_cron_revisit_remind": "revisit.reminder.manager",
    "ir_cron_revisit_escalate": "revisit.reminder.manager",
    "ir_cron_revisit_report_reminder": "revisit.reminder.manager",
    "ir_cron_revisit_promise": "revisit.reminder.manager",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name, model in CRONS.items():
        cron = env.ref(f"revisit_management.{name}", raise_if_not_found=False)
        if cron:
            cron.model_id = env["ir.model"]._get_id(model)
