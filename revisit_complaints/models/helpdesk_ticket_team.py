from odoo import api, fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    complaint_assistant_user_id = fields.Many2one(
        "res.users",
        string="Complaint Assistant",
        check_company=True,
        domain=[("share", "=", False)],
        help="Handles and revisits general complaints.",
    )
    complaint_head_user_id = fields.Many2one(
        "res.users",
        string="Department Head",
        check_company=True,
        domain=[("share", "=", False)],
        help="Handles and revisits important complaints; overdue promises are "
        "escalated to this person.",
    )
    complaint_manager_user_id = fields.Many2one(
        "res.users",
        string="Company Manager",
        check_company=True,
        domain=[("share", "=", False)],
        help="Handles and revisits major complaints and is notified of them at once.",
    )

    revisit_ticket_trigger = fields.Selection(
        selection="_selection_revisit_ticket_trigger",
        string="Revisit Closed Tickets as",
        default="ticket_closed",
        help="A closed ticket that is not a complaint creates a revisit event of "
        "this kind: the revisit rules of this trigger decide whether (sampling) and "
        "when the customer is asked about their satisfaction. Empty: no revisit.",
    )

    @api.model
    def _selection_revisit_ticket_trigger(self):
        return [
            (value, label)
            for value, label in self.env["revisit.rule"]
            ._fields["trigger"]
            ._description_selection(self.env)
            if value not in ("periodic", "manual", "complaint")
        ]

    def _complaint_route_user(self, severity):
        """The user who handles and revisits a complaint of this severity."""
        if not self:
            return self.env["res.users"]
        self.ensure_one()
        return {
            "general": self.complaint_assistant_user_id,
            "important": self.complaint_head_user_id,
            "major": self.complaint_manager_user_id,
        }.get(severity) or self.env["res.users"]
