import re

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPayrollDemoChinese(TransactionCase):
    def test_demo_structure_reads_chinese(self):
        """The demo staff's payslips name payroll's base structure in
        Chinese (a structure's name has no translations)."""
        employee = self.env.ref(
            "revisit_appraisal.hr_employee_alice_demo", raise_if_not_found=False
        )
        if not employee or not employee.struct_id:
            self.skipTest("payroll demo data not installed")
        self.assertEqual(employee.struct_id, self.env.ref("payroll.structure_base"))
        self.assertFalse(re.search("[A-Za-z]", employee.struct_id.name))
