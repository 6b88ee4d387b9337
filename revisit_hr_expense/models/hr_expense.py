from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class HrExpense(models.Model):
    _inherit = "hr.expense"

    revisit_visit_id = fields.Many2one(
        "revisit.visit",
        string="Revisit",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The visit whose cost this expense reimburses.",
    )

    def action_submit(self):
        """R066 (回访费用的报销额度应控制在公司限定的范围内): the limit per visit
        is checked at every submission, a resubmitted or hand-entered revisit
        expense included."""
        self._revisit_check_limit()
        return super().action_submit()

    def _revisit_check_limit(self):
        product = self.env.ref(
            "revisit_hr_expense.product_product_revisit_expense",
            raise_if_not_found=False,
        )
        for expense in self:
            if not (expense.revisit_visit_id or expense.product_id == product):
                continue
            company = expense.company_id
            limit = company.revisit_expense_limit
            if limit and (
                company.currency_id.compare_amounts(expense.total_amount, limit) > 0
            ):
                raise UserError(
                    self.env._(
                        "%(expense)s claims %(amount)s, more than the company's "
                        "limit of %(limit)s per visit: the excess is borne by the "
                        "employee. Claim at most the limit.",
                        expense=expense.name,
                        amount=format_amount(
                            self.env, expense.total_amount, company.currency_id
                        ),
                        limit=format_amount(self.env, limit, company.currency_id),
                    )
                )
