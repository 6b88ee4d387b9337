from odoo import SUPERUSER_ID, api
from odoo.addons.revisit_appraisal_payroll.hooks import setup_salary_rules


def migrate(cr, version):
    """The revisit rules were in a category of their own, which payroll's NET
    does not sum: move them to allowances and deductions, attach them to the
    structures, compute the bonus before the gross, and drop the category
    left without rules."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    setup_salary_rules(env)
    bonus = env.ref("revisit_appraisal_payroll.hr_salary_rule_revisit_bonus")
    if bonus.sequence == 150:
        bonus.sequence = 50
    old = env.ref(
        "revisit_appraisal_payroll.hr_salary_rule_category_revisit",
        raise_if_not_found=False,
    )
    if old and not env["hr.salary.rule"].with_context(active_test=False).search_count(
        [("category_id", "=", old.id)]
    ):
        old.unlink()
