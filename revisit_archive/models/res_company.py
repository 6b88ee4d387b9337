from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    revisit_archive_inspections = fields.Integer(
        string="Archive Inspections per Year",
        default=2,
        help="Archive inspections planned each year (at least 2).",
    )
    revisit_verify_months = fields.Integer(
        string="Customer File Verification (Months)",
        default=1,
        help="Each customer file is verified again at least this often.",
    )

    def _revisit_archive_custodian(self):
        """The custodian who gets this company's archive tasks: the first user
        of the custodian group working in the company."""
        self.ensure_one()
        group = self.env.ref("revisit_archive.group_revisit_archive_custodian")
        return (
            group.sudo()
            .all_user_ids.filtered(lambda u: self in u.company_ids and not u.share)
            .sorted("id")[:1]
        )
