"""Two real Odoo processes race on the same data: nothing is done twice."""

from datetime import timedelta

from odoo.tests import tagged

from .common import WorkerProcessCase

CUSTOMERS = 25


@tagged("post_install", "-at_install")
class TestConcurrentWorkers(WorkerProcessCase):
    def _build(self):
        """Committed data: a rule with two steps due today and tomorrow, one
        event per customer of the first group, tiered customers without visits
        in the second group, both owned by one revisit staff member."""
        with self.committed_env() as env:
            staff = env["res.users"].create(
                {
                    "name": "Race Staff",
                    "login": "race.staff@example.com",
                    "email": "race.staff@example.com",
                    "group_ids": [
                        (6, 0, env.ref("revisit_management.group_revisit_user").ids)
                    ],
                }
            )
            rule = env["revisit.rule"].create(
                {
                    "name": "Race rule",
                    "trigger": "project_start",
                    "sample_rate": 100.0,
                    "method": "phone",
                    "step_ids": [
                        (
                            0,
                            0,
                            {"name": "Same day", "offset_days": 0, "window_days": 3},
                        ),
                        (
                            0,
                            0,
                            {"name": "Next day", "offset_days": 1, "window_days": 3},
                        ),
                    ],
                }
            )
            tier = env["revisit.tier"].search([], limit=1)
            common = {
                "revisit_user_id": staff.id,
                "revisit_min_interval_days": 0,
                "email": "race.customer@example.com",
                "phone": "+86 10 1234 5678",
            }
            with_events = env["res.partner"].create(
                [dict(common, name=f"Race event {i}") for i in range(CUSTOMERS)]
            )
            tiered = env["res.partner"].create(
                [
                    dict(common, name=f"Race tier {i}", revisit_tier_id=tier.id)
                    for i in range(CUSTOMERS)
                ]
            )
            # events written by SQL: creating them through the ORM would
            # already generate their visits, and the workers must race on it
            env.cr.execute(
                """INSERT INTO revisit_event
                       (partner_id, trigger, date, reference, company_id,
                        create_uid, write_uid, create_date, write_date)
                   SELECT p, 'project_start', %s, 'RACE-' || p, %s,
                          1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
                   FROM unnest(%s::int[]) p RETURNING id""",
                (env.company._revisit_today(), env.company.id, with_events.ids),
            )
            events = [row[0] for row in env.cr.fetchall()]
            self.today = env.company._revisit_today()
        return staff, rule, with_events, tiered, events

    def test_two_workers_generate_and_remind_once(self):
        staff, rule, _with_events, tiered, events = self._build()
        steps = [
            "events:" + ",".join(map(str, events)),
            "periodic",
            "remind",
        ]
        with self.barrier(2) as key:
            first = self.start_worker(*steps, barrier=key)
            second = self.start_worker(*steps, barrier=key)
        results = [self.worker_result(first), self.worker_result(second)]

        # no error surfaced to either worker: no unique violation, no deadlock,
        # no serialization failure
        for result in results:
            self.assertEqual(
                [e["error"] for e in result["errors"]],
                [],
                "a worker saw an error:\n"
                + "\n".join(e["traceback"] for e in result["errors"]),
            )
            self.assertNotIn("deadlock detected", result["log"])

        # every (event, step) has exactly one visit: none lost, none doubled
        rows = self.query(
            "SELECT event_id, step_id, count(*) FROM revisit_visit "
            "WHERE event_id = ANY(%s) AND rule_id = %s GROUP BY event_id, step_id",
            (events, rule.id),
        )
        self.assertEqual(len(rows), len(events) * 2, "a step visit is missing")
        self.assertEqual({count for *_key, count in rows}, {1}, "a visit was doubled")

        # every tiered customer has exactly one periodic visit
        rows = self.query(
            "SELECT p.id, count(v.id) FROM res_partner p "
            "LEFT JOIN revisit_visit v ON v.partner_id = p.id "
            "WHERE p.id = ANY(%s) GROUP BY p.id",
            (tiered.ids,),
        )
        self.assertEqual(
            sorted({count for _pid, count in rows}),
            [1],
            "each tiered customer gets exactly one periodic visit",
        )

        # every visit due today or tomorrow is reminded once, none twice
        all_due = [
            row[0]
            for row in self.query(
                "SELECT id FROM revisit_visit WHERE "
                "((event_id = ANY(%s) AND rule_id = %s) OR partner_id = ANY(%s)) "
                "AND scheduled_date BETWEEN %s AND %s",
                (
                    events,
                    rule.id,
                    tiered.ids,
                    self.today,
                    self.today + timedelta(days=1),
                ),
            )
        ]
        self.assertEqual(len(all_due), len(events) * 2 + len(tiered))
        self.assertEqual(
            self.query(
                "SELECT count(*) FROM revisit_visit WHERE id = ANY(%s) "
                "AND reminder_date IS NULL",
                (all_due,),
            ),
            [(0,)],
            "a due visit was not reminded",
        )
        # the assignee's reminder e-mails list each due visit exactly once
        names = dict(
            self.query(
                "SELECT id, name FROM revisit_visit WHERE id = ANY(%s)", (all_due,)
            )
        )
        bodies = [
            body
            for (body,) in self.query(
                "SELECT mm.body_html FROM mail_mail mm "
                "JOIN mail_message m ON m.id = mm.mail_message_id "
                "WHERE m.model = 'res.users' AND m.res_id = %s",
                (staff.id,),
            )
        ]
        listed = {
            visit_id: sum(body.count(f">{name}<") for body in bodies)
            for visit_id, name in names.items()
        }
        self.assertEqual(
            sorted(v for v, count in listed.items() if count == 0),
            [],
            "a due visit got no reminder",
        )
        self.assertEqual(
            sorted(v for v, count in listed.items() if count > 1),
            [],
            "a reminder was sent twice",
        )
        activities = self.query(
            "SELECT res_id, activity_type_id, user_id, count(*) FROM mail_activity "
            "WHERE res_model = 'revisit.visit' AND res_id = ANY(%s) "
            "GROUP BY res_id, activity_type_id, user_id HAVING count(*) > 1",
            (all_due,),
        )
        self.assertEqual(activities, [], "an activity was scheduled twice")
        self.assertEqual(
            self.query(
                "SELECT DISTINCT user_id FROM revisit_visit WHERE id = ANY(%s)",
                (all_due,),
            ),
            [(staff.id,)],
        )
