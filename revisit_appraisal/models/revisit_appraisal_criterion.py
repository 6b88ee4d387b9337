from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class RevisitAppraisalCriterion(models.Model):
    """One line of the appraisal sheet, with its weight out of 100.

    The weights of a company's active criteria must sum to 100. Editing them one
    by one passes through other sums, so the rule is enforced when appraisals are
    computed (``_check_company_weights``), not on every write.
    """

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
    description = fields.Text(
        translate=True, help="How the criterion is scored (shown on the sheet)."
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

    @api.model
    def _get_company_criteria(self, company):
        """Active criteria of ``company``; refuse them unless they weigh 100."""
        criteria = self.sudo().search([("company_id", "=", company.id)])
        total = sum(criteria.mapped("weight"))
        if float_compare(total, 100.0, precision_digits=2):
            raise UserError(
                self.env._(
                    "The active appraisal criteria of %(company)s weigh %(total)s "
                    "instead of 100: adjust them in Configuration > Appraisal "
                    "Criteria before computing appraisals.",
                    company=company.name,
                    total=round(total, 2),
                )
            )
        return criteria
