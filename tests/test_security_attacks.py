"""Attack suite: every group tries, through the ORM and through JSON-RPC as a
logged-in user, to read and write what it must not; customer-supplied text
with HTML/script payloads is escaped in reports, e-mails and portal pages;
questionnaire links carry unguessable per-visit tokens.

Each test counts its attempts and logs the counts (tried, refused, escaped)."""

import logging
from datetime import date

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

_logger = logging.getLogger(__name__)

PAYLOAD = '<script>alert("revisit-xss")</script><img src=x onerror=alert(1)>'
RAW = ('<script>alert("revisit-xss")', "<img src=x onerror")
ESCAPED = "&lt;script&gt;alert("
REFUSED = (AccessError, MissingError, UserError, ValidationError)
VISIT = "revisit.visit"
PLAN = "revisit.plan"
APPRAISAL = "revisit.appraisal"
REWARD = "revisit.appraisal.reward.line"
TICKET = "helpdesk.ticket"


@tagged("post_install", "-at_install")
class TestSecurityAttacks(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = env.company
        cls.company_b = env["res.company"].create({"name": "Other Clinic"})
        Department = env["hr.department"]
        cls.dept1 = Department.create({"name": "Revisit desk 1"})
        cls.dept2 = Department.create({"name": "Revisit desk 2"})
        cls.dept_b = Department.create(
            {"name": "Other desk", "company_id": cls.company_b.id}
        )
        user_g = "revisit_management.group_revisit_user"
        sup_g = "revisit_management.group_revisit_supervisor"
        man_g = "revisit_management.group_revisit_manager"
        hr_g = "revisit_appraisal.group_revisit_appraisal_hr"
        cls.users = {}
        cls.employees = {}

        def user(login, groups, dept=None, company=company):
            record = new_test_user(
                env,
                login,
                groups=groups,
                password=f"{login}-Pw-2026",
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )
            cls.users[login] = record
            if dept:
                cls.employees[login] = env["hr.employee"].create(
                    {
                        "name": login,
                        "user_id": record.id,
                        "department_id": dept.id,
                        "company_id": company.id,
                    }
                )
            return record

        user("atk_user1", user_g, cls.dept1)
        user("atk_user2", user_g, cls.dept1)
        user("atk_member", sup_g, cls.dept1)  # supervisor, not the head
        user("atk_head1", sup_g, cls.dept1)
        user("atk_head2", sup_g, cls.dept2)
        user("atk_manager", man_g)
        user("atk_hr", hr_g)
        user("atk_other", man_g, cls.dept_b, company=cls.company_b)
        cls.dept1.manager_id = cls.employees["atk_head1"]
        cls.dept2.manager_id = cls.employees["atk_head2"]

        Partner = env["res.partner"]
        u = cls.users

        def customer(name, owner, level="normal", company=False):
            return Partner.create(
                {
                    "name": name,
                    "email": f"{name.split()[0].lower()}@example.com",
                    "revisit_user_id": owner.id,
                    "revisit_confidentiality": level,
                    "revisit_min_interval_days": 0,
                    "company_id": company and company.id,
                }
            )

        cls.p_portal = customer("Portalcustomer", u["atk_user1"])
        cls.p_other = customer("Othercustomer", u["atk_user2"])
        cls.p_secret = customer("Secretcustomer", u["atk_user2"], "secret")
        cls.p_conf = customer("Confcustomer", u["atk_user2"], "confidential")
        cls.p_top = customer("Topcustomer", u["atk_user2"], "top_secret")
        cls.p_d2 = customer("Deptcustomer", u["atk_head2"])
        cls.p_b = customer("Bcustomer", u["atk_other"], company=cls.company_b)
        cls.portal = new_test_user(
            env,
            "atk_portal",
            groups="base.group_portal",
            password="atk_portal-Pw-2026",
            partner_id=cls.p_portal.id,
        )
        cls.users["atk_portal"] = cls.portal

        Visit = env[VISIT]
        today = date.today()

        def visit(partner, assignee, dept, company=company, **vals):
            return Visit.with_company(company).create(
                dict(
                    {
                        "partner_id": partner.id,
                        "user_id": assignee.id,
                        "department_id": dept.id,
                        "scheduled_date": today,
                        "company_id": company.id,
                    },
                    **vals,
                )
            )

        cls.v_own = visit(cls.p_portal, u["atk_user1"], cls.dept1, feedback=PAYLOAD)
        cls.v_other = visit(cls.p_other, u["atk_user2"], cls.dept1, feedback="kept")
        cls.v_secret = visit(cls.p_secret, u["atk_user1"], cls.dept1, feedback="kept")
        cls.v_conf = visit(cls.p_conf, u["atk_user2"], cls.dept1, feedback="kept")
        cls.v_top = visit(cls.p_top, u["atk_user2"], cls.dept1, feedback="kept")
        cls.v_d2 = visit(cls.p_d2, u["atk_head2"], cls.dept2, feedback="kept")
        cls.v_b = visit(
            cls.p_b, u["atk_other"], cls.dept_b, company=cls.company_b, feedback="kept"
        )
        Plan = env[PLAN]
        cls.plan_d2 = Plan.create(
            {
                "name": "Desk 2 plan",
                "user_id": u["atk_head2"].id,
                "department_id": cls.dept2.id,
                "date_from": today,
                "date_to": today,
            }
        )
        cls.plan_b = Plan.with_company(cls.company_b).create(
            {
                "name": "Other company plan",
                "user_id": u["atk_other"].id,
                "department_id": cls.dept_b.id,
                "date_from": today,
                "date_to": today,
                "company_id": cls.company_b.id,
            }
        )
        Appraisal = env[APPRAISAL]
        first = today.replace(day=1)
        cls.app_user1 = Appraisal.create(
            {"employee_id": cls.employees["atk_user1"].id, "date_from": first}
        )
        cls.app_user2 = Appraisal.create(
            {"employee_id": cls.employees["atk_user2"].id, "date_from": first}
        )
        cls.app_b = Appraisal.with_company(cls.company_b).create(
            {
                "employee_id": cls.employees["atk_other"].id,
                "date_from": first,
                "company_id": cls.company_b.id,
            }
        )
        cls.reward_user2 = env[REWARD].create(
            {
                "appraisal_id": cls.app_user2.id,
                "employee_id": cls.employees["atk_user2"].id,
                "kind": "bonus",
                "amount": 500.0,
                "date": today,
            }
        )
        Ticket = env[TICKET]
        cls.ticket_other = Ticket.create(
            {
                "name": "Noise at night",
                "description": "<p>kept</p>",
                "partner_id": cls.p_other.id,
                "is_complaint": True,
            }
        )
        cls.ticket_b = Ticket.with_company(cls.company_b).create(
            {
                "name": "Other company complaint",
                "description": "<p>kept</p>",
                "partner_id": cls.p_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.tried = cls.refused = 0

    # ------------------------------------------------------------------ attacks
    def attacks(self):
        """(login, model, record, operation, fields or values) the login must be
        refused: read and write others' visits, other departments' plans,
        appraisal amounts, another company's records, files above one's
        confidentiality level."""
        write = {"feedback": "tampered"}
        return [
            # revisit user: other people's visits, confidentiality, review
            ("atk_user1", VISIT, self.v_other, "read", ["feedback"]),
            ("atk_user1", VISIT, self.v_other, "write", write),
            ("atk_user1", VISIT, self.v_other, "search", ["feedback"]),
            ("atk_user1", VISIT, self.v_secret, "read", ["feedback"]),
            ("atk_user1", VISIT, self.v_secret, "write", write),
            ("atk_user1", VISIT, self.v_top, "read", ["feedback"]),
            ("atk_user1", VISIT, self.v_own, "write", {"review_comment": "self"}),
            ("atk_user1", VISIT, self.v_b, "read", ["feedback"]),
            ("atk_user1", PLAN, self.plan_d2, "read", ["name"]),
            ("atk_user1", PLAN, self.plan_d2, "write", {"name": "tampered"}),
            ("atk_user1", APPRAISAL, self.app_user2, "read", ["score"]),
            ("atk_user1", APPRAISAL, self.app_user1, "read", ["bonus_amount"]),
            ("atk_user1", APPRAISAL, self.app_user1, "write", {"note": "self"}),
            ("atk_user1", REWARD, self.reward_user2, "read", ["amount"]),
            ("atk_user2", REWARD, self.reward_user2, "read", ["amount"]),
            ("atk_user2", REWARD, self.reward_user2, "write", {"amount": 9999.0}),
            ("atk_user1", TICKET, self.ticket_other, "read", ["description"]),
            # supervisor of the department but not its head
            ("atk_member", VISIT, self.v_conf, "read", ["feedback"]),
            ("atk_member", VISIT, self.v_top, "read", ["feedback"]),
            ("atk_member", VISIT, self.v_conf, "write", write),
            # head of department 1
            ("atk_head1", VISIT, self.v_top, "read", ["feedback"]),
            ("atk_head1", VISIT, self.v_top, "write", write),
            ("atk_head1", VISIT, self.v_d2, "read", ["feedback"]),
            ("atk_head1", VISIT, self.v_d2, "write", write),
            ("atk_head1", VISIT, self.v_d2, "search", ["feedback"]),
            ("atk_head1", PLAN, self.plan_d2, "read", ["name"]),
            ("atk_head1", PLAN, self.plan_d2, "write", {"name": "tampered"}),
            ("atk_head1", APPRAISAL, self.app_user2, "read", ["bonus_amount"]),
            ("atk_head1", REWARD, self.reward_user2, "read", ["amount"]),
            ("atk_head1", REWARD, self.reward_user2, "write", {"amount": 9999.0}),
            # revisit manager: money and the other company
            ("atk_manager", APPRAISAL, self.app_user2, "read", ["bonus_amount"]),
            ("atk_manager", REWARD, self.reward_user2, "read", ["amount"]),
            ("atk_manager", REWARD, self.reward_user2, "write", {"amount": 1.0}),
            ("atk_manager", VISIT, self.v_b, "read", ["feedback"]),
            ("atk_manager", VISIT, self.v_b, "write", write),
            ("atk_manager", VISIT, self.v_b, "search", ["feedback"]),
            ("atk_manager", PLAN, self.plan_b, "read", ["name"]),
            ("atk_manager", APPRAISAL, self.app_b, "read", ["score"]),
            ("atk_manager", TICKET, self.ticket_b, "read", ["description"]),
            # HR: the other company; visits outside any department of theirs
            ("atk_hr", APPRAISAL, self.app_b, "read", ["score"]),
            ("atk_hr", APPRAISAL, self.app_b, "write", {"note": "tampered"}),
            ("atk_hr", VISIT, self.v_other, "write", write),
            ("atk_hr", VISIT, self.v_top, "read", ["feedback"]),
            ("atk_hr", VISIT, self.v_b, "read", ["feedback"]),
            # portal customer: nothing of the back office, not even their own
            ("atk_portal", VISIT, self.v_own, "read", ["feedback"]),
            ("atk_portal", VISIT, self.v_own, "write", write),
            ("atk_portal", VISIT, self.v_other, "search", ["feedback"]),
            ("atk_portal", PLAN, self.plan_d2, "read", ["name"]),
            ("atk_portal", APPRAISAL, self.app_user2, "read", ["score"]),
            ("atk_portal", REWARD, self.reward_user2, "read", ["amount"]),
            ("atk_portal", TICKET, self.ticket_other, "read", ["description"]),
            ("atk_portal", TICKET, self.ticket_other, "write", {"name": "tampered"}),
            # a user of another company
            ("atk_other", VISIT, self.v_other, "read", ["feedback"]),
            ("atk_other", VISIT, self.v_other, "write", write),
            ("atk_other", VISIT, self.v_other, "search", ["feedback"]),
            ("atk_other", PLAN, self.plan_d2, "read", ["name"]),
            ("atk_other", PLAN, self.plan_d2, "write", {"name": "tampered"}),
            ("atk_other", APPRAISAL, self.app_user2, "read", ["score"]),
            ("atk_other", TICKET, self.ticket_other, "read", ["description"]),
        ]

    def snapshot(self, record, values):
        record.invalidate_recordset()
        return record.sudo().read(list(values))[0]

    def orm_attempt(self, login, model, record, operation, arg):
        """Try as `login`; True when refused."""
        env = self.env(user=self.users[login])
        target = env[model].browse(record.id)
        try:
            with self.env.cr.savepoint():
                if operation == "read":
                    target.read(arg)
                elif operation == "write":
                    target.write(arg)
                    target.flush_recordset()
                else:
                    return not env[model].search_read([("id", "=", record.id)], arg)
        except REFUSED:
            return True
        return False

    def rpc_attempt(self, login, model, record, operation, arg):
        """Try as `login` through /web/dataset/call_kw; True when refused."""
        if operation == "search":
            method, args, kwargs = (
                "search_read",
                [[("id", "=", record.id)]],
                {"fields": arg},
            )
        else:
            method, args, kwargs = operation, [[record.id], arg], {}
        try:
            result = self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {"model": model, "method": method, "args": args, "kwargs": kwargs},
            )
        except JsonRpcException as error:
            # the message is the exception's class name
            return str(error).rsplit(".", 1)[-1] in {e.__name__ for e in REFUSED}
        return operation == "search" and not result

    def run_attacks(self, channel):
        tried = refused = 0
        breaches = []
        for login, model, record, operation, arg in self.attacks():
            keys = arg if operation == "write" else []
            before = self.snapshot(record, keys) if keys else None
            if channel == "rpc":
                self.authenticate(login, f"{login}-Pw-2026")
                ok = self.rpc_attempt(login, model, record, operation, arg)
            else:
                ok = self.orm_attempt(login, model, record, operation, arg)
            if keys:
                ok = ok and self.snapshot(record, keys) == before
            tried += 1
            refused += ok
            if not ok:
                breaches.append(f"{login} {operation} {model}({record.id}) {arg}")
        _logger.info(
            "security attacks via %s: %d tried, %d refused", channel, tried, refused
        )
        type(self).tried += tried
        type(self).refused += refused
        self.assertGreaterEqual(tried, 50)
        self.assertEqual(breaches, [], f"{len(breaches)} attempts were not refused")
        self.assertEqual(tried, refused)

    def test_orm_attacks_refused(self):
        self.run_attacks("orm")

    def test_jsonrpc_attacks_refused(self):
        self.run_attacks("rpc")

    def test_allowed_reads_still_work(self):
        """The suite is not vacuous: the same users do read what is theirs."""
        allowed = [
            ("atk_user1", VISIT, self.v_own),
            ("atk_user2", VISIT, self.v_top),  # the top-secret customer's owner
            ("atk_head1", VISIT, self.v_conf),  # head of the visit's department
            ("atk_manager", VISIT, self.v_top),
            ("atk_head2", PLAN, self.plan_d2),
            ("atk_other", VISIT, self.v_b),
            ("atk_hr", REWARD, self.reward_user2),
        ]
        for login, model, record in allowed:
            with self.subTest(login=login, model=model):
                env = self.env(user=self.users[login])
                self.assertEqual(env[model].search([("id", "=", record.id)]), record)

    # ----------------------------------------------------------------- payloads
    def assert_escaped(self, where, text, counts):
        text = text.decode() if isinstance(text, bytes) else str(text)
        counts["checked"] += 1
        for raw in RAW:
            self.assertNotIn(raw, text, f"raw payload in {where}")
        if ESCAPED in text:
            counts["escaped"] += 1

    def test_payloads_escaped(self):
        counts = {"checked": 0, "escaped": 0}
        evil = self.env["res.partner"].create(
            {"name": f"Evil {PAYLOAD}", "email": "evil@example.com"}
        )
        visit = self.env[VISIT].create(
            {
                "partner_id": evil.id,
                "user_id": self.users["atk_user1"].id,
                "scheduled_date": date.today(),
                "method": "survey",
                "feedback": PAYLOAD,
                "problem": PAYLOAD,
                "purpose": PAYLOAD,
            }
        )
        # survey answers typed by the customer, saved before the renderings below
        visit.action_send_survey()
        answer = visit.sudo().survey_user_input_id
        question = answer.survey_id.question_ids.filtered(
            lambda q: q.question_type in ("text_box", "char_box")
        )[:1]
        self.assertTrue(question, "the questionnaire has no free-text question")
        answer._save_lines(question, PAYLOAD)
        # reports (QWeb HTML of every report on visits)
        Report = self.env["ir.actions.report"]
        for report in Report.search([("model", "=", VISIT)]):
            html, _kind = Report._render_qweb_html(report.report_name, visit.ids)
            self.assert_escaped(f"report {report.report_name}", html, counts)
        # e-mails: every template on visits and tickets, subject and body
        ticket = self.env[TICKET].create(
            {
                "name": f"Leak {PAYLOAD}",
                "description": PAYLOAD,
                "partner_id": self.p_portal.id,
                "is_complaint": True,
                "cause_analysis": PAYLOAD,
                "corrective_action": PAYLOAD,
            }
        )
        self.assertNotIn("<script", ticket.description or "")
        for model, record in ((VISIT, visit), (TICKET, ticket)):
            for template in self.env["mail.template"].search(
                [("model_id.model", "=", model)]
            ):
                for field in ("subject", "body_html"):
                    rendered = template._render_field(field, record.ids)[record.id]
                    self.assert_escaped(
                        f"mail {template.name} {field}", rendered, counts
                    )
        # the chatter message the visit's customer text ends up in
        visit.message_post(body=visit.feedback)
        self.assert_escaped("chatter", visit.message_ids[:1].body, counts)
        # portal page of the customer's complaint
        self.authenticate("atk_portal", "atk_portal-Pw-2026")
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Leak", response.text)
        self.assert_escaped("portal ticket page", response.text, counts)
        # the answer's print page (public, by its token)
        self.authenticate(None, None)
        response = self.url_open(
            f"/survey/print/{answer.survey_id.access_token}"
            f"?answer_token={answer.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assert_escaped("survey answer page", response.text, counts)
        _logger.info(
            "payloads: %d renderings checked, %d showed the escaped payload, 0 raw",
            counts["checked"],
            counts["escaped"],
        )
        self.assertGreaterEqual(counts["escaped"], 4)

    # ------------------------------------------------------------------- tokens
    def test_questionnaire_tokens_per_visit(self):
        survey_visits = self.env[VISIT].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": self.users["atk_user1"].id,
                    "scheduled_date": date.today(),
                    "method": "survey",
                }
                for partner in (self.p_portal, self.p_other)
            ]
        )
        first, second = survey_visits
        tokens = survey_visits.sudo().mapped("access_token")
        self.assertEqual(len(set(tokens)), 2, "each visit has its own token")
        for token in tokens:
            self.assertGreaterEqual(len(token.replace("-", "")), 32)
        survey_visits.action_send_survey()
        answers = survey_visits.sudo().survey_user_input_id
        self.assertEqual(len(answers), 2, "one answer per visit")
        self.assertNotEqual(answers[0].access_token, answers[1].access_token)
        # the link opens that visit's answer only; a guessed token opens none
        self.authenticate(None, None)
        survey = answers[0].survey_id
        own, other = answers[0].access_token, answers[1].access_token
        for token, expected in ((own, own), ("0" * 36, None), (tokens[0], None)):
            page = self.url_open(
                f"/survey/start/{survey.access_token}?answer_token={token}"
            ).text
            if expected:
                self.assertIn(expected, page)
            else:
                self.assertNotIn(own, page, f"token {token} opened an answer")
            self.assertNotIn(other, page, f"token {token} opened another answer")
        # answering the first visit's questionnaire scores that visit only
        first_answer = first.sudo().survey_user_input_id
        first_answer._mark_done()
        self.assertEqual(first.state, "done")
        self.assertEqual(second.state, "todo")
        self.assertFalse(second.satisfaction)
        # a public answer to the same questionnaire, without a visit token,
        # touches no visit
        stray = survey.sudo()._create_answer(partner=self.p_other, check_attempts=False)
        stray._mark_done()
        self.assertEqual(second.state, "todo")
        _logger.info("questionnaire tokens: 2 visits, 2 distinct tokens, 3 checks")

    @classmethod
    def tearDownClass(cls):
        _logger.info(
            "security suite: %d attempts tried, %d refused", cls.tried, cls.refused
        )
        super().tearDownClass()
