from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .input_check import check_values
from .revisit_rule import METHODS

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


class RevisitPlan(models.Model):
    """A supervisor's revisit plan for a period, approved by the department head."""

    _name = "revisit.plan"
    _description = "Revisit Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

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
        for vals in vals_list:
            self._check_plan_vals(vals, create=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_plan_vals(vals)
        return super().write(vals)

    def _check_plan_vals(self, vals, create=False):
        """Approval and the other steps go through the buttons; a plan without a
        department belongs to the revisit managers."""
        check_values(self, [vals])
        if self.env.su:
            return
        if create:
            self.check_access("create")
        if create and vals.get("state", "draft") == "draft":
            vals = {k: v for k, v in vals.items() if k != "state"}
        if set(PLAN_WORKFLOW_FIELDS) & set(vals):
            raise UserError(
                self.env._(
                    "A plan is submitted, approved and cancelled with its buttons."
                )
            )
        if self.env.user.has_group(MANAGER_GROUP):
            return
        if (create or "department_id" in vals) and not vals.get("department_id"):
            raise UserError(
                self.env._("Only revisit managers handle plans without a department.")
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
        for line, group in zip(lines.sudo(), groups, strict=True):
            line.visit_id = visits[first]
            first += len(group)
        return True

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
        self.line_ids.visit_id = False
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
