from . import hr_payslip, revisit_appraisal_reward_line
