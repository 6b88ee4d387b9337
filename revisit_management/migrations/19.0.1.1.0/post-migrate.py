from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The assignees' daily reminder lists a whole batch of assignees' visits
    from a view (``revisit_reminder_mail_body``): its noupdate body and the
    body's translations are reset to the shipped ones."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(
        "revisit_management.mail_template_revisit_reminder", raise_if_not_found=False
    )
    if template and template.template_fs:
        template.reset_template()
    # the assignee reads their own visits of secret customers (noupdate rules)
    own = (
        "[('user_id', '=', user.id), "
        "'|', ('partner_id.revisit_confidentiality', 'in', ('normal', 'secret')), "
        "('partner_id.revisit_user_id', '=', user.id)]"
    )
    for xmlid in ("revisit_visit_rule_user", "revisit_visit_report_rule_user"):
        rule = env.ref(f"revisit_management.{xmlid}", raise_if_not_found=False)
        if rule:
            rule.domain_force = own
