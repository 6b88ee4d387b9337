"""What the analysis views share: their 0/1 counts and 100/0 rates in SQL, and
for the views of visits, the visit's dimensions and the view's creation. What
"open", "overdue" and "on time" mean stays in ``revisit_visit_states``."""

from odoo import fields, models, tools
from odoo.tools import SQL


def count_sql(condition):
    """1 where ``condition`` (SQL) holds, else 0: summed, a count."""
    return SQL("CASE WHEN %s THEN 1 ELSE 0 END", condition)


def rate_sql(condition, applies=None):
    """100 where ``condition`` (SQL) holds, else 0, and NULL where the rate
    does not apply (``applies`` is not true): the average of the column over
    any group is the group's rate."""
    value = SQL("CASE WHEN %s THEN 100.0 ELSE 0.0 END", condition)
    return value if applies is None else SQL("CASE WHEN %s THEN %s END", applies, value)


def avg_field(string, help=None):  # pylint: disable=redefined-builtin
    """A column averaged over any group of rows: a score, or a rate of
    ``rate_sql`` (100 or 0 per row, NULL where it does not apply)."""
    return fields.Float(string=string, readonly=True, aggregator="avg", help=help)


def measures_sql(counts=None, rates=None):
    """The columns of the 0/1 counts ``{name: condition}`` and of the 100/0
    rates ``{name: (condition, applies)}`` (``applies`` None: every row)."""
    return SQL(", ").join(
        [
            *(
                SQL("%s AS %s", count_sql(condition), SQL.identifier(name))
                for name, condition in (counts or {}).items()
            ),
            *(
                SQL("%s AS %s", rate_sql(*spec), SQL.identifier(name))
                for name, spec in (rates or {}).items()
            ),
        ]
    )


class RevisitVisitAnalysisMixin(models.AbstractModel):
    """A reporting view with a row per visit (or per visit and category): the
    visit and its dimensions, and the view built from ``_select``, ``_from``
    and ``_where``."""

    _name = "revisit.visit.analysis.mixin"
    _description = "Revisit Analysis Row"
    # the views' ``date`` column (each names what its date is)
    _order = "date desc"
    _rec_name = "visit_id"
    # what ``_visit_columns`` reads: flushed before a view is queried (each
    # view adds what it reads besides)
    _depends = {
        "revisit.visit": [
            "company_id",
            "department_id",
            "partner_id",
            "plan_id",
            "rule_id",
            "user_id",
        ],
    }

    visit_id = fields.Many2one("revisit.visit", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned To", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    rule_id = fields.Many2one("revisit.rule", readonly=True)
    plan_id = fields.Many2one("revisit.plan", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def _visit_columns(self, alias="v"):
        """The columns of the fields above, from the visit ``alias``."""
        return SQL(
            """
            %(v)s.id AS visit_id,
            %(v)s.partner_id AS partner_id,
            %(v)s.user_id AS user_id,
            %(v)s.department_id AS department_id,
            %(v)s.rule_id AS rule_id,
            %(v)s.plan_id AS plan_id,
            %(v)s.company_id AS company_id""",
            v=SQL.identifier(alias),
        )

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
                self._where(),
            )
        )
