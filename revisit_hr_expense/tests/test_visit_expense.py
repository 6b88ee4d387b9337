from odoo.addons.revisit_management.tests.common import (
    STAFF,
    internal_user,
    use_chinese,
)
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import ExpenseCase


@tagged("post_install", "-at_install")
class TestVisitExpense(ExpenseCase):
    """A completed visit's cost becomes an expense of its assignee, approved by
    the customer service supervisor (the department manager) within the
    company's limit per visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expense_manager = internal_user(
            cls.env, "rv_expense_manager", "hr_expense.group_hr_expense_manager"
        )

    def test_r065_cost_becomes_a_submitted_expense_with_the_receipt(self):
        visit = self._complete(self.visit(department_id=self.department.id), 120)
        expense = self._expenses(visit)
        self.assertEqual(len(expense), 1)
        self.assertEqual(visit.expense_ids, expense)
        self.assertEqual(visit.expense_count, 1)
        self.assertEqual(expense.state, "submitted")
        self.assertEqual(expense.employee_id.user_id, self.staff)
        self.assertEqual(expense.product_id, self.product)
        self.assertEqual(expense.total_amount_currency, 120)
        self.assertEqual(expense.total_amount, 120)
        self.assertEqual(expense.date, visit.done_date)
        self.assertEqual(expense.company_id, visit.company_id)
        # the customer service supervisor: the department's manager
        self.assertEqual(expense.manager_id, self.head)
        self.assertIn(self.head, expense.activity_ids.user_id)
        # the receipt goes with the expense, as its main attachment
        self.assertEqual(expense.nb_attachment, 1)
        self.assertEqual(expense.attachment_ids.raw, b"taxi receipt")
        self.assertEqual(expense.message_main_attachment_id, expense.attachment_ids)
        self.assertIn("submitted to", visit.message_ids[0].body)
        # the supervisor approves it; the employee cannot
        with self.assertRaises(UserError):
            expense.with_user(self.staff).action_approve()
        expense.with_user(self.head).action_approve()
        self.assertEqual(expense.state, "approved")

    def test_the_customer_department_decides_the_supervisor(self):
        other_head = new_test_user(
            self.env,
            "rv_other_head",
            groups="base.group_user,hr_expense.group_hr_expense_team_approver",
        )
        department = self.env["hr.department"].create(
            {
                "name": "Key Accounts",
                "manager_id": self.env["hr.employee"]
                .create({"name": "Other head", "user_id": other_head.id})
                .id,
            }
        )
        self.customer.revisit_department_id = department
        visit = self._complete(self.visit(), 80, receipt=False)
        expense = self._expenses(visit)
        self.assertEqual(expense.manager_id, other_head)
        self.assertEqual(expense.state, "submitted")
        self.assertEqual(expense.nb_attachment, 0)

    def test_r066_over_the_limit_is_refused_with_the_reason(self):
        visit = self._complete(self.visit(department_id=self.department.id), 650)
        expense = self._expenses(visit)
        self.assertEqual(len(expense), 1)
        self.assertEqual(expense.state, "refused")
        self.assertEqual(expense.total_amount_currency, 650)
        self.assertIn("exceeds the company's limit", expense.message_ids[0].body)
        self.assertIn("exceeds the company's limit", visit.message_ids[0].body)
        # the limit itself is reimbursed
        at_limit = self._complete(self.visit(department_id=self.department.id), 500)
        self.assertEqual(self._expenses(at_limit).state, "submitted")

    def test_the_reason_is_in_the_company_language(self):
        use_chinese(self.env, self.env["res.users"])
        self.company.partner_id.lang = "zh_CN"
        visit = self._complete(self.visit(department_id=self.department.id), 650)
        expense = self._expenses(visit)
        self.assertEqual(expense.state, "refused")
        self.assertIn("超出公司", visit.message_ids[0].body)
        self.assertIn("回访", expense.name)

    def test_no_limit_when_zero(self):
        self.company.revisit_expense_limit = 0
        visit = self._complete(self.visit(department_id=self.department.id), 9000)
        self.assertEqual(self._expenses(visit).state, "submitted")

    def test_no_cost_no_expense(self):
        visit = self._complete(self.visit(department_id=self.department.id))
        self.assertFalse(self._expenses(visit))
        self.assertEqual(visit.expense_count, 0)
        with self.assertRaisesRegex(UserError, "cost"):
            visit.with_user(self.staff).action_create_expense()

    def test_cost_without_expense_is_claimed_by_the_button(self):
        # the cost is recorded with the outcome (a closed visit's cost is an
        # appraisal input, frozen): an assignee who had no employee when the
        # visit closed claims it once they have one
        claimer = internal_user(self.env, "rv_claimer", STAFF)
        visit = self._complete(
            self.visit(user_id=claimer.id, department_id=self.department.id),
            60,
            user=claimer,
        )
        self.assertFalse(self._expenses(visit))
        self.env["hr.employee"].create(
            {
                "name": "Claimer",
                "user_id": claimer.id,
                "department_id": self.department.id,
            }
        )
        as_staff = visit.with_user(claimer)
        with self.assertRaisesRegex(UserError, "is closed"):
            as_staff.cost = 80
        action = as_staff.action_create_expense()
        expense = self._expenses(visit)
        self.assertEqual(expense.state, "submitted")
        self.assertEqual(expense.nb_attachment, 1)
        self.assertEqual(action["res_model"], "hr.expense")
        self.assertEqual(action["res_id"], expense.id)
        with self.assertRaisesRegex(UserError, "already has an expense"):
            as_staff.action_create_expense()
        open_visit = self.visit(cost=30)
        with self.assertRaisesRegex(UserError, "done visit"):
            open_visit.with_user(self.staff).action_create_expense()

    def test_assignee_without_employee_completes_without_expense(self):
        newcomer = internal_user(self.env, "rv_newcomer", STAFF)
        visit = self._complete(
            self.visit(user_id=newcomer.id, department_id=self.department.id),
            90,
            user=newcomer,
        )
        self.assertFalse(self._expenses(visit))
        self.assertIn("has no employee", visit.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "has no employee"):
            visit.with_user(newcomer).action_create_expense()
        self.assertFalse(self._expenses(visit))

    def test_staff_and_expense_manager_access(self):
        visit = self._complete(self.visit(department_id=self.department.id), 120)
        expense = self._expenses(visit)
        # the staff see their own expense from the visit, not the others'
        action = visit.with_user(self.staff).action_view_expenses()
        self.assertEqual(action["res_id"], expense.id)
        self.assertFalse(
            self.env["hr.expense"]
            .with_user(self.staff2)
            .search([("revisit_visit_id", "=", visit.id)])
        )
        self.assertEqual(visit.with_user(self.staff).expense_count, 1)
        # an expense manager without revisit rights reads the link and approves
        as_manager = expense.with_user(self.expense_manager)
        data = as_manager.web_read(
            {"revisit_visit_id": {"fields": {"display_name": {}}}}
        )
        self.assertEqual(data[0]["revisit_visit_id"]["id"], visit.id)
        as_manager.action_approve()
        self.assertEqual(expense.state, "approved")
        # nobody writes the link by hand
        self.assertTrue(expense._fields["revisit_visit_id"].readonly)
