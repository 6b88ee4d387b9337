from odoo import api, models


class ReportRevisitVisitSummary(models.AbstractModel):
    """Visit statistics (回访统计表): the rates of a set of visits and their list."""

    _name = "report.revisit_management.report_revisit_visit_summary"
    _description = "Revisit Visit Statistics"

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
            **self._problem_values(visits),
        }

    @api.model
    def _problem_values(self, visits):
        """The customers' problems of the visits classified for the departments
        (by department and category) and the satisfaction by problem type."""
        Problem = self.env["revisit.problem.report"]
        domain = [("visit_id", "in", visits.ids)]
        no_category = self.env._("No category")
        no_department = self.env._("No department")

        def line(category, count, resolved, satisfaction):
            return {
                "category": category.name or no_category,
                "count": count,
                "handled": resolved,
                "satisfaction": round(satisfaction or 0.0, 2),
            }

        aggregates = ["__count", "nbr_resolved:sum", "satisfaction:avg"]
        by_department = {}
        for department, category, *values in Problem._read_group(
            domain, ["department_id", "category_id"], aggregates
        ):
            by_department.setdefault(department, []).append(line(category, *values))
        return {
            "problems_by_department": [
                (department.display_name or no_department, lines)
                for department, lines in sorted(
                    by_department.items(), key=lambda item: item[0].display_name or ""
                )
            ],
            "problems_by_category": [
                line(category, *values)
                for category, *values in Problem._read_group(
                    domain, ["category_id"], aggregates
                )
            ],
        }
