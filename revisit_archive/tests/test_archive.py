from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

from .common import ArchiveCase


class TestArchive(ArchiveCase):
    def activities(self, record, xmlid):
        return record.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(f"revisit_archive.{xmlid}")
        )

    def ref_tier(self):
        return self.env.ref("revisit_management.revisit_tier_high")

    # R109, R063 -------------------------------------------------------

    def test_r109_r063_custodian_keeps_the_files(self):
        """The custodian reads every normal and secret file, whoever visits it,
        not the confidential ones; staff and other employees do not read the
        register."""
        secret = self.env["res.partner"].create(
            {"name": "Secret Co", "revisit_confidentiality": "secret"}
        )
        confidential = self.env["res.partner"].create(
            {"name": "Confidential Co", "revisit_confidentiality": "confidential"}
        )
        visits = (
            self.visit(user_id=self.staff2.id)
            | self.visit(partner_id=secret.id, user_id=self.staff2.id)
            | self.visit(partner_id=confidential.id, user_id=self.staff2.id)
        )
        readable = self.Visit.with_user(self.custodian).search(
            [("id", "in", visits.ids)]
        )
        self.assertEqual(readable, visits[:2])
        # and summarises them in the analysis
        self.env.flush_all()
        analysis = self.env["revisit.visit.report"].with_user(self.custodian)
        self.assertEqual(
            set(
                analysis.search(
                    [("partner_id", "in", (secret | confidential).ids)]
                ).mapped("partner_id")
            ),
            {secret},
        )
        self.assertTrue(
            self.custodian.has_group("revisit_management.group_revisit_user")
        )
        self.customer.write({"revisit_user_id": self.staff.id})
        entry = self.Log.with_user(self.custodian).search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(entry), 1)
        for user in (self.staff, self.outsider):
            with self.assertRaises(AccessError):
                self.Log.with_user(user).search([])

    # R110 -------------------------------------------------------------

    @freeze_time("2030-03-01 02:00:00")
    def test_r110_inspections_planned_twice_a_year(self):
        Inspection = self.env["revisit.archive.inspection"]
        Inspection.search([]).unlink()
        self.run_cron("revisit_archive.ir_cron_revisit_archive_inspections")
        self.run_cron("revisit_archive.ir_cron_revisit_archive_inspections")
        planned = Inspection.search(
            [("company_id", "=", self.company.id)], order="date"
        )
        self.assertEqual(
            planned.mapped("date"), [date(2030, 6, 30), date(2030, 12, 31)]
        )
        self.assertEqual(planned.user_id, self.custodian)
        for inspection in planned:
            activity = self.activities(
                inspection, "mail_activity_type_archive_inspection"
            )
            self.assertEqual(activity.user_id, self.custodian)
            self.assertEqual(activity.date_deadline, inspection.date)
        first = planned[0].with_user(self.custodian)
        with self.assertRaises(UserError):
            first.action_done()
        first.findings = "Two files misfiled, corrected."
        first.action_done()
        self.assertEqual(first.state, "done")
        self.assertEqual(first.done_date, date(2030, 3, 1))
        self.assertFalse(first.activity_ids)
        with self.assertRaises(AccessError):
            planned[1].with_user(self.staff).findings = "nothing"

    @freeze_time("2030-12-31 17:00:00")  # 1 January 2031 in Shanghai
    def test_r110_the_year_is_the_company_s(self):
        Inspection = self.env["revisit.archive.inspection"]
        self.company.revisit_archive_inspections = 4
        self.run_cron("revisit_archive.ir_cron_revisit_archive_inspections")
        planned = Inspection.search(
            [("company_id", "=", self.company.id), ("date", ">=", date(2031, 1, 1))],
            order="date",
        )
        self.assertEqual(
            planned.mapped("date"),
            [
                date(2031, 3, 31),
                date(2031, 6, 30),
                date(2031, 9, 30),
                date(2031, 12, 31),
            ],
        )

    # R111 -------------------------------------------------------------

    def test_r111_register_logs_changes_for_the_custodian(self):
        self.customer.write(
            {"revisit_user_id": self.staff.id, "revisit_confidentiality": "secret"}
        )
        self.Log.search([]).state = "tidied"
        contact = self.env["res.partner"].create(
            {"name": "Li Lei", "parent_id": self.customer.id}
        )
        contact.write({"phone": "+86 10 1234 5678"})
        # a partner without a revisit file is no archive
        self.env["res.partner"].create({"name": "Nobody"}).phone = "1"
        entry = self.Log.with_user(self.custodian).search([("state", "=", "to_tidy")])
        self.assertEqual(entry.partner_id, self.customer)
        self.assertEqual(entry.kind, "change")
        self.assertIn("Phone", entry.description)
        self.assertEqual(entry.user_id, self.env.user)
        with self.assertRaises(AccessError):
            entry.with_user(self.manager).action_tidy()
        entry.note = "Phone copied to the paper file."
        entry.with_user(self.custodian).action_tidy()
        self.assertEqual(entry.state, "tidied")
        self.assertEqual(entry.tidied_by_id, self.custodian)

    # R113 -------------------------------------------------------------

    def test_r113_report_on_the_first_monday(self):
        Report = self.env["revisit.customer.report"]
        self.department.revisit_customer_report = True
        # Sunday 6 January 2030, 18:00 in Shanghai: not yet
        with freeze_time("2030-01-06 10:00:00"):
            self.run_cron("revisit_archive.ir_cron_revisit_customer_report")
        self.assertFalse(Report.search([("department_id", "=", self.department.id)]))
        # 04:00 on Monday 7 January in Shanghai, still Sunday in UTC
        with freeze_time("2030-01-06 20:00:00"):
            self.run_cron("revisit_archive.ir_cron_revisit_customer_report")
            self.run_cron("revisit_archive.ir_cron_revisit_customer_report")
        report = Report.search([("department_id", "=", self.department.id)])
        self.assertEqual(len(report), 1)
        self.assertEqual(report.date, date(2030, 1, 7))
        activity = self.activities(report, "mail_activity_type_customer_report")
        self.assertEqual(activity.user_id, self.head)
        self.assertEqual(activity.date_deadline, date(2030, 1, 7))
        as_head = report.with_user(self.head)
        with self.assertRaises(UserError):
            as_head.action_submit()
        with self.assertRaises(UserError):
            as_head.write({"state": "received"})
        as_head.write(
            {
                "environment": "<p>A new competitor opened nearby.</p>",
                "partner_ids": [(4, self.customer.id)],
            }
        )
        as_head.action_submit()
        self.assertEqual(report.state, "submitted")
        with self.assertRaises(AccessError):
            report.with_user(self.manager).action_receive()
        report.with_user(self.custodian).action_receive()
        self.assertEqual(report.received_by_id, self.custodian)
        # another department's employee does not read it
        self.assertFalse(
            Report.with_user(self.admin_manager).search([("id", "=", report.id)])
        )
        html = self.env["ir.actions.report"]._render_qweb_html(
            "revisit_archive.report_revisit_customer_report", report.ids
        )[0]
        self.assertIn(b"A new competitor opened nearby.", html)

    # R115 -------------------------------------------------------------

    def test_r115_files_verified_monthly(self):
        Partner = self.env["res.partner"]
        new = Partner.create({"name": "New", "revisit_tier_id": self.ref_tier().id})
        new.flush_recordset()
        created = self.company._revisit_date_of(new.create_date)
        self.assertEqual(new.revisit_verify_due, created + relativedelta(months=1))
        self.assertFalse(Partner.create({"name": "No file"}).revisit_verify_due)
        customer = Partner.create(
            {
                "name": "Zhao Li",
                "revisit_user_id": self.staff.id,
                "revisit_verified_date": date(2030, 1, 10),
            }
        )
        self.assertEqual(customer.revisit_verify_due, date(2030, 2, 10))
        with freeze_time("2030-02-09 15:00:00"):  # 23:00 on the 9th in Shanghai
            self.run_cron("revisit_archive.ir_cron_revisit_verify_files")
        self.assertFalse(self.activities(customer, "mail_activity_type_file_verify"))
        with freeze_time("2030-02-09 16:30:00"):  # 00:30 on the 10th in Shanghai
            self.run_cron("revisit_archive.ir_cron_revisit_verify_files")
            self.run_cron("revisit_archive.ir_cron_revisit_verify_files")
        activity = self.activities(customer, "mail_activity_type_file_verify")
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.staff)
        with self.assertRaises(AccessError):
            customer.with_user(self.outsider).action_revisit_verify()
        with self.assertRaises(AccessError):
            customer.with_user(self.staff2).action_revisit_verify()
        with freeze_time("2030-02-12 02:00:00"):
            customer.with_user(self.staff).action_revisit_verify()
        self.assertEqual(customer.revisit_verified_date, date(2030, 2, 12))
        self.assertEqual(customer.revisit_verify_due, date(2030, 3, 12))
        self.assertFalse(self.activities(customer, "mail_activity_type_file_verify"))
        self.assertTrue(
            self.Log.search([("partner_id", "=", customer.id), ("kind", "=", "verify")])
        )

    # R117 -------------------------------------------------------------

    def test_r117_destruction_after_three_approvals(self):
        done = self.visit(scheduled_date=date(2024, 3, 1), satisfaction=5)
        done.action_done()
        recent = self.visit(scheduled_date=date(2030, 3, 1))
        with self.assertRaises(UserError):
            done.with_user(self.manager).unlink()
        destruction = (
            self.env["revisit.archive.destruction"]
            .with_user(self.custodian)
            .create(
                {
                    "partner_id": self.customer.id,
                    "date_before": date(2025, 1, 1),
                    "reason": "Older than the retention period.",
                }
            )
        )
        destruction.action_submit()
        self.assertEqual(destruction.visit_ids, done)
        with self.assertRaises(UserError):
            destruction.with_user(self.custodian).action_destroy()
        # in order: the admin manager cannot approve before the centre head
        with self.assertRaises(AccessError):
            destruction.with_user(self.admin_manager).action_approve()
        destruction.with_user(self.manager).action_approve()
        self.assertEqual(destruction.state, "to_admin")
        with self.assertRaises(AccessError):
            destruction.with_user(self.general).action_approve()
        with self.assertRaises(AccessError):
            destruction.with_user(self.manager).action_approve()
        destruction.with_user(self.admin_manager).action_approve()
        # each approval by a different person
        self.manager.group_ids |= self.env.ref(
            "revisit_archive.group_revisit_archive_general"
        )
        with self.assertRaises(UserError):
            destruction.with_user(self.manager).action_approve()
        destruction.with_user(self.general).action_approve()
        self.assertEqual(destruction.state, "approved")
        reference = done.name
        with self.assertRaises(AccessError):
            destruction.with_user(self.manager).action_destroy()
        destruction.with_user(self.custodian).action_destroy()
        self.assertFalse(done.exists())
        self.assertTrue(recent.exists())
        self.assertEqual(destruction.state, "destroyed")
        self.assertIn(reference, destruction.destroyed_summary)
        self.assertTrue(
            self.Log.search(
                [("partner_id", "=", self.customer.id), ("kind", "=", "destroy")]
            )
        )

    def test_r117_open_visits_stay_a_manager_s(self):
        """Open visits are no archive yet: a revisit manager deletes one planned
        by mistake, staff do not."""
        visit = self.visit()
        with self.assertRaises(UserError):
            visit.with_user(self.staff).unlink()
        visit.with_user(self.manager).unlink()
        self.assertFalse(visit.exists())

    # R123 -------------------------------------------------------------

    def test_r123_staff_without_confidentiality_agreement(self):
        Employee = self.env["hr.employee"]
        action = self.env.ref("revisit_archive.hr_employee_action_revisit_agreement")
        domain = [("revisit_staff", "=", True), ("revisit_agreement_date", "=", False)]
        missing = Employee.search(domain)
        staff = Employee.search([("user_id", "=", self.staff.id)])
        outsider = Employee.search([("user_id", "=", self.outsider.id)])
        self.assertIn(staff, missing)
        self.assertNotIn(outsider, missing)
        self.assertIn("revisit_staff", action.domain)
        staff.revisit_agreement_date = date.today() - timedelta(days=3)
        self.assertNotIn(staff, Employee.search(domain))
        with self.assertRaises(AccessError):
            staff.with_user(self.custodian).read(["revisit_agreement_date"])
