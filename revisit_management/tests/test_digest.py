from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tests import freeze_time, tagged

from ..models.revisit_visit_states import overdue_domain
from .common import RevisitCase

KPIS = (
    "kpi_revisit_visit_done",
    "kpi_revisit_on_time_rate",
    "kpi_revisit_visit_overdue",
    "kpi_revisit_satisfaction",
    "kpi_revisit_unreachable",
    "kpi_revisit_problem",
)


@tagged("post_install", "-at_install")
class TestDigest(RevisitCase):
    """Revisit figures of Odoo's digest in an Asia/Shanghai company: sent at
    07:30 local, 23:30 UTC the day before, it counts Shanghai's days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.revisit_tz = "Asia/Shanghai"
        (cls.staff | cls.manager | cls.head | cls.outsider).tz = "Asia/Shanghai"
        cls.digest = cls.env["digest.digest"].create(
            {
                "name": "Revisit digest",
                "periodicity": "weekly",
                "company_id": cls.company.id,
                "user_ids": [(6, 0, cls.manager.ids)],
                **dict.fromkeys(KPIS, True),
            }
        )
        ref = cls.env.ref
        cls.quality = ref("revisit_management.revisit_problem_category_quality")
        cls.price = ref("revisit_management.revisit_problem_category_price")
        cls.attitude = ref("revisit_management.revisit_problem_category_attitude")

    def done(self, day, satisfaction=4, categories=None, problem=False, due=None):
        """A visit done on ``day`` (its due date ``due``, else ``day``)."""
        due = due or day
        visit = self.visit(
            scheduled_date=due - timedelta(days=3),
            deadline=due,
            satisfaction=satisfaction,
            problem=problem,
            problem_category_ids=[(6, 0, (categories or self.quality.browse()).ids)],
            done_date=day,
        )
        visit.action_done()
        self.assertEqual((visit.state, visit.done_date), ("done", day))
        return visit

    def kpis(self, user=None):
        """{kpi: (last 24 hours, last 7 days, last 30 days)} of the digest."""
        data = self.digest._compute_kpis(self.company, user or self.manager)
        return {
            kpi["kpi_name"]: tuple(kpi[f"kpi_col{i}"]["value"] for i in (1, 2, 3))
            for kpi in data
        }

    def count_done(self, first, last, domain=None):
        return self.Visit.search_count(
            Domain("state", "=", "done")
            & Domain("done_date", ">=", first)
            & Domain("done_date", "<=", last)
            & Domain("company_id", "=", self.company.id)
            & Domain(domain or Domain.TRUE)
        )

    @freeze_time("2030-01-13 23:30:00")  # Monday 14th, 07:30 in Shanghai
    def test_monday_morning_reports_monday_to_sunday(self):
        today = date(2030, 1, 14)
        self.assertEqual(self.company._revisit_today(), today)
        monday, sunday = date(2030, 1, 7), date(2030, 1, 13)
        self.done(monday, 5, self.quality | self.price)  # on time
        self.done(sunday, 2, self.quality, due=date(2030, 1, 10))  # late
        self.done(date(2030, 1, 9), 4, problem="The bill was wrong")
        self.done(today, 3, self.price)  # today: the next digest's
        self.done(date(2030, 1, 6), 4, self.attitude)  # the week before
        overdue = self.visit(scheduled_date=date(2030, 1, 3), deadline=date(2030, 1, 9))
        self.visit(scheduled_date=today)  # due today: not overdue
        self.visit(scheduled_date=date(2030, 1, 2), deadline=date(2030, 1, 5))
        unreachable = self.visit(scheduled_date=date(2030, 1, 12))
        unreachable.deadline = False
        unreachable.action_unreachable()
        self.assertTrue(overdue.is_overdue)

        kpis = self.kpis()
        # the last 7 days are Shanghai's Monday 7th to Sunday 13th
        self.assertEqual(kpis["kpi_revisit_visit_done"][1], 3)
        self.assertEqual(
            kpis["kpi_revisit_visit_done"][1], self.count_done(monday, sunday)
        )
        # the last 24 hours are Sunday: one visit, done late
        self.assertEqual(kpis["kpi_revisit_visit_done"][0], 1)
        self.assertEqual(kpis["kpi_revisit_on_time_rate"][0], "0.00")
        self.assertEqual(kpis["kpi_revisit_on_time_rate"][1], f"{200 / 3:.2f}")
        self.assertEqual(kpis["kpi_revisit_satisfaction"][1], f"{11 / 3:.2f}")
        self.assertEqual(kpis["kpi_revisit_visit_overdue"][1], 1)
        self.assertEqual(
            kpis["kpi_revisit_visit_overdue"][1],
            self.Visit.search_count(
                overdue_domain(today)
                & Domain("due_date", ">=", monday)
                & Domain("due_date", "<=", sunday)
            ),
        )
        self.assertEqual(kpis["kpi_revisit_unreachable"][1], 1)
        self.assertEqual(kpis["kpi_revisit_problem"][1], 3)
        self.assertEqual(
            kpis["kpi_revisit_problem"][1],
            self.count_done(
                monday,
                sunday,
                Domain("problem_category_ids", "!=", False)
                | Domain("problem", "!=", False),
            ),
        )
        # the last 30 days start on Shanghai's 14 December
        self.assertEqual(kpis["kpi_revisit_visit_done"][2], 4)

        # the problems by category: a visit counts once in each of its categories
        section = self.digest._revisit_problem_section(self.company, self.manager)
        rows = dict(section["rows"])
        self.assertEqual(len(section["columns"]), 3)
        self.assertEqual(rows[self.quality.name], [1, 2, 2])
        self.assertEqual(rows[self.price.name], [0, 1, 1])
        self.assertEqual(rows[self.attitude.name], [0, 0, 1])
        self.assertEqual(rows["No category"], [0, 1, 1])
        self.assertEqual(
            [name for name, __ in section["rows"]],
            [self.quality.name, self.attitude.name, self.price.name, "No category"],
            "categories in their order, the uncategorised last",
        )

    @freeze_time("2030-01-31 23:30:00")  # 1 February, 07:30 in Shanghai
    def test_first_morning_of_the_month_reports_last_month(self):
        self.done(date(2030, 1, 1), 5, self.quality)
        self.done(date(2030, 1, 31), 3, self.price)
        self.done(date(2029, 12, 31), 1, self.quality)
        self.done(date(2030, 2, 1), 4, self.quality)
        kpis = self.kpis()
        # the last 30 days (a month back) are Shanghai's January
        self.assertEqual(kpis["kpi_revisit_visit_done"][2], 2)
        self.assertEqual(
            kpis["kpi_revisit_visit_done"][2],
            self.count_done(date(2030, 1, 1), date(2030, 1, 31)),
        )
        self.assertEqual(kpis["kpi_revisit_satisfaction"][2], "4.00")
        self.assertEqual(kpis["kpi_revisit_on_time_rate"][2], "100.00")
        self.assertEqual(kpis["kpi_revisit_visit_done"][0], 1, "31 January")
        rows = dict(
            self.digest._revisit_problem_section(self.company, self.manager)["rows"]
        )
        self.assertEqual(
            rows, {self.quality.name: [0, 0, 1], self.price.name: [1, 1, 1]}
        )

    @freeze_time("2030-01-13 23:30:00")
    def test_digest_mail_shows_the_problems_by_category(self):
        self.done(date(2030, 1, 10), 4, self.quality)
        mails = self.env["mail.mail"].search([])
        self.digest._action_send_to_user(self.manager)
        mail = self.env["mail.mail"].search([]) - mails
        self.assertEqual(len(mail), 1)
        body = mail.body_html
        self.assertIn("revisit_problems", body)
        self.assertIn(self.quality.name, body)
        self.assertIn('data-field="kpi_revisit_problem"', body)
        self.assertIn("revisit_visit_action_problem", body)

    @freeze_time("2030-01-13 23:30:00")
    def test_recipients_without_revisit_rights_get_no_revisit_figures(self):
        self.done(date(2030, 1, 10), 4, self.quality)
        self.assertFalse(set(KPIS) & set(self.kpis(self.outsider)))
        self.assertFalse(
            self.digest._revisit_problem_section(self.company, self.outsider)
        )
        with self.assertRaises(AccessError):
            self.digest.with_user(self.outsider).kpi_revisit_visit_done_value  # noqa: B018
        # staff count the visits they may read
        self.assertEqual(self.kpis(self.staff)["kpi_revisit_visit_done"][1], 1)

    def test_problem_section_off_when_the_kpi_is(self):
        self.digest.kpi_revisit_problem = False
        self.assertFalse(
            self.digest._revisit_problem_section(self.company, self.manager)
        )

    def test_default_digest_shows_revisit_figures(self):
        default = self.env.ref("digest.digest_digest_default")
        self.assertTrue(all(default[kpi] for kpi in KPIS))
        actions = default._compute_kpis_actions(self.company, self.manager)
        for kpi in KPIS:
            action = self.env.ref(actions[kpi].split("?")[0])
            self.assertEqual(action.type, "ir.actions.act_window")
