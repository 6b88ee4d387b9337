from datetime import timedelta

from odoo.exceptions import UserError

from .common import RevisitCase


class TestEnginePlan(RevisitCase):
    def setUp(self):
        super().setUp()
        self.customers = self.env["res.partner"].create(
            [{"name": f"Owner {i}", "email": f"o{i}@example.com"} for i in range(4)]
        )
        self.plan = (
            self.env["revisit.plan"]
            .with_user(self.supervisor)
            .create(
                {
                    "name": "Q1 owners",
                    "date_from": self.monday,
                    "date_to": self.monday + timedelta(days=60),
                    "department_id": self.department.id,
                    "method": "phone",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": p.id,
                                "scheduled_date": self.monday + timedelta(days=10 * i),
                                "user_id": self.staff.id if i == 0 else False,
                            },
                        )
                        for i, p in enumerate(self.customers)
                    ],
                }
            )
            .with_env(self.env)
        )

    def test_submit_approve_creates_the_visits(self):
        self.plan.action_submit()
        self.assertEqual(self.plan.state, "submitted")
        with self.assertRaises(UserError):
            self.plan.with_user(self.supervisor).action_approve()
        self.assertFalse(self.plan.visit_ids)
        self.plan.with_user(self.head).action_approve()
        self.assertEqual(self.plan.state, "approved")
        self.assertEqual(self.plan.approver_id, self.head)
        visits = self.plan.visit_ids
        self.assertEqual(len(visits), 4)
        self.assertEqual(self.plan.line_ids.visit_id, visits)
        self.assertEqual(visits.partner_id, self.customers)
        first = self.plan.line_ids[0].visit_id
        self.assertEqual(first.user_id, self.staff)
        self.assertEqual(first.scheduled_date, self.monday)
        self.assertTrue(all(visits.mapped("user_id")))
        self.assertEqual(visits.department_id, self.department)

    def test_progress_and_completion_rate(self):
        self.plan.action_submit()
        self.plan.with_user(self.manager).action_approve()
        visits = self.plan.line_ids.visit_id
        self.assertEqual(self.plan.completion_rate, 0)
        visits[0].write({"satisfaction": 5})
        visits[0].action_done()
        self.assertEqual(self.plan.state, "in_progress")
        self.assertEqual(self.plan.completion_rate, 25)
        visits[1].write({"satisfaction": 4})
        visits[1].action_done()
        visits[2].action_cancel()
        self.assertAlmostEqual(self.plan.completion_rate, 200 / 3, places=2)
        self.assertEqual(self.plan.state, "in_progress")
        visits[3].write({"satisfaction": 5})
        visits[3].action_done()
        self.assertEqual(self.plan.state, "done")
        self.assertEqual(self.plan.completion_rate, 100)

    def test_submit_needs_customers_and_draft(self):
        empty = self.plan.copy({"line_ids": []})
        with self.assertRaises(UserError):
            empty.action_submit()
        self.plan.action_submit()
        with self.assertRaises(UserError):
            self.plan.action_submit()

    def test_cancel_and_reset(self):
        self.plan.action_submit()
        self.plan.action_approve()
        self.plan.action_cancel()
        self.assertEqual(set(self.plan.visit_ids.mapped("state")), {"cancelled"})
        self.plan.action_reset_draft()
        self.assertEqual(self.plan.state, "draft")
        self.assertFalse(self.plan.line_ids.visit_id)

    def test_customers_are_notified_ahead(self):
        self.plan.notify_customers = True
        self.plan.line_ids.scheduled_date = self.env.cr.now().date() + timedelta(days=5)
        self.plan.date_from = self.env.cr.now().date()
        self.plan.action_submit()
        self.plan.action_approve()
        self.plan.line_ids[1:].scheduled_date = False
        far = self.plan.line_ids.visit_id[-1]
        far.scheduled_date = self.env.cr.now().date() + timedelta(days=40)
        cron = self.env.ref("revisit_management.ir_cron_revisit_remind")
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        notified = self.plan.visit_ids.filtered("customer_notified_date")
        self.assertEqual(len(notified), 3)
        self.assertNotIn(far, notified)
        mails = self.env["mail.mail"].search(
            [("model", "=", "revisit.visit"), ("res_id", "in", notified.ids)]
        )
        self.assertEqual(mails.recipient_ids & self.customers, notified.partner_id)
