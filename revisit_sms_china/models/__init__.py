from . import (
    mail_notification,
    res_company,
    res_config_settings,
    revisit_reminder_manager,
    revisit_short_link,
    revisit_visit,
    sms_china_template,
    sms_sms,
    sms_tracker,
)
