from odoo import api, models


class ReportRevisitVisitSummary(models.AbstractModel):
    """Visit report (回访报告表): the rates of a set of visits and their list."""

    _name = "report.revisit_management.report_revisit_visit_summary"
    _description = "Revisit Visit Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        visits = self.env["revisit.visit"].browse(docids)
        dates = visits.mapped("scheduled_date")
        return {
            "doc_ids": docids,
            "doc_model": "revisit.visit",
            "docs": visits,
            "date_from": min(dates) if dates else False,
            "date_to": max(dates) if dates else False,
            "stats": self.env["revisit.visit.report"].get_dashboard_data(
                domain=[("visit_id", "in", visits.ids)]
            ),
        }
