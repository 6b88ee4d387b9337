# first: the appraisals inherit the period mixin
from . import revisit_appraisal_period_mixin  # isort: skip
from . import (
    hr_employee,
    res_company,
    res_config_settings,
    revisit_appraisal,
    revisit_appraisal_criterion,
    revisit_appraisal_line,
    revisit_appraisal_period,
    revisit_appraisal_quarter,
    revisit_appraisal_reward_line,
    revisit_appraisal_spot_check,
    revisit_appraisal_year,
)
