import logging
import re
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, plaintext2html

from .res_partner import PROTECTED_LEVELS
from .revisit_planner import CONCURRENCY_ERRORS
from .revisit_rule import METHODS, VISIT_STATES
from .revisit_visit_states import (
    OPEN_STATES,
    overdue_domain,
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
ONLINE_METHODS = ("survey", "sms", "email")
ACTIVITY_XMLID = "revisit_management.mail_activity_type_revisit"
CRON_BATCH = 500
# visit reports of visits done longer ago are history: not chased any more
REPORT_LOOKBACK_DAYS = 30
# a change of these fields may add, move or remove the assignee's activity
ACTIVITY_FIELDS = {"state", "user_id", "scheduled_date", "active", "company_id"}


class RevisitVisit(models.Model):
    """One contact with one customer: a call, a message or an on-site visit."""

    _name = "revisit.visit"
    _description = "Revisit"
    _inherit = [
        "revisit.company.lang.mixin",
        "revisit.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
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
    promised_date = fields.Date(
        string="Promised Reply Date",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="Date by which the customer was promised the answer: the assignee "
        "is reminded before it, the department manager told after it.",
    )
    promise_reminded = fields.Boolean(copy=False, readonly=True)
    promise_escalated = fields.Boolean(copy=False, readonly=True)
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
    survey_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Questionnaire Answer",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    survey_conflict = fields.Boolean(
        string="Answer Contradicts Score",
        copy=False,
        readonly=True,
        help="The customer's questionnaire, answered after the visit was closed, "
        "gives another satisfaction than the one recorded.",
    )
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
        limit = self.company_id.revisit_max_duration
        if limit and self.duration > limit:
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

    def _follow_assignees(self):
        """Make the assignees followers of their visits (default subtypes), in
        one query for the whole recordset; followers are kept as they are
        (the unique key of mail.followers skips those who follow already)."""
        visits = self.sudo().filtered("user_id.partner_id")
        if not visits:
            return
        Followers = self.env["mail.followers"].sudo()
        Followers.flush_model()
        subtypes = self.env["mail.message.subtype"].default_subtypes(self._name)[0]
        self.env.cr.execute(
            SQL(
                """WITH new AS (
                       INSERT INTO mail_followers (res_model, res_id, partner_id)
                       SELECT %(model)s, r.res_id, r.partner_id
                       FROM unnest(%(ids)s::int[], %(partners)s::int[])
                            AS r(res_id, partner_id)
                       ON CONFLICT DO NOTHING
                       RETURNING id)
                   INSERT INTO mail_followers_mail_message_subtype_rel
                       (mail_followers_id, mail_message_subtype_id)
                   SELECT new.id, s FROM new, unnest(%(subtypes)s::int[]) AS s""",
                model=self._name,
                ids=visits.ids,
                partners=[visit.user_id.partner_id.id for visit in visits],
                subtypes=subtypes.ids,
            )
        )
        Followers.invalidate_model()
        visits.invalidate_recordset(["message_follower_ids", "message_partner_ids"])

    def write(self, vals):
        self._check_assignee([vals])
        review_fields = {"review_comment", "reviewer_id", "review_date"}
        if review_fields & set(vals) and not self.env.user.has_group(
            "revisit_management.group_revisit_supervisor"
        ):
            raise AccessError(self.env._("Only supervisors review visits."))
        res = super().write(vals)
        if "promised_date" in vals:
            # a new promise is reminded and escalated again
            self.sudo().write({"promise_reminded": False, "promise_escalated": False})
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
        """Keep the assignee's one activity of each visit in step with it.

        An open, assigned visit gets its activity once its date comes within
        the company's reminder horizon; the activity follows the visit's date
        and assignee, and goes when the visit closes (``action_done`` marks it
        done first, so that it stays in the history)."""
        activity_type = self.env.ref(ACTIVITY_XMLID, raise_if_not_found=False)
        if not activity_type or not self:
            return
        # sudo below: only the assignee's activity of visits the caller reads,
        # brought in step with the visits themselves
        self.check_access("read")
        Activity = self.env["mail.activity"].sudo()
        existing = {}
        for activity in Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        ):
            existing.setdefault(activity.res_id, Activity)
            existing[activity.res_id] |= activity
        horizons = {}
        to_create, to_unlink = [], Activity
        model_id = self.env["ir.model"]._get_id(self._name)
        for visit in self:
            company = visit.company_id
            if company not in horizons:
                horizons[company] = company._revisit_today() + timedelta(
                    days=company.revisit_reminder_days
                )
            activities = existing.get(visit.id, Activity)
            if not (
                visit.active
                and visit.state in OPEN_STATES
                and visit.user_id.active
                and visit.scheduled_date <= horizons[company]
            ):
                to_unlink |= activities
                continue
            if not activities:
                to_create.append(
                    {
                        "res_model_id": model_id,
                        "res_id": visit.id,
                        "activity_type_id": activity_type.id,
                        "user_id": visit.user_id.id,
                        "date_deadline": visit.scheduled_date,
                        "summary": visit._revisit_text(
                            lambda env: env._("Revisit the customer")
                        ),
                        "automated": True,
                    }
                )
                continue
            to_unlink |= activities[1:]
            activity = activities[0]
            changes = {}
            if activity.user_id != visit.user_id:
                changes["user_id"] = visit.user_id.id
            if activity.date_deadline != visit.scheduled_date:
                changes["date_deadline"] = visit.scheduled_date
            if changes:
                activity.write(changes)
        if to_unlink:
            to_unlink.unlink()
        if to_create:
            self.browse([vals["res_id"] for vals in to_create])._follow_assignees()
            Activity.with_context(
                mail_activity_quick_update=True, revisit_followers_done=True
            ).create(to_create)

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

    def _default_appointment_datetime(self):
        """The time to propose for an appointment (UTC): the scheduled day,
        today at the earliest and not on the customer's rest day, at the first
        hour of the customer's contact hours ("weekdays 9:00-11:00"), else at
        10:00, outside the customer's do-not-disturb hours."""
        self.ensure_one()
        partner = self.partner_id
        tz = pytz.timezone(partner.tz or self.user_id.tz or "UTC")
        now = fields.Datetime.now()
        day = max(self.scheduled_date or now.date(), self.company_id._revisit_today())
        found = re.search(
            r"(\d{1,2})\s*(?:[:\uff1a]\s*(\d{2})|点)",
            partner.revisit_contact_hours or "",
        )
        hour = 10.0
        if found and int(found[1]) < 24 and int(found[2] or 0) < 60:
            hour = int(found[1]) + int(found[2] or 0) / 60.0
        hour = next(
            (h for h in [hour, *range(9, 18)] if not partner._revisit_in_dnd_hours(h)),
            hour,
        )
        rest = partner._revisit_rest_days()
        for _attempt in range(14):
            local = datetime.combine(day, time(int(hour), round((hour % 1) * 60)))
            start = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            if start > now and day.isoweekday() not in rest:
                return start
            day += timedelta(days=1)
        return start

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
        self.filtered("followup_needed")._create_next_visits("followup")
        self.filtered("duration_exceeded")._log_long_visit()
        return True

    def _close_missing_fields(self):
        """Labels (in the user's language) of what the visit's rule requires
        before closing and the visit does not have."""
        self.ensure_one()
        return [
            self._fields[field.name]._description_string(self.env)
            for field in self.rule_id.sudo().close_required_field_ids
            if field.name in self._fields
            and not (
                self[field.name].strip()
                if isinstance(self[field.name], str)
                else self[field.name]
            )
        ]

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

    def _create_next_visits(self, kind):
        """Retry (next day) or follow-up (after the company's delay) visits,
        with the window of the visit they follow."""
        groups = []
        for visit in self:
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
                        method=visit._next_method(kind),
                        user_id=visit.user_id.id,
                        department_id=visit.department_id.id,
                    )
                ]
            )
        return self.env["revisit.planner"]._create_visits(groups)

    def _next_method(self, kind):
        """A retry keeps the method; from the second visit on the follow-up may
        be a phone call: the visit's choice, else the company's, else the same."""
        self.ensure_one()
        if kind == "retry":
            return self.method
        return (
            self.followup_method
            or self.company_id.revisit_followup_method
            or self.method
        )

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

    # ------------------------------------------------------------------
    # Online evaluation
    # ------------------------------------------------------------------

    def _get_survey(self):
        self.ensure_one()
        return (
            self.rule_id.survey_id
            or self.plan_id.survey_id
            or self.env.ref(
                "revisit_management.revisit_survey_satisfaction",
                raise_if_not_found=False,
            )
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
                    # the questionnaire speaks the customer's language
                    lang_id=self.env["res.lang"]
                    ._lang_get(
                        visit.partner_id.lang or visit.company_id._revisit_lang()
                    )
                    .id,
                )
            # the link expires: the survey controller refuses it after this
            visit.sudo().survey_user_input_id.deadline = fields.Datetime.now() + (
                timedelta(days=visit.company_id.revisit_survey_valid_days)
            )
            if visit.method == "sms":
                messages = visit._send_survey_sms()
            else:
                mail_id = template.send_mail(
                    visit.id, email_layout_xmlid="mail.mail_notification_light"
                )
                messages = self.env["mail.mail"].sudo().browse(mail_id).mail_message_id
            visit._mask_survey_token(messages)
        return True

    def _mask_survey_token(self, messages):
        """The questionnaire link is the customer's: whoever holds it answers
        as the customer. The SMS or e-mail sent keeps it; the copy in the
        visit's chatter, which the staff read, shows it masked.

        Sudo: the messages the sending just posted on this visit (the caller
        passed ``_check_open``), only their body, only the token."""
        self.ensure_one()
        token = self.sudo().survey_user_input_id.access_token
        if not token:
            return
        for message in messages.sudo():
            if message.model != self._name or message.res_id != self.id:
                continue
            body = message.body or ""
            if token in body:
                message.write({"body": Markup(str(body).replace(token, "********"))})

    def _send_survey_sms(self):
        """Text the questionnaire link through Odoo's SMS (its configured
        provider). The SMS is queued for the SMS scheduled action; a failure
        shows on the visit (chatter and banner) to be fixed and resent."""
        self.ensure_one()
        return self._message_sms(
            self.env._(
                "%(company)s: how satisfied are you with our service? Please "
                "answer here: %(url)s",
                company=self.company_id.name,
                url=self._get_survey_url(),
            ),
            partner_ids=self.partner_id.ids,
            put_in_queue=True,
        )

    def _warn_sms_failure(self):
        """Give the assignee of each open visit an activity when an SMS to its
        customer failed (once while the activity is open): the chatter's small
        red envelope alone goes unseen."""
        warning = self.env.ref("mail.mail_activity_data_warning")
        for visit in self.filtered(lambda v: v.state in OPEN_STATES and v.user_id):
            summary = visit._revisit_text(
                lambda env: env._("SMS to the customer not sent")
            )
            if visit.activity_ids.filtered(
                lambda a, v=visit, s=summary: (
                    a.activity_type_id == warning
                    and a.user_id == v.user_id
                    and a.summary == s
                )
            ):
                continue
            visit._schedule_todo(
                visit.user_id,
                visit.company_id._revisit_today(),
                summary,
                visit._revisit_text(
                    lambda env, v=visit: env._(
                        "The SMS to %(customer)s (%(number)s) could not be sent. "
                        "Check the number on the customer, then resend it from the "
                        "red envelope in the visit's chatter, or call the customer.",
                        customer=v.partner_id.display_name,
                        number=v.partner_id.phone or "-",
                    )
                ),
                xmlid="mail.mail_activity_data_warning",
            )

    def _get_survey_url(self):
        self.ensure_one()
        answer = self.sudo().survey_user_input_id
        return answer and f"{self.get_base_url()}{answer.get_start_url()}"

    def _apply_survey_answer(self):
        """Score the visit from its completed questionnaire and close it. An
        answer arriving after the visit was closed (e.g. by phone) is kept; it is
        flagged when its score differs from the recorded one."""
        for visit in self:
            percentage = visit.survey_user_input_id.scoring_percentage
            score = min(5, max(1, round(percentage / 20.0)))
            if visit.state in OPEN_STATES:
                visit.satisfaction = score
                # what the customer wrote is the visit's customer feedback
                written = visit.survey_user_input_id._revisit_written_answers()
                if written:
                    visit.feedback = written
                visit.action_done()
            elif visit.state == "done" and score != visit.satisfaction:
                visit.sudo().survey_conflict = True
                visit.message_post(
                    body=self.env._(
                        "The customer answered the questionnaire after the visit "
                        "was closed, with a satisfaction of %(answer)s instead of "
                        "the recorded %(recorded)s.",
                        answer=score,
                        recorded=visit.satisfaction,
                    )
                )

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------

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
    def _cron_batch_size(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("revisit_management.cron_batch_size", CRON_BATCH)
        )

    @api.model
    def _cron_batches(self, domain, process, batch_size=None, model=None, lock=True):
        """Run ``process`` on batches of the records matching ``domain`` that
        this worker can lock, committing progress after each batch.

        ``process`` must make what it handled drop out of ``domain``: a run
        cut short (time budget, restart, kill) leaves only the rest for the
        next run. A batch that fails is run again one record at a time: a
        failing record is logged and skipped, the others are processed.
        Return False when the run's time budget is spent. Without ``lock``,
        ``process`` locks what it changes itself."""
        Model = self if model is None else model
        batch_size = batch_size or self._cron_batch_size()
        last_id = 0
        while True:
            batch = Model.search(
                Domain.AND([domain, [("id", ">", last_id)]]),
                order="id",
                limit=batch_size,
            )
            if not batch:
                return True
            last_id = batch[-1].id
            # a fresh transaction: what other workers committed is seen
            self.env["ir.cron"]._commit_progress()
            records = (self._try_lock(batch) if lock else batch).filtered_domain(domain)
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
                        _logger.exception(
                            "Revisit cron: %s skipped", record.display_name
                        )
            remaining = Model.search_count(Domain.AND([domain, [("id", ">", last_id)]]))
            if not self.env["ir.cron"]._commit_progress(
                len(records), remaining=remaining
            ):
                return False

    @api.model
    def _cron_companies(self):
        return self.env["res.company"].sudo().search([])

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
            done = self._cron_batches(
                domain,
                lambda partners, r=rule, t=today: self._generate_periodic(
                    r, partners, t
                ),
                batch_size,
                model=Partner,
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
        return self.env["revisit.planner"]._create_visits(groups)

    @api.model
    def _cron_remind(self):
        """Each day, per company: bring the activities of the visits entering
        the reminder horizon, e-mail the assignees of the visits due today and
        tomorrow, and tell the customers of approved plans of their visit."""
        template = self.env.ref("revisit_management.mail_template_revisit_reminder")
        notice = self.env.ref("revisit_management.mail_template_revisit_plan_notice")
        activity_type = self.env.ref(ACTIVITY_XMLID)
        for company in self._cron_companies():
            today = company._revisit_today()
            horizon = today + timedelta(days=company.revisit_reminder_days)
            due = Domain(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", OPEN_STATES),
                    ("user_id.active", "=", True),
                    ("scheduled_date", "<=", today + timedelta(days=1)),
                    ("scheduled_date", ">=", today),
                    "|",
                    ("reminder_date", "=", False),
                    ("reminder_date", "<", today),
                ]
            )
            # assignee by assignee: one e-mail each, whatever their number of
            # visits; an assignee drops out once their visits are reminded
            assignees = [
                user.id for [user] in self.sudo()._read_group(due, ["user_id"])
            ]
            if not self._cron_batches(
                [("id", "in", assignees)],
                lambda users, d=due, t=today: self._remind_users(users, d, template, t),
                model=self.env["res.users"].sudo(),
                lock=False,
            ):
                return
            # visits entering the horizon get their assignee's activity
            if not self._cron_batches(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", OPEN_STATES),
                    ("user_id.active", "=", True),
                    ("scheduled_date", "<=", horizon),
                    (
                        "activity_ids",
                        "not any",
                        [("activity_type_id", "=", activity_type.id)],
                    ),
                ],
                lambda visits: visits.activity_update(),
            ):
                return
            if not self._cron_batches(
                self._notice_domain(company, today),
                lambda visits, t=today: visits._notify_customers(notice, t),
            ):
                return

    @api.model
    def _remind_users(self, users, domain, template, today):
        """Remind a batch of assignees of their due visits: one search, one
        rendering of the e-mail for the whole batch."""
        visits = self.sudo().search(
            Domain.AND([domain, [("user_id", "in", users.ids)]])
        )
        # locked assignee by assignee: a row another worker changed meanwhile
        # drops that assignee's visits only, not the whole batch's
        locked = self.browse()
        for user_visits in visits.grouped("user_id").values():
            locked |= self._try_lock(user_visits)
        locked._remind_assignees(template, today)

    def _remind_assignees(self, template, today):
        """Bring the assignees' activities and send each assignee one e-mail
        listing their visits among these."""
        if not self:
            return
        self.activity_update()
        # the e-mails list these visits: read at once, not assignee by assignee
        self.fetch(["name", "scheduled_date", "purpose", "partner_id"])
        self.partner_id.fetch(["revisit_contact_hours"])
        self.partner_id.mapped("display_name")
        by_user = {
            user.id: visits.ids for user, visits in self.grouped("user_id").items()
        }
        template.with_context(revisit_reminder_visits=by_user).send_mail_batch(
            list(by_user), email_layout_xmlid="mail.mail_notification_light"
        )
        self.sudo().reminder_date = today

    @api.model
    def _notice_domain(self, company, today):
        """Open visits of plans and rules that notify, within the company's
        notice days, whose customer was not told yet and can be reached."""
        return [
            ("company_id", "=", company.id),
            ("state", "in", OPEN_STATES),
            "|",
            ("plan_id.notify_customers", "=", True),
            ("rule_id.notify_customers", "=", True),
            ("customer_notified_date", "=", False),
            ("scheduled_date", ">=", today),
            (
                "scheduled_date",
                "<=",
                today + timedelta(days=company.revisit_notify_days_before),
            ),
            "|",
            ("partner_id.email", "!=", False),
            ("partner_id.phone", "!=", False),
        ]

    def _notify_customers(self, template, today):
        """Tell the customers of their visit, the company's notice days ahead,
        by their channel: e-mail or SMS, in their language."""
        by_mail = self.filtered(
            lambda v: v.partner_id._revisit_notice_channel() == "email"
        )
        if by_mail:
            template.send_mail_batch(by_mail.ids)
        for visit in self - by_mail:
            visit._send_notice_sms()
        self.sudo().customer_notified_date = today

    def _send_notice_sms(self):
        """Text the customer the day of their visit (queued for Odoo's SMS
        scheduled action), in the customer's language."""
        self.ensure_one()
        lang = self.partner_id.lang or self.company_id._revisit_lang()
        env = self.with_context(lang=lang).env
        day = tools.format_date(env, self.scheduled_date, lang_code=lang)
        self._message_sms(
            env._(
                "%(company)s will contact you on %(date)s about your visit. "
                "If this day does not suit you, please reply.",
                company=self.company_id.name,
                date=day,
            ),
            partner_ids=self.partner_id.ids,
            put_in_queue=True,
        )

    @api.model
    def _cron_escalate(self):
        """Escalate each overdue visit once to its department's manager."""
        for company in self._cron_companies():
            today = company._revisit_today()
            domain = Domain.AND(
                [
                    [("company_id", "=", company.id)],
                    overdue_domain(today),
                    [("escalation_date", "=", False)],
                ]
            )
            if not self._cron_batches(
                domain, lambda visits, t=today: visits._escalate(t)
            ):
                return

    def _escalate(self, today=None):
        """An activity to the department manager of each overdue visit, when the
        manager may read the visit; otherwise a note on the visit. ``today`` is
        the company's calendar day (each visit's own company's when not given)."""
        activity_type = self.env.ref(
            "revisit_management.mail_activity_type_revisit_overdue"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        activities, orphans = [], self.browse()
        for visit in self:
            department = visit.department_id or visit.partner_id.revisit_department_id
            manager = department.manager_id.user_id
            if not manager.active or not visit.with_user(manager).has_access("read"):
                orphans |= visit
                continue
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": visit.id,
                    "activity_type_id": activity_type.id,
                    "user_id": manager.id,
                    "date_deadline": today or visit.company_id._revisit_today(),
                    "automated": True,
                    "summary": visit._revisit_text(
                        lambda env: env._("Overdue revisit")
                    ),
                    "note": plaintext2html(
                        visit._revisit_text(
                            lambda env, v=visit: env._(
                                "%(visit)s for %(customer)s was due on %(date)s.",
                                visit=v.name,
                                customer=v.partner_id.display_name,
                                date=v.due_date,
                            )
                        )
                    ),
                }
            )
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(activities)
        if orphans:
            body = self._revisit_text(
                lambda env: env._(
                    "Overdue, and no department manager who may read it to escalate to."
                )
            )
            orphans._message_log_batch(bodies=dict.fromkeys(orphans.ids, body))
        if today:
            self.sudo().escalation_date = today
        else:
            for visit in self.sudo():
                visit.escalation_date = visit.company_id._revisit_today()

    # ------------------------------------------------------------------
    # Next-day visit reports and promised replies
    # ------------------------------------------------------------------

    @api.model
    def _cron_report_reminders(self):
        """The visit report is due the company's report days after the visit:
        the assignee is reminded on that day, the department manager told the
        day after if it is still missing. Visits done before the look-back are
        history and not chased."""
        for company in self._cron_companies():
            today = company._revisit_today()
            due = today - timedelta(days=company.revisit_report_due_days)
            base = [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("report_date", "=", False),
                ("done_date", ">=", today - timedelta(days=REPORT_LOOKBACK_DAYS)),
            ]
            if not self._cron_batches(
                [*base, ("done_date", "<=", due), ("report_reminder_date", "=", False)],
                lambda visits, t=today: visits._remind_report(t),
            ):
                return
            if not self._cron_batches(
                [
                    *base,
                    ("done_date", "<", due),
                    ("report_escalation_date", "=", False),
                ],
                lambda visits, t=today: visits._escalate_report(t),
            ):
                return

    def _remind_report(self, today):
        for visit in self.filtered("user_id.active"):
            due = visit.done_date + timedelta(
                days=visit.company_id.revisit_report_due_days
            )
            visit._schedule_todo(
                visit.user_id,
                due,
                visit._revisit_text(lambda env: env._("Write the visit report")),
                visit._revisit_text(
                    lambda env, v=visit, d=due: env._(
                        "The report of %(visit)s (%(customer)s) is due on %(date)s.",
                        visit=v.name,
                        customer=v.partner_id.display_name,
                        date=d,
                    )
                ),
            )
        self.sudo().report_reminder_date = today

    def _escalate_report(self, today):
        self._escalate_to_manager(
            today,
            lambda env: env._("Missing visit report"),
            lambda env, v: env._(
                "%(user)s has not reported on %(visit)s (%(customer)s), done on "
                "%(date)s.",
                user=v.user_id.name or "-",
                visit=v.name,
                customer=v.partner_id.display_name,
                date=v.done_date,
            ),
        )
        self.sudo().report_escalation_date = today

    @api.model
    def _cron_promises(self):
        """Replies promised to customers: the assignee is reminded the company's
        days before the promised date, the department manager told once it
        passed without an answer."""
        for company in self._cron_companies():
            today = company._revisit_today()
            base = [
                ("company_id", "=", company.id),
                ("state", "!=", "cancelled"),
                ("promised_date", "!=", False),
                ("question_answered_date", "=", False),
            ]
            horizon = today + timedelta(days=company.revisit_promise_reminder_days)
            if not self._cron_batches(
                [
                    *base,
                    ("promise_reminded", "=", False),
                    ("promised_date", ">=", today),
                    ("promised_date", "<=", horizon),
                ],
                lambda visits: visits._remind_promise(),
            ):
                return
            if not self._cron_batches(
                [
                    *base,
                    ("promise_escalated", "=", False),
                    ("promised_date", "<", today),
                ],
                lambda visits, t=today: visits._escalate_promise(t),
            ):
                return

    def _remind_promise(self):
        for visit in self.filtered("user_id.active"):
            visit._schedule_todo(
                visit.user_id,
                visit.promised_date,
                visit._revisit_text(
                    lambda env: env._("Reply promised to the customer")
                ),
                visit._revisit_text(
                    lambda env, v=visit: env._(
                        "%(customer)s was promised an answer by %(date)s: %(question)s",
                        customer=v.partner_id.display_name,
                        date=v.promised_date,
                        question=v.pending_question or "",
                    )
                ),
            )
        self.sudo().promise_reminded = True

    def _escalate_promise(self, today):
        self._escalate_to_manager(
            today,
            lambda env: env._("Overdue reply to a customer"),
            lambda env, v: env._(
                "%(customer)s was promised an answer by %(date)s and has none yet "
                "(%(visit)s).",
                customer=v.partner_id.display_name,
                date=v.promised_date,
                visit=v.name,
            ),
        )
        self.sudo().promise_escalated = True

    def _schedule_todo(
        self, user, deadline, summary, note, xmlid="mail.mail_activity_data_todo"
    ):
        self.ensure_one()
        self.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
            xmlid,
            date_deadline=deadline,
            summary=summary,
            note=plaintext2html(note),
            user_id=user.id,
        )

    def _escalate_to_manager(self, today, summary, note):
        """A warning activity to the department manager of each visit when the
        manager may read it, otherwise a note on the visit. ``summary(env)`` and
        ``note(env, visit)`` write the texts in the company's language."""
        for visit in self:
            department = visit.department_id or visit.partner_id.revisit_department_id
            manager = department.manager_id.user_id
            text = visit._revisit_text(lambda env, v=visit: note(env, v))
            if manager.active and visit.with_user(manager).has_access("read"):
                visit._schedule_todo(
                    manager,
                    today,
                    visit._revisit_text(summary),
                    text,
                    xmlid="mail.mail_activity_data_warning",
                )
            else:
                visit._message_log(body=plaintext2html(text))
