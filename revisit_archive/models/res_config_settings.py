from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    revisit_archive_inspections = fields.Integer(
        related="company_id.revisit_archive_inspections", readonly=False
    )
    revisit_verify_months = fields.Integer(
        related="company_id.revisit_verify_months", readonly=False
    )
