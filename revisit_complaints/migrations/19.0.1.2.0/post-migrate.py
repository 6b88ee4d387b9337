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
    """The rules are noupdate data: their shipped domains are written here."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for filename, names in RULES.items():
        reload_noupdate_rules(env, "revisit_complaints", filename, names)
