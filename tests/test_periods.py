"""Periods, fiscal years and the day clamp (issue 2: foundation; X-9, CAL-0)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
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


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value: the messages are asserted whole.


BAD_PERIOD_INPUTS = [
    pytest.param(
        lambda: Period(dt.datetime(2026, 1, 1), dt.date(2026, 1, 2)),
        WrongType,
        "start: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 0, 0)",
        id="period_start_datetime",
    ),
    pytest.param(
        lambda: Period(dt.date(2026, 1, 1), "2026-01-02"),
        WrongType,
        "end: expected a datetime.date, got str '2026-01-02'",
        id="period_end_text",
    ),
    pytest.param(
        lambda: Period(dt.date(2026, 3, 1), dt.date(2026, 2, 28)),
        InvalidInput,
        "end: must not be before start 2026-03-01, got datetime.date(2026, 2, 28)",
        id="period_end_before_start",
    ),
    pytest.param(
        lambda: Period.day(dt.datetime(2026, 1, 1, 9, 0)),
        WrongType,
        "day: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 9, 0)",
        id="day_datetime",
    ),
    pytest.param(
        lambda: Period.month(0, 1),
        InvalidInput,
        "year: must be between 1 and 9999, got 0",
        id="month_year_zero",
    ),
    pytest.param(
        lambda: Period.month(10000, 1),
        InvalidInput,
        "year: must be between 1 and 9999, got 10000",
        id="month_year_10000",
    ),
    pytest.param(
        lambda: Period.month("2026", 1),
        WrongType,
        "year: expected an int, got str '2026'",
        id="month_year_text",
    ),
    pytest.param(
        lambda: Period.month(2026, 13),
        InvalidInput,
        "month: must be between 1 and 12, got 13",
        id="month_thirteen",
    ),
    pytest.param(
        lambda: Period.month(2026, 0),
        InvalidInput,
        "month: must be between 1 and 12, got 0",
        id="month_zero",
    ),
    pytest.param(
        lambda: Period.month(2026, True),
        WrongType,
        "month: expected an int, got bool True",
        id="month_bool",
    ),
    pytest.param(
        lambda: Period.quarter(2026, 5),
        InvalidInput,
        "quarter: must be between 1 and 4, got 5",
        id="quarter_five",
    ),
    pytest.param(
        lambda: Period.quarter(2026, 0),
        InvalidInput,
        "quarter: must be between 1 and 4, got 0",
        id="quarter_zero",
    ),
    pytest.param(
        lambda: Period.quarter(2026, "1"),
        WrongType,
        "quarter: expected an int, got str '1'",
        id="quarter_text",
    ),
    pytest.param(
        lambda: Period.year(10000),
        InvalidInput,
        "year: must be between 1 and 9999, got 10000",
        id="year_too_big",
    ),
    pytest.param(
        lambda: Period.iso_week(2025, 53),
        InvalidInput,
        "week: is not an ISO week of 2025, got 53",
        id="iso_week_fifty_three",
    ),
    pytest.param(
        lambda: Period.iso_week(2026, "1"),
        WrongType,
        "week: expected an int, got str '1'",
        id="iso_week_text",
    ),
    pytest.param(
        lambda: Period.iso_week(0, 1),
        InvalidInput,
        "year: must be between 1 and 9999, got 0",
        id="iso_week_year_zero",
    ),
    pytest.param(
        lambda: Period.week_of(dt.datetime(2026, 1, 1, 9, 0)),
        WrongType,
        "day: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 9, 0)",
        id="week_of_datetime",
    ),
    pytest.param(
        lambda: Period.week_of(dt.date(2026, 1, 1), week_start=7),
        InvalidInput,
        "week_start: must be a weekday number 0 (Monday) to 6, got 7",
        id="week_of_start_seven",
    ),
    pytest.param(
        lambda: Period.week_of(dt.date(2026, 1, 1), week_start=-1),
        InvalidInput,
        "week_start: must be a weekday number 0 (Monday) to 6, got -1",
        id="week_of_start_negative",
    ),
    pytest.param(
        lambda: Period.week_of(dt.date(2026, 1, 1), week_start="0"),
        WrongType,
        "week_start: expected an int, got str '0'",
        id="week_of_start_text",
    ),
    pytest.param(
        lambda: dt.datetime(2026, 1, 1, 9, 0) in Period.month(2026, 1),
        WrongType,
        "day: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 9, 0)",
        id="contains_datetime",
    ),
    pytest.param(
        lambda: "2026-01-01" in Period.month(2026, 1),
        WrongType,
        "day: expected a datetime.date, got str '2026-01-01'",
        id="contains_text",
    ),
    pytest.param(
        lambda: Period.month(2026, 1).weeks(week_start=7),
        InvalidInput,
        "week_start: must be a weekday number 0 (Monday) to 6, got 7",
        id="weeks_start_seven",
    ),
    pytest.param(
        lambda: clamp_day(2026, 2, 32),
        InvalidInput,
        "day: must be between 1 and 31, got 32",
        id="clamp_day_thirty_two",
    ),
    pytest.param(
        lambda: clamp_day(2026, 2, 0),
        InvalidInput,
        "day: must be between 1 and 31, got 0",
        id="clamp_day_zero",
    ),
    pytest.param(
        lambda: clamp_day(2026, 2, "1"),
        WrongType,
        "day: expected an int, got str '1'",
        id="clamp_day_text",
    ),
    pytest.param(
        lambda: clamp_day(2026, 13, 1),
        InvalidInput,
        "month: must be between 1 and 12, got 13",
        id="clamp_day_month_thirteen",
    ),
    pytest.param(
        lambda: clamp_day(0, 1, 1),
        InvalidInput,
        "year: must be between 1 and 9999, got 0",
        id="clamp_day_year_zero",
    ),
    pytest.param(
        lambda: FiscalYear(0),
        InvalidInput,
        "year: must be between 1 and 9999, got 0",
        id="fiscal_year_zero",
    ),
    pytest.param(
        lambda: FiscalYear(2026, 13),
        InvalidInput,
        "start_month: must be between 1 and 12, got 13",
        id="fiscal_year_start_month_thirteen",
    ),
    pytest.param(
        lambda: FiscalYear(2026, "4"),
        WrongType,
        "start_month: expected an int, got str '4'",
        id="fiscal_year_start_month_text",
    ),
    pytest.param(
        lambda: FiscalYear.containing(dt.datetime(2026, 1, 1, 9, 0)),
        WrongType,
        "day: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 9, 0)",
        id="fiscal_containing_datetime",
    ),
    pytest.param(
        lambda: FiscalYear.containing(dt.date(2026, 1, 1), 0),
        InvalidInput,
        "start_month: must be between 1 and 12, got 0",
        id="fiscal_containing_start_month_zero",
    ),
    pytest.param(
        lambda: FiscalYear(2026).quarter(5),
        InvalidInput,
        "quarter: must be between 1 and 4, got 5",
        id="fiscal_quarter_five",
    ),
    pytest.param(
        lambda: FiscalYear(2026).quarter(0),
        InvalidInput,
        "quarter: must be between 1 and 4, got 0",
        id="fiscal_quarter_zero",
    ),
    pytest.param(
        lambda: FiscalYear(2026).quarter(True),
        WrongType,
        "quarter: expected an int, got bool True",
        id="fiscal_quarter_bool",
    ),
    pytest.param(
        lambda: elapsed_fraction("2026-01", dt.date(2026, 1, 1)),
        WrongType,
        "period: expected a Period, got str '2026-01'",
        id="elapsed_period_wrong_type",
    ),
    pytest.param(
        lambda: elapsed_fraction(Period.month(2026, 1), dt.datetime(2026, 1, 1, 9, 0)),
        WrongType,
        "as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 9, 0)",
        id="elapsed_as_of_datetime",
    ),
    pytest.param(
        lambda: FiscalYear(9999),
        InvalidInput,
        "year: a fiscal year must start by 9998 (it may end the next year), got 9999",
        id="fiscal_year_9999",
    ),
    pytest.param(
        lambda: Period.week_of(dt.date(1, 1, 1), week_start=1),
        InvalidInput,
        "day: its week runs past the first or last day of the calendar, got datetime.date(1, 1, 1)",
        id="week_of_before_the_calendar",
    ),
    pytest.param(
        lambda: Period.month(2026, 1).overlaps("2026-01"),
        WrongType,
        "other: expected a Period, got str '2026-01'",
        id="overlaps_not_a_period",
    ),
    pytest.param(
        lambda: Period.month(2026, 1).weeks(week_start="0"),
        WrongType,
        "week_start: expected an int, got str '0'",
        id="weeks_start_text",
    ),
    pytest.param(
        lambda: Period(
            dt.date(2000, 1, 3), dt.date(2000, 1, 3) + dt.timedelta(days=70007 - 1)
        ).weeks(),
        InvalidInput,
        "period: splits into more than 10000 parts; split a shorter one, got Period(start=datetime.date(2000, 1, 3), end=datetime.date(2191, 9, 4))",
        id="weeks_ten_thousand_and_one",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_PERIOD_INPUTS)
def test_every_bad_period_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


def test_the_first_and_last_supported_years_days_and_quarters_are_accepted() -> None:
    assert "0001-01-01..0001-12-31" == str(Period.year(1))
    assert "9999-01-01..9999-12-31" == str(Period.year(9999))
    assert "9998-01-01..9998-12-31" == str(FiscalYear(9998).period)
    assert (dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == (
        clamp_day(2026, 1, 1),
        clamp_day(2026, 1, 31),
    )
    assert "2026-10-01..2026-12-31" == str(Period.quarter(2026, 4))
    assert "2027-01-01..2027-03-31" == str(FiscalYear(2026, 4).quarter(4))


def test_a_week_starts_on_monday_by_default_or_on_the_given_weekday() -> None:
    thursday = dt.date(2026, 1, 1)

    assert "2025-12-29..2026-01-04" == str(Period.week_of(thursday))
    assert "2025-12-31..2026-01-06" == str(Period.week_of(thursday, week_start=2))
    assert "2025-12-28..2026-01-03" == str(Period.week_of(thursday, week_start=6))
    assert "2026-01-01..2026-01-07" == str(Period.week_of(thursday, week_start=3))
    assert "2026-01-10..2026-01-16" == str(Period.week_of(dt.date(2026, 1, 16), week_start=5))


def test_weeks_of_a_month_follow_the_given_week_start() -> None:
    weeks = Period.month(2026, 1).weeks(week_start=6)

    assert ["2026-01-01..2026-01-03", "2026-01-04..2026-01-10"] == [str(w) for w in weeks[:2]]


def test_periods_overlap_when_they_share_at_least_one_day() -> None:
    january = Period.month(2026, 1)

    assert january.overlaps(Period(dt.date(2026, 1, 31), dt.date(2026, 2, 5))) is True
    assert Period(dt.date(2025, 12, 1), dt.date(2026, 1, 1)).overlaps(january) is True
    assert january.overlaps(Period.month(2026, 2)) is False
    assert Period.month(2026, 2).overlaps(january) is False
    assert january.overlaps(Period.day(dt.date(2026, 1, 15))) is True


def test_a_period_lists_and_contains_each_of_its_days() -> None:
    days = Period(dt.date(2026, 2, 27), dt.date(2026, 3, 1))

    assert [dt.date(2026, 2, 27), dt.date(2026, 2, 28), dt.date(2026, 3, 1)] == list(days.dates())
    assert [dt.date(2026, 2, 27)] == list(Period.day(dt.date(2026, 2, 27)).dates())
    assert (False, True, True, False) == tuple(
        day in days
        for day in (
            dt.date(2026, 2, 26),
            dt.date(2026, 2, 27),
            dt.date(2026, 3, 1),
            dt.date(2026, 3, 2),
        )
    )


def test_the_fiscal_year_containing_a_day_starts_in_january_by_default() -> None:
    assert FiscalYear(2026) == FiscalYear.containing(dt.date(2026, 1, 1))
    assert FiscalYear(2025, 4) == FiscalYear.containing(dt.date(2026, 3, 31), 4)


def test_the_first_quarter_and_a_one_day_overlap_are_accepted() -> None:
    assert "2026-01-01..2026-03-31" == str(Period.quarter(2026, 1))
    assert Period.month(2026, 2).overlaps(Period(dt.date(2026, 1, 15), dt.date(2026, 2, 1))) is True


def test_a_period_splits_into_at_most_ten_thousand_parts() -> None:
    monday = dt.date(2000, 1, 3)

    weeks = Period(monday, monday + dt.timedelta(days=70000 - 1)).weeks()

    assert 10000 == len(weeks)
