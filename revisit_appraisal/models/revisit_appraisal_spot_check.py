from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .revisit_appraisal import LOCKED_STATES


class RevisitAppraisalSpotCheck(models.Model):
    """A supervisor's check of one visit, scoring one spot-check criterion."""

    _name = "revisit.appraisal.spot.check"
    _description = "Revisit Appraisal Spot Check"
    _inherit = ["revisit.company.lang.mixin", "revisit.workflow.mixin", "mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # no state of its own: frozen by its month's confirmed appraisal
    _workflow_state_field = None

    visit_id = fields.Many2one("revisit.visit", index=True, check_company=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    criterion_id = fields.Many2one(
        "revisit.appraisal.criterion",
        required=True,
        index=True,
        check_company=True,
        domain="[('source', '=', 'spot_check')]",
    )
    score = fields.Float(
        required=True,
        digits=(5, 2),
        tracking=True,
        help="From 0 (nothing done as the criterion asks) to 100 (all of it).",
    )
    note = fields.Text()
    checker_id = fields.Many2one(
        "res.users",
        string="Checked By",
        required=True,
        default=lambda self: self.env.user,
        index=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _score_range = models.Constraint(
        "CHECK(score >= 0 AND score <= 100)",
        "A spot-check score lies between 0 and 100.",
    )

    @api.depends("employee_id", "date")
    def _compute_display_name(self):
        for check in self:
            check.display_name = self.env._(
                "%(employee)s, %(month)s",
                employee=check.employee_id.name or "",
                month=check.date.strftime("%Y-%m") if check.date else "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        checks._check_checker_scope()
        return checks

    def write(self, vals):
        self._check_checker_owns()
        res = super().write(vals)
        if {"employee_id", "visit_id", "checker_id"} & set(vals):
            self._check_checker_scope()
        return res

    def _month_appraisal(self):
        """The employee's appraisal of the check's month (one check)."""
        self.ensure_one()
        if not (self.employee_id and self.date):
            return self.env["revisit.appraisal"]
        month = self.date.replace(day=1)
        return self.env["revisit.appraisal"]._employee_months(
            self.employee_id, month, month
        )[:1]

    def _workflow_frozen(self):
        """A confirmed month's spot checks are appraisal inputs: frozen."""
        if self._month_appraisal().state in LOCKED_STATES:
            return {"__all__"}
        return set()

    def _workflow_kept(self):
        return bool(self._workflow_frozen())

    def _workflow_raise_frozen(self, names):
        raise UserError(
            self.env._(
                "The appraisal of %(month)s of %(employee)s is confirmed: its spot "
                "checks change only once HR reopened it.",
                month=self.date.strftime("%Y-%m"),
                employee=self.sudo().employee_id.name,
            )
        )

    def _workflow_raise_kept(self):
        self._workflow_raise_frozen([])

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_checker(self):
        self._check_checker_owns()

    def _check_checker_owns(self):
        """Only its checker changes or deletes a spot check: never the member
        it scores."""
        if self.env.su:
            return
        user = self.env.user
        for check in self.sudo():
            if check.employee_id.user_id == user or check.checker_id != user:
                raise UserError(
                    self.env._(
                        "Only its checker changes or deletes the spot check "
                        "%(check)s: nobody changes a check of their own work.",
                        check=check.display_name,
                    )
                )

    def _check_checker_scope(self):
        """A supervisor checks the visits of their own team, never their own,
        and signs the check with their own name."""
        if self.env.su:
            return
        user = self.env.user
        for check in self:
            employee = check.sudo().employee_id
            team = (
                employee.parent_id.user_id == user
                or employee.department_id.manager_id.user_id == user
                or employee.department_id in user.employee_ids.department_id
            )
            if check.checker_id != user or employee.user_id == user or not team:
                raise UserError(
                    self.env._(
                        "A spot check is made by its checker on a visit of their "
                        "own team, never on their own work."
                    )
                )
            if check.visit_id:
                check.visit_id.check_access("read")

    @api.depends("visit_id")
    def _compute_employee_id(self):
        for check in self:
            employee = check.visit_id.user_id.employee_ids.filtered(
                lambda e, check=check: e.company_id == check.company_id
            )[:1]
            check.employee_id = employee or check.employee_id

    @api.constrains("criterion_id")
    def _check_criterion_source(self):
        if self.filtered(lambda c: c.criterion_id.source != "spot_check"):
            raise ValidationError(
                self.env._("Spot checks only score spot-check criteria.")
            )

    @api.constrains("visit_id", "employee_id")
    def _check_visit_employee(self):
        for check in self.filtered("visit_id"):
            if check.visit_id.user_id != check.employee_id.user_id:
                raise ValidationError(
                    self.env._(
                        "Visit %(visit)s is not assigned to %(employee)s.",
                        visit=check.visit_id.display_name,
                        employee=check.employee_id.name,
                    )
                )
