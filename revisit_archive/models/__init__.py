# first: the models below inherit the mixin
from . import revisit_archive_record_mixin  # isort: skip
from . import revisit_statistics_granted_mixin  # isort: skip
from . import (
    hr_department,
    hr_employee,
    res_company,
    res_config_settings,
    res_partner,
    revisit_archive_destruction,
    revisit_archive_inspection,
    revisit_archive_log,
    revisit_archive_request,
    revisit_customer_report,
    revisit_problem_report,
    revisit_visit,
    revisit_visit_report,
)
