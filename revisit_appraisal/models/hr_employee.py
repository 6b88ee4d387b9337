from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    revisit_performance_pay = fields.Float(
        string="Monthly Performance Pay",
        digits=(16, 2),
        # hr.group_hr_manager as every pay field on the employee (hr's rule).
        groups="hr.group_hr_manager,revisit_appraisal.group_revisit_appraisal_hr",
        help="Base of the revisit appraisal penalty: two consecutive E grades "
        "deduct the company's penalty percentage of this amount.",
    )
