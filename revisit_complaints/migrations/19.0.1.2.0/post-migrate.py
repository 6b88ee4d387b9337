from odoo import SUPERUSER_ID, api
from odoo.addons.revisit_management.upgrade import reload_noupdate_rules

# the rules that read the customer's confidentiality now read the one stored
# effective level (the stricter of a contact's and its company's) and who the
# file's people are (res.partner.revisit_file_person)
RULES = {
    "security/revisit_complaints_security.xml": [
        "helpdesk_ticket_rule_revisit_user",
        "helpdesk_ticket_rule_revisit_owner",
        "helpdesk_ticket_rule_revisit_supervisor",
        "revisit_complaint_action_rule_supervisor",
    ],
}


def migrate(cr, version):
    """The rules are noupdate data: their shipped domains are written here.
    The links the complaint workflow made before it recorded them: the
    visits its closing planned (through a complaint event) follow up their
    complaint; duplicates of the same customer and company were linked by
    the proposal."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for filename, names in RULES.items():
        reload_noupdate_rules(env, "revisit_complaints", filename, names)
    cr.execute(
        """
        UPDATE revisit_visit v
           SET followup_ticket_id = v.ticket_id
          FROM revisit_event e
         WHERE v.event_id = e.id
           AND e.trigger = 'complaint'
           AND v.ticket_id IS NOT NULL
           AND v.followup_ticket_id IS NULL
        """
    )
    cr.execute(
        """
        UPDATE helpdesk_ticket t
           SET duplicate_marked_id = t.duplicate_id
          FROM helpdesk_ticket o
         WHERE t.duplicate_id = o.id
           AND t.commercial_partner_id = o.commercial_partner_id
           AND t.company_id = o.company_id
           AND t.duplicate_marked_id IS NULL
        """
    )
