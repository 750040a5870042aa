"""Tests for the duty calendar and reports (CAL-0..13, REPORT-1..10)."""

from __future__ import annotations

import datetime as dt
import pickle
import zoneinfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    REAL_ESTATE_LADDER,
    FiscalYear,
    InvalidInput,
    Period,
    PolicyError,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.duties import (
    ALL_DUTIES,
    CAL_1,
    CAL_2,
    CAL_4,
    CAL_5,
    CAL_6,
    CAL_6W,
    CAL_7,
    CAL_7W,
    CAL_8,
    CAL_8W,
    CAL_9,
    CAL_10,
    CAL_10W,
    CAL_11,
    CAL_12,
    CAL_13,
    HOTEL_DUTIES,
    REAL_ESTATE_DUTIES,
    REASON_CODES,
    SHOWROOM_DUTIES,
    TRADING_DUTIES,
    Anchor,
    Cadence,
    CalendarPolicy,
    CompanyCalendar,
    Deadline,
    DeadlineForm,
    Department,
    Duty,
    DutyDone,
    DutyIssue,
    HolidayAdjustment,
    Movement,
    ReportIssue,
    ReportKind,
    ReportSpec,
    SubmittedReport,
    compliance,
    due_date,
    duties_due,
    get_duty,
    hotel_calendar,
    is_on_time,
    is_working_day,
    real_estate_calendar,
    report_status,
    reports_due,
    showroom_calendar,
    trading_calendar,
)

TZ = "Asia/Shanghai"
SHANGHAI = zoneinfo.ZoneInfo(TZ)
D = dt.date


def at(day: dt.date, hour: int = 12, minute: int = 0, second: int = 0) -> dt.datetime:
    """A Shanghai instant on ``day``."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=SHANGHAI)


@pytest.fixture
def policy() -> CalendarPolicy:
    return CalendarPolicy(timezone=TZ)


# China's 2026 New Year: 1-3 January off, Sunday 4 January worked (调休).
NEW_YEAR_2026 = CompanyCalendar(
    holidays={D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)},
    makeup_working_days={D(2026, 1, 4)},
)


# -- CAL-0: due dates -----------------------------------------------------------------


def test_CAL_6_APPR_3_monthly_appraisal_is_due_on_28_february_2026(
    policy: CalendarPolicy,
) -> None:
    """CAL-6, APPR-3: monthly appraisal is due on 28 february 2026."""
    assert D(2026, 2, 28) == due_date(CAL_6, Period.month(2026, 2), policy)


def test_CAL_6_APPR_3_monthly_appraisal_is_due_on_29_february_2028(
    policy: CalendarPolicy,
) -> None:
    """CAL-6, APPR-3: monthly appraisal is due on 29 february 2028."""
    assert D(2028, 2, 29) == due_date(CAL_6, Period.month(2028, 2), policy)


def test_CAL_6_monthly_appraisal_is_due_on_the_30th_in_a_month_that_has_one(
    policy: CalendarPolicy,
) -> None:
    """CAL-6: monthly appraisal is due on the 30th in a month that has one."""
    assert D(2026, 4, 30) == due_date(CAL_6, Period.month(2026, 4), policy)
    assert D(2026, 1, 30) == due_date(CAL_6, Period.month(2026, 1), policy)


def test_X_9_appraisal_period_offset_minus_one_appraises_last_month_by_this_months_30th() -> None:
    """X-9: appraisal period offset minus one appraises last month by this months 30th."""
    policy = CalendarPolicy(timezone=TZ, appraisal_period_offset=-1)
    assert D(2026, 2, 28) == due_date(CAL_6, Period.month(2026, 1), policy)


def test_CAL_8_december_monthly_report_is_due_on_1_january_of_the_next_year(
    policy: CalendarPolicy,
) -> None:
    """CAL-8: december monthly report is due on 1 january of the next year."""
    assert D(2026, 1, 1) == due_date(CAL_8, Period.month(2025, 12), policy)


def test_CAL_8_monthly_report_due_day_lengthens_the_deadline() -> None:
    """CAL-8: monthly report due day lengthens the deadline."""
    policy = CalendarPolicy(timezone=TZ, monthly_report_due_day=3)
    assert D(2026, 3, 3) == due_date(CAL_8, Period.month(2026, 2), policy)


def test_CAL_10_first_quarter_plan_is_due_on_25_december_of_the_previous_year(
    policy: CalendarPolicy,
) -> None:
    """CAL-10: first quarter plan is due on 25 december of the previous year."""
    assert D(2025, 12, 25) == due_date(CAL_10, FiscalYear(2026).quarter(1), policy)


def test_CAL_10_calendar_quarter_plans_are_due_25_dec_mar_jun_sep(
    policy: CalendarPolicy,
) -> None:
    """CAL-10: calendar quarter plans are due 25 dec mar jun sep."""
    expected = [D(2025, 12, 25), D(2026, 3, 25), D(2026, 6, 25), D(2026, 9, 25)]
    actual = [due_date(CAL_10, Period.quarter(2026, q), policy) for q in (1, 2, 3, 4)]
    assert expected == actual


def test_CAL_10_fiscal_year_from_april_shifts_the_quarter_plans() -> None:
    """CAL-10: fiscal year from april shifts the quarter plans."""
    policy = CalendarPolicy(timezone=TZ, fiscal_year_start_month=4)
    fiscal = FiscalYear(2026, start_month=4)
    expected = [D(2026, 3, 25), D(2026, 6, 25), D(2026, 9, 25), D(2026, 12, 25)]
    assert expected == [due_date(CAL_10, q, policy) for q in fiscal.quarters()]


def test_CAL_10_a_calendar_quarter_is_refused_when_the_fiscal_quarters_start_in_february() -> None:
    """CAL-10: a calendar quarter is refused when the fiscal quarters start in february."""
    policy = CalendarPolicy(timezone=TZ, fiscal_year_start_month=2)
    with pytest.raises(InvalidInput, match="period: CAL-10 is quarterly"):
        due_date(CAL_10, Period.quarter(2026, 1), policy)


def test_CAL_7_and_CAL_9_next_months_plan_and_requisition_are_due_the_25th_before(
    policy: CalendarPolicy,
) -> None:
    """CAL-7: and CAL 9 next months plan and requisition are due the 25th before."""
    assert D(2026, 2, 25) == due_date(CAL_7, Period.month(2026, 3), policy)
    assert D(2025, 12, 25) == due_date(CAL_9, Period.month(2026, 1), policy)


def test_CAL_4_weekly_meeting_falls_on_the_weeks_tuesday(policy: CalendarPolicy) -> None:
    """CAL-4: weekly meeting falls on the weeks tuesday."""
    assert D(2026, 3, 3) == due_date(CAL_4, Period.iso_week(2026, 10), policy)


def test_CAL_4_week_start_sunday_still_puts_the_meeting_on_tuesday() -> None:
    """CAL-4: week start sunday still puts the meeting on tuesday."""
    policy = CalendarPolicy(timezone=TZ, week_start="sunday")
    week = Period.week_of(D(2026, 3, 4), week_start=6)
    assert D(2026, 3, 3) == due_date(CAL_4, week, policy)


def test_CAL_6w_weekly_sales_report_follows_the_weekly_meeting_weekday() -> None:
    """CAL-6w: weekly sales report follows the weekly meeting weekday."""
    policy = CalendarPolicy(timezone=TZ, weekly_meeting_weekday="wednesday")
    assert D(2026, 3, 4) == due_date(CAL_6W, Period.iso_week(2026, 10), policy)


def test_CAL_5_duty_rota_is_due_the_day_before_the_week(policy: CalendarPolicy) -> None:
    """CAL-5: duty rota is due the day before the week."""
    assert D(2026, 3, 1) == due_date(CAL_5, Period.iso_week(2026, 10), policy)


def test_CAL_7w_CAL_11_CAL_12_are_due_by_the_end_of_their_period(policy: CalendarPolicy) -> None:
    """CAL-7w, CAL-11, CAL-12: are due by the end of their period."""
    assert D(2026, 3, 8) == due_date(CAL_7W, Period.iso_week(2026, 10), policy)
    assert D(2026, 2, 28) == due_date(CAL_11, Period.month(2026, 2), policy)
    assert D(2026, 2, 28) == due_date(CAL_12, Period.month(2026, 2), policy)


def test_CAL_8w_VISIT_2_trading_meeting_is_on_saturday_morning() -> None:
    """CAL-8w, VISIT-2: trading meeting is on saturday morning."""
    policy = trading_calendar(TZ)
    occurrence = duties_due(policy, D(2026, 3, 2), D(2026, 3, 8))[0]
    assert (CAL_8W, D(2026, 3, 7), "morning") == (
        occurrence.duty,
        occurrence.due,
        occurrence.slot,
    )


def test_X_13_trading_saturday_meeting_on_a_holiday_moves_to_friday() -> None:
    """X-13: trading saturday meeting on a holiday moves to friday."""
    policy = trading_calendar(TZ)
    holiday = CompanyCalendar(holidays={D(2026, 10, 3)})
    week = Period.iso_week(2026, 40)
    assert D(2026, 10, 2) == due_date(CAL_8W, week, policy, calendar=holiday)


def test_ATT_14_showroom_rota_falls_on_mon_wed_fri_08_00_to_08_20() -> None:
    """ATT-14: showroom rota falls on mon wed fri 08 00 to 08 20."""
    policy = showroom_calendar(TZ)
    found = duties_due(policy, D(2026, 3, 2), D(2026, 3, 8))
    assert [D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 6)] == [o.due for o in found]
    assert {(dt.time(8, 0), dt.time(8, 20))} == {o.window for o in found}


def test_ATT_14_showroom_rota_is_skipped_on_a_holiday() -> None:
    """ATT-14: showroom rota is skipped on a holiday."""
    policy = showroom_calendar(TZ)
    holiday = CompanyCalendar(holidays={D(2026, 5, 1)})
    found = duties_due(policy, D(2026, 4, 27), D(2026, 5, 3), calendar=holiday)
    assert [D(2026, 4, 27), D(2026, 4, 29)] == [o.due for o in found]
    with pytest.raises(InvalidInput, match="period: falls on a non-working day"):
        due_date(CAL_10W, Period.day(D(2026, 5, 1)), policy, calendar=holiday)


def test_ATT_14_showroom_rota_on_a_tuesday_is_refused() -> None:
    """ATT-14: showroom rota on a tuesday is refused."""
    with pytest.raises(InvalidInput, match="period: CAL-10w falls on Monday/Wednesday/Friday"):
        due_date(CAL_10W, Period.day(D(2026, 3, 3)), showroom_calendar(TZ))


def test_CAL_1_hotel_needs_two_meetings_each_working_day() -> None:
    """CAL-1: hotel needs two meetings each working day."""
    occurrence = duties_due(hotel_calendar(TZ), D(2026, 3, 2), D(2026, 3, 2))[0]
    assert (CAL_1, 2) == (occurrence.duty, occurrence.required)


def test_CAL_2_daily_duty_on_a_sunday_is_refused(policy: CalendarPolicy) -> None:
    """CAL-2: daily duty on a sunday is refused."""
    with pytest.raises(InvalidInput, match="period: CAL-2 occurs on working days only"):
        due_date(CAL_2, Period.day(D(2026, 3, 1)), policy)


def test_CAL_2_daily_duty_runs_on_a_makeup_sunday(policy: CalendarPolicy) -> None:
    """CAL-2: daily duty runs on a makeup sunday."""
    sunday = D(2026, 1, 4)
    assert sunday == due_date(CAL_2, Period.day(sunday), policy, calendar=NEW_YEAR_2026)


# -- CAL-0: holiday adjustment -------------------------------------------------------


def test_CAL_0_no_adjustment_by_default_keeps_a_sunday_deadline(policy: CalendarPolicy) -> None:
    # 25 January 2026 is a Sunday.
    """CAL-0: no adjustment by default keeps a sunday deadline."""
    assert D(2026, 1, 25) == due_date(CAL_7, Period.month(2026, 2), policy)


def test_CAL_0_previous_working_day_moves_a_sunday_25th_to_friday() -> None:
    """CAL-0: previous working day moves a sunday 25th to friday."""
    policy = CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-7": "previous_working_day"})
    assert D(2026, 1, 23) == due_date(CAL_7, Period.month(2026, 2), policy)


def test_X_16_CAL_8_next_working_day_moves_past_new_year_to_the_makeup_sunday() -> None:
    """CAL-8: next working day moves past new year to the makeup sunday."""
    policy = CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-8": "next_working_day"})
    due = due_date(CAL_8, Period.month(2025, 12), policy, calendar=NEW_YEAR_2026)
    assert D(2026, 1, 4) == due


def test_CAL_0_a_makeup_saturday_counts_as_a_working_day(policy: CalendarPolicy) -> None:
    """CAL-0: a makeup saturday counts as a working day."""
    saturday = D(2026, 2, 28)
    calendar = CompanyCalendar(makeup_working_days={saturday})
    assert is_working_day(saturday, policy, calendar=calendar)
    assert not is_working_day(saturday, policy)


def test_CAL_0_a_holiday_is_not_a_working_day(policy: CalendarPolicy) -> None:
    """CAL-0: a holiday is not a working day."""
    assert not is_working_day(D(2026, 1, 2), policy, calendar=NEW_YEAR_2026)
    assert is_working_day(D(2026, 1, 5), policy, calendar=NEW_YEAR_2026)


def test_CAL_0_a_by_day_n_deadline_asking_next_working_day_is_refused() -> None:
    """CAL-0: a by day n deadline asking next working day is refused."""
    with pytest.raises(PolicyError, match=r"holiday_adjustment\.CAL-6: .*only move earlier"):
        CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-6": "next_working_day"})


def test_X_16_CAL_8_asking_previous_working_day_is_refused() -> None:
    """CAL-8: asking previous working day is refused."""
    with pytest.raises(PolicyError, match=r"holiday_adjustment\.CAL-8: .*only move later"):
        CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-8": HolidayAdjustment.PREVIOUS})


def test_CAL_0_a_daily_duty_takes_no_holiday_adjustment() -> None:
    """CAL-0: a daily duty takes no holiday adjustment."""
    with pytest.raises(PolicyError, match=r"holiday_adjustment\.CAL-2: .*working days only"):
        CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-2": "skip"})


def test_CAL_0_only_a_slot_duty_can_be_skipped() -> None:
    """CAL-0: only a slot duty can be skipped."""
    with pytest.raises(PolicyError, match=r"holiday_adjustment\.CAL-9: only a slot duty"):
        CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-9": "skip"})


def test_CAL_0_an_adjustment_for_a_duty_outside_the_set_is_refused() -> None:
    """CAL-0: an adjustment for a duty outside the set is refused."""
    with pytest.raises(PolicyError, match=r"holiday_adjustment\.CAL-1: CAL-1 is not one"):
        CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-1": "none"})


def test_CAL_0_a_foreign_duty_with_a_forbidden_adjustment_is_refused_at_due_date() -> None:
    """CAL-0: a foreign duty with a forbidden adjustment is refused at due date."""
    late_only = attrs.evolve(CAL_7, code="CAL-7", moves=Movement.LATER)
    policy = CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-7": "previous_working_day"})
    with pytest.raises(PolicyError, match=r"holiday_adjustment\.CAL-7"):
        due_date(late_only, Period.month(2026, 2), policy)


def test_CAL_0_a_calendar_without_a_working_day_for_a_month_is_refused() -> None:
    """CAL-0: a calendar without a working day for a month is refused."""
    policy = CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-8": "next_working_day"})
    blocked = CompanyCalendar(holidays={D(2025, 12, 1) + dt.timedelta(days=i) for i in range(90)})
    with pytest.raises(InvalidInput, match="calendar: no working day within 31 days"):
        due_date(CAL_8, Period.month(2025, 12), policy, calendar=blocked)


def test_X_9_month_day_overflow_error_refuses_the_30th_in_february() -> None:
    """X-9: month day overflow error refuses the 30th in february."""
    policy = CalendarPolicy(timezone=TZ, month_day_overflow="error")
    with pytest.raises(InvalidInput, match="appraisal_due_day: 2026-02 has no day 30"):
        due_date(CAL_6, Period.month(2026, 2), policy)


# -- CAL-0: period validation ----------------------------------------------------------


def test_CAL_0_a_week_for_a_monthly_duty_is_refused(policy: CalendarPolicy) -> None:
    """CAL-0: a week for a monthly duty is refused."""
    with pytest.raises(InvalidInput, match="period: CAL-6 is monthly: expected a calendar month"):
        due_date(CAL_6, Period.iso_week(2026, 10), policy)


def test_CAL_0_a_week_not_starting_on_week_start_is_refused(policy: CalendarPolicy) -> None:
    """CAL-0: a week not starting on week start is refused."""
    week = Period(D(2026, 3, 3), D(2026, 3, 9))
    with pytest.raises(InvalidInput, match="period: CAL-4 is weekly: expected a week starting on"):
        due_date(CAL_4, week, policy)


def test_CAL_0_due_date_refuses_a_non_duty(policy: CalendarPolicy) -> None:
    """CAL-0: due date refuses a non duty."""
    with pytest.raises(WrongType, match="duty"):
        due_date("CAL-6", Period.month(2026, 2), policy)  # type: ignore[arg-type]


def test_CAL_0_due_date_refuses_a_non_policy() -> None:
    """CAL-0: due date refuses a non policy."""
    with pytest.raises(WrongType, match="policy"):
        due_date(CAL_6, Period.month(2026, 2), {"timezone": TZ})  # type: ignore[arg-type]


# -- CAL-0: on time --------------------------------------------------------------------


def test_CAL_0_done_at_23_59_59_on_the_due_day_is_on_time(policy: CalendarPolicy) -> None:
    """CAL-0: done at 23 59 59 on the due day is on time."""
    assert is_on_time(at(D(2026, 2, 28), 23, 59, 59), D(2026, 2, 28), policy)


def test_CAL_0_done_at_midnight_after_the_due_day_is_late(policy: CalendarPolicy) -> None:
    """CAL-0: done at midnight after the due day is late."""
    assert not is_on_time(at(D(2026, 3, 1), 0, 0, 0), D(2026, 2, 28), policy)


def test_CAL_0_utc_instant_is_judged_in_company_time(policy: CalendarPolicy) -> None:
    # 15:59:59 UTC is 23:59:59 in Shanghai; 16:00 UTC is already the next day there.
    """CAL-0: utc instant is judged in company time."""
    due = D(2026, 2, 28)
    assert is_on_time(dt.datetime(2026, 2, 28, 15, 59, 59, tzinfo=dt.UTC), due, policy)
    assert not is_on_time(dt.datetime(2026, 2, 28, 16, 0, tzinfo=dt.UTC), due, policy)


def test_CAL_0_strict_deadline_means_by_the_end_of_the_day_before() -> None:
    """CAL-0: strict deadline means by the end of the day before."""
    policy = CalendarPolicy(
        timezone=TZ, deadline_inclusive=False, duties=["CAL-6"], report_kinds=()
    )
    assert is_on_time(at(D(2026, 2, 27), 23, 59), D(2026, 2, 28), policy)
    assert not is_on_time(at(D(2026, 2, 28), 0, 1), D(2026, 2, 28), policy)


def test_CAL_0_inclusive_override_keeps_a_slot_on_its_day() -> None:
    """CAL-0: inclusive override keeps a slot on its day."""
    policy = CalendarPolicy(
        timezone=TZ, deadline_inclusive=False, duties=["CAL-6"], report_kinds=()
    )
    assert is_on_time(D(2026, 3, 3), D(2026, 3, 3), policy, inclusive=True)


def test_CAL_0_a_plain_day_is_read_as_company_time(policy: CalendarPolicy) -> None:
    """CAL-0: a plain day is read as company time."""
    assert is_on_time(D(2026, 2, 28), D(2026, 2, 28), policy)
    assert not is_on_time(D(2026, 3, 1), D(2026, 2, 28), policy)


def test_CAL_0_a_naive_done_at_is_refused(policy: CalendarPolicy) -> None:
    """CAL-0: a naive done at is refused."""
    with pytest.raises(InvalidInput, match="done_at: must be timezone-aware"):
        is_on_time(dt.datetime(2026, 2, 28, 9), D(2026, 2, 28), policy)


def test_CAL_0_a_datetime_due_is_refused(policy: CalendarPolicy) -> None:
    """CAL-0: a datetime due is refused."""
    with pytest.raises(WrongType, match="due"):
        is_on_time(D(2026, 2, 28), at(D(2026, 2, 28)), policy)


def test_X_16_strict_deadline_with_the_report_due_on_the_1st_is_refused() -> None:
    """X-16: strict deadline with the report due on the 1st is refused."""
    with pytest.raises(PolicyError, match="monthly_report_due_day: with deadline_inclusive=False"):
        CalendarPolicy(timezone=TZ, deadline_inclusive=False)


def test_X_16_strict_deadline_with_the_report_due_on_the_2nd_is_accepted() -> None:
    """X-16: strict deadline with the report due on the 2nd is accepted."""
    policy = CalendarPolicy(timezone=TZ, deadline_inclusive=False, monthly_report_due_day=2)
    assert not policy.deadline_inclusive


# -- policy validation -----------------------------------------------------------------


def test_policy_requires_a_known_timezone() -> None:
    with pytest.raises(PolicyError, match="timezone: is not a known IANA time-zone name"):
        CalendarPolicy(timezone="Mars/Olympus")


def test_policy_refuses_an_empty_timezone() -> None:
    with pytest.raises(PolicyError, match="timezone"):
        CalendarPolicy(timezone=" ")


def test_policy_refuses_a_due_day_of_32() -> None:
    with pytest.raises(PolicyError, match="appraisal_due_day: must be between 1 and 31"):
        CalendarPolicy(timezone=TZ, appraisal_due_day=32)


def test_policy_refuses_a_bool_for_a_due_day() -> None:
    with pytest.raises(PolicyError, match="next_month_plan_due_day: expected an int"):
        CalendarPolicy(timezone=TZ, next_month_plan_due_day=True)


def test_policy_refuses_no_working_days() -> None:
    with pytest.raises(PolicyError, match="working_days: needs at least one weekday"):
        CalendarPolicy(timezone=TZ, working_days=())


def test_policy_refuses_an_unknown_weekday_name() -> None:
    with pytest.raises(PolicyError, match="weekly_meeting_weekday: expected a weekday name"):
        CalendarPolicy(timezone=TZ, weekly_meeting_weekday="caturday")


def test_policy_refuses_a_positive_appraisal_period_offset() -> None:
    with pytest.raises(PolicyError, match="appraisal_period_offset: must be between -12 and 0"):
        CalendarPolicy(timezone=TZ, appraisal_period_offset=1)


def test_policy_refuses_a_duty_listed_twice() -> None:
    with pytest.raises(PolicyError, match=r"duties\[1\]: duty CAL-6 is listed twice"):
        CalendarPolicy(timezone=TZ, duties=[CAL_6, "CAL-6"], report_kinds=())


def test_policy_refuses_an_unknown_duty_code() -> None:
    with pytest.raises(PolicyError, match=r"duties\[0\]: not a duty of RULES.md section 12"):
        CalendarPolicy(timezone=TZ, duties=["CAL-99"], report_kinds=())


def test_policy_refuses_a_report_whose_duty_is_not_in_the_set() -> None:
    with pytest.raises(PolicyError, match=r"report_kinds\[0\]\.duty: CAL-2 is not one"):
        CalendarPolicy(timezone=TZ, duties=["CAL-6"])


def test_policy_reports_every_problem_at_once() -> None:
    with pytest.raises(PolicyError) as caught:
        CalendarPolicy(
            timezone=TZ,
            duties=["CAL-6", "CAL-8"],
            holiday_adjustment={"CAL-6": "next_working_day", "CAL-8": "previous_working_day"},
            report_kinds=(),
        )
    assert ["holiday_adjustment.CAL-6", "holiday_adjustment.CAL-8"] == [
        key for key, _ in caught.value.errors
    ]


def test_policy_refuses_a_custom_duty_pointing_at_a_missing_field() -> None:
    custom = Duty(
        "CAL-20",
        Cadence.MONTHLY,
        deadline=Deadline(Anchor.MONTH_DAY, "bonus_due_day"),
        form=DeadlineForm.BY,
        title_zh="奖金",
        title_en="bonus",
    )
    with pytest.raises(PolicyError, match=r"duties\[0\]\.deadline\.day: 'bonus_due_day' is not"):
        CalendarPolicy(timezone=TZ, duties=[custom], report_kinds=())


def test_policy_refuses_a_custom_duty_pointing_at_a_field_of_the_wrong_kind() -> None:
    custom = Duty(
        "CAL-20",
        Cadence.MONTHLY,
        deadline=Deadline(Anchor.MONTH_DAY, "timezone"),
        form=DeadlineForm.BY,
        title_zh="奖金",
        title_en="bonus",
    )
    with pytest.raises(PolicyError, match="'timezone' does not hold a day of the month"):
        CalendarPolicy(timezone=TZ, duties=[custom], report_kinds=())


def test_policy_accepts_a_custom_duty_with_a_literal_day() -> None:
    custom = Duty(
        "CAL-20",
        Cadence.MONTHLY,
        deadline=Deadline(Anchor.MONTH_DAY, 10, months_ahead=-1),
        form=DeadlineForm.BY,
        title_zh="提成结算",
        title_en="commission settlement",
    )
    policy = CalendarPolicy(timezone=TZ, duties=[custom], report_kinds=())
    assert D(2026, 3, 10) == due_date(custom, Period.month(2026, 2), policy)


def test_profile_factories_refuse_an_unknown_field() -> None:
    with pytest.raises(PolicyError, match="meeting_day: is not a CalendarPolicy field"):
        real_estate_calendar(TZ, meeting_day=2)


def test_policy_pickles_and_compares_equal() -> None:
    policy = real_estate_calendar(TZ)
    assert policy == pickle.loads(pickle.dumps(policy))


# -- duties as data -------------------------------------------------------------------


def test_CAL_every_row_of_section_12_is_in_the_catalogue() -> None:
    expected = {f"CAL-{n}" for n in range(1, 14)} | {f"CAL-{n}w" for n in range(6, 11)}
    assert expected == {duty.code for duty in ALL_DUTIES}


def test_CAL_6_reports_to_the_marketing_director_and_is_announced() -> None:
    """CAL-6: reports to the marketing director and is announced."""
    director = REAL_ESTATE_LADDER.get("marketing_director")
    assert ((director,), True) == (CAL_6.recipients, CAL_6.announce_in_department)


def test_CAL_9_EXP_5_requisition_is_signed_by_the_director_and_filed_with_administration() -> None:
    """CAL-9, EXP-5: requisition is signed by the director and filed with administration."""
    director = REAL_ESTATE_LADDER.get("marketing_director")
    assert (director, Department.ADMINISTRATION) == (CAL_9.sign_off, CAL_9.filed_with)


def test_REPORT_6_weekly_sales_report_is_checked_by_finance_first() -> None:
    """REPORT-6: weekly sales report is checked by finance first."""
    assert Department.FINANCE == CAL_6W.checked_by


def test_X_16_only_the_monthly_report_moves_later() -> None:
    """X-16: only the monthly report moves later."""
    assert [CAL_8] == [duty for duty in ALL_DUTIES if duty.moves is Movement.LATER]


def test_CAL_0_by_day_n_duties_move_only_earlier() -> None:
    """CAL-0: by day n duties move only earlier."""
    by = [d for d in ALL_DUTIES if d.form is DeadlineForm.BY and d.moves is not Movement.LATER]
    assert all(duty.moves is Movement.EARLIER for duty in by)
    assert {"CAL-6", "CAL-7", "CAL-9", "CAL-10"} == {duty.code for duty in by}


def test_profiles_hold_the_seed_companies_duties() -> None:
    assert {"CAL-8w", "CAL-9w"} == {d.code for d in TRADING_DUTIES}
    assert {"CAL-10w"} == {d.code for d in SHOWROOM_DUTIES}
    assert {"CAL-1", "CAL-3", "CAL-13"} == {d.code for d in HOTEL_DUTIES}
    assert {"CAL-6", "CAL-7", "CAL-8", "CAL-9", "CAL-10"} <= {d.code for d in REAL_ESTATE_DUTIES}


def test_get_duty_finds_a_row_and_refuses_an_unknown_one() -> None:
    assert CAL_13 == get_duty("CAL-13")
    with pytest.raises(UnknownEntity, match="code: not a duty"):
        get_duty("CAL-0")


def test_duty_refuses_a_lower_case_code() -> None:
    with pytest.raises(InvalidInput, match="code: expected a rule ID"):
        attrs.evolve(CAL_6, code="cal-6")


def test_duty_refuses_a_slot_form_on_a_monthly_deadline() -> None:
    with pytest.raises(InvalidInput, match="form: only a daily or weekday duty is a slot"):
        attrs.evolve(CAL_6, form=DeadlineForm.ON)


def test_deadline_refuses_a_day_for_a_period_end_anchor() -> None:
    with pytest.raises(InvalidInput, match="day: a PERIOD_END deadline takes no day"):
        Deadline(Anchor.PERIOD_END, 5)


def test_deadline_refuses_months_ahead_outside_a_month_day_anchor() -> None:
    with pytest.raises(InvalidInput, match="months_ahead: only a MONTH_DAY deadline"):
        Deadline(Anchor.PERIOD_END, months_ahead=1)


def test_deadline_refuses_a_weekday_of_7() -> None:
    with pytest.raises(InvalidInput, match="day: must be a weekday number"):
        Deadline(Anchor.WEEKDAY, 7)


def test_company_calendar_refuses_a_datetime_holiday() -> None:
    with pytest.raises(WrongType, match="holidays"):
        CompanyCalendar(holidays={dt.datetime(2026, 1, 1)})


def test_company_calendar_refuses_a_day_that_is_both() -> None:
    with pytest.raises(InvalidInput, match="makeup_working_days: a day cannot be both"):
        CompanyCalendar(holidays={D(2026, 1, 4)}, makeup_working_days={D(2026, 1, 4)})


# -- duties_due ------------------------------------------------------------------------


def test_CAL_duties_due_in_february_2026_for_real_estate(policy: CalendarPolicy) -> None:
    found = duties_due(policy, D(2026, 2, 1), D(2026, 2, 28))
    codes = {"CAL-6", "CAL-7", "CAL-8", "CAL-9", "CAL-10", "CAL-11", "CAL-12"}
    monthly = [(o.duty.code, o.due) for o in found if o.duty.code in codes]
    assert [
        ("CAL-8", D(2026, 2, 1)),
        ("CAL-7", D(2026, 2, 25)),
        ("CAL-9", D(2026, 2, 25)),
        ("CAL-6", D(2026, 2, 28)),
        ("CAL-11", D(2026, 2, 28)),
        ("CAL-12", D(2026, 2, 28)),
    ] == monthly


def test_CAL_4_four_tuesday_meetings_in_february_2026(policy: CalendarPolicy) -> None:
    """CAL-4: four tuesday meetings in february 2026."""
    found = duties_due(policy, D(2026, 2, 1), D(2026, 2, 28))
    tuesdays = [D(2026, 2, 3), D(2026, 2, 10), D(2026, 2, 17), D(2026, 2, 24)]
    assert tuesdays == [o.due for o in found if o.duty is CAL_4]


def test_CAL_2_daily_checklist_skips_holidays_and_adds_the_makeup_sunday(
    policy: CalendarPolicy,
) -> None:
    """CAL-2: daily checklist skips holidays and adds the makeup sunday."""
    found = duties_due(policy, D(2025, 12, 31), D(2026, 1, 5), calendar=NEW_YEAR_2026)
    assert [D(2025, 12, 31), D(2026, 1, 4), D(2026, 1, 5)] == [
        o.due for o in found if o.duty is CAL_2
    ]


def test_CAL_10_quarter_plan_appears_in_the_range_of_its_due_day(policy: CalendarPolicy) -> None:
    """CAL-10: quarter plan appears in the range of its due day."""
    found = duties_due(policy, D(2025, 12, 25), D(2025, 12, 25))
    assert [Period.quarter(2026, 1)] == [o.period for o in found if o.duty is CAL_10]


def test_CAL_0_an_adjusted_deadline_is_listed_on_its_adjusted_day() -> None:
    """CAL-0: an adjusted deadline is listed on its adjusted day."""
    policy = CalendarPolicy(timezone=TZ, holiday_adjustment={"CAL-7": "previous_working_day"})
    found = duties_due(policy, D(2026, 1, 23), D(2026, 1, 23))
    cal7 = [o for o in found if o.duty is CAL_7]
    assert [(D(2026, 1, 23), D(2026, 1, 25), True)] == [
        (o.due, o.nominal, o.adjusted) for o in cal7
    ]
    assert [] == [o for o in duties_due(policy, D(2026, 1, 25), D(2026, 1, 25)) if o.duty is CAL_7]


def test_duties_due_refuses_a_reversed_range(policy: CalendarPolicy) -> None:
    with pytest.raises(InvalidInput, match="to_date: must not be before from_date"):
        duties_due(policy, D(2026, 3, 2), D(2026, 3, 1))


def test_duties_due_refuses_a_datetime(policy: CalendarPolicy) -> None:
    with pytest.raises(WrongType, match="from_date"):
        duties_due(policy, at(D(2026, 3, 2)), D(2026, 3, 3))  # type: ignore[arg-type]


def test_duties_due_refuses_a_non_calendar(policy: CalendarPolicy) -> None:
    with pytest.raises(WrongType, match="calendar"):
        duties_due(policy, D(2026, 3, 2), D(2026, 3, 3), calendar={D(2026, 3, 2)})  # type: ignore[arg-type]


# -- compliance -----------------------------------------------------------------------


@pytest.fixture
def monthly() -> CalendarPolicy:
    return CalendarPolicy(
        timezone=TZ, duties=["CAL-6", "CAL-7", "CAL-8", "CAL-11"], report_kinds=()
    )


def test_CAL_compliance_all_done_on_time_is_allowed(monthly: CalendarPolicy) -> None:
    done = [
        DutyDone("CAL-8", Period.month(2026, 1), done_at=at(D(2026, 2, 1), 18)),
        DutyDone("CAL-7", Period.month(2026, 3), done_at=D(2026, 2, 24)),
        DutyDone(CAL_6, Period.month(2026, 2), done_at=at(D(2026, 2, 28), 23, 59, 59)),
        DutyDone("CAL-11", Period.month(2026, 2), done_at=D(2026, 2, 10)),
    ]
    result = compliance(done, monthly, Period.month(2026, 2))
    assert (Verdict.ALLOWED, (), 4) == (result.verdict, result.reasons, len(result.checks))


def test_CAL_6_appraisal_done_on_1_march_is_late(monthly: CalendarPolicy) -> None:
    """CAL-6: appraisal done on 1 march is late."""
    done = [DutyDone("CAL-6", Period.month(2026, 2), done_at=at(D(2026, 3, 1), 0, 0, 1))]
    result = compliance(done, monthly, Period.month(2026, 2))
    late = result.late
    assert [("CAL-6", D(2026, 2, 28), D(2026, 3, 1))] == [
        (c.occurrence.duty.code, c.occurrence.due, c.completed_on) for c in late
    ]
    reason = next(r for r in result.reasons if r.code == "duty_late")
    assert ("CAL-6", D(2026, 3, 1)) == (reason.rule, reason.param("done"))


def test_CAL_compliance_lists_missing_occurrences_with_reasons(monthly: CalendarPolicy) -> None:
    result = compliance([], monthly, Period.month(2026, 2))
    assert Verdict.REJECTED == result.verdict
    assert ["CAL-8", "CAL-7", "CAL-6", "CAL-11"] == [c.occurrence.duty.code for c in result.missing]
    assert {"duty_missing"} == {r.code for r in result.reasons}


def test_CAL_11_two_trainings_required_one_done_is_too_few() -> None:
    """CAL-11: two trainings required one done is too few."""
    policy = CalendarPolicy(
        timezone=TZ, duties=["CAL-11"], report_kinds=(), min_trainings_per_month=2
    )
    done = [DutyDone("CAL-11", Period.month(2026, 2), done_at=D(2026, 2, 10))]
    result = compliance(done, policy, Period.month(2026, 2))
    reason = result.reasons[0]
    assert ("duty_too_few", 2, 1) == (reason.code, reason.param("required"), reason.param("count"))
    assert [DutyIssue.TOO_FEW] == [c.issue for c in result.too_few]


def test_CAL_1_hotel_evening_meeting_missing_is_too_few() -> None:
    """CAL-1: hotel evening meeting missing is too few."""
    policy = hotel_calendar(TZ)
    day = Period.day(D(2026, 3, 2))
    done = [DutyDone("CAL-1", day, done_at=at(day.start, 8))]
    result = compliance(done, policy, day)
    assert [("CAL-1", DutyIssue.TOO_FEW)] == [
        (c.occurrence.duty.code, c.issue) for c in result.checks if c.occurrence.duty is CAL_1
    ]


def test_CAL_compliance_as_of_leaves_out_deadlines_not_yet_passed(
    monthly: CalendarPolicy,
) -> None:
    result = compliance([], monthly, Period.month(2026, 2), as_of=D(2026, 2, 25))
    assert ["CAL-8"] == [c.occurrence.duty.code for c in result.checks]


def test_CAL_compliance_strict_deadline_makes_the_due_day_late() -> None:
    policy = CalendarPolicy(
        timezone=TZ, deadline_inclusive=False, duties=["CAL-6"], report_kinds=()
    )
    done = [DutyDone("CAL-6", Period.month(2026, 2), done_at=at(D(2026, 2, 28), 9))]
    assert [DutyIssue.LATE] == [
        c.issue for c in compliance(done, policy, Period.month(2026, 2)).checks
    ]


def test_CAL_4_meeting_on_its_day_is_on_time_even_with_strict_deadlines() -> None:
    """CAL-4: meeting on its day is on time even with strict deadlines."""
    policy = CalendarPolicy(
        timezone=TZ, deadline_inclusive=False, duties=["CAL-4"], report_kinds=()
    )
    week = Period.iso_week(2026, 10)
    done = [DutyDone("CAL-4", week, done_at=at(D(2026, 3, 3), 10))]
    assert compliance(done, policy, week).allowed


def test_CAL_compliance_refuses_a_record_for_an_unknown_duty(monthly: CalendarPolicy) -> None:
    done = [DutyDone("CAL-9", Period.month(2026, 3), done_at=D(2026, 2, 20))]
    with pytest.raises(UnknownEntity, match=r"duties_done\[0\]\.duty"):
        compliance(done, monthly, Period.month(2026, 2))


def test_CAL_compliance_refuses_a_record_with_a_week_for_a_monthly_duty(
    monthly: CalendarPolicy,
) -> None:
    done = [DutyDone("CAL-6", Period.iso_week(2026, 9), done_at=D(2026, 2, 27))]
    with pytest.raises(InvalidInput, match=r"duties_done\[0\]\.period: CAL-6 is monthly"):
        compliance(done, monthly, Period.month(2026, 2))


def test_CAL_compliance_refuses_a_non_record(monthly: CalendarPolicy) -> None:
    with pytest.raises(WrongType, match=r"duties_done\[0\]"):
        compliance(["CAL-6"], monthly, Period.month(2026, 2))  # type: ignore[list-item]


def test_CAL_compliance_to_dict_is_plain_data(monthly: CalendarPolicy) -> None:
    data = compliance([], monthly, Period.month(2026, 2)).to_dict()
    reasons = data["reasons"]
    assert isinstance(reasons, list)
    assert {
        "rule": "CAL-8",
        "code": "duty_missing",
        "params": {
            "duty": "CAL-8",
            "period": {"start": "2026-01-01", "end": "2026-01-31"},
            "due": "2026-02-01",
        },
    } == reasons[0]
    assert "rejected" == data["verdict"]


# -- reports --------------------------------------------------------------------------

WEEK_10 = Period.iso_week(2026, 10)
TUESDAY = D(2026, 3, 3)


def test_REPORT_6_weekly_sales_report_is_due_tuesday_to_the_director_after_finance(
    policy: CalendarPolicy,
) -> None:
    """REPORT-6: weekly sales report is due tuesday to the director after finance."""
    due = [r for r in reports_due(policy, WEEK_10.start, WEEK_10.end) if r.spec.duty == "CAL-6w"]
    director = REAL_ESTATE_LADDER.get("marketing_director")
    assert [(TUESDAY, (director,), Department.FINANCE)] == [
        (r.due, r.recipients, r.reconcile_with) for r in due
    ]


def test_REPORT_7_december_monthly_report_is_due_on_1_january(policy: CalendarPolicy) -> None:
    """REPORT-7: december monthly report is due on 1 january."""
    due = reports_due(policy, D(2026, 1, 1), D(2026, 1, 1))
    assert [(ReportKind.MONTHLY, Period.month(2025, 12))] == [
        (r.spec.kind, r.occurrence.period) for r in due if r.spec.kind is ReportKind.MONTHLY
    ]


def weekly_sales(**changes: object) -> SubmittedReport:
    base = SubmittedReport(
        ReportKind.WEEKLY_SALES,
        WEEK_10,
        submitted_at=at(TUESDAY, 17),
        reconciled_at=at(TUESDAY, 11),
    )
    return attrs.evolve(base, **changes)


def sales_status(policy: CalendarPolicy, report: SubmittedReport) -> tuple[ReportIssue, ...]:
    status = report_status([report], policy, Period.day(TUESDAY))
    return next(c for c in status.checks if c.due.spec.kind is ReportKind.WEEKLY_SALES).issues


def test_REPORT_6_reconciled_before_submission_is_in_order(policy: CalendarPolicy) -> None:
    """REPORT-6: reconciled before submission is in order."""
    assert () == sales_status(policy, weekly_sales())


def test_REPORT_6_submitted_without_reconciliation_is_unreconciled(policy: CalendarPolicy) -> None:
    """REPORT-6: submitted without reconciliation is unreconciled."""
    assert (ReportIssue.UNRECONCILED,) == sales_status(policy, weekly_sales(reconciled_at=None))


def test_REPORT_6_reconciled_after_submission_is_unreconciled(policy: CalendarPolicy) -> None:
    """REPORT-6: reconciled after submission is unreconciled."""
    report = weekly_sales(reconciled_at=at(TUESDAY, 18))
    status = report_status([report], policy, Period.day(TUESDAY))
    assert [report] == [check.report for check in status.unreconciled]
    reason = next(r for r in status.reasons if r.rule == "REPORT-6")
    assert ("report_reconciled_after_submission", "finance") == (
        reason.code,
        reason.param("department"),
    )


def test_REPORT_10_weekly_sales_report_on_wednesday_is_late(policy: CalendarPolicy) -> None:
    """REPORT-10: weekly sales report on wednesday is late."""
    report = weekly_sales(submitted_at=at(D(2026, 3, 4), 9), reconciled_at=at(TUESDAY, 11))
    assert (ReportIssue.LATE,) == sales_status(policy, report)


def test_REPORT_1_missing_reports_are_listed_with_their_rule(policy: CalendarPolicy) -> None:
    """REPORT-1: missing reports are listed with their rule."""
    status = report_status([], policy, Period.day(TUESDAY))
    assert [("REPORT-4", "daily"), ("REPORT-5", "weekly"), ("REPORT-6", "weekly_sales")] == [
        (r.rule, r.param("kind")) for r in status.reasons
    ]
    assert 3 == len(status.missing)


def test_REPORT_4_daily_report_not_verified_before_submission_is_unverified(
    policy: CalendarPolicy,
) -> None:
    """REPORT-4: daily report not verified before submission is unverified."""
    day = Period.day(TUESDAY)
    report = SubmittedReport("daily", day, submitted_at=at(TUESDAY, 20))
    status = report_status([report], policy, day)
    check = next(c for c in status.checks if c.due.spec.kind is ReportKind.DAILY)
    assert (ReportIssue.UNVERIFIED,) == check.issues


def test_REPORT_5_weekly_report_without_shortcomings_misses_a_field(
    policy: CalendarPolicy,
) -> None:
    """REPORT-5: weekly report without shortcomings misses a field."""
    report = SubmittedReport(
        "weekly",
        WEEK_10,
        submitted_at=at(TUESDAY, 16),
        shared_with_principal=True,
        suggestions=("加推两房户型",),
        filled_fields=("review", "plan"),
    )
    status = report_status([report], policy, Period.day(TUESDAY))
    reason = next(r for r in status.reasons if r.code == "report_fields_missing")
    assert ("REPORT-10", ("shortcomings",)) == (reason.rule, reason.param("fields"))


def test_REPORT_7_REPORT_8_monthly_report_must_be_announced_and_shared_with_suggestions(
    policy: CalendarPolicy,
) -> None:
    """REPORT-7, REPORT-8: monthly report must be announced and shared with suggestions."""
    day = Period.day(D(2026, 3, 1))
    bare = SubmittedReport("monthly", Period.month(2026, 2), submitted_at=D(2026, 3, 1))
    status = report_status([bare], policy, day)
    assert ["report_not_announced", "report_not_shared_with_principal"] == [
        r.code for r in status.reasons
    ]
    no_advice = attrs.evolve(bare, announced=True, shared_with_principal=True)
    assert ["report_without_suggestions"] == [
        r.code for r in report_status([no_advice], policy, day).reasons
    ]
    complete = attrs.evolve(no_advice, suggestions=("加大渠道投放",))
    assert report_status([complete], policy, day).allowed


def test_REPORT_2_hotel_daily_report_goes_to_the_sales_manager() -> None:
    """REPORT-2: hotel daily report goes to the sales manager."""
    policy = hotel_calendar(TZ)
    due = reports_due(policy, D(2026, 3, 2), D(2026, 3, 2))
    assert [("REPORT-2", "sales_manager")] == [(r.spec.rule, r.recipients[0].code) for r in due]


def test_REPORT_the_earliest_submission_counts(policy: CalendarPolicy) -> None:
    first = weekly_sales(reconciled_at=None)
    resubmitted = weekly_sales(submitted_at=at(TUESDAY, 19), reconciled_at=at(TUESDAY, 18))
    status = report_status([resubmitted, first], policy, Period.day(TUESDAY))
    check = next(c for c in status.checks if c.due.spec.kind is ReportKind.WEEKLY_SALES)
    assert (first, (ReportIssue.UNRECONCILED,)) == (check.report, check.issues)


def test_REPORT_status_refuses_a_kind_the_policy_lacks() -> None:
    policy = trading_calendar(TZ)
    report = SubmittedReport("daily", Period.day(TUESDAY), submitted_at=TUESDAY)
    with pytest.raises(UnknownEntity, match=r"reports_done\[0\]\.kind"):
        report_status([report], policy, Period.day(TUESDAY))


def test_REPORT_status_refuses_a_month_for_the_weekly_report(policy: CalendarPolicy) -> None:
    report = SubmittedReport("weekly", Period.month(2026, 3), submitted_at=TUESDAY)
    with pytest.raises(InvalidInput, match=r"reports_done\[0\]\.period: CAL-4 is weekly"):
        report_status([report], policy, Period.day(TUESDAY))


def test_REPORT_spec_refuses_a_non_role_author() -> None:
    with pytest.raises(WrongType, match="author"):
        ReportSpec(
            ReportKind.DAILY,
            "CAL-2",
            author="sales_supervisor",  # type: ignore[arg-type]
            recipients=(),
            rule="REPORT-1",
        )


def test_submitted_report_refuses_a_naive_reconciliation_time() -> None:
    with pytest.raises(InvalidInput, match="reconciled_at: must be timezone-aware"):
        weekly_sales(reconciled_at=dt.datetime(2026, 3, 3, 11))


# -- reason codes ---------------------------------------------------------------------


def test_every_reason_code_emitted_is_declared(policy: CalendarPolicy) -> None:
    codes: set[str] = set()
    tight = CalendarPolicy(
        timezone=TZ, duties=["CAL-6", "CAL-11"], report_kinds=(), min_trainings_per_month=2
    )
    codes |= {r.code for r in compliance([], tight, Period.month(2026, 2)).reasons}
    late = [
        DutyDone("CAL-6", Period.month(2026, 2), done_at=D(2026, 3, 1)),
        DutyDone("CAL-11", Period.month(2026, 2), done_at=D(2026, 2, 2)),
    ]
    codes |= {r.code for r in compliance(late, tight, Period.month(2026, 2)).reasons}
    tuesday = Period.day(TUESDAY)
    reports = [
        SubmittedReport("daily", tuesday, submitted_at=D(2026, 3, 4)),
        SubmittedReport("weekly", WEEK_10, submitted_at=TUESDAY, shared_with_principal=True),
        weekly_sales(reconciled_at=at(TUESDAY, 18)),
    ]
    codes |= {r.code for r in report_status(reports, policy, tuesday).reasons}
    codes |= {
        r.code for r in report_status([weekly_sales(reconciled_at=None)], policy, tuesday).reasons
    }
    monthly = SubmittedReport("monthly", Period.month(2026, 2), submitted_at=D(2026, 3, 1))
    codes |= {r.code for r in report_status([monthly], policy, Period.day(D(2026, 3, 1))).reasons}
    assert codes <= REASON_CODES
    assert REASON_CODES == codes


# -- properties -----------------------------------------------------------------------

WINDOW_START = D(2025, 6, 1)
WINDOW_END = D(2027, 6, 30)
PROFILES = {
    "real_estate": real_estate_calendar,
    "trading": trading_calendar,
    "showroom": showroom_calendar,
    "hotel": hotel_calendar,
}


def allowed_adjustments(duty: Duty) -> list[HolidayAdjustment]:
    if duty.deadline.anchor is Anchor.WORKING_DAY:
        return [HolidayAdjustment.NONE]
    options = [HolidayAdjustment.NONE]
    if duty.moves is not Movement.LATER:
        options.append(HolidayAdjustment.PREVIOUS)
    if duty.moves is not Movement.EARLIER:
        options.append(HolidayAdjustment.NEXT)
    if duty.form is DeadlineForm.ON:
        options.append(HolidayAdjustment.SKIP)
    return options


@st.composite
def policies(draw: st.DrawFn) -> CalendarPolicy:
    name = draw(st.sampled_from(sorted(PROFILES)))
    base = PROFILES[name](TZ)
    adjustments = {
        duty.code: draw(st.sampled_from(allowed_adjustments(duty))) for duty in base.duties
    }
    day = st.integers(1, 31)
    return attrs.evolve(
        base,
        holiday_adjustment=adjustments,
        working_days=tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=2)))),
        week_start=draw(st.integers(0, 6)),
        fiscal_year_start_month=draw(st.integers(1, 12)),
        appraisal_due_day=draw(day),
        next_month_plan_due_day=draw(day),
        monthly_report_due_day=draw(day),
        supply_requisition_due_day=draw(day),
        quarter_plan_due_day=draw(day),
        weekly_meeting_weekday=draw(st.integers(0, 6)),
        visit_meeting_weekday=draw(st.integers(0, 6)),
    )


@st.composite
def calendars(draw: st.DrawFn) -> CompanyCalendar | None:
    if draw(st.booleans()):
        return None
    days = st.dates(min_value=WINDOW_START, max_value=WINDOW_END)
    holidays = draw(st.sets(days, max_size=6))
    makeup = draw(st.sets(days, max_size=4)) - holidays
    return CompanyCalendar(holidays=holidays, makeup_working_days=makeup)


@st.composite
def ranges(draw: st.DrawFn) -> tuple[dt.date, dt.date, dt.date]:
    start = draw(st.dates(min_value=D(2025, 9, 1), max_value=D(2027, 1, 31)))
    middle = start + dt.timedelta(days=draw(st.integers(1, 60)))
    end = middle + dt.timedelta(days=draw(st.integers(0, 60)))
    return start, middle, end


def month_of(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


@given(policies(), calendars(), ranges())
def test_CAL_duties_due_over_adjacent_ranges_equals_the_joined_range(
    policy: CalendarPolicy,
    calendar: CompanyCalendar | None,
    span: tuple[dt.date, dt.date, dt.date],
) -> None:
    start, middle, end = span
    left = duties_due(policy, start, middle - dt.timedelta(days=1), calendar=calendar)
    right = duties_due(policy, middle, end, calendar=calendar)
    assert duties_due(policy, start, end, calendar=calendar) == left + right


@given(policies(), calendars(), ranges())
def test_CAL_0_every_due_date_is_in_its_month_or_on_the_adjusted_working_day(
    policy: CalendarPolicy,
    calendar: CompanyCalendar | None,
    span: tuple[dt.date, dt.date, dt.date],
) -> None:
    """CAL-0: every due date is in its month or on the adjusted working day."""
    start, _, end = span
    for occurrence in duties_due(policy, start, end, calendar=calendar):
        duty, nominal, due = occurrence.duty, occurrence.nominal, occurrence.due
        assert start <= due <= end
        assert due == due_date(duty, occurrence.period, policy, calendar=calendar)
        deadline = duty.deadline
        if deadline.anchor is Anchor.MONTH_DAY:
            months = deadline.months_ahead
            ahead = getattr(policy, months) if isinstance(months, str) else months
            assert month_of(occurrence.period.start, ahead) == (nominal.year, nominal.month)
        if deadline.anchor is Anchor.WEEKDAY or deadline.anchor is Anchor.WORKING_DAY:
            assert nominal in occurrence.period
        if due != nominal:
            assert is_working_day(due, policy, calendar=calendar)
            assert not is_working_day(nominal, policy, calendar=calendar)
            low, high = sorted((due, nominal))
            between = [low + dt.timedelta(days=i) for i in range(1, (high - low).days)]
            assert not any(is_working_day(d, policy, calendar=calendar) for d in between)


@given(policies(), calendars(), ranges())
def test_X_18_adjustments_never_move_a_before_deadline_later_or_the_1st_report_earlier(
    policy: CalendarPolicy,
    calendar: CompanyCalendar | None,
    span: tuple[dt.date, dt.date, dt.date],
) -> None:
    """X-18: adjustments never move a before deadline later or the 1st report earlier."""
    start, _, end = span
    for occurrence in duties_due(policy, start, end, calendar=calendar):
        moves = occurrence.duty.moves
        if moves is Movement.EARLIER:
            assert occurrence.due <= occurrence.nominal
        elif moves is Movement.LATER:
            assert occurrence.due >= occurrence.nominal
            assert occurrence.due > occurrence.period.end


@given(
    st.sampled_from([CAL_6, CAL_7, CAL_8, CAL_9]),
    st.integers(2000, 2100),
    st.integers(1, 12),
    st.sampled_from(list(HolidayAdjustment)[:3]),
    calendars(),
)
def test_CAL_0_monthly_due_day_is_the_clamped_day_or_a_working_day_on_the_allowed_side(
    duty: Duty,
    year: int,
    month: int,
    adjustment: HolidayAdjustment,
    calendar: CompanyCalendar | None,
) -> None:
    """CAL-0: monthly due day is the clamped day or a working day on the allowed side."""
    if adjustment not in allowed_adjustments(duty):
        adjustment = HolidayAdjustment.NONE
    policy = CalendarPolicy(
        timezone=TZ,
        duties=[duty],
        report_kinds=(),
        holiday_adjustment={duty.code: adjustment},
    )
    period = Period.month(year, month)
    ahead = {"CAL-6": 0, "CAL-7": 1, "CAL-8": -1, "CAL-9": 1}[duty.code]
    day = {"CAL-6": 30, "CAL-7": 25, "CAL-8": 1, "CAL-9": 25}[duty.code]
    y, m = month_of(period.start, ahead)
    nominal = D(y, m, min(day, Period.month(y, m).end.day))
    due = due_date(duty, period, policy, calendar=calendar)
    if adjustment is HolidayAdjustment.NONE or is_working_day(nominal, policy, calendar=calendar):
        assert nominal == due
    elif duty.moves is Movement.EARLIER:
        assert due < nominal
    else:
        assert due > nominal


@given(
    st.datetimes(
        min_value=dt.datetime(2026, 1, 1),
        max_value=dt.datetime(2026, 12, 31),
        timezones=st.sampled_from([dt.UTC, SHANGHAI, zoneinfo.ZoneInfo("America/New_York")]),
    ),
    st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31)),
    st.integers(0, 72),
)
def test_CAL_0_doing_it_earlier_is_never_later(done: dt.datetime, due: dt.date, hours: int) -> None:
    """CAL-0: doing it earlier is never later."""
    policy = CalendarPolicy(timezone=TZ)
    if is_on_time(done, due, policy):
        assert is_on_time(done - dt.timedelta(hours=hours), due, policy)
