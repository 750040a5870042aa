"""Private numeric helpers: the library's own decimal context and input checks.

Every result the library computes goes through :data:`_CTX`, never the caller's
thread context, so a caller who sets precision 3 or traps ``Inexact`` gets the same
answers as everyone else.  Inputs are checked here *before* any arithmetic, so a
Decimal such as ``1E+999999`` never reaches ``quantize``.
"""

from __future__ import annotations

import datetime as _dt
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Final

from salesdomain.core.errors import FloatNotAllowed, InvalidInput, WrongType

_CTX: Final = Context(
    prec=34,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The library's private decimal context (precision 34, the important traps on)."""

MAX_MAGNITUDE: Final = Decimal("1E+15")  # a literal: no context is consulted at import
"""Amounts must stay strictly below this in magnitude."""
MAX_PLACES: Final = 12
"""Amounts may carry at most this many fractional digits."""
ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HUNDRED: Final = Decimal(100)

ROUNDING_MODES: Final = frozenset(
    {
        ROUND_05UP,
        ROUND_CEILING,
        ROUND_DOWN,
        ROUND_FLOOR,
        ROUND_HALF_DOWN,
        ROUND_HALF_EVEN,
        ROUND_HALF_UP,
        ROUND_UP,
    }
)

_DECIMAL_TYPES = "a Decimal, int or str"


def to_decimal(
    value: object,
    field: str,
    *,
    max_places: int = MAX_PLACES,
    max_adjusted: int = 14,
) -> Decimal:
    """Convert ``value`` to a finite Decimal within the library's bounds, or raise.

    Accepts ``Decimal``, ``int`` (not ``bool``) and ``str``.  Refuses floats with
    :class:`FloatNotAllowed`, other types with :class:`WrongType`, and NaN,
    infinities, unparsable strings, values of ``10**(max_adjusted + 1)`` or more in
    magnitude and values with more than ``max_places`` fractional digits with
    :class:`InvalidInput`.  ``-0`` becomes ``0``.  No arithmetic happens before the
    checks, and the caller's decimal context is never consulted.

    >>> to_decimal("12.30", "amount")
    Decimal('12.30')
    >>> to_decimal("1E+999999", "amount")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: amount: must be below 10**15 in magnitude, got '1E+999999'
    """
    tp = type(value)
    if tp is Decimal:
        number: Decimal = value  # type: ignore[assignment]
    elif tp is int:
        limit = 10 ** (max_adjusted + 1)
        if not -limit < value < limit:
            raise InvalidInput(field, value, f"must be below 10**{max_adjusted + 1} in magnitude")
        number = Decimal(value)  # type: ignore[arg-type]
    elif tp is str:
        text: str = value  # type: ignore[assignment]
        if len(text) > 200:
            raise InvalidInput(field, value, "is too long to be a number")
        try:
            number = Decimal(text.strip())
        except (InvalidOperation, ValueError):
            raise InvalidInput(field, value, "is not a decimal number") from None
    elif isinstance(value, float):
        raise FloatNotAllowed(field, value)
    elif isinstance(value, bool):
        raise WrongType(field, value, _DECIMAL_TYPES + " (not a bool)")
    elif isinstance(value, Decimal):
        number = Decimal(value)
    elif isinstance(value, int):
        number = Decimal(int(value))
    else:
        raise WrongType(field, value, _DECIMAL_TYPES)
    if not number.is_finite():
        raise InvalidInput(field, value, "must be a finite number (not NaN or infinity)")
    if number.is_zero():
        zero_exponent = number.as_tuple().exponent
        if number.is_signed() or not -max_places <= zero_exponent <= 0:  # type: ignore[operator]
            return ZERO
        return number
    adjusted = number.adjusted()
    if adjusted > max_adjusted:
        raise InvalidInput(field, value, f"must be below 10**{max_adjusted + 1} in magnitude")
    if adjusted < -max_places:
        raise InvalidInput(field, value, f"has more than {max_places} fractional digits")
    sign, digits, exponent = number.as_tuple()
    if exponent < -max_places:  # type: ignore[operator]
        # Trailing zeros do not count: 1.50000000000000 has two significant places.
        # Drop just enough of them from the digit tuple (normalize() would round).
        need = -max_places - exponent  # type: ignore[operator]
        trailing = 0
        while trailing < need and trailing < len(digits) - 1 and digits[-1 - trailing] == 0:
            trailing += 1
        if trailing < need:
            raise InvalidInput(field, value, f"has more than {max_places} fractional digits")
        number = Decimal((sign, digits[: len(digits) - need], -max_places))
    return number


def check_rounding(rounding: object, field: str = "rounding") -> str:
    """Return ``rounding`` if it is one of :mod:`decimal`'s rounding modes, else raise.

    >>> check_rounding("ROUND_SIDEWAYS")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: rounding: expected one of decimal's ROUND_* modes, got 'ROUND_SIDEWAYS'
    """
    if type(rounding) is not str:
        raise WrongType(field, rounding, "one of decimal's ROUND_* mode strings")
    if rounding not in ROUNDING_MODES:
        raise InvalidInput(field, rounding, "expected one of decimal's ROUND_* modes")
    return rounding


def check_date(value: object, field: str) -> _dt.date:
    """Return ``value`` if it is a plain ``date`` (a ``datetime`` is refused).

    >>> import datetime
    >>> check_date(datetime.datetime(2026, 1, 1), "as_of")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 0, 0)
    """
    if type(value) is _dt.date:
        return value
    if isinstance(value, _dt.datetime):
        raise WrongType(field, value, "a datetime.date (not a datetime: pass .date())")
    if isinstance(value, _dt.date):
        return _dt.date(value.year, value.month, value.day)
    raise WrongType(field, value, "a datetime.date")


def check_aware(value: object, field: str) -> _dt.datetime:
    """Return ``value`` if it is a timezone-aware ``datetime``, else raise."""
    if not isinstance(value, _dt.datetime):
        raise WrongType(field, value, "a timezone-aware datetime.datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(field, value, "must be timezone-aware (a naive datetime is ambiguous)")
    return value


def check_text(value: object, field: str) -> str:
    """Return ``value`` stripped if it is a non-empty string, else raise."""
    if type(value) is not str:
        raise WrongType(field, value, "a non-empty str")
    text = value.strip()
    if not text:
        raise InvalidInput(field, value, "must not be empty")
    return text


def check_int(value: object, field: str, *, minimum: int | None = None) -> int:
    """Return ``value`` if it is an int (not a bool) at least ``minimum``, else raise."""
    if type(value) is not int:
        if isinstance(value, int) and not isinstance(value, bool):
            value = int(value)
        else:
            raise WrongType(field, value, "an int")
    if minimum is not None and value < minimum:
        raise InvalidInput(field, value, f"must be at least {minimum}")
    return value


def check_non_negative(value: Decimal, field: str, original: object = None) -> Decimal:
    """Raise :class:`InvalidInput` when ``value`` is negative."""
    if value < ZERO:
        raise InvalidInput(field, value if original is None else original, "must not be negative")
    return value


def check_rate(value: object, field: str, *, upper: Decimal | None = ONE) -> Decimal:
    """Return ``value`` as a Decimal fraction between 0 and ``upper`` (inclusive)."""
    number = to_decimal(value, field)
    if number < ZERO or (upper is not None and number > upper):
        bound = "" if upper is None else f" and {upper}"
        raise InvalidInput(field, value, f"expected a rate (a fraction) between 0{bound}")
    return number
