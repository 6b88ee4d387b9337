from . import test_close_inactive
