"""Helpers for the addons' migration scripts."""

from lxml import etree

from odoo.tools.misc import file_path


def reload_noupdate_rules(env, module, filename, names):
    """Write the shipped name and domain of record rules kept in noupdate data
    (which an update never reloads) onto the database's rules."""
    tree = etree.parse(file_path(f"{module}/{filename}"))
    for name in names:
        node = tree.find(f".//record[@id='{name}']")
        rule = env.ref(f"{module}.{name}", raise_if_not_found=False)
        if node is None or not rule:
            continue
        vals = {
            field.get("name"): field.text
            for field in node.findall("field")
            if field.get("name") in ("name", "domain_force")
        }
        rule.write(vals)
