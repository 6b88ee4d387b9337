from . import test_criterion
