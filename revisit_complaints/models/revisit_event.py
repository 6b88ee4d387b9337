from odoo import fields, models


class RevisitEvent(models.Model):
    _inherit = "revisit.event"

    trigger = fields.Selection(
        selection_add=[("ticket_closed", "Helpdesk Ticket Closed")],
        ondelete={"ticket_closed": "cascade"},
    )
