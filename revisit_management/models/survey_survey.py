from odoo import fields, models

from .revisit_scales import SCALES


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    revisit_scale = fields.Selection(
        SCALES,
        string="Revisit Satisfaction Scale",
        help="The scale of the revisits scored by this questionnaire when their "
        "rule chooses none; its score (percentage) is the answer on the scale.",
    )
