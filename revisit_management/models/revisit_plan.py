from odoo import fields, models

from .revisit_rule import METHODS


class RevisitPlan(models.Model):
    """A supervisor's revisit plan for a period, approved by the department head."""

    _name = "revisit.plan"
    _description = "Revisit Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Supervisor",
        default=lambda self: self.env.user,
        tracking=True,
    )
    department_id = fields.Many2one("hr.department", check_company=True, tracking=True)
    purpose = fields.Text()
    content = fields.Html()
    method = fields.Selection(METHODS, default="phone")
    line_ids = fields.One2many(
        "revisit.plan.line", "plan_id", string="Customers", copy=True
    )
    visit_ids = fields.One2many("revisit.visit", "plan_id", string="Visits")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
