from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    revisit_followup_days = fields.Integer(
        string="Complaint Revisit within (Days)",
        help="A closed complaint of this category is revisited within this many "
        "days, whatever its severity. Leave 0 to follow the severity's delay.",
    )

    _revisit_followup_days_positive = models.Constraint(
        "CHECK(revisit_followup_days >= 0)",
        "A complaint revisit delay cannot be negative.",
    )
