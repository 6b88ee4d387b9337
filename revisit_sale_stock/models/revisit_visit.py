from odoo import api, fields, models


class RevisitVisit(models.Model):
    """The deal a visit is about, for the revisit list (客户回访制度范例 五.1:
    客户姓名、联系方式、成交时间、购买产品)."""

    _inherit = "revisit.visit"

    deal_date = fields.Date(
        compute="_compute_deal",
        help="Date of the sale order the visit is about: the order of its event's "
        "delivery or sale, else the customer's last confirmed order before the "
        "visit.",
    )
    purchased_products = fields.Char(
        compute="_compute_deal", help="Products of that sale order."
    )

    @api.depends("event_id", "partner_id", "scheduled_date")
    def _compute_deal(self):
        """Sudo: revisit staff have no sales rights, and the order is only
        summed up for the customer they may already read."""
        orders = self.sudo()._revisit_deal_orders()
        for visit in self:
            order = orders.get(visit.id)
            visit.deal_date = order and order.company_id._revisit_date_of(
                order.date_order
            )
            visit.purchased_products = order and ", ".join(
                dict.fromkeys(
                    order.order_line.filtered(
                        lambda line: line.product_id and not line.display_type
                    ).product_id.mapped("display_name")
                )
            )

    def _revisit_deal_orders(self):
        """{visit id: sale order} for the visits that have one."""
        result = {}
        rest = self.browse()
        for visit in self:
            event = visit.event_id
            source = (
                event.res_model
                and event.res_id
                and self.env[event.res_model].browse(event.res_id).exists()
            )
            order = False
            if source and source._name == "sale.order":
                order = source
            elif source and source._name == "stock.picking":
                order = source.sale_id
            if order and order.state == "sale":
                result[visit.id] = order
            else:
                rest |= visit
        if not rest:
            return result
        customers = rest.partner_id.commercial_partner_id
        orders = self.env["sale.order"].search(
            [
                ("partner_id", "child_of", customers.ids),
                ("state", "=", "sale"),
            ],
            order="date_order desc, id desc",
        )
        for visit in rest:
            customer = visit.partner_id.commercial_partner_id
            for order in orders:
                if (
                    order.partner_id.commercial_partner_id == customer
                    and order.company_id == visit.company_id
                    and (
                        not visit.scheduled_date
                        or order.company_id._revisit_date_of(order.date_order)
                        <= visit.scheduled_date
                    )
                ):
                    result[visit.id] = order
                    break
        return result
