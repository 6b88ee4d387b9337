from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    is_complaint = fields.Boolean(
        string="Complaint",
        tracking=True,
        help="The customer complains: the ticket is judged, answered and revisited "
        "as the complaint rules require.",
    )
    complaint_severity = fields.Selection(
        [("general", "General"), ("important", "Important"), ("major", "Major")],
        string="Severity",
        default="general",
        tracking=True,
    )
