from odoo import fields, models


class RevisitVisitDone(models.TransientModel):
    _inherit = "revisit.visit.done"

    opportunity_note = fields.Text(
        string="Sales Opportunity",
        help="Becomes a lead for the customer's salesperson when the visit is done.",
    )

    def action_done(self):
        self.ensure_one()
        if self.opportunity_note:
            self.visit_id.check_access("write")
            self.visit_id.opportunity_note = self.opportunity_note
        return super().action_done()
