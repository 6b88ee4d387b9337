from odoo import api, fields, models
from odoo.tools import plaintext2html


class RevisitVisit(models.Model):
    _inherit = "revisit.visit"

    # sales rights only: revisit staff without them complete visits without
    # ever reading a lead
    lead_ids = fields.One2many(
        "crm.lead",
        "revisit_visit_id",
        string="Leads",
        groups="sales_team.group_sale_salesman",
        context={"active_test": False},
    )
    lead_count = fields.Integer(
        compute="_compute_lead_count", groups="sales_team.group_sale_salesman"
    )

    @api.depends("lead_ids")
    def _compute_lead_count(self):
        for visit in self:
            visit.lead_count = len(visit.lead_ids)

    def write(self, vals):
        res = super().write(vals)
        if vals.get("opportunity_note"):
            # a note added with the report of a visit already done
            self.filtered(lambda v: v.state == "done")._revisit_create_leads()
        return res

    def action_done(self):
        res = super().action_done()
        self._revisit_create_leads()
        return res

    def _revisit_create_leads(self):
        """Pass the sales opportunities noted on done visits to sales, once per
        visit: a lead for the customer's salesperson (unassigned without one).

        Sudo: revisit staff have no sales rights, yet the regulations ask them
        to pass on what they heard (「准时将信息反馈给相关销售负责人」); the lead
        only carries the note of a visit they were allowed to complete.
        """
        visits = self.filtered(
            lambda v: v.state == "done" and (v.opportunity_note or "").strip()
        )
        if not visits:
            return self.env["crm.lead"]
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        known = Lead.search([("revisit_visit_id", "in", visits.ids)]).revisit_visit_id
        visits -= known
        if not visits:
            return self.env["crm.lead"]
        leads = Lead.create([visit._revisit_lead_values() for visit in visits])
        for lead in leads:
            visit = lead.revisit_visit_id
            if lead.user_id:
                body = visit._revisit_text(
                    lambda env, lead=lead: env._(
                        "Sales opportunity passed on to %(salesperson)s: %(lead)s",
                        salesperson=lead.user_id.name,
                        lead=lead.name,
                    )
                )
            else:
                body = visit._revisit_text(
                    lambda env, lead=lead: env._(
                        "Sales opportunity passed on to sales, unassigned (the "
                        "customer has no salesperson): %(lead)s",
                        lead=lead.name,
                    )
                )
            visit.message_post(body=body)
        return leads

    def _revisit_salesperson(self):
        """The customer's salesperson, if they may sell for the visit's company."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        user = (customer.user_id or self.partner_id.user_id).sudo()
        if (
            not user.active
            or user.share
            or self.company_id not in user.company_ids
            or not user.has_group("sales_team.group_sale_salesman")
        ):
            return self.env["res.users"]
        return user

    def _revisit_lead_values(self):
        self.ensure_one()
        salesperson = self._revisit_salesperson()
        # leads to qualify first if the company works with leads (crm's
        # setting, given to all internal users), else straight to the pipeline
        uses_leads = (
            self.env.ref("crm.group_use_lead")
            in self.env.ref("base.group_user").sudo().all_implied_ids
        )
        customer = self.partner_id.commercial_partner_id
        return {
            "name": self._revisit_text(
                lambda env: env._(
                    "%(customer)s: sales opportunity from revisit %(visit)s",
                    customer=customer.name,
                    visit=self.name,
                )
            ),
            "type": "lead" if uses_leads else "opportunity",
            "partner_id": (self.contact_id or self.partner_id).id,
            # explicit: crm would give the lead to the revisit staff member
            "user_id": salesperson.id,
            "company_id": self.company_id.id,
            "description": plaintext2html(self.opportunity_note.strip()),
            "revisit_visit_id": self.id,
        }

    def action_open_leads(self):
        self.ensure_one()
        name = self.env._("Leads")
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("revisit_visit_id", "=", self.id)],
            "context": {"active_test": False, "create": False},
        }
        if self.lead_count == 1:
            action.update(
                {
                    "res_id": self.lead_ids.id,
                    "view_mode": "form",
                    "views": [(False, "form")],
                }
            )
        return action
