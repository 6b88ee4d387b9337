from . import test_maintenance
