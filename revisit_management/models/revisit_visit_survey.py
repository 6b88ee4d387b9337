from datetime import timedelta

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from .revisit_visit_states import OPEN_STATES

ONLINE_METHODS = ("survey", "sms", "email")


class RevisitVisitSurveyMixin(models.AbstractModel):
    """The visit's online evaluation: the questionnaire sent to the customer
    by e-mail or SMS, its answer scoring the visit, and the SMS that could not
    reach the customer."""

    _name = "revisit.visit.survey.mixin"
    _description = "Revisit Online Evaluation"

    survey_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Questionnaire Answer",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    survey_conflict = fields.Boolean(
        string="Answer Contradicts Score",
        copy=False,
        readonly=True,
        help="The customer's questionnaire, answered after the visit was closed, "
        "gives another satisfaction than the one recorded.",
    )

    def _get_survey(self):
        self.ensure_one()
        return (
            self.rule_id.survey_id
            or self.plan_id.survey_id
            or self.env.ref(
                "revisit_management.revisit_survey_satisfaction",
                raise_if_not_found=False,
            )
        )

    def action_send_survey(self):
        """Send the customer a link to the questionnaire; the answer scores the
        visit."""
        self._check_open()
        template = self.env.ref("revisit_management.mail_template_revisit_survey")
        for visit in self:
            survey = visit._get_survey()
            if visit.method not in ONLINE_METHODS or not survey:
                raise UserError(
                    self.env._(
                        "%(visit)s is not an online evaluation with a questionnaire.",
                        visit=visit.display_name,
                    )
                )
            if visit.method == "sms" and not visit.partner_id.phone:
                raise UserError(
                    self.env._(
                        "%(customer)s has no phone number for the SMS.",
                        customer=visit.partner_id.display_name,
                    )
                )
            if visit.method != "sms" and not visit.partner_id.email:
                raise UserError(
                    self.env._(
                        "%(customer)s has no e-mail address for the questionnaire.",
                        customer=visit.partner_id.display_name,
                    )
                )
            if not visit.survey_user_input_id:
                visit.sudo().survey_user_input_id = survey.sudo()._create_answer(
                    partner=visit.partner_id,
                    check_attempts=False,
                    # the questionnaire speaks the customer's language
                    lang_id=self.env["res.lang"]
                    ._lang_get(
                        visit.partner_id.lang or visit.company_id._revisit_lang()
                    )
                    .id,
                )
            # the link expires: the survey controller refuses it after this
            visit.sudo().survey_user_input_id.deadline = fields.Datetime.now() + (
                timedelta(days=visit.company_id.revisit_survey_valid_days)
            )
            if visit.method == "sms":
                messages = visit._send_survey_sms()
            else:
                mail_id = template.send_mail(
                    visit.id, email_layout_xmlid="mail.mail_notification_light"
                )
                messages = self.env["mail.mail"].sudo().browse(mail_id).mail_message_id
            visit._mask_survey_token(messages)
        return True

    def _mask_survey_token(self, messages):
        """The questionnaire link is the customer's: whoever holds it answers
        as the customer. The SMS or e-mail sent keeps it; the copy in the
        visit's chatter, which the staff read, shows it masked.

        Sudo: the messages the sending just posted on this visit (the caller
        passed ``_check_open``), only their body, only the token."""
        self.ensure_one()
        token = self.sudo().survey_user_input_id.access_token
        if not token:
            return
        for message in messages.sudo():
            if message.model != self._name or message.res_id != self.id:
                continue
            body = message.body or ""
            if token in body:
                message.write({"body": Markup(str(body).replace(token, "********"))})

    def _send_survey_sms(self):
        """Text the questionnaire link through Odoo's SMS (its configured
        provider). The SMS is queued for the SMS scheduled action; a failure
        shows on the visit (chatter and banner) to be fixed and resent."""
        self.ensure_one()
        return self._message_sms(
            self.env._(
                "%(company)s: how satisfied are you with our service? Please "
                "answer here: %(url)s",
                company=self.company_id.name,
                url=self._get_survey_url(),
            ),
            partner_ids=self.partner_id.ids,
            put_in_queue=True,
        )

    def _warn_sms_failure(self):
        """Give the assignee of each open visit an activity when an SMS to its
        customer failed (once while the activity is open): the chatter's small
        red envelope alone goes unseen."""
        warning = self.env.ref("mail.mail_activity_data_warning")
        for visit in self.filtered(lambda v: v.state in OPEN_STATES and v.user_id):
            summary = visit._revisit_text(
                lambda env: env._("SMS to the customer not sent")
            )
            if visit.activity_ids.filtered(
                lambda a, v=visit, s=summary: (
                    a.activity_type_id == warning
                    and a.user_id == v.user_id
                    and a.summary == s
                )
            ):
                continue
            self.env["revisit.reminder.manager"]._schedule_todo(
                visit,
                visit.user_id,
                visit.company_id._revisit_today(),
                summary,
                visit._revisit_text(
                    lambda env, v=visit: env._(
                        "The SMS to %(customer)s (%(number)s) could not be sent. "
                        "Check the number on the customer, then resend it from the "
                        "red envelope in the visit's chatter, or call the customer.",
                        customer=v.partner_id.display_name,
                        number=v.partner_id.phone or "-",
                    )
                ),
                xmlid="mail.mail_activity_data_warning",
            )

    def _get_survey_url(self):
        self.ensure_one()
        answer = self.sudo().survey_user_input_id
        return answer and f"{self.get_base_url()}{answer.get_start_url()}"

    def _apply_survey_answer(self):
        """Score the visit from its completed questionnaire and close it. An
        answer arriving after the visit was closed (e.g. by phone) is kept; it is
        flagged when its score differs from the recorded one."""
        for visit in self:
            percentage = visit.survey_user_input_id.scoring_percentage
            score = min(5, max(1, round(percentage / 20.0)))
            if visit.state in OPEN_STATES:
                visit.satisfaction = score
                # what the customer wrote is the visit's customer feedback
                written = visit.survey_user_input_id._revisit_written_answers()
                if written:
                    visit.feedback = written
                visit.action_done()
            elif visit.state == "done" and score != visit.satisfaction:
                visit.sudo().survey_conflict = True
                visit.message_post(
                    body=self.env._(
                        "The customer answered the questionnaire after the visit "
                        "was closed, with a satisfaction of %(answer)s instead of "
                        "the recorded %(recorded)s.",
                        answer=score,
                        recorded=visit.satisfaction,
                    )
                )
