import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo.tests import tagged

from .common import RevisitCase

PAYLOAD = '<script>alert("x")</script><b>bold</b>'


@tagged("post_install", "-at_install")
class TestRevisitReports(RevisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls.Visit.create(
            {
                "partner_id": cls.customer.id,
                "scheduled_date": cls.monday,
                "deadline": cls.monday + timedelta(days=3),
                "user_id": cls.staff.id,
                "satisfaction": 4,
                "done_date": cls.monday,
                "feedback": PAYLOAD,
                "problem": '=HYPERLINK("http://evil.example", "click")',
            }
        )
        cls.done.action_done()
        cls.todo = cls.Visit.create(
            {
                "partner_id": cls.customer.id,
                "scheduled_date": cls.monday + timedelta(days=14),
                "user_id": cls.staff2.id,
            }
        )
        cls.visits = cls.done | cls.todo

    def _html(self, report_ref, visits):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            report_ref, visits.ids
        )
        return html.decode()

    def test_visit_record_one_page_per_visit(self):
        html = self._html("revisit_management.revisit_visit_report_record", self.visits)
        self.assertEqual(html.count('class="page"'), 2)
        for visit in self.visits:
            self.assertIn(visit.name, html)
        self.assertIn("Wang Fang", html)
        self.assertIn("4</span> / 5", html)

    def test_customer_text_is_escaped(self):
        for ref in (
            "revisit_management.revisit_visit_report_record",
            "revisit_management.revisit_visit_report_staff",
            "revisit_management.revisit_visit_report_summary",
        ):
            html = self._html(ref, self.done)
            self.assertNotIn("<script>alert", html)
            self.assertNotIn("<b>bold</b>", html)
            self.assertIn("&lt;script&gt;alert", html)

    def test_staff_report_is_one_sheet_per_officer_and_day(self):
        """The visit report is the staff's account of their day's visits,
        not the statistics sheet: one sheet per officer and day."""
        self.done.write(
            {
                "purpose": "Check the wound",
                "problem_category_ids": [
                    (0, 0, {"name": "Waiting Time"}),
                ],
            }
        )
        same_day = self.Visit.create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Li Ming"}).id,
                "scheduled_date": self.monday,
                "user_id": self.staff.id,
                "method": "onsite",
            }
        )
        visits = self.visits | same_day
        report = self.env.ref("revisit_management.revisit_visit_report_staff")
        self.assertFalse(report.group_ids, "every revisit officer prints their own")
        html = self._html("revisit_management.revisit_visit_report_staff", visits)
        # staff on the Monday (two visits), staff2 two weeks later
        self.assertEqual(html.count("o_revisit_staff_report"), 2)
        self.assertIn(self.staff.name, html)
        self.assertIn(self.staff2.name, html)
        for text in ("Wang Fang", "Li Ming", "Check the wound", "Waiting Time"):
            self.assertIn(text, html)
        self.assertIn("4 / 5", html)
        self.assertNotIn("Coverage", html)
        sheets = self.env[
            "report.revisit_management.report_revisit_visit_staff"
        ]._get_report_values(visits.ids)["sheets"]
        self.assertEqual(
            [(s["user"], s["day"], s["visits"]) for s in sheets],
            [
                (self.staff, self.monday, self.done | same_day),
                (self.staff2, self.monday + timedelta(days=14), self.todo),
            ],
        )
        statistics = self.env.ref("revisit_management.revisit_visit_report_summary")
        self.assertEqual(statistics.with_context(lang="en_US").name, "Visit Statistics")

    def test_visit_report_shows_the_rates(self):
        html = self._html(
            "revisit_management.revisit_visit_report_summary", self.visits
        )
        stats = self.env["revisit.visit.report"].get_dashboard_data(
            domain=[("visit_id", "in", self.visits.ids)]
        )
        self.assertEqual(stats["total"], 2)
        self.assertEqual(stats["coverage_rate"], 100.0)
        self.assertEqual(stats["satisfaction_avg"], 4.0)
        self.assertIn(f"{stats['on_time_rate']}", html)
        self.assertIn(self.staff2.name, html)
        self.assertIn(self.todo.name, html)

    def test_pdf_rendering(self):
        content, report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "revisit_management.revisit_visit_report_record", self.done.ids
        )
        self.assertIn(report_type, ("pdf", "html"))
        self.assertTrue(content)

    def test_xlsx_export(self):
        action = (
            self.env.ref("revisit_management.revisit_visit_action_export_xlsx")
            .with_context(active_model="revisit.visit", active_ids=self.visits.ids)
            .run()
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        book = load_workbook(io.BytesIO(attachment.raw))
        sheet = book.active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[0][0], "Reference")
        names = {row[0] for row in rows[1:]}
        self.assertEqual(names, set(self.visits.mapped("name")))
        done_row = next(row for row in rows if row[0] == self.done.name)
        self.assertEqual(done_row[11], 4)
        self.assertEqual(done_row[12], PAYLOAD)
        # customer text that looks like a formula stays a plain string
        problem_cell = next(
            cell
            for cell in sheet[[r[0] for r in rows].index(self.done.name) + 1]
            if cell.column == 14
        )
        self.assertEqual(problem_cell.data_type, "s")
        self.assertEqual(problem_cell.value, self.done.problem)
