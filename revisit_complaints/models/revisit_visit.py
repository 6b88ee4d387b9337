from odoo import api, fields, models
from odoo.addons.revisit_management.models.input_check import with_context_defaults
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class RevisitVisit(models.Model):
    _inherit = "revisit.visit"

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

    @api.model_create_multi
    def create(self, vals_list):
        self._check_followup_link(with_context_defaults(self, vals_list))
        return super().create(vals_list)

    def write(self, vals):
        self._check_followup_link([vals])
        return super().write(vals)

    def _check_followup_link(self, vals_list):
        """The complaint a visit follows up is linked by the complaint's
        closing (as superuser), never typed in."""
        if self.env.su:
            return
        if any("followup_ticket_id" in vals for vals in vals_list):
            raise UserError(
                self.env._(
                    "A visit follows up a complaint when the complaint's closing "
                    "plans it: the link is not typed in."
                )
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
