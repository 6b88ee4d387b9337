from . import test_crm
