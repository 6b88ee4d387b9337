from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    revisit_warranty_months = fields.Integer(
        string="Warranty (Months)",
        help="When a delivery of this product is done, a warranty-end revisit is "
        "planned this many months later. 0: no warranty revisit.",
    )

    _revisit_warranty_months_positive = models.Constraint(
        "CHECK(revisit_warranty_months >= 0)",
        "The warranty cannot be negative.",
    )
