from . import revisit_visit_wizard_mixin  # isort: skip
from . import (
    base_partner_merge_automatic_wizard,
    revisit_preset_wizard,
    revisit_preset_wizard_line,
    revisit_visit_appoint,
    revisit_visit_done,
)
