import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL, split_every

from .revisit_visit_states import OPEN_STATES

_logger = logging.getLogger(__name__)

# what a worker meets when another one created or locked the same rows first
CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.UniqueViolation,
    psycopg2.errors.LockNotAvailable,
)
CREATE_BATCH = 1000
LOG_BATCH = 100
# how far a visit without a deadline may be pushed by the customer's wishes
FREE_WINDOW_DAYS = 366


class RevisitPlanner(models.AbstractModel):
    """The one way generated visits are born.

    Every producer (events, the periodic generator, plan approval, retries and
    follow-ups, complaints) builds the visits' values with
    ``revisit.rule._visit_values()`` and hands them here: the planner moves each
    visit to an allowed day inside its window, assigns it to someone who may
    read it and creates the visits through ``revisit.visit.create()`` in
    batches, as Odoo's own bulk generators do.
    """

    _name = "revisit.planner"
    _description = "Revisit Planner"

    @api.model
    def _create_visits(self, groups):
        """Create the visits of several groups (one event's, one customer's).

        What already exists (same event and step, same customer, rule and
        period) is skipped. Should another worker create some of them
        meanwhile, the unique indexes refuse them: the batch is retried group
        by group and the other worker's groups are left alone.
        """
        groups = [group for group in self._skip_existing(groups) if group]
        if not groups:
            return self.env["revisit.visit"]
        vals_list = [vals for group in groups for vals in group]
        self._schedule(vals_list)
        self._assign(vals_list)
        try:
            with self.env.cr.savepoint():
                visits = self._create(vals_list)
            self._unassign_unreadable(visits)
            return visits
        except CONCURRENCY_ERRORS as error:
            self._raise_unless_concurrent(error)
            _logger.info("Revisits: concurrent generation, retrying one by one")
        visits = self.env["revisit.visit"]
        for group in groups:
            try:
                with self.env.cr.savepoint():
                    visits |= self._create(group)
            except CONCURRENCY_ERRORS as error:
                self._raise_unless_concurrent(error)
                _logger.info(
                    "Revisits: visits of customer %s created by another worker",
                    group[0]["partner_id"],
                )
        self._unassign_unreadable(visits)
        return visits

    @api.model
    def _raise_unless_concurrent(self, error):
        """Only the visits' own unique indexes mean "another worker was first":
        any other unique violation is a bug and goes up."""
        if isinstance(error, psycopg2.errors.UniqueViolation) and not (
            error.diag.constraint_name or ""
        ).startswith("revisit_visit_"):
            raise error

    @api.model
    def _create(self, vals_list):
        """``create()`` in batches, with the flags of Odoo's bulk generators
        (``hr.leave.generate.multi.wizard``): the chatter's per-record work is
        skipped and done here for the whole batch instead: the assignees
        follow their visits and each visit's chatter notes its origin; then
        the assignees' activities are created (``activity_update()``)."""
        Visit = (
            self.env["revisit.visit"]
            .sudo()
            .with_context(
                tracking_disable=True,
                mail_activity_automation_skip=True,
                revisit_planner_birth=True,
            )
        )
        visits = Visit.browse()
        for chunk in split_every(CREATE_BATCH, vals_list):
            batch = Visit.create(list(chunk))
            self._born(batch)
            batch.activity_update()
            visits |= batch
        return visits.with_env(self.env["revisit.visit"].env)

    @api.model
    def _born(self, visits):
        """Followers and origin notes of a batch of new visits, in a few
        queries instead of several per visit."""
        self.env["revisit.reminder.manager"]._follow_assignees(visits)
        author = self.env.user.partner_id.id
        links = {}
        for company in visits.company_id:
            mine = visits.filtered(lambda v, c=company: v.company_id == c)
            mine = mine.with_context(lang=company._revisit_lang())
            Text = self.with_context(lang=company._revisit_lang())
            # small batches: the ORM's cache update of each message's thread
            # grows with the size of the batch
            for chunk in split_every(LOG_BATCH, mine.ids, mine.browse):
                chunk._message_log_batch(
                    bodies={
                        visit.id: Text._origin_body(visit, links) for visit in chunk
                    },
                    author_id=author,
                )

    @api.model
    def _origin_body(self, visit, links):
        """The origin note of a generated visit (HTML, links to the records;
        ``links`` keeps those already made: a batch has few origins)."""

        def link(record):
            key = (record._name, record.id)
            if key not in links:
                links[key] = Markup(
                    '<a href="#" data-oe-model="%s" data-oe-id="%s">%s</a>'
                ) % (record._name, record.id, record.display_name)
            return links[key]

        _ = self.env._
        parts = []
        if visit.event_id:
            parts.append(Markup(_("event %(event)s")) % {"event": link(visit.event_id)})
        if visit.plan_id:
            parts.append(Markup(_("plan %(plan)s")) % {"plan": link(visit.plan_id)})
        if visit.parent_visit_id:
            parts.append(
                Markup(_("visit %(visit)s")) % {"visit": link(visit.parent_visit_id)}
            )
        if visit.rule_id and visit.step_id:
            parts.append(
                Markup(_("rule %(rule)s, step %(step)s"))
                % {"rule": link(visit.rule_id), "step": visit.step_id.name}
            )
        elif visit.rule_id:
            parts.append(Markup(_("rule %(rule)s")) % {"rule": link(visit.rule_id)})
        if not parts:
            return escape(_("Visit generated."))
        return Markup(_("Generated from %(origins)s.")) % {
            # the list's separator is the language's (a Chinese full-width comma)
            "origins": Markup(_(", ")).join(parts)
        }

    @api.model
    def _skip_existing(self, groups):
        """Drop the values whose visit exists already (unique keys)."""
        vals_list = [vals for group in groups for vals in group]
        event_ids = list({v["event_id"] for v in vals_list if v.get("event_id")})
        period_partners = list(
            {v["partner_id"] for v in vals_list if v.get("period_start")}
        )
        taken = set()
        Visit = self.env["revisit.visit"].sudo().with_context(active_test=False)
        if event_ids:
            for event, step in Visit._read_group(
                [("event_id", "in", event_ids), ("step_id", "!=", False)],
                ["event_id", "step_id"],
            ):
                taken.add(("event", event.id, step.id))
        if period_partners:
            for partner, rule, period in Visit._read_group(
                [
                    ("partner_id", "in", period_partners),
                    ("period_start", "!=", False),
                ],
                ["partner_id", "rule_id", "period_start:day"],
            ):
                taken.add(("period", partner.id, rule.id, period))

        def key(vals):
            if vals.get("event_id") and vals.get("step_id"):
                return ("event", vals["event_id"], vals["step_id"])
            if vals.get("period_start"):
                return (
                    "period",
                    vals["partner_id"],
                    vals.get("rule_id") or False,
                    fields.Date.to_date(vals["period_start"]),
                )
            return None

        result = []
        for group in groups:
            kept = []
            for vals in group:
                unique = key(vals)
                if unique and unique in taken:
                    continue
                if unique:
                    taken.add(unique)
                kept.append(vals)
            result.append(kept)
        return result

    # ------------------------------------------------------------------
    # Scheduling
    # ------------------------------------------------------------------

    @api.model
    def _schedule(self, vals_list):
        """Move each visit to the customer's first allowed day of its window.

        A day is refused when it falls before the do-not-disturb date, on one
        of the customer's rest days, or closer than the customer's minimum
        interval to another open or done visit of the customer (visits of the
        same event excepted: their spacing is the rule's; rules marked so
        ignore the interval). The window runs from the planned day to the
        deadline, which never moves: when no day of it is allowed, the visit
        keeps the deadline and ``schedule_note`` says which wish was not met.
        """
        partner_ids = list({vals["partner_id"] for vals in vals_list})
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        Visit = self.env["revisit.visit"].sudo()
        Visit.flush_model(
            ["partner_id", "event_id", "done_date", "scheduled_date", "state", "active"]
        )
        # hot read for every batch of generated visits: one query for the
        # customers' taken days instead of a search per customer
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, event_id, COALESCE(done_date, scheduled_date)"
                " FROM revisit_visit"
                " WHERE partner_id = ANY(%s) AND active AND state IN %s",
                partner_ids,
                (*OPEN_STATES, "done"),
            )
        )
        taken = defaultdict(list)
        for partner_id, event_id, day in self.env.cr.fetchall():
            taken[partner_id].append((day, event_id))
        rest_days = {partner.id: partner._revisit_rest_days() for partner in partners}
        free_rules = set(
            self.env["revisit.rule"]
            .sudo()
            .search(
                [
                    (
                        "id",
                        "in",
                        list({v.get("rule_id") for v in vals_list} - {False, None}),
                    ),
                    ("ignore_min_interval", "=", True),
                ]
            )
            .ids
        )
        companies = self.env["res.company"].sudo()
        for vals in sorted(
            vals_list,
            key=lambda v: (v["partner_id"], fields.Date.to_date(v["scheduled_date"])),
        ):
            partner = partners.browse(vals["partner_id"])
            start = fields.Date.to_date(vals["scheduled_date"])
            deadline = fields.Date.to_date(vals.get("deadline"))
            end = deadline or start + timedelta(days=FREE_WINDOW_DAYS)
            gap = (
                0
                if vals.get("rule_id") in free_rules
                else partner.revisit_min_interval_days
            )
            day, refused, met = self._first_allowed_day(
                partner,
                start,
                end,
                gap,
                vals.get("event_id"),
                taken[partner.id],
                rest_days[partner.id],
            )
            if refused:
                company = companies.browse(vals.get("company_id")) or self.env.company
                Text = self.with_context(lang=company._revisit_lang())
                reasons = "; ".join(Text._reason_text(partner, *r) for r in refused)
                vals["schedule_note"] = (
                    Text.env._(
                        "Moved from %(date)s: %(reasons)s", date=start, reasons=reasons
                    )
                    if met
                    else Text.env._(
                        "Kept on %(date)s, the last day of its window: %(reasons)s",
                        date=day,
                        reasons=reasons,
                    )
                )
                vals["scheduled_date"] = day
            taken[partner.id].append((day, vals.get("event_id")))

    @api.model
    def _first_allowed_day(self, partner, start, end, gap, event_id, taken, rest):
        """First day from ``start`` to ``end`` that meets the customer's wishes.

        Return (day, refused reasons, whether the day meets them all); when no
        day does, the day is ``end``."""
        refused = []
        day = start
        while day <= end:
            if partner.revisit_dnd_until and day <= partner.revisit_dnd_until:
                reason = ("dnd",)
                next_day = partner.revisit_dnd_until + timedelta(days=1)
            elif day.isoweekday() in rest:
                reason = ("rest",)
                next_day = day + timedelta(days=1)
            else:
                clash = [
                    other
                    for other, other_event in taken
                    if gap
                    and (not event_id or other_event != event_id)
                    and abs((day - other).days) < gap
                ]
                if not clash:
                    return day, refused, True
                reason = ("gap", gap)
                next_day = max(clash) + timedelta(days=gap)
            if reason not in refused:
                refused.append(reason)
            day = max(next_day, day + timedelta(days=1))
        return max(start, end), refused, False

    @api.model
    def _reason_text(self, partner, kind, gap=0):
        if kind == "dnd":
            return self.env._(
                "do not disturb until %(date)s", date=partner.revisit_dnd_until
            )
        if kind == "rest":
            return self.env._("rest day of the customer")
        return self.env._("less than %(days)s days from another visit", days=gap)

    # ------------------------------------------------------------------
    # Assignment
    # ------------------------------------------------------------------

    @api.model
    def _assign(self, vals_list):
        """Assign the customer's revisit owner, else the least loaded staff
        member of the responsible department (employees whose user is revisit
        staff). Confidential customers go only to people who may read their
        visits: the others are left unassigned (the department head sees them).
        """
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse({vals["partner_id"] for vals in vals_list})
        )
        owners = {
            partner.id: partner.revisit_user_id.filtered("active").id
            for partner in partners
        }
        departments = {
            partner.id: partner.revisit_department_id.id for partner in partners
        }
        levels = {
            partner.id: partner.revisit_effective_confidentiality
            for partner in partners
        }
        areas = {partner.id: partner.revisit_area_id for partner in partners}
        department_first = set(
            self.env["revisit.rule"]
            .sudo()
            .browse({vals.get("rule_id") for vals in vals_list} - {False, None})
            .filtered(lambda r: r.department_first and r.department_id)
            .ids
        )
        pending = []
        by_area = []
        for vals in vals_list:
            vals.setdefault("department_id", False)
            if not vals["department_id"]:
                vals["department_id"] = departments[vals["partner_id"]]
            if vals.get("user_id"):
                continue
            if vals.get("rule_id") in department_first and vals["department_id"]:
                # the regulation names the group for this kind of customer
                vals["user_id"] = False
                pending.append(vals)
            elif owners[vals["partner_id"]]:
                vals["user_id"] = owners[vals["partner_id"]]
            else:
                vals["user_id"] = False
                if areas[vals["partner_id"]].user_ids:
                    by_area.append(vals)
                elif vals["department_id"]:
                    pending.append(vals)
        if by_area:
            self._assign_by_area(by_area, areas, levels)
            pending += [v for v in by_area if not v["user_id"] and v["department_id"]]
        if pending:
            self._assign_by_load(pending, levels)

    @api.model
    def _assign_by_area(self, pending, areas, levels):
        """The least loaded assistant of the customer's area (revisit staff
        who may read the customer's visits)."""
        group = self.env.ref("revisit_management.group_revisit_user")
        users = (
            self.env["res.users"]
            .sudo()
            .union(*(areas[v["partner_id"]].user_ids for v in pending))
            .filtered(lambda u: u.active and group in u.all_group_ids)
        )
        self._assign_least_loaded(
            pending,
            users,
            levels,
            lambda vals: areas[vals["partner_id"]].user_ids & users,
        )

    @api.model
    def _assign_by_load(self, pending, levels):
        group = self.env.ref("revisit_management.group_revisit_user")
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    (
                        "department_id",
                        "in",
                        list({v["department_id"] for v in pending}),
                    ),
                    ("user_id.active", "=", True),
                    ("user_id.all_group_ids", "in", group.ids),
                ]
            )
        )
        staff = defaultdict(list)
        for employee in employees:
            staff[employee.department_id.id].append(employee.user_id)
        self._assign_least_loaded(
            pending,
            employees.user_id,
            levels,
            lambda vals: staff.get(vals["department_id"], []),
        )

    @api.model
    def _assign_least_loaded(self, pending, users, levels, staff_of):
        """Give each of ``pending`` the least loaded of its staff
        (``staff_of(vals)``, among ``users``) who may read the customer's
        visits: their open visits count, and those given here."""
        load = dict.fromkeys(users.ids, 0)
        for user, count in (
            self.env["revisit.visit"]
            .sudo()
            ._read_group(
                [("user_id", "in", users.ids), ("state", "in", OPEN_STATES)],
                ["user_id"],
                ["__count"],
            )
        ):
            load[user.id] = count
        departments = self.env["hr.department"].sudo()
        for vals in pending:
            level = levels[vals["partner_id"]]
            candidates = [
                user
                for user in staff_of(vals)
                if self._may_read_level(
                    user, level, departments.browse(vals["department_id"])
                )
            ]
            if candidates:
                user = min(candidates, key=lambda u: (load[u.id], u.id))
                load[user.id] += 1
                vals["user_id"] = user.id

    @api.model
    def _create_next_visits(self, visits, kind):
        """Retry (next day) or follow-up (after the company's delay) visits,
        with the window of the visit they follow."""
        groups = []
        for visit in visits:
            today = visit.company_id._revisit_today()
            if kind == "retry":
                day = today + timedelta(days=1)
                purpose = visit._revisit_text(
                    lambda env, v=visit: env._(
                        "Retry: %(purpose)s", purpose=v.purpose or ""
                    )
                )
            else:
                day = today + timedelta(days=visit.company_id.revisit_followup_days)
                purpose = visit._revisit_text(
                    lambda env, v=visit: env._("Follow-up of %(visit)s", visit=v.name)
                )
            window = (visit.due_date - visit.scheduled_date).days or 3
            groups.append(
                [
                    visit.rule_id._visit_values(
                        visit.partner_id,
                        day,
                        day + timedelta(days=window),
                        company=visit.company_id,
                        contact_id=visit.contact_id.id,
                        event_id=visit.event_id.id,
                        plan_id=visit.plan_id.id,
                        parent_visit_id=visit.id,
                        retry_count=visit.retry_count + 1 if kind == "retry" else 0,
                        purpose=purpose,
                        method=self._next_method(visit, kind),
                        user_id=visit.user_id.id,
                        department_id=visit.department_id.id,
                    )
                ]
            )
        return self._create_visits(groups)

    @api.model
    def _next_method(self, visit, kind):
        """A retry keeps the method; from the second visit on the follow-up may
        be a phone call: the visit's choice, else the company's, else the same.
        The SMS questionnaire of an unreachable phone visit names its method."""
        if self.env.context.get("revisit_fallback_method"):
            return self.env.context["revisit_fallback_method"]
        if kind == "retry":
            return visit.method
        return (
            visit.followup_method
            or visit.company_id.revisit_followup_method
            or visit.method
        )

    @api.model
    def _cron_generate_periodic_visits(self, batch_size=None):
        """Create the visits due by the customers' value tiers (periodic rules).

        A customer is in the job's domain while their next periodic date
        (``revisit_periodic_due``, stored) has come; the visit created for
        them takes them out of it, so a run cut short goes on where it
        stopped."""
        Partner = self.env["res.partner"].sudo()
        rules = self.env["revisit.rule"].sudo().search([("trigger", "=", "periodic")])
        for rule in rules:
            today = rule.company_id._revisit_today()
            domain = [
                *rule._periodic_tier_domain(rules),
                ("revisit_periodic_due", "<=", today),
                ("company_id", "in", [rule.company_id.id, False]),
                "|",
                ("email", "!=", False),
                ("phone", "!=", False),
            ]
            done = self.env["revisit.cron"]._batches(
                Partner,
                domain,
                lambda partners, r=rule, t=today: self._generate_periodic(
                    r, partners, t
                ),
                batch_size,
            )
            if not done:
                return

    @api.model
    def _generate_periodic(self, rule, partners, today):
        """Create the periodic visit of each customer whose next periodic date
        has come (none while an open visit exists)."""
        step = rule.step_ids[:1]
        window = step.window_days if step else 30
        groups = [
            [
                rule._visit_values(
                    partner,
                    today,
                    today + timedelta(days=window),
                    step=step,
                    period_start=partner.revisit_periodic_due,
                )
            ]
            for partner in partners
            if partner.revisit_periodic_due and partner.revisit_periodic_due <= today
        ]
        return self._create_visits(groups)

    @api.model
    def _may_read_level(self, user, level, department):
        """Whether a user who is not the customer's owner may read visits of a
        customer of this confidentiality (the record rules' levels)."""
        if level == "normal":
            return True
        if user.has_group("revisit_management.group_revisit_manager"):
            return True
        if level == "secret":
            return user.has_group("revisit_management.group_revisit_supervisor")
        if level == "confidential":
            return user == department.manager_id.user_id and user.has_group(
                "revisit_management.group_revisit_supervisor"
            )
        return False

    @api.model
    def _unassign_unreadable(self, visits):
        """The record rules have the last word: a confidential customer's visit
        whose assignee may not read it is left unassigned."""
        for visit in visits.sudo().filtered(
            lambda v: (
                v.user_id and v.partner_id.revisit_effective_confidentiality != "normal"
            )
        ):
            if not visit.with_user(visit.user_id).has_access("read"):
                visit.user_id = False
