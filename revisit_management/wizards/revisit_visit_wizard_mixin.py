from odoo import api, fields, models
from odoo.exceptions import UserError


class RevisitVisitWizardMixin(models.AbstractModel):
    """What the wizards opened on one visit (appointment, outcome) share: the
    visit and its contact details, and the check that the user may work on
    it."""

    _name = "revisit.visit.wizard.mixin"
    _description = "Revisit Visit Wizard"

    visit_id = fields.Many2one("revisit.visit", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="visit_id.partner_id", compute_sudo=False)
    method = fields.Selection(related="visit_id.method", compute_sudo=False)
    contact_phone = fields.Char(related="visit_id.contact_phone", compute_sudo=False)
    contact_hours = fields.Char(related="visit_id.contact_hours", compute_sudo=False)

    @api.model_create_multi
    def create(self, vals_list):
        # the wizard names a visit: the user must be allowed to work on it (its
        # company and confidentiality included), or learns nothing of it
        visits = self.env["revisit.visit"].browse(
            vals["visit_id"] for vals in vals_list if vals.get("visit_id")
        )
        visits.check_access("write")
        if not self.env.su and visits.company_id - self.env.companies:
            raise UserError(
                self.env._("This visit belongs to a company you are not working in.")
            )
        return super().create(vals_list)
