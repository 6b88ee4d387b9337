from odoo import fields, models


class RevisitStatisticsGrantedMixin(models.AbstractModel):
    """The rows of a statistics view that an approved statistics request opens
    to its requester (R116): the one field the confidentiality domains of the
    visit and problem analyses read."""

    _name = "revisit.statistics.granted.mixin"
    _description = "Rows Opened by a Statistics Request"

    revisit_statistics_granted = fields.Boolean(
        string="Opened by a Statistics Request",
        compute="_compute_revisit_statistics_granted",
        search="_search_revisit_statistics_granted",
        help="Rows an approved statistics request opens to its requester for "
        "its days (R116).",
    )

    def _compute_revisit_statistics_granted(self):
        granted = self.search_fetch(
            self.env["revisit.archive.request"]._granted_statistics_domain()
            & fields.Domain("id", "in", self.ids),
            [],
        )
        for row in self:
            row.revisit_statistics_granted = row in granted

    def _search_revisit_statistics_granted(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = self.env["revisit.archive.request"]._granted_statistics_domain()
        return domain if (True in value) == (operator == "in") else ~domain
