import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL, split_every
from odoo.tools.mail import generate_tracking_message_id

from .revisit_visit_states import OPEN_STATES

_logger = logging.getLogger(__name__)

# what a worker meets when another one created or locked the same rows first
CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.UniqueViolation,
    psycopg2.errors.LockNotAvailable,
)
CREATE_BATCH = 1000
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
        visits._follow_assignees()
        self._log_origin(visits)

    @api.model
    def _log_origin(self, visits):
        """Note in each visit's chatter where it comes from (event, plan,
        earlier visit, rule and step), in the company's language, in one
        INSERT for the batch. Odoo's generic creation message is not logged,
        as calendar recurrences log none: through the ORM, one message per
        visit cost more than the visit itself."""
        if not visits:
            return
        author_id, email_from = visits._message_compute_author()
        reply_to = self.env["mail.thread"]._notify_get_reply_to(
            default=email_from, author_id=author_id
        )[False]
        ids, bodies = [], []
        for company, mine in visits.grouped("company_id").items():
            lang = (company or self.env.company)._revisit_lang()
            Text = self.with_context(lang=lang)
            links = {}
            for visit in mine.with_context(lang=lang):
                ids.append(visit.id)
                bodies.append(Text._origin_body(visit, links))
        now = fields.Datetime.now()
        self.env["mail.message"].flush_model()
        self.env.cr.execute(
            SQL(
                """INSERT INTO mail_message
                       (model, res_id, body, message_type, subtype_id,
                        is_internal, author_id, email_from, reply_to, message_id,
                        email_add_signature, date, create_uid, create_date,
                        write_uid, write_date)
                   SELECT %(model)s, r.res_id, r.body, 'notification', %(subtype)s,
                          TRUE, %(author)s, %(email_from)s, %(reply_to)s,
                          %(message_id)s, FALSE, %(now)s, %(uid)s, %(now)s,
                          %(uid)s, %(now)s
                   FROM unnest(%(ids)s::int[], %(bodies)s::text[])
                        AS r(res_id, body)""",
                model=visits._name,
                subtype=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                author=author_id or None,
                email_from=email_from or None,
                reply_to=reply_to or None,
                message_id=generate_tracking_message_id("message-notify"),
                now=now,
                uid=self.env.uid,
                ids=ids,
                bodies=bodies,
            )
        )
        self.env["mail.message"].invalidate_model()
        visits.invalidate_recordset(["message_ids"])

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
            "origins": Markup(", ").join(parts)
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
        pending = []
        by_area = []
        for vals in vals_list:
            vals.setdefault("department_id", False)
            if not vals["department_id"]:
                vals["department_id"] = departments[vals["partner_id"]]
            if vals.get("user_id"):
                continue
            if owners[vals["partner_id"]]:
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
                for user in areas[vals["partner_id"]].user_ids & users
                if self._may_read_level(
                    user, level, departments.browse(vals["department_id"])
                )
            ]
            if candidates:
                user = min(candidates, key=lambda u: (load[u.id], u.id))
                load[user.id] += 1
                vals["user_id"] = user.id

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
        load = dict.fromkeys(employees.user_id.ids, 0)
        for user, count in (
            self.env["revisit.visit"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", employees.user_id.ids),
                    ("state", "in", OPEN_STATES),
                ],
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
                for user in staff.get(vals["department_id"], [])
                if self._may_read_level(
                    user, level, departments.browse(vals["department_id"])
                )
            ]
            if candidates:
                user = min(candidates, key=lambda u: (load[u.id], u.id))
                load[user.id] += 1
                vals["user_id"] = user.id

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
