from collections import defaultdict

from odoo import models

from ..models.revisit_visit import OPEN_STATES


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_foreign_keys(self, src_partners, dst_partner):
        self._revisit_release_periods(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)

    def _revisit_release_periods(self, src_partners, dst_partner):
        """Let the merge move every visit to the kept contact.

        The merge re-points visits in SQL; the unique index on (customer,
        periodic rule, period) would refuse two periodic visits of the same
        period on one customer. Of each such pair the merged customer keeps one
        periodic visit (a made one before an open one, the kept contact's before
        the other's); the others leave the period, open ones are cancelled, and
        all of them stay in the customer's history. Sudo: the visits of both
        contacts must move, whoever may read them.
        """
        visits = (
            self.env["revisit.visit"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "in", (src_partners | dst_partner).ids),
                    ("period_start", "!=", False),
                ],
                order="id",
            )
        )
        by_period = defaultdict(lambda: visits.browse())
        for visit in visits:
            by_period[visit.rule_id, visit.period_start] |= visit
        for (_rule, period_start), group in by_period.items():
            if len(group) < 2:
                continue
            kept = group.sorted(
                lambda v: (v.state in OPEN_STATES, v.partner_id != dst_partner, v.id)
            )[0]
            released = group - kept
            released.filtered(lambda v: v.state in OPEN_STATES).action_cancel()
            released.write({"period_start": False})
            for visit in released:
                visit.message_post(
                    body=self.env._(
                        "Contacts merged: %(kept)s is the periodic visit of %(date)s; "
                        "this one is kept in the history only.",
                        kept=kept.display_name,
                        date=period_start,
                    )
                )
