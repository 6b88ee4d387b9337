from odoo import api, models
from odoo.exceptions import UserError


class RevisitVisit(models.Model):
    _inherit = "revisit.visit"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        """R117 (在呈报客户回访中心主任、行政部经理、总经理分别核准后,方可销毁):
        an unreachable or cancelled visit is in the archive as a completed one
        is; it goes only through an approved destruction."""
        if self.env.su:
            return
        if any(visit.state in ("unreachable", "cancelled") for visit in self):
            raise UserError(
                self.env._(
                    "A closed visit is an archive record: it is destroyed only "
                    "after the approvals of an archive destruction."
                )
            )
