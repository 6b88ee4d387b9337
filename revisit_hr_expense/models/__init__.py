from . import hr_expense, res_company, res_config_settings, revisit_visit
