"""Tests of salesdomain.training (TRAIN-1..5, CAL-11, X-20)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    HOTEL_LADDER,
    REAL_ESTATE_LADDER,
    Employee,
    FloatNotAllowed,
    InvalidInput,
    OrgChart,
    Period,
    PolicyError,
    Role,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.training import (
    REASON_CODES,
    PlannedTraining,
    ScriptTest,
    TrainingKind,
    TrainingPlan,
    TrainingPolicy,
    TrainingSession,
    check_trainers,
    pre_launch_window,
    script_test_results,
    training_compliance,
    training_plan_check,
)

MARCH = Period.month(2026, 3)  # 1 March 2026 is a Sunday
NO_REVIEWS = TrainingPolicy(min_weekly_reviews=0)
PRE_LAUNCH = TrainingPolicy(
    min_weekly_reviews=0, pre_launch_days=30, pre_launch_min_sessions_per_week=1
)


def d(day: int, month: int = 3) -> datetime.date:
    return datetime.date(2026, month, day)


def session(
    ident: str,
    day: datetime.date,
    kind: TrainingKind = TrainingKind.SKILLS,
    trainer: str = "m1",
    attendees: tuple[str, ...] = ("c1", "c2"),
    **extra: object,
) -> TrainingSession:
    return TrainingSession(
        ident,
        day,
        kind=kind,
        topic="户型与卖点",
        trainer=trainer,
        attendees=attendees,
        **extra,
    )


def codes(result: object) -> list[tuple[str, str]]:
    return [(r.rule, r.code) for r in result.reasons]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- TRAIN-2 / CAL-11
def test_TRAIN_2_CAL_11_a_month_without_skills_training_is_short() -> None:
    """TRAIN-2, CAL-11: 每月对置业顾问进行不少于一次专业技能培训."""
    result = training_compliance([], MARCH, NO_REVIEWS)

    assert Verdict.REJECTED == result.verdict
    assert (MARCH,) == result.months_short
    assert [("TRAIN-2", "too_few_trainings_in_month")] == codes(result)
    assert (0, 1) == (result.reasons[0].param("held"), result.reasons[0].param("required"))


def test_TRAIN_2_CAL_11_one_skills_session_a_month_meets_the_default() -> None:
    """CAL-11: the default minimum is one session a month."""
    result = training_compliance([session("T-1", d(12))], MARCH, NO_REVIEWS)

    assert Verdict.ALLOWED == result.verdict
    assert ((MARCH, 1),) == result.monthly
    assert [("TRAIN-2", "training_cadence_met")] == codes(result)


def test_TRAIN_2_business_reviews_do_not_count_as_skills_training() -> None:
    """TRAIN-2: the weekly discussion is not professional-skills training."""
    result = training_compliance(
        [session("T-1", d(12), TrainingKind.BUSINESS_REVIEW)], MARCH, NO_REVIEWS
    )

    assert ((MARCH, 0),) == result.monthly


def test_CAL_11_a_higher_monthly_minimum_counts_every_session() -> None:
    """CAL-11: min_trainings_per_month is configurable."""
    policy = TrainingPolicy(min_trainings_per_month=2, min_weekly_reviews=0)

    result = training_compliance([session("T-1", d(12), TrainingKind.SCRIPT)], MARCH, policy)

    assert (MARCH,) == result.months_short


def test_CAL_11_a_month_is_judged_in_the_period_in_which_it_ends() -> None:
    """CAL-11: 15 Mar..14 Apr judges March (all of it), not April (not over yet)."""
    span = Period(d(15), d(14, 4))

    result = training_compliance([session("T-1", d(3))], span, NO_REVIEWS)

    assert ((MARCH, 1),) == result.monthly


# ---------------------------------------------------------------- TRAIN-1
def test_TRAIN_1_a_week_without_the_business_review_is_short() -> None:
    """TRAIN-1: 每周定期对过去一周所发生的重点业务及技术问题组织大家进行讨论和学习."""
    saturdays = [d(day) for day in (7, 14, 28)] + [datetime.date(2026, 2, 28)]
    held = [session(f"R-{day}", day, TrainingKind.BUSINESS_REVIEW) for day in saturdays] + [
        session("T-1", d(10))
    ]

    result = training_compliance(held, MARCH, TrainingPolicy())

    assert 5 == len(result.weekly_reviews)  # the weeks ending 1, 8, 15, 22, 29 March
    assert (Period(d(16), d(22)),) == result.review_weeks_short
    assert [("TRAIN-1", "too_few_weekly_reviews")] == codes(result)


def test_TRAIN_1_week_start_changes_which_weeks_are_judged() -> None:
    """TRAIN-1: with Sunday-first weeks, March holds the weeks ending 7..28 March."""
    policy = TrainingPolicy(week_start=6)

    result = training_compliance([], MARCH, policy)

    assert [Period(d(1), d(7)), Period(d(22), d(28))] == [
        result.weekly_reviews[0][0],
        result.weekly_reviews[-1][0],
    ]
    assert 4 == len(result.review_weeks_short)


def test_TRAIN_1_zero_weekly_reviews_turns_the_check_off() -> None:
    """TRAIN-1: a company without the weekly session sets 0."""
    result = training_compliance([session("T-1", d(3))], MARCH, NO_REVIEWS)

    assert ((), ()) == (result.weekly_reviews, result.review_weeks_short)


# ---------------------------------------------------------------- TRAIN-2 pre-launch, X-20
def test_X_20_pre_launch_settings_are_required_with_a_launch_date() -> None:
    """X-20: the seed gives no length for 开盘前期 and no number for 经常性."""
    with pytest.raises(PolicyError, match="pre_launch_days: required when a launch date"):
        training_compliance([], MARCH, NO_REVIEWS, launch_date=d(1, 4))


def test_X_20_pre_launch_settings_come_together() -> None:
    """X-20: one without the other cannot be built."""
    with pytest.raises(PolicyError, match="pre_launch_days"):
        TrainingPolicy(pre_launch_min_sessions_per_week=1)
    with pytest.raises(PolicyError, match="pre_launch_min_sessions_per_week"):
        TrainingPolicy(pre_launch_days=30)


def test_TRAIN_2_pre_launch_window_is_the_days_before_the_launch() -> None:
    """TRAIN-2: 开盘前期 runs from launch - pre_launch_days to the day before launch."""
    assert Period(d(2), d(31)) == pre_launch_window(d(1, 4), PRE_LAUNCH)


def test_TRAIN_2_before_launch_every_week_needs_its_sessions() -> None:
    """TRAIN-2: 开盘前期为经常性培训: each pre-launch week needs the weekly minimum."""
    held = [session(f"T-{day}", d(day)) for day in (3, 10, 24)]

    result = training_compliance(held, MARCH, PRE_LAUNCH, launch_date=d(1, 4))

    weeks = [week for week, _ in result.pre_launch_weeks]
    assert [Period(d(2), d(8)), Period(d(23), d(29))] == [weeks[0], weeks[-1]]
    assert (Period(d(16), d(22)),) == result.pre_launch_weeks_short
    assert d(1, 4) == result.reasons[0].param("launch_date")
    assert () == result.months_short  # the monthly minimum is met too


def test_TRAIN_2_weeks_outside_the_window_need_no_pre_launch_sessions() -> None:
    """TRAIN-2: a launch far away asks nothing extra of March."""
    result = training_compliance([session("T-1", d(3))], MARCH, PRE_LAUNCH, launch_date=d(1, 9))

    assert ((), Verdict.ALLOWED) == (result.pre_launch_weeks, result.verdict)


# ---------------------------------------------------------------- TRAIN-3
PLAN = TrainingPlan(
    MARCH,
    [
        PlannedTraining("P-1", d(10), kind=TrainingKind.SKILLS, topic="礼仪"),
        PlannedTraining("P-2", d(24), kind=TrainingKind.SKILLS, topic="宴会销售"),
    ],
    drawn_up_by="m1",
    drawn_up_on=datetime.date(2026, 2, 25),
)


def test_TRAIN_3_no_training_plan_is_a_missing_plan() -> None:
    """TRAIN-3: 制定培训计划,定期进行培训."""
    result = training_plan_check(None, [], MARCH)

    assert (Verdict.REJECTED, False) == (result.verdict, result.plan_found)
    assert [("TRAIN-3", "training_plan_missing")] == codes(result)


def test_TRAIN_3_a_plan_for_another_period_does_not_cover_this_one() -> None:
    """TRAIN-3: the plan must cover the period checked."""
    result = training_plan_check(PLAN, [], Period.month(2026, 4))

    assert "training_plan_missing" == result.reasons[0].code


def test_TRAIN_3_every_planned_session_held_follows_the_plan() -> None:
    """TRAIN-3: sessions carried out as planned (on any day)."""
    held = [
        session("T-1", d(11), planned_id="P-1"),
        session("T-2", d(24), planned_id="P-2"),
    ]

    result = training_plan_check(PLAN, held, MARCH)

    assert (Verdict.ALLOWED, ("P-1", "P-2"), ()) == (result.verdict, result.held, result.missed)
    assert [("TRAIN-3", "training_plan_adherence")] == codes(result)
    assert (2, 2, 0) == tuple(result.reasons[0].param(k) for k in ("planned", "held", "missed"))


def test_TRAIN_3_a_planned_session_not_held_is_missed_but_future_ones_are_not_due() -> None:
    """TRAIN-3: as of 20 March only P-1 was due."""
    missed = training_plan_check(PLAN, [], MARCH, as_of=d(20))
    early = training_plan_check(PLAN, [], MARCH, as_of=d(9))

    assert (("P-1",), ("P-1",)) == (missed.planned_due, missed.missed)
    assert "礼仪" == missed.reasons[0].param("topic")
    assert ((), Verdict.ALLOWED) == (early.planned_due, early.verdict)


def test_TRAIN_3_a_plan_drawn_up_after_the_period_started_is_late() -> None:
    """TRAIN-3: a plan written afterwards is no plan."""
    late = TrainingPlan(MARCH, [], drawn_up_by="m1", drawn_up_on=d(5))

    result = training_plan_check(late, [], MARCH)

    assert [("TRAIN-3", "training_plan_drawn_up_late"), ("TRAIN-3", "training_plan_adherence")] == (
        codes(result)
    )


def test_TRAIN_3_planned_sessions_must_lie_in_the_plans_period() -> None:
    """TRAIN-3: a plan cannot plan outside itself."""
    with pytest.raises(InvalidInput, match="sessions: planned day outside"):
        TrainingPlan(
            MARCH,
            [PlannedTraining("P-9", d(1, 4), kind="skills", topic="x")],
            drawn_up_by="m1",
            drawn_up_on=d(1),
        )
    with pytest.raises(InvalidInput, match="sessions: two items share an id"):
        TrainingPlan(
            MARCH,
            [PlannedTraining("P-1", d(2), kind="skills", topic="x")] * 2,
            drawn_up_by="m1",
            drawn_up_on=d(1),
        )


# ---------------------------------------------------------------- TRAIN-4
H = HOTEL_LADDER
H_MANAGER = Employee("m1", "王经理", H.get("sales_manager"))
H_SUPERVISOR = Employee("s1", "李主任", H.get("sales_supervisor"))
H_REP1 = Employee("r1", "小张", H.get("sales_rep"))
H_REP2 = Employee("r2", "小赵", H.get("sales_rep"))
H_GM = Employee("g1", "总经理", H.get("general_manager"))
TRAINER_ROLE = Role("training_officer", 2, name_zh="培训专员", name_en="training officer")
H_TRAINER = Employee("t1", "培训专员", TRAINER_ROLE)
H_ORG = OrgChart(
    (H_GM, H_MANAGER, H_SUPERVISOR, H_REP1, H_REP2, H_TRAINER),
    {"m1": "g1", "s1": "m1", "r1": "s1", "r2": "s1", "t1": "g1"},
)


def test_TRAIN_4_the_manager_trains_the_reps_below_them() -> None:
    """TRAIN-4: 负责对销售代表的业务培训: anywhere down the chain."""
    result = check_trainers(
        [session("T-1", d(3), trainer="m1", attendees=("r1", "r2", "s1"))], H_ORG, TrainingPolicy()
    )

    assert (Verdict.ALLOWED, ()) == (result.verdict, result.unaccountable)
    assert [("TRAIN-4", "trainers_accountable")] == codes(result)


def test_TRAIN_4_a_trainer_who_is_not_above_an_attendee_is_not_accountable() -> None:
    """TRAIN-4: a rep cannot answer for a colleague's training."""
    result = check_trainers(
        [session("T-1", d(3), trainer="r1", attendees=("r2",))], H_ORG, TrainingPolicy()
    )

    assert ("T-1",) == result.unaccountable
    assert ("r2",) == result.reasons[0].param("attendees")


def test_TRAIN_4_a_named_trainer_role_may_train_anyone() -> None:
    """TRAIN-4: a training officer outside the chain is allowed when named."""
    held = [session("T-1", d(3), trainer="t1", attendees=("r1",))]

    plain = check_trainers(held, H_ORG, TrainingPolicy())
    named = check_trainers(held, H_ORG, TrainingPolicy(trainer_roles=[TRAINER_ROLE]))

    assert (Verdict.REJECTED, Verdict.ALLOWED) == (plain.verdict, named.verdict)


def test_TRAIN_4_someone_outside_the_org_chart_is_unknown() -> None:
    """TRAIN-4: attendees are looked up in the org chart."""
    with pytest.raises(UnknownEntity, match="employee"):
        check_trainers([session("T-1", d(3), attendees=("zz",))], H_ORG, TrainingPolicy())


# ---------------------------------------------------------------- TRAIN-5
def test_TRAIN_5_a_script_test_passes_at_the_pass_mark_and_fails_below() -> None:
    """TRAIN-5 with APPR-7: 按照话术标准 … score >= pass mark passes."""
    policy = TrainingPolicy(script_test_pass_mark=80)
    tests = [ScriptTest("c1", 80, taken_on=d(4)), ScriptTest("c2", "79.99", taken_on=d(4))]

    result = script_test_results(tests, policy)

    assert (("c1",), ("c2",)) == (result.passed, result.failed)
    reason = result.reasons[0]
    assert ("TRAIN-5", "script_test_failed") == (reason.rule, reason.code)
    assert (Decimal("79.99"), Decimal(80)) == (reason.param("score"), reason.param("pass_mark"))


def test_TRAIN_5_a_test_on_an_outdated_script_version_does_not_count() -> None:
    """TRAIN-5: TrainingSession.material_version refers to the script version."""
    policy = TrainingPolicy(script_test_pass_mark=60)
    tests = [
        ScriptTest("c1", 95, taken_on=d(4), material_version="v2"),
        ScriptTest("c2", 95, taken_on=d(4), material_version="v1"),
        ScriptTest("c3", 95, taken_on=d(4)),
    ]

    result = script_test_results(tests, policy, current_version="v2")

    assert (("c1",), ("c2", "c3")) == (result.passed, result.outdated)
    assert "-" == result.reasons[1].param("version")


def test_TRAIN_5_all_passed_is_allowed() -> None:
    """TRAIN-5: every test at or above the mark."""
    result = script_test_results(
        [ScriptTest("c1", 100, taken_on=d(4))], TrainingPolicy(script_test_pass_mark=60)
    )

    assert [("TRAIN-5", "script_tests_passed")] == codes(result)


def test_TRAIN_5_the_pass_mark_is_required_and_within_the_scale() -> None:
    """APPR-7: the seed gives no pass mark, so judging needs one."""
    with pytest.raises(PolicyError, match="script_test_pass_mark: required"):
        script_test_results([], TrainingPolicy())
    with pytest.raises(PolicyError, match="script_test_pass_mark"):
        TrainingPolicy(script_test_pass_mark=101)
    with pytest.raises(InvalidInput, match="score: must be at most"):
        script_test_results(
            [ScriptTest("c1", 11, taken_on=d(4))],
            TrainingPolicy(script_test_pass_mark=6, script_test_max_score=10),
        )


def test_TRAIN_5_scores_are_decimal_and_not_negative() -> None:
    """APPR-7: floats are refused, negative scores too."""
    with pytest.raises(FloatNotAllowed, match="score"):
        ScriptTest("c1", 80.5, taken_on=d(4))
    with pytest.raises(InvalidInput, match="score: must not be negative"):
        ScriptTest("c1", -1, taken_on=d(4))


# ---------------------------------------------------------------- bad input
def test_a_session_needs_attendees_other_than_the_trainer() -> None:
    """TRAIN-4: a session trains someone."""
    with pytest.raises(InvalidInput, match="attendees: a session needs at least one"):
        session("T-1", d(3), attendees=())
    with pytest.raises(InvalidInput, match="attendees: listed twice"):
        session("T-1", d(3), attendees=("c1", "c1"))
    with pytest.raises(InvalidInput, match="attendees: the trainer cannot attend"):
        session("T-1", d(3), trainer="c1")


def test_session_days_are_dates_not_datetimes() -> None:
    """CAL-11: sessions are counted by day."""
    with pytest.raises(WrongType, match="day"):
        session("T-1", datetime.datetime(2026, 3, 3, 9, 0))


def test_duplicate_session_ids_are_refused() -> None:
    """CAL-11: each session once."""
    with pytest.raises(InvalidInput, match="sessions: two items share an id"):
        training_compliance([session("T-1", d(3)), session("T-1", d(4))], MARCH, NO_REVIEWS)


def test_policy_numbers_are_checked_naming_the_field() -> None:
    """CAL-11, TRAIN-1: out-of-range numbers cannot be configured."""
    with pytest.raises(PolicyError, match="min_trainings_per_month"):
        TrainingPolicy(min_trainings_per_month=40)
    with pytest.raises(PolicyError, match="min_weekly_reviews"):
        TrainingPolicy(min_weekly_reviews=8)
    with pytest.raises(PolicyError, match="week_start"):
        TrainingPolicy(week_start=7)
    with pytest.raises(PolicyError, match="skills_kinds"):
        TrainingPolicy(skills_kinds=())
    with pytest.raises(WrongType, match="period"):
        training_compliance([], "2026-03", NO_REVIEWS)  # type: ignore[arg-type]


def test_compliance_turns_into_plain_json() -> None:
    """CAL-11: results are storable."""
    result = training_compliance([], MARCH, NO_REVIEWS)

    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))

    assert [{"start": "2026-03-01", "end": "2026-03-31"}] == data["months_short"]


def test_every_reason_code_emitted_is_declared_and_every_declared_code_is_reachable() -> None:
    """TRAIN-1..5: REASON_CODES lists exactly what the module emits."""
    tests_policy = TrainingPolicy(script_test_pass_mark=80)
    results = [
        training_compliance(
            [],
            MARCH,
            TrainingPolicy(pre_launch_days=30, pre_launch_min_sessions_per_week=1),
            launch_date=d(1, 4),
        ),
        training_compliance([session("T-1", d(3))], MARCH, NO_REVIEWS),
        training_plan_check(None, [], MARCH),
        training_plan_check(TrainingPlan(MARCH, [], drawn_up_by="m1", drawn_up_on=d(5)), [], MARCH),
        training_plan_check(PLAN, [], MARCH),
        check_trainers(
            [session("T-1", d(3), trainer="r1", attendees=("r2",))], H_ORG, TrainingPolicy()
        ),
        check_trainers([], H_ORG, TrainingPolicy()),
        script_test_results(
            [
                ScriptTest("c1", 10, taken_on=d(4), material_version="v1"),
                ScriptTest("c2", 10, taken_on=d(4)),
            ],
            tests_policy,
            current_version="v1",
        ),
        script_test_results([], tests_policy),
    ]

    emitted = {r.code for result in results for r in result.reasons}

    assert emitted <= REASON_CODES
    assert REASON_CODES == emitted


# ---------------------------------------------------------------- properties
DAYS = st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2026, 6, 30))
KINDS = st.sampled_from(list(TrainingKind))


@st.composite
def session_lists(draw: st.DrawFn, prefix: str = "T") -> list[TrainingSession]:
    days = draw(st.lists(st.tuples(DAYS, KINDS), max_size=25))
    return [session(f"{prefix}-{i}", day, kind) for i, (day, kind) in enumerate(days)]


@given(base=session_lists(), extra=session_lists(prefix="X"), launch=DAYS)
def test_CAL_11_property_adding_sessions_never_lowers_a_count_or_adds_a_shortfall(
    base: list[TrainingSession], extra: list[TrainingSession], launch: datetime.date
) -> None:
    """CAL-11, TRAIN-1, TRAIN-2: compliance counts are monotonic in the sessions held."""
    policy = TrainingPolicy(pre_launch_days=21, pre_launch_min_sessions_per_week=2)
    span = Period(datetime.date(2026, 2, 1), datetime.date(2026, 5, 31))

    before = training_compliance(base, span, policy, launch_date=launch)
    after = training_compliance(base + extra, span, policy, launch_date=launch)

    for old, new in (
        (before.monthly, after.monthly),
        (before.weekly_reviews, after.weekly_reviews),
        (before.pre_launch_weeks, after.pre_launch_weeks),
    ):
        assert [unit for unit, _ in old] == [unit for unit, _ in new]
        assert all(o <= n for (_, o), (_, n) in zip(old, new, strict=True))
    assert set(after.months_short) <= set(before.months_short)
    assert set(after.review_weeks_short) <= set(before.review_weeks_short)
    assert set(after.pre_launch_weeks_short) <= set(before.pre_launch_weeks_short)


@given(cut=st.integers(min_value=1, max_value=180), week_start=st.integers(0, 6))
def test_TRAIN_1_property_consecutive_periods_judge_every_week_exactly_once(
    cut: int, week_start: int
) -> None:
    """TRAIN-1: a week is judged in the period in which it ends, so splits add up."""
    policy = TrainingPolicy(week_start=week_start)
    whole = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    first = Period(whole.start, whole.start + datetime.timedelta(days=cut - 1))
    second = Period(first.end + datetime.timedelta(days=1), whole.end)

    def weeks(p: Period) -> list[Period]:
        return [w for w, _ in training_compliance([], p, policy).weekly_reviews]

    assert weeks(whole) == weeks(first) + weeks(second)


@given(
    score=st.decimals(min_value=0, max_value=100, places=2),
    mark=st.decimals(min_value=0, max_value=100, places=1),
)
def test_TRAIN_5_property_a_test_passes_exactly_at_or_above_the_pass_mark(
    score: Decimal, mark: Decimal
) -> None:
    """TRAIN-5: pass iff score >= pass mark."""
    result = script_test_results(
        [ScriptTest("c1", score, taken_on=d(4))], TrainingPolicy(script_test_pass_mark=mark)
    )

    assert (score >= mark) == (result.passed == ("c1",))
    assert (score >= mark) == (result.verdict is Verdict.ALLOWED)


def test_real_estate_consultants_are_trained_by_their_manager() -> None:
    """TRAIN-2: 置业顾问 trained by the 销售经理 above them (real estate)."""
    role = REAL_ESTATE_LADDER.get
    mgr = Employee("m1", "李经理", role("sales_manager"))
    c1 = Employee("c1", "小陈", role("property_consultant"))
    c2 = Employee("c2", "小刘", role("property_consultant"))
    org = OrgChart((mgr, c1, c2), {"c1": "m1", "c2": "m1"})

    result = check_trainers([session("T-1", d(3))], org, TrainingPolicy())

    assert Verdict.ALLOWED == result.verdict
