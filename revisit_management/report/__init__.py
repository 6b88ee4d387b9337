from . import (
    revisit_visit_report,
    revisit_visit_summary,
    revisit_visit_xlsx,
)
