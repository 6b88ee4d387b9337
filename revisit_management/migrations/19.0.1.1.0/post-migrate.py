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
