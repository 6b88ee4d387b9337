from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.revisit_visit_states import has_problem_sql, problem_resolved_sql


class RevisitProblemReport(models.Model):
    """Customers' problems: one row per problem category raised on a done
    visit (one row without category for a problem written only as text), with
    its handling and the visit's satisfaction. Weekly summaries, the feedback
    report to the departments and the satisfaction report by problem type are
    groupings of these rows."""

    _name = "revisit.problem.report"
    _description = "Customers' Problems Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "visit_id"
    _depends = {
        "revisit.visit": [
            "active",
            "company_id",
            "department_id",
            "done_date",
            "parent_visit_id",
            "partner_id",
            "plan_id",
            "problem",
            "problem_category_ids",
            "rule_id",
            "satisfaction",
            "state",
            "user_id",
        ],
    }

    visit_id = fields.Many2one("revisit.visit", readonly=True)
    date = fields.Date(string="Date Raised", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned To", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    rule_id = fields.Many2one("revisit.rule", readonly=True)
    plan_id = fields.Many2one("revisit.plan", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    category_id = fields.Many2one(
        "revisit.problem.category", string="Problem Category", readonly=True
    )
    nbr = fields.Integer(string="# Problems", readonly=True)
    nbr_resolved = fields.Integer(string="# Handled", readonly=True)
    resolution_rate = fields.Float(
        string="Handled (%)",
        readonly=True,
        aggregator="avg",
        help="Problems closed by a follow-up visit done without a new problem.",
    )
    satisfaction = fields.Float(
        string="Average Satisfaction", readonly=True, aggregator="avg"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT
                        ROW_NUMBER() OVER (ORDER BY v.id, r.revisit_problem_category_id)
                            AS id,
                        v.id AS visit_id,
                        v.done_date AS date,
                        v.partner_id,
                        v.user_id,
                        v.department_id,
                        v.rule_id,
                        v.plan_id,
                        v.company_id,
                        r.revisit_problem_category_id AS category_id,
                        1 AS nbr,
                        CASE WHEN h.resolved THEN 1 ELSE 0 END AS nbr_resolved,
                        CASE WHEN h.resolved THEN 100.0 ELSE 0.0 END
                            AS resolution_rate,
                        CASE WHEN v.satisfaction > 0 THEN v.satisfaction END
                            AS satisfaction
                    FROM revisit_visit v
                    LEFT JOIN revisit_problem_category_revisit_visit_rel r
                        ON r.revisit_visit_id = v.id
                    CROSS JOIN LATERAL (SELECT %(resolved)s AS resolved) h
                    WHERE v.active AND v.state = 'done' AND %(has_problem)s
                )
                """,
                table=SQL.identifier(self._table),
                resolved=problem_resolved_sql("v"),
                has_problem=has_problem_sql("v"),
            )
        )
