from odoo import fields, models
from odoo.exceptions import UserError

from .revisit_rule import METHODS

# the plan's states in which its customers are settled: the approval made
# their visits (plan completion is measured on them)
SETTLED_PLAN_STATES = ("approved", "in_progress", "done", "cancelled")


class RevisitPlanLine(models.Model):
    """One customer of a plan, with who visits and roughly when."""

    _name = "revisit.plan.line"
    _description = "Revisit Plan Line"
    _inherit = ["revisit.workflow.mixin"]
    _order = "plan_id, scheduled_date, id"
    # no state of its own: frozen by its plan's approval or its visit
    _workflow_state_field = None
    # the approval links each line to the visit it made
    _workflow_fields = ("visit_id", "visit_date", "schedule_note")

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

    def _workflow_frozen(self):
        """A line of an approved plan, or one that has its visit, is what the
        plan's completion is measured on: frozen."""
        self.ensure_one()
        if self.visit_id or self.plan_id.state in SETTLED_PLAN_STATES:
            return {"__all__"}
        return set()

    def _workflow_kept(self):
        return bool(self._workflow_frozen())

    def _workflow_raise_frozen(self, names):
        raise UserError(
            self.env._(
                "Plan %(plan)s is approved: its customers change only once it is "
                "back in draft.",
                plan=self.plan_id.display_name,
            )
        )

    def _workflow_raise_kept(self):
        self._workflow_raise_frozen([])

    def write(self, vals):
        res = super().write(vals)
        # still a line the user may change (e.g. not moved to another customer)
        self.check_access("write")
        return res
