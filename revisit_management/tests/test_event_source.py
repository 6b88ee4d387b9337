from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RevisitCase


@tagged("post_install", "-at_install")
class TestEventSource(RevisitCase):
    """An event links the document it comes from."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.env["res.partner"].create({"name": "Source document"})
        cls.customer = cls.env["res.partner"].create({"name": "Zhang San"})

    def _event(self, **values):
        return self.Event.create(
            {
                "partner_id": self.customer.id,
                "trigger": "consultation",
                "date": self.company._revisit_today(),
                **values,
            }
        )

    def test_event_links_and_finds_its_source(self):
        event = self._event(res_model="res.partner", res_id=self.document.id)
        plain = self._event()
        self.assertEqual(event.source_ref, self.document)
        self.assertFalse(plain.source_ref)
        found = self.Event.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.document.id)]
        )
        self.assertEqual(found, event)
        self.assertEqual(
            self.Event.search(
                [("id", "in", (event | plain).ids), ("res_model", "!=", False)]
            ),
            event,
        )
        values = event.with_user(self.manager).web_read(
            {"source_ref": {"fields": {"display_name": {}}}}
        )
        self.assertEqual(values[0]["source_ref"]["display_name"], "Source document")

    def test_bad_source_is_refused(self):
        with self.assertRaises(ValidationError):
            self._event(res_model="no.such.model", res_id=1)
        with self.assertRaises(ValidationError):
            self._event(res_id=self.document.id)
