from odoo import api, fields, models


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    customer_id = fields.Many2one(
        "res.partner",
        compute="_compute_customer_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="Revisited when the request is done; taken from the equipment.",
    )

    @api.depends("equipment_id")
    def _compute_customer_id(self):
        for request in self:
            if request.equipment_id.customer_id:
                request.customer_id = request.equipment_id.customer_id

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._revisit_create_repair_events()
        return requests

    def write(self, vals):
        res = super().write(vals)
        if {"stage_id", "customer_id", "equipment_id"} & set(vals):
            self._revisit_create_repair_events()
        return res

    def _revisit_create_repair_events(self):
        """A done request on a customer's equipment: one `repair` event.

        Once per request: reopening and closing it again adds nothing.
        Sudo: technicians close requests without any revisit right; the event
        only plans what the rules ask for.
        """
        requests = self.filtered(
            lambda r: (
                r.stage_id.done
                and not r.archive
                and r.customer_id.commercial_partner_id.active
            )
        )
        if not requests:
            return
        Event = self.env["revisit.event"].sudo()
        known = set(
            Event.search(
                [("res_model", "=", self._name), ("res_id", "in", requests.ids)]
            ).mapped("res_id")
        )
        vals_list = [
            {
                "partner_id": request.customer_id.commercial_partner_id.id,
                "trigger": "repair",
                "date": request.company_id._revisit_today(),
                "reference": request.name,
                "res_model": self._name,
                "res_id": request.id,
                "company_id": request.company_id.id,
            }
            for request in requests
            if request.id not in known
        ]
        if vals_list:
            Event.create(vals_list)
