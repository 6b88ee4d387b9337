from odoo import fields, models


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    sms_china_provider_id = fields.Char(
        "Gateway Message ID",
        readonly=True,
        index="btree_not_null",
        help="Aliyun's BizId or Tencent's SerialNo of the sent SMS.",
    )
    sms_china_company_id = fields.Many2one(
        "res.company", "Sending Company", readonly=True
    )

    def _sms_china_report(self, delivered, code, message):
        """A gateway's delivery report on these SMS: delivered, or failed and
        shown on the record (red envelope) and to the person who must act."""
        sms_sudo = (
            self.env["sms.sms"].sudo().search([("uuid", "in", self.mapped("sms_uuid"))])
        )
        if delivered:
            self._action_update_from_sms_state("sent")
            sms_sudo.write({"state": "sent", "to_delete": True})
            return
        self.with_context(
            sms_known_failure_reason=f"{code}: {message}"
        )._action_update_from_provider_error("not_delivered")
        sms_sudo.write({"state": "error", "failure_type": "unknown", "to_delete": True})
        self._sms_china_warn(self.mail_notification_id.mail_message_id)

    def _sms_china_warn(self, messages):
        """The assignee of each record these SMS messages were posted on gets
        an activity (once while it is open): a visit's through the revisit
        warning, another record's (a complaint ticket) through its user."""
        warning = self.env.ref("mail.mail_activity_data_warning")
        for message in messages.sudo():
            if not message.model or message.model not in self.env:
                continue
            record = self.env[message.model].sudo().browse(message.res_id).exists()
            if not record:
                continue
            if message.model == "revisit.visit":
                record._warn_sms_failure()
                continue
            user = "user_id" in record._fields and record.user_id
            if not user or not hasattr(record, "activity_schedule"):
                continue
            env = record.with_context(lang=user.lang).env
            summary = env._("SMS to the customer not sent")
            if record.activity_ids.filtered(
                lambda a, u=user, s=summary: (
                    a.activity_type_id == warning and a.user_id == u and a.summary == s
                )
            ):
                continue
            record.activity_schedule(
                "mail.mail_activity_data_warning",
                user_id=user.id,
                summary=summary,
                note=env._(
                    "The SMS to the customer could not be sent or delivered: see "
                    "the red envelope in the chatter for the gateway's reason, "
                    "check the number, then resend it or call the customer."
                ),
            )
