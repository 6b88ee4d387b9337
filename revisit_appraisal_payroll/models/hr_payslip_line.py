from odoo import fields, models


class HrPayslipLine(models.Model):
    """Payslip lines read in the company's money (¥ for a Chinese company):
    payroll's amounts are plain numbers."""

    _inherit = "hr.payslip.line"

    currency_id = fields.Many2one(related="slip_id.company_id.currency_id")
