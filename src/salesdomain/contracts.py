"""Contract review and contract-change escalation (CONTRACT-1..9).

Two things live here:

- **Contract changes** (CONTRACT-4, CONTRACT-5).  A :class:`ContractChange` says what
  changes and by how much.  :func:`contract_change_permission` classifies it as
  within the manager's authority, beyond it (the 营销总监 is told at once) or special
  (「特殊变更」: the 营销总监 and, at the same time, the developer; the 甲方负责人 must
  sign), nested as X-11 reads them, and returns the ordered approval route.
  The policy is fail-closed (X-10): a kind of change it does not list is beyond the
  manager's authority.  :func:`change_effective` says whether the approvals collected
  so far put the change into effect; an approval given for another (smaller) change
  is named as stale.
- **Contracts** (CONTRACT-1, 2, 3, 6, 7, 8).  :class:`Contract` is a small state
  machine (DRAFT -> UNDER_REVIEW -> APPROVED -> SIGNED -> EXECUTING -> COMPLETED, plus
  REJECTED and CANCELLED) whose transitions are pure and name who acted and when;
  :func:`review_contract` gathers other rules' decisions (price checks, the unit
  total-price check) with the clause lists of CONTRACT-3; :class:`WorkContactForm`
  records the formal requests to the developer (工作联系单, CONTRACT-7);
  :func:`outstanding_forms` and :func:`unsigned_contracts` feed the daily and weekly
  chasing (CONTRACT-8).

This module imports only :mod:`salesdomain.core`: a won bid opens a contract through
:meth:`Contract.from_won_bid`, which takes the bid's id, amount and date as plain
values.

>>> import datetime
>>> from decimal import Decimal
>>> from salesdomain import REAL_ESTATE_LADDER as L, Employee
>>> from salesdomain.contracts import (
...     ChangeKind, ContractChange, ContractChangePolicy, contract_change_permission)
>>> policy = ContractChangePolicy()
>>> rep = Employee("c1", "小陈", L.get("property_consultant"))
>>> cut = ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.08"))
>>> decision = contract_change_permission(cut, rep, policy)
>>> decision.change_class.value, [role.name_zh for role in decision.approvers]
('beyond_authority', ['销售经理', '营销总监'])
>>> ContractChange(ChangeKind.UNIT_PRICE_CUT)
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: size: unit_price_cut needs a rate (a fraction such as Decimal('0.05')), got None
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Final, TypeVar

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import ZERO, check_date, check_int, check_rate, check_text
from salesdomain.core.approvals import REASON_CODES as _ROUTE_CODES
from salesdomain.core.approvals import (
    Approval,
    AuthorityLimits,
    IgnoredApproval,
    missing_approvals,
)
from salesdomain.core.decisions import Decision, ParamValue, Rate, Reason, Verdict
from salesdomain.core.errors import (
    CurrencyMismatch,
    IllegalTransition,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.money import Money
from salesdomain.core.org import (
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Employee,
    Party,
    Role,
    RoleLadder,
)

__all__ = [
    "DEFAULT_CHANGE_LIMITS",
    "DEFAULT_SPECIAL_KINDS",
    "REASON_CODES",
    "ChangeClass",
    "ChangeDecision",
    "ChangeEffect",
    "ChangeKind",
    "Contract",
    "ContractChange",
    "ContractChangePolicy",
    "ContractEvent",
    "ContractReview",
    "ContractState",
    "WorkContactForm",
    "change_effective",
    "contract_change_permission",
    "outstanding_forms",
    "review_contract",
    "unsigned_contracts",
]

REASON_CODES: Final[frozenset[str]] = (
    frozenset(
        {
            # contract_change_permission (CONTRACT-4, CONTRACT-5)
            "change_within_authority",
            "change_beyond_authority",
            "change_kind_not_configured",
            "change_beyond_every_limit",
            "special_change",
            # change_effective (CONTRACT-4, CONTRACT-5)
            "change_approved",
            "change_not_yet_effective",
            "change_cannot_take_effect",
            # review_contract (CONTRACT-2, CONTRACT-3)
            "contract_review_passed",
            "review_check_not_allowed",
            "required_clause_missing",
            "forbidden_clause_present",
        }
    )
    | _ROUTE_CODES
)
"""Every reason code this module emits, with the core's route codes (SOD-1..4) that
``change_effective`` passes through."""

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------- kinds
class _Measure(enum.Enum):
    RATE = "rate"
    AMOUNT = "amount"
    DAYS = "days"
    NONE = "none"
    CLAUSE = "clause"


class ChangeKind(enum.Enum):
    """What a contract change touches (CONTRACT-4).

    The measured size of each kind: a rate (a fraction) for price cuts by rate, an
    amount (:class:`Money`) for a total-price cut by amount, days for deferrals and
    delays, nothing for party and unit swaps; the three clause kinds name the clause
    type instead (``clause="payment_method"``).

    >>> ChangeKind("payment_deferral")
    <ChangeKind.PAYMENT_DEFERRAL: 'payment_deferral'>
    """

    UNIT_PRICE_CUT = "unit_price_cut"
    """单价下调: the unit price falls by a rate."""
    TOTAL_PRICE_CUT_RATE = "total_price_cut_rate"
    """总价下调 measured as a rate of the total."""
    TOTAL_PRICE_CUT_AMOUNT = "total_price_cut_amount"
    """总价下调 measured as an amount."""
    PAYMENT_DEFERRAL = "payment_deferral"
    """A payment date moves later by a number of days."""
    DELIVERY_DELAY = "delivery_delay"
    """The delivery (交房/交货) date moves later by a number of days."""
    CLAUSE_ADDED = "clause_added"
    """A clause of a named type is added."""
    CLAUSE_REMOVED = "clause_removed"
    """A clause of a named type is removed."""
    CLAUSE_EDITED = "clause_edited"
    """A clause of a named type is edited (e.g. the payment method)."""
    PARTY_SWAP = "party_swap"
    """更名: the buyer (a party to the contract) changes."""
    UNIT_SWAP = "unit_swap"
    """换房: the contract moves to another unit."""


_MEASURE: Final[dict[ChangeKind, _Measure]] = {
    ChangeKind.UNIT_PRICE_CUT: _Measure.RATE,
    ChangeKind.TOTAL_PRICE_CUT_RATE: _Measure.RATE,
    ChangeKind.TOTAL_PRICE_CUT_AMOUNT: _Measure.AMOUNT,
    ChangeKind.PAYMENT_DEFERRAL: _Measure.DAYS,
    ChangeKind.DELIVERY_DELAY: _Measure.DAYS,
    ChangeKind.CLAUSE_ADDED: _Measure.CLAUSE,
    ChangeKind.CLAUSE_REMOVED: _Measure.CLAUSE,
    ChangeKind.CLAUSE_EDITED: _Measure.CLAUSE,
    ChangeKind.PARTY_SWAP: _Measure.NONE,
    ChangeKind.UNIT_SWAP: _Measure.NONE,
}
_KNOWN_KINDS: Final = ", ".join(kind.value for kind in ChangeKind)


def _kind(value: object, field: str = "kind") -> ChangeKind:
    if isinstance(value, ChangeKind):
        return value
    if type(value) is str:
        try:
            return ChangeKind(value)
        except ValueError:
            raise UnknownEntity(
                field, value, f"not a change kind (known: {_KNOWN_KINDS})"
            ) from None
    raise WrongType(field, value, "a ChangeKind")


def _clause_code(value: object, field: str) -> str:
    text = check_text(value, field)
    if not _CODE.match(text):
        raise InvalidInput(field, value, "a clause type must be a lower_snake_case code")
    return text


def _change_key(value: object, field: str) -> str:
    """Normalise a policy key: a ChangeKind, ``"kind"`` or ``"clause_kind:clause_type"``."""
    if isinstance(value, ChangeKind):
        return value.value
    if type(value) is not str:
        raise WrongType(field, value, "a ChangeKind or a 'kind' / 'kind:clause_type' str")
    kind_text, sep, clause = value.partition(":")
    kind = _kind(kind_text, field)
    if not sep:
        return kind.value
    if _MEASURE[kind] is not _Measure.CLAUSE:
        raise InvalidInput(field, value, f"only clause kinds take a clause type, not {kind.value}")
    return f"{kind.value}:{_clause_code(clause, field)}"


class ChangeClass(enum.Enum):
    """How far up a change must go (X-11): within < beyond authority < special.

    >>> ChangeClass.WITHIN_AUTHORITY < ChangeClass.BEYOND_AUTHORITY < ChangeClass.SPECIAL
    True
    >>> max(ChangeClass.SPECIAL, ChangeClass.WITHIN_AUTHORITY)
    <ChangeClass.SPECIAL: 'special'>
    """

    WITHIN_AUTHORITY = "within_authority"
    """The sales manager may approve it (CONTRACT-4)."""
    BEYOND_AUTHORITY = "beyond_authority"
    """Beyond the manager's authority: reported to the 营销总监 at once (CONTRACT-4)."""
    SPECIAL = "special"
    """特殊变更: also the developer; the 甲方负责人 must sign (CONTRACT-5)."""

    @property
    def level(self) -> int:
        """0, 1 or 2, in nesting order."""
        return _LEVEL[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ChangeClass):
            return NotImplemented
        return _LEVEL[self] < _LEVEL[other]

    def __le__(self, other: object) -> bool:
        if not isinstance(other, ChangeClass):
            return NotImplemented
        return _LEVEL[self] <= _LEVEL[other]

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, ChangeClass):
            return NotImplemented
        return _LEVEL[self] > _LEVEL[other]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, ChangeClass):
            return NotImplemented
        return _LEVEL[self] >= _LEVEL[other]


_LEVEL: Final = {
    ChangeClass.WITHIN_AUTHORITY: 0,
    ChangeClass.BEYOND_AUTHORITY: 1,
    ChangeClass.SPECIAL: 2,
}


# ------------------------------------------------------------------------- changes
# attrs converters are named functions (mypy's attrs plugin cannot type factories).
def _optional_id(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _to_forbidden_clauses(value: object) -> tuple[str, ...]:
    return _clause_codes(value, "forbidden_clauses")


def _to_required_clauses(value: object) -> tuple[str, ...]:
    return _clause_codes(value, "required_clauses")


def _to_special_kinds(value: object) -> tuple[str, ...]:
    return _keys(value, "special_kinds")


def _also(value: object) -> tuple[ContractChange, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("also", value, "a sequence of ContractChange")
    parts = tuple(value)
    for index, part in enumerate(parts):
        if not isinstance(part, ContractChange):
            raise WrongType(f"also[{index}]", part, "a ContractChange")
    return parts


@attrs.frozen(field_transformer=wire_checks)
class ContractChange:
    """One change to a contract's terms, or several combined (CONTRACT-4).

    Two changes are equal when they change the same things by the same sizes (on the
    same contract), so an :class:`Approval` whose ``subject`` is a change covers that
    change only: an approval of a 5% cut does not cover a 7% one.

    Args:
        kind: a :class:`ChangeKind` (or its value string).
        size: the measured size: a rate (``Decimal('0.05')``) for the rate kinds, a
            :class:`Money` for ``TOTAL_PRICE_CUT_AMOUNT``, days (an int) for deferrals
            and delays, ``None`` for clause changes and swaps.
        clause: the clause type (lower_snake_case, e.g. ``"payment_method"``);
            required for the clause kinds, refused for the others.
        contract_id: the contract changed (optional; when given it is part of what an
            approval covers).
        also: further single changes combined with this one; build combined changes
            with :meth:`combined`.

    Raises:
        InvalidInput: a missing or unexpected size or clause, a negative size, two
            parts of the same kind (and clause), or parts of different contracts.
        WrongType: a size of the wrong type (floats are refused).

    >>> from decimal import Decimal
    >>> str(ContractChange(ChangeKind.CLAUSE_EDITED, clause="payment_method"))
    'clause_edited:payment_method'
    >>> str(ContractChange.combined(
    ...     ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.03")),
    ...     ContractChange(ChangeKind.PAYMENT_DEFERRAL, 30)))
    'payment_deferral 30 days + unit_price_cut 3%'
    >>> ContractChange(ChangeKind.PAYMENT_DEFERRAL, -5)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: size: must be at least 0, got -5
    """

    kind: ChangeKind = attrs.field(converter=_kind)
    size: Decimal | int | Money | None = attrs.field(default=None)
    clause: str | None = attrs.field(default=None, kw_only=True)
    contract_id: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_id))
    also: tuple[ContractChange, ...] = attrs.field(default=(), kw_only=True, converter=_also)

    def __attrs_post_init__(self) -> None:
        measure = _MEASURE[self.kind]
        object.__setattr__(self, "size", _size(self.kind, measure, self.size))
        if measure is _Measure.CLAUSE:
            if self.clause is None:
                raise InvalidInput(
                    "clause",
                    None,
                    f"{self.kind.value} needs the clause type (e.g. 'payment_method')",
                )
            object.__setattr__(self, "clause", _clause_code(self.clause, "clause"))
        elif self.clause is not None:
            raise InvalidInput("clause", self.clause, f"{self.kind.value} takes no clause type")
        keys = {self.key}
        for index, part in enumerate(self.also):
            if part.also:
                raise InvalidInput(f"also[{index}]", str(part), "a part must be a single change")
            if part.contract_id not in (None, self.contract_id):
                raise InvalidInput(
                    f"also[{index}].contract_id",
                    part.contract_id,
                    f"all parts must change one contract ({self.contract_id!r})",
                )
            if part.key in keys:
                raise InvalidInput(
                    f"also[{index}]", part.key, "the same kind appears twice: give one size"
                )
            keys.add(part.key)

    @classmethod
    def combined(cls, *changes: ContractChange) -> ContractChange:
        """One change made of several (each may itself be combined); they are flattened.

        The parts are put in the order of their keys, so the same parts combined in
        any order make the same change (and an approval of one covers the other).  A
        combined change needs the strictest route of its parts (CONTRACT-4).

        >>> ContractChange.combined()
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: changes: combine at least one change, got ()
        """
        if not changes:
            raise InvalidInput("changes", changes, "combine at least one change")
        parts: list[ContractChange] = []
        contract_id: str | None = None
        for index, change in enumerate(changes):
            if not isinstance(change, ContractChange):
                raise WrongType(f"changes[{index}]", change, "a ContractChange")
            for part in change.parts:
                if part.contract_id is not None:
                    if contract_id not in (None, part.contract_id):
                        raise InvalidInput(
                            f"changes[{index}].contract_id",
                            part.contract_id,
                            f"all parts must change one contract ({contract_id!r})",
                        )
                    contract_id = part.contract_id
                parts.append(part)
        parts = sorted(
            (attrs.evolve(part, contract_id=contract_id) for part in parts),
            key=lambda part: part.key,
        )
        return attrs.evolve(parts[0], also=tuple(parts[1:]))

    @property
    def parts(self) -> tuple[ContractChange, ...]:
        """The single changes this change is made of (itself when single)."""
        if not self.also:
            return (self,)
        return (attrs.evolve(self, also=()), *self.also)

    @property
    def key(self) -> str:
        """The policy key of this (first) part: ``"unit_price_cut"``, ``"clause_edited:x"``."""
        if self.clause is None:
            return self.kind.value
        return f"{self.kind.value}:{self.clause}"

    @property
    def measure(self) -> Decimal:
        """The size of this (first) part as the number authority limits compare (0 if none)."""
        size = self.size
        if size is None:
            return ZERO
        if isinstance(size, Money):
            return size.amount
        if isinstance(size, int):
            return Decimal(size)
        return size

    def __str__(self) -> str:
        return " + ".join(_describe_part(part) for part in self.parts)


def _size(kind: ChangeKind, measure: _Measure, value: object) -> Decimal | int | Money | None:
    if measure in (_Measure.NONE, _Measure.CLAUSE):
        if value is not None:
            raise InvalidInput("size", value, f"{kind.value} has no size")
        return None
    if value is None:
        what = {
            _Measure.RATE: "a rate (a fraction such as Decimal('0.05'))",
            _Measure.AMOUNT: "an amount (a Money)",
            _Measure.DAYS: "a number of days (an int)",
        }[measure]
        raise InvalidInput("size", None, f"{kind.value} needs {what}")
    if measure is _Measure.RATE:
        return check_rate(value, "size")
    if measure is _Measure.DAYS:
        return check_int(value, "size", minimum=0)
    if not isinstance(value, Money):
        raise WrongType("size", value, f"a Money for {kind.value}")
    if value.amount < ZERO:
        raise InvalidInput("size", value, "must not be negative")
    return value


def _size_param(part: ContractChange) -> ParamValue:
    size = part.size
    if size is None:
        return ""
    if isinstance(size, Decimal):
        return Rate(size)
    return size


def _describe_part(part: ContractChange) -> str:
    size = _size_param(part)
    if size == "":
        return part.key
    if isinstance(size, int):
        return f"{part.key} {size} days"
    return f"{part.key} {size}"


# -------------------------------------------------------------------------- policy
def _ladder(value: object) -> RoleLadder:
    if not isinstance(value, RoleLadder):
        raise WrongType("ladder", value, "a RoleLadder")
    return value


def _role(value: object, field: str) -> Role:
    if not isinstance(value, Role):
        raise WrongType(field, value, "a Role")
    return value


def _limits_field(value: object) -> tuple[tuple[str, AuthorityLimits], ...]:
    items: Iterable[object]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, (tuple, list)):
        items = value
    else:
        raise WrongType("limits", value, "a mapping of change kind to AuthorityLimits")
    pairs: dict[str, AuthorityLimits] = {}
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise WrongType("limits", item, "a (change kind, AuthorityLimits) pair")
        raw_key, limits = item
        key = _change_key(raw_key, "limits key")
        if not isinstance(limits, AuthorityLimits):
            raise WrongType(f"limits[{key}]", limits, "an AuthorityLimits")
        if key in pairs:
            raise PolicyError(f"limits[{key}]", raw_key, "the same change kind is listed twice")
        pairs[key] = limits
    return tuple(sorted(pairs.items()))


def _keys(value: object, field: str) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a collection of change kinds")
    return tuple(sorted({_change_key(item, field) for item in value}))


def _clause_codes(value: object, field: str) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a collection of clause types")
    return tuple(sorted({_clause_code(item, field) for item in value}))


def _default_manager(policy: ContractChangePolicy) -> Role:
    try:
        return policy.ladder.get("sales_manager")
    except UnknownEntity:
        raise PolicyError(
            "manager_role", None, "the ladder has no 'sales_manager' role: set manager_role"
        ) from None


def _default_escalation(policy: ContractChangePolicy) -> Role:
    manager = policy.manager_role
    if manager not in policy.ladder.ladder:
        raise PolicyError("manager_role", manager.code, "is not a role of the ladder")
    above = policy.ladder.superior_of(manager)
    if above is None:
        raise PolicyError(
            "escalation_role", None, "no role above the manager on the ladder: set escalation_role"
        )
    return above


_L = REAL_ESTATE_LADDER
_MANAGER = _L.get("sales_manager")
_DIRECTOR = _L.get("marketing_director")

DEFAULT_CHANGE_LIMITS: Final[tuple[tuple[str, AuthorityLimits], ...]] = (
    ("delivery_delay", AuthorityLimits({_MANAGER: 0, _DIRECTOR: 30})),
    ("payment_deferral", AuthorityLimits({_MANAGER: 15, _DIRECTOR: 60})),
    ("total_price_cut_amount", AuthorityLimits({_MANAGER: 20000, _DIRECTOR: 100000})),
    (
        "total_price_cut_rate",
        AuthorityLimits({_MANAGER: Decimal("0.05"), _DIRECTOR: Decimal("0.10")}),
    ),
    ("unit_price_cut", AuthorityLimits({_MANAGER: Decimal("0.05"), _DIRECTOR: Decimal("0.10")})),
)
"""Illustrative authority (the seed gives no numbers, X-10): the 销售经理 up to a 5% price
cut, 20,000 off a total, 15 days' payment deferral and no delivery delay; the 营销总监 up to
10%, 100,000, 60 and 30 days.  Clause changes are not listed, so they are beyond the
manager's authority (fail-closed)."""

DEFAULT_SPECIAL_KINDS: Final[tuple[str, ...]] = (
    "clause_edited:payment_method",
    "party_swap",
    "unit_swap",
)
"""Illustrative special kinds (X-11): payment method, buyer name change (更名) and unit
swap (换房) depart from the developer's standard terms, so the 甲方负责人 must sign."""


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class ContractChangePolicy:
    """How contract changes are approved and contracts reviewed (CONTRACT-2..5, X-10, X-11).

    Args:
        limits: for each change kind (a :class:`ChangeKind`, its value, or
            ``"clause_kind:clause_type"`` for one clause type), an
            :class:`AuthorityLimits` over the change's size (a rate, an amount in
            ``currency``, days; 0 for sizeless kinds).  A kind not listed is beyond the
            manager's authority (fail-closed, X-10).  A clause kind listed without a
            clause type applies to every clause type not listed with one.
            Default: :data:`DEFAULT_CHANGE_LIMITS` (illustrative).
        special_kinds: the kinds that are 「特殊变更」 (CONTRACT-5): same key forms.
            Default: :data:`DEFAULT_SPECIAL_KINDS` (illustrative).
        ladder: the company's roles (default :data:`REAL_ESTATE_LADDER`).
        manager_role: the role that reviews contracts and approves changes within
            authority (default the ladder's ``sales_manager``).
        escalation_role: where changes beyond authority go at once
            (``escalation_targets[CONTRACT_BEYOND]`` of RULES.md 23.1; default the role
            just above the manager: the 营销总监).
        principal_signatory_role: the developer's signatory (甲方负责人) for special
            changes (default :data:`PRINCIPAL_SIGNATORY`); must be an outside role.
        currency: the currency of amount limits (default ``"CNY"``).
        required_clauses: clause types every contract must have (CONTRACT-3).
        forbidden_clauses: clause types no contract may have (CONTRACT-3).

    Raises:
        PolicyError: a role not on the ladder, an escalation role not above the
            manager, an own-company signatory, limits naming roles off the ladder, an
            unknown currency, or a clause both required and forbidden.

    >>> ContractChangePolicy().escalation_role.name_zh
    '营销总监'
    >>> ContractChangePolicy(required_clauses=["penalty"], forbidden_clauses=["penalty"])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: forbidden_clauses: a clause cannot be both required and forbidden: penalty
    """

    limits: tuple[tuple[str, AuthorityLimits], ...] = attrs.field(
        default=DEFAULT_CHANGE_LIMITS, converter=_limits_field
    )
    special_kinds: tuple[str, ...] = attrs.field(
        default=DEFAULT_SPECIAL_KINDS,
        converter=_to_special_kinds,
    )
    ladder: RoleLadder = attrs.field(default=REAL_ESTATE_LADDER, converter=_ladder)
    manager_role: Role = attrs.field(
        default=attrs.Factory(_default_manager, takes_self=True),
        metadata=check(_role),
    )
    escalation_role: Role = attrs.field(
        default=attrs.Factory(_default_escalation, takes_self=True),
        metadata=check(_role),
    )
    principal_signatory_role: Role = attrs.field(
        default=PRINCIPAL_SIGNATORY,
        metadata=check(_role),
    )
    currency: str = attrs.field(default="CNY")
    required_clauses: tuple[str, ...] = attrs.field(
        default=(),
        converter=_to_required_clauses,
    )
    forbidden_clauses: tuple[str, ...] = attrs.field(
        default=(),
        converter=_to_forbidden_clauses,
    )
    _by_key: Mapping[str, AuthorityLimits] = attrs.field(init=False, repr=False, eq=False)
    _special: frozenset[str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        ladder = self.ladder
        if self.manager_role not in ladder.ladder:
            errors.append(("manager_role", f"{self.manager_role.code} is not a ladder role"))
        if self.escalation_role not in ladder.ladder:
            errors.append(("escalation_role", f"{self.escalation_role.code} is not a ladder role"))
        elif self.escalation_role.rank <= self.manager_role.rank:
            errors.append(
                (
                    "escalation_role",
                    f"{self.escalation_role.code} does not rank above {self.manager_role.code}",
                )
            )
        principal = self.principal_signatory_role
        if principal.party is not Party.PRINCIPAL:
            errors.append(
                ("principal_signatory_role", f"{principal.code} is not the principal's role")
            )
        for key, limits in self.limits:
            for role in limits.roles:
                if role not in ladder.ladder:
                    errors.append((f"limits[{key}]", f"{role.code} is not a role of the ladder"))
        both = sorted(set(self.required_clauses) & set(self.forbidden_clauses))
        if both:
            errors.append(
                (
                    "forbidden_clauses",
                    f"a clause cannot be both required and forbidden: {', '.join(both)}",
                )
            )
        try:
            object.__setattr__(self, "currency", Money.zero(self.currency).currency)
        except (InvalidInput, WrongType):
            errors.append(("currency", f"not a currency code: {self.currency!r}"))
        if errors:
            if len(errors) == 1:
                key, message = errors[0]
                raise PolicyError(key, None, message)
            raise PolicyError.from_errors(errors)
        object.__setattr__(self, "_by_key", dict(self.limits))
        object.__setattr__(self, "_special", frozenset(self.special_kinds))

    def limits_for(self, change: ContractChange) -> AuthorityLimits | None:
        """The limits for a single change: its clause type's, else its kind's, else None."""
        if not isinstance(change, ContractChange):
            raise WrongType("change", change, "a ContractChange")
        found = self._by_key.get(change.key)
        if found is None and change.clause is not None:
            found = self._by_key.get(change.kind.value)
        return found

    def is_special(self, change: ContractChange) -> bool:
        """Whether a single change is 「特殊」 under this policy (by clause type or kind)."""
        if not isinstance(change, ContractChange):
            raise WrongType("change", change, "a ContractChange")
        return change.key in self._special or change.kind.value in self._special


# ------------------------------------------------------------------ permission
@attrs.frozen
class ChangeDecision(Decision):
    """The result of :func:`contract_change_permission`.

    ``approvers`` is the ordered route: the manager; up the ladder to the 营销总监
    when beyond authority; then the 甲方负责人 when special.  ``notify_at_once`` are
    the roles to be told at once and together (the 营销总监, and for a special change
    the developer at the same time, CONTRACT-5).  A rejected change (beyond every
    role's limit) has no route.
    """

    change_class: ChangeClass = attrs.field(kw_only=True)
    notify_at_once: tuple[Role, ...] = attrs.field(default=(), kw_only=True)


@attrs.frozen
class _PartResult:
    change_class: ChangeClass
    top: Role
    rejected: bool
    reasons: tuple[Reason, ...]


def _assess(part: ContractChange, policy: ContractChangePolicy) -> _PartResult:
    manager = policy.manager_role
    escalation = policy.escalation_role
    special = policy.is_special(part)
    limits = policy.limits_for(part)
    size = _size_param(part)
    reasons: list[Reason] = []
    rejected = False
    if limits is None:
        top = escalation
        change_class = ChangeClass.BEYOND_AUTHORITY
        if not special:
            reasons.append(
                Reason(
                    "CONTRACT-4",
                    "change_kind_not_configured",
                    {"kind": part.key, "size": size, "escalate_to": escalation},
                )
            )
    else:
        needed = limits.required_role(part.measure)
        if needed is None:
            rejected = True
            top = escalation
            change_class = ChangeClass.BEYOND_AUTHORITY
            highest = limits.roles[-1]
            reasons.append(
                Reason(
                    "CONTRACT-4",
                    "change_beyond_every_limit",
                    {"kind": part.key, "size": size, "highest_role": highest},
                )
            )
        elif needed.rank <= manager.rank:
            top = manager
            change_class = ChangeClass.WITHIN_AUTHORITY
            if not special:
                reasons.append(
                    Reason(
                        "CONTRACT-4",
                        "change_within_authority",
                        {"kind": part.key, "size": size, "role": manager},
                    )
                )
        else:
            top = needed if needed.rank > escalation.rank else escalation
            change_class = ChangeClass.BEYOND_AUTHORITY
            if not special:
                reasons.append(
                    Reason(
                        "CONTRACT-4",
                        "change_beyond_authority",
                        {"kind": part.key, "size": size, "escalate_to": top},
                    )
                )
    if special:
        change_class = ChangeClass.SPECIAL
        if top.rank < escalation.rank:
            top = escalation
        reasons.append(
            Reason(
                "CONTRACT-5",
                "special_change",
                {
                    "kind": part.key,
                    "size": size,
                    "escalate_to": top,
                    "signatory": policy.principal_signatory_role,
                },
            )
        )
    return _PartResult(change_class, top, rejected, tuple(reasons))


_T = TypeVar("_T")


def _items(value: Iterable[_T], field: str, what: str) -> tuple[_T, ...]:
    """``value`` as a tuple, refusing a non-iterable (or a lone string) up front."""
    checked: object = value
    if isinstance(checked, (str, bytes)) or not isinstance(checked, Iterable):
        raise WrongType(field, value, f"a sequence of {what}")
    return tuple(value)


def _check_policy(policy: object) -> ContractChangePolicy:
    if not isinstance(policy, ContractChangePolicy):
        raise WrongType("policy", policy, "a ContractChangePolicy")
    return policy


def _check_requester(requester: object, policy: ContractChangePolicy) -> Employee:
    if not isinstance(requester, Employee):
        raise WrongType("requester", requester, "an Employee")
    if requester.role not in policy.ladder:
        raise UnknownEntity("requester", requester.role.code, "role is not on the policy's ladder")
    return requester


def _check_change(change: object, policy: ContractChangePolicy) -> ContractChange:
    if not isinstance(change, ContractChange):
        raise WrongType("change", change, "a ContractChange")
    for part in change.parts:
        if isinstance(part.size, Money) and part.size.currency != policy.currency:
            raise CurrencyMismatch(
                "size",
                part.size.currency,
                f"cannot compare {part.size.currency} with the policy's {policy.currency} limits",
            )
    return change


def contract_change_permission(
    change: ContractChange, requester: Employee, policy: ContractChangePolicy
) -> ChangeDecision:
    """Classify a contract change and give its approval route (CONTRACT-4, CONTRACT-5).

    Each part of the change is classified on its own: within the manager's authority
    when the manager's limit for its kind covers its size; beyond authority when a
    higher role is needed or the kind is not listed (fail-closed, X-10); special when
    the policy lists it as special (X-11: special is also beyond authority, so the
    营销总监 is on its route too).  The change as a whole takes the strictest class and
    the route up to the highest role any part needs; a part beyond every role's
    limit makes the change ``REJECTED``.

    Args:
        change: the change (single or combined).
        requester: who asks for it (the route never lets them approve it).
        policy: the company's contract policy.

    Returns:
        A :class:`ChangeDecision`: ``NEEDS_APPROVAL`` with the ordered ``approvers``
        (every change needs at least the manager, CONTRACT-2), or ``REJECTED``.

    Raises:
        WrongType: ``change`` or ``requester`` of the wrong type.
        UnknownEntity: the requester's role is not on the policy's ladder.
        CurrencyMismatch: an amount in another currency than the policy's.

    >>> from decimal import Decimal
    >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee
    >>> rep = Employee("c1", "小陈", L.get("property_consultant"))
    >>> policy = ContractChangePolicy()
    >>> d = contract_change_permission(
    ...     ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.03")), rep, policy)
    >>> d.change_class.value, [r.code for r in d.approvers], d.reasons[0].code
    ('within_authority', ['sales_manager'], 'change_within_authority')
    >>> d = contract_change_permission(
    ...     ContractChange(ChangeKind.UNIT_SWAP), rep, policy)
    >>> [r.name_zh for r in d.approvers], [r.name_zh for r in d.notify_at_once]
    (['销售经理', '营销总监', '甲方负责人'], ['营销总监', '甲方负责人'])
    >>> contract_change_permission(
    ...     ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.12")), rep, policy).verdict
    <Verdict.REJECTED: 'rejected'>
    >>> contract_change_permission("unit_swap", rep, policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: change: expected a ContractChange, got str 'unit_swap'
    """
    policy = _check_policy(policy)
    change = _check_change(change, policy)
    _check_requester(requester, policy)
    results = [_assess(part, policy) for part in change.parts]
    change_class = max(result.change_class for result in results)
    reasons = tuple(reason for result in results for reason in result.reasons)
    if any(result.rejected for result in results):
        return ChangeDecision(Verdict.REJECTED, reasons, (), change_class=change_class)
    manager = policy.manager_role
    top = max((result.top for result in results), key=lambda role: role.rank)
    route: tuple[Role, ...] = (manager,)
    if top.rank > manager.rank:
        route += policy.ladder.chain_up(manager, to=top)
    if change_class is ChangeClass.SPECIAL:
        route += (policy.principal_signatory_role,)
    notify = route[1:] if change_class >= ChangeClass.BEYOND_AUTHORITY else ()
    return ChangeDecision(
        Verdict.NEEDS_APPROVAL,
        reasons,
        route,
        change_class=change_class,
        notify_at_once=notify,
    )


@attrs.frozen
class ChangeEffect(Decision):
    """The result of :func:`change_effective`.

    ``verdict`` is ``ALLOWED`` when the change is in effect, ``NEEDS_APPROVAL`` while
    steps are open (``approvers`` then lists the open steps), ``REJECTED`` when the
    change can never take effect.  ``route`` is the full route, ``filled`` the steps
    filled (with the approval that filled each) and ``ignored`` the approvals that did
    not count, each with its reason (a stale approval: ``stale_subject``).
    """

    effective: bool = attrs.field(kw_only=True)
    change_class: ChangeClass = attrs.field(kw_only=True)
    route: tuple[Role, ...] = attrs.field(default=(), kw_only=True)
    filled: tuple[tuple[Role, Approval], ...] = attrs.field(default=(), kw_only=True)
    ignored: tuple[IgnoredApproval, ...] = attrs.field(default=(), kw_only=True)


def change_effective(
    change: ContractChange,
    approvals: Iterable[Approval],
    requester: Employee,
    policy: ContractChangePolicy,
) -> ChangeEffect:
    """Whether the approvals given put ``change`` into effect (CONTRACT-4, CONTRACT-5).

    The route is the one of :func:`contract_change_permission`; the approvals are
    matched with :func:`~salesdomain.core.approvals.missing_approvals` under the
    route rules (a lower role never fills a higher step; a higher ladder role may
    fill a lower one; nobody stands in for the 甲方负责人; the requester never
    approves their own change; one person fills one step), with ``subject=change``:
    an approval counts only if its ``subject`` is this very change, so an approval
    of a smaller change is ignored as stale and named.

    Args:
        change: the change as it stands now.
        approvals: the approvals collected, each naming its ``subject``.
        requester: who asked for the change.
        policy: the company's contract policy.

    Returns:
        A :class:`ChangeEffect` whose ``effective`` says whether the change applies.

    >>> import datetime
    >>> from decimal import Decimal
    >>> from salesdomain import REAL_ESTATE_LADDER as L, Approval, Employee
    >>> rep = Employee("c1", "小陈", L.get("property_consultant"))
    >>> policy = ContractChangePolicy()
    >>> day = datetime.date(2026, 3, 2)
    >>> five = ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.05"))
    >>> ok = [Approval(L.get("sales_manager"), "m1", day, subject=five)]
    >>> change_effective(five, ok, rep, policy).effective
    True
    >>> seven = ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.07"))
    >>> late = change_effective(seven, ok, rep, policy)
    >>> late.effective, [i.reason.code for i in late.ignored]
    (False, ['stale_subject'])
    >>> change_effective(five, ["m1"], rep, policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: given[0]: expected an Approval, got str 'm1'
    """
    decision = contract_change_permission(change, requester, policy)
    rule = "CONTRACT-5" if decision.change_class is ChangeClass.SPECIAL else "CONTRACT-4"
    given = _items(approvals, "approvals", "Approval")
    if decision.rejected:
        reasons = (
            *decision.reasons,
            Reason(rule, "change_cannot_take_effect", {"change": str(change)}),
        )
        return ChangeEffect(
            Verdict.REJECTED,
            reasons,
            (),
            effective=False,
            change_class=decision.change_class,
        )
    check = missing_approvals(decision.approvers, given, requester, subject=change)
    if check.complete:
        head = Reason(
            rule,
            "change_approved",
            {"change": str(change), "approvers": tuple(step for step, _ in check.filled)},
        )
        return ChangeEffect(
            Verdict.ALLOWED,
            (head, *(item.reason for item in check.ignored)),
            (),
            effective=True,
            change_class=decision.change_class,
            route=check.route,
            filled=check.filled,
            ignored=check.ignored,
        )
    head = Reason(
        rule, "change_not_yet_effective", {"change": str(change), "missing": check.missing}
    )
    return ChangeEffect(
        Verdict.NEEDS_APPROVAL,
        (head, *check.reasons()),
        check.missing,
        effective=False,
        change_class=decision.change_class,
        route=check.route,
        filled=check.filled,
        ignored=check.ignored,
    )


# ------------------------------------------------------------------- contracts
class ContractState(enum.Enum):
    """The states of a sales contract (CONTRACT-2)."""

    DRAFT = "draft"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    SIGNED = "signed"
    EXECUTING = "executing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


_TERMINAL: Final = frozenset({ContractState.COMPLETED, ContractState.CANCELLED})


def _employee(value: object, field: str) -> Employee:
    if not isinstance(value, Employee):
        raise WrongType(field, value, "an Employee")
    return value


def _state(value: object) -> ContractState:
    if isinstance(value, ContractState):
        return value
    if type(value) is str:
        try:
            return ContractState(value)
        except ValueError:
            raise UnknownEntity("state", value, "not a contract state") from None
    raise WrongType("state", value, "a ContractState")


@attrs.frozen(field_transformer=wire_checks)
class ContractEvent:
    """One step of a contract's life: the action, the state it led to, who and when."""

    action: str = attrs.field(metadata=check(check_text))
    state: ContractState = attrs.field(converter=_state)
    by: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    at: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))


def _events(value: object) -> tuple[ContractEvent, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("history", value, "a sequence of ContractEvent")
    events = tuple(value)
    for index, event in enumerate(events):
        if not isinstance(event, ContractEvent):
            raise WrongType(f"history[{index}]", event, "a ContractEvent")
        if index and event.at < events[index - 1].at:
            raise InvalidInput(f"history[{index}].at", event.at, "events must not go back in time")
    return events


def _optional_money(value: object) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    raise WrongType("amount", value, "a Money or None")


def _clauses(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("clauses", value, "a collection of clause types")
    return tuple(sorted({_clause_code(item, "clauses") for item in value}))


@attrs.frozen(eq=False, field_transformer=wire_checks)
class Contract:
    """A sales contract moving through review, signature and execution (CONTRACT-1, 2).

    Transitions are pure: each returns a new contract with one more
    :class:`ContractEvent` naming who acted and when; the old value is unchanged.
    Asking a state for what it forbids raises :class:`IllegalTransition`.  Two
    contracts are equal when their ids are (an entity).

    Args:
        id: the contract's id.
        drafted_by: who drafted it (CONTRACT-1).
        drafted_at: when.
        clauses: the clause types it contains (checked by :func:`review_contract`).
        amount: the contract amount, if known.
        bid_id: the won bid it came from (CONTRACT-6), if any.
        state: the current state (default ``DRAFT``); must match the last event.
        history: the events so far (oldest first, never going back in time).

    >>> import datetime
    >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee
    >>> rep = Employee("c1", "小陈", L.get("property_consultant"))
    >>> c = Contract("HT-1", rep, drafted_at=datetime.date(2026, 3, 2))
    >>> c.submit(rep, datetime.date(2026, 3, 2)).state.value
    'under_review'
    >>> c.sign(rep, datetime.date(2026, 3, 3))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot sign in state 'draft': the contract has not been approved (CONTRACT-2)
    """

    id: str = attrs.field(metadata=check(check_text))
    drafted_by: Employee = attrs.field(metadata=check(_employee))
    drafted_at: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    clauses: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_clauses)
    amount: Money | None = attrs.field(default=None, kw_only=True, converter=_optional_money)
    bid_id: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_id))
    state: ContractState = attrs.field(default=ContractState.DRAFT, kw_only=True, converter=_state)
    history: tuple[ContractEvent, ...] = attrs.field(default=(), kw_only=True, converter=_events)

    def __attrs_post_init__(self) -> None:
        if self.history:
            if self.history[-1].state is not self.state:
                raise InvalidInput(
                    "state", self.state.value, "must be the state of the last history event"
                )
            if self.history[0].at < self.drafted_at:
                raise InvalidInput("history[0].at", self.history[0].at, "is before drafted_at")
        elif self.state is not ContractState.DRAFT:
            raise InvalidInput("state", self.state.value, "a contract without history is a draft")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Contract):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash(("Contract", self.id))

    @classmethod
    def from_won_bid(
        cls,
        bid_id: str,
        amount: Money,
        won_on: _dt.date,
        *,
        contract_id: str,
        drafted_by: Employee,
        drafted_at: _dt.date,
        clauses: Iterable[str] = (),
    ) -> Contract:
        """Open a draft contract for a won bid (CONTRACT-6).

        The bid's id, amount and win date come from the quoting module (its
        ``Bid.won_bid()``); this module never imports it.

        Raises:
            InvalidInput: the draft is dated before the bid was won.

        >>> import datetime
        >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee, Money
        >>> rep = Employee("c1", "小陈", L.get("property_consultant"))
        >>> Contract.from_won_bid("B-7", Money("50000"), datetime.date(2026, 3, 9),
        ...     contract_id="HT-7", drafted_by=rep, drafted_at=datetime.date(2026, 3, 10)).bid_id
        'B-7'
        >>> Contract.from_won_bid("B-7", Money("50000"), datetime.date(2026, 3, 9),
        ...     contract_id="HT-7", drafted_by=rep, drafted_at=datetime.date(2026, 3, 1))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: drafted_at: is before the bid was won (2026-03-09), got datetime.date(2026, 3, 1)
        """
        won = check_date(won_on, "won_on")
        drafted = check_date(drafted_at, "drafted_at")
        if not isinstance(amount, Money):
            raise WrongType("amount", amount, "a Money")
        if drafted < won:
            raise InvalidInput("drafted_at", drafted, f"is before the bid was won ({won})")
        return cls(
            contract_id,
            drafted_by,
            drafted_at=drafted,
            clauses=tuple(clauses),
            amount=amount,
            bid_id=check_text(bid_id, "bid_id"),
        )

    # -- queries ---------------------------------------------------------------
    def state_on(self, day: _dt.date) -> ContractState | None:
        """The state at the end of ``day`` (``None`` before the draft existed)."""
        day = check_date(day, "day")
        if day < self.drafted_at:
            return None
        state = ContractState.DRAFT
        for event in self.history:
            if event.at > day:
                break
            state = event.state
        return state

    def _last(self, state: ContractState) -> _dt.date | None:
        for event in reversed(self.history):
            if event.state is state:
                return event.at
        return None

    @property
    def approved_at(self) -> _dt.date | None:
        """When the contract was (last) approved."""
        return self._last(ContractState.APPROVED)

    @property
    def signed_at(self) -> _dt.date | None:
        """When the contract was signed."""
        return self._last(ContractState.SIGNED)

    # -- transitions -------------------------------------------------------------
    def _move(
        self,
        action: str,
        by: Employee,
        at: _dt.date,
        allowed_from: frozenset[ContractState],
        to: ContractState,
        why: str,
    ) -> Contract:
        by = _employee(by, "by")
        at = check_date(at, "at")
        if self.state not in allowed_from:
            raise IllegalTransition(self.state.value, action, why)
        last = self.history[-1].at if self.history else self.drafted_at
        if at < last:
            raise InvalidInput("at", at, f"is before the previous step ({last})")
        event = ContractEvent(action, to, by=by, at=at)
        return attrs.evolve(self, state=to, history=(*self.history, event))

    def submit(self, by: Employee, at: _dt.date) -> Contract:
        """DRAFT -> UNDER_REVIEW: hand the draft to the manager's review (CONTRACT-2)."""
        return self._move(
            "submit",
            by,
            at,
            frozenset({ContractState.DRAFT}),
            ContractState.UNDER_REVIEW,
            "only a draft can be submitted for review",
        )

    def approve(
        self,
        by: Employee,
        at: _dt.date,
        *,
        review: Decision,
        policy: ContractChangePolicy,
        approvals: Iterable[Approval] = (),
    ) -> Contract:
        """UNDER_REVIEW -> APPROVED: the manager's gatekeeping (CONTRACT-2).

        Args:
            by: the approver: a role at or above the policy's ``manager_role``, not
                the drafter.
            at: when.
            review: the :func:`review_contract` result; a rejected review blocks.
            policy: the contract policy (who the manager is).
            approvals: further approvals the review's route needs (e.g. the 营销总监
                for a price that needs them); ``by`` counts as one approval.

        Raises:
            IllegalTransition: wrong state, a rejected review, the wrong role, the
                drafter approving their own contract, or open steps on the route.
        """
        by = _employee(by, "by")
        at = check_date(at, "at")
        policy = _check_policy(policy)
        if not isinstance(review, Decision):
            raise WrongType("review", review, "a Decision (from review_contract)")
        state = self.state.value
        if self.state is not ContractState.UNDER_REVIEW:
            raise IllegalTransition(
                state, "approve", "only a contract under review can be approved"
            )
        if review.rejected:
            codes = ", ".join(reason.code for reason in review.reasons) or "rejected"
            raise IllegalTransition(state, "approve", f"the review rejected it ({codes})")
        if not by.role.outranks(policy.manager_role):
            raise IllegalTransition(
                state,
                "approve",
                f"{by.role.code} may not approve contracts (needs {policy.manager_role.code})",
            )
        if by == self.drafted_by:
            raise IllegalTransition(
                state, "approve", "the drafter cannot approve their own contract"
            )
        given = (Approval(by.role, by.id, at), *_items(approvals, "approvals", "Approval"))
        check = missing_approvals(review.approvers, given, self.drafted_by)
        if not check.complete:
            missing = ", ".join(role.code for role in check.missing)
            raise IllegalTransition(state, "approve", f"approvals still missing: {missing}")
        return self._move(
            "approve",
            by,
            at,
            frozenset({ContractState.UNDER_REVIEW}),
            ContractState.APPROVED,
            "only a contract under review can be approved",
        )

    def reject(self, by: Employee, at: _dt.date, *, policy: ContractChangePolicy) -> Contract:
        """UNDER_REVIEW -> REJECTED, by a role at or above the manager (CONTRACT-2)."""
        by = _employee(by, "by")
        policy = _check_policy(policy)
        if self.state is ContractState.UNDER_REVIEW and not by.role.outranks(policy.manager_role):
            raise IllegalTransition(
                self.state.value,
                "reject",
                f"{by.role.code} may not reject contracts (needs {policy.manager_role.code})",
            )
        return self._move(
            "reject",
            by,
            at,
            frozenset({ContractState.UNDER_REVIEW}),
            ContractState.REJECTED,
            "only a contract under review can be rejected",
        )

    def revise(self, by: Employee, at: _dt.date) -> Contract:
        """REJECTED -> DRAFT: rework after a rejected review."""
        return self._move(
            "revise",
            by,
            at,
            frozenset({ContractState.REJECTED}),
            ContractState.DRAFT,
            "only a rejected contract goes back to draft",
        )

    def sign(self, by: Employee, at: _dt.date) -> Contract:
        """APPROVED -> SIGNED; signing anything not approved raises (CONTRACT-2)."""
        return self._move(
            "sign",
            by,
            at,
            frozenset({ContractState.APPROVED}),
            ContractState.SIGNED,
            "the contract has not been approved (CONTRACT-2)",
        )

    def start_execution(self, by: Employee, at: _dt.date) -> Contract:
        """SIGNED -> EXECUTING."""
        return self._move(
            "start_execution",
            by,
            at,
            frozenset({ContractState.SIGNED}),
            ContractState.EXECUTING,
            "only a signed contract can be executed",
        )

    def complete(self, by: Employee, at: _dt.date) -> Contract:
        """EXECUTING -> COMPLETED."""
        return self._move(
            "complete",
            by,
            at,
            frozenset({ContractState.EXECUTING}),
            ContractState.COMPLETED,
            "only a contract being executed can be completed",
        )

    def cancel(self, by: Employee, at: _dt.date) -> Contract:
        """Any state but COMPLETED and CANCELLED -> CANCELLED."""
        return self._move(
            "cancel",
            by,
            at,
            frozenset(set(ContractState) - _TERMINAL),
            ContractState.CANCELLED,
            "a completed or cancelled contract cannot be cancelled",
        )


# ----------------------------------------------------------------------- review
@attrs.frozen
class ContractReview(Decision):
    """The result of :func:`review_contract`.

    Attributes:
        checks: the other rules' decisions that were reviewed, as given.
        missing_clauses: required clause types the contract lacks (CONTRACT-3).
        forbidden_found: forbidden clause types the contract has (CONTRACT-3).
    """

    checks: tuple[Decision, ...] = attrs.field(default=(), kw_only=True)
    missing_clauses: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    forbidden_found: tuple[str, ...] = attrs.field(default=(), kw_only=True)


def _route_order(roles: Iterable[Role]) -> tuple[Role, ...]:
    unique = list(dict.fromkeys(roles))
    own = sorted((r for r in unique if not r.outside), key=lambda r: r.rank)
    outside = [r for r in unique if r.outside]
    return (*own, *outside)


def review_contract(
    contract: Contract, checks: Iterable[Decision], policy: ContractChangePolicy
) -> ContractReview:
    """The manager's review of a contract before signing (CONTRACT-2, CONTRACT-3).

    The rule modules stay independent: the price checks (PRICE-4/5) and the unit
    total-price check (UNIT-2) are run by the caller and passed in as decisions.
    The review adds the clause lists of CONTRACT-3.

    The verdict is the strictest of the checks and the clause findings: ``REJECTED``
    when a check is rejected or a required clause is missing or a forbidden one is
    present; ``NEEDS_APPROVAL`` when a check needs approval (``approvers`` then
    names the manager and every role the checks need, lowest first, outside roles
    last); ``ALLOWED`` otherwise (the manager may approve, ``approvers`` is the
    manager).  Each check that is not allowed adds a ``review_check_not_allowed``
    reason followed by that check's own reasons, passed through unchanged.

    Args:
        contract: the contract reviewed.
        checks: other rules' decisions about it.
        policy: the contract policy (its clause lists and manager role).

    Returns:
        A :class:`ContractReview`.

    >>> import datetime
    >>> from salesdomain import REAL_ESTATE_LADDER as L, Decision, Employee, Verdict
    >>> rep = Employee("c1", "小陈", L.get("property_consultant"))
    >>> c = Contract("HT-1", rep, drafted_at=datetime.date(2026, 3, 2), clauses=["price"])
    >>> policy = ContractChangePolicy(required_clauses=["price", "delivery_date"])
    >>> r = review_contract(c, [Decision(Verdict.ALLOWED)], policy)
    >>> r.verdict.value, r.missing_clauses
    ('rejected', ('delivery_date',))
    >>> review_contract(c, [Verdict.ALLOWED], policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: checks[0]: expected a Decision, got Verdict <Verdict.ALLOWED: 'allowed'>
    """
    if not isinstance(contract, Contract):
        raise WrongType("contract", contract, "a Contract")
    policy = _check_policy(policy)
    given = _items(checks, "checks", "Decision")
    for index, item in enumerate(given):
        if not isinstance(item, Decision):
            raise WrongType(f"checks[{index}]", item, "a Decision")
    reasons: list[Reason] = []
    verdicts: list[Verdict] = []
    roles: list[Role] = [policy.manager_role]
    for index, item in enumerate(given):
        verdicts.append(item.verdict)
        if item.allowed:
            continue
        reasons.append(
            Reason(
                "CONTRACT-2",
                "review_check_not_allowed",
                {"check": index, "verdict": item.verdict.value, "rules": item.rules()},
            )
        )
        reasons.extend(item.reasons)
        if item.needs_approval:
            roles.extend(item.approvers)
    clauses = set(contract.clauses)
    missing = tuple(c for c in policy.required_clauses if c not in clauses)
    forbidden = tuple(c for c in policy.forbidden_clauses if c in clauses)
    for clause in missing:
        reasons.append(Reason("CONTRACT-3", "required_clause_missing", {"clause": clause}))
    for clause in forbidden:
        reasons.append(Reason("CONTRACT-3", "forbidden_clause_present", {"clause": clause}))
    if missing or forbidden:
        verdicts.append(Verdict.REJECTED)
    verdict = Verdict.strictest(verdicts)
    if verdict is Verdict.ALLOWED:
        reasons.append(
            Reason(
                "CONTRACT-2",
                "contract_review_passed",
                {"contract": contract.id, "checks": len(given)},
            )
        )
    approvers = () if verdict is Verdict.REJECTED else _route_order(roles)
    return ContractReview(
        verdict,
        tuple(reasons),
        approvers,
        checks=given,
        missing_clauses=missing,
        forbidden_found=forbidden,
    )


def unsigned_contracts(contracts: Iterable[Contract], as_of: _dt.date) -> tuple[Contract, ...]:
    """Contracts approved but not yet signed at the end of ``as_of`` (CONTRACT-8).

    The list for the daily check and the weekly chasing (合同催签), oldest approval
    first (then by id).

    >>> import datetime
    >>> from salesdomain import REAL_ESTATE_LADDER as L, Decision, Employee, Verdict
    >>> rep = Employee("c1", "小陈", L.get("property_consultant"))
    >>> mgr = Employee("m1", "李经理", L.get("sales_manager"))
    >>> day, policy = datetime.date(2026, 3, 2), ContractChangePolicy()
    >>> c = Contract("HT-1", rep, drafted_at=day).submit(rep, day)
    >>> c = c.approve(mgr, day, review=Decision(Verdict.ALLOWED), policy=policy)
    >>> [x.id for x in unsigned_contracts([c], day)], unsigned_contracts([c.sign(rep, day)], day)
    (['HT-1'], ())
    >>> unsigned_contracts([], datetime.datetime(2026, 3, 2, 9, 0))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 2, 9, 0)
    """
    day = check_date(as_of, "as_of")
    found: list[tuple[_dt.date, str, Contract]] = []
    seen: set[str] = set()
    for index, contract in enumerate(_items(contracts, "contracts", "Contract")):
        if not isinstance(contract, Contract):
            raise WrongType(f"contracts[{index}]", contract, "a Contract")
        if contract.id in seen:
            raise InvalidInput(f"contracts[{index}].id", contract.id, "duplicate contract id")
        seen.add(contract.id)
        if contract.state_on(day) is ContractState.APPROVED:
            approved = max(
                e.at for e in contract.history if e.state is ContractState.APPROVED and e.at <= day
            )
            found.append((approved, contract.id, contract))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(item[2] for item in found)


# ---------------------------------------------------------------- contact forms
def _party(value: object) -> Party:
    if isinstance(value, Party):
        return value
    if type(value) is str:
        try:
            return Party(value)
        except ValueError:
            raise UnknownEntity(
                "to_party", value, "expected 'own_company' or 'principal'"
            ) from None
    raise WrongType("to_party", value, "a Party")


@attrs.frozen(field_transformer=wire_checks)
class WorkContactForm:
    """A work contact form (工作联系单): the formal record of a request (CONTRACT-7).

    Args:
        id: the form's number.
        subject: what it asks.
        issued_by: who issued it.
        issued_on: when.
        to_party: the recipient side (default the developer, :attr:`Party.PRINCIPAL`).
        acknowledged_on: when the recipient acknowledged it (``None``: outstanding).
        contract_id: the contract concerned, if any.

    Raises:
        InvalidInput: acknowledged before it was issued.

    >>> import datetime
    >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee
    >>> mgr = Employee("m1", "李经理", L.get("sales_manager"))
    >>> form = WorkContactForm("LX-1", "更名申请", issued_by=mgr, issued_on=datetime.date(2026, 3, 2))
    >>> form.acknowledge(datetime.date(2026, 3, 4)).acknowledged_on
    datetime.date(2026, 3, 4)
    >>> form.acknowledge(datetime.date(2026, 3, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: acknowledged_on: is before the form was issued (2026-03-02), got datetime.date(2026, 3, 1)
    """

    id: str = attrs.field(metadata=check(check_text))
    subject: str = attrs.field(metadata=check(check_text))
    issued_by: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    issued_on: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    to_party: Party = attrs.field(default=Party.PRINCIPAL, kw_only=True, converter=_party)
    acknowledged_on: _dt.date | None = attrs.field(
        default=None,
        kw_only=True,
        metadata=check(_optional_date),
    )
    contract_id: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_id))

    def __attrs_post_init__(self) -> None:
        if self.acknowledged_on is not None and self.acknowledged_on < self.issued_on:
            raise InvalidInput(
                "acknowledged_on",
                self.acknowledged_on,
                f"is before the form was issued ({self.issued_on})",
            )

    def acknowledge(self, on: _dt.date) -> WorkContactForm:
        """The form acknowledged on ``on``.

        Raises:
            IllegalTransition: it was already acknowledged.
            InvalidInput: ``on`` is before the form was issued.
        """
        if self.acknowledged_on is not None:
            raise IllegalTransition(
                "acknowledged", "acknowledge", f"already acknowledged on {self.acknowledged_on}"
            )
        return attrs.evolve(self, acknowledged_on=check_date(on, "acknowledged_on"))

    def outstanding_on(self, day: _dt.date) -> bool:
        """Whether, at the end of ``day``, the form was issued and not yet acknowledged."""
        day = check_date(day, "day")
        return self.issued_on <= day and (
            self.acknowledged_on is None or self.acknowledged_on > day
        )


def outstanding_forms(
    forms: Iterable[WorkContactForm], as_of: _dt.date
) -> tuple[WorkContactForm, ...]:
    """The forms issued by ``as_of`` and not acknowledged by then, oldest first (CONTRACT-7).

    >>> import datetime
    >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee
    >>> mgr = Employee("m1", "李经理", L.get("sales_manager"))
    >>> day = datetime.date(2026, 3, 2)
    >>> a = WorkContactForm("LX-1", "换房", issued_by=mgr, issued_on=day)
    >>> b = WorkContactForm("LX-2", "更名", issued_by=mgr, issued_on=day, acknowledged_on=day)
    >>> [f.id for f in outstanding_forms([a, b], day)]
    ['LX-1']
    >>> outstanding_forms([a, a], day)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: forms[1].id: duplicate form id, got 'LX-1'
    """
    day = check_date(as_of, "as_of")
    found: list[WorkContactForm] = []
    seen: set[str] = set()
    for index, form in enumerate(_items(forms, "forms", "WorkContactForm")):
        if not isinstance(form, WorkContactForm):
            raise WrongType(f"forms[{index}]", form, "a WorkContactForm")
        if form.id in seen:
            raise InvalidInput(f"forms[{index}].id", form.id, "duplicate form id")
        seen.add(form.id)
        if form.outstanding_on(day):
            found.append(form)
    found.sort(key=lambda form: (form.issued_on, form.id))
    return tuple(found)
