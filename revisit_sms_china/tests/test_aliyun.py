import json

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from .common import AliyunCase


@tagged("post_install", "-at_install")
class TestAliyun(AliyunCase):
    """Aliyun dysmsapi SendSms against the local gateway."""

    def test_questionnaire_is_its_template_with_the_short_link(self):
        gateway = self.gateway()
        visit, sms = self.send_questionnaire(user=self.staff)
        request, link = self.questionnaire_request(gateway, visit)
        self.assertEqual(request["TemplateCode"], "SMS_900003")
        self.assertEqual(request["SignName"], "回访中心")
        self.assertEqual(request["PhoneNumbers"], "13800138000")
        self.assertEqual(request["OutId"], sms.uuid)
        self.assertEqual(
            json.loads(request["TemplateParam"]),
            {"customer": "Chen Jing", "code": link.code},
        )
        # the free text (with the survey's token) never reaches the gateway
        self.assertNotIn(visit.survey_user_input_id.access_token, str(request))
        self.assertEqual(sms.state, "pending")
        tracker = sms.sms_tracker_id
        self.assertTrue(tracker.sms_china_provider_id.endswith("^0"))
        self.assertEqual(self.notifications(visit).notification_status, "pending")
        # the delivery report, pushed to the status callback route
        response = self.push_reports(gateway)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"code": 0, "msg": "成功"})
        self.assertEqual(self.notifications(visit).notification_status, "sent")
        self.assertEqual(sms.state, "sent")
        self.assertFalse(self.warnings(visit))

    def test_notice_is_its_template_with_the_visit_day(self):
        gateway = self.gateway()
        visit = self.sms_visit()
        self.env["revisit.reminder.manager"]._send_notice_sms(visit)
        self.send_queued()
        request = gateway.requests[0]
        self.assertEqual(request["TemplateCode"], "SMS_900001")
        params = json.loads(request["TemplateParam"])
        self.assertEqual(params["customer"], "Chen Jing")
        self.assertEqual(
            params["date"],
            format_date(self.env, visit.scheduled_date, lang_code="en_US"),
        )

    def test_illegal_number_shows_on_the_visit_and_to_the_assignee(self):
        gateway = self.gateway()
        visit, sms = self.send_questionnaire("+86 12345")
        self.assertEqual(len(gateway.requests), 1)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_number_format")
        notification = self.notifications(visit)
        self.assertEqual(notification.notification_status, "exception")
        self.assertIn("isv.MOBILE_NUMBER_ILLEGAL", notification.failure_reason)
        self.assertEqual(self.warnings(visit).user_id, self.staff)

    def test_wrong_secret_is_refused_by_the_gateway(self):
        gateway = self.gateway()
        self.company.sms_aliyun_access_key_secret = "not-the-secret"
        visit, sms = self.send_questionnaire()
        self.assertEqual(len(gateway.requests), 1)
        self.assertEqual(sms.failure_type, "sms_acc")
        self.assertIn("SignatureDoesNotMatch", self.notifications(visit).failure_reason)
        self.assertEqual(self.warnings(visit).user_id, self.staff)

    def test_unapproved_template_code(self):
        gateway = self.gateway()
        self.company.sms_china_template_ids.filtered(
            lambda t: t.kind == "questionnaire"
        ).template_code = "SMS_000000"
        visit, sms = self.send_questionnaire()
        self.assertEqual(len(gateway.requests), 1)
        self.assertEqual(sms.failure_type, "sms_template")
        self.assertIn(
            "isv.SMS_TEMPLATE_ILLEGAL", self.notifications(visit).failure_reason
        )

    def test_message_without_template_is_not_sent(self):
        gateway = self.gateway()
        self.company.sms_china_template_ids.unlink()
        visit, sms = self.send_questionnaire()
        self.assertFalse(gateway.requests)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_template")
        self.assertEqual(self.warnings(visit).user_id, self.staff)

    def test_undelivered_report_warns_the_assignee(self):
        gateway = self.gateway()
        gateway.switched_off.add("13800138000")
        visit, sms = self.send_questionnaire()
        self.assertEqual(sms.state, "pending")
        self.assertFalse(self.warnings(visit))
        self.push_reports(gateway)
        notification = self.notifications(visit)
        self.assertEqual(notification.notification_status, "exception")
        self.assertEqual(notification.failure_type, "sms_not_delivered")
        self.assertIn("MOBILE_NOT_ON_SERVICE", notification.failure_reason)
        self.assertEqual(sms.state, "error")
        self.assertTrue(visit.message_has_sms_error)
        self.assertEqual(self.warnings(visit).user_id, self.staff)

    def test_report_elsewhere_than_the_company_url_is_refused(self):
        gateway = self.gateway()
        visit, _sms = self.send_questionnaire()
        reports = list(gateway.reports)
        response = self.push_reports(gateway, token="0" * 32)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.notifications(visit).notification_status, "pending")
        # a report naming our SMS with another gateway id changes nothing
        gateway.reports = [dict(reports[0], biz_id="1^0", success=False)]
        self.assertEqual(self.push_reports(gateway).status_code, 200)
        self.assertEqual(self.notifications(visit).notification_status, "pending")
        # nor does a body that is not a report list
        response = self.url_open(
            f"/sms_china/aliyun/report/{self.company.sms_china_callback_token}",
            data="not json",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 403)

    def test_credentials_and_templates_are_for_administrators(self):
        self.gateway()
        company = self.company.with_user(self.staff)
        for field in (
            "sms_aliyun_access_key_secret",
            "sms_tencent_secret_key",
            "sms_china_callback_token",
            "sms_china_sign_name",
        ):
            with self.assertRaises(AccessError):
                company.read([field])
        with self.assertRaises(AccessError):
            self.env["sms.china.template"].with_user(self.staff).search([])
        with self.assertRaises(AccessError):
            self.env["revisit.short.link"].with_user(self.staff).search([])
        # a parameter the message does not offer is refused
        with self.assertRaises(ValidationError):
            self.company.sms_china_template_ids.filtered(
                lambda t: t.kind == "notice"
            ).param_names = "customer,code"
