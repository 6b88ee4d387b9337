from odoo import fields, models


class RevisitRule(models.Model):
    _inherit = "revisit.rule"

    trigger = fields.Selection(
        selection_add=[("ticket_closed", "Helpdesk Ticket Closed")],
        ondelete={"ticket_closed": "cascade"},
    )
