from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .revisit_visit_states import OPEN_STATES

CONFIDENTIALITY = [
    ("normal", "Normal"),
    ("secret", "Secret"),
    ("confidential", "Confidential"),
    ("top_secret", "Top Secret"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    revisit_tier_id = fields.Many2one("revisit.tier", string="Value Tier", index=True)
    revisit_user_id = fields.Many2one(
        "res.users", string="Revisit Owner", index="btree_not_null"
    )
    revisit_department_id = fields.Many2one("hr.department", index="btree_not_null")
    revisit_key_customer = fields.Boolean(
        string="Key Customer", help="Key customers are always visited, never sampled."
    )
    revisit_contact_hours = fields.Char(
        string="Preferred Contact Hours", help="e.g. weekdays 9:00-11:00"
    )
    revisit_dnd_weekdays = fields.Char(
        string="Rest Days",
        help="Days of the week on which the customer is never visited, as ISO "
        "numbers separated by commas: 1 is Monday, 7 is Sunday (e.g. 6,7).",
    )
    revisit_dnd_from = fields.Float(
        string="Do Not Disturb From",
        help="Start of the daily do-not-disturb window (hour, 0-24).",
    )
    revisit_dnd_to = fields.Float(
        string="Do Not Disturb To",
        help="End of the daily do-not-disturb window (hour, 0-24).",
    )
    revisit_dnd_until = fields.Date(
        string="Do Not Disturb Until",
        help="No visit before this date, e.g. while the customer recovers.",
    )
    revisit_min_interval_days = fields.Integer(
        string="Minimum Days Between Visits",
        default=lambda self: self.env.company.revisit_min_interval_days,
        help="No visit is scheduled closer than this to another visit of the "
        "customer (visits of the same event excepted).",
    )
    revisit_confidentiality = fields.Selection(
        CONFIDENTIALITY,
        string="Confidentiality",
        default="normal",
        required=True,
        help="Secret: supervisors, managers and the revisit owner read the "
        "customer's visits. Confidential: managers, the head of the visit's "
        "department and the revisit owner. Top secret: managers and the revisit "
        "owner only.",
    )
    revisit_visit_ids = fields.One2many(
        "revisit.visit", "partner_id", string="Revisits"
    )
    revisit_periodic_due = fields.Date(
        string="Next Periodic Visit Due",
        compute="_compute_revisit_periodic_due",
        store=True,
        index="btree_not_null",
        help="When the value tier asks for the next visit: the tier's interval "
        "after the last visit done (or the last periodic attempt). Empty while a "
        "visit is open or without a tier.",
    )
    revisit_last_date = fields.Date(
        string="Last Visit", compute="_compute_revisit_stats"
    )
    revisit_next_date = fields.Date(
        string="Next Visit", compute="_compute_revisit_stats"
    )
    revisit_visit_count = fields.Integer(
        string="Visit Count", compute="_compute_revisit_stats"
    )
    revisit_satisfaction_avg = fields.Float(
        string="Average Satisfaction", compute="_compute_revisit_stats"
    )
    revisit_open_problem_count = fields.Integer(
        string="Open Problems", compute="_compute_revisit_stats"
    )

    @api.depends("revisit_visit_ids.state", "revisit_visit_ids.satisfaction")
    def _compute_revisit_stats(self):
        Visit = self.env["revisit.visit"]
        partner_ids = self._origin.ids
        done = {
            partner.id: (last, count, avg)
            for partner, last, count, avg in Visit._read_group(
                [("partner_id", "in", partner_ids), ("state", "=", "done")],
                ["partner_id"],
                ["done_date:max", "__count", "satisfaction:avg"],
            )
        }
        upcoming = {
            partner.id: first
            for partner, first in Visit._read_group(
                [
                    ("partner_id", "in", partner_ids),
                    ("state", "in", ("todo", "appointed")),
                ],
                ["partner_id"],
                ["scheduled_date:min"],
            )
        }
        problems = dict(
            (partner.id, count)
            for partner, count in Visit._read_group(
                [("partner_id", "in", partner_ids), ("followup_needed", "=", True)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            key = partner._origin.id
            last, count, avg = done.get(key, (False, 0, 0.0))
            partner.revisit_last_date = last
            partner.revisit_visit_count = count
            partner.revisit_satisfaction_avg = avg or 0.0
            partner.revisit_next_date = upcoming.get(key, False)
            partner.revisit_open_problem_count = problems.get(key, 0)

    @api.depends(
        "revisit_tier_id.interval_months",
        "revisit_visit_ids.state",
        "revisit_visit_ids.active",
        "revisit_visit_ids.done_date",
        "revisit_visit_ids.period_start",
    )
    def _compute_revisit_periodic_due(self):
        tiered = self.filtered("revisit_tier_id")
        (self - tiered).revisit_periodic_due = False
        if not tiered:
            return
        Visit = self.env["revisit.visit"].sudo()
        ids = tiered._origin.ids
        busy = {
            partner.id
            for (partner,) in Visit._read_group(
                [("partner_id", "in", ids), ("state", "in", OPEN_STATES)],
                ["partner_id"],
            )
        }
        last = dict(
            Visit._read_group(
                [("partner_id", "in", ids), ("state", "=", "done")],
                ["partner_id"],
                ["done_date:max"],
            )
        )
        attempts = dict(
            Visit._read_group(
                [
                    ("partner_id", "in", ids),
                    ("period_start", "!=", False),
                    ("state", "in", ("unreachable", "cancelled")),
                ],
                ["partner_id"],
                ["period_start:max"],
            )
        )
        for partner in tiered:
            key = partner._origin
            if key.id in busy:
                partner.revisit_periodic_due = False
                continue
            base = max(
                (day for day in (last.get(key), attempts.get(key)) if day),
                default=False,
            )
            if base:
                partner.revisit_periodic_due = base + relativedelta(
                    months=partner.revisit_tier_id.interval_months
                )
            else:
                # never visited: due since the customer was created
                company = partner.company_id or self.env.company
                partner.revisit_periodic_due = (
                    company._revisit_date_of(partner.create_date)
                    if partner.create_date
                    else company._revisit_today()
                )

    @api.constrains("revisit_dnd_weekdays", "revisit_dnd_from", "revisit_dnd_to")
    def _check_revisit_dnd(self):
        for partner in self:
            partner._revisit_rest_days()
            if not (
                0 <= partner.revisit_dnd_from <= 24
                and 0 <= partner.revisit_dnd_to <= 24
            ):
                raise ValidationError(
                    self.env._("The do-not-disturb hours lie between 0 and 24.")
                )

    @api.constrains("revisit_min_interval_days")
    def _check_revisit_min_interval(self):
        if any(partner.revisit_min_interval_days < 0 for partner in self):
            raise ValidationError(
                self.env._("The minimum interval between visits cannot be negative.")
            )

    def _revisit_rest_days(self):
        """ISO weekdays (1-7) on which the customer must not be visited."""
        self.ensure_one()
        days = set()
        for part in (self.revisit_dnd_weekdays or "").replace(" ", "").split(","):
            if not part:
                continue
            if not part.isdigit() or not 1 <= int(part) <= 7:
                raise ValidationError(
                    self.env._(
                        "Rest days are week day numbers from 1 (Monday) to 7 "
                        "(Sunday) separated by commas, e.g. 6,7."
                    )
                )
            days.add(int(part))
        if len(days) == 7:
            raise ValidationError(
                self.env._("A customer cannot rest every day of the week.")
            )
        return days

    def _revisit_in_dnd_hours(self, hour):
        """Whether an hour of the day falls in the daily do-not-disturb window."""
        self.ensure_one()
        start, end = self.revisit_dnd_from, self.revisit_dnd_to
        if start == end:
            return False
        if start < end:
            return start <= hour < end
        return hour >= start or hour < end  # window across midnight
