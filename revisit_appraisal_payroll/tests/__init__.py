from . import test_net, test_payroll, test_salary_rules
