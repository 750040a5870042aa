"""Generic decoding of plain mappings into the frozen attrs policy classes, and back.

The decoder walks an attrs class's fields and their type hints, converts each value
from the TOML data model (``tomllib`` with ``parse_float=Decimal``) and collects every
problem as a ``(key path, message)`` pair instead of stopping at the first.  Unknown
keys are errors.  The encoder is its inverse, producing data that ``_toml.dumps``
writes and the decoder reads back to an equal object.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from collections.abc import Callable, Hashable, Mapping
from decimal import Decimal
from typing import Any, Union

import attrs

from salesdomain.core import (
    AuthorityLimits,
    Money,
    Period,
    Rate,
    Role,
    RoleLadder,
    SalesDomainError,
)
from salesdomain.core._numbers import to_decimal

__all__ = ["HOOKS", "DecodeContext", "Given", "Problems", "decode", "encode"]

NONE_WORD = "none"
"""How ``None`` is written in a policy file (TOML has no null)."""

Decoder = Callable[[object, str, "DecodeContext"], Any]
Encoder = Callable[[Any], Any]
HOOKS: dict[type, tuple[Decoder, Encoder]] = {}
"""Per-type reading and writing that replaces the generic rules (e.g. duties by code).

An encoder returns ``None`` to fall back to the generic form."""


class Problems:
    """Collects ``(key path, message)`` pairs."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.items.append((path or "<root>", message))

    def __bool__(self) -> bool:
        return bool(self.items)


@attrs.define
class DecodeContext:
    """What decoding needs besides the data: the role ladder and the company currency."""

    ladder: RoleLadder
    currency: str = "CNY"
    problems: Problems = attrs.field(factory=Problems)


class Given:
    """A value already built (a company-wide setting), passed through the decoder as it is."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


class _Invalid(Exception):
    """Raised inside the decoder for a value that could not be decoded (already reported)."""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"bool {value!r}"
    if isinstance(value, Decimal):
        return f"number {value}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _is_optional(tp: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != len(typing.get_args(tp)):
            inner: Any = args[0] if len(args) == 1 else Union[tuple(args)]
            return True, inner
    return False, tp


def decode(cls: type[Any], data: object, path: str, ctx: DecodeContext) -> Any:
    """Build an instance of the attrs class ``cls`` from ``data``; report problems to ``ctx``.

    Returns the instance, or raises ``_Invalid`` after reporting when it cannot be built.
    """
    if not isinstance(data, Mapping):
        ctx.problems.add(path, f"expected a table, got {_describe(data)}")
        raise _Invalid
    hints = _hints(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    known = {f.alias: f for f in fields}
    kwargs: dict[str, Any] = {}
    failed = False
    for key in data:
        if key not in known:
            expected = ", ".join(sorted(known)) or "nothing"
            ctx.problems.add(_join(path, str(key)), f"unknown key (expected one of: {expected})")
            failed = True
    for alias, field in known.items():
        if alias not in data:
            if field.default is attrs.NOTHING:
                ctx.problems.add(_join(path, alias), "missing required key")
                failed = True
            continue
        raw = data[alias]
        if isinstance(raw, Given):
            kwargs[alias] = raw.value
            continue
        try:
            kwargs[alias] = decode_value(hints[field.name], raw, _join(path, alias), ctx)
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    try:
        return cls(**kwargs)
    except SalesDomainError as err:
        for where, message in _located(err, path, known):
            ctx.problems.add(where, message)
        raise _Invalid from None
    except (TypeError, ValueError) as err:
        ctx.problems.add(path, str(err))
        raise _Invalid from None


def _head(key: str) -> str:
    return key.split(".", 1)[0].split("[", 1)[0]


def _located(
    err: SalesDomainError, path: str, known: Mapping[str, object]
) -> list[tuple[str, str]]:
    """Key paths and messages for an error raised by a policy class's own checks."""
    errors = getattr(err, "errors", None)
    if errors and (len(errors) > 1 or getattr(err, "value", None) is None):
        return [
            (_join(path, key), message) if _head(key) in known else (path, f"{key}: {message}")
            for key, message in errors
        ]
    field = str(getattr(err, "field", ""))
    if field and _head(field) in known:
        problem = getattr(err, "problem", None) or getattr(err, "expected", None)
        if problem is not None:
            return [
                (_join(path, field), f"{problem}, got {_describe(getattr(err, 'value', None))}")
            ]
    return [(path, str(err))]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def decode_value(tp: Any, raw: object, path: str, ctx: DecodeContext) -> Any:
    """Decode one value of type ``tp`` from ``raw``."""
    optional, inner = _is_optional(tp)
    if optional:
        if raw == NONE_WORD:
            return None
        return decode_value(inner, raw, path, ctx)
    if tp is Any or tp is object:
        return raw
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        return _decode_union(args, raw, path, ctx)
    if origin is typing.Literal:
        if raw in args:
            return raw
        return _fail(ctx, path, f"expected one of {list(args)}", raw)
    if origin in (tuple, frozenset, set, list) or tp in (tuple, frozenset):
        return _decode_collection(tp, origin, args, raw, path, ctx)
    if origin in (dict, Mapping) or (origin is not None and _is_mapping_origin(origin)):
        return _decode_mapping(args, raw, path, ctx)
    if tp is Hashable:
        return _decode_hashable(raw, path, ctx)
    if isinstance(tp, type) and tp in HOOKS:
        return HOOKS[tp][0](raw, path, ctx)
    if isinstance(tp, type):
        decoder = _SCALARS.get(tp)
        if decoder is not None:
            return decoder(raw, path, ctx)
        if issubclass(tp, enum.Enum):
            return _decode_enum(tp, raw, path, ctx)
        if tp is AuthorityLimits:
            return _decode_limits(raw, path, ctx)
        if attrs.has(tp):
            return decode(tp, raw, path, ctx)
    return _fail(ctx, path, f"cannot read a value of type {tp!r} from a policy file", raw)


def _is_mapping_origin(origin: Any) -> bool:
    try:
        return isinstance(origin, type) and issubclass(origin, Mapping)
    except TypeError:  # pragma: no cover
        return False


def _fail(ctx: DecodeContext, path: str, message: str, raw: object) -> Any:
    ctx.problems.add(path, f"{message}, got {_describe(raw)}")
    raise _Invalid


def _decode_union(args: tuple[Any, ...], raw: object, path: str, ctx: DecodeContext) -> Any:
    for option in args:
        probe = DecodeContext(ctx.ladder, ctx.currency)
        try:
            return decode_value(option, raw, path, probe)
        except _Invalid:
            continue
    names = " or ".join(getattr(a, "__name__", str(a)) for a in args)
    return _fail(ctx, path, f"expected {names}", raw)


def _decode_collection(
    tp: Any, origin: Any, args: tuple[Any, ...], raw: object, path: str, ctx: DecodeContext
) -> Any:
    pair_mapping = (
        origin is tuple
        and len(args) == 2
        and args[1] is Ellipsis
        and typing.get_origin(args[0]) is tuple
        and len(typing.get_args(args[0])) == 2
        and Ellipsis not in typing.get_args(args[0])
    )
    if pair_mapping and isinstance(raw, Mapping):
        key_type, value_type = typing.get_args(args[0])
        pairs = []
        failed = False
        for key, value in raw.items():
            try:
                pairs.append(
                    (
                        decode_value(key_type, key, _join(path, str(key)), ctx),
                        decode_value(value_type, value, _join(path, str(key)), ctx),
                    )
                )
            except _Invalid:
                failed = True
        if failed:
            raise _Invalid
        return tuple(pairs)
    if not isinstance(raw, list):
        return _fail(ctx, path, "expected an array", raw)
    if origin is tuple and args and args[-1] is not Ellipsis:
        if len(raw) != len(args):
            return _fail(ctx, path, f"expected an array of {len(args)} items", raw)
        item_types: list[Any] = list(args)
    else:
        item_types = [args[0] if args else Any] * len(raw)
    items = []
    failed = False
    for index, (item_type, item) in enumerate(zip(item_types, raw, strict=True)):
        try:
            items.append(decode_value(item_type, item, f"{path}[{index}]", ctx))
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    if origin in (frozenset, set) or tp is frozenset:
        return frozenset(items)
    if origin is list:
        return items
    return tuple(items)


def _decode_mapping(args: tuple[Any, ...], raw: object, path: str, ctx: DecodeContext) -> Any:
    if not isinstance(raw, Mapping):
        return _fail(ctx, path, "expected a table", raw)
    key_type, value_type = args if len(args) == 2 else (str, Any)
    result = {}
    failed = False
    for key, value in raw.items():
        sub = _join(path, str(key))
        try:
            result[decode_value(key_type, key, sub, ctx)] = decode_value(
                value_type, value, sub, ctx
            )
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return result


def _decode_enum(tp: type[enum.Enum], raw: object, path: str, ctx: DecodeContext) -> Any:
    if isinstance(raw, str):
        for member in tp:
            if raw in (member.value, member.name, member.name.lower()) or (
                isinstance(member.value, str) and raw.lower() == member.value.lower()
            ):
                return member
    if isinstance(raw, int) and not isinstance(raw, bool):
        for member in tp:
            if member.value == raw:
                return member
    choices = ", ".join(
        str(m.value).lower() if isinstance(m.value, str) else m.name.lower() for m in tp
    )
    return _fail(ctx, path, f"expected one of: {choices}", raw)


def _decode_hashable(raw: object, path: str, ctx: DecodeContext) -> Any:
    if isinstance(raw, (str, int, Decimal, _dt.date)) and not isinstance(raw, bool):
        return raw
    return _fail(ctx, path, "expected a string, number or date", raw)


def _decode_decimal(raw: object, path: str, ctx: DecodeContext) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (Decimal, int, str)):
        return _fail(ctx, path, "expected a number", raw)  # type: ignore[no-any-return]
    try:
        return to_decimal(raw, path, max_places=34)
    except SalesDomainError:
        return _fail(ctx, path, "expected a finite number within the library's bounds", raw)  # type: ignore[no-any-return]


def _decode_int(raw: object, path: str, ctx: DecodeContext) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        return _fail(ctx, path, "expected an integer", raw)  # type: ignore[no-any-return]
    return raw


def _decode_bool(raw: object, path: str, ctx: DecodeContext) -> bool:
    if not isinstance(raw, bool):
        return _fail(ctx, path, "expected true or false", raw)  # type: ignore[no-any-return]
    return raw


def _decode_str(raw: object, path: str, ctx: DecodeContext) -> str:
    if not isinstance(raw, str):
        return _fail(ctx, path, "expected a string", raw)  # type: ignore[no-any-return]
    return raw


def _decode_date(raw: object, path: str, ctx: DecodeContext) -> _dt.date:
    if isinstance(raw, _dt.datetime) or not isinstance(raw, _dt.date):
        return _fail(ctx, path, "expected a date such as 2026-01-31", raw)  # type: ignore[no-any-return]
    return raw


def _decode_time(raw: object, path: str, ctx: DecodeContext) -> _dt.time:
    if not isinstance(raw, _dt.time):
        return _fail(ctx, path, "expected a time such as 09:00:00", raw)  # type: ignore[no-any-return]
    return raw


def _decode_role(raw: object, path: str, ctx: DecodeContext) -> Role:
    if not isinstance(raw, str):
        return _fail(ctx, path, "expected a role code", raw)  # type: ignore[no-any-return]
    for role in ctx.ladder.roles:
        if role.code == raw:
            return role
    known = ", ".join(role.code for role in ctx.ladder.roles)
    return _fail(ctx, path, f"unknown role (known: {known})", raw)  # type: ignore[no-any-return]


def _decode_rate(raw: object, path: str, ctx: DecodeContext) -> Rate:
    return Rate(_decode_decimal(raw, path, ctx))


def _decode_money(raw: object, path: str, ctx: DecodeContext) -> Money:
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"amount", "currency"}
        if unknown or "amount" not in raw:
            return _fail(ctx, path, "expected {amount = ..., currency = ...}", raw)  # type: ignore[no-any-return]
        amount = _decode_decimal(raw["amount"], _join(path, "amount"), ctx)
        currency = _decode_str(raw.get("currency", ctx.currency), _join(path, "currency"), ctx)
    else:
        amount = _decode_decimal(raw, path, ctx)
        currency = ctx.currency
    try:
        return Money(amount, currency)
    except SalesDomainError as err:
        return _fail(ctx, path, str(err), raw)  # type: ignore[no-any-return]


def _decode_period(raw: object, path: str, ctx: DecodeContext) -> Period:
    if not isinstance(raw, Mapping) or set(raw) != {"start", "end"}:
        return _fail(ctx, path, "expected {start = date, end = date}", raw)  # type: ignore[no-any-return]
    start = _decode_date(raw["start"], _join(path, "start"), ctx)
    end = _decode_date(raw["end"], _join(path, "end"), ctx)
    try:
        return Period(start, end)
    except SalesDomainError as err:
        return _fail(ctx, path, str(err), raw)  # type: ignore[no-any-return]


def _decode_limits(raw: object, path: str, ctx: DecodeContext) -> AuthorityLimits:
    if not isinstance(raw, list):
        return _fail(ctx, path, "expected an array of {role = ..., limit = ...}", raw)  # type: ignore[no-any-return]
    limits: dict[Role, Decimal | None] = {}
    failed = False
    for index, item in enumerate(raw):
        where = f"{path}[{index}]"
        if not isinstance(item, Mapping) or "role" not in item or set(item) - {"role", "limit"}:
            ctx.problems.add(where, f"expected {{role = ..., limit = ...}}, got {_describe(item)}")
            failed = True
            continue
        try:
            role = _decode_role(item["role"], f"{where}.role", ctx)
            limit = item.get("limit", NONE_WORD)
            limits[role] = (
                None if limit == NONE_WORD else _decode_decimal(limit, f"{where}.limit", ctx)
            )
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    try:
        return AuthorityLimits(limits)
    except SalesDomainError as err:
        return _fail(ctx, path, str(err), raw)  # type: ignore[no-any-return]


_SCALARS: dict[type, Callable[[object, str, DecodeContext], Any]] = {
    Decimal: _decode_decimal,
    int: _decode_int,
    bool: _decode_bool,
    str: _decode_str,
    _dt.date: _decode_date,
    _dt.time: _decode_time,
    Role: _decode_role,
    Rate: _decode_rate,
    Money: _decode_money,
    Period: _decode_period,
}


def encode(value: object) -> Any:
    """Turn a policy value into TOML-ready data that :func:`decode` reads back equal."""
    if value is None:
        return NONE_WORD
    hook = HOOKS.get(type(value))
    if hook is not None:
        written = hook[1](value)
        if written is not None:
            return written
    if isinstance(value, (bool, int, str, Decimal, _dt.date, _dt.time)):
        return value
    if isinstance(value, enum.Enum):
        return value.value if isinstance(value.value, (str, int)) else value.name.lower()
    if isinstance(value, Role):
        return value.code
    if isinstance(value, Rate):
        return value.value
    if isinstance(value, Money):
        return {"amount": value.amount, "currency": value.currency}
    if isinstance(value, Period):
        return {"start": value.start, "end": value.end}
    if isinstance(value, AuthorityLimits):
        return [
            {"role": role.code} if limit is None else {"role": role.code, "limit": limit}
            for role, limit in value.limits
        ]
    cls: Any = type(value)
    if attrs.has(cls):
        data = {}
        for field in attrs.fields(cls):
            if field.init:
                data[field.alias] = encode(getattr(value, field.name))
        return data
    if isinstance(value, Mapping):
        return {str(encode(k)): encode(v) for k, v in value.items()}
    if (
        isinstance(value, tuple)
        and value
        and all(
            isinstance(item, tuple)
            and len(item) == 2
            and isinstance(item[0], (str, enum.Enum, Role))
            for item in value
        )
        and len({item[0] for item in value}) == len(value)
    ):
        # A frozen mapping (pairs with distinct keys) reads best as a table; pairs with
        # repeated keys (e.g. pipeline transitions) stay an array of pairs.
        return {str(encode(k)): encode(v) for k, v in value}
    if isinstance(value, (frozenset, set)):
        return sorted((encode(item) for item in value), key=repr)
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    raise TypeError(f"cannot write {type(value).__name__} to a policy file")
