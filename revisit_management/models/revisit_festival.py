import logging
from datetime import date, timedelta

from lunardate import LunarDate

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import ValidationError

from .input_check import check_values

_logger = logging.getLogger(__name__)


class RevisitFestival(models.Model):
    """A festival of a festival rule: its visits are organised by the company
    manager, so a plan is prepared ahead of it and submitted for approval
    instead of visits being created at once."""

    _name = "revisit.festival"
    _description = "Revisit Festival"
    _order = "date, id"

    name = fields.Char(required=True, translate=True)
    calendar = fields.Selection(
        [("solar", "Gregorian"), ("lunar", "Chinese Lunar")],
        default="lunar",
        required=True,
        help="The calendar of the festival's month and day: the Spring Festival "
        "and the Mid-Autumn Festival follow the lunar calendar.",
    )
    month = fields.Integer(
        help="Month of the festival in its calendar: with the day, its date is "
        "found again each year. Empty: a festival of one date only."
    )
    day = fields.Integer(help="Day of the month of the festival in its calendar.")
    date = fields.Date(
        required=True,
        help="Day of the festival's next occurrence (e.g. the Spring Festival). "
        "A festival with a month and a day moves to the next year's date once "
        "it is past.",
    )
    rule_id = fields.Many2one(
        "revisit.rule",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("trigger", "=", "festival")],
    )
    plan_id = fields.Many2one(
        "revisit.plan",
        string="Prepared Plan",
        readonly=True,
        copy=False,
        help="The plan of the festival's visits, prepared before the festival.",
    )
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        for vals in vals_list:
            if vals.get("month") and vals.get("day") and not vals.get("date"):
                rule = self.env["revisit.rule"].browse(vals.get("rule_id"))
                company = rule.company_id or self.env.company
                vals["date"] = self._next_date(
                    vals.get("calendar") or "lunar",
                    vals["month"],
                    vals["day"],
                    company._revisit_today(),
                )
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, [vals])
        res = super().write(vals)
        if {"calendar", "month", "day"} & set(vals):
            for festival in self.filtered(lambda f: f.month and f.day):
                festival.date = festival._next_date(
                    festival.calendar,
                    festival.month,
                    festival.day,
                    festival.rule_id.company_id._revisit_today(),
                )
        return res

    @api.model
    def _date_in(self, calendar, month, day, year):
        """The Gregorian date of the festival in ``year`` (R014: festival dates
        are found each year, not entered). A lunar day 30 the month lacks is
        its last day (除夕 in a year whose twelfth month has 29 days)."""
        days = (day,) if calendar == "solar" or day != 30 else (30, 29)
        for last in days:
            try:
                if calendar == "solar":
                    return date(year, month, last)
                return LunarDate(year, month, last).to_solar_date()
            except ValueError:
                continue
        raise ValidationError(
            self.env._(
                "%(month)s/%(day)s is not a day of the %(calendar)s calendar in "
                "%(year)s.",
                month=month,
                day=day,
                year=year,
                calendar=dict(
                    self._fields["calendar"]._description_selection(self.env)
                )[calendar],
            )
        )

    @api.model
    def _next_date(self, calendar, month, day, today):
        """The festival's first date on or after ``today``."""
        for year in (today.year - 1, today.year, today.year + 1):
            found = self._date_in(calendar, month, day, year)
            if found >= today:
                return found
        return self._date_in(calendar, month, day, today.year + 2)

    @api.constrains("calendar", "month", "day")
    def _check_month_day(self):
        for festival in self.filtered(lambda f: f.month or f.day):
            if not (1 <= festival.month <= 12 and 1 <= festival.day <= 31):
                raise ValidationError(
                    self.env._(
                        "A festival's month lies between 1 and 12, its day 1 and 31."
                    )
                )
            festival._date_in(
                festival.calendar, festival.month, festival.day, festival.date.year
            )

    def _roll_over(self, today):
        """Festivals of a month and day whose date is past move to their next
        date, with no plan yet: each year is planned again."""
        for festival in self.filtered(lambda f: f.month and f.day and f.date < today):
            festival.write(
                {
                    "date": self._next_date(
                        festival.calendar, festival.month, festival.day, today
                    ),
                    "plan_id": False,
                }
            )

    @api.model
    def _cron_prepare_plans(self, batch_size=None):
        """Prepare the plan of each festival whose preparation day has come.

        A festival is in the job's domain from its preparation day (the rule's
        days before) to its day while it has no plan; preparing the plan takes
        it out, so a run cut short goes on where it stopped."""
        Festival = self.sudo()
        for rule in (
            self.env["revisit.rule"].sudo().search([("trigger", "=", "festival")])
        ):
            today = rule.company_id._revisit_today()
            Festival.search(
                [("rule_id", "=", rule.id), ("date", "<", today), ("month", ">", 0)]
            )._roll_over(today)
            domain = [
                ("rule_id", "=", rule.id),
                ("plan_id", "=", False),
                ("date", ">=", today),
                ("date", "<=", today + timedelta(days=rule.festival_lead_days)),
            ]
            done = self.env["revisit.cron"]._batches(
                Festival,
                domain,
                lambda festivals, t=today: festivals._prepare_plan(t),
                batch_size,
            )
            if not done:
                return

    def _festival_customers(self):
        """Customers visited for the festival: key customers and the customers
        of the rule's tiers (of any tier when the rule names none)."""
        self.ensure_one()
        rule = self.rule_id
        tier_domain = (
            [("revisit_tier_id", "in", rule.tier_ids.ids)]
            if rule.tier_ids
            else [("revisit_tier_id", "!=", False)]
        )
        return (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("company_id", "in", [rule.company_id.id, False]),
                    "|",
                    ("revisit_key_customer", "=", True),
                    *tier_domain,
                ],
                order="id",
            )
        )

    def _prepare_plan(self, today):
        """Submit a plan with the festival's customers for approval: the
        company manager (a revisit manager) or the head of the rule's
        department approves it, which creates the visits."""
        Plan = self.env["revisit.plan"].sudo()
        for festival in self.sudo():
            rule = festival.rule_id
            company = rule.company_id
            customers = festival._festival_customers()
            if not customers:
                _logger.info("Revisits: no customer for festival %s", festival.name)
                continue
            lang = company._revisit_lang()
            named = festival.with_context(lang=lang)
            head = rule.department_id.manager_id.user_id
            plan = Plan.create(
                {
                    "name": named.env._(
                        "%(festival)s %(year)s visits",
                        festival=named.name,
                        year=festival.date.year,
                    ),
                    "date_from": min(today, festival.date),
                    "date_to": festival.date,
                    "user_id": head.id,
                    "department_id": rule.department_id.id,
                    "method": rule.method or "onsite",
                    "purpose": rule.with_context(lang=lang).name,
                    "company_id": company.id,
                    "line_ids": [
                        fields.Command.create({"partner_id": partner.id})
                        for partner in customers
                    ],
                }
            )
            plan.action_submit()
            festival.plan_id = plan
            # R014: the company manager organises the festival visits: the
            # department's head, else the company's revisit managers are told
            for approver in head or festival._festival_managers():
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=plan.date_from,
                    summary=named.env._("Approve the festival visits plan"),
                    user_id=approver.id,
                )

    def _festival_managers(self):
        """Revisit managers working in the festival rule's company."""
        self.ensure_one()
        company = self.rule_id.company_id
        return (
            self.env.ref("revisit_management.group_revisit_manager")
            .sudo()
            .all_user_ids.filtered(
                lambda u: u.active and not u.share and company in u.company_ids
            )
            .filtered(lambda u: u.id != SUPERUSER_ID)
        )
