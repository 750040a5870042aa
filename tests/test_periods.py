"""Periods, fiscal years and the day clamp (issue 2: foundation; X-9, CAL-0)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    FiscalYear,
    InvalidInput,
    Period,
    WrongType,
    clamp_day,
    elapsed_fraction,
)


def test_month_quarter_year_and_day_constructors() -> None:
    assert Period.month(2028, 2) == Period(dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert Period.quarter(2026, 4) == Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert Period.year(2026).days == 365
    assert Period.day(dt.date(2026, 5, 1)).days == 1


def test_iso_week_runs_monday_to_sunday() -> None:
    week = Period.iso_week(2026, 53)
    assert (week.start.weekday(), week.end.weekday()) == (0, 6)


def test_iso_week_that_does_not_exist_is_refused() -> None:
    with pytest.raises(InvalidInput, match="week: is not an ISO week of 2025"):
        Period.iso_week(2025, 53)


def test_period_ending_before_it_starts_is_refused_naming_end() -> None:
    with pytest.raises(InvalidInput, match="end: must not be before start"):
        Period(dt.date(2026, 3, 2), dt.date(2026, 3, 1))


def test_a_datetime_where_a_date_is_expected_is_refused() -> None:
    with pytest.raises(WrongType, match="start: expected a datetime.date"):
        Period(dt.datetime(2026, 1, 1), dt.date(2026, 1, 2))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "call"),
    [
        ("month", lambda: Period.month(2026, 13)),
        ("quarter", lambda: Period.quarter(2026, 5)),
        ("year", lambda: Period.year(0)),
        ("start_month", lambda: FiscalYear(2026, start_month=0)),
    ],
)
def test_out_of_range_calendar_numbers_are_refused(field: str, call: object) -> None:
    with pytest.raises(InvalidInput, match=field):
        call()  # type: ignore[operator]


def test_bool_is_not_a_month() -> None:
    with pytest.raises(WrongType, match="month"):
        Period.month(2026, True)


def test_X_9_the_thirtieth_of_february_is_the_last_day_of_february() -> None:
    assert clamp_day(2026, 2, 30) == dt.date(2026, 2, 28)
    assert clamp_day(2028, 2, 30) == dt.date(2028, 2, 29)
    assert clamp_day(2026, 1, 30) == dt.date(2026, 1, 30)


def test_clamp_day_refuses_day_zero() -> None:
    with pytest.raises(InvalidInput, match="day: must be between 1 and 31"):
        clamp_day(2026, 2, 0)


def test_fiscal_year_from_april_runs_into_the_next_calendar_year() -> None:
    fy = FiscalYear(2026, start_month=4)
    assert fy.period == Period(dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert fy.months()[-1] == Period.month(2027, 3)
    assert fy.quarter(1) == Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))


def test_fiscal_year_containing_a_day() -> None:
    assert FiscalYear.containing(dt.date(2027, 2, 1), start_month=4) == FiscalYear(2026, 4)
    assert FiscalYear.containing(dt.date(2026, 4, 1), start_month=4) == FiscalYear(2026, 4)


def test_splitting_a_period_into_months_weeks_and_quarters_cuts_to_the_period() -> None:
    period = Period(dt.date(2026, 3, 20), dt.date(2026, 4, 5))
    assert [p.days for p in period.months()] == [12, 5]
    assert period.quarters() == (
        Period(dt.date(2026, 3, 20), dt.date(2026, 3, 31)),
        Period(dt.date(2026, 4, 1), dt.date(2026, 4, 5)),
    )
    assert period.weeks()[0] == Period(dt.date(2026, 3, 20), dt.date(2026, 3, 22))


def test_elapsed_fraction_counts_the_as_of_day_and_stays_within_zero_and_one() -> None:
    april = Period.month(2026, 4)
    assert elapsed_fraction(april, dt.date(2026, 4, 1)) == Decimal(
        "0.03333333333333333333333333333333333"
    )
    assert elapsed_fraction(april, dt.date(2026, 4, 30)) == 1
    assert elapsed_fraction(april, dt.date(2026, 5, 30)) == 1
    assert elapsed_fraction(april, dt.date(2026, 1, 1)) == 0


def test_elapsed_fraction_refuses_a_datetime() -> None:
    with pytest.raises(WrongType, match="as_of"):
        elapsed_fraction(Period.month(2026, 4), dt.datetime(2026, 4, 1))  # type: ignore[arg-type]


dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


@given(start=dates, length=st.integers(min_value=0, max_value=800))
def test_splits_partition_the_period_without_gaps(start: dt.date, length: int) -> None:
    period = Period(start, start + dt.timedelta(days=length))
    for parts in (period.months(), period.quarters(), period.weeks()):
        assert parts[0].start == period.start
        assert parts[-1].end == period.end
        assert sum(p.days for p in parts) == period.days
        for left, right in itertools.pairwise(parts):
            assert right.start == left.end + dt.timedelta(days=1)


@given(year=st.integers(min_value=1900, max_value=2200), month=st.integers(1, 12))
def test_fiscal_year_months_and_quarters_cover_the_year(year: int, month: int) -> None:
    fy = FiscalYear(year, start_month=month)
    assert sum(p.days for p in fy.months()) == fy.period.days
    assert [q.start for q in fy.quarters()] == [m.start for m in fy.months()[::3]]


@given(start=dates, length=st.integers(0, 400), a=dates, b=dates)
def test_elapsed_fraction_is_monotonic(start: dt.date, length: int, a: dt.date, b: dt.date) -> None:
    period = Period(start, start + dt.timedelta(days=length))
    early, late = sorted((a, b))
    assert 0 <= elapsed_fraction(period, early) <= elapsed_fraction(period, late) <= 1
