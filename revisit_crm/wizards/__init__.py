from . import revisit_visit_done
