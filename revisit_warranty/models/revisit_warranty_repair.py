from odoo import api, fields, models
from odoo.exceptions import UserError

REPAIR_STATES = [("reported", "Reported"), ("done", "Repaired")]


class RevisitWarrantyRepair(models.Model):
    """One entry of a certificate's warranty repair record (保修情况记录)."""

    _name = "revisit.warranty.repair"
    _description = "Warranty Repair"
    _order = "report_date desc, id desc"

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
    repair_date = fields.Date(string="Repaired On")
    user_id = fields.Many2one(
        "res.users", string="Repaired By", default=lambda self: self.env.user
    )
    cost = fields.Monetary()
    currency_id = fields.Many2one(related="company_id.currency_id")
    owner_confirmed = fields.Boolean(help="The owner confirmed the repair.")
    state = fields.Selection(
        REPAIR_STATES, default="reported", required=True, readonly=True
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
        self.write(
            {
                "state": "done",
                "repair_date": self.warranty_id.company_id[:1]._revisit_today(),
            }
        )
        return True
