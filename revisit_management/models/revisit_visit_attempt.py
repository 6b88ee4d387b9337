from odoo import fields, models

from .revisit_reach import ATTEMPT_CHANNELS, ATTEMPT_RESULTS


class RevisitVisitAttempt(models.Model):
    """One attempt to reach the customer of a visit: a call, an SMS or e-mail
    sent, an on-site visit, a questionnaire answered. Written by the visit's
    actions only (as superuser); the reach funnel counts them."""

    _name = "revisit.visit.attempt"
    _description = "Revisit Contact Attempt"
    _order = "date desc, id desc"
    _rec_name = "visit_id"

    visit_id = fields.Many2one(
        "revisit.visit", required=True, index=True, ondelete="cascade", readonly=True
    )
    root_visit_id = fields.Many2one(
        "revisit.visit",
        string="Contact",
        index=True,
        readonly=True,
        help="The first visit of the retries this attempt belongs to.",
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    channel = fields.Selection(ATTEMPT_CHANNELS, required=True, readonly=True)
    result = fields.Selection(ATTEMPT_RESULTS, required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user, readonly=True
    )
    note = fields.Char(readonly=True)
    partner_id = fields.Many2one(
        related="visit_id.partner_id", string="Customer", store=True
    )
    company_id = fields.Many2one(related="visit_id.company_id", store=True)
