from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# set by the workflow's buttons only
WORKFLOW_FIELDS = ("state", "submitted_date", "received_by_id")

CUSTODIAN_GROUP = "revisit_archive.group_revisit_archive_custodian"


def first_monday(day):
    """The first Monday of the month of ``day``."""
    first = date(day.year, day.month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


class RevisitCustomerReport(models.Model):
    """A business department's monthly customer information report
    (《客户信息报告》, 002 2.8.1), due on the first Monday of each month."""

    _name = "revisit.customer.report"
    _description = "Customer Information Report"
    _inherit = [
        "revisit.company.lang.mixin",
        "revisit.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _workflow_fields = WORKFLOW_FIELDS
    _workflow_birth_states = ("draft",)
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one("hr.department", required=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user
    )
    date = fields.Date(string="Due Date", required=True)
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        domain=[("parent_id", "=", False)],
        help="The customers the report is about.",
    )
    environment = fields.Html(
        string="Competitive Environment",
        help="How the customers' competitive environment changed this month.",
    )
    changes = fields.Html(
        string="Changes to Customer Files",
        help="What changed about the customers: contacts, organisation, business.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("received", "Received")],
        default="draft",
        required=True,
        tracking=True,
    )
    submitted_date = fields.Date(readonly=True)
    received_by_id = fields.Many2one("res.users", readonly=True)

    _department_date_uniq = models.Constraint(
        "UNIQUE (department_id, date)",
        "A department has one customer information report per month.",
    )

    @api.model
    def _cron_create_reports(self):
        """On (or after) each company's first Monday of the month, one report
        per reporting department with an activity for its head, due that day."""
        Department = self.env["hr.department"]
        for company in self.env["res.company"].search([]):
            today = company._revisit_today()
            due = first_monday(today)
            if today < due:
                continue
            done = self.search([("company_id", "=", company.id), ("date", "=", due)])
            departments = Department.search(
                [
                    ("company_id", "=", company.id),
                    ("revisit_customer_report", "=", True),
                    ("id", "not in", done.department_id.ids),
                ]
            )
            lang = company._revisit_lang()
            for department in departments:
                user = department.manager_id.user_id
                report = self.create(
                    {
                        "name": self.with_context(lang=lang).env._(
                            "Customer information report %(department)s %(month)s",
                            department=department.name,
                            month=due.strftime("%Y-%m"),
                        ),
                        "company_id": company.id,
                        "department_id": department.id,
                        "user_id": user.id,
                        "date": due,
                    }
                )
                if user:
                    report.activity_schedule(
                        "revisit_archive.mail_activity_type_customer_report",
                        date_deadline=due,
                        user_id=user.id,
                    )

    def action_submit(self):
        # who may write the draft submits it
        self.check_access("write")
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("Only a draft report is submitted."))
            if not (report.environment or report.changes):
                raise UserError(
                    self.env._("Describe the customers' environment or changes first.")
                )
            report.sudo().write(
                {
                    "state": "submitted",
                    "submitted_date": report.company_id._revisit_today(),
                }
            )
            report.activity_feedback(
                ["revisit_archive.mail_activity_type_customer_report"]
            )
        return True

    def action_receive(self):
        if not self.env.user.has_group(CUSTODIAN_GROUP):
            raise AccessError(self.env._("The archive custodian receives the reports."))
        if any(report.state != "submitted" for report in self):
            raise UserError(self.env._("Only a submitted report is received."))
        self.sudo().write({"state": "received", "received_by_id": self.env.uid})
        return True
