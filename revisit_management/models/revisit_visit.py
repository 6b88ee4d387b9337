import logging
import uuid
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors
import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, split_every

from .revisit_rule import METHODS, VISIT_STATES

_logger = logging.getLogger(__name__)

OPEN_STATES = ("todo", "appointed")
ONLINE_METHODS = ("survey", "sms", "email")
ACTIVITY_XMLID = "revisit_management.mail_activity_type_revisit"
CRON_BATCH = 500
# field types whose python value PostgreSQL takes as it is in a bulk insert
PLAIN_TYPES = {
    "boolean",
    "char",
    "date",
    "datetime",
    "float",
    "integer",
    "many2one",
    "many2one_reference",
    "monetary",
    "selection",
    "text",
}
# what a worker meets when another one created or locked the same rows first
CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.UniqueViolation,
    psycopg2.errors.LockNotAvailable,
)


class RevisitVisit(models.Model):
    """One contact with one customer: a call, a message or an on-site visit."""

    _name = "revisit.visit"
    _description = "Revisit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "scheduled_date, id"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, default="/", copy=False, readonly=True
    )
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    contact_id = fields.Many2one(
        "res.partner", string="Contact Person", check_company=True
    )
    event_id = fields.Many2one("revisit.event", index=True, ondelete="restrict")
    rule_id = fields.Many2one("revisit.rule", index=True)
    step_id = fields.Many2one("revisit.rule.step", index=True)
    plan_id = fields.Many2one("revisit.plan", index=True)
    period_start = fields.Date(
        copy=False,
        help="Due date of the periodic visit this record fulfils (tier schedule).",
    )
    purpose = fields.Char()
    priority = fields.Selection(
        [("0", "Normal"), ("1", "High"), ("2", "Urgent")], default="0"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    department_id = fields.Many2one("hr.department", index=True, check_company=True)
    method = fields.Selection(METHODS, required=True, default="phone", tracking=True)
    scheduled_date = fields.Date(required=True, index=True, tracking=True)
    deadline = fields.Date(index=True)
    schedule_note = fields.Char(
        readonly=True, copy=False, help="Why the visit was moved from its due date."
    )
    appointment_datetime = fields.Datetime(string="Appointment", copy=False)
    appointment_place = fields.Char(copy=False)
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)
    state = fields.Selection(
        VISIT_STATES,
        default="todo",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    done_date = fields.Date(copy=False)
    duration = fields.Float(string="Duration (Hours)", copy=False)
    done_by_phone = fields.Boolean(
        string="Phone Visit",
        readonly=True,
        copy=False,
        help="Completed over the phone: no signature is collected.",
    )
    satisfaction = fields.Integer(copy=False, aggregator="avg")
    feedback = fields.Text(copy=False)
    problem = fields.Text(string="Problem Raised", copy=False)
    followup_needed = fields.Boolean(copy=False)
    opportunity_note = fields.Text(string="Sales Opportunity", copy=False)
    signature = fields.Binary(copy=False, attachment=True)
    cost = fields.Monetary(copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    retry_count = fields.Integer(
        copy=False, readonly=True, help="Attempts made before this one."
    )
    parent_visit_id = fields.Many2one(
        "revisit.visit",
        string="Previous Visit",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    followup_visit_ids = fields.One2many(
        "revisit.visit", "parent_visit_id", string="Follow-up Visits"
    )
    access_token = fields.Char(copy=False, readonly=True, groups="base.group_user")
    survey_id = fields.Many2one(related="rule_id.survey_id")
    survey_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Questionnaire Answer",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    report = fields.Html(string="Visit Report", copy=False)
    report_date = fields.Datetime(copy=False, readonly=True)
    report_user_id = fields.Many2one("res.users", copy=False, readonly=True)
    review_comment = fields.Text(copy=False)
    reviewer_id = fields.Many2one("res.users", copy=False, readonly=True)
    review_date = fields.Datetime(copy=False, readonly=True)
    reminder_date = fields.Date(
        copy=False, readonly=True, help="Last day the assignee was reminded."
    )
    escalation_date = fields.Date(
        copy=False, readonly=True, help="Day the overdue visit was escalated."
    )
    customer_notified_date = fields.Date(copy=False, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _event_step_uniq = models.UniqueIndex(
        "(event_id, step_id) WHERE event_id IS NOT NULL",
        "An event already has a visit for this rule step.",
    )
    _period_uniq = models.UniqueIndex(
        "(partner_id, rule_id, period_start) WHERE period_start IS NOT NULL",
        "The customer already has a periodic visit for this period.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("state", "deadline", "scheduled_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for visit in self:
            limit = visit.deadline or visit.scheduled_date
            visit.is_overdue = bool(
                visit.state in OPEN_STATES and limit and limit < today
            )

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        today = fields.Date.context_today(self)
        return Domain("state", "in", OPEN_STATES) & (
            Domain("deadline", "<", today)
            | (Domain("deadline", "=", False) & Domain("scheduled_date", "<", today))
        )

    @api.constrains("satisfaction")
    def _check_satisfaction(self):
        for visit in self:
            if visit.satisfaction and not 1 <= visit.satisfaction <= 5:
                raise ValidationError(self.env._("Satisfaction is scored from 1 to 5."))

    @api.constrains("scheduled_date", "deadline")
    def _check_deadline(self):
        for visit in self:
            if visit.deadline and visit.deadline < visit.scheduled_date:
                raise ValidationError(
                    self.env._("The deadline of a visit cannot precede its date.")
                )

    @api.constrains("appointment_datetime", "partner_id")
    def _check_appointment_dnd(self):
        for visit in self.filtered("appointment_datetime"):
            partner = visit.partner_id
            tz = pytz.timezone(partner.tz or visit.user_id.tz or "UTC")
            local = pytz.utc.localize(visit.appointment_datetime).astimezone(tz)
            if partner._revisit_in_dnd_hours(local.hour + local.minute / 60.0):
                raise ValidationError(
                    self.env._(
                        "The appointment falls in %(customer)s's do-not-disturb hours.",
                        customer=partner.display_name,
                    )
                )
            if local.isoweekday() in partner._revisit_rest_days():
                raise ValidationError(
                    self.env._(
                        "The appointment falls on a rest day of %(customer)s.",
                        customer=partner.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._next_names(len(unnamed)), strict=True):
            vals["name"] = name
        for vals in vals_list:
            if vals.get("method") in ONLINE_METHODS and not vals.get("access_token"):
                vals["access_token"] = str(uuid.uuid4())
        visits = super().create(vals_list)
        visits._schedule_revisit_activities()
        return visits

    def write(self, vals):
        review_fields = {"review_comment", "reviewer_id", "review_date"}
        if review_fields & set(vals) and not self.env.user.has_group(
            "revisit_management.group_revisit_supervisor"
        ):
            raise AccessError(self.env._("Only supervisors review visits."))
        if vals.get("method") in ONLINE_METHODS:
            for visit in self.filtered(lambda v: not v.access_token):
                visit.sudo().access_token = str(uuid.uuid4())
        res = super().write(vals)
        if "user_id" in vals:
            activities = self.activity_search([ACTIVITY_XMLID])
            if vals["user_id"]:
                activities.write({"user_id": vals["user_id"]})
            else:
                activities.unlink()
        if "state" in vals:
            self.plan_id._update_state_from_visits()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(visit.state == "done" for visit in self):
            raise UserError(
                self.env._("A completed visit is a record: archive it instead.")
            )
        if not self.env.user.has_group("revisit_management.group_revisit_manager"):
            raise UserError(self.env._("Visits are archived, not deleted."))

    def _next_names(self, count):
        """Draw `count` references from the visit sequence in one query."""
        if not count:
            return []
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "revisit.visit"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence.next_by_id() for _i in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        numbers = [number for (number,) in self.env.cr.fetchall()]
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for number in numbers]

    def _schedule_revisit_activities(self):
        """Give each assignee an activity on their open visits, in one batch."""
        visits = self.filtered(lambda v: v.user_id and v.state in OPEN_STATES)
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            self._activity_values(
                [(v.id, v.name, v.user_id.id, v.scheduled_date) for v in visits]
            )
        )

    @api.model
    def _activity_values(self, rows):
        """Values of the assignees' activities, from (visit id, reference, user
        id, scheduled date) rows."""
        activity_type = self.env.ref(ACTIVITY_XMLID, raise_if_not_found=False)
        if not activity_type:
            return []
        model_id = self.env["ir.model"]._get_id(self._name)
        summary = self.env._("Revisit the customer")
        return [
            {
                "res_model_id": model_id,
                "res_model": self._name,
                "res_id": visit_id,
                "res_name": name,
                "activity_type_id": activity_type.id,
                "user_id": user_id,
                "date_deadline": scheduled_date,
                "summary": summary,
                "automated": True,
            }
            for visit_id, name, user_id, scheduled_date in rows
            if user_id
        ]

    def mail_allowed_qweb_expressions(self):
        # plain fields of the reminder and notice e-mails: rendered without eval
        return (
            *super().mail_allowed_qweb_expressions(),
            "object.company_id.name",
            "object.partner_id.display_name",
            "object.partner_id.revisit_contact_hours",
            "object.purpose",
            "object.scheduled_date",
        )

    # ------------------------------------------------------------------
    # Generation: scheduling and assignment
    # ------------------------------------------------------------------

    @api.model
    def _create_planned(self, vals_list):
        """Create generated visits in one batch: schedule, assign, create."""
        if not vals_list:
            return self.browse()
        self._apply_schedule_constraints(vals_list)
        self._assign_staff(vals_list)
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._next_names(len(unnamed)), strict=True):
            vals["name"] = name
        for vals in vals_list:
            if vals.get("method") in ONLINE_METHODS:
                vals["access_token"] = str(uuid.uuid4())
        visits, rows = self._bulk_insert(
            self, vals_list, returning=("name", "user_id", "scheduled_date")
        )
        self._insert_activities(rows)
        return visits

    @api.model
    def _insert_activities(self, rows):
        """Bulk version of the assignees' activities, from (visit id, reference,
        user id, scheduled date) rows: the assignees see them in their list, with
        no notification per activity; the stored computations of mail.activity
        are done here."""
        activities = self._activity_values(rows)
        users = self.env["res.users"].browse({a["user_id"] for a in activities})
        timezones = {user.id: user.tz for user in users}
        for activity in activities:
            activity.update(date_done=False, user_tz=timezones[activity["user_id"]])
        self._bulk_insert(self.env["mail.activity"].sudo(), activities)

    @api.model
    def _create_planned_groups(self, groups):
        """Create the planned visits of several groups (one event's, one
        customer's) in one batch. Should another worker have created some of them
        meanwhile, the database refuses them: retry group by group and leave the
        other worker's groups alone."""
        try:
            with self.env.cr.savepoint():
                return self._create_planned(
                    [vals for group in groups for vals in group]
                )
        except CONCURRENCY_ERRORS:
            _logger.info("Revisits: concurrent generation, retrying one by one")
        visits = self.browse()
        for group in groups:
            try:
                with self.env.cr.savepoint():
                    visits |= self._create_planned(group)
            except CONCURRENCY_ERRORS:
                _logger.info(
                    "Revisits: visits of customer %s created by another worker",
                    group[0]["partner_id"],
                )
        return visits

    @api.model
    def _try_lock(self, records):
        """Lock what no other worker holds (others' rows are skipped); a row
        another worker changed since this transaction began is skipped too."""
        try:
            with self.env.cr.savepoint(flush=False):
                return records.try_lock_for_update(allow_referencing=True)
        except CONCURRENCY_ERRORS:
            return records.browse()

    @api.model
    def _bulk_insert(self, model, vals_list, returning=()):
        """Insert plain stored values in a few statements, skipping rows a unique
        index refuses (ON CONFLICT DO NOTHING: what another worker created already
        is not created twice). The defaults of the fields not given are computed
        once for the batch, stored computed fields are computed at the next flush.
        For generated records only: no chatter, no company check.

        Return the records created and, for each, the tuple (id, *returning)."""
        if not vals_list:
            return model.browse(), []
        env = model.env
        env.flush_all()
        given = set().union(*vals_list)
        missing = [
            name
            for name, field in model._fields.items()
            if field.store
            and field.column_type
            and not field.compute
            and name not in given
            and name not in models.MAGIC_COLUMNS
        ]
        defaults = model.default_get(missing)
        now, uid = env.cr.now(), env.uid
        log = {
            "create_uid": uid,
            "create_date": now,
            "write_uid": uid,
            "write_date": now,
        }
        columns = sorted(given | set(defaults) | set(log))
        fields_ = [model._fields[name] for name in columns]
        plain = {
            field.name
            for field in fields_
            if field.type in PLAIN_TYPES and not getattr(field, "translate", False)
        }

        def column_value(field, row):
            value = row.get(field.name)
            if field.name not in plain:
                return field.convert_to_column_insert(value, model, row)
            if value is False and field.type != "boolean":
                return None
            return value

        result = []
        for chunk in split_every(1000, vals_list):
            rows = [{**defaults, **vals, **log} for vals in chunk]
            env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s ON CONFLICT DO NOTHING RETURNING %s",
                    SQL.identifier(model._table),
                    SQL(", ").join(map(SQL.identifier, columns)),
                    SQL(", ").join(
                        tuple(column_value(field, row) for field in fields_)
                        for row in rows
                    ),
                    SQL(", ").join(map(SQL.identifier, ("id", *returning))),
                )
            )
            result.extend(env.cr.fetchall())
        env.invalidate_all()
        records = model.browse(row[0] for row in result)
        for field in model._fields.values():
            if field.store and field.compute and field.name not in given:
                env.add_to_compute(field, records)
        with env.protecting(fields_, records):
            records.modified(columns, create=True)
        records._validate_fields(columns)
        return records, result

    @api.model
    def _apply_schedule_constraints(self, vals_list):
        """Move each planned visit to the customer's next allowed day.

        A day is refused when it falls before the do-not-disturb date, on one of
        the customer's rest days, or closer than the customer's minimum interval to
        another open or done visit of the customer (visits of the same event
        excepted: their spacing is the rule's). The reason lands in schedule_note.
        """
        partner_ids = list({vals["partner_id"] for vals in vals_list})
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        self.flush_model(
            ["partner_id", "event_id", "done_date", "scheduled_date", "state", "active"]
        )
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, event_id, COALESCE(done_date, scheduled_date)"
                " FROM revisit_visit"
                " WHERE partner_id = ANY(%s) AND active AND state IN %s",
                partner_ids,
                ("todo", "appointed", "done"),
            )
        )
        taken = defaultdict(list)
        for partner_id, event_id, day in self.env.cr.fetchall():
            taken[partner_id].append((day, event_id))
        rules = {partner.id: partner._revisit_rest_days() for partner in partners}
        for vals in sorted(
            vals_list, key=lambda v: (v["partner_id"], v["scheduled_date"])
        ):
            partner = partners.browse(vals["partner_id"])
            start = fields.Date.to_date(vals["scheduled_date"])
            day, reasons = self._next_allowed_day(
                partner, start, vals.get("event_id"), taken[partner.id], rules
            )
            if day != start:
                window = (
                    fields.Date.to_date(vals["deadline"]) - start
                    if vals.get("deadline")
                    else timedelta(0)
                )
                vals["scheduled_date"] = day
                if vals.get("deadline"):
                    vals["deadline"] = day + window
                vals["schedule_note"] = self.env._(
                    "Moved from %(date)s: %(reasons)s",
                    date=start,
                    reasons="; ".join(reasons),
                )
            taken[partner.id].append((day, vals.get("event_id")))

    @api.model
    def _next_allowed_day(self, partner, day, event_id, taken, rest_days):
        reasons = []
        gap = partner.revisit_min_interval_days
        for _attempt in range(800):
            if partner.revisit_dnd_until and day <= partner.revisit_dnd_until:
                day = partner.revisit_dnd_until + timedelta(days=1)
                reason = self.env._(
                    "do not disturb until %(date)s", date=partner.revisit_dnd_until
                )
            elif day.isoweekday() in rest_days[partner.id]:
                day += timedelta(days=1)
                reason = self.env._("rest day of the customer")
            else:
                clash = [
                    other
                    for other, other_event in taken
                    if gap
                    and (not event_id or other_event != event_id)
                    and abs((day - other).days) < gap
                ]
                if not clash:
                    break
                day = max(clash) + timedelta(days=gap)
                reason = self.env._(
                    "less than %(days)s days from another visit", days=gap
                )
            if reason not in reasons:
                reasons.append(reason)
        return day, reasons

    @api.model
    def _assign_staff(self, vals_list):
        """Assign the customer's revisit owner, else the least loaded staff member
        of the responsible department (employees whose user is revisit staff)."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse({vals["partner_id"] for vals in vals_list})
        )
        # read in batch: owner (active only) and department of each customer
        owners = {
            partner.id: partner.revisit_user_id.filtered("active").id
            for partner in partners
        }
        departments = {
            partner.id: partner.revisit_department_id.id for partner in partners
        }
        pending = []
        for vals in vals_list:
            if vals.get("user_id"):
                continue
            vals.setdefault("department_id", False)
            if not vals["department_id"]:
                vals["department_id"] = departments[vals["partner_id"]]
            if owners[vals["partner_id"]]:
                vals["user_id"] = owners[vals["partner_id"]]
            else:
                vals["user_id"] = False
                if vals["department_id"]:
                    pending.append(vals)
        if not pending:
            return
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
            staff[employee.department_id.id].append(employee.user_id.id)
        load = dict.fromkeys(employees.user_id.ids, 0)
        for user, count in self.sudo()._read_group(
            [("user_id", "in", employees.user_id.ids), ("state", "in", OPEN_STATES)],
            ["user_id"],
            ["__count"],
        ):
            load[user.id] = count
        for vals in pending:
            candidates = staff.get(vals["department_id"])
            if candidates:
                user_id = min(candidates, key=lambda uid: (load[uid], uid))
                load[user_id] += 1
                vals["user_id"] = user_id

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_open(self):
        for visit in self:
            if visit.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Visit %(visit)s is already closed.", visit=visit.display_name
                    )
                )

    def action_appoint(self):
        """Confirm an appointment: the assignee gets it in their calendar."""
        self._check_open()
        for visit in self:
            if not visit.appointment_datetime:
                raise UserError(
                    self.env._(
                        "Set the appointment date and time of %(visit)s first.",
                        visit=visit.display_name,
                    )
                )
        for visit in self:
            start = visit.appointment_datetime
            values = {
                "name": self.env._(
                    "Revisit %(visit)s: %(customer)s",
                    visit=visit.name,
                    customer=visit.partner_id.display_name,
                ),
                "start": start,
                "stop": start + timedelta(hours=visit.duration or 1.0),
                "location": visit.appointment_place,
                "user_id": visit.user_id.id,
                "partner_ids": [
                    (6, 0, (visit.user_id.partner_id | visit.partner_id).ids)
                ],
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": visit.id,
            }
            if visit.calendar_event_id:
                visit.calendar_event_id.write(values)
            else:
                visit.calendar_event_id = (
                    self.env["calendar.event"]
                    .with_context(mail_create_nosubscribe=True)
                    .create(values)
                )
        self.state = "appointed"
        return True

    def action_done(self):
        """Record the visit as done: a satisfaction score is required, and the
        customer's signature for on-site visits. A problem or a low score asks for
        a follow-up visit."""
        self._check_open()
        for visit in self:
            if not visit.satisfaction:
                raise UserError(
                    self.env._(
                        "Enter the customer's satisfaction (1 to 5) for %(visit)s, "
                        "or mark the customer unreachable.",
                        visit=visit.display_name,
                    )
                )
            if visit.method == "onsite" and not visit.signature:
                raise UserError(
                    self.env._(
                        "An on-site visit needs the customer's signature: %(visit)s.",
                        visit=visit.display_name,
                    )
                )
        today = fields.Date.context_today(self)
        for visit in self:
            low = visit.company_id.revisit_low_satisfaction
            visit.write(
                {
                    "state": "done",
                    "done_date": visit.done_date or today,
                    "done_by_phone": visit.method == "phone",
                    "followup_needed": bool(visit.problem) or visit.satisfaction <= low,
                }
            )
        self.activity_feedback([ACTIVITY_XMLID])
        self.filtered("followup_needed")._create_next_visits("followup")
        return True

    def action_unreachable(self):
        """The customer could not be reached: retry, up to the company's count."""
        self._check_open()
        self.write({"state": "unreachable"})
        self.activity_unlink([ACTIVITY_XMLID])
        retry = self.filtered(
            lambda v: v.retry_count < v.company_id.revisit_retry_count
        )
        retry._create_next_visits("retry")
        for visit in self - retry:
            visit.message_post(
                body=self.env._(
                    "Customer unreachable after %(count)s attempts: no more retries.",
                    count=visit.retry_count + 1,
                )
            )
        return True

    def action_cancel(self):
        self._check_open()
        self.write({"state": "cancelled"})
        self.activity_unlink([ACTIVITY_XMLID])
        return True

    def action_reset_todo(self):
        for visit in self:
            if visit.state not in ("unreachable", "cancelled"):
                raise UserError(
                    self.env._(
                        "Only unreachable or cancelled visits go back to do: "
                        "%(visit)s.",
                        visit=visit.display_name,
                    )
                )
        self.write({"state": "todo"})
        self._schedule_revisit_activities()
        return True

    def _create_next_visits(self, kind):
        """Retry (next day) or follow-up (after the company's delay) visits."""
        today = fields.Date.context_today(self)
        vals_list = []
        for visit in self:
            if kind == "retry":
                day = today + timedelta(days=1)
                purpose = self.env._("Retry: %(purpose)s", purpose=visit.purpose or "")
            else:
                day = today + timedelta(days=visit.company_id.revisit_followup_days)
                purpose = self.env._("Follow-up of %(visit)s", visit=visit.name)
            window = (
                (visit.deadline - visit.scheduled_date).days if visit.deadline else 3
            )
            vals_list.append(
                {
                    "partner_id": visit.partner_id.id,
                    "contact_id": visit.contact_id.id,
                    "event_id": visit.event_id.id,
                    "rule_id": visit.rule_id.id,
                    "plan_id": visit.plan_id.id,
                    "parent_visit_id": visit.id,
                    "retry_count": visit.retry_count + 1 if kind == "retry" else 0,
                    "purpose": purpose,
                    "method": visit.method,
                    "user_id": visit.user_id.id,
                    "department_id": visit.department_id.id,
                    "scheduled_date": day,
                    "deadline": day + timedelta(days=window),
                    "company_id": visit.company_id.id,
                }
            )
        return self.sudo()._create_planned(vals_list)

    def action_submit_report(self):
        """Record the next-day visit report: who submitted it and when."""
        for visit in self:
            if visit.state not in ("done", "unreachable"):
                raise UserError(
                    self.env._(
                        "Report on %(visit)s once it is done or unreachable.",
                        visit=visit.display_name,
                    )
                )
            if not visit.report:
                raise UserError(
                    self.env._(
                        "Write the report of %(visit)s first.", visit=visit.display_name
                    )
                )
        self.write(
            {"report_date": fields.Datetime.now(), "report_user_id": self.env.uid}
        )
        return True

    def action_review(self):
        """Supervisor review: the comment, the reviewer and the date are kept."""
        if not self.env.user.has_group("revisit_management.group_revisit_supervisor"):
            raise AccessError(self.env._("Only supervisors review visits."))
        for visit in self:
            if not visit.review_comment:
                raise UserError(
                    self.env._(
                        "Write a review comment on %(visit)s first.",
                        visit=visit.display_name,
                    )
                )
        self.write({"reviewer_id": self.env.uid, "review_date": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------
    # Online evaluation
    # ------------------------------------------------------------------

    def _get_survey(self):
        self.ensure_one()
        return self.rule_id.survey_id or self.env.ref(
            "revisit_management.revisit_survey_satisfaction", raise_if_not_found=False
        )

    def action_send_survey(self):
        """Send the customer a link to the questionnaire; the answer scores the
        visit."""
        self._check_open()
        template = self.env.ref("revisit_management.mail_template_revisit_survey")
        for visit in self:
            survey = visit._get_survey()
            if visit.method not in ONLINE_METHODS or not survey:
                raise UserError(
                    self.env._(
                        "%(visit)s is not an online evaluation with a questionnaire.",
                        visit=visit.display_name,
                    )
                )
            if visit.method == "sms" and not visit.partner_id.phone:
                raise UserError(
                    self.env._(
                        "%(customer)s has no phone number for the SMS.",
                        customer=visit.partner_id.display_name,
                    )
                )
            if visit.method != "sms" and not visit.partner_id.email:
                raise UserError(
                    self.env._(
                        "%(customer)s has no e-mail address for the questionnaire.",
                        customer=visit.partner_id.display_name,
                    )
                )
            if not visit.survey_user_input_id:
                visit.sudo().survey_user_input_id = survey.sudo()._create_answer(
                    partner=visit.partner_id,
                    check_attempts=False,
                )
            if visit.method == "sms":
                visit._send_survey_sms()
            else:
                template.send_mail(
                    visit.id, email_layout_xmlid="mail.mail_notification_light"
                )
        return True

    def _send_survey_sms(self):
        """Text the questionnaire link through Odoo's SMS (its configured
        provider). The SMS is queued for the SMS scheduled action; a failure
        shows on the visit (chatter and banner) to be fixed and resent."""
        self.ensure_one()
        self._message_sms(
            self.env._(
                "%(company)s: how satisfied are you with our service? Please "
                "answer here: %(url)s",
                company=self.company_id.name,
                url=self._get_survey_url(),
            ),
            partner_ids=self.partner_id.ids,
            put_in_queue=True,
        )

    def _get_survey_url(self):
        self.ensure_one()
        answer = self.sudo().survey_user_input_id
        return answer and f"{self.get_base_url()}{answer.get_start_url()}"

    def _apply_survey_answer(self):
        """Score the visit from its completed questionnaire and close it."""
        for visit in self.filtered(lambda v: v.state in OPEN_STATES):
            percentage = visit.survey_user_input_id.scoring_percentage
            visit.satisfaction = min(5, max(1, round(percentage / 20.0)))
            visit.action_done()

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------

    @api.model
    def _cron_batches(self, domain, process, batch_size=CRON_BATCH):
        """Run `process` on batches of the records matching `domain` that this
        worker can lock, committing progress after each batch. A batch that fails
        is run again one record at a time: a failing record is logged and
        skipped, the others are processed."""
        last_id = 0
        while True:
            batch = self.search(
                Domain.AND([domain, [("id", ">", last_id)]]),
                order="id",
                limit=batch_size,
            )
            if not batch:
                return
            last_id = batch[-1].id
            # a fresh transaction: what other workers committed is seen
            self.env["ir.cron"]._commit_progress()
            records = self._try_lock(batch).filtered_domain(domain)
            try:
                with self.env.cr.savepoint():
                    process(records)
            except Exception:
                _logger.info("Revisit cron: batch failed, processing one by one")
                for record in records:
                    try:
                        with self.env.cr.savepoint():
                            process(record)
                    except Exception:
                        _logger.exception("Revisit cron: %s skipped", record.name)
            remaining = self.search_count(Domain.AND([domain, [("id", ">", last_id)]]))
            time_left = self.env["ir.cron"]._commit_progress(
                len(records), remaining=remaining
            )
            if not time_left:
                return

    @api.model
    def _cron_generate_periodic_visits(self, batch_size=CRON_BATCH):
        """Create the visits due by the customers' value tiers (periodic rules)."""
        today = fields.Date.context_today(self)
        Partner = self.env["res.partner"]
        for rule in (
            self.env["revisit.rule"].sudo().search([("trigger", "=", "periodic")])
        ):
            domain = [
                ("revisit_tier_id", "!=", False),
                ("company_id", "in", [rule.company_id.id, False]),
            ]
            last_id = 0
            while True:
                partners = Partner.search(
                    Domain.AND([domain, [("id", ">", last_id)]]),
                    order="id",
                    limit=batch_size,
                )
                if not partners:
                    break
                last_id = partners[-1].id
                self.env["ir.cron"]._commit_progress()
                partners = self._try_lock(partners)
                try:
                    with self.env.cr.savepoint():
                        self._generate_periodic(rule, partners, today)
                except Exception:
                    _logger.info("Periodic revisits: batch failed, one by one")
                    for partner in partners:
                        try:
                            with self.env.cr.savepoint():
                                self._generate_periodic(rule, partner, today)
                        except Exception:
                            _logger.exception(
                                "Periodic revisits: %s skipped", partner.display_name
                            )
                remaining = Partner.search_count(
                    Domain.AND([domain, [("id", ">", last_id)]])
                )
                if not self.env["ir.cron"]._commit_progress(
                    len(partners), remaining=remaining
                ):
                    return

    @api.model
    def _generate_periodic(self, rule, partners, today):
        """Create the periodic visit of each partner whose tier interval has
        elapsed since the last visit; none while an open visit exists."""
        Visit = self.sudo().with_context(active_test=False)
        open_partners = {
            partner.id
            for (partner,) in Visit._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "in", OPEN_STATES),
                    ("active", "=", True),
                ],
                ["partner_id"],
            )
        }
        last_done = dict(
            (partner.id, last)
            for partner, last in Visit._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "=", "done"),
                    ("active", "=", True),
                ],
                ["partner_id"],
                ["done_date:max"],
            )
        )
        step = rule.step_ids[:1]
        window = step.window_days if step else 30
        groups = []
        for partner in partners:
            if partner.id in open_partners:
                continue
            if not (partner.email or partner.phone):
                _logger.warning(
                    "Periodic revisits: %s (id %s) has no e-mail nor phone: skipped",
                    partner.name,
                    partner.id,
                )
                continue
            last = last_done.get(partner.id)
            due = (
                last + relativedelta(months=partner.revisit_tier_id.interval_months)
                if last
                else today
            )
            if due > today:
                continue
            groups.append(
                [
                    {
                        "partner_id": partner.id,
                        "rule_id": rule.id,
                        "step_id": step.id,
                        "period_start": due,
                        "purpose": step.name or rule.name,
                        "method": step.method or rule.method or "phone",
                        "department_id": rule.department_id.id,
                        "scheduled_date": today,
                        "deadline": today + timedelta(days=window),
                        "company_id": rule.company_id.id,
                    }
                ]
            )
        return Visit._create_planned_groups(groups)

    @api.model
    def _cron_remind(self):
        """Remind assignees of their visits due today and tomorrow (once a day),
        and tell the customers of approved plans of their visit ahead of time."""
        today = fields.Date.context_today(self)
        template = self.env.ref("revisit_management.mail_template_revisit_reminder")
        self._cron_batches(
            [
                ("state", "in", OPEN_STATES),
                ("user_id.active", "=", True),
                ("scheduled_date", "<=", today + timedelta(days=1)),
                ("scheduled_date", ">=", today),
                "|",
                ("reminder_date", "=", False),
                ("reminder_date", "<", today),
            ],
            lambda visits: visits._remind_assignees(template, today),
        )
        notice = self.env.ref("revisit_management.mail_template_revisit_plan_notice")
        self._cron_batches(
            [
                ("state", "in", OPEN_STATES),
                ("plan_id.notify_customers", "=", True),
                ("customer_notified_date", "=", False),
                ("scheduled_date", ">=", today),
                ("partner_id.email", "!=", False),
            ],
            lambda visits: visits._notify_customers(notice, today),
        )

    def _remind_assignees(self, template, today):
        """E-mail the assignees and make sure each has the visit's activity."""
        if not self:
            return
        activity_type = self.env.ref(ACTIVITY_XMLID)
        with_activity = {
            (activity.res_id, activity.user_id.id)
            for activity in self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        }
        self._insert_activities(
            [
                (v.id, v.name, v.user_id.id, v.scheduled_date)
                for v in self
                if (v.id, v.user_id.id) not in with_activity
            ]
        )
        template.send_mail_batch(self.ids)
        self.reminder_date = today

    def _notify_customers(self, template, today):
        """Tell the customers of their visit, the company's notice days ahead."""
        due = self.filtered(
            lambda v: (
                v.scheduled_date
                <= today + timedelta(days=v.company_id.revisit_notify_days_before)
            )
        )
        if due:
            template.send_mail_batch(due.ids)
            due.customer_notified_date = today

    @api.model
    def _cron_escalate(self):
        """Escalate each overdue visit once to its department's manager."""
        self._cron_batches(
            [("is_overdue", "=", True), ("escalation_date", "=", False)],
            lambda visits: visits._escalate(),
        )

    def _escalate(self):
        """An activity to the department manager of each overdue visit."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "revisit_management.mail_activity_type_revisit_overdue"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        activities, orphans = [], self.browse()
        for visit in self:
            department = visit.department_id or visit.partner_id.revisit_department_id
            manager = department.manager_id.user_id
            if not manager.active:
                orphans |= visit
                continue
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": visit.id,
                    "activity_type_id": activity_type.id,
                    "user_id": manager.id,
                    "date_deadline": today,
                    "automated": True,
                    "summary": self.env._("Overdue revisit"),
                    "note": self.env._(
                        "%(visit)s for %(customer)s was due on %(date)s.",
                        visit=visit.name,
                        customer=visit.partner_id.display_name,
                        date=visit.deadline or visit.scheduled_date,
                    ),
                }
            )
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(activities)
        if orphans:
            body = self.env._("Overdue, and no department manager to escalate to.")
            orphans._message_log_batch(bodies=dict.fromkeys(orphans.ids, body))
        self.escalation_date = today

    @api.model
    def _cron_send_digest(self, period="week"):
        """E-mail last week's or last month's figures to the revisit managers."""
        today = fields.Date.context_today(self)
        if period == "month":
            date_to = today.replace(day=1) - timedelta(days=1)
            date_from = date_to.replace(day=1)
        else:
            date_from = today - timedelta(days=today.weekday() + 7)
            date_to = date_from + timedelta(days=6)
        template = self.env.ref("revisit_management.mail_template_revisit_digest")
        managers = self.env.ref("revisit_management.group_revisit_manager").all_user_ids
        for company in self.env["res.company"].search([]):
            recipients = managers.filtered(
                lambda u, c=company: c in u.company_ids and u.email and u.active
            )
            if not recipients:
                continue
            values = (
                self.with_company(company)
                .with_context(allowed_company_ids=company.ids)
                ._get_digest_values(date_from, date_to)
            )
            template.with_context(digest=values).send_mail(
                company.id,
                email_values={
                    "recipient_ids": [(6, 0, recipients.partner_id.ids)],
                    "email_to": False,
                },
            )
            self.env["ir.cron"]._commit_progress(1)

    @api.model
    def _get_digest_values(self, date_from, date_to):
        """Figures of the statistics digest for a period; extend to add more."""
        Visit = self.sudo().with_context(active_test=False)
        base = Domain("company_id", "=", self.env.company.id) & Domain(
            "active", "=", True
        )
        due = Visit.search_count(
            base
            & Domain("scheduled_date", ">=", date_from)
            & Domain("scheduled_date", "<=", date_to)
            & Domain("state", "!=", "cancelled")
        )
        done = Visit.search(
            base
            & Domain("state", "=", "done")
            & Domain("done_date", ">=", date_from)
            & Domain("done_date", "<=", date_to)
        )
        on_time = done.filtered(
            lambda v: v.done_date <= (v.deadline or v.scheduled_date)
        )
        overdue = Visit.search_count(base & Domain("is_overdue", "=", True))
        scores = done.filtered("satisfaction").mapped("satisfaction")
        return {
            "date_from": date_from,
            "date_to": date_to,
            "due": due,
            "done": len(done),
            "overdue": overdue,
            "on_time_rate": round(100.0 * len(on_time) / len(done), 1) if done else 0.0,
            "satisfaction_avg": round(sum(scores) / len(scores), 2) if scores else 0.0,
        }
