from odoo import fields, models

TRIGGERS = [
    ("discharge", "Discharge"),
    ("surgery", "Surgery"),
    ("course_end", "Treatment Course End"),
    ("consultation", "Consultation"),
    ("delivery", "Sale / Delivery"),
    ("repair", "Repair Done"),
    ("complaint", "Complaint Closed"),
    ("event", "Event Attended"),
    ("project_start", "Project Start"),
    ("project_done", "Project Completion"),
    ("warranty_end", "Warranty End"),
    ("new_customer", "New Customer"),
    ("periodic", "Periodic (by Tier)"),
    ("manual", "Manual"),
]

METHODS = [
    ("phone", "Phone"),
    ("sms", "SMS"),
    ("email", "E-mail"),
    ("onsite", "On-site"),
    ("video", "Video"),
    ("survey", "Online Questionnaire"),
]


class RevisitRule(models.Model):
    """When and how customers are revisited after something happened to them."""

    _name = "revisit.rule"
    _description = "Revisit Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    trigger = fields.Selection(TRIGGERS, required=True, default="manual", tracking=True)
    step_ids = fields.One2many(
        "revisit.rule.step", "rule_id", string="Steps", copy=True
    )
    sample_rate = fields.Float(
        string="Sampling Rate (%)",
        default=100.0,
        tracking=True,
        help="Share of the events that get visits. Key customers are always visited.",
    )
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", check_company=True
    )
    method = fields.Selection(METHODS, string="Default Method", default="phone")
    survey_id = fields.Many2one("survey.survey", string="Questionnaire")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    note = fields.Html()

    _sample_rate_range = models.Constraint(
        "CHECK(sample_rate >= 0 AND sample_rate <= 100)",
        "The sampling rate is a percentage between 0 and 100.",
    )
