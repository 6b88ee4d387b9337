from odoo.addons.revisit_management.tests.common import demo_ref
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    def test_demo_month_yields_every_grade(self):
        demo_ref(self, "revisit_appraisal.hr_employee_alice_demo")
        grades = {}
        for key in ("alice", "bob", "carol", "dave", "erin"):
            employee = self.env.ref(f"revisit_appraisal.hr_employee_{key}_demo")
            appraisal = self.env["revisit.appraisal"].search(
                [("employee_id", "=", employee.id)]
            )
            grades[key] = appraisal.grade
        self.assertEqual(
            grades,
            {"alice": "A", "bob": "B", "carol": "C", "dave": "D", "erin": "E"},
        )
