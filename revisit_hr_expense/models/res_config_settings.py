from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    revisit_expense_limit = fields.Monetary(
        related="company_id.revisit_expense_limit",
        currency_field="revisit_currency_id",
        readonly=False,
    )
