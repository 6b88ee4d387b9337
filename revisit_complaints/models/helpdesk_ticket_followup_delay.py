from datetime import timedelta

from odoo import models
from odoo.addons.revisit_management.models.revisit_visit_states import OPEN_STATES


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _complaint_followup_days(self):
        """Days within which this closed complaint is revisited: its category's
        delay, or its severity's."""
        self.ensure_one()
        category = self.sudo().category_id
        if category.revisit_followup_days:
            return category.revisit_followup_days
        company = self.company_id
        return {
            "important": company.complaint_followup_days_important,
            "major": company.complaint_followup_days_major,
        }.get(self.sudo().complaint_severity, company.complaint_followup_days_general)

    def _complaint_create_followup(self):
        """The follow-up visit is due as the complaint's severity or category
        says, counted from the day the complaint closes."""
        Visit = self.env["revisit.visit"].sudo()
        domain = [("followup_ticket_id", "in", self.ids), ("state", "in", OPEN_STATES)]
        before = Visit.search(domain)
        res = super()._complaint_create_followup()
        planned = Visit.search(domain) - before
        for ticket in self:
            today = ticket.company_id._revisit_today()
            deadline = today + timedelta(days=ticket._complaint_followup_days())
            for visit in planned.filtered(
                lambda v, t=ticket: v.followup_ticket_id == t
            ):
                # sudo: the visits this closing just planned for the complaint
                visit.write(
                    {
                        "scheduled_date": min(visit.scheduled_date, deadline),
                        "deadline": deadline,
                    }
                )
        return res
