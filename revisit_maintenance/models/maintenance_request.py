from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

REPAIR_STATES = [
    ("problem", "Problem Logged"),
    ("consulting", "Plan Submitted"),
    ("approved", "Plan Approved"),
    ("reported", "Repair Reported"),
    ("settled", "Settled"),
]
EQUIPMENT_MANAGER = "maintenance.group_equipment_manager"
# what each step writes, frozen once the procedure has gone past it
PLAN_FIELDS = {"repair_plan", "repair_budget"}
REPORT_FIELDS = {"repair_report", "repair_cost"}
WORKFLOW_FIELDS = {
    "repair_state",
    "repair_approved_by_id",
    "repair_reported_by_id",
    "repair_settled_by_id",
    "repair_settled_date",
}


class MaintenanceRequest(models.Model):
    """The equipment revisit procedure (seed 001, 设备回访管理制度 3.3-3.9, 5): the
    technician logs the problem, the equipment department plans the repair with
    a budget, the managers concerned give their opinion, the plan is approved,
    the repair is reported with its cost, and the cost is checked and settled
    by someone else than the reporter."""

    _inherit = "maintenance.request"

    customer_id = fields.Many2one(
        "res.partner",
        compute="_compute_customer_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="Revisited when the request is done; taken from the equipment.",
    )

    @api.depends("equipment_id")
    def _compute_customer_id(self):
        for request in self:
            if request.equipment_id.customer_id:
                request.customer_id = request.equipment_id.customer_id

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._revisit_create_repair_events()
        return requests

    def write(self, vals):
        self._repair_check_write(vals)
        res = super().write(vals)
        if {"stage_id", "customer_id", "equipment_id"} & set(vals):
            self._revisit_create_repair_events()
        return res

    def _revisit_create_repair_events(self):
        """A done request on a customer's equipment: one `repair` event.

        Once per request: reopening and closing it again adds nothing.
        Sudo: technicians close requests without any revisit right; the event
        only plans what the rules ask for.
        """
        requests = self.filtered(
            lambda r: (
                r.stage_id.done
                and not r.archive
                and r.customer_id.commercial_partner_id.active
            )
        )
        self.env["revisit.event"].sudo()._create_once(
            requests,
            lambda request: {
                "partner_id": request.customer_id.commercial_partner_id.id,
                "trigger": "repair",
                "reference": request.name,
            },
        )

    # ------------------------------------------------------------------
    # the equipment repair procedure (M3)
    # ------------------------------------------------------------------

    repair_state = fields.Selection(
        REPAIR_STATES,
        string="Repair Procedure",
        default="problem",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    repair_problem_log = fields.Text(
        string="Problems Found", help="What the revisit found wrong with the equipment."
    )
    repair_plan = fields.Text()
    repair_budget = fields.Monetary(string="Budget", tracking=True)
    repair_opinion_ids = fields.One2many(
        "maintenance.request.opinion", "request_id", string="Managers' Opinions"
    )
    repair_approved_by_id = fields.Many2one(
        "res.users", string="Plan Approved By", readonly=True, copy=False
    )
    repair_report = fields.Text()
    repair_cost = fields.Monetary(tracking=True)
    repair_reported_by_id = fields.Many2one(
        "res.users", string="Reported By", readonly=True, copy=False
    )
    repair_settled_by_id = fields.Many2one(
        "res.users", string="Settled By", readonly=True, copy=False
    )
    repair_settled_date = fields.Date(string="Settled On", readonly=True, copy=False)
    repair_over_budget = fields.Boolean(compute="_compute_repair_over_budget")
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("repair_cost", "repair_budget")
    def _compute_repair_over_budget(self):
        for request in self:
            request.repair_over_budget = request.repair_cost > request.repair_budget

    @api.constrains("repair_budget", "repair_cost")
    def _check_repair_amounts(self):
        for request in self:
            if request.repair_budget < 0 or request.repair_cost < 0:
                raise UserError(
                    self.env._("A repair budget or cost cannot be negative.")
                )

    def _repair_check_write(self, vals):
        """The procedure moves with its buttons; each step freezes the one
        before."""
        if not self.env.su:
            if WORKFLOW_FIELDS & set(vals):
                raise UserError(
                    self.env._("The repair procedure moves on with its buttons only.")
                )
            for request in self:
                frozen = set()
                if request.repair_state in ("approved", "reported", "settled"):
                    frozen |= PLAN_FIELDS
                if request.repair_state == "settled":
                    frozen |= REPORT_FIELDS
                if frozen & set(vals):
                    raise UserError(
                        self.env._(
                            "The approved plan and the settled repair of %(request)s "
                            "cannot change.",
                            request=request.display_name,
                        )
                    )

    def _repair_step(self, states, vals):
        """Move the procedure on from ``states``; the step's checks are done."""
        for request in self:
            if request.repair_state not in states:
                raise UserError(
                    self.env._(
                        "%(request)s is at the step %(state)s.",
                        request=request.display_name,
                        state=dict(REPAIR_STATES)[request.repair_state],
                    )
                )
        self.check_access("write")
        # sudo: the procedure's own fields, after the checks of each button
        self.sudo().write(vals)
        return True

    def _check_equipment_manager(self):
        if not self.env.user.has_group(EQUIPMENT_MANAGER):
            raise AccessError(
                self.env._(
                    "Only an equipment manager plans, approves and settles repairs."
                )
            )

    def action_repair_submit_plan(self):
        self._check_equipment_manager()
        for request in self:
            if not (request.repair_plan or "").strip() or not request.repair_budget:
                raise UserError(
                    self.env._(
                        "Write the repair plan and its budget for %(request)s first.",
                        request=request.display_name,
                    )
                )
        return self._repair_step(("problem",), {"repair_state": "consulting"})

    def action_repair_approve_plan(self):
        self._check_equipment_manager()
        for request in self:
            if not request.repair_opinion_ids:
                raise UserError(
                    self.env._(
                        "Ask the managers concerned for their opinion on the plan "
                        "of %(request)s first.",
                        request=request.display_name,
                    )
                )
        return self._repair_step(
            ("consulting",),
            {"repair_state": "approved", "repair_approved_by_id": self.env.uid},
        )

    def action_repair_reject_plan(self):
        self._check_equipment_manager()
        return self._repair_step(("consulting",), {"repair_state": "problem"})

    def action_repair_report(self):
        for request in self:
            if not (request.repair_report or "").strip():
                raise UserError(
                    self.env._(
                        "Write the repair report of %(request)s first.",
                        request=request.display_name,
                    )
                )
        return self._repair_step(
            ("approved",),
            {"repair_state": "reported", "repair_reported_by_id": self.env.uid},
        )

    def action_repair_settle(self):
        """Check and settle the repair cost, as someone else than its reporter."""
        self._check_equipment_manager()
        for request in self:
            if request.repair_reported_by_id == self.env.user:
                raise AccessError(
                    self.env._(
                        "Someone else than the reporter checks and settles the cost "
                        "of %(request)s.",
                        request=request.display_name,
                    )
                )
        for request in self:
            request._repair_step(
                ("reported",),
                {
                    "repair_state": "settled",
                    "repair_settled_by_id": self.env.uid,
                    "repair_settled_date": request.company_id._revisit_today(),
                },
            )
        return True
