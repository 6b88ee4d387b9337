"""Checks of the values given to create() and write() of the revisit models.

The ORM turns a wrong type or an unknown selection value into a bare
ValueError (an English traceback over RPC) or silently truncates it (3.7
stored as 3); dates such as 9999-12-31 are valid for PostgreSQL but break
every date computation that follows. These checks answer such input with a
translated ValidationError before anything is written.
"""

import math

from odoo import fields, models
from odoo.exceptions import ValidationError

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_INTEGER = 2**31 - 1


def _label(records, name):
    return records._fields[name]._description_string(records.env)


def _is_integer(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, int)


def check_values(records, vals_list):
    """Raise a ValidationError on the first value of ``vals_list`` whose type,
    selection key, date or length is wrong for the field of ``records``: NUL
    characters (PostgreSQL refuses them), NaN and infinite numbers, impossible
    dates, unknown selection keys, texts longer than the column."""
    env = records.env
    for vals in vals_list:
        for name, value in vals.items():
            field = records._fields.get(name)
            if field is None or value is None or value is False:
                continue
            kind = field.type
            wrong = False
            if kind == "selection":
                wrong = value not in field.get_values(env)
            elif kind == "many2one":
                wrong = not (
                    isinstance(value, models.BaseModel) or _is_integer(value)
                ) or (_is_integer(value) and value < 0)
            elif kind == "integer":
                wrong = not _is_integer(value) or abs(value) > MAX_INTEGER
            elif kind in ("float", "monetary"):
                wrong = (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not math.isfinite(value)
                )
            elif kind in ("char", "text", "html") and isinstance(value, str):
                if "\x00" in value:
                    raise ValidationError(
                        env._(
                            "%(field)s: the text contains a NUL character.",
                            field=_label(records, name),
                        )
                    )
                size = getattr(field, "size", None)
                if kind == "char" and size and len(value) > size:
                    raise ValidationError(
                        env._(
                            "%(field)s: at most %(size)s characters.",
                            field=_label(records, name),
                            size=size,
                        )
                    )
            elif kind in ("date", "datetime"):
                convert = fields.Date if kind == "date" else fields.Datetime
                try:
                    day = convert.to_date(value) if kind == "date" else None
                    day = day or convert.to_datetime(value)
                except (ValueError, TypeError):
                    day = None
                if not day:
                    raise ValidationError(
                        env._(
                            "%(field)s: %(value)s is not a valid date.",
                            field=_label(records, name),
                            value=value,
                        )
                    )
                if not MIN_YEAR <= day.year <= MAX_YEAR:
                    raise ValidationError(
                        env._(
                            "%(field)s: %(value)s lies outside the years "
                            "%(first)s to %(last)s.",
                            field=_label(records, name),
                            value=value,
                            first=MIN_YEAR,
                            last=MAX_YEAR,
                        )
                    )
            if wrong:
                raise ValidationError(
                    env._(
                        "%(field)s: %(value)s is not a valid value.",
                        field=_label(records, name),
                        value=value,
                    )
                )


def with_context_defaults(records, vals_list):
    """The values create() will write: ``vals_list`` with the context's
    ``default_<field>`` keys, which the ORM adds after our checks ran. A check
    of the workflow fields given to create() checks these, so that a state or
    an outcome slipped in as a default is refused as a given one is."""
    defaults = {
        key[len("default_") :]: value
        for key, value in records.env.context.items()
        if key.startswith("default_") and key[len("default_") :] in records._fields
    }
    return [dict(defaults, **vals) for vals in vals_list]
