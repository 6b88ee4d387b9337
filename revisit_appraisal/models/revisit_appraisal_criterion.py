from odoo import fields, models


class RevisitAppraisalCriterion(models.Model):
    """One line of the appraisal sheet, with its weight out of 100."""

    _name = "revisit.appraisal.criterion"
    _description = "Revisit Appraisal Criterion"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(required=True, digits=(5, 2))
    source = fields.Selection(
        [
            ("computed", "Computed from visits"),
            ("spot_check", "Supervisor's spot check"),
        ],
        required=True,
        default="computed",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE(code, company_id)", "A criterion code must be unique per company."
    )
    _weight_range = models.Constraint(
        "CHECK(weight >= 0 AND weight <= 100)", "A weight lies between 0 and 100."
    )
