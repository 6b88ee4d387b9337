from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext


class RevisitComplaintLetter(models.TransientModel):
    """One open letter answering many complaints about the same issue."""

    _name = "revisit.complaint.letter"
    _description = "Complaint Open Letter"

    ticket_ids = fields.Many2many("helpdesk.ticket", string="Complaints", required=True)
    subject = fields.Char(required=True)
    body = fields.Html(string="Letter", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "ticket_ids" in fields_list
            and self.env.context.get("active_model") == "helpdesk.ticket"
        ):
            values["ticket_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_publish(self):
        """Post the letter on every complaint and file it in the revisit archive.

        The letter is posted as a message to each ticket's customer, attached to
        each ticket and filed once in each customer's revisit file (an attachment
        on the customer, next to their visits).
        """
        self.ensure_one()
        if not html2plaintext(self.body or "").strip():
            raise UserError(self.env._("Write the open letter before publishing it."))
        tickets = self.ticket_ids
        if tickets.filtered(lambda t: not t.is_complaint):
            raise UserError(self.env._("An open letter only answers complaints."))
        file_name = self.env._("Open letter - %s.html", self.subject)
        raw = self.body.encode()
        Attachment = self.env["ir.attachment"]
        for ticket in tickets:
            attachment = Attachment.create(
                {
                    "name": file_name,
                    "raw": raw,
                    "mimetype": "text/html",
                    "res_model": ticket._name,
                    "res_id": ticket.id,
                }
            )
            ticket.message_post(
                body=self.body,
                subject=self.subject,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
                attachment_ids=attachment.ids,
            )
        Attachment.sudo().create(
            [
                {
                    "name": file_name,
                    "raw": raw,
                    "mimetype": "text/html",
                    "res_model": "res.partner",
                    "res_id": partner.id,
                    "description": self.env._("Open letter (revisit archive)"),
                }
                for partner in tickets.partner_id.commercial_partner_id
            ]
        )
        return {"type": "ir.actions.act_window_close"}
