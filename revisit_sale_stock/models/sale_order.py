from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        res = super().action_confirm()
        self._revisit_create_new_customer_events()
        return res

    def _revisit_create_new_customer_events(self):
        """A customer's first confirmed order makes a new customer: revisit them.

        Sudo: salespeople confirm orders without any revisit right; the event
        only plans the visits its rule asks for.
        """
        orders = self.filtered(lambda o: o.state == "sale")
        if not orders:
            return
        Event = self.env["revisit.event"].sudo()
        customers = orders.partner_id.commercial_partner_id
        confirmed = dict(
            self.sudo()._read_group(
                [
                    ("partner_id", "child_of", customers.ids),
                    ("state", "=", "sale"),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        counts = {}
        for partner, count in confirmed.items():
            customer = partner.commercial_partner_id
            counts[customer] = counts.get(customer, 0) + count
        known = set(
            Event.search(
                [
                    ("trigger", "=", "new_customer"),
                    ("partner_id", "in", customers.ids),
                ]
            ).mapped("partner_id")
        )
        vals_list = []
        for order in orders.sorted("id"):
            customer = order.partner_id.commercial_partner_id
            mine = orders.filtered(
                lambda o, c=customer: o.partner_id.commercial_partner_id == c
            )
            if customer in known or counts.get(customer, 0) > len(mine):
                continue
            known.add(customer)
            vals_list.append(
                {
                    "partner_id": customer.id,
                    "trigger": "new_customer",
                    "date": order.company_id._revisit_date_of(order.date_order),
                    "reference": order.name,
                    "res_model": order._name,
                    "res_id": order.id,
                    "company_id": order.company_id.id,
                }
            )
        if vals_list:
            Event.create(vals_list)
