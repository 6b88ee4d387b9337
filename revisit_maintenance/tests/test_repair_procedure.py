from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRepairProcedure(TransactionCase):
    """M3 (seed 001, 设备回访管理制度 3.3-3.9, 5): problem log, repair plan and
    budget, managers' opinion, repair report with its cost, settlement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.technician = new_test_user(
            cls.env, "rv_repair_technician", groups="base.group_user"
        )
        managers = "base.group_user,maintenance.group_equipment_manager"
        cls.equipment_manager = new_test_user(cls.env, "rv_repair_eqm", groups=managers)
        cls.finance_manager = new_test_user(cls.env, "rv_repair_fin", groups=managers)
        cls.department_manager = new_test_user(
            cls.env, "rv_repair_dept", groups="base.group_user"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Zhao Clinic"})
        cls.equipment = cls.env["maintenance.equipment"].create(
            {"name": "Dental X-ray unit", "customer_id": cls.customer.id}
        )

    def test_M3_equipment_repair_procedure_plan_budget_opinion_report_settlement(self):
        request = (
            self.env["maintenance.request"]
            .with_user(self.technician)
            .create(
                {
                    "name": "X-ray unit overheats",
                    "equipment_id": self.equipment.id,
                    "user_id": self.technician.id,
                    "repair_problem_log": "Fan bearing worn, unit overheats",
                }
            )
        )
        request.message_subscribe(self.department_manager.partner_id.ids)
        self.assertEqual(request.repair_state, "problem")
        # the technician neither plans nor moves the procedure by hand
        with self.assertRaises(AccessError):
            request.action_repair_submit_plan()
        with self.assertRaises(UserError):
            request.write({"repair_state": "settled"})
        planned = request.with_user(self.equipment_manager)
        with self.assertRaises(UserError):
            planned.action_repair_submit_plan()  # no plan or budget yet
        planned.write({"repair_plan": "Replace the fan", "repair_budget": 800})
        planned.action_repair_submit_plan()
        self.assertEqual(request.repair_state, "consulting")
        with self.assertRaises(UserError):
            planned.action_repair_approve_plan()  # nobody was asked
        opinion = (
            self.env["maintenance.request.opinion"]
            .with_user(self.department_manager)
            .create(
                {
                    "request_id": request.id,
                    "opinion": "Agreed, before the next quarter",
                    "user_id": self.equipment_manager.id,
                }
            )
        )
        self.assertEqual(opinion.user_id, self.department_manager)
        planned.action_repair_approve_plan()
        self.assertEqual(request.repair_approved_by_id, self.equipment_manager)
        with self.assertRaises(UserError):
            planned.repair_budget = 5000
        with self.assertRaises(UserError):
            opinion.with_user(self.department_manager).opinion = "Changed my mind"
        worker = request.with_user(self.technician)
        with self.assertRaises(UserError):
            worker.action_repair_report()  # no report yet
        worker.write({"repair_report": "Fan replaced", "repair_cost": 950})
        worker.action_repair_report()
        self.assertTrue(request.repair_over_budget)
        with self.assertRaises(AccessError):
            worker.action_repair_settle()
        request.with_user(self.finance_manager).action_repair_settle()
        self.assertEqual(request.repair_state, "settled")
        self.assertEqual(request.repair_settled_by_id, self.finance_manager)
        self.assertTrue(request.repair_settled_date)
        with self.assertRaises(UserError):
            worker.repair_cost = 500

    def test_M3_reporter_does_not_settle_own_cost(self):
        request = self.env["maintenance.request"].create(
            {
                "name": "Sensor drift",
                "equipment_id": self.equipment.id,
                "repair_plan": "Recalibrate",
                "repair_budget": 100,
            }
        )
        request.with_user(self.equipment_manager).action_repair_submit_plan()
        self.env["maintenance.request.opinion"].create(
            {"request_id": request.id, "opinion": "Fine"}
        )
        request.with_user(self.equipment_manager).action_repair_approve_plan()
        request.repair_report = "Recalibrated"
        request.with_user(self.equipment_manager).action_repair_report()
        with self.assertRaises(AccessError):
            request.with_user(self.equipment_manager).action_repair_settle()
