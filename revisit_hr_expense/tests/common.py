import base64

from odoo.addons.revisit_management.tests.common import RevisitCase

RECEIPT = base64.b64encode(b"taxi receipt")


class ExpenseCase(RevisitCase):
    """The revisit staff, a limit of 500 per visit, the department head
    approving expenses, and the revisit expense product."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.revisit_expense_limit = 500
        cls.env.ref("hr_expense.group_hr_expense_team_approver").user_ids |= cls.head
        cls.product = cls.env.ref("revisit_hr_expense.product_product_revisit_expense")

    def _complete(self, visit, cost=0.0, user=None, receipt=True):
        """The assignee records the outcome, the cost and the receipt, then
        completes the visit: the staff have no expense rights."""
        as_user = visit.with_user(user or self.staff)
        as_user.write({"satisfaction": 4, "cost": cost})
        if receipt:
            self.env["ir.attachment"].with_user(user or self.staff).create(
                {
                    "name": "taxi.png",
                    "datas": RECEIPT,
                    "res_model": "revisit.visit",
                    "res_id": visit.id,
                }
            )
        as_user.action_done()
        self.assertEqual(visit.state, "done")
        return visit

    def _expenses(self, visit):
        return self.env["hr.expense"].search([("revisit_visit_id", "=", visit.id)])
