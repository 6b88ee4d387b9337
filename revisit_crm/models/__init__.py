from . import crm_lead, revisit_visit
