"""R066 with the after-sales preset (客户回访制度 七.2) and without one: the
limit per visit holds at every submission."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ExpenseCase


@tagged("post_install", "-at_install")
class TestPresetsExpense(ExpenseCase):
    def _check_every_submission(self):
        visit = self._complete(
            self.visit(
                department_id=self.department.id,
                feedback="The taxi was needed.",
                report="<p>Visited on site.</p>",
            ),
            650,
        )
        expense = self._expenses(visit)
        self.assertEqual(expense.state, "refused")
        # reset and resubmitted with the same amount: refused again
        expense.sudo().action_reset()
        with self.assertRaisesRegex(UserError, "more than the company's limit"):
            expense.sudo().action_submit()
        # entered by hand in the revisit category: the same limit
        employee = self.env["hr.employee"].search(
            [("user_id", "=", self.staff.id)], limit=1
        )
        direct = (
            self.env["hr.expense"]
            .sudo()
            .create(
                {
                    "name": "Taxi",
                    "employee_id": employee.id,
                    "product_id": self.product.id,
                    "total_amount_currency": 800,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "more than the company's limit"):
            direct.action_submit()
        direct.total_amount_currency = 500
        direct.action_submit()
        self.assertEqual(direct.approval_state, "submitted")

    def test_R066_aftersales_preset_limit_at_every_submission(self):
        self.company._revisit_apply_preset("aftersales")
        self._check_every_submission()

    def test_R066_without_preset_limit_at_every_submission(self):
        self._check_every_submission()
