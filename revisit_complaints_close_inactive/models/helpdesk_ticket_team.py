from odoo import models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    def close_team_inactive_tickets(self):
        """Warn and close only the tickets that may close (see helpdesk.ticket)."""
        return super(
            HelpdeskTicketTeam, self.with_context(revisit_closable_only=True)
        ).close_team_inactive_tickets()
