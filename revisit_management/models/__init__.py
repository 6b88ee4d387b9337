from . import (
    res_company,
    res_config_settings,
    res_partner,
    revisit_event,
    revisit_plan,
    revisit_plan_line,
    revisit_planner,
    revisit_rule,
    revisit_rule_step,
    revisit_tier,
    revisit_visit,
    survey_user_input,
)
