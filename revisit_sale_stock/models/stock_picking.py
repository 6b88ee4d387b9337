from dateutil.relativedelta import relativedelta

from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        res = super()._action_done()
        self._revisit_create_delivery_events()
        return res

    def _revisit_customer(self):
        """The customer revisited: the order's customer, else the delivery's."""
        self.ensure_one()
        partner = self.sale_id.partner_id or self.partner_id
        return partner.commercial_partner_id

    def _revisit_delivery_visits_warranty_end(self, done, warranty_end):
        """Whether a step of the company's delivery rules already visits the
        customer at warranty end (the default rule's year step): then no
        separate `warranty_end` event doubles that visit."""
        self.ensure_one()
        days = (warranty_end - done).days
        steps = (
            self.env["revisit.rule"]
            .sudo()
            .search(
                [("trigger", "=", "delivery"), ("company_id", "=", self.company_id.id)]
            )
            .step_ids
        )
        return any(
            step.offset_days <= days <= step.offset_days + step.window_days
            for step in steps
        )

    def _revisit_create_delivery_events(self):
        """A customer delivery done: a `delivery` event, and a `warranty_end`
        event at the end of the longest warranty of the products delivered
        unless the delivery rule visits then already.

        Sudo: warehouse users validate deliveries without any revisit right.
        """
        deliveries = self.filtered(
            lambda p: (
                p.state == "done"
                and p.picking_type_code == "outgoing"
                and p.partner_id
                and p.location_dest_id.usage == "customer"
            )
        )
        vals_list = []
        for picking in deliveries:
            customer = picking._revisit_customer()
            done = picking.company_id._revisit_date_of(picking.date_done)
            values = {
                "partner_id": customer.id,
                "reference": picking.origin or picking.name,
                "res_model": picking._name,
                "res_id": picking.id,
                "company_id": picking.company_id.id,
            }
            vals_list.append(dict(values, trigger="delivery", date=done))
            delivered = picking.move_ids.filtered(lambda m: m.quantity > 0)
            months = max(
                delivered.product_id.product_tmpl_id.mapped("revisit_warranty_months")
                or [0]
            )
            if months and not picking._revisit_delivery_visits_warranty_end(
                done, done + relativedelta(months=months)
            ):
                vals_list.append(
                    dict(
                        values,
                        trigger="warranty_end",
                        date=done + relativedelta(months=months),
                    )
                )
        if vals_list:
            self.env["revisit.event"].sudo().create(vals_list)
