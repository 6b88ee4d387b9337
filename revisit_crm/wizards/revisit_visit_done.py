from odoo import api, fields, models


class RevisitVisitDone(models.TransientModel):
    _inherit = "revisit.visit.done"

    opportunity_note = fields.Text(
        string="Sales Opportunity",
        compute="_compute_opportunity_note",
        store=True,
        readonly=False,
        help="Becomes a lead for the customer's salesperson when the visit is done.",
    )

    @api.depends("visit_id")
    def _compute_opportunity_note(self):
        for wizard in self:
            wizard.opportunity_note = wizard.visit_id.opportunity_note

    def action_done(self):
        self.ensure_one()
        if (self.opportunity_note or False) != (
            self.visit_id.opportunity_note or False
        ):
            self.visit_id.check_access("write")
            self.visit_id.opportunity_note = self.opportunity_note
        return super().action_done()
