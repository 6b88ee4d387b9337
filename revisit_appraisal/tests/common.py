from datetime import date

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.revisit_appraisal.models.res_company import (
    SHIPPED_INACTIVE,
    SHIPPED_WEIGHTS,
)
from odoo.addons.revisit_management.tests.common import STAFF, SUPERVISOR
from odoo.tests import new_test_user

# A month far from the demo data (which uses the previous month).
YEAR, MONTH = 2024, 5
MONTH_START = date(YEAR, MONTH, 1)


def spot_check(env, employee, day, score):
    """Spot checks of ``employee`` on ``day`` scoring ``score`` on the two
    spot-checked criteria as shipped (process and content)."""
    for code in ("process", "content"):
        env["revisit.appraisal.spot.check"].create(
            {
                "employee_id": employee.id,
                "criterion_id": env.ref(f"revisit_appraisal.criterion_{code}").id,
                "score": score,
                "date": day,
            }
        )


class RevisitAppraisalCommon(BaseCommon):
    """Revisit employees, their supervisor and HR in the main company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.company.sudo().write(
            {
                "revisit_appraisal_bonus_a": 500.0,
                "revisit_appraisal_bonus_b": 300.0,
                "revisit_appraisal_penalty_percent": 10.0,
                "revisit_appraisal_improvement_days": 30,
                "revisit_appraisal_cost_budget": 1000.0,
            }
        )
        cls.Appraisal = cls.env["revisit.appraisal"]
        cls.SpotCheck = cls.env["revisit.appraisal.spot.check"]
        cls.Visit = cls.env["revisit.visit"]
        # the criteria as shipped (the demo company applied the clinic's
        # regulation; test_presets_appraisal tests the presets)
        for criterion in (
            cls.env["revisit.appraisal.criterion"]
            .with_context(active_test=False)
            .search([("company_id", "=", cls.company.id)])
        ):
            criterion.write(
                {
                    "active": criterion.code not in SHIPPED_INACTIVE,
                    "weight": SHIPPED_WEIGHTS.get(criterion.code, criterion.weight),
                }
            )
        cls.criteria = {
            c.code: c
            for c in cls.env["revisit.appraisal.criterion"].search(
                [("company_id", "=", cls.company.id)]
            )
        }
        cls.hr_user = new_test_user(
            cls.env,
            "appraisal_hr",
            groups="revisit_appraisal.group_revisit_appraisal_hr",
        )
        cls.supervisor_user = new_test_user(
            cls.env, "appraisal_supervisor", groups=SUPERVISOR
        )
        cls.department = cls.env["hr.department"].create({"name": "Revisit Team"})
        cls.supervisor = cls.env["hr.employee"].create(
            {
                "name": "Supervisor",
                "user_id": cls.supervisor_user.id,
                "department_id": cls.department.id,
            }
        )
        cls.employee, cls.employee_user = cls._create_revisit_employee("agent1")
        cls.employee2, cls.employee2_user = cls._create_revisit_employee("agent2")
        cls.other_department = cls.env["hr.department"].create({"name": "Elsewhere"})
        cls.outsider, cls.outsider_user = cls._create_revisit_employee(
            "agent3", department=cls.other_department, parent=False
        )
        cls.customer = cls.env["res.partner"].create({"name": "Customer"})

    @classmethod
    def _create_revisit_employee(cls, login, department=None, parent=None):
        user = new_test_user(cls.env, login, groups=STAFF)
        employee = cls.env["hr.employee"].create(
            {
                "name": login.title(),
                "user_id": user.id,
                "department_id": (department or cls.department).id,
                "parent_id": cls.supervisor.id if parent is None else parent,
            }
        )
        return employee, user

    @classmethod
    def _visit(cls, user, day, state="done", done_day=None, deadline_day=None, **vals):
        """A visit of ``user`` scheduled on ``day`` of the test month."""
        # One customer per visit: visits of a customer are spaced out.
        customer = cls.env["res.partner"].create({"name": f"Customer {day}"})
        values = {
            "partner_id": customer.id,
            "user_id": user.id,
            "scheduled_date": MONTH_START.replace(day=day),
            "deadline": MONTH_START.replace(day=deadline_day or day + 3),
            "state": state,
            "method": "phone",
        }
        if state == "done":
            values.update(
                done_date=MONTH_START.replace(day=done_day or day),
                satisfaction=5,
                feedback="Fine",
            )
        values.update(vals)
        return cls.Visit.create(values)

    @classmethod
    def _check(cls, employee, code, score, day=10):
        return cls.SpotCheck.create(
            {
                "employee_id": employee.id,
                "criterion_id": cls.criteria[code].id,
                "score": score,
                "date": MONTH_START.replace(day=day),
                "checker_id": cls.supervisor_user.id,
            }
        )

    def _compute(self, employee):
        """The test month's appraisal of ``employee``, computed."""
        appraisal = self.Appraisal.create(
            {"employee_id": employee.id, "date_from": MONTH_START}
        )
        appraisal.action_compute()
        return appraisal

    def _line(self, appraisal, code):
        return appraisal.line_ids.filtered(lambda line: line.criterion_id.code == code)

    def _apply_preset(self, preset):
        """The regulation ``preset`` applied afresh (the Regulation setting)."""
        self.company.sudo().revisit_preset_snapshot = False
        self.company._revisit_apply_preset(preset)

    def _appraise(self, employee, month_start, score):
        """A reviewed appraisal scored ``score``: two spot checks, no visits.

        Without visits the computed criteria are flagged and the total is the
        weighted average of the two spot-check criteria (15 and 15).
        """
        spot_check(self.env, employee, month_start.replace(day=15), score)
        appraisal = self.Appraisal.create(
            {"employee_id": employee.id, "date_from": month_start}
        )
        appraisal.action_compute()
        appraisal.action_review()
        return appraisal
