from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    revisit_expense_limit = fields.Monetary(
        currency_field="currency_id",
        help="Highest cost of one visit reimbursed as an expense: the expense of a "
        "visit costing more is refused, the excess being borne by the employee. "
        "0: no limit.",
    )

    @api.constrains("revisit_expense_limit")
    def _check_revisit_expense_limit(self):
        if any(company.revisit_expense_limit < 0 for company in self):
            raise ValidationError(
                self.env._("The expense limit of a visit cannot be negative.")
            )
