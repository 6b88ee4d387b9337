from . import test_revisit_tier, test_tours
