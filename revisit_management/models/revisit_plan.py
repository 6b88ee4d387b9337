import math
import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import date_utils
from odoo.tools.safe_eval import safe_eval

from .input_check import with_context_defaults
from .revisit_rule import METHODS
from .revisit_visit_states import OPEN_STATES

# written by the plan's buttons only (as superuser, once they checked)
PLAN_WORKFLOW_FIELDS = ("state", "approver_id", "approval_date")
MANAGER_GROUP = "revisit_management.group_revisit_manager"
FREQUENCIES = [
    ("once", "Once"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_yearly", "Half-yearly"),
    ("yearly", "Yearly"),
]
FREQUENCY_STEPS = {
    "weekly": relativedelta(weeks=1),
    "monthly": relativedelta(months=1),
    "quarterly": relativedelta(months=3),
    "half_yearly": relativedelta(months=6),
    "yearly": relativedelta(years=1),
}
SUPERVISOR_GROUP = "revisit_management.group_revisit_supervisor"
PLAN_ACTIVITY_XMLID = "revisit_management.mail_activity_type_revisit_plan"
# the quarter's plans are prompted in its first days: a scheduled action that
# did not run on the first day catches up
QUARTER_PROMPT_DAYS = 7


class RevisitPlan(models.Model):
    """A supervisor's revisit plan for a period, approved by the department head."""

    _name = "revisit.plan"
    _description = "Revisit Plan"
    _inherit = [
        "revisit.company.lang.mixin",
        "revisit.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_from desc, id desc"
    _check_company_auto = True
    _workflow_fields = PLAN_WORKFLOW_FIELDS
    _workflow_birth_states = ("draft",)

    name = fields.Char(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Supervisor",
        default=lambda self: self.env.user,
        tracking=True,
    )
    department_id = fields.Many2one("hr.department", check_company=True, tracking=True)
    purpose = fields.Text()
    content = fields.Html()
    method = fields.Selection(METHODS, default="phone")
    frequency = fields.Selection(
        FREQUENCIES,
        default="once",
        required=True,
        tracking=True,
        help="How often each customer of the plan is visited during its period: "
        "approval creates a visit per occurrence, from the customer's date.",
    )
    notify_customers = fields.Boolean(
        help="Tell each customer of their visit by SMS or e-mail (their channel), the "
        "company's notice days ahead."
    )
    line_ids = fields.One2many(
        "revisit.plan.line", "plan_id", string="Customers", copy=True
    )
    visit_ids = fields.One2many("revisit.visit", "plan_id", string="Visits")
    approver_id = fields.Many2one("res.users", readonly=True, copy=False)
    approval_date = fields.Datetime(readonly=True, copy=False)
    visit_count = fields.Integer(compute="_compute_progress")
    done_count = fields.Integer(compute="_compute_progress")
    completion_rate = fields.Float(
        string="Completion Rate (%)", compute="_compute_progress", aggregator="avg"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    # Questionnaire campaigns: a sample of the customers revisited by survey
    is_campaign = fields.Boolean(
        string="Questionnaire Campaign",
        help="A sample of the customers, drawn from a population, revisited by "
        "questionnaire (e.g. the yearly full revisit, or the yearly written "
        "sample of at least 5% of the residents).",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        help="Sent to the campaign's customers; the revisit satisfaction "
        "questionnaire when empty.",
    )
    population_domain = fields.Char(
        string="Population",
        default="[]",
        help="The customers the sample is drawn from, among the company's "
        "customers (with a value tier or a revisit).",
    )
    sample_rate = fields.Float(
        string="Sample (%)",
        default=5.0,
        help="Share of the population drawn into the campaign: 100 for a full revisit.",
    )
    repeat_months = fields.Integer(
        string="Repeat Every (Months)",
        help="A new campaign is drawn up this many months after this one starts "
        "(12: yearly); 0 for none.",
    )
    next_plan_id = fields.Many2one(
        "revisit.plan", string="Next Campaign", readonly=True, copy=False
    )
    survey_sent_count = fields.Integer(
        string="Questionnaires Sent", compute="_compute_survey_return"
    )
    survey_answered_count = fields.Integer(
        string="Questionnaires Answered", compute="_compute_survey_return"
    )
    survey_return_rate = fields.Float(
        string="Return Rate (%)",
        compute="_compute_survey_return",
        help="Questionnaires answered of those sent.",
    )
    survey_return_target = fields.Float(
        related="company_id.revisit_survey_return_target",
        string="Return Target (%)",
    )

    @api.constrains("sample_rate", "repeat_months")
    def _check_campaign_numbers(self):
        for plan in self:
            if not 0 < plan.sample_rate <= 100 or not 0 <= plan.repeat_months <= 120:
                raise ValidationError(
                    self.env._(
                        "A campaign samples more than 0 and at most 100% of its "
                        "population and repeats every 0 to 120 months."
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for plan in self:
            if plan.date_to < plan.date_from:
                raise ValidationError(
                    self.env._(
                        "The plan %(plan)s ends before it starts.", plan=plan.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")
        self._check_plan_department(with_context_defaults(self, vals_list), True)
        for vals in vals_list:
            if (
                "notify_customers" not in vals
                and "default_notify_customers" not in self.env.context
            ):
                # R047: approved plans announce their visits, unless the
                # company said otherwise
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["notify_customers"] = company.sudo().revisit_plan_notify_customers
        return super().create(vals_list)

    def write(self, vals):
        self._check_plan_department([vals])
        return super().write(vals)

    def _workflow_raise(self, names):
        raise UserError(
            self.env._("A plan is submitted, approved and cancelled with its buttons.")
        )

    def _check_plan_department(self, vals_list, create=False):
        """A plan without a department belongs to the revisit managers (the
        workflow fields are the write policy's)."""
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        for vals in vals_list:
            if (create or "department_id" in vals) and not vals.get("department_id"):
                raise UserError(
                    self.env._(
                        "Only revisit managers handle plans without a department."
                    )
                )

    @api.depends("visit_ids.state")
    def _compute_progress(self):
        Visit = self.env["revisit.visit"].sudo()
        counts = {}
        for plan, state, count in Visit._read_group(
            [("plan_id", "in", self._origin.ids), ("state", "!=", "cancelled")],
            ["plan_id", "state"],
            ["__count"],
        ):
            counts.setdefault(plan.id, {})[state] = count
        for plan in self:
            by_state = counts.get(plan._origin.id, {})
            plan.visit_count = sum(by_state.values())
            plan.done_count = by_state.get("done", 0)
            plan.completion_rate = (
                100.0 * plan.done_count / plan.visit_count if plan.visit_count else 0.0
            )

    @api.depends("visit_ids.survey_user_input_id.state")
    def _compute_survey_return(self):
        """Questionnaires sent to the plan's customers and answered."""
        Visit = self.env["revisit.visit"].sudo()
        base = [("plan_id", "in", self._origin.ids), ("state", "!=", "cancelled")]
        sent = dict(
            Visit._read_group(
                [*base, ("survey_user_input_id", "!=", False)], ["plan_id"], ["__count"]
            )
        )
        answered = dict(
            Visit._read_group(
                [*base, ("survey_user_input_id.state", "=", "done")],
                ["plan_id"],
                ["__count"],
            )
        )
        for plan in self:
            plan.survey_sent_count = sent.get(plan._origin, 0)
            plan.survey_answered_count = answered.get(plan._origin, 0)
            plan.survey_return_rate = (
                100.0 * plan.survey_answered_count / plan.survey_sent_count
                if plan.survey_sent_count
                else 0.0
            )

    def _check_state(self, states):
        for plan in self:
            if plan.state not in states:
                raise UserError(
                    self.env._(
                        "The plan %(plan)s is %(state)s: this step is not possible.",
                        plan=plan.name,
                        state=dict(
                            plan._fields["state"]._description_selection(self.env)
                        )[plan.state],
                    )
                )

    def action_submit(self):
        self.check_access("write")
        self._check_state(["draft"])
        for plan in self:
            if not plan.line_ids:
                raise UserError(
                    self.env._("Add the customers of plan %(plan)s.", plan=plan.name)
                )
        self.sudo().write({"state": "submitted"})
        return True

    def _can_approve(self):
        self.ensure_one()
        user = self.env.user
        return (
            user.has_group("revisit_management.group_revisit_manager")
            or user == self.department_id.manager_id.user_id
        )

    def action_approve(self):
        """Approve (department head or revisit manager): create the visits."""
        self.check_access("write")
        self._check_state(["submitted"])
        for plan in self:
            if not self.env.su and self.env.user in (plan.user_id | plan.create_uid):
                raise UserError(
                    self.env._(
                        "Nobody approves their own plan: %(plan)s is yours, the "
                        "department head or a revisit manager approves it.",
                        plan=plan.name,
                    )
                )
            if not plan._can_approve():
                raise UserError(
                    self.env._(
                        "Only the head of %(department)s or a revisit manager approves "
                        "plan %(plan)s.",
                        department=plan.department_id.display_name or "-",
                        plan=plan.name,
                    )
                )
        self.sudo().write(
            {
                "state": "approved",
                "approver_id": self.env.uid,
                "approval_date": fields.Datetime.now(),
            }
        )
        lines = self.line_ids.filtered(lambda line: not line.visit_id)
        Rule = self.env["revisit.rule"]
        groups = []
        for line in lines:
            plan = line.plan_id
            values = {
                "plan_id": plan.id,
                "method": line.method or plan.method or "phone",
                "department_id": plan.department_id.id,
                "company": plan.company_id,
                "purpose": line.purpose or plan.name,
            }
            if line.user_id:
                values["user_id"] = line.user_id.id
            groups.append(
                [
                    Rule._visit_values(line.partner_id, day, deadline, **values)
                    for day, deadline in plan._occurrences(
                        line.scheduled_date or plan.date_from
                    )
                ]
            )
        visits = self.env["revisit.planner"]._create_visits(groups)
        # the link is the approval's own doing: a confidential customer's line
        # may be beyond what the approving head may write; a line links the
        # first of its visits
        first = 0
        # the line shows the day its visit got, and why when it was moved
        for line, group in zip(lines.sudo(), groups, strict=True):
            visit = visits[first]
            line.write(
                {
                    "visit_id": visit.id,
                    "visit_date": visit.scheduled_date,
                    "schedule_note": visit.schedule_note,
                }
            )
            first += len(group)
        return True

    def action_view_visits(self):
        """The plan's visits on the calendar, opened on the month of the first
        one. Visits moved into other months (do-not-disturb, rest days,
        minimum interval) would be out of that month's sight: such a plan's
        visits open as a list of them all, the calendar a click away."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "revisit_management.revisit_visit_action_plan"
        )
        days = self.visit_ids.mapped("scheduled_date")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        if days:
            action["context"]["initial_date"] = fields.Datetime.to_string(
                fields.Datetime.to_datetime(min(days))
            )
            if len({(day.year, day.month) for day in days}) > 1:
                action["views"] = sorted(
                    action["views"], key=lambda view: view[1] != "list"
                )
        return action

    def _occurrences(self, start):
        """(date, deadline) of each visit of one customer by the plan's
        frequency: from ``start`` every step until the plan ends, each visit due
        before the next one (the last by the end of the plan)."""
        self.ensure_one()
        step = FREQUENCY_STEPS.get(self.frequency)
        days = [start]
        while step and days[-1] + step <= self.date_to:
            days.append(days[-1] + step)
        ends = [day - relativedelta(days=1) for day in days[1:]] + [self.date_to]
        return [(day, max(day, end)) for day, end in zip(days, ends, strict=True)]

    def action_cancel(self):
        # the visits are cancelled as superuser: only on plans one may change
        self.check_access("write")
        self._check_state(["draft", "submitted", "approved", "in_progress"])
        self.visit_ids.filtered(
            lambda v: v.state in ("todo", "appointed")
        ).sudo().write({"state": "cancelled"})
        self.sudo().write({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        self.check_access("write")
        self._check_state(["submitted", "cancelled"])
        if self.visit_ids.filtered(lambda v: v.state == "done"):
            raise UserError(
                self.env._("A plan with completed visits cannot go back to draft.")
            )
        # the approval's links undone by the workflow, on plans one may change
        self.line_ids.sudo().write(
            {"visit_id": False, "visit_date": False, "schedule_note": False}
        )
        self.sudo().write(
            {"state": "draft", "approver_id": False, "approval_date": False}
        )
        return True

    def _update_state_from_visits(self):
        """In progress on the first closed visit, done when every visit is."""
        for plan in self.sudo().filtered(
            lambda p: p.state in ("approved", "in_progress")
        ):
            states = set(plan.visit_ids.mapped("state"))
            if not states & {"todo", "appointed"}:
                plan.state = "done"
            elif states & {"done", "unreachable"}:
                plan.state = "in_progress"

    # ------------------------------------------------------------------
    # The quarter's plans (regulation: plans drawn up at each quarter's start)
    # ------------------------------------------------------------------

    @api.model
    def _cron_prompt_quarter_plans(self):
        """At the start of each quarter of the company's calendar, give each
        department headed by a revisit supervisor a draft plan for the quarter
        and its head an activity to draw it up. A department that has its plan
        of the quarter drops out of the job's domain."""
        Cron = self.env["revisit.cron"]
        Department = self.env["hr.department"].sudo()
        supervisors = self.env.ref(SUPERVISOR_GROUP).sudo().all_user_ids
        for company in Cron._companies().filtered("revisit_quarter_plans"):
            today = company._revisit_today()
            start = date_utils.start_of(today, "quarter")
            if (today - start).days >= QUARTER_PROMPT_DAYS:
                continue
            end = date_utils.end_of(today, "quarter")
            planned = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("date_from", "=", start),
                    ("department_id", "!=", False),
                ]
            )
            domain = Domain(
                [
                    ("company_id", "in", [company.id, False]),
                    ("manager_id.user_id", "in", supervisors.ids),
                    ("id", "not in", planned.department_id.ids),
                ]
            )
            if not Cron._batches(
                Department,
                domain,
                lambda departments, c=company, s=start, e=end: self._prompt_plans(
                    departments, c, s, e
                ),
                lock=False,
            ):
                return

    @api.model
    def _prompt_plans(self, departments, company, date_from, date_to):
        lang = company._revisit_lang()
        quarter = (date_from.month - 1) // 3 + 1
        plans = (
            self.sudo()
            .with_context(mail_create_nolog=True)
            .create(
                [
                    {
                        "name": self.with_context(lang=lang).env._(
                            "%(year)s Q%(quarter)s revisit plan: %(department)s",
                            year=date_from.year,
                            quarter=quarter,
                            department=department.name,
                        ),
                        "date_from": date_from,
                        "date_to": date_to,
                        "department_id": department.id,
                        "user_id": department.manager_id.user_id.id,
                        "company_id": company.id,
                    }
                    for department in departments
                ]
            )
        )
        for plan in plans:
            plan.activity_schedule(
                PLAN_ACTIVITY_XMLID,
                date_deadline=date_from + timedelta(days=QUARTER_PROMPT_DAYS - 1),
                summary=self.with_context(lang=lang).env._(
                    "Draw up the quarter's revisit plan"
                ),
                note=self.with_context(lang=lang).env._(
                    "Add the customers to revisit this quarter, then submit the plan "
                    "for approval; confirm the visit times with the customers ahead."
                ),
                user_id=plan.user_id.id,
            )
        return plans

    # ------------------------------------------------------------------
    # Questionnaire campaigns
    # ------------------------------------------------------------------

    def _campaign_population(self):
        """The company's customers in the campaign's population."""
        self.ensure_one()
        try:
            domain = Domain(safe_eval(self.population_domain or "[]"))
            domain.validate(self.env["res.partner"])
        except Exception as error:
            raise UserError(
                self.env._(
                    "The population of %(plan)s is not a valid filter.", plan=self.name
                )
            ) from error
        Partner = self.env["res.partner"]
        return Partner.search(
            Partner._revisit_customer_domain(self.company_id) & domain, order="id"
        )

    def action_draw_sample(self):
        """Add the campaign's sample of its population to the customers: the
        sample share of the population (rounded up), drawn at random among the
        customers not in the plan yet."""
        self.check_access("write")
        self._check_state(["draft"])
        for plan in self:
            if not plan.is_campaign:
                raise UserError(
                    self.env._(
                        "%(plan)s is not a questionnaire campaign.", plan=plan.name
                    )
                )
            population = plan._campaign_population()
            size = math.ceil(len(population) * plan.sample_rate / 100.0)
            candidates = population - plan.line_ids.partner_id
            size = min(size - len(plan.line_ids), len(candidates))
            if size <= 0:
                continue
            sample = random.sample(candidates.ids, size)
            plan.line_ids = [
                fields.Command.create({"partner_id": partner_id})
                for partner_id in sorted(sample)
            ]
        return True

    def action_send_surveys(self):
        """Send the questionnaire to each customer of the campaign not asked
        yet; customers without an e-mail address (or phone for SMS) are listed
        on the campaign instead."""
        self.check_access("read")
        self._check_state(["approved", "in_progress"])
        for plan in self:
            visits = plan.visit_ids.filtered(
                lambda v: (
                    v.state in OPEN_STATES
                    and v.method in ("survey", "email", "sms")
                    and not v.survey_user_input_id
                )
            )
            skipped = []
            for visit in visits:
                try:
                    with self.env.cr.savepoint():
                        visit.action_send_survey()
                except UserError as error:
                    skipped.append(f"{visit.partner_id.display_name}: {error}")
            if skipped:
                plan.message_post(
                    body=self.env._(
                        "Questionnaires not sent to %(count)s customers: %(reasons)s",
                        count=len(skipped),
                        reasons="; ".join(skipped),
                    )
                )
        return True

    def action_print_summary(self):
        """The campaign's summary report: the Visit Statistics of its visits."""
        self.ensure_one()
        visits = self.visit_ids.filtered(lambda v: v.state != "cancelled")
        if not visits:
            raise UserError(self.env._("%(plan)s has no visits yet.", plan=self.name))
        return self.env.ref(
            "revisit_management.revisit_visit_report_summary"
        ).report_action(visits)

    @api.model
    def _cron_repeat_campaigns(self):
        """Draw up the next campaign of each repeated campaign once its period
        comes (in the company's calendar): a draft with a new sample, and an
        activity for its supervisor. A campaign with its next one drops out of
        the job's domain."""
        Cron = self.env["revisit.cron"]
        for company in Cron._companies():
            today = company._revisit_today()
            domain = [
                ("company_id", "=", company.id),
                ("is_campaign", "=", True),
                ("repeat_months", ">", 0),
                ("next_plan_id", "=", False),
                ("state", "not in", ("draft", "cancelled")),
            ]
            if not Cron._batches(
                self.sudo(),
                domain,
                lambda plans, t=today: plans._repeat_campaign(t),
            ):
                return

    def _repeat_campaign(self, today):
        for plan in self:
            months = relativedelta(months=plan.repeat_months)
            date_from = plan.date_from + months
            if date_from > today:
                continue
            lang = plan.company_id._revisit_lang()
            successor = plan.copy(
                {
                    "date_from": date_from,
                    "date_to": plan.date_to + months,
                    "line_ids": [],
                    "user_id": plan.user_id.id,
                }
            )
            plan.next_plan_id = successor
            successor.action_draw_sample()
            if successor.user_id:
                successor.activity_schedule(
                    PLAN_ACTIVITY_XMLID,
                    date_deadline=date_from,
                    summary=self.with_context(lang=lang).env._(
                        "Check and submit the questionnaire campaign"
                    ),
                    user_id=successor.user_id.id,
                )
