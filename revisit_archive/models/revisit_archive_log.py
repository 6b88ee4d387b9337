from odoo import api, fields, models
from odoo.exceptions import AccessError

CUSTODIAN_GROUP = "revisit_archive.group_revisit_archive_custodian"


class RevisitArchiveLog(models.Model):
    """The archive register (档案变更登记): every change to a customer file,
    its verification, an access granted or a destruction, for the custodian to
    tidy at once."""

    _name = "revisit.archive.log"
    _description = "Archive Register Entry"
    _order = "date desc, id desc"

    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, ondelete="set null"
    )
    user_id = fields.Many2one(
        "res.users", string="Changed By", default=lambda self: self.env.user
    )
    kind = fields.Selection(
        [
            ("change", "Change"),
            ("verify", "Verification"),
            ("access", "Access Granted"),
            ("destroy", "Destruction"),
        ],
        required=True,
        default="change",
    )
    description = fields.Char(required=True)
    state = fields.Selection(
        [("to_tidy", "To Tidy"), ("tidied", "Tidied")],
        default="to_tidy",
        required=True,
        index=True,
    )
    tidied_by_id = fields.Many2one("res.users", readonly=True)
    tidied_date = fields.Datetime(readonly=True)
    note = fields.Text(help="What the custodian did about the change.")

    @api.model
    def _log(self, partners, kind, description):
        """Write one entry per customer (their commercial entity)."""
        return self.sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": (partner.company_id or self.env.company).id,
                    "kind": kind,
                    "description": description,
                    "user_id": self.env.uid,
                }
                for partner in partners.commercial_partner_id
            ]
        )

    def action_tidy(self):
        if not self.env.user.has_group(CUSTODIAN_GROUP):
            raise AccessError(
                self.env._("Only the archive custodian tidies the register.")
            )
        self.filtered(lambda e: e.state == "to_tidy").write(
            {
                "state": "tidied",
                "tidied_by_id": self.env.uid,
                "tidied_date": fields.Datetime.now(),
            }
        )
        return True
