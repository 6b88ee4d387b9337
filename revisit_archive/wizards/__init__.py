from . import revisit_partner_update
