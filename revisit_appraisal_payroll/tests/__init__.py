from . import test_salary_rules
