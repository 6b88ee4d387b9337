from odoo.addons.revisit_management.models.input_check import with_context_defaults
from odoo.exceptions import UserError


def check_workflow_values(records, vals_list, names, create=False):
    """Approvals are evidence: the fields ``names`` (state, who approved and
    when) change only through the workflow's buttons, which check and then
    write as superuser; nobody else creates or writes them, nor slips them in
    as defaults. A record may be created in its first state, draft."""
    if records.env.su:
        return
    for vals in with_context_defaults(records, vals_list) if create else vals_list:
        given = set(vals) & set(names)
        if create and vals.get("state", "draft") == "draft":
            given.discard("state")
        if given:
            raise UserError(
                records.env._(
                    "%(fields)s of a %(model)s change only through its buttons.",
                    fields=", ".join(
                        records._fields[name]._description_string(records.env)
                        for name in sorted(given)
                    ),
                    model=records.env["ir.model"]._get(records._name).name,
                )
            )
