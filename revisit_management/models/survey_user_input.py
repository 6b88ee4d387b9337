from odoo import models


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
