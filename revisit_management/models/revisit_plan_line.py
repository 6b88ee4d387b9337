from odoo import api, fields, models

from .input_check import check_values
from .revisit_rule import METHODS


class RevisitPlanLine(models.Model):
    """One customer of a plan, with who visits and roughly when."""

    _name = "revisit.plan.line"
    _description = "Revisit Plan Line"
    _order = "plan_id, scheduled_date, id"

    plan_id = fields.Many2one(
        "revisit.plan", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    user_id = fields.Many2one("res.users", string="Assigned To")
    scheduled_date = fields.Date()
    method = fields.Selection(METHODS, help="Leave empty to use the plan's method.")
    purpose = fields.Char()
    visit_id = fields.Many2one("revisit.visit", readonly=True, copy=False)
    visit_date = fields.Date(
        readonly=True,
        copy=False,
        help="The day the approval gave the visit: the customer's do-not-disturb "
        "dates, rest days and minimum interval between visits may move it from "
        "the planned day.",
    )
    schedule_note = fields.Char(
        string="Why Moved",
        readonly=True,
        copy=False,
        help="Why the visit is not on the planned day.",
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, [vals])
        res = super().write(vals)
        # still a line the user may change (e.g. not moved to another customer)
        self.check_access("write")
        return res
