from . import test_payroll, test_salary_rules
