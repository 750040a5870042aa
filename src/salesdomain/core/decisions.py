"""Decisions: the verdict, the reasons and the approval route every rule returns.

Every rule function returns a result whose ``verdict`` is a :class:`Verdict`, whose
``reasons`` is a tuple of :class:`Reason` (the rule ID from the rule inventory, a
code, and the parameters an explanation needs) and, where relevant, whose
``approvers`` is the ordered approval route.  ``to_dict()`` turns any result into
plain JSON-ready data for apps that store decisions.

>>> import json
>>> from salesdomain import Decision, Money, Rate, Reason, Verdict
>>> d = Decision(
...     Verdict.REJECTED,
...     (Reason("PRICE-4", "below_floor", {"price": Money("699.99"), "floor": Money("700")}),),
... )
>>> d.rejected
True
>>> json.dumps(d.to_dict()["reasons"][0], ensure_ascii=False)
'{"rule": "PRICE-4", "code": "below_floor", "params": {"price": {"amount": "699.99", "currency": "CNY"}, "floor": {"amount": "700", "currency": "CNY"}}}'
>>> Reason("price-4", "below_floor")
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: rule: expected a rule ID such as 'PRICE-4', got 'price-4'
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TypeAlias, Union

import attrs

from salesdomain.core._numbers import _CTX, HUNDRED, to_decimal
from salesdomain.core.errors import InvalidInput, WrongType
from salesdomain.core.money import Money
from salesdomain.core.org import Role
from salesdomain.core.periods import Period

__all__ = [
    "Decision",
    "JSONValue",
    "ParamValue",
    "Rate",
    "Reason",
    "Verdict",
    "jsonable",
]

JSONValue: TypeAlias = Union[bool, int, str, list["JSONValue"], dict[str, "JSONValue"], None]


class Verdict(enum.Enum):
    """The outcome of a rule: allowed, allowed once approved, or rejected.

    >>> Verdict.strictest([Verdict.ALLOWED, Verdict.NEEDS_APPROVAL])
    <Verdict.NEEDS_APPROVAL: 'needs_approval'>
    """

    ALLOWED = "allowed"
    NEEDS_APPROVAL = "needs_approval"
    REJECTED = "rejected"

    @property
    def severity(self) -> int:
        """0 for allowed, 1 for needs approval, 2 for rejected."""
        return _SEVERITY[self]

    @staticmethod
    def strictest(verdicts: Iterable[Verdict]) -> Verdict:
        """The most severe of ``verdicts`` (``ALLOWED`` when there are none)."""
        given: object = verdicts  # checked as what callers may really pass
        if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
            raise WrongType("verdicts", verdicts, "a sequence of Verdict")
        worst = Verdict.ALLOWED
        for index, verdict in enumerate(verdicts):
            if not isinstance(verdict, Verdict):
                raise WrongType(f"verdicts[{index}]", verdict, "a Verdict")
            if _SEVERITY[verdict] > _SEVERITY[worst]:
                worst = verdict
        return worst


_SEVERITY = {Verdict.ALLOWED: 0, Verdict.NEEDS_APPROVAL: 1, Verdict.REJECTED: 2}


def _rate_value(value: object) -> Decimal:
    # Computed fractions (1/365 in the library's 34-digit precision) reach about 36
    # decimal places; allow them, while still refusing absurd exponents.
    return to_decimal(value, "rate", max_places=60)


@attrs.frozen(order=True, repr=False)
class Rate:
    """A rate as a fraction (``Rate("0.05")`` is 5%) that renders as a percentage.

    >>> Rate("0.05"), str(Rate("0.125"))
    (Rate('0.05'), '12.5%')
    >>> Rate("0.05").percent
    Decimal('5.00')
    >>> Rate(0.05)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.FloatNotAllowed: rate: expected a Decimal, int or str (floats are inexact: write Decimal('0.05') or '0.05'), got float 0.05
    """

    value: Decimal = attrs.field(converter=_rate_value)

    @property
    def percent(self) -> Decimal:
        """The rate in percentage points."""
        return _CTX.multiply(self.value, HUNDRED)

    def __repr__(self) -> str:
        return f"Rate('{self.value}')"

    def __str__(self) -> str:
        text = format(self.percent.normalize(_CTX), "f")
        return f"{text}%"


ParamValue: TypeAlias = Union[
    Money, Rate, _dt.date, Role, Period, str, int, Decimal, tuple["ParamValue", ...]
]
"""The value types a reason's parameters may hold (hashable and picklable)."""

_RULE = re.compile(r"^[A-Z]{2,8}-\d{1,3}w?$")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_SCALARS = (Money, Rate, _dt.date, Role, Period, str, int, Decimal)


def _param_value(name: str, value: object) -> ParamValue:
    if isinstance(value, float):
        raise WrongType(
            f"params[{name!r}]", value, "a Money, Rate, date, Role, str, int or Decimal"
        )
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (tuple, list, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, frozenset) else value
        return tuple(_param_value(name, item) for item in items)
    raise WrongType(f"params[{name!r}]", value, "a Money, Rate, date, Role, str, int or Decimal")


def _params(value: object) -> tuple[tuple[str, ParamValue], ...]:
    items: Iterable[object]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, (tuple, list)):
        items = value
    else:
        raise WrongType("params", value, "a mapping or a tuple of (name, value) pairs")
    pairs: list[tuple[str, ParamValue]] = []
    seen: set[str] = set()
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise WrongType("params", item, "a (name, value) pair")
        name, raw = item
        if name in seen:
            raise InvalidInput("params", name, "duplicate parameter name")
        seen.add(name)
        pairs.append((name, _param_value(name, raw)))
    return tuple(pairs)


def _rule(value: object) -> str:
    if type(value) is not str:
        raise WrongType("rule", value, "a rule ID str such as 'PRICE-4'")
    if not _RULE.match(value):
        raise InvalidInput("rule", value, "expected a rule ID such as 'PRICE-4'")
    return value


def _reason_code(value: object) -> str:
    if type(value) is not str:
        raise WrongType("code", value, "a lower_snake_case str")
    if not _CODE.match(value):
        raise InvalidInput("code", value, "expected a lower_snake_case reason code")
    return value


@attrs.frozen
class Reason:
    """Why a rule decided as it did.

    Args:
        rule: the rule ID of the rule inventory (``"PRICE-4"``), or one of the
            library's own route rules (``"SOD-1"``..``"SOD-4"``, see docs/approvals.md).
        code: a lower_snake_case code that explanations are keyed on.
        params: the named values an explanation needs, as a mapping or a tuple of
            ``(name, value)`` pairs; stored as a hashable tuple in the given order.

    >>> r = Reason("PRICE-5", "needs_approval", {"role": "sales_manager"})
    >>> r.param("role"), r.params
    ('sales_manager', (('role', 'sales_manager'),))
    """

    rule: str = attrs.field(converter=_rule)
    code: str = attrs.field(converter=_reason_code)
    params: tuple[tuple[str, ParamValue], ...] = attrs.field(default=(), converter=_params)

    def param(self, name: str) -> ParamValue:
        """The value of parameter ``name``; :class:`InvalidInput` if there is none."""
        for key, value in self.params:
            if key == name:
                return value
        raise InvalidInput("name", name, f"reason {self.rule}/{self.code} has no such parameter")

    def to_dict(self) -> dict[str, JSONValue]:
        """Plain JSON-ready data."""
        return {
            "rule": self.rule,
            "code": self.code,
            "params": {name: jsonable(value) for name, value in self.params},
        }


def jsonable(value: object) -> JSONValue:
    """Turn a library value into plain JSON-ready data (Decimals as strings).

    >>> jsonable(Money("1.50")), jsonable(Rate("0.05")), jsonable(_dt.date(2026, 1, 2))
    ({'amount': '1.50', 'currency': 'CNY'}, '0.05', '2026-01-02')
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Money):
        return {"amount": str(value.amount), "currency": value.currency}
    if isinstance(value, Rate):
        return str(value.value)
    if isinstance(value, Role):
        return value.code
    if isinstance(value, Period):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Reason):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {_key(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value, key=repr) if isinstance(value, (frozenset, set)) else value
        return [jsonable(item) for item in items]
    cls = type(value)
    if attrs.has(cls):
        return {
            field.name.lstrip("_"): jsonable(getattr(value, field.name))
            for field in attrs.fields(cls)
            if field.repr is not False
        }
    raise WrongType("value", value, "a library value that can be turned into JSON")


def _key(key: object) -> str:
    data = jsonable(key)
    if isinstance(data, str):
        return data
    if isinstance(data, dict) and set(data) == {"start", "end"}:
        return f"{data['start']}..{data['end']}"
    return str(data)


def _reasons(value: object) -> tuple[Reason, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("reasons", value, "a sequence of Reason")
    reasons = tuple(value)
    for index, reason in enumerate(reasons):
        if not isinstance(reason, Reason):
            raise WrongType(f"reasons[{index}]", reason, "a Reason")
    return reasons


def _approvers(value: object) -> tuple[Role, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("approvers", value, "a sequence of Role")
    roles = tuple(value)
    for index, role in enumerate(roles):
        if not isinstance(role, Role):
            raise WrongType(f"approvers[{index}]", role, "a Role")
    return roles


def _verdict(value: object) -> Verdict:
    if isinstance(value, Verdict):
        return value
    raise WrongType("verdict", value, "a Verdict")


@attrs.frozen
class Decision:
    """The base shape of every rule result: verdict, reasons, approval route.

    Rule modules subclass it (``PriceDecision``, ``ChangeDecision``...) and add their
    own fields after these three.

    Args:
        verdict: the outcome.
        reasons: why, as :class:`Reason` values, most important first.
        approvers: the ordered approval route (empty when none is needed).
    """

    verdict: Verdict = attrs.field(converter=_verdict)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_reasons)
    approvers: tuple[Role, ...] = attrs.field(default=(), converter=_approvers)

    @property
    def allowed(self) -> bool:
        """Whether the verdict is :attr:`Verdict.ALLOWED`."""
        return self.verdict is Verdict.ALLOWED

    @property
    def needs_approval(self) -> bool:
        """Whether the verdict is :attr:`Verdict.NEEDS_APPROVAL`."""
        return self.verdict is Verdict.NEEDS_APPROVAL

    @property
    def rejected(self) -> bool:
        """Whether the verdict is :attr:`Verdict.REJECTED`."""
        return self.verdict is Verdict.REJECTED

    def rules(self) -> tuple[str, ...]:
        """The rule IDs cited by the reasons, in order, without repeats."""
        return tuple(dict.fromkeys(reason.rule for reason in self.reasons))

    def to_dict(self) -> dict[str, JSONValue]:
        """Plain JSON-ready data: every field, Decimals as strings, dates in ISO form."""
        data = jsonable(self)
        assert isinstance(data, dict)
        return data
