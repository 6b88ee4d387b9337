from datetime import date, timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


def demo_ref(case, xmlid):
    """The demo record ``xmlid``. The test is skipped on a database installed
    without demo data, and fails when the record's module was installed with
    its demo data and the record is missing."""
    record = case.env.ref(xmlid, raise_if_not_found=False)
    if record:
        return record
    module = case.env["ir.module.module"].search([("name", "=", xmlid.split(".")[0])])
    if module.demo:
        case.fail(f"{xmlid} is missing: {module.name} was installed with its demo")
    case.skipTest("demo data not installed")


class RevisitCase(TransactionCase):
    """Staff, a department and customers for the revisit tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # texts the engine writes into visits are in the company's language:
        # English here (test_engine_trust checks Chinese)
        cls.company.partner_id.lang = "en_US"
        cls.company.write(
            {
                "revisit_min_interval_days": 7,
                "revisit_retry_count": 2,
                "revisit_low_satisfaction": 2,
                # every open visit of these tests has its assignee's activity;
                # the horizon itself is tested in test_engine_trust
                "revisit_reminder_days": 36500,
            }
        )
        default_rules = cls.env["ir.model.data"].search(
            [("module", "=", "revisit_management"), ("model", "=", "revisit.rule")]
        )
        cls.env["revisit.rule"].search(
            [("id", "not in", default_rules.mapped("res_id"))]
        ).active = False
        # the engine is tested on the rules as shipped, without the demo
        # clinic's departments (test_rules_triggers checks those)
        cls.env["revisit.rule"].search([("department_id", "!=", False)]).write(
            {"department_id": False}
        )
        # nor its regulation (test_presets checks the presets)
        cls.env["revisit.rule"].with_context(active_test=False).search([]).write(
            {"department_first": False, "close_required_field_ids": [Command.clear()]}
        )
        cls.company.write(
            {
                "revisit_close_required_field_ids": [Command.clear()],
                "revisit_onsite_technical": False,
            }
        )
        cls.Visit = cls.env["revisit.visit"]
        cls.Event = cls.env["revisit.event"]
        cls.manager = new_test_user(
            cls.env,
            "rv_manager",
            groups="base.group_user,revisit_management.group_revisit_manager",
            email="manager@example.com",
        )
        cls.head = new_test_user(
            cls.env,
            "rv_head",
            groups="base.group_user,revisit_management.group_revisit_supervisor",
        )
        cls.supervisor = new_test_user(
            cls.env,
            "rv_supervisor",
            groups="base.group_user,revisit_management.group_revisit_supervisor",
        )
        cls.staff = new_test_user(
            cls.env,
            "rv_staff",
            groups="base.group_user,revisit_management.group_revisit_user",
        )
        cls.staff2 = new_test_user(
            cls.env,
            "rv_staff2",
            groups="base.group_user,revisit_management.group_revisit_user",
        )
        cls.outsider = new_test_user(cls.env, "rv_outsider", groups="base.group_user")
        Employee = cls.env["hr.employee"]
        cls.head_employee = Employee.create({"name": "Head", "user_id": cls.head.id})
        cls.department = cls.env["hr.department"].create(
            {"name": "Aftercare", "manager_id": cls.head_employee.id}
        )
        Employee.create(
            [
                {
                    "name": "Supervisor",
                    "user_id": cls.supervisor.id,
                    "department_id": cls.department.id,
                },
                {
                    "name": "Staff",
                    "user_id": cls.staff.id,
                    "department_id": cls.department.id,
                },
                {
                    "name": "Staff 2",
                    "user_id": cls.staff2.id,
                    "department_id": cls.department.id,
                },
                {
                    "name": "Not revisit staff",
                    "user_id": cls.outsider.id,
                    "department_id": cls.department.id,
                },
            ]
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Wang Fang", "email": "wang@example.com"}
        )
        cls.monday = date(2030, 1, 7)  # a Monday

    def rule(self, xmlid):
        return self.env.ref(f"revisit_management.revisit_rule_{xmlid}")

    def event(self, trigger, partner=None, day=None, **values):
        return self.Event.create(
            {
                "partner_id": (partner or self.customer).id,
                "trigger": trigger,
                "date": day or self.monday,
                **values,
            }
        )

    def visit(self, **values):
        day = values.pop("scheduled_date", self.monday)
        return self.Visit.create(
            {
                "partner_id": self.customer.id,
                "scheduled_date": day,
                "deadline": day + timedelta(days=3),
                "user_id": self.staff.id,
                **values,
            }
        )

    def offsets(self, visits, origin=None):
        origin = origin or self.monday
        return sorted((v.scheduled_date - origin).days for v in visits)


def use_chinese(env, users, http_case=None):
    """Give `users` the Chinese interface. The test database is built with
    Chinese loaded (scripts/test); elsewhere the language is activated and the
    installed modules' terms loaded here. With `http_case`, the web client's
    Chinese terms are computed once before a tour asks for them."""
    lang = (
        env["res.lang"].with_context(active_test=False).search([("code", "=", "zh_CN")])
    )
    if not lang.active:
        env["res.lang"]._activate_lang("zh_CN")
        env["ir.module.module"].search(
            [("state", "=", "installed")]
        )._update_translations("zh_CN")
    users.write({"lang": "zh_CN"})
    if http_case:
        response = http_case.url_open(
            "/web/webclient/translations?lang=zh_CN", timeout=300
        )
        response.raise_for_status()
        assert response.json()["lang"] == "zh_CN"
