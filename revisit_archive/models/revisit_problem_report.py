from odoo import models


class RevisitProblemReport(models.Model):
    _name = "revisit.problem.report"
    _inherit = ["revisit.problem.report", "revisit.statistics.granted.mixin"]
