from odoo import fields, models


class HrExpense(models.Model):
    _inherit = "hr.expense"

    revisit_visit_id = fields.Many2one(
        "revisit.visit",
        string="Revisit",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The visit whose cost this expense reimburses.",
    )
