from . import test_maintenance, test_repair_procedure
