from . import revisit_tier
