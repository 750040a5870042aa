"""Targets: exact decomposition, annual plans, assignment, plan checks and progress.

Rules TARGET-1..9 of the rule inventory (RULES.md section 3) and the reading X-5:

- :class:`Distribution`: named non-negative weights (seasonality over months,
  quarters, project phases).  :meth:`Distribution.from_percentages` demands an exact
  Decimal sum of 100 and names the shortfall or excess.  A missing month is an error
  unless the caller writes the zero.
- :func:`decompose`: the exact split of a total by weights through the one allocator
  :func:`salesdomain.allocate`, with pinned parts (``fixed``) and a coarse ``unit``.
- :func:`annual_plan` -> :class:`TargetPlan`: the year split over its twelve months by
  weight; the quarters are the sums of their months, so months and quarters both add
  up to the year exactly (TARGET-2), for calendar and non-January fiscal years.
  :func:`weekly_plan` and :meth:`TargetPlan.weeks` give the weekly layer (TARGET-3).
- :func:`phase_plan`: a real-estate project's phase targets (TARGET-9).
- :func:`assign` / :func:`check_assignment`: a team's monthly target split to people,
  with the over-allocation margin of X-5 (TARGET-1).
- :func:`check_plan`: does a plan from outside (a spreadsheet, another system) add up
  at every node (TARGET-2, TARGET-3, TARGET-9)?
- :func:`progress` -> :class:`Progress`: completion, elapsed fraction, pace and the
  deviation verdict (TARGET-4, TARGET-7); :func:`replan_remaining` spreads what is left.
- :func:`market_share` and :func:`market_share_trend` (TARGET-5, TARGET-6).

Splits never round: they work in whole units and conserve the total to the last
unit.  The only rounding is the projected pace, with the policy's rounding mode.

>>> from decimal import Decimal
>>> from salesdomain import FiscalYear, Money
>>> from salesdomain.targets import Distribution, annual_plan
>>> plan = annual_plan(Money("1000000.00"), FiscalYear(2026), Distribution.even(range(1, 13)))
>>> [str(part.amount) for part in plan.months.values()][:5]
['83333.34', '83333.34', '83333.34', '83333.34', '83333.33']
>>> [str(part.amount) for part in plan.quarters.values()]
['250000.02', '250000.00', '249999.99', '249999.99']
>>> Distribution.from_percentages({"north": "60", "south": "39.99"})
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: percentages: must sum to exactly 100, short by 0.01, got Decimal('99.99')
"""

from __future__ import annotations

import calendar
import datetime as _dt
import itertools
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any, Final, Generic, TypeAlias, TypeVar, Union

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import (
    _CTX,
    HUNDRED,
    ONE,
    ZERO,
    check_date,
    check_int,
    check_rate,
    check_rounding,
    to_decimal,
)
from salesdomain.core.decisions import Decision, Rate, Reason, Verdict
from salesdomain.core.errors import CurrencyMismatch, InvalidInput, PolicyError, WrongType
from salesdomain.core.money import Money, allocate, minor_unit
from salesdomain.core.periods import FiscalYear, Period, elapsed_fraction

__all__ = [
    "REASON_CODES",
    "Distribution",
    "PlanCheck",
    "PlanKey",
    "PlanNode",
    "Progress",
    "ShareTrend",
    "TargetPlan",
    "TargetPolicy",
    "Weight",
    "anchored_weeks",
    "annual_plan",
    "assign",
    "check_assignment",
    "check_plan",
    "decompose",
    "market_share",
    "market_share_trend",
    "phase_plan",
    "progress",
    "replan_remaining",
    "weekly_plan",
]

K = TypeVar("K", bound=Hashable)

Weight: TypeAlias = Union[Decimal, int, str]
"""A non-negative weight: a ``Decimal``, an ``int`` or a decimal ``str`` (never a float)."""

PlanKey: TypeAlias = Union[Period, str, int]
"""The name of a node of a plan given to :func:`check_plan`."""

PlanNode: TypeAlias = Union[Money, tuple[Money, Mapping[PlanKey, "PlanNode"]]]
"""A node of a plan given to :func:`check_plan`: a leaf ``Money``, or ``(amount, children)``."""

Unit: TypeAlias = Union[Decimal, int, str, None]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "children_do_not_sum_to_parent",
        "child_outside_parent",
        "children_overlap",
        "period_not_covered",
        "plan_adds_up",
        "individual_targets_short_of_team_target",
        "individual_targets_exceed_margin",
        "individual_targets_cover_team_target",
        "target_zero",
        "target_met",
        "target_missed",
        "target_not_started",
        "target_on_track",
        "target_behind_schedule",
        "market_share_growing",
        "market_share_not_growing",
        "market_share_below_target",
        "market_share_target_met",
    }
)
"""Every reason code this module can emit (see docs/targets.md for the messages)."""

_MONTHS: Final = tuple(range(1, 13))
_QUARTERS: Final = ("Q1", "Q2", "Q3", "Q4")
_DAY: Final = _dt.timedelta(days=1)


# ---------------------------------------------------------------------------
# small checks
# ---------------------------------------------------------------------------
def _money(value: object, field: str) -> Money:
    if type(value) is not Money:
        raise WrongType(field, value, "Money")
    return value


def _target(value: object, field: str) -> Money:
    money = _money(value, field)
    if money.amount < ZERO:
        raise InvalidInput(field, money, "a target must not be negative")
    return money


def _same_currency(value: Money, currency: str, field: str, like: str) -> Money:
    if value.currency != currency:
        raise CurrencyMismatch(field, value.currency, f"must be in {currency} like {like}")
    return value


def _weight(value: object, field: str) -> Decimal:
    number = to_decimal(value, field)
    if number < ZERO:
        raise InvalidInput(field, value, "a weight must not be negative")
    return number


def _mapping(value: object, field: str, expected: str) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        raise WrongType(field, value, expected)
    return value


def _step(unit: object, currency: str) -> Decimal:
    """The unit of a split in major units (default: the currency's minor unit)."""
    if unit is None:
        return minor_unit(currency)
    step = to_decimal(unit, "unit")
    if step <= ZERO:
        raise InvalidInput("unit", unit, "must be positive")
    return step


def _check_whole(money: Money, step: Decimal, field: str) -> None:
    count = _CTX.divide(money.amount, step)
    if count != count.to_integral_value(ROUND_FLOOR, _CTX):
        raise InvalidInput(
            field, money, f"is not a whole number of units of {step} {money.currency}; round it"
        )


def _weekday(value: object, field: str) -> int:
    day = check_int(value, field)
    if not 0 <= day <= 6:
        raise InvalidInput(field, value, "must be a weekday number 0 (Monday) to 6 (Sunday)")
    return day


def _names(keys: Iterable[object]) -> str:
    return ", ".join(str(key) for key in keys)


# ---------------------------------------------------------------------------
# Distribution
# ---------------------------------------------------------------------------
def _pairs(value: object, field: str) -> tuple[tuple[Hashable, Decimal], ...]:
    items: Iterable[object]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a mapping of name -> weight, or (name, weight) pairs")
    else:
        items = value
    pairs: list[tuple[Hashable, Decimal]] = []
    seen: set[Hashable] = set()
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise WrongType(field, item, "a (name, weight) pair")
        key, raw = item
        try:  # isinstance(key, Hashable) passes (1, [2]) and Decimal("sNaN")
            hash(key)
        except TypeError:
            raise WrongType(field, key, "a hashable name (a Period, str or int)") from None
        if key in seen:
            raise InvalidInput(field, key, "a name may appear only once")
        seen.add(key)
        pairs.append((key, _weight(raw, f"{field}[{key!r}]")))
    if not pairs:
        raise InvalidInput(field, value, "must not be empty")
    if all(weight.is_zero() for _, weight in pairs):
        raise InvalidInput(field, value, "must not all be zero")
    return tuple(pairs)


@attrs.frozen(init=False)
class Distribution(Mapping[K, Decimal], Generic[K]):
    """Named non-negative weights, in order: seasonality over months, quarters or phases.

    A ``Distribution`` is a read-only mapping of name -> ``Decimal`` weight.  Names are
    whatever the split is over: calendar month numbers 1..12 (:meth:`monthly`), the
    fiscal quarters ``"Q1"``..``"Q4"`` (:meth:`quarterly`), :class:`Period` values
    (a fiscal year's months or quarters, a project's phases, TARGET-9) or names of
    people.  Weights are relative; only percentages (:meth:`from_percentages`) must add
    up to 100.

    Args:
        weights: a mapping of name -> weight, or ``(name, weight)`` pairs; weights are
            non-negative ``Decimal``, ``int`` or decimal ``str``, not all zero.

    Raises:
        InvalidInput: empty, negative, all-zero weights or a repeated name.
        FloatNotAllowed: a float weight.

    >>> d = Distribution({"north": 3, "south": 1})
    >>> d["north"], list(d), len(d)
    (Decimal('3'), ['north', 'south'], 2)
    >>> Distribution({"north": 0, "south": 0})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: weights: must not all be zero, got {'north': 0, 'south': 0}
    """

    _pairs: tuple[tuple[K, Decimal], ...]
    _index: dict[K, Decimal] = attrs.field(eq=False, hash=False, repr=False)

    def __init__(self, weights: Mapping[K, Weight] | Iterable[tuple[K, Weight]]) -> None:
        pairs: tuple[tuple[K, Decimal], ...] = _pairs(weights, "weights")  # type: ignore[assignment]
        self.__attrs_init__(pairs, dict(pairs))

    # -- constructors ---------------------------------------------------------
    @classmethod
    def from_percentages(cls, percentages: Mapping[K, Weight]) -> Distribution[K]:
        """Weights given in percentage points that must sum to exactly 100.

        The sum is exact Decimal arithmetic: ``33.33 + 33.33 + 33.33`` is refused (it is
        99.99), and so is any float.  There is no tolerance and no silent zero: write
        ``0`` for a name that gets nothing.

        Args:
            percentages: a mapping of name -> percentage (``Decimal``, ``int`` or ``str``).

        Returns:
            The distribution, the percentages being the weights.

        Raises:
            InvalidInput: the percentages do not sum to exactly 100 (the message says by
                how much they fall short or exceed), or one is negative or above 100.

        >>> Distribution.from_percentages({"Q1": "20", "Q2": "30", "Q3": "30", "Q4": "20"})["Q2"]
        Decimal('30')
        >>> Distribution.from_percentages({"a": "50", "b": "50.5"})
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: percentages: must sum to exactly 100, over by 0.5, got Decimal('100.5')
        """
        mapping = _mapping(percentages, "percentages", "a mapping of name -> percentage")
        total = ZERO
        for key, raw in mapping.items():
            value = _weight(raw, f"percentages[{key!r}]")
            if value > HUNDRED:
                raise InvalidInput(f"percentages[{key!r}]", raw, "must not exceed 100")
            total = _CTX.add(total, value)
        if total != HUNDRED:
            gap = _CTX.subtract(HUNDRED, total)
            how = f"short by {gap}" if gap > ZERO else f"over by {gap.copy_negate()}"
            raise InvalidInput("percentages", total, f"must sum to exactly 100, {how}")
        return cls(percentages)

    @classmethod
    def even(cls, names: Iterable[K]) -> Distribution[K]:
        """Equal weights over ``names`` (in the given order).

        >>> list(Distribution.even(["a", "b"]).values())
        [Decimal('1'), Decimal('1')]
        >>> Distribution.even([])
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: weights: must not be empty, got []
        """
        if isinstance(names, (str, bytes)) or not isinstance(names, Iterable):
            raise WrongType("names", names, "an iterable of names")
        return cls([(name, 1) for name in names])

    @classmethod
    def monthly(cls, weights: Sequence[Weight] | Mapping[int, Weight]) -> Distribution[int]:
        """Seasonality over the twelve calendar months, keyed by month number 1..12.

        Args:
            weights: twelve weights in calendar order (January first), or a mapping of
                month number -> weight that names every month (write ``0`` for a month
                without target: a missing month is an error, never a silent zero).

        Raises:
            InvalidInput: not exactly the twelve months.

        >>> Distribution.monthly([6, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9])[2]
        Decimal('7')
        >>> Distribution.monthly({1: 6, 2: 7})
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: weights: months 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 are missing (write 0 for a month without target), got {1: 6, 2: 7}
        """
        return Distribution(_complete(weights, _MONTHS, "months", "month"))

    @classmethod
    def quarterly(cls, weights: Sequence[Weight] | Mapping[str, Weight]) -> Distribution[str]:
        """Seasonality over the four fiscal quarters, keyed ``"Q1"``..``"Q4"``.

        Args:
            weights: four weights in fiscal order, or a mapping ``"Q1"``..``"Q4"`` ->
                weight naming every quarter.

        >>> list(Distribution.quarterly([2, 3, 3, 2]))
        ['Q1', 'Q2', 'Q3', 'Q4']
        >>> Distribution.quarterly([1, 1, 1])
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: weights: expected 4 quarters, got [1, 1, 1]
        """
        return Distribution(_complete(weights, _QUARTERS, "quarters", "quarter"))

    # -- the mapping protocol -------------------------------------------------
    def __getitem__(self, key: K) -> Decimal:
        return self._index[key]

    def __iter__(self) -> Iterator[K]:
        return (key for key, _ in self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._index
        except TypeError:
            return False

    def __repr__(self) -> str:
        return f"Distribution({dict(self._pairs)!r})"

    @property
    def total(self) -> Decimal:
        """The sum of the weights."""
        total = ZERO
        for _, weight in self._pairs:
            total = _CTX.add(total, weight)
        return total


def _complete(
    weights: Sequence[Weight] | Mapping[K, Weight], names: Sequence[K], plural: str, singular: str
) -> list[tuple[K, Weight]]:
    """Pair ``weights`` (a sequence in order, or a mapping) with exactly ``names``."""
    if isinstance(weights, Mapping):
        missing = [name for name in names if name not in weights]
        if missing:
            raise InvalidInput(
                "weights",
                weights,
                f"{plural} {_names(missing)} are missing (write 0 for a {singular} without target)",
            )
        unknown = [key for key in weights if key not in names]
        if unknown:
            raise InvalidInput("weights", weights, f"unknown {plural} {_names(unknown)}")
        return [(name, weights[name]) for name in names]
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise WrongType("weights", weights, f"a sequence of {len(names)} weights or a mapping")
    if len(weights) != len(names):
        raise InvalidInput("weights", weights, f"expected {len(names)} {plural}")
    return list(zip(names, weights, strict=True))


# ---------------------------------------------------------------------------
# decompose
# ---------------------------------------------------------------------------
def _split_weights(weights: Mapping[K, Weight]) -> list[tuple[K, Decimal]]:
    """Validate split weights: non-empty and non-negative (all zero is checked later)."""
    if isinstance(weights, Distribution):
        return list(weights.items())
    mapping = _mapping(weights, "weights", "a mapping of name -> weight")
    if not mapping:
        raise InvalidInput("weights", weights, "must not be empty")
    return [(key, _weight(raw, f"weights[{key!r}]")) for key, raw in weights.items()]


def decompose(
    total: Money,
    weights: Mapping[K, Weight],
    *,
    unit: Unit = None,
    fixed: Mapping[K, Money] | None = None,
) -> dict[K, Money]:
    """Split ``total`` by ``weights`` exactly, keeping pinned parts (TARGET-1, TARGET-9).

    The parts sum exactly to ``total``.  Without ``fixed`` each part is within one
    ``unit`` of its exact share ``total * weight / sum(weights)``; leftover units go by
    largest remainder, ties to the earlier name (:func:`salesdomain.allocate`).  With
    ``fixed`` the pinned parts are kept exactly (a salesperson's agreed target) and
    the rest, ``total - sum(fixed)``, is spread over the other names by their weights,
    each within one unit of its exact share of the rest (the weights of pinned names
    are not used).

    Args:
        total: the non-negative amount to split, a whole number of ``unit``.
        weights: name -> non-negative weight (a :class:`Distribution` or any mapping);
            a zero weight gets a zero part.
        unit: the granularity in major units (default the currency's minor unit);
            ``Decimal("1000")`` splits in whole thousands.
        fixed: name -> pinned amount, for names of ``weights`` only.

    Returns:
        name -> part, in the order of ``weights``.

    Raises:
        InvalidInput: a negative total or pinned part; a total or pinned part that is
            not a whole number of units; pinned parts above the total (the message
            says by how much); a rest that no unpinned name can take.
        CurrencyMismatch: a pinned part in another currency.

    >>> from salesdomain import Money
    >>> decompose(Money("100000.00"), {"zhang": 1, "li": 1, "wang": 1})
    {'zhang': Money('33333.34', 'CNY'), 'li': Money('33333.33', 'CNY'), 'wang': Money('33333.33', 'CNY')}
    >>> decompose(Money("100000"), {"zhang": 1, "li": 1, "wang": 1}, fixed={"zhang": Money("40000")})
    {'zhang': Money('40000', 'CNY'), 'li': Money('30000.00', 'CNY'), 'wang': Money('30000.00', 'CNY')}
    >>> decompose(Money("100000"), {"a": 1, "b": 2}, unit=Decimal("1000"))
    {'a': Money('33000', 'CNY'), 'b': Money('67000', 'CNY')}
    >>> decompose(Money("100000"), {"zhang": 1, "li": 1}, fixed={"zhang": Money("120000")})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: fixed: pinned parts exceed the total 100000 CNY by 20000 CNY, got Money('120000', 'CNY')
    """
    amount = _target(total, "total")
    currency = amount.currency
    pairs = _split_weights(weights)
    step = _step(unit, currency)
    _check_whole(amount, step, "total")
    pinned: dict[K, Money] = {}
    if fixed is not None:
        names = {key for key, _ in pairs}
        for key, raw in _mapping(fixed, "fixed", "a mapping of name -> Money").items():
            field = f"fixed[{key!r}]"
            if key not in names:
                raise InvalidInput(field, key, "is not one of the names of the weights")
            part = _same_currency(_target(raw, field), currency, field, "the total")
            _check_whole(part, step, field)
            pinned[key] = part
    pinned_sum = sum(pinned.values(), Money.zero(currency))
    if pinned_sum > amount:
        raise InvalidInput(
            "fixed", pinned_sum, f"pinned parts exceed the total {amount} by {pinned_sum - amount}"
        )
    rest = amount - pinned_sum
    free = [(key, weight) for key, weight in pairs if key not in pinned]
    zero = Money.zero(currency)
    shares: dict[K, Money] = {}
    if rest:
        if not free:
            raise InvalidInput(
                "fixed", pinned_sum, f"every part is pinned, short of the total {amount} by {rest}"
            )
        if all(weight.is_zero() for _, weight in free):
            raise InvalidInput(
                "weights",
                dict(free),
                f"the unpinned names all weigh 0, so the rest {rest} has nowhere to go",
            )
        parts = allocate(rest, [weight for _, weight in free], unit=step)
        shares = {key: part for (key, _), part in zip(free, parts, strict=True)}
    result: dict[K, Money] = {}
    for key, _ in pairs:
        if key in pinned:
            result[key] = pinned[key]
        else:
            result[key] = shares.get(key, zero)
    return result


# ---------------------------------------------------------------------------
# weeks (TARGET-3)
# ---------------------------------------------------------------------------
def anchored_weeks(
    period: Period,
    *,
    week_anchor_day: int = calendar.THURSDAY,
    week_start: int = calendar.MONDAY,
) -> tuple[Period, ...]:
    """The whole weeks that belong to ``period``: those whose anchor day falls in it.

    A week that straddles two months belongs to the month that holds its anchor day
    (TARGET-3; default Thursday, as ISO week numbering does), so consecutive months
    share no week and miss none.

    Args:
        period: usually a month.
        week_anchor_day: the weekday (0 = Monday .. 6 = Sunday) that decides membership;
            pass the policy's ``week_anchor_day``.
        week_start: the first weekday of a week (default Monday).

    Returns:
        Seven-day periods in order (the first and last may reach outside ``period``).

    Raises:
        InvalidInput: a bad weekday number, a period longer than ten years (3660 days)
            or within a week of the ends of the calendar.

    >>> from salesdomain import Period
    >>> [str(week) for week in anchored_weeks(Period.month(2026, 1))]
    ['2025-12-29..2026-01-04', '2026-01-05..2026-01-11', '2026-01-12..2026-01-18', '2026-01-19..2026-01-25', '2026-01-26..2026-02-01']
    >>> anchored_weeks(Period.month(2026, 1), week_anchor_day=7)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: week_anchor_day: must be a weekday number 0 (Monday) to 6 (Sunday), got 7
    """
    if not isinstance(period, Period):
        raise WrongType("period", period, "a Period")
    if not (period.start >= _FIRST_WEEK_DAY and period.end <= _LAST_WEEK_DAY):
        raise InvalidInput(
            "period", period, f"must lie between {_FIRST_WEEK_DAY} and {_LAST_WEEK_DAY}"
        )
    if period.days > _MAX_WEEKS_SPAN_DAYS:
        raise InvalidInput(
            "period", period, f"spans more than {_MAX_WEEKS_SPAN_DAYS} days (split it by year)"
        )
    anchor = _weekday(week_anchor_day, "week_anchor_day")
    first_day = _weekday(week_start, "week_start")
    offset = _dt.timedelta(days=(anchor - first_day) % 7)
    start = Period.week_of(period.start, week_start=first_day).start
    week = _dt.timedelta(days=7)
    weeks: list[Period] = []
    while start <= period.end:
        if period.start <= start + offset <= period.end:
            weeks.append(Period(start, start + week - _DAY))
        start += week
    return tuple(weeks)


_FIRST_WEEK_DAY: Final = _dt.date(1, 1, 8)
_LAST_WEEK_DAY: Final = _dt.date(9999, 12, 24)
"""Weeks are whole: a period this close to the ends of the calendar has partial ones."""
_MAX_WEEKS_SPAN_DAYS: Final = 3660
"""The longest period split into weeks (ten years): the work grows with the weeks."""


def weekly_plan(
    amount: Money,
    period: Period,
    *,
    week_anchor_day: int = calendar.THURSDAY,
    week_start: int = calendar.MONDAY,
    unit: Unit = None,
) -> dict[Period, Money]:
    """Split a monthly (or any) target evenly over the weeks that belong to it (TARGET-3).

    The weeks are :func:`anchored_weeks`; the parts sum exactly to ``amount``.

    Raises:
        InvalidInput: no week belongs to ``period`` (it is shorter than a week and
            holds no anchor day), or the amount is not a whole number of units.

    >>> from salesdomain import Money, Period
    >>> [str(part.amount) for part in weekly_plan(Money("100000"), Period.month(2026, 2)).values()]
    ['25000.00', '25000.00', '25000.00', '25000.00']
    >>> weekly_plan(Money("100"), Period.day(datetime.date(2026, 2, 2)))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: period: no week belongs to it: it holds no Thursday (the week anchor day), got Period(start=datetime.date(2026, 2, 2), end=datetime.date(2026, 2, 2))
    """
    weeks = anchored_weeks(period, week_anchor_day=week_anchor_day, week_start=week_start)
    if not weeks:
        name = calendar.day_name[week_anchor_day]
        raise InvalidInput(
            "period", period, f"no week belongs to it: it holds no {name} (the week anchor day)"
        )
    return decompose(amount, Distribution.even(weeks), unit=unit)


# ---------------------------------------------------------------------------
# the annual plan (TARGET-2)
# ---------------------------------------------------------------------------
def _month_pairs(value: object) -> tuple[tuple[Period, Money], ...]:
    mapping = _mapping(value, "months", "a mapping of month Period -> Money")
    pairs: list[tuple[Period, Money]] = []
    for key, amount in mapping.items():
        if not isinstance(key, Period):
            raise WrongType("months", key, "a month Period as key")
        pairs.append((key, _target(amount, f"months[{key}]")))
    return tuple(pairs)


def _fiscal_year(value: object) -> FiscalYear:
    if not isinstance(value, FiscalYear):
        raise WrongType("fiscal_year", value, "a FiscalYear")
    return value


@attrs.frozen(field_transformer=wire_checks)
class TargetPlan:
    """A fiscal year's target split over its twelve months; it always adds up (TARGET-2).

    Built by :func:`annual_plan`.  Construction checks that the months are exactly the
    fiscal year's twelve months in fiscal order, in the total's currency, not
    negative, and that they sum exactly to ``total``; so a ``TargetPlan`` that exists
    adds up.  The quarters are the sums of their months.

    Args:
        fiscal_year: the :class:`FiscalYear`.
        total: the year's target.
        months: month :class:`Period` -> target (keyword).

    >>> from salesdomain import FiscalYear, Money
    >>> fy = FiscalYear(2026)
    >>> plan = TargetPlan(fy, Money("12"), months={m: Money("1") for m in fy.months()})
    >>> plan.quarters[fy.quarter(1)]
    Money('3', 'CNY')
    >>> TargetPlan(fy, Money("13"), months={m: Money("1") for m in fy.months()})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: months: the months sum to 12 CNY, not the total 13 CNY (short by 1 CNY), got Money('12', 'CNY')
    """

    fiscal_year: FiscalYear = attrs.field(converter=_fiscal_year)
    total: Money = attrs.field(metadata=check(_target))
    _months: tuple[tuple[Period, Money], ...] = attrs.field(kw_only=True, converter=_month_pairs)

    def __attrs_post_init__(self) -> None:
        expected = self.fiscal_year.months()
        keys = tuple(key for key, _ in self._months)
        if keys != expected:
            missing = [month for month in expected if month not in keys]
            unknown = [key for key in keys if key not in expected]
            if missing:
                problem = f"months {_names(missing)} are missing"
            elif unknown:
                problem = f"{_names(unknown)} are not months of the fiscal year"
            else:
                problem = "the months must be in fiscal order"
            raise InvalidInput("months", keys, problem)
        currency = self.total.currency
        for month, amount in self._months:
            _same_currency(amount, currency, f"months[{month}]", "the total")
        months_sum = sum((amount for _, amount in self._months), Money.zero(currency))
        if months_sum != self.total:
            gap = self.total - months_sum
            how = f"short by {gap}" if gap.amount > ZERO else f"over by {-gap}"
            raise InvalidInput(
                "months",
                months_sum,
                f"the months sum to {months_sum}, not the total {self.total} ({how})",
            )

    @property
    def currency(self) -> str:
        """The currency of the plan."""
        return self.total.currency

    @property
    def months(self) -> dict[Period, Money]:
        """Month -> target, in fiscal order (a fresh dict)."""
        return dict(self._months)

    @property
    def quarters(self) -> dict[Period, Money]:
        """Fiscal quarter -> target (the sum of its three months), in fiscal order."""
        zero = Money.zero(self.currency)
        amounts = [amount for _, amount in self._months]
        return {
            quarter: sum(amounts[3 * index : 3 * index + 3], zero)
            for index, quarter in enumerate(self.fiscal_year.quarters())
        }

    def weeks(
        self,
        *,
        week_anchor_day: int = calendar.THURSDAY,
        week_start: int = calendar.MONDAY,
        unit: Unit = None,
    ) -> dict[Period, Money]:
        """Each month's target split evenly over the weeks that belong to it (TARGET-3).

        Every week belongs to exactly one month (:func:`anchored_weeks`), so the weeks
        sum exactly to the year.

        >>> from salesdomain import FiscalYear, Money
        >>> fy = FiscalYear(2026)
        >>> plan = TargetPlan(fy, Money("52"), months={m: Money("4") if m.start.month != 12
        ...     else Money("8") for m in fy.months()})
        >>> weeks = plan.weeks()
        >>> len(weeks), sum(weeks.values(), Money.zero())
        (53, Money('52.00', 'CNY'))
        >>> plan.weeks(unit=Decimal("3"))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: total: is not a whole number of units of 3 CNY; round it, got Money('4', 'CNY')
        """
        result: dict[Period, Money] = {}
        for month, amount in self._months:
            result.update(
                weekly_plan(
                    amount,
                    month,
                    week_anchor_day=week_anchor_day,
                    week_start=week_start,
                    unit=unit,
                )
            )
        return result

    def to_nested(self) -> dict[PlanKey, PlanNode]:
        """The plan in :func:`check_plan`'s format: year -> quarters -> months.

        >>> from salesdomain import FiscalYear, Money
        >>> fy = FiscalYear(2026)
        >>> plan = TargetPlan(fy, Money("12"), months={m: Money("1") for m in fy.months()})
        >>> check_plan(plan.to_nested()).allowed
        True
        """
        amounts = list(self._months)
        quarters: dict[PlanKey, PlanNode] = {}
        for index, (quarter, amount) in enumerate(self.quarters.items()):
            months: dict[PlanKey, PlanNode] = dict(amounts[3 * index : 3 * index + 3])
            quarters[quarter] = (amount, months)
        return {self.fiscal_year.period: (self.total, quarters)}


AnnualDistribution: TypeAlias = Union[
    Mapping[Period, Weight], Mapping[int, Weight], Mapping[str, Weight]
]


def _grain(
    distribution: Mapping[object, object], fiscal_year: FiscalYear
) -> tuple[str, dict[Period, Decimal]]:
    """Read a distribution as months or quarters of ``fiscal_year``: (grain, weights)."""
    months = fiscal_year.months()
    quarters = fiscal_year.quarters()
    keys = list(distribution)
    if not keys:
        raise InvalidInput("distribution", distribution, "must not be empty")
    named: dict[Period, object]
    missing: list[object]
    if all(isinstance(key, Period) for key in keys):
        by_quarter = any(key in quarters for key in keys) and not any(key in months for key in keys)
        grain, periods, label = (
            ("quarters", quarters, "fiscal quarters")
            if by_quarter
            else ("months", months, "months")
        )
        unknown = [key for key in keys if key not in periods]
        if unknown:
            raise InvalidInput(
                "distribution", distribution, f"{_names(unknown)} are not {label} of {fiscal_year}"
            )
        named = {period: distribution[period] for period in periods if period in distribution}
        missing = [period for period in periods if period not in distribution]
    elif all(type(key) is int for key in keys):
        grain = "months"
        unknown = [key for key in keys if key not in _MONTHS]
        if unknown:
            raise InvalidInput("distribution", distribution, f"unknown months {_names(unknown)}")
        named = {m: distribution[m.start.month] for m in months if m.start.month in distribution}
        missing = [m.start.month for m in months if m.start.month not in distribution]
    elif all(type(key) is str for key in keys):
        grain = "quarters"
        unknown = [key for key in keys if key not in _QUARTERS]
        if unknown:
            raise InvalidInput(
                "distribution", distribution, f"unknown quarters {_names(unknown)} (use Q1..Q4)"
            )
        named = {
            q: distribution[name]
            for name, q in zip(_QUARTERS, quarters, strict=True)
            if name in distribution
        }
        missing = [name for name in _QUARTERS if name not in distribution]
    else:
        raise WrongType(
            "distribution",
            distribution,
            "keys that are all month numbers 1..12, all 'Q1'..'Q4', or all Periods",
        )
    if missing:
        raise InvalidInput(
            "distribution",
            distribution,
            f"{grain} {_names(missing)} are missing (write 0 for a period without target)",
        )
    weights = {key: _weight(raw, f"distribution[{key}]") for key, raw in named.items()}
    return grain, weights


def annual_plan(
    total: Money,
    fiscal_year: FiscalYear,
    distribution: AnnualDistribution,
    *,
    unit: Unit = None,
) -> TargetPlan:
    """Split a year's target over its months and quarters, exactly (TARGET-2, TARGET-5).

    How the split works (the order matters for exactness):

    - A monthly distribution (keys: calendar month numbers 1..12, or the fiscal year's
      month :class:`Period` values) splits the year over the twelve months by weight
      with :func:`decompose`; each quarter is then the sum of its three months.
    - A quarterly distribution (keys ``"Q1"``..``"Q4"`` = fiscal quarters, or the
      fiscal year's quarter periods) splits the year over the quarters by weight, then
      each quarter evenly over its three months.

    Either way the months sum exactly to the year, the quarters sum exactly to the
    year, and every quarter equals the sum of its months.  A fiscal year may start in
    any month: month keys 1..12 always mean calendar months, so the same seasonality
    serves every fiscal year.

    Args:
        total: the year's target (a whole number of ``unit``).
        fiscal_year: the :class:`FiscalYear` (``FiscalYear(2026, start_month=4)``).
        distribution: a :class:`Distribution` or mapping naming every month (or every
            quarter); a missing one is an error, write ``0`` for none.
        unit: the granularity of the split (default the currency's minor unit).

    Returns:
        The :class:`TargetPlan`.

    Raises:
        InvalidInput: a missing or unknown month or quarter; all weights zero for a
            positive total; a total that is not a whole number of units.

    >>> from salesdomain import FiscalYear, Money
    >>> seasonality = Distribution.monthly([6, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9])
    >>> plan = annual_plan(Money("1200000"), FiscalYear(2026), seasonality)
    >>> [str(q.amount) for q in plan.quarters.values()]
    ['252000.00', '300000.00', '324000.00', '324000.00']
    >>> annual_plan(Money("1200000"), FiscalYear(2026), {1: 6, 2: 7})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: distribution: months 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 are missing (write 0 for a period without target), got {1: 6, 2: 7}
    """
    amount = _target(total, "total")
    year = _fiscal_year(fiscal_year)
    mapping = _mapping(distribution, "distribution", "a Distribution or mapping of weights")
    grain, weights = _grain(mapping, year)
    if grain == "months":
        months = decompose(amount, weights, unit=unit)
    else:
        months = {}
        for quarter, part in decompose(amount, weights, unit=unit).items():
            months.update(decompose(part, Distribution.even(quarter.months()), unit=unit))
    return TargetPlan(year, amount, months=months)


def phase_plan(
    total: Money,
    phases: Mapping[Period, Weight],
    *,
    unit: Unit = None,
    fixed: Mapping[Period, Money] | None = None,
) -> dict[Period, Money]:
    """Split a real-estate project's target over its phases (TARGET-9).

    Phases (蓄客 / 开盘 / 持销 / 尾盘...) are periods with weights; they must not
    overlap, and their targets sum exactly to the project's target.  Phase names are
    the caller's: keep a ``name -> Period`` mapping beside the plan.

    Args:
        total: the project's target.
        phases: phase period -> weight.
        unit: the granularity (e.g. ``Decimal("10000")`` for whole 万).
        fixed: phase period -> pinned target.

    Returns:
        phase period -> target, in the order given.

    Raises:
        InvalidInput: two phases overlap (both are named), or as :func:`decompose`.

    >>> import datetime
    >>> from salesdomain import Money, Period
    >>> launch = Period(datetime.date(2026, 5, 1), datetime.date(2026, 6, 30))
    >>> selling = Period(datetime.date(2026, 7, 1), datetime.date(2027, 3, 31))
    >>> phase_plan(Money("90000000"), {launch: 2, selling: 1})[launch]
    Money('60000000.00', 'CNY')
    >>> phase_plan(Money("1"), {launch: 1, Period.month(2026, 6): 1})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: phases: overlaps the phase 2026-05-01..2026-06-30, got Period(start=datetime.date(2026, 6, 1), end=datetime.date(2026, 6, 30))
    """
    mapping = _mapping(phases, "phases", "a mapping of phase Period -> weight")
    periods: list[Period] = []
    for key in mapping:
        if not isinstance(key, Period):
            raise WrongType("phases", key, "a Period as the key of each phase")
        periods.append(key)
    ordered = sorted(periods, key=lambda period: (period.start, period.end))
    for first, second in itertools.pairwise(ordered):
        if second.start <= first.end:
            raise InvalidInput("phases", second, f"overlaps the phase {first}")
    return decompose(total, phases, unit=unit, fixed=fixed)


# ---------------------------------------------------------------------------
# people (TARGET-1, X-5)
# ---------------------------------------------------------------------------
def _people(mapping: Mapping[object, object], field: str) -> None:
    for key in mapping:
        if type(key) is not str or not key.strip():
            raise WrongType(field, key, "a non-empty str naming a salesperson")


def assign(
    amount: Money,
    weights_by_person: Mapping[str, Weight],
    *,
    over_allocation: Weight = ZERO,
    unit: Unit = None,
    fixed: Mapping[str, Money] | None = None,
) -> dict[str, Money]:
    """Split a team's monthly target into each salesperson's target (TARGET-1, X-5).

    Without a margin the people's targets sum exactly to the team's.  With
    ``over_allocation`` (X-5: a managerial buffer, the policy's
    ``allow_over_allocation``) the team target is grossed up to
    ``amount * (1 + over_allocation)``, rounded *down* to a whole ``unit``, and that is
    split.  So the individual targets sum to at least the team target (never less)
    and at most ``amount * (1 + over_allocation)``.

    Args:
        amount: the team's target for the month.
        weights_by_person: salesperson -> weight (equal weights for an even split).
        over_allocation: the margin as a fraction (``Decimal("0.1")`` = up to 10% more),
            0 to 1; default 0 (exact).
        unit: the granularity (default the currency's minor unit).
        fixed: salesperson -> pinned target; the rest is spread over the others.

    Returns:
        salesperson -> target, in the order given.

    Raises:
        InvalidInput: a margin outside 0..1, an empty roster, or as :func:`decompose`.

    >>> from salesdomain import Money
    >>> assign(Money("300000"), {"zhang": 1, "li": 1, "wang": 1}, over_allocation=Decimal("0.1"))
    {'zhang': Money('110000.00', 'CNY'), 'li': Money('110000.00', 'CNY'), 'wang': Money('110000.00', 'CNY')}
    >>> assign(Money("300000"), {"zhang": 1}, over_allocation=Decimal("-0.1"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: over_allocation: expected a rate (a fraction) between 0 and 1, got Decimal('-0.1')
    """
    team = _target(amount, "amount")
    margin = check_rate(over_allocation, "over_allocation")
    _people(
        _mapping(weights_by_person, "weights_by_person", "a mapping of name -> weight"),
        "weights_by_person",
    )
    step = _step(unit, team.currency)
    _check_whole(team, step, "amount")
    goal = team
    if margin:
        grossed = _CTX.multiply(team.amount, _CTX.add(ONE, margin))
        units = _CTX.divide(grossed, step).to_integral_value(ROUND_FLOOR, _CTX)
        goal = Money(_CTX.multiply(units, step), team.currency)
    return decompose(goal, weights_by_person, unit=step, fixed=fixed)


def check_assignment(
    team_target: Money,
    targets: Mapping[str, Money],
    *,
    over_allocation: Weight = ZERO,
) -> Decision:
    """Check individual targets set elsewhere against the team's target (TARGET-1, X-5).

    The individual targets must sum to at least the team target (never less) and at
    most ``team_target * (1 + over_allocation)`` (exactly the team target when the
    margin is 0).

    Returns:
        ``ALLOWED`` (``individual_targets_cover_team_target``) or ``REJECTED``
        (``individual_targets_short_of_team_target`` with the shortfall, or
        ``individual_targets_exceed_margin`` with the excess over the ceiling).

    Raises:
        InvalidInput: an empty roster, a negative target, a margin outside 0..1.
        CurrencyMismatch: targets in another currency.

    >>> from salesdomain import Money
    >>> d = check_assignment(Money("300000"), {"zhang": Money("150000"), "li": Money("140000")})
    >>> d.verdict.name, d.reasons[0].code, d.reasons[0].param("shortfall")
    ('REJECTED', 'individual_targets_short_of_team_target', Money('10000', 'CNY'))
    >>> check_assignment(Money("300000"), {})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: targets: must not be empty, got {}
    """
    team = _target(team_target, "team_target")
    margin = check_rate(over_allocation, "over_allocation")
    mapping = _mapping(targets, "targets", "a mapping of name -> Money")
    if not mapping:
        raise InvalidInput("targets", targets, "must not be empty")
    _people(mapping, "targets")
    assigned = Money.zero(team.currency)
    for name, raw in mapping.items():
        field = f"targets[{name!r}]"
        assigned += _same_currency(_target(raw, field), team.currency, field, "the team target")
    factor = _CTX.add(ONE, margin)
    ceiling = team * factor
    rate = Rate(margin)
    if assigned < team:
        reason = Reason(
            "TARGET-1",
            "individual_targets_short_of_team_target",
            {"team_target": team, "assigned": assigned, "shortfall": team - assigned},
        )
        return Decision(Verdict.REJECTED, (reason,))
    if assigned.amount > _CTX.multiply(team.amount, factor):
        reason = Reason(
            "TARGET-1",
            "individual_targets_exceed_margin",
            {
                "team_target": team,
                "assigned": assigned,
                "ceiling": ceiling,
                "excess": assigned - ceiling,
                "margin": rate,
            },
        )
        return Decision(Verdict.REJECTED, (reason,))
    reason = Reason(
        "TARGET-1",
        "individual_targets_cover_team_target",
        {"team_target": team, "assigned": assigned, "margin": rate},
    )
    return Decision(Verdict.ALLOWED, (reason,))


# ---------------------------------------------------------------------------
# plans from outside (TARGET-2, TARGET-3, TARGET-9)
# ---------------------------------------------------------------------------
def _plan_key(key: object, field: str) -> PlanKey:
    if isinstance(key, (Period, str)) or (type(key) is int):
        return key
    raise WrongType(field, key, "a Period, str or int naming a plan node")


def _path_name(path: Sequence[PlanKey]) -> str:
    return "plan" + "".join(f"[{key}]" if isinstance(key, Period) else f"[{key!r}]" for key in path)


def _instance_of(
    kind: type, what: str, *, optional: bool = False
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """An attrs validator that refuses a wrong type with :class:`WrongType` (not a bare
    ``TypeError``), naming the field and the value."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise WrongType(attribute.name, value, what)

    return check


@attrs.frozen(kw_only=True)
class PlanCheck(Decision):
    """The result of :func:`check_plan`.

    Attributes:
        nodes: how many nodes were checked.
        differences: ``(path, children_sum - amount)`` for every node whose children do
            not sum to it; ``path`` is the tuple of keys from the root to the node.
    """

    nodes: int = attrs.field(validator=_instance_of(int, "an int"))
    differences: tuple[tuple[tuple[PlanKey, ...], Money], ...] = ()


def check_plan(plan: Mapping[PlanKey, PlanNode], *, check_periods: bool = True) -> PlanCheck:
    """Report every node of an outside plan whose children do not add up (TARGET-2).

    A plan from a spreadsheet or another system is a nested mapping: each key names a
    node (a :class:`Period`, a str or an int), each value is either a leaf ``Money``
    or a pair ``(amount, children)`` where ``children`` is a mapping of the same form
    (empty or ``None`` for a leaf)::

        {year: (Money("1200000"), {q1: (Money("252000"), {jan: Money("72000"), ...}), ...})}

    For every node with children, the children must sum exactly to the node: if not,
    reason ``children_do_not_sum_to_parent`` with the exact ``difference`` (children's
    sum minus the node's amount: positive when the children over-plan).  With
    ``check_periods`` (the default), when all children of a node are periods they must
    not overlap (``children_overlap``, TARGET-9 phases), and when the node is a period
    too they must lie inside it (``child_outside_parent``, TARGET-3) and cover it
    without gaps (``period_not_covered``: a missing month, TARGET-2).

    Args:
        plan: the root nodes (usually one).
        check_periods: also check period containment, overlaps and gaps.

    Returns:
        ``ALLOWED`` (reason ``plan_adds_up``) or ``REJECTED`` listing every problem in
        depth-first order.

    Raises:
        WrongType: a node that is neither Money nor an ``(amount, children)`` pair, or
            a key that is not a Period, str or int.
        InvalidInput: a negative amount, an empty plan.
        CurrencyMismatch: two currencies in one plan.

    >>> from salesdomain import Money
    >>> check = check_plan({"team": (Money("100"), {"zhang": Money("60"), "li": Money("30")})})
    >>> check.verdict.name, check.differences
    ('REJECTED', ((('team',), Money('-10', 'CNY')),))
    >>> check_plan({"team": (Money("100"), ["zhang"])})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: plan['team']: expected a mapping of child nodes, got list ['zhang']
    """
    roots = _mapping(plan, "plan", "a mapping of node name -> node")
    if not roots:
        raise InvalidInput("plan", plan, "must not be empty")
    reasons: list[Reason] = []
    differences: list[tuple[tuple[PlanKey, ...], Money]] = []
    currencies: list[str] = []
    count = 0

    def visit(path: tuple[PlanKey, ...], node: object) -> Money:
        nonlocal count
        count += 1
        field = _path_name(path)
        children: Mapping[object, object] | None = None
        if type(node) is Money:
            amount = node
        elif isinstance(node, tuple) and len(node) == 2:
            amount = _money(node[0], field)
            if node[1] is not None:
                children = _mapping(node[1], field, "a mapping of child nodes")
        else:
            raise WrongType(field, node, "Money or an (amount, children) pair")
        if amount.amount < ZERO:
            raise InvalidInput(field, amount, "a target must not be negative")
        if not currencies:
            currencies.append(amount.currency)
        _same_currency(amount, currencies[0], field, "the rest of the plan")
        if not children:
            return amount
        keys = [_plan_key(key, field) for key in children]
        total = Money.zero(amount.currency)
        for key in keys:
            total += visit((*path, key), children[key])
        if total != amount:
            difference = total - amount
            differences.append((path, difference))
            reasons.append(
                Reason(
                    "TARGET-2",
                    "children_do_not_sum_to_parent",
                    {
                        "node": path,
                        "amount": amount,
                        "children_sum": total,
                        "difference": difference,
                    },
                )
            )
        if check_periods:
            periods = [key for key in keys if isinstance(key, Period)]
            if len(periods) == len(keys):
                reasons.extend(_period_problems(path, periods))
        return amount

    for key in roots:
        root = _plan_key(key, "plan")
        visit((root,), roots[root])
    if reasons:
        return PlanCheck(
            Verdict.REJECTED, tuple(reasons), nodes=count, differences=tuple(differences)
        )
    ok = Reason("TARGET-2", "plan_adds_up", {"nodes": count})
    return PlanCheck(Verdict.ALLOWED, (ok,), nodes=count)


def _period_problems(path: tuple[PlanKey, ...], children: list[Period]) -> list[Reason]:
    """Overlaps between child periods; containment and gaps when the parent is a period."""
    problems: list[Reason] = []
    ordered = sorted(children, key=lambda period: (period.start, period.end))
    latest = ordered[0]
    for child in ordered[1:]:
        if child.start <= latest.end:
            problems.append(
                Reason(
                    "TARGET-3",
                    "children_overlap",
                    {"node": path, "first": latest, "second": child},
                )
            )
        if child.end > latest.end:
            latest = child
    parent = path[-1]
    if not isinstance(parent, Period):
        return problems
    for child in children:
        if child.start < parent.start or child.end > parent.end:
            problems.append(
                Reason(
                    "TARGET-3",
                    "child_outside_parent",
                    {"node": path, "parent": parent, "child": child},
                )
            )
    cursor: _dt.date | None = parent.start  # None: covered up to the last date there is
    for child in ordered:
        if cursor is None:
            break
        if child.start > cursor and cursor <= parent.end:
            gap = Period(cursor, min(child.start - _DAY, parent.end))
            problems.append(Reason("TARGET-2", "period_not_covered", {"node": path, "gap": gap}))
        if child.end >= cursor:
            cursor = None if child.end == _dt.date.max else child.end + _DAY
    if cursor is not None and cursor <= parent.end:
        gap = Period(cursor, parent.end)
        problems.append(Reason("TARGET-2", "period_not_covered", {"node": path, "gap": gap}))
    return problems


# ---------------------------------------------------------------------------
# policy
# ---------------------------------------------------------------------------
def _policy_rate(value: object, field: str) -> Decimal:
    try:
        return check_rate(value, field)
    except PolicyError:
        raise
    except InvalidInput as exc:
        raise PolicyError(field, value, exc.problem) from None


def _deviation_tolerance(value: object) -> Decimal:
    return _policy_rate(value, "deviation_tolerance")


def _allow_over_allocation(value: object) -> Decimal:
    return _policy_rate(value, "allow_over_allocation")


def _rounding(value: object) -> str:
    try:
        return check_rounding(value, "rounding")
    except PolicyError:
        raise
    except InvalidInput as exc:
        raise PolicyError("rounding", value, exc.problem) from None


def _anchor_day(value: object) -> int:
    try:
        return _weekday(value, "week_anchor_day")
    except PolicyError:
        raise
    except InvalidInput as exc:
        raise PolicyError("week_anchor_day", value, exc.problem) from None


@attrs.frozen(kw_only=True)
class TargetPolicy:
    """A company's settings for targets and plans (RULES.md section 23.5).

    Args:
        deviation_tolerance: how far completion may lag the elapsed share of the period
            before it needs correcting (TARGET-4), in percentage points written as a
            fraction: ``Decimal("0.05")`` = 5 points.  Required: the seed gives none.
        allow_over_allocation: the X-5 margin by which people's targets may exceed the
            team's (TARGET-1); default 0 (exact).  Pass it to :func:`assign` and
            :func:`check_assignment`.
        rounding: the rounding mode of the projected pace (default ``ROUND_HALF_UP``,
            四舍五入).
        week_anchor_day: the weekday that decides which month a straddling week belongs
            to (TARGET-3); default 3 (Thursday).  Pass it to :func:`weekly_plan`.

    Raises:
        PolicyError: a value out of range, naming the field.

    >>> TargetPolicy(deviation_tolerance=Decimal("0.05")).week_anchor_day
    3
    >>> TargetPolicy(deviation_tolerance=Decimal("5"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: deviation_tolerance: expected a rate (a fraction) between 0 and 1, got Decimal('5')
    """

    deviation_tolerance: Decimal = attrs.field(converter=_deviation_tolerance)
    allow_over_allocation: Decimal = attrs.field(default=ZERO, converter=_allow_over_allocation)
    rounding: str = attrs.field(default=ROUND_HALF_UP, converter=_rounding)
    week_anchor_day: int = attrs.field(default=calendar.THURSDAY, converter=_anchor_day)


# ---------------------------------------------------------------------------
# progress and re-planning (TARGET-4, TARGET-7)
# ---------------------------------------------------------------------------
_REPORT_QUANTUM: Final = Decimal("1e-12")


def _report(value: Decimal) -> Rate:
    """A rate for reporting: rounded half-even to 12 places, trailing zeros dropped."""
    number = value.quantize(_REPORT_QUANTUM, ROUND_HALF_EVEN, _CTX).normalize(_CTX)
    if number.as_tuple().exponent > 0:  # type: ignore[operator]
        number = number.quantize(ONE, ROUND_HALF_EVEN, _CTX)
    return Rate(number)


_optional_rate = _instance_of(Rate, "a Rate or None", optional=True)
_optional_money = _instance_of(Money, "Money or None", optional=True)


@attrs.frozen(kw_only=True)
class Progress(Decision):
    """Where a target stands part-way through its period (TARGET-4, TARGET-7).

    The verdict: ``ALLOWED`` when the target is met, on track or has not started;
    ``NEEDS_APPROVAL`` meaning *needs corrective action* (出现偏差及时纠正) when
    completion lags the elapsed share of the period by more than the tolerance;
    ``REJECTED`` when the period is over and the target was missed.  ``approvers`` is
    empty: the correction is the manager's (ROLE-7), not a signature.

    Attributes:
        target, actual, period, as_of: the inputs.
        completion: ``actual / target`` (``None`` for a zero target).
        elapsed: the elapsed share of the period's days (``as_of`` counts as elapsed).
        lag: ``elapsed - completion`` in percentage points as a fraction (``None`` for a
            zero target); positive when behind.
        pace: the projected end-of-period result at the current run-rate,
            ``actual / elapsed``, rounded to the currency with the policy's mode
            (``None`` before the period starts).
        remaining: what is still to do, ``target - actual`` (zero once met).

    Rates are reported to 12 decimal places; the verdict compares exact values.
    """

    target: Money = attrs.field(validator=_instance_of(Money, "Money"))
    actual: Money = attrs.field(validator=_instance_of(Money, "Money"))
    period: Period = attrs.field(validator=_instance_of(Period, "a Period"))
    as_of: _dt.date = attrs.field(validator=_instance_of(_dt.date, "a datetime.date"))
    completion: Rate | None = attrs.field(validator=_optional_rate)
    elapsed: Rate = attrs.field(validator=_instance_of(Rate, "a Rate"))
    lag: Rate | None = attrs.field(validator=_optional_rate)
    pace: Money | None = attrs.field(validator=_optional_money)
    remaining: Money = attrs.field(validator=_instance_of(Money, "Money"))


def _policy(value: object) -> TargetPolicy:
    if not isinstance(value, TargetPolicy):
        raise WrongType("policy", value, "a TargetPolicy")
    return value


def progress(
    target: Money,
    actual: Money,
    period: Period,
    as_of: _dt.date,
    policy: TargetPolicy,
) -> Progress:
    """Measure a target's progress and say whether it needs correcting (TARGET-4, TARGET-7).

    The same snapshot is the progress report superiors decide on (REPORT-9), and the
    revenue side of a hotel's departmental sales budget (TARGET-8, with
    ``expenses.check_expenses`` for its cost side).

    Part-way through a period the actual result is compared pro rata: completion
    (``actual / target``) against the elapsed share of the period's calendar days
    (:func:`salesdomain.elapsed_fraction`, ``as_of`` counting as elapsed).  When the lag
    ``elapsed - completion`` is *more than* ``policy.deviation_tolerance`` the verdict is
    ``NEEDS_APPROVAL`` (needs corrective action, TARGET-4).  Once the period is over
    (``as_of`` on or after its last day) a target below the actual is ``REJECTED``
    (missed, TARGET-7), whatever the tolerance: the tolerance is for steering during
    the period, not for the final count.  Use it for department budgets too (TARGET-8).

    Reasons, in order of precedence: ``target_zero`` (nothing to measure),
    ``target_met``, ``target_missed``, ``target_not_started``,
    ``target_behind_schedule``, ``target_on_track``.

    Args:
        target: the period's target (not negative).
        actual: the result so far (may be negative after returns).
        period: the target's period.
        as_of: the day of measurement (its results included).
        policy: the :class:`TargetPolicy`.

    Returns:
        The :class:`Progress`.

    Raises:
        CurrencyMismatch: ``actual`` in another currency.
        InvalidInput: a negative target.

    >>> from salesdomain import Money, Period
    >>> policy = TargetPolicy(deviation_tolerance=Decimal("0.05"))
    >>> p = progress(Money("300000"), Money("100000"), Period.month(2026, 4),
    ...              datetime.date(2026, 4, 15), policy)
    >>> p.verdict.name, str(p.completion), str(p.elapsed), str(p.lag), p.pace
    ('NEEDS_APPROVAL', '33.3333333333%', '50%', '16.6666666667%', Money('200000.00', 'CNY'))
    >>> progress(Money("300000"), Money("100", "USD"), Period.month(2026, 4),
    ...          datetime.date(2026, 4, 15), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.CurrencyMismatch: actual: must be in CNY like the target, got 'USD'
    """
    goal = _target(target, "target")
    result = _same_currency(_money(actual, "actual"), goal.currency, "actual", "the target")
    if not isinstance(period, Period):
        raise WrongType("period", period, "a Period")
    day = check_date(as_of, "as_of")
    rules = _policy(policy)
    elapsed = elapsed_fraction(period, day)
    zero = Money.zero(goal.currency)
    remaining = goal - result if result < goal else zero
    days = Decimal(period.days)
    done_days = Decimal(min(max((day - period.start).days + 1, 0), period.days))
    pace: Money | None = None
    if done_days:
        projected = _CTX.divide(_CTX.multiply(result.amount, days), done_days)
        pace = Money(
            projected.quantize(minor_unit(goal.currency), rules.rounding, _CTX), goal.currency
        )
    elapsed_rate = _report(elapsed)

    def build(
        verdict: Verdict, reason: Reason, completion: Rate | None, lag: Rate | None
    ) -> Progress:
        return Progress(
            verdict,
            (reason,),
            target=goal,
            actual=result,
            period=period,
            as_of=day,
            completion=completion,
            elapsed=elapsed_rate,
            lag=lag,
            pace=pace,
            remaining=remaining,
        )

    if not goal:
        reason = Reason("TARGET-4", "target_zero", {"period": period, "actual": result})
        return build(Verdict.ALLOWED, reason, None, None)
    completion = _report(_CTX.divide(result.amount, goal.amount))
    lag = _report(_CTX.subtract(elapsed, _CTX.divide(result.amount, goal.amount)))
    if result >= goal:
        reason = Reason(
            "TARGET-7", "target_met", {"period": period, "target": goal, "actual": result}
        )
        return build(Verdict.ALLOWED, reason, completion, lag)
    if done_days == days:
        reason = Reason(
            "TARGET-7",
            "target_missed",
            {"period": period, "target": goal, "actual": result, "shortfall": remaining},
        )
        return build(Verdict.REJECTED, reason, completion, lag)
    if pace is None:
        reason = Reason(
            "TARGET-4", "target_not_started", {"period": period, "as_of": day, "target": goal}
        )
        return build(Verdict.ALLOWED, reason, completion, lag)
    # Exact comparison, free of repeating decimals: lag > tolerance  <=>
    # done_days * target - actual * days > tolerance * days * target.
    behind = _CTX.subtract(
        _CTX.multiply(done_days, goal.amount), _CTX.multiply(result.amount, days)
    ) > _CTX.multiply(_CTX.multiply(rules.deviation_tolerance, days), goal.amount)
    params = {
        "period": period,
        "as_of": day,
        "target": goal,
        "actual": result,
        "completion": completion,
        "elapsed": elapsed_rate,
        "lag": lag,
        "tolerance": Rate(rules.deviation_tolerance),
        "pace": pace,
    }
    if behind:
        reason = Reason("TARGET-4", "target_behind_schedule", params)
        return build(Verdict.NEEDS_APPROVAL, reason, completion, lag)
    reason = Reason("TARGET-4", "target_on_track", params)
    return build(Verdict.ALLOWED, reason, completion, lag)


def replan_remaining(
    targets: TargetPlan | Mapping[Period, Money],
    actuals: Mapping[Period, Money],
    as_of: _dt.date,
    *,
    weights: Mapping[Period, Weight] | None = None,
    unit: Unit = None,
) -> dict[Period, Money]:
    """Spread what is left of the total over the periods still open (TARGET-4 catch-up).

    A period is *closed* when its last day is on or before ``as_of``; its revised
    target is its actual result.  What is left, ``total - sum(closed actuals)``, is
    split exactly over the *open* periods (the current one and those ahead) by
    ``weights``, by default their original targets (so the seasonality is kept), or
    evenly when those are all zero.  The
    open periods' own actuals are not used: an open period's new target includes what
    it has already sold.  So the revised plan sums exactly to the original total; if
    the closed periods already exceed it, the open periods get zero and the revised
    plan sums to what was achieved.

    Args:
        targets: a :class:`TargetPlan` (its months) or period -> target.
        actuals: period -> actual result; every closed period needs one (write zero).
        as_of: the day of re-planning (its results included).
        weights: open period -> weight, to change the shape of the rest.
        unit: the granularity (default the currency's minor unit).

    Returns:
        period -> revised target, in the order of ``targets``.

    Raises:
        InvalidInput: a closed period without an actual, an actual for an unknown
            period, no open period left, what is left not a whole number of units, or
            custom weights that are all zero while something is left.
        CurrencyMismatch: amounts in another currency.

    >>> from salesdomain import FiscalYear, Money, Period
    >>> plan = annual_plan(Money("1200000"), FiscalYear(2026), Distribution.even(range(1, 13)))
    >>> revised = replan_remaining(plan, {Period.month(2026, 1): Money("70000"),
    ...     Period.month(2026, 2): Money("80000")}, datetime.date(2026, 2, 28))
    >>> revised[Period.month(2026, 3)], sum(revised.values(), Money.zero())
    (Money('105000.00', 'CNY'), Money('1200000.00', 'CNY'))
    >>> replan_remaining(plan, {}, datetime.date(2026, 2, 28))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: actuals: closed period 2026-01-01..2026-01-31 has no actual (write zero if nothing was sold), got Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31))
    """
    if isinstance(targets, TargetPlan):
        plan = targets.months
        total = targets.total
    else:
        mapping = _mapping(targets, "targets", "a TargetPlan or a mapping of Period -> Money")
        if not mapping:
            raise InvalidInput("targets", targets, "must not be empty")
        plan = {}
        for key, raw in mapping.items():
            if not isinstance(key, Period):
                raise WrongType("targets", key, "a Period as key")
            plan[key] = _target(raw, f"targets[{key}]")
        currency = next(iter(plan.values())).currency
        for key, amount in plan.items():
            _same_currency(amount, currency, f"targets[{key}]", "the other targets")
        total = sum(plan.values(), Money.zero(currency))
    currency = total.currency
    day = check_date(as_of, "as_of")
    given = _mapping(actuals, "actuals", "a mapping of Period -> Money")
    for key, raw in given.items():
        if key not in plan:
            raise InvalidInput("actuals", key, "is not a period of the plan")
        _same_currency(_money(raw, f"actuals[{key}]"), currency, f"actuals[{key}]", "the plan")
    closed = [period for period in plan if period.end <= day]
    still_open = [period for period in plan if period.end > day]
    if not still_open:
        raise InvalidInput("as_of", day, "every period of the plan has ended: nothing to re-plan")
    achieved = Money.zero(currency)
    for period in closed:
        if period not in given:
            raise InvalidInput(
                "actuals",
                period,
                f"closed period {period} has no actual (write zero if nothing was sold)",
            )
        achieved += given[period]
    left = total - achieved
    if left.amount < ZERO:
        left = Money.zero(currency)
    step = _step(unit, currency)
    if weights is None:
        shape: dict[Period, Weight] = {period: plan[period].amount for period in still_open}
        if all(plan[period].amount.is_zero() for period in still_open):
            shape = dict.fromkeys(still_open, 1)
    else:
        custom = _mapping(weights, "weights", "a mapping of open Period -> weight")
        missing = [period for period in still_open if period not in custom]
        if missing:
            raise InvalidInput("weights", weights, f"open periods {_names(missing)} have no weight")
        unknown = [key for key in custom if key not in still_open]
        if unknown:
            raise InvalidInput("weights", weights, f"{_names(unknown)} are not open periods")
        shape = {period: weights[period] for period in still_open}
    try:
        _check_whole(left, step, "left")
    except InvalidInput:
        raise InvalidInput(
            "actuals", left, f"what is left is not a whole number of units of {step} {currency}"
        ) from None
    if left and all(_weight(raw, "weights").is_zero() for raw in shape.values()):
        raise InvalidInput(
            "weights",
            shape,
            f"the open periods all weigh 0, so {left} has nowhere to go; pass weights",
        )
    spread = decompose(left, shape, unit=step)
    revised: dict[Period, Money] = {}
    for period in plan:
        revised[period] = spread[period] if period in spread else given[period]  # type: ignore[assignment]
    return revised


# ---------------------------------------------------------------------------
# market share (TARGET-5, TARGET-6)
# ---------------------------------------------------------------------------
def market_share(own_sales: Money, market_sales: Money) -> Rate:
    """The company's share of the market's sales (TARGET-5).

    Returns:
        ``own_sales / market_sales`` as a :class:`Rate`, reported to 12 decimal places.

    Raises:
        InvalidInput: market sales not positive, own sales negative or above the market.
        CurrencyMismatch: two currencies.

    >>> from salesdomain import Money
    >>> str(market_share(Money("250000"), Money("2000000")))
    '12.5%'
    >>> market_share(Money("3"), Money("2"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: own_sales: must not exceed the market's sales 2 CNY, got Money('3', 'CNY')
    """
    market = _money(market_sales, "market_sales")
    own = _same_currency(_money(own_sales, "own_sales"), market.currency, "own_sales", "market")
    if market.amount <= ZERO:
        raise InvalidInput("market_sales", market, "must be positive")
    if own.amount < ZERO:
        raise InvalidInput("own_sales", own, "must not be negative")
    if own > market:
        raise InvalidInput("own_sales", own, f"must not exceed the market's sales {market}")
    return _report(_CTX.divide(own.amount, market.amount))


def _share(value: object, field: str) -> Decimal:
    if isinstance(value, Rate):
        value = value.value
    return check_rate(value, field)


@attrs.frozen(kw_only=True)
class ShareTrend(Decision):
    """The result of :func:`market_share_trend`.

    Attributes:
        first_non_growth: the first period whose share did not rise above the previous
            one (``None`` when the share kept growing).
    """

    first_non_growth: Period | None = attrs.field(
        validator=_instance_of(Period, "a Period or None", optional=True)
    )

    @property
    def growing(self) -> bool:
        """Whether the share rose strictly from every period to the next (TARGET-6)."""
        return self.first_non_growth is None


def market_share_trend(
    shares: Mapping[Period, Rate | Weight],
    *,
    targets: Mapping[Period, Rate | Weight] | None = None,
) -> ShareTrend:
    """Check that market share keeps growing (TARGET-6) and meets its targets (TARGET-5).

    The periods must be consecutive (each starts the day after the previous one ends,
    in any order given); the share must rise strictly from each period to the next: a
    fall or a flat period is reported (``market_share_not_growing``).  With
    ``targets`` (the policy's ``market_share_targets[period]``), each period that has
    a target is compared with it.  Any problem gives ``NEEDS_APPROVAL``, meaning needs
    corrective action.

    Args:
        shares: period -> share (a :class:`Rate` or a fraction 0..1); two periods at least.
        targets: period -> target share, for periods of ``shares``.

    Returns:
        The :class:`ShareTrend`.

    Raises:
        InvalidInput: fewer than two periods, periods not consecutive, a share outside
            0..1, a target for a period without a share.

    >>> from salesdomain import Period
    >>> trend = market_share_trend({Period.quarter(2026, 1): Decimal("0.12"),
    ...                             Period.quarter(2026, 2): Decimal("0.11")})
    >>> trend.verdict.name, str(trend.first_non_growth)
    ('NEEDS_APPROVAL', '2026-04-01..2026-06-30')
    >>> market_share_trend({Period.quarter(2026, 1): Decimal("0.12"),
    ...                     Period.quarter(2026, 3): Decimal("0.13")})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: shares: must start the day after 2026-01-01..2026-03-31 (periods must be consecutive), got Period(start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30))
    """
    mapping = _mapping(shares, "shares", "a mapping of Period -> share")
    series: list[tuple[Period, Decimal]] = []
    for key, raw in mapping.items():
        if not isinstance(key, Period):
            raise WrongType("shares", key, "a Period as key")
        series.append((key, _share(raw, f"shares[{key}]")))
    if len(series) < 2:
        raise InvalidInput("shares", shares, "needs at least two consecutive periods")
    series.sort(key=lambda item: item[0].start)
    for (before, _), (after, _) in itertools.pairwise(series):
        if after.start != before.end + _DAY:
            raise InvalidInput(
                "shares",
                after,
                f"must start the day after {before} (periods must be consecutive)",
            )
    reasons: list[Reason] = []
    first_non_growth: Period | None = None
    for (before, previous), (after, share) in itertools.pairwise(series):
        if share <= previous:
            if first_non_growth is None:
                first_non_growth = after
            reasons.append(
                Reason(
                    "TARGET-6",
                    "market_share_not_growing",
                    {
                        "period": after,
                        "share": Rate(share),
                        "previous_period": before,
                        "previous_share": Rate(previous),
                        "change": Rate(_CTX.subtract(share, previous)),
                    },
                )
            )
    below = False
    if targets is not None:
        wanted = _mapping(targets, "targets", "a mapping of Period -> target share")
        known = dict(series)
        for key in wanted:
            if key not in known:
                raise InvalidInput("targets", key, "has no share to compare with")
        for period, share in series:
            if period not in wanted:
                continue
            goal = _share(wanted[period], f"targets[{period}]")
            code = "market_share_below_target" if share < goal else "market_share_target_met"
            below = below or share < goal
            reasons.append(
                Reason(
                    "TARGET-5",
                    code,
                    {"period": period, "share": Rate(share), "target_share": Rate(goal)},
                )
            )
    if first_non_growth is None:
        (first, first_share), (last, last_share) = series[0], series[-1]
        reasons.insert(
            0,
            Reason(
                "TARGET-6",
                "market_share_growing",
                {
                    "first": first,
                    "first_share": Rate(first_share),
                    "last": last,
                    "last_share": Rate(last_share),
                },
            ),
        )
    verdict = Verdict.NEEDS_APPROVAL if first_non_growth or below else Verdict.ALLOWED
    return ShareTrend(verdict, tuple(reasons), first_non_growth=first_non_growth)
