# first: the analysis views below inherit the mixin
from . import revisit_visit_analysis_mixin  # isort: skip
from . import (
    revisit_problem_report,
    revisit_reach_report,
    revisit_visit_report,
    revisit_visit_staff_report,
    revisit_visit_summary,
    revisit_visit_xlsx,
)
