from . import revisit_appraisal_run_wizard
from . import revisit_appraisal_reopen
