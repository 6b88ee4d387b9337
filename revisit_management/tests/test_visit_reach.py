from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from ..models import revisit_reach as reach
from ..models import revisit_scales as scales
from .common import RevisitCase


class ReachCase(RevisitCase):
    """A company in Asia/Shanghai: its customers are asked in their hours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.revisit_tz = "Asia/Shanghai"
        cls.Attempt = cls.env["revisit.visit.attempt"]

    def customer_with_phone(self, name, **values):
        return self.env["res.partner"].create(
            {
                "name": name,
                "phone": "+86 138 0013 8000",
                "email": f"{name.lower().replace(' ', '.')}@example.com",
                "country_id": self.env.ref("base.cn").id,
                "tz": False,
                **values,
            }
        )

    def sms_of(self, partner):
        return self.env["sms.sms"].search([("partner_id", "=", partner.id)])


@tagged("post_install", "-at_install")
class TestReask(ReachCase):
    """An unanswered questionnaire is sent again once, after the delay, in the
    customer's contact hours in their (else the company's) time zone."""

    def sms_visit(self, partner, **values):
        return self.visit(
            partner_id=partner.id,
            method="sms",
            scheduled_date=date(2030, 1, 7),
            **values,
        )

    def test_asked_again_once_in_the_contact_hours(self):
        early = self.customer_with_phone(
            "Early Bird", revisit_contact_hours="7:00-9:00"
        )
        visit = self.sms_visit(early)
        # Monday 7 January, 07:30 in Shanghai
        with freeze_time("2030-01-06 23:30:00"):
            visit.action_send_survey()
        self.assertEqual(visit.reask_due, datetime(2030, 1, 7, 23, 30))
        self.assertEqual(len(self.sms_of(early)), 1)
        with freeze_time("2030-01-07 23:00:00"):  # 23 h later: not yet
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(early)), 1)
        # Tuesday 07:30 in Shanghai (23:30 UTC on Monday): in 7:00-9:00
        with freeze_time("2030-01-07 23:30:00"):
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(early)), 2)
        self.assertTrue(visit.reasked)
        self.assertEqual(visit.attempt_ids.mapped("result"), ["sent", "sent"])
        self.assertEqual(set(visit.attempt_ids.mapped("channel")), {"sms"})
        # once only
        with freeze_time("2030-01-09 00:30:00"):
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(early)), 2)

    def test_waits_for_the_contact_hours(self):
        partner = self.customer_with_phone("Day Worker")  # default 9:00-20:00
        visit = self.sms_visit(partner)
        with freeze_time("2030-01-07 02:00:00"):  # 10:00 in Shanghai
            visit.action_send_survey()
        # due at 02:00 UTC on Tuesday; 07:30 in Shanghai is before 9:00
        with freeze_time("2030-01-08 23:30:00"):
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(partner)), 1)
        self.assertFalse(visit.reasked)
        with freeze_time("2030-01-09 01:30:00"):  # 09:30 in Shanghai
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(partner)), 2)
        self.assertTrue(visit.reasked)

    def test_rest_day_and_customer_time_zone(self):
        # the customer lives in Urumqi (2 h behind Beijing on the clock) and
        # rests on Wednesdays
        partner = self.customer_with_phone(
            "Far West", tz="Asia/Almaty", revisit_dnd_weekdays="3"
        )
        visit = self.sms_visit(partner)
        with freeze_time("2030-01-08 04:00:00"):  # Tuesday
            visit.action_send_survey()
        with freeze_time("2030-01-09 04:00:00"):  # Wednesday 09:00/10:00 local
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(partner)), 1)
        # Thursday 08:30 in Almaty (UTC+5): not yet 9:00 there
        with freeze_time("2030-01-10 03:30:00"):
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(partner)), 1)
        with freeze_time("2030-01-10 04:30:00"):  # 09:30 in Almaty
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(partner)), 2)

    def test_answered_questionnaire_is_not_asked_again(self):
        visit = self.visit(method="email", scheduled_date=date(2030, 1, 7))
        with freeze_time("2030-01-07 02:00:00"):
            visit.action_send_survey()
            self.answer_survey(visit, 5)
        self.assertEqual(visit.state, "done")
        with freeze_time("2030-01-08 03:00:00"):
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(
            visit.attempt_ids.sorted("id").mapped("result"), ["sent", "answered"]
        )
        self.assertEqual(
            visit.attempt_ids.sorted("id").mapped("channel"),
            ["email", "questionnaire"],
        )

    def test_rule_delay_and_no_reask(self):
        rule = self.rule("discharge")
        rule.reask_hours = 48
        partner = self.customer_with_phone("Slow Reader")
        visit = self.sms_visit(partner, rule_id=rule.id)
        with freeze_time("2030-01-07 02:00:00"):
            visit.action_send_survey()
        self.assertEqual(visit.reask_due, datetime(2030, 1, 9, 2, 0))
        rule.reask_hours = 0
        other = self.sms_visit(self.customer_with_phone("Never Again"), rule_id=rule.id)
        other.action_send_survey()
        self.assertFalse(other.reask_due)
        with self.assertRaises(UserError):
            rule.reask_hours = -1

    @mute_logger("odoo.addons.revisit_management.models.revisit_visit_reach")
    def test_one_bad_visit_does_not_stop_the_others(self):
        first = self.customer_with_phone("Number Removed")
        second = self.customer_with_phone("Still Here")
        bad = self.sms_visit(first)
        good = self.sms_visit(second)
        with freeze_time("2030-01-07 02:00:00"):
            (bad | good).action_send_survey()
        first.phone = False
        with freeze_time("2030-01-08 03:00:00"):
            self.run_cron("ir_cron_revisit_reask")
        self.assertEqual(len(self.sms_of(second)), 2)
        self.assertTrue(good.reasked)
        # done with: not tried again at every run
        self.assertTrue(bad.reasked)
        self.assertEqual(
            bad.attempt_ids.sorted("id").mapped("result"), ["sent", "failed"]
        )


@tagged("post_install", "-at_install")
class TestFallback(ReachCase):
    """A phone visit unreachable after its retries sends the questionnaire by
    SMS when its rule says so; every attempt is recorded with its reason."""

    def test_unreachable_phone_visit_falls_back_to_sms(self):
        rule = self.rule("discharge")
        rule.fallback_sms = True
        partner = self.customer_with_phone("Never Picks Up")
        with freeze_time("2030-01-06 23:30:00"):  # 07:30 on 7 January
            visit = self.visit(partner_id=partner.id, rule_id=rule.id, method="phone")
            visit.unreachable_reason = "switched_off"
            visit.action_unreachable()
            retry = visit.followup_visit_ids
            self.assertEqual(retry.scheduled_date, date(2030, 1, 8))
            retry.action_unreachable()
            last = retry.followup_visit_ids
            last.unreachable_reason = "refused"
            last.action_unreachable()
        sms_visit = last.followup_visit_ids
        self.assertEqual(sms_visit.method, "sms")
        self.assertEqual(sms_visit.retry_count, 3)
        self.assertEqual(sms_visit.reach_root_id, visit)
        self.assertEqual(len(self.sms_of(partner)), 1)
        self.assertIn(sms_visit._get_survey_url(), self.sms_of(partner).body)
        attempts = self.Attempt.search([("root_visit_id", "=", visit.id)], order="id")
        self.assertEqual(
            [(a.visit_id, a.channel, a.result) for a in attempts],
            [
                (visit, "phone", "switched_off"),
                (retry, "phone", "no_answer"),
                (last, "phone", "refused"),
                (sms_visit, "sms", "sent"),
            ],
        )
        self.assertEqual(retry.unreachable_reason, "no_answer")
        # the contact is attempted, not reached
        stages = visit._reach_stages()
        self.assertEqual(
            stages,
            {
                "due": True,
                "attempted": True,
                "reached": False,
                "answered": False,
                "valid": False,
            },
        )

    def test_no_fallback_unless_the_rule_says_so(self):
        partner = self.customer_with_phone("No Fallback")
        visit = self.visit(partner_id=partner.id, method="phone")
        visit.action_unreachable()
        visit.followup_visit_ids.action_unreachable()
        last = visit.followup_visit_ids.followup_visit_ids
        last.action_unreachable()
        self.assertFalse(last.followup_visit_ids)
        self.assertFalse(self.sms_of(partner))


@tagged("post_install", "-at_install")
class TestReachFunnel(ReachCase):
    """The funnel's figures on a known data set, counted by hand."""

    def test_funnel_figures(self):
        Report = self.env["revisit.reach.report"]
        customers = [self.customer_with_phone(f"Funnel {i}") for i in range(9)]
        a, b, c, d, e, g, h, i, _x = customers

        def visit(partner, user=self.staff2, **values):
            return self.visit(partner_id=partner.id, user_id=user.id, **values)

        with freeze_time("2030-01-07 02:00:00"):
            # A: answered, with feedback: a valid record
            va = visit(a, user=self.staff, satisfaction=5, feedback="Very kind")
            va.action_done()
            # B: answered without feedback or report: not a valid record
            vb = visit(b, user=self.staff, satisfaction=4)
            vb.action_done()
            # C: unreachable, then answered low on the retry, with feedback;
            # its follow-up F is a contact of its own, not yet attempted
            vc = visit(c)
            vc.action_unreachable()
            vc2 = vc.followup_visit_ids
            vc2.write({"satisfaction": 2, "feedback": "Waited an hour"})
            vc2.action_done()
            vf = vc2.followup_visit_ids
            # D: a wrong number, three times
            vd = visit(d)
            vd.unreachable_reason = "wrong_number"
            vd.action_unreachable()
            vd.followup_visit_ids.action_unreachable()
            vd.followup_visit_ids.followup_visit_ids.action_unreachable()
            # E: nothing done yet
            ve = visit(e)
            # G: cancelled, not due
            vg = visit(g)
            vg.action_cancel()
            # H: questionnaire e-mailed, not answered
            vh = visit(h, method="email")
            vh.action_send_survey()
            # I: an appointment agreed (reached), not done yet
            vi = visit(i, appointment_datetime=datetime(2030, 1, 9, 2, 0))
            vi.action_appoint()
        domain = [("partner_id", "in", [p.id for p in customers])]
        self.assertEqual(vc2.reach_root_id, vc)
        self.assertEqual(vf.reach_root_id, vf)
        rows = Report.search(domain)
        self.assertEqual(
            rows.visit_id, va | vb | vc | vd | ve | vh | vi | vf, "due: G cancelled"
        )
        figures = Report._funnel_figures(domain)
        self.assertEqual(
            {key: figures[key] for key in figures if key.startswith("funnel_")},
            {
                "funnel_due": 8,
                "funnel_attempted": 6,  # A B C D H I
                "funnel_reached": 4,  # A B C I
                "funnel_answered": 3,  # A B C
                "funnel_valid": 2,  # A C
                "funnel_coverage_rate": 75.0,
                "funnel_reach_rate": 66.7,
                "funnel_answer_rate": 75.0,
                "funnel_valid_rate": 66.7,
                # 5, 4 and 2 stars: 100, 80 and 40
                "funnel_satisfaction": 73.3,
                "funnel_csat": 66.7,
                "funnel_nps": False,
                "funnel_ces": False,
                "funnel_low": 1,  # C
                "funnel_closed_loop": 0,
                "funnel_closed_loop_rate": 0.0,
            },
        )
        # the view and the Python definition agree on every contact
        for row in rows:
            contact = row.visit_id
            stages = contact._reach_stages()
            self.assertEqual(
                (
                    stages["attempted"],
                    stages["reached"],
                    stages["answered"],
                    stages["valid"],
                ),
                (
                    bool(row.nbr_attempted),
                    bool(row.nbr_reached),
                    bool(row.nbr_answered),
                    bool(row.nbr_valid),
                ),
                contact.partner_id.name,
            )
        self.assertFalse(vg._reach_stages()["due"])
        # per staff
        by_user = {
            user: (due, attempted)
            for user, due, attempted in Report._read_group(
                domain, ["user_id"], ["nbr_due:sum", "nbr_attempted:sum"]
            )
        }
        self.assertEqual(by_user[self.staff], (2, 2))
        self.assertEqual(by_user[self.staff2], (6, 4))
        # the follow-up of the low score ends satisfied: the loop is closed
        vf.write({"satisfaction": 5})
        vf.action_done()
        figures = Report._funnel_figures(domain)
        self.assertEqual(figures["funnel_closed_loop"], 1)
        self.assertEqual(figures["funnel_closed_loop_rate"], 100.0)
        self.assertTrue(reach.is_closed_loop(vc2))
        self.assertEqual(figures["funnel_answered"], 4)
        # the dashboard shows the same figures
        data = self.env["revisit.visit.report"].get_dashboard_data(
            date_from="2030-01-01", date_to="2030-12-31", domain=domain
        )
        self.assertEqual(
            {key: value for key, value in data.items() if key.startswith("funnel_")},
            figures,
        )

    def test_staff_reads_the_funnel_of_their_visits(self):
        partner = self.customer_with_phone("Own Contact")
        own = self.visit(partner_id=partner.id, user_id=self.staff.id)
        other = self.visit(partner_id=partner.id, user_id=self.staff2.id)
        rows = self.env["revisit.reach.report"].with_user(self.staff).search([])
        self.assertIn(own, rows.visit_id)
        self.assertNotIn(other, rows.visit_id)
        own.with_user(self.staff).action_unreachable()
        self.assertEqual(own.with_user(self.staff).attempt_ids.result, "no_answer")
        self.assertFalse(
            self.Attempt.with_user(self.staff2).search([("visit_id", "=", own.id)])
        )


@tagged("post_install", "-at_install")
class TestScales(ReachCase):
    """CSAT, NPS and CES on known answers, low answers and their reasons."""

    def test_figures_on_known_answers(self):
        # CSAT: 4 and 5 of six answers: 3 of 6
        self.assertEqual(scales.figures("stars", [5, 4, 3, 2, 1, 4]), 50.0)
        # NPS: promoters 10, 9; passives 8, 7; detractors 6, 3, 0
        self.assertEqual(scales.figures("nps", [10, 9, 8, 7, 6, 3, 0]), -14.3)
        self.assertEqual(scales.figures("nps", [10, 9, 9, 7]), 75.0)
        self.assertEqual(scales.figures("ces", [7, 5, 3, 1]), 4.0)
        self.assertIsNone(scales.figures("nps", []))
        self.assertEqual(
            [scales.nps_category(a) for a in (0, 6, 7, 8, 9, 10)],
            ["detractor", "detractor", "passive", "passive", "promoter", "promoter"],
        )

    def test_nps_visits_in_the_funnel(self):
        rule = self.rule("discharge")
        rule.satisfaction_scale = "nps"
        answers = [10, 9, 8, 7, 6, 3, 0]
        partners = []
        for answer in answers:
            partner = self.customer_with_phone(f"NPS {answer}")
            partners.append(partner.id)
            visit = self.visit(partner_id=partner.id, rule_id=rule.id)
            self.assertEqual(visit.satisfaction_scale, "nps")
            visit.write({"scale_answer": str(answer), "feedback": "said so"})
            visit.action_done()
            self.assertEqual(visit.satisfaction_score, answer * 10.0)
            self.assertEqual(visit.satisfaction_low, answer <= 6)
            # a detractor gets a follow-up as low stars do
            self.assertEqual(visit.followup_needed, answer <= 6)
        figures = self.env["revisit.reach.report"]._funnel_figures(
            [("partner_id", "in", partners), ("satisfaction_scale", "=", "nps")]
        )
        self.assertEqual(figures["funnel_nps"], -14.3)
        self.assertEqual(figures["funnel_low"], 3)
        # no answer on a scale is no figure (a dash on the dashboard), not 0
        self.assertIs(figures["funnel_csat"], False)
        empty = self.env["revisit.reach.report"]._funnel_figures([("id", "<", 0)])
        for key in ("funnel_satisfaction", "funnel_csat", "funnel_nps", "funnel_ces"):
            self.assertIs(empty[key], False, key)

    def test_ces_and_answer_range(self):
        rule = self.rule("discharge")
        rule.satisfaction_scale = "ces"
        partner = self.customer_with_phone("Effort")
        visit = self.visit(partner_id=partner.id, rule_id=rule.id)
        with self.assertRaises(UserError):
            visit.scale_answer = "9"
        visit.scale_answer = "7"
        visit.action_done()
        self.assertEqual(visit.satisfaction_score, 100.0)
        self.assertEqual(visit.satisfaction, 5)
        self.assertFalse(visit.satisfaction_low)

    def test_low_answer_asks_the_reason(self):
        rule = self.rule("discharge")
        rule.write({"satisfaction_scale": "nps", "low_reason_required": True})
        partner = self.customer_with_phone("Unhappy")
        visit = self.visit(partner_id=partner.id, rule_id=rule.id, scale_answer="5")
        with self.assertRaises(UserError):
            visit.action_done()
        reason = self.env.ref("revisit_management.revisit_low_reason_wait")
        visit.low_reason_id = reason
        visit.action_done()
        self.assertEqual(visit.state, "done")
        # a high answer needs no reason
        happy = self.visit(
            partner_id=self.customer_with_phone("Happy").id,
            rule_id=rule.id,
            scale_answer="9",
        )
        happy.action_done()
        self.assertEqual(happy.state, "done")

    def test_stars_keep_their_score(self):
        visit = self.visit(satisfaction=4)
        self.assertEqual(visit.satisfaction_scale, "stars")
        self.assertEqual(visit.satisfaction_score, 80.0)
        self.assertFalse(visit.satisfaction_low)
        visit.satisfaction = 2
        self.assertTrue(visit.satisfaction_low)
