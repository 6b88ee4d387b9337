from . import (
    test_closing_jobs,
    test_complaint_duplicates,
    test_complaint_followup,
    test_complaint_judgement,
    test_complaint_letter,
    test_complaint_promises,
    test_complaint_report,
    test_complaint_routing,
    test_complaint_security,
    test_helpdesk_agent,
    test_tours,
    test_visit_complaint,
)
