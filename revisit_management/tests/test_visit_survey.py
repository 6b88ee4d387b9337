from odoo.exceptions import UserError

from .common import RevisitCase


class TestVisitSurvey(RevisitCase):
    def test_online_visit_sends_the_questionnaire_and_scores(self):
        visit = self.visit(method="survey")
        visit.action_send_survey()
        user_input = visit.survey_user_input_id
        self.assertEqual(user_input.partner_id, self.customer)
        self.assertEqual(
            user_input.survey_id,
            self.env.ref("revisit_management.revisit_survey_satisfaction"),
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "revisit.visit"), ("res_id", "=", visit.id)]
        )
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn(user_input.access_token, mail.body_html)
        self.answer_survey(visit, 4)
        self.assertEqual(visit.satisfaction, 4)
        self.assertEqual(visit.state, "done")
        self.assertFalse(visit.followup_needed)

    def test_dissatisfied_answer_asks_for_a_followup(self):
        visit = self.visit(method="email")
        visit.action_send_survey()
        self.answer_survey(visit, 1)
        self.assertEqual(visit.satisfaction, 1)
        self.assertTrue(visit.followup_needed)

    def test_rule_questionnaire_wins(self):
        survey = self.env["survey.survey"].create(
            {"title": "Post-surgery care", "access_mode": "token"}
        )
        rule = self.rule("discharge")
        rule.write({"survey_id": survey.id, "method": "sms"})
        visit = self.event("discharge").visit_ids
        self.assertEqual(visit.method, "sms")
        visit.partner_id.phone = "+86 138 0013 8002"
        visit.action_send_survey()
        self.assertEqual(visit.survey_user_input_id.survey_id, survey)

    def test_phone_visit_has_no_questionnaire(self):
        with self.assertRaises(UserError):
            self.visit(method="phone").action_send_survey()
