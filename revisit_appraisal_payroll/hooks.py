from odoo import Command
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter

# payroll's categories that its NET rule sums (NET = BASIC + ALW + DED):
# {code: (payroll's xmlid, name and Chinese name when a database has none)}
NET_CATEGORIES = {
    "ALW": ("payroll.ALW", "Allowance", "津贴"),
    "DED": ("payroll.DED", "Deduction", "扣款"),
}


def _net_category(env, code):
    xmlid, name, chinese = NET_CATEGORIES[code]
    Category = env["hr.salary.rule.category"]
    category = env.ref(xmlid, raise_if_not_found=False) or Category.search(
        [("code", "=", code)], limit=1
    )
    if not category:
        category = Category.create({"name": name, "code": code, "company_id": False})
        if _chinese_installed(env):
            category.update_field_translations("name", {"zh_CN": chinese})
    return category


def _chinese_installed(env):
    return bool(env["res.lang"].search_count([("code", "=", "zh_CN")]))


def load_payroll_chinese(env):
    """Load i18n_extra/zh_CN.po over payroll's own Chinese, which Odoo loaded
    first and which misnames some terms (a salary rule as 薪酬制度, HR's
    group as 主管...), its groups and demo records included. The addon's
    data calls it at each install and update."""
    if _chinese_installed(env):
        importer = TranslationImporter(env.cr, verbose=False)
        importer.load_file(
            file_path("revisit_appraisal_payroll/i18n_extra/zh_CN.po"), "zh_CN"
        )
        importer.save(force_overwrite=True)


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
    load_payroll_chinese(env)
