from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MONTH_START, RevisitAppraisalCommon


@tagged("post_install", "-at_install")
class TestAccess(RevisitAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.env["revisit.appraisal"].create(
            {"employee_id": cls.employee.id, "date_from": MONTH_START}
        )
        cls.colleague = cls.env["revisit.appraisal"].create(
            {"employee_id": cls.employee2.id, "date_from": MONTH_START}
        )
        cls.outside = cls.env["revisit.appraisal"].create(
            {"employee_id": cls.outsider.id, "date_from": MONTH_START}
        )

    def _visible(self, user):
        return self.Appraisal.with_user(user).search(
            [("id", "in", (self.mine | self.colleague | self.outside).ids)]
        )

    def test_employee_reads_own_appraisal_only(self):
        appraisal = self._appraise(self.employee, MONTH_START.replace(month=6), 95)
        appraisal.action_confirm()
        self.assertEqual(self._visible(self.employee_user), self.mine)
        as_employee = appraisal.with_user(self.employee_user)
        self.assertEqual(as_employee.grade, "A")
        self.assertEqual(as_employee.reward_line_ids.kind, "bonus")
        with self.assertRaises(AccessError):
            self.mine.with_user(self.employee_user).write({"note": "mine"})
        with self.assertRaises(AccessError):
            as_employee.reward_line_ids.read(["amount"])
        with self.assertRaises(AccessError):
            as_employee.read(["bonus_amount"])
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.employee_user).read(["score"])
        with self.assertRaises(AccessError):
            self.SpotCheck.with_user(self.employee_user).create(
                {
                    "employee_id": self.employee.id,
                    "criterion_id": self.criteria["process"].id,
                    "score": 100,
                }
            )

    def test_supervisor_sees_the_team_and_checks_it(self):
        self.assertEqual(
            self._visible(self.supervisor_user), self.mine | self.colleague
        )
        check = self.SpotCheck.with_user(self.supervisor_user).create(
            {
                "employee_id": self.employee.id,
                "criterion_id": self.criteria["process"].id,
                "score": 88,
            }
        )
        self.assertEqual(check.checker_id, self.supervisor_user)
        self.mine.with_user(self.supervisor_user).action_compute()
        self.mine.with_user(self.supervisor_user).action_review()
        self.assertEqual(self.mine.state, "reviewed")
        with self.assertRaises(AccessError):
            self.mine.with_user(self.supervisor_user).action_confirm()
        with self.assertRaises(AccessError):
            self.outside.with_user(self.supervisor_user).read(["score"])
        with self.assertRaises(AccessError):
            self.mine.reward_line_ids.with_user(self.supervisor_user).read(["amount"])
        with self.assertRaises(AccessError):
            self.Appraisal.with_user(self.supervisor_user).create(
                {
                    "employee_id": self.employee.id,
                    "date_from": MONTH_START.replace(month=7),
                }
            )

    def test_hr_sees_all_and_the_money(self):
        self.assertEqual(
            self._visible(self.hr_user), self.mine | self.colleague | self.outside
        )
        appraisal = self._appraise(self.employee, MONTH_START.replace(month=6), 95)
        appraisal.with_user(self.hr_user).action_confirm()
        self.assertEqual(
            appraisal.with_user(self.hr_user).reward_line_ids.amount, 500.0
        )

    def test_other_company_is_hidden(self):
        company2 = self.env["res.company"].create({"name": "Other Clinic"})
        employee = self.env["hr.employee"].create(
            {"name": "Far agent", "company_id": company2.id}
        )
        appraisal = self.Appraisal.create(
            {
                "employee_id": employee.id,
                "date_from": MONTH_START,
                "company_id": company2.id,
            }
        )
        self.hr_user.write({"company_ids": [(4, self.company.id)]})
        self.assertEqual(
            len(
                self.env["revisit.appraisal.criterion"].search(
                    [("company_id", "=", company2.id)]
                )
            ),
            6,
        )
        self.assertFalse(
            self.Appraisal.with_user(self.hr_user).search([("id", "=", appraisal.id)])
        )
        self.assertFalse(
            self.env["revisit.appraisal.criterion"]
            .with_user(self.hr_user)
            .search([("company_id", "=", company2.id)])
        )
