import hashlib
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RevisitCase, use_chinese


@tagged("post_install", "-at_install")
class TestEngineGeneration(RevisitCase):
    def test_default_rules_create_their_steps(self):
        """Each default rule: one visit per step, at event date + offset, with
        deadline = date + window (the seeds' numbers)."""
        expected = {
            "surgery": [(1, 2), (5, 2), (25, 5)],
            "discharge": [(1, 2)],
            "consultation": [(1, 2)],
            "course_end": [(1, 6)],
            "delivery": [(30, 7), (90, 7), (365, 14)],
            "warranty_end": [(0, 14)],
            "new_customer": [(0, 30), (90, 14), (180, 14), (270, 14)],
        }
        for trigger, steps in expected.items():
            with self.subTest(trigger=trigger):
                partner = self.customer.copy({"name": trigger})
                event = self.event(trigger, partner)
                visits = event.visit_ids.sorted("scheduled_date")
                self.assertEqual(visits.rule_id, self.rule(trigger))
                self.assertEqual(
                    [
                        (
                            (v.scheduled_date - self.monday).days,
                            (v.deadline - v.scheduled_date).days,
                        )
                        for v in visits
                    ],
                    steps,
                )
                self.assertTrue(all(v.name.startswith("RV") for v in visits))
                self.assertEqual(len(set(visits.mapped("name"))), len(visits))

    def test_sampled_rules_keep_their_share(self):
        """Repairs 30%, complaints 50%, events 10% of the cases get a visit."""
        partners = self.env["res.partner"].create(
            [{"name": f"Owner {i}"} for i in range(200)]
        )
        for trigger, rate in (("repair", 30), ("complaint", 50), ("event", 10)):
            with self.subTest(trigger=trigger):
                self.assertEqual(self.rule(trigger).sample_rate, rate)
                events = self.Event.create(
                    [
                        {"partner_id": p.id, "trigger": trigger, "date": self.monday}
                        for p in partners
                    ]
                )
                visited = events.filtered("visit_ids")
                self.assertAlmostEqual(len(visited) / 2, rate, delta=12)
                # the decision is the published bucket of (event, rule)
                rule = self.rule(trigger)
                for event in events:
                    digest = hashlib.sha256(
                        f"{event.id}-{rule.id}".encode()
                    ).hexdigest()
                    bucket = int(digest[:8], 16) % 100
                    self.assertEqual(bool(event.visit_ids), bucket < rate)

    def test_sampling_is_deterministic(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Tenant {i}"} for i in range(60)]
        )
        events = self.Event.create(
            [{"partner_id": p.id, "trigger": "repair"} for p in partners]
        )
        before = {e.id: e.visit_ids.ids for e in events}
        self.assertTrue(any(before.values()) and not all(before.values()))
        for _run in range(3):
            events._generate_visits()
            events.write({"reference": "saved again"})
        self.assertEqual({e.id: e.visit_ids.ids for e in events}, before)

    def test_key_customers_are_always_visited(self):
        partners = self.env["res.partner"].create(
            [{"name": f"VIP {i}", "revisit_key_customer": True} for i in range(30)]
        )
        events = self.Event.create(
            [{"partner_id": p.id, "trigger": "event"} for p in partners]
        )
        self.assertTrue(all(events.mapped("visit_ids")) and len(events.visit_ids) == 30)

    def test_inactive_and_other_company_rules_are_ignored(self):
        self.rule("discharge").active = False
        self.assertFalse(self.event("discharge").visit_ids)
        other = self.env["res.company"].create({"name": "Other clinic"})
        partner = self.env["res.partner"].create({"name": "Elsewhere"})
        event = self.Event.with_company(other).create(
            {"partner_id": partner.id, "trigger": "surgery", "company_id": other.id}
        )
        self.assertFalse(event.visit_ids)
        rule = self.rule("surgery").copy({"company_id": other.id})
        event.write({"date": self.monday})
        self.assertEqual(event.visit_ids.rule_id, rule)
        self.assertEqual(len(event.visit_ids), 3)

    def test_resave_and_rerun_create_no_duplicate(self):
        event = self.event("surgery")
        self.assertEqual(len(event.visit_ids), 3)
        event.write({"reference": "OP-1", "date": self.monday})
        event._generate_visits()
        self.Event.browse(event.ids)._generate_visits()
        self.assertEqual(len(event.visit_ids), 3)
        # an archived visit still counts as the step's visit
        event.visit_ids[0].action_archive()
        event._generate_visits()
        self.assertEqual(len(event.with_context(active_test=False).visit_ids), 3)

    def test_database_refuses_a_second_visit_for_an_event_step(self):
        event = self.event("discharge")
        visit = event.visit_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.Visit.create(
                    {
                        "partner_id": self.customer.id,
                        "event_id": event.id,
                        "step_id": visit.step_id.id,
                        "scheduled_date": self.monday,
                    }
                )
        self.assertEqual(len(event.visit_ids), 1)
        # the planner skips what exists already
        values = visit.rule_id._visit_values(
            self.customer,
            self.monday,
            self.monday,
            step=visit.step_id,
            event_id=event.id,
        )
        self.assertFalse(self.env["revisit.planner"]._create_visits([[values]]))
        self.assertEqual(len(event.visit_ids), 1)

    def test_validation_of_rules(self):
        rule = self.rule("surgery")
        with self.assertRaises(ValidationError):
            rule.sample_rate = 101
        with self.assertRaises(ValidationError):
            rule.sample_rate = -1
        with self.assertRaises(ValidationError):
            self.env["revisit.rule.step"].create(
                {"rule_id": rule.id, "name": "Before", "offset_days": -2}
            )
        with self.assertRaises(ValidationError):
            rule.step_ids[0].window_days = -1
        self.assertEqual(len(rule.step_ids), 3)
        self.assertTrue(all(s.window_days >= 0 for s in rule.step_ids))

    def test_generation_queries_stay_flat(self):
        """Creating 10x more events does not cost 10x more queries (visits
        assigned by load, with their activities). The queries of creating the
        activities themselves, in one batch, are measured apart and left out:
        other addons may spend some per activity (OCA mail_activity_team looks
        up each activity's team), which the engine cannot help."""
        self.rule("surgery").department_id = self.department
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("revisit.visit")

        def run(count):
            """Queries of generating `count` events' visits, less those of
            creating as many activities on them in one batch."""
            partners = self.env["res.partner"].create(
                [{"name": f"Patient {count}-{i}"} for i in range(count)]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            events = self.Event.create(
                [
                    {"partner_id": p.id, "trigger": "surgery", "date": self.monday}
                    for p in partners
                ]
            )
            self.env.flush_all()
            generation = self.env.cr.sql_log_count - start
            visits = events.visit_ids
            self.assertEqual(len(visits), 3 * count)
            self.assertEqual(len(visits.activity_ids), 3 * count)
            vals_list = [
                {
                    "res_model_id": model_id,
                    "res_id": visit.id,
                    "activity_type_id": todo.id,
                    "user_id": visit.user_id.id,
                    "date_deadline": visit.scheduled_date,
                    "summary": "Batch",
                    "automated": True,
                }
                for visit in visits
            ]
            # the visits in the cache, as the engine has them when it makes
            # their activities
            self.env.invalidate_all()
            visits.mapped("display_name")
            start = self.env.cr.sql_log_count
            activities = (
                self.env["mail.activity"]
                .sudo()
                .with_context(mail_activity_quick_update=True)
                .create(vals_list)
            )
            self.env.flush_all()
            batch = self.env.cr.sql_log_count - start
            self.assertEqual(len(activities), 3 * count)
            return generation - batch, generation, batch

        run(3)  # warm caches
        small, large = run(10), run(100)
        self.assertLess(
            large[0],
            small[0] * 2,
            "queries of the generation, less those of a batch of its activities "
            f"(generation, batch): {small} for 10 events, {large} for 100",
        )

    def test_visit_names_come_from_the_sequence_in_one_batch(self):
        events = self.Event.create(
            [{"partner_id": self.customer.id, "trigger": "delivery"} for _i in range(3)]
        )
        names = events.visit_ids.mapped("name")
        self.assertEqual(len(set(names)), 9)
        numbers = sorted(int(name[-6:]) for name in names)
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 9)))
        self.assertTrue(all(v.deadline >= v.scheduled_date for v in events.visit_ids))
        self.assertEqual(
            events.visit_ids[0].deadline - events.visit_ids[0].scheduled_date,
            timedelta(days=7),
        )

    def test_generated_visit_notes_its_origin_in_the_company_language(self):
        """A generated visit's chatter says where it comes from, linking its
        event and its rule, in the company's language (a Chinese list is
        separated by a full-width comma)."""
        for lang, expected, between in (
            ("en_US", "Generated from event", "</a>, rule <a"),
            ("zh_CN", "生成自", "</a>\uff0c规则 <a"),
        ):
            with self.subTest(lang=lang):
                if lang == "zh_CN":
                    use_chinese(self.env, self.env["res.users"])
                self.company.partner_id.lang = lang
                partner = self.customer.copy({"name": f"origin {lang}"})
                event = self.event("surgery", partner)
                for visit in event.visit_ids:
                    notes = visit.message_ids.filtered(
                        lambda m, e=event: f'data-oe-id="{e.id}"' in (m.body or "")
                    )
                    self.assertEqual(len(notes), 1, visit.name)
                    body = str(notes.body)
                    self.assertIn('data-oe-model="revisit.event"', body)
                    self.assertIn('data-oe-model="revisit.rule"', body)
                    self.assertIn(expected, body)
                    # between the event's link and the rule's
                    self.assertIn(between, body)
