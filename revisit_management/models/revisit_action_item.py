from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

ITEM_KINDS = [
    ("rectification", "Problem Rectification"),
    ("proposal", "Improvement Proposal"),
]
ITEM_STATES = [
    ("open", "Open"),
    ("done", "Implemented"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]
OPEN_ITEM_STATES = ("open", "done")
# written by the buttons, the campaign and the escalation only
WORKFLOW_FIELDS = (
    "state",
    "done_date",
    "closed_by_id",
    "escalated_date",
    "visit_id",
    "plan_id",
    "partner_id",
)
ESCALATION_ACTIVITY = "mail.mail_activity_data_todo"


class RevisitActionItem(models.Model):
    """A tracked item: a problem raised in a campaign revisit with its
    rectification (seed 004, 第3篇 3(1)⑦), or an improvement proposal drawn from
    the revisit analysis (seed 000, 三.2.2), implemented by a deadline and
    closed once checked. Overdue items are escalated to the responsible's
    manager with an activity."""

    _name = "revisit.action.item"
    _description = "Revisit Action Item"
    _inherit = ["mail.thread", "mail.activity.mixin", "revisit.workflow.mixin"]
    _order = "state, deadline, id"
    _workflow_fields = WORKFLOW_FIELDS
    _workflow_birth_states = ("open",)
    # a closed item is the record of what was done
    _workflow_frozen_fields = {"closed": ("__all__",), "cancel": ("__all__",)}
    _workflow_kept_states = ("closed",)

    name = fields.Char(string="Title", required=True, tracking=True)
    kind = fields.Selection(ITEM_KINDS, required=True, default="proposal")
    visit_id = fields.Many2one("revisit.visit", index="btree_not_null", readonly=True)
    plan_id = fields.Many2one(
        "revisit.plan", string="Campaign", index="btree_not_null", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    description = fields.Text(string="Problem or Finding")
    measure = fields.Text(string="Rectification or Improvement", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    deadline = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        ITEM_STATES, default="open", required=True, readonly=True, tracking=True
    )
    done_date = fields.Date(string="Implemented On", readonly=True, copy=False)
    result = fields.Text(string="Effect Checked", tracking=True)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    escalated_date = fields.Date(readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    def _compute_is_overdue(self):
        for item in self:
            item.is_overdue = bool(
                item.state == "open"
                and item.deadline
                and item.deadline < item.company_id._revisit_today()
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = self.env.company._revisit_today()
        domain = [("state", "=", "open"), ("deadline", "<", today)]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    def action_done(self):
        for item in self:
            if item.state != "open":
                raise UserError(
                    self.env._("%(item)s is not open.", item=item.display_name)
                )
            if not (item.measure or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the rectification or improvement of %(item)s "
                        "before marking it implemented.",
                        item=item.display_name,
                    )
                )
        for item in self:
            item._workflow_write(
                {"state": "done", "done_date": item.company_id._revisit_today()}
            )
        return True

    def action_close(self):
        """Close an implemented item once its effect is checked, by someone else
        than its responsible."""
        for item in self:
            if item.state != "done":
                raise UserError(
                    self.env._(
                        "%(item)s is closed after it is implemented.",
                        item=item.display_name,
                    )
                )
            if not (item.result or "").strip():
                raise UserError(
                    self.env._(
                        "Write the effect checked for %(item)s before closing it.",
                        item=item.display_name,
                    )
                )
            if item.user_id == self.env.user and not self.env.su:
                raise UserError(
                    self.env._(
                        "Someone else than its responsible checks and closes %(item)s.",
                        item=item.display_name,
                    )
                )
        self._workflow_write({"state": "closed", "closed_by_id": self.env.uid})
        return True

    def action_cancel(self):
        self.filtered(lambda i: i.state in OPEN_ITEM_STATES)._workflow_write(
            {"state": "cancel"}
        )
        return True

    def _workflow_write(self, vals):
        """State changes of the buttons, once their checks passed, on items the
        user may write."""
        self.check_access("write")
        # sudo: the workflow fields, on items the user may write (checked above)
        return self.sudo().write(vals)

    @api.model
    def _rectification_deadline(self, company):
        """The deadline of a problem tracked today: the company's days (M10,
        7 unless it says otherwise)."""
        return company._revisit_today() + timedelta(
            days=company.revisit_rectification_days
        )

    @api.model
    def _from_campaign_visits(self, visits):
        """One rectification item per problem raised in a campaign's visits."""
        values = []
        for visit in visits:
            if not (visit.plan_id.is_campaign and (visit.problem or "").strip()):
                continue
            lang = visit.company_id._revisit_lang()
            values.append(
                {
                    "name": visit.with_context(lang=lang).env._(
                        "Problem raised in %(visit)s", visit=visit.name
                    ),
                    "kind": "rectification",
                    "visit_id": visit.id,
                    "plan_id": visit.plan_id.id,
                    "partner_id": visit.partner_id.id,
                    "description": visit.problem,
                    "user_id": visit.user_id.id or self.env.uid,
                    "deadline": self._rectification_deadline(visit.company_id),
                    "company_id": visit.company_id.id,
                }
            )
        return self.sudo().create(values)

    @api.model
    def _cron_escalate_overdue(self):
        """Tell the responsible's manager (or the revisit managers when there is
        none) once about each overdue item."""
        items = self.sudo().search(
            [("is_overdue", "=", True), ("escalated_date", "=", False)]
        )
        managers = self.env.ref("revisit_management.group_revisit_manager").user_ids
        for item in items:
            today = item.company_id._revisit_today()
            if item.deadline >= today:
                continue
            boss = item.user_id.employee_ids[:1].parent_id.user_id
            recipients = (
                boss
                or managers.filtered(lambda u, c=item.company_id: c in u.company_ids)[
                    :1
                ]
            )
            lang = item.company_id._revisit_lang()
            for user in recipients:
                item.activity_schedule(
                    ESCALATION_ACTIVITY,
                    date_deadline=today,
                    summary=item.with_context(lang=lang).env._(
                        "Overdue since %(date)s: %(item)s",
                        date=item.deadline,
                        item=item.name,
                    ),
                    user_id=user.id,
                )
            item.escalated_date = today
