from datetime import datetime

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.tools.date_utils import start_of


class ResCompany(models.Model):
    _inherit = "res.company"

    revisit_tz = fields.Selection(
        _tz_get,
        string="Revisit Time Zone",
        compute="_compute_revisit_tz",
        store=True,
        readonly=False,
        help="Decides the company's calendar day for revisits: what is due today, "
        "overdue, this week or this month, in scheduled actions and statistics.",
    )

    revisit_retry_count = fields.Integer(
        string="Retries When Unreachable",
        default=2,
        help="How many retry visits are scheduled for an unreachable customer "
        "before giving up.",
    )
    revisit_min_interval_days = fields.Integer(
        string="Minimum Days Between Visits",
        default=7,
        help="Default minimum interval between two visits of the same customer.",
    )
    revisit_low_satisfaction = fields.Integer(
        string="Low Satisfaction Threshold",
        default=2,
        help="A visit scored at or below this satisfaction needs a follow-up visit.",
    )
    revisit_followup_days = fields.Integer(
        string="Follow-up After (Days)",
        default=3,
        help="Days between a visit needing a follow-up and the follow-up visit.",
    )
    revisit_notify_days_before = fields.Integer(
        string="Notify Customers (Days Before)",
        default=7,
        help="Customers of an approved plan are told of their visit this many days "
        "ahead.",
    )
    revisit_monthly_budget = fields.Monetary(
        string="Monthly Revisit Budget",
        currency_field="currency_id",
        help="Cost budget of revisits per month, used to appraise cost control.",
    )

    @api.depends("country_id")
    def _compute_revisit_tz(self):
        for company in self:
            if company.revisit_tz:
                continue
            zones = pytz.country_timezones.get(company.country_id.code or "", [])
            company.revisit_tz = zones[0] if zones else self.env.user.tz or "UTC"

    def _revisit_tzinfo(self):
        self.ensure_one()
        return pytz.timezone(self.revisit_tz or "UTC")

    def _revisit_today(self):
        """The company's calendar day now: "today" for every revisit figure."""
        self.ensure_one()
        return datetime.now(pytz.utc).astimezone(self._revisit_tzinfo()).date()

    def _revisit_date_of(self, value):
        """The company's calendar day of a UTC datetime (e.g. a create_date)."""
        self.ensure_one()
        if not value:
            return False
        return pytz.utc.localize(value).astimezone(self._revisit_tzinfo()).date()

    def _revisit_period(self, period, today=None):
        """First and last day of the previous week or month, in the company's
        calendar: the period a digest sent today reports on."""
        self.ensure_one()
        today = today or self._revisit_today()
        start = start_of(today, period)
        if period == "month":
            date_from = start_of(start.replace(day=1) - relativedelta(days=1), "month")
        else:
            date_from = start - relativedelta(days=7)
        return date_from, start - relativedelta(days=1)
