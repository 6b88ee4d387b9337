from odoo.tests import tagged

from .common import MONTH_START, RevisitAppraisalCommon


@tagged("post_install", "-at_install")
class TestGrade(RevisitAppraisalCommon):
    def test_grade_boundaries(self):
        """第4条: A > 90, B > 80 up to 90, ..., E 60 and below, to the hundredth."""
        expected = {
            100.0: "A",
            90.01: "A",
            90.0: "B",
            89.99: "B",
            80.01: "B",
            80.0: "C",
            70.01: "C",
            70.0: "D",
            60.01: "D",
            60.0: "E",
            59.99: "E",
            0.0: "E",
        }
        for score, grade in expected.items():
            with self.subTest(score=score):
                self.assertEqual(self.Appraisal._grade_for_score(score), grade)

    def test_grade_boundaries_computed_from_checks(self):
        """The computed total lands exactly on each boundary and is graded by it."""
        process = self._check(self.employee, "process", 0)
        content = self._check(self.employee, "content", 0)
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        for score, grade in (
            (90.01, "A"),
            (90.0, "B"),
            (80.01, "B"),
            (80.0, "C"),
            (70.01, "C"),
            (70.0, "D"),
            (60.01, "D"),
            (60.0, "E"),
        ):
            with self.subTest(score=score):
                (process | content).write({"score": score})
                appraisal.action_compute()
                self.assertEqual(appraisal.score, score)
                self.assertEqual(appraisal.grade, grade)

    def test_spot_checks_are_averaged(self):
        """Two process checks (85, 95.02) average 90.01: with content 90.01, A."""
        self._check(self.employee, "process", 85.0)
        self._check(self.employee, "process", 95.02, day=20)
        self._check(self.employee, "content", 90.01)
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        process_line = appraisal.line_ids.filtered(
            lambda line: line.criterion_id.code == "process"
        )
        self.assertEqual(process_line.score, 90.01)
        self.assertEqual(appraisal.score, 90.01)
        self.assertEqual(appraisal.grade, "A")
