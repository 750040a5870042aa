"""Unit sales control (销控) and unit total-price review (UNIT-1..3, X-22, X-23).

A real-estate project's units move through four states (reading X-22):

- ``WITHHELD`` (销控房, not released for sale) -> ``AVAILABLE`` only with the
  营销总监's approval (UNIT-3, :func:`release_withheld`);
- ``AVAILABLE`` -> ``HELD`` for one customer until an expiry date (:func:`hold`), back
  with :func:`release_hold` or when the hold lapses (:func:`expire_holds`);
- ``AVAILABLE`` or ``HELD`` (by the same customer, or a lapsed hold) -> ``SOLD``
  (:func:`sell`);
- ``AVAILABLE`` -> ``WITHHELD`` (:func:`withhold`).

Every transition is a pure function that returns a new :class:`UnitLedger`; an
operation the unit's state forbids raises
:class:`~salesdomain.core.errors.IllegalTransition`.  Selling a unit held by someone
else or already sold is such an operation, so no unit is ever sold twice (UNIT-1).

UNIT-2 (reading X-23): :func:`unit_total_price` recomputes a unit's total (area x unit
price, plus premiums, minus approved discounts, rounded per policy) and
:func:`check_unit_total` reports any difference from the contract total (zero
tolerance by default).

>>> import datetime
>>> from salesdomain.units import UnitLedger, hold, sell
>>> day = datetime.date(2026, 3, 2)
>>> ledger = UnitLedger.new(["A-101", "A-102"])
>>> ledger = hold(ledger, "A-101", "c1", at=day, until=datetime.date(2026, 3, 5))
>>> sell(ledger, "A-101", "c2", "K-9", at=day)
Traceback (most recent call last):
...
salesdomain.core.errors.IllegalTransition: cannot sell in state ('A-101', 'held'): held by c1 until 2026-03-05 (UNIT-1)
>>> sell(ledger, "A-101", "c1", "K-1", at=day).status("A-101")
<UnitStatus.SOLD: 'sold'>
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import (
    _CTX,
    ONE,
    ZERO,
    check_date,
    check_int,
    check_rate,
    check_rounding,
    check_text,
    to_decimal,
)
from salesdomain.core.approvals import Approval, RouteCheck, missing_approvals
from salesdomain.core.decisions import Decision, Reason, Verdict
from salesdomain.core.errors import (
    CurrencyMismatch,
    IllegalTransition,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.money import Money
from salesdomain.core.org import REAL_ESTATE_LADDER, Role

__all__ = [
    "REASON_CODES",
    "ApprovedDiscount",
    "LedgerAction",
    "LedgerEvent",
    "ReleaseDecision",
    "UnitLedger",
    "UnitPolicy",
    "UnitRecord",
    "UnitStatus",
    "UnitTotalCheck",
    "check_release",
    "check_unit_total",
    "expire_holds",
    "hold",
    "release_hold",
    "release_withheld",
    "sell",
    "unit_total_price",
    "withhold",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        # UNIT-3 release of withheld units
        "unit_release_approved",
        "unit_release_needs_approval",
        "unit_not_withheld",
        # UNIT-2 total-price review
        "unit_total_matches",
        "unit_total_within_tolerance",
        "unit_total_mismatch",
    }
)
"""Every reason code this module can emit."""


class UnitStatus(enum.Enum):
    """The 销控 state of a unit (UNIT-1, X-22)."""

    WITHHELD = "withheld"
    AVAILABLE = "available"
    HELD = "held"
    SOLD = "sold"


class LedgerAction(enum.Enum):
    """What happened to a unit (the ledger's audit trail, UNIT-1)."""

    HOLD = "hold"
    RELEASE_HOLD = "release_hold"
    EXPIRE_HOLD = "expire_hold"
    SELL = "sell"
    WITHHOLD = "withhold"
    RELEASE_WITHHELD = "release_withheld"


# ---------------------------------------------------------------------------
# private converters
# ---------------------------------------------------------------------------
def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _to_status(value: object) -> UnitStatus:
    if isinstance(value, UnitStatus):
        return value
    if isinstance(value, str):
        for member in UnitStatus:
            if value in (member.value, member.name):
                return member
        raise UnknownEntity("status", value, "expected withheld, available, held or sold")
    raise WrongType("status", value, "a UnitStatus")


def _action(value: object, field: str) -> LedgerAction:
    if not isinstance(value, LedgerAction):
        raise WrongType(field, value, "a LedgerAction")
    return value


def _policy_days(value: object, field: str) -> int | None:
    if value is None:
        return None
    days = check_int(value, field)
    if days < 0:
        raise PolicyError(field, value, "must be at least 0")
    return days


def _role(value: object, field: str) -> Role:
    if not isinstance(value, Role):
        raise WrongType(field, value, "a Role")
    return value


def _to_tolerance(value: object) -> Decimal:
    number = to_decimal(value, "unit_total_tolerance")
    if number < ZERO:
        raise PolicyError("unit_total_tolerance", value, "must not be negative")
    return number


def _approval(value: object, field: str) -> Approval:
    if value is None:
        raise InvalidInput(field, value, "a discount needs its approval record (UNIT-2)")
    if not isinstance(value, Approval):
        raise WrongType(field, value, "an Approval")
    return value


def _optional_positive_money(value: object, field: str) -> Money | None:
    if value is None:
        return None
    if type(value) is not Money:
        raise WrongType(field, value, "Money")
    if value.amount <= ZERO:
        raise InvalidInput(field, value, "must be positive")
    return value


def _to_discount_rate(value: object) -> Decimal | None:
    if value is None:
        return None
    number = check_rate(value, "rate")
    if number.is_zero() or number >= ONE:
        raise InvalidInput("rate", value, "must be above 0 and below 1")
    return number


def _state(record: UnitRecord) -> tuple[str, str]:
    return (record.unit, record.status.value)


# ---------------------------------------------------------------------------
# the ledger
# ---------------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class UnitRecord:
    """One unit's 销控 state.

    Args:
        unit: the unit id (e.g. ``"3-1502"``).
        status: its :class:`UnitStatus`.
        holder: the customer holding (``HELD``) or buying (``SOLD``) it.
        until: the last day of a hold (``HELD`` only).
        contract: the contract it was sold under (``SOLD`` only).
        since: the day of its last change.

    Raises:
        InvalidInput: a field that does not fit the status (a held unit without an
            expiry, a sold unit without a contract, an available unit with a holder).

    >>> UnitRecord("A-101", UnitStatus.SOLD, holder="c1")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: contract: a sold unit needs its contract, got None
    """

    unit: str = attrs.field(metadata=check(check_text))
    status: UnitStatus = attrs.field(converter=_to_status)
    holder: str | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_text))
    until: _dt.date | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_date))
    contract: str | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_text))
    since: _dt.date | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_date))

    def __attrs_post_init__(self) -> None:
        status = self.status
        if status in (UnitStatus.HELD, UnitStatus.SOLD) and self.holder is None:
            raise InvalidInput("holder", None, f"a {status.value} unit needs its customer")
        if status is UnitStatus.HELD and self.until is None:
            raise InvalidInput("until", None, "a held unit needs the hold's expiry date")
        if status is UnitStatus.SOLD and self.contract is None:
            raise InvalidInput("contract", None, "a sold unit needs its contract")
        if status not in (UnitStatus.HELD, UnitStatus.SOLD) and self.holder is not None:
            raise InvalidInput("holder", self.holder, f"a {status.value} unit has no customer")
        if status is not UnitStatus.HELD and self.until is not None:
            raise InvalidInput("until", self.until, f"a {status.value} unit has no hold")
        if status is not UnitStatus.SOLD and self.contract is not None:
            raise InvalidInput("contract", self.contract, f"a {status.value} unit has no contract")

    def hold_active(self, on: _dt.date) -> bool:
        """Whether the unit is held and the hold still runs on ``on`` (``until`` included)."""
        day = check_date(on, "on")
        return self.status is UnitStatus.HELD and self.until is not None and day <= self.until


@attrs.frozen(field_transformer=wire_checks)
class LedgerEvent:
    """One entry of the ledger's audit trail (who, what, when)."""

    unit: str = attrs.field(metadata=check(check_text))
    action: LedgerAction = attrs.field(metadata=check(_action))
    at: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    customer: str | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_text))
    contract: str | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_text))
    by: str | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_text))


def _records(value: object) -> tuple[UnitRecord, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise WrongType("records", value, "a sequence of UnitRecord")
    records = tuple(value)
    for index, record in enumerate(records):
        if not isinstance(record, UnitRecord):
            raise WrongType(f"records[{index}]", record, "a UnitRecord")
    return records


def _history(value: object) -> tuple[LedgerEvent, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise WrongType("history", value, "a sequence of LedgerEvent")
    events = tuple(value)
    for index, event in enumerate(events):
        if not isinstance(event, LedgerEvent):
            raise WrongType(f"history[{index}]", event, "a LedgerEvent")
    return events


@attrs.frozen
class UnitLedger:
    """The 销控 board of one project: every unit's state, plus the audit trail (UNIT-1).

    Immutable: the transition functions (:func:`hold`, :func:`sell`, ...) return a new
    ledger.  Unit ids are unique.

    >>> ledger = UnitLedger.new(["A-101", "A-102"], withheld=["A-102"])
    >>> ledger.status("A-102"), ledger.units(UnitStatus.AVAILABLE)
    (<UnitStatus.WITHHELD: 'withheld'>, ('A-101',))
    >>> ledger.status("B-1")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: unit: not in this ledger, got 'B-1'
    """

    records: tuple[UnitRecord, ...] = attrs.field(converter=_records)
    history: tuple[LedgerEvent, ...] = attrs.field(default=(), converter=_history)
    _by_unit: Mapping[str, UnitRecord] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_unit: dict[str, UnitRecord] = {}
        for index, record in enumerate(self.records):
            if record.unit in by_unit:
                raise InvalidInput(f"records[{index}].unit", record.unit, "duplicate unit id")
            by_unit[record.unit] = record
        object.__setattr__(self, "_by_unit", by_unit)

    @classmethod
    def new(
        cls,
        units: Iterable[str],
        *,
        withheld: Iterable[str] = (),
        at: _dt.date | None = None,
    ) -> UnitLedger:
        """A ledger with ``units`` available, except ``withheld`` ones (销控房, UNIT-3).

        Raises:
            InvalidInput: a duplicate unit id.
            UnknownEntity: a withheld unit that is not among ``units``.
        """
        if isinstance(units, (str, bytes)) or not isinstance(units, Iterable):
            raise WrongType("units", units, "a sequence of unit ids")
        kept_back: object = withheld
        if isinstance(kept_back, str):
            withheld = [kept_back]
        elif isinstance(kept_back, bytes) or not isinstance(kept_back, Iterable):
            raise WrongType("withheld", withheld, "a sequence of unit ids")
        ids = [check_text(unit, "units") for unit in units]
        held_back = set()
        for unit in withheld:
            if not isinstance(unit, str) or unit not in ids:
                raise UnknownEntity("withheld", unit, "not among the units")
            held_back.add(unit)
        return cls(
            tuple(
                UnitRecord(
                    unit,
                    UnitStatus.WITHHELD if unit in held_back else UnitStatus.AVAILABLE,
                    since=at,
                )
                for unit in ids
            )
        )

    def record(self, unit: str) -> UnitRecord:
        """The record of ``unit``; :class:`UnknownEntity` if the ledger has no such unit."""
        try:
            return self._by_unit[unit]
        except (KeyError, TypeError):
            raise UnknownEntity("unit", unit, "not in this ledger") from None

    def status(self, unit: str) -> UnitStatus:
        """The status of ``unit``."""
        return self.record(unit).status

    def units(self, status: UnitStatus | None = None) -> tuple[str, ...]:
        """The unit ids, in ledger order, optionally only those in ``status``."""
        return tuple(r.unit for r in self.records if status is None or r.status is status)

    def __contains__(self, unit: object) -> bool:
        return unit in self._by_unit

    def __len__(self) -> int:
        return len(self.records)


def _ledger(value: object) -> UnitLedger:
    if not isinstance(value, UnitLedger):
        raise WrongType("ledger", value, "a UnitLedger")
    return value


def _at(ledger: UnitLedger, record: UnitRecord, at: object) -> _dt.date:
    day = check_date(at, "at")
    if record.since is not None and day < record.since:
        raise InvalidInput("at", day, f"is before {record.unit}'s last change {record.since}")
    return day


def _apply(ledger: UnitLedger, changes: Sequence[tuple[UnitRecord, LedgerEvent]]) -> UnitLedger:
    replaced = {record.unit: record for record, _ in changes}
    records = tuple(replaced.get(record.unit, record) for record in ledger.records)
    return UnitLedger(records, ledger.history + tuple(event for _, event in changes))


# ---------------------------------------------------------------------------
# policy
# ---------------------------------------------------------------------------
_MARKETING_DIRECTOR: Final = REAL_ESTATE_LADDER.get("marketing_director")


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class UnitPolicy:
    """Unit sales-control configuration (RULES.md 23.10).

    Args:
        hold_ttl_days: how long a hold lasts when no ``until`` is given (``until = at
            + hold_ttl_days``); ``None`` (default): every hold names its expiry.
        release_authority: who releases withheld units (UNIT-3, default the 营销总监).
        rounding: the rounding mode of unit totals (default ROUND_HALF_UP, 四舍五入).
        rounding_places: decimals of unit totals (``0`` = to the yuan); ``None``
            (default): the currency's minor unit.
        unit_total_tolerance: the accepted difference between the contract total and
            the recomputed one (default 0: any difference is reported, X-23).

    >>> UnitPolicy(rounding_places=-1)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: rounding_places: must be at least 0, got -1
    """

    hold_ttl_days: int | None = attrs.field(default=None, metadata=check(_policy_days))
    release_authority: Role = attrs.field(default=_MARKETING_DIRECTOR, metadata=check(_role))
    rounding: str = attrs.field(default=ROUND_HALF_UP, converter=check_rounding)
    rounding_places: int | None = attrs.field(default=None, metadata=check(_policy_days))
    unit_total_tolerance: Decimal = attrs.field(default=ZERO, converter=_to_tolerance)


def _policy(value: object) -> UnitPolicy:
    if not isinstance(value, UnitPolicy):
        raise WrongType("policy", value, "a UnitPolicy")
    return value


# ---------------------------------------------------------------------------
# UNIT-1: transitions
# ---------------------------------------------------------------------------
def hold(
    ledger: UnitLedger,
    unit: str,
    customer: str,
    *,
    at: _dt.date,
    until: _dt.date | None = None,
    policy: UnitPolicy | None = None,
) -> UnitLedger:
    """Hold an available unit for ``customer`` until ``until`` (UNIT-1, X-22).

    A unit held by the same customer has its hold renewed; a unit whose hold by
    someone else has lapsed (``until`` before ``at``) may be held anew.

    Args:
        ledger: the ledger.
        unit: the unit id.
        customer: the customer.
        at: the day of the hold.
        until: the hold's last day (not before ``at``); default ``at +
            policy.hold_ttl_days``.
        policy: gives ``hold_ttl_days`` when ``until`` is not given.

    Returns:
        The new ledger.

    Raises:
        IllegalTransition: the unit is withheld, sold, or held by someone else.
        InvalidInput: no expiry (neither ``until`` nor ``hold_ttl_days``), ``until``
            before ``at``, ``at`` before the unit's last change.
        UnknownEntity: an unknown unit.

    >>> import datetime
    >>> ledger = UnitLedger.new(["A-101"], withheld=["A-101"])
    >>> hold(ledger, "A-101", "c1", at=datetime.date(2026, 3, 2), until=datetime.date(2026, 3, 4))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot hold in state ('A-101', 'withheld'): withheld units are not for sale until the 营销总监 releases them (UNIT-3)
    """
    book = _ledger(ledger)
    record = book.record(unit)
    who = check_text(customer, "customer")
    day = _at(book, record, at)
    if until is None:
        ttl = None if policy is None else _policy(policy).hold_ttl_days
        if ttl is None:
            raise InvalidInput("until", None, "give the hold's expiry or configure hold_ttl_days")
        try:
            last = day + _dt.timedelta(days=ttl)
        except OverflowError:
            raise InvalidInput(
                "at", at, f"a hold of {ttl} days from this day ends after the last date"
            ) from None
    else:
        last = check_date(until, "until")
        if last < day:
            raise InvalidInput("until", last, f"must not be before at {day}")
    _may_take(record, who, day, "hold")
    new = UnitRecord(record.unit, UnitStatus.HELD, holder=who, until=last, since=day)
    event = LedgerEvent(record.unit, LedgerAction.HOLD, at=day, customer=who)
    return _apply(book, [(new, event)])


def _may_take(record: UnitRecord, customer: str, day: _dt.date, action: str) -> None:
    """Raise unless ``customer`` may hold or buy the unit on ``day`` (UNIT-1, UNIT-3)."""
    if record.status is UnitStatus.SOLD:
        raise IllegalTransition(
            _state(record),
            action,
            f"already sold under contract {record.contract} (UNIT-1: no unit is sold twice)",
        )
    if record.status is UnitStatus.WITHHELD:
        raise IllegalTransition(
            _state(record),
            action,
            "withheld units are not for sale until the 营销总监 releases them (UNIT-3)",
        )
    if record.hold_active(day) and record.holder != customer:
        raise IllegalTransition(
            _state(record), action, f"held by {record.holder} until {record.until} (UNIT-1)"
        )


def release_hold(ledger: UnitLedger, unit: str, *, at: _dt.date) -> UnitLedger:
    """Release a held unit back to ``AVAILABLE`` (UNIT-1).

    Args:
        ledger: the ledger.
        unit: the unit id.
        at: the day of the release.

    Returns:
        The new ledger.

    Raises:
        IllegalTransition: the unit is not held.

    >>> import datetime
    >>> release_hold(UnitLedger.new(["A-101"]), "A-101", at=datetime.date(2026, 3, 2))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot release_hold in state ('A-101', 'available'): only a held unit can be released
    """
    book = _ledger(ledger)
    record = book.record(unit)
    day = _at(book, record, at)
    if record.status is not UnitStatus.HELD:
        raise IllegalTransition(_state(record), "release_hold", "only a held unit can be released")
    new = UnitRecord(record.unit, UnitStatus.AVAILABLE, since=day)
    event = LedgerEvent(record.unit, LedgerAction.RELEASE_HOLD, at=day, customer=record.holder)
    return _apply(book, [(new, event)])


def sell(
    ledger: UnitLedger, unit: str, customer: str, contract: str, *, at: _dt.date
) -> UnitLedger:
    """Sell a unit to ``customer`` under ``contract`` (UNIT-1).

    Allowed from ``AVAILABLE``, from a hold by the same customer, or from a hold by
    someone else that has lapsed.  Never from ``SOLD`` (no unit is sold twice) or
    ``WITHHELD`` (UNIT-3).

    Args:
        ledger: the ledger.
        unit: the unit id.
        customer: the buyer.
        contract: the contract id.
        at: the day of the sale.

    Returns:
        The new ledger.

    Raises:
        IllegalTransition: the unit is sold, withheld, or held by someone else.
        UnknownEntity: an unknown unit.
        InvalidInput: an empty customer or contract, ``at`` before the last change.

    >>> import datetime
    >>> day = datetime.date(2026, 3, 2)
    >>> ledger = sell(UnitLedger.new(["A-101"]), "A-101", "c1", "K-1", at=day)
    >>> sell(ledger, "A-101", "c1", "K-2", at=day)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot sell in state ('A-101', 'sold'): already sold under contract K-1 (UNIT-1: no unit is sold twice)
    """
    book = _ledger(ledger)
    record = book.record(unit)
    who = check_text(customer, "customer")
    deal = check_text(contract, "contract")
    day = _at(book, record, at)
    _may_take(record, who, day, "sell")
    new = UnitRecord(record.unit, UnitStatus.SOLD, holder=who, contract=deal, since=day)
    event = LedgerEvent(record.unit, LedgerAction.SELL, at=day, customer=who, contract=deal)
    return _apply(book, [(new, event)])


def withhold(ledger: UnitLedger, unit: str, *, at: _dt.date) -> UnitLedger:
    """Take an available unit off sale (销控, UNIT-3).

    Args:
        ledger: the ledger.
        unit: the unit id.
        at: the day it is withheld.

    Returns:
        The new ledger.

    Raises:
        IllegalTransition: the unit is not available (held, sold or already withheld).

    >>> import datetime
    >>> ledger = withhold(UnitLedger.new(["A-101"]), "A-101", at=datetime.date(2026, 3, 2))
    >>> ledger.status("A-101")
    <UnitStatus.WITHHELD: 'withheld'>
    >>> withhold(ledger, "A-101", at=datetime.date(2026, 3, 2))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot withhold in state ('A-101', 'withheld'): only an available unit can be withheld
    """
    book = _ledger(ledger)
    record = book.record(unit)
    day = _at(book, record, at)
    if record.status is not UnitStatus.AVAILABLE:
        raise IllegalTransition(
            _state(record), "withhold", "only an available unit can be withheld"
        )
    new = UnitRecord(record.unit, UnitStatus.WITHHELD, since=day)
    event = LedgerEvent(record.unit, LedgerAction.WITHHOLD, at=day)
    return _apply(book, [(new, event)])


@attrs.frozen(kw_only=True)
class ReleaseDecision(Decision):
    """Whether withheld units may be released (UNIT-3), with the core route check."""

    units: tuple[str, ...]
    route_check: RouteCheck


def _unit_ids(units: object) -> tuple[str, ...]:
    if isinstance(units, str):
        return (check_text(units, "units"),)
    if isinstance(units, (bytes, Mapping)) or not isinstance(units, Iterable):
        raise WrongType("units", units, "a unit id or a sequence of unit ids")
    ids = tuple(check_text(unit, "units") for unit in units)
    if not ids:
        raise InvalidInput("units", units, "name at least one unit")
    if len(set(ids)) != len(ids):
        raise InvalidInput("units", units, "a unit is named twice")
    return ids


def check_release(
    ledger: UnitLedger,
    units: str | Sequence[str],
    approvals: Iterable[Approval],
    requester: str,
    policy: UnitPolicy,
    *,
    subject: Hashable = None,
) -> ReleaseDecision:
    """Check a release of withheld units: they must be withheld and the 营销总监 must approve (UNIT-3).

    Uses the core :func:`~salesdomain.core.approvals.missing_approvals` with the route
    ``(policy.release_authority,)``.

    Args:
        ledger: the ledger.
        units: the unit id(s) to release.
        approvals: the approvals given.
        requester: who asks for the release (their own approval never counts).
        policy: the unit policy.
        subject: when given, only approvals naming this subject count (SOD-4).

    Returns:
        ``REJECTED`` when a unit is not withheld; ``NEEDS_APPROVAL`` with the release
        authority when the approval is missing; ``ALLOWED`` otherwise.

    >>> import datetime
    >>> from salesdomain import Approval, REAL_ESTATE_LADDER
    >>> ledger = UnitLedger.new(["A-101"], withheld=["A-101"])
    >>> check_release(ledger, "A-101", [], "m1", UnitPolicy()).approvers[0].name_zh
    '营销总监'
    >>> check_release(ledger, "A-101", [], "m1", None)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: policy: expected a UnitPolicy, got NoneType None
    """
    book = _ledger(ledger)
    ids = _unit_ids(units)
    rules = _policy(policy)
    records = [book.record(unit) for unit in ids]
    authority = rules.release_authority
    given: object = approvals
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise WrongType("approvals", approvals, "a sequence of Approval")
    check = missing_approvals((authority,), approvals, requester, subject=subject)
    wrong = [record for record in records if record.status is not UnitStatus.WITHHELD]
    if wrong:
        reasons = tuple(
            Reason("UNIT-3", "unit_not_withheld", {"unit": r.unit, "status": r.status})
            for r in wrong
        )
        return ReleaseDecision(Verdict.REJECTED, reasons, units=ids, route_check=check)
    if check.complete:
        reason = Reason("UNIT-3", "unit_release_approved", {"units": ids, "role": authority})
        return ReleaseDecision(Verdict.ALLOWED, (reason,), units=ids, route_check=check)
    reason = Reason("UNIT-3", "unit_release_needs_approval", {"units": ids, "role": authority})
    return ReleaseDecision(
        Verdict.NEEDS_APPROVAL, (reason,), check.missing, units=ids, route_check=check
    )


def release_withheld(
    ledger: UnitLedger,
    units: str | Sequence[str],
    *,
    at: _dt.date,
    approvals: Iterable[Approval],
    requester: str,
    policy: UnitPolicy,
    subject: Hashable = None,
) -> UnitLedger:
    """Release withheld units for sale, with the 营销总监's approval (UNIT-3).

    Args:
        ledger: the ledger.
        units: the unit id(s) to release.
        at: the day of the release.
        approvals: the approvals given.
        requester: who asks for the release.
        policy: the unit policy (``release_authority``).
        subject: when given, only approvals naming this subject count (SOD-4).

    Returns:
        The new ledger, the units ``AVAILABLE``.

    Raises:
        IllegalTransition: a unit is not withheld, or the approval is missing
            (:func:`check_release` says which).

    >>> import datetime
    >>> from salesdomain import Approval, REAL_ESTATE_LADDER
    >>> director = REAL_ESTATE_LADDER.get("marketing_director")
    >>> day = datetime.date(2026, 3, 2)
    >>> ledger = UnitLedger.new(["A-101"], withheld=["A-101"])
    >>> release_withheld(ledger, "A-101", at=day, approvals=[Approval(director, "d1", day)],
    ...                  requester="m1", policy=UnitPolicy()).status("A-101")
    <UnitStatus.AVAILABLE: 'available'>
    >>> release_withheld(ledger, "A-101", at=day, approvals=[], requester="m1", policy=UnitPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot release_withheld in state (('A-101', 'withheld'),): needs the approval of marketing_director (UNIT-3)
    """
    book = _ledger(ledger)
    decision = check_release(book, units, approvals, requester, policy, subject=subject)
    states = tuple(_state(book.record(unit)) for unit in decision.units)
    if decision.rejected:
        raise IllegalTransition(states, "release_withheld", "only withheld units can be released")
    if not decision.allowed:
        role = ", ".join(step.code for step in decision.approvers)
        raise IllegalTransition(
            states, "release_withheld", f"needs the approval of {role} (UNIT-3)"
        )
    by = check_text(requester, "requester")
    changes = []
    for unit in decision.units:
        record = book.record(unit)
        day = _at(book, record, at)
        changes.append(
            (
                UnitRecord(unit, UnitStatus.AVAILABLE, since=day),
                LedgerEvent(unit, LedgerAction.RELEASE_WITHHELD, at=day, by=by),
            )
        )
    return _apply(book, changes)


def expire_holds(ledger: UnitLedger, as_of: _dt.date) -> UnitLedger:
    """Return every unit whose hold ended before ``as_of`` to ``AVAILABLE`` (UNIT-1, X-22).

    A hold runs through its ``until`` day; it lapses the day after.

    Args:
        ledger: the ledger.
        as_of: the day of the check.

    Returns:
        The new ledger (the same ledger when no hold has lapsed).

    >>> import datetime
    >>> ledger = hold(UnitLedger.new(["A-101"]), "A-101", "c1", at=datetime.date(2026, 3, 2),
    ...               until=datetime.date(2026, 3, 4))
    >>> expire_holds(ledger, datetime.date(2026, 3, 4)).status("A-101").value
    'held'
    >>> expire_holds(ledger, datetime.date(2026, 3, 5)).status("A-101").value
    'available'
    >>> expire_holds(ledger, datetime.datetime(2026, 3, 5))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 5, 0, 0)
    """
    book = _ledger(ledger)
    day = check_date(as_of, "as_of")
    changes = [
        (
            UnitRecord(record.unit, UnitStatus.AVAILABLE, since=day),
            LedgerEvent(record.unit, LedgerAction.EXPIRE_HOLD, at=day, customer=record.holder),
        )
        for record in book.records
        if record.status is UnitStatus.HELD and record.until is not None and record.until < day
    ]
    return _apply(book, changes) if changes else book


# ---------------------------------------------------------------------------
# UNIT-2: unit total price
# ---------------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class ApprovedDiscount:
    """A discount on a unit's price with its approval record (UNIT-2, PRICE-5).

    Args:
        approval: who approved it (required: a discount without one is refused).
        amount: a discount amount, or
        rate: a discount rate (``Decimal("0.02")`` = 2% off, 九八折).  Exactly one.

    >>> ApprovedDiscount(None, amount=None)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: approval: a discount needs its approval record (UNIT-2), got None
    """

    approval: Approval = attrs.field(metadata=check(_approval))
    amount: Money | None = attrs.field(
        kw_only=True, default=None, metadata=check(_optional_positive_money)
    )
    rate: Decimal | None = attrs.field(kw_only=True, default=None, converter=_to_discount_rate)

    def __attrs_post_init__(self) -> None:
        if (self.amount is None) == (self.rate is None):
            raise InvalidInput("amount", self.amount, "give exactly one of amount and rate")


def _quantum(places: int | None, currency_places: int) -> Decimal:
    if places is None:
        return ONE.scaleb(-currency_places, _CTX)
    if places > currency_places:
        raise InvalidInput(
            "policy.rounding_places",
            places,
            f"is finer than the currency's minor unit ({currency_places} decimals)",
        )
    return ONE.scaleb(-places, _CTX)


def unit_total_price(
    area: Decimal | int | str,
    unit_price: Money,
    premiums: Sequence[Money],
    approved_discounts: Sequence[ApprovedDiscount],
    policy: UnitPolicy,
) -> Money:
    """Recompute a unit's total price (UNIT-2, reading X-23).

    ``area x unit_price``, plus the premiums (a negative premium is a configured
    markdown, e.g. a low floor), then each approved discount in the order given: a rate
    discount multiplies the running total by ``1 - rate`` (折上折), an amount discount
    subtracts.  Rounded once at the end, with the policy's mode, to
    ``policy.rounding_places`` (default: the currency's minor unit).

    Args:
        area: the unit's area in square metres (positive; the area basis, 建筑面积 or
            套内面积, is the caller's choice).
        unit_price: the price per square metre (positive).
        premiums: premium amounts (same currency).
        approved_discounts: discounts, each with its approval record.
        policy: the unit policy (rounding).

    Returns:
        The total, rounded.

    Raises:
        InvalidInput: area or unit price not positive; a discount without an approval
            record; a total that is not positive.
        CurrencyMismatch: amounts in different currencies.

    >>> import datetime
    >>> from decimal import Decimal
    >>> from salesdomain import Approval, Money, REAL_ESTATE_LADDER
    >>> ok = Approval(REAL_ESTATE_LADDER.get("sales_manager"), "m1", datetime.date(2026, 3, 2))
    >>> unit_total_price(Decimal("89.37"), Money("21500"), [Money("30000")],
    ...                  [ApprovedDiscount(ok, rate=Decimal("0.02"))], UnitPolicy())
    Money('1912425.90', 'CNY')
    >>> unit_total_price(Decimal("89.37"), Money("21500"), [], [Money("5000")], UnitPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: approved_discounts[0]: a discount needs its approval record (an ApprovedDiscount), got Money('5000', 'CNY')
    """
    size = to_decimal(area, "area")
    if size <= ZERO:
        raise InvalidInput("area", area, "must be positive")
    if type(unit_price) is not Money:
        raise WrongType("unit_price", unit_price, "Money")
    if unit_price.amount <= ZERO:
        raise InvalidInput("unit_price", unit_price, "must be positive")
    rules = _policy(policy)
    currency = unit_price.currency
    total = unit_price * size
    if isinstance(premiums, (str, bytes, Mapping)) or not isinstance(premiums, Iterable):
        raise WrongType("premiums", premiums, "a sequence of Money")
    for index, premium in enumerate(premiums):
        if type(premium) is not Money:
            raise WrongType(f"premiums[{index}]", premium, "Money")
        if premium.currency != currency:
            raise CurrencyMismatch(f"premiums[{index}]", premium.currency, f"expected {currency}")
        total = total + premium
    if isinstance(approved_discounts, (str, bytes, Mapping)) or not isinstance(
        approved_discounts, Iterable
    ):
        raise WrongType("approved_discounts", approved_discounts, "a sequence of ApprovedDiscount")
    for index, discount in enumerate(approved_discounts):
        if not isinstance(discount, ApprovedDiscount):
            raise InvalidInput(
                f"approved_discounts[{index}]",
                discount,
                "a discount needs its approval record (an ApprovedDiscount)",
            )
        if discount.rate is not None:
            total = total * _CTX.subtract(ONE, discount.rate)
        else:
            assert discount.amount is not None
            if discount.amount.currency != currency:
                raise CurrencyMismatch(
                    f"approved_discounts[{index}].amount",
                    discount.amount.currency,
                    f"expected {currency}",
                )
            total = total - discount.amount
    if total.amount <= ZERO:
        raise InvalidInput("approved_discounts", total, "leave a total that is not positive")
    quantum = _quantum(rules.rounding_places, unit_price.precision)
    rounded = Money(total.amount.quantize(quantum, rules.rounding, _CTX), currency)
    if rounded.amount <= ZERO:
        raise InvalidInput("unit_price", rounded, "gives a total that rounds to zero")
    return rounded


@attrs.frozen(kw_only=True)
class UnitTotalCheck(Decision):
    """The contract total against the recomputed total (UNIT-2).

    ``difference`` is ``contract_total - computed``.
    """

    contract_total: Money
    computed: Money
    difference: Money


def check_unit_total(contract_total: Money, computed: Money, policy: UnitPolicy) -> UnitTotalCheck:
    """Report any difference between a contract's unit total and the recomputed one (UNIT-2, X-23).

    Zero tolerance by default: any difference is ``REJECTED`` (it blocks the contract's
    approval, CONTRACT-2) with the difference; with a policy tolerance, a difference
    within it is ``ALLOWED`` but still reported.

    Args:
        contract_total: the total written in the contract.
        computed: the total from :func:`unit_total_price`.
        policy: the unit policy (``unit_total_tolerance``).

    Returns:
        A :class:`UnitTotalCheck`.

    Raises:
        CurrencyMismatch: the two totals are in different currencies.

    >>> from salesdomain import Money
    >>> check = check_unit_total(Money("1912425.00"), Money("1912425.90"), UnitPolicy())
    >>> check.verdict.value, check.difference
    ('rejected', Money('-0.90', 'CNY'))
    >>> check_unit_total(Money("1"), Money("1", "USD"), UnitPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.CurrencyMismatch: currency: cannot combine CNY with USD, got 'USD'
    """
    if type(contract_total) is not Money:
        raise WrongType("contract_total", contract_total, "Money")
    if type(computed) is not Money:
        raise WrongType("computed", computed, "Money")
    rules = _policy(policy)
    difference = contract_total - computed
    params = {"contract_total": contract_total, "computed": computed}
    if not difference:
        verdict = Verdict.ALLOWED
        reason = Reason("UNIT-2", "unit_total_matches", params)
    elif difference.amount.copy_abs() <= rules.unit_total_tolerance:
        verdict = Verdict.ALLOWED
        reason = Reason(
            "UNIT-2",
            "unit_total_within_tolerance",
            {**params, "difference": difference, "tolerance": rules.unit_total_tolerance},
        )
    else:
        verdict = Verdict.REJECTED
        reason = Reason("UNIT-2", "unit_total_mismatch", {**params, "difference": difference})
    return UnitTotalCheck(
        verdict,
        (reason,),
        contract_total=contract_total,
        computed=computed,
        difference=difference,
    )
