"""Tests for salesdomain.attendance (ATT-1..9, ATT-14, X-14, X-15, APPR-6)."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Approval,
    InvalidInput,
    Period,
    PolicyError,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.attendance import (
    REASON_CODES,
    AbsenceUnit,
    AttendancePolicy,
    AttendanceStatus,
    DayRecord,
    DirectorRoleKind,
    Leave,
    LeaveRoute,
    Notice,
    NoticeChannel,
    Punch,
    Trip,
    attendance_summary,
    classify_day,
    is_showroom_slot,
    leave_route,
    resolve_timezone,
    showroom_rota,
)

TZ = ZoneInfo("Asia/Shanghai")
MONDAY = dt.date(2026, 3, 2)
SATURDAY = dt.date(2026, 3, 7)
MANAGER = REAL_ESTATE_LADDER.get("sales_manager")
DIRECTOR = REAL_ESTATE_LADDER.get("marketing_director")
SUPERVISOR = REAL_ESTATE_LADDER.get("sales_supervisor")

EMITTED: set[str] = set()


def policy(**changes: object) -> AttendancePolicy:
    values: dict[str, object] = {
        "timezone": "Asia/Shanghai",
        "workday_start": dt.time(8, 30),
        "workday_end": dt.time(17, 30),
    }
    values.update(changes)
    return AttendancePolicy(**values)  # type: ignore[arg-type]


def at(hour: int, minute: int = 0, second: int = 0, day: dt.date = MONDAY) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=TZ)


def day_of(*times: dt.datetime) -> list[Punch]:
    return [Punch(moment) for moment in times]


def classify(
    punches: list[Punch],
    notices: list[Notice] | None = None,
    trips: list[Trip] | None = None,
    rules: AttendancePolicy | None = None,
    day: dt.date = MONDAY,
    **options: object,
) -> DayRecord:
    record = classify_day(
        day,
        punches,
        notices or [],
        trips or [],
        rules or policy(),
        **options,  # type: ignore[arg-type]
    )
    EMITTED.update(reason.code for reason in record.reasons)
    return record


def route(leave: Leave, rules: AttendancePolicy | None = None) -> LeaveRoute:
    result = leave_route(leave, rules or policy())
    EMITTED.update(reason.code for reason in result.reasons)
    return result


# -- ATT-5 / X-14: the 09:00 boundary ---------------------------------------------------


def test_ATT_5_arriving_at_exactly_0900_00_is_on_time_when_the_day_starts_at_nine() -> None:
    """ATT-5: arriving at exactly 0900 00 is on time when the day starts at nine."""
    record = classify(day_of(at(9), at(18)), rules=policy(workday_start=dt.time(9)))
    assert (record.status, record.verdict) == (AttendanceStatus.ON_TIME, Verdict.ALLOWED)


def test_ATT_5_X_14_arriving_at_exactly_0900_00_after_an_0830_start_is_late_not_absent() -> None:
    """ATT-5: arriving at exactly 0900 00 after an 0830 start is late not absent."""
    record = classify(day_of(at(9), at(18)))
    assert (AttendanceStatus.LATE, Decimal(0)) == (record.status, record.absence_days)
    assert [r.code for r in record.reasons] == ["late_arrival"]


def test_ATT_5_arriving_at_0900_01_without_notice_is_absent() -> None:
    """ATT-5: arriving at 0900 01 without notice is absent."""
    record = classify(day_of(at(9, 0, 1), at(18)), rules=policy(workday_start=dt.time(9)))
    assert (record.status, record.verdict) == (AttendanceStatus.ABSENT, Verdict.REJECTED)
    assert [r.code for r in record.reasons] == ["absent_arrived_after_cutoff"]
    assert record.reasons[0].rule == "ATT-5"


def test_ATT_5_a_fraction_of_a_second_after_0900_is_already_absent() -> None:
    """ATT-5: a fraction of a second after 0900 is already absent."""
    record = classify(day_of(at(9).replace(microsecond=1), at(18)))
    assert record.status == AttendanceStatus.ABSENT


def test_X_14_a_late_arrival_absence_weighs_half_a_day_by_default() -> None:
    """X-14: a late arrival absence weighs half a day by default."""
    assert Decimal("0.5") == classify(day_of(at(10), at(18))).absence_days


def test_X_14_a_full_day_absence_unit_weighs_a_late_arrival_as_a_full_day() -> None:
    """X-14: a full day absence unit weighs a late arrival as a full day."""
    record = classify(day_of(at(10), at(18)), rules=policy(absence_unit="full_day"))
    assert Decimal(1) == record.absence_days


def test_X_14_a_day_without_any_punch_and_without_notice_is_a_full_day_absence() -> None:
    """X-14: a day without any punch and without notice is a full day absence."""
    record = classify([])
    assert (AttendanceStatus.ABSENT, Decimal(1)) == (record.status, record.absence_days)
    assert [r.code for r in record.reasons] == ["absent_no_punch"]


def test_ATT_5_a_reason_given_before_the_cutoff_turns_a_late_arrival_into_notified_lateness() -> (
    None
):
    """ATT-5: a reason given before the cutoff turns a late arrival into notified lateness."""
    notice = Notice(at(8, 45), "car broke down", channel=NoticeChannel.PHONE)
    record = classify(day_of(at(10), at(18)), [notice])
    assert (
        record.status,
        record.notified,
        record.verdict,
    ) == (AttendanceStatus.LATE, True, Verdict.ALLOWED)
    assert [r.code for r in record.reasons] == ["late_arrival_notified"]


def test_ATT_5_a_reason_given_at_exactly_the_cutoff_still_counts() -> None:
    """ATT-5: a reason given at exactly the cutoff still counts."""
    record = classify(day_of(at(10), at(18)), [Notice(at(9), "hospital")])
    assert record.status == AttendanceStatus.LATE


def test_X_14_a_reason_given_after_the_cutoff_does_not_undo_the_absence() -> None:
    """X-14: a reason given after the cutoff does not undo the absence."""
    record = classify(day_of(at(10), at(18)), [Notice(at(9, 30), "overslept")])
    assert record.status == AttendanceStatus.ABSENT
    assert [r.code for r in record.reasons] == ["notice_too_late", "absent_arrived_after_cutoff"]


def test_X_14_a_policy_accepting_late_explanations_counts_a_reason_after_the_cutoff() -> None:
    """X-14: a policy accepting late explanations counts a reason after the cutoff."""
    record = classify(
        day_of(at(10), at(18)),
        [Notice(at(9, 30), "overslept")],
        rules=policy(accept_late_explanation=True),
    )
    assert (record.status, record.notified) == (AttendanceStatus.LATE, True)


def test_ATT_5_no_arrival_with_a_reason_given_in_time_is_a_notified_absence_not_absenteeism() -> (
    None
):
    """ATT-5: no arrival with a reason given in time is a notified absence not absenteeism."""
    record = classify([], [Notice(at(8, 0), "sick", channel="message")])
    assert (AttendanceStatus.ABSENT_NOTIFIED, Verdict.NEEDS_APPROVAL, Decimal(0)) == (
        record.status,
        record.verdict,
        record.absence_days,
    )
    assert record.approvers == (MANAGER,)


def test_ATT_4_a_reason_given_the_evening_before_counts_for_the_named_day() -> None:
    """ATT-4: a reason given the evening before counts for the named day."""
    notice = Notice(at(20, day=MONDAY - dt.timedelta(days=1)), "dentist", day=MONDAY)
    assert classify([], [notice]).status == AttendanceStatus.ABSENT_NOTIFIED


def test_ATT_4_a_reason_about_another_day_is_ignored() -> None:
    """ATT-4: a reason about another day is ignored."""
    notice = Notice(at(8, day=MONDAY - dt.timedelta(days=1)), "dentist")
    assert classify([], [notice]).status == AttendanceStatus.ABSENT


def test_ATT_4_a_reason_through_a_channel_the_policy_does_not_accept_does_not_count() -> None:
    """ATT-4: a reason through a channel the policy does not accept does not count."""
    record = classify([], [Notice(at(8), "sick", channel=NoticeChannel.EMAIL)])
    assert record.status == AttendanceStatus.ABSENT
    assert [r.code for r in record.reasons] == ["notice_channel_not_accepted", "absent_no_punch"]


# -- ATT-1: the card decides -----------------------------------------------------------


def test_ATT_1_arriving_by_the_start_and_leaving_at_the_end_is_on_time() -> None:
    """ATT-1: arriving by the start and leaving at the end is on time."""
    record = classify(day_of(at(8, 30), at(17, 30)))
    assert (
        record.status,
        record.verdict,
        record.early_leave,
    ) == (AttendanceStatus.ON_TIME, Verdict.ALLOWED, False)


def test_ATT_1_arriving_after_the_start_without_a_reason_is_late_and_rejected() -> None:
    """ATT-1: arriving after the start without a reason is late and rejected."""
    record = classify(day_of(at(8, 31), at(17, 30)))
    assert (record.status, record.verdict) == (AttendanceStatus.LATE, Verdict.REJECTED)


def test_ATT_1_a_reason_given_only_after_arriving_does_not_excuse_lateness() -> None:
    """ATT-1: a reason given only after arriving does not excuse lateness."""
    record = classify(day_of(at(8, 45), at(17, 30)), [Notice(at(8, 50), "traffic")])
    assert (
        record.status,
        record.verdict,
        record.notified,
    ) == (AttendanceStatus.LATE, Verdict.REJECTED, False)


def test_ATT_1_leaving_before_the_end_without_a_reason_is_an_early_leave() -> None:
    """ATT-1: leaving before the end without a reason is an early leave."""
    record = classify(day_of(at(8, 0), at(17, 0)))
    assert (
        record.status,
        record.verdict,
        record.early_leave,
    ) == (AttendanceStatus.EARLY_LEAVE, Verdict.REJECTED, True)
    assert [r.code for r in record.reasons] == ["on_time", "early_leave"]


def test_ATT_7_telling_the_manager_before_leaving_early_excuses_the_early_leave() -> None:
    """ATT-7: telling the manager before leaving early excuses the early leave."""
    record = classify(day_of(at(8, 0), at(16, 0)), [Notice(at(15), "customer site visit")])
    assert (record.status, record.verdict) == (AttendanceStatus.EARLY_LEAVE, Verdict.ALLOWED)
    assert [r.code for r in record.reasons] == ["on_time", "early_leave_notified"]


def test_ATT_1_late_and_leaving_early_keeps_late_as_the_status_and_flags_the_early_leave() -> None:
    """ATT-1: late and leaving early keeps late as the status and flags the early leave."""
    record = classify(day_of(at(8, 40), at(16, 0)))
    assert (record.status, record.early_leave) == (AttendanceStatus.LATE, True)


def test_ATT_1_a_single_punch_leaves_the_departure_for_the_manager_to_settle() -> None:
    """ATT-1: a single punch leaves the departure for the manager to settle."""
    record = classify(day_of(at(8, 0)))
    assert (
        record.status,
        record.verdict,
        record.last_punch,
    ) == (AttendanceStatus.ON_TIME, Verdict.NEEDS_APPROVAL, None)
    assert [r.code for r in record.reasons] == ["on_time", "missing_departure_punch"]


def test_ATT_1_punches_in_another_zone_are_read_in_the_company_zone() -> None:
    """ATT-1: punches in another zone are read in the company zone."""
    utc = dt.UTC
    record = classify(
        [Punch(dt.datetime(2026, 3, 2, 0, 15, tzinfo=utc)), Punch(at(18))]
    )  # 08:15 in Shanghai
    assert record.status == AttendanceStatus.ON_TIME
    assert at(8, 15) == record.first_punch


def test_ATT_5_a_punch_on_another_day_in_the_company_zone_is_refused() -> None:
    """ATT-5: a punch on another day in the company zone is refused."""
    utc = dt.UTC
    with pytest.raises(InvalidInput, match="punches"):
        classify([Punch(dt.datetime(2026, 3, 2, 17, 0, tzinfo=utc))])  # 01:00 on 3 March


def test_ATT_5_a_naive_punch_is_refused() -> None:
    """ATT-5: a naive punch is refused."""
    with pytest.raises(InvalidInput, match="at"):
        Punch(dt.datetime(2026, 3, 2, 9, 0))


def test_ATT_4_a_naive_notice_is_refused() -> None:
    """ATT-4: a naive notice is refused."""
    with pytest.raises(InvalidInput, match="at"):
        Notice(dt.datetime(2026, 3, 2, 8, 0), "sick")


def test_ATT_4_a_notice_without_a_reason_is_refused() -> None:
    """ATT-4: a notice without a reason is refused."""
    with pytest.raises(InvalidInput, match="reason"):
        Notice(at(8), "   ")


def test_ATT_4_an_unknown_channel_is_refused() -> None:
    """ATT-4: an unknown channel is refused."""
    with pytest.raises(UnknownEntity, match="channel"):
        Notice(at(8), "sick", channel="carrier_pigeon")


def test_ATT_1_a_datetime_as_the_day_is_refused() -> None:
    """ATT-1: a datetime as the day is refused."""
    with pytest.raises(WrongType, match="day"):
        classify_day(at(9), [], [], [], policy())  # type: ignore[arg-type]


def test_ATT_1_a_punch_list_holding_something_else_is_refused() -> None:
    """ATT-1: a punch list holding something else is refused."""
    with pytest.raises(WrongType, match=r"punches\[0\]"):
        classify_day(MONDAY, [at(9)], [], [], policy())  # type: ignore[list-item]


# -- working days and the company calendar ------------------------------------------------


def test_ATT_1_a_weekend_is_not_a_working_day_even_without_punches() -> None:
    """ATT-1: a weekend is not a working day even without punches."""
    record = classify([], day=SATURDAY)
    assert (record.status, record.verdict) == (AttendanceStatus.NOT_WORKING_DAY, Verdict.ALLOWED)


def test_C10_a_six_day_week_makes_saturday_a_working_day() -> None:
    record = classify([], day=SATURDAY, rules=policy(working_days=range(6)))
    assert record.status == AttendanceStatus.ABSENT


def test_CAL_0_a_public_holiday_from_the_company_calendar_is_not_a_working_day() -> None:
    """CAL-0: a public holiday from the company calendar is not a working day."""
    assert classify([], calendar_working=False).status == AttendanceStatus.NOT_WORKING_DAY


def test_CAL_0_a_make_up_saturday_from_the_company_calendar_is_a_working_day() -> None:
    """CAL-0: a make up saturday from the company calendar is a working day."""
    record = classify(
        day_of(at(8, day=SATURDAY), at(18, day=SATURDAY)), day=SATURDAY, calendar_working=True
    )
    assert record.status == AttendanceStatus.ON_TIME


def test_CAL_0_a_calendar_answer_that_is_not_a_bool_is_refused() -> None:
    """CAL-0: a calendar answer that is not a bool is refused."""
    with pytest.raises(WrongType, match="calendar_working"):
        classify([], calendar_working="yes")


# -- ATT-2 / ATT-6: business trips ---------------------------------------------------------


def approved_trip(**changes: object) -> Trip:
    values: dict[str, object] = {
        "start": MONDAY,
        "end": MONDAY + dt.timedelta(days=2),
        "approval": Approval(MANAGER, "m1", MONDAY - dt.timedelta(days=1)),
    }
    values.update(changes)
    return Trip(("c1", "c2"), "Shanghai design institute visit", **values)  # type: ignore[arg-type]


def test_ATT_2_an_approved_trip_covering_the_day_overrides_the_card() -> None:
    """ATT-2: an approved trip covering the day overrides the card."""
    record = classify([], trips=[approved_trip()], employee="c1")
    assert (record.status, record.verdict) == (AttendanceStatus.ON_TRIP, Verdict.ALLOWED)
    assert record.reasons[-1].param("purpose") == "Shanghai design institute visit"


def test_ATT_2_a_director_may_approve_a_trip_in_the_managers_place() -> None:
    """ATT-2: a director may approve a trip in the managers place."""
    trip = approved_trip(approval=Approval(DIRECTOR, "d1", MONDAY))
    assert classify([], trips=[trip]).status == AttendanceStatus.ON_TRIP


def test_ATT_2_a_trip_without_approval_does_not_excuse_the_absence() -> None:
    """ATT-2: a trip without approval does not excuse the absence."""
    record = classify([], trips=[approved_trip(approval=None)])
    assert record.status == AttendanceStatus.ABSENT
    assert [r.code for r in record.reasons] == ["trip_not_approved", "absent_no_punch"]


def test_ATT_2_a_traveller_approving_their_own_trip_does_not_count() -> None:
    """ATT-2: a traveller approving their own trip does not count."""
    record = classify([], trips=[approved_trip(approval=Approval(MANAGER, "c2", MONDAY))])
    assert record.status == AttendanceStatus.ABSENT


def test_ATT_2_a_trip_approved_by_a_role_below_the_approver_does_not_count() -> None:
    """ATT-2: a trip approved by a role below the approver does not count."""
    record = classify([], trips=[approved_trip(approval=Approval(SUPERVISOR, "s9", MONDAY))])
    assert record.reasons[0].code == "trip_not_approved"


def test_ATT_2_a_trip_approved_only_after_the_day_does_not_count_for_that_day() -> None:
    """ATT-2: a trip approved only after the day does not count for that day."""
    trip = approved_trip(approval=Approval(MANAGER, "m1", MONDAY + dt.timedelta(days=1)))
    record = classify([], trips=[trip])
    assert [r.code for r in record.reasons] == ["trip_approved_after_day", "absent_no_punch"]


def test_ATT_6_a_trip_not_naming_the_employee_does_not_cover_them() -> None:
    """ATT-6: a trip not naming the employee does not cover them."""
    assert classify([], trips=[approved_trip()], employee="c3").status == AttendanceStatus.ABSENT


def test_ATT_6_a_trip_outside_the_day_does_not_cover_it() -> None:
    """ATT-6: a trip outside the day does not cover it."""
    trip = approved_trip(start=MONDAY + dt.timedelta(days=1), end=MONDAY + dt.timedelta(days=2))
    assert classify([], trips=[trip]).status == AttendanceStatus.ABSENT


def test_ATT_6_a_trip_application_must_state_a_purpose() -> None:
    """ATT-6: a trip application must state a purpose."""
    with pytest.raises(InvalidInput, match="purpose"):
        Trip(("c1",), "", start=MONDAY)


def test_ATT_6_a_trip_ending_before_it_starts_is_refused() -> None:
    """ATT-6: a trip ending before it starts is refused."""
    with pytest.raises(InvalidInput, match="end"):
        Trip(("c1",), "fair", start=MONDAY, end=MONDAY - dt.timedelta(days=1))


def test_ATT_6_a_trip_naming_a_traveller_twice_is_refused() -> None:
    """ATT-6: a trip naming a traveller twice is refused."""
    with pytest.raises(InvalidInput, match="travellers"):
        Trip(("c1", "c1"), "fair", start=MONDAY)


# -- ATT-9 / X-15: leave ----------------------------------------------------------------------


def test_ATT_9_leave_of_exactly_one_working_day_needs_only_the_manager() -> None:
    """ATT-9: leave of exactly one working day needs only the manager."""
    result = route(Leave("c1", 1, start=MONDAY))
    assert (result.approvers, result.escalated) == ((MANAGER,), False)
    assert result.reasons[0].code == "leave_within_threshold"


def test_ATT_9_X_15_leave_of_one_and_a_half_days_needs_the_marketing_director() -> None:
    """ATT-9: leave of one and a half days needs the marketing director."""
    leave = Leave("c1", Decimal("1.5"), start=MONDAY, end=MONDAY + dt.timedelta(days=1))
    result = route(leave)
    assert (
        result.approvers,
        result.escalated,
        result.verdict,
    ) == ((MANAGER, DIRECTOR), True, Verdict.NEEDS_APPROVAL)
    assert result.reasons[0].code == "leave_over_threshold_needs_director"
    assert DIRECTOR.name_zh == "营销总监"


def test_ATT_9_long_leave_with_both_signatures_before_it_starts_is_approved() -> None:
    """ATT-9: long leave with both signatures before it starts is approved."""
    leave = Leave(
        "c1",
        2,
        start=MONDAY,
        end=MONDAY + dt.timedelta(days=1),
        approvals=(
            Approval(MANAGER, "m1", MONDAY - dt.timedelta(days=3)),
            Approval(DIRECTOR, "d1", MONDAY - dt.timedelta(days=2)),
        ),
    )
    result = route(leave)
    assert (result.verdict, result.missing) == (Verdict.ALLOWED, ())


def test_ATT_9_the_director_alone_does_not_fill_both_steps_of_long_leave() -> None:
    """ATT-9: the director alone does not fill both steps of long leave."""
    leave = Leave(
        "c1",
        2,
        start=MONDAY,
        end=MONDAY + dt.timedelta(days=1),
        approvals=(Approval(DIRECTOR, "d1", MONDAY),),
    )
    assert route(leave).missing == (MANAGER,)


def test_X_15_an_approval_given_after_the_leave_started_does_not_count() -> None:
    """X-15: an approval given after the leave started does not count."""
    leave = Leave(
        "c1", 1, start=MONDAY, approvals=(Approval(MANAGER, "m1", MONDAY + dt.timedelta(days=1)),)
    )
    result = route(leave)
    assert (
        result.verdict,
        result.reasons[1].code,
    ) == (Verdict.NEEDS_APPROVAL, "leave_approval_after_start")


def test_ATT_9_approving_ones_own_leave_does_not_count() -> None:
    """ATT-9: approving ones own leave does not count."""
    leave = Leave("m1", 1, start=MONDAY, approvals=(Approval(MANAGER, "m1", MONDAY),))
    result = route(leave)
    assert "self_approval" in [r.code for r in result.reasons]
    assert result.verdict == Verdict.NEEDS_APPROVAL


def test_X_15_a_notify_policy_keeps_long_leave_with_the_manager_and_reports_it_upwards() -> None:
    """X-15: a notify policy keeps long leave with the manager and reports it upwards."""
    rules = policy(leave_director_role_kind=DirectorRoleKind.NOTIFY)
    leave = Leave("c1", 3, start=MONDAY, end=MONDAY + dt.timedelta(days=2))
    result = route(leave, rules)
    assert (
        result.approvers,
        result.reasons[0].code,
    ) == ((MANAGER,), "leave_over_threshold_report_to_director")


def test_ATT_9_an_outside_signatory_cannot_approve_leave() -> None:
    """ATT-9: an outside signatory cannot approve leave."""
    leave = Leave("c1", 1, start=MONDAY, approvals=(Approval(PRINCIPAL_SIGNATORY, "x", MONDAY),))
    assert "outside_role_not_on_route" in [r.code for r in route(leave).reasons]


def test_ATT_9_an_approved_leave_covering_the_day_gives_on_leave() -> None:
    """ATT-9: an approved leave covering the day gives on leave."""
    leave = Leave("c1", 1, start=MONDAY, approvals=(Approval(MANAGER, "m1", MONDAY),))
    record = classify([], leaves=[leave], employee="c1")
    assert (record.status, record.verdict) == (AttendanceStatus.ON_LEAVE, Verdict.ALLOWED)


def test_ATT_9_an_unapproved_leave_leaves_the_day_absent_and_names_the_missing_roles() -> None:
    """ATT-9: an unapproved leave leaves the day absent and names the missing roles."""
    leave = Leave("c1", 2, start=MONDAY, end=MONDAY + dt.timedelta(days=1))
    record = classify([], leaves=[leave])
    assert record.status == AttendanceStatus.ABSENT
    assert record.reasons[0].param("missing") == (MANAGER, DIRECTOR)


def test_ATT_9_someone_elses_leave_does_not_cover_the_employee() -> None:
    """ATT-9: someone elses leave does not cover the employee."""
    leave = Leave("c2", 1, start=MONDAY, approvals=(Approval(MANAGER, "m1", MONDAY),))
    assert classify([], leaves=[leave], employee="c1").status == AttendanceStatus.ABSENT


def test_ATT_9_leave_must_be_counted_in_half_days() -> None:
    """ATT-9: leave must be counted in half days."""
    with pytest.raises(InvalidInput, match="days"):
        Leave("c1", Decimal("0.3"), start=MONDAY)


def test_ATT_9_leave_longer_than_its_date_range_is_refused() -> None:
    """ATT-9: leave longer than its date range is refused."""
    with pytest.raises(InvalidInput, match="days"):
        Leave("c1", 2, start=MONDAY)


def test_ATT_9_zero_days_of_leave_is_refused() -> None:
    """ATT-9: zero days of leave is refused."""
    with pytest.raises(InvalidInput, match="days"):
        Leave("c1", 0, start=MONDAY)


def test_ATT_9_a_float_number_of_days_is_refused() -> None:
    """ATT-9: a float number of days is refused."""
    with pytest.raises(TypeError, match="days"):
        Leave("c1", 1.5, start=MONDAY)  # type: ignore[arg-type]


def test_ATT_9_leave_route_refuses_something_that_is_not_leave() -> None:
    """ATT-9: leave route refuses something that is not leave."""
    with pytest.raises(WrongType, match="leave"):
        leave_route("c1", policy())  # type: ignore[arg-type]


# -- the policy ---------------------------------------------------------------------------------


def test_23_3_the_policy_defaults_follow_the_seed_readings() -> None:
    rules = policy()
    assert (
        dt.time(9),
        (0, 1, 2, 3, 4),
        False,
        AbsenceUnit.HALF_DAY,
        Decimal(1),
        DirectorRoleKind.APPROVE,
        MANAGER,
        DIRECTOR,
        (0, 2, 4),
        (dt.time(8), dt.time(8, 20)),
        (NoticeChannel.PHONE, NoticeChannel.MESSAGE),
    ) == (
        rules.absence_cutoff,
        rules.working_days,
        rules.accept_late_explanation,
        rules.absence_unit,
        rules.leave_escalation_threshold_days,
        rules.leave_director_role_kind,
        rules.leave_approver_role,
        rules.leave_escalation_role,
        rules.showroom_weekdays,
        rules.showroom_window,
        rules.notification_channels,
    )


def test_X_14_workday_start_is_required() -> None:
    """X-14: workday start is required."""
    with pytest.raises(TypeError, match="workday_start"):
        AttendancePolicy(timezone="Asia/Shanghai", workday_end=dt.time(18))  # type: ignore[call-arg]


def test_X_14_workday_end_is_required() -> None:
    """X-14: workday end is required."""
    with pytest.raises(TypeError, match="workday_end"):
        AttendancePolicy(timezone="Asia/Shanghai", workday_start=dt.time(8))  # type: ignore[call-arg]


def test_23_2_the_timezone_is_required() -> None:
    with pytest.raises(TypeError, match="timezone"):
        AttendancePolicy(workday_start=dt.time(8), workday_end=dt.time(18))  # type: ignore[call-arg]


def test_23_2_an_unknown_timezone_is_an_unknown_entity() -> None:
    with pytest.raises(UnknownEntity, match="timezone"):
        policy(timezone="Mars/Olympus_Mons")


def test_23_2_a_posix_tz_string_is_not_an_iana_zone() -> None:
    with pytest.raises(UnknownEntity, match="timezone"):
        resolve_timezone("CST-8")


def test_23_2_the_timezone_falls_back_to_dateutil_when_zoneinfo_cannot_resolve_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(key: str) -> zoneinfo.ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    zone = resolve_timezone("Asia/Shanghai")
    assert dt.timedelta(hours=8) == dt.datetime(2026, 3, 2, 9, tzinfo=zone).utcoffset()


def test_X_14_a_cutoff_before_the_start_of_the_day_is_an_inconsistent_policy() -> None:
    """X-14: a cutoff before the start of the day is an inconsistent policy."""
    with pytest.raises(PolicyError, match="absence_cutoff"):
        policy(workday_start=dt.time(9, 30))


def test_ATT_1_a_workday_ending_before_it_starts_is_an_inconsistent_policy() -> None:
    """ATT-1: a workday ending before it starts is an inconsistent policy."""
    with pytest.raises(PolicyError, match="workday_end"):
        policy(workday_end=dt.time(8))


def test_X_15_an_escalation_role_not_above_the_leave_approver_is_an_inconsistent_policy() -> None:
    """X-15: an escalation role not above the leave approver is an inconsistent policy."""
    with pytest.raises(PolicyError, match="leave_escalation_role"):
        policy(leave_escalation_role=SUPERVISOR)


def test_X_15_a_negative_escalation_threshold_is_refused() -> None:
    """X-15: a negative escalation threshold is refused."""
    with pytest.raises(PolicyError, match="leave_escalation_threshold_days"):
        policy(leave_escalation_threshold_days=-1)


def test_ATT_14_an_empty_showroom_window_is_refused() -> None:
    """ATT-14: an empty showroom window is refused."""
    with pytest.raises(PolicyError, match="showroom_window"):
        policy(showroom_window=(dt.time(8, 20), dt.time(8)))


def test_23_2_a_weekday_number_out_of_range_is_refused() -> None:
    with pytest.raises(InvalidInput, match="working_days"):
        policy(working_days=(0, 7))


def test_23_3_clock_times_may_be_given_as_iso_strings_for_toml_profiles() -> None:
    assert dt.time(8, 45) == policy(workday_start="08:45").workday_start


def test_23_3_a_clock_time_with_a_zone_is_refused() -> None:
    with pytest.raises(InvalidInput, match="workday_start"):
        policy(workday_start=dt.time(8, tzinfo=dt.UTC))


def test_23_3_accept_late_explanation_must_be_a_bool() -> None:
    with pytest.raises(WrongType, match="accept_late_explanation"):
        policy(accept_late_explanation="no")


# -- ATT-3 / APPR-6: the summary -------------------------------------------------------------


def test_ATT_3_the_summary_counts_each_status_and_the_weight_of_absenteeism() -> None:
    """ATT-3: the summary counts each status and the weight of absenteeism."""
    week = [
        classify(day_of(at(8, day=MONDAY), at(18, day=MONDAY)), day=MONDAY),
        classify(
            day_of(at(10, day=MONDAY + dt.timedelta(1)), at(18, day=MONDAY + dt.timedelta(1))),
            day=MONDAY + dt.timedelta(1),
        ),
        classify([], day=MONDAY + dt.timedelta(2)),
        classify(
            day_of(at(8, 40, day=MONDAY + dt.timedelta(3)), at(16, day=MONDAY + dt.timedelta(3))),
            day=MONDAY + dt.timedelta(3),
        ),
        classify([], day=SATURDAY),
    ]
    summary = attendance_summary(week, Period(MONDAY, MONDAY + dt.timedelta(days=6)))
    assert (1, 2, 1, 1, 1, Decimal("1.5"), 3) == (
        summary.count(AttendanceStatus.ON_TIME),
        summary.count(AttendanceStatus.ABSENT),
        summary.count(AttendanceStatus.LATE),
        summary.count(AttendanceStatus.NOT_WORKING_DAY),
        summary.early_leaves,
        summary.absence_days,
        summary.violations,
    )


def test_ATT_3_records_outside_the_period_are_not_counted() -> None:
    """ATT-3: records outside the period are not counted."""
    record = classify([])
    summary = attendance_summary([record], Period.month(2026, 4))
    assert sum(count for _, count in summary.counts) == 0


def test_ATT_3_two_records_for_one_day_are_refused() -> None:
    """ATT-3: two records for one day are refused."""
    record = classify([])
    with pytest.raises(InvalidInput, match="records"):
        attendance_summary([record, record], Period.month(2026, 3))


def test_ATT_3_the_summary_needs_a_period() -> None:
    """ATT-3: the summary needs a period."""
    with pytest.raises(WrongType, match="period"):
        attendance_summary([], "2026-03")  # type: ignore[arg-type]


# -- ATT-14: the showroom rota ------------------------------------------------------------------


def test_ATT_14_the_rota_gives_monday_wednesday_friday_to_the_areas_in_turn() -> None:
    """ATT-14: the rota gives monday wednesday friday to the areas in turn."""
    slots = showroom_rota(
        ["East", "West", "North"], MONDAY, MONDAY + dt.timedelta(days=13), policy()
    )
    assert [(slot.day.isoformat(), slot.area) for slot in slots] == [
        ("2026-03-02", "East"),
        ("2026-03-04", "West"),
        ("2026-03-06", "North"),
        ("2026-03-09", "East"),
        ("2026-03-11", "West"),
        ("2026-03-13", "North"),
    ]


def test_ATT_14_each_slot_runs_0800_to_0820_in_the_company_zone() -> None:
    """ATT-14: each slot runs 0800 to 0820 in the company zone."""
    slot = showroom_rota(["East"], MONDAY, MONDAY, policy())[0]
    assert (at(8), at(8, 20)) == (slot.starts_at, slot.ends_at)


def test_ATT_14_a_holiday_is_skipped_and_the_turn_passes_to_the_next_slot() -> None:
    """ATT-14: a holiday is skipped and the turn passes to the next slot."""
    slots = showroom_rota(
        ["East", "West"], MONDAY, MONDAY + dt.timedelta(days=6), policy(), holidays={MONDAY}
    )
    assert [(slot.day.isoformat(), slot.area) for slot in slots] == [
        ("2026-03-04", "East"),
        ("2026-03-06", "West"),
    ]


def test_ATT_14_an_empty_rota_is_refused() -> None:
    """ATT-14: an empty rota is refused."""
    with pytest.raises(InvalidInput, match="areas"):
        showroom_rota([], MONDAY, MONDAY, policy())


def test_ATT_14_an_area_listed_twice_is_refused() -> None:
    """ATT-14: an area listed twice is refused."""
    with pytest.raises(InvalidInput, match="areas"):
        showroom_rota(["East", "East"], MONDAY, MONDAY, policy())


def test_ATT_14_a_range_ending_before_it_starts_is_refused() -> None:
    """ATT-14: a range ending before it starts is refused."""
    with pytest.raises(InvalidInput, match="to_date"):
        showroom_rota(["East"], MONDAY, MONDAY - dt.timedelta(days=1), policy())


def test_ATT_14_an_anchor_after_the_range_start_is_refused() -> None:
    """ATT-14: an anchor after the range start is refused."""
    with pytest.raises(InvalidInput, match="anchor"):
        showroom_rota(["East"], MONDAY, MONDAY, policy(), anchor=MONDAY + dt.timedelta(days=1))


def test_ATT_14_the_showroom_slot_includes_0800_and_excludes_0820() -> None:
    """ATT-14: the showroom slot includes 0800 and excludes 0820."""
    rules = policy()
    assert [
        is_showroom_slot(at(8), rules),
        is_showroom_slot(at(8, 19, 59), rules),
        is_showroom_slot(at(8, 20), rules),
        is_showroom_slot(at(8, 10, day=MONDAY + dt.timedelta(days=1)), rules),
    ] == [True, True, False, False]


# -- results are plain data ----------------------------------------------------------------------


def test_a_day_record_turns_into_json_ready_data() -> None:
    record = classify(day_of(at(9, 0, 1), at(18)))
    data = record.to_dict()
    json.dumps(data)
    assert (
        data["status"],
        data["verdict"],
        data["absence_days"],
        data["first_punch"],
    ) == ("absent", "rejected", "0.5", "2026-03-02T09:00:01+08:00")


def test_every_reason_code_emitted_is_declared_and_every_declared_code_is_emitted() -> None:
    manager_leave = Leave(
        "m1",
        1,
        start=MONDAY,
        approvals=(
            Approval(MANAGER, "m1", MONDAY),
            Approval(MANAGER, "m2", MONDAY),
            Approval(MANAGER, "m2", MONDAY),
            Approval(SUPERVISOR, "s1", MONDAY),
        ),
    )
    short = Leave(
        "c1",
        1,
        start=MONDAY,
        approvals=(Approval(DIRECTOR, "d1", MONDAY), Approval(MANAGER, "m1", MONDAY)),
    )
    results = [
        classify(day_of(at(8), at(18))),
        classify(day_of(at(8, 45), at(18))),
        classify(day_of(at(8, 45), at(18)), [Notice(at(8), "bus")]),
        classify(day_of(at(10), at(18))),
        classify([]),
        classify([], [Notice(at(8), "sick")]),
        classify([], [Notice(at(9, 30), "sick")]),
        classify([], [Notice(at(8), "sick", channel="email")]),
        classify(day_of(at(8), at(16))),
        classify(day_of(at(8), at(16)), [Notice(at(15), "site")]),
        classify(day_of(at(8))),
        classify([], day=SATURDAY),
        classify([], trips=[approved_trip()]),
        classify([], trips=[approved_trip(approval=None)]),
        classify(
            [], trips=[approved_trip(approval=Approval(MANAGER, "m", MONDAY + dt.timedelta(1)))]
        ),
        classify([], leaves=[short]),
        classify([], leaves=[Leave("c1", 1, start=MONDAY)]),
        route(Leave("c1", 2, start=MONDAY, end=MONDAY + dt.timedelta(1))),
        route(
            Leave("c1", 2, start=MONDAY, end=MONDAY + dt.timedelta(1)),
            policy(leave_director_role_kind="notify"),
        ),
        route(manager_leave),
        route(Leave("c1", 1, start=MONDAY, approvals=(Approval(SUPERVISOR, "s1", MONDAY),))),
        route(
            Leave(
                "c1", 1, start=MONDAY, approvals=(Approval(MANAGER, "m", MONDAY + dt.timedelta(1)),)
            )
        ),
        route(
            Leave("c1", 1, start=MONDAY, approvals=(Approval(PRINCIPAL_SIGNATORY, "x", MONDAY),))
        ),
    ]
    emitted = {reason.code for result in results for reason in result.reasons} | EMITTED
    assert emitted == REASON_CODES


# -- hypothesis properties ----------------------------------------------------------------------

seconds_of_day = st.integers(min_value=6 * 3600, max_value=21 * 3600)


def _moment(seconds: int) -> dt.datetime:
    return dt.datetime.combine(MONDAY, dt.time(), tzinfo=TZ) + dt.timedelta(seconds=seconds)


@given(st.lists(seconds_of_day, max_size=6), st.randoms(use_true_random=False))
def test_property_ATT_1_classification_does_not_depend_on_the_order_of_punches(
    times: list[int], rnd: object
) -> None:
    punches = [Punch(_moment(s)) for s in times]
    shuffled = list(punches)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    notices = [Notice(at(8, 50), "traffic")]
    assert classify_day(MONDAY, punches, notices, [], policy()) == classify_day(
        MONDAY, shuffled, notices, [], policy()
    )


@given(seconds_of_day)
def test_property_ATT_5_the_first_punch_alone_decides_on_time_late_or_absent(first: int) -> None:
    rules = policy()
    record = classify_day(MONDAY, [Punch(_moment(first)), Punch(at(21, 30))], [], [], rules)
    local = _moment(first).time()
    if local > rules.absence_cutoff:
        expected = AttendanceStatus.ABSENT
    elif local > rules.workday_start:
        expected = AttendanceStatus.LATE
    else:
        expected = AttendanceStatus.ON_TIME
    assert expected == record.status


@given(
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=1, max_value=20),
    st.sampled_from(["0", "1", "2", "5"]),
)
def test_property_ATT_9_more_days_of_leave_never_need_fewer_approvers(
    a: int, b: int, threshold: str
) -> None:
    rules = policy(leave_escalation_threshold_days=Decimal(threshold))
    short, long = sorted((a, b))

    def steps(half_days: int) -> int:
        days = Decimal(half_days) / 2
        leave = Leave("c1", days, start=MONDAY, end=MONDAY + dt.timedelta(days=10))
        return len(leave_route(leave, rules).approvers)

    assert steps(short) <= steps(long)


@given(
    st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=4, unique=True),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=30),
    st.sets(st.integers(min_value=0, max_value=60), max_size=8),
)
def test_property_ATT_14_two_adjacent_ranges_with_one_anchor_join_into_the_whole_rota(
    areas: list[str], first_len: int, second_len: int, holiday_offsets: set[int]
) -> None:
    rules = policy()
    holidays = {MONDAY + dt.timedelta(days=n) for n in holiday_offsets}
    middle = MONDAY + dt.timedelta(days=first_len)
    end = middle + dt.timedelta(days=second_len + 1)
    whole = showroom_rota(areas, MONDAY, end, rules, holidays=holidays)
    left = showroom_rota(areas, MONDAY, middle, rules, holidays=holidays)
    right = showroom_rota(
        areas, middle + dt.timedelta(days=1), end, rules, holidays=holidays, anchor=MONDAY
    )
    assert whole == left + right
    assert [areas[i % len(areas)] for i in range(len(whole))] == [slot.area for slot in whole]
    assert all(slot.day.weekday() in (0, 2, 4) and slot.day not in holidays for slot in whole)
