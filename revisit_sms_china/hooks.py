import secrets


def post_init_hook(env):
    """Each company gets its own callback secret: the column's default gave
    the companies that existed before the addon one and the same."""
    for company in env["res.company"].search([]):
        company.sms_china_callback_token = secrets.token_hex(16)
