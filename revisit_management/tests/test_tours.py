from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRevisitTours(HttpCase):
    def test_tier_configuration_tour(self):
        self.start_tour("/odoo", "revisit_tier_tour", login="admin")
