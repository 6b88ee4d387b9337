from . import (
    digest_digest,
    helpdesk_ticket,
    helpdesk_ticket_category,
    helpdesk_ticket_followup_delay,
    helpdesk_ticket_team,
    res_company,
    res_config_settings,
    res_partner,
    revisit_complaint_action,
    revisit_event,
    revisit_rule,
    revisit_visit,
)
