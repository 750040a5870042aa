"""Checked attrs fields: one shared check per kind of value, told the field's name.

mypy's attrs plugin accepts only named functions as converters, which pushed modules
into one tiny wrapper per field (``def _owner(v): return check_text(v, "owner")``).
Instead a field names its check in its metadata, and the class's
``field_transformer`` wires it as the converter with the field's own name:

    @attrs.frozen(field_transformer=wire_checks)
    class Visit:
        customer: str = attrs.field(metadata=check(check_text))

The field stays a plain ``attrs.field`` for mypy (required, default and kw_only are
all seen).  Use it for checks whose input type is the attribute's type (text, flags,
dates, moments, counts); keep a typed converter where a field accepts wider input
than it stores (a ``Decimal`` field that also takes ``str``).

>>> import attrs
>>> from salesdomain.core._numbers import check_text
>>> @attrs.frozen(field_transformer=wire_checks)
... class Visit:
...     customer: str = attrs.field(metadata=check(check_text))
>>> Visit(" 华东建材 ").customer
'华东建材'
>>> Visit(" ")
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: customer: must not be empty, got ' '
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["check", "wire_checks"]

Check = Callable[[Any, str], Any]
_KEY = "salesdomain_check"


def check(function: Check) -> dict[str, Check]:
    """Field metadata asking for ``function(value, field_name)`` as the converter."""
    return {_KEY: function}


def wire_checks(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: make each field's named check its converter."""
    wired = []
    for field in fields:
        function = field.metadata.get(_KEY)
        if function is not None:
            if field.converter is not None:
                raise TypeError(f"{cls.__name__}.{field.name}: a checked field has no converter")
            field = field.evolve(converter=_bind(function, field.alias or field.name))
        wired.append(field)
    return wired


def _bind(function: Check, name: str) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return function(value, name)

    convert.__name__ = f"check_{name}"
    return convert
