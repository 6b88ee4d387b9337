from . import test_visit_expense
