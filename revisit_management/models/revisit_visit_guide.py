from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from .revisit_rule_guide import default_call_guide
from .revisit_visit_attendee import REQUIRED_ROLES


class RevisitVisit(models.Model):
    """The caller's guide, the customer's people met and the tracked problems
    of a visit."""

    _inherit = "revisit.visit"

    call_guide = fields.Html(
        string="Caller's Guide",
        compute="_compute_call_guide",
        sanitize=False,
        help="The guide of the visit's step, or of its rule, or a general script.",
    )
    attendee_ids = fields.One2many(
        "revisit.visit.attendee", "visit_id", string="People Met"
    )
    action_item_ids = fields.One2many(
        "revisit.action.item", "visit_id", string="Tracked Problems"
    )

    @api.depends("rule_id.call_guide", "step_id.call_guide")
    @api.depends_context("lang")
    def _compute_call_guide(self):
        for visit in self:
            guides = (visit.step_id.sudo().call_guide, visit.rule_id.sudo().call_guide)
            visit.call_guide = next(
                (g for g in guides if not is_html_empty(g)),
                default_call_guide(self.env),
            )

    def _close_missing_fields(self):
        missing = super()._close_missing_fields()
        if self.method == "onsite" and self.rule_id.sudo().require_customer_roles:
            labels = dict(
                self.env["revisit.visit.attendee"]
                ._fields["role"]
                ._description_selection(self.env)
            )
            met = set(self.attendee_ids.mapped("role"))
            missing += [labels[r] for r in REQUIRED_ROLES if r not in met]
        return missing

    def action_done(self):
        res = super().action_done()
        self.env["revisit.action.item"]._from_campaign_visits(self)
        return res

    def action_track_problem(self):
        """Track the problem of a visit as an item with its rectification."""
        self.ensure_one()
        self.check_access("write")
        if not (self.problem or "").strip():
            raise UserError(self.env._("Write the problem raised first."))
        if self.action_item_ids:
            raise UserError(self.env._("This problem is already tracked."))
        Item = self.env["revisit.action.item"]
        item = Item._from_campaign_visits(self)
        if not item:
            # sudo: an item for the visit checked above, one may write
            item = Item.sudo().create(
                {
                    "name": self.env._("Problem raised in %(visit)s", visit=self.name),
                    "kind": "rectification",
                    "visit_id": self.id,
                    "partner_id": self.partner_id.id,
                    "description": self.problem,
                    "user_id": self.user_id.id or self.env.uid,
                    "deadline": Item._rectification_deadline(self.company_id),
                    "company_id": self.company_id.id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "revisit.action.item",
            "res_id": item.id,
            "view_mode": "form",
        }
