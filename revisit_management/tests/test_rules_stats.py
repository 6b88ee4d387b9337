from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tests import freeze_time, tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestRulesStats(RevisitCase):
    """Statistics, problems, questionnaire campaigns and quarterly plans of the
    regulations, in an Asia/Shanghai company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.revisit_tz = "Asia/Shanghai"
        (cls.staff | cls.manager | cls.head | cls.supervisor).tz = "Asia/Shanghai"
        cls.Report = cls.env["revisit.visit.report"]
        cls.Problem = cls.env["revisit.problem.report"]
        cls.Partner = cls.env["res.partner"]
        cls.tier = cls.env.ref("revisit_management.revisit_tier_low")
        ref = cls.env.ref
        cls.quality = ref("revisit_management.revisit_problem_category_quality")
        cls.price = ref("revisit_management.revisit_problem_category_price")
        cls.other_department = cls.env["hr.department"].create({"name": "Property"})
        cls.date_from = cls.monday - timedelta(days=1)
        cls.date_to = cls.monday + timedelta(days=20)

    def customers(self, count, prefix="Resident", **values):
        return self.Partner.create(
            [
                {
                    "name": f"{prefix} {index}",
                    "email": f"{prefix.lower()}{index}@example.com",
                    "revisit_tier_id": self.tier.id,
                    **values,
                }
                for index in range(count)
            ]
        )

    def done(self, partner, day=None, satisfaction=4, **values):
        visit = self.visit(
            partner_id=partner.id,
            scheduled_date=day or self.monday,
            satisfaction=satisfaction,
            done_date=day or self.monday,
            **values,
        )
        visit.action_done()
        return visit

    def dashboard(self, user=None):
        self.env.flush_all()
        Report = self.Report.with_user(user) if user else self.Report
        return Report.get_dashboard_data(self.date_from, self.date_to)

    def summary_html(self, visits):
        """The visit summary report of ``visits``, as HTML."""
        report = self.env["ir.actions.report"]
        return report._render_qweb_html(
            "revisit_management.report_revisit_visit_summary", visits.ids
        )[0].decode()

    def weekly_digest(self, kpi):
        """The company's weekly digest showing ``kpi``."""
        return self.env["digest.digest"].create(
            {
                "name": f"{kpi} digest",
                "periodicity": "weekly",
                "company_id": self.company.id,
                kpi: True,
            }
        )

    def digest_kpi(self, kpi):
        """``kpi`` in the weekly digest sent on Monday 14 January 07:30 in
        Shanghai: the last 7 days are 7 to 13 January."""
        digest = self.weekly_digest(kpi)
        with freeze_time("2030-01-13 23:30:00"):
            kpis = digest._compute_kpis(self.company, self.manager)
        [value] = [k for k in kpis if k["kpi_name"] == kpi]
        return value

    def all_customers(self):
        return self.Partner.sudo().search_count(
            self.Partner._revisit_customer_domain(self.company)
        )

    # ------------------------------------------------------------------
    # R080: coverage of the customers due and of all customers
    # ------------------------------------------------------------------

    def test_r080_coverage_counts_all_customers(self):
        before = self.all_customers()
        residents = self.customers(12)
        # neither a tier nor a visit: not a customer under revisit; archived
        # customers do not count either
        self.Partner.create({"name": "A supplier"})
        self.customers(1, prefix="Moved away", active=False)
        self.assertEqual(self.all_customers(), before + 12)
        self.done(residents[0])
        self.visit(partner_id=residents[1].id).action_cancel()
        data = self.dashboard()
        self.assertEqual(data["customers_due"], 1)
        self.assertEqual(data["customers_visited"], 1)
        self.assertEqual(data["coverage_rate"], 100.0)
        # the regulation's coverage: customers visited of all customers
        self.assertEqual(data["customers_total"], before + 12)
        self.assertEqual(data["coverage_all_rate"], round(100.0 / (before + 12), 1))
        self.assertLess(data["coverage_all_rate"], 100.0)
        # a customer due but not visited lowers the coverage of the due
        self.visit(partner_id=residents[2].id)
        data = self.dashboard()
        self.assertEqual((data["customers_due"], data["coverage_rate"]), (2, 50.0))

    def test_r080_visit_report_and_digest_use_the_same_coverage(self):
        residents = self.customers(4)
        visits = self.done(residents[0]) | self.visit(partner_id=residents[1].id)
        self.env.flush_all()
        values = self.env[
            "report.revisit_management.report_revisit_visit_summary"
        ]._get_report_values(visits.ids)
        stats = values["stats"]
        self.assertEqual(stats["customers_visited"], 1)
        self.assertEqual(stats["customers_due"], 2)
        self.assertEqual(stats["customers_total"], self.all_customers())
        self.assertEqual(
            stats["coverage_all_rate"],
            round(100.0 / self.all_customers(), 1),
        )
        html = self.summary_html(visits)
        self.assertIn(f"{stats['coverage_all_rate']} %", html)

        coverage = self.digest_kpi("kpi_revisit_coverage")
        expected = self.Report._revisit_coverage(
            Domain("company_id", "=", self.company.id)
            & Domain("due_date", ">=", date(2030, 1, 7))
            & Domain("due_date", "<", date(2030, 1, 14)),
            self.company,
        )
        self.assertEqual(expected["customers_visited"], 1)
        self.assertEqual(
            coverage["kpi_col2"]["value"], f"{expected['coverage_all_rate']:.2f}"
        )

    # ------------------------------------------------------------------
    # R086: questionnaire return rate against its 70% target
    # ------------------------------------------------------------------

    def test_r086_questionnaire_return_rate_and_target(self):
        self.assertEqual(self.company.revisit_survey_return_target, 70.0)
        residents = self.customers(3)
        visits = self.Visit.browse()
        for resident in residents:
            visits |= self.visit(partner_id=resident.id, method="survey")
        visits.action_send_survey()
        self.visit(partner_id=residents[0].id, method="phone")  # no questionnaire
        self.answer_survey(visits[0], 4)
        data = self.dashboard()
        self.assertEqual((data["surveys_sent"], data["surveys_answered"]), (3, 1))
        self.assertEqual(data["survey_return_rate"], 33.3)
        self.assertEqual(data["survey_return_target"], 70.0)
        # in the analysis: the averaged column is the rate of any group
        [(rate,)] = self.Report._read_group(
            [("visit_id", "in", visits.ids)], [], ["survey_return_rate:avg"]
        )
        self.assertAlmostEqual(rate, 100 / 3)
        self.company.revisit_survey_return_target = 80
        self.assertEqual(self.dashboard()["survey_return_target"], 80.0)
        with self.assertRaises(ValidationError):
            self.company.revisit_survey_return_target = 120

        value = self.digest_kpi("kpi_revisit_survey_return")
        self.assertEqual(value["kpi_col2"]["value"], f"{100 / 3:.2f}")

    # ------------------------------------------------------------------
    # R078, R069, R087: customers' problems by category, handled, per
    # department, with their satisfaction
    # ------------------------------------------------------------------

    def _problems(self):
        """Week of 7 January: three problems in Aftercare, one in Property."""
        a, b, c, d = self.customers(4, prefix="Owner")
        handled = self.done(
            a,
            satisfaction=2,
            problem_category_ids=[Command.set(self.quality.ids)],
            department_id=self.department.id,
        )
        self.done(
            b,
            satisfaction=4,
            problem_category_ids=[Command.set((self.quality | self.price).ids)],
            department_id=self.department.id,
        )
        self.done(c, satisfaction=3, problem="The lift is noisy")
        self.done(
            d,
            satisfaction=1,
            problem_category_ids=[Command.set(self.price.ids)],
            department_id=self.other_department.id,
        )
        # the follow-up closes the first problem without a new one
        followup = handled.followup_visit_ids
        self.assertEqual(len(followup), 1)
        followup.write({"satisfaction": 5, "done_date": self.monday + timedelta(3)})
        followup.action_done()
        self.env.flush_all()
        return handled

    def test_r078_weekly_problems_by_category_and_their_handling(self):
        self._problems()
        rows = {
            (category.id or False, week): (count, resolved)
            for category, week, count, resolved in self.Problem._read_group(
                [("date", ">=", self.date_from), ("date", "<=", self.date_to)],
                ["category_id", "date:week"],
                ["__count", "nbr_resolved:sum"],
            )
        }
        # one week (its first day follows the user's language)
        [week] = {week for __, week in rows}
        self.assertTrue(week <= self.monday < week + timedelta(days=7))
        self.assertEqual(rows[(self.quality.id, week)], (2, 1))
        self.assertEqual(rows[(self.price.id, week)], (2, 0))
        self.assertEqual(rows[(False, week)], (1, 0))  # written only as text
        # the dashboard's problem resolution counts the visits, text or category
        data = self.dashboard()
        self.assertEqual((data["problems"], data["problems_resolved"]), (4, 1))

        # the weekly digest lists each category with how many were handled
        digest = self.weekly_digest("kpi_revisit_problem")
        with freeze_time("2030-01-13 23:30:00"):
            section = digest._revisit_problem_section(self.company, self.manager)
        rows = dict(section["rows"])
        self.assertEqual(rows[self.quality.name][1], 2)
        self.assertEqual(section["handled"][self.quality.name][1], 1)
        self.assertEqual(section["handled"][self.price.name][1], 0)
        self.assertEqual(rows["No category"][1], 1)

    def test_r069_visit_report_classifies_problems_per_department(self):
        handled = self._problems()
        visits = self.Visit.search([("partner_id.name", "like", "Owner %")])
        values = self.env[
            "report.revisit_management.report_revisit_visit_summary"
        ]._get_report_values(visits.ids)
        departments = {
            name: {line["category"]: (line["count"], line["handled"]) for line in lines}
            for name, lines in values["problems_by_department"]
        }
        self.assertEqual(
            departments[self.department.name],
            {self.quality.name: (2, 1), self.price.name: (1, 0)},
        )
        self.assertEqual(
            departments[self.other_department.name], {self.price.name: (1, 0)}
        )
        self.assertEqual(departments["No department"], {"No category": (1, 0)})
        html = self.summary_html(visits)
        self.assertIn(self.other_department.name, html)
        self.assertIn("o_revisit_problem_departments", html)
        self.assertTrue(handled.followup_visit_ids)

    def test_r087_satisfaction_report_by_problem_type(self):
        self._problems()
        visits = self.Visit.search([("partner_id.name", "like", "Owner %")])
        values = self.env[
            "report.revisit_management.report_revisit_visit_summary"
        ]._get_report_values(visits.ids)
        by_category = {
            line["category"]: line["satisfaction"]
            for line in values["problems_by_category"]
        }
        self.assertEqual(by_category[self.quality.name], 3.0)  # 2 and 4
        self.assertEqual(by_category[self.price.name], 2.5)  # 4 and 1
        self.assertEqual(by_category["No category"], 3.0)
        # the supervisor reads it for their department, the pivot by category
        rows = dict(
            self.Problem.with_user(self.supervisor)._read_group(
                [], ["category_id"], ["satisfaction:avg"]
            )
        )
        self.assertEqual(rows[self.quality], 3.0)
        self.assertEqual(rows[self.price], 4.0)  # Property's is not theirs
        # not the revisit staff's: nothing, unless an approved statistics
        # request opens rows to them (R116, with revisit_archive)
        try:
            outsider_rows = self.Problem.with_user(self.outsider).search([])
        except AccessError:
            outsider_rows = self.Problem.browse()
        self.assertFalse(outsider_rows)

    # ------------------------------------------------------------------
    # R019: the quarter's plans prompted at its start
    # ------------------------------------------------------------------

    def quarter_plans(self, day):
        return self.env["revisit.plan"].search(
            [("department_id", "=", self.department.id), ("date_from", "=", day)]
        )

    def test_r019_quarter_plan_prompted_on_the_companys_first_day(self):
        april = date(2030, 4, 1)
        # 31 March 23:00 in Shanghai: still the first quarter, long begun
        with freeze_time("2030-03-31 15:00:00"):
            self.run_cron("ir_cron_revisit_quarter_plans")
        self.assertFalse(self.quarter_plans(april))
        self.assertFalse(self.quarter_plans(date(2030, 1, 1)))
        # 1 April 00:30 in Shanghai (still 31 March in UTC)
        with freeze_time("2030-03-31 16:30:00"):
            self.run_cron("ir_cron_revisit_quarter_plans")
            self.run_cron("ir_cron_revisit_quarter_plans")
        plan = self.quarter_plans(april)
        self.assertEqual(len(plan), 1)
        self.assertEqual(
            (plan.state, plan.date_to, plan.user_id),
            ("draft", date(2030, 6, 30), self.head),
        )
        self.assertIn("2030 Q2", plan.name)
        activity = plan.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("revisit_management.mail_activity_type_revisit_plan"),
        )
        self.assertEqual(activity.user_id, self.head)
        # the head draws it up: their own department's plan
        plan.with_user(self.head).write(
            {"line_ids": [Command.create({"partner_id": self.customer.id})]}
        )
        plan.with_user(self.head).action_submit()
        # a company that does not want the prompt gets none
        self.company.revisit_quarter_plans = False
        with freeze_time("2030-06-30 16:30:00"):
            self.run_cron("ir_cron_revisit_quarter_plans")
        self.assertFalse(self.quarter_plans(date(2030, 7, 1)))

    # ------------------------------------------------------------------
    # R032, R035, R085, R089: questionnaire campaigns
    # ------------------------------------------------------------------

    def campaign(self, **values):
        return (
            self.env["revisit.plan"]
            .with_user(self.manager)
            .with_context(default_is_campaign=True, default_method="survey")
            .create(
                {
                    "name": "Residents' satisfaction survey",
                    "date_from": self.monday,
                    "date_to": self.monday + timedelta(days=30),
                    "department_id": self.department.id,
                    "population_domain": "[('name', 'like', 'Resident %')]",
                    **values,
                }
            )
        )

    def test_r035_campaign_samples_a_share_of_the_population(self):
        self.customers(40)
        campaign = self.campaign()
        self.assertEqual(campaign.sample_rate, 5.0)
        campaign.action_draw_sample()
        self.assertEqual(len(campaign.line_ids), 2)  # 5% of 40
        self.assertTrue(
            all(
                name.startswith("Resident")
                for name in campaign.line_ids.partner_id.mapped("name")
            )
        )
        campaign.action_draw_sample()  # the sample is complete
        self.assertEqual(len(campaign.line_ids), 2)
        campaign.sample_rate = 12
        campaign.action_draw_sample()  # 4.8, rounded up
        self.assertEqual(len(campaign.line_ids), 5)
        self.assertEqual(len(campaign.line_ids.partner_id), 5)
        with self.assertRaises(ValidationError):
            campaign.sample_rate = 0
        campaign.population_domain = "[('nope', '=', 1)]"
        with self.assertRaises(UserError):
            campaign.action_draw_sample()

    def test_r032_yearly_full_revisit_by_questionnaire(self):
        residents = self.customers(6)
        residents[-1].email = False
        campaign = self.campaign(sample_rate=100, repeat_months=12)
        campaign.action_draw_sample()
        self.assertEqual(campaign.line_ids.partner_id, residents)
        campaign.action_submit()
        campaign.with_user(self.head).action_approve()  # not its author
        visits = campaign.visit_ids
        self.assertEqual(len(visits), 6)
        self.assertEqual(set(visits.mapped("method")), {"survey"})
        campaign.action_send_surveys()
        sent = visits.filtered("survey_user_input_id")
        self.assertEqual(len(sent), 5)  # the customer without e-mail is listed
        self.assertIn(residents[-1].name, campaign.message_ids[0].body)
        for visit in sent[:4]:
            self.answer_survey(visit, 4)
        self.assertEqual(
            (campaign.survey_sent_count, campaign.survey_answered_count), (5, 4)
        )
        self.assertEqual(campaign.survey_return_rate, 80.0)
        self.assertGreaterEqual(
            campaign.survey_return_rate, campaign.survey_return_target
        )

    def test_r085_summary_report_after_the_campaign(self):
        residents = self.customers(3)
        campaign = self.campaign(sample_rate=100)
        campaign.action_draw_sample()
        campaign.action_submit()
        campaign.with_user(self.head).action_approve()
        campaign.action_send_surveys()
        self.answer_survey(campaign.visit_ids[0], 1)
        action = campaign.action_print_summary()
        self.assertEqual(
            action["report_name"], "revisit_management.report_revisit_visit_summary"
        )
        self.assertEqual(
            sorted(action["context"]["active_ids"]), sorted(campaign.visit_ids.ids)
        )
        values = self.env[
            "report.revisit_management.report_revisit_visit_summary"
        ]._get_report_values(campaign.visit_ids.ids)
        self.assertEqual(values["stats"]["surveys_sent"], 3)
        self.assertEqual(values["stats"]["survey_return_rate"], 33.3)
        self.assertEqual(len(residents), values["stats"]["customers_due"])
        with self.assertRaises(UserError):
            self.campaign(name="Empty").action_print_summary()

    def test_r089_satisfaction_survey_repeats_regularly(self):
        self.customers(20)
        campaign = self.campaign(repeat_months=12, sample_rate=10)
        campaign.action_draw_sample()
        campaign.action_submit()
        campaign.with_user(self.head).action_approve()
        # a year later, Shanghai's 7 January 2031 (still the 6th in UTC)
        with freeze_time("2031-01-06 17:00:00"):
            self.run_cron("ir_cron_revisit_repeat_campaigns")
            self.run_cron("ir_cron_revisit_repeat_campaigns")
        successor = campaign.next_plan_id
        self.assertEqual(len(successor), 1)
        self.assertEqual(
            self.env["revisit.plan"].search_count([("name", "=", campaign.name)]), 2
        )
        self.assertEqual(
            (successor.state, successor.date_from, successor.date_to),
            ("draft", date(2031, 1, 7), date(2031, 2, 6)),
        )
        self.assertTrue(successor.is_campaign)
        self.assertEqual(len(successor.line_ids), 2)  # a new 10% sample
        self.assertEqual(successor.activity_ids.user_id, self.manager)
        # the day before, nothing yet
        other = self.campaign(repeat_months=12, name="Other")
        other.action_draw_sample()
        other.action_submit()
        other.with_user(self.head).action_approve()
        with freeze_time("2031-01-06 15:00:00"):
            self.run_cron("ir_cron_revisit_repeat_campaigns")
        self.assertFalse(other.next_plan_id)
