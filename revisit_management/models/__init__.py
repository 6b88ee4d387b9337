# first: the models below inherit it
from . import revisit_company_lang_mixin  # isort: skip
from . import revisit_workflow_mixin  # isort: skip
from . import (
    calendar_attendee,
    digest_digest,
    mail_followers,
    mail_message,
    mail_tracking_value,
    res_company,
    res_config_settings,
    res_partner,
    revisit_area,
    revisit_event,
    revisit_festival,
    revisit_plan,
    revisit_plan_line,
    revisit_planner,
    revisit_problem_category,
    revisit_rule,
    revisit_rule_step,
    revisit_tier,
    revisit_visit,
    revisit_visit_material,
    sms_sms,
    survey_user_input,
)
