def post_init_hook(env):
    """Companies that exist before the addon get their callback secret."""
    env["res.company"].search([])._sms_china_ensure_callback_token()
