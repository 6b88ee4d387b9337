from odoo import api, fields, models


class RevisitTier(models.Model):
    """Customer value tier: how often a customer of this tier must be revisited."""

    _name = "revisit.tier"
    _description = "Customer Value Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    interval_months = fields.Integer(
        string="Revisit Every (Months)",
        required=True,
        default=12,
        help="Minimum revisit frequency for customers of this tier.",
    )
    visit_priority = fields.Selection(
        [("0", "Normal"), ("1", "High"), ("2", "Urgent")],
        default="0",
        required=True,
        help="Priority of the visits of this tier's customers (big customers "
        "first); key customers' visits are urgent.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    _interval_positive = models.Constraint(
        "CHECK(interval_months > 0)",
        "The revisit interval of a tier must be at least one month.",
    )

    @api.depends("name", "interval_months")
    def _compute_display_name(self):
        for tier in self:
            tier.display_name = self.env._(
                "%(name)s (every %(months)s months)",
                name=tier.name,
                months=tier.interval_months,
            )
