from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Supervisors read the corrective actions of their departments'
    complaints within the customer's confidentiality, as the complaints
    themselves: the rule, noupdate data, is reloaded from the shipped file by
    this update (the post-migration marks it noupdate again)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.model.data"].search(
        [
            ("module", "=", "revisit_complaints"),
            ("name", "=", "revisit_complaint_action_rule_supervisor"),
        ]
    ).write({"noupdate": False})
