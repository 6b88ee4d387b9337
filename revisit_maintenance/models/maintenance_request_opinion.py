from odoo import api, fields, models
from odoo.exceptions import UserError


class MaintenanceRequestOpinion(models.Model):
    """A department manager's opinion on a repair plan and its budget (seed 001,
    设备回访管理制度 3.5: 报告给相关部门的经理,征求意见和建议)."""

    _name = "maintenance.request.opinion"
    _description = "Repair Plan Opinion"
    _order = "request_id, id"

    request_id = fields.Many2one(
        "maintenance.request", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    agree = fields.Boolean(string="Agrees", default=True)
    opinion = fields.Text(required=True)
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals["user_id"] = self.env.uid
        opinions = super().create(vals_list)
        opinions._check_consulting()
        return opinions

    def write(self, vals):
        if not self.env.su and (
            "user_id" in vals or self.filtered(lambda o: o.user_id != self.env.user)
        ):
            raise UserError(self.env._("Only its author changes an opinion."))
        self._check_consulting()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        self._check_consulting()

    def _check_consulting(self):
        if self.env.su:
            return
        if self.request_id.filtered(lambda r: r.repair_state != "consulting"):
            raise UserError(
                self.env._(
                    "Opinions are given while the repair plan is submitted to the "
                    "managers."
                )
            )
