from odoo import api, models


class RevisitPlanner(models.AbstractModel):
    _inherit = "revisit.planner"

    @api.model
    def _create_next_visits(self, visits, kind):
        """Complaint visits are followed up by the complaint: a dissatisfied
        customer reopens it, and closing it again plans the next visit."""
        if kind == "followup":
            visits = visits.filtered(lambda v: not v.ticket_id)
        return super()._create_next_visits(visits, kind)
