from odoo import fields, models


class RevisitArea(models.Model):
    """An area of responsibility (a residential zone, a district): its customers
    are visited by the area's assistants."""

    _name = "revisit.area"
    _description = "Revisit Area"
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    user_ids = fields.Many2many(
        "res.users",
        string="Assistants",
        help="Staff visiting the area's customers: each visit of a customer "
        "without a revisit owner goes to the least loaded of them.",
    )
    partner_ids = fields.One2many("res.partner", "revisit_area_id", string="Customers")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
