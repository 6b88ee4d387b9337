import json
from datetime import timedelta

from odoo.tests import HttpCase, new_test_user

from .fake_gateways import FakeAliyun, FakeTencent

ALIYUN_TEMPLATES = {
    "SMS_900001": ("customer", "date"),
    "SMS_900002": ("number", "date"),
    "SMS_900003": ("customer", "code"),
    "SMS_900004": ("customer", "code"),
}
TENCENT_TEMPLATES = {
    "1800001": ("customer", "date"),
    "1800002": ("number", "date"),
    "1800003": ("customer", "code"),
    "1800004": ("customer", "code"),
}
KIND_OF_INDEX = ("notice", "acknowledgement", "questionnaire", "reminder")


class SmsChinaCase(HttpCase):
    """A company sending through a local gateway; a customer on an SMS visit."""

    provider = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.partner_id.lang = "en_US"
        cls.staff = new_test_user(
            cls.env,
            "sms_china_staff",
            groups="base.group_user,revisit_management.group_revisit_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Chen Jing",
                "phone": "+86 138 0013 8000",
                "country_id": cls.env.ref("base.cn").id,
                "lang": "en_US",
            }
        )
        cls.company.sms_china_template_ids.unlink()

    def make_templates(self, codes):
        self.env["sms.china.template"].create(
            [
                {"company_id": self.company.id, "kind": kind, "template_code": code}
                for kind, code in zip(KIND_OF_INDEX, codes, strict=True)
            ]
        )

    def sms_visit(self, phone=None):
        if phone:
            self.customer.phone = phone
        today = self.company._revisit_today()
        return self.env["revisit.visit"].create(
            {
                "partner_id": self.customer.id,
                "method": "sms",
                "scheduled_date": today,
                "deadline": today + timedelta(days=3),
                "user_id": self.staff.id,
            }
        )

    def gateway(self):
        """The provider's local gateway, running for the test, and the company
        sending through it with the gateway's approved templates."""
        gateway = self.fake_gateway()
        gateway.__enter__()
        self.addCleanup(gateway.__exit__)
        self.company.write(
            {
                "sms_provider": self.provider,
                **self.gateway_settings(gateway),
                "sms_china_sign_name": gateway.sign_name,
            }
        )
        self.make_templates(list(gateway.templates))
        return gateway

    def send_questionnaire(self, phone=None, user=None):
        """A new SMS visit's questionnaire, sent to the gateway: the visit and
        its SMS."""
        visit = self.sms_visit(phone)
        (visit.with_user(user) if user else visit).action_send_survey()
        return visit, self.send_queued()

    def questionnaire_request(self, gateway, visit):
        """The gateway's one request, and the visit's short link it carries."""
        self.assertEqual(len(gateway.requests), 1)
        link = self.env["revisit.short.link"].search([("visit_id", "=", visit.id)])
        return gateway.requests[0], link

    def queued_sms(self):
        return self.env["sms.sms"].search(
            [("partner_id", "=", self.customer.id), ("state", "=", "outgoing")]
        )

    def send_queued(self):
        sms = self.queued_sms()
        self.assertTrue(sms)
        sms.send(unlink_failed=False, unlink_sent=False, raise_exception=True)
        return sms

    def notifications(self, record):
        return record.message_ids.notification_ids.filtered(
            lambda n: n.notification_type == "sms"
        )

    def warnings(self, record):
        return record.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("mail.mail_activity_data_warning")
            )
        )

    def push_reports(self, gateway, token=None):
        """The gateway posts its delivery reports to Odoo's callback route."""
        token = token or self.company.sms_china_callback_token
        response = self.url_open(
            f"/sms_china/{self.provider}/report/{token}",
            data=json.dumps(gateway.pop_reports()),
            headers={"Content-Type": "application/json"},
        )
        self.env.invalidate_all()
        return response


class AliyunCase(SmsChinaCase):
    provider = "aliyun"

    def fake_gateway(self):
        return FakeAliyun(
            "LTAI5tTestKeyId", "aliyun-secret", "回访中心", ALIYUN_TEMPLATES
        )

    def gateway_settings(self, gateway):
        return {
            "sms_aliyun_access_key_id": gateway.key_id,
            "sms_aliyun_access_key_secret": gateway.secret,
            "sms_aliyun_endpoint": gateway.url,
        }


class TencentCase(SmsChinaCase):
    provider = "tencent"

    def fake_gateway(self):
        return FakeTencent(
            "AKIDTestSecretId",
            "tencent-secret",
            "回访中心",
            TENCENT_TEMPLATES,
            "1400006666",
        )

    def gateway_settings(self, gateway):
        return {
            "sms_tencent_secret_id": gateway.key_id,
            "sms_tencent_secret_key": gateway.secret,
            "sms_tencent_sdk_app_id": gateway.sdk_app_id,
            "sms_tencent_endpoint": gateway.url,
        }
