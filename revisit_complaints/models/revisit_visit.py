from odoo import fields, models
from odoo.addons.revisit_management.models.revisit_visit import (
    CLOSED_FROZEN_FIELDS,
    WORKFLOW_FIELDS,
)
from odoo.addons.revisit_management.models.revisit_visit_states import OPEN_STATES
from odoo.tools import plaintext2html


class RevisitVisit(models.Model):
    _inherit = "revisit.visit"
    # the complaint whose closing planned the visit: linked by that closing
    _workflow_fields = (*WORKFLOW_FIELDS, "followup_ticket_id")
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
    followup_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Follow-up of Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The complaint whose closing planned this visit: only its outcome "
        "satisfies or reopens that complaint.",
    )

    def action_done(self):
        res = super().action_done()
        self._complaint_apply_outcome()
        return res

    def _complaint_apply_outcome(self):
        # only the follow-up visits the complaint planned act on it: a
        # complaint typed into a visit's ticket_id is not satisfied nor
        # reopened by that visit
        for visit in self.sudo().filtered(
            lambda v: (
                v.state == "done"
                and v.followup_ticket_id
                and v.followup_ticket_id == v.ticket_id
            )
        ):
            visit.followup_ticket_id._complaint_apply_visit_outcome(visit)

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
