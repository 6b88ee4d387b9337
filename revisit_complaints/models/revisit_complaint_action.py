from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

# set by the workflow buttons only
WORKFLOW_FIELDS = (
    "state",
    "done_date",
    "verified_by_id",
    "verified_date",
    "escalated_date",
)
MANAGER_GROUP = "revisit_management.group_revisit_manager"


class RevisitComplaintAction(models.Model):
    """A corrective or preventive action of a complaint, followed until its
    effect is verified (003 八.5: 制定订正预防措施,并监督措施实施状况及效果)."""

    _name = "revisit.complaint.action"
    _description = "Complaint Corrective or Preventive Action"
    _inherit = [
        "revisit.company.lang.mixin",
        "revisit.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "deadline, id"
    _check_company_auto = True
    _workflow_fields = WORKFLOW_FIELDS
    _workflow_birth_states = ("todo",)
    # only the verification is still written once the action is done
    _workflow_frozen_fields = {
        "done": ("ticket_id", "kind", "name", "user_id", "deadline"),
        "verified": ("ticket_id", "kind", "name", "user_id", "deadline"),
        "cancelled": ("ticket_id", "kind", "name", "user_id", "deadline"),
    }

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain=[("is_complaint", "=", True)],
    )
    kind = fields.Selection(
        [("corrective", "Corrective"), ("preventive", "Preventive")],
        required=True,
        default="corrective",
        tracking=True,
    )
    name = fields.Char(string="Action", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    deadline = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("done", "Done"),
            ("verified", "Effect Verified"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    done_date = fields.Date(readonly=True)
    verification = fields.Text(
        string="Verification of Effect",
        help="How the action's effect was checked and what was found.",
    )
    verified_by_id = fields.Many2one("res.users", readonly=True)
    verified_date = fields.Date(readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    escalated_date = fields.Date(
        readonly=True,
        copy=False,
        help="The day the overdue action was escalated to the complaint's head.",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)

    @api.depends("state", "deadline", "company_id")
    def _compute_is_overdue(self):
        for action in self:
            action.is_overdue = bool(
                action.state == "todo"
                and action.deadline
                and action.deadline < action.company_id._revisit_today()
            )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions.ticket_id.check_access("write")
        actions._activity_update()
        return actions

    def write(self, vals):
        if set(vals) - {"verification"} and self.filtered(lambda a: a.state != "todo"):
            raise UserError(self.env._("Only actions still to do can be changed."))
        res = super().write(vals)
        if {"user_id", "deadline"} & set(vals):
            self._activity_update()
        return res

    def _workflow_raise(self, names):
        raise UserError(
            self.env._(
                "%(fields)s of an action change only through its buttons.",
                fields=self._workflow_label(names),
            )
        )

    def _workflow_write(self, vals):
        return super(RevisitComplaintAction, self.sudo()).write(vals)

    def _activity_update(self):
        """The responsible's to-do follows the action, as activity_update()
        of Odoo's leaves and maintenance requests."""
        todo = self.filtered(lambda a: a.state == "todo")
        (self - todo).activity_unlink(["mail.mail_activity_data_todo"])
        for action in todo:
            env = action.ticket_id._revisit_env()
            activity = action.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
                )
            )
            if activity:
                activity.write(
                    {"user_id": action.user_id.id, "date_deadline": action.deadline}
                )
            else:
                action.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=action.deadline,
                    user_id=action.user_id.id,
                    summary=env._("Carry out: %s", action.name),
                )

    def action_done(self):
        """The responsible (or the complaint's handler) reports it done."""
        if self.filtered(lambda a: a.state != "todo"):
            raise UserError(self.env._("Only actions to do can be marked done."))
        self.check_access("write")
        for action in self:
            action._workflow_write(
                {
                    "state": "done",
                    "done_date": action.company_id._revisit_today(),
                }
            )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        # R107 (监督措施实施状况及效果): the effect is checked by someone else
        for action in self:
            overseer = action._overseer()
            if overseer:
                action.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=action.done_date,
                    user_id=overseer.id,
                    summary=action.ticket_id._revisit_env()._(
                        "Verify the effect of: %s", action.name
                    ),
                )
        return True

    def _overseer(self):
        """Who oversees the action (one): the complaint team's head, else its
        company manager, else the complaint's handler, else a revisit manager
        of the company; never the action's own responsible."""
        self.ensure_one()
        ticket = self.sudo().ticket_id
        candidates = (
            ticket.team_id.complaint_head_user_id
            | ticket.team_id.complaint_manager_user_id
            | ticket.user_id
            | self.env.ref(MANAGER_GROUP)
            .sudo()
            .all_user_ids.filtered(
                lambda u: u.active and not u.share and self.company_id in u.company_ids
            )
        )
        return candidates.filtered(
            lambda u: u != self.user_id and u.id != SUPERUSER_ID
        )[:1]

    @api.model
    def _cron_escalate_overdue(self):
        """Tell the overseer once about each action past its deadline
        (R107: the implementation is supervised, not only flagged)."""
        actions = self.sudo().search(
            [
                ("state", "=", "todo"),
                ("escalated_date", "=", False),
                ("deadline", "<", fields.Date.today() + timedelta(days=1)),
            ]
        )
        for action in actions.filtered("is_overdue"):
            today = action.company_id._revisit_today()
            overseer = action._overseer()
            if overseer:
                action.activity_schedule(
                    "mail.mail_activity_data_warning",
                    date_deadline=today,
                    user_id=overseer.id,
                    summary=action.ticket_id._revisit_env()._(
                        "Overdue since %(date)s: %(action)s",
                        date=action.deadline,
                        action=action.name,
                    ),
                )
            action._workflow_write({"escalated_date": today})

    def action_verify(self):
        """Someone other than the responsible checks the effect."""
        if self.filtered(lambda a: a.state != "done"):
            raise UserError(self.env._("Only done actions can be verified."))
        self.check_access("write")
        for action in self:
            if not (action.verification or "").strip():
                raise UserError(
                    self.env._("Write how the effect of %s was verified.", action.name)
                )
            if action.user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "The effect of an action is verified by someone else than "
                        "its responsible."
                    )
                )
            action._workflow_write(
                {
                    "state": "verified",
                    "verified_by_id": self.env.user.id,
                    "verified_date": action.company_id._revisit_today(),
                }
            )
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        if self.filtered(lambda a: a.state != "todo"):
            raise UserError(self.env._("Only actions to do can be cancelled."))
        self.check_access("write")
        self._workflow_write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if self.filtered(lambda a: a.state in ("done", "verified")):
            raise UserError(self.env._("Done actions are kept as evidence."))
