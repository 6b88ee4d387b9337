from odoo import fields, models


class RevisitProblemCategory(models.Model):
    """Kind of problem a customer raises on a visit (product quality, service
    attitude, price...): the customers' problems are summarised by category."""

    _name = "revisit.problem.category"
    _description = "Customer Problem Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    color = fields.Integer()
