from odoo import fields, models


class RevisitVisit(models.Model):
    _inherit = "revisit.visit"

    warranty_id = fields.Many2one(
        "revisit.warranty",
        string="Warranty Certificate",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
