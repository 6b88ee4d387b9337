from odoo import models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    def action_repair_done(self):
        res = super().action_repair_done()
        self._revisit_create_repair_events()
        return res

    def _revisit_create_repair_events(self):
        """A repaired customer's product: a `repair` event (sampled by its rule).

        Sudo: technicians end repairs without any revisit right.
        """
        vals_list = [
            {
                "partner_id": repair.partner_id.commercial_partner_id.id,
                "trigger": "repair",
                "date": repair.company_id._revisit_today(),
                "reference": repair.name,
                "res_model": repair._name,
                "res_id": repair.id,
                "company_id": repair.company_id.id,
            }
            for repair in self
            if repair.state == "done" and repair.partner_id
        ]
        if vals_list:
            self.env["revisit.event"].sudo().create(vals_list)
