from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..models import revisit_scales as scales
from ..models.revisit_reach import (
    answered_sql,
    attempted_sql,
    closed_loop_sql,
    done_visit_sql,
    due_sql,
    reached_sql,
    valid_record_sql,
)
from ..models.revisit_rule import METHODS
from ..models.revisit_scales import SCALES
from .revisit_visit_analysis_mixin import avg_field, measures_sql
from .revisit_visit_report import rate

FUNNEL_AGGREGATES = [
    "nbr_due:sum",
    "nbr_attempted:sum",
    "nbr_reached:sum",
    "nbr_answered:sum",
    "nbr_valid:sum",
    "satisfaction_score:avg",
    "csat:avg",
    "nps:avg",
    "ces:avg",
    "nbr_low:sum",
    "nbr_closed_loop:sum",
    # how many rows have each average: Odoo reads an average of no value as 0
    "satisfaction_score:count",
    "csat:count",
    "nps:count",
    "ces:count",
]


class RevisitReachReport(models.Model):
    """The reach funnel: one row per contact (a visit and its retries), with
    its stages as 0/1 measures and its rates as 100/0 columns (NULL where the
    rate does not apply: the average over any group is the group's rate).
    The stages are those of ``revisit_reach``."""

    _name = "revisit.reach.report"
    _description = "Revisit Reach Funnel"
    _inherit = ["revisit.visit.analysis.mixin"]
    _auto = False
    # what the view reads: flushed before it is queried
    _depends = {
        "revisit.visit": [
            "active",
            "state",
            "due_date",
            "method",
            "reach_root_id",
            "parent_visit_id",
            "retry_count",
            "satisfaction",
            "scale_answer",
            "satisfaction_scale",
            "satisfaction_score",
            "satisfaction_low",
            "survey_conflict",
            "feedback",
            "report",
            "survey_user_input_id",
            "signature",
        ],
        "revisit.visit.attempt": ["root_visit_id", "result"],
        "survey.user_input": ["state"],
    }

    visit_id = fields.Many2one(string="Contact")
    date = fields.Date(string="Due Date", readonly=True)
    method = fields.Selection(METHODS, readonly=True)
    satisfaction_scale = fields.Selection(SCALES, readonly=True)
    nbr_due = fields.Integer(string="# Due", readonly=True)
    nbr_attempted = fields.Integer(string="# Attempted", readonly=True)
    nbr_reached = fields.Integer(string="# Reached", readonly=True)
    nbr_answered = fields.Integer(string="# Answered", readonly=True)
    nbr_valid = fields.Integer(string="# Valid Records", readonly=True)
    coverage_rate = avg_field(
        "Coverage Rate (%)", help="Contacts attempted of those due (覆盖率)."
    )
    reach_rate = avg_field(
        "Reach Rate (%)", help="Contacts reached of those attempted (接通率)."
    )
    answer_rate = avg_field(
        "Answer Rate (%)", help="Contacts answered of those reached (问卷完成率)."
    )
    valid_rate = avg_field(
        "Valid Record Rate (%)",
        help="Valid records of the contacts answered (有效记录率).",
    )
    satisfaction_score = avg_field("Satisfaction (0-100)")
    csat = avg_field("CSAT (%)", help="Share of star answers of 4 or 5.")
    nps = avg_field(
        "NPS", help="Promoters (9-10) minus detractors (0-6), in % of the NPS answers."
    )
    ces = avg_field("CES", help="Average effort (1-7).")
    nbr_low = fields.Integer(string="# Low Scores", readonly=True)
    nbr_closed_loop = fields.Integer(string="# Closed Loops", readonly=True)
    closed_loop_rate = avg_field(
        "Closed-loop Rate (%)",
        help="Low scores whose follow-up ended with the customer satisfied.",
    )

    def _select(self):
        attempted, reached = SQL("st.attempted"), SQL("st.reached")
        answered, valid, low = SQL("st.answered"), SQL("st.valid"), SQL("sc.low")
        closed = closed_loop_sql("d")
        counts = {
            "nbr_attempted": attempted,
            "nbr_reached": reached,
            "nbr_answered": answered,
            "nbr_valid": valid,
            "nbr_low": low,
            "nbr_closed_loop": SQL("%s AND %s", low, closed),
        }
        rates = {
            "coverage_rate": (attempted, None),
            "reach_rate": (reached, attempted),
            "answer_rate": (answered, reached),
            "valid_rate": (valid, answered),
            "closed_loop_rate": (closed, low),
        }
        scale, answer = SQL("d.satisfaction_scale"), SQL("sc.answer")
        return SQL(
            """
            v.id AS id,
            %(visit)s,
            v.due_date AS date,
            v.method AS method,
            COALESCE(d.satisfaction_scale, v.satisfaction_scale) AS satisfaction_scale,
            1 AS nbr_due,
            CASE WHEN sc.answer IS NOT NULL THEN d.satisfaction_score END
                AS satisfaction_score,
            %(csat)s AS csat,
            %(nps)s AS nps,
            %(ces)s AS ces,
            %(measures)s
            """,
            visit=self._visit_columns("v"),
            csat=scales.csat_sql(scale, answer),
            nps=scales.nps_sql(scale, answer),
            ces=scales.ces_sql(scale, answer),
            measures=measures_sql(counts, rates),
        )

    def _from(self):
        return SQL(
            """
            revisit_visit v
            LEFT JOIN LATERAL (%(done)s) d ON TRUE
            CROSS JOIN LATERAL (
                SELECT %(attempted)s AS attempted,
                       %(reached)s AS reached,
                       %(answered)s AS answered,
                       COALESCE(%(valid)s, FALSE) AS valid
            ) st
            CROSS JOIN LATERAL (
                SELECT CASE WHEN st.answered THEN %(answer)s END AS answer,
                       st.answered AND COALESCE(d.satisfaction_low, FALSE) AS low
            ) sc
            """,
            done=done_visit_sql("v"),
            attempted=attempted_sql("v"),
            reached=reached_sql("v"),
            answered=answered_sql("v"),
            valid=valid_record_sql("v", "d"),
            answer=scales.answer_sql("d"),
        )

    def _where(self):
        return due_sql("v")

    @api.model
    def _dashboard_funnel(self, domain, date_from, date_to):
        """The funnel of the dashboard: the contacts due in the period, among
        the rows of the dashboard's filter (a domain on the visits' analysis,
        whose rows are the visits)."""
        funnel = Domain.TRUE
        if date_from:
            funnel &= Domain("date", ">=", date_from)
        if date_to:
            funnel &= Domain("date", "<=", date_to)
        if not Domain(domain).is_true():
            funnel &= Domain(
                "visit_id", "in", self.env["revisit.visit.report"]._search(domain)
            )
        return self._funnel_figures(funnel)

    @api.model
    def _funnel_figures(self, domain=None):
        """The funnel's counts and rates of the rows of ``domain``: the
        dashboard's figures, as the pivot shows them."""
        [row] = self._read_group(Domain(domain or []), [], FUNNEL_AGGREGATES)
        (
            due,
            attempted,
            reached,
            answered,
            valid,
            satisfaction,
            csat,
            nps,
            ces,
            low,
            closed,
        ) = (
            [value or 0 for value in row[:5]]
            + [
                average if counted else None
                for average, counted in zip(row[5:9], row[11:15], strict=True)
            ]
            + [value or 0 for value in row[9:11]]
        )

        def rounded(value, digits=1):
            return round(value, digits) if value is not None else False

        return {
            "funnel_due": due,
            "funnel_attempted": attempted,
            "funnel_reached": reached,
            "funnel_answered": answered,
            "funnel_valid": valid,
            "funnel_coverage_rate": rate(attempted, due),
            "funnel_reach_rate": rate(reached, attempted),
            "funnel_answer_rate": rate(answered, reached),
            "funnel_valid_rate": rate(valid, answered),
            "funnel_satisfaction": rounded(satisfaction),
            "funnel_csat": rounded(csat),
            "funnel_nps": rounded(nps),
            "funnel_ces": rounded(ces, 2),
            "funnel_low": low,
            "funnel_closed_loop": closed,
            "funnel_closed_loop_rate": rate(closed, low),
        }
