from odoo.tests import new_test_user, tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestTicketRevisit(ComplaintCommon):
    """A closed ordinary ticket: a sampled satisfaction revisit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, login="hd_closer", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.team.user_ids = [(4, cls.agent.id)]
        cls.ticket_rule = cls.env.ref("revisit_complaints.revisit_rule_ticket_closed")
        cls.ticket_rule.sample_rate = 100

    def _events(self, ticket):
        return self.env["revisit.event"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )

    def test_closed_ticket_is_revisited_once(self):
        ticket = self._create_complaint(is_complaint=False, name="Door card")
        ticket.with_user(self.agent).stage_id = self.stage_done
        event = self._events(ticket)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.trigger, "ticket_closed")
        self.assertEqual(event.partner_id, self.customer)
        self.assertEqual(event.source_ref, ticket)
        self.assertEqual(event.visit_ids.rule_id, self.ticket_rule)
        ticket.stage_id = self.stage_progress
        ticket.stage_id = self.stage_done
        self.assertEqual(len(self._events(ticket)), 1)

    def test_sampling_and_team_setting_decide(self):
        self.ticket_rule.sample_rate = 0
        sampled_out = self._create_complaint(is_complaint=False, name="Parking")
        sampled_out.stage_id = self.stage_done
        self.assertEqual(len(self._events(sampled_out)), 1)
        self.assertFalse(self._events(sampled_out).visit_ids)
        self.team.revisit_ticket_trigger = "repair"
        repaired = self._create_complaint(is_complaint=False, name="Boiler fixed")
        repaired.stage_id = self.stage_done
        self.assertEqual(self._events(repaired).trigger, "repair")
        self.team.revisit_ticket_trigger = False
        silent = self._create_complaint(is_complaint=False, name="Question")
        silent.stage_id = self.stage_done
        self.assertFalse(self._events(silent))

    def test_complaints_keep_their_own_revisit(self):
        complaint = self._create_complaint()
        self._close_valid(complaint)
        self.assertFalse(self._events(complaint))
