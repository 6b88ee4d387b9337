from odoo import api, models


class ReportRevisitVisitStaff(models.AbstractModel):
    """The staff's visit report (客户回访报告表): what a revisit officer hands
    in the day after their visits, one sheet per officer and day, for the
    supervisor's review."""

    _name = "report.revisit_management.report_revisit_visit_staff"
    _description = "Staff's Visit Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        visits = self.env["revisit.visit"].browse(docids)
        sheets = {}
        for visit in visits.sorted(
            lambda v: (v.user_id.name or "", v.done_date or v.scheduled_date, v.id)
        ):
            key = (visit.user_id, visit.done_date or visit.scheduled_date)
            sheets.setdefault(key, self.env["revisit.visit"])
            sheets[key] |= visit
        return {
            "doc_ids": docids,
            "doc_model": "revisit.visit",
            "docs": visits,
            "sheets": [
                {
                    "user": user,
                    "day": day,
                    "visits": day_visits,
                    "staff_signature": next(
                        (v.staff_signature for v in day_visits if v.staff_signature),
                        False,
                    ),
                    "report_date": max(
                        filter(None, day_visits.mapped("report_date")), default=False
                    ),
                    "reviews": day_visits.filtered("review_comment"),
                }
                for (user, day), day_visits in sheets.items()
            ],
        }
