from . import revisit_appraisal_run_wizard
