from odoo import SUPERUSER_ID, api
from odoo.addons.revisit_management.upgrade import reload_noupdate_rules

# the rules that read the customer's confidentiality now read the one stored
# effective level (the stricter of a contact's and its company's) and who the
# file's people are (res.partner.revisit_file_person)
RULES = {
    "security/revisit_security.xml": [
        "revisit_visit_rule_user",
        "revisit_visit_rule_owner",
        "revisit_visit_rule_supervisor",
        "revisit_visit_material_rule_user",
        "revisit_visit_material_rule_supervisor",
        "revisit_plan_line_rule_user",
        "revisit_plan_line_rule_owner",
        "revisit_plan_line_rule_supervisor",
        "revisit_plan_line_rule_supervisor_read",
        "revisit_event_rule_user",
        "revisit_event_rule_owner",
        "revisit_event_rule_supervisor",
    ],
    "security/revisit_visit_report_security.xml": [
        "revisit_visit_report_rule_user",
        "revisit_visit_report_rule_supervisor",
        "revisit_problem_report_rule_user",
        "revisit_problem_report_rule_supervisor",
    ],
}


def migrate(cr, version):
    """The rules are noupdate data: their shipped domains are written here."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for filename, names in RULES.items():
        reload_noupdate_rules(env, "revisit_management", filename, names)
