from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

TICKETS = "revisit_complaints.helpdesk_ticket_action_complaint"
COMPLAINT_KPI_ACTIONS = {
    "kpi_revisit_complaint_received": TICKETS,
    "kpi_revisit_complaint_closed": TICKETS,
    "kpi_revisit_complaint_overdue": TICKETS,
    "kpi_revisit_complaint_valid_share": (
        "revisit_complaints.revisit_complaint_report_action"
    ),
}


class DigestDigest(models.Model):
    """Complaint figures in Odoo's periodic digest, over the same calendar
    days of the company as the revisit figures."""

    _inherit = "digest.digest"

    kpi_revisit_complaint_received = fields.Boolean("Complaints Received")
    kpi_revisit_complaint_received_value = fields.Integer(
        "Complaints Received Value",
        compute="_compute_kpi_revisit_complaint_received_value",
    )
    kpi_revisit_complaint_closed = fields.Boolean("Complaints Closed")
    kpi_revisit_complaint_closed_value = fields.Integer(
        "Complaints Closed Value", compute="_compute_kpi_revisit_complaint_closed_value"
    )
    kpi_revisit_complaint_overdue = fields.Boolean("Complaints Overdue")
    kpi_revisit_complaint_overdue_value = fields.Integer(
        "Complaints Overdue Value",
        compute="_compute_kpi_revisit_complaint_overdue_value",
    )
    kpi_revisit_complaint_valid_share = fields.Boolean(
        "Valid Complaints, Share of Customers (%)"
    )
    kpi_revisit_complaint_valid_share_value = fields.Float(
        "Valid Complaints Share Value (%)",
        compute="_compute_kpi_revisit_complaint_valid_share_value",
    )

    def _complaint_check_access(self):
        user = self.env.user
        if not (
            user.has_group("helpdesk_mgmt.group_helpdesk_user_own")
            or user.has_group("revisit_management.group_revisit_supervisor")
        ):
            raise AccessError(
                self.env._("Complaint figures are for complaint handlers only.")
            )

    def _complaint_count_kpi(self, field_name, domain):
        """Count the complaints (not their duplicates) of
        ``domain(company, first_day, end_day)``."""
        self._revisit_count_kpi(
            field_name,
            "helpdesk.ticket",
            lambda company, day_from, day_to: (
                Domain(
                    [
                        ("company_id", "=", company.id),
                        ("is_complaint", "=", True),
                        ("duplicate_id", "=", False),
                    ]
                )
                & Domain(domain(company, day_from, day_to))
            ),
            self._complaint_check_access,
        )

    def _complaint_between(self, date_field):
        """Complaints whose ``date_field`` (a datetime) falls on the frame's
        calendar days."""

        def domain(company, day_from, day_to):
            start, end = self._revisit_kpi_datetimes(company)
            return [(date_field, ">=", start), (date_field, "<", end)]

        return domain

    def _compute_kpi_revisit_complaint_received_value(self):
        self._complaint_count_kpi(
            "kpi_revisit_complaint_received_value",
            self._complaint_between("create_date"),
        )

    def _compute_kpi_revisit_complaint_closed_value(self):
        between = self._complaint_between("closed_date")
        self._complaint_count_kpi(
            "kpi_revisit_complaint_closed_value",
            lambda company, day_from, day_to: (
                Domain(between(company, day_from, day_to))
                & Domain("stage_id.closed", "=", True)
            ),
        )

    def _compute_kpi_revisit_complaint_overdue_value(self):
        """Open complaints whose promised reply date fell in the period: the
        ones the promise cron escalates."""
        self._complaint_count_kpi(
            "kpi_revisit_complaint_overdue_value",
            lambda company, day_from, day_to: [
                ("stage_id.closed", "=", False),
                ("promised_date", ">=", day_from),
                ("promised_date", "<", min(day_to, company._revisit_today())),
            ],
        )

    def _compute_kpi_revisit_complaint_valid_share_value(self):
        """Customers with a valid complaint in the period, per cent of all
        customers: the regulation's target is 1 % or less."""
        Report = self.env["revisit.complaint.report"]

        def check_access():
            if not Report.has_access("read"):
                raise AccessError(
                    self.env._("Complaint figures are for complaint handlers only.")
                )

        self._revisit_compute_kpi(
            "kpi_revisit_complaint_valid_share_value",
            lambda company, day_from, day_to: Report.with_company(
                company
            )._complaint_statistics(day_from, day_to - timedelta(days=1))[
                "valid_customer_share"
            ],
            check_access,
        )

    def _compute_kpis_actions(self, company, user):
        res = super()._compute_kpis_actions(company, user)
        menu = self.env.ref("revisit_management.revisit_menu_root").id
        for kpi, action in COMPLAINT_KPI_ACTIONS.items():
            res[kpi] = f"{action}?menu_id={menu}"
        return res
