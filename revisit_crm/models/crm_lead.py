from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    revisit_visit_id = fields.Many2one(
        "revisit.visit",
        string="Revisit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The customer revisit during which this sales opportunity was noted.",
    )

    def action_open_revisit_visit(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "revisit.visit",
            "res_id": self.revisit_visit_id.id,
            "view_mode": "form",
        }
