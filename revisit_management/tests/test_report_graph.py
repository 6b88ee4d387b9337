from datetime import timedelta

from lxml import etree

from odoo.tests import tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestRevisitReportGraph(RevisitCase):
    """The analysis graph by week: a week with visits but no score has no
    average satisfaction (a gap in the line), not a satisfaction of 0."""

    def test_week_without_score_plots_nothing(self):
        scored = self.Visit.create(
            {
                "partner_id": self.customer.id,
                "scheduled_date": self.monday,
                "user_id": self.staff.id,
                "satisfaction": 4,
                "done_date": self.monday,
            }
        )
        scored.action_done()
        # the next week's visit is still open: visits, no score
        self.Visit.create(
            {
                "partner_id": self.customer.id,
                "scheduled_date": self.monday + timedelta(days=7),
                "user_id": self.staff.id,
            }
        )
        self.env.flush_all()
        groups = self.env["revisit.visit.report"].formatted_read_group(
            [("partner_id", "=", self.customer.id)],
            ["date:week"],
            ["__count", "satisfaction:avg", "nbr_done:sum"],
        )
        self.assertEqual(len(groups), 2)
        scored_week, open_week = groups
        self.assertEqual(scored_week["satisfaction:avg"], 4.0)
        self.assertEqual(open_week["__count"], 1)
        self.assertIsNone(open_week["satisfaction:avg"])
        # sums of nothing stay 0
        self.assertEqual(open_week["nbr_done:sum"], 0)

    def test_until_today_narrows_the_default_filters(self):
        """The analysis opens on the periods until today: its filter is in a
        group of its own, so it narrows "not cancelled" (filters of one group
        are OR-ed: future weeks would show)."""
        arch = self.env["revisit.visit.report"].get_view(
            self.env.ref("revisit_management.revisit_visit_report_view_search").id,
            "search",
        )["arch"]
        groups = [[]]
        for node in etree.fromstring(arch):
            if node.tag == "separator":
                groups.append([])
            elif node.tag == "filter":
                groups[-1].append(node.get("name"))
        group_of = {name: i for i, group in enumerate(groups) for name in group}
        self.assertNotEqual(group_of["until_today"], group_of["not_cancelled"])
