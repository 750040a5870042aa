"""Money: an exact Decimal amount in one ISO 4217 currency, and the one allocator.

Amounts are ``Decimal`` (built from ``Decimal``, ``int`` or ``str``; floats are
refused), below 10**15 in magnitude, with at most 12 fractional digits.  Currency
precision (JPY 0, CNY 2, KWD 3) comes from babel's CLDR data.  All arithmetic runs
in the library's private decimal context, so the caller's context never changes a
result.  Rounding happens only when asked for, with a named mode.

>>> from decimal import Decimal
>>> from salesdomain import Money, allocate
>>> price = Money("1234.5")
>>> price + Money("0.50")
Money('1235.00', 'CNY')
>>> (price * Decimal("0.333")).rounded()
Money('411.09', 'CNY')
>>> allocate(Money("100000.00"), [1, 1, 1])
(Money('33333.34', 'CNY'), Money('33333.33', 'CNY'), Money('33333.33', 'CNY'))
>>> Money("1", "CNY") + Money("1", "USD")
Traceback (most recent call last):
...
salesdomain.core.errors.CurrencyMismatch: currency: cannot combine CNY with USD, got 'USD'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from typing import Final

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, get_currency_precision, list_currencies

from salesdomain.core._numbers import (
    _CTX,
    MAX_MAGNITUDE,
    MAX_PLACES,
    ZERO,
    check_rounding,
    to_decimal,
)
from salesdomain.core.errors import (
    CurrencyMismatch,
    InvalidInput,
    UnknownEntity,
    WrongType,
)

__all__ = ["Money", "allocate", "currency_precision", "minor_unit"]


@functools.cache
def _currencies() -> frozenset[str]:
    # Loaded on first use: reading CLDR's currency list costs milliseconds at import.
    return frozenset(list_currencies())


_INTERNAL_QUANTUM: Final = Decimal((0, (1,), -MAX_PLACES))  # built exactly, no context


@functools.cache
def _precision(code: str) -> int:
    return int(get_currency_precision(code))


@functools.cache
def _quantum(code: str) -> Decimal:
    return Decimal((0, (1,), -_precision(code)))


def _check_currency(value: object) -> str:
    if type(value) is not str:
        raise WrongType("currency", value, "an ISO 4217 code as str")
    known = _currencies()
    if value in known:
        return value
    code = value.strip().upper()
    if code not in known:
        raise UnknownEntity("currency", value, "not an ISO 4217 currency code known to babel")
    return code


def currency_precision(currency: str) -> int:
    """Return the number of decimals of ``currency``'s minor unit (from babel).

    >>> currency_precision("JPY"), currency_precision("CNY"), currency_precision("KWD")
    (0, 2, 3)
    """
    return _precision(_check_currency(currency))


def minor_unit(currency: str) -> Decimal:
    """Return the size of ``currency``'s minor unit in major units.

    >>> minor_unit("CNY"), minor_unit("JPY")
    (Decimal('0.01'), Decimal('1'))
    """
    return _quantum(_check_currency(currency))


@functools.lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        raise UnknownEntity("locale", name, "not a locale babel knows") from None


class _RawMoney:
    """A mutable twin of :class:`Money` with the same slots, used only to build results.

    Building a frozen object normally costs an ``object.__setattr__`` call per field;
    filling this twin and then switching its ``__class__`` to ``Money`` (allowed,
    the layouts are identical) makes a result about twice as cheap, which matters
    for Money's arithmetic (docs/performance.md).
    """

    __slots__ = ("amount", "currency")
    amount: Decimal
    currency: str


def _new(amount: Decimal, currency: str) -> Money:
    """Wrap an amount already known to be valid (no re-validation)."""
    obj = _RawMoney()
    obj.amount = amount
    obj.currency = currency
    obj.__class__ = Money  # type: ignore[assignment]
    return obj  # type: ignore[return-value]


_ADD: Final = _CTX.add
_SUB: Final = _CTX.subtract
_MUL: Final = _CTX.multiply
_UPPER: Final = MAX_MAGNITUDE
_LOWER: Final = MAX_MAGNITUDE.copy_negate()


def _out_of_range(amount: Decimal, operation: str) -> InvalidInput:
    return InvalidInput("amount", amount, f"result of {operation} must be below 10**15")


def _mismatch(mine: str, other: str, verb: str) -> CurrencyMismatch:
    return CurrencyMismatch("currency", other, f"cannot {verb} {mine} with {other}")


class Money:
    """An exact amount of one currency; immutable, hashable, compared by value.

    Args:
        amount: a ``Decimal``, ``int`` or ``str`` below 10**15 in magnitude with at
            most 12 fractional digits (``-0`` becomes ``0``).
        currency: an ISO 4217 code that babel knows (default ``"CNY"``;
            ``"cny"`` is tidied to ``"CNY"``).

    Raises:
        FloatNotAllowed: the amount is a float.
        WrongType: the amount is a bool or another type.
        InvalidInput: NaN, infinity, unparsable, too large or too many decimals.
        UnknownEntity: the currency is unknown.

    ``==`` across currencies is ``False``; ordering across currencies raises
    :class:`CurrencyMismatch`.  ``Money * Decimal`` (or ``int``) multiplies; a
    product finer than 12 decimals is rounded half-even to 12 decimals (the
    library's internal precision), and only :meth:`rounded` rounds to the currency.

    ``Money`` is written by hand rather than with attrs (STYLE.md's default for value
    objects) because its arithmetic is the library's hottest path: it validates in
    ``__init__`` exactly like a frozen attrs class with converters would, and is just
    as immutable.

    >>> Money("12.30", "cny")
    Money('12.30', 'CNY')
    >>> Money("-0")
    Money('0', 'CNY')
    >>> Money("5", "JPY") < Money("5", "USD")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.CurrencyMismatch: currency: cannot compare JPY with USD, got 'USD'
    """

    __slots__ = ("amount", "currency")
    amount: Decimal
    currency: str

    def __init__(self, amount: Decimal | int | str, currency: str = "CNY") -> None:
        object.__setattr__(self, "amount", to_decimal(amount, "amount"))
        object.__setattr__(self, "currency", _check_currency(currency))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Money is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Money is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[Money], tuple[Decimal, str]]:
        return (Money, (self.amount, self.currency))

    def __copy__(self) -> Money:
        return self

    def __deepcopy__(self, memo: object) -> Money:
        return self

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Money:
            return NotImplemented
        return self.amount == other.amount and self.currency == other.currency

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not Money:
            return NotImplemented
        return self.amount != other.amount or self.currency != other.currency

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    # -- construction helpers -------------------------------------------------
    @classmethod
    def zero(cls, currency: str = "CNY") -> Money:
        """Return zero in ``currency``.

        >>> Money.zero("JPY")
        Money('0', 'JPY')
        """
        return _new(ZERO, _check_currency(currency))

    @property
    def minor_unit(self) -> Decimal:
        """The size of the currency's minor unit (``Decimal('0.01')`` for CNY)."""
        return _quantum(self.currency)

    @property
    def precision(self) -> int:
        """The number of decimals of the currency's minor unit (2 for CNY)."""
        return _precision(self.currency)

    # -- representation -------------------------------------------------------
    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency}')"

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def format(self, locale: str = "zh_CN") -> str:
        """Format for display with babel (display only: calculation never uses this).

        >>> Money("1234.5").format("zh_CN")
        '¥1,234.50'
        >>> Money("1234.5").format("en")
        'CN¥1,234.50'
        >>> Money("1234.5").format("xx_NOPE")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.UnknownEntity: locale: not a locale babel knows, got 'xx_NOPE'
        """
        if type(locale) is not str:
            raise WrongType("locale", locale, "a locale name such as 'zh_CN' or 'en'")
        # babel quantizes in the current context: lend it the library's own.
        with localcontext(_CTX):
            return str(format_currency(self.amount, self.currency, locale=_locale(locale)))

    # -- rounding -------------------------------------------------------------
    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """Round to the currency's minor unit (四舍五入 by default).

        >>> Money("2.345").rounded()
        Money('2.35', 'CNY')
        >>> from decimal import ROUND_HALF_EVEN
        >>> Money("2.345").rounded(ROUND_HALF_EVEN)
        Money('2.34', 'CNY')
        >>> Money("2.5", "JPY").rounded()
        Money('3', 'JPY')
        """
        if rounding is not ROUND_HALF_UP:
            check_rounding(rounding)
        amount = self.amount.quantize(_quantum(self.currency), rounding, _CTX)
        if amount.is_zero():
            amount = amount.copy_abs()
        return _new(amount, self.currency)

    def is_rounded(self) -> bool:
        """Whether the amount is a whole number of minor units."""
        return self.amount.as_tuple().exponent >= -_precision(self.currency)  # type: ignore[operator]

    # -- arithmetic -----------------------------------------------------------
    def __add__(self, other: object) -> Money:
        if other.__class__ is not Money:
            return NotImplemented
        currency = self.currency
        if other.currency != currency:
            raise _mismatch(currency, other.currency, "combine")
        # Sums of two valid amounts keep at most 12 decimals and are never -0.
        amount = _ADD(self.amount, other.amount)
        if not _LOWER < amount < _UPPER:
            raise _out_of_range(amount, "addition")
        return _new(amount, currency)

    def __radd__(self, other: object) -> Money:
        # Only so that sum() works: sum() starts from the int 0.
        if other.__class__ is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if other.__class__ is not Money:
            return NotImplemented
        currency = self.currency
        if other.currency != currency:
            raise _mismatch(currency, other.currency, "combine")
        amount = _SUB(self.amount, other.amount)
        if not _LOWER < amount < _UPPER:
            raise _out_of_range(amount, "subtraction")
        return _new(amount, currency)

    def __mul__(self, factor: object) -> Money:
        if factor.__class__ is Decimal and factor.is_finite() and -34 <= factor.adjusted() <= 14:
            number: Decimal = factor
            exact_places = False
        elif factor.__class__ is Money:
            raise WrongType("factor", factor, "a Decimal or int (Money * Money has no meaning)")
        else:
            number = to_decimal(factor, "factor", max_places=34)
            # An int factor cannot add decimals; a Decimal one may.
            exact_places = factor.__class__ is int
        amount = _MUL(self.amount, number)
        if not _LOWER < amount < _UPPER:
            raise _out_of_range(amount, "multiplication")
        if amount.is_zero():
            amount = amount.copy_abs()
        elif not exact_places:
            fine = amount.quantize(_INTERNAL_QUANTUM, ROUND_HALF_EVEN, _CTX)
            if fine != amount:
                # A product below the internal precision rounds to zero: never -0.
                amount = fine.copy_abs() if fine.is_zero() else fine
        return _new(amount, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        if self.amount.is_zero():
            return self
        return _new(self.amount.copy_negate(), self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _new(self.amount.copy_abs(), self.currency)

    def __bool__(self) -> bool:
        return not self.amount.is_zero()

    # -- ordering -------------------------------------------------------------
    def _other(self, other: object) -> Decimal:
        if other.__class__ is not Money:
            raise WrongType("other", other, "Money (compare amounts, not Money with a number)")
        if other.currency != self.currency:
            raise _mismatch(self.currency, other.currency, "compare")
        return other.amount

    def __lt__(self, other: object) -> bool:
        if other.__class__ is Money and other.currency == self.currency:
            return self.amount < other.amount
        return self.amount < self._other(other)

    def __le__(self, other: object) -> bool:
        if other.__class__ is Money and other.currency == self.currency:
            return self.amount <= other.amount
        return self.amount <= self._other(other)

    def __gt__(self, other: object) -> bool:
        if other.__class__ is Money and other.currency == self.currency:
            return self.amount > other.amount
        return self.amount > self._other(other)

    def __ge__(self, other: object) -> bool:
        if other.__class__ is Money and other.currency == self.currency:
            return self.amount >= other.amount
        return self.amount >= self._other(other)


def _integer_weights(weights: Iterable[object]) -> list[int]:
    """Validate ``weights`` and return integers in the same ratios (exactly).

    Plain ``int`` weights, the common case, are used as they are; ``Decimal`` (or
    ``str``) weights are scaled by a common power of ten.
    """
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Iterable):
        raise WrongType("weights", weights, "a sequence of Decimal or int weights")
    items = list(weights)
    if not items:
        raise InvalidInput("weights", weights, "must not be empty")
    if all(item.__class__ is int and 0 <= item < _INT_LIMIT for item in items):
        integers: list[int] = items  # type: ignore[assignment]
    else:
        values: list[Decimal] = []
        for index, weight in enumerate(items):
            number = to_decimal(weight, f"weights[{index}]", max_places=_WEIGHT_PLACES)
            if number < ZERO:
                raise InvalidInput(f"weights[{index}]", weight, "must not be negative")
            values.append(number)
        # Scale by a common power of ten from the digit tuples: exact for any number of
        # digits (a context operation would round beyond 34 significant digits).
        tuples = [value.as_tuple() for value in values]
        places = max(0, max(-t.exponent for t in tuples))  # type: ignore[operator]
        integers = [
            int("".join(map(str, t.digits))) * 10 ** (t.exponent + places)  # type: ignore[operator]
            for t in tuples
        ]
    if not any(integers):
        raise InvalidInput("weights", weights, "must not all be zero")
    return integers


_INT_LIMIT: Final = 10**15
_WEIGHT_PLACES: Final = 60


def _units(total: Money, unit: Decimal, exponent: int | None) -> int:
    """Return the total as a whole number of ``unit``, or say why it is not one.

    ``exponent`` is ``e`` when ``unit`` is ``10**e``: then scaling is exact and cheaper
    than dividing (the amount has at most 27 digits, well within the precision).
    """
    if exponent is not None:
        count = total.amount.copy_abs().scaleb(-exponent, _CTX)
    else:
        count = _CTX.divide(total.amount.copy_abs(), unit)
    whole = int(count)
    if count != whole:
        raise InvalidInput(
            "total",
            total,
            f"is not a whole number of units of {unit} {total.currency}; round it first",
        )
    return whole


def _power_of_ten(step: Decimal) -> int | None:
    """The exponent ``e`` when ``step`` is ``10**e``, else ``None``."""
    sign, digits, exponent = step.as_tuple()
    if sign == 0 and digits[0] == 1 and not any(digits[1:]):
        return exponent + len(digits) - 1  # type: ignore[operator]
    return None


def allocate(
    total: Money,
    weights: Iterable[Decimal | int],
    *,
    unit: Decimal | int | str | None = None,
) -> tuple[Money, ...]:
    """Split ``total`` into parts proportional to ``weights`` that sum exactly to it.

    The one allocator of the library: targets, commission credit, deposits and chase
    lists all split through it.  Work is done in whole ``unit``s with integers: each
    part first gets the floor of its exact share, then the leftover units go one at a
    time to the largest remainders, ties to the earlier weight.  So every part is
    within one ``unit`` of its exact share and the parts sum exactly to ``total``.  A
    negative total is split as its absolute value, then negated (a refund splits
    symmetrically).

    Args:
        total: the amount to split; it must be a whole number of ``unit``.
        weights: non-negative ``Decimal`` or ``int`` weights, not all zero, below
            10**15, with at most 60 decimals (exact shares computed at the library's
            34-digit precision fit).
        unit: the granularity in major units (default: the currency's minor unit);
            e.g. ``Decimal("1000")`` to split targets in whole thousands.

    Returns:
        One ``Money`` per weight, in the order of the weights.

    Raises:
        InvalidInput: empty, negative or all-zero weights; a non-positive unit; a
            total that is not a whole number of units.
        FloatNotAllowed: a float weight or unit.

    >>> allocate(Money("100", "JPY"), [1, 1, 1])
    (Money('34', 'JPY'), Money('33', 'JPY'), Money('33', 'JPY'))
    >>> allocate(Money("-0.05"), [1, 1])
    (Money('-0.03', 'CNY'), Money('-0.02', 'CNY'))
    >>> allocate(Money("10000"), [1, 2], unit=Decimal("1000"))
    (Money('3000', 'CNY'), Money('7000', 'CNY'))
    >>> allocate(Money("10.001"), [1, 1])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: total: is not a whole number of units of 0.01 CNY; round it first, got Money('10.001', 'CNY')
    """
    if type(total) is not Money:
        raise WrongType("total", total, "Money")
    scaled = _integer_weights(weights)
    if unit is None:
        step = _quantum(total.currency)
    else:
        step = to_decimal(unit, "unit")
        if step <= ZERO:
            raise InvalidInput("unit", unit, "must be positive")
    exponent = -_precision(total.currency) if unit is None else _power_of_ten(step)
    count = _units(total, step, exponent)
    weight_sum = sum(scaled)
    shares = [divmod(count * weight, weight_sum) for weight in scaled]
    floors = [share for share, _ in shares]
    leftover = count - sum(floors)
    if leftover:
        # sorted() is stable: among equal remainders the earlier weight comes first.
        order = sorted(range(len(scaled)), key=lambda i: -shares[i][1])
        for index in order[:leftover]:
            floors[index] += 1
    currency = total.currency
    negative = total.amount < ZERO
    # A power-of-ten unit (the minor unit, whole thousands) scales exactly by moving the
    # exponent; any other unit multiplies.
    if exponent is not None and exponent < 0:
        amounts = [
            Decimal(-units if negative else units).scaleb(exponent, _CTX) if units else ZERO
            for units in floors
        ]
    elif exponent is not None:
        scale = 10**exponent
        amounts = [Decimal((-units if negative else units) * scale) for units in floors]
    else:
        amounts = [
            _MUL(Decimal(-units if negative else units), step) if units else ZERO
            for units in floors
        ]
    parts = []
    for amount in amounts:  # _new, inlined: this loop is the hot path of a split
        part = _RawMoney()
        part.amount = amount
        part.currency = currency
        part.__class__ = Money  # type: ignore[assignment]
        parts.append(part)
    return tuple(parts)  # type: ignore[arg-type]
