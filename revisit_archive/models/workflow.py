from odoo.exceptions import UserError


def check_workflow_values(records, vals_list, names, create=False):
    """Approvals are evidence: the fields ``names`` (state, who approved and
    when) change only through the workflow's buttons, which check and then
    write as superuser; nobody else creates or writes them, nor slips them in
    as defaults. A record may be created in its first state, draft."""
    if records.env.su:
        return
    defaults = {
        key[len("default_") :]
        for key in records.env.context
        if key.startswith("default_")
    }
    for vals in vals_list:
        given = (set(vals) | defaults) & set(names)
        if create and vals.get("state", "draft") == "draft" and "state" not in defaults:
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
