"""Commission: what sales earn, from an approved plan (INC-1, INC-2, INC-5, COLL-1, COLL-2).

The seed gives no rates and no formula (RULES.md section 6, "seed gap"), so a
:class:`CommissionPlan` is data the company configures: a flat rate or tiered
brackets (:class:`TierMode` ``MARGINAL`` or ``WHOLE_AMOUNT``), an attainment
multiplier table, the basis (:class:`Basis` ``BOOKED`` or ``COLLECTED``), clawback on
refunds and write-offs, exclusion of deals sold below their floor (INC-5 with
PRICE-4), manager overrides and the rounding rule.  A plan pays only once approved
(INC-1): its approvals are :class:`~salesdomain.Approval` values checked with
:func:`~salesdomain.missing_approvals`; an unapproved plan gives a statement that
names the missing approval and carries no total.

Sales are values: :class:`Invoice` (booked, with its salespeople's credit shares),
:class:`Payment` (回款), :class:`CreditNote` (a refund or price reduction) and
:class:`WriteOff` (bad debt).  The statement's period selects the *earning* events;
invoices of any date are reference data, so a payment this month on last quarter's
invoice earns this month.  Events dated before the period are the invoice's history
(what was collected, refunded or written off before); events after it are ignored.
Both are counted.

The computation is in two steps so that it scales out (issue 10):
:func:`accumulate` streams any iterable of events into a :class:`CommissionBase`,
which holds only exact per-invoice sums (memory grows with the number of invoices,
not of events); bases of any partition of the events add up exactly with ``+``;
:func:`settle` applies the plan to a base.  :func:`compute_commission` is the two
together.  Everything non-linear (an invoice's amount capping what its payments earn,
brackets, multipliers, the split between salespeople, rounding) happens in
:func:`settle`, so a partitioned run settles to exactly the statement of a single run.

>>> import datetime
>>> from decimal import Decimal
>>> from salesdomain import Money, Period, Approval, REAL_ESTATE_LADDER
>>> director = REAL_ESTATE_LADDER.get("marketing_director")
>>> plan = CommissionPlan(
...     name="2026 incentive", drafted_by="m1", commission_basis=Basis.COLLECTED,
...     commission_rates=Decimal("0.20"),
...     approvals=(Approval(director, "d1", datetime.date(2026, 1, 2), subject="2026 incentive"),),
... )
>>> invoice = Invoice("INV-1", datetime.date(2026, 1, 10), Money("20000"), {"alice": 1})
>>> paid = Payment("INV-1", datetime.date(2026, 1, 20), Money("10000"), id="P-1")
>>> statement = compute_commission(plan, [invoice, paid], Period.month(2026, 1))
>>> statement.total, statement.carry_forward
(Money('2000.00', 'CNY'), Money('10000', 'CNY'))
>>> compute_commission(plan, [invoice, paid, paid], Period.month(2026, 1))
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: id: duplicate event ID in one computation, got 'P-1'
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
from collections.abc import Iterable, Iterator, Mapping
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Final, NamedTuple, TypeAlias

import attrs

from salesdomain.core import (
    REAL_ESTATE_LADDER,
    Approval,
    CurrencyMismatch,
    Decision,
    FloatNotAllowed,
    InvalidInput,
    Money,
    Period,
    PolicyError,
    Rate,
    Reason,
    Role,
    UnknownEntity,
    Verdict,
    WrongType,
    allocate,
    minor_unit,
    missing_approvals,
)
from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import (
    _CTX,
    ONE,
    ZERO,
    check_date,
    check_rate,
    check_rounding,
    check_text,
    to_decimal,
)

__all__ = [
    "REASON_CODES",
    "Basis",
    "Bracket",
    "CommissionBase",
    "CommissionLine",
    "CommissionPlan",
    "CommissionStatement",
    "CreditNote",
    "Event",
    "EventKind",
    "EventRecord",
    "Invoice",
    "InvoiceSums",
    "ManagerOverride",
    "Payment",
    "TierMode",
    "WriteOff",
    "accumulate",
    "compute_commission",
    "settle",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        # INC-1: the plan's approval and validity
        "incentive_plan_not_approved",
        "incentive_plan_not_in_force",
        # core route reasons for approvals that did not count (SOD-1..4)
        "self_approval",
        "stale_subject",
        "same_person_twice",
        "outside_role_not_on_route",
        "not_needed",
        "role_too_low",
        "cannot_stand_in_for_outside",
        # INC-5: the settlement
        "commission_settled",
        "commission_clawback",
        "clawback_waived",
        "below_floor_deal_excluded",
        "below_floor_deal_included",
        "events_outside_period",
        "attainment_multiplier_applied",
        "manager_override",
        "invoice_booked",
        "credit_note_reduces_base",
        "write_off_reduces_base",
        "payment_not_earning_on_booked_basis",
        # COLL-1: collections
        "overpayment_earns_no_commission",
        "payments_still_expected",
        "payment_collected",
        "write_off_closes_balance",
    }
)
"""Every reason code this module can emit (statement reasons and line reasons)."""

_MAX_DISPLAY_PLACES: Final = Decimal("1E-12")


# -- enums ------------------------------------------------------------------------


class Basis(enum.Enum):
    """What earns commission (INC-5; RULES.md's ``CONTRACTED`` is our ``BOOKED``).

    ``BOOKED``: an invoice earns its amount in the period of its date; credit notes
    and write-offs reduce the base in their own period.  ``COLLECTED``: only cash
    collected earns (COLL-1: whoever sells also collects), in proportion to each
    partial payment, up to the invoice's amount net of credit notes.
    """

    BOOKED = "booked"
    COLLECTED = "collected"


class TierMode(enum.Enum):
    """How brackets apply to a base.

    ``MARGINAL``: each slice of the base at its own bracket's rate.
    ``WHOLE_AMOUNT``: the whole base at the rate of the bracket it reaches.
    """

    MARGINAL = "marginal"
    WHOLE_AMOUNT = "whole_amount"


class EventKind(enum.Enum):
    """The kind of a sales event, as shown on statement lines."""

    INVOICE = "invoice"
    PAYMENT = "payment"
    CREDIT_NOTE = "credit_note"
    WRITE_OFF = "write_off"


_PAYMENT: Final = 0
_CREDIT: Final = 1
_WRITE_OFF: Final = 2
_KINDS: Final = (EventKind.PAYMENT, EventKind.CREDIT_NOTE, EventKind.WRITE_OFF)


# -- events -----------------------------------------------------------------------


def _amount(value: object) -> Money:
    if type(value) is not Money:
        raise WrongType("amount", value, "Money (an amount with its currency)")
    if value.amount <= ZERO:
        raise InvalidInput("amount", value, "must be positive")
    return value


def _invoice_ref(value: object) -> str:
    if isinstance(value, Invoice):
        return value.number
    return check_text(value, "invoice")


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _shares(value: object) -> tuple[tuple[str, Decimal], ...]:
    if isinstance(value, str):
        return ((check_text(value, "shares"), ONE),)
    if not isinstance(value, Mapping):
        raise WrongType("shares", value, "a mapping of salesperson to a Decimal share")
    pairs: dict[str, Decimal] = {}
    total = ZERO
    for name, share in value.items():
        person = check_text(name, "shares")
        number = to_decimal(share, f"shares[{person!r}]")
        if number <= ZERO or number > ONE:
            raise InvalidInput(
                f"shares[{person!r}]", share, "a share must be above 0 and at most 1"
            )
        if person in pairs:
            raise InvalidInput("shares", name, "the same salesperson is named twice")
        pairs[person] = number
        total = _CTX.add(total, number)
    if not pairs:
        raise InvalidInput("shares", value, "must name at least one salesperson")
    if total != ONE:
        raise InvalidInput("shares", value, f"must sum exactly to 1 (they sum to {total})")
    return tuple(sorted(pairs.items()))


def _decision(value: object) -> Decision | None:
    if value is None or isinstance(value, Decision):
        return value
    raise WrongType("price_decision", value, "a Decision (the deal's price check) or None")


def _approval_tuple(value: object, field: str) -> tuple[Approval, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a sequence of Approval")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, Approval):
            raise WrongType(f"{field}[{index}]", item, "an Approval")
    return items


def _price_approvals(value: object) -> tuple[Approval, ...]:
    return _approval_tuple(value, "price_approvals")


@attrs.frozen(field_transformer=wire_checks)
class Invoice:
    """A booked sale: the reference record its payments, credit notes and write-offs name.

    Args:
        number: the invoice number; it is the invoice's ID (unique in one computation).
        date: the booking date (on the ``BOOKED`` basis the invoice earns in the
            period of this date).
        amount: the invoiced amount, positive.
        shares: each salesperson's credit share, as Decimal fractions above 0 that sum
            *exactly* to 1 (``{"alice": Decimal("0.6"), "bob": Decimal("0.4")}``);
            a single name means a share of 1.
        customer: optional customer id (for the caller's reports).
        price_decision: the deal's price check (a PRICE-4 ``Decision`` from pricing),
            passed in as data for INC-5; ``None`` when there is none.
        price_approvals: the approvals given for a below-floor override, checked
            against ``price_decision.approvers``.

    Raises:
        InvalidInput: empty number, a non-positive amount, shares that do not sum to 1.
        WrongType: a datetime for the date, an amount that is not ``Money``.

    >>> import datetime
    >>> from decimal import Decimal
    >>> from salesdomain import Money
    >>> Invoice("INV-1", datetime.date(2026, 1, 5), Money("1000"), {"alice": Decimal("0.5"), "bob": Decimal("0.5")}).shares
    (('alice', Decimal('0.5')), ('bob', Decimal('0.5')))
    >>> Invoice("INV-1", datetime.date(2026, 1, 5), Money("1000"), {"alice": Decimal("0.5"), "bob": Decimal("0.4")})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: shares: must sum exactly to 1 (they sum to 0.9), got {'alice': Decimal('0.5'), 'bob': Decimal('0.4')}
    """

    number: str = attrs.field(metadata=check(check_text))
    date: _dt.date = attrs.field(metadata=check(check_date))
    amount: Money = attrs.field(converter=_amount)
    shares: tuple[tuple[str, Decimal], ...] = attrs.field(converter=_shares)
    customer: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))
    price_decision: Decision | None = attrs.field(default=None, kw_only=True, converter=_decision)
    price_approvals: tuple[Approval, ...] = attrs.field(
        default=(),
        kw_only=True,
        converter=_price_approvals,
    )

    @property
    def id(self) -> str:
        """The invoice's ID: its number."""
        return self.number

    @property
    def salespeople(self) -> tuple[str, ...]:
        """The salespeople credited, in name order."""
        return tuple(name for name, _ in self.shares)

    @property
    def below_floor_without_override(self) -> bool:
        """Whether the deal was sold below its floor without the override approval (INC-5).

        True when ``price_decision`` cites PRICE-4 and is ``REJECTED``, or is
        ``NEEDS_APPROVAL`` and ``price_approvals`` do not complete its route (an
        approval by one of the invoice's own salespeople never counts, SOD-1).
        """
        decision = self.price_decision
        if decision is None or decision.verdict is Verdict.ALLOWED:
            return False
        if not any(reason.rule == "PRICE-4" for reason in decision.reasons):
            return False
        if decision.verdict is Verdict.REJECTED or not decision.approvers:
            return True
        sellers = set(self.salespeople)
        given = [a for a in self.price_approvals if a.by not in sellers]
        return not missing_approvals(decision.approvers, given, self.shares[0][0]).complete


@attrs.frozen(field_transformer=wire_checks)
class Payment:
    """Cash received against an invoice (回款, COLL-1).

    Args:
        invoice: the invoice number (or the :class:`Invoice` itself).
        date: the day the cash was received.
        amount: the amount received, positive.
        id: the payment's ID, unique among the earning events of one computation.

    >>> import datetime
    >>> from salesdomain import Money
    >>> Payment("INV-1", datetime.date(2026, 1, 20), Money("500"), id="P-1").invoice
    'INV-1'
    >>> Payment("INV-1", datetime.date(2026, 1, 20), Money("-5"), id="P-2")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: amount: must be positive, got Money('-5', 'CNY')
    """

    invoice: str = attrs.field(converter=_invoice_ref)
    date: _dt.date = attrs.field(metadata=check(check_date))
    amount: Money = attrs.field(converter=_amount)
    id: str = attrs.field(kw_only=True, metadata=check(check_text))


@attrs.frozen(field_transformer=wire_checks)
class CreditNote:
    """A refund or price reduction on an invoice: it lowers the invoice's net amount.

    On the ``BOOKED`` basis it reduces the base in its own period; on the
    ``COLLECTED`` basis it claws back commission earned earlier on cash that is now
    refunded (INC-5).  Same fields as :class:`Payment`.

    >>> import datetime
    >>> from salesdomain import Money
    >>> CreditNote("INV-1", datetime.date(2026, 2, 3), Money("200"), id="CN-1").amount
    Money('200', 'CNY')
    >>> CreditNote("INV-1", datetime.date(2026, 2, 3), Money("200"), id=" ")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: id: must not be empty, got ' '
    """

    invoice: str = attrs.field(converter=_invoice_ref)
    date: _dt.date = attrs.field(metadata=check(check_date))
    amount: Money = attrs.field(converter=_amount)
    id: str = attrs.field(kw_only=True, metadata=check(check_text))


@attrs.frozen(field_transformer=wire_checks)
class WriteOff:
    """Bad debt written off on an invoice (COLL-5): the customer will not pay it.

    On the ``BOOKED`` basis it claws back the commission booked on it; on the
    ``COLLECTED`` basis nothing was earned on unpaid cash, so it only closes the
    carry-forward.  Same fields as :class:`Payment`.

    >>> import datetime
    >>> from salesdomain import Money
    >>> WriteOff("INV-1", datetime.date(2026, 6, 30), Money("300"), id="W-1").invoice
    'INV-1'
    >>> WriteOff("INV-1", datetime.datetime(2026, 6, 30), Money("300"), id="W-1")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: date: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 6, 30, 0, 0)
    """

    invoice: str = attrs.field(converter=_invoice_ref)
    date: _dt.date = attrs.field(metadata=check(check_date))
    amount: Money = attrs.field(converter=_amount)
    id: str = attrs.field(kw_only=True, metadata=check(check_text))


Event: TypeAlias = Invoice | Payment | CreditNote | WriteOff
"""Any sales event :func:`accumulate` reads."""


# -- the plan ---------------------------------------------------------------------


def _bracket_lower(value: object) -> Decimal:
    number = to_decimal(value, "lower")
    if number < ZERO:
        raise InvalidInput("lower", value, "must not be negative")
    return number


def _bracket_upper(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "upper")


def _bracket_rate(value: object) -> Decimal:
    return check_rate(value, "rate")


def _upper_above_lower(
    instance: Bracket, attribute: attrs.Attribute[Decimal | None], value: Decimal | None
) -> None:
    if value is not None and value <= instance.lower:
        raise InvalidInput("upper", value, f"must be above the lower bound {instance.lower}")


@attrs.frozen
class Bracket:
    """One commission bracket: bases from ``lower`` (inclusive) up to ``upper`` (exclusive).

    A base exactly on a boundary belongs to the upper bracket: with brackets
    0-10,000 and 10,000-50,000, a base of 10,000 reaches the second one.

    Args:
        lower: the inclusive lower bound, in the plan's currency, at least 0.
        upper: the exclusive upper bound, above ``lower``; ``None`` for the open top.
        rate: the rate as a fraction (``Decimal("0.04")`` is 4%), between 0 and 1.

    >>> Bracket(0, 10000, rate=Decimal("0.02"))
    Bracket(lower=Decimal('0'), upper=Decimal('10000'), rate=Decimal('0.02'))
    >>> Bracket(10000, 10000, rate=Decimal("0.02"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: upper: must be above the lower bound 10000, got Decimal('10000')
    """

    lower: Decimal = attrs.field(converter=_bracket_lower)
    upper: Decimal | None = attrs.field(converter=_bracket_upper, validator=_upper_above_lower)
    rate: Decimal = attrs.field(kw_only=True, converter=_bracket_rate)


def _override_rate(value: object) -> Decimal:
    return check_rate(value, "rate")


def _team(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("team", value, "a sequence of salesperson ids")
    members = tuple(check_text(member, "team") for member in value)
    if not members:
        raise InvalidInput("team", value, "must name at least one salesperson")
    if len(set(members)) != len(members):
        raise InvalidInput("team", value, "names a salesperson twice")
    return members


def _manager_not_in_team(
    instance: ManagerOverride, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if instance.manager in value:
        raise InvalidInput("team", value, f"must not include the manager {instance.manager!r}")


@attrs.frozen(field_transformer=wire_checks)
class ManagerOverride:
    """A manager's override: ``rate`` times the commission base of the team.

    The team's base is the sum of its members' bases for the period (after
    exclusions and clawbacks), not their commission.

    >>> ManagerOverride("m1", Decimal("0.01"), team=("alice", "bob")).team
    ('alice', 'bob')
    >>> ManagerOverride("m1", Decimal("0.01"), team=("m1",))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: team: must not include the manager 'm1', got ('m1',)
    """

    manager: str = attrs.field(metadata=check(check_text))
    rate: Decimal = attrs.field(converter=_override_rate)
    team: tuple[str, ...] = attrs.field(
        kw_only=True, converter=_team, validator=_manager_not_in_team
    )


def _policy_error(path: str, error: InvalidInput | WrongType) -> InvalidInput | WrongType:
    """Re-raise a field's error under the policy's key path.

    Bad values become :class:`PolicyError`; wrong types stay type errors (a float
    rate is still :class:`~salesdomain.FloatNotAllowed`, a ``TypeError``).
    """
    if isinstance(error, FloatNotAllowed):
        return FloatNotAllowed(path, error.value, error.expected)
    if isinstance(error, WrongType):
        return WrongType(path, error.value, error.expected)
    return PolicyError(path, error.value, error.problem)


def _policy_text(value: object, field: str) -> str:
    try:
        return check_text(value, field)
    except (InvalidInput, WrongType) as error:
        raise _policy_error(field, error) from None


def _basis(value: object) -> Basis:
    if isinstance(value, Basis):
        return value
    try:
        return Basis(value)
    except ValueError:
        raise PolicyError(
            "commission_basis", value, "expected Basis.BOOKED or Basis.COLLECTED"
        ) from None


def _tier_mode(value: object) -> TierMode:
    if isinstance(value, TierMode):
        return value
    try:
        return TierMode(value)
    except ValueError:
        raise PolicyError(
            "tier_mode", value, "expected TierMode.MARGINAL or TierMode.WHOLE_AMOUNT"
        ) from None


def _rates(value: object) -> tuple[Bracket, ...]:
    if type(value) in (Decimal, int, str) or isinstance(value, float):
        try:
            return (Bracket(0, None, rate=value),)
        except (InvalidInput, WrongType) as error:
            raise _policy_error("commission_rates", error) from None
    if isinstance(value, bytes) or not isinstance(value, Iterable):
        raise PolicyError(
            "commission_rates",
            value,
            "expected a rate or a sequence of Bracket (lower, upper, rate)",
        )
    brackets: list[Bracket] = []
    for index, item in enumerate(value):
        path = f"commission_rates[{index}]"
        if isinstance(item, Bracket):
            brackets.append(item)
            continue
        if not (isinstance(item, (tuple, list)) and len(item) == 3):
            raise PolicyError(path, item, "expected a Bracket or a (lower, upper, rate) triple")
        try:
            brackets.append(Bracket(item[0], item[1], rate=item[2]))
        except (InvalidInput, WrongType) as error:
            raise _policy_error(f"{path}.{error.field}", error) from None
    if not brackets:
        raise PolicyError("commission_rates", value, "needs at least one bracket")
    if brackets[0].lower != ZERO:
        raise PolicyError(
            "commission_rates[0].lower", brackets[0].lower, "the first bracket must start at 0"
        )
    for index, (low, high) in enumerate(itertools.pairwise(brackets)):
        if low.upper is None or low.upper != high.lower:
            raise PolicyError(
                f"commission_rates[{index + 1}].lower",
                high.lower,
                f"brackets must be contiguous and increasing: the previous one ends at {low.upper}",
            )
    if brackets[-1].upper is not None:
        raise PolicyError(
            f"commission_rates[{len(brackets) - 1}].upper",
            brackets[-1].upper,
            "the last bracket must be open-ended (upper=None)",
        )
    return tuple(brackets)


def _multipliers(value: object) -> tuple[tuple[Decimal, Decimal], ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PolicyError(
            "attainment_multipliers", value, "expected a sequence of (attainment, factor) pairs"
        )
    rows: list[tuple[Decimal, Decimal]] = []
    for index, item in enumerate(value):
        path = f"attainment_multipliers[{index}]"
        if not (isinstance(item, (tuple, list)) and len(item) == 2):
            raise PolicyError(path, item, "expected an (attainment, factor) pair")
        try:
            threshold = to_decimal(item[0], path)
            factor = to_decimal(item[1], path)
        except (InvalidInput, WrongType) as error:
            raise _policy_error(path, error) from None
        if threshold < ZERO or factor < ZERO:
            raise PolicyError(path, item, "attainment and factor must not be negative")
        if rows and threshold <= rows[-1][0]:
            raise PolicyError(path, item, "attainment thresholds must increase")
        rows.append((threshold, factor))
    if rows and rows[0][0] != ZERO:
        raise PolicyError(
            "attainment_multipliers[0]", value, "the first row must start at attainment 0"
        )
    return tuple(rows)


def _overrides(value: object) -> tuple[ManagerOverride, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PolicyError("manager_overrides", value, "expected a sequence of ManagerOverride")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, ManagerOverride):
            raise PolicyError(f"manager_overrides[{index}]", item, "expected a ManagerOverride")
    return items


def _approvers(value: object) -> tuple[Role, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PolicyError("incentive_plan_approvers", value, "expected a sequence of Role")
    roles = tuple(value)
    for index, role in enumerate(roles):
        path = f"incentive_plan_approvers[{index}]"
        if not isinstance(role, Role):
            raise PolicyError(path, role, "expected a Role")
        if role.outside:
            raise PolicyError(
                path, role, "an outside signatory joins through requires_principal_approval"
            )
    if len(set(roles)) != len(roles):
        raise PolicyError("incentive_plan_approvers", roles, "names the same role twice")
    return roles


def _flag(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise PolicyError(field, value, "expected True or False")
    return value


def _plan_approvals(value: object) -> tuple[Approval, ...]:
    try:
        return _approval_tuple(value, "approvals")
    except (InvalidInput, WrongType) as error:
        raise _policy_error(error.field, error) from None


def _effective(value: object) -> Period | None:
    if value is None or isinstance(value, Period):
        return value
    raise PolicyError("effective", value, "expected a Period or None")


def _currency(value: object) -> str:
    try:
        minor_unit(value)  # type: ignore[arg-type]
    except (InvalidInput, WrongType) as error:
        raise _policy_error("currency", error) from None
    return Money.zero(value).currency  # type: ignore[arg-type]


def _rounding_rule(value: object) -> str:
    try:
        return check_rounding(value, "rounding_rule")
    except (InvalidInput, WrongType) as error:
        raise _policy_error("rounding_rule", error) from None


_DEFAULT_APPROVERS: Final = (REAL_ESTATE_LADDER.get("marketing_director"),)


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class CommissionPlan:
    """A commission plan: the policy of this module (INC-1, INC-5; RULES.md section 23.8).

    Fields follow the parameter names of RULES.md section 23.8.  The seed gives no
    rates and no basis, so ``commission_basis`` and ``commission_rates`` are
    required.

    Args:
        name: the plan's name; approvals must name it as their ``subject`` (SOD-4).
        drafted_by: who drafted the plan (INC-1: the manager); their own approval
            never counts (SOD-1).
        commission_basis: :class:`Basis` ``BOOKED`` or ``COLLECTED`` (required).
        commission_rates: a flat rate (a Decimal fraction) or brackets
            (:class:`Bracket` or ``(lower, upper, rate)`` triples) that start at 0,
            are contiguous and increasing (each ``upper`` is the next ``lower``), the
            last open-ended.  Lower bounds inclusive, upper bounds exclusive.
        tier_mode: :class:`TierMode` (default ``MARGINAL``).
        attainment_multipliers: ``(attainment, factor)`` rows, attainment as a
            fraction of target (``Decimal("0.8")`` = 80%), from 0 upwards,
            increasing; a salesperson whose base reaches ``attainment`` x target has
            commission times ``factor`` (lower bound inclusive).  Empty: none.
        clawback: whether refunds and write-offs take back commission earned in
            earlier periods (default True).  False: they reduce nothing already earned.
        manager_overrides: :class:`ManagerOverride` values.
        exclude_below_floor_deals: deals sold below their floor without the override
            approval earn nothing (default True, INC-5 with PRICE-4); False: they earn
            and are flagged.
        incentive_plan_approvers: the roles that must approve the plan, in order
            (default the 营销总监, X-8); empty for a company whose plans need no
            sign-off.
        requires_principal_approval: the developer's 甲方负责人 must approve too
            (default False; X-8).
        approvals: the approvals given (:class:`~salesdomain.Approval` with
            ``subject=name``).
        effective: the period the plan is valid for (``None``: any period).
        currency: the plan's currency; bracket bounds and targets are in it.
        rounding_rule: the rounding mode of the single final rounding (default
            ``ROUND_HALF_UP``, 四舍五入).

    Raises:
        PolicyError: an inconsistent or malformed field, named in the message.

    >>> from decimal import Decimal
    >>> plan = CommissionPlan(
    ...     name="q1", drafted_by="m1", commission_basis=Basis.BOOKED,
    ...     commission_rates=[(0, 10000, Decimal("0.02")), (10000, None, Decimal("0.04"))],
    ... )
    >>> plan.is_monotonic, [role.code for role in plan.approvals_required]
    (True, ['marketing_director'])
    >>> CommissionPlan(
    ...     name="q1", drafted_by="m1", commission_basis=Basis.BOOKED,
    ...     commission_rates=[(0, 10000, Decimal("0.02")), (20000, None, Decimal("0.04"))],
    ... )
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: commission_rates[1].lower: brackets must be contiguous and increasing: the previous one ends at 10000, got Decimal('20000')
    """

    name: str = attrs.field(metadata=check(_policy_text))
    drafted_by: str = attrs.field(metadata=check(_policy_text))
    commission_basis: Basis = attrs.field(converter=_basis)
    commission_rates: tuple[Bracket, ...] = attrs.field(converter=_rates)
    tier_mode: TierMode = attrs.field(default=TierMode.MARGINAL, converter=_tier_mode)
    attainment_multipliers: tuple[tuple[Decimal, Decimal], ...] = attrs.field(
        default=(), converter=_multipliers
    )
    clawback: bool = attrs.field(default=True, metadata=check(_flag))
    manager_overrides: tuple[ManagerOverride, ...] = attrs.field(default=(), converter=_overrides)
    exclude_below_floor_deals: bool = attrs.field(
        default=True,
        metadata=check(_flag),
    )
    incentive_plan_approvers: tuple[Role, ...] = attrs.field(
        default=_DEFAULT_APPROVERS, converter=_approvers
    )
    requires_principal_approval: bool = attrs.field(
        default=False,
        metadata=check(_flag),
    )
    approvals: tuple[Approval, ...] = attrs.field(
        default=(),
        converter=_plan_approvals,
    )
    effective: Period | None = attrs.field(default=None, converter=_effective)
    currency: str = attrs.field(default="CNY", converter=_currency)
    rounding_rule: str = attrs.field(default=ROUND_HALF_UP, converter=_rounding_rule)

    @property
    def approvals_required(self) -> tuple[Role, ...]:
        """The full approval route: the approvers, then the 甲方负责人 if required (X-8)."""
        if self.requires_principal_approval:
            return (*self.incentive_plan_approvers, REAL_ESTATE_LADDER.get("principal_signatory"))
        return self.incentive_plan_approvers

    @property
    def flat_rate(self) -> Decimal | None:
        """The rate of a single-bracket plan; ``None`` for a tiered plan."""
        return self.commission_rates[0].rate if len(self.commission_rates) == 1 else None

    @property
    def is_monotonic(self) -> bool:
        """Whether commission can never fall as the base rises.

        Marginal brackets always are; whole-amount brackets are when their rates
        never decrease; attainment factors must never decrease either.
        """
        rates = [bracket.rate for bracket in self.commission_rates]
        factors = [factor for _, factor in self.attainment_multipliers]
        whole_ok = self.tier_mode is TierMode.MARGINAL or all(
            a <= b for a, b in itertools.pairwise(rates)
        )
        return whole_ok and all(a <= b for a, b in itertools.pairwise(factors))

    def commission_on(self, base: Decimal) -> Decimal:
        """The exact (unrounded) commission of the brackets on ``base``.

        A negative base (only a clawback makes one) gives the negative of the
        commission on its absolute value.

        >>> from decimal import Decimal
        >>> plan = CommissionPlan(
        ...     name="q1", drafted_by="m1", commission_basis=Basis.BOOKED,
        ...     commission_rates=[(0, 10000, Decimal("0.02")), (10000, 50000, Decimal("0.04")),
        ...                       (50000, None, Decimal("0.06"))],
        ...     tier_mode=TierMode.WHOLE_AMOUNT,
        ... )
        >>> plan.commission_on(Decimal("60000")), plan.commission_on(Decimal("10000"))
        (Decimal('3600.00'), Decimal('400.00'))
        >>> plan.commission_on(0.5)
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.FloatNotAllowed: base: expected a Decimal, int or str (floats are inexact: write Decimal('0.5') or '0.5'), got float 0.5
        """
        if type(base) is not Decimal or not base.is_finite():
            base = to_decimal(base, "base", max_places=34)
        return _tiered(base, self.commission_rates, self.tier_mode is TierMode.MARGINAL)

    def attainment_factor(self, base: Decimal, target: Decimal) -> Decimal:
        """The multiplier for ``base`` against a positive ``target`` (1 with no table).

        Compares ``base >= attainment x target`` exactly, without dividing; a base
        below 0 takes the first row.

        >>> from decimal import Decimal
        >>> plan = CommissionPlan(
        ...     name="q1", drafted_by="m1", commission_basis=Basis.BOOKED,
        ...     commission_rates=Decimal("0.05"),
        ...     attainment_multipliers=[(0, Decimal("0.5")), (Decimal("1"), Decimal("1.2"))],
        ... )
        >>> plan.attainment_factor(Decimal("99"), Decimal("100")), plan.attainment_factor(Decimal("100"), Decimal("100"))
        (Decimal('0.5'), Decimal('1.2'))
        >>> plan.attainment_factor(Decimal("100"), Decimal("0"))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: target: must be positive, got Decimal('0')
        """
        if type(base) is not Decimal or not base.is_finite():
            base = to_decimal(base, "base", max_places=34)
        if type(target) is not Decimal or not target.is_finite():
            target = to_decimal(target, "target", max_places=34)
        if target <= ZERO:
            raise InvalidInput("target", target, "must be positive")
        factor = ONE
        for threshold, row_factor in self.attainment_multipliers:
            if base >= _CTX.multiply(threshold, target) or threshold == ZERO:
                factor = row_factor
            else:
                break
        return factor


def _tiered(base: Decimal, brackets: tuple[Bracket, ...], marginal: bool) -> Decimal:
    negative = base < ZERO
    amount = base.copy_abs() if negative else base
    total = ZERO
    if marginal:
        for bracket in brackets:
            lower = bracket.lower
            if amount <= lower:
                break
            upper = bracket.upper
            top = amount if upper is None or amount < upper else upper
            total = _CTX.add(total, _CTX.multiply(bracket.rate, _CTX.subtract(top, lower)))
    else:
        for bracket in reversed(brackets):
            if amount >= bracket.lower:
                total = _CTX.multiply(bracket.rate, amount)
                break
    return total.copy_negate() if negative and not total.is_zero() else total


# -- the base ---------------------------------------------------------------------


class InvoiceSums(NamedTuple):
    """Exact sums of one invoice's events, before the period and within it."""

    paid_before: Decimal
    credited_before: Decimal
    written_off_before: Decimal
    paid: Decimal
    credited: Decimal
    written_off: Decimal


class EventRecord(NamedTuple):
    """One in-period event kept for statement lines (``accumulate(..., lines=True)``)."""

    invoice: str
    date: _dt.date
    kind: int
    id: str
    amount: Decimal


_NO_SUMS: Final = InvoiceSums(ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)


@attrs.frozen(init=False, repr=False)
class CommissionBase:
    """What counts toward commission in one period: exact per-invoice sums (INC-5).

    Built by :func:`accumulate` and by ``+`` (or :meth:`merge`), never directly.
    It holds the reference invoices and, per invoice, the exact sums of payments,
    credit notes and write-offs before and within the period.  Because it holds only
    sums, the bases of any partition of the events add up to exactly the base of all
    of them (``a + b == whole``): the nonlinear steps wait for :func:`settle`.

    Attributes:
        period: the statement period.
        currency: the events' currency (``None`` before any event).
        invoices: the reference invoices, by number.
        sums: ``(number, InvoiceSums)`` per invoice with events, by number.
        before_period, in_period, after_period: counts of earning events (payments,
            credit notes, write-offs) before, within and after the period.
        event_ids: the IDs seen, when duplicates are checked (``None`` when the
            caller vouched for them with ``check_ids=False``).
        events: the in-period events kept for lines (``None`` unless ``lines=True``).

    >>> import datetime
    >>> from salesdomain import Money, Period
    >>> inv = Invoice("I1", datetime.date(2026, 1, 5), Money("1000"), "alice")
    >>> pay = Payment("I1", datetime.date(2026, 1, 9), Money("400"), id="P1")
    >>> january = Period.month(2026, 1)
    >>> accumulate([inv], january) + accumulate([pay], january) == accumulate([inv, pay], january)
    True
    >>> accumulate([inv], january) + accumulate([pay], Period.month(2026, 2))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: period: bases of different periods cannot be added, got Period(start=datetime.date(2026, 2, 1), end=datetime.date(2026, 2, 28))
    """

    period: Period
    currency: str | None
    invoices: tuple[Invoice, ...]
    sums: tuple[tuple[str, InvoiceSums], ...]
    before_period: int
    in_period: int
    after_period: int
    event_ids: frozenset[str] | None
    events: tuple[EventRecord, ...] | None

    def __repr__(self) -> str:
        return (
            f"<CommissionBase {self.period} {self.currency}: {len(self.invoices)} invoices, "
            f"{self.in_period} events in period, {self.before_period} before, "
            f"{self.after_period} after>"
        )

    def merge(self, other: CommissionBase) -> CommissionBase:
        """The base of both parts' events together (exact; order does not matter).

        The same invoice may come from both parts (reference data broadcast to every
        partition); two *different* invoices with one number raise.  An event ID seen
        in both parts raises, as it would in a single run (when both checked IDs).

        Raises:
            InvalidInput: different periods, conflicting invoices, duplicate IDs.
            CurrencyMismatch: different currencies.
        """
        if not isinstance(other, CommissionBase):
            raise WrongType("other", other, "a CommissionBase")
        if other.period != self.period:
            raise InvalidInput("period", other.period, "bases of different periods cannot be added")
        currency = self.currency
        if other.currency is not None and currency is not None and other.currency != currency:
            raise CurrencyMismatch(
                "currency",
                other.currency,
                f"cannot add a base in {other.currency} to one in {currency}",
            )
        if currency is None:
            currency = other.currency
        refs = {invoice.number: invoice for invoice in self.invoices}
        for invoice in other.invoices:
            known = refs.get(invoice.number)
            if known is None:
                refs[invoice.number] = invoice
            elif known != invoice:
                raise InvalidInput(
                    "invoice", invoice.number, "two different invoices carry this number"
                )
        add = _CTX.add
        sums = dict(self.sums)
        for number, part in other.sums:
            mine = sums.get(number)
            sums[number] = (
                part
                if mine is None
                else InvoiceSums(*(add(x, y) for x, y in zip(mine, part, strict=True)))
            )
        ids: frozenset[str] | None = None
        if self.event_ids is not None and other.event_ids is not None:
            overlap = self.event_ids & other.event_ids
            if overlap:
                raise InvalidInput("id", min(overlap), "duplicate event ID across merged bases")
            ids = self.event_ids | other.event_ids
        events: tuple[EventRecord, ...] | None = None
        if self.events is not None and other.events is not None:
            events = tuple(sorted(self.events + other.events))
        return _new_base(
            self.period,
            currency,
            refs,
            sums,
            self.before_period + other.before_period,
            self.in_period + other.in_period,
            self.after_period + other.after_period,
            ids,
            events,
        )

    def __add__(self, other: object) -> CommissionBase:
        if not isinstance(other, CommissionBase):
            return NotImplemented
        return self.merge(other)

    def __radd__(self, other: object) -> CommissionBase:
        # Only so that sum(bases) works: sum() starts from the int 0.
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def by_salesperson(
        self,
        basis: Basis,
        *,
        clawback: bool = True,
        exclude_below_floor_deals: bool = True,
    ) -> dict[str, Decimal]:
        """Each salesperson's exact base for the period on ``basis`` (zeros left out).

        Raises:
            UnknownEntity: an event names an invoice that no part of the base holds.

        >>> import datetime
        >>> from decimal import Decimal
        >>> from salesdomain import Money, Period
        >>> inv = Invoice("I1", datetime.date(2026, 1, 5), Money("1000"),
        ...               {"alice": Decimal("0.7"), "bob": Decimal("0.3")})
        >>> pay = Payment("I1", datetime.date(2026, 1, 9), Money("400"), id="P1")
        >>> base = accumulate([inv, pay], Period.month(2026, 1))
        >>> base.by_salesperson(Basis.COLLECTED)
        {'alice': Decimal('280.0'), 'bob': Decimal('120.0')}
        >>> accumulate([pay], Period.month(2026, 1)).by_salesperson(Basis.COLLECTED)
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.UnknownEntity: invoice: events name an invoice that was not given (pass it among the events or as invoices=), got 'I1'
        """
        if not isinstance(basis, Basis):
            raise WrongType("basis", basis, "a Basis")
        currency = self.currency or "CNY"
        resolved = _resolve(self, basis, clawback, exclude_below_floor_deals, currency, lines=False)
        return resolved.persons


def _new_base(
    period: Period,
    currency: str | None,
    refs: Mapping[str, Invoice],
    sums: Mapping[str, InvoiceSums] | Mapping[str, list[Decimal]],
    before: int,
    inside: int,
    after: int,
    ids: frozenset[str] | None,
    events: tuple[EventRecord, ...] | None,
) -> CommissionBase:
    base = object.__new__(CommissionBase)
    values = {
        "period": period,
        "currency": currency,
        "invoices": tuple(refs[number] for number in sorted(refs)),
        "sums": tuple(
            (number, row if type(row) is InvoiceSums else InvoiceSums(*row))
            for number, row in sorted(sums.items())
        ),
        "before_period": before,
        "in_period": inside,
        "after_period": after,
        "event_ids": ids,
        "events": events,
    }
    for name, value in values.items():
        object.__setattr__(base, name, value)
    return base


def _add_invoice(refs: dict[str, Invoice], invoice: object, currency: str | None) -> str:
    if not isinstance(invoice, Invoice):
        raise WrongType("invoices", invoice, "an Invoice")
    if invoice.number in refs:
        raise InvalidInput("id", invoice.number, "duplicate invoice number in one computation")
    code = invoice.amount.currency
    if currency is not None and code != currency:
        raise CurrencyMismatch("currency", code, f"cannot mix {currency} and {code} events")
    refs[invoice.number] = invoice
    return code


def _check_iterable(value: object, field: str) -> None:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "an iterable of sales events")


def _kind(event: object) -> int:
    if isinstance(event, Payment):
        return _PAYMENT
    if isinstance(event, CreditNote):
        return _CREDIT
    if isinstance(event, WriteOff):
        return _WRITE_OFF
    raise WrongType("events", event, "an Invoice, Payment, CreditNote or WriteOff")


_KIND_OF: Final[dict[type, int]] = {Payment: _PAYMENT, CreditNote: _CREDIT, WriteOff: _WRITE_OFF}


def accumulate(
    events: Iterable[Event],
    period: Period,
    *,
    invoices: Iterable[Invoice] = (),
    check_ids: bool = True,
    lines: bool = False,
) -> CommissionBase:
    """Stream ``events`` into the :class:`CommissionBase` of ``period`` (INC-5, COLL-1).

    ``events`` may be any iterable, a generator over a database cursor included; it
    is read once.  Invoices (among ``events`` or in ``invoices``) are reference data
    whatever their date.  Payments, credit notes and write-offs dated in the period
    are the earning events; those dated before it are the invoice's history (what
    was already collected, refunded or written off: pass them, or an earlier
    overpayment cannot be seen); those after it are ignored.  All three are counted.
    Memory grows with the number of invoices, not of events, except for the ID set
    (``check_ids``) and the lines (``lines``), which grow with the events.

    Sums are exact: amounts have at most 12 decimals and stay below 10**15, so up to
    10**7 events per invoice add up within the library's 34 digits.

    Args:
        events: :class:`Invoice`, :class:`Payment`, :class:`CreditNote` and
            :class:`WriteOff` values, in any order.
        period: the statement period.
        invoices: more reference invoices (e.g. broadcast to every partition).
        check_ids: refuse a duplicate ID (default; checked once the events are
            read, naming the first ID that repeats).  ``False`` when the IDs are
            known to be unique (a database key): memory then stays O(invoices).
        lines: keep the in-period events so that :func:`settle` gives per-event lines.

    Returns:
        The base; add the bases of partitions with ``+``.

    Raises:
        InvalidInput: a duplicate invoice number or event ID.
        CurrencyMismatch: events in more than one currency.
        WrongType: something that is not an event.

    >>> import datetime
    >>> from salesdomain import Money, Period
    >>> def stream():
    ...     yield Invoice("I1", datetime.date(2025, 12, 1), Money("1000"), "alice")
    ...     yield Payment("I1", datetime.date(2025, 12, 20), Money("300"), id="P1")
    ...     yield Payment("I1", datetime.date(2026, 1, 9), Money("500"), id="P2")
    ...     yield Payment("I1", datetime.date(2026, 2, 1), Money("200"), id="P3")
    >>> base = accumulate(stream(), Period.month(2026, 1))
    >>> base.sums[0][1].paid_before, base.sums[0][1].paid, base.after_period
    (Decimal('300'), Decimal('500'), 1)
    >>> accumulate([Money("5")], Period.month(2026, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: events: expected an Invoice, Payment, CreditNote or WriteOff, got Money Money('5', 'CNY')
    """
    if not isinstance(period, Period):
        raise WrongType("period", period, "a Period")
    _check_iterable(events, "events")
    _check_iterable(invoices, "invoices")
    start = period.start
    end = period.end
    add = _CTX.add
    refs: dict[str, Invoice] = {}
    rows: dict[str, list[Decimal]] = {}
    # IDs are collected in a list and checked once at the end: adding each to a set
    # as it comes costs about twice as much (see docs/performance.md).
    ids: list[str] | None = [] if check_ids else None
    keep_id = ids.append if ids is not None else None
    records: list[EventRecord] | None = [] if lines else None
    currency: str | None = None
    before = inside = after = 0
    kinds = _KIND_OF
    for invoice in invoices:
        currency = _add_invoice(refs, invoice, currency)
    for event in events:
        kind = kinds.get(type(event))
        if kind is None:
            if isinstance(event, Invoice):
                currency = _add_invoice(refs, event, currency)
                continue
            kind = _kind(event)
        money = event.amount
        if money.currency != currency:
            if currency is not None:
                raise CurrencyMismatch(
                    "currency", money.currency, f"cannot mix {currency} and {money.currency} events"
                )
            currency = money.currency
        if keep_id is not None:
            keep_id(event.id)
        day = event.date
        if day > end:
            after += 1
            continue
        if day < start:
            before += 1
            slot = kind
        else:
            inside += 1
            slot = kind + 3
            if records is not None:
                records.append(
                    EventRecord(event.invoice, day, kind, event.id, money.amount)  # type: ignore[union-attr]
                )
        key = event.invoice  # type: ignore[union-attr]
        row = rows.get(key)
        if row is None:
            row = rows[key] = [ZERO, ZERO, ZERO, ZERO, ZERO, ZERO]
        row[slot] = add(row[slot], money.amount)
    return _new_base(
        period,
        currency,
        refs,
        rows,
        before,
        inside,
        after,
        None if ids is None else _unique_ids(ids),
        None if records is None else tuple(sorted(records)),
    )


def _unique_ids(ids: list[str]) -> frozenset[str]:
    """The IDs as a set; the first ID (in stream order) that repeats raises."""
    unique = frozenset(ids)
    if len(unique) != len(ids):
        seen: set[str] = set()
        for event_id in ids:
            if event_id in seen:
                raise InvalidInput("id", event_id, "duplicate event ID in one computation")
            seen.add(event_id)
    return unique


# -- settlement -------------------------------------------------------------------


@attrs.frozen
class CommissionLine:
    """One event's effect on the commission base, with the rule and reason.

    Attributes:
        event_id: the event's ID (the invoice number for a booking).
        kind: the :class:`EventKind`.
        invoice: the invoice number.
        date: the event's date.
        amount: the event's amount.
        earned: the exact change the event makes to the base (negative for a
            clawback; 0 when it earns nothing, the reason says why).
        reason: the rule and reason code.
    """

    event_id: str
    kind: EventKind
    invoice: str = attrs.field(kw_only=True)
    date: _dt.date = attrs.field(kw_only=True)
    amount: Money = attrs.field(kw_only=True)
    earned: Decimal = attrs.field(kw_only=True)
    reason: Reason = attrs.field(kw_only=True)


@attrs.frozen(kw_only=True)
class CommissionStatement(Decision):
    """The commission of one period under one plan (INC-1, INC-5, COLL-1).

    ``verdict`` is ``ALLOWED`` when the plan is approved and in force;
    ``NEEDS_APPROVAL`` (``approvers`` = the missing roles) when it is not yet
    approved; ``REJECTED`` when the period lies outside the plan's validity.  Only an
    ``ALLOWED`` statement carries a total.  The statement is a computation, not a
    payout decision: paying it, and any reward beyond the plan, is the company's
    decision (INC-2: the manager proposes, the company decides).

    Attributes:
        plan: the plan's name.
        period: the period.
        basis: the plan's basis.
        currency: the plan's currency.
        total: the commission, rounded once with the plan's ``rounding_rule``;
            ``None`` unless ``ALLOWED``.
        exact_total: the commission before that rounding.
        by_salesperson: ``(payee, Money)`` pairs, the total split with
            :func:`~salesdomain.allocate` in proportion to each payee's exact
            commission (so they sum exactly to ``total``); managers' overrides included.
        exact_by_salesperson: each payee's exact commission.
        base_by_salesperson: each salesperson's exact base.
        collected: all payments received in the period (the numerator of the
            collection rate, COLL-2 / X-6), overpayments included.
        overpaid: the part of those payments beyond their invoices' net amounts.
        carry_forward: balances still expected at the period's end (on the
            ``COLLECTED`` basis, commission still to come).
        carry_forward_by_invoice: ``(number, Money)`` per invoice with a balance.
        lines: per-event lines (only when the base kept events, ``lines=True``).
        events_in_period, events_before_period, events_after_period: counts.
    """

    plan: str
    period: Period
    basis: Basis
    currency: str
    total: Money | None
    exact_total: Decimal | None
    by_salesperson: tuple[tuple[str, Money], ...]
    exact_by_salesperson: tuple[tuple[str, Decimal], ...]
    base_by_salesperson: tuple[tuple[str, Decimal], ...]
    collected: Money
    overpaid: Money
    carry_forward: Money
    carry_forward_by_invoice: tuple[tuple[str, Money], ...]
    lines: tuple[CommissionLine, ...]
    events_in_period: int
    events_before_period: int
    events_after_period: int

    def commission_of(self, salesperson: str) -> Money:
        """The share of ``total`` paid to ``salesperson``.

        Raises:
            UnknownEntity: the salesperson is not a payee of this statement.
            InvalidInput: the statement has no total (the plan is not payable).
        """
        if self.total is None:
            raise InvalidInput("total", None, "this statement has no total: see its reasons")
        for name, amount in self.by_salesperson:
            if name == salesperson:
                return amount
        raise UnknownEntity("salesperson", salesperson, "is not a payee of this statement")


class _Resolution(NamedTuple):
    persons: dict[str, Decimal]
    reasons: list[Reason]
    collected: Decimal
    overpaid: Decimal
    carry: list[tuple[str, Decimal]]
    lines: list[CommissionLine]


def _earned(paid: Decimal, net: Decimal) -> Decimal:
    """What collected cash has earned on an invoice: min(paid, net), never below 0."""
    if net <= ZERO:
        return ZERO
    return paid if paid < net else net


def _booked(amount: Decimal, credited: Decimal, written_off: Decimal) -> Decimal:
    net = _CTX.subtract(_CTX.subtract(amount, credited), written_off)
    return net if net > ZERO else ZERO


def _shown(value: Decimal, currency: str) -> Money:
    """A Money for display in a reason (exact values may carry more than 12 decimals)."""
    if value.as_tuple().exponent < -12:  # type: ignore[operator]
        value = value.quantize(_MAX_DISPLAY_PLACES, ROUND_HALF_EVEN, _CTX)
    return Money(value, currency)


def _resolve(
    base: CommissionBase,
    basis: Basis,
    clawback: bool,
    exclude: bool,
    currency: str,
    *,
    lines: bool,
) -> _Resolution:
    add = _CTX.add
    sub = _CTX.subtract
    mul = _CTX.multiply
    start = base.period.start
    end = base.period.end
    refs = {invoice.number: invoice for invoice in base.invoices}
    sums = dict(base.sums)
    for number in sums:
        if number not in refs:
            raise UnknownEntity(
                "invoice",
                number,
                "events name an invoice that was not given (pass it among the events or as "
                "invoices=)",
            )
    groups: dict[str, list[EventRecord]] = {}
    if lines and base.events is not None:
        for number, records in itertools.groupby(base.events, key=lambda r: r.invoice):
            groups[number] = list(records)
    persons: dict[str, Decimal] = {}
    reasons: list[Reason] = []
    out_lines: list[CommissionLine] = []
    collected = ZERO
    overpaid_total = ZERO
    carry: list[tuple[str, Decimal]] = []
    booked_basis = basis is Basis.BOOKED
    for number, invoice in refs.items():
        row = sums.get(number, _NO_SUMS)
        amount = invoice.amount.amount
        booked_before = invoice.date < start
        booked_by_end = invoice.date <= end
        paid0, credited0, off0, paid1, credited1, off1 = row
        paid_end = add(paid0, paid1)
        credited_end = add(credited0, credited1)
        off_end = add(off0, off1)
        net_end = sub(amount, credited_end)
        earned_end = _earned(paid_end, net_end)
        earned_mid = _earned(paid0, net_end) if paid0 else ZERO
        pay_gain = sub(earned_end, earned_mid)
        over = sub(paid1, pay_gain)
        collected = add(collected, paid1)
        if booked_basis:
            if booked_before:
                gain = ZERO
                claw = (
                    sub(_booked(amount, credited_end, off_end), _booked(amount, credited0, off0))
                    if credited1 or off1
                    else ZERO
                )
            elif booked_by_end:
                gain = _booked(amount, credited_end, off_end)
                claw = ZERO
            else:
                gain = claw = ZERO
        else:
            gain = pay_gain
            claw = sub(earned_mid, _earned(paid0, sub(amount, credited0))) if credited1 else ZERO
        if over:
            overpaid_total = add(overpaid_total, over)
            reasons.append(
                Reason(
                    "COLL-1",
                    "overpayment_earns_no_commission",
                    {"invoice": number, "amount": Money(over, currency)},
                )
            )
        if booked_by_end:
            outstanding = sub(net_end, add(off_end, paid_end))
            if outstanding > ZERO:
                carry.append((number, outstanding))
        if claw:
            if clawback:
                reasons.append(
                    Reason(
                        "INC-5",
                        "commission_clawback",
                        {"invoice": number, "amount": Money(claw.copy_negate(), currency)},
                    )
                )
            else:
                reasons.append(
                    Reason(
                        "INC-5",
                        "clawback_waived",
                        {"invoice": number, "amount": Money(claw.copy_negate(), currency)},
                    )
                )
                claw = ZERO
        earned = add(gain, claw) if claw else gain
        excluded = False
        if invoice.price_decision is not None and invoice.below_floor_without_override:
            if exclude:
                excluded = True
                if earned:
                    reasons.append(
                        Reason(
                            "INC-5",
                            "below_floor_deal_excluded",
                            {"invoice": number, "amount": Money(earned, currency)},
                        )
                    )
                earned = ZERO
            elif earned:
                reasons.append(
                    Reason(
                        "INC-5",
                        "below_floor_deal_included",
                        {"invoice": number, "amount": Money(earned, currency)},
                    )
                )
        if earned:
            for person, share in invoice.shares:
                contribution = earned if share == ONE else mul(share, earned)
                persons[person] = add(persons.get(person, ZERO), contribution)
        if lines and base.events is not None:
            out_lines.extend(
                _lines_for(
                    invoice,
                    groups.get(number, ()),
                    row,
                    basis,
                    clawback,
                    excluded,
                    start,
                    end,
                )
            )
    return _Resolution(persons, reasons, collected, overpaid_total, carry, out_lines)


def _lines_for(
    invoice: Invoice,
    records: Iterable[EventRecord],
    row: InvoiceSums,
    basis: Basis,
    clawback: bool,
    excluded: bool,
    start: _dt.date,
    end: _dt.date,
) -> Iterator[CommissionLine]:
    """Replay one invoice's in-period events; their ``earned`` add up to its base."""
    add = _CTX.add
    sub = _CTX.subtract
    number = invoice.number
    amount = invoice.amount.amount
    currency = invoice.amount.currency
    booked_before = invoice.date < start
    booked_in_period = start <= invoice.date <= end
    net_end = sub(amount, add(row.credited_before, row.credited))
    paid0 = row.paid_before

    def line(
        record_id: str,
        kind: EventKind,
        day: _dt.date,
        value: Decimal,
        earned: Decimal,
        reason: Reason,
        *,
        prior: bool,
    ) -> CommissionLine:
        if earned < ZERO and prior and not clawback:
            reason = Reason(
                "INC-5",
                "clawback_waived",
                {"invoice": number, "amount": Money(earned.copy_negate(), currency)},
            )
            earned = ZERO
        if excluded and earned:
            reason = Reason(
                "INC-5",
                "below_floor_deal_excluded",
                {"invoice": number, "amount": Money(earned, currency)},
            )
            earned = ZERO
        return CommissionLine(
            record_id,
            kind,
            invoice=number,
            date=day,
            amount=Money(value, currency),
            earned=earned,
            reason=reason,
        )

    booked = basis is Basis.BOOKED
    if booked and booked_in_period:
        yield line(
            number,
            EventKind.INVOICE,
            invoice.date,
            amount,
            _booked(amount, row.credited_before, row.written_off_before),
            Reason("INC-5", "invoice_booked", {"invoice": number}),
            prior=False,
        )
    paid = paid0
    credited = row.credited_before
    off = row.written_off_before
    is_booked = booked_before or booked_in_period
    for record in sorted(records, key=lambda r: (r.date, r.kind, r.id)):
        value = record.amount
        kind = _KINDS[record.kind]
        if record.kind == _PAYMENT:
            gain = sub(_earned(add(paid, value), net_end), _earned(paid, net_end))
            over = Money(sub(value, gain), currency)
            paid = add(paid, value)
            if booked:
                yield line(
                    record.id,
                    kind,
                    record.date,
                    value,
                    ZERO,
                    Reason(
                        "INC-5",
                        "payment_not_earning_on_booked_basis",
                        {"invoice": number, "overpaid": over},
                    ),
                    prior=False,
                )
            else:
                yield line(
                    record.id,
                    kind,
                    record.date,
                    value,
                    gain,
                    Reason("COLL-1", "payment_collected", {"invoice": number, "overpaid": over}),
                    prior=False,
                )
            continue
        if record.kind == _CREDIT:
            if booked:
                change = (
                    sub(_booked(amount, add(credited, value), off), _booked(amount, credited, off))
                    if is_booked
                    else ZERO
                )
            else:
                change = sub(
                    _earned(paid0, sub(amount, add(credited, value))),
                    _earned(paid0, sub(amount, credited)),
                )
            credited = add(credited, value)
            code = "credit_note_reduces_base"
        else:
            if not booked:
                yield line(
                    record.id,
                    kind,
                    record.date,
                    value,
                    ZERO,
                    Reason("COLL-1", "write_off_closes_balance", {"invoice": number}),
                    prior=False,
                )
                off = add(off, value)
                continue
            change = (
                sub(_booked(amount, credited, add(off, value)), _booked(amount, credited, off))
                if is_booked
                else ZERO
            )
            off = add(off, value)
            code = "write_off_reduces_base"
        yield line(
            record.id,
            kind,
            record.date,
            value,
            change,
            Reason(
                "INC-5", code, {"invoice": number, "amount": Money(change.copy_negate(), currency)}
            ),
            prior=booked_before if booked else True,
        )


def _targets(target: object, currency: str) -> Decimal | dict[str, Decimal] | None:
    if target is None:
        return None
    if isinstance(target, Money):
        if target.currency != currency:
            raise CurrencyMismatch("target", target.currency, f"the plan is in {currency}")
        if target.amount <= ZERO:
            raise InvalidInput("target", target, "must be positive")
        return target.amount
    if isinstance(target, Mapping):
        values: dict[str, Decimal] = {}
        for name, value in target.items():
            if not isinstance(value, Money):
                raise WrongType(f"target[{name!r}]", value, "Money")
            if value.currency != currency:
                raise CurrencyMismatch(
                    f"target[{name!r}]", value.currency, f"the plan is in {currency}"
                )
            if value.amount <= ZERO:
                raise InvalidInput(f"target[{name!r}]", value, "must be positive")
            values[check_text(name, "target")] = value.amount
        return values
    raise WrongType("target", target, "Money, a mapping of salesperson to Money, or None")


def _split(
    total: Decimal,
    exact: dict[str, Decimal],
    currency: str,
    quantum: Decimal,
    rounding: str,
) -> tuple[tuple[str, Money], ...]:
    names = sorted(exact)
    parts: dict[str, Money] = {name: Money.zero(currency) for name in names}
    positive = [name for name in names if exact[name] > ZERO]
    negative = [name for name in names if exact[name] < ZERO]
    if negative and positive:
        positive_sum = ZERO
        for name in positive:
            positive_sum = _CTX.add(positive_sum, exact[name])
        groups = [
            (positive, positive_sum.quantize(quantum, rounding, _CTX)),
        ]
        groups.append((negative, _CTX.subtract(total, groups[0][1])))
    else:
        groups = [(positive or negative, total)]
    for members, amount in groups:
        if not members:
            continue
        weights: list[Decimal | int] = [exact[name].copy_abs() for name in members]
        if not any(weights):
            weights = [1] * len(members)
        for name, part in zip(
            members, allocate(Money(amount, currency), weights, unit=quantum), strict=True
        ):
            parts[name] = part
    return tuple((name, parts[name]) for name in names)


def settle(
    base: CommissionBase,
    plan: CommissionPlan,
    *,
    target: Money | Mapping[str, Money] | None = None,
) -> CommissionStatement:
    """Apply ``plan`` to ``base``: the commission statement of the period (INC-1, INC-5).

    Per invoice: on the ``COLLECTED`` basis, the period's payments earn up to the
    invoice's amount net of credit notes (the rest is an overpayment, COLL-1), and a
    credit note claws back what earlier collections had earned; on the ``BOOKED``
    basis, an invoice dated in the period earns its net amount, and later credit
    notes and write-offs claw back.  Deals sold below their floor without the
    override approval earn nothing when the plan says so (INC-5 with PRICE-4).  Each
    invoice's result is split between its salespeople by their shares.  Then, per
    salesperson: the brackets, then the attainment multiplier against ``target``;
    the managers' overrides on their teams' bases; the sum is rounded once with the
    plan's ``rounding_rule`` and split with :func:`~salesdomain.allocate`.  A base
    below zero comes only from a clawback, so commission is negative only then.

    Args:
        base: from :func:`accumulate` (or the sum of partitions' bases).
        plan: the commission plan; it must be approved and in force (INC-1).
        target: each salesperson's target: one ``Money`` for everyone or a mapping;
            required when the plan has attainment multipliers.

    Returns:
        A :class:`CommissionStatement`; without a total when the plan is not approved
        (``NEEDS_APPROVAL``, naming the missing roles) or not in force (``REJECTED``).

    Raises:
        CurrencyMismatch: the base, plan or target disagree on the currency.
        UnknownEntity: an event names an invoice the base does not hold.
        InvalidInput: a missing or non-positive target for a salesperson the
            multipliers need.

    >>> import datetime
    >>> from decimal import Decimal
    >>> from salesdomain import Money, Period, Approval, REAL_ESTATE_LADDER
    >>> director = REAL_ESTATE_LADDER.get("marketing_director")
    >>> plan = CommissionPlan(name="p", drafted_by="m1", commission_basis=Basis.BOOKED,
    ...                       commission_rates=Decimal("0.04"))
    >>> base = accumulate([Invoice("I1", datetime.date(2026, 1, 5), Money("1000"), "alice")],
    ...                   Period.month(2026, 1))
    >>> pending = settle(base, plan)
    >>> pending.verdict, pending.total, [r.code for r in pending.reasons][:1]
    (<Verdict.NEEDS_APPROVAL: 'needs_approval'>, None, ['incentive_plan_not_approved'])
    >>> approved = attrs.evolve(plan, approvals=(Approval(director, "d1", datetime.date(2026, 1, 2), subject="p"),))
    >>> settle(base, approved).total
    Money('40.00', 'CNY')
    >>> settle(base, approved, target=Money("100", "USD"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.CurrencyMismatch: target: the plan is in CNY, got 'USD'
    """
    if not isinstance(base, CommissionBase):
        raise WrongType("base", base, "a CommissionBase (from accumulate)")
    if not isinstance(plan, CommissionPlan):
        raise WrongType("plan", plan, "a CommissionPlan")
    currency = plan.currency
    if base.currency is not None and base.currency != currency:
        raise CurrencyMismatch("currency", base.currency, f"the plan is in {currency}")
    targets = _targets(target, currency)
    zero = Money.zero(currency)
    counts = {
        "events_in_period": base.in_period,
        "events_before_period": base.before_period,
        "events_after_period": base.after_period,
    }
    outside: list[Reason] = []
    if base.before_period or base.after_period:
        outside.append(
            Reason(
                "INC-5",
                "events_outside_period",
                {"before": base.before_period, "after": base.after_period, "period": base.period},
            )
        )

    def withheld(
        verdict: Verdict, reasons: list[Reason], approvers: tuple[Role, ...]
    ) -> CommissionStatement:
        return CommissionStatement(
            verdict,
            tuple(reasons + outside),
            approvers,
            plan=plan.name,
            period=base.period,
            basis=plan.commission_basis,
            currency=currency,
            total=None,
            exact_total=None,
            by_salesperson=(),
            exact_by_salesperson=(),
            base_by_salesperson=(),
            collected=zero,
            overpaid=zero,
            carry_forward=zero,
            carry_forward_by_invoice=(),
            lines=(),
            **counts,
        )

    route = plan.approvals_required
    if route:
        check = missing_approvals(route, plan.approvals, plan.drafted_by, subject=plan.name)
        if not check.complete:
            missing = [
                Reason("INC-1", "incentive_plan_not_approved", {"plan": plan.name, "role": role})
                for role in check.missing
            ]
            missing.extend(item.reason for item in check.ignored)
            return withheld(Verdict.NEEDS_APPROVAL, missing, check.missing)
    effective = plan.effective
    if effective is not None and not (
        effective.start <= base.period.start and base.period.end <= effective.end
    ):
        return withheld(
            Verdict.REJECTED,
            [
                Reason(
                    "INC-1",
                    "incentive_plan_not_in_force",
                    {"plan": plan.name, "effective": effective, "period": base.period},
                )
            ],
            (),
        )

    resolved = _resolve(
        base,
        plan.commission_basis,
        plan.clawback,
        plan.exclude_below_floor_deals,
        currency,
        lines=True,
    )
    persons = resolved.persons
    reasons: list[Reason] = []
    exact: dict[str, Decimal] = {}
    marginal = plan.tier_mode is TierMode.MARGINAL
    for person in sorted(persons):
        person_base = persons[person]
        commission = _tiered(person_base, plan.commission_rates, marginal)
        if plan.attainment_multipliers:
            if targets is None:
                raise InvalidInput(
                    "target", None, "the plan has attainment multipliers: give a target"
                )
            person_target = targets if isinstance(targets, Decimal) else targets.get(person)
            if person_target is None:
                raise InvalidInput(
                    "target", person, "no target for this salesperson (the multipliers need one)"
                )
            factor = plan.attainment_factor(person_base, person_target)
            attainment = _CTX.divide(person_base, person_target).quantize(
                Decimal("0.000001"), ROUND_HALF_EVEN, _CTX
            )
            commission = _CTX.multiply(commission, factor)
            reasons.append(
                Reason(
                    "INC-5",
                    "attainment_multiplier_applied",
                    {"salesperson": person, "attainment": Rate(attainment), "factor": factor},
                )
            )
        exact[person] = commission
    for override in plan.manager_overrides:
        team_base = ZERO
        for member in override.team:
            team_base = _CTX.add(team_base, persons.get(member, ZERO))
        if team_base.is_zero():
            continue
        extra = _CTX.multiply(override.rate, team_base)
        exact[override.manager] = _CTX.add(exact.get(override.manager, ZERO), extra)
        reasons.append(
            Reason(
                "INC-5",
                "manager_override",
                {
                    "manager": override.manager,
                    "rate": Rate(override.rate),
                    "team_base": _shown(team_base, currency),
                },
            )
        )
    exact_total = ZERO
    for value in exact.values():
        exact_total = _CTX.add(exact_total, value)
    quantum = minor_unit(currency)
    rounded = exact_total.quantize(quantum, plan.rounding_rule, _CTX)
    if rounded.is_zero():
        rounded = rounded.copy_abs()
    total = Money(rounded, currency)
    base_total = ZERO
    for value in persons.values():
        base_total = _CTX.add(base_total, value)
    summary = Reason(
        "INC-5",
        "commission_settled",
        {
            "plan": plan.name,
            "basis": plan.commission_basis,
            "base": _shown(base_total, currency),
            "total": total,
        },
    )
    carry_total = ZERO
    for _, value in resolved.carry:
        carry_total = _CTX.add(carry_total, value)
    tail: list[Reason] = []
    if plan.commission_basis is Basis.COLLECTED and resolved.carry:
        tail.append(
            Reason(
                "COLL-1",
                "payments_still_expected",
                {"amount": Money(carry_total, currency), "invoices": len(resolved.carry)},
            )
        )
    return CommissionStatement(
        Verdict.ALLOWED,
        (summary, *reasons, *resolved.reasons, *tail, *outside),
        (),
        plan=plan.name,
        period=base.period,
        basis=plan.commission_basis,
        currency=currency,
        total=total,
        exact_total=exact_total,
        by_salesperson=_split(rounded, exact, currency, quantum, plan.rounding_rule),
        exact_by_salesperson=tuple(sorted(exact.items())),
        base_by_salesperson=tuple(sorted(persons.items())),
        collected=Money(resolved.collected, currency),
        overpaid=Money(resolved.overpaid, currency),
        carry_forward=Money(carry_total, currency),
        carry_forward_by_invoice=tuple(
            (number, Money(value, currency)) for number, value in resolved.carry
        ),
        lines=tuple(resolved.lines),
        **counts,
    )


def compute_commission(
    plan: CommissionPlan,
    events: Iterable[Event],
    period: Period,
    *,
    target: Money | Mapping[str, Money] | None = None,
    invoices: Iterable[Invoice] = (),
    check_ids: bool = True,
    lines: bool = False,
) -> CommissionStatement:
    """The commission statement of ``period``: ``settle(accumulate(events, period), plan)``.

    See :func:`accumulate` for the events and :func:`settle` for the rules (INC-1,
    INC-5, COLL-1).

    >>> import datetime
    >>> from decimal import Decimal
    >>> from salesdomain import Money, Period
    >>> plan = CommissionPlan(name="p", drafted_by="m1", commission_basis=Basis.BOOKED,
    ...                       commission_rates=Decimal("0.04"), incentive_plan_approvers=())
    >>> events = [
    ...     Invoice("I1", datetime.date(2026, 1, 5), Money("1000"), "alice"),
    ...     CreditNote("I1", datetime.date(2026, 1, 20), Money("200"), id="CN1"),
    ... ]
    >>> compute_commission(plan, events, Period.month(2026, 1)).total
    Money('32.00', 'CNY')
    >>> compute_commission(plan, events, Period.month(2026, 1), target=Money("0"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: target: must be positive, got Money('0', 'CNY')
    """
    base = accumulate(events, period, invoices=invoices, check_ids=check_ids, lines=lines)
    return settle(base, plan, target=target)
