from odoo import fields, models


def default_call_guide(env):
    """The four parts of a revisit script (seed 004, 方案 1)."""
    return env._(
        "<p><b>Greeting</b>: introduce yourself and the company, ask whether the "
        "customer has a few minutes.</p>"
        "<p><b>Questions</b>: how is the product or service working; how satisfied "
        "are you (1 to 5); anything we should do better?</p>"
        "<p><b>Problems</b>: note each problem with its details; say who will "
        "handle it and by when; never argue.</p>"
        "<p><b>Closing</b>: thank the customer, repeat what was promised and when "
        "they will hear from us.</p>"
    )


class RevisitRule(models.Model):
    _inherit = "revisit.rule"

    call_guide = fields.Html(
        string="Caller's Guide",
        translate=True,
        help="Shown on the visit while it is open: greeting, questions, problem "
        "handling and closing words. A step's own guide replaces it; without "
        "either, the visit shows a general script.",
    )
    require_customer_roles = fields.Boolean(
        string="Meet the Customer's Roles On Site",
        help="An on-site visit of this rule closes only once it records the "
        "customer's technical lead, administrative lead and main user met.",
    )
