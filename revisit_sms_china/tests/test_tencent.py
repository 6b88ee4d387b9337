from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TencentCase


@tagged("post_install", "-at_install")
class TestTencent(TencentCase):
    """Tencent Cloud SMS SendSms against the local gateway."""

    def test_questionnaire_is_its_template_with_the_short_link(self):
        gateway = self.gateway()
        visit, sms = self.send_questionnaire(user=self.staff)
        request, link = self.questionnaire_request(gateway, visit)
        self.assertEqual(request["headers"]["x-tc-action"], "SendSms")
        body = request["body"]
        self.assertEqual(body["TemplateId"], "1800003")
        self.assertEqual(body["SignName"], "回访中心")
        self.assertEqual(body["SmsSdkAppId"], "1400006666")
        self.assertEqual(body["PhoneNumberSet"], ["+8613800138000"])
        # Tencent's parameters are positional: the template's order
        self.assertEqual(body["TemplateParamSet"], ["Chen Jing", link.code])
        self.assertEqual(body["SessionContext"], sms.uuid)
        self.assertEqual(sms.state, "pending")
        self.assertTrue(sms.sms_tracker_id.sms_china_provider_id.startswith("2433:"))
        response = self.push_reports(gateway)
        self.assertEqual(response.json(), {"result": 0, "errmsg": "OK"})
        self.assertEqual(self.notifications(visit).notification_status, "sent")

    def test_reminder_uses_the_reminder_template(self):
        gateway = self.gateway()
        visit, _sms = self.send_questionnaire()
        visit.with_context(sms_template_kind="reminder")._send_survey_sms()
        self.send_queued()
        # the questionnaire asked again by the re-asking job
        visit.with_context(revisit_reask=True)._send_survey_sms()
        self.send_queued()
        self.assertEqual(
            [r["body"]["TemplateId"] for r in gateway.requests],
            ["1800003", "1800004", "1800004"],
        )
        # the same link: the same questionnaire
        self.assertEqual(
            gateway.requests[0]["body"]["TemplateParamSet"],
            gateway.requests[1]["body"]["TemplateParamSet"],
        )

    def test_wrong_secret_key_is_refused(self):
        gateway = self.gateway()
        self.company.sms_tencent_secret_key = "not-the-key"
        visit, sms = self.send_questionnaire()
        self.assertEqual(sms.failure_type, "sms_acc")
        self.assertIn(
            "AuthFailure.SignatureFailure", self.notifications(visit).failure_reason
        )
        self.assertEqual(len(gateway.requests), 1)

    def test_unapproved_template_fails_on_the_visit(self):
        gateway = self.gateway()
        self.company.sms_china_template_ids.filtered(
            lambda t: t.kind == "notice"
        ).template_code = "999"
        visit = self.sms_visit()
        self.env["revisit.reminder.manager"]._send_notice_sms(visit)
        sms = self.send_queued()
        self.assertEqual(len(gateway.requests), 1)
        self.assertEqual(sms.failure_type, "sms_template")
        self.assertIn(
            "FailedOperation.TemplateIncorrectOrUnapproved",
            self.notifications(visit).failure_reason,
        )
        self.assertEqual(self.warnings(visit).user_id, self.staff)

    def test_incorrect_number(self):
        self.gateway()
        visit, sms = self.send_questionnaire("+86 138 0013")
        self.assertEqual(sms.failure_type, "sms_number_format")
        self.assertIn(
            "InvalidParameterValue.IncorrectPhoneNumber",
            self.notifications(visit).failure_reason,
        )

    def test_failed_delivery_report(self):
        gateway = self.gateway()
        gateway.switched_off.add("13800138000")
        visit, _sms = self.send_questionnaire()
        self.push_reports(gateway)
        notification = self.notifications(visit)
        self.assertEqual(notification.failure_type, "sms_not_delivered")
        self.assertIn("MN:0001", notification.failure_reason)
        self.assertEqual(self.warnings(visit).user_id, self.staff)

    def test_report_of_another_gateway_is_refused(self):
        self.gateway()
        visit, _sms = self.send_questionnaire()
        # the company sends through Tencent: Aliyun's route is not its own
        response = self.url_open(
            f"/sms_china/aliyun/report/{self.company.sms_china_callback_token}",
            data="[]",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.notifications(visit).notification_status, "pending")

    def test_settings_show_the_callback_url_and_the_company_templates(self):
        self.gateway()
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.sms_provider, "tencent")
        self.assertEqual(
            settings.sms_china_callback_url,
            f"{self.company.get_base_url()}/sms_china/tencent/report/"
            f"{self.company.sms_china_callback_token}",
        )
        action = settings.action_sms_china_templates()
        templates = self.env["sms.china.template"].search(action["domain"])
        self.assertEqual(
            sorted(templates.mapped("template_code")),
            ["1800001", "1800002", "1800003", "1800004"],
        )
        # the settings form renders with the gateway's fields
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        for field in ("sms_tencent_secret_key", "sms_china_callback_url"):
            self.assertIn(f'name="{field}"', arch)
        # a staff user cannot open the settings
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.staff).create({})
