from datetime import timedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoReach(TransactionCase):
    """The demo database shows the reach funnel: an NPS campaign of the
    clinic, a CES campaign of the property desk, stars elsewhere, attempts of
    every kind, low scores with their reasons and a closed loop. The figures
    are counted by hand from the demo's story; the demo is part of the
    product, so a database without it fails here rather than skipping."""

    def demo(self, name):
        record = self.env.ref(f"revisit_management.{name}", raise_if_not_found=False)
        if not record:
            self.fail(f"the reach demo is missing ({name}): load the demo data")
        return record

    def funnel(self, domain):
        return self.env["revisit.reach.report"]._funnel_figures(domain)

    def keys(self, scale):
        """The funnel's counts and the campaign's own scale figure."""
        return (
            "due",
            "attempted",
            "reached",
            "answered",
            "valid",
            scale,
            "low",
            "closed_loop",
            "closed_loop_rate",
        )

    def contacts(self, visits):
        return visits.filtered(lambda v: v.reach_root_id == v)

    def test_nps_campaign_as_counted_by_hand(self):
        """Six patients called, one followed up: Xu Ting (appointment, then
        10), Song Jia 9, Zhao Li 8, Sun Hao (phone off, then 3 for the wait,
        followed up: 9), Liu Yang (wrong number), Guo Qiang (refused)."""
        plan = self.demo("revisit_plan_nps_demo")
        self.assertEqual(plan.survey_id.revisit_scale, "nps")
        self.assertEqual(len(self.contacts(plan.visit_ids)), 7)
        figures = self.funnel([("plan_id", "=", plan.id)])
        # promoters 10, 9, 9; passive 8; detractor 3: (3 - 1) / 5
        self.assertEqual(
            {key: figures[f"funnel_{key}"] for key in self.keys("nps")},
            {
                "due": 7,
                "attempted": 7,
                "reached": 5,
                "answered": 5,
                "valid": 5,
                "nps": 40.0,
                "low": 1,
                "closed_loop": 1,
                "closed_loop_rate": 100.0,
            },
        )
        results = plan.visit_ids.attempt_ids.mapped("result")
        for result in ("reached", "answered", "switched_off", "wrong_number"):
            self.assertIn(result, results)
        self.assertIn("refused", results)
        low = plan.visit_ids.filtered("satisfaction_low")
        self.assertEqual(low.scale_answer, "3")
        self.assertEqual(low.low_reason_id, self.demo("revisit_low_reason_wait"))

    def test_ces_campaign_as_counted_by_hand(self):
        """Five owners: Qian Li 7, Feng Xiao 6 (no feedback written: not a
        valid record), Wu Gang 2 (explanations
        unclear, his follow-up still to come), Jiang Bo (no answer), Zhou Min
        not called yet."""
        plan = self.demo("revisit_plan_ces_demo")
        self.assertEqual(plan.survey_id.revisit_scale, "ces")
        figures = self.funnel([("plan_id", "=", plan.id)])
        self.assertEqual(
            {key: figures[f"funnel_{key}"] for key in self.keys("ces")},
            {
                "due": 6,
                "attempted": 4,
                "reached": 3,
                "answered": 3,
                "valid": 2,
                "ces": 5.0,
                "low": 1,
                "closed_loop": 0,
                "closed_loop_rate": 0.0,
            },
        )
        low = plan.visit_ids.filtered("satisfaction_low")
        self.assertEqual(low.low_reason_id.code, "COMMUNICATION")
        self.assertEqual(low.followup_visit_ids.state, "todo")
        self.assertIn(
            "no_answer", plan.visit_ids.attempt_ids.mapped("result"), "Jiang Bo"
        )

    def test_stars_closed_loop(self):
        """Guo Qiang scored his discharge revisit 2 stars; its follow-up ended
        at 4 (the closed loop on stars). Zhou Min's 2 stars for the garage
        still wait for theirs."""
        guo = self.demo("revisit_event_discharge_guo_demo").visit_ids
        zhou = self.demo("revisit_event_complaint_zhou_demo").visit_ids
        low = (guo | zhou).filtered("satisfaction_low")
        self.assertEqual(low.mapped("satisfaction"), [2, 2])
        figures = self.funnel([("visit_id", "in", low.ids)])
        self.assertEqual(figures["funnel_low"], 2)
        self.assertEqual(figures["funnel_closed_loop"], 1)
        self.assertEqual(figures["funnel_csat"], 0.0)

    def test_dashboard_funnel_equals_the_records(self):
        """The dashboard's reach figures over the demo's quarter are not
        zero and equal the contacts, attempts and answers of the records."""
        self.demo("revisit_plan_nps_demo")
        company = self.env.ref("base.main_company")
        today = company._revisit_today()
        date_from, date_to = today - timedelta(days=90), today + timedelta(days=30)
        data = self.env["revisit.visit.report"].get_dashboard_data(
            str(date_from), str(date_to)
        )
        # the superuser's dashboard reads every company's rows (the property
        # demo's visits included)
        visits = self.env["revisit.visit"].search(
            [
                ("state", "!=", "cancelled"),
                ("due_date", ">=", date_from),
                ("due_date", "<=", date_to),
            ]
        )
        contacts = self.contacts(visits)
        attempts = {
            contact: self.env["revisit.visit.attempt"].search(
                [("root_visit_id", "=", contact.id)]
            )
            for contact in contacts
        }
        attempted = [c for c in contacts if attempts[c]]
        reached = [
            c
            for c in attempted
            if {"reached", "answered"} & set(attempts[c].mapped("result"))
        ]
        answered = [c for c in reached if "answered" in attempts[c].mapped("result")]
        expected = {
            "funnel_due": len(contacts),
            "funnel_attempted": len(attempted),
            "funnel_reached": len(reached),
            "funnel_answered": len(answered),
        }
        self.assertEqual({key: data[key] for key in expected}, expected)
        for key in (*expected, "funnel_valid", "funnel_low", "funnel_closed_loop"):
            self.assertGreater(data[key], 0, key)
        for key in ("funnel_csat", "funnel_nps", "funnel_ces"):
            self.assertTrue(data[key], key)
        self.assertLess(data["funnel_attempted"], data["funnel_due"])
        self.assertLess(data["funnel_reached"], data["funnel_attempted"])
