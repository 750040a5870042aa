"""Receivables: 回款率, aging, bad-debt flags, the weekly chase list and deposits.

The rules of RULES.md section 4 (COLL) and section 15 (DEP) as pure functions:

- :func:`collection_rate` (COLL-2, reading X-6): cash collected in a period divided by
  what fell due in it (overdue balances carried forward included), with a
  reconciliation of every receivable counted.  Overpayments and payments made ahead of
  the due date are reported as such and never inflate the rate.
- :func:`aging` (COLL-3, COLL-5, reading X-7): the open amount of each receivable as of
  a date, put into the policy's contiguous aging buckets, with the overdue lists per
  salesperson (COLL-1), bad-debt risk flags from the policy's required thresholds and
  the internal cause 「人为的拖欠」 (:attr:`ArrearsCause.INTERNAL`) flagged for the manager.
- :func:`chase_list` (COLL-4, TARGET-10): next week's collections and unsigned
  contracts, each assigned to named people; a shared amount is split exactly with
  :func:`salesdomain.core.money.allocate`.
- Deposits for groups, meetings and banquets (COLL-10, DEP-1, DEP-2, DEP-4, reading
  X-24): :func:`required_deposit`, :func:`check_deposit`, :func:`settle_deposit`
  (final bill minus deposit gives a refund or a balance due; 订金 is an advance
  payment, 定金 is forfeitable only when the policy says so) and
  :func:`negotiator_role`.

Bad input raises (:class:`~salesdomain.core.errors.InvalidInput` and its family, naming
the field); business outcomes are returned with reasons.

>>> import datetime
>>> from salesdomain import Money, Period
>>> from salesdomain.receivables import Payment, Receivable, collection_rate
>>> inv = Receivable("INV-1", Money("1000.00"), due=datetime.date(2026, 3, 10),
...                  customer="C1", salesperson="s1")
>>> pay = Payment("P-1", Money("1200.00"), receivable="INV-1", received=datetime.date(2026, 3, 12))
>>> result = collection_rate([inv], [pay], Period.month(2026, 3))
>>> str(result.rate), result.collected, result.overpaid
('100%', Money('1000.00', 'CNY'), Money('200.00', 'CNY'))
>>> [r.code for r in result.reasons]
['collection_overpaid']
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Final, TypeVar

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
from salesdomain.core.decisions import Decision, JSONValue, Rate, Reason, Verdict, jsonable
from salesdomain.core.errors import (
    CurrencyMismatch,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.money import Money, allocate
from salesdomain.core.org import HOTEL_LADDER, Role
from salesdomain.core.periods import Period

__all__ = [
    "REASON_CODES",
    "AgingBucket",
    "AgingLine",
    "AgingReport",
    "ArrearsCause",
    "BadDebtRisk",
    "Booking",
    "BookingKind",
    "CancelledBy",
    "ChaseAssignment",
    "ChaseItem",
    "ChaseKind",
    "ChaseList",
    "CollectionLine",
    "CollectionRate",
    "CollectionRateBase",
    "CreditNote",
    "DepositCheck",
    "DepositLegalType",
    "DepositPolicy",
    "DepositRequirement",
    "DepositRule",
    "DepositSettlement",
    "NegotiatorDecision",
    "Payment",
    "Receivable",
    "ReceivableKind",
    "ReceivablesPolicy",
    "aging",
    "buckets_from_thresholds",
    "chase_list",
    "check_deposit",
    "collection_rate",
    "negotiator_role",
    "required_deposit",
    "settle_deposit",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        # COLL-2 collection rate
        "collection_overpaid",
        "collection_paid_early",
        "collection_nothing_due",
        "collection_rate_below_target",
        "collection_rate_target_met",
        # COLL-3 / COLL-5 aging and bad debt
        "receivable_at_risk",
        "receivable_doubtful",
        "arrears_internal_cause",
        "receivable_credit_balance",
        # COLL-4 / TARGET-10 chase list
        "chase_item_unassigned",
        "chase_unknown_person",
        "chase_list_complete",
        # DEP-1 deposits
        "deposit_required",
        "deposit_not_required",
        "deposit_waived_credit_account",
        "deposit_due_on_booking",
        "deposit_received",
        "deposit_short",
        "deposit_overdue",
        # DEP-2 settlement (and DEP-1 legal type)
        "settlement_balance_due",
        "settlement_refund_due",
        "settlement_even",
        "deposit_forfeited",
        "deposit_returned_double",
        "deposit_advance_refundable",
        # DEP-4 negotiator
        "negotiator_manager_important_booking",
        "negotiator_manager_above_threshold",
        "negotiator_supervisor",
    }
)
"""Every reason code this module can emit."""

_E = TypeVar("_E", bound=enum.Enum)


# ---------------------------------------------------------------------------
# enums
# ---------------------------------------------------------------------------
class ReceivableKind(enum.Enum):
    """What a receivable is: an invoice, or one instalment of a contract."""

    INVOICE = "invoice"
    INSTALMENT = "instalment"


class ArrearsCause(enum.Enum):
    """Why a receivable is in arrears (COLL-5, X-7): recorded, never inferred.

    ``INTERNAL`` is 「人为的拖欠」: caused by people on our side (paperwork not issued,
    staff delay) or by collusion; such items are flagged for the manager.
    """

    CUSTOMER = "customer"
    INTERNAL = "internal"
    UNKNOWN = "unknown"


class CollectionRateBase(enum.Enum):
    """The denominator of 回款率 (COLL-2, X-6).

    ``DUE`` (default): receivables falling due in the period, overdue balances carried
    forward included.  ``SALES``: the contract value issued in the period.
    """

    DUE = "due"
    SALES = "sales"


class BadDebtRisk(enum.Enum):
    """A receivable's bad-debt risk level under the policy's thresholds (COLL-5)."""

    NONE = "none"
    AT_RISK = "at_risk"
    DOUBTFUL = "doubtful"


class ChaseKind(enum.Enum):
    """What is chased next week (COLL-4): a collection or a contract signature (催签)."""

    COLLECTION = "collection"
    CONTRACT_SIGNATURE = "contract_signature"


class BookingKind(enum.Enum):
    """Hotel booking kinds that may carry a deposit (DEP-1, X-24)."""

    GROUP = "group"
    MEETING = "meeting"
    BANQUET = "banquet"


class DepositLegalType(enum.Enum):
    """The legal nature of the deposit (DEP-1, X-24).

    ``ADVANCE`` (订金, default): an advance payment credited to the bill; any excess is
    refunded, nothing is forfeited.  ``EARNEST`` (定金): forfeited when the customer
    cancels, returned double when the hotel cancels.
    """

    ADVANCE = "advance"
    EARNEST = "earnest"


class CancelledBy(enum.Enum):
    """Who cancelled a booking, for the settlement of its deposit (DEP-2)."""

    CUSTOMER = "customer"
    HOTEL = "hotel"


# ---------------------------------------------------------------------------
# private converters
# ---------------------------------------------------------------------------
def _text(value: object, field: str) -> str:
    return check_text(value, field)


def _date(value: object, field: str) -> _dt.date:
    return check_date(value, field)


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


def _money(value: object, field: str, *, positive: bool = False) -> Money:
    if type(value) is not Money:
        raise WrongType(field, value, "Money")
    if value.amount < ZERO or (positive and value.amount.is_zero()):
        raise InvalidInput(field, value, "must be positive" if positive else "must not be negative")
    return value


def _enum(value: object, cls: type[_E], field: str) -> _E:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if value in (member.value, member.name):
                return member
        known = ", ".join(str(member.value) for member in cls)
        raise UnknownEntity(field, value, f"expected one of {known}")
    raise WrongType(field, value, cls.__name__)


def _positive_money(value: object, field: str) -> Money:
    return _money(value, field, positive=True)


def _role(value: object, field: str) -> Role:
    if not isinstance(value, Role):
        raise WrongType(field, value, "a Role")
    return value


def _sequence(value: object, field: str) -> tuple[object, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a sequence")
    return tuple(value)


def _zero(currency: str) -> Money:
    return Money.zero(currency)


def _min(a: Money, b: Money) -> Money:
    return a if a <= b else b


def _clip(value: Money) -> Money:
    """``value`` if positive, else zero of its currency."""
    return value if value.amount > ZERO else _zero(value.currency)


def _ratio(part: Money, whole: Money) -> Rate | None:
    if whole.amount.is_zero():
        return None
    return Rate(_fraction(part.amount, whole.amount))


_RATE_QUANTUM: Final = Decimal("1E-20")  # a literal: exact whatever the context


def _fraction(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole`` to 20 decimal places (half-even, trailing zeros dropped)."""
    quotient = _CTX.divide(part, whole)
    if quotient.adjusted() >= 13:
        return quotient
    short = quotient.quantize(_RATE_QUANTUM, ROUND_HALF_EVEN, _CTX).normalize(_CTX)
    if short.as_tuple().exponent > 0:  # type: ignore[operator]
        short = short.quantize(Decimal(1), ROUND_HALF_EVEN, _CTX)
    return short


def _to_receivable_kind(value: object) -> ReceivableKind:
    return _enum(value, ReceivableKind, "kind")


def _to_arrears_cause(value: object) -> ArrearsCause:
    return _enum(value, ArrearsCause, "cause")


def _to_booking_kind(value: object) -> BookingKind:
    return _enum(value, BookingKind, "kind")


def _to_rate_or_none(value: object) -> Decimal | None:
    return _rate_or_none(value, "rate")


def _to_deposit_legal_type(value: object) -> DepositLegalType:
    return _enum(value, DepositLegalType, "deposit_legal_type")


def _to_collection_rate_base(value: object) -> CollectionRateBase:
    return _enum(value, CollectionRateBase, "collection_rate_base")


def _to_collection_rate_target_or_none(value: object) -> Decimal | None:
    return _optional_rate(value, "collection_rate_target")


def _to_chase_kind(value: object) -> ChaseKind:
    return _enum(value, ChaseKind, "kind")


# ---------------------------------------------------------------------------
# receivables, payments, credit notes
# ---------------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class Receivable:
    """An amount a customer owes: an invoice or a contract instalment (COLL-1, COLL-5).

    Args:
        id: the invoice or instalment number (unique among the receivables passed in).
        amount: the amount due, positive.
        due: the due date.
        customer: the customer owing it.
        salesperson: the salesperson who owns collecting it (COLL-1: required).
        kind: :attr:`ReceivableKind.INVOICE` (default) or ``INSTALMENT``.
        issued: the invoice or contract date, if known; ``due`` must not be before it.
            Receivables issued after an ``as_of`` date are left out of :func:`aging`.
        cause: the recorded arrears cause (COLL-5), default ``UNKNOWN``.

    Raises:
        InvalidInput: empty texts, a non-positive amount, a due date before ``issued``.

    >>> import datetime
    >>> from salesdomain import Money
    >>> Receivable("I-1", Money("5.00"), due=datetime.date(2026, 1, 1), customer="C",
    ...            salesperson="s1").kind
    <ReceivableKind.INVOICE: 'invoice'>
    >>> Receivable("I-1", Money("0.00"), due=datetime.date(2026, 1, 1), customer="C",
    ...            salesperson="s1")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: amount: must be positive, got Money('0.00', 'CNY')
    """

    id: str = attrs.field(metadata=check(_text))
    amount: Money = attrs.field(metadata=check(_positive_money))
    due: _dt.date = attrs.field(kw_only=True, metadata=check(_date))
    customer: str = attrs.field(kw_only=True, metadata=check(_text))
    salesperson: str = attrs.field(kw_only=True, metadata=check(_text))
    kind: ReceivableKind = attrs.field(
        kw_only=True,
        default=ReceivableKind.INVOICE,
        converter=_to_receivable_kind,
    )
    issued: _dt.date | None = attrs.field(
        kw_only=True, default=None, metadata=check(_optional_date)
    )
    cause: ArrearsCause = attrs.field(
        kw_only=True,
        default=ArrearsCause.UNKNOWN,
        converter=_to_arrears_cause,
    )

    def __attrs_post_init__(self) -> None:
        if self.issued is not None and self.due < self.issued:
            raise InvalidInput("due", self.due, f"must not be before issued {self.issued}")


@attrs.frozen(field_transformer=wire_checks)
class Payment:
    """Cash received against one receivable (COLL-2).

    >>> import datetime
    >>> from salesdomain import Money
    >>> Payment("P-1", Money("-1"), receivable="I-1", received=datetime.date(2026, 1, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: amount: must be positive, got Money('-1', 'CNY')
    """

    id: str = attrs.field(metadata=check(_text))
    amount: Money = attrs.field(metadata=check(_positive_money))
    receivable: str = attrs.field(kw_only=True, metadata=check(_text))
    received: _dt.date = attrs.field(kw_only=True, metadata=check(_date))


@attrs.frozen(field_transformer=wire_checks)
class CreditNote:
    """A reduction of what a receivable's customer owes (not cash: it lowers the amount due).

    >>> import datetime
    >>> from salesdomain import Money
    >>> CreditNote("CN-1", Money("10"), receivable="", issued=datetime.date(2026, 1, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: receivable: must not be empty, got ''
    """

    id: str = attrs.field(metadata=check(_text))
    amount: Money = attrs.field(metadata=check(_positive_money))
    receivable: str = attrs.field(kw_only=True, metadata=check(_text))
    issued: _dt.date = attrs.field(kw_only=True, metadata=check(_date))


@attrs.frozen
class _Book:
    """Receivables with their payments and credit notes, validated once."""

    currency: str
    receivables: tuple[Receivable, ...]
    payments: dict[str, list[Payment]]
    credits: dict[str, list[CreditNote]]


def _book(
    receivables: Iterable[Receivable],
    payments: Iterable[Payment],
    credit_notes: Iterable[CreditNote],
    currency: str | None,
) -> _Book:
    items = _sequence(receivables, "receivables")
    by_id: dict[str, Receivable] = {}
    code = None if currency is None else Money.zero(currency).currency
    for index, item in enumerate(items):
        if not isinstance(item, Receivable):
            raise WrongType(f"receivables[{index}]", item, "a Receivable")
        if item.id in by_id:
            raise InvalidInput(f"receivables[{index}].id", item.id, "duplicate receivable id")
        if code is None:
            code = item.amount.currency
        elif item.amount.currency != code:
            raise CurrencyMismatch(
                f"receivables[{index}].amount",
                item.amount.currency,
                f"all amounts must be in {code}",
            )
        by_id[item.id] = item
    currency_code = code or "CNY"
    paid: dict[str, list[Payment]] = {key: [] for key in by_id}
    credited: dict[str, list[CreditNote]] = {key: [] for key in by_id}
    for name, events, target, cls in (
        ("payments", payments, paid, Payment),
        ("credit_notes", credit_notes, credited, CreditNote),
    ):
        seen: set[str] = set()
        for index, event in enumerate(_sequence(events, name)):
            if not isinstance(event, cls):
                raise WrongType(f"{name}[{index}]", event, f"a {cls.__name__}")
            assert isinstance(event, (Payment, CreditNote))
            if event.id in seen:
                raise InvalidInput(f"{name}[{index}].id", event.id, "duplicate id")
            seen.add(event.id)
            if event.receivable not in by_id:
                raise UnknownEntity(
                    f"{name}[{index}].receivable", event.receivable, "no receivable with this id"
                )
            if event.amount.currency != currency_code:
                raise CurrencyMismatch(
                    f"{name}[{index}].amount",
                    event.amount.currency,
                    f"all amounts must be in {currency_code}",
                )
            target[event.receivable].append(event)  # type: ignore[arg-type]
    return _Book(currency_code, tuple(by_id.values()), paid, credited)


def _total(events: Iterable[Payment | CreditNote], currency: str) -> Money:
    total = _zero(currency)
    for event in events:
        total = total + event.amount
    return total


# ---------------------------------------------------------------------------
# policy
# ---------------------------------------------------------------------------
def _optional_day(value: object, field: str) -> int | None:
    return None if value is None else check_int(value, field)


@attrs.frozen(field_transformer=wire_checks)
class AgingBucket:
    """One aging bucket: days overdue from ``first_day`` to ``last_day`` (both included).

    ``None`` leaves an end open.  Days overdue are ``as_of - due`` in days, so a
    receivable not yet due (or due today) has zero or fewer days overdue.

    >>> AgingBucket("1-30", 1, 30)
    AgingBucket(label='1-30', first_day=1, last_day=30)
    >>> AgingBucket("odd", 30, 1)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: last_day: must not be before first_day 30, got 1
    """

    label: str = attrs.field(metadata=check(_text))
    first_day: int | None = attrs.field(metadata=check(_optional_day))
    last_day: int | None = attrs.field(metadata=check(_optional_day))

    def __attrs_post_init__(self) -> None:
        if (
            self.first_day is not None
            and self.last_day is not None
            and self.last_day < self.first_day
        ):
            raise InvalidInput(
                "last_day", self.last_day, f"must not be before first_day {self.first_day}"
            )

    def contains(self, days_overdue: int) -> bool:
        """Whether ``days_overdue`` falls in this bucket."""
        days_overdue = check_int(days_overdue, "days_overdue")
        return (self.first_day is None or days_overdue >= self.first_day) and (
            self.last_day is None or days_overdue <= self.last_day
        )


def buckets_from_thresholds(thresholds_days: Sequence[int]) -> tuple[AgingBucket, ...]:
    """Build contiguous aging buckets from day thresholds (RULES.md ``aging_thresholds_days``).

    ``(30, 60, 90)`` gives ``current`` (not yet overdue), ``1-30``, ``31-60``, ``61-90``
    and ``>90``.  The thresholds must be positive and strictly increasing.

    Args:
        thresholds_days: the last day of each overdue bucket but the open-ended last one.

    Returns:
        The buckets, in order, for :attr:`ReceivablesPolicy.aging_buckets`.

    Raises:
        PolicyError: an empty list, a threshold below 1, thresholds not increasing.

    >>> [b.label for b in buckets_from_thresholds((30, 60, 90))]
    ['current', '1-30', '31-60', '61-90', '>90']
    >>> buckets_from_thresholds((60, 30))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: aging_thresholds_days[1]: must be greater than 60, got 30
    """
    days = _sequence(thresholds_days, "aging_thresholds_days")
    if not days:
        raise PolicyError("aging_thresholds_days", thresholds_days, "give at least one threshold")
    buckets = [AgingBucket("current", None, 0)]
    previous = 0
    for index, raw in enumerate(days):
        day = check_int(raw, f"aging_thresholds_days[{index}]")
        if day <= previous:
            problem = "must be at least 1" if index == 0 else f"must be greater than {previous}"
            raise PolicyError(f"aging_thresholds_days[{index}]", raw, problem)
        buckets.append(AgingBucket(f"{previous + 1}-{day}", previous + 1, day))
        previous = day
    buckets.append(AgingBucket(f">{previous}", previous + 1, None))
    return tuple(buckets)


def _buckets(value: object) -> tuple[AgingBucket, ...]:
    items = _sequence(value, "aging_buckets")
    buckets: list[AgingBucket] = []
    for index, item in enumerate(items):
        if isinstance(item, AgingBucket):
            buckets.append(item)
        elif isinstance(item, (tuple, list)) and len(item) == 3:
            buckets.append(AgingBucket(item[0], item[1], item[2]))
        else:
            raise WrongType(
                f"aging_buckets[{index}]", item, "an AgingBucket or a (label, first, last) tuple"
            )
    return tuple(buckets)


def _check_buckets(buckets: tuple[AgingBucket, ...]) -> None:
    errors: list[tuple[str, str]] = []
    if not buckets:
        errors.append(("aging_buckets", "give at least one bucket (no seed default, X-7)"))
    else:
        if buckets[0].first_day is not None:
            errors.append(("aging_buckets[0].first_day", "the first bucket must be open below"))
        if buckets[-1].last_day is not None:
            errors.append(
                (
                    f"aging_buckets[{len(buckets) - 1}].last_day",
                    "the last bucket must be open above",
                )
            )
        labels: set[str] = set()
        for index, bucket in enumerate(buckets):
            if bucket.label in labels:
                errors.append((f"aging_buckets[{index}].label", f"duplicate {bucket.label!r}"))
            labels.add(bucket.label)
            if index == 0:
                continue
            before = buckets[index - 1]
            if before.last_day is None or bucket.first_day != before.last_day + 1:
                errors.append(
                    (
                        f"aging_buckets[{index}].first_day",
                        f"buckets must be contiguous: expected {_next_day(before)}, "
                        f"got {bucket.first_day}",
                    )
                )
    if errors:
        raise PolicyError.from_errors(errors)


def _next_day(bucket: AgingBucket) -> str:
    return (
        "no bucket after an open-ended one" if bucket.last_day is None else str(bucket.last_day + 1)
    )


def _day_count(value: object, field: str) -> int:
    days = check_int(value, field)
    if days < 0:
        raise PolicyError(field, value, "must be at least 0")
    return days


def _optional_rate(value: object, field: str) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, field)
    if number < ZERO:
        raise PolicyError(field, value, "must not be negative (a fraction: 0.95 is 95%)")
    return number


def _kinds(value: object) -> frozenset[BookingKind]:
    if isinstance(value, (set, frozenset)):
        items: Iterable[object] = value
    else:
        items = _sequence(value, "deposit_required_kinds")
    return frozenset(_enum(item, BookingKind, "deposit_required_kinds") for item in items)


def _rate_or_none(value: object, field: str) -> Decimal | None:
    return None if value is None else check_rate(value, field)


def _money_or_none(value: object, field: str) -> Money | None:
    return None if value is None else _money(value, field, positive=True)


@attrs.frozen(field_transformer=wire_checks)
class DepositRule:
    """How much deposit one booking kind needs (DEP-1, X-24): a rate of the estimate, or fixed.

    Args:
        kind: the booking kind.
        rate: a fraction of the booking's estimated total (``Decimal("0.3")`` = 30%).
        fixed: a fixed amount.  Exactly one of ``rate`` and ``fixed`` is given.

    >>> from decimal import Decimal
    >>> DepositRule(BookingKind.GROUP, rate=Decimal("0.3")).rate
    Decimal('0.3')
    >>> DepositRule(BookingKind.GROUP)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: rate: give exactly one of rate and fixed
    """

    kind: BookingKind = attrs.field(converter=_to_booking_kind)
    rate: Decimal | None = attrs.field(default=None, kw_only=True, converter=_to_rate_or_none)
    fixed: Money | None = attrs.field(default=None, kw_only=True, metadata=check(_money_or_none))

    def __attrs_post_init__(self) -> None:
        if (self.rate is None) == (self.fixed is None):
            raise PolicyError("rate", self.rate, "give exactly one of rate and fixed")


def _deposit_rules(value: object) -> tuple[DepositRule, ...]:
    items = _sequence(value, "deposit_rules")
    for index, item in enumerate(items):
        if not isinstance(item, DepositRule):
            raise WrongType(f"deposit_rules[{index}]", item, "a DepositRule")
    return items  # type: ignore[return-value]


def _optional_threshold(value: object) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, "important_booking_threshold")
    if number < ZERO:
        raise PolicyError("important_booking_threshold", value, "must not be negative")
    return number


_DEFAULT_KINDS: Final = frozenset({BookingKind.GROUP, BookingKind.MEETING})


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class DepositPolicy:
    """Deposit configuration for group, meeting and banquet bookings (DEP-1, DEP-2, DEP-4).

    The seed gives no amount and no due date (X-24), so ``deposit_rules`` and
    ``deposit_due_days`` are required.

    Args:
        deposit_rules: one :class:`DepositRule` per kind in ``deposit_required_kinds``
            (required).
        deposit_due_days: days before the event start the deposit is due (required).
        deposit_required_kinds: kinds that need a deposit (default GROUP and MEETING;
            the hotel profile adds BANQUET).
        deposit_legal_type: ``ADVANCE`` (订金, default) or ``EARNEST`` (定金).
        waive_for_credit_accounts: whether credit-account customers need no deposit
            (default False).
        rounding: rounding mode for rate-based deposits (default ROUND_HALF_UP, 四舍五入).
        important_booking_threshold: estimated total at or above which the manager
            negotiates (DEP-4, X-25); ``None`` (default): only the important flag counts.
        negotiator_manager: the manager role (default the hotel 销售部经理).
        negotiator_supervisor: the supervisor role (default the hotel 销售主任).

    Raises:
        PolicyError: a required kind without a rule, a rule for a kind that needs no
            deposit, two rules for one kind.

    >>> from decimal import Decimal
    >>> DepositPolicy(deposit_rules=(DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),),
    ...               deposit_due_days=7)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: deposit_rules: no rule for required kind 'meeting'
    """

    deposit_rules: tuple[DepositRule, ...] = attrs.field(converter=_deposit_rules)
    deposit_due_days: int = attrs.field(metadata=check(_day_count))
    deposit_required_kinds: frozenset[BookingKind] = attrs.field(
        default=_DEFAULT_KINDS, converter=_kinds
    )
    deposit_legal_type: DepositLegalType = attrs.field(
        default=DepositLegalType.ADVANCE,
        converter=_to_deposit_legal_type,
    )
    waive_for_credit_accounts: bool = attrs.field(default=False, metadata=check(_bool))
    rounding: str = attrs.field(default=ROUND_HALF_UP, converter=check_rounding)
    important_booking_threshold: Decimal | None = attrs.field(
        default=None, converter=_optional_threshold
    )
    negotiator_manager: Role = attrs.field(
        default=HOTEL_LADDER.get("sales_manager"),
        metadata=check(_role),
    )
    negotiator_supervisor: Role = attrs.field(
        default=HOTEL_LADDER.get("sales_supervisor"),
        metadata=check(_role),
    )
    _by_kind: Mapping[BookingKind, DepositRule] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        by_kind: dict[BookingKind, DepositRule] = {}
        for index, rule in enumerate(self.deposit_rules):
            if rule.kind in by_kind:
                errors.append((f"deposit_rules[{index}]", f"two rules for {rule.kind.value!r}"))
            elif rule.kind not in self.deposit_required_kinds:
                errors.append(
                    (
                        f"deposit_rules[{index}]",
                        f"{rule.kind.value!r} is not in deposit_required_kinds",
                    )
                )
            by_kind[rule.kind] = rule
        for kind in sorted(self.deposit_required_kinds, key=lambda k: k.value):
            if kind not in by_kind:
                errors.append(("deposit_rules", f"no rule for required kind {kind.value!r}"))
        if self.negotiator_supervisor.rank >= self.negotiator_manager.rank:
            errors.append(
                ("negotiator_supervisor", "must rank below negotiator_manager (DEP-4, X-25)")
            )
        if errors:
            if len(errors) == 1:
                raise PolicyError(errors[0][0], None, errors[0][1])
            raise PolicyError.from_errors(errors)
        object.__setattr__(self, "_by_kind", by_kind)

    def rule_for(self, kind: BookingKind) -> DepositRule | None:
        """The deposit rule of ``kind``, or ``None`` when that kind needs no deposit."""
        return self._by_kind.get(_enum(kind, BookingKind, "kind"))


def _deposit_policy(value: object) -> DepositPolicy | None:
    if value is None or isinstance(value, DepositPolicy):
        return value
    raise WrongType("deposits", value, "a DepositPolicy or None")


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class ReceivablesPolicy:
    """Collections configuration (RULES.md 23.6).

    The seed gives no aging thresholds and no age at which a receivable becomes
    呆帐 (X-7), so ``aging_buckets``, ``at_risk_after_days`` and ``doubtful_after_days``
    are required: the policy cannot be built without them.

    Args:
        aging_buckets: contiguous buckets covering every day count (RULES.md
            ``aging_thresholds_days``; build them with :func:`buckets_from_thresholds`).
            Required.
        at_risk_after_days: more than this many days overdue flags ``AT_RISK``. Required.
        doubtful_after_days: more than this many days overdue flags ``DOUBTFUL`` (a 呆帐
            candidate); must exceed ``at_risk_after_days``. Required.
        collection_rate_base: ``DUE`` (default, X-6) or ``SALES``.
        collection_rate_target: the 回款率 target as a fraction, or ``None`` (default).
        deposits: the :class:`DepositPolicy`, or ``None`` (default: no deposit rules).

    >>> policy = ReceivablesPolicy(aging_buckets=buckets_from_thresholds((30, 60, 90)),
    ...                            at_risk_after_days=90, doubtful_after_days=180)
    >>> policy.collection_rate_base
    <CollectionRateBase.DUE: 'due'>
    >>> ReceivablesPolicy(aging_buckets=(("current", None, 0), ("1-30", 2, None)),
    ...                   at_risk_after_days=90, doubtful_after_days=180)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: aging_buckets[1].first_day: buckets must be contiguous: expected 1, got 2
    """

    aging_buckets: tuple[AgingBucket, ...] = attrs.field(converter=_buckets)
    at_risk_after_days: int = attrs.field(metadata=check(_day_count))
    doubtful_after_days: int = attrs.field(metadata=check(_day_count))
    collection_rate_base: CollectionRateBase = attrs.field(
        default=CollectionRateBase.DUE,
        converter=_to_collection_rate_base,
    )
    collection_rate_target: Decimal | None = attrs.field(
        default=None, converter=_to_collection_rate_target_or_none
    )
    deposits: DepositPolicy | None = attrs.field(default=None, converter=_deposit_policy)

    def __attrs_post_init__(self) -> None:
        _check_buckets(self.aging_buckets)
        if self.doubtful_after_days <= self.at_risk_after_days:
            raise PolicyError(
                "doubtful_after_days",
                self.doubtful_after_days,
                f"must be greater than at_risk_after_days {self.at_risk_after_days}",
            )

    def bucket_of(self, days_overdue: int) -> AgingBucket:
        """The bucket containing ``days_overdue`` (the buckets cover every day count)."""
        days_overdue = check_int(days_overdue, "days_overdue")
        for bucket in self.aging_buckets:
            if bucket.contains(days_overdue):
                return bucket
        raise AssertionError("contiguous open-ended buckets cover every day count")

    def risk_of(self, days_overdue: int) -> BadDebtRisk:
        """The bad-debt risk level for ``days_overdue`` days overdue (COLL-5)."""
        days_overdue = check_int(days_overdue, "days_overdue")
        if days_overdue > self.doubtful_after_days:
            return BadDebtRisk.DOUBTFUL
        if days_overdue > self.at_risk_after_days:
            return BadDebtRisk.AT_RISK
        return BadDebtRisk.NONE


# ---------------------------------------------------------------------------
# COLL-2: collection rate
# ---------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class CollectionLine:
    """How one receivable entered the collection rate (the reconciliation, COLL-2).

    Attributes:
        receivable: the receivable id.
        salesperson: its owner.
        due_date: its due date.
        due: what it adds to the base (due in the period, or the period's sales).
        collected: the cash counted toward the rate (never more than what was owed).
        overpaid: cash received beyond what was owed: reported, not counted.
        paid_early: cash received in the period for a receivable due later (``DUE``
            base): reported, not counted.
    """

    receivable: str
    salesperson: str
    due_date: _dt.date
    due: Money
    collected: Money
    overpaid: Money
    paid_early: Money


@attrs.frozen(kw_only=True)
class CollectionRate:
    """The 回款率 of a period with the reconciliation of what was counted (COLL-2, X-6).

    ``received == collected + overpaid + paid_early`` always; with the ``DUE`` base
    ``collected <= due`` too, so the rate never exceeds 100%.
    """

    period: Period
    base: CollectionRateBase
    due: Money
    collected: Money
    overpaid: Money
    paid_early: Money
    received: Money
    rate: Rate | None
    target: Rate | None
    lines: tuple[CollectionLine, ...]
    reasons: tuple[Reason, ...]

    @property
    def target_met(self) -> bool | None:
        """Whether the rate reaches the target (``None`` without a target or a base)."""
        if self.target is None or self.rate is None:
            return None
        return self.rate.value >= self.target.value

    def by_salesperson(self) -> dict[str, tuple[Money, Money, Rate | None]]:
        """``(due, collected, rate)`` per salesperson, from the lines (COLL-1).

        >>> import datetime
        >>> from salesdomain import Money, Period
        >>> r = Receivable("I-1", Money("100"), due=datetime.date(2026, 3, 1),
        ...                customer="C", salesperson="s1")
        >>> collection_rate([r], [], Period.month(2026, 3)).by_salesperson()
        {'s1': (Money('100', 'CNY'), Money('0', 'CNY'), Rate('0'))}
        """
        totals: dict[str, tuple[Money, Money]] = {}
        for line in self.lines:
            due, collected = totals.get(line.salesperson, (_zero(self.due.currency),) * 2)
            totals[line.salesperson] = (due + line.due, collected + line.collected)
        return {
            person: (due, collected, _ratio(collected, due))
            for person, (due, collected) in totals.items()
        }

    def to_dict(self) -> dict[str, JSONValue]:
        """Plain JSON-ready data."""
        data = jsonable(self)
        assert isinstance(data, dict)
        return data


def collection_rate(
    receivables: Iterable[Receivable],
    payments: Iterable[Payment],
    period: Period,
    *,
    credit_notes: Iterable[CreditNote] = (),
    policy: ReceivablesPolicy | None = None,
    currency: str | None = None,
) -> CollectionRate:
    """回款率 of ``period``: collected ÷ due, with the reconciliation (COLL-2, X-6).

    With the ``DUE`` base (default), a receivable due on or before the period's end is
    owed, for the period, its amount less credit notes issued by the period's end and
    less payments received before the period; payments received in the period count up
    to that amount, the excess is reported as overpaid.  Payments in the period for
    receivables due later are reported as paid early and not counted.  So the rate never
    exceeds 100%, and nothing inflates it silently.

    With the ``SALES`` base (``policy.collection_rate_base``), the base is the amount
    (less credit notes) of receivables issued in the period, and every payment in the
    period counts up to its receivable's remaining balance; the rate may exceed 100%
    when arrears are caught up.

    Args:
        receivables: the receivables (ids unique, one currency).
        payments: payments against them; payments outside the period are used only for
            opening balances.
        period: the period measured.
        credit_notes: credit notes against them.
        policy: gives the base and the target; ``None``: ``DUE`` base, no target.
        currency: the currency of the amounts (default: that of the receivables,
            ``CNY`` when there are none).

    Returns:
        A :class:`CollectionRate` with totals, rate (``None`` when nothing was due),
        one line per receivable that was due or received cash, and reasons.

    Raises:
        InvalidInput: duplicate ids; ``SALES`` base with a receivable without ``issued``.
        UnknownEntity: a payment or credit note for an unknown receivable.
        CurrencyMismatch: amounts in more than one currency.

    >>> import datetime
    >>> from salesdomain import Money, Period
    >>> r = Receivable("I-1", Money("100"), due=datetime.date(2026, 3, 5), customer="C",
    ...                salesperson="s1")
    >>> p = Payment("P-1", Money("40"), receivable="I-1", received=datetime.date(2026, 3, 9))
    >>> str(collection_rate([r], [p], Period.month(2026, 3)).rate)
    '40%'
    >>> collection_rate([r], [p], "2026-03")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: period: expected a Period, got str '2026-03'
    """
    if not isinstance(period, Period):
        raise WrongType("period", period, "a Period")
    if policy is not None and not isinstance(policy, ReceivablesPolicy):
        raise WrongType("policy", policy, "a ReceivablesPolicy or None")
    book = _book(receivables, payments, credit_notes, currency)
    base = CollectionRateBase.DUE if policy is None else policy.collection_rate_base
    target = None
    if policy is not None and policy.collection_rate_target is not None:
        target = Rate(policy.collection_rate_target)
    zero = _zero(book.currency)
    lines: list[CollectionLine] = []
    reasons: list[Reason] = []
    for index, item in enumerate(book.receivables):
        if base is CollectionRateBase.SALES and item.issued is None:
            raise InvalidInput(
                f"receivables[{index}].issued", None, "the SALES base needs each issue date"
            )
        credits = _total(
            (c for c in book.credits[item.id] if c.issued <= period.end), book.currency
        )
        prior = _total(
            (p for p in book.payments[item.id] if p.received < period.start), book.currency
        )
        received = _total(
            (p for p in book.payments[item.id] if p.received in period), book.currency
        )
        owed = _clip(item.amount - credits - prior)
        if base is CollectionRateBase.DUE:
            in_base = item.due <= period.end
            due = owed if in_base else zero
            collected = _min(received, owed) if in_base else zero
            early = zero if in_base else received
        else:
            assert item.issued is not None
            due = _clip(item.amount - credits) if item.issued in period else zero
            collected = _min(received, owed)
            early = zero
        overpaid = received - collected - early
        if not (due or received):
            continue
        lines.append(
            CollectionLine(
                receivable=item.id,
                salesperson=item.salesperson,
                due_date=item.due,
                due=due,
                collected=collected,
                overpaid=overpaid,
                paid_early=early,
            )
        )
        if overpaid:
            reasons.append(
                Reason(
                    "COLL-2",
                    "collection_overpaid",
                    {"receivable": item.id, "overpaid": overpaid},
                )
            )
        if early:
            reasons.append(
                Reason(
                    "COLL-2",
                    "collection_paid_early",
                    {"receivable": item.id, "due_date": item.due, "amount": early},
                )
            )
    total_due = sum((line.due for line in lines), zero)
    total_collected = sum((line.collected for line in lines), zero)
    total_overpaid = sum((line.overpaid for line in lines), zero)
    total_early = sum((line.paid_early for line in lines), zero)
    rate = _ratio(total_collected, total_due)
    if rate is None:
        reasons.append(Reason("COLL-2", "collection_nothing_due", {"period": period}))
    elif target is not None:
        code = (
            "collection_rate_target_met"
            if rate.value >= target.value
            else "collection_rate_below_target"
        )
        reasons.append(Reason("COLL-2", code, {"rate": rate, "target": target}))
    return CollectionRate(
        period=period,
        base=base,
        due=total_due,
        collected=total_collected,
        overpaid=total_overpaid,
        paid_early=total_early,
        received=total_collected + total_overpaid + total_early,
        rate=rate,
        target=target,
        lines=tuple(lines),
        reasons=tuple(reasons),
    )


# ---------------------------------------------------------------------------
# COLL-3 / COLL-5: aging and bad-debt flags
# ---------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class AgingLine:
    """One open receivable as of the aging date (COLL-3)."""

    receivable: str
    customer: str
    salesperson: str
    due_date: _dt.date
    days_overdue: int
    open: Money
    bucket: str
    risk: BadDebtRisk
    cause: ArrearsCause

    @property
    def overdue(self) -> bool:
        """Whether the receivable is past its due date."""
        return self.days_overdue > 0


@attrs.frozen(kw_only=True)
class AgingReport:
    """Open receivables as of a date, by bucket, with bad-debt flags (COLL-3, COLL-5).

    The bucket totals partition ``open_total`` exactly (every open line is in exactly
    one bucket).  Receivables paid beyond their amount are listed in
    ``credit_balances``, not netted against other customers' debts.
    """

    as_of: _dt.date
    open_total: Money
    buckets: tuple[tuple[str, Money], ...]
    lines: tuple[AgingLine, ...]
    credit_balances: tuple[tuple[str, Money], ...]
    reasons: tuple[Reason, ...]

    def bucket_total(self, label: str) -> Money:
        """The open amount in the bucket ``label``; :class:`UnknownEntity` for an unknown one."""
        for name, total in self.buckets:
            if name == label:
                return total
        raise UnknownEntity("label", label, "not a bucket of this report")

    @property
    def flagged(self) -> tuple[AgingLine, ...]:
        """Overdue lines at risk, doubtful, or in arrears for an internal cause (COLL-5)."""
        return tuple(
            line
            for line in self.lines
            if line.risk is not BadDebtRisk.NONE
            or (line.overdue and line.cause is ArrearsCause.INTERNAL)
        )

    def overdue_by_salesperson(self) -> dict[str, tuple[AgingLine, ...]]:
        """Overdue lines per salesperson, most overdue first (COLL-1, COLL-3).

        >>> import datetime
        >>> from salesdomain import Money
        >>> policy = ReceivablesPolicy(aging_buckets=buckets_from_thresholds((30,)),
        ...                            at_risk_after_days=60, doubtful_after_days=120)
        >>> r = Receivable("I-1", Money("100"), due=datetime.date(2026, 3, 1), customer="C",
        ...                salesperson="s1")
        >>> report = aging([r], [], datetime.date(2026, 3, 11), policy)
        >>> [(k, [line.days_overdue for line in v]) for k, v in report.overdue_by_salesperson().items()]
        [('s1', [10])]
        """
        grouped: dict[str, list[AgingLine]] = {}
        for line in self.lines:
            if line.overdue:
                grouped.setdefault(line.salesperson, []).append(line)
        return {person: tuple(lines) for person, lines in sorted(grouped.items())}

    def to_dict(self) -> dict[str, JSONValue]:
        """Plain JSON-ready data."""
        data = jsonable(self)
        assert isinstance(data, dict)
        return data


def aging(
    receivables: Iterable[Receivable],
    payments: Iterable[Payment],
    as_of: _dt.date,
    policy: ReceivablesPolicy,
    *,
    credit_notes: Iterable[CreditNote] = (),
    currency: str | None = None,
) -> AgingReport:
    """Age the open receivables as of ``as_of`` and flag bad-debt risk (COLL-3, COLL-5).

    A receivable's open amount is its amount less payments received and credit notes
    issued on or before ``as_of``.  Receivables issued after ``as_of`` are left out
    (COLL-3).  Each open receivable goes into the policy bucket of its days overdue
    (``as_of - due``).  Overdue receivables are flagged ``AT_RISK`` or ``DOUBTFUL`` (呆帐
    candidate) by the policy's thresholds, and those whose recorded cause is
    ``INTERNAL`` (「人为的拖欠」) are flagged for the manager.

    Args:
        receivables: the receivables (ids unique, one currency).
        payments: payments against them.
        as_of: the aging date.
        policy: the buckets and risk thresholds.
        credit_notes: credit notes against them.
        currency: the currency (default: that of the receivables, ``CNY`` when none).

    Returns:
        An :class:`AgingReport`; lines are sorted most overdue first.

    Raises:
        InvalidInput, UnknownEntity, CurrencyMismatch: as for :func:`collection_rate`.
        WrongType: ``as_of`` is a datetime, ``policy`` is not a ReceivablesPolicy.

    >>> import datetime
    >>> from salesdomain import Money
    >>> policy = ReceivablesPolicy(aging_buckets=buckets_from_thresholds((30, 60, 90)),
    ...                            at_risk_after_days=90, doubtful_after_days=180)
    >>> r = Receivable("I-1", Money("500"), due=datetime.date(2025, 12, 1), customer="C",
    ...                salesperson="s1", cause="internal")
    >>> report = aging([r], [], datetime.date(2026, 3, 31), policy)
    >>> report.lines[0].bucket, report.lines[0].risk.value
    ('>90', 'at_risk')
    >>> [reason.code for reason in report.reasons]
    ['receivable_at_risk', 'arrears_internal_cause']
    >>> aging([r], [], datetime.datetime(2026, 3, 31), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 31, 0, 0)
    """
    day = check_date(as_of, "as_of")
    if not isinstance(policy, ReceivablesPolicy):
        raise WrongType("policy", policy, "a ReceivablesPolicy")
    book = _book(receivables, payments, credit_notes, currency)
    zero = _zero(book.currency)
    totals = {bucket.label: zero for bucket in policy.aging_buckets}
    lines: list[AgingLine] = []
    credit_balances: list[tuple[str, Money]] = []
    for item in book.receivables:
        if item.issued is not None and item.issued > day:
            continue
        paid = _total((p for p in book.payments[item.id] if p.received <= day), book.currency)
        credited = _total((c for c in book.credits[item.id] if c.issued <= day), book.currency)
        open_amount = item.amount - paid - credited
        if open_amount.amount < ZERO:
            credit_balances.append((item.id, -open_amount))
            continue
        if not open_amount:
            continue
        days_overdue = (day - item.due).days
        bucket = policy.bucket_of(days_overdue)
        totals[bucket.label] = totals[bucket.label] + open_amount
        lines.append(
            AgingLine(
                receivable=item.id,
                customer=item.customer,
                salesperson=item.salesperson,
                due_date=item.due,
                days_overdue=days_overdue,
                open=open_amount,
                bucket=bucket.label,
                risk=policy.risk_of(days_overdue),
                cause=item.cause,
            )
        )
    lines.sort(key=lambda line: (-line.days_overdue, line.receivable))
    reasons: list[Reason] = []
    for line in lines:
        params = {
            "receivable": line.receivable,
            "salesperson": line.salesperson,
            "days_overdue": line.days_overdue,
            "open": line.open,
        }
        if line.risk is BadDebtRisk.DOUBTFUL:
            reasons.append(Reason("COLL-5", "receivable_doubtful", params))
        elif line.risk is BadDebtRisk.AT_RISK:
            reasons.append(Reason("COLL-5", "receivable_at_risk", params))
        if line.overdue and line.cause is ArrearsCause.INTERNAL:
            reasons.append(Reason("COLL-5", "arrears_internal_cause", params))
    for receivable, amount in credit_balances:
        reasons.append(
            Reason(
                "COLL-3", "receivable_credit_balance", {"receivable": receivable, "amount": amount}
            )
        )
    return AgingReport(
        as_of=day,
        open_total=sum((line.open for line in lines), zero),
        buckets=tuple((bucket.label, totals[bucket.label]) for bucket in policy.aging_buckets),
        lines=tuple(lines),
        credit_balances=tuple(credit_balances),
        reasons=tuple(reasons),
    )


# ---------------------------------------------------------------------------
# COLL-4 / TARGET-10: the weekly chase list
# ---------------------------------------------------------------------------
def _rounded_money(value: object) -> Money:
    money = _money(value, "amount")
    if not money.is_rounded():
        raise InvalidInput("amount", value, "must be a whole number of the currency's minor unit")
    return money


@attrs.frozen(field_transformer=wire_checks)
class ChaseItem:
    """One thing to chase next week (COLL-4): a collection or an unsigned contract.

    Args:
        id: a unique id (invoice, instalment or contract number).
        kind: :attr:`ChaseKind.COLLECTION` or ``CONTRACT_SIGNATURE``.
        customer: the customer.
        amount: the amount to collect, or the contract's value; whole minor units.
        due: when it is due (collection) or should be signed (contract).

    >>> import datetime
    >>> from salesdomain import Money
    >>> ChaseItem("I-1", ChaseKind.COLLECTION, customer="C", amount=Money("10.005"),
    ...           due=datetime.date(2026, 3, 2))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: amount: must be a whole number of the currency's minor unit, got Money('10.005', 'CNY')
    """

    id: str = attrs.field(metadata=check(_text))
    kind: ChaseKind = attrs.field(converter=_to_chase_kind)
    customer: str = attrs.field(kw_only=True, metadata=check(_text))
    amount: Money = attrs.field(kw_only=True, converter=_rounded_money)
    due: _dt.date = attrs.field(kw_only=True, metadata=check(_date))


@attrs.frozen(kw_only=True)
class ChaseAssignment:
    """One person's part of one chase item (TARGET-10: 落实到人头)."""

    item: str
    kind: ChaseKind
    customer: str
    person: str
    amount: Money
    due: _dt.date
    overdue: bool


@attrs.frozen(kw_only=True)
class ChaseList(Decision):
    """Next week's chase list (COLL-4, TARGET-10).

    The verdict is ``ALLOWED`` when every item due in the week (or already overdue)
    has named people who are all known, so the list can be finalised; ``REJECTED``
    otherwise, with one reason per problem.  Each item's shares sum exactly to its
    amount.
    """

    week: Period
    assignments: tuple[ChaseAssignment, ...]
    unassigned: tuple[str, ...]
    deferred: tuple[str, ...]

    def by_person(self) -> dict[str, tuple[ChaseAssignment, ...]]:
        """Each person's assignments, in item order."""
        grouped: dict[str, list[ChaseAssignment]] = {}
        for assignment in self.assignments:
            grouped.setdefault(assignment.person, []).append(assignment)
        return {person: tuple(items) for person, items in sorted(grouped.items())}

    def totals_by_person(self, kind: ChaseKind = ChaseKind.COLLECTION) -> dict[str, Money]:
        """Each person's total amount of ``kind`` (default: collections)."""
        totals: dict[str, Money] = {}
        for assignment in self.assignments:
            if assignment.kind is kind:
                before = totals.get(assignment.person)
                totals[assignment.person] = (
                    assignment.amount if before is None else before + assignment.amount
                )
        return dict(sorted(totals.items()))


AssigneeSpec = str | Mapping[str, Decimal | int] | Sequence[tuple[str, Decimal | int]]
"""Who chases an item: one person id, or people with their weights (a shared item)."""


def _shares(item_id: str, spec: object) -> list[tuple[str, Decimal]]:
    field = f"assignments[{item_id!r}]"
    if isinstance(spec, str):
        return [(check_text(spec, field), ONE)]
    pairs: Iterable[object]
    if isinstance(spec, Mapping):
        pairs = spec.items()
    elif isinstance(spec, (tuple, list)):
        pairs = spec
    else:
        raise WrongType(field, spec, "a person id, or a mapping of person id to weight")
    shares: list[tuple[str, Decimal]] = []
    seen: set[str] = set()
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise WrongType(field, pair, "a (person id, weight) pair")
        person = check_text(pair[0], field)
        if person in seen:
            raise InvalidInput(field, person, "the same person is named twice")
        seen.add(person)
        weight = to_decimal(pair[1], f"{field}[{person!r}]")
        if weight < ZERO:
            raise InvalidInput(f"{field}[{person!r}]", pair[1], "must not be negative")
        shares.append((person, weight))
    if not shares:
        raise InvalidInput(field, spec, "name at least one person")
    if all(weight.is_zero() for _, weight in shares):
        raise InvalidInput(field, spec, "the weights must not all be zero")
    return shares


def chase_list(
    items: Iterable[ChaseItem],
    assignments: Mapping[str, AssigneeSpec],
    week: Period,
    *,
    people: Iterable[str] | None = None,
) -> ChaseList:
    """Assign next week's collections and contract chasing to named people (COLL-4, TARGET-10).

    Items due on or before ``week.end`` are on the list (those due before
    ``week.start`` are marked overdue); later items are listed as ``deferred``.  An
    item assigned to one person goes to that person whole; an item shared by several
    people is split exactly by their weights with the core ``allocate`` (largest
    remainder), so the shares always sum to the item's amount.

    Args:
        items: the chase items (ids unique).
        assignments: item id to a person id, or to ``{person: weight}`` (or a tuple of
            ``(person, weight)`` pairs) when the amount is shared.
        week: the week planned (usually next week).
        people: the known, active people; when given, anyone else is reported.

    Returns:
        A :class:`ChaseList` (``ALLOWED`` when it can be finalised).

    Raises:
        InvalidInput: duplicate item ids, negative or all-zero weights, a person named
            twice for one item.
        UnknownEntity: an assignment for an item that is not in ``items``.

    >>> import datetime
    >>> from salesdomain import Money, Period
    >>> week = Period(datetime.date(2026, 3, 9), datetime.date(2026, 3, 15))
    >>> item = ChaseItem("I-1", ChaseKind.COLLECTION, customer="C", amount=Money("100.00"),
    ...                  due=datetime.date(2026, 3, 10))
    >>> plan = chase_list([item], {"I-1": {"s1": 1, "s2": 1, "s3": 1}}, week)
    >>> plan.allowed, [a.amount.amount for a in plan.assignments]
    (True, [Decimal('33.34'), Decimal('33.33'), Decimal('33.33')])
    >>> chase_list([item], {}, week).reasons[0].code
    'chase_item_unassigned'
    >>> chase_list([item], {"I-9": "s1"}, week)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: assignments: no chase item with this id, got 'I-9'
    """
    if not isinstance(week, Period):
        raise WrongType("week", week, "a Period")
    if not isinstance(assignments, Mapping):
        raise WrongType("assignments", assignments, "a mapping of item id to person(s)")
    known = (
        None if people is None else {check_text(p, "people") for p in _sequence(people, "people")}
    )
    chosen: dict[str, ChaseItem] = {}
    for index, item in enumerate(_sequence(items, "items")):
        if not isinstance(item, ChaseItem):
            raise WrongType(f"items[{index}]", item, "a ChaseItem")
        if item.id in chosen:
            raise InvalidInput(f"items[{index}].id", item.id, "duplicate chase item id")
        chosen[item.id] = item
    for key in assignments:
        if key not in chosen:
            raise UnknownEntity("assignments", key, "no chase item with this id")
    result: list[ChaseAssignment] = []
    unassigned: list[str] = []
    deferred: list[str] = []
    reasons: list[Reason] = []
    unknown_people: set[str] = set()
    for item in chosen.values():
        if item.due > week.end:
            deferred.append(item.id)
            continue
        spec = assignments.get(item.id)
        if spec is None:
            unassigned.append(item.id)
            reasons.append(
                Reason(
                    "COLL-4",
                    "chase_item_unassigned",
                    {"item": item.id, "customer": item.customer, "due": item.due},
                )
            )
            continue
        shares = _shares(item.id, spec)
        parts = allocate(item.amount, [weight for _, weight in shares])
        for (person, _), part in zip(shares, parts, strict=True):
            if known is not None and person not in known and person not in unknown_people:
                unknown_people.add(person)
                reasons.append(
                    Reason("COLL-4", "chase_unknown_person", {"item": item.id, "person": person})
                )
            result.append(
                ChaseAssignment(
                    item=item.id,
                    kind=item.kind,
                    customer=item.customer,
                    person=person,
                    amount=part,
                    due=item.due,
                    overdue=item.due < week.start,
                )
            )
    if not reasons:
        reasons.append(
            Reason("TARGET-10", "chase_list_complete", {"week": week, "items": len(result)})
        )
    return ChaseList(
        Verdict.REJECTED if unassigned or unknown_people else Verdict.ALLOWED,
        reasons,
        week=week,
        assignments=tuple(result),
        unassigned=tuple(unassigned),
        deferred=tuple(deferred),
    )


# ---------------------------------------------------------------------------
# DEP-1 / DEP-2 / DEP-4: deposits for groups, meetings, banquets
# ---------------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class Booking:
    """A hotel group, meeting or banquet booking (DEP-1).

    Args:
        id: the booking id.
        kind: GROUP, MEETING or BANQUET.
        estimated_total: the estimated bill (the base of a rate deposit).
        event_start, event_end: the event's first and last day.
        booked_on: when the booking was made (not after ``event_start``).
        important: a VIP / important guest or group (重要客人 / 重要团体, DEP-4).
        credit_account: the customer has a credit account (a deposit may be waived).

    >>> import datetime
    >>> from salesdomain import Money
    >>> Booking("B-1", BookingKind.MEETING, estimated_total=Money("1000"),
    ...         event_start=datetime.date(2026, 5, 2), event_end=datetime.date(2026, 5, 1),
    ...         booked_on=datetime.date(2026, 4, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: event_end: must not be before event_start 2026-05-02, got datetime.date(2026, 5, 1)
    """

    id: str = attrs.field(metadata=check(_text))
    kind: BookingKind = attrs.field(converter=_to_booking_kind)
    estimated_total: Money = attrs.field(kw_only=True, metadata=check(_money))
    event_start: _dt.date = attrs.field(kw_only=True, metadata=check(_date))
    event_end: _dt.date = attrs.field(kw_only=True, metadata=check(_date))
    booked_on: _dt.date = attrs.field(kw_only=True, metadata=check(_date))
    important: bool = attrs.field(kw_only=True, default=False, metadata=check(_bool))
    credit_account: bool = attrs.field(kw_only=True, default=False, metadata=check(_bool))

    def __attrs_post_init__(self) -> None:
        if self.event_end < self.event_start:
            raise InvalidInput(
                "event_end", self.event_end, f"must not be before event_start {self.event_start}"
            )
        if self.booked_on > self.event_start:
            raise InvalidInput(
                "booked_on", self.booked_on, f"must not be after event_start {self.event_start}"
            )


@attrs.frozen(kw_only=True)
class DepositRequirement:
    """The deposit a booking needs and its due date (DEP-1).

    ``amount`` is zero and ``due`` is ``None`` when no deposit is needed.
    """

    booking: str
    amount: Money
    due: _dt.date | None
    legal_type: DepositLegalType
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, JSONValue]:
        """Plain JSON-ready data."""
        data = jsonable(self)
        assert isinstance(data, dict)
        return data


def _check_deposit_policy(policy: object) -> DepositPolicy:
    if not isinstance(policy, DepositPolicy):
        raise WrongType("policy", policy, "a DepositPolicy")
    return policy


def _check_booking(booking: object) -> Booking:
    if not isinstance(booking, Booking):
        raise WrongType("booking", booking, "a Booking")
    return booking


def required_deposit(booking: Booking, policy: DepositPolicy) -> DepositRequirement:
    """The deposit a booking needs, and when (DEP-1, X-24).

    A rate deposit is the rate times the estimated total, rounded to the currency's
    minor unit with the policy's rounding mode; a fixed deposit is the rule's amount
    (in the booking's currency).  The due date is ``deposit_due_days`` before the
    event's start, or the booking day when the booking comes later than that.

    Args:
        booking: the booking.
        policy: the deposit policy.

    Returns:
        A :class:`DepositRequirement`.

    Raises:
        CurrencyMismatch: a fixed deposit in another currency than the booking.

    >>> import datetime
    >>> from decimal import Decimal
    >>> from salesdomain import Money
    >>> policy = DepositPolicy(deposit_rules=(
    ...     DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),
    ...     DepositRule(BookingKind.MEETING, fixed=Money("5000"))), deposit_due_days=7)
    >>> b = Booking("B-1", BookingKind.GROUP, estimated_total=Money("12345.67"),
    ...             event_start=datetime.date(2026, 5, 10), event_end=datetime.date(2026, 5, 12),
    ...             booked_on=datetime.date(2026, 4, 1))
    >>> need = required_deposit(b, policy)
    >>> need.amount, need.due
    (Money('3703.70', 'CNY'), datetime.date(2026, 5, 3))
    >>> required_deposit(b, None)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: policy: expected a DepositPolicy, got NoneType None
    """
    item = _check_booking(booking)
    rules = _check_deposit_policy(policy)
    currency = item.estimated_total.currency
    legal = rules.deposit_legal_type
    rule = rules.rule_for(item.kind)
    if rule is None:
        reason = Reason("DEP-1", "deposit_not_required", {"booking": item.id, "kind": item.kind})
        return DepositRequirement(
            booking=item.id, amount=_zero(currency), due=None, legal_type=legal, reasons=(reason,)
        )
    if item.credit_account and rules.waive_for_credit_accounts:
        reason = Reason("DEP-1", "deposit_waived_credit_account", {"booking": item.id})
        return DepositRequirement(
            booking=item.id, amount=_zero(currency), due=None, legal_type=legal, reasons=(reason,)
        )
    if rule.rate is not None:
        amount = (item.estimated_total * rule.rate).rounded(rules.rounding)
    else:
        assert rule.fixed is not None
        if rule.fixed.currency != currency:
            raise CurrencyMismatch("fixed", rule.fixed.currency, f"the booking is in {currency}")
        amount = rule.fixed
    # Compared as day counts, so an event near the first date cannot overflow.
    late = (item.event_start - item.booked_on).days < rules.deposit_due_days
    due = item.booked_on if late else item.event_start - _dt.timedelta(days=rules.deposit_due_days)
    reasons = [
        Reason(
            "DEP-1",
            "deposit_required",
            {"booking": item.id, "amount": amount, "due": due, "legal_type": legal},
        )
    ]
    if late:
        reasons.append(Reason("DEP-1", "deposit_due_on_booking", {"booking": item.id, "due": due}))
    return DepositRequirement(
        booking=item.id, amount=amount, due=due, legal_type=legal, reasons=tuple(reasons)
    )


@attrs.frozen(kw_only=True)
class DepositCheck(Decision):
    """Whether a booking's deposit allows it to be confirmed (DEP-1).

    ``ALLOWED`` when the deposit received covers the required one (or none is needed);
    ``REJECTED`` (the booking cannot be confirmed yet) when it is short, with the
    shortfall, and whether it is already overdue.
    """

    required: Money
    received: Money
    short: Money
    due: _dt.date | None


def check_deposit(
    booking: Booking, received: Money, as_of: _dt.date, policy: DepositPolicy
) -> DepositCheck:
    """Check the deposit collected for a booking against what the policy requires (DEP-1).

    Args:
        booking: the booking.
        received: the deposit collected so far (non-negative, booking currency).
        as_of: the day of the check (a shortfall after the due date is overdue).
        policy: the deposit policy.

    Returns:
        A :class:`DepositCheck`.

    Raises:
        InvalidInput: a negative amount received.
        CurrencyMismatch: ``received`` in another currency than the booking.

    >>> import datetime
    >>> from decimal import Decimal
    >>> from salesdomain import Money
    >>> policy = DepositPolicy(deposit_rules=(
    ...     DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),
    ...     DepositRule(BookingKind.MEETING, rate=Decimal("0.5"))), deposit_due_days=7)
    >>> b = Booking("B-1", BookingKind.MEETING, estimated_total=Money("10000"),
    ...             event_start=datetime.date(2026, 5, 10), event_end=datetime.date(2026, 5, 10),
    ...             booked_on=datetime.date(2026, 4, 1))
    >>> check = check_deposit(b, Money("3000"), datetime.date(2026, 5, 4), policy)
    >>> check.verdict.value, check.short, [r.code for r in check.reasons]
    ('rejected', Money('2000.00', 'CNY'), ['deposit_overdue'])
    >>> check_deposit(b, Money("-1"), datetime.date(2026, 5, 4), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: received: must not be negative, got Money('-1', 'CNY')
    """
    item = _check_booking(booking)
    amount = _money(received, "received")
    day = check_date(as_of, "as_of")
    need = required_deposit(item, policy)
    if amount.currency != need.amount.currency:
        raise CurrencyMismatch(
            "received", amount.currency, f"the booking is in {need.amount.currency}"
        )
    short = _clip(need.amount - amount)
    if need.due is None:
        return DepositCheck(
            Verdict.ALLOWED,
            need.reasons,
            required=need.amount,
            received=amount,
            short=short,
            due=None,
        )
    params = {"booking": item.id, "required": need.amount, "received": amount}
    if not short:
        reason = Reason("DEP-1", "deposit_received", params)
        verdict = Verdict.ALLOWED
    else:
        code = "deposit_overdue" if day > need.due else "deposit_short"
        reason = Reason("DEP-1", code, {**params, "short": short, "due": need.due})
        verdict = Verdict.REJECTED
    return DepositCheck(
        verdict, (reason,), required=need.amount, received=amount, short=short, due=need.due
    )


@attrs.frozen(kw_only=True)
class DepositSettlement:
    """The settlement of a booking's deposit against its final bill (DEP-2).

    Always ``deposit + balance_due - refund == final_bill + forfeited - penalty``.
    ``forfeited`` and ``penalty`` are zero unless the deposit is a 定金 (``EARNEST``)
    and the booking was cancelled, so for an event held, and for any 订金
    (``ADVANCE``), ``deposit + balance_due - refund == final_bill``.

    Attributes:
        final_bill: the bill after the event (or the cancellation charges).
        deposit: the deposit held.
        applied: the part of the deposit credited to the bill.
        balance_due: what the customer still owes (becomes a receivable, COLL-10).
        refund: what the hotel pays back.
        forfeited: the part of a 定金 kept beyond the charges (customer cancelled).
        penalty: the extra 定金 the hotel pays on top of the return (hotel cancelled).
    """

    final_bill: Money
    deposit: Money
    applied: Money
    balance_due: Money
    refund: Money
    forfeited: Money
    penalty: Money
    legal_type: DepositLegalType
    cancelled_by: CancelledBy | None
    reasons: tuple[Reason, ...]

    @property
    def retained(self) -> Money:
        """What the hotel keeps, net: ``deposit + balance_due - refund``."""
        return self.deposit + self.balance_due - self.refund

    def to_dict(self) -> dict[str, JSONValue]:
        """Plain JSON-ready data."""
        data = jsonable(self)
        assert isinstance(data, dict)
        return data


def settle_deposit(
    final_bill: Money,
    deposit: Money,
    policy: DepositPolicy,
    *,
    cancelled_by: CancelledBy | None = None,
) -> DepositSettlement:
    """Settle a deposit against the final bill: a refund or a balance due (DEP-2, DEP-1, X-24).

    After the event (``cancelled_by=None``) the deposit is credited to the bill: the
    customer pays the balance, or the hotel refunds the excess.  The same holds for a
    cancelled booking whose deposit is a 订金 (``ADVANCE``, the default): it is an
    advance payment, credited against the cancellation charges (``final_bill``), the
    rest refunded, never forfeited.  Only when the policy says the deposit is a 定金
    (``EARNEST``): a customer who cancels loses it (the part beyond the charges is
    ``forfeited``; charges above it are still owed), and a hotel that cancels returns it
    double (``refund = 2 x deposit``, ``penalty = deposit``).

    Args:
        final_bill: the final bill, or the cancellation charges (non-negative); must be
            zero when the hotel cancelled.
        deposit: the deposit held (non-negative, same currency).
        policy: the deposit policy (its ``deposit_legal_type``).
        cancelled_by: who cancelled, or ``None`` when the event took place.

    Returns:
        A :class:`DepositSettlement`.

    Raises:
        InvalidInput: negative amounts; a bill on a booking the hotel cancelled.
        CurrencyMismatch: the two amounts are in different currencies.

    >>> from decimal import Decimal
    >>> from salesdomain import Money
    >>> policy = DepositPolicy(deposit_rules=(
    ...     DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),
    ...     DepositRule(BookingKind.MEETING, rate=Decimal("0.3"))), deposit_due_days=7)
    >>> s = settle_deposit(Money("8000"), Money("10000"), policy)
    >>> s.refund, s.balance_due, [r.code for r in s.reasons]
    (Money('2000', 'CNY'), Money('0', 'CNY'), ['settlement_refund_due'])
    >>> settle_deposit(Money("8000"), Money("100", "USD"), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.CurrencyMismatch: deposit: cannot combine CNY with USD, got 'USD'
    """
    bill = _money(final_bill, "final_bill")
    held = _money(deposit, "deposit")
    rules = _check_deposit_policy(policy)
    who = None if cancelled_by is None else _enum(cancelled_by, CancelledBy, "cancelled_by")
    if held.currency != bill.currency:
        raise CurrencyMismatch(
            "deposit", held.currency, f"cannot combine {bill.currency} with {held.currency}"
        )
    zero = _zero(bill.currency)
    legal = rules.deposit_legal_type
    if who is CancelledBy.HOTEL and bill:
        raise InvalidInput("final_bill", bill, "a booking the hotel cancelled has no bill")
    applied = _min(held, bill)
    balance_due = _clip(bill - held)
    refund = _clip(held - bill)
    forfeited = zero
    penalty = zero
    reasons: list[Reason] = []
    if who is not None and legal is DepositLegalType.EARNEST:
        if who is CancelledBy.CUSTOMER:
            forfeited, refund = refund, zero
            if forfeited:
                reasons.append(
                    Reason("DEP-1", "deposit_forfeited", {"deposit": held, "forfeited": forfeited})
                )
        else:
            penalty = held
            refund = held + held
            reasons.append(
                Reason("DEP-1", "deposit_returned_double", {"deposit": held, "refund": refund})
            )
    elif who is not None:
        reasons.append(Reason("DEP-1", "deposit_advance_refundable", {"deposit": held}))
    params = {"final_bill": bill, "deposit": held}
    if balance_due:
        reasons.append(
            Reason("DEP-2", "settlement_balance_due", {**params, "balance_due": balance_due})
        )
    elif refund and penalty.amount.is_zero():
        reasons.append(Reason("DEP-2", "settlement_refund_due", {**params, "refund": refund}))
    elif not refund and not forfeited:
        reasons.append(Reason("DEP-2", "settlement_even", params))
    return DepositSettlement(
        final_bill=bill,
        deposit=held,
        applied=applied,
        balance_due=balance_due,
        refund=refund,
        forfeited=forfeited,
        penalty=penalty,
        legal_type=legal,
        cancelled_by=who,
        reasons=tuple(reasons),
    )


@attrs.frozen(kw_only=True)
class NegotiatorDecision(Decision):
    """Who negotiates a booking (DEP-4, X-25): ``role`` plus the reason."""

    role: Role


def negotiator_role(booking: Booking, policy: DepositPolicy) -> NegotiatorDecision:
    """Who negotiates a group, meeting or banquet booking (DEP-4, reading X-25).

    The manager when the booking is important (VIP / 重要团体) or its estimated total is
    at or above ``important_booking_threshold``; otherwise the supervisor.

    Args:
        booking: the booking.
        policy: the deposit policy (threshold and the two roles).

    Returns:
        A :class:`NegotiatorDecision` (``ALLOWED``) naming the role.

    >>> import datetime
    >>> from decimal import Decimal
    >>> from salesdomain import Money
    >>> policy = DepositPolicy(deposit_rules=(
    ...     DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),
    ...     DepositRule(BookingKind.MEETING, rate=Decimal("0.3"))), deposit_due_days=7,
    ...     important_booking_threshold=Decimal("50000"))
    >>> b = Booking("B-1", "banquet", estimated_total=Money("60000"),
    ...             event_start=datetime.date(2026, 5, 10), event_end=datetime.date(2026, 5, 10),
    ...             booked_on=datetime.date(2026, 4, 1))
    >>> negotiator_role(b, policy).role.name_zh
    '销售部经理'
    >>> negotiator_role("B-1", policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: booking: expected a Booking, got str 'B-1'
    """
    item = _check_booking(booking)
    rules = _check_deposit_policy(policy)
    threshold = rules.important_booking_threshold
    if item.important:
        role = rules.negotiator_manager
        reason = Reason(
            "DEP-4", "negotiator_manager_important_booking", {"booking": item.id, "role": role}
        )
    elif threshold is not None and item.estimated_total.amount >= threshold:
        role = rules.negotiator_manager
        reason = Reason(
            "DEP-4",
            "negotiator_manager_above_threshold",
            {
                "booking": item.id,
                "estimated_total": item.estimated_total,
                "threshold": threshold,
                "role": role,
            },
        )
    else:
        role = rules.negotiator_supervisor
        reason = Reason("DEP-4", "negotiator_supervisor", {"booking": item.id, "role": role})
    return NegotiatorDecision(Verdict.ALLOWED, (reason,), role=role)
