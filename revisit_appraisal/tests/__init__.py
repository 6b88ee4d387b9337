from . import (
    test_access,
    test_compute,
    test_criterion,
    test_demo,
    test_grade,
    test_integration,
    test_reports,
    test_rewards,
    test_rules_appraisal,
    test_tours,
    test_trust,
    test_workflow,
)
