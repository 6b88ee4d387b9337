from odoo import api, fields, models
from odoo.exceptions import UserError

REOPENABLE = (
    "revisit.appraisal",
    "revisit.appraisal.quarter",
    "revisit.appraisal.year",
)


class RevisitAppraisalReopen(models.TransientModel):
    """The reason HR gives to reopen confirmed appraisals for correction: it
    is logged in their chatter."""

    _name = "revisit.appraisal.reopen"
    _description = "Reopen Revisit Appraisals for Correction"

    reason = fields.Text(required=True)
    res_model = fields.Char(
        string="Model",
        default=lambda self: self.env.context.get("active_model"),
        readonly=True,
    )
    res_ids = fields.Json(
        string="Records",
        default=lambda self: self.env.context.get("active_ids"),
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            model = vals.get("res_model", self.env.context.get("active_model"))
            if model not in REOPENABLE:
                raise UserError(self.env._("Only appraisals are reopened here."))
        return super().create(vals_list)

    def action_reopen(self):
        self.ensure_one()
        ids = self.res_ids if isinstance(self.res_ids, list) else []
        if not ids or not all(isinstance(i, int) for i in ids):
            raise UserError(self.env._("Choose the appraisals to reopen."))
        records = self.env[self.res_model].browse(ids)
        records.check_access("write")
        records.action_reopen(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
