from odoo import fields, models
from odoo.tools import SQL

from ..models.revisit_visit_states import has_problem_sql, problem_resolved_sql
from .revisit_visit_analysis_mixin import avg_field, measures_sql


class RevisitProblemReport(models.Model):
    """Customers' problems: one row per problem category raised on a done
    visit (one row without category for a problem written only as text), with
    its handling and the visit's satisfaction. Weekly summaries, the feedback
    report to the departments and the satisfaction report by problem type are
    groupings of these rows."""

    _name = "revisit.problem.report"
    _description = "Customers' Problems Analysis"
    _inherit = ["revisit.visit.analysis.mixin"]
    _auto = False
    _depends = {
        "revisit.visit": [
            "active",
            "done_date",
            "parent_visit_id",
            "problem",
            "problem_category_ids",
            "satisfaction",
            "state",
        ],
    }

    date = fields.Date(string="Date Raised", readonly=True)
    category_id = fields.Many2one(
        "revisit.problem.category", string="Problem Category", readonly=True
    )
    nbr = fields.Integer(string="# Problems", readonly=True)
    nbr_resolved = fields.Integer(string="# Handled", readonly=True)
    resolution_rate = avg_field(
        "Handled (%)",
        help="Problems closed by a follow-up visit done without a new problem.",
    )
    satisfaction = avg_field("Average Satisfaction")

    def _select(self):
        return SQL(
            """
            ROW_NUMBER() OVER (ORDER BY v.id, r.revisit_problem_category_id) AS id,
            %(visit)s,
            v.done_date AS date,
            r.revisit_problem_category_id AS category_id,
            1 AS nbr,
            CASE WHEN v.satisfaction > 0 THEN v.satisfaction END AS satisfaction,
            %(measures)s
            """,
            visit=self._visit_columns("v"),
            measures=measures_sql(
                {"nbr_resolved": SQL("h.resolved")},
                {"resolution_rate": (SQL("h.resolved"), None)},
            ),
        )

    def _from(self):
        return SQL(
            """
            revisit_visit v
            LEFT JOIN revisit_problem_category_revisit_visit_rel r
                ON r.revisit_visit_id = v.id
            CROSS JOIN LATERAL (SELECT %(resolved)s AS resolved) h
            """,
            resolved=problem_resolved_sql("v"),
        )

    def _where(self):
        return SQL("v.active AND v.state = 'done' AND %s", has_problem_sql("v"))
