from odoo import api, fields, models
from odoo.exceptions import UserError

WARRANTY_STATES = [("draft", "Draft"), ("issued", "Issued"), ("cancel", "Cancelled")]


class RevisitWarranty(models.Model):
    """A warranty certificate (保修证书) handed to the owner of accepted work.

    It holds what the construction warranty seed lists: the project's outline,
    the requirements for using the building, the scope and content of the
    warranty, its periods by type of work, the warranty instructions and the
    record of warranty repairs. Issuing it plans a revisit before the warranty
    of each type of work ends.
    """

    _name = "revisit.warranty"
    _description = "Warranty Certificate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "acceptance_date desc, id desc"

    name = fields.Char(
        string="Certificate Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    project_name = fields.Char(string="Project", required=True, tracking=True)
    project_outline = fields.Text(help="工程简况: what was built, where, by whom.")
    use_requirements = fields.Text(
        string="Use and Management Requirements",
        help="房屋使用管理要求: how the owner must use and look after the work.",
    )
    scope = fields.Text(
        string="Scope and Content",
        help="保修范围和内容: what the warranty covers. Damage from misuse and work "
        "not done by the company are not covered.",
    )
    instructions = fields.Text(
        string="Warranty Instructions",
        help="保修说明: how to report a defect, and the contact department and person.",
    )
    acceptance_date = fields.Date(
        required=True,
        tracking=True,
        help="The day of completion acceptance (竣工验收). Warranties start the day "
        "after.",
    )
    line_ids = fields.One2many(
        "revisit.warranty.line", "warranty_id", string="Warranty Periods", copy=True
    )
    repair_ids = fields.One2many(
        "revisit.warranty.repair", "warranty_id", string="Repair Record"
    )
    repair_count = fields.Integer(compute="_compute_repair_count")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        help="Makes the warranty revisits.",
    )
    contact_department = fields.Char(help="The department owners call for repairs.")
    contact_person = fields.Char()
    contact_phone = fields.Char()
    state = fields.Selection(
        WARRANTY_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    issue_date = fields.Date(readonly=True, copy=False)
    visit_ids = fields.One2many("revisit.visit", "warranty_id", string="Revisits")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("repair_ids")
    def _compute_repair_count(self):
        for warranty in self:
            warranty.repair_count = len(warranty.repair_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "revisit.warranty"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if {"state", "issue_date"} & set(vals) and not self.env.su:
            raise UserError(
                self.env._("A certificate is issued or cancelled with its buttons.")
            )
        frozen = {"acceptance_date", "partner_id", "company_id"} & set(vals)
        if frozen and not self.env.su and self.filtered(lambda w: w.state != "draft"):
            raise UserError(
                self.env._(
                    "An issued certificate keeps its owner and acceptance date: "
                    "cancel it and issue a new one."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if self.filtered(lambda w: w.state == "issued"):
            raise UserError(
                self.env._("An issued warranty certificate cannot be deleted.")
            )

    def action_issue(self):
        """Issue the certificate and plan a revisit before each warranty ends."""
        self.check_access("write")
        for warranty in self:
            if warranty.state != "draft":
                raise UserError(
                    self.env._(
                        "Certificate %(name)s is already issued or cancelled.",
                        name=warranty.name,
                    )
                )
            if not warranty.line_ids:
                raise UserError(
                    self.env._(
                        "Add the warranty periods by type of work to %(name)s "
                        "before issuing it.",
                        name=warranty.name,
                    )
                )
        for warranty in self:
            # sudo: the workflow fields, on certificates one may write (above)
            warranty.sudo().write(
                {
                    "state": "issued",
                    "issue_date": warranty.company_id._revisit_today(),
                }
            )
            warranty.line_ids._plan_revisit()
        return True

    def action_cancel(self):
        self.check_access("write")
        for warranty in self:
            open_visits = warranty.visit_ids.filtered(
                lambda v: v.state in ("todo", "appointed")
            )
            open_visits.action_cancel()
        # sudo: the workflow field, on certificates one may write (above)
        self.sudo().write({"state": "cancel"})
        return True

    def action_view_repairs(self):
        self.ensure_one()
        name = self.env._("Repair Record")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "revisit.warranty.repair",
            "view_mode": "list,form",
            "domain": [("warranty_id", "=", self.id)],
            "context": {"default_warranty_id": self.id},
        }
