"""The complaint acknowledgement through a Chinese gateway (revisit_complaints
with revisit_sms_china): the template of the acknowledgement with the
complaint's number and promised day, a failure to the ticket's assignee."""

import json

from odoo.addons.revisit_complaints.tests.common import ComplaintCommon
from odoo.addons.revisit_sms_china.tests.common import ALIYUN_TEMPLATES
from odoo.addons.revisit_sms_china.tests.fake_gateways import FakeAliyun
from odoo.tests import tagged
from odoo.tools import format_date


@tagged("post_install", "-at_install")
class TestSmsChinaComplaints(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"revisit_tz": "Asia/Shanghai"})
        cls.texting = cls.env["res.partner"].create(
            {"name": "Owner 5-0502", "phone": "+86 138 0013 8000", "lang": "en_US"}
        )

    def _gateway(self):
        gateway = FakeAliyun("LTAIkey", "secret", "物业客服", ALIYUN_TEMPLATES)
        gateway.__enter__()
        self.addCleanup(gateway.__exit__)
        company = self.env.company
        company.sms_china_template_ids.unlink()
        company.write(
            {
                "sms_provider": "aliyun",
                "sms_aliyun_access_key_id": gateway.key_id,
                "sms_aliyun_access_key_secret": gateway.secret,
                "sms_aliyun_endpoint": gateway.url,
                "sms_china_sign_name": gateway.sign_name,
                "sms_china_template_ids": [
                    (0, 0, {"kind": "acknowledgement", "template_code": "SMS_900002"})
                ],
            }
        )
        return gateway

    def _send(self):
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.texting.id)])
        self.assertEqual(len(sms), 1)
        sms.send(unlink_failed=False, unlink_sent=False, raise_exception=True)
        return sms

    def test_acknowledgement_is_its_template_with_number_and_day(self):
        gateway = self._gateway()
        ticket = self._create_complaint(partner_id=self.texting.id)
        self.assertTrue(ticket.promised_date)
        sms = self._send()
        self.assertEqual(sms.state, "pending")
        request = gateway.requests[0]
        self.assertEqual(request["TemplateCode"], "SMS_900002")
        self.assertEqual(request["SignName"], "物业客服")
        self.assertEqual(
            json.loads(request["TemplateParam"]),
            {
                "number": ticket.number,
                "date": format_date(self.env, ticket.promised_date, lang_code="en_US"),
            },
        )

    def test_refused_acknowledgement_warns_the_ticket_assignee(self):
        self._gateway()
        self.texting.phone = "+86 12345"
        ticket = self._create_complaint(partner_id=self.texting.id)
        self.assertTrue(ticket.user_id)
        sms = self._send()
        self.assertEqual(sms.failure_type, "sms_number_format")
        warning = ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("mail.mail_activity_data_warning")
            )
        )
        self.assertEqual(warning.user_id, ticket.user_id)
        self.assertTrue(
            ticket.message_ids.notification_ids.filtered(
                lambda n: n.notification_status == "exception"
            )
        )
