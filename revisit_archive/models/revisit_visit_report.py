from odoo import models


class RevisitVisitReport(models.Model):
    _name = "revisit.visit.report"
    _inherit = ["revisit.visit.report", "revisit.statistics.granted.mixin"]
