import secrets
import string

from odoo import api, fields, models
from odoo.addons.revisit_management.models.revisit_visit_states import OPEN_STATES

ALPHABET = string.ascii_letters + string.digits
CODE_LENGTH = 10  # 62^10 ≈ 8·10^17 codes: not guessable


class RevisitShortLink(models.Model):
    """A short code on the company's registered domain (``/r/<code>``) that
    leads to a visit's questionnaire while it can be answered: carriers accept
    links only on a fixed, registered domain, and the survey's own link is
    long. The code is a bearer key, as the survey's token: kept out of the
    chatter, readable by administrators only."""

    _name = "revisit.short.link"
    _description = "Questionnaire Short Link"

    code = fields.Char(required=True, readonly=True, index=True, copy=False)
    visit_id = fields.Many2one(
        "revisit.visit", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="visit_id.company_id", store=True)

    _code_unique = models.Constraint("unique(code)", "A short link code is unique.")

    @api.model
    def _new_code(self):
        return "".join(secrets.choice(ALPHABET) for _i in range(CODE_LENGTH))

    @api.model
    def _for_visit(self, visit):
        """The visit's short link, made the first time. Sudo: called by the
        sending of the visit's questionnaire, which checked the visit is open
        and the user may send it."""
        link = self.sudo().search([("visit_id", "=", visit.id)], limit=1)
        return link or self.sudo().create(
            {"visit_id": visit.id, "code": self._new_code()}
        )

    def _url(self):
        self.ensure_one()
        return f"{self.visit_id.company_id._revisit_short_link_base()}/r/{self.code}"

    def _target(self):
        """Where the link leads now: ``(url, False)`` to the questionnaire, or
        ``(False, reason)`` with reason ``answered`` or ``closed``."""
        self.ensure_one()
        visit = self.visit_id
        answer = visit.survey_user_input_id
        if answer and answer.state == "done":
            return False, "answered"
        if (
            visit.state not in OPEN_STATES
            or not answer
            or (answer.deadline and answer.deadline < fields.Datetime.now())
        ):
            return False, "closed"
        return answer.get_start_url(), False
