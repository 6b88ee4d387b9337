from odoo import api, fields, models
from odoo.addons.revisit_management.models.res_partner import CONFIDENTIALITY
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

# set by the workflow's buttons only
WORKFLOW_FIELDS = (
    "state",
    "signed_by_id",
    "signed_date",
    "approved_by_id",
    "approved_date",
)

MANAGER_GROUP = "revisit_management.group_revisit_manager"
EXECUTIVE_GROUP = "revisit_archive.group_revisit_archive_executive"
CUSTODIAN_GROUP = "revisit_archive.group_revisit_archive_custodian"
# who approves by the customer's level (002 2.9.1): secret files by a manager,
# confidential and top-secret ones by the executive director
EXECUTIVE_LEVELS = ("confidential", "top_secret")


class RevisitArchiveRequest(models.Model):
    """A request to read or borrow a customer's file or statistics (查阅/借阅):
    signed by the requester's department head, approved by level, and granting
    read access to the file for the approved days only."""

    _name = "revisit.archive.request"
    _description = "Archive Access Request"
    _inherit = ["revisit.archive.record.mixin"]
    _workflow_fields = WORKFLOW_FIELDS
    _workflow_birth_states = ("draft",)
    # changed only while a draft
    _workflow_frozen_fields = dict.fromkeys(
        ("to_sign", "to_approve", "approved", "refused", "closed"), ("__all__",)
    )
    _order = "id desc"

    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        help="The department whose head signs the request.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        domain=[("parent_id", "=", False)],
        index=True,
        tracking=True,
    )
    kind = fields.Selection(
        [
            ("read", "Read the File"),
            ("borrow", "Borrow Paper Files"),
            ("statistics", "Statistics"),
        ],
        required=True,
        default="read",
    )
    purpose = fields.Text(required=True)
    confidentiality = fields.Selection(
        CONFIDENTIALITY,
        compute="_compute_confidentiality",
        store=True,
        help="The customer's level when the request was made: who approves it.",
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="Until", required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_sign", "To Sign"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    signed_by_id = fields.Many2one("res.users", readonly=True)
    signed_date = fields.Datetime(readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_date = fields.Datetime(readonly=True)

    _check_dates = models.Constraint(
        "CHECK (date_from <= date_to)",
        "A request's period must end after it starts.",
    )

    @api.depends("user_id")
    def _compute_department_id(self):
        for request in self:
            employee = (
                request.user_id.sudo().employee_ids.filtered(
                    lambda e, c=request.company_id: e.company_id == c
                )[:1]
                or request.user_id.sudo().employee_ids[:1]
            )
            request.department_id = employee.department_id

    @api.depends("partner_id")
    def _compute_confidentiality(self):
        for request in self:
            request.confidentiality = (
                request.partner_id.sudo().revisit_confidentiality or "normal"
            )

    @api.constrains("kind", "partner_id")
    def _check_partner(self):
        for request in self:
            if request.kind != "statistics" and not request.partner_id:
                raise ValidationError(
                    self.env._("Choose the customer whose file is requested.")
                )

    def _draft_only_message(self):
        return self.env._("A request can be changed only while it is a draft.")

    # ------------------------------------------------------------------
    # Workflow: the requester submits, the department head signs, the
    # approver of the customer's level approves.
    # ------------------------------------------------------------------

    def _head_user(self):
        return self.sudo().department_id.manager_id.user_id

    def _check_not_own(self):
        """Nobody signs, approves or refuses their own request."""
        own = self.filtered(lambda r: r.user_id == self.env.user)
        if own and not self.env.su:
            raise AccessError(
                self.env._(
                    "Nobody signs or approves their own archive request: "
                    "%(request)s is yours.",
                    request=own[0].display_name,
                )
            )

    def _check_state(self, state):
        if any(request.state != state for request in self):
            raise UserError(
                self.env._("This step does not apply to a request in this state.")
            )

    def action_submit(self):
        self._check_state("draft")
        for request in self:
            if request.user_id != self.env.user and not self.env.su:
                raise AccessError(self.env._("Only the requester submits a request."))
            # the level of the customer's file now decides who approves
            request.sudo().write(
                {
                    "state": "to_sign",
                    "confidentiality": request.partner_id.sudo().revisit_confidentiality
                    or "normal",
                }
            )
            head = request._head_user()
            if head:
                request.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Sign the archive access request"),
                    user_id=head.id,
                )
        return True

    def action_sign(self):
        """The requester's department head signs; a revisit manager signs for
        a department without a head."""
        self._check_state("to_sign")
        self._check_not_own()
        user = self.env.user
        for request in self:
            # a head's own request is signed by a revisit manager
            head = request._head_user() - request.user_id
            if not (head == user or (not head and user.has_group(MANAGER_GROUP))):
                raise AccessError(
                    self.env._(
                        "Only the head of the requester's department signs the request."
                    )
                )
            request.sudo().write(
                {
                    "state": "to_approve",
                    "signed_by_id": user.id,
                    "signed_date": fields.Datetime.now(),
                }
            )
            request.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def _can_approve(self, user):
        self.ensure_one()
        if self.confidentiality in EXECUTIVE_LEVELS:
            return user.has_group(EXECUTIVE_GROUP)
        return user.has_group(MANAGER_GROUP) or user.has_group(EXECUTIVE_GROUP)

    def action_approve(self):
        self._check_state("to_approve")
        self._check_not_own()
        user = self.env.user
        for request in self:
            if not request._can_approve(user):
                raise AccessError(
                    self.env._(
                        "Secret files are approved by a revisit manager; "
                        "confidential and top-secret files by the executive director."
                    )
                )
            request.sudo().write(
                {
                    "state": "approved",
                    "approved_by_id": user.id,
                    "approved_date": fields.Datetime.now(),
                }
            )
            if request.partner_id:
                lang = request.company_id._revisit_lang()
                self.env["revisit.archive.log"]._log(
                    request.partner_id,
                    "access",
                    self.with_context(lang=lang).env._(
                        "%(request)s: %(user)s may read the file "
                        "from %(start)s to %(end)s",
                        request=request.name,
                        user=request.user_id.name,
                        start=request.date_from,
                        end=request.date_to,
                    ),
                )
        return True

    def action_refuse(self):
        self._check_state("to_approve")
        self._check_not_own()
        for request in self:
            if not request._can_approve(self.env.user):
                raise AccessError(self.env._("You may not refuse this request."))
        self.sudo().state = "refused"
        return True

    def action_close(self):
        """Return the borrowed file before the end of the period."""
        for request in self:
            if request.state != "approved":
                raise UserError(self.env._("Only an approved request is closed."))
            if not (
                request.user_id == self.env.user
                or self.env.user.has_group(CUSTODIAN_GROUP)
            ):
                raise AccessError(
                    self.env._("The requester or the archive custodian closes it.")
                )
        self.sudo().state = "closed"
        return True

    @api.model
    def _granted_partner_ids(self):
        """Customers whose file the current user may read today through an
        approved request (the company's calendar day)."""
        return self._granted_requests("file").partner_id.ids

    @api.model
    def _granted_requests(self, scope):
        """The current user's approved requests running today (the company's
        calendar day): of the file (reading, borrowing) or of the statistics."""
        kinds = ["statistics"] if scope == "statistics" else ["read", "borrow"]
        requests = self.sudo().search(
            [
                ("user_id", "=", self.env.uid),
                ("state", "=", "approved"),
                ("kind", "in", kinds),
            ]
        )
        return requests.filtered(
            lambda r: r.date_from <= r.company_id._revisit_today() <= r.date_to
        )

    @api.model
    def _granted_statistics_domain(self):
        """R116 (凡索取客户资讯统计资料…需各部门负责人签字后…申请查阅): the
        rows of the revisit analyses an approved statistics request opens to
        its requester for its days: the request's customer, else its
        department's customers but the confidential and top-secret ones."""
        domains = []
        for request in self._granted_requests("statistics"):
            if request.partner_id:
                domains.append(
                    Domain("partner_id", "child_of", request.partner_id.id)
                    & Domain("company_id", "=", request.company_id.id)
                )
            elif request.department_id:
                domains.append(
                    Domain("department_id", "=", request.department_id.id)
                    & Domain("company_id", "=", request.company_id.id)
                    & Domain(
                        "partner_id.revisit_effective_confidentiality",
                        "in",
                        ("normal", "secret"),
                    )
                )
        return Domain.OR(domains) if domains else Domain.FALSE

    def action_open_statistics(self):
        """The revisit analysis the approved statistics request opens."""
        self.ensure_one()
        if self.kind != "statistics" or self.user_id != self.env.user:
            raise AccessError(
                self.env._("The requester opens the statistics of their request.")
            )
        if self not in self._granted_requests("statistics"):
            raise UserError(
                self.env._("The statistics open on the approved days of the request.")
            )
        return self.env["ir.actions.act_window"]._for_xml_id(
            "revisit_archive.revisit_archive_statistics_action"
        )
