from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSettingsChinese(TransactionCase):
    """Under Chinese, the SMS setting lists every provider in Chinese: Odoo's
    and Twilio's choices come from this addon's i18n_extra (sms_twilio's own
    Chinese leaves them empty)."""

    def test_every_provider_reads_in_chinese(self):
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.fail("Chinese is not installed: the suite's databases load it")
        labels = dict(
            self.env["res.company"]
            .with_context(lang="zh_CN")
            .fields_get(["sms_provider"], ["selection"])["sms_provider"]["selection"]
        )
        self.assertEqual(labels["iap"], "通过 Odoo 发送")
        self.assertEqual(labels["twilio"], "通过 Twilio 发送")
        self.assertEqual(labels["aliyun"], "通过阿里云短信服务发送")
        self.assertEqual(labels["tencent"], "通过腾讯云短信发送")
