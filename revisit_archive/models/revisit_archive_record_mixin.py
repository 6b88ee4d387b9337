from odoo import api, fields, models
from odoo.exceptions import UserError


class RevisitArchiveRecordMixin(models.AbstractModel):
    """A request of the archive's approval workflows (access requests,
    destructions): numbered by its own sequence (code: the model's name) when
    created, changed only while a draft, then by its buttons."""

    _name = "revisit.archive.record.mixin"
    _description = "Archive Approval Record"
    _inherit = [
        "revisit.company.lang.mixin",
        "revisit.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default=lambda self: "/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(self._name)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(r.state != "draft" for r in self):
            raise UserError(self._draft_only_message())
        return super().write(vals)

    def _draft_only_message(self):
        raise NotImplementedError
