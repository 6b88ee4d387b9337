from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

PERIOD_UNITS = [
    ("year", "Years"),
    ("month", "Months"),
    ("season", "Heating/Cooling Seasons"),
]


class RevisitWarrantyType(models.Model):
    """A type of construction work and its minimum warranty period.

    The defaults are those of the State Council's regulation no. 279 the
    construction warranty seed quotes: 5 years for roof waterproofing, 2 heating
    or cooling seasons for heating and cooling systems, 2 years for electrical
    lines, water pipes, equipment installation and decoration.
    """

    _name = "revisit.warranty.type"
    _description = "Warranty Type of Work"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    period = fields.Integer(
        required=True,
        default=2,
        help="Length of the warranty, in the unit beside it.",
    )
    period_unit = fields.Selection(
        PERIOD_UNITS, required=True, default="year", string="Unit"
    )
    season_end_month = fields.Integer(
        default=3,
        help="For a warranty in seasons: the month in which a season ends "
        "(heating seasons end in March, cooling seasons in September).",
    )
    season_end_day = fields.Integer(
        default=15, help="For a warranty in seasons: the day the season ends."
    )
    revisit_days_before_end = fields.Integer(
        default=30,
        help="The warranty revisit is planned this many days before the warranty "
        "of this work ends.",
    )
    company_id = fields.Many2one("res.company", index=True)

    _period_positive = models.Constraint(
        "CHECK(period > 0)", "A warranty period must be positive."
    )
    _revisit_days_positive = models.Constraint(
        "CHECK(revisit_days_before_end >= 0)",
        "The warranty revisit cannot come after the warranty ends.",
    )
    _season_end_valid = models.Constraint(
        "CHECK(season_end_month BETWEEN 1 AND 12 AND season_end_day BETWEEN 1 AND 31)",
        "The end of a season must be a day of the year.",
    )

    @api.model
    def _season_end(self, year, month, day):
        """The season's last day in ``year`` (28 February in a short year)."""
        last = (date(year, month, 1) + relativedelta(months=1)) - timedelta(days=1)
        return date(year, month, min(day, last.day))

    def _warranty_dates(self, acceptance_date):
        """(first day, last day) of the warranty of a work accepted on
        ``acceptance_date``: it starts the day after acceptance."""
        self.ensure_one()
        start = acceptance_date + timedelta(days=1)
        if self.period_unit == "season":
            end = self._season_end(
                start.year, self.season_end_month, self.season_end_day
            )
            if end < start:
                end = self._season_end(
                    start.year + 1, self.season_end_month, self.season_end_day
                )
            end = self._season_end(
                end.year + self.period - 1, self.season_end_month, self.season_end_day
            )
            return start, end
        delta = (
            relativedelta(years=self.period)
            if self.period_unit == "year"
            else relativedelta(months=self.period)
        )
        return start, start + delta - timedelta(days=1)
