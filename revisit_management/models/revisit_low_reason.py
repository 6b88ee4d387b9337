from odoo import fields, models


class RevisitLowReason(models.Model):
    """Why a customer scored low: asked on a low answer, counted per reason."""

    _name = "revisit.low.reason"
    _description = "Low Satisfaction Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "A reason code is unique.")
