"""Periods: inclusive date ranges, fiscal years, and the day-of-month clamp.

A :class:`Period` runs from ``start`` to ``end``, both days included.  Constructors
give years, quarters, months, ISO weeks and single days; :class:`FiscalYear` gives a
fiscal year starting in any month.  Dates are plain ``datetime.date`` values: a
``datetime`` is refused, because it would silently carry a time and a zone.

>>> import datetime
>>> from salesdomain import Period, FiscalYear
>>> Period.month(2026, 2)
Period(start=datetime.date(2026, 2, 1), end=datetime.date(2026, 2, 28))
>>> [str(q) for q in FiscalYear(2026, start_month=4).quarters()]
['2026-04-01..2026-06-30', '2026-07-01..2026-09-30', '2026-10-01..2026-12-31', '2027-01-01..2027-03-31']
>>> Period(datetime.date(2026, 3, 1), datetime.date(2026, 2, 1))
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: end: must not be before start 2026-03-01, got datetime.date(2026, 2, 1)
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Callable, Iterator
from decimal import Decimal

import attrs

from salesdomain.core._numbers import _CTX, ONE, ZERO, check_date, check_int
from salesdomain.core.errors import InvalidInput, WrongType

__all__ = ["FiscalYear", "Period", "clamp_day", "elapsed_fraction"]

_DAY = _dt.timedelta(days=1)
MAX_PARTS = 10_000
"""A period is split into at most this many parts (weeks of 190 years, months of 833)."""


def _year(year: object) -> int:
    return _check_year(year)


def _fiscal_year(year: object) -> int:
    value = _check_year(year)
    if value > 9998:
        raise InvalidInput(
            "year", year, "a fiscal year must start by 9998 (it may end the next year)"
        )
    return value


def _check_year(year: object, field: str = "year") -> int:
    value = check_int(year, field)
    if not 1 <= value <= 9999:
        raise InvalidInput(field, year, "must be between 1 and 9999")
    return value


def _check_month(month: object, field: str = "month") -> int:
    value = check_int(month, field)
    if not 1 <= value <= 12:
        raise InvalidInput(field, month, "must be between 1 and 12")
    return value


def clamp_day(year: int, month: int, day: int) -> _dt.date:
    """Return the ``day``-th of the month, or the month's last day if it is shorter.

    A deadline "by the 30th" falls on 28 February (29 in a leap year): X-9, CAL-0.

    >>> clamp_day(2026, 2, 30), clamp_day(2028, 2, 30), clamp_day(2026, 4, 15)
    (datetime.date(2026, 2, 28), datetime.date(2028, 2, 29), datetime.date(2026, 4, 15))
    >>> clamp_day(2026, 2, 32)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: day: must be between 1 and 31, got 32
    """
    y = _check_year(year)
    m = _check_month(month)
    d = check_int(day, "day")
    if not 1 <= d <= 31:
        raise InvalidInput("day", day, "must be between 1 and 31")
    return _dt.date(y, m, min(d, calendar.monthrange(y, m)[1]))


def _last_day(day: _dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _quarter_end(day: _dt.date) -> _dt.date:
    month = 3 * ((day.month - 1) // 3 + 1)
    return _dt.date(day.year, month, calendar.monthrange(day.year, month)[1])


def _add_days(day: _dt.date, days: int) -> _dt.date:
    """``day`` plus ``days``, or the calendar's last day when that would overflow."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max


def _start(value: object) -> _dt.date:
    return check_date(value, "start")


def _end(value: object) -> _dt.date:
    return check_date(value, "end")


def _start_month(value: object) -> int:
    return _check_month(value, "start_month")


def _end_check(instance: Period, attribute: attrs.Attribute[_dt.date], value: _dt.date) -> None:
    if value < instance.start:
        raise InvalidInput("end", value, f"must not be before start {instance.start}")


@attrs.frozen(order=True)
class Period:
    """An inclusive range of days, ``start`` to ``end``.

    Args:
        start: the first day (a ``date``, not a ``datetime``).
        end: the last day, not before ``start``.

    >>> p = Period.quarter(2026, 1)
    >>> p.days, datetime.date(2026, 3, 31) in p, datetime.date(2026, 4, 1) in p
    (90, True, False)
    """

    start: _dt.date = attrs.field(converter=_start)
    end: _dt.date = attrs.field(converter=_end, validator=_end_check)

    # -- constructors ---------------------------------------------------------
    @classmethod
    def day(cls, day: _dt.date) -> Period:
        """The single day ``day``."""
        value = check_date(day, "day")
        return cls(value, value)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month."""
        y, m = _check_year(year), _check_month(month)
        return cls(_dt.date(y, m, 1), _dt.date(y, m, calendar.monthrange(y, m)[1]))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """A calendar quarter (1 to 4)."""
        q = check_int(quarter, "quarter")
        if not 1 <= q <= 4:
            raise InvalidInput("quarter", quarter, "must be between 1 and 4")
        first = cls.month(year, 3 * q - 2)
        return cls(first.start, cls.month(year, 3 * q).end)

    @classmethod
    def year(cls, year: int) -> Period:
        """A calendar year."""
        y = _check_year(year)
        return cls(_dt.date(y, 1, 1), _dt.date(y, 12, 31))

    @classmethod
    def iso_week(cls, year: int, week: int) -> Period:
        """ISO week ``week`` of ISO year ``year`` (Monday to Sunday).

        >>> str(Period.iso_week(2026, 1))
        '2025-12-29..2026-01-04'
        """
        y = _check_year(year)
        w = check_int(week, "week")
        try:
            monday = _dt.date.fromisocalendar(y, w, 1)
        except ValueError:
            raise InvalidInput("week", week, f"is not an ISO week of {y}") from None
        return cls(monday, monday + _dt.timedelta(days=6))

    @classmethod
    def week_of(cls, day: _dt.date, *, week_start: int = 0) -> Period:
        """The week (7 days from ``week_start``, 0 = Monday) that contains ``day``."""
        value = check_date(day, "day")
        first = check_int(week_start, "week_start")
        if not 0 <= first <= 6:
            raise InvalidInput("week_start", week_start, "must be a weekday number 0 (Monday) to 6")
        try:
            start = value - _dt.timedelta(days=(value.weekday() - first) % 7)
            end = start + _dt.timedelta(days=6)
        except OverflowError:
            raise InvalidInput(
                "day", day, "its week runs past the first or last day of the calendar"
            ) from None
        return cls(start, end)

    # -- queries --------------------------------------------------------------
    @property
    def days(self) -> int:
        """The number of days in the period, both ends included."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return self.start <= check_date(day, "day") <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        if not isinstance(other, Period):
            raise WrongType("other", other, "a Period")
        return self.start <= other.end and other.start <= self.end

    def dates(self) -> Iterator[_dt.date]:
        """Every day of the period, in order."""
        day = self.start
        while day <= self.end:
            yield day
            day += _DAY

    # -- splitting ------------------------------------------------------------
    def months(self) -> tuple[Period, ...]:
        """The calendar months the period touches, cut to the period.

        >>> [str(p) for p in Period(datetime.date(2026, 1, 15), datetime.date(2026, 3, 10)).months()]
        ['2026-01-15..2026-01-31', '2026-02-01..2026-02-28', '2026-03-01..2026-03-10']
        """
        return self._split(lambda day: _dt.date(day.year, day.month, _last_day(day)))

    def quarters(self) -> tuple[Period, ...]:
        """The calendar quarters the period touches, cut to the period."""
        return self._split(_quarter_end)

    def weeks(self, *, week_start: int = 0) -> tuple[Period, ...]:
        """The weeks (from ``week_start``, 0 = Monday) the period touches, cut to it."""
        first = check_int(week_start, "week_start")
        if not 0 <= first <= 6:
            raise InvalidInput("week_start", week_start, "must be a weekday number 0 (Monday) to 6")
        return self._split(lambda day: _add_days(day, 6 - (day.weekday() - first) % 7))

    def _split(self, end_of: Callable[[_dt.date], _dt.date]) -> tuple[Period, ...]:
        """Cut the period at the ends of the units (month, quarter, week) it touches."""
        parts: list[Period] = []
        day = self.start
        while True:
            end = min(end_of(day), self.end)
            parts.append(Period(day, end))
            if end >= self.end:
                return tuple(parts)
            if len(parts) >= MAX_PARTS:
                raise InvalidInput(
                    "period", self, f"splits into more than {MAX_PARTS} parts; split a shorter one"
                )
            day = end + _DAY


@attrs.frozen
class FiscalYear:
    """A fiscal year of twelve months starting in ``start_month``.

    ``year`` is the calendar year in which it starts: ``FiscalYear(2026, 4)`` runs
    from 1 April 2026 to 31 March 2027.

    >>> fy = FiscalYear(2026, start_month=4)
    >>> str(fy.period), len(fy.months()), str(fy.quarter(4))
    ('2026-04-01..2027-03-31', 12, '2027-01-01..2027-03-31')
    """

    year: int = attrs.field(converter=_fiscal_year)
    start_month: int = attrs.field(default=1, converter=_start_month)

    @classmethod
    def containing(cls, day: _dt.date, start_month: int = 1) -> FiscalYear:
        """The fiscal year (starting in ``start_month``) that contains ``day``."""
        value = check_date(day, "day")
        first = _check_month(start_month, "start_month")
        return cls(value.year if value.month >= first else value.year - 1, first)

    @property
    def start(self) -> _dt.date:
        """The first day."""
        return _dt.date(self.year, self.start_month, 1)

    @property
    def end(self) -> _dt.date:
        """The last day."""
        return _dt.date(self.year + 1, self.start_month, 1) - _DAY

    @property
    def period(self) -> Period:
        """The whole fiscal year as a :class:`Period`."""
        return Period(self.start, self.end)

    def months(self) -> tuple[Period, ...]:
        """The twelve months, in fiscal order."""
        first = self.start_month - 1
        return tuple(
            Period.month(self.year + (first + i) // 12, (first + i) % 12 + 1) for i in range(12)
        )

    def quarters(self) -> tuple[Period, ...]:
        """The four fiscal quarters (three months each, from the start month)."""
        months = self.months()
        return tuple(Period(months[3 * i].start, months[3 * i + 2].end) for i in range(4))

    def quarter(self, number: int) -> Period:
        """Fiscal quarter ``number`` (1 to 4)."""
        q = check_int(number, "quarter")
        if not 1 <= q <= 4:
            raise InvalidInput("quarter", number, "must be between 1 and 4")
        return self.quarters()[q - 1]


def elapsed_fraction(period: Period, as_of: _dt.date) -> Decimal:
    """The fraction of ``period``'s days that have passed by the end of ``as_of``.

    ``as_of`` counts as elapsed (the day is over when progress is measured).  Before
    the period it is 0, after it 1.

    >>> elapsed_fraction(Period.month(2026, 4), datetime.date(2026, 4, 15))
    Decimal('0.5')
    >>> elapsed_fraction(Period.month(2026, 4), datetime.date(2026, 3, 31))
    Decimal('0')
    """
    if not isinstance(period, Period):
        raise WrongType("period", period, "a Period")
    day = check_date(as_of, "as_of")
    if day < period.start:
        return ZERO
    if day >= period.end:
        return ONE
    return _CTX.divide(Decimal((day - period.start).days + 1), Decimal(period.days))
