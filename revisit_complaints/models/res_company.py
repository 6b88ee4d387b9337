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

    complaint_followup_days_general = fields.Integer(
        string="General Complaint Revisit within (Days)",
        default=3,
        help="A closed general complaint is revisited within this many days.",
    )
    complaint_followup_days_important = fields.Integer(
        string="Important Complaint Revisit within (Days)",
        default=2,
        help="A closed important complaint is revisited within this many days.",
    )
    complaint_followup_days_major = fields.Integer(
        string="Major Complaint Revisit within (Days)",
        default=1,
        help="A closed major complaint is revisited within this many days.",
    )

    _complaint_followup_days_positive = models.Constraint(
        "CHECK(complaint_followup_days_general >= 0 AND "
        "complaint_followup_days_important >= 0 AND "
        "complaint_followup_days_major >= 0)",
        "A complaint revisit delay cannot be negative.",
    )
    complaint_actions_required = fields.Boolean(
        string="Valid Complaints Need Tracked Actions",
        help="A valid complaint closes only with at least one corrective or "
        "preventive action, each carried out (003 八.5: 制定订正预防措施,并监督"
        "措施实施状况及效果).",
    )

    def _revisit_preset_changes(self, preset):
        """The after-sales regulation (客户满意度调查管理规定 八.5) tracks each
        valid complaint's corrective and preventive actions (R107)."""
        changes = super()._revisit_preset_changes(preset)
        if preset == "aftersales":
            changes.append((self, "complaint_actions_required", True))
        return changes

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
