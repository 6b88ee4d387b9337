from odoo import api, fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    customer_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="The customer the equipment is installed at or serviced for: its "
        "maintenance requests are revisited with this customer (its company for a "
        "contact person), and the customer is revisited every month (the "
        "Equipment Customers tier) unless they have a tier already.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        equipments = super().create(vals_list)
        equipments._revisit_set_equipment_tier()
        return equipments

    def write(self, vals):
        res = super().write(vals)
        if vals.get("customer_id"):
            self._revisit_set_equipment_tier()
        return res

    def _revisit_set_equipment_tier(self):
        """Equipment customers are revisited monthly: they get the equipment
        tier when they have no value tier yet. Sudo: maintenance users change
        no revisit data otherwise."""
        tier = self.env.ref(
            "revisit_maintenance.revisit_tier_equipment", raise_if_not_found=False
        )
        if not tier or not tier.active:
            return
        customers = self.customer_id.commercial_partner_id.sudo().filtered(
            lambda p: p.active and not p.revisit_tier_id
        )
        if customers:
            customers.revisit_tier_id = tier
