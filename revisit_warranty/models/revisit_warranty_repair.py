from odoo import api, fields, models
from odoo.exceptions import UserError

REPAIR_STATES = [("reported", "Reported"), ("done", "Repaired")]


class RevisitWarrantyRepair(models.Model):
    """One entry of a certificate's warranty repair record (保修情况记录)."""

    _name = "revisit.warranty.repair"
    _description = "Warranty Repair"
    _inherit = ["revisit.workflow.mixin"]
    _order = "report_date desc, id desc"
    # closed with its button, which dates the repair: a repaired entry is the
    # record of the repair, only the owner's confirmation still comes
    _workflow_fields = ("state", "repair_date")
    _workflow_birth_states = ("reported",)
    _workflow_frozen_fields = {
        "done": (
            "warranty_id",
            "line_id",
            "report_date",
            "description",
            "repair",
            "user_id",
            "cost",
        )
    }
    _workflow_kept_states = ("done",)

    warranty_id = fields.Many2one(
        "revisit.warranty", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(
        "revisit.warranty.line",
        string="Type of Work",
        domain="[('warranty_id', '=', warranty_id)]",
    )
    report_date = fields.Date(
        string="Reported On", required=True, default=fields.Date.context_today
    )
    description = fields.Text(string="Defect", required=True)
    in_warranty = fields.Boolean(
        compute="_compute_in_warranty",
        store=True,
        help="Reported while the warranty of this type of work ran.",
    )
    repair = fields.Text(string="Repair Done")
    repair_date = fields.Date(string="Repaired On", readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users", string="Repaired By", default=lambda self: self.env.user
    )
    cost = fields.Monetary()
    currency_id = fields.Many2one(related="company_id.currency_id")
    owner_confirmed = fields.Boolean(help="The owner confirmed the repair.")
    state = fields.Selection(
        REPAIR_STATES, default="reported", required=True, readonly=True, copy=False
    )
    company_id = fields.Many2one(
        related="warranty_id.company_id", store=True, index=True
    )

    @api.depends("report_date", "line_id.start_date", "line_id.end_date")
    def _compute_in_warranty(self):
        for repair in self:
            line = repair.line_id
            repair.in_warranty = bool(
                line
                and repair.report_date
                and line.start_date <= repair.report_date <= line.end_date
            )

    @api.constrains("cost")
    def _check_cost(self):
        if any(r.cost < 0 for r in self):
            raise UserError(self.env._("A repair cost cannot be negative."))

    def action_done(self):
        self.check_access("write")
        for repair in self:
            if not repair.repair:
                raise UserError(
                    self.env._("Describe the repair done before closing it.")
                )
        for repair in self:
            if repair.state != "reported":
                raise UserError(self.env._("This repair is already recorded as done."))
        # sudo: the workflow fields, on entries the user may write (checked above)
        for repair in self.sudo():
            repair.write(
                {
                    "state": "done",
                    "repair_date": repair.company_id._revisit_today(),
                }
            )
        return True

    def _workflow_raise(self, names):
        raise UserError(
            self.env._("A repair is recorded as done with its button, which dates it.")
        )

    def _workflow_raise_frozen(self, names):
        raise UserError(
            self.env._(
                "A repaired entry is the record of the repair: only the owner's "
                "confirmation can still be given."
            )
        )

    def _workflow_raise_kept(self):
        raise UserError(
            self.env._("A repaired entry is the record of the repair: it stays.")
        )
