"""Every PDF report of our addons prints its Chinese text and its amounts.

Each report is rendered by wkhtmltopdf for real (Odoo's test mode would hand
back HTML), under Chinese, from real records, and read back with pdftotext:
without a Chinese font the text is missing, and a missing amount fails too.

The reports are printed without the server's stylesheet: Debian's wkhtmltopdf
(unpatched Qt) draws the layout's web fonts (Lato...) as outlines, which
pdftotext cannot read, so digits and Latin letters would be invisible to the
test. The Chinese glyphs come from the system's font either way: the web
fonts have none."""

import shutil
import subprocess
import unicodedata
from datetime import date

from odoo.addons.revisit_appraisal.tests.common import (
    MONTH_START,
    RevisitAppraisalCommon,
)
from odoo.addons.revisit_management.tests.common import use_chinese
from odoo.tests import tagged

# the PDF reports of our addons, each checked below
REPORTS = {
    "revisit_appraisal.revisit_appraisal_report_sheet",
    "revisit_appraisal.revisit_appraisal_report_ranking",
    "revisit_management.revisit_visit_report_record",
    "revisit_management.revisit_visit_report_staff",
    "revisit_management.revisit_visit_report_summary",
    "revisit_archive.action_report_revisit_customer_report",
    "revisit_warranty.revisit_warranty_report_certificate",
}


@tagged("post_install", "-at_install")
class TestPdfReportsInChinese(RevisitAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_chinese(cls.env, cls.hr_user | cls.supervisor_user | cls.env.user)
        # no server to fetch the styles from (see the module's docstring)
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        cls.employee.name = "张晓燕"
        cls.employee2.name = "陈大伟"
        cls.department.name = "客户服务部"

    def _pdf_text(self, report_ref, records, user=None):
        """The text pdftotext reads in the PDF wkhtmltopdf printed."""
        self.assertTrue(shutil.which("pdftotext"), "install poppler-utils")
        env = records.env(user=user or records.env.user)
        pdf, report_format = (
            env["ir.actions.report"]
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf(report_ref, records.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf printed no PDF")
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        # fonts map some ideographs to their radicals (工 read as ⼯): NFKC
        # gives back the characters
        return unicodedata.normalize("NFKC", text)

    def assertPrinted(self, text, expected):
        for term in expected:
            term = unicodedata.normalize("NFKC", term)
            self.assertIn(term, text, f"{term!r} is not in the PDF:\n{text}")

    def test_every_pdf_report_is_checked(self):
        reports = self.env["ir.actions.report"].search(
            [("report_type", "=", "qweb-pdf")]
        )
        ours = {
            xmlid
            for xmlid in reports.get_external_id().values()
            if xmlid.startswith("revisit_")
        }
        self.assertEqual(ours, REPORTS, "a PDF report of ours is not tested here")

    def test_appraisal_sheet_and_ranking(self):
        best = self._appraise(self.employee, MONTH_START, 95)
        best.with_user(self.hr_user).action_confirm()
        worst = self._appraise(self.employee2, MONTH_START, 75)
        self.assertEqual(best.reward_line_ids.amount, 500.0)
        text = self._pdf_text(
            "revisit_appraisal.revisit_appraisal_report_sheet", best, self.hr_user
        )
        self.assertPrinted(
            text,
            (
                "客户回访考核表",
                "张晓燕",
                "客户服务部",
                "2024-05",
                "流程与规范",
                "95.00",
                "奖励与处罚",
                "奖金",
                "500.00",
                "审核人",
            ),
        )
        text = self._pdf_text(
            "revisit_appraisal.revisit_appraisal_report_ranking",
            best | worst,
            self.hr_user,
        )
        self.assertPrinted(
            text, ("客户回访考核排名", "张晓燕", "陈大伟", "95.00", "75.00")
        )
        self.assertLess(text.index("张晓燕"), text.index("陈大伟"))

    def test_visit_record_and_report(self):
        customer = self.env["res.partner"].create({"name": "王立新"})
        feedback = "对服务很满意\uff0c希望增加上门回访。"  # full-width comma
        visit = self._visit(
            self.employee_user,
            6,
            partner_id=customer.id,
            feedback=feedback,
            cost=128.5,
        )
        text = self._pdf_text("revisit_management.revisit_visit_report_record", visit)
        self.assertPrinted(text, ("回访记录表", "王立新", feedback, "128.50"))
        text = self._pdf_text("revisit_management.revisit_visit_report_summary", visit)
        self.assertPrinted(text, ("回访统计表", "满意度分布", "100.0 %"))
        self.assertNotIn("回访报告", text)

    def test_staff_visit_report(self):
        """The staff's report of their day's visits, in Chinese."""
        customer = self.env["res.partner"].create({"name": "王立新"})
        visit = self._visit(
            self.employee_user,
            6,
            partner_id=customer.id,
            purpose="术后第三天回访",
            feedback="伤口恢复良好。",
            problem="候诊等待太久。",
            satisfaction=4,
        )
        text = self._pdf_text(
            "revisit_management.revisit_visit_report_staff", visit, self.employee_user
        )
        self.assertPrinted(
            text,
            (
                "回访报告",
                "回访专员",
                self.employee_user.name,
                # the visit day, in Chinese's date format
                date(2024, 5, 6).strftime(
                    self.env["res.lang"]._lang_get("zh_CN").date_format
                ),
                "王立新",
                "术后第三天回访",
                "已完成",
                "伤口恢复良好。",
                "4/5",  # pdftotext reads "4 / 5" without its spaces
                "候诊等待太久。",
                "电话",
                "客户签名",
                "主管",
            ),
        )
        self.assertNotIn("满意度分布", text)

    def test_customer_report(self):
        report = self.env["revisit.customer.report"].create(
            {
                "name": "2024年5月客户信息报告",
                "department_id": self.department.id,
                "date": date(2024, 5, 31),
                "partner_ids": [(4, self.customer.id)],
                "environment": "<p>竞争对手推出八折优惠。</p>",
                "changes": "<p>客户更换了采购负责人。</p>",
            }
        )
        text = self._pdf_text(
            "revisit_archive.action_report_revisit_customer_report", report
        )
        self.assertPrinted(
            text,
            (
                "2024年5月客户信息报告",
                "客户服务部",
                "竞争环境",
                "竞争对手推出八折优惠。",
                "客户档案的变化",
                "客户更换了采购负责人。",
            ),
        )

    def test_warranty_certificate(self):
        """The construction warranty certificate (M2): its periods by type of
        work and the repair record, in Chinese."""
        customer = self.env["res.partner"].create({"name": "王立新"})
        warranty = self.env["revisit.warranty"].create(
            {
                "partner_id": customer.id,
                "project_name": "三号楼",
                "acceptance_date": date(2030, 6, 30),
                "scope": "本公司施工的全部工程",
                "line_ids": [
                    (0, 0, {"type_id": self.env.ref(f"revisit_warranty.{ref}").id})
                    for ref in ("warranty_type_roof",)
                ],
            }
        )
        text = self._pdf_text(
            "revisit_warranty.revisit_warranty_report_certificate", warranty
        )
        self.assertPrinted(
            text, ("王立新", "三号楼", "保修期限", "工程类型", "2030", "2035")
        )
