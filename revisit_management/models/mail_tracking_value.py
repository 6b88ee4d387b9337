from odoo import models


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    def _filter_has_field_access(self, env):
        """The chatter does not show the old and new contact data of a
        confidential customer (a changed phone) to users outside the
        customer's file."""
        tracked = super()._filter_has_field_access(env)
        if env.su:
            return tracked
        Partner = env["res.partner"]
        protected = Partner._revisit_contact_fnames()
        contact = tracked.filtered(
            lambda t: (
                t.field_id.model == "res.partner"
                and t.field_id.name in protected
                and t.mail_message_id.model == "res.partner"
            )
        )
        if not contact:
            return tracked
        hidden = Partner.browse(
            contact.mail_message_id.mapped("res_id")
        )._revisit_contact_hidden_ids()
        return tracked - contact.filtered(lambda t: t.mail_message_id.res_id in hidden)
