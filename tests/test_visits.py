"""Tests for salesdomain.visits (VISIT-1..8, X-13)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    GENERIC_LADDER,
    Approval,
    IllegalTransition,
    InvalidInput,
    Period,
    PolicyError,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.visits import (
    REASON_CODES,
    LastVisit,
    MeetingAdjustment,
    PlannedVisit,
    Visit,
    VisitCompliance,
    VisitKind,
    VisitNotes,
    VisitPolicy,
    VisitState,
    WeeklyVisitPlan,
    check_plan,
    confirm_plan,
    next_week_for_meeting,
    overdue_customers,
    record_visit,
    report_visit,
    visit_compliance,
    visit_meeting_date,
    visits_to_report,
)

TZ = dt.timezone(dt.timedelta(hours=8))
SATURDAY = dt.date(2026, 3, 7)
WEEK = Period(dt.date(2026, 3, 9), dt.date(2026, 3, 15))
MANAGER = GENERIC_LADDER.get("sales_manager")
SELLER = GENERIC_LADDER.get("salesperson")
BOSS = GENERIC_LADDER.get("general_manager")
NEW = VisitKind.NEW_CUSTOMER
RETURN = VisitKind.RETURN_VISIT


def moment(day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def notes(day: int, hour: int = 18) -> VisitNotes:
    return VisitNotes(
        "Mr Li",
        "discussed the VAV offer",
        next_step="send the quote",
        recorded_at=moment(day, hour),
    )


def visit(
    vid: str,
    customer: str,
    day: int,
    *,
    kind: VisitKind = NEW,
    by: str = "s1",
    planned_id: str | None = None,
    recorded: bool = True,
) -> Visit:
    return Visit(
        vid,
        customer,
        kind=kind,
        by=by,
        started_at=moment(day, 10),
        ended_at=moment(day, 11),
        planned_id=planned_id,
        notes=notes(day) if recorded else None,
    )


def plan(*items: PlannedVisit, confirmation: Approval | None = None) -> WeeklyVisitPlan:
    return WeeklyVisitPlan("s1", WEEK, visits=items, confirmation=confirmation)


def comply(p: WeeklyVisitPlan, visits: list[Visit]) -> VisitCompliance:
    return visit_compliance(p, visits)


CONFIRMED = Approval(MANAGER, "m1", SATURDAY)
STANDARD = (
    PlannedVisit("p1", "Acme", kind=NEW, day=dt.date(2026, 3, 10)),
    PlannedVisit("p2", "Bolt", kind=RETURN),
    PlannedVisit("p3", "Cogs", kind=RETURN),
)


# -- weeks and meetings ---------------------------------------------------------------


def test_X_13_a_saturday_meeting_plans_the_monday_to_sunday_week_two_days_later() -> None:
    """X-13: a saturday meeting plans the monday to sunday week two days later."""
    assert WEEK == next_week_for_meeting(SATURDAY, VisitPolicy())


def test_X_13_a_meeting_moved_to_friday_still_plans_the_following_week() -> None:
    """X-13: a meeting moved to friday still plans the following week."""
    assert WEEK == next_week_for_meeting(dt.date(2026, 3, 6), VisitPolicy())


def test_X_13_weeks_may_start_on_sunday_by_policy() -> None:
    """X-13: weeks may start on sunday by policy."""
    result = next_week_for_meeting(SATURDAY, VisitPolicy(week_start=6))
    assert result == Period(dt.date(2026, 3, 8), dt.date(2026, 3, 14))


def test_VISIT_2_the_plan_for_a_week_is_confirmed_at_the_saturday_meeting_before_it() -> None:
    """VISIT-2: the plan for a week is confirmed at the saturday meeting before it."""
    assert visit_meeting_date(WEEK, VisitPolicy()) == SATURDAY


def test_X_13_a_meeting_on_a_holiday_moves_to_the_previous_day_that_is_not_a_holiday() -> None:
    """X-13: a meeting on a holiday moves to the previous day that is not a holiday."""
    holidays = {SATURDAY, dt.date(2026, 3, 6)}
    assert visit_meeting_date(WEEK, VisitPolicy(), holidays=holidays) == dt.date(2026, 3, 5)


def test_X_13_a_company_may_keep_the_meeting_on_the_holiday() -> None:
    """X-13: a company may keep the meeting on the holiday."""
    rules = VisitPolicy(visit_meeting_holiday_adjustment=MeetingAdjustment.NONE)
    assert visit_meeting_date(WEEK, rules, holidays={SATURDAY}) == SATURDAY


def test_C1_a_tuesday_meeting_company_confirms_on_the_tuesday_of_the_week_before() -> None:
    assert visit_meeting_date(WEEK, VisitPolicy(visit_meeting_weekday=1)) == dt.date(2026, 3, 3)


def test_X_13_a_week_not_starting_on_the_policy_week_start_is_refused() -> None:
    """X-13: a week not starting on the policy week start is refused."""
    with pytest.raises(InvalidInput, match="week"):
        visit_meeting_date(Period(dt.date(2026, 3, 10), dt.date(2026, 3, 16)), VisitPolicy())


def test_VISIT_2_a_plan_must_cover_exactly_seven_days() -> None:
    """VISIT-2: a plan must cover exactly seven days."""
    with pytest.raises(InvalidInput, match="week"):
        WeeklyVisitPlan("s1", Period.month(2026, 3))


def test_X_13_a_meeting_date_given_as_a_datetime_is_refused() -> None:
    """X-13: a meeting date given as a datetime is refused."""
    with pytest.raises(WrongType, match="meeting_date"):
        next_week_for_meeting(moment(7), VisitPolicy())  # type: ignore[arg-type]


# -- VISIT-2 / VISIT-7: checking the plan ------------------------------------------------------


def checked(p: WeeklyVisitPlan, rules: VisitPolicy | None = None, **kw: object) -> Verdict:
    return check_plan(p, rules or VisitPolicy(), **kw).verdict  # type: ignore[arg-type]


def test_VISIT_2_an_unconfirmed_plan_is_flagged_and_waits_for_the_manager() -> None:
    """VISIT-2: an unconfirmed plan is flagged and waits for the manager."""
    result = check_plan(plan(*STANDARD), VisitPolicy())
    assert (result.verdict, result.approvers, result.confirmed) == (
        Verdict.NEEDS_APPROVAL,
        (MANAGER,),
        False,
    )
    assert [r.code for r in result.reasons] == ["visit_plan_unconfirmed"]
    assert result.reasons[0].param("meeting_date") == SATURDAY


def test_VISIT_2_a_plan_confirmed_by_the_manager_at_the_meeting_is_allowed() -> None:
    """VISIT-2: a plan confirmed by the manager at the meeting is allowed."""
    result = check_plan(plan(*STANDARD, confirmation=CONFIRMED), VisitPolicy())
    assert (result.verdict, result.confirmed, [r.code for r in result.reasons]) == (
        Verdict.ALLOWED,
        True,
        ["visit_plan_confirmed"],
    )


def test_VISIT_2_a_plan_confirmed_by_the_salesperson_themselves_is_not_confirmed() -> None:
    """VISIT-2: a plan confirmed by the salesperson themselves is not confirmed."""
    result = check_plan(plan(confirmation=Approval(MANAGER, "s1", SATURDAY)), VisitPolicy())
    assert result.verdict == Verdict.NEEDS_APPROVAL
    assert [r.code for r in result.reasons] == [
        "visit_plan_confirmation_not_valid",
        "approval_missing",
        "self_approval",
    ]


def test_VISIT_2_a_plan_confirmed_by_a_colleague_below_the_manager_is_not_confirmed() -> None:
    """VISIT-2: a plan confirmed by a colleague below the manager is not confirmed."""
    result = check_plan(plan(confirmation=Approval(SELLER, "s2", SATURDAY)), VisitPolicy())
    assert "role_too_low" in [r.code for r in result.reasons]
    assert result.confirmed is False


def test_VISIT_2_the_general_manager_may_confirm_in_the_managers_place() -> None:
    """VISIT-2: the general manager may confirm in the managers place."""
    assert checked(plan(confirmation=Approval(BOSS, "g1", SATURDAY))) == Verdict.ALLOWED


def test_VISIT_2_a_plan_confirmed_only_once_its_week_began_is_rejected() -> None:
    """VISIT-2: a plan confirmed only once its week began is rejected."""
    late = Approval(MANAGER, "m1", moment(9, 9))
    assert checked(plan(confirmation=late)) == Verdict.REJECTED


def test_X_13_a_plan_confirmed_before_the_week_but_off_the_meeting_day_is_noted() -> None:
    """X-13: a plan confirmed before the week but off the meeting day is noted."""
    result = check_plan(
        plan(confirmation=Approval(MANAGER, "m1", dt.date(2026, 3, 5))), VisitPolicy()
    )
    assert (result.verdict, result.reasons[0].code) == (
        Verdict.ALLOWED,
        "visit_plan_confirmed_off_meeting",
    )


def test_X_13_a_plan_confirmed_at_a_meeting_moved_for_a_holiday_is_on_time() -> None:
    """X-13: a plan confirmed at a meeting moved for a holiday is on time."""
    p = plan(confirmation=Approval(MANAGER, "m1", dt.date(2026, 3, 6)))
    result = check_plan(p, VisitPolicy(), holidays={SATURDAY})
    assert result.reasons[0].code == "visit_plan_confirmed"


def test_VISIT_7_a_plan_with_too_few_new_customer_visits_is_rejected() -> None:
    """VISIT-7: a plan with too few new customer visits is rejected."""
    rules = VisitPolicy(min_new_visits=2, min_return_visits=1)
    result = check_plan(plan(*STANDARD, confirmation=CONFIRMED), rules)
    assert (result.verdict, [r.code for r in result.reasons][1:]) == (
        Verdict.REJECTED,
        ["too_few_new_customer_visits_planned"],
    )


def test_VISIT_7_a_plan_with_too_few_return_visits_is_rejected() -> None:
    """VISIT-7: a plan with too few return visits is rejected."""
    rules = VisitPolicy(min_return_visits=3)
    assert checked(plan(*STANDARD, confirmation=CONFIRMED), rules) == Verdict.REJECTED


def test_VISIT_2_confirming_a_confirmed_plan_is_an_illegal_transition() -> None:
    """VISIT-2: confirming a confirmed plan is an illegal transition."""
    p = confirm_plan(plan(*STANDARD), CONFIRMED)
    assert p.confirmation == CONFIRMED
    with pytest.raises(IllegalTransition, match="already confirmed"):
        confirm_plan(p, CONFIRMED)


def test_VISIT_1_planned_visit_ids_are_unique_within_a_plan() -> None:
    """VISIT-1: planned visit ids are unique within a plan."""
    with pytest.raises(InvalidInput, match="visits"):
        plan(PlannedVisit("p1", "Acme", kind=NEW), PlannedVisit("p1", "Bolt", kind=NEW))


def test_VISIT_1_a_planned_day_outside_the_week_is_refused() -> None:
    """VISIT-1: a planned day outside the week is refused."""
    with pytest.raises(InvalidInput, match="visits"):
        plan(PlannedVisit("p1", "Acme", kind=NEW, day=dt.date(2026, 3, 16)))


def test_VISIT_7_an_unknown_visit_kind_is_refused() -> None:
    """VISIT-7: an unknown visit kind is refused."""
    with pytest.raises(UnknownEntity, match="kind"):
        PlannedVisit("p1", "Acme", kind="cold_call")


def test_VISIT_2_a_meeting_weekday_out_of_range_is_refused() -> None:
    """VISIT-2: a meeting weekday out of range is refused."""
    with pytest.raises(PolicyError, match="visit_meeting_weekday"):
        VisitPolicy(visit_meeting_weekday=-1)


def test_VISIT_2_an_outside_signatory_cannot_be_the_plan_confirmer() -> None:
    """VISIT-2: an outside signatory cannot be the plan confirmer."""
    from salesdomain import PRINCIPAL_SIGNATORY

    with pytest.raises(PolicyError, match="plan_confirmer_role"):
        VisitPolicy(plan_confirmer_role=PRINCIPAL_SIGNATORY)


# -- VISIT-3: adherence -------------------------------------------------------------------------


def test_VISIT_3_planned_done_planned_missed_and_unplanned_are_told_apart() -> None:
    """VISIT-3: planned done planned missed and unplanned are told apart."""
    visits = [
        visit("v1", "Acme", 10),
        visit("v2", "Bolt", 11, kind=RETURN, planned_id="p2"),
        visit("v3", "Dyna", 12),
    ]
    result = comply(plan(*STANDARD, confirmation=CONFIRMED), visits)
    assert (
        [p.id for p in result.planned_done],
        [p.id for p in result.planned_missed],
        [v.id for v in result.unplanned_done],
        result.matches,
        result.verdict,
    ) == (["p1", "p2"], ["p3"], ["v3"], (("p1", "v1"), ("p2", "v2")), Verdict.REJECTED)
    assert [r.code for r in result.reasons] == [
        "planned_visit_missed",
        "unplanned_visit",
        "visit_plan_adherence",
    ]


def test_VISIT_3_doing_every_planned_visit_is_allowed_and_unplanned_ones_are_only_reported() -> (
    None
):
    """VISIT-3: doing every planned visit is allowed and unplanned ones are only reported."""
    visits = [
        visit("v1", "Acme", 10),
        visit("v2", "Bolt", 11, kind=RETURN),
        visit("v3", "Cogs", 12, kind=RETURN),
        visit("v4", "Dyna", 13),
    ]
    result = comply(plan(*STANDARD, confirmation=CONFIRMED), visits)
    assert (result.verdict, len(result.unplanned_done)) == (Verdict.ALLOWED, 1)


def test_VISIT_3_a_second_visit_to_a_planned_customer_counts_as_unplanned() -> None:
    """VISIT-3: a second visit to a planned customer counts as unplanned."""
    visits = [visit("v1", "Acme", 10), visit("v2", "Acme", 12)]
    result = comply(plan(*STANDARD), visits)
    assert ([v.id for v in result.unplanned_done], result.matches) == (["v2"], (("p1", "v1"),))


def test_VISIT_3_a_visit_naming_its_planned_visit_takes_it_before_a_visit_matched_by_customer() -> (
    None
):
    """VISIT-3: a visit naming its planned visit takes it before a visit matched by customer."""
    visits = [visit("v1", "Acme", 10), visit("v2", "Acme", 12, planned_id="p1")]
    result = comply(plan(*STANDARD), visits)
    assert result.matches == (("p1", "v2"),)


def test_VISIT_3_visits_of_another_week_or_another_salesperson_are_excluded() -> None:
    """VISIT-3: visits of another week or another salesperson are excluded."""
    visits = [visit("v1", "Acme", 16), visit("v2", "Acme", 10, by="s2")]
    result = comply(plan(*STANDARD), visits)
    assert ([v.id for v in result.excluded], result.done) == (["v2", "v1"], ())


def test_VISIT_4_an_unrecorded_visit_does_not_count_and_is_named() -> None:
    """VISIT-4: an unrecorded visit does not count and is named."""
    result = comply(plan(*STANDARD), [visit("v1", "Acme", 10, recorded=False)])
    assert (result.done, [p.id for p in result.planned_done], result.verdict) == (
        (),
        [],
        Verdict.REJECTED,
    )
    assert result.reasons[1].code == "visit_not_recorded"


def test_VISIT_2_compliance_against_an_unconfirmed_plan_is_noted() -> None:
    """VISIT-2: compliance against an unconfirmed plan is noted."""
    result = comply(plan(), [])
    assert [r.code for r in result.reasons] == [
        "compliance_against_unconfirmed_plan",
        "visit_plan_adherence",
    ]


def test_VISIT_7_compliance_counts_visits_of_each_kind() -> None:
    """VISIT-7: compliance counts visits of each kind."""
    visits = [visit("v1", "Acme", 10), visit("v2", "Bolt", 11, kind=RETURN)]
    result = comply(plan(*STANDARD), visits)
    assert (result.done_count(NEW), result.done_count(RETURN)) == (1, 1)


def test_VISIT_3_a_visit_naming_a_planned_id_not_in_the_plan_is_refused() -> None:
    """VISIT-3: a visit naming a planned id not in the plan is refused."""
    with pytest.raises(InvalidInput, match="planned_id"):
        comply(plan(*STANDARD), [visit("v1", "Acme", 10, planned_id="p9")])


def test_VISIT_3_two_visits_with_one_id_are_refused() -> None:
    """VISIT-3: two visits with one id are refused."""
    with pytest.raises(InvalidInput, match="visits"):
        comply(plan(*STANDARD), [visit("v1", "Acme", 10), visit("v1", "Bolt", 11)])


def test_VISIT_3_something_that_is_not_a_plan_is_refused() -> None:
    """VISIT-3: something that is not a plan is refused."""
    with pytest.raises(WrongType, match="plan"):
        visit_compliance(WEEK, [])  # type: ignore[arg-type]


def test_VISIT_3_the_compliance_result_turns_into_json_ready_data() -> None:
    """VISIT-3: the compliance result turns into json ready data."""
    result = comply(plan(*STANDARD), [visit("v1", "Acme", 10)])
    data = result.to_dict()
    json.dumps(data)
    assert (data["week"], data["matches"]) == (
        {"start": "2026-03-09", "end": "2026-03-15"},
        [["p1", "v1"]],
    )


# -- VISIT-4 / VISIT-5: recording and reporting --------------------------------------------------


def test_VISIT_4_a_visit_is_recorded_then_reported() -> None:
    """VISIT-4: a visit is recorded then reported."""
    done = visit("v1", "Acme", 10, recorded=False)
    recorded = record_visit(done, notes(10))
    reported = report_visit(recorded, moment(14, 9))
    assert [done.state, recorded.state, reported.state] == [
        VisitState.DONE,
        VisitState.RECORDED,
        VisitState.REPORTED,
    ]


def test_VISIT_4_a_visit_without_a_record_cannot_be_reported() -> None:
    """VISIT-4: a visit without a record cannot be reported."""
    with pytest.raises(IllegalTransition, match="VISIT-4"):
        report_visit(visit("v1", "Acme", 10, recorded=False), moment(14, 9))


def test_VISIT_5_a_visit_cannot_be_reported_twice() -> None:
    """VISIT-5: a visit cannot be reported twice."""
    reported = report_visit(visit("v1", "Acme", 10), moment(14, 9))
    with pytest.raises(IllegalTransition, match="already reported"):
        report_visit(reported, moment(14, 10))


def test_VISIT_4_a_record_cannot_be_overwritten() -> None:
    """VISIT-4: a record cannot be overwritten."""
    with pytest.raises(IllegalTransition, match="already recorded"):
        record_visit(visit("v1", "Acme", 10), notes(10))


def test_VISIT_4_recording_before_the_visit_ended_is_refused() -> None:
    """VISIT-4: recording before the visit ended is refused."""
    with pytest.raises(InvalidInput, match="recorded_at"):
        record_visit(visit("v1", "Acme", 10, recorded=False), notes(10, 10))


def test_VISIT_4_a_record_needs_a_summary() -> None:
    """VISIT-4: a record needs a summary."""
    with pytest.raises(InvalidInput, match="summary"):
        VisitNotes("Mr Li", " ", next_step="call", recorded_at=moment(10, 12))


def test_VISIT_4_a_record_needs_a_next_step() -> None:
    """VISIT-4: a record needs a next step."""
    with pytest.raises(InvalidInput, match="next_step"):
        VisitNotes("Mr Li", "ok", next_step="", recorded_at=moment(10, 12))


def test_VISIT_4_a_visit_ending_before_it_started_is_refused() -> None:
    """VISIT-4: a visit ending before it started is refused."""
    with pytest.raises(InvalidInput, match="ended_at"):
        Visit("v1", "Acme", kind=NEW, by="s1", started_at=moment(10, 11), ended_at=moment(10, 10))


def test_VISIT_4_a_naive_visit_time_is_refused() -> None:
    """VISIT-4: a naive visit time is refused."""
    with pytest.raises(InvalidInput, match="started_at"):
        Visit(
            "v1",
            "Acme",
            kind=NEW,
            by="s1",
            started_at=dt.datetime(2026, 3, 10, 10),
            ended_at=moment(10, 11),
        )


def test_VISIT_4_an_unrecorded_visit_cannot_be_built_as_reported() -> None:
    """VISIT-4: an unrecorded visit cannot be built as reported."""
    with pytest.raises(InvalidInput, match="reported_at"):
        Visit(
            "v1",
            "Acme",
            kind=NEW,
            by="s1",
            started_at=moment(10, 10),
            ended_at=moment(10, 11),
            reported_at=moment(14, 9),
        )


def test_VISIT_5_the_meeting_reports_recorded_visits_ended_since_the_previous_meeting() -> None:
    """VISIT-5: the meeting reports recorded visits ended since the previous meeting."""
    visits = [
        visit("v0", "Old", 6),  # ended before the previous meeting (7 March 09:00)
        visit("v1", "Acme", 9),
        visit("v2", "Bolt", 12, recorded=False),
        report_visit(visit("v3", "Cogs", 11), moment(12, 20)),
        Visit(  # ends after this meeting began: reported next time
            "v4",
            "Dyna",
            kind=NEW,
            by="s1",
            started_at=moment(14, 9),
            ended_at=moment(14, 9, 30),
        ),
    ]
    result = visits_to_report(visits, moment(14, 9), moment(7, 9), VisitPolicy())
    assert (
        [v.id for v in result.to_report],
        [v.id for v in result.unrecorded],
        [v.id for v in result.already_reported],
        result.verdict,
    ) == (["v1"], ["v2"], ["v3"], Verdict.REJECTED)
    assert result.reasons[-1].param("count") == 1


def test_X_13_a_meeting_off_the_policy_weekday_is_noted_but_allowed() -> None:
    """X-13: a meeting off the policy weekday is noted but allowed."""
    result = visits_to_report([visit("v1", "Acme", 9)], moment(13, 9), moment(7, 9), VisitPolicy())
    assert (result.verdict, result.reasons[0].code, result.reasons[0].param("weekday")) == (
        Verdict.ALLOWED,
        "meeting_off_schedule",
        "Friday",
    )


def test_VISIT_5_a_previous_meeting_after_this_one_is_refused() -> None:
    """VISIT-5: a previous meeting after this one is refused."""
    with pytest.raises(InvalidInput, match="previous_meeting_at"):
        visits_to_report([], moment(7, 9), moment(14, 9), VisitPolicy())


# -- VISIT-8: intervals -------------------------------------------------------------------------


def test_VISIT_8_customers_past_their_segment_interval_are_overdue_longest_first() -> None:
    """VISIT-8: customers past their segment interval are overdue longest first."""
    rules = VisitPolicy(
        max_visit_interval_days={"design_institute": 30, "end_user": 14},
        default_max_visit_interval_days=60,
    )
    found = overdue_customers(
        [
            LastVisit("Institute A", "design_institute", on=dt.date(2026, 2, 1)),
            LastVisit("Institute B", "design_institute", on=dt.date(2026, 3, 1)),
            LastVisit("User C", "end_user", on=dt.date(2026, 1, 2)),
            LastVisit("User D", "end_user", on=dt.date(2026, 3, 17)),
            LastVisit("Dealer E", "dealer"),
        ],
        dt.date(2026, 3, 31),
        rules,
    )
    assert [(c.customer, c.days_since, c.max_days) for c in found] == [
        ("Dealer E", None, 60),
        ("User C", 88, 14),
        ("Institute A", 58, 30),
    ]


def test_VISIT_8_exactly_the_interval_is_not_yet_overdue() -> None:
    """VISIT-8: exactly the interval is not yet overdue."""
    rules = VisitPolicy(max_visit_interval_days={"end_user": 14})
    found = overdue_customers(
        [LastVisit("User", "end_user", on=dt.date(2026, 3, 17))], dt.date(2026, 3, 31), rules
    )
    assert found == ()


def test_VISIT_8_a_segment_without_a_configured_interval_is_an_unknown_entity() -> None:
    """VISIT-8: a segment without a configured interval is an unknown entity."""
    with pytest.raises(UnknownEntity, match="segment"):
        overdue_customers([LastVisit("Dealer", "dealer")], dt.date(2026, 3, 31), VisitPolicy())


def test_VISIT_8_a_last_visit_after_the_check_day_is_refused() -> None:
    """VISIT-8: a last visit after the check day is refused."""
    rules = VisitPolicy(default_max_visit_interval_days=30)
    with pytest.raises(InvalidInput, match="last_visits"):
        overdue_customers(
            [LastVisit("A", "x", on=dt.date(2026, 4, 1))], dt.date(2026, 3, 31), rules
        )


def test_VISIT_8_a_customer_listed_twice_is_refused() -> None:
    """VISIT-8: a customer listed twice is refused."""
    rules = VisitPolicy(default_max_visit_interval_days=30)
    with pytest.raises(InvalidInput, match="last_visits"):
        overdue_customers([LastVisit("A", "x"), LastVisit("A", "y")], dt.date(2026, 3, 31), rules)


def test_VISIT_8_an_interval_below_one_day_is_refused() -> None:
    """VISIT-8: an interval below one day is refused."""
    with pytest.raises(InvalidInput, match="max_visit_interval_days"):
        VisitPolicy(max_visit_interval_days={"end_user": 0})


def test_every_reason_code_emitted_is_declared_and_every_declared_code_is_emitted() -> None:
    from salesdomain import PRINCIPAL_SIGNATORY

    rules = VisitPolicy(min_new_visits=9, min_return_visits=9, default_max_visit_interval_days=7)
    confirmations = [
        None,
        CONFIRMED,
        Approval(MANAGER, "s1", SATURDAY),
        Approval(SELLER, "s2", SATURDAY),
        Approval(PRINCIPAL_SIGNATORY, "x", SATURDAY),
        Approval(MANAGER, "m1", dt.date(2026, 3, 5)),
        Approval(MANAGER, "m1", dt.date(2026, 3, 9)),
    ]
    results = [check_plan(plan(confirmation=c), rules) for c in confirmations]
    results.append(
        visit_compliance(
            plan(*STANDARD),
            [
                visit("v1", "Acme", 10),
                visit("v2", "Dyna", 11),
                visit("v3", "Bolt", 12, recorded=False),
            ],
        )
    )
    results.append(
        visits_to_report(
            [visit("v1", "Acme", 10), visit("v2", "Bolt", 11, recorded=False)],
            moment(13, 9),
            moment(7, 9),
            VisitPolicy(),
        )
    )
    emitted = {r.code for result in results for r in result.reasons}
    found = overdue_customers(
        [LastVisit("A", "x"), LastVisit("B", "x", on=dt.date(2026, 1, 1))],
        dt.date(2026, 3, 31),
        rules,
    )
    emitted |= {item.reason.code for item in found}
    assert emitted == REASON_CODES


# -- hypothesis properties ----------------------------------------------------------------------

customers = st.sampled_from(["Acme", "Bolt", "Cogs", "Dyna", "Eiko"])


@st.composite
def plans_and_visits(draw: st.DrawFn) -> tuple[WeeklyVisitPlan, list[Visit]]:
    planned = draw(st.lists(st.tuples(customers, st.sampled_from(list(VisitKind))), max_size=6))
    items = tuple(
        PlannedVisit(f"p{i}", customer, kind=kind) for i, (customer, kind) in enumerate(planned)
    )
    ids = [item.id for item in items]
    drawn = draw(
        st.lists(
            st.tuples(
                customers,
                st.integers(min_value=5, max_value=18),  # days around the week
                st.sampled_from(["s1", "s1", "s1", "s2"]),
                st.one_of(st.none(), st.sampled_from(ids)) if ids else st.none(),
                st.booleans(),
                st.integers(min_value=8, max_value=17),
            ),
            max_size=10,
        )
    )
    visits = []
    for index, (customer, day, by, planned_id, recorded, hour) in enumerate(drawn):
        in_week = 9 <= day <= 15 and by == "s1"
        visits.append(
            Visit(
                f"v{index}",
                customer,
                kind=NEW,
                by=by,
                started_at=moment(day, hour),
                ended_at=moment(day, hour, 30),
                planned_id=planned_id if in_week else None,
                notes=notes(day, 20) if recorded else None,
            )
        )
    return plan(*items), visits


@given(plans_and_visits())
def test_property_VISIT_3_compliance_partitions_the_plan_and_the_visits_exactly(
    case: tuple[WeeklyVisitPlan, list[Visit]],
) -> None:
    p, visits = case
    result = visit_compliance(p, visits)
    planned_ids = sorted(item.id for item in p.visits)
    assert sorted(item.id for item in result.planned_done + result.planned_missed) == planned_ids
    assert not {i.id for i in result.planned_done} & {i.id for i in result.planned_missed}
    assert len(result.planned_done) + len(result.planned_missed) == len(p.visits)
    assert len(result.done) == len(result.planned_done) + len(result.unplanned_done)
    matched_visits = {visit_id for _, visit_id in result.matches}
    assert matched_visits.isdisjoint(v.id for v in result.unplanned_done)
    assert sorted(v.id for v in result.done + result.excluded) == sorted(v.id for v in visits)
    assert (result.verdict == Verdict.REJECTED) == bool(
        result.planned_missed
        or any(
            v.state is VisitState.DONE for v in result.excluded if v.by == "s1" and v.day in p.week
        )
    )


@given(plans_and_visits(), st.randoms(use_true_random=False))
def test_property_VISIT_3_compliance_does_not_depend_on_the_order_of_visits(
    case: tuple[WeeklyVisitPlan, list[Visit]], rnd: object
) -> None:
    p, visits = case
    shuffled = list(visits)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert visit_compliance(p, visits) == visit_compliance(p, shuffled)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(0, 6))
def test_property_X_13_the_week_a_meeting_plans_starts_after_the_meeting_within_seven_days(
    meeting: dt.date, week_start: int
) -> None:
    rules = VisitPolicy(week_start=week_start)
    week = next_week_for_meeting(meeting, rules)
    assert week.days == 7
    assert week.start.weekday() == week_start
    assert 1 <= (week.start - meeting).days <= 7
