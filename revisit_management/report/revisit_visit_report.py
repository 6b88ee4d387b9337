from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, date_utils

from ..models.revisit_rule import METHODS, VISIT_STATES
from ..models.revisit_visit_states import (
    company_today_sql,
    has_problem_sql,
    on_time_sql,
    open_domain,
    open_sql,
    overdue_domain_by_company,
    overdue_sql,
    problem_resolved_sql,
)
from .revisit_visit_analysis_mixin import avg_field, measures_sql

# customers due and customers visited of a group of rows (coverage)
COVERAGE_AGGREGATES = ["partner_id:count_distinct", "customers_visited:count_distinct"]


def rate(part, whole):
    """A percentage rounded to one decimal, 0 when there is nothing to count."""
    return round(100.0 * part / whole, 1) if whole else 0.0


class RevisitVisitReport(models.Model):
    """Revisit statistics: one row per visit, with its outcome as 0/1 measures.

    The rates are columns holding 100 or 0 where they apply and NULL elsewhere,
    so that the average of a column over any group is the rate of that group.
    """

    _name = "revisit.visit.report"
    _description = "Revisit Analysis"
    _inherit = ["revisit.visit.analysis.mixin"]
    _auto = False
    _depends = {
        "revisit.visit": [
            "active",
            "deadline",
            "done_date",
            "due_date",
            "method",
            "parent_visit_id",
            "problem",
            "problem_category_ids",
            "report_date",
            "satisfaction",
            "scheduled_date",
            "state",
            "survey_user_input_id",
        ],
        "res.partner": ["revisit_tier_id"],
        "res.company": ["revisit_tz"],
        "survey.user_input": ["state"],
    }

    date = fields.Date(string="Scheduled Date", readonly=True)
    deadline = fields.Date(readonly=True)
    due_date = fields.Date(readonly=True)
    done_date = fields.Date(readonly=True)
    tier_id = fields.Many2one("revisit.tier", string="Value Tier", readonly=True)
    method = fields.Selection(METHODS, readonly=True)
    state = fields.Selection(VISIT_STATES, readonly=True)
    nbr = fields.Integer(string="# Visits", readonly=True)
    nbr_done = fields.Integer(string="# Done", readonly=True)
    nbr_open = fields.Integer(string="# Open", readonly=True)
    nbr_overdue = fields.Integer(string="# Overdue", readonly=True)
    customers_visited = fields.Integer(
        string="# Customers Visited",
        readonly=True,
        aggregator="count_distinct",
        help="Customers with a visit done (the customer of the done visits).",
    )
    nbr_unreachable = fields.Integer(string="# Unreachable", readonly=True)
    nbr_planned = fields.Integer(string="# Planned", readonly=True)
    nbr_planned_done = fields.Integer(string="# Planned Done", readonly=True)
    on_time = fields.Integer(string="# Done On Time", readonly=True)
    has_problem = fields.Integer(string="# With Problem", readonly=True)
    problem_resolved = fields.Integer(string="# Problems Resolved", readonly=True)
    feedback_timely = fields.Integer(string="# Reports On Time", readonly=True)
    survey_sent = fields.Integer(string="# Questionnaires Sent", readonly=True)
    survey_answered = fields.Integer(string="# Questionnaires Answered", readonly=True)
    satisfaction = avg_field("Average Satisfaction")
    on_time_rate = avg_field("On-time Rate (%)")
    problem_resolution_rate = avg_field("Problem Resolution Rate (%)")
    feedback_timely_rate = avg_field("Feedback Timeliness Rate (%)")
    completion_rate = avg_field("Completion Rate (%)")
    survey_return_rate = avg_field(
        "Questionnaire Return Rate (%)", help="Questionnaires answered of those sent."
    )

    def _select(self):
        # open, overdue and on time: the one definition of revisit_visit_states;
        # "today" in the view is each company's calendar day
        done = SQL("v.state = 'done'")
        on_time = on_time_sql("v")
        planned = SQL("v.plan_id IS NOT NULL")
        problem, resolved = SQL("p_v.has_problem"), SQL("p_v.resolved")
        timely = SQL("p_v.timely")
        sent = SQL("v.survey_user_input_id IS NOT NULL")
        answered = SQL("ui.state = 'done'")
        counts = {
            "nbr_done": done,
            "nbr_open": open_sql("v"),
            "nbr_overdue": overdue_sql("v", company_today_sql("c")),
            "nbr_unreachable": SQL("v.state = 'unreachable'"),
            "nbr_planned": planned,
            "nbr_planned_done": SQL("%s AND %s", planned, done),
            "on_time": on_time,
            "has_problem": problem,
            "problem_resolved": SQL("%s AND %s", problem, resolved),
            "feedback_timely": timely,
            "survey_sent": sent,
            "survey_answered": answered,
        }
        rates = {
            "survey_return_rate": (answered, sent),
            "on_time_rate": (on_time, done),
            "problem_resolution_rate": (resolved, problem),
            "feedback_timely_rate": (timely, done),
            "completion_rate": (done, SQL("v.state != 'cancelled'")),
        }
        return SQL(
            """
            v.id AS id,
            %s,
            v.scheduled_date AS date,
            v.deadline AS deadline,
            v.due_date AS due_date,
            v.done_date AS done_date,
            p.revisit_tier_id AS tier_id,
            v.method AS method,
            v.state AS state,
            1 AS nbr,
            CASE WHEN v.state = 'done' THEN v.partner_id END AS customers_visited,
            CASE WHEN v.state = 'done' AND v.satisfaction > 0
                THEN v.satisfaction END AS satisfaction,
            %s
            """,
            self._visit_columns("v"),
            measures_sql(counts, rates),
        )

    def _from(self):
        # a problem (a text or a category) is resolved when a follow-up visit
        # closed it without a new problem; the report is timely when submitted
        # by the day after the visit; a questionnaire is returned once answered.
        # (LEFT JOIN: PostgreSQL drops the join when the tier is not asked for.)
        return SQL(
            """
            revisit_visit v
            LEFT JOIN res_partner p ON p.id = v.partner_id
            LEFT JOIN survey_user_input ui ON ui.id = v.survey_user_input_id
            JOIN res_company c ON c.id = v.company_id
            CROSS JOIN LATERAL (SELECT %(has_problem)s AS has_problem) p_0
            CROSS JOIN LATERAL (
                SELECT
                    p_0.has_problem,
                    CASE WHEN p_0.has_problem THEN %(resolved)s
                        ELSE FALSE END AS resolved,
                    v.state = 'done' AND v.report_date IS NOT NULL
                        AND v.report_date::date <= v.done_date + 1 AS timely
            ) p_v
            """,
            has_problem=has_problem_sql("v"),
            resolved=problem_resolved_sql("v"),
        )

    def _where(self):
        return SQL("v.active")

    @api.model
    def formatted_read_group(self, domain, groupby=(), aggregates=(), **kwargs):
        """An average of nothing (a week with visits but no score, a rate
        that applies to none of them) is empty (null), not 0: the analysis
        graph leaves a gap there instead of plotting a drop to 0."""
        groupby, aggregates = groupby or (), aggregates or ()
        groups = super().formatted_read_group(
            domain or [], groupby, aggregates, **kwargs
        )
        averages = [spec for spec in aggregates if spec.endswith(":avg")]
        for group in groups:
            for spec in averages:
                if group.get(spec) is False:
                    group[spec] = None
        return groups

    @api.model
    def _revisit_coverage(self, domain, companies, counts=None):
        """Coverage of the visits (rows) of ``domain``, the one definition used
        by the dashboard, the visit report and the digest:

        - customers due: customers with a visit of the rows (not cancelled);
        - customers visited: those of them with a visit done;
        - all customers: the companies' customers (``res.partner``'s
          ``_revisit_customer_domain``), as the regulation counts coverage.

        :param counts: the ``COVERAGE_AGGREGATES`` of the rows, when the caller
            read them with its own figures (one pass over the view)
        """
        if counts is None:
            domain = Domain(domain) & Domain("state", "!=", "cancelled")
            [counts] = self._read_group(domain, [], COVERAGE_AGGREGATES)
        due, visited = counts
        # the population is a number of the companies, not of the reader's rows
        total = (
            self.env["res.partner"]
            .sudo()
            .search_count(self.env["res.partner"]._revisit_customer_domain(companies))
        )
        return {
            "customers_due": due,
            "customers_visited": visited,
            "customers_total": total,
            "coverage_rate": rate(visited, due),
            "coverage_all_rate": rate(visited, total),
        }

    @api.model
    def _dashboard_period(self, period):
        """First and last day of the company's current week, month, quarter or
        year, in its calendar."""
        today = self.env.company._revisit_today()
        if period not in ("week", "month", "quarter", "year"):
            raise ValidationError(
                self.env._("Unknown period: %(period)s", period=period)
            )
        return date_utils.start_of(today, period), date_utils.end_of(today, period)

    def _check_dashboard_args(self, date_from, date_to, domain):
        """Dates and domain of the dashboard, checked: a clear error, not a
        traceback, on input the screen never sends."""
        dates = []
        for value in (date_from, date_to):
            if not value:
                dates.append(False)
                continue
            try:
                day = fields.Date.to_date(value)
            except (ValueError, TypeError):
                day = None
            if not day or not 2000 <= day.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "%(value)s is not a date of the years 2000 to 2100.",
                        value=value,
                    )
                )
            dates.append(day)
        if dates[0] and dates[1] and dates[0] > dates[1]:
            raise ValidationError(self.env._("The period ends before it starts."))
        try:
            domain = Domain(domain or [])
            domain.validate(self)
        except (ValueError, TypeError, KeyError) as error:
            raise ValidationError(
                self.env._("The dashboard filter is not valid.")
            ) from error
        return dates[0], dates[1], domain

    @api.model
    @api.readonly
    def get_dashboard_data(
        self, date_from=None, date_to=None, domain=None, period=None
    ):
        """Return the revisit figures of a period, aggregated in SQL, with the
        domain on revisit.visit of the list each figure opens.

        :param period: week, month, quarter or year: the company's current one
        :param date_from, date_to: ISO dates bounding the scheduled date (both
            optional, both included), when no period is given
        :param domain: extra domain on revisit.visit.report
        """
        if period:
            date_from, date_to = self._dashboard_period(period)
        date_from, date_to, domain = self._check_dashboard_args(
            date_from, date_to, domain
        )
        base = domain & Domain("state", "!=", "cancelled")
        if date_from:
            base &= Domain("date", ">=", date_from)
        if date_to:
            base &= Domain("date", "<=", date_to)
        aggregates = [
            "__count",
            "nbr_done:sum",
            "nbr_open:sum",
            "nbr_unreachable:sum",
            "nbr_planned:sum",
            "nbr_planned_done:sum",
            "on_time:sum",
            "has_problem:sum",
            "problem_resolved:sum",
            "feedback_timely:sum",
            "satisfaction:avg",
            "survey_sent:sum",
            "survey_answered:sum",
            *COVERAGE_AGGREGATES,
        ]
        # each pass over the view costs (1,000,000 visits: 0.2 to 0.4 s as a
        # supervisor, with the record rules): the figures come from two passes,
        # the distinct customers' apart (PostgreSQL counts them slowly in
        # grouping sets)
        [totals] = self._read_group(base, [], aggregates)
        # an average of nothing stays empty (no score is not a score of 0)
        totals = [
            value if aggregate == "satisfaction:avg" else value or 0
            for aggregate, value in zip(aggregates, totals, strict=True)
        ]
        (
            total,
            done,
            open_,
            unreachable,
            planned,
            planned_done,
            on_time,
            problems,
            resolved,
            timely,
            satisfaction,
            survey_sent,
            survey_answered,
            customers_due,
            customers_visited,
        ) = totals
        companies = self.env.companies
        # "today" from the application (the company's day), as the list it opens
        overdue = self.search_count(base & overdue_domain_by_company(companies))
        coverage = self._revisit_coverage(
            base, companies, counts=(customers_due, customers_visited)
        )
        users, scores = self._read_grouping_sets(
            base,
            [["user_id"], ["satisfaction"]],
            ["__count", "nbr_done:sum", "satisfaction:avg"],
        )
        distribution = dict.fromkeys(range(1, 6), 0)
        for score, count, _done, _avg in scores:
            if score:
                distribution[int(score)] = count
        per_user = [
            {
                "user_id": user.id,
                "user": user.display_name or self.env._("Unassigned"),
                "total": count,
                "done": done_count or 0,
                # nothing scored: no average, not 0
                "satisfaction": round(avg, 2) if avg else False,
            }
            for user, count, done_count, avg in sorted(users, key=lambda row: -row[1])
        ]

        # the lists the cards open: the same domain, on the visits
        period_domain = Domain("state", "!=", "cancelled")
        if date_from:
            period_domain &= Domain("scheduled_date", ">=", date_from)
        if date_to:
            period_domain &= Domain("scheduled_date", "<=", date_to)
        domains = {
            "total": period_domain,
            "done": period_domain & Domain("state", "=", "done"),
            "open": period_domain & open_domain(),
            "overdue": period_domain & overdue_domain_by_company(companies),
            "unreachable": period_domain & Domain("state", "=", "unreachable"),
        }
        return {
            "date_from": fields.Date.to_string(fields.Date.to_date(date_from))
            if date_from
            else False,
            "date_to": fields.Date.to_string(fields.Date.to_date(date_to))
            if date_to
            else False,
            "domains": {key: list(value) for key, value in domains.items()},
            "total": total,
            "done": done,
            "open": open_,
            "unreachable": unreachable,
            "overdue": overdue,
            **coverage,
            "plan_visits": planned,
            "plan_done": planned_done,
            # no planned visit: no rate (0 of 0 is not 0 %)
            "plan_completion_rate": rate(planned_done, planned) if planned else False,
            "on_time_rate": rate(on_time, done),
            "satisfaction_avg": round(satisfaction, 2) if satisfaction else False,
            "satisfaction_distribution": distribution,
            "problems": problems,
            "problems_resolved": resolved,
            "problem_resolution_rate": rate(resolved, problems),
            "feedback_timely_rate": rate(timely, done),
            "surveys_sent": survey_sent,
            "surveys_answered": survey_answered,
            "survey_return_rate": rate(survey_answered, survey_sent),
            "survey_return_target": self.env.company.revisit_survey_return_target,
            "per_user": per_user,
            # the reach funnel of the contacts due in the period
            **self.env["revisit.reach.report"]._dashboard_funnel(
                domain, date_from, date_to
            ),
        }
