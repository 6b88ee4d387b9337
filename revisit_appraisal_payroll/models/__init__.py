from . import hr_payslip, hr_payslip_line, revisit_appraisal_reward_line
