from odoo import Command

# payroll's categories that its NET rule sums (NET = BASIC + ALW + DED):
# {code: (payroll's xmlid, name when a database has none)}
NET_CATEGORIES = {
    "ALW": ("payroll.ALW", "Allowance"),
    "DED": ("payroll.DED", "Deduction"),
}


def _net_category(env, code):
    xmlid, name = NET_CATEGORIES[code]
    Category = env["hr.salary.rule.category"]
    category = env.ref(xmlid, raise_if_not_found=False) or Category.search(
        [("code", "=", code)], limit=1
    )
    return category or Category.create(
        {"name": name, "code": code, "company_id": False}
    )


def setup_salary_rules(env):
    """Put the revisit rules where payroll's NET sums them and into the
    structures a company pays with.

    The bonus is an allowance (ALW), the penalty a deduction (DED, its rule
    gives a negative amount): the NET rule of payroll's base structure sums
    BASIC + ALW + DED. The rules join payroll's base structure (which the
    structures built on it inherit) and every top-level structure that
    computes a NET, so a payslip pays them without HR editing rules."""
    bonus = env.ref("revisit_appraisal_payroll.hr_salary_rule_revisit_bonus")
    penalty = env.ref("revisit_appraisal_payroll.hr_salary_rule_revisit_penalty")
    bonus.category_id = _net_category(env, "ALW")
    penalty.category_id = _net_category(env, "DED")
    Structure = env["hr.payroll.structure"].with_context(active_test=False)
    structures = (
        env.ref("payroll.structure_base", raise_if_not_found=False)
        or Structure.browse()
    )
    structures |= Structure.search(
        [("parent_id", "=", False), ("rule_ids.code", "=", "NET")]
    )
    structures.write({"rule_ids": [Command.link(bonus.id), Command.link(penalty.id)]})


def post_init_hook(env):
    setup_salary_rules(env)
