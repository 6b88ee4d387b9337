# first: the models below inherit the mixins; then res.company, whose columns
# must exist before res.partner's (a partner default reads the company's), and
# the files below import res_partner (which registers res.partner's extension)
from . import revisit_company_lang_mixin  # isort: skip
from . import revisit_workflow_mixin  # isort: skip
from . import revisit_preset_mixin  # isort: skip
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
