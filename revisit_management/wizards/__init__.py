from . import revisit_visit_done
from . import base_partner_merge_automatic_wizard
