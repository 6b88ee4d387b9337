from datetime import date, timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

STAFF = "revisit_management.group_revisit_user"
SUPERVISOR = "revisit_management.group_revisit_supervisor"
MANAGER = "revisit_management.group_revisit_manager"


def internal_user(env, login, *groups, **values):
    """A test user ``login`` of the internal users and of ``groups`` (xmlids)."""
    return new_test_user(
        env, login, groups=",".join(("base.group_user", *groups)), **values
    )


def company_user(env, login, groups, company):
    """A test user ``login`` of ``groups`` who works in ``company`` only."""
    return new_test_user(
        env,
        login,
        groups=groups,
        company_id=company.id,
        company_ids=[Command.set(company.ids)],
    )


def trigger_cron(case, xmlid):
    """Run the scheduled action ``xmlid`` now, as the scheduler would."""
    with case.enter_registry_test_mode():
        case.env.ref(xmlid).method_direct_trigger()


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
        cls.manager = internal_user(
            cls.env, "rv_manager", MANAGER, email="manager@example.com"
        )
        cls.head = internal_user(cls.env, "rv_head", SUPERVISOR)
        cls.supervisor = internal_user(cls.env, "rv_supervisor", SUPERVISOR)
        cls.staff = internal_user(cls.env, "rv_staff", STAFF)
        cls.staff2 = internal_user(cls.env, "rv_staff2", STAFF)
        cls.outsider = internal_user(cls.env, "rv_outsider")
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

    @classmethod
    def classified_customers(cls):
        """``top``, a top-secret customer of staff2, and ``conf``, a
        confidential customer of the department, with their contact data."""
        Partner = cls.env["res.partner"]
        cls.top = Partner.create(
            {
                "name": "Top Secret Patient",
                "email": "top@example.com",
                "phone": "+86 138 0000 9999",
                "street": "1 Hidden Road",
                "city": "Hangzhou",
                "revisit_confidentiality": "top_secret",
                "revisit_user_id": cls.staff2.id,
            }
        )
        cls.conf = Partner.create(
            {
                "name": "Confidential Patient",
                "email": "conf@example.com",
                "phone": "+86 138 0000 8888",
                "revisit_confidentiality": "confidential",
                "revisit_department_id": cls.department.id,
            }
        )

    def run_cron(self, xmlid):
        """Run the scheduled action ``xmlid`` (revisit_management's without a
        module) now."""
        trigger_cron(self, xmlid if "." in xmlid else f"revisit_management.{xmlid}")

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

    def answer_survey(self, visit, score, comment=None):
        """The customer answers the questionnaire of ``visit`` through its
        public link: ``score`` to the overall question, and ``comment``."""
        overall = self.env.ref(
            "revisit_management.revisit_survey_satisfaction_q_overall"
        )
        choice = overall.suggested_answer_ids.filtered(
            lambda a: a.answer_score == score
        )
        answer = visit.sudo().survey_user_input_id
        answer._save_lines(overall, choice.id)
        if comment:
            answer._save_lines(
                self.env.ref(
                    "revisit_management.revisit_survey_satisfaction_q_comment"
                ),
                comment,
            )
        answer._mark_done()

    def offsets(self, visits, origin=None):
        origin = origin or self.monday
        return sorted((v.scheduled_date - origin).days for v in visits)


def tour_test(run, chinese=None):
    """A test that runs the test method ``run`` (which starts a tour), in
    English, or in Chinese for the user ``chinese``: the test class's attribute
    of that name, or the xmlid of a user. Each tour runs in both languages: the
    tours find elements by field names, menu ids and button names, never by
    their labels."""

    def test(self):
        if chinese:
            user = self.env.ref(chinese) if "." in chinese else getattr(self, chinese)
            use_chinese(self.env, user, http_case=self)
        getattr(self, run)()

    return test


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
