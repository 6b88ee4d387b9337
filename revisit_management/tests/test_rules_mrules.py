from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestMRules(RevisitCase):
    """Rules of the seeds no earlier list had (M7, M10, M13, M14)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.revisit_tz = "Asia/Shanghai"
        cls.Item = cls.env["revisit.action.item"]

    # M13: the caller's guide on the visit during the call
    def test_M13_call_guide_shown_on_the_open_visit(self):
        rule = self.rule("discharge")
        visit = self.visit(rule_id=rule.id, step_id=rule.step_ids[:1].id)
        # shipped with the four parts of a script
        for part in ("Greeting", "Questions", "Problems", "Closing"):
            self.assertIn(part, str(visit.with_user(self.staff).call_guide))
        rule.call_guide = "<p>Ask about the scar</p>"
        self.assertIn("Ask about the scar", str(visit.call_guide))
        rule.step_ids[:1].call_guide = "<p>Day one: ask about pain</p>"
        visit.invalidate_recordset(["call_guide"])
        self.assertIn("Day one: ask about pain", str(visit.call_guide))
        view = (
            self.env["revisit.visit"].with_user(self.staff).get_views([(False, "form")])
        )
        arch = view["views"]["form"]["arch"]
        self.assertIn('name="call_guide"', arch)
        self.assertIn("o_revisit_call_guide", arch)

    # M7: several customer roles met on an on-site visit
    def test_M7_onsite_visit_records_technical_administrative_and_user_roles(self):
        rule = self.rule("discharge")
        rule.require_customer_roles = True
        visit = self.visit(
            rule_id=rule.id, method="onsite", satisfaction=5, signature="aGVsbG8="
        ).with_user(self.staff)
        Attendee = self.env["revisit.visit.attendee"].with_user(self.staff)
        Attendee.create(
            {"visit_id": visit.id, "role": "technical", "name": "Engineer Li"}
        )
        with self.assertRaisesRegex(UserError, "Administrative Lead"):
            visit.action_done()
        Attendee.create(
            [
                {"visit_id": visit.id, "role": "administrative", "name": "Director Wu"},
                {"visit_id": visit.id, "role": "user", "name": "Operator Chen"},
            ]
        )
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(
            set(visit.attendee_ids.mapped("role")),
            {"technical", "administrative", "user"},
        )
        # who was met is part of the closed record
        with self.assertRaises(UserError):
            visit.attendee_ids[:1].name = "Someone else"
        with self.assertRaises(UserError):
            Attendee.create({"visit_id": visit.id, "role": "user", "name": "Late"})
        # and follows the visit's access
        other = self.visit(user_id=self.staff2.id)
        with self.assertRaises(AccessError):
            Attendee.create({"visit_id": other.id, "role": "user", "name": "X"})

    def test_M7_roles_not_required_without_the_rule_option(self):
        visit = self.visit(
            rule_id=self.rule("discharge").id,
            method="onsite",
            satisfaction=5,
            signature="aGVsbG8=",
        )
        visit.with_user(self.staff).action_done()
        self.assertEqual(visit.state, "done")

    # M10: each problem of a campaign revisit tracked to its rectification
    def campaign(self):
        return (
            self.env["revisit.plan"]
            .with_user(self.manager)
            .with_context(default_is_campaign=True, default_method="phone")
            .create(
                {
                    "name": "Full revisit of the residents",
                    "date_from": self.monday,
                    "date_to": self.monday + timedelta(days=30),
                    "sample_rate": 100,
                }
            )
        )

    @freeze_time("2030-01-07 02:00:00")
    def test_M10_campaign_problem_becomes_tracked_rectification(self):
        campaign = self.campaign()
        with_problem = self.visit(plan_id=campaign.id, satisfaction=3)
        with_problem.problem = "Lift stops between floors"
        without = self.visit(
            plan_id=campaign.id, satisfaction=5, partner_id=self.customer.copy().id
        )
        (with_problem | without).with_user(self.staff).action_done()
        item = with_problem.action_item_ids
        self.assertEqual(len(item), 1)
        self.assertFalse(without.action_item_ids)
        self.assertEqual(
            (item.kind, item.plan_id, item.partner_id, item.user_id, item.state),
            ("rectification", campaign, self.customer, self.staff, "open"),
        )
        self.assertEqual(item.description, "Lift stops between floors")
        self.assertEqual(item.deadline, self.monday + timedelta(days=7))
        staff_item = item.with_user(self.staff)
        with self.assertRaises(UserError):
            staff_item.action_done()  # no rectification described
        staff_item.measure = "Lift controller replaced"
        staff_item.action_done()
        self.assertEqual(item.state, "done")
        staff_item.result = "No stop in two weeks"
        with self.assertRaises(UserError):
            staff_item.action_close()  # not by its responsible
        with self.assertRaises(UserError):
            staff_item.write({"state": "closed"})
        item.with_user(self.manager).action_close()
        self.assertEqual((item.state, item.closed_by_id), ("closed", self.manager))
        with self.assertRaises(UserError):
            staff_item.measure = "Rewritten"

    @freeze_time("2030-01-07 02:00:00")
    def test_M10_rectification_deadline_is_the_company_s(self):
        """定出整改措施…跟进落实 (004 第3篇 3(1)⑦): the seed sets no number; the
        company gives the days (7 unless it says otherwise)."""
        self.assertEqual(self.company.revisit_rectification_days, 7)
        self.company.revisit_rectification_days = 3
        campaign = self.campaign()
        visit = self.visit(plan_id=campaign.id, satisfaction=3)
        visit.problem = "Water pressure low"
        visit.with_user(self.staff).action_done()
        self.assertEqual(
            visit.action_item_ids.deadline, self.monday + timedelta(days=3)
        )
        by_hand = self.visit(problem="Door bell broken", satisfaction=4)
        by_hand.with_user(self.staff).action_track_problem()
        self.assertEqual(
            by_hand.action_item_ids.deadline, self.monday + timedelta(days=3)
        )
        with self.assertRaises(ValidationError):
            self.company.revisit_rectification_days = -1

    def test_M10_problem_of_any_visit_tracked_by_hand(self):
        visit = self.visit(problem="Invoice wrong")
        visit.with_user(self.staff).action_track_problem()
        self.assertEqual(visit.action_item_ids.kind, "rectification")
        with self.assertRaises(UserError):
            visit.with_user(self.staff).action_track_problem()
        other = self.visit(problem="Noise", user_id=self.staff2.id)
        with self.assertRaises(AccessError):
            other.with_user(self.staff).action_track_problem()

    # M14: improvement proposals with a deadline, overdue escalated
    def test_M14_improvement_proposal_deadline_overdue_escalated(self):
        boss = self.env["hr.employee"].search([("user_id", "=", self.head.id)])
        self.env["hr.employee"].search(
            [("user_id", "=", self.staff.id)]
        ).parent_id = boss
        with freeze_time("2030-01-07 02:00:00"):
            proposal = self.Item.with_user(self.supervisor).create(
                {
                    "name": "Call back within the hour",
                    "kind": "proposal",
                    "description": "Customers wait too long for answers",
                    "user_id": self.staff.id,
                    "deadline": self.monday + timedelta(days=14),
                }
            )
            self.assertFalse(proposal.is_overdue)
            self.Item._cron_escalate_overdue()
            self.assertFalse(proposal.activity_ids)
        with freeze_time("2030-01-22 02:00:00"):
            proposal.invalidate_recordset(["is_overdue"])
            self.assertTrue(proposal.is_overdue)
            self.assertIn(proposal, self.Item.search([("is_overdue", "=", True)]))
            self.Item._cron_escalate_overdue()
            self.assertEqual(proposal.activity_ids.user_id, self.head)
            self.assertIn("Overdue", proposal.activity_ids.summary)
            self.Item._cron_escalate_overdue()  # once
            self.assertEqual(len(proposal.activity_ids), 1)
            self.assertTrue(proposal.escalated_date)
            proposal.with_user(self.staff).write({"measure": "Callback queue"})
            proposal.with_user(self.staff).action_done()
            proposal.invalidate_recordset(["is_overdue"])
            self.assertFalse(proposal.is_overdue)
        # staff see their own items only
        self.assertFalse(self.Item.with_user(self.staff2).search([]))
