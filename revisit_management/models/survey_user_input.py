from odoo import models

WRITTEN_TYPES = ("text_box", "char_box")


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        """A completed revisit questionnaire scores and closes its visit."""
        res = super()._mark_done()
        visits = (
            self.env["revisit.visit"]
            .sudo()
            .search([("survey_user_input_id", "in", self.ids)])
        )
        visits._apply_survey_answer()
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
