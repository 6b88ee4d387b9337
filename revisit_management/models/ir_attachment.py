from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

PARTNER = "res.partner"


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _revisit_file_documents_domain(self):
        """The documents of the customers' files the current user may read:
        those of the partners whose contact data the user reads (a document
        filed on a confidential customer is part of its file), and every other
        document."""
        readers = self.env[PARTNER]._revisit_contact_readers_domain()
        return (
            Domain("res_model", "!=", PARTNER)
            | Domain("res_model", "=", False)
            | Domain(
                "res_id",
                "in",
                self.env[PARTNER]
                .sudo()
                .with_context(active_test=False)
                ._search(readers),
            )
        )

    def _check_access(self, operation):
        """The documents of a confidential customer's file are read by the
        file's people only (see readme/CONFIGURE.md)."""
        result = super()._check_access(operation)
        if operation != "read" or self.env.su:
            return result
        forbidden = result[0] if result else self.browse()
        documents = (
            (self - forbidden)
            .sudo()
            .filtered(lambda a: a.res_model == PARTNER and a.res_id and not a.res_field)
        )
        if not documents:
            return result
        hidden = (
            self.env[PARTNER]
            .browse(documents.mapped("res_id"))
            ._revisit_contact_hidden_ids()
        )
        refused = documents.filtered(lambda a: a.res_id in hidden)
        if not refused:
            return result
        refused = self.browse(refused.ids)
        if result:
            return forbidden | refused, result[1]
        return refused, lambda: AccessError(
            self.env._(
                "The documents of a confidential customer's file are read by "
                "the file's people only."
            )
        )

    @api.model
    def _search(self, domain, *args, **kwargs):
        if self.env.su or kwargs.get("bypass_access"):
            return super()._search(domain, *args, **kwargs)
        domain = Domain(domain) & self._revisit_file_documents_domain()
        return super()._search(domain, *args, **kwargs)
