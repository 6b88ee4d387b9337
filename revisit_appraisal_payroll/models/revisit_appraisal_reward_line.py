from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class RevisitAppraisalRewardLine(models.Model):
    _inherit = "revisit.appraisal.reward.line"

    _workflow_fields = ("state", "payslip_id")

    payslip_id = fields.Many2one(
        "hr.payslip",
        readonly=True,
        copy=False,
        index=True,
        ondelete="set null",
        help="The payslip that carries (or paid) this line.",
    )

    _paid_has_payslip = models.Constraint(
        "CHECK(state != 'paid' OR payslip_id IS NOT NULL)",
        "A paid reward line names the payslip that paid it.",
    )

    @api.model
    def _payable_domain(self):
        """Lines payroll may pay: confirmed bonuses and penalties of an
        appraisal (month, quarter or year) that went through its review and
        its confirmation. A line set confirmed on an appraisal nobody
        reviewed is not paid."""
        reviewed_and_confirmed = Domain.OR(
            [
                (f"{field}.state", "in", states),
                (f"{field}.reviewer_id", "!=", False),
                (f"{field}.confirm_user_id", "!=", False),
            ]
            for field, states in (
                ("appraisal_id", ("confirmed", "locked")),
                ("quarter_appraisal_id", ("confirmed",)),
                ("year_appraisal_id", ("confirmed",)),
            )
        )
        return (
            Domain("state", "=", "confirmed")
            & Domain("kind", "in", ("bonus", "penalty"))
            & reviewed_and_confirmed
        )

    @api.constrains("payslip_id", "state")
    def _check_payslip(self):
        for line in self.filtered("payslip_id"):
            if line.kind not in ("bonus", "penalty"):
                raise ValidationError(
                    self.env._("Only bonuses and penalties are paid through payslips.")
                )
            if line.payslip_id.employee_id != line.employee_id:
                raise ValidationError(
                    self.env._("A reward line is paid to its own employee.")
                )

    def write(self, vals):
        if "payslip_id" in vals:
            paid = self.filtered(
                lambda line: (
                    line.state == "paid"
                    and line.payslip_id.id != vals["payslip_id"]
                    and vals.get("state") != "confirmed"
                )
            )
            if paid:
                raise ValidationError(
                    self.env._(
                        "Reward %(line)s is already paid by payslip %(payslip)s.",
                        line=paid[0].display_name,
                        payslip=paid[0].payslip_id.display_name,
                    )
                )
        return super().write(vals)
