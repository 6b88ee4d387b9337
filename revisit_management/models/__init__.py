# first: the models below inherit the mixins; then res.company, whose columns
# must exist before res.partner's (a partner default reads the company's), and
# the files below import res_partner (which registers res.partner's extension)
from . import revisit_company_lang_mixin  # isort: skip
from . import revisit_workflow_mixin  # isort: skip
from . import revisit_preset_mixin  # isort: skip
from . import revisit_promise_mixin  # isort: skip
from . import revisit_visit_survey  # isort: skip
from . import res_company  # isort: skip
from . import (
    base,
    calendar_attendee,
    digest_digest,
    ir_attachment,
    mail_followers,
    mail_message,
    mail_notification,
    mail_tracking_value,
    res_config_settings,
    res_partner,
    revisit_action_item,
    revisit_area,
    revisit_cron,
    revisit_event,
    revisit_festival,
    revisit_low_reason,
    revisit_plan,
    revisit_plan_line,
    revisit_planner,
    revisit_problem_category,
    revisit_reminder_manager,
    revisit_rule,
    revisit_rule_step,
    revisit_rule_step_guide,
    revisit_tier,
    revisit_visit,
    revisit_visit_attempt,
    revisit_visit_attendee,
    revisit_visit_material,
    revisit_visit_reach,
    sms_sms,
    survey_survey,
    survey_user_input,
)
