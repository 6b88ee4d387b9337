from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class RevisitWarrantyLine(models.Model):
    """The warranty of one type of work on a certificate, with its revisit."""

    _name = "revisit.warranty.line"
    _description = "Warranty Period"
    _order = "warranty_id, sequence, id"

    warranty_id = fields.Many2one(
        "revisit.warranty", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    type_id = fields.Many2one(
        "revisit.warranty.type", string="Type of Work", required=True
    )
    scope = fields.Char(help="The parts of the work this warranty covers.")
    start_date = fields.Date(
        compute="_compute_dates", store=True, help="The day after acceptance."
    )
    end_date = fields.Date(compute="_compute_dates", store=True)
    visit_id = fields.Many2one("revisit.visit", string="Revisit", readonly=True)
    company_id = fields.Many2one(
        related="warranty_id.company_id", store=True, index=True
    )

    @api.depends(
        "warranty_id.acceptance_date",
        "type_id.period",
        "type_id.period_unit",
        "type_id.season_end_month",
        "type_id.season_end_day",
    )
    def _compute_dates(self):
        for line in self:
            if line.type_id and line.warranty_id.acceptance_date:
                line.start_date, line.end_date = line.type_id._warranty_dates(
                    line.warranty_id.acceptance_date
                )
            else:
                line.start_date = line.end_date = False

    def write(self, vals):
        # the periods of an issued certificate are what the owner was given
        if not self.env.su and self.warranty_id.filtered(lambda w: w.state != "draft"):
            raise UserError(
                self.env._("The periods of an issued certificate cannot change.")
            )
        return super().write(vals)

    def _plan_revisit(self):
        """One revisit per type of work, before its warranty ends (not before
        the warranty starts), for the certificate's responsible."""
        Visit = self.env["revisit.visit"]
        for line in self.filtered(lambda ln: not ln.visit_id and ln.end_date):
            warranty = line.warranty_id
            scheduled = max(
                line.start_date,
                line.end_date - timedelta(days=line.type_id.revisit_days_before_end),
            )
            lang = warranty.company_id._revisit_lang()
            visit = Visit.create(
                {
                    "partner_id": warranty.partner_id.id,
                    "user_id": warranty.user_id.id,
                    "scheduled_date": scheduled,
                    "deadline": line.end_date,
                    "method": "onsite",
                    "purpose": line.with_context(lang=lang).env._(
                        "Warranty revisit: %(work)s of %(project)s ends on %(end)s",
                        work=line.type_id.with_context(lang=lang).name,
                        project=warranty.project_name,
                        end=line.end_date,
                    ),
                    "warranty_id": warranty.id,
                    "company_id": warranty.company_id.id,
                }
            )
            line.sudo().visit_id = visit
