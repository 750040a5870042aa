"""A small hand-written TOML writer for policy data (no TOML writer is a dependency).

It writes what :mod:`salesdomain.policy._codec` produces: tables of scalars (str, int,
bool, Decimal, date, time), arrays, and nested tables.  Nested tables become
``[section.sub]`` headers; arrays of tables become multi-line arrays of inline tables.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from decimal import Decimal

__all__ = ["dumps"]

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE.match(key) else _string(key)


def _string(text: str) -> str:
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"cannot write {value} to TOML policy data")
    return format(value, "f")


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, _dt.datetime):
        raise ValueError("policy data holds no datetimes")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(str(k))} = {_scalar(v)}" for k, v in value.items())
        return "{" + inner + "}" if inner else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _value(value: object) -> str:
    if isinstance(value, list) and value and all(isinstance(i, Mapping) for i in value):
        lines = ",\n".join(f"    {_scalar(item)}" for item in value)
        return "[\n" + lines + ",\n]"
    return _scalar(value)


def _table(path: list[str], data: Mapping[str, object], out: list[str]) -> None:
    scalars = [(k, v) for k, v in data.items() if not isinstance(v, Mapping) or not v]
    tables = [(k, v) for k, v in data.items() if isinstance(v, Mapping) and v]
    if path and (scalars or not tables):
        out.append("")
        out.append("[" + ".".join(_key(p) for p in path) + "]")
    for key, value in scalars:
        out.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables:
        assert isinstance(value, Mapping)
        _table([*path, key], value, out)


def dumps(data: Mapping[str, object], *, header: str = "") -> str:
    """Write ``data`` as TOML text.

    >>> from decimal import Decimal
    >>> print(dumps({"name": "示例", "pricing": {"rate": Decimal("0.05"), "tiers": [{"a": 1}]}}))
    name = "示例"
    <BLANKLINE>
    [pricing]
    rate = 0.05
    tiers = [
        {a = 1},
    ]
    <BLANKLINE>
    """
    out: list[str] = []
    if header:
        out.extend(f"# {line}".rstrip() for line in header.splitlines())
        out.append("")
    _table([], data, out)
    while out and out[0] == "":
        out.pop(0)
    return "\n".join(out) + "\n"
