from odoo import SUPERUSER_ID, api

# the project rules moved from revisit_project to revisit_management
MOVED = [
    "revisit_rule_project_start",
    "revisit_rule_project_start_step",
    "revisit_rule_project_done",
    "revisit_rule_project_done_step",
]


def migrate(cr, version):
    """Databases that have revisit_project keep their project rules (and what
    was changed in them) under revisit_management's name, instead of getting a
    second copy of each rule."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.model.data"].search(
        [("module", "=", "revisit_project"), ("name", "in", MOVED)]
    ).write({"module": "revisit_management"})
