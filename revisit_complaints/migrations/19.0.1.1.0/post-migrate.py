from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The rule the pre-migration let this update reload is noupdate again."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.model.data"].search(
        [
            ("module", "=", "revisit_complaints"),
            ("name", "=", "revisit_complaint_action_rule_supervisor"),
        ]
    ).write({"noupdate": True})
