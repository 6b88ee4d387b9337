from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AliyunCase


@tagged("post_install", "-at_install")
class TestShortLink(AliyunCase):
    """The questionnaire's short link on the company's registered domain."""

    def sent_visit(self):
        visit = self.sms_visit()
        visit.action_send_survey()
        return visit, self.env["revisit.short.link"].search(
            [("visit_id", "=", visit.id)]
        )

    def test_link_on_the_registered_domain_redirects_to_the_survey(self):
        self.company.revisit_short_link_domain = "https://hf.example.cn"
        visit, link = self.sent_visit()
        self.assertRegex(link.code, r"^[A-Za-z0-9]{10}$")
        self.assertEqual(link._url(), f"https://hf.example.cn/r/{link.code}")
        sms = self.queued_sms()
        self.assertEqual(sms.sms_china_params["link"], link._url())
        response = self.url_open(f"/r/{link.code}", allow_redirects=False)
        self.assertEqual(response.status_code, 302)
        answer = visit.survey_user_input_id
        self.assertTrue(response.headers["Location"].endswith(answer.get_start_url()))
        # the customer's survey opens from it
        self.assertEqual(self.url_open(f"/r/{link.code}").status_code, 200)

    def test_codes_are_random_and_one_per_visit(self):
        _visit, link = self.sent_visit()
        other, other_link = self.sent_visit()
        self.assertNotEqual(link.code, other_link.code)
        other.action_send_survey()
        self.assertEqual(
            self.env["revisit.short.link"].search([("visit_id", "=", other.id)]),
            other_link,
        )

    def test_expired_questionnaire_is_a_friendly_page(self):
        visit, link = self.sent_visit()
        visit.survey_user_input_id.deadline = fields.Datetime.now() - timedelta(hours=1)
        response = self.url_open(f"/r/{link.code}", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-reason="closed"', response.text)
        # in the customer's language
        self.assertIn("This questionnaire is closed", response.text)
        self.assertNotIn("Traceback", response.text)

    def test_closed_visit_closes_its_link(self):
        visit, link = self.sent_visit()
        visit.action_cancel()
        response = self.url_open(f"/r/{link.code}", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-reason="closed"', response.text)

    def test_answered_questionnaire_thanks(self):
        visit, link = self.sent_visit()
        visit.survey_user_input_id.sudo()._mark_done()
        response = self.url_open(f"/r/{link.code}", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-reason="answered"', response.text)

    def test_unknown_code(self):
        self.sent_visit()
        for code in ("AAAAAAAAAA", "x'; drop", "a" * 300):
            response = self.url_open(f"/r/{code}", allow_redirects=False)
            self.assertEqual(response.status_code, 404)
            self.assertIn('data-reason="unknown"', response.text)

    def test_domain_must_be_a_bare_domain(self):
        for url in ("hf.example.cn", "https://hf.example.cn/survey", "ftp://x.cn"):
            with self.assertRaises(ValidationError):
                self.company.revisit_short_link_domain = url

    def test_each_company_has_its_own_callback_secret(self):
        companies = self.env["res.company"].search([]) | self.env["res.company"].create(
            {"name": "Second Clinic"}
        )
        tokens = companies.mapped("sms_china_callback_token")
        self.assertTrue(all(tokens))
        self.assertEqual(len(set(tokens)), len(companies))
