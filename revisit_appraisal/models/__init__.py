from . import revisit_appraisal_criterion
