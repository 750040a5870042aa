"""The library's exception hierarchy.

Every exception the library raises on purpose derives from :class:`SalesDomainError`.
Each family also derives from the builtin that fits (``ValueError`` for bad values,
``TypeError`` for wrong types), so callers' habits keep working.  Every exception
carries the offending field and value as attributes, and its message names both.

Business outcomes (a price below its floor, a missing approval) are *returned* as
decisions, never raised.  Only bad input and illegal state transitions raise.

>>> from salesdomain import InvalidInput
>>> err = InvalidInput("amount", "abc", "expected a decimal number")
>>> str(err)
"amount: expected a decimal number, got 'abc'"
>>> err.field, err.value
('amount', 'abc')
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "CurrencyMismatch",
    "FloatNotAllowed",
    "IllegalTransition",
    "InvalidInput",
    "PolicyError",
    "SalesDomainError",
    "UnknownEntity",
    "WrongType",
]

_MAX_REPR = 80


def _short_repr(value: object) -> str:
    """Return ``repr(value)`` cut to a readable length (huge inputs stay printable)."""
    try:
        text = repr(value)
    except ValueError:  # an int beyond Python's int-to-str digit limit
        if isinstance(value, int):
            return f"<an int of about {int(value.bit_length() * 0.30103) + 1} digits>"
        return f"<a {type(value).__name__} that cannot be shown>"
    if len(text) > _MAX_REPR:
        return text[: _MAX_REPR - 3] + "..."
    return text


class SalesDomainError(Exception):
    """Root of every error the library raises on purpose."""


class InvalidInput(SalesDomainError, ValueError):
    """A value was of the right type but not acceptable (negative, unknown, out of range).

    Attributes:
        field: the name of the field or argument that was wrong.
        value: the value that was received.
        problem: what was wrong with it, in words.
    """

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{field}: {problem}, got {_short_repr(value)}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.value, self.problem))


class UnknownEntity(InvalidInput):
    """A code (currency, role, SKU, change kind, locale) that the library or policy does not know."""


class CurrencyMismatch(InvalidInput):
    """Two amounts in different currencies were combined or ordered."""


class PolicyError(InvalidInput):
    """A policy is inconsistent or malformed.

    ``errors`` lists every problem found as ``(key path, message)`` pairs, so a
    loader can report all mistakes of a file at once.

    >>> err = PolicyError.from_errors([("pricing.min_spread", "expected a rate, got 'x'")])
    >>> err.errors
    (('pricing.min_spread', "expected a rate, got 'x'"),)
    """

    def __init__(
        self,
        field: str,
        value: object,
        problem: str,
        errors: Iterable[tuple[str, str]] = (),
    ) -> None:
        super().__init__(field, value, problem)
        collected = tuple(errors)
        self.errors: tuple[tuple[str, str], ...] = collected or ((field, problem),)

    @classmethod
    def from_errors(cls, errors: Iterable[tuple[str, str]]) -> PolicyError:
        """Build one error that reports several ``(key path, message)`` problems."""
        collected = tuple(errors)
        if not collected:
            raise ValueError("PolicyError.from_errors needs at least one error")
        first_key, _ = collected[0]
        summary = "; ".join(f"{key}: {message}" for key, message in collected)
        return cls(first_key, None, f"{len(collected)} problem(s): {summary}", collected)

    def __str__(self) -> str:
        if len(self.errors) > 1 or self.value is None:
            return "; ".join(f"{key}: {message}" for key, message in self.errors)
        return super().__str__()

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.value, self.problem, self.errors))


class WrongType(SalesDomainError, TypeError):
    """A value of the wrong type (a bool for an amount, a datetime for a date).

    Attributes:
        field: the name of the field or argument.
        value: the value that was received.
        expected: what was expected, in words.
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(
            f"{field}: expected {expected}, got {type(value).__name__} {_short_repr(value)}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.value, self.expected))


class FloatNotAllowed(WrongType):
    """A float where money or a rate is expected: floats are inexact, so they are refused.

    >>> from salesdomain import Money
    >>> Money(0.1)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.FloatNotAllowed: amount: expected a Decimal, int or str (floats are inexact: write Decimal('0.1') or '0.1'), got float 0.1
    """

    def __init__(self, field: str, value: object, expected: str = "a Decimal, int or str") -> None:
        super().__init__(
            field,
            value,
            f"{expected} (floats are inexact: write Decimal('{value!r}') or '{value!r}')",
        )
        self.expected = expected

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.value, self.expected))


class IllegalTransition(SalesDomainError):
    """A state machine was asked to do what its current state forbids.

    Attributes:
        state: the current state.
        action: what was attempted.
        reason: why it is not allowed.
    """

    def __init__(self, state: object, action: str, reason: str) -> None:
        self.state = state
        self.action = action
        self.reason = reason
        super().__init__(f"cannot {action} in state {_short_repr(state)}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.state, self.action, self.reason))
