from datetime import datetime, time

import pytz

from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

from .revisit_visit_states import on_time_sql, overdue_domain

REVISIT_KPI_ACTIONS = {
    "kpi_revisit_visit_done": "revisit_management.revisit_visit_report_action",
    "kpi_revisit_on_time_rate": "revisit_management.revisit_visit_report_action",
    "kpi_revisit_satisfaction": "revisit_management.revisit_visit_report_action",
    "kpi_revisit_visit_overdue": "revisit_management.revisit_visit_action",
    "kpi_revisit_unreachable": "revisit_management.revisit_visit_action",
    "kpi_revisit_problem": "revisit_management.revisit_visit_action_problem",
    "kpi_revisit_coverage": "revisit_management.revisit_visit_report_action",
    "kpi_revisit_survey_return": "revisit_management.revisit_visit_report_action",
}


class DigestDigest(models.Model):
    """Revisit figures in Odoo's periodic digest.

    A digest's time frames are rolling (the last 24 hours, 7 or 30 days before
    it is sent). The revisit figures count whole calendar days of the company's
    revisit time zone: from the day the frame starts on to the day before the
    sending day. A weekly digest sent on Monday morning reports Monday to
    Sunday, a monthly one sent on the 1st the previous month.
    """

    _inherit = "digest.digest"

    kpi_revisit_visit_done = fields.Boolean("Revisits Done")
    kpi_revisit_visit_done_value = fields.Integer(
        "Revisits Done Value", compute="_compute_kpi_revisit_visit_done_value"
    )
    kpi_revisit_on_time_rate = fields.Boolean("Revisits Done On Time (%)")
    kpi_revisit_on_time_rate_value = fields.Float(
        "Revisits Done On Time Value (%)",
        compute="_compute_kpi_revisit_on_time_rate_value",
    )
    kpi_revisit_visit_overdue = fields.Boolean("Overdue Revisits")
    kpi_revisit_visit_overdue_value = fields.Integer(
        "Overdue Revisits Value", compute="_compute_kpi_revisit_visit_overdue_value"
    )
    kpi_revisit_satisfaction = fields.Boolean("Revisit Satisfaction (Average)")
    kpi_revisit_satisfaction_value = fields.Float(
        "Revisit Satisfaction Value", compute="_compute_kpi_revisit_satisfaction_value"
    )
    kpi_revisit_unreachable = fields.Boolean("Customers Unreachable")
    kpi_revisit_unreachable_value = fields.Integer(
        "Customers Unreachable Value", compute="_compute_kpi_revisit_unreachable_value"
    )
    kpi_revisit_problem = fields.Boolean("Customers' Problems")
    kpi_revisit_problem_value = fields.Integer(
        "Customers' Problems Value", compute="_compute_kpi_revisit_problem_value"
    )

    kpi_revisit_coverage = fields.Boolean("Revisit Coverage of All Customers (%)")
    kpi_revisit_coverage_value = fields.Float(
        "Revisit Coverage of All Customers Value (%)",
        compute="_compute_kpi_revisit_coverage_value",
    )
    kpi_revisit_survey_return = fields.Boolean("Questionnaire Return Rate (%)")
    kpi_revisit_survey_return_value = fields.Float(
        "Questionnaire Return Rate Value (%)",
        compute="_compute_kpi_revisit_survey_return_value",
    )

    # ------------------------------------------------------------
    # Time frames in the company's calendar
    # ------------------------------------------------------------

    def _revisit_kpi_days(self, company, start=None, end=None):
        """First day and end day (excluded) of the digest's time frame in the
        company's calendar, or (False, False) outside of a digest's frame."""
        if start is None:
            start, end, __ = self._get_kpi_compute_parameters()
        start = fields.Datetime.to_datetime(start)
        end = fields.Datetime.to_datetime(end)
        if not start or not end:
            return False, False
        return company._revisit_date_of(start), company._revisit_date_of(end)

    def _revisit_kpi_datetimes(self, company):
        """The frame's calendar days as UTC datetimes, for datetime fields:
        midnight of its first day and of its end day in the company's zone."""
        day_from, day_to = self._revisit_kpi_days(company)
        if not day_from:
            return False, False
        tz = company._revisit_tzinfo()
        return tuple(
            tz.localize(datetime.combine(day, time.min))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
            for day in (day_from, day_to)
        )

    def _revisit_check_access(self):
        if not self.env.user.has_group("revisit_management.group_revisit_user"):
            raise AccessError(self.env._("Revisit figures are for revisit staff only."))

    def _revisit_compute_kpi(self, field_name, compute, check_access=None):
        """Set ``field_name`` on each digest to ``compute(company, first_day,
        end_day)``, counted with the recipient's access rights (``check_access``
        says who may read the figure: revisit staff when not given)."""
        (check_access or self._revisit_check_access)()
        for digest in self:
            company = digest.company_id or self.env.company
            day_from, day_to = self._revisit_kpi_days(company)
            digest[field_name] = compute(company, day_from, day_to) if day_from else 0

    def _revisit_count_kpi(self, field_name, model, domain, check_access=None):
        """``_revisit_compute_kpi`` of a count: the ``model`` records of
        ``domain(company, first_day, end_day)``."""
        self._revisit_compute_kpi(
            field_name,
            lambda company, day_from, day_to: self.env[model].search_count(
                domain(company, day_from, day_to)
            ),
            check_access,
        )

    def _revisit_visits_domain(self, company, day_from, day_to, date_field):
        return (
            Domain("company_id", "=", company.id)
            & Domain(date_field, ">=", day_from)
            & Domain(date_field, "<", day_to)
        )

    def _revisit_done_domain(self, company, day_from, day_to):
        return Domain("state", "=", "done") & self._revisit_visits_domain(
            company, day_from, day_to, "done_date"
        )

    def _revisit_problem_domain(self, company, day_from, day_to):
        """Visits done in the period on which the customer raised a problem."""
        return self._revisit_done_domain(company, day_from, day_to) & (
            Domain("problem_category_ids", "!=", False) | Domain("problem", "!=", False)
        )

    # ------------------------------------------------------------
    # KPIs
    # ------------------------------------------------------------

    def _compute_kpi_revisit_visit_done_value(self):
        self._revisit_count_kpi(
            "kpi_revisit_visit_done_value", "revisit.visit", self._revisit_done_domain
        )

    def _compute_kpi_revisit_on_time_rate_value(self):
        def on_time_rate(company, day_from, day_to):
            Visit = self.env["revisit.visit"]
            Visit.flush_model(["state", "done_date", "due_date"])
            query = Visit._search(self._revisit_done_domain(company, day_from, day_to))
            self.env.cr.execute(
                query.select(
                    SQL("COUNT(*)"),
                    SQL("COUNT(*) FILTER (WHERE %s)", on_time_sql(Visit._table)),
                )
            )
            done, on_time = self.env.cr.fetchone()
            return 100.0 * on_time / done if done else 0.0

        self._revisit_compute_kpi("kpi_revisit_on_time_rate_value", on_time_rate)

    def _compute_kpi_revisit_visit_overdue_value(self):
        """Open visits that fell due in the period and are overdue today."""
        self._revisit_count_kpi(
            "kpi_revisit_visit_overdue_value",
            "revisit.visit",
            lambda company, day_from, day_to: (
                overdue_domain(company._revisit_today())
                & self._revisit_visits_domain(company, day_from, day_to, "due_date")
            ),
        )

    def _compute_kpi_revisit_satisfaction_value(self):
        def satisfaction(company, day_from, day_to):
            [[average]] = self.env["revisit.visit"]._read_group(
                self._revisit_done_domain(company, day_from, day_to)
                & Domain("satisfaction", ">", 0),
                aggregates=["satisfaction:avg"],
            )
            return average or 0.0

        self._revisit_compute_kpi("kpi_revisit_satisfaction_value", satisfaction)

    def _compute_kpi_revisit_unreachable_value(self):
        """Visits due in the period on which the customer was unreachable."""
        self._revisit_count_kpi(
            "kpi_revisit_unreachable_value",
            "revisit.visit",
            lambda company, day_from, day_to: (
                Domain("state", "=", "unreachable")
                & self._revisit_visits_domain(company, day_from, day_to, "due_date")
            ),
        )

    def _compute_kpi_revisit_problem_value(self):
        self._revisit_count_kpi(
            "kpi_revisit_problem_value", "revisit.visit", self._revisit_problem_domain
        )

    def _revisit_report_rows(self, company, day_from, day_to):
        """The analysis rows of the visits due in the period."""
        return self._revisit_visits_domain(company, day_from, day_to, "due_date")

    def _compute_kpi_revisit_coverage_value(self):
        """Customers visited of all customers (the dashboard's definition),
        over the visits due in the period."""
        Report = self.env["revisit.visit.report"]
        self._revisit_compute_kpi(
            "kpi_revisit_coverage_value",
            lambda company, day_from, day_to: Report._revisit_coverage(
                self._revisit_report_rows(company, day_from, day_to), company
            )["coverage_all_rate"],
        )

    def _compute_kpi_revisit_survey_return_value(self):
        """Questionnaires answered of those sent, for the visits due in the
        period (the company's target is in the settings, 70% by default)."""

        def return_rate(company, day_from, day_to):
            [(sent, answered)] = self.env["revisit.visit.report"]._read_group(
                self._revisit_report_rows(company, day_from, day_to)
                & Domain("state", "!=", "cancelled"),
                aggregates=["survey_sent:sum", "survey_answered:sum"],
            )
            return 100.0 * answered / sent if sent else 0.0

        self._revisit_compute_kpi("kpi_revisit_survey_return_value", return_rate)

    def _compute_kpis_actions(self, company, user):
        res = super()._compute_kpis_actions(company, user)
        menu = self.env.ref("revisit_management.revisit_menu_root").id
        for kpi, action in REVISIT_KPI_ACTIONS.items():
            res[kpi] = f"{action}?menu_id={menu}"
        return res

    # ------------------------------------------------------------
    # Customers' problems by category
    # ------------------------------------------------------------

    def _revisit_problem_section(self, company, user):
        """The customers' problems of each time frame, counted by category,
        for the digest e-mail: ``{"columns": [frame name, ...], "rows":
        [(category name, [count, ...]), ...], "handled": {category name:
        [handled count, ...]}}``, or ``{}`` when the digest does not show the
        problems or the recipient may not see revisits. A visit with several
        categories counts once in each; a problem is handled once a follow-up
        visit was done without a new problem (``revisit.problem.report``)."""
        self.ensure_one()
        if not self.kpi_revisit_problem or not user.has_group(
            "revisit_management.group_revisit_user"
        ):
            return {}
        digest = self.with_user(user).with_company(company)
        Problem = digest.env["revisit.problem.report"]
        frames = self._compute_timeframes(company)
        counts, handled = {}, {}
        for index, (__, ((start, end), __previous)) in enumerate(frames):
            day_from, day_to = digest._revisit_kpi_days(
                company,
                fields.Datetime.to_string(start),
                fields.Datetime.to_string(end),
            )
            for category, count, resolved in Problem._read_group(
                self._revisit_visits_domain(company, day_from, day_to, "date"),
                ["category_id"],
                ["__count", "nbr_resolved:sum"],
            ):
                counts.setdefault(category, [0] * len(frames))[index] = count
                handled.setdefault(category, [0] * len(frames))[index] = resolved
        categories = sorted(
            (c for c in counts if c), key=lambda c: (c.sequence, c.id)
        ) + [c for c in counts if not c]
        if not categories:
            return {}
        names = {
            category: category.name or digest.env._("No category")
            for category in categories
        }
        return {
            "columns": [name for name, __ in frames],
            "rows": [(names[category], counts[category]) for category in categories],
            "handled": {names[category]: handled[category] for category in categories},
        }
