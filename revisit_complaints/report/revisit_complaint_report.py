from odoo import api, fields, models
from odoo.addons.revisit_management.report.revisit_visit_analysis_mixin import (
    avg_field,
    measures_sql,
)
from odoo.tools import SQL

from ..models.helpdesk_ticket import SEVERITIES, VALIDITIES


class RevisitComplaintReport(models.Model):
    """One row per complaint, duplicates folded into their original."""

    _name = "revisit.complaint.report"
    _description = "Complaint Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "ticket_id"
    _depends = {
        "helpdesk.ticket": [
            "active",
            "category_id",
            "closed_date",
            "commercial_partner_id",
            "company_id",
            "complaint_severity",
            "complaint_validity",
            "create_date",
            "customer_satisfied",
            "duplicate_id",
            "first_reply_date",
            "is_anonymous",
            "is_complaint",
            "reply_only",
            "responsible_department_id",
            "responsible_user_id",
            "stage_id",
            "team_id",
        ],
        "helpdesk.ticket.stage": ["closed"],
        "revisit.visit": ["state", "ticket_id"],
    }

    ticket_id = fields.Many2one("helpdesk.ticket", string="Complaint", readonly=True)
    date = fields.Date(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible Person", readonly=True)
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    severity = fields.Selection(SEVERITIES, readonly=True)
    validity = fields.Selection(VALIDITIES, readonly=True)
    is_closed = fields.Boolean(string="Handled", readonly=True)
    is_repeat = fields.Boolean(
        string="Repeat Complaint",
        readonly=True,
        help="The customer complained before about another issue.",
    )
    customer_satisfied = fields.Boolean(readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    duplicate_count = fields.Integer(
        string="Duplicates Folded In", readonly=True, aggregator="sum"
    )
    handled_rate = avg_field(
        "Handling Rate (%)", help="Share of complaints closed. The target is 100%."
    )
    revisit_rate = avg_field(
        "Revisit Rate (%)",
        help="Share of closed valid complaints with a done follow-up visit "
        "(anonymous and reply-only ones excluded).",
    )
    valid_rate = avg_field(
        "Valid Share (%)", help="Share of judged complaints found valid."
    )
    reply_hours = avg_field("Hours to First Reply")
    close_hours = avg_field("Hours to Close")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT t.id AS id,
                   t.id AS ticket_id,
                   -- the company's calendar day of the complaint
                   (t.create_date AT TIME ZONE 'UTC'
                    AT TIME ZONE COALESCE(c.revisit_tz, 'UTC'))::date AS date,
                   t.commercial_partner_id AS partner_id,
                   t.team_id,
                   t.category_id,
                   t.responsible_user_id AS user_id,
                   t.responsible_department_id AS department_id,
                   t.company_id,
                   t.complaint_severity AS severity,
                   t.complaint_validity AS validity,
                   COALESCE(s.closed, FALSE) AS is_closed,
                   t.customer_satisfied,
                   EXISTS (
                       SELECT 1 FROM helpdesk_ticket e
                        WHERE e.is_complaint AND e.duplicate_id IS NULL
                          AND e.active
                          AND e.commercial_partner_id = t.commercial_partner_id
                          AND e.create_date < t.create_date
                   ) AS is_repeat,
                   1 AS complaint_count,
                   (SELECT count(*) FROM helpdesk_ticket d
                     WHERE d.duplicate_id = t.id) AS duplicate_count,
                   %(rates)s,
                   EXTRACT(EPOCH FROM t.first_reply_date - t.create_date) / 3600.0
                       AS reply_hours,
                   CASE WHEN s.closed THEN
                       EXTRACT(EPOCH FROM t.closed_date - t.create_date) / 3600.0
                   END AS close_hours
              FROM helpdesk_ticket t
              JOIN res_company c ON c.id = t.company_id
              LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
             WHERE t.is_complaint AND t.duplicate_id IS NULL AND t.active
            """,
            rates=measures_sql(
                rates={
                    "handled_rate": (SQL("s.closed"), None),
                    # closed valid complaints with a customer to revisit
                    "revisit_rate": (
                        SQL(
                            """EXISTS (SELECT 1 FROM revisit_visit v
                                WHERE v.ticket_id = t.id AND v.state = 'done')"""
                        ),
                        SQL(
                            """s.closed AND t.complaint_validity = 'valid'
                                AND NOT COALESCE(t.is_anonymous, FALSE)
                                AND NOT COALESCE(t.reply_only, FALSE)"""
                        ),
                    ),
                    "valid_rate": (
                        SQL("t.complaint_validity = 'valid'"),
                        SQL("t.complaint_validity IN ('valid', 'invalid')"),
                    ),
                }
            ),
        )

    @api.model
    def _complaint_statistics(self, date_from, date_to):
        """Complaint figures of a period, for the revisit digest and dashboards.

        The valid share compares the customers with a valid complaint to all
        customers (commercial partners that are neither a company of ours nor an
        internal user): the regulation's target is 1% or less.
        """
        company = self.env.company
        domain = [
            ("date", ">=", date_from),
            ("date", "<=", date_to),
            ("company_id", "=", company.id),
        ]
        [[count, handled, valid, reply, close]] = self._read_group(
            domain,
            [],
            [
                "complaint_count:sum",
                "handled_rate:avg",
                "valid_rate:avg",
                "reply_hours:avg",
                "close_hours:avg",
            ],
        )
        revisit = dict(self._read_group(domain, ["severity"], ["revisit_rate:avg"]))
        valid_customers = self._read_group(
            [*domain, ("validity", "=", "valid")], [], ["partner_id:count_distinct"]
        )[0][0]
        customers = self.env["res.partner"].search_count(
            [
                ("parent_id", "=", False),
                ("user_ids", "=", False),
                ("company_id", "in", [False, company.id]),
                (
                    "id",
                    "not in",
                    self.env["res.company"].sudo().search([]).partner_id.ids,
                ),
            ]
        )
        return {
            "complaint_count": count or 0,
            "handling_rate": handled or 0.0,
            "revisit_rate_by_severity": {
                severity: revisit.get(severity) or 0.0
                for severity, _label in SEVERITIES
            },
            "valid_rate": valid or 0.0,
            "valid_customer_count": valid_customers,
            "customer_count": customers,
            "valid_customer_share": customers and 100.0 * valid_customers / customers,
            "reply_hours": reply or 0.0,
            "close_hours": close or 0.0,
            "repeat_count": self.search_count([*domain, ("is_repeat", "=", True)]),
        }
