from odoo import models

WRITTEN_TYPES = ("text_box", "char_box")


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        """A completed revisit questionnaire scores and closes its visit: the
        one visit it was sent for, to that visit's customer, and only the
        first time it is completed."""
        pending = self.filtered(lambda answer: answer.state != "done")
        res = super()._mark_done()
        visits = (
            self.env["revisit.visit"]
            .sudo()
            .search([("survey_user_input_id", "in", pending.ids)])
        )
        per_answer = {}
        for visit in visits:
            per_answer.setdefault(visit.survey_user_input_id, visit.browse())
            per_answer[visit.survey_user_input_id] |= visit
        own = visits.browse()
        for answer, answer_visits in per_answer.items():
            if (
                len(answer_visits) == 1
                and answer.partner_id == answer_visits.partner_id
            ):
                own |= answer_visits
        own._apply_survey_answer()
        return res

    def _revisit_written_answers(self):
        """What the customer wrote in the questionnaire (its free-text
        answers, one per line): the visit's customer feedback."""
        self.ensure_one()
        lines = self.user_input_line_ids.filtered(
            lambda line: not line.skipped and line.answer_type in WRITTEN_TYPES
        ).sorted(lambda line: (line.question_sequence, line.id))
        return "\n".join(
            (line.value_text_box or line.value_char_box or "").strip()
            for line in lines
            if (line.value_text_box or line.value_char_box or "").strip()
        )
