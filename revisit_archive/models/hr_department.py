from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    revisit_customer_report = fields.Boolean(
        string="Delivers Customer Information Reports",
        help="A business department that sends the revisit centre its customer "
        "information report on the first Monday of each month.",
    )
