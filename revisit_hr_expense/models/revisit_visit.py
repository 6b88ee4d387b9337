from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class RevisitVisit(models.Model):
    """A visit's cost is reimbursed as an expense of its assignee: the receipts
    attached to the visit go with it, the customer's department manager (the
    customer service supervisor) approves it, and a cost above the company's
    limit per visit is refused, the excess being borne by the employee."""

    _inherit = "revisit.visit"

    expense_ids = fields.One2many(
        "hr.expense", "revisit_visit_id", string="Expenses", readonly=True
    )
    expense_count = fields.Integer(compute="_compute_expense_count")

    def _compute_expense_count(self):
        # as the system: the count shows on visits of staff without expense rights
        counts = dict(
            self.env["hr.expense"]
            .sudo()
            ._read_group(
                [("revisit_visit_id", "in", self.ids)],
                ["revisit_visit_id"],
                ["__count"],
            )
        )
        for visit in self:
            visit.expense_count = counts.get(visit._origin, 0)

    def action_done(self):
        res = super().action_done()
        self.filtered(
            lambda v: v.state == "done" and v.cost > 0 and not v.sudo().expense_ids
        )._revisit_create_expenses()
        return res

    def action_create_expense(self):
        """Create the expense of a done visit whose cost was entered after it
        was completed (a refused expense is reset and claimed again instead)."""
        self.check_access("write")
        for visit in self:
            if visit.state != "done":
                raise UserError(
                    self.env._(
                        "Only the cost of a done visit becomes an expense: %(visit)s.",
                        visit=visit.display_name,
                    )
                )
            if visit.cost <= 0:
                raise UserError(
                    self.env._(
                        "Enter the cost of %(visit)s first.", visit=visit.display_name
                    )
                )
            if visit.sudo().expense_ids:
                raise UserError(
                    self.env._(
                        "%(visit)s already has an expense.", visit=visit.display_name
                    )
                )
        self._revisit_create_expenses(strict=True)
        return self.action_view_expenses() if len(self) == 1 else True

    def action_view_expenses(self):
        self.ensure_one()
        expenses = self.env["hr.expense"].search([("revisit_visit_id", "=", self.id)])
        return expenses._get_records_action(name=self.env._("Expenses"))

    def _revisit_expense_employee(self):
        """The assignee's employee in the visit's company."""
        self.ensure_one()
        if not self.user_id:
            return self.env["hr.employee"]
        return (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.user_id.id),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )

    def _revisit_expense_approver(self, expense):
        """The customer service supervisor: the manager of the visit's (else the
        customer's) department; without one, the employee's expense approver."""
        self.ensure_one()
        department = self.department_id or self.partner_id.revisit_department_id
        manager = department.sudo().manager_id.user_id
        if manager.active and manager != expense.employee_id.user_id:
            return manager
        return expense._get_default_responsible_for_approval()

    def _revisit_create_expenses(self, strict=False):
        """One expense per visit for its cost, with the visit's attachments as
        receipts, submitted to the supervisor or refused over the limit.

        As the system: staff complete their visits without any expense right.
        A visit whose assignee has no employee gets no expense: a note on the
        visit says why (``strict``: the user asked for it, a UserError).
        """
        employees = {visit: visit._revisit_expense_employee() for visit in self}
        if strict:
            for visit, employee in employees.items():
                if not employee:
                    raise UserError(
                        self.env._(
                            "%(user)s has no employee in %(company)s: create one "
                            "before claiming the cost of %(visit)s.",
                            user=visit.user_id.name or self.env._("Nobody"),
                            company=visit.company_id.name,
                            visit=visit.display_name,
                        )
                    )
        product = self.env.ref("revisit_hr_expense.product_product_revisit_expense")
        Expense = self.env["hr.expense"].sudo()
        expenses = Expense
        for visit, employee in employees.items():
            if not employee:
                visit._message_log(
                    body=visit._revisit_text(
                        lambda env, v=visit: env._(
                            "No expense for the cost of this visit: %(user)s has no "
                            "employee in %(company)s.",
                            user=v.user_id.name or env._("Nobody"),
                            company=v.company_id.name,
                        )
                    )
                )
                continue
            expense = Expense.with_company(visit.company_id).create(
                {
                    "name": visit._revisit_text(
                        lambda env, v=visit: env._(
                            "Revisit %(visit)s: %(customer)s",
                            visit=v.name,
                            customer=v.partner_id.display_name,
                        )
                    ),
                    "employee_id": employee.id,
                    "product_id": product.id,
                    "quantity": 1,
                    "total_amount_currency": visit.cost,
                    "currency_id": visit.currency_id.id,
                    "date": visit.done_date,
                    "company_id": visit.company_id.id,
                    "revisit_visit_id": visit.id,
                }
            )
            visit._revisit_attach_receipts(expense)
            expense.manager_id = visit._revisit_expense_approver(expense)
            visit._revisit_submit_expense(expense)
            expenses |= expense
        return expenses

    def _revisit_attach_receipts(self, expense):
        """The receipts attached to the visit (not its signature) go with the
        expense; the first one becomes its main attachment."""
        self.ensure_one()
        receipts = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "=", self.id)],
                order="id",
            )
        )
        copies = self.env["ir.attachment"].sudo()
        for receipt in receipts:
            copies |= receipt.copy({"res_model": expense._name, "res_id": expense.id})
        if copies:
            expense._message_set_main_attachment_id(copies[:1], force=True)

    def _revisit_submit_expense(self, expense):
        """Refuse a cost above the company's limit, else submit the expense to
        the supervisor; without any approver it stays a draft."""
        self.ensure_one()
        company = self.company_id
        limit = company.revisit_expense_limit
        if limit and company.currency_id.compare_amounts(self.cost, limit) > 0:
            reason = self._revisit_text(
                lambda env: env._(
                    "The cost of %(visit)s, %(cost)s, exceeds the company's limit of "
                    "%(limit)s per visit; the excess is borne by the employee. Reset "
                    "the expense to draft, claim at most the limit and submit it "
                    "again.",
                    visit=self.name,
                    cost=format_amount(env, self.cost, self.currency_id),
                    limit=format_amount(env, limit, self.currency_id),
                )
            )
            expense._do_refuse(reason)
            self._message_log(
                body=self._revisit_text(
                    lambda env: env._(
                        "Expense %(expense)s refused: %(reason)s",
                        expense=expense.name,
                        reason=reason,
                    )
                )
            )
            return
        if not expense.manager_id:
            self._message_log(
                body=self._revisit_text(
                    lambda env: env._(
                        "Expense %(expense)s created as a draft: no supervisor to "
                        "approve it.",
                        expense=expense.name,
                    )
                )
            )
            return
        expense.action_submit()
        self._message_log(
            body=self._revisit_text(
                lambda env: env._(
                    "Expense %(expense)s of %(cost)s submitted to %(approver)s.",
                    expense=expense.name,
                    cost=format_amount(env, self.cost, self.currency_id),
                    approver=expense.manager_id.name,
                )
            )
        )
