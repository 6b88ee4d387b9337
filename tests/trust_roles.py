"""The roles of TRUST_MODEL.md, declared once for the trust tests that act as
each of them: a role added here is tried by every generated test.

The public (a survey link holder) has no login: the questionnaire tests of
tests/test_security_attacks.py act as it.
"""

# role: the groups its user gets (internal roles also get base.group_user)
ROLE_GROUPS = {
    "staff": "revisit_management.group_revisit_user",
    "supervisor member": "revisit_management.group_revisit_supervisor",
    "department head": "revisit_management.group_revisit_supervisor",
    "manager": "revisit_management.group_revisit_manager",
    "HR appraisal": "revisit_appraisal.group_revisit_appraisal_hr",
    "HR officer": "hr.group_hr_user",
    "archive custodian": "revisit_archive.group_revisit_archive_custodian",
    "executive director": "revisit_archive.group_revisit_archive_executive",
    "helpdesk agent": "helpdesk_mgmt.group_helpdesk_user",
    "salesperson": "sales_team.group_sale_salesman,base.group_partner_manager",
    "portal": "base.group_portal",
    "second company": "revisit_management.group_revisit_manager,"
    "revisit_appraisal.group_revisit_appraisal_hr",
}
