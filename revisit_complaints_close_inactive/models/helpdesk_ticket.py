from odoo import api, models
from odoo.fields import Domain


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _complaint_closable_domain(self):
        """Tickets that are no complaint, or complaints judged and answered."""
        filled = [
            (name, "!=", False)
            for name in (
                "responsible_department_id",
                "responsible_user_id",
                "cause_analysis",
                "corrective_action",
            )
        ]
        return Domain.OR(
            [
                Domain("is_complaint", "=", False),
                Domain("complaint_validity", "=", "invalid")
                & Domain("invalid_reason", "!=", False),
                Domain.AND(
                    [
                        Domain("complaint_validity", "=", "valid"),
                        *(Domain(*leaf) for leaf in filled),
                        Domain("complaint_reply", "!=", False)
                        | (
                            Domain("is_anonymous", "=", False)
                            & Domain("reply_only", "=", False)
                        ),
                    ]
                ),
            ]
        )

    @api.model
    def _search(self, domain, *args, **kwargs):
        # The inactive-ticket closing job neither warns nor closes a complaint
        # that cannot close yet (revisit_complaints refuses to close it).
        if self.env.context.get("revisit_closable_only"):
            domain = Domain(domain) & self._complaint_closable_domain()
        return super()._search(domain, *args, **kwargs)
