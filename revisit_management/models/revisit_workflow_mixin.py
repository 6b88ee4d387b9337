"""The write policy of the revisit records, declared once per model.

A model lists, as class attributes, what its workflow owns and what its
states freeze; ``create`` (the context's ``default_*`` keys included),
``write`` (and so ``toggle_active``, ``action_archive``,
``action_unarchive``), ``copy`` and ``unlink`` all check the same
declaration, as ``hr.leave`` checks its states. The workflow methods check who
may act, then write as superuser: the superuser passes.

Every value a user writes is also checked (``input_check.check_values``) and
every record a user's many2one or many2many value points to must be readable
by that user and belong to one of their companies (TRUST_MODEL invariants 2
and 6).
"""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from .input_check import check_values, with_context_defaults


class RevisitWorkflowMixin(models.AbstractModel):
    _name = "revisit.workflow.mixin"
    _description = "Revisit Write Policy"

    # fields changed only by the workflow methods (as superuser)
    _workflow_fields = ()
    # the selection field of the record's state (None: a model without one)
    _workflow_state_field = "state"
    # the states a record may be created in (empty: only the field's default)
    _workflow_birth_states = ()
    # {state: field names}: frozen while the record is in that state; "__all__"
    # freezes every field a user may write
    _workflow_frozen_fields = {}
    # states whose records are evidence: never deleted (superuser apart)
    _workflow_kept_states = ()
    # many2one/many2many fields whose targets are checked (None: all of them)
    _workflow_pointer_fields = None

    # ------------------------------------------------------------------
    # declaration, read by the checks and by the generated tests
    # ------------------------------------------------------------------

    @api.model
    def _workflow_policy(self):
        """The declaration as data (used by the tests that enumerate it)."""
        return {
            "workflow": set(self._workflow_fields),
            "state_field": self._workflow_state_field,
            "birth_states": set(self._workflow_birth_states),
            "frozen": {
                state: set(names)
                for state, names in self._workflow_frozen_fields.items()
            },
            "kept_states": set(self._workflow_kept_states),
        }

    def _workflow_state(self):
        self.ensure_one()
        name = self._workflow_state_field
        return self[name] if name else False

    def _workflow_frozen(self):
        """The fields frozen on this record (one record), from its state; a
        model whose records are frozen by another record (a spot check by its
        month) overrides it."""
        self.ensure_one()
        return set(self._workflow_frozen_fields.get(self._workflow_state(), ()))

    def _workflow_is_frozen(self, name):
        frozen = self._workflow_frozen()
        return name in frozen or ("__all__" in frozen and _user_field(name))

    def _workflow_kept(self):
        """This record (one) is evidence: it is not deleted."""
        self.ensure_one()
        return self._workflow_state() in self._workflow_kept_states

    def _workflow_unchanged(self, name, value):
        """Writing a frozen field's own value again changes nothing."""
        field = self._fields.get(name)
        if field is None or field.type in ("one2many", "many2many"):
            return False
        if isinstance(value, models.BaseModel):
            value = value.id
        current = field.convert_to_write(self[name], self)
        return (
            current == value
            or str(current) == str(value)
            or (not current and not value)
        )

    def _workflow_label(self, names):
        return ", ".join(
            self._fields[name]._description_string(self.env) for name in sorted(names)
        )

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------

    def _workflow_check_create(self, vals_list):
        vals_list = with_context_defaults(self, vals_list)
        check_values(self, vals_list)
        if self.env.su:
            return
        state_field = self._workflow_state_field
        births = set(self._workflow_birth_states)
        if state_field and not births:
            default = self._fields[state_field].default
            births = {default(self)} if callable(default) else set()
        for vals in vals_list:
            given = set(vals) & set(self._workflow_fields)
            if state_field in given and vals[state_field] in births:
                given.discard(state_field)
            if given:
                self._workflow_raise(given)
        self._workflow_check_pointers(vals_list)

    def _workflow_check_write(self, vals):
        check_values(self, [vals])
        if self.env.su:
            return
        given = set(vals) & set(self._workflow_fields)
        if given:
            self._workflow_raise(given)
        for record in self:
            frozen = [
                name
                for name in vals
                if record._workflow_is_frozen(name)
                and not record._workflow_unchanged(name, vals[name])
            ]
            if frozen:
                record._workflow_raise_frozen(frozen)
        self._workflow_check_pointers([vals])

    def _workflow_check_born_frozen(self):
        """Nobody creates or moves a record into a frozen place (a spot check
        into a confirmed month)."""
        if self.env.su:
            return
        for record in self:
            if "__all__" in record._workflow_frozen():
                record._workflow_raise_frozen(["__all__"])

    def _workflow_raise_frozen(self, names):
        """Refuse a change of the fields ``names`` of this frozen record."""
        names = [name for name in names if name in self._fields] or [
            name for name in self._fields if _user_field(name)
        ]
        raise UserError(
            self.env._(
                "%(record)s is closed: %(fields)s can no longer change.",
                record=self.display_name,
                fields=self._workflow_label(names[:5]),
            )
        )

    def _workflow_raise(self, names):
        raise UserError(
            self.env._(
                "%(fields)s of a %(model)s change only through its buttons.",
                fields=self._workflow_label(names),
                model=self.env["ir.model"]._get(self._name).name,
            )
        )

    def _workflow_check_pointers(self, vals_list):
        """A user links only records they may read, of their own companies."""
        user = self.env.user
        pointed = {}
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if not field or field.type not in ("many2one", "many2many"):
                    continue
                if (
                    self._workflow_pointer_fields is not None
                    and name not in self._workflow_pointer_fields
                ):
                    continue
                pointed.setdefault(name, set()).update(_pointer_ids(field, value))
        for name, ids in pointed.items():
            field = self._fields[name]
            targets = self.env[field.comodel_name].browse(ids).exists()
            if not targets:
                continue
            # employees are read through their public profile (hr)
            public = f"{targets._name}.public"
            readable = self.env[public].browse(ids) if public in self.env else targets
            try:
                readable.check_access("read")
            except AccessError:
                raise AccessError(
                    self.env._(
                        "%(field)s: you may not link a record you cannot read.",
                        field=field._description_string(self.env),
                    )
                ) from None
            if targets._name == "res.company":
                companies = targets
            elif (
                "company_id" in targets._fields
                and targets._fields["company_id"].type == "many2one"
                and targets._fields["company_id"].comodel_name == "res.company"
                and targets._name not in ("res.users", "res.partner")
            ):
                companies = targets.sudo().company_id
            else:
                continue
            if companies - user.company_ids:
                raise AccessError(
                    self.env._(
                        "%(field)s: the record belongs to another company.",
                        field=field._description_string(self.env),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        records = super().create(vals_list)
        records._workflow_check_born_frozen()
        return records

    def write(self, vals):
        self._workflow_check_write(vals)
        res = super().write(vals)
        if any(_user_field(name) for name in vals):
            self._workflow_check_born_frozen()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_workflow_kept(self):
        if self.env.su:
            return
        kept = self.filtered(lambda r: r._workflow_kept())
        if kept:
            kept[0]._workflow_raise_kept()

    def _workflow_raise_kept(self):
        raise UserError(
            self.env._(
                "%(record)s is a record of its workflow: it cannot be deleted.",
                record=self.display_name,
            )
        )


def _user_field(name):
    """A field "__all__" freezes: not the ORM's nor the chatter's own."""
    return name not in models.MAGIC_COLUMNS and not name.startswith(
        ("message_", "activity_", "website_message", "has_message", "__")
    )


def _pointer_ids(field, value):
    """The ids a many2one or many2many value links (created lines apart)."""
    if isinstance(value, models.BaseModel):
        return set(value.ids)
    if field.type == "many2one":
        return {value} if isinstance(value, int) and value else set()
    ids = set()
    for command in value or ():
        if isinstance(command, int):
            ids.add(command)
        elif isinstance(command, list | tuple) and command:
            if command[0] == 4 and len(command) > 1:
                ids.add(command[1])
            elif command[0] == 6 and len(command) > 2:
                ids.update(command[2] or ())
    return {i for i in ids if isinstance(i, int) and i > 0}
