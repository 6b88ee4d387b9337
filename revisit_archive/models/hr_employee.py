from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    revisit_agreement_date = fields.Date(
        string="Confidentiality Agreement Signed",
        groups="hr.group_hr_user",
        help="Date the employee signed the confidentiality agreement on customer "
        "information.",
    )
    revisit_agreement_file = fields.Binary(
        string="Signed Agreement", attachment=True, groups="hr.group_hr_user"
    )
    revisit_agreement_filename = fields.Char(groups="hr.group_hr_user")
    revisit_staff = fields.Boolean(
        compute="_compute_revisit_staff",
        search="_search_revisit_staff",
        groups="hr.group_hr_user",
    )

    @api.depends("user_id")
    def _compute_revisit_staff(self):
        group = self.env.ref("revisit_management.group_revisit_user")
        for employee in self:
            employee.revisit_staff = group in employee.user_id.all_group_ids

    def _search_revisit_staff(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        group = self.env.ref("revisit_management.group_revisit_user")
        positive = (True in value) == (operator == "in")
        return [("user_id", "in" if positive else "not in", group.all_user_ids.ids)]
