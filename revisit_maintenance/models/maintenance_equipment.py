from odoo import fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    customer_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="The customer the equipment is installed at or serviced for: its "
        "maintenance requests are revisited with this customer (its company for a "
        "contact person).",
    )
