from odoo import fields, models

from .revisit_rule import TRIGGERS


class RevisitEvent(models.Model):
    """Something that happened to a customer and may call for visits."""

    _name = "revisit.event"
    _description = "Revisit Event"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, check_company=True
    )
    trigger = fields.Selection(TRIGGERS, required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    reference = fields.Char(
        help="Document the event comes from, e.g. a surgery record."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    visit_ids = fields.One2many("revisit.visit", "event_id", string="Visits")
