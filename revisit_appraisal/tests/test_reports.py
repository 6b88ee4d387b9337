import base64
import io
import zipfile

from odoo.tests import tagged

from .common import MONTH_START, RevisitAppraisalCommon


@tagged("post_install", "-at_install")
class TestReports(RevisitAppraisalCommon):
    def test_appraisal_sheet_and_ranking(self):
        best = self._appraise(self.employee, MONTH_START, 95)
        worst = self._appraise(self.employee2, MONTH_START, 50)
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "revisit_appraisal.report_revisit_appraisal_sheet", best.ids
        )
        html = html.decode()
        self.assertIn("Agent1", html)
        self.assertIn("95.00", html)
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "revisit_appraisal.report_revisit_appraisal_ranking", (worst | best).ids
        )
        html = html.decode()
        self.assertLess(html.index("Agent1"), html.index("Agent2"))

    def test_payroll_xlsx(self):
        appraisal = self._appraise(self.employee, MONTH_START, 95)
        appraisal.with_user(self.hr_user).action_confirm()
        action = appraisal.with_user(self.hr_user).action_export_xlsx()
        attachment_id = int(action["url"].split("/")[-1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas))) as xlsx:
            strings = xlsx.read("xl/sharedStrings.xml").decode()
            sheet = xlsx.read("xl/worksheets/sheet1.xml").decode()
        for text in ("Employee", "Grade", "Bonus", "Penalty", "Agent1", "2024-05"):
            self.assertIn(text, strings)
        self.assertIn("<v>95</v>", sheet)
        self.assertIn("<v>500</v>", sheet)
