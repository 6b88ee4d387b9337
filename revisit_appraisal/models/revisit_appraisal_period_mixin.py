from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

GRADES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D"), ("E", "E")]
HR_GROUP = "revisit_appraisal.group_revisit_appraisal_hr"
SUPERVISOR_GROUP = "revisit_management.group_revisit_supervisor"


class RevisitAppraisalPeriodMixin(models.AbstractModel):
    """The workflow every appraisal shares, the month's as the quarter's and
    the year's: computed, reviewed by a supervisor, confirmed by HR (who issues
    the reward lines), reopened by HR with a reason.

    The models give their states past confirmation (``_locked_states``), the
    reward lines of a confirmation (``_prepare_reward_lines``) and the error
    of a record without a grade (``_ungraded_error``).
    """

    _name = "revisit.appraisal.period.mixin"
    _description = "Revisit Appraisal Workflow"
    _inherit = [
        "revisit.company.lang.mixin",
        "revisit.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_from desc, score desc, id"
    _check_company_auto = True
    _workflow_birth_states = ("draft",)
    _locked_states = ("confirmed",)

    name = fields.Char(compute="_compute_name", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("reviewed", "Reviewed"),
            ("confirmed", "Confirmed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", string="User", store=True, index=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", string="Department", store=True
    )
    score = fields.Float(digits=(5, 2), readonly=True, tracking=True, aggregator="avg")
    grade = fields.Selection(GRADES, compute="_compute_grade", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Text(string="Supervisor's Comment")
    reviewer_id = fields.Many2one("res.users", readonly=True, copy=False)
    review_date = fields.Date(readonly=True, copy=False)
    confirm_user_id = fields.Many2one(
        "res.users", string="Confirmed By", readonly=True, copy=False
    )
    confirm_date = fields.Date(readonly=True, copy=False)
    compute_user_id = fields.Many2one(
        "res.users",
        string="Computed By",
        readonly=True,
        copy=False,
        help="Who last computed the score: somebody else confirms it.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("employee_id.name", "date_from")
    def _compute_name(self):
        for record in self:
            period = record.date_from and record._period_label()
            record.name = f"{record.employee_id.name or ''} {period or ''}".strip()

    def _period_label(self):
        raise NotImplementedError

    # --- protection of confirmed results -------------------------------------

    def write(self, vals):
        if set(vals) - {"message_main_attachment_id"}:
            # even as superuser: only the workflow (_write_workflow) moves it
            self._check_not_locked()
        return super().write(vals)

    def _workflow_raise_frozen(self, names):
        self._check_not_locked()
        return super()._workflow_raise_frozen(names)

    def _write_workflow(self, vals):
        """Move the records along the workflow (confirm, lock, reopen), once
        the button checked who acts."""
        return super(RevisitAppraisalPeriodMixin, self.sudo()).write(vals)

    def _check_not_locked(self):
        locked = self.filtered(lambda r: r.state in self._locked_states)
        if locked:
            raise UserError(
                self.env._(
                    "%(name)s is confirmed: HR must reopen it before it can change.",
                    name=locked[0].display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_not_locked()
        if self.reward_line_ids.filtered(lambda r: r.state == "paid"):
            raise UserError(self.env._("An appraisal with paid rewards is kept."))

    def _check_hr(self):
        if not self.env.user.has_group(HR_GROUP):
            raise AccessError(
                self.env._(
                    "Only HR (Revisit Appraisal) runs, confirms, locks and reopens "
                    "appraisals."
                )
            )

    @api.model
    def _check_current_company(self, company):
        """Configuration and runs act on the user's current companies only."""
        if not self.env.su and company not in self.env.companies:
            raise AccessError(
                self.env._(
                    "The company is not one of your current companies: switch to it "
                    "first to run or configure its appraisals."
                )
            )

    def _check_separation(self, confirmer):
        """Two different people compute and confirm what is paid, and nobody
        confirms their own appraisal (TRUST_MODEL invariant 4)."""
        if self.env.su:
            return
        for record in self.sudo():
            if record.employee_id.user_id == confirmer:
                raise UserError(
                    self.env._(
                        "Nobody confirms their own appraisal: %(name)s.",
                        name=record.display_name,
                    )
                )
            if record.compute_user_id == confirmer:
                raise UserError(
                    self.env._(
                        "%(name)s was computed by you: another HR officer confirms "
                        "it (two different people compute and confirm what is paid).",
                        name=record.display_name,
                    )
                )

    # --- workflow --------------------------------------------------------------

    def action_review(self):
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(self.env._("Only supervisors review appraisals."))
        if self.filtered(lambda r: r.state != "computed"):
            raise UserError(self.env._("Only computed appraisals can be reviewed."))
        self.check_access("write")
        # sudo: HR without employee rights reads the employees' public profile
        user = self.env.user.sudo()
        heads = user.employee_ids.parent_id | user.employee_ids.department_id.manager_id
        for record in self.sudo():
            if record.employee_id.user_id == user or record.employee_id in heads:
                raise UserError(
                    self.env._(
                        "Nobody reviews their own appraisal or their head's: %(name)s.",
                        name=record.display_name,
                    )
                )
        self._write_workflow(
            {
                "state": "reviewed",
                "reviewer_id": user.id,
                "review_date": self.env.company._revisit_today(),
            }
        )
        return True

    def action_confirm(self):
        """HR confirms: the grade becomes final and the reward lines are issued."""
        self._check_hr()
        if self.filtered(lambda r: r.state != "reviewed"):
            raise UserError(self.env._("Only reviewed appraisals can be confirmed."))
        ungraded = self.filtered(lambda r: not r.grade)
        if ungraded:
            raise UserError(ungraded[0]._ungraded_error())
        self._check_separation(self.env.user)
        # issued by the workflow, once _check_hr() named who confirms
        RewardLine = self.env["revisit.appraisal.reward.line"].sudo()
        # oldest first: a month's penalty depends on the previous month
        for record in self.sorted("date_from"):
            RewardLine.create(record._prepare_reward_lines())
            record._write_workflow(
                {
                    "state": "confirmed",
                    "confirm_user_id": self.env.user.id,
                    "confirm_date": record.company_id._revisit_today(),
                }
            )
            record._after_confirm()
        return True

    def _ungraded_error(self):
        raise NotImplementedError

    def _prepare_reward_lines(self):
        """Values of the reward lines the confirmation issues."""
        raise NotImplementedError

    def _after_confirm(self):
        """What the confirmation of this record issues once it is confirmed."""

    def action_reopen(self, reason=None):
        """HR reopens a confirmed record for correction, with a reason (logged
        in the chatter); unpaid rewards are cancelled. Without a reason the
        button opens the form asking for it."""
        self._check_hr()
        if self.filtered(lambda r: r.state not in self._locked_states):
            raise UserError(self.env._("Only confirmed appraisals can be reopened."))
        if reason is not None and not isinstance(reason, str):
            raise UserError(self.env._("The reason of a correction is a text."))
        if not (reason or "").strip():
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Reopen for Correction"),
                "res_model": "revisit.appraisal.reopen",
                "view_mode": "form",
                "target": "new",
                "context": {"active_model": self._name, "active_ids": self.ids},
            }
        for record in self:
            unpaid = record.reward_line_ids.filtered(
                lambda r: r.state in ("draft", "confirmed")
            )
            # HR reopens (checked above): the workflow cancels the lines
            unpaid.sudo().write({"state": "cancelled"})
            record._write_workflow(
                {"state": "computed", "confirm_user_id": False, "confirm_date": False}
            )
            record.message_post(
                body=self.env._(
                    "Appraisal reopened for correction by %(user)s: %(reason)s. "
                    "%(count)s unpaid reward line(s) cancelled.",
                    user=self.env.user.name,
                    reason=reason.strip(),
                    count=len(unpaid),
                )
            )
        return True
