import logging
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, plaintext2html

from .res_partner import PROTECTED_LEVELS
from .revisit_rule import METHODS, VISIT_STATES
from .revisit_visit_states import (
    OPEN_STATES,
    overdue_domain_by_company,
)

_logger = logging.getLogger(__name__)

SATISFACTION_STARS = [
    ("0", "Not Scored"),
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]
# outcome and workflow fields: written by the action methods only (as superuser)
WORKFLOW_FIELDS = (
    "state",
    "done_date",
    "done_by_phone",
    "report_date",
    "report_user_id",
    "reviewer_id",
    "review_date",
    "escalation_date",
    "reminder_date",
    "retry_count",
    "survey_user_input_id",
    "survey_conflict",
    "report_reminder_date",
    "report_escalation_date",
    "promise_reminded",
    "promise_escalated",
    "question_answered_date",
)
# a closed visit is appraised: its inputs no longer change (TRUST_MODEL 3)
CLOSED_FROZEN_FIELDS = (
    "deadline",
    "scheduled_date",
    "period_start",
    "plan_id",
    "user_id",
    "active",
    "problem",
    "problem_category_ids",
    "cost",
    "satisfaction",
    "event_id",
    "company_id",
    "partner_id",
)
ACTIVITY_XMLID = "revisit_management.mail_activity_type_revisit"
# a change of these fields may add, move or remove the assignee's activity
ACTIVITY_FIELDS = {"state", "user_id", "scheduled_date", "active", "company_id"}


class RevisitVisit(models.Model):
    """One contact with one customer: a call, a message or an on-site visit."""

    _name = "revisit.visit"
    _description = "Revisit"
    _inherit = [
        "revisit.promise.mixin",
        "revisit.company.lang.mixin",
        "revisit.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "revisit.visit.survey.mixin",
    ]
    _order = "scheduled_date, id"
    _check_company_auto = True
    _workflow_fields = WORKFLOW_FIELDS
    _workflow_birth_states = ("todo",)
    _workflow_frozen_fields = dict.fromkeys(
        (state for state, _label in VISIT_STATES if state not in OPEN_STATES),
        CLOSED_FROZEN_FIELDS,
    )

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
    due_date = fields.Date(
        compute="_compute_due_date",
        store=True,
        index=True,
        help="The deadline, else the scheduled date: a visit done by then is on "
        "time, an open one past it is overdue.",
    )
    schedule_note = fields.Char(
        readonly=True, copy=False, help="Why the visit was moved from its due date."
    )
    appointment_datetime = fields.Datetime(string="Appointment", copy=False)
    appointment_place = fields.Char(copy=False)
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)
    # the visits' calendar: at the appointment's time when there is one, else
    # all day on the scheduled day; the card names the customer and the place
    calendar_start = fields.Datetime(compute="_compute_calendar_start", store=True)
    calendar_all_day = fields.Boolean(compute="_compute_calendar_start", store=True)
    calendar_title = fields.Char(compute="_compute_calendar_title")
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
    problem_category_ids = fields.Many2many(
        "revisit.problem.category",
        string="Problem Categories",
        copy=False,
        check_company=True,
        help="Kinds of problem the customer raised: the customers' problems are "
        "summarised by category.",
    )
    followup_needed = fields.Boolean(copy=False)
    opportunity_note = fields.Text(string="Sales Opportunity", copy=False)
    signature = fields.Binary(string="Customer Signature", copy=False, attachment=True)
    staff_signature = fields.Binary(
        copy=False,
        attachment=True,
        help="The revisit staff member's signature on the visit record.",
    )
    technical_user_id = fields.Many2one(
        "res.users",
        string="Technical Staff",
        copy=False,
        help="A technical colleague who took part in the visit and signs its "
        "record too (required for an on-site visit).",
    )
    technical_signature = fields.Binary(
        string="Technical Staff Signature", copy=False, attachment=True
    )
    material_ids = fields.One2many(
        "revisit.visit.material", "visit_id", string="Materials", copy=False
    )
    material_outstanding = fields.Boolean(
        string="Materials Outstanding",
        compute="_compute_material_outstanding",
        store=True,
        help="Material handed out for the visit is neither returned nor approved "
        "to be kept.",
    )
    pending_question = fields.Text(
        string="Open Question",
        copy=False,
        help="A question of the customer that could not be answered at once.",
    )
    question_answered_date = fields.Date(
        string="Question Answered On", copy=False, readonly=True
    )
    followup_method = fields.Selection(
        METHODS,
        string="Follow-up Method",
        copy=False,
        help="How the follow-up visit is made; empty: the company's follow-up "
        "method (phone by default).",
    )
    duration_exceeded = fields.Boolean(
        string="Too Long",
        compute="_compute_duration_exceeded",
        search="_search_duration_exceeded",
        help="The visit lasted longer than the company's maximum duration.",
    )
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
    survey_id = fields.Many2one(related="rule_id.survey_id")
    report = fields.Html(string="Visit Report", copy=False)
    report_date = fields.Datetime(copy=False, readonly=True)
    report_user_id = fields.Many2one("res.users", copy=False, readonly=True)
    report_reminder_date = fields.Date(
        copy=False, readonly=True, help="Day the assignee was reminded of the report."
    )
    report_escalation_date = fields.Date(
        copy=False,
        readonly=True,
        help="Day the missing report was escalated to the department manager.",
    )
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
    # What the assignee needs to make the call, on the card, form and done dialog
    contact_phone = fields.Char(
        string="Phone to Call",
        compute="_compute_contact_phone",
        help="The contact person's number, else the customer's (mobile first).",
    )
    contact_hours = fields.Char(
        string="Preferred Contact Hours",
        related="partner_id.revisit_contact_hours",
    )
    satisfaction_stars = fields.Selection(
        SATISFACTION_STARS,
        compute="_compute_satisfaction_stars",
        inverse="_inverse_satisfaction_stars",
        help="Satisfaction as stars: empty until the customer scored the visit.",
    )
    last_visit_date = fields.Date(
        string="Last Visit",
        compute="_compute_last_visit",
        help="Date of the customer's last completed visit before this one.",
    )
    last_visit_satisfaction = fields.Selection(
        SATISFACTION_STARS, string="Last Satisfaction", compute="_compute_last_visit"
    )
    last_visit_feedback = fields.Text(
        string="Last Feedback", compute="_compute_last_visit"
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

    @api.depends("deadline", "scheduled_date")
    def _compute_due_date(self):
        for visit in self:
            visit.due_date = visit.deadline or visit.scheduled_date

    @api.depends("state", "due_date", "company_id")
    def _compute_is_overdue(self):
        for visit in self:
            visit.is_overdue = bool(
                visit.state in OPEN_STATES
                and visit.due_date
                and visit.due_date < visit.company_id._revisit_today()
            )

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        return overdue_domain_by_company(self.env["res.company"].sudo().search([]))

    @api.depends("appointment_datetime", "scheduled_date")
    def _compute_calendar_start(self):
        for visit in self:
            visit.calendar_all_day = not visit.appointment_datetime
            visit.calendar_start = visit.appointment_datetime or (
                visit.scheduled_date
                and fields.Datetime.to_datetime(visit.scheduled_date)
            )

    @api.depends_context("uid")
    @api.depends("partner_id", "method", "appointment_place", "contact_phone", "name")
    def _compute_calendar_title(self):
        for visit in self:
            visit.calendar_title = " · ".join(
                part
                for part in (
                    visit.partner_id.display_name or visit.name,
                    visit._revisit_place(),
                )
                if part
            )

    def _revisit_place(self):
        """Where the visit happens: the agreed place, else the customer's
        address for an on-site visit; the number to call or text otherwise."""
        self.ensure_one()
        if self.method in ("onsite", "video"):
            if self.appointment_place or self.method == "video":
                return self.appointment_place or ""
            # not the address of a customer whose contact data the user may not read
            if self.partner_id._revisit_contact_hidden_ids():
                return ""
            address = self.partner_id._display_address(without_company=True)
            return ", ".join(
                line.strip() for line in address.splitlines() if line.strip()
            )
        if self.method in ("phone", "sms"):
            return self.contact_phone or ""
        return ""

    @api.depends_context("uid")
    @api.depends(
        "partner_id.phone", "contact_id.phone", "contact_id.parent_id", "partner_id"
    )
    def _compute_contact_phone(self):
        """Not the number of a customer (or contact person) whose contact data
        the user may not read."""
        partners = self.contact_id | self.partner_id
        hidden = partners._revisit_contact_hidden_ids()
        for visit in self:
            numbers = []
            for partner in (visit.contact_id, visit.partner_id):
                if partner.id in hidden:
                    continue
                # mobile first where an installed addon gives partners one
                if "mobile" in partner._fields:
                    numbers.append(partner.mobile)
                numbers.append(partner.phone)
            visit.contact_phone = next((number for number in numbers if number), False)

    @api.depends("material_ids.state")
    def _compute_material_outstanding(self):
        for visit in self:
            visit.material_outstanding = any(
                material.state == "out" for material in visit.material_ids
            )

    @api.depends("duration", "company_id.revisit_max_duration")
    def _compute_duration_exceeded(self):
        for visit in self:
            limit = visit.company_id.revisit_max_duration
            visit.duration_exceeded = bool(limit and visit.duration > limit)

    def _search_duration_exceeded(self, operator, value):
        # not stored: a new company limit would rewrite every visit
        if operator != "in":
            return NotImplemented
        domain = Domain.OR(
            Domain("company_id", "=", company.id)
            & Domain("duration", ">", company.revisit_max_duration)
            for company in self.env["res.company"].sudo().search([])
            if company.revisit_max_duration
        )
        return domain if True in value else ~domain

    @api.onchange("duration")
    def _onchange_duration_warning(self):
        return self._duration_warning(self.company_id, self.duration)

    @api.model
    def _duration_warning(self, company, duration):
        """The warning of a visit lasting longer than the company allows."""
        limit = company.revisit_max_duration
        if limit and duration > limit:
            return {
                "warning": {
                    "title": self.env._("A long visit"),
                    "message": self.env._(
                        "Revisits should be short and to the point: this one lasts "
                        "longer than the %(hours)s hours the company allows.",
                        hours=limit,
                    ),
                }
            }
        return None

    @api.depends("satisfaction")
    def _compute_satisfaction_stars(self):
        for visit in self:
            visit.satisfaction_stars = str(visit.satisfaction or 0)

    def _inverse_satisfaction_stars(self):
        for visit in self:
            visit.satisfaction = int(visit.satisfaction_stars or 0)

    @api.depends("partner_id", "done_date")
    def _compute_last_visit(self):
        """The customer's last completed visit before this one, read as the
        system for normal customers: the assignee calling the customer needs
        its score and feedback even when another colleague made that visit.
        The visits of secret and stricter customers are read with the user's
        own rights: a visit one creates oneself opens no colleague's visit."""
        self.update(
            {
                "last_visit_date": False,
                "last_visit_satisfaction": "0",
                "last_visit_feedback": False,
            }
        )
        visits = self.filtered(lambda v: v.partner_id and v.id)
        if not visits:
            return
        domain = Domain(
            [
                ("partner_id", "in", visits.partner_id.ids),
                ("state", "=", "done"),
                ("company_id", "in", visits.company_id.ids),
            ]
        )
        normal = Domain("partner_id.revisit_effective_confidentiality", "=", "normal")
        order = "done_date desc, id desc"
        done = self.sudo().search(domain & normal, order=order) | self.search(
            domain & ~normal, order=order
        )
        done = done.sorted(lambda v: (str(v.done_date or ""), v.id), reverse=True)
        for visit in visits:
            last = next(
                (
                    other
                    for other in done
                    if other.partner_id == visit.partner_id
                    and other.id != visit.id
                    and other.company_id == visit.company_id
                    and (
                        not visit.done_date
                        or (other.done_date and other.done_date <= visit.done_date)
                    )
                ),
                None,
            )
            if last:
                visit.update(
                    {
                        "last_visit_date": last.done_date,
                        "last_visit_satisfaction": str(last.satisfaction or 0),
                        "last_visit_feedback": last.feedback,
                    }
                )

    @api.constrains("satisfaction")
    def _check_satisfaction(self):
        for visit in self:
            if visit.satisfaction and not 1 <= visit.satisfaction <= 5:
                raise ValidationError(self.env._("Satisfaction is scored from 1 to 5."))

    @api.constrains("duration", "cost")
    def _check_duration_cost(self):
        if any(visit.duration < 0 or visit.cost < 0 for visit in self):
            raise ValidationError(
                self.env._("The duration and the cost of a visit cannot be negative.")
            )

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
        self._check_assignee(vals_list)
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._next_names(len(unnamed)), strict=True):
            vals["name"] = name
        self._set_priority(vals_list)
        visits = super().create(vals_list)
        if not self.env.context.get("revisit_planner_birth"):
            # the planner updates the activities itself, after the chatter
            visits.activity_update()
        return visits

    def _set_priority(self, vals_list):
        """A visit without a priority of its own takes its customer's: key
        customers first, then by value tier (big, important, ordinary)."""
        unset = [
            v
            for v in vals_list
            if "priority" not in v
            and isinstance(v.get("partner_id"), int)
            and not isinstance(v["partner_id"], bool)
            and v["partner_id"] > 0
        ]
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse(list({vals["partner_id"] for vals in unset}))
        )
        for vals in unset:
            vals["priority"] = partners.browse(
                vals["partner_id"]
            )._revisit_visit_priority()

    def _check_company(self, fnames=None):
        """Odoo checks each record's links one by one (a domain per record
        and field): a batch of generated visits checks each company's values
        at once, and falls back to the per-record check, with its message,
        only when some value is wrong."""
        if len(self) < 2:
            return super()._check_company(fnames)
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        names = [
            name
            for name in fnames
            if self._fields[name].relational
            and self._fields[name].check_company
            and not self._fields[name].company_dependent
        ]
        records = self.sudo()
        for company, visits in records.grouped("company_id").items():
            for name in names:
                linked = visits[name]
                if not linked:
                    continue
                domain = linked._check_company_domain(company)
                if domain and linked != linked.with_context(
                    active_test=False
                ).filtered_domain(domain):
                    return super()._check_company(fnames)
        return None

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # activity_update() makes the assignees followers of all the visits at
        # once before creating their activities: mail.activity.create() would
        # subscribe them again, assignee by assignee (several queries each)
        if self.env.context.get("revisit_followers_done") and not subtype_ids:
            return True
        return super().message_subscribe(partner_ids, subtype_ids)

    def write(self, vals):
        self._check_assignee([vals])
        review_fields = {"review_comment", "reviewer_id", "review_date"}
        if review_fields & set(vals) and not self.env.user.has_group(
            "revisit_management.group_revisit_supervisor"
        ):
            raise AccessError(self.env._("Only supervisors review visits."))
        res = super().write(vals)
        if ACTIVITY_FIELDS & set(vals):
            self.activity_update()
        if "state" in vals:
            self.plan_id._update_state_from_visits()
        return res

    def _workflow_raise(self, names):
        raise UserError(
            self.env._(
                "%(fields)s of a visit change only through its buttons "
                "(done, unreachable, cancel, report, review).",
                fields=self._workflow_label(names),
            )
        )

    def _workflow_raise_frozen(self, names):
        if list(names) == ["satisfaction"]:
            raise UserError(
                self.env._(
                    "Visit %(visit)s is closed: its satisfaction score is "
                    "kept as recorded.",
                    visit=self.display_name,
                )
            )
        return super()._workflow_raise_frozen(names)

    def _check_assignee(self, vals_list):
        """Visits go to active users (the write policy of the workflow and
        frozen fields is the mixin's)."""
        if self.env.su:
            return
        for vals in vals_list:
            assignee = vals.get("user_id") or self.env["res.users"]
            if not isinstance(assignee, models.BaseModel):
                if not isinstance(assignee, int):
                    continue
                assignee = self.env["res.users"].browse(assignee)
            if assignee and not assignee.sudo().active:
                raise ValidationError(
                    self.env._(
                        "%(user)s is archived and cannot be assigned visits.",
                        user=assignee.sudo().name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if self.env.su and self.env.context.get("revisit_destruction_approved"):
            # outdated files destroyed after their approval chain (revisit_archive)
            return
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

    def activity_update(self):
        """Keep the assignee's one activity of each visit in step with it (the
        reminder manager's)."""
        self.env["revisit.reminder.manager"]._activity_update(self)

    def mail_allowed_qweb_expressions(self):
        # plain fields of the customer's notice e-mail: rendered without eval
        return (
            *super().mail_allowed_qweb_expressions(),
            "object.company_id.name",
            "object.scheduled_date",
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_open(self):
        self.check_access("write")
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
            protected = (
                visit.partner_id.revisit_effective_confidentiality in PROTECTED_LEVELS
            )
            # private, with a neutral title: only its attendees (the assignee
            # and the customer) read where to go and why; not the address or
            # number of a confidential customer (the assignee may be outside
            # its file)
            values = {
                "name": self.env._("Revisit %(visit)s", visit=visit.name),
                "privacy": "private",
                "location": (
                    visit.appointment_place or ""
                    if protected
                    else visit._revisit_place()
                ),
                "description": visit.purpose and plaintext2html(visit.purpose),
                "start": start,
                "stop": start + timedelta(hours=visit.duration or 1.0),
                "user_id": visit.user_id.id,
                "partner_ids": [
                    (6, 0, (visit.user_id.partner_id | visit.partner_id).ids)
                ],
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": visit.id,
            }
            # as superuser: write access to the visit was checked, and a private
            # event is writable by its attendees only
            if visit.calendar_event_id:
                visit.calendar_event_id.sudo().write(values)
            else:
                # calendar copies the first attendee's contact details into
                # the description: not those of a confidential customer
                visit.calendar_event_id = (
                    self.env["calendar.event"]
                    .sudo()
                    .with_context(
                        mail_create_nosubscribe=True,
                        skip_contact_description=protected,
                    )
                    .create(values)
                )
        self.sudo().state = "appointed"
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
            if (
                visit.method == "onsite"
                and visit.company_id.revisit_onsite_technical
                and not visit.technical_user_id
            ):
                raise UserError(
                    self.env._(
                        "An on-site visit is made with a technical staff member "
                        "who signs its record: %(visit)s.",
                        visit=visit.display_name,
                    )
                )
            if (
                visit.method == "onsite"
                and visit.technical_user_id
                and not visit.technical_signature
            ):
                raise UserError(
                    self.env._(
                        "%(user)s took part in %(visit)s: the technical staff "
                        "member signs the record too.",
                        user=visit.technical_user_id.name,
                        visit=visit.display_name,
                    )
                )
            missing = visit._close_missing_fields()
            if missing and not visit.rule_id:
                raise UserError(
                    self.env._(
                        "%(visit)s cannot be closed yet: the company asks for "
                        "%(fields)s.",
                        visit=visit.display_name,
                        fields=", ".join(missing),
                    )
                )
            if missing:
                raise UserError(
                    self.env._(
                        "%(visit)s cannot be closed yet: its rule asks for %(fields)s.",
                        visit=visit.display_name,
                        fields=", ".join(missing),
                    )
                )
        # marked done first: closing the visit would remove the activity; the
        # message it leaves is in the company's language, as the activity was
        for company, visits in self.grouped("company_id").items():
            visits.with_context(
                lang=(company or self.env.company)._revisit_lang()
            ).activity_feedback([ACTIVITY_XMLID])
        for visit in self:
            today = visit.company_id._revisit_today()
            low = visit.company_id.revisit_low_satisfaction
            visit.sudo().write(
                {
                    "state": "done",
                    "done_date": visit.done_date or today,
                    "done_by_phone": visit.method == "phone",
                    "followup_needed": bool(visit.problem) or visit.satisfaction <= low,
                }
            )
        self.env["revisit.planner"]._create_next_visits(
            self.filtered("followup_needed"), "followup"
        )
        self.filtered("duration_exceeded")._log_long_visit()
        return True

    def _close_missing_fields(self):
        """Labels (in the user's language) of what the visit's rule requires
        before closing and the visit does not have."""
        self.ensure_one()
        return [
            self._fields[field.name]._description_string(self.env)
            for field in self._close_required_fields()
            if field.name in self._fields
            and not (
                self[field.name].strip()
                if isinstance(self[field.name], str)
                else self[field.name]
            )
        ]

    def _close_required_fields(self):
        """What the visit's rule requires before closing; for a visit without
        a rule (plan, manual), what its company requires."""
        self.ensure_one()
        if self.rule_id:
            return self.rule_id.sudo().close_required_field_ids
        return self.company_id.sudo().revisit_close_required_field_ids

    def _log_long_visit(self):
        """Note on the chatter that a visit lasted longer than allowed."""
        for visit in self:
            visit.message_post(
                body=visit._revisit_text(
                    lambda env, v=visit: env._(
                        "This visit lasted %(duration)s hours, more than the "
                        "%(limit)s hours allowed: keep revisits short and to "
                        "the point.",
                        duration=round(v.duration, 2),
                        limit=v.company_id.revisit_max_duration,
                    )
                )
            )

    def action_unreachable(self):
        """The customer could not be reached: retry, up to the company's count."""
        self._check_open()
        self.sudo().write({"state": "unreachable"})
        retry = self.filtered(
            lambda v: v.retry_count < v.company_id.revisit_retry_count
        )
        self.env["revisit.planner"]._create_next_visits(retry, "retry")
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
        self.sudo().write({"state": "cancelled"})
        return True

    def action_reset_todo(self):
        self.check_access("write")
        for visit in self:
            if visit.state not in ("unreachable", "cancelled"):
                raise UserError(
                    self.env._(
                        "Only unreachable or cancelled visits go back to do: "
                        "%(visit)s.",
                        visit=visit.display_name,
                    )
                )
        self.sudo().write({"state": "todo"})
        return True

    def action_submit_report(self):
        """Record the next-day visit report: who submitted it and when."""
        self.check_access("write")
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
            if visit.material_outstanding:
                raise UserError(
                    self.env._(
                        "Return the material handed out for %(visit)s, or have a "
                        "supervisor approve keeping it, before the report.",
                        visit=visit.display_name,
                    )
                )
        self.sudo().write(
            {"report_date": fields.Datetime.now(), "report_user_id": self.env.uid}
        )
        return True

    def action_question_answered(self):
        """The customer got the answer promised to them."""
        self.check_access("write")
        for visit in self:
            if not visit.promised_date or visit.question_answered_date:
                raise UserError(
                    self.env._(
                        "%(visit)s has no reply promised to the customer.",
                        visit=visit.display_name,
                    )
                )
        for visit in self.sudo():
            visit.question_answered_date = visit.company_id._revisit_today()
        return True

    # the reply promised to the customer (revisit.promise.mixin)
    @api.model
    def _promise_pending_domain(self):
        return [("state", "!=", "cancelled"), ("question_answered_date", "=", False)]

    @api.model
    def _promise_reminder_days(self, company):
        return company.revisit_promise_reminder_days

    def _promise_remind(self):
        self.env["revisit.reminder.manager"]._remind_promise(self)

    def _promise_escalate(self, today):
        self.env["revisit.reminder.manager"]._escalate_promise(self, today)

    def action_review(self):
        """Supervisor review: the comment, the reviewer and the date are kept."""
        if not self.env.user.has_group("revisit_management.group_revisit_supervisor"):
            raise AccessError(self.env._("Only supervisors review visits."))
        self.check_access("write")
        for visit in self:
            if visit.user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Nobody reviews their own visit: another supervisor "
                        "reviews %(visit)s.",
                        visit=visit.display_name,
                    )
                )
            if not visit.review_comment:
                raise UserError(
                    self.env._(
                        "Write a review comment on %(visit)s first.",
                        visit=visit.display_name,
                    )
                )
        self.sudo().write(
            {"reviewer_id": self.env.uid, "review_date": fields.Datetime.now()}
        )
        return True
