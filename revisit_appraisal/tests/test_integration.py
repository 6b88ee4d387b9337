from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestIntegration(TransactionCase):
    """The appraisal's fields follow the rules of the apps they extend."""

    def test_performance_pay_is_a_pay_field_of_hr(self):
        """hr's TestPayrollFieldsAccess: employee pay fields are for HR managers."""
        field = self.env["hr.employee"]._fields["revisit_performance_pay"]
        self.assertIn("hr.group_hr_manager", field.groups.split(","))
        employee = self.env["hr.employee"].create({"name": "Pay Holder"})
        employee.revisit_performance_pay = 1500.0
        officer = new_test_user(
            self.env, login="pay_officer", groups="hr.group_hr_user"
        )
        hr_manager = new_test_user(
            self.env, login="pay_manager", groups="hr.group_hr_manager"
        )
        self.assertFalse(
            "revisit_performance_pay"
            in employee.with_user(officer).fields_get(["revisit_performance_pay"])
        )
        self.assertEqual(employee.with_user(hr_manager).revisit_performance_pay, 1500.0)

    def test_settings_labels_do_not_clash(self):
        """A settings field may not take a label other apps use (account: Currency)."""
        fields = self.env["res.config.settings"]._fields
        self.assertNotEqual(
            fields["company_currency_id"]._description_string(self.env), "Currency"
        )
        ours = [
            field
            for field in fields.values()
            if field._module and field._module.startswith("revisit_")
        ]
        self.assertTrue(ours)
        for field in ours:
            label = field._description_string(self.env)
            clashes = [
                other.name
                for other in fields.values()
                if other is not field and other._description_string(self.env) == label
            ]
            self.assertFalse(clashes, f"{field.name}: {label}")
