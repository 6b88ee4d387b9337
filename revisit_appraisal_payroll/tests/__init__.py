from . import (
    test_demo_chinese,
    test_net,
    test_payroll,
    test_payroll_chinese,
    test_salary_rules,
    test_tours,
)
