"""Confidential customers, outcomes through their workflow, bad input.

Each bad input asserts the error class and that nothing was written."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestTrust(RevisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.classified_customers()
        cls.salesman = new_test_user(
            cls.env, "rv_salesman", groups="base.group_user,base.group_partner_manager"
        )

    def fields_of(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(names)[0]

    # ------------------------------------------------------------------
    # Visit workflow fields
    # ------------------------------------------------------------------

    def test_workflow_fields_only_through_actions(self):
        visit = self.visit()
        as_staff = visit.with_user(self.staff)
        for vals in (
            {"state": "done"},
            {"done_date": self.monday},
            {"done_by_phone": True},
            {"report_date": "2030-01-08 10:00:00"},
            {"report_user_id": self.staff.id},
            {"reviewer_id": self.head.id},
            {"escalation_date": self.monday},
            {"reminder_date": self.monday},
            {"retry_count": 3},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_staff.write(vals)
        with self.assertRaises(AccessError):
            as_staff.write({"review_comment": "self-review"})
        self.assertEqual(visit.state, "todo")
        self.assertFalse(visit.done_date)
        # the actions still work for the same user
        as_staff.write({"satisfaction": 4})
        as_staff.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.satisfaction, 4)
        # frozen once done
        with self.assertRaises(UserError):
            as_staff.write({"satisfaction": 5})
        self.assertEqual(visit.satisfaction, 4)

    def test_visit_cannot_be_born_done(self):
        Visit = self.Visit.with_user(self.staff)
        count = self.Visit.search_count([])
        for state in ("done", "appointed", "unreachable", "cancelled"):
            with self.subTest(state=state), self.assertRaises(UserError):
                Visit.create(
                    {
                        "partner_id": self.customer.id,
                        "scheduled_date": self.monday,
                        "user_id": self.staff.id,
                        "state": state,
                        "satisfaction": 5,
                    }
                )
        # nor with the state slipped in as a context default (RPC)
        for defaults in ({"default_state": "done"}, {"default_done_date": self.monday}):
            with self.subTest(defaults=defaults), self.assertRaises(UserError):
                Visit.with_context(**defaults).create(
                    {
                        "partner_id": self.customer.id,
                        "scheduled_date": self.monday,
                        "user_id": self.staff.id,
                    }
                )
        self.assertEqual(self.Visit.search_count([]), count)
        visit = Visit.create(
            {
                "partner_id": self.customer.id,
                "scheduled_date": self.monday,
                "user_id": self.staff.id,
                "state": "todo",
            }
        )
        self.assertEqual(visit.state, "todo")

    def test_review_through_its_button(self):
        visit = self.visit(department_id=self.department.id)
        visit.with_user(self.head).write({"review_comment": "Fine"})
        visit.with_user(self.head).action_review()
        self.assertEqual(visit.reviewer_id, self.head)
        with self.assertRaises(UserError):
            visit.with_user(self.head).write({"reviewer_id": self.supervisor.id})
        self.assertEqual(visit.reviewer_id, self.head)

    # ------------------------------------------------------------------
    # Visit-done wizard, calendar event
    # ------------------------------------------------------------------

    def test_done_wizard_refuses_unreadable_visits(self):
        other = self.visit(user_id=self.staff2.id, partner_id=self.top.id)
        Wizard = self.env["revisit.visit.done"].with_user(self.staff)
        with self.assertRaises(AccessError):
            Wizard.create({"visit_id": other.id, "satisfaction": "5"})
        company_b = self.env["res.company"].create({"name": "Clinic B"})
        visit_b = self.Visit.with_company(company_b).create(
            {
                "partner_id": self.customer.id,
                "scheduled_date": self.monday,
                "user_id": self.staff.id,
                "company_id": company_b.id,
            }
        )
        with self.assertRaises(UserError):
            Wizard.create({"visit_id": visit_b.id, "satisfaction": "5"})
        self.assertEqual(other.state, "todo")
        self.assertEqual(visit_b.state, "todo")
        mine = self.visit()
        wizard = Wizard.create({"visit_id": mine.id, "satisfaction": "4"})
        self.assertEqual(wizard.partner_id, self.customer)
        wizard.action_done()
        self.assertEqual(mine.state, "done")

    def test_appointment_event_is_private_and_neutral(self):
        self.customer.write({"revisit_dnd_from": 0.0, "revisit_dnd_to": 0.0})
        visit = self.visit(
            appointment_datetime="2030-01-07 02:00:00",
            appointment_place="Ward 7, bed 12",
        )
        visit.with_user(self.staff).action_appoint()
        event = visit.calendar_event_id
        self.assertEqual(event.privacy, "private")
        self.assertNotIn(self.customer.name, event.name)
        self.assertNotIn("Ward 7", event.name)
        self.assertEqual((event.res_model, event.res_id), (visit._name, visit.id))
        seen = event.with_user(self.outsider).read(["name", "location"])[0]
        self.assertNotIn(self.customer.name, seen["name"])
        self.assertFalse(seen["location"])
        mine = event.with_user(self.staff).read(["res_id"])[0]
        self.assertEqual(mine["res_id"], visit.id)

    # ------------------------------------------------------------------
    # Plans, plan lines, events
    # ------------------------------------------------------------------

    def plan(self, **vals):
        return self.env["revisit.plan"].create(
            {
                "name": "Q1",
                "date_from": self.monday,
                "date_to": self.monday + timedelta(days=30),
                **vals,
            }
        )

    def test_plan_without_department_is_the_managers(self):
        plan = self.plan(
            line_ids=[(0, 0, {"partner_id": self.customer.id})],
        )
        plan.action_submit()
        plan.action_approve()
        visits = plan.visit_ids
        self.assertTrue(visits)
        as_sup = plan.with_user(self.supervisor)
        self.assertEqual(as_sup.read(["name"])[0]["name"], "Q1")
        with self.assertRaises(AccessError):
            as_sup.write({"name": "renamed"})
        with self.assertRaises(AccessError):
            as_sup.action_cancel()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(set(visits.mapped("state")), {"todo"})
        with self.assertRaises(UserError):
            self.env["revisit.plan"].with_user(self.supervisor).create(
                {"name": "x", "date_from": self.monday, "date_to": self.monday}
            )
        plan.with_user(self.manager).action_cancel()
        self.assertEqual(plan.state, "cancelled")

    def test_plan_approval_only_by_button(self):
        plan = self.plan(
            department_id=self.department.id,
            line_ids=[(0, 0, {"partner_id": self.customer.id})],
        )
        as_sup = plan.with_user(self.supervisor)
        for vals in ({"state": "approved"}, {"approver_id": self.supervisor.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_sup.write(vals)
        self.assertEqual(plan.state, "draft")
        as_sup.action_submit()
        with self.assertRaises(UserError):
            as_sup.action_approve()  # not the head of the department
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.head).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_plan_lines_follow_confidentiality(self):
        plan = self.plan(
            department_id=self.department.id,
            line_ids=[
                (0, 0, {"partner_id": self.customer.id, "user_id": self.staff.id}),
                (0, 0, {"partner_id": self.top.id, "user_id": self.staff.id}),
                (0, 0, {"partner_id": self.conf.id, "user_id": self.staff2.id}),
            ],
        )
        normal, top, conf = plan.line_ids
        Line = self.env["revisit.plan.line"]
        self.assertEqual(
            Line.with_user(self.staff).search([("id", "in", plan.line_ids.ids)]),
            normal,
        )
        self.assertEqual(
            Line.with_user(self.supervisor).search([("id", "in", plan.line_ids.ids)]),
            normal,
        )
        self.assertEqual(
            Line.with_user(self.head).search([("id", "in", plan.line_ids.ids)]),
            normal | conf,
        )
        with self.assertRaises(AccessError):
            top.with_user(self.supervisor).write({"purpose": "x"})
        with self.assertRaises(AccessError):
            top.with_user(self.supervisor).unlink()
        with self.assertRaises(AccessError):
            conf.with_user(self.staff).read(["partner_id"])
        self.assertTrue(top.exists())
        self.assertFalse(top.purpose)

    def test_events_follow_confidentiality(self):
        event = self.event("surgery", partner=self.top, reference="SURG-1")
        self.assertTrue(event.visit_ids)
        Event = self.Event.with_user(self.staff)
        self.assertFalse(
            Event.search([("partner_id.revisit_confidentiality", "=", "top_secret")])
        )
        with self.assertRaises(AccessError):
            event.with_user(self.staff).read(["reference"])
        with self.assertRaises(AccessError):
            event.with_user(self.supervisor).read(["reference"])
        # the owner reads it, the head too for a confidential customer
        self.assertEqual(event.with_user(self.staff2).reference, "SURG-1")
        conf_event = self.event("surgery", partner=self.conf)
        self.assertEqual(conf_event.with_user(self.head).trigger, "surgery")
        # no regeneration through a write by non-managers
        count = len(event.visit_ids)
        own = Event.create(
            {"partner_id": self.customer.id, "trigger": "surgery", "date": self.monday}
        )
        with self.assertRaises(UserError):
            own.write({"date": self.monday + timedelta(days=1)})
        with self.assertRaises(UserError):
            own.write({"partner_id": self.top.id})
        self.assertEqual(own.partner_id, self.customer)
        self.assertEqual(len(event.visit_ids), count)

    # ------------------------------------------------------------------
    # Contact data of confidential customers
    # ------------------------------------------------------------------

    def test_contact_data_hidden_outside_the_file(self):
        names = ["name", "email", "phone", "street", "city", "contact_address"]
        for user in (self.salesman, self.outsider, self.staff, self.supervisor):
            with self.subTest(user=user.login):
                values = self.top.with_user(user).read(names)[0]
                self.assertEqual(values["name"], "Top Secret Patient")
                for name in names[1:]:
                    self.assertFalse(values[name], f"{name} leaked")
                rows = (
                    self.env["res.partner"]
                    .with_user(user)
                    .search_read([("id", "=", self.top.id)], ["email", "phone"])
                )
                self.assertFalse(rows[0]["email"] or rows[0]["phone"])
                web = self.top.with_user(user).web_read({"email": {}, "phone": {}})
                self.assertFalse(web[0]["email"] or web[0]["phone"])
        # the owner and managers read it; the head reads confidential customers
        self.assertEqual(
            self.top.with_user(self.staff2).read(["email"])[0]["email"],
            "top@example.com",
        )
        self.assertEqual(
            self.top.with_user(self.manager).read(["phone"])[0]["phone"],
            "+86 138 0000 9999",
        )
        self.assertEqual(
            self.conf.with_user(self.head).read(["email"])[0]["email"],
            "conf@example.com",
        )
        self.assertFalse(self.conf.with_user(self.staff).read(["email"])[0]["email"])
        # a visit of the customer assigned to a user the rules let read it opens it
        self.visit(
            partner_id=self.conf.id,
            user_id=self.staff2.id,
            department_id=self.department.id,
        )
        self.assertFalse(
            self.conf.with_user(self.supervisor).read(["email"])[0]["email"]
        )
        # ordinary customers are untouched; server code still sees the values
        self.assertEqual(
            self.customer.with_user(self.salesman).read(["email"])[0]["email"],
            "wang@example.com",
        )
        self.assertEqual(self.top.with_user(self.salesman).email, "top@example.com")

    def test_only_supervisors_change_the_revisit_owner(self):
        for vals in (
            {"revisit_user_id": self.salesman.id},
            {"revisit_department_id": False},
            {"revisit_confidentiality": "normal"},
        ):
            for user in (self.salesman, self.staff):
                with self.subTest(vals=vals, user=user.login):
                    with self.assertRaises(AccessError):
                        self.conf.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.salesman).create(
                {"name": "Mine", "revisit_user_id": self.salesman.id}
            )
        self.assertEqual(self.conf.revisit_confidentiality, "confidential")
        self.assertEqual(self.conf.revisit_department_id, self.department)
        # ordinary contact edits still work, and supervisors (who may edit
        # contacts) change the owner
        self.supervisor.group_ids |= self.env.ref("base.group_partner_manager")
        self.customer.with_user(self.salesman).write({"name": "Wang Fang Jr"})
        self.env["res.partner"].with_user(self.salesman).create({"name": "New one"})
        self.conf.with_user(self.supervisor).write({"revisit_user_id": self.staff.id})
        self.assertEqual(self.conf.revisit_user_id, self.staff)

    # ------------------------------------------------------------------
    # Questionnaire links
    # ------------------------------------------------------------------

    def test_questionnaire_link_expires_and_late_answer_is_flagged(self):
        self.company.revisit_survey_valid_days = 10
        visit = self.visit(method="survey")
        visit.action_send_survey()
        answer = visit.survey_user_input_id
        self.assertTrue(answer.deadline)
        delta = answer.deadline - self.env.cr.now()
        self.assertAlmostEqual(delta.total_seconds(), 10 * 86400, delta=3600)
        # closed by phone with 5, then the customer answers 1
        visit.write({"satisfaction": 5})
        visit.action_done()
        self.answer_survey(visit, 1)
        self.assertEqual(visit.satisfaction, 5, "the recorded score is kept")
        self.assertTrue(visit.survey_conflict)
        self.assertEqual(visit.survey_user_input_id, answer)
        with self.assertRaises(ValidationError):
            self.company.revisit_survey_valid_days = 0

    def test_survey_deadline_on_every_send_and_no_visit_token(self):
        """Odoo's survey controller refuses an answer past its deadline; the
        deadline is set on every send, and visits carry no token of their own."""
        visit = self.visit(method="email")
        visit.action_send_survey()
        first = visit.survey_user_input_id.deadline
        self.assertTrue(first)
        self.assertNotIn("access_token", self.Visit._fields)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    def assert_bad_visit(self, vals, error=ValidationError):
        count = self.Visit.search_count([])
        with self.assertRaises(error):
            self.Visit.with_user(self.staff).create(
                {
                    "partner_id": self.customer.id,
                    "scheduled_date": self.monday,
                    "user_id": self.staff.id,
                    **vals,
                }
            )
        self.assertEqual(self.Visit.search_count([]), count)

    def test_bad_visit_values(self):
        for vals in (
            {"satisfaction": "abc"},
            {"satisfaction": 3.7},
            {"satisfaction": 9},
            {"partner_id": "abc"},
            {"method": "pigeon"},
            {"scheduled_date": "2026-02-30"},
            {"scheduled_date": "0001-01-01"},
            {"scheduled_date": "4764-01-01"},
            {"deadline": "9999-12-31"},
            {"duration": -1.0},
            {"cost": -5.0},
        ):
            with self.subTest(vals=vals):
                self.assert_bad_visit(vals)
        archived = new_test_user(self.env, "rv_gone", groups="base.group_user")
        archived.active = False
        self.assert_bad_visit({"user_id": archived.id})
        visit = self.visit()
        for vals in ({"satisfaction": "abc"}, {"scheduled_date": "9999-12-31"}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                visit.with_user(self.staff).write(vals)
        self.assertEqual(visit.scheduled_date, self.monday)
        self.assertFalse(visit.satisfaction)

    def test_bad_partner_and_event_dates(self):
        with self.assertRaises(ValidationError):
            self.customer.write({"revisit_dnd_until": "9999-12-31"})
        self.assertFalse(self.customer.revisit_dnd_until)
        with self.assertRaises(ValidationError):
            self.customer.write({"revisit_min_interval_days": 2**31})
        count = self.Event.search_count([])
        for day in ("9999-12-30", "2026-02-30", "0001-01-01"):
            with self.subTest(day=day), self.assertRaises(ValidationError):
                self.Event.create(
                    {"partner_id": self.customer.id, "trigger": "surgery", "date": day}
                )
        gone = self.env["res.partner"].create({"name": "Gone", "active": False})
        with self.assertRaises(ValidationError):
            self.Event.create(
                {"partner_id": gone.id, "trigger": "surgery", "date": self.monday}
            )
        self.assertEqual(self.Event.search_count([]), count)
        self.assertFalse(self.Visit.search([("partner_id", "=", gone.id)]))

    def test_bad_rules_and_steps(self):
        rule = self.rule("surgery")
        step = rule.step_ids[:1]
        for vals in (
            {"offset_days": 2**31},
            {"offset_days": 4000},
            {"window_days": -1},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                step.write(vals)
        self.assertEqual(step.offset_days, 1)
        Rule = self.env["revisit.rule"]
        count = Rule.search_count([])
        with self.assertRaises(ValidationError):
            Rule.create({"name": "Empty", "trigger": "repair"})
        self.assertEqual(Rule.search_count([]), count)
        lonely = self.rule("discharge")
        with self.assertRaises(UserError):
            lonely.step_ids.unlink()
        self.assertTrue(lonely.step_ids)
        self.event("surgery")
        with self.assertRaises(UserError):
            rule.unlink()
        self.assertTrue(rule.exists())
        rule.action_archive()
        self.assertFalse(rule.active)

    def test_dashboard_and_export_inputs(self):
        Report = self.env["revisit.visit.report"].with_user(self.head)
        for args in (
            ("abc", None),
            ("2026-02-30", None),
            ("9999-12-31", None),
            ("2030-02-01", "2030-01-01"),
        ):
            with self.subTest(args=args), self.assertRaises(ValidationError):
                Report.get_dashboard_data(*args)
        with self.assertRaises(ValidationError):
            Report.get_dashboard_data(domain=[("nope", "=", 1)])
        data = Report.get_dashboard_data("2030-01-01", "2030-01-31")
        self.assertIsInstance(data, dict)
        portal = new_test_user(self.env, "rv_portal", groups="base.group_portal")
        visit = self.visit()
        attachments = self.env["ir.attachment"].search_count([])
        for user in (portal, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["revisit.visit.xlsx"].with_user(user).action_export(visit)
        with self.assertRaises(UserError):
            self.env["revisit.visit.xlsx"].with_user(self.staff).action_export(
                [visit.id]
            )
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        action = (
            self.env["revisit.visit.xlsx"]
            .with_user(self.staff)
            .action_export(visit.with_user(self.staff))
        )
        self.assertEqual(action["type"], "ir.actions.act_url")

    def test_escalation_note_escapes_customer_text(self):
        evil = self.env["res.partner"].create(
            {"name": '<img src="https://evil.example/x.png">', "email": "e@x.com"}
        )
        self.department.manager_id = self.head_employee
        visit = self.visit(
            partner_id=evil.id,
            department_id=self.department.id,
            scheduled_date=date(2020, 1, 6),
        )
        self.env["revisit.reminder.manager"]._escalate(visit)
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", visit._name),
                ("res_id", "=", visit.id),
                ("user_id", "=", self.head.id),
            ]
        )
        self.assertTrue(activity)
        self.assertNotIn("<img", str(activity.note))
        self.assertIn("&lt;img", str(activity.note))
