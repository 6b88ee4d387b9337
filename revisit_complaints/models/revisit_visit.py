from odoo import fields, models
from odoo.addons.revisit_management.models.revisit_visit import CLOSED_FROZEN_FIELDS
from odoo.addons.revisit_management.models.revisit_visit_states import OPEN_STATES
from odoo.tools import plaintext2html


class RevisitVisit(models.Model):
    _inherit = "revisit.visit"
    # the complaint a closed visit followed up is an appraisal input too
    _workflow_frozen_fields = {
        state: (*CLOSED_FROZEN_FIELDS, "ticket_id")
        for state in ("done", "unreachable", "cancelled")
        if state not in OPEN_STATES
    }

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        index="btree_not_null",
        copy=False,
        check_company=True,
        help="The complaint this visit follows up.",
    )
    raised_ticket_ids = fields.One2many(
        "helpdesk.ticket", "origin_visit_id", string="Complaints Raised"
    )

    def action_done(self):
        res = super().action_done()
        self._complaint_apply_outcome()
        return res

    def _create_next_visits(self, kind):
        """Complaint visits are followed up by the complaint: a dissatisfied
        customer reopens it, and closing it again plans the next visit."""
        if kind == "followup":
            return super(
                RevisitVisit, self.filtered(lambda v: not v.ticket_id)
            )._create_next_visits(kind)
        return super()._create_next_visits(kind)

    def _complaint_apply_outcome(self):
        for visit in self.filtered(lambda v: v.ticket_id and v.state == "done"):
            visit.ticket_id.sudo()._complaint_apply_visit_outcome(visit)

    def action_create_complaint(self):
        """Turn the problem raised on this visit into a complaint ticket."""
        self.ensure_one()
        ticket = self.raised_ticket_ids[:1] or self.env["helpdesk.ticket"].create(
            self._prepare_complaint_values()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
        }

    def _prepare_complaint_values(self):
        return {
            "name": self.env._("Problem raised on visit %s", self.name),
            "description": plaintext2html(self.problem or self.feedback or self.name),
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "partner_email": self.partner_id.email,
            "is_complaint": True,
            "origin_visit_id": self.id,
            "company_id": self.company_id.id,
        }
