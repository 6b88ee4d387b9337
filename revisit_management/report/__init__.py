from . import (
    revisit_problem_report,
    revisit_reach_report,
    revisit_visit_report,
    revisit_visit_staff_report,
    revisit_visit_summary,
    revisit_visit_xlsx,
)
