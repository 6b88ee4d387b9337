from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestVisitSearch(RevisitCase):
    """The visits' search view: a customer's name is what staff type, and the
    activity bell opens the visits with Odoo's activity filters."""

    def search_view(self):
        view = self.env.ref("revisit_management.revisit_visit_view_search")
        arch = self.Visit.with_user(self.staff).get_views([(view.id, "search")])
        return etree.fromstring(arch["views"]["search"]["arch"])

    def test_default_search_field_finds_the_customer(self):
        visit = self.visit()
        first = next(self.search_view().iter("field"))
        self.assertEqual(first.get("name"), "partner_id")
        for typed in ("Wang", visit.name):
            domain = safe_eval(first.get("filter_domain"), {"self": typed})
            self.assertIn(visit, self.Visit.with_user(self.staff).search(domain))

    def test_activity_filters_of_the_bell(self):
        Visit = self.Visit.with_user(self.staff)
        today = fields.Date.context_today(Visit)
        late, due, coming = (
            self.visit(scheduled_date=today + timedelta(days=offset))
            for offset in (-2, 0, 3)
        )
        self.visit(scheduled_date=today, user_id=self.staff2.id)
        filters = {f.get("name"): f for f in self.search_view().iter("filter")}
        expected = {
            "filter_activities_my": late | due | coming,
            "activities_overdue": late,
            "activities_today": due,
            "activities_upcoming_all": coming,
        }
        for name, visits in expected.items():
            with self.subTest(filter=name):
                domain = safe_eval(filters[name].get("domain"), {"uid": self.staff.id})
                found = Visit.search([*domain, ("partner_id", "=", self.customer.id)])
                self.assertEqual(found, visits)
