from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_duplicate_days = fields.Integer(
        string="Duplicate Complaint Window (Days)",
        default=30,
        help="A complaint of the same customer about the same issue within this many "
        "days of another one is proposed as its duplicate.",
    )
    complaint_reminder_days = fields.Integer(
        string="Promise Reminder (Days Before)",
        default=1,
        help="The handler is reminded this many days before the reply date promised "
        "to the customer.",
    )

    complaint_reply_days = fields.Integer(
        string="Reply Promised within (Days)",
        default=3,
        help="At intake a complaint's promised reply date is set this many days "
        "ahead (the handler may change it); the customer is told the date.",
    )

    _complaint_reply_days_positive = models.Constraint(
        "CHECK(complaint_reply_days >= 0)",
        "The reply delay promised to customers cannot be negative.",
    )
    _complaint_duplicate_days_positive = models.Constraint(
        "CHECK(complaint_duplicate_days >= 0)",
        "The duplicate complaint window cannot be negative.",
    )
    _complaint_reminder_days_positive = models.Constraint(
        "CHECK(complaint_reminder_days >= 0)",
        "The promise reminder cannot be negative.",
    )
