from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .input_check import with_context_defaults

MATERIAL_STATES = [
    ("out", "Handed Out"),
    ("returned", "Returned"),
    ("kept", "Kept (Approved)"),
]
# changed by the buttons only: returning is evidence, keeping needs approval
MATERIAL_WORKFLOW_FIELDS = (
    "state",
    "return_date",
    "approver_id",
    "approval_date",
    "return_declared_date",
    "receiver_id",
)
SUPERVISOR_GROUP = "revisit_management.group_revisit_supervisor"


class RevisitVisitMaterial(models.Model):
    """Material handed out to the revisit staff for a visit (documents, samples,
    gifts, equipment): returned to the company after the visit, or kept with a
    supervisor's approval."""

    _name = "revisit.visit.material"
    _description = "Revisit Material"
    _inherit = ["revisit.workflow.mixin"]
    _order = "visit_id, id"
    _workflow_fields = MATERIAL_WORKFLOW_FIELDS
    _workflow_birth_states = ("out",)
    # returned or kept material is a record
    _workflow_frozen_fields = {"returned": ("__all__",), "kept": ("__all__",)}
    _workflow_kept_states = ("returned", "kept")

    visit_id = fields.Many2one(
        "revisit.visit", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Material", required=True)
    quantity = fields.Float(default=1.0, digits=(16, 2))
    state = fields.Selection(
        MATERIAL_STATES, default="out", required=True, readonly=True, copy=False
    )
    return_declared_date = fields.Date(
        string="Return Declared On",
        readonly=True,
        copy=False,
        help="The day the staff member said the material was returned; it is "
        "returned once a supervisor confirms the receipt.",
    )
    return_date = fields.Date(readonly=True, copy=False)
    receiver_id = fields.Many2one(
        "res.users", string="Received By", readonly=True, copy=False
    )
    approver_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False
    )
    approval_date = fields.Datetime(readonly=True, copy=False)
    note = fields.Char()
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_quantity(with_context_defaults(self, vals_list))
        materials = super().create(vals_list)
        # handed out for a visit one may work on
        materials.visit_id.check_access("write")
        return materials

    def write(self, vals):
        self._check_quantity([vals])
        res = super().write(vals)
        self.visit_id.check_access("write")
        return res

    def _check_quantity(self, vals_list):
        if self.env.su:
            return
        for vals in vals_list:
            quantity = vals.get("quantity", 1.0)
            if isinstance(quantity, int | float) and quantity <= 0:
                raise UserError(
                    self.env._("The quantity of material handed out must be positive.")
                )

    def _workflow_raise(self, names):
        raise UserError(
            self.env._(
                "Material is returned, or its keeping approved, with its buttons."
            )
        )

    def _workflow_raise_frozen(self, names):
        raise UserError(
            self.env._("Returned or kept material is a record: it cannot change.")
        )

    def _workflow_raise_kept(self):
        raise UserError(self.env._("Returned or kept material is a record: it stays."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_out_after_visit(self):
        """R062 (及时将回访的相关资料归还给公司): once the visit is over,
        material still out is returned or its keeping approved, not deleted."""
        if self.env.su:
            return
        if any(
            material.state == "out"
            and material.sudo().visit_id.state not in ("todo", "appointed")
            for material in self
        ):
            raise UserError(
                self.env._(
                    "Material still handed out after its visit is returned, or "
                    "a supervisor approves keeping it: it cannot be deleted."
                )
            )

    def _check_out(self):
        self.visit_id.check_access("write")
        for material in self:
            if material.state != "out":
                raise UserError(
                    self.env._(
                        "%(material)s is already returned or kept.",
                        material=material.name,
                    )
                )

    def action_return(self):
        """The staff member says the material came back to the company: a
        supervisor confirms the receipt (R062: the return is not only
        self-declared), told by an activity when the visit's department has a
        head."""
        self._check_out()
        for material in self.sudo():
            if material.return_declared_date:
                continue
            today = material.company_id._revisit_today()
            material.write({"return_declared_date": today})
            head = material.visit_id.department_id.manager_id.user_id
            if head and head != material.visit_id.user_id:
                lang = material.company_id._revisit_lang()
                material.visit_id.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=material.with_context(lang=lang).env._(
                        "Confirm the receipt of the returned material: %(material)s",
                        material=material.name,
                    ),
                    user_id=head.id,
                )
        return True

    def _check_not_own(self, message):
        """Four eyes: a supervisor decides on the material of others' visits
        only (``message(name)``: the error naming the material)."""
        own = self.filtered(lambda m: m.sudo().visit_id.user_id == self.env.user)
        if own:
            raise UserError(message(own[0].name))

    def action_confirm_receipt(self):
        """A supervisor, not the visit's assignee, confirms the material is
        back with the company: it is returned."""
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._(
                    "Only a supervisor confirms the receipt of revisit material."
                )
            )
        self._check_not_own(
            lambda material: self.env._(
                "Nobody confirms the receipt of the material of their own "
                "visit: %(material)s is yours, another supervisor confirms it.",
                material=material,
            )
        )
        self._check_out()
        for material in self.sudo():
            material.write(
                {
                    "state": "returned",
                    "return_date": material.company_id._revisit_today(),
                    "receiver_id": self.env.uid,
                }
            )
        return True

    def action_approve_keep(self):
        """A supervisor lets the material stay out (e.g. left with the customer)."""
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._("Only a supervisor approves keeping revisit material.")
            )
        self._check_out()
        self._check_not_own(
            lambda material: self.env._(
                "Nobody approves keeping the material of their own visit: "
                "%(material)s is yours, another supervisor approves it.",
                material=material,
            )
        )
        self.sudo().write(
            {
                "state": "kept",
                "approver_id": self.env.uid,
                "approval_date": fields.Datetime.now(),
            }
        )
        return True
