"""What "open", "overdue" and "on time" mean for a visit: defined once here and
used by the visit model, the reporting view, the dashboard and the appraisal.

- open: to do or appointed;
- due date: the deadline, else the scheduled date (stored on the visit);
- overdue: open, and the due date is before the company's calendar day;
- on time: done on or before the due date.
"""

from odoo.fields import Domain
from odoo.tools import SQL

OPEN_STATES = ("todo", "appointed")


def open_domain():
    return Domain("state", "in", OPEN_STATES)


def overdue_domain(today):
    """Domain of the overdue visits (or report rows) on the day ``today``."""
    return open_domain() & Domain("due_date", "<", today)


def overdue_domain_by_company(companies):
    """``overdue_domain`` with each company's own calendar day."""
    return Domain.OR(
        Domain("company_id", "=", company.id) & overdue_domain(company._revisit_today())
        for company in companies
    )


def open_sql(alias):
    return SQL("%s.state IN %s", SQL.identifier(alias), OPEN_STATES)


def overdue_sql(alias, today):
    """SQL condition of ``overdue_domain``; ``today`` is a date or an SQL
    expression of one."""
    return SQL(
        "(%s AND %s.due_date < %s)", open_sql(alias), SQL.identifier(alias), today
    )


def on_time_sql(alias):
    return SQL(
        "(%s.state = 'done' AND %s.done_date <= %s.due_date)",
        SQL.identifier(alias),
        SQL.identifier(alias),
        SQL.identifier(alias),
    )


def company_today_sql(company_alias):
    """The company's calendar day in SQL: the reporting view's "today"."""
    return SQL(
        "(now() AT TIME ZONE COALESCE(%s.revisit_tz, 'UTC'))::date",
        SQL.identifier(company_alias),
    )


def has_problem_sql(alias):
    """A customer's problem was raised on the visit: a text or a category."""
    return SQL(
        """(COALESCE(%(v)s.problem, '') != '' OR EXISTS (
            SELECT 1 FROM revisit_problem_category_revisit_visit_rel r
            WHERE r.revisit_visit_id = %(v)s.id))""",
        v=SQL.identifier(alias),
    )


def problem_resolved_sql(alias):
    """The visit's problem is handled: a follow-up visit was done without a new
    problem (the visit itself must have one, see ``has_problem_sql``)."""
    return SQL(
        """EXISTS (
            SELECT 1 FROM revisit_visit f
            WHERE f.parent_visit_id = %(v)s.id AND f.state = 'done'
                AND NOT %(f_problem)s)""",
        v=SQL.identifier(alias),
        f_problem=has_problem_sql("f"),
    )
