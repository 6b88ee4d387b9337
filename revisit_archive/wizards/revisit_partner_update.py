from odoo import api, fields, models
from odoo.exceptions import AccessError

# the contact fields revisit staff keep up to date (002 2.8.3)
UPDATE_FIELDS = (
    "phone",
    "email",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
)


class RevisitPartnerUpdate(models.TransientModel):
    """Revisit staff update their customer's contact data without Odoo's
    contact rights, within what they may read of the file."""

    _name = "revisit.partner.update"
    _description = "Update Customer Contact Data"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    phone = fields.Char()
    email = fields.Char()
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one(
        "res.country.state",
        string="Province",
        domain="[('country_id', '=?', country_id)]",
    )
    country_id = fields.Many2one("res.country")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("partner_id"):
            values.update(self._partner_values(values["partner_id"], values))
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("partner_id"):
                vals.update(self._partner_values(vals["partner_id"], vals))
        return super().create(vals_list)

    @api.model
    def _partner_values(self, partner_id, given):
        """The customer's current contact data for the fields not given (none
        for a user who may not update the file)."""
        partner = self.env["res.partner"].browse(partner_id)
        if not partner._revisit_may_update_file():
            return {}
        values = {}
        for name in UPDATE_FIELDS:
            if name not in given:
                value = partner.sudo()[name]
                values[name] = (
                    value.id if isinstance(value, models.BaseModel) else value
                )
        return values

    def action_save(self):
        self.ensure_one()
        partner = self.partner_id
        if not partner._revisit_may_update_file():
            raise AccessError(
                self.env._("You may not update this customer's contact data.")
            )
        changes = {}
        for name in UPDATE_FIELDS:
            field = self._fields[name]
            new = field.convert_to_write(self[name], self)
            old = field.convert_to_write(partner.sudo()[name], partner)
            if (new or False) != (old or False):
                changes[name] = new
        if changes:
            # the user's contact rights are not needed: the file check above is
            partner.sudo().write(changes)
        return {"type": "ir.actions.act_window_close"}
