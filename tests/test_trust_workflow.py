"""Regressions of the workflow trust issues: wizards writing identities as
superuser, people acting on their own work, effects through links the staff
typed in, questionnaire links in the chatter, the portal reading a
complaint's analysis and configuration actions across companies."""

from datetime import date

from odoo.addons.revisit_appraisal.tests.common import (
    RevisitAppraisalCommon,
    spot_check,
)
from odoo.addons.revisit_complaints.tests.common import ComplaintCommon
from odoo.addons.revisit_management.tests.common import RevisitCase, internal_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

CUSTODIAN = "revisit_archive.group_revisit_archive_custodian"


@tagged("post_install", "-at_install")
class TestTrustWorkflowRevisit(RevisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.custodian = new_test_user(
            cls.env,
            "tw_custodian",
            groups=f"base.group_user,revisit_management.group_revisit_user,{CUSTODIAN}",
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.partner_id.email = "admin@clinic.example"

    def update(self, user, partner, **values):
        return (
            self.env["revisit.partner.update"]
            .with_user(user)
            .create(dict({"partner_id": partner.id}, **values))
        )

    def test_partner_update_never_writes_a_users_partner(self):
        """Administrator takeover: a visit of the admin's contact, then the
        contact wizard wrote the admin's e-mail as superuser."""
        self.Visit.with_user(self.staff).create(
            {
                "partner_id": self.admin.partner_id.id,
                "user_id": self.staff.id,
                "scheduled_date": self.monday,
            }
        )
        # even a visit somebody else gave: a user's partner is never written
        self.visit(partner_id=self.admin.partner_id.id)
        portal = new_test_user(self.env, "tw_portal", groups="base.group_portal")
        for user, partner in (
            (self.staff, self.admin.partner_id),
            (self.custodian, self.admin.partner_id),
            (self.custodian, self.staff2.partner_id),
            (self.custodian, portal.partner_id),
        ):
            wizard = self.update(user, partner, email="attacker@evil.example")
            with self.assertRaises(AccessError):
                wizard.action_save()
        self.assertEqual(self.admin.partner_id.email, "admin@clinic.example")
        self.assertFalse(self.staff2.partner_id.email == "attacker@evil.example")
        self.assertFalse(portal.partner_id.email == "attacker@evil.example")

    def test_partner_update_only_own_files(self):
        """A visit the staff made themselves does not open another owner's
        customer file; the visit the planner gave does."""
        other = self.env["res.partner"].create(
            {
                "name": "Li Na",
                "email": "li@example.com",
                "revisit_user_id": self.staff2.id,
            }
        )
        self.Visit.with_user(self.staff).create(
            {
                "partner_id": other.id,
                "user_id": self.staff.id,
                "scheduled_date": self.monday,
            }
        )
        with self.assertRaises(AccessError):
            self.update(self.staff, other, email="x@evil.example").action_save()
        self.assertEqual(other.email, "li@example.com")
        self.visit(partner_id=other.id)
        self.update(self.staff, other, email="li.na@example.com").action_save()
        self.assertEqual(other.email, "li.na@example.com")
        # the owner, the custodian
        self.update(self.staff2, other, phone="+86 10 1").action_save()
        self.update(self.custodian, other, phone="+86 10 2").action_save()
        self.assertEqual(other.phone, "+86 10 2")

    def test_supervisor_does_not_review_own_visit(self):
        visit = self.visit(
            user_id=self.supervisor.id,
            department_id=self.department.id,
            review_comment="All fine",
        )
        with self.assertRaisesRegex(UserError, "own visit"):
            visit.with_user(self.supervisor).action_review()
        self.assertFalse(visit.reviewer_id)
        visit.with_user(self.head).action_review()
        self.assertEqual(visit.reviewer_id, self.head)

    def test_supervisor_does_not_approve_keeping_own_material(self):
        visit = self.visit(user_id=self.supervisor.id, department_id=self.department.id)
        material = self.env["revisit.visit.material"].create(
            {"visit_id": visit.id, "name": "Sample kit"}
        )
        with self.assertRaisesRegex(UserError, "own visit"):
            material.with_user(self.supervisor).action_approve_keep()
        self.assertEqual(material.state, "out")
        material.with_user(self.head).action_approve_keep()
        self.assertEqual((material.state, material.approver_id), ("kept", self.head))

    def test_head_does_not_approve_own_plan(self):
        plan = (
            self.env["revisit.plan"]
            .with_user(self.head)
            .create(
                {
                    "name": "Head's own plan",
                    "date_from": self.monday,
                    "date_to": self.monday,
                    "department_id": self.department.id,
                    "line_ids": [(0, 0, {"partner_id": self.customer.id})],
                }
            )
        )
        plan.action_submit()
        with self.assertRaisesRegex(UserError, "own plan"):
            plan.action_approve()
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.manager).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_survey_link_masked_in_the_chatter(self):
        """The questionnaire link (its token) is the customer's: the SMS and
        e-mail sent keep it, the visit's chatter shows it masked."""
        self.customer.phone = "+86 138 0000 1111"
        for method in ("sms", "email"):
            visit = self.visit(method=method)
            visit.with_user(self.staff).action_send_survey()
            token = visit.sudo().survey_user_input_id.access_token
            self.assertTrue(token)
            bodies = visit.with_user(self.staff).message_ids.mapped("body")
            self.assertTrue(any("survey" in str(b) for b in bodies), method)
            self.assertFalse(
                [b for b in bodies if token in str(b)], f"{method} token in chatter"
            )
            if method == "sms":
                sent = self.env["sms.sms"].sudo().search([("body", "ilike", token)])
            else:
                sent = (
                    self.env["mail.mail"].sudo().search([("body_html", "ilike", token)])
                )
            self.assertTrue(sent, f"the {method} sent keeps the link")

    def test_survey_answer_closes_only_its_own_visit_once(self):
        visit = self.visit(method="email")
        visit.action_send_survey()
        answer = visit.sudo().survey_user_input_id
        # a second visit pointed at the same answer: no visit is closed by it
        twin = self.visit(method="email")
        twin.sudo().survey_user_input_id = answer
        answer._mark_done()
        self.assertEqual((visit.state, twin.state), ("todo", "todo"))
        twin.sudo().survey_user_input_id = False
        answer.sudo().state = "in_progress"
        answer._mark_done()
        self.assertEqual(visit.state, "done")
        # completed again (the link reopened), it does not close the visit again
        visit.sudo().state = "todo"
        answer._mark_done()
        self.assertEqual(visit.state, "todo")


@tagged("post_install", "-at_install")
class TestTrustWorkflowArchive(RevisitCase):
    def test_archive_request_not_approved_by_its_requester(self):
        manager = self.manager
        request = (
            self.env["revisit.archive.request"]
            .with_user(manager)
            .create(
                {
                    "partner_id": self.customer.id,
                    "purpose": "Own file",
                    "date_from": self.monday,
                    "date_to": self.monday,
                }
            )
        )
        request.with_user(manager).action_submit()
        # the requester without a head signs nothing either
        with self.assertRaisesRegex(AccessError, "own archive request"):
            request.with_user(manager).action_sign()
        request.sudo().write({"state": "to_approve"})
        with self.assertRaisesRegex(AccessError, "own archive request"):
            request.with_user(manager).action_approve()
        with self.assertRaisesRegex(AccessError, "own archive request"):
            request.with_user(manager).action_refuse()
        self.assertEqual(request.state, "to_approve")
        other = new_test_user(
            self.env,
            "tw_manager2",
            groups="base.group_user,revisit_management.group_revisit_manager",
        )
        request.with_user(other).action_approve()
        self.assertEqual(request.state, "approved")


@tagged("post_install", "-at_install")
class TestTrustWorkflowAppraisal(RevisitAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr2 = internal_user(
            cls.env, "tw_hr2", "revisit_appraisal.group_revisit_appraisal_hr"
        )

    def computed_reviewed(self, user):
        spot_check(self.env, self.employee, date(2024, 6, 15), 95)
        appraisal = self.Appraisal.create(
            {"employee_id": self.employee.id, "date_from": date(2024, 6, 1)}
        )
        appraisal.with_user(user).action_compute()
        appraisal.with_user(self.supervisor_user).action_review()
        return appraisal

    def test_compute_and_confirm_by_two_people(self):
        appraisal = self.computed_reviewed(self.hr_user)
        self.assertEqual(appraisal.compute_user_id, self.hr_user)
        with self.assertRaisesRegex(UserError, "computed by you"):
            appraisal.with_user(self.hr_user).action_confirm()
        self.assertEqual(appraisal.state, "reviewed")
        appraisal.with_user(self.hr2).action_confirm()
        self.assertEqual(appraisal.state, "confirmed")

    def test_correction_reopens_with_a_logged_reason(self):
        appraisal = self.computed_reviewed(self.hr_user)
        appraisal.with_user(self.hr2).action_confirm()
        with self.assertRaises(UserError):
            appraisal.with_user(self.hr2).write({"note": "changed"})
        action = appraisal.with_user(self.hr2).action_reopen()
        self.assertEqual(action["res_model"], "revisit.appraisal.reopen")
        self.assertEqual(appraisal.state, "confirmed", "no reason, no reopening")
        wizard = (
            self.env["revisit.appraisal.reopen"]
            .with_user(self.hr2)
            .with_context(action["context"])
            .create({"reason": "Spot check of 12 June entered twice"})
        )
        wizard.action_reopen()
        self.assertEqual(appraisal.state, "computed")
        self.assertIn(
            "Spot check of 12 June entered twice", appraisal.message_ids[0].body
        )
        with self.assertRaises(AccessError):
            appraisal.with_user(self.supervisor_user).action_reopen(reason="mine")

    def test_configuration_acts_on_current_companies_only(self):
        company_b = self.env["res.company"].create({"name": "TW Clinic B"})
        hr_b = new_test_user(
            self.env,
            "tw_hr_b",
            groups="base.group_user,revisit_appraisal.group_revisit_appraisal_hr",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        company_a = self.env.company
        Criterion = self.env["revisit.appraisal.criterion"].with_context(
            active_test=False
        )
        domain = [("company_id", "=", company_a.id)]
        weights = Criterion.search(domain).mapped(
            lambda c: (c.code, c.weight, c.active)
        )
        with self.assertRaises(AccessError):
            company_a.with_user(hr_b)._revisit_apply_preset("clinic")
        for call in (
            lambda: self.Appraisal.with_user(hr_b).generate_for_month(
                2024, 6, company_id=company_a.id
            ),
            lambda: (
                self.env["revisit.appraisal.quarter"]
                .with_user(hr_b)
                .generate_for_quarter(2024, 2, company_id=company_a.id)
            ),
            lambda: (
                self.env["revisit.appraisal.year"]
                .with_user(hr_b)
                .generate_for_year(2024, company_id=company_a.id)
            ),
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertEqual(
            Criterion.search(domain).mapped(lambda c: (c.code, c.weight, c.active)),
            weights,
        )


@tagged("post_install", "-at_install")
class TestTrustWorkflowComplaints(ComplaintCommon):
    def test_visit_ticket_typed_in_does_not_settle_the_complaint(self):
        ticket = self._create_complaint()
        visit = self.env["revisit.visit"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.assistant.id,
                "scheduled_date": self.today,
            }
        )
        # as if the staff pointed their own visit at the complaint
        visit.sudo().ticket_id = ticket
        self._complete_visit(visit, 5)
        self.assertFalse(ticket.customer_satisfied)
        other = self.env["revisit.visit"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.assistant.id,
                "scheduled_date": self.today,
                "ticket_id": ticket.id,
            }
        )
        self._complete_visit(other, 1)
        self.assertEqual(ticket.reopen_count, 0)
        with self.assertRaises(UserError):
            visit.with_user(self.assistant).write({"followup_ticket_id": ticket.id})

    def test_planned_followup_still_settles_the_complaint(self):
        self.rule.sample_rate = 100
        ticket = self._create_complaint(complaint_severity="major")
        self._close_valid(ticket)
        visit = ticket.revisit_visit_ids
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.followup_ticket_id, ticket)
        self._complete_visit(visit, 5)
        self.assertTrue(ticket.customer_satisfied)

    def test_duplicate_typed_in_gets_no_analysis(self):
        original = self._create_complaint()
        stranger = self._create_complaint(name="Something else entirely")
        stranger.duplicate_of_id = original
        self._close_valid(original)
        self.assertFalse(stranger.closed)
        self.assertFalse(stranger.cause_analysis)

    def test_portal_does_not_read_the_internal_analysis(self):
        portal = new_test_user(
            self.env,
            "tw_cpl_portal",
            groups="base.group_portal",
            partner_id=self.customer.id,
        )
        ticket = self._create_complaint()
        self._judge_valid(ticket)
        ticket = ticket.with_user(portal)
        self.assertEqual(ticket.read(["name"])[0]["name"], "Pump room noise at night")
        for name in ("cause_analysis", "corrective_action", "responsible_user_id"):
            with self.assertRaises(AccessError):
                ticket.read([name])
