from odoo.addons.sms.tools.sms_api import SmsApiBase
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RevisitCase


class UnreachableGateway(SmsApiBase):
    """An SMS provider whose server cannot be reached (a local gateway down)."""

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        raise ConnectionError("gateway unreachable")


@tagged("post_install", "-at_install")
class TestVisitSms(RevisitCase):
    """The `sms` method texts the questionnaire link through Odoo's SMS."""

    def _sms_visit(self, phone):
        customer = self.env["res.partner"].create(
            {
                "name": "Chen Jing",
                "phone": phone,
                "country_id": self.env.ref("base.cn").id,
            }
        )
        return self.Visit.create(
            {
                "partner_id": customer.id,
                "method": "sms",
                "scheduled_date": self.company._revisit_today(),
                "user_id": self.staff.id,
            }
        )

    def test_sms_is_queued_with_the_questionnaire_link(self):
        visit = self._sms_visit("+86 138 0013 8000")
        visit.with_user(self.staff).action_send_survey()
        sms = self.env["sms.sms"].search([("partner_id", "=", visit.partner_id.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(sms.number.replace(" ", ""), "+8613800138000")
        self.assertIn(visit._get_survey_url(), sms.body)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("res_id", "=", visit.id), ("model", "=", "revisit.visit")]
            )
        )
        self.assertFalse(visit.message_has_sms_error)

    def test_failed_sms_shows_on_the_visit(self):
        visit = self._sms_visit("+86 138 0013 8001")
        visit.action_send_survey()
        sms = self.env["sms.sms"].search([("partner_id", "=", visit.partner_id.id)])
        sms.with_context(sms_api=UnreachableGateway(self.env))._send()
        self.assertEqual(sms.state, "error")
        self.assertEqual(
            visit.message_ids.notification_ids.mapped("notification_status"),
            ["exception"],
        )
        self.env.flush_all()
        visit.invalidate_recordset()
        self.assertTrue(visit.message_has_sms_error)
        self.assertIn(visit, self.Visit.search([("message_has_sms_error", "=", True)]))

    def test_no_phone_is_refused(self):
        visit = self._sms_visit(False)
        with self.assertRaises(UserError):
            visit.action_send_survey()
        self.assertFalse(visit.survey_user_input_id)
