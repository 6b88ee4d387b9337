from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

CUSTODIAN_GROUP = "revisit_archive.group_revisit_archive_custodian"


class RevisitArchiveInspection(models.Model):
    """An inspection of the archives of the year's inspection plan
    (成果档案检查计划, at least twice a year)."""

    _name = "revisit.archive.inspection"
    _description = "Archive Inspection"
    _inherit = ["revisit.company.lang.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(string="Planned Date", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Custodian",
        default=lambda self: self.env.user,
        tracking=True,
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )
    findings = fields.Text(help="What the inspection found and what was corrected.")
    done_date = fields.Date(readonly=True)

    @api.model
    def _cron_plan_inspections(self):
        """Plan the year's inspections of each company (evenly spread, ending
        with the year) with the custodian's activity on each planned day."""
        for company in self.env["res.company"].search([]):
            today = company._revisit_today()
            per_year = max(company.revisit_archive_inspections, 1)
            existing = self.search_count(
                [
                    ("company_id", "=", company.id),
                    ("state", "!=", "cancelled"),
                    ("date", ">=", date(today.year, 1, 1)),
                    ("date", "<=", date(today.year, 12, 31)),
                ]
            )
            custodian = company._revisit_archive_custodian()
            lang = company._revisit_lang()
            for index in range(existing + 1, per_year + 1):
                month = (12 * index) // per_year
                day = date(today.year, month, 1) + relativedelta(day=31)
                name = self.with_context(lang=lang).env._(
                    "Archive inspection %(year)s/%(index)s",
                    year=today.year,
                    index=index,
                )
                inspection = self.create(
                    {
                        "name": name,
                        "company_id": company.id,
                        "date": max(day, today),
                        "user_id": custodian.id,
                    }
                )
                inspection._schedule_activity()

    def _schedule_activity(self):
        for inspection in self.filtered("user_id"):
            inspection.activity_schedule(
                "revisit_archive.mail_activity_type_archive_inspection",
                date_deadline=inspection.date,
                user_id=inspection.user_id.id,
            )

    def action_done(self):
        if not self.env.user.has_group(CUSTODIAN_GROUP):
            raise AccessError(
                self.env._("Only the archive custodian records inspections.")
            )
        for inspection in self:
            if inspection.state != "planned":
                raise UserError(self.env._("Only a planned inspection can be done."))
            if not (inspection.findings or "").strip():
                raise UserError(
                    self.env._("Write the inspection's findings before closing it.")
                )
            inspection.write(
                {"state": "done", "done_date": inspection.company_id._revisit_today()}
            )
            inspection.activity_feedback(
                ["revisit_archive.mail_activity_type_archive_inspection"]
            )
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        self.activity_unlink(["revisit_archive.mail_activity_type_archive_inspection"])
        return True
