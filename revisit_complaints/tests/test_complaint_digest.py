from datetime import date, datetime

from odoo.tests import freeze_time, new_test_user, tagged

from .common import ComplaintCommon

KPIS = (
    "kpi_revisit_complaint_received",
    "kpi_revisit_complaint_closed",
    "kpi_revisit_complaint_overdue",
    "kpi_revisit_complaint_valid_share",
)


@tagged("post_install", "-at_install")
class TestComplaintDigest(ComplaintCommon):
    """Complaint figures of Odoo's digest in an Asia/Shanghai company, sent on
    Monday at 07:30 local (23:30 UTC on Sunday): the last 7 days are Shanghai's
    Monday to Sunday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.revisit_tz = "Asia/Shanghai"
        cls.digest = cls.env["digest.digest"].create(
            {
                "name": "Complaint digest",
                "periodicity": "weekly",
                "company_id": cls.company.id,
                **dict.fromkeys(KPIS, True),
            }
        )

    def _complaint_at(self, utc, **values):
        ticket = self._create_complaint(**values)
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (utc, ticket.id),
        )
        ticket.invalidate_recordset(["create_date"])
        return ticket

    def kpis(self, user):
        data = self.digest._compute_kpis(self.company, user)
        return {
            kpi["kpi_name"]: tuple(kpi[f"kpi_col{i}"]["value"] for i in (1, 2, 3))
            for kpi in data
        }

    @freeze_time("2030-01-13 23:30:00")  # Monday 14th, 07:30 in Shanghai
    def test_monday_morning_reports_monday_to_sunday(self):
        self.assertEqual(self.company._revisit_today(), date(2030, 1, 14))
        # Monday 7th 00:30 and Sunday 13th 23:00 in Shanghai: in the week
        first = self._complaint_at(datetime(2030, 1, 6, 16, 30))
        last = self._complaint_at(datetime(2030, 1, 13, 15, 0), name="Lift")
        # Sunday 6th 23:30 in Shanghai: the week before
        self._complaint_at(datetime(2030, 1, 6, 15, 30), name="Gate")
        # a duplicate counts once, with its original
        self._complaint_at(
            datetime(2030, 1, 8, 2, 0), name="Lift again", duplicate_of_id=last.id
        )
        self._close_valid(first)
        self.assertTrue(first.closed_date)
        # closed on Thursday 10th in Shanghai
        first.flush_recordset()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET closed_date = %s WHERE id = %s",
            (datetime(2030, 1, 10, 3, 0), first.id),
        )
        first.invalidate_recordset(["closed_date"])
        # a reply promised for Wednesday 9th and not given; one due today
        last.promised_date = date(2030, 1, 9)
        self._complaint_at(
            datetime(2030, 1, 12, 2, 0), name="Water", promised_date=date(2030, 1, 14)
        )

        kpis = self.kpis(self.manager)
        self.assertEqual(kpis["kpi_revisit_complaint_received"][1], 3)
        self.assertEqual(kpis["kpi_revisit_complaint_received"][0], 1, "Sunday 13th")
        self.assertEqual(kpis["kpi_revisit_complaint_closed"][1], 1)
        self.assertEqual(kpis["kpi_revisit_complaint_closed"][0], 0)
        self.assertEqual(kpis["kpi_revisit_complaint_overdue"][1], 1)
        stats = (
            self.env["revisit.complaint.report"]
            .with_company(self.company)
            ._complaint_statistics(date(2030, 1, 7), date(2030, 1, 13))
        )
        self.assertGreater(stats["valid_customer_share"], 0)
        self.assertEqual(
            kpis["kpi_revisit_complaint_valid_share"][1],
            f"{stats['valid_customer_share']:.2f}",
        )

    @freeze_time("2030-01-13 23:30:00")
    def test_users_without_complaint_rights_get_no_complaint_figures(self):
        self._complaint_at(datetime(2030, 1, 8, 2, 0))
        clerk = new_test_user(self.env, login="cpl_clerk", groups="base.group_user")
        self.assertFalse(set(KPIS) & set(self.kpis(clerk)))
        # a complaint handler sees the complaints, not the customers' share
        kpis = self.kpis(self.assistant)
        self.assertEqual(kpis["kpi_revisit_complaint_received"][1], 1)
        self.assertNotIn("kpi_revisit_complaint_valid_share", kpis)

    def test_default_digest_shows_complaint_figures(self):
        default = self.env.ref("digest.digest_digest_default")
        self.assertTrue(all(default[kpi] for kpi in KPIS))
        actions = default._compute_kpis_actions(self.company, self.manager)
        for kpi in KPIS:
            self.assertTrue(self.env.ref(actions[kpi].split("?")[0]))
