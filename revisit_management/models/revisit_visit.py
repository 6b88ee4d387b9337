from odoo import fields, models

from .revisit_rule import METHODS


class RevisitVisit(models.Model):
    """One contact with one customer: a call, a message or an on-site visit."""

    _name = "revisit.visit"
    _description = "Revisit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "scheduled_date, id"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, default="/", copy=False, readonly=True
    )
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    event_id = fields.Many2one("revisit.event", index=True, ondelete="restrict")
    rule_id = fields.Many2one("revisit.rule", index=True)
    step_id = fields.Many2one("revisit.rule.step", index=True)
    plan_id = fields.Many2one("revisit.plan", index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    department_id = fields.Many2one("hr.department", index=True, check_company=True)
    method = fields.Selection(METHODS, required=True, default="phone", tracking=True)
    scheduled_date = fields.Date(required=True, index=True, tracking=True)
    deadline = fields.Date(index=True)
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("appointed", "Appointed"),
            ("done", "Done"),
            ("unreachable", "Unreachable"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    done_date = fields.Date(copy=False)
    satisfaction = fields.Integer(copy=False, aggregator="avg")
    feedback = fields.Text(copy=False)
    problem = fields.Text(string="Problem Raised", copy=False)
    followup_needed = fields.Boolean(copy=False)
    signature = fields.Binary(copy=False, attachment=True)
    cost = fields.Monetary(copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    report = fields.Html(string="Visit Report", copy=False)
    review_comment = fields.Text(copy=False)
    reviewer_id = fields.Many2one("res.users", copy=False)
    review_date = fields.Datetime(copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _satisfaction_range = models.Constraint(
        "CHECK(satisfaction IS NULL OR satisfaction = 0 OR "
        "(satisfaction >= 1 AND satisfaction <= 5))",
        "Satisfaction is scored from 1 to 5.",
    )
