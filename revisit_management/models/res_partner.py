from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    revisit_tier_id = fields.Many2one("revisit.tier", string="Value Tier", index=True)
    revisit_user_id = fields.Many2one("res.users", string="Revisit Owner")
    revisit_visit_ids = fields.One2many(
        "revisit.visit", "partner_id", string="Revisits"
    )
