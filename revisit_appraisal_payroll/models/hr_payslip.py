from datetime import datetime, time

import babel.dates

from odoo import api, fields, models
from odoo.fields import Domain

from ..hooks import load_payroll_chinese

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
    revisit_payroll_warning = fields.Char(
        string="Revisit Rewards Not Paid",
        compute="_compute_revisit_payroll_warning",
        help="Revisit appraisal bonuses or penalties of the period that this "
        "payslip cannot pay: its salary structure lacks their salary rules.",
    )

    @api.depends(
        "employee_id",
        "contract_id",
        "struct_id",
        "date_from",
        "date_to",
        "state",
        "company_id",
    )
    def _compute_revisit_payroll_warning(self):
        for payslip in self:
            payslip.revisit_payroll_warning = payslip._revisit_missing_rules_message()

    def _revisit_missing_rules_message(self):
        """The warning shown when the employee has revisit rewards to pay in
        the period but the payslip's structure has no rule to pay them."""
        self.ensure_one()
        if (
            self.state not in ("draft", "verify")
            or not self.employee_id
            or not self.date_from
            or not self.date_to
        ):
            return False
        lines = self._revisit_payable_lines(list(REVISIT_INPUTS))
        if not lines:
            return False
        rule_codes = set(self._get_salary_rules().mapped("code"))
        missing = sorted(
            {REVISIT_INPUTS[kind] for kind in lines.mapped("kind")} - rule_codes
        )
        if not missing:
            return False
        return self.env._(
            "%(employee)s has %(count)s revisit appraisal bonus or penalty line(s) "
            "to pay in this period, but this payslip's salary structure has no "
            "salary rule %(codes)s: they are not paid. Give the employee a "
            "contract whose salary structure has the rules (Payroll > "
            "Configuration > Salary Structures), then compute the sheet again.",
            employee=self.employee_id.name,
            count=len(lines),
            codes=", ".join(missing),
        )

    def _revisit_payable_lines(self, kinds):
        """The employee's reward lines of the period this payslip may carry:
        confirmed, of a reviewed and confirmed appraisal, not carried by
        another payslip."""
        self.ensure_one()
        RewardLine = self.env["revisit.appraisal.reward.line"].sudo()
        return RewardLine.search(
            RewardLine._payable_domain()
            & Domain(
                [
                    ("employee_id", "=", self.employee_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("kind", "in", kinds),
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                    ("payslip_id", "in", [False, self._origin.id or False]),
                ]
            )
        )

    @api.model
    def _revisit_load_payroll_chinese(self):
        """Called by the addon's data at each install and update (payroll's
        update reloads its own Chinese over ours)."""
        load_payroll_chinese(self.env)

    def _compute_name(self):
        """Payroll's own term is looked up in payroll's files only, which lack
        it in Chinese: under Chinese, name the payslip with ours, the month as
        Chinese writes it."""
        super()._compute_name()
        lang = self.env.context.get("lang")
        if lang != "zh_CN":  # other languages keep payroll's own name
            return
        for record in self.filtered("date_from"):
            month = babel.dates.format_skeleton(
                "yMMMM", datetime.combine(record.date_from, time.min), locale=lang
            )
            record.name = self.env._(
                "Salary Slip of %(name)s for %(dt)s",
                name=record.employee_id.name,
                dt=month,
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
        """Carry the employee's payable revisit rewards of the period.

        Lines already carried by another payslip are left to it; a line is
        carried only when the payslip's structure has the matching salary rule.
        """
        for payslip in self.filtered(lambda p: p.state in ("draft", "verify")):
            rules = payslip._get_salary_rules()
            rule_codes = set(rules.mapped("code"))
            kinds = [
                kind for kind, code in REVISIT_INPUTS.items() if code in rule_codes
            ]
            lines = payslip._revisit_payable_lines(kinds)
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
