from . import revisit_complaint_report
