from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_duplicate_days = fields.Integer(
        related="company_id.complaint_duplicate_days", readonly=False
    )
    complaint_reminder_days = fields.Integer(
        related="company_id.complaint_reminder_days", readonly=False
    )
    complaint_reply_days = fields.Integer(
        related="company_id.complaint_reply_days", readonly=False
    )
    complaint_followup_days_general = fields.Integer(
        related="company_id.complaint_followup_days_general", readonly=False
    )
    complaint_followup_days_important = fields.Integer(
        related="company_id.complaint_followup_days_important", readonly=False
    )
    complaint_followup_days_major = fields.Integer(
        related="company_id.complaint_followup_days_major", readonly=False
    )
    complaint_actions_required = fields.Boolean(
        related="company_id.complaint_actions_required", readonly=False
    )
