from odoo import models


class RevisitCompanyLangMixin(models.AbstractModel):
    """Texts the product writes into a record are in the language of the
    record's company, whoever or whatever creates it (a scheduled action, a
    module's install): Odoo's own creation message takes the language of the
    creating environment, which has none while a module installs, so a
    Chinese team's chatter read "Revisit Rule 创建". List it before
    ``mail.thread`` in ``_inherit``."""

    _name = "revisit.company.lang.mixin"
    _description = "Texts in the Company's Language"

    def _revisit_company_env(self):
        company = self["company_id"][:1] or self.env.company
        return self.with_context(lang=company._revisit_lang()).env

    def _revisit_text(self, render):
        """A text written into a record, in the language of the company's users."""
        return render(self._revisit_company_env())

    def _creation_message(self):
        return super(
            RevisitCompanyLangMixin, self.with_env(self._revisit_company_env())
        )._creation_message()
