from odoo import fields, models

# Payslip input code per reward kind.
REVISIT_INPUTS = {"bonus": "REVISIT_BONUS", "penalty": "REVISIT_PENALTY"}


class HrPayslip(models.Model):
    _inherit = "hr.payslip"

    revisit_reward_line_ids = fields.One2many(
        "revisit.appraisal.reward.line",
        "payslip_id",
        string="Revisit Appraisal Rewards",
        readonly=True,
    )

    def compute_sheet(self):
        self._revisit_fill_inputs()
        return super().compute_sheet()

    def action_payslip_done(self):
        res = super().action_payslip_done()
        self.sudo().revisit_reward_line_ids.filtered(
            lambda line: line.state == "confirmed"
        ).write({"state": "paid"})
        return res

    def action_payslip_cancel(self):
        res = super().action_payslip_cancel()
        self.sudo().revisit_reward_line_ids.write(
            {"state": "confirmed", "payslip_id": False}
        )
        return res

    def _revisit_fill_inputs(self):
        """Carry the employee's confirmed revisit rewards of the period.

        Lines already carried by another payslip are left to it; a line is
        carried only when the payslip's structure has the matching salary rule.
        """
        RewardLine = self.env["revisit.appraisal.reward.line"].sudo()
        for payslip in self.filtered(lambda p: p.state in ("draft", "verify")):
            rules = payslip._get_salary_rules()
            rule_codes = set(rules.mapped("code"))
            kinds = [
                kind for kind, code in REVISIT_INPUTS.items() if code in rule_codes
            ]
            lines = RewardLine.search(
                [
                    ("employee_id", "=", payslip.employee_id.id),
                    ("company_id", "=", payslip.company_id.id),
                    ("kind", "in", kinds),
                    ("state", "=", "confirmed"),
                    ("date", ">=", payslip.date_from),
                    ("date", "<=", payslip.date_to),
                    ("payslip_id", "in", [False, payslip.id]),
                ]
            )
            (payslip.sudo().revisit_reward_line_ids - lines).write(
                {"payslip_id": False}
            )
            lines.write({"payslip_id": payslip.id})
            contract = payslip.contract_id or payslip._get_employee_contracts()[:1]
            for kind in kinds:
                code = REVISIT_INPUTS[kind]
                amount = sum(
                    lines.filtered(lambda r, k=kind: r.kind == k).mapped("amount")
                )
                inputs = payslip.input_line_ids.filtered(lambda i, c=code: i.code == c)
                if inputs:
                    inputs[:1].write({"amount": amount})
                    inputs[1:].write({"amount": 0.0})
                elif contract:
                    self.env["hr.payslip.input"].create(
                        {
                            "payslip_id": payslip.id,
                            "name": rules.input_ids.filtered(
                                lambda i, c=code: i.code == c
                            )[:1].name
                            or code,
                            "code": code,
                            "amount": amount,
                            "contract_id": contract.id,
                        }
                    )
