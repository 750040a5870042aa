"""Tests of salesdomain.targets (TARGET-1..9, X-5)."""

from __future__ import annotations

import datetime
import itertools
import json
import pickle
import types
from collections.abc import Callable, Mapping
from decimal import ROUND_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from salesdomain import (
    CurrencyMismatch,
    Decision,
    FiscalYear,
    FloatNotAllowed,
    InvalidInput,
    Money,
    Period,
    PolicyError,
    Rate,
    Reason,
    Verdict,
    WrongType,
    jsonable,
)
from salesdomain.targets import (
    REASON_CODES,
    Distribution,
    PlanCheck,
    Progress,
    TargetPlan,
    TargetPolicy,
    _instance_of,
    anchored_weeks,
    annual_plan,
    assign,
    check_assignment,
    check_plan,
    decompose,
    market_share,
    market_share_trend,
    phase_plan,
    progress,
    replan_remaining,
    weekly_plan,
)

D = Decimal
CURRENCIES = {"JPY": 0, "CNY": 2, "KWD": 3}
SEASONALITY = [6, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9]
POLICY = TargetPolicy(deviation_tolerance=D("0.05"))
APRIL = Period.month(2026, 4)


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


def month(m: int, year: int = 2026) -> Period:
    return Period.month(year, m)


def amounts(parts: Mapping[object, Money]) -> list[str]:
    return [str(part.amount) for part in parts.values()]


# --- strategies (local: this module's own needs) ------------------------------
currencies = st.sampled_from(sorted(CURRENCIES))


@st.composite
def money_in(draw: st.DrawFn, currency: str, max_units: int = 10**11) -> Money:
    units = draw(st.integers(min_value=0, max_value=max_units))
    return Money(D(units).scaleb(-CURRENCIES[currency]), currency)


@st.composite
def totals(draw: st.DrawFn, max_units: int = 10**11) -> Money:
    return draw(money_in(draw(currencies), max_units))


weight_values = st.one_of(
    st.integers(min_value=0, max_value=1000),
    st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
)


def nonzero(weights: list[Decimal | int]) -> bool:
    return any(weight != 0 for weight in weights)


def unit_of(money: Money) -> Fraction:
    return Fraction(money.minor_unit)


# =============================================================================
# Distribution
# =============================================================================
def test_TARGET_2_percentages_summing_to_99_99_are_refused_naming_the_shortfall() -> None:
    percentages = {m: D("8.33") for m in range(1, 13)}
    percentages[12] = D("8.36")  # 11 * 8.33 + 8.36 = 99.99
    with pytest.raises(InvalidInput, match=r"percentages: must sum to exactly 100, short by 0\.01"):
        Distribution.from_percentages(percentages)


def test_TARGET_2_percentages_summing_above_100_are_refused_naming_the_excess() -> None:
    with pytest.raises(InvalidInput, match=r"percentages: .*over by 0\.001"):
        Distribution.from_percentages({"a": D("50"), "b": D("50.001")})


def test_TARGET_2_percentages_summing_to_exactly_100_are_the_weights() -> None:
    expected = {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}
    actual = dict(Distribution.from_percentages({"a": "33.34", "b": "33.33", "c": "33.33"}))
    assert expected == actual


def test_TARGET_2_a_float_percentage_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match="percentages"):
        Distribution.from_percentages({"a": 50.0, "b": 50})  # type: ignore[dict-item]


def test_TARGET_2_a_negative_percentage_is_refused_even_if_the_sum_is_100() -> None:
    with pytest.raises(InvalidInput, match=r"percentages\['b'\]: a weight must not be negative"):
        Distribution.from_percentages({"b": -10, "a": 110})


def test_TARGET_2_a_missing_month_is_an_error_not_a_silent_zero() -> None:
    with pytest.raises(InvalidInput, match="weights: months 12 are missing"):
        Distribution.monthly(dict.fromkeys(range(1, 12), 1))


def test_TARGET_2_a_month_with_an_explicit_zero_is_accepted() -> None:
    weights = dict.fromkeys(range(1, 13), 1) | {8: 0}
    assert D(0) == Distribution.monthly(weights)[8]


def test_monthly_distribution_needs_exactly_twelve_weights() -> None:
    with pytest.raises(InvalidInput, match="weights: expected 12 months"):
        Distribution.monthly([1] * 11)


def test_monthly_distribution_refuses_unknown_month_numbers() -> None:
    with pytest.raises(InvalidInput, match="weights: unknown months 13"):
        Distribution.monthly(dict.fromkeys(range(1, 14), 1))


def test_quarterly_distribution_is_keyed_by_fiscal_quarter_names() -> None:
    expected = {"Q1": D(2), "Q2": D(3), "Q3": D(3), "Q4": D(2)}
    assert expected == dict(Distribution.quarterly([2, 3, 3, 2]))
    assert expected == dict(Distribution.quarterly(expected))


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({}, "weights: must not be empty"),
        ({"a": 0, "b": 0}, "weights: must not all be zero"),
        ({"a": -1, "b": 2}, r"weights\['a'\]: a weight must not be negative"),
        ([("a", 1), ("a", 2)], "weights: a name may appear only once"),
    ],
)
def test_a_distribution_refuses_bad_weights(weights: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Distribution(weights)  # type: ignore[arg-type]


def test_a_distribution_refuses_something_that_is_not_weights() -> None:
    with pytest.raises(WrongType, match="weights"):
        Distribution("abc")  # type: ignore[arg-type]


def test_a_distribution_is_an_ordered_read_only_mapping_with_value_equality() -> None:
    first = Distribution({"b": 1, "a": "2.5"})
    assert ["b", "a"] == list(first)
    assert D("3.5") == first.total
    assert "a" in first
    assert [] not in first
    assert first == Distribution([("b", 1), ("a", D("2.5"))])
    assert hash(first) == hash(Distribution([("b", 1), ("a", D("2.5"))]))
    assert first == pickle.loads(pickle.dumps(first))
    assert "Distribution({'b': Decimal('1'), 'a': Decimal('2.5')})" == repr(first)


# =============================================================================
# decompose
# =============================================================================
def test_TARGET_1_decompose_splits_to_the_cent_by_largest_remainder() -> None:
    expected = {"zhang": cny("33333.34"), "li": cny("33333.33"), "wang": cny("33333.33")}
    assert expected == decompose(cny("100000.00"), {"zhang": 1, "li": 1, "wang": 1})


@pytest.mark.parametrize(
    ("currency", "total", "expected"),
    [
        ("JPY", "100", ["34", "33", "33"]),
        ("CNY", "1.00", ["0.34", "0.33", "0.33"]),
        ("KWD", "1.000", ["0.334", "0.333", "0.333"]),
    ],
)
def test_TARGET_1_decompose_honours_the_currency_minor_unit(
    currency: str, total: str, expected: list[str]
) -> None:
    parts = decompose(Money(total, currency), {"a": 1, "b": 1, "c": 1})
    assert expected == amounts(parts)
    assert {currency} == {part.currency for part in parts.values()}


def test_TARGET_1_a_pinned_part_is_kept_and_the_rest_spread_by_weight() -> None:
    parts = decompose(
        cny("100000"), {"zhang": 5, "li": 1, "wang": 2}, fixed={"zhang": cny("40000")}
    )
    assert {"zhang": cny("40000"), "li": cny("20000"), "wang": cny("40000")} == parts


def test_TARGET_1_pinned_parts_above_the_total_are_an_error_naming_the_excess() -> None:
    with pytest.raises(InvalidInput, match="fixed: pinned parts exceed the total 100 CNY by 1 CNY"):
        decompose(cny("100"), {"a": 1, "b": 1}, fixed={"a": cny("60"), "b": cny("41")})


def test_TARGET_1_every_part_pinned_but_short_of_the_total_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="fixed: every part is pinned, short of the total"):
        decompose(cny("100"), {"a": 1}, fixed={"a": cny("60")})


def test_TARGET_1_a_pinned_name_must_be_one_of_the_weights() -> None:
    with pytest.raises(InvalidInput, match=r"fixed\['zhao'\]: is not one of the names"):
        decompose(cny("100"), {"a": 1}, fixed={"zhao": cny("1")})


def test_TARGET_1_a_pinned_part_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatch, match=r"fixed\['a'\]: must be in CNY"):
        decompose(cny("100"), {"a": 1, "b": 1}, fixed={"a": Money("1", "USD")})


def test_TARGET_1_a_coarse_unit_splits_in_whole_thousands() -> None:
    parts = decompose(cny("1000000"), {"a": 1, "b": 1, "c": 1}, unit=D("1000"))
    assert ["334000", "333000", "333000"] == amounts(parts)


def test_TARGET_1_a_total_that_is_not_a_whole_unit_is_refused() -> None:
    with pytest.raises(InvalidInput, match="total: is not a whole number of units of 1000 CNY"):
        decompose(cny("1000500"), {"a": 1, "b": 1}, unit=D("1000"))


def test_TARGET_1_a_pinned_part_that_is_not_a_whole_unit_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"fixed\['a'\]: is not a whole number of units"):
        decompose(cny("10000"), {"a": 1, "b": 1}, unit=1000, fixed={"a": cny("500")})


def test_TARGET_1_a_negative_target_is_refused() -> None:
    with pytest.raises(InvalidInput, match="total: a target must not be negative"):
        decompose(cny("-1"), {"a": 1})


def test_TARGET_1_a_float_weight_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match=r"weights\['a'\]"):
        decompose(cny("1"), {"a": 0.5})  # type: ignore[dict-item]


def test_decompose_refuses_a_non_positive_unit_and_a_non_money_total() -> None:
    with pytest.raises(InvalidInput, match="unit: must be positive"):
        decompose(cny("1"), {"a": 1}, unit=0)
    with pytest.raises(WrongType, match="total"):
        decompose(D("1"), {"a": 1})  # type: ignore[arg-type]


def test_TARGET_1_a_zero_weight_gets_zero_and_all_zero_weights_cannot_take_a_total() -> None:
    assert {"a": cny("10.00"), "b": cny("0")} == decompose(cny("10"), {"a": 1, "b": 0})
    assert {"a": cny("0"), "b": cny("0")} == decompose(cny("0"), {"a": 0, "b": 0})
    with pytest.raises(InvalidInput, match="weights: the unpinned names all weigh 0"):
        decompose(cny("10"), {"a": 0, "b": 0})


@given(
    total=totals(),
    weights=st.lists(weight_values, min_size=1, max_size=15).filter(nonzero),
    coarse=st.booleans(),
)
def test_TARGET_1_every_decomposition_sums_exactly_and_each_part_is_within_one_unit(
    total: Money, weights: list[Decimal | int], coarse: bool
) -> None:
    unit = D(1000) if coarse else None
    if coarse:
        total = Money(total.amount.quantize(D(1)) * 1000, total.currency)
    named = {f"p{i}": weight for i, weight in enumerate(weights)}
    parts = decompose(total, named, unit=unit)
    assert total == sum(parts.values(), Money.zero(total.currency))
    step = Fraction(unit) if unit else unit_of(total)
    weight_sum = sum(Fraction(w) for w in weights)
    for name, weight in named.items():
        exact = Fraction(total.amount) * Fraction(weight) / weight_sum
        assert abs(Fraction(parts[name].amount) - exact) < step


@given(
    total=totals(),
    weights=st.lists(st.integers(min_value=1, max_value=100), min_size=2, max_size=10),
    data=st.data(),
)
def test_TARGET_1_a_pinned_part_is_kept_exactly_and_the_rest_still_adds_up(
    total: Money, weights: list[int], data: st.DataObject
) -> None:
    named = {f"p{i}": weight for i, weight in enumerate(weights)}
    pinned_units = data.draw(
        st.integers(min_value=0, max_value=int(total.amount / total.minor_unit))
    )
    pinned = Money(D(pinned_units) * total.minor_unit, total.currency)
    parts = decompose(total, named, fixed={"p0": pinned})
    assert pinned == parts["p0"]
    assert total == sum(parts.values(), Money.zero(total.currency))
    rest = Fraction((total - pinned).amount)
    others = sum(Fraction(w) for w in weights[1:])
    for i, weight in enumerate(weights[1:], start=1):
        exact = rest * weight / others
        assert abs(Fraction(parts[f"p{i}"].amount) - exact) < unit_of(total)


# =============================================================================
# annual plan (TARGET-2)
# =============================================================================
def test_TARGET_2_a_million_over_twelve_equal_months_gives_four_34s_and_eight_33s() -> None:
    plan = annual_plan(cny("1000000.00"), FiscalYear(2026), Distribution.even(range(1, 13)))
    expected = ["83333.34"] * 4 + ["83333.33"] * 8
    assert expected == amounts(plan.months)
    assert cny("1000000.00") == sum(plan.quarters.values(), Money.zero())


def test_TARGET_2_seasonal_weights_give_the_issue_months_and_quarters() -> None:
    plan = annual_plan(cny("1200000"), FiscalYear(2026), Distribution.monthly(SEASONALITY))
    expected_months = ["72000.00", "84000.00"] + ["96000.00"] * 3 + ["108000.00"] * 7
    assert expected_months == amounts(plan.months)
    assert ["252000.00", "300000.00", "324000.00", "324000.00"] == amounts(plan.quarters)
    assert list(FiscalYear(2026).quarters()) == list(plan.quarters)


def test_TARGET_2_a_fiscal_year_from_april_keeps_calendar_month_seasonality() -> None:
    fy = FiscalYear(2026, start_month=4)
    plan = annual_plan(cny("1200000"), fy, Distribution.monthly(SEASONALITY))
    assert list(fy.months()) == list(plan.months)
    assert cny("72000.00") == plan.months[month(1, 2027)]
    assert cny("96000.00") == plan.months[month(4)]
    # Apr-Jun 8+8+9, Jul-Sep 27, Oct-Dec 27, Jan-Mar 6+7+8 (of 100).
    assert ["300000.00", "324000.00", "324000.00", "252000.00"] == amounts(plan.quarters)
    assert str(plan.fiscal_year.quarter(4)) == "2027-01-01..2027-03-31"


def test_TARGET_2_a_distribution_keyed_by_the_years_month_periods_is_accepted() -> None:
    fy = FiscalYear(2026, start_month=7)
    weights = dict.fromkeys(fy.months(), 1)
    plan = annual_plan(Money("1200", "JPY"), fy, weights)
    assert [Money("100", "JPY")] * 12 == list(plan.months.values())


def test_TARGET_2_a_quarterly_distribution_splits_quarters_then_months_evenly() -> None:
    plan = annual_plan(cny("1000000"), FiscalYear(2026), Distribution.quarterly([2, 3, 3, 2]))
    assert ["200000.00", "300000.00", "300000.00", "200000.00"] == amounts(plan.quarters)
    assert ["66666.67", "66666.67", "66666.66"] == amounts(plan.months)[:3]


def test_TARGET_2_a_distribution_keyed_by_the_years_quarter_periods_is_accepted() -> None:
    fy = FiscalYear(2026, start_month=4)
    plan = annual_plan(Money("4000", "KWD"), fy, dict.fromkeys(fy.quarters(), 1))
    assert [Money("1000.000", "KWD")] * 4 == list(plan.quarters.values())


def test_TARGET_2_percentages_build_an_annual_plan() -> None:
    percentages = dict.fromkeys(range(1, 13), D("8")) | {12: D("12")}
    plan = annual_plan(cny("500000"), FiscalYear(2026), Distribution.from_percentages(percentages))
    assert cny("60000.00") == plan.months[month(12)]


@pytest.mark.parametrize(
    ("distribution", "error", "message"),
    [
        ({1: 1}, InvalidInput, "distribution: months 2, 3, .* are missing"),
        ({"Q1": 1, "Q2": 1, "Q3": 1}, InvalidInput, "distribution: quarters Q4 are missing"),
        ({"Q5": 1}, InvalidInput, "distribution: unknown quarters Q5"),
        ({0: 1}, InvalidInput, "distribution: unknown months 0"),
        ({1: 1, "Q1": 1}, WrongType, "distribution: expected keys that are all"),
        ({Period.month(2025, 1): 1}, InvalidInput, "distribution: 2025-01-01..2025-01-31 are not"),
        ({}, InvalidInput, "distribution: must not be empty"),
        (dict.fromkeys(range(1, 13), 0), InvalidInput, "weights: the unpinned names all weigh 0"),
    ],
)
def test_TARGET_2_an_incomplete_or_foreign_distribution_is_refused(
    distribution: Mapping[object, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        annual_plan(cny("1200"), FiscalYear(2026), distribution)  # type: ignore[arg-type]


def test_TARGET_2_a_target_plan_that_does_not_add_up_cannot_be_built() -> None:
    fy = FiscalYear(2026)
    months = {m: cny("1") for m in fy.months()}
    with pytest.raises(InvalidInput, match=r"months: the months sum to 12 CNY.*over by 1 CNY"):
        TargetPlan(fy, cny("11"), months=months)
    with pytest.raises(InvalidInput, match="months: months 2026-12-01..2026-12-31 are missing"):
        TargetPlan(fy, cny("11"), months=dict(list(months.items())[:11]))
    with pytest.raises(InvalidInput, match="months: the months must be in fiscal order"):
        TargetPlan(fy, cny("12"), months=dict(reversed(list(months.items()))))
    with pytest.raises(CurrencyMismatch, match=r"months\[2026-01-01..2026-01-31\]"):
        TargetPlan(fy, cny("12"), months={m: Money("1", "USD") for m in fy.months()})
    with pytest.raises(WrongType, match="fiscal_year"):
        TargetPlan(2026, cny("12"), months=months)  # type: ignore[arg-type]


def test_TARGET_2_a_target_plan_round_trips_through_check_plan_and_json() -> None:
    plan = annual_plan(cny("1200000"), FiscalYear(2026), Distribution.monthly(SEASONALITY))
    assert Verdict.ALLOWED == check_plan(plan.to_nested()).verdict
    data = json.loads(json.dumps(jsonable(plan)))
    assert {"amount": "1200000", "currency": "CNY"} == data["total"]
    assert {"year": 2026, "start_month": 1} == data["fiscal_year"]
    first_month = [
        {"start": "2026-01-01", "end": "2026-01-31"},
        {"amount": "72000.00", "currency": "CNY"},
    ]
    assert first_month == data["months"][0]
    assert plan == pickle.loads(pickle.dumps(plan))


@given(
    total=totals(),
    weights=st.lists(weight_values, min_size=12, max_size=12).filter(nonzero),
    start_month=st.integers(min_value=1, max_value=12),
)
def test_TARGET_2_months_and_quarters_always_sum_to_the_year(
    total: Money, weights: list[Decimal | int], start_month: int
) -> None:
    fy = FiscalYear(2026, start_month=start_month)
    plan = annual_plan(total, fy, Distribution.monthly(weights))
    zero = Money.zero(total.currency)
    assert total == sum(plan.months.values(), zero)
    assert total == sum(plan.quarters.values(), zero)
    for quarter, amount in plan.quarters.items():
        assert amount == sum((a for m, a in plan.months.items() if m.start in quarter), zero)
    weight_sum = sum(Fraction(w) for w in weights)
    for period, amount in plan.months.items():
        exact = Fraction(total.amount) * Fraction(weights[period.start.month - 1]) / weight_sum
        assert abs(Fraction(amount.amount) - exact) < unit_of(total)


@given(
    total=totals(),
    weights=st.lists(st.integers(min_value=0, max_value=50), min_size=4, max_size=4).filter(
        nonzero
    ),
    start_month=st.integers(min_value=1, max_value=12),
)
def test_TARGET_2_a_quarterly_plan_adds_up_at_every_level(
    total: Money, weights: list[int], start_month: int
) -> None:
    plan = annual_plan(total, FiscalYear(2030, start_month), Distribution.quarterly(weights))
    zero = Money.zero(total.currency)
    assert total == sum(plan.months.values(), zero)
    for (quarter, amount), weight in zip(plan.quarters.items(), weights, strict=True):
        exact = Fraction(total.amount) * weight / sum(weights)
        assert abs(Fraction(amount.amount) - exact) < unit_of(total)
        assert amount == sum((a for m, a in plan.months.items() if m.start in quarter), zero)
    assert check_plan(plan.to_nested()).allowed


# =============================================================================
# weeks (TARGET-3)
# =============================================================================
def test_TARGET_3_a_straddling_week_belongs_to_the_month_of_its_thursday() -> None:
    january = anchored_weeks(month(1))
    february = anchored_weeks(month(2))
    straddling = Period(datetime.date(2026, 1, 26), datetime.date(2026, 2, 1))
    assert straddling == january[-1]
    assert straddling not in february
    assert datetime.date(2026, 2, 2) == february[0].start


def test_TARGET_3_the_anchor_day_is_configurable() -> None:
    straddling = Period(datetime.date(2026, 1, 26), datetime.date(2026, 2, 1))
    by_sunday = anchored_weeks(month(2), week_anchor_day=6)
    assert straddling == by_sunday[0]


def test_TARGET_3_weeks_may_start_on_sunday() -> None:
    weeks = anchored_weeks(month(2), week_start=6)
    assert datetime.date(2026, 2, 1) == weeks[0].start
    assert {6} == {week.start.weekday() for week in weeks}


def test_TARGET_3_a_monthly_target_splits_evenly_over_its_weeks() -> None:
    parts = weekly_plan(cny("100000"), month(1))
    assert ["20000.00"] * 5 == amounts(parts)


def test_TARGET_3_a_period_holding_no_anchor_day_has_no_weekly_plan() -> None:
    with pytest.raises(InvalidInput, match="period: no week belongs to it: it holds no Thursday"):
        weekly_plan(cny("100"), Period.day(datetime.date(2026, 2, 2)))


def test_TARGET_3_anchored_weeks_refuses_bad_weekdays_and_non_periods() -> None:
    with pytest.raises(InvalidInput, match="week_start: must be a weekday number"):
        anchored_weeks(month(1), week_start=-1)
    with pytest.raises(WrongType, match="period"):
        anchored_weeks("2026-01")  # type: ignore[arg-type]


@given(
    total=totals(max_units=10**9),
    start_month=st.integers(min_value=1, max_value=12),
    anchor=st.integers(min_value=0, max_value=6),
    week_start=st.integers(min_value=0, max_value=6),
)
def test_TARGET_3_weeks_of_a_plan_are_contiguous_and_sum_to_the_year(
    total: Money, start_month: int, anchor: int, week_start: int
) -> None:
    plan = annual_plan(total, FiscalYear(2027, start_month), Distribution.even(range(1, 13)))
    weeks = plan.weeks(week_anchor_day=anchor, week_start=week_start)
    assert total == sum(weeks.values(), Money.zero(total.currency))
    periods = list(weeks)
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + datetime.timedelta(days=1)
    assert {7} == {week.days for week in periods}


# =============================================================================
# phases (TARGET-9)
# =============================================================================
LAUNCH = Period(datetime.date(2026, 5, 1), datetime.date(2026, 6, 30))
SELLING = Period(datetime.date(2026, 7, 1), datetime.date(2027, 3, 31))
TAIL = Period(datetime.date(2027, 4, 1), datetime.date(2027, 9, 30))


def test_TARGET_9_project_phase_targets_sum_to_the_project_target() -> None:
    parts = phase_plan(Money("300000000", "CNY"), {LAUNCH: 5, SELLING: 4, TAIL: 1}, unit=10000)
    assert {LAUNCH: cny("150000000"), SELLING: cny("120000000"), TAIL: cny("30000000")} == parts


def test_TARGET_9_a_pinned_launch_target_is_kept() -> None:
    parts = phase_plan(cny("100"), {LAUNCH: 1, SELLING: 1, TAIL: 1}, fixed={LAUNCH: cny("50")})
    assert ["50", "25.00", "25.00"] == amounts(parts)


def test_TARGET_9_overlapping_phases_are_refused() -> None:
    with pytest.raises(InvalidInput, match="phases: overlaps the phase 2026-05-01..2026-06-30"):
        phase_plan(cny("100"), {SELLING: 1, LAUNCH: 1, month(6): 1})
    with pytest.raises(WrongType, match="phases"):
        phase_plan(cny("100"), {"launch": 1})  # type: ignore[dict-item]


# =============================================================================
# assignment to people (TARGET-1, X-5)
# =============================================================================
def test_TARGET_1_a_team_target_splits_exactly_to_people_by_default() -> None:
    parts = assign(cny("100000.00"), {"zhang": 1, "li": 1, "wang": 1})
    assert ["33333.34", "33333.33", "33333.33"] == amounts(parts)


def test_X_5_the_margin_grosses_up_the_team_target_before_the_split() -> None:
    parts = assign(cny("300000"), {"zhang": 2, "li": 1}, over_allocation=D("0.1"))
    assert {"zhang": cny("220000.00"), "li": cny("110000.00")} == parts


def test_X_5_the_grossed_up_target_is_rounded_down_to_the_unit() -> None:
    parts = assign(cny("100000.01"), {"a": 1}, over_allocation=D("0.05"))
    assert cny("105000.01") == parts["a"]  # 105000.0105 rounded down
    parts = assign(cny("12345000"), {"a": 1, "b": 1}, over_allocation="0.1", unit=1000)
    assert cny("13579000") == sum(parts.values(), Money.zero())  # 13579500 down to 1000


def test_TARGET_1_an_agreed_individual_target_is_pinned() -> None:
    parts = assign(cny("90000"), {"a": 1, "b": 1, "c": 1}, fixed={"a": cny("50000")})
    assert ["50000", "20000.00", "20000.00"] == amounts(parts)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"over_allocation": D("1.5")}, InvalidInput, "over_allocation: expected a rate"),
        ({"over_allocation": 0.1}, FloatNotAllowed, "over_allocation"),
    ],
)
def test_X_5_a_margin_outside_0_to_1_is_refused(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        assign(cny("100"), {"a": 1}, **kwargs)  # type: ignore[arg-type]


def test_TARGET_1_an_empty_roster_or_a_nameless_person_is_refused() -> None:
    with pytest.raises(InvalidInput, match="weights: must not be empty"):
        assign(cny("100"), {})
    with pytest.raises(WrongType, match="weights_by_person"):
        assign(cny("100"), {" ": 1})


@given(
    total=totals(),
    margin=st.decimals(min_value=0, max_value=1, places=3),
    weights=st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=8).filter(nonzero),
)
def test_X_5_individual_targets_never_sum_below_the_team_target_nor_above_the_margin(
    total: Money, margin: Decimal, weights: list[int]
) -> None:
    people = {f"rep{i}": weight for i, weight in enumerate(weights)}
    assigned = sum(
        assign(total, people, over_allocation=margin).values(), Money.zero(total.currency)
    )
    assert total <= assigned
    assert Fraction(assigned.amount) <= Fraction(total.amount) * (1 + Fraction(margin))
    assert check_assignment(
        total, assign(total, people, over_allocation=margin), over_allocation=margin
    ).allowed


def test_X_5_individual_targets_short_of_the_team_target_are_rejected() -> None:
    decision = check_assignment(cny("300000"), {"a": cny("150000"), "b": cny("140000")})
    assert Verdict.REJECTED == decision.verdict
    expected = Reason(
        "TARGET-1",
        "individual_targets_short_of_team_target",
        {"team_target": cny("300000"), "assigned": cny("290000"), "shortfall": cny("10000")},
    )
    assert (expected,) == decision.reasons


def test_X_5_individual_targets_above_the_margin_are_rejected_with_the_excess() -> None:
    targets = {"a": cny("170000"), "b": cny("160000.01")}
    decision = check_assignment(cny("300000"), targets, over_allocation=D("0.1"))
    assert Verdict.REJECTED == decision.verdict
    reason = decision.reasons[0]
    assert "individual_targets_exceed_margin" == reason.code
    assert cny("0.01") == reason.param("excess")
    assert Rate("0.1") == reason.param("margin")


def test_X_5_individual_targets_exactly_at_the_ceiling_are_allowed() -> None:
    targets = {"a": cny("170000"), "b": cny("160000")}
    decision = check_assignment(cny("300000"), targets, over_allocation=D("0.1"))
    assert ("individual_targets_cover_team_target",) == tuple(r.code for r in decision.reasons)
    assert decision.allowed


def test_X_5_without_a_margin_any_over_allocation_is_rejected() -> None:
    decision = check_assignment(cny("100"), {"a": cny("100.01")})
    assert "individual_targets_exceed_margin" == decision.reasons[0].code


def test_X_5_check_assignment_refuses_bad_input() -> None:
    with pytest.raises(CurrencyMismatch, match=r"targets\['a'\]"):
        check_assignment(cny("100"), {"a": Money("100", "USD")})
    with pytest.raises(InvalidInput, match=r"targets\['a'\]: a target must not be negative"):
        check_assignment(cny("100"), {"a": cny("-1"), "b": cny("101")})
    with pytest.raises(InvalidInput, match="targets: must not be empty"):
        check_assignment(cny("100"), {})


# =============================================================================
# check_plan (TARGET-2, TARGET-3, TARGET-9)
# =============================================================================
Y2026 = Period.year(2026)
Q1, Q2 = Period.quarter(2026, 1), Period.quarter(2026, 2)


def test_TARGET_2_check_plan_reports_every_node_that_does_not_add_up_with_the_difference() -> None:
    plan = {
        Y2026: (
            cny("1200000"),
            {
                Q1: (
                    cny("252000"),
                    {month(1): cny("72000"), month(2): cny("84000"), month(3): cny("96000.01")},
                ),
                Q2: (
                    cny("300000"),
                    {month(4): cny("96000"), month(5): cny("96000"), month(6): cny("108000")},
                ),
                Period.quarter(2026, 3): cny("324000"),
                Period.quarter(2026, 4): cny("323999"),
            },
        )
    }
    check = check_plan(plan)
    assert Verdict.REJECTED == check.verdict
    expected = (((Y2026, Q1), cny("0.01")), ((Y2026,), cny("-1")))
    assert expected == check.differences
    first = check.reasons[0]
    assert ("TARGET-2", "children_do_not_sum_to_parent") == (first.rule, first.code)
    assert cny("252000.01") == first.param("children_sum")
    assert 11 == check.nodes


def test_TARGET_2_a_missing_month_is_reported_as_a_gap_in_its_quarter() -> None:
    plan = {Q1: (cny("200"), {month(1): cny("100"), month(3): cny("100")})}
    check = check_plan(plan)
    expected = Reason("TARGET-2", "period_not_covered", {"node": (Q1,), "gap": month(2)})
    assert (expected,) == check.reasons


def test_TARGET_2_a_gap_at_the_end_of_a_parent_is_reported() -> None:
    check = check_plan({Q1: (cny("1"), {month(1): cny("1")})})
    gap = Period(datetime.date(2026, 2, 1), datetime.date(2026, 3, 31))
    assert [gap] == [r.param("gap") for r in check.reasons]


def test_TARGET_3_a_child_outside_its_parent_period_is_reported() -> None:
    check = check_plan(
        {
            Q1: (
                cny("3"),
                {month(1): cny("1"), month(2): cny("1"), month(3): cny("0"), month(4): cny("1")},
            )
        }
    )
    assert ["child_outside_parent"] == [r.code for r in check.reasons]
    assert month(4) == check.reasons[0].param("child")


def test_TARGET_9_overlapping_phases_in_an_outside_plan_are_reported() -> None:
    plan = {"project": (cny("100"), {LAUNCH: cny("50"), month(6): cny("10"), SELLING: cny("40")})}
    check = check_plan(plan)
    expected = Reason(
        "TARGET-3", "children_overlap", {"node": ("project",), "first": LAUNCH, "second": month(6)}
    )
    assert (expected,) == check.reasons


def test_TARGET_2_period_checks_can_be_switched_off() -> None:
    plan = {Q1: (cny("100"), {month(1): cny("100")})}
    assert check_plan(plan, check_periods=False).allowed


def test_TARGET_2_a_plan_that_adds_up_is_allowed_with_its_node_count() -> None:
    plan = {"team": (cny("100"), {"zhang": (cny("60"), None), "li": (cny("40"), {}), 3: cny("0")})}
    check = check_plan(plan)
    assert (Reason("TARGET-2", "plan_adds_up", {"nodes": 4}),) == check.reasons
    assert () == check.differences
    assert isinstance(check, PlanCheck)


@pytest.mark.parametrize(
    ("plan", "error", "message"),
    [
        ({}, InvalidInput, "plan: must not be empty"),
        ({"a": D("1")}, WrongType, r"plan\['a'\]: expected Money or an \(amount, children\)"),
        ({"a": (cny("1"), {1.5: cny("1")})}, WrongType, r"plan\['a'\]: expected a Period, str"),
        ({"a": (cny("-1"), None)}, InvalidInput, r"plan\['a'\]: a target must not be negative"),
        ({"a": (cny("1"), {"b": Money("1", "USD")})}, CurrencyMismatch, r"plan\['a'\]\['b'\]"),
        ({"a": ("1", None)}, WrongType, r"plan\['a'\]: expected Money"),
        ([("a", cny("1"))], WrongType, "plan: expected a mapping"),
    ],
)
def test_TARGET_2_a_malformed_plan_raises_naming_the_node(
    plan: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        check_plan(plan)  # type: ignore[arg-type]


@given(
    total=totals(),
    start_month=st.integers(min_value=1, max_value=12),
    index=st.integers(min_value=0, max_value=11),
    delta_units=st.integers(min_value=-1000, max_value=1000).filter(bool),
)
def test_TARGET_2_changing_one_month_is_reported_at_its_quarter_with_the_exact_difference(
    total: Money, start_month: int, index: int, delta_units: int
) -> None:
    plan = annual_plan(total, FiscalYear(2026, start_month), Distribution.even(range(1, 13)))
    nested = plan.to_nested()
    year, (year_total, quarters) = next(iter(nested.items()))  # type: ignore[misc]
    quarter = list(quarters)[index // 3]
    amount, months = quarters[quarter]
    key = list(months)[index % 3]
    delta = Money(D(delta_units) * total.minor_unit, total.currency)
    assume((months[key] + delta).amount >= 0)
    months = dict(months) | {key: months[key] + delta}
    quarters = dict(quarters) | {quarter: (amount, months)}
    check = check_plan({year: (year_total, quarters)})
    assert (((year, quarter), delta),) == check.differences


# =============================================================================
# policy
# =============================================================================
def test_TARGET_4_the_policy_defaults_follow_section_23_5() -> None:
    policy = TargetPolicy(deviation_tolerance="0.05")
    assert D("0.05") == policy.deviation_tolerance
    assert D(0) == policy.allow_over_allocation
    assert "ROUND_HALF_UP" == policy.rounding
    assert 3 == policy.week_anchor_day


def test_TARGET_4_the_deviation_tolerance_must_be_configured() -> None:
    with pytest.raises(TypeError, match="deviation_tolerance"):
        TargetPolicy()  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"deviation_tolerance": "-0.01"}, "deviation_tolerance"),
        ({"deviation_tolerance": "abc"}, "deviation_tolerance"),
        ({"deviation_tolerance": 0, "allow_over_allocation": 2}, "allow_over_allocation"),
        ({"deviation_tolerance": 0, "rounding": "ROUND_SIDEWAYS"}, "rounding"),
        ({"deviation_tolerance": 0, "week_anchor_day": 7}, "week_anchor_day"),
    ],
)
def test_an_inconsistent_target_policy_raises_policy_error_naming_the_field(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(PolicyError, match=field):
        TargetPolicy(**kwargs)  # type: ignore[arg-type]


def test_a_float_tolerance_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match="deviation_tolerance"):
        TargetPolicy(deviation_tolerance=0.05)


# =============================================================================
# progress (TARGET-4, TARGET-7)
# =============================================================================
def test_TARGET_4_completion_lagging_elapsed_by_more_than_the_tolerance_needs_correction() -> None:
    p = progress(cny("300000"), cny("100000"), APRIL, datetime.date(2026, 4, 15), POLICY)
    assert Verdict.NEEDS_APPROVAL == p.verdict
    assert Rate("0.5") == p.elapsed
    assert Rate("0.333333333333") == p.completion
    assert Rate("0.166666666667") == p.lag
    assert cny("200000.00") == p.pace
    assert cny("200000") == p.remaining
    assert () == p.approvers
    reason = p.reasons[0]
    assert ("TARGET-4", "target_behind_schedule") == (reason.rule, reason.code)
    assert Rate("0.05") == reason.param("tolerance")


def test_TARGET_4_a_lag_equal_to_the_tolerance_is_still_on_track() -> None:
    p = progress(cny("100000"), cny("45000"), APRIL, datetime.date(2026, 4, 15), POLICY)
    assert (Verdict.ALLOWED, "target_on_track") == (p.verdict, p.reasons[0].code)
    assert Rate("0.05") == p.lag
    behind = progress(cny("100000"), cny("44999.99"), APRIL, datetime.date(2026, 4, 15), POLICY)
    assert Verdict.NEEDS_APPROVAL == behind.verdict


def test_TARGET_4_repeating_fractions_are_compared_exactly() -> None:
    exact = TargetPolicy(deviation_tolerance=0)
    march = month(3)  # 31 days: 10 days elapsed is 10/31
    on_pace = progress(cny("3100"), cny("1000"), march, datetime.date(2026, 3, 10), exact)
    assert "target_on_track" == on_pace.reasons[0].code
    short = progress(cny("3100"), cny("999.99"), march, datetime.date(2026, 3, 10), exact)
    assert "target_behind_schedule" == short.reasons[0].code


def test_TARGET_7_a_target_reached_is_met_even_mid_period() -> None:
    p = progress(cny("100"), cny("120"), APRIL, datetime.date(2026, 4, 3), POLICY)
    assert Verdict.ALLOWED == p.verdict
    assert (
        Reason(
            "TARGET-7", "target_met", {"period": APRIL, "target": cny("100"), "actual": cny("120")}
        ),
    ) == p.reasons
    assert cny("0") == p.remaining


def test_TARGET_7_a_target_missed_at_the_end_of_the_period_is_rejected() -> None:
    p = progress(cny("100"), cny("99.99"), APRIL, datetime.date(2026, 4, 30), POLICY)
    assert Verdict.REJECTED == p.verdict
    assert "target_missed" == p.reasons[0].code
    assert cny("0.01") == p.reasons[0].param("shortfall")
    assert cny("99.99") == p.pace


def test_TARGET_4_before_the_period_starts_nothing_is_behind() -> None:
    p = progress(cny("100"), cny("0"), APRIL, datetime.date(2026, 3, 31), POLICY)
    assert (Verdict.ALLOWED, "target_not_started") == (p.verdict, p.reasons[0].code)
    assert p.pace is None
    assert Rate("0") == p.elapsed


def test_TARGET_4_a_zero_target_has_no_completion_rate() -> None:
    p = progress(cny("0"), cny("5"), APRIL, datetime.date(2026, 4, 10), POLICY)
    assert (Verdict.ALLOWED, "target_zero") == (p.verdict, p.reasons[0].code)
    assert p.completion is None
    assert p.lag is None


def test_TARGET_4_the_pace_is_rounded_with_the_policy_mode() -> None:
    day = datetime.date(2026, 3, 3)  # 3 of 31 days: 100 * 31 / 3 = 1033.333...
    assert cny("1033.33") == progress(cny("5000"), cny("100"), month(3), day, POLICY).pace
    up = TargetPolicy(deviation_tolerance=D("0.05"), rounding=ROUND_UP)
    assert cny("1033.34") == progress(cny("5000"), cny("100"), month(3), day, up).pace
    assert (
        Money("1033", "JPY")
        == progress(Money("5000", "JPY"), Money("100", "JPY"), month(3), day, POLICY).pace
    )


def test_TARGET_4_progress_is_json_ready() -> None:
    p = progress(cny("300000"), cny("100000"), APRIL, datetime.date(2026, 4, 15), POLICY)
    data = json.loads(json.dumps(p.to_dict()))
    assert "needs_approval" == data["verdict"]
    assert "0.333333333333" == data["completion"]
    assert {"amount": "200000.00", "currency": "CNY"} == data["pace"]
    assert isinstance(p, Progress)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((cny("-1"), cny("0"), APRIL, datetime.date(2026, 4, 1), POLICY), InvalidInput, "target"),
        (
            (cny("1"), Money("1", "USD"), APRIL, datetime.date(2026, 4, 1), POLICY),
            CurrencyMismatch,
            "actual",
        ),
        ((cny("1"), cny("1"), "April", datetime.date(2026, 4, 1), POLICY), WrongType, "period"),
        ((cny("1"), cny("1"), APRIL, datetime.datetime(2026, 4, 1), POLICY), WrongType, "as_of"),
        ((cny("1"), cny("1"), APRIL, datetime.date(2026, 4, 1), None), WrongType, "policy"),
        ((1, cny("1"), APRIL, datetime.date(2026, 4, 1), POLICY), WrongType, "target"),
    ],
)
def test_TARGET_4_progress_refuses_bad_input(
    args: tuple[object, ...], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        progress(*args)  # type: ignore[arg-type]


@given(
    target_units=st.integers(min_value=1, max_value=10**9),
    actual_units=st.integers(min_value=-(10**6), max_value=10**9),
    day=st.integers(min_value=1, max_value=30),
    tolerance=st.decimals(min_value=0, max_value=1, places=3),
)
def test_TARGET_4_the_verdict_follows_elapsed_minus_completion_against_the_tolerance(
    target_units: int, actual_units: int, day: int, tolerance: Decimal
) -> None:
    target = Money(D(target_units) / 100, "CNY")
    actual = Money(D(actual_units) / 100, "CNY")
    policy = TargetPolicy(deviation_tolerance=tolerance)
    p = progress(target, actual, APRIL, datetime.date(2026, 4, day), policy)
    lag = Fraction(day, 30) - Fraction(actual_units, target_units)
    if actual_units >= target_units:
        expected = Verdict.ALLOWED
    elif day == 30:
        expected = Verdict.REJECTED
    elif lag > Fraction(tolerance):
        expected = Verdict.NEEDS_APPROVAL
    else:
        expected = Verdict.ALLOWED
    assert expected == p.verdict
    assert {r.code for r in p.reasons} <= REASON_CODES


# =============================================================================
# replan_remaining
# =============================================================================
def even_plan(total: str = "1200000") -> TargetPlan:
    return annual_plan(cny(total), FiscalYear(2026), Distribution.even(range(1, 13)))


def test_TARGET_4_what_is_left_is_spread_over_the_open_months() -> None:
    actuals = {month(1): cny("70000"), month(2): cny("80000")}
    revised = replan_remaining(even_plan(), actuals, datetime.date(2026, 2, 28))
    assert cny("70000") == revised[month(1)]
    assert ["105000.00"] * 10 == amounts(revised)[2:]
    assert cny("1200000") == sum(revised.values(), Money.zero())


def test_TARGET_4_the_current_month_is_still_open_and_its_own_actual_is_not_used() -> None:
    actuals = {month(1): cny("100000"), month(2): cny("12345")}
    revised = replan_remaining(even_plan(), actuals, datetime.date(2026, 2, 10))
    assert ["100000"] + ["100000.00"] * 11 == amounts(revised)


def test_TARGET_4_re_planning_keeps_the_seasonality_of_the_open_months() -> None:
    plan = annual_plan(cny("1200000"), FiscalYear(2026), Distribution.monthly(SEASONALITY))
    revised = replan_remaining(plan, {month(1): cny("0")}, datetime.date(2026, 1, 31))
    assert cny("89361.70") == revised[month(2)]  # 1,200,000 * 7/94
    assert cny("1200000") == sum(revised.values(), Money.zero())


def test_TARGET_4_re_planning_takes_new_weights_for_the_open_periods() -> None:
    weights = {m: (0 if m.start.month < 12 else 1) for m in FiscalYear(2026).months()[1:]}
    revised = replan_remaining(
        even_plan(), {month(1): cny("0")}, datetime.date(2026, 1, 31), weights=weights
    )
    assert cny("1200000.00") == revised[month(12)]


def test_TARGET_4_an_exceeded_total_leaves_nothing_for_the_open_periods() -> None:
    revised = replan_remaining(even_plan(), {month(1): cny("1300000")}, datetime.date(2026, 1, 31))
    assert [cny("0")] * 11 == list(revised.values())[1:]
    assert cny("1300000") == sum(revised.values(), Money.zero())


def test_TARGET_9_re_planning_works_on_project_phases() -> None:
    phases = phase_plan(cny("1000"), {LAUNCH: 1, SELLING: 1, TAIL: 2})
    revised = replan_remaining(phases, {LAUNCH: cny("150")}, datetime.date(2026, 7, 1))
    assert {LAUNCH: cny("150"), SELLING: cny("283.33"), TAIL: cny("566.67")} == revised


@pytest.mark.parametrize(
    ("actuals", "as_of", "kwargs", "error", "message"),
    [
        (
            {},
            datetime.date(2026, 1, 31),
            {},
            InvalidInput,
            "actuals: closed period 2026-01-01..2026-01-31 has no actual",
        ),
        (
            {Period.month(2025, 1): cny("1")},
            datetime.date(2026, 1, 1),
            {},
            InvalidInput,
            "actuals: is not a period of the plan",
        ),
        ({}, datetime.date(2026, 12, 31), {}, InvalidInput, "as_of: every period of the plan"),
        (
            {month(1): Money("1", "USD")},
            datetime.date(2026, 1, 31),
            {},
            CurrencyMismatch,
            r"actuals\[2026-01-01..2026-01-31\]",
        ),
        (
            {month(1): cny("0.5")},
            datetime.date(2026, 1, 31),
            {"unit": 1},
            InvalidInput,
            "actuals: what is left is not a whole number of units of 1 CNY",
        ),
        (
            {month(1): cny("0")},
            datetime.date(2026, 1, 31),
            {"weights": {month(2): 1}},
            InvalidInput,
            "weights: open periods .* have no weight",
        ),
        (
            {month(1): cny("0")},
            datetime.date(2026, 1, 31),
            {"weights": dict.fromkeys(FiscalYear(2026).months()[1:], 0)},
            InvalidInput,
            "weights: the open periods all weigh 0",
        ),
        (
            {month(1): cny("0")},
            datetime.date(2026, 1, 31),
            {"weights": dict.fromkeys(FiscalYear(2026).months(), 1)},
            InvalidInput,
            "weights: 2026-01-01..2026-01-31 are not open periods",
        ),
    ],
)
def test_TARGET_4_re_planning_refuses_bad_input(
    actuals: dict[Period, Money],
    as_of: datetime.date,
    kwargs: dict[str, object],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        replan_remaining(even_plan(), actuals, as_of, **kwargs)  # type: ignore[arg-type]


def test_TARGET_4_re_planning_refuses_malformed_targets() -> None:
    with pytest.raises(InvalidInput, match="targets: must not be empty"):
        replan_remaining({}, {}, datetime.date(2026, 1, 1))
    with pytest.raises(WrongType, match="targets"):
        replan_remaining({"jan": cny("1")}, {}, datetime.date(2026, 1, 1))  # type: ignore[dict-item]
    with pytest.raises(CurrencyMismatch, match="targets"):
        replan_remaining(
            {month(1): cny("1"), month(2): Money("1", "USD")}, {}, datetime.date(2026, 1, 1)
        )


@given(
    total=totals(),
    start_month=st.integers(min_value=1, max_value=12),
    closed=st.integers(min_value=0, max_value=11),
    data=st.data(),
)
def test_TARGET_4_re_planning_after_any_actuals_keeps_the_years_total(
    total: Money, start_month: int, closed: int, data: st.DataObject
) -> None:
    fy = FiscalYear(2026, start_month)
    plan = annual_plan(total, fy, Distribution.monthly([1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1]))
    months = fy.months()
    top = int(total.amount / total.minor_unit) // 6 + 10
    actuals = {
        m: Money(
            D(data.draw(st.integers(min_value=-10, max_value=top))) * total.minor_unit,
            total.currency,
        )
        for m in months[:closed]
    }
    as_of = months[closed].start - datetime.timedelta(days=1)
    revised = replan_remaining(plan, actuals, as_of)
    zero = Money.zero(total.currency)
    achieved = sum(actuals.values(), zero)
    assert max(total, achieved) == sum(revised.values(), zero)
    assert all(revised[m] == actuals[m] for m in months[:closed])
    assert all(revised[m] >= zero for m in months[closed:])


# =============================================================================
# market share (TARGET-5, TARGET-6)
# =============================================================================
def test_TARGET_5_market_share_is_own_sales_over_market_sales() -> None:
    assert Rate("0.125") == market_share(cny("250000"), cny("2000000"))
    assert Rate("0.333333333333") == market_share(cny("1"), cny("3"))


@pytest.mark.parametrize(
    ("own", "market", "error", "message"),
    [
        (cny("1"), cny("0"), InvalidInput, "market_sales: must be positive"),
        (cny("-1"), cny("10"), InvalidInput, "own_sales: must not be negative"),
        (cny("11"), cny("10"), InvalidInput, "own_sales: must not exceed"),
        (Money("1", "USD"), cny("10"), CurrencyMismatch, "own_sales"),
    ],
)
def test_TARGET_5_market_share_refuses_impossible_figures(
    own: Money, market: Money, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        market_share(own, market)


QUARTERS_2026 = Period.year(2026).quarters()


def test_TARGET_6_a_share_rising_every_quarter_is_growing() -> None:
    shares = dict(zip(QUARTERS_2026, ["0.10", "0.11", "0.12", "0.13"], strict=True))
    trend = market_share_trend(shares)
    assert (Verdict.ALLOWED, True) == (trend.verdict, trend.growing)
    assert "market_share_growing" == trend.reasons[0].code
    assert Rate("0.13") == trend.reasons[0].param("last_share")


def test_TARGET_6_a_fall_in_market_share_is_flagged_for_correction() -> None:
    shares = dict(zip(QUARTERS_2026, [D("0.10"), D("0.12"), D("0.11"), D("0.13")], strict=True))
    trend = market_share_trend(shares)
    assert Verdict.NEEDS_APPROVAL == trend.verdict
    assert QUARTERS_2026[2] == trend.first_non_growth
    expected = Reason(
        "TARGET-6",
        "market_share_not_growing",
        {
            "period": QUARTERS_2026[2],
            "share": Rate("0.11"),
            "previous_period": QUARTERS_2026[1],
            "previous_share": Rate("0.12"),
            "change": Rate("-0.01"),
        },
    )
    assert (expected,) == trend.reasons


def test_TARGET_6_a_flat_share_is_not_growth_and_order_of_input_does_not_matter() -> None:
    shares = {QUARTERS_2026[1]: Rate("0.1"), QUARTERS_2026[0]: Rate("0.1")}
    trend = market_share_trend(shares)
    assert QUARTERS_2026[1] == trend.first_non_growth
    assert not trend.growing


def test_TARGET_5_a_share_below_its_target_is_flagged() -> None:
    shares = {month(1): D("0.10"), month(2): D("0.12")}
    trend = market_share_trend(shares, targets={month(1): D("0.09"), month(2): D("0.125")})
    assert Verdict.NEEDS_APPROVAL == trend.verdict
    codes = [r.code for r in trend.reasons]
    assert ["market_share_growing", "market_share_target_met", "market_share_below_target"] == codes


@pytest.mark.parametrize(
    ("shares", "targets", "message"),
    [
        ({month(1): D("0.1")}, None, "shares: needs at least two consecutive periods"),
        ({month(1): D("0.1"), month(3): D("0.2")}, None, "shares: must start the day after"),
        ({month(1): D("0.1"), month(2): D("1.2")}, None, r"shares\[2026-02-01..2026-02-28\]"),
        ({month(1): D("0.1"), month(2): D("0.2")}, {month(3): D("0.1")}, "targets: has no share"),
    ],
)
def test_TARGET_6_a_trend_needs_consecutive_periods_and_valid_shares(
    shares: dict[Period, Decimal], targets: dict[Period, Decimal] | None, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        market_share_trend(shares, targets=targets)


# =============================================================================
# reason codes
# =============================================================================
def test_every_reason_code_is_listed_and_every_listed_code_is_reachable() -> None:
    day = datetime.date(2026, 4, 15)
    decisions: list[Decision] = [
        check_plan(
            {
                Q1: (
                    cny("3"),
                    {
                        month(1): cny("1"),
                        month(3): cny("1"),
                        month(4): cny("1"),
                        Period.day(datetime.date(2026, 4, 1)): cny("1"),
                    },
                )
            }
        ),
        check_plan({"a": cny("1")}),
        check_assignment(cny("10"), {"a": cny("9")}),
        check_assignment(cny("10"), {"a": cny("11")}),
        check_assignment(cny("10"), {"a": cny("10")}),
        progress(cny("0"), cny("0"), APRIL, day, POLICY),
        progress(cny("1"), cny("1"), APRIL, day, POLICY),
        progress(cny("1"), cny("0"), APRIL, datetime.date(2026, 5, 1), POLICY),
        progress(cny("1"), cny("0"), APRIL, datetime.date(2026, 3, 1), POLICY),
        progress(cny("100"), cny("50"), APRIL, day, POLICY),
        progress(cny("100"), cny("10"), APRIL, day, POLICY),
        market_share_trend({month(1): D("0.1"), month(2): D("0.2")}),
        market_share_trend(
            {month(1): D("0.2"), month(2): D("0.1")},
            targets={month(1): D("0.1"), month(2): D("0.2")},
        ),
    ]
    produced = {reason.code for decision in decisions for reason in decision.reasons}
    assert REASON_CODES == produced
    for decision in decisions:
        json.dumps(decision.to_dict())


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value in words a user can act on: the messages
# are asserted whole, so a changed field name, value or wording fails here.

FY = FiscalYear(2026)


def _months(amount: str = "1", **changes: Money) -> dict[Period, Money]:
    return {m: cny(amount) for m in FY.months()}


def _even_plan() -> TargetPlan:
    return annual_plan(cny("1200000"), FY, Distribution.even(range(1, 13)))


BAD_TARGET_INPUTS = [
    pytest.param(
        lambda: Distribution(5),
        WrongType,
        "weights: expected a mapping of name -> weight, or (name, weight) pairs, got int 5",
        id="distribution_wrong_type",
    ),
    pytest.param(
        lambda: Distribution("ab"),
        WrongType,
        "weights: expected a mapping of name -> weight, or (name, weight) pairs, got str 'ab'",
        id="distribution_a_string",
    ),
    pytest.param(
        lambda: Distribution([("north", 1, 2)]),
        WrongType,
        "weights: expected a (name, weight) pair, got tuple ('north', 1, 2)",
        id="distribution_item_not_pair",
    ),
    pytest.param(
        lambda: Distribution([(["north"], 1)]),
        WrongType,
        "weights: expected a hashable name (a Period, str or int), got list ['north']",
        id="distribution_name_unhashable",
    ),
    pytest.param(
        lambda: Distribution([("north", 1), ("north", 2)]),
        InvalidInput,
        "weights: a name may appear only once, got 'north'",
        id="distribution_name_twice",
    ),
    pytest.param(
        lambda: Distribution({"north": -1, "south": 1}),
        InvalidInput,
        "weights['north']: a weight must not be negative, got -1",
        id="distribution_weight_negative",
    ),
    pytest.param(
        lambda: Distribution({"north": 0.5}),
        FloatNotAllowed,
        "weights['north']: expected a Decimal, int or str (floats are inexact: write Decimal('0.5') or '0.5'), got float 0.5",
        id="distribution_weight_float",
    ),
    pytest.param(
        lambda: Distribution({}),
        InvalidInput,
        "weights: must not be empty, got {}",
        id="distribution_empty",
    ),
    pytest.param(
        lambda: Distribution([("north", 0), ("south", "0")]),
        InvalidInput,
        "weights: must not all be zero, got [('north', 0), ('south', '0')]",
        id="distribution_all_zero",
    ),
    pytest.param(
        lambda: Distribution.from_percentages([("a", 100)]),
        WrongType,
        "percentages: expected a mapping of name -> percentage, got list [('a', 100)]",
        id="percentages_not_mapping",
    ),
    pytest.param(
        lambda: Distribution.from_percentages({"a": "100.5", "b": "-0.5"}),
        InvalidInput,
        "percentages['a']: must not exceed 100, got '100.5'",
        id="percentages_above_100",
    ),
    pytest.param(
        lambda: Distribution.from_percentages({"a": "-1", "b": "101"}),
        InvalidInput,
        "percentages['a']: a weight must not be negative, got '-1'",
        id="percentages_negative",
    ),
    pytest.param(
        lambda: Distribution.from_percentages({"a": "33.33", "b": "33.33", "c": "33.33"}),
        InvalidInput,
        "percentages: must sum to exactly 100, short by 0.01, got Decimal('99.99')",
        id="percentages_short",
    ),
    pytest.param(
        lambda: Distribution.from_percentages({"a": "50", "b": "50.01"}),
        InvalidInput,
        "percentages: must sum to exactly 100, over by 0.01, got Decimal('100.01')",
        id="percentages_over",
    ),
    pytest.param(
        lambda: Distribution.even("abc"),
        WrongType,
        "names: expected an iterable of names, got str 'abc'",
        id="even_a_string",
    ),
    pytest.param(
        lambda: Distribution.even(3),
        WrongType,
        "names: expected an iterable of names, got int 3",
        id="even_not_iterable",
    ),
    pytest.param(
        lambda: Distribution.even([]),
        InvalidInput,
        "weights: must not be empty, got []",
        id="even_empty",
    ),
    pytest.param(
        lambda: Distribution.monthly(dict.fromkeys(range(1, 12), 1)),
        InvalidInput,
        "weights: months 12 are missing (write 0 for a month without target), got {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1, 11: 1}",
        id="monthly_missing",
    ),
    pytest.param(
        lambda: Distribution.monthly({**dict.fromkeys(range(1, 13), 1), 13: 1}),
        InvalidInput,
        "weights: unknown months 13, got {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1, 11: 1, 12: 1, 1...",
        id="monthly_unknown",
    ),
    pytest.param(
        lambda: Distribution.monthly("123456789012"),
        WrongType,
        "weights: expected a sequence of 12 weights or a mapping, got str '123456789012'",
        id="monthly_a_string",
    ),
    pytest.param(
        lambda: Distribution.monthly(12),
        WrongType,
        "weights: expected a sequence of 12 weights or a mapping, got int 12",
        id="monthly_not_sequence",
    ),
    pytest.param(
        lambda: Distribution.monthly([1] * 11),
        InvalidInput,
        "weights: expected 12 months, got [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]",
        id="monthly_eleven",
    ),
    pytest.param(
        lambda: Distribution.quarterly({"Q1": 1, "Q2": 1, "Q3": 1}),
        InvalidInput,
        "weights: quarters Q4 are missing (write 0 for a quarter without target), got {'Q1': 1, 'Q2': 1, 'Q3': 1}",
        id="quarterly_missing",
    ),
    pytest.param(
        lambda: Distribution.quarterly({"Q1": 1, "Q2": 1, "Q3": 1, "Q4": 1, "Q5": 1}),
        InvalidInput,
        "weights: unknown quarters Q5, got {'Q1': 1, 'Q2': 1, 'Q3': 1, 'Q4': 1, 'Q5': 1}",
        id="quarterly_unknown",
    ),
    pytest.param(
        lambda: Distribution.quarterly([1, 1, 1, 1, 1]),
        InvalidInput,
        "weights: expected 4 quarters, got [1, 1, 1, 1, 1]",
        id="quarterly_five",
    ),
    pytest.param(
        lambda: decompose(D("100"), {"a": 1}),
        WrongType,
        "total: expected Money, got Decimal Decimal('100')",
        id="decompose_total_not_money",
    ),
    pytest.param(
        lambda: decompose(cny("-1"), {"a": 1}),
        InvalidInput,
        "total: a target must not be negative, got Money('-1', 'CNY')",
        id="decompose_total_negative",
    ),
    pytest.param(
        lambda: decompose(cny("100"), [("a", 1)]),
        WrongType,
        "weights: expected a mapping of name -> weight, got list [('a', 1)]",
        id="decompose_weights_not_mapping",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {}),
        InvalidInput,
        "weights: must not be empty, got {}",
        id="decompose_weights_empty",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1, "b": -1}),
        InvalidInput,
        "weights['b']: a weight must not be negative, got -1",
        id="decompose_weight_negative",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1}, unit=0),
        InvalidInput,
        "unit: must be positive, got 0",
        id="decompose_unit_zero",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1}, unit=0.5),
        FloatNotAllowed,
        "unit: expected a Decimal, int or str (floats are inexact: write Decimal('0.5') or '0.5'), got float 0.5",
        id="decompose_unit_float",
    ),
    pytest.param(
        lambda: decompose(cny("100.50"), {"a": 1}, unit=1),
        InvalidInput,
        "total: is not a whole number of units of 1 CNY; round it, got Money('100.50', 'CNY')",
        id="decompose_total_not_whole",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1}, fixed=[("a", cny("1"))]),
        WrongType,
        "fixed: expected a mapping of name -> Money, got list [('a', Money('1', 'CNY'))]",
        id="decompose_fixed_not_mapping",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1}, fixed={"b": cny("1")}),
        InvalidInput,
        "fixed['b']: is not one of the names of the weights, got 'b'",
        id="decompose_fixed_unknown_name",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1, "b": 1}, fixed={"a": 10}),
        WrongType,
        "fixed['a']: expected Money, got int 10",
        id="decompose_fixed_not_money",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1, "b": 1}, fixed={"a": cny("-10")}),
        InvalidInput,
        "fixed['a']: a target must not be negative, got Money('-10', 'CNY')",
        id="decompose_fixed_negative",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1, "b": 1}, fixed={"a": Money("10", "USD")}),
        CurrencyMismatch,
        "fixed['a']: must be in CNY like the total, got 'USD'",
        id="decompose_fixed_other_currency",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1, "b": 1}, unit=10, fixed={"a": cny("15")}),
        InvalidInput,
        "fixed['a']: is not a whole number of units of 10 CNY; round it, got Money('15', 'CNY')",
        id="decompose_fixed_not_whole",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1, "b": 1}, fixed={"a": cny("60"), "b": cny("50")}),
        InvalidInput,
        "fixed: pinned parts exceed the total 100 CNY by 10 CNY, got Money('110', 'CNY')",
        id="decompose_fixed_above_total",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1, "b": 1}, fixed={"a": cny("60"), "b": cny("30")}),
        InvalidInput,
        "fixed: every part is pinned, short of the total 100 CNY by 10 CNY, got Money('90', 'CNY')",
        id="decompose_all_pinned_short",
    ),
    pytest.param(
        lambda: decompose(cny("100"), {"a": 1, "b": 0, "c": 0}, fixed={"a": cny("60")}),
        InvalidInput,
        "weights: the unpinned names all weigh 0, so the rest 40 CNY has nowhere to go, got {'b': Decimal('0'), 'c': Decimal('0')}",
        id="decompose_rest_has_no_weight",
    ),
    pytest.param(
        lambda: anchored_weeks("2026-01"),
        WrongType,
        "period: expected a Period, got str '2026-01'",
        id="weeks_period_wrong_type",
    ),
    pytest.param(
        lambda: anchored_weeks(Period(datetime.date(1, 1, 1), datetime.date(1, 1, 31))),
        InvalidInput,
        "period: must lie between 0001-01-08 and 9999-12-24, got Period(start=datetime.date(1, 1, 1), end=datetime.date(1, 1, 31))",
        id="weeks_period_at_calendar_start",
    ),
    pytest.param(
        lambda: anchored_weeks(Period(datetime.date(9999, 12, 1), datetime.date(9999, 12, 31))),
        InvalidInput,
        "period: must lie between 0001-01-08 and 9999-12-24, got Period(start=datetime.date(9999, 12, 1), end=datetime.date(9999, 12, 31))",
        id="weeks_period_at_calendar_end",
    ),
    pytest.param(
        lambda: anchored_weeks(Period(datetime.date(2000, 1, 1), datetime.date(2011, 1, 1))),
        InvalidInput,
        "period: spans more than 3660 days (split it by year), got Period(start=datetime.date(2000, 1, 1), end=datetime.date(2011, 1, 1))",
        id="weeks_period_too_long",
    ),
    pytest.param(
        lambda: anchored_weeks(APRIL, week_anchor_day=7),
        InvalidInput,
        "week_anchor_day: must be a weekday number 0 (Monday) to 6 (Sunday), got 7",
        id="weeks_anchor_day_seven",
    ),
    pytest.param(
        lambda: anchored_weeks(APRIL, week_anchor_day=-1),
        InvalidInput,
        "week_anchor_day: must be a weekday number 0 (Monday) to 6 (Sunday), got -1",
        id="weeks_anchor_day_negative",
    ),
    pytest.param(
        lambda: anchored_weeks(APRIL, week_anchor_day=True),
        WrongType,
        "week_anchor_day: expected an int, got bool True",
        id="weeks_anchor_day_bool",
    ),
    pytest.param(
        lambda: anchored_weeks(APRIL, week_start=8),
        InvalidInput,
        "week_start: must be a weekday number 0 (Monday) to 6 (Sunday), got 8",
        id="weeks_start_eight",
    ),
    pytest.param(
        lambda: weekly_plan(
            cny("100"), Period(datetime.date(2026, 2, 2), datetime.date(2026, 2, 4))
        ),
        InvalidInput,
        "period: no week belongs to it: it holds no Thursday (the week anchor day), got Period(start=datetime.date(2026, 2, 2), end=datetime.date(2026, 2, 4))",
        id="weekly_plan_no_week",
    ),
    pytest.param(
        lambda: weekly_plan(
            cny("100"),
            Period(datetime.date(2026, 2, 3), datetime.date(2026, 2, 4)),
            week_anchor_day=0,
        ),
        InvalidInput,
        "period: no week belongs to it: it holds no Monday (the week anchor day), got Period(start=datetime.date(2026, 2, 3), end=datetime.date(2026, 2, 4))",
        id="weekly_plan_no_week_anchor_monday",
    ),
    pytest.param(
        lambda: TargetPlan(2026, cny("12"), months=_months()),
        WrongType,
        "fiscal_year: expected a FiscalYear, got int 2026",
        id="plan_fiscal_year_wrong_type",
    ),
    pytest.param(
        lambda: TargetPlan(FY, "12", months=_months()),
        WrongType,
        "total: expected Money, got str '12'",
        id="plan_total_not_money",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("-12"), months=_months()),
        InvalidInput,
        "total: a target must not be negative, got Money('-12', 'CNY')",
        id="plan_total_negative",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("12"), months=list(_months().items())),
        WrongType,
        "months: expected a mapping of month Period -> Money, got list [(Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31)), Mo...",
        id="plan_months_not_mapping",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("12"), months={"Jan": cny("12")}),
        WrongType,
        "months: expected a month Period as key, got str 'Jan'",
        id="plan_month_key_wrong_type",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("12"), months={**_months(), month(3): cny("-1")}),
        InvalidInput,
        "months[2026-03-01..2026-03-31]: a target must not be negative, got Money('-1', 'CNY')",
        id="plan_month_amount_negative",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("11"), months={m: cny("1") for m in FY.months()[1:]}),
        InvalidInput,
        "months: months 2026-01-01..2026-01-31 are missing, got (Period(start=datetime.date(2026, 2, 1), end=datetime.date(2026, 2, 28)), Per...",
        id="plan_months_missing",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("13"), months={**_months(), month(1, 2027): cny("1")}),
        InvalidInput,
        "months: 2027-01-01..2027-01-31 are not months of the fiscal year, got (Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31)), Per...",
        id="plan_months_unknown",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("12"), months=dict(reversed(list(_months().items())))),
        InvalidInput,
        "months: the months must be in fiscal order, got (Period(start=datetime.date(2026, 12, 1), end=datetime.date(2026, 12, 31)), P...",
        id="plan_months_out_of_order",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("12"), months={**_months(), month(5): Money("1", "USD")}),
        CurrencyMismatch,
        "months[2026-05-01..2026-05-31]: must be in CNY like the total, got 'USD'",
        id="plan_month_other_currency",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("13"), months=_months()),
        InvalidInput,
        "months: the months sum to 12 CNY, not the total 13 CNY (short by 1 CNY), got Money('12', 'CNY')",
        id="plan_months_short",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("11"), months=_months()),
        InvalidInput,
        "months: the months sum to 12 CNY, not the total 11 CNY (over by 1 CNY), got Money('12', 'CNY')",
        id="plan_months_over",
    ),
    pytest.param(
        lambda: TargetPlan(FY, cny("12"), months=_months()).weeks(unit=D("3")),
        InvalidInput,
        "total: is not a whole number of units of 3 CNY; round it, got Money('1', 'CNY')",
        id="plan_weeks_unit_not_whole",
    ),
    pytest.param(
        lambda: annual_plan(1200, FY, Distribution.even(range(1, 13))),
        WrongType,
        "total: expected Money, got int 1200",
        id="annual_total_not_money",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), "2026", Distribution.even(range(1, 13))),
        WrongType,
        "fiscal_year: expected a FiscalYear, got str '2026'",
        id="annual_fiscal_year_wrong_type",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, [1] * 12),
        WrongType,
        "distribution: expected a Distribution or mapping of weights, got list [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]",
        id="annual_distribution_not_mapping",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {}),
        InvalidInput,
        "distribution: must not be empty, got {}",
        id="annual_distribution_empty",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {**dict.fromkeys(FY.months(), 1), month(1, 2027): 1}),
        InvalidInput,
        "distribution: 2027-01-01..2027-01-31 are not months of FiscalYear(year=2026, start_month=1), got {Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31)): 1, ...",
        id="annual_month_periods_unknown",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, dict.fromkeys(FY.quarters()[:3], 1)),
        InvalidInput,
        "distribution: quarters 2026-10-01..2026-12-31 are missing (write 0 for a period without target), got {Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)): 1, ...",
        id="annual_quarter_periods_missing",
    ),
    pytest.param(
        lambda: annual_plan(
            cny("1200"), FY, {**dict.fromkeys(FY.quarters(), 1), Period.quarter(2027, 1): 1}
        ),
        InvalidInput,
        "distribution: 2027-01-01..2027-03-31 are not fiscal quarters of FiscalYear(year=2026, start_month=1), got {Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)): 1, ...",
        id="annual_quarter_periods_unknown",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {**dict.fromkeys(range(1, 13), 1), 0: 1}),
        InvalidInput,
        "distribution: unknown months 0, got {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1, 11: 1, 12: 1, 0...",
        id="annual_month_numbers_unknown",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {1: 6, 2: 7}),
        InvalidInput,
        "distribution: months 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 are missing (write 0 for a period without target), got {1: 6, 2: 7}",
        id="annual_month_numbers_missing",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {"Q1": 1, "Q2": 1, "Q3": 1, "Q4": 1, "H1": 1}),
        InvalidInput,
        "distribution: unknown quarters H1 (use Q1..Q4), got {'Q1': 1, 'Q2': 1, 'Q3': 1, 'Q4': 1, 'H1': 1}",
        id="annual_quarter_names_unknown",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {"Q1": 1, "Q2": 1}),
        InvalidInput,
        "distribution: quarters Q3, Q4 are missing (write 0 for a period without target), got {'Q1': 1, 'Q2': 1}",
        id="annual_quarter_names_missing",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {1: 1, "Q1": 1}),
        WrongType,
        "distribution: expected keys that are all month numbers 1..12, all 'Q1'..'Q4', or all Periods, got dict {1: 1, 'Q1': 1}",
        id="annual_mixed_keys",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {"Q1": 1, "Q2": 1, "Q3": 1, "Q4": -1}),
        InvalidInput,
        "distribution[2026-10-01..2026-12-31]: a weight must not be negative, got -1",
        id="annual_weight_negative",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, dict.fromkeys(FY.quarters(), 0.25)),
        FloatNotAllowed,
        "distribution[2026-01-01..2026-03-31]: expected a Decimal, int or str (floats are inexact: write Decimal('0.25') or '0.25'), got float 0.25",
        id="annual_weight_float",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, dict.fromkeys(range(1, 13), 0)),
        InvalidInput,
        "weights: the unpinned names all weigh 0, so the rest 1200 CNY has nowhere to go, got {Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31)): Dec...",
        id="annual_all_zero",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200.5"), FY, Distribution.even(range(1, 13)), unit=1),
        InvalidInput,
        "total: is not a whole number of units of 1 CNY; round it, got Money('1200.5', 'CNY')",
        id="annual_not_whole",
    ),
    pytest.param(
        lambda: phase_plan(cny("100"), [(APRIL, 1)]),
        WrongType,
        "phases: expected a mapping of phase Period -> weight, got list [(Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30)), 1)]",
        id="phase_not_mapping",
    ),
    pytest.param(
        lambda: phase_plan(cny("100"), {APRIL: 1, "launch": 1}),
        WrongType,
        "phases: expected a Period as the key of each phase, got str 'launch'",
        id="phase_key_wrong_type",
    ),
    pytest.param(
        lambda: phase_plan(
            cny("100"),
            {month(5): 1, Period(datetime.date(2026, 4, 20), datetime.date(2026, 5, 1)): 1},
        ),
        InvalidInput,
        "phases: overlaps the phase 2026-04-20..2026-05-01, got Period(start=datetime.date(2026, 5, 1), end=datetime.date(2026, 5, 31))",
        id="phase_overlap",
    ),
    pytest.param(
        lambda: phase_plan(cny("-100"), {APRIL: 1}),
        InvalidInput,
        "total: a target must not be negative, got Money('-100', 'CNY')",
        id="phase_total_negative",
    ),
    pytest.param(
        lambda: assign("300", {"zhang": 1}),
        WrongType,
        "amount: expected Money, got str '300'",
        id="assign_amount_not_money",
    ),
    pytest.param(
        lambda: assign(cny("300"), {"zhang": 1}, over_allocation=D("1.5")),
        InvalidInput,
        "over_allocation: expected a rate (a fraction) between 0 and 1, got Decimal('1.5')",
        id="assign_margin_above_one",
    ),
    pytest.param(
        lambda: assign(cny("300"), {"zhang": 1}, over_allocation=0.1),
        FloatNotAllowed,
        "over_allocation: expected a Decimal, int or str (floats are inexact: write Decimal('0.1') or '0.1'), got float 0.1",
        id="assign_margin_float",
    ),
    pytest.param(
        lambda: assign(cny("300"), ["zhang"]),
        WrongType,
        "weights_by_person: expected a mapping of name -> weight, got list ['zhang']",
        id="assign_weights_not_mapping",
    ),
    pytest.param(
        lambda: assign(cny("300"), {1: 1}),
        WrongType,
        "weights_by_person: expected a non-empty str naming a salesperson, got int 1",
        id="assign_person_not_str",
    ),
    pytest.param(
        lambda: assign(cny("300"), {" ": 1}),
        WrongType,
        "weights_by_person: expected a non-empty str naming a salesperson, got str ' '",
        id="assign_person_blank",
    ),
    pytest.param(
        lambda: assign(cny("300"), {"zhang": 1}, unit=-1),
        InvalidInput,
        "unit: must be positive, got -1",
        id="assign_unit_negative",
    ),
    pytest.param(
        lambda: assign(cny("300.5"), {"zhang": 1}, unit=1),
        InvalidInput,
        "amount: is not a whole number of units of 1 CNY; round it, got Money('300.5', 'CNY')",
        id="assign_not_whole",
    ),
    pytest.param(
        lambda: assign(cny("300"), {}),
        InvalidInput,
        "weights: must not be empty, got {}",
        id="assign_empty",
    ),
    pytest.param(
        lambda: check_assignment(cny("-1"), {"zhang": cny("1")}),
        InvalidInput,
        "team_target: a target must not be negative, got Money('-1', 'CNY')",
        id="check_assignment_team_negative",
    ),
    pytest.param(
        lambda: check_assignment(cny("300"), {"zhang": cny("300")}, over_allocation="-0.1"),
        InvalidInput,
        "over_allocation: expected a rate (a fraction) between 0 and 1, got '-0.1'",
        id="check_assignment_margin_negative",
    ),
    pytest.param(
        lambda: check_assignment(cny("300"), [("zhang", cny("300"))]),
        WrongType,
        "targets: expected a mapping of name -> Money, got list [('zhang', Money('300', 'CNY'))]",
        id="check_assignment_not_mapping",
    ),
    pytest.param(
        lambda: check_assignment(cny("300"), {}),
        InvalidInput,
        "targets: must not be empty, got {}",
        id="check_assignment_empty",
    ),
    pytest.param(
        lambda: check_assignment(cny("300"), {"": cny("300")}),
        WrongType,
        "targets: expected a non-empty str naming a salesperson, got str ''",
        id="check_assignment_person_blank",
    ),
    pytest.param(
        lambda: check_assignment(cny("300"), {"zhang": 300}),
        WrongType,
        "targets['zhang']: expected Money, got int 300",
        id="check_assignment_target_not_money",
    ),
    pytest.param(
        lambda: check_assignment(cny("300"), {"zhang": cny("-1")}),
        InvalidInput,
        "targets['zhang']: a target must not be negative, got Money('-1', 'CNY')",
        id="check_assignment_target_negative",
    ),
    pytest.param(
        lambda: check_assignment(cny("300"), {"zhang": Money("300", "USD")}),
        CurrencyMismatch,
        "targets['zhang']: must be in CNY like the team target, got 'USD'",
        id="check_assignment_other_currency",
    ),
    pytest.param(
        lambda: check_plan([cny("1")]),
        WrongType,
        "plan: expected a mapping of node name -> node, got list [Money('1', 'CNY')]",
        id="check_plan_not_mapping",
    ),
    pytest.param(
        lambda: check_plan({}),
        InvalidInput,
        "plan: must not be empty, got {}",
        id="check_plan_empty",
    ),
    pytest.param(
        lambda: check_plan({1.5: cny("1")}),
        WrongType,
        "plan: expected a Period, str or int naming a plan node, got float 1.5",
        id="check_plan_root_key_wrong_type",
    ),
    pytest.param(
        lambda: check_plan({"team": (cny("1"), {("a",): cny("1")})}),
        WrongType,
        "plan['team']: expected a Period, str or int naming a plan node, got tuple ('a',)",
        id="check_plan_child_key_wrong_type",
    ),
    pytest.param(
        lambda: check_plan({"team": "100"}),
        WrongType,
        "plan['team']: expected Money or an (amount, children) pair, got str '100'",
        id="check_plan_node_wrong_type",
    ),
    pytest.param(
        lambda: check_plan({"team": (cny("1"), {}, None)}),
        WrongType,
        "plan['team']: expected Money or an (amount, children) pair, got tuple (Money('1', 'CNY'), {}, None)",
        id="check_plan_node_triple",
    ),
    pytest.param(
        lambda: check_plan({"team": (100, {})}),
        WrongType,
        "plan['team']: expected Money, got int 100",
        id="check_plan_amount_not_money",
    ),
    pytest.param(
        lambda: check_plan({"team": (cny("100"), ["zhang"])}),
        WrongType,
        "plan['team']: expected a mapping of child nodes, got list ['zhang']",
        id="check_plan_children_not_mapping",
    ),
    pytest.param(
        lambda: check_plan({"team": (cny("100"), {APRIL: cny("-1")})}),
        InvalidInput,
        "plan['team'][2026-04-01..2026-04-30]: a target must not be negative, got Money('-1', 'CNY')",
        id="check_plan_negative",
    ),
    pytest.param(
        lambda: check_plan({"team": (cny("100"), {"zhang": Money("100", "USD")})}),
        CurrencyMismatch,
        "plan['team']['zhang']: must be in CNY like the rest of the plan, got 'USD'",
        id="check_plan_other_currency",
    ),
    pytest.param(
        lambda: PlanCheck(Verdict.ALLOWED, nodes=True),
        WrongType,
        "nodes: expected an int, got bool True",
        id="plan_check_nodes_not_int",
    ),
    pytest.param(
        lambda: TargetPolicy(deviation_tolerance=D("5")),
        PolicyError,
        "deviation_tolerance: expected a rate (a fraction) between 0 and 1, got Decimal('5')",
        id="policy_tolerance_above_one",
    ),
    pytest.param(
        lambda: TargetPolicy(deviation_tolerance=0.05),
        FloatNotAllowed,
        "deviation_tolerance: expected a Decimal, int or str (floats are inexact: write Decimal('0.05') or '0.05'), got float 0.05",
        id="policy_tolerance_float",
    ),
    pytest.param(
        lambda: TargetPolicy(deviation_tolerance="five"),
        PolicyError,
        "deviation_tolerance: is not a decimal number, got 'five'",
        id="policy_tolerance_text",
    ),
    pytest.param(
        lambda: TargetPolicy(deviation_tolerance=D("0.05"), allow_over_allocation=D("-0.1")),
        PolicyError,
        "allow_over_allocation: expected a rate (a fraction) between 0 and 1, got Decimal('-0.1')",
        id="policy_margin_negative",
    ),
    pytest.param(
        lambda: TargetPolicy(deviation_tolerance=D("0.05"), rounding="HALF"),
        PolicyError,
        "rounding: expected one of decimal's ROUND_* modes, got 'HALF'",
        id="policy_rounding_unknown",
    ),
    pytest.param(
        lambda: TargetPolicy(deviation_tolerance=D("0.05"), rounding=None),
        WrongType,
        "rounding: expected one of decimal's ROUND_* mode strings, got NoneType None",
        id="policy_rounding_wrong_type",
    ),
    pytest.param(
        lambda: TargetPolicy(deviation_tolerance=D("0.05"), week_anchor_day=8),
        PolicyError,
        "week_anchor_day: must be a weekday number 0 (Monday) to 6 (Sunday), got 8",
        id="policy_anchor_day_eight",
    ),
    pytest.param(
        lambda: TargetPolicy(deviation_tolerance=D("0.05"), week_anchor_day="3"),
        WrongType,
        "week_anchor_day: expected an int, got str '3'",
        id="policy_anchor_day_text",
    ),
    pytest.param(
        lambda: Progress(
            Verdict.ALLOWED,
            target=1,
            actual=cny("1"),
            period=APRIL,
            as_of=datetime.date(2026, 4, 1),
            completion=None,
            elapsed=Rate("0"),
            lag=None,
            pace=None,
            remaining=cny("0"),
        ),
        WrongType,
        "target: expected Money, got int 1",
        id="progress_record_target_not_money",
    ),
    pytest.param(
        lambda: Progress(
            Verdict.ALLOWED,
            target=cny("1"),
            actual=cny("1"),
            period=APRIL,
            as_of=datetime.date(2026, 4, 1),
            completion=D("1"),
            elapsed=Rate("0"),
            lag=None,
            pace=None,
            remaining=cny("0"),
        ),
        WrongType,
        "completion: expected a Rate or None, got Decimal Decimal('1')",
        id="progress_record_completion_not_rate",
    ),
    pytest.param(
        lambda: Progress(
            Verdict.ALLOWED,
            target=cny("1"),
            actual=cny("1"),
            period=APRIL,
            as_of=datetime.date(2026, 4, 1),
            completion=None,
            elapsed=Rate("0"),
            lag=None,
            pace=D("1"),
            remaining=cny("0"),
        ),
        WrongType,
        "pace: expected Money or None, got Decimal Decimal('1')",
        id="progress_record_pace_not_money",
    ),
    pytest.param(
        lambda: progress(cny("-1"), cny("0"), APRIL, datetime.date(2026, 4, 15), POLICY),
        InvalidInput,
        "target: a target must not be negative, got Money('-1', 'CNY')",
        id="progress_target_negative",
    ),
    pytest.param(
        lambda: progress(cny("100"), 50, APRIL, datetime.date(2026, 4, 15), POLICY),
        WrongType,
        "actual: expected Money, got int 50",
        id="progress_actual_not_money",
    ),
    pytest.param(
        lambda: progress(cny("100"), Money("50", "USD"), APRIL, datetime.date(2026, 4, 15), POLICY),
        CurrencyMismatch,
        "actual: must be in CNY like the target, got 'USD'",
        id="progress_actual_other_currency",
    ),
    pytest.param(
        lambda: progress(cny("100"), cny("50"), "2026-04", datetime.date(2026, 4, 15), POLICY),
        WrongType,
        "period: expected a Period, got str '2026-04'",
        id="progress_period_wrong_type",
    ),
    pytest.param(
        lambda: progress(
            cny("100"), cny("50"), APRIL, datetime.datetime(2026, 4, 15, 9, 0), POLICY
        ),
        WrongType,
        "as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 4, 15, 9, 0)",
        id="progress_as_of_datetime",
    ),
    pytest.param(
        lambda: progress(
            cny("100"),
            cny("50"),
            APRIL,
            datetime.date(2026, 4, 15),
            {"deviation_tolerance": "0.05"},
        ),
        WrongType,
        "policy: expected a TargetPolicy, got dict {'deviation_tolerance': '0.05'}",
        id="progress_policy_wrong_type",
    ),
    pytest.param(
        lambda: replan_remaining([cny("1")], {}, datetime.date(2026, 4, 15)),
        WrongType,
        "targets: expected a TargetPlan or a mapping of Period -> Money, got list [Money('1', 'CNY')]",
        id="replan_targets_not_mapping",
    ),
    pytest.param(
        lambda: replan_remaining({}, {}, datetime.date(2026, 4, 15)),
        InvalidInput,
        "targets: must not be empty, got {}",
        id="replan_targets_empty",
    ),
    pytest.param(
        lambda: replan_remaining({"April": cny("1")}, {}, datetime.date(2026, 4, 15)),
        WrongType,
        "targets: expected a Period as key, got str 'April'",
        id="replan_target_key_wrong_type",
    ),
    pytest.param(
        lambda: replan_remaining({APRIL: cny("-1")}, {}, datetime.date(2026, 4, 15)),
        InvalidInput,
        "targets[2026-04-01..2026-04-30]: a target must not be negative, got Money('-1', 'CNY')",
        id="replan_target_negative",
    ),
    pytest.param(
        lambda: replan_remaining(
            {APRIL: cny("1"), month(5): Money("1", "USD")}, {}, datetime.date(2026, 4, 15)
        ),
        CurrencyMismatch,
        "targets[2026-05-01..2026-05-31]: must be in CNY like the other targets, got 'USD'",
        id="replan_targets_two_currencies",
    ),
    pytest.param(
        lambda: replan_remaining(_even_plan(), {}, "2026-04-15"),
        WrongType,
        "as_of: expected a datetime.date, got str '2026-04-15'",
        id="replan_as_of_not_date",
    ),
    pytest.param(
        lambda: replan_remaining(_even_plan(), [], datetime.date(2026, 4, 15)),
        WrongType,
        "actuals: expected a mapping of Period -> Money, got list []",
        id="replan_actuals_not_mapping",
    ),
    pytest.param(
        lambda: replan_remaining(
            _even_plan(), {month(1, 2027): cny("1")}, datetime.date(2026, 1, 15)
        ),
        InvalidInput,
        "actuals: is not a period of the plan, got Period(start=datetime.date(2027, 1, 1), end=datetime.date(2027, 1, 31))",
        id="replan_actual_unknown_period",
    ),
    pytest.param(
        lambda: replan_remaining(_even_plan(), {month(1): 100}, datetime.date(2026, 1, 15)),
        WrongType,
        "actuals[2026-01-01..2026-01-31]: expected Money, got int 100",
        id="replan_actual_not_money",
    ),
    pytest.param(
        lambda: replan_remaining(
            _even_plan(), {month(1): Money("100", "USD")}, datetime.date(2026, 1, 15)
        ),
        CurrencyMismatch,
        "actuals[2026-01-01..2026-01-31]: must be in CNY like the plan, got 'USD'",
        id="replan_actual_other_currency",
    ),
    pytest.param(
        lambda: replan_remaining(_even_plan(), {}, datetime.date(2026, 12, 31)),
        InvalidInput,
        "as_of: every period of the plan has ended: nothing to re-plan, got datetime.date(2026, 12, 31)",
        id="replan_nothing_open",
    ),
    pytest.param(
        lambda: replan_remaining(_even_plan(), {month(1): cny("1")}, datetime.date(2026, 2, 28)),
        InvalidInput,
        "actuals: closed period 2026-02-01..2026-02-28 has no actual (write zero if nothing was sold), got Period(start=datetime.date(2026, 2, 1), end=datetime.date(2026, 2, 28))",
        id="replan_closed_without_actual",
    ),
    pytest.param(
        lambda: replan_remaining(
            {APRIL: cny("1"), month(5): cny("1")}, {}, datetime.date(2026, 4, 15), weights=[1, 1]
        ),
        WrongType,
        "weights: expected a mapping of open Period -> weight, got list [1, 1]",
        id="replan_weights_not_mapping",
    ),
    pytest.param(
        lambda: replan_remaining(
            {APRIL: cny("1"), month(5): cny("1")},
            {},
            datetime.date(2026, 4, 15),
            weights={APRIL: 1},
        ),
        InvalidInput,
        "weights: open periods 2026-05-01..2026-05-31 have no weight, got {Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30)): 1}",
        id="replan_weights_missing_open",
    ),
    pytest.param(
        lambda: replan_remaining(
            {APRIL: cny("1"), month(5): cny("1")},
            {},
            datetime.date(2026, 4, 15),
            weights={APRIL: 1, month(5): 1, month(6): 1},
        ),
        InvalidInput,
        "weights: 2026-06-01..2026-06-30 are not open periods, got {Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30)): 1, ...",
        id="replan_weights_unknown",
    ),
    pytest.param(
        lambda: replan_remaining(
            {month(3): cny("1"), APRIL: cny("1")},
            {month(3): cny("0.5")},
            datetime.date(2026, 3, 31),
            unit=1,
        ),
        InvalidInput,
        "actuals: what is left is not a whole number of units of 1 CNY, got Money('1.5', 'CNY')",
        id="replan_left_not_whole",
    ),
    pytest.param(
        lambda: replan_remaining(
            {APRIL: cny("1"), month(5): cny("1")},
            {},
            datetime.date(2026, 4, 15),
            weights={APRIL: 0, month(5): 0},
        ),
        InvalidInput,
        "weights: the open periods all weigh 0, so 2 CNY has nowhere to go; pass weights, got {Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30)): 0, ...",
        id="replan_weights_all_zero",
    ),
    pytest.param(
        lambda: replan_remaining(
            {APRIL: cny("1"), month(5): cny("1")},
            {},
            datetime.date(2026, 4, 15),
            weights={APRIL: -1, month(5): 0},
        ),
        InvalidInput,
        "weights: a weight must not be negative, got -1",
        id="replan_weight_negative",
    ),
    pytest.param(
        lambda: market_share(cny("1"), 2),
        WrongType,
        "market_sales: expected Money, got int 2",
        id="share_market_not_money",
    ),
    pytest.param(
        lambda: market_share("1", cny("2")),
        WrongType,
        "own_sales: expected Money, got str '1'",
        id="share_own_not_money",
    ),
    pytest.param(
        lambda: market_share(Money("1", "USD"), cny("2")),
        CurrencyMismatch,
        "own_sales: must be in CNY like market, got 'USD'",
        id="share_other_currency",
    ),
    pytest.param(
        lambda: market_share(cny("0"), cny("0")),
        InvalidInput,
        "market_sales: must be positive, got Money('0', 'CNY')",
        id="share_market_zero",
    ),
    pytest.param(
        lambda: market_share(cny("-1"), cny("2")),
        InvalidInput,
        "own_sales: must not be negative, got Money('-1', 'CNY')",
        id="share_own_negative",
    ),
    pytest.param(
        lambda: market_share(cny("3"), cny("2")),
        InvalidInput,
        "own_sales: must not exceed the market's sales 2 CNY, got Money('3', 'CNY')",
        id="share_own_above_market",
    ),
    pytest.param(
        lambda: market_share_trend([(APRIL, D("0.1"))]),
        WrongType,
        "shares: expected a mapping of Period -> share, got list [(Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30)), De...",
        id="trend_not_mapping",
    ),
    pytest.param(
        lambda: market_share_trend({"Q1": D("0.1"), "Q2": D("0.2")}),
        WrongType,
        "shares: expected a Period as key, got str 'Q1'",
        id="trend_key_wrong_type",
    ),
    pytest.param(
        lambda: market_share_trend({APRIL: D("1.1"), month(5): D("0.2")}),
        InvalidInput,
        "shares[2026-04-01..2026-04-30]: expected a rate (a fraction) between 0 and 1, got Decimal('1.1')",
        id="trend_share_above_one",
    ),
    pytest.param(
        lambda: market_share_trend({APRIL: 0.1, month(5): D("0.2")}),
        FloatNotAllowed,
        "shares[2026-04-01..2026-04-30]: expected a Decimal, int or str (floats are inexact: write Decimal('0.1') or '0.1'), got float 0.1",
        id="trend_share_float",
    ),
    pytest.param(
        lambda: market_share_trend({APRIL: D("0.1")}),
        InvalidInput,
        "shares: needs at least two consecutive periods, got {Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30)): Dec...",
        id="trend_one_period",
    ),
    pytest.param(
        lambda: market_share_trend({APRIL: D("0.1"), month(6): D("0.2")}),
        InvalidInput,
        "shares: must start the day after 2026-04-01..2026-04-30 (periods must be consecutive), got Period(start=datetime.date(2026, 6, 1), end=datetime.date(2026, 6, 30))",
        id="trend_gap",
    ),
    pytest.param(
        lambda: market_share_trend({APRIL: D("0.1"), month(5): D("0.2")}, targets=[D("0.1")]),
        WrongType,
        "targets: expected a mapping of Period -> target share, got list [Decimal('0.1')]",
        id="trend_targets_not_mapping",
    ),
    pytest.param(
        lambda: market_share_trend(
            {APRIL: D("0.1"), month(5): D("0.2")}, targets={month(6): D("0.1")}
        ),
        InvalidInput,
        "targets: has no share to compare with, got Period(start=datetime.date(2026, 6, 1), end=datetime.date(2026, 6, 30))",
        id="trend_target_unknown_period",
    ),
    pytest.param(
        lambda: market_share_trend(
            {APRIL: D("0.1"), month(5): D("0.2")}, targets={month(5): Rate("1.5")}
        ),
        InvalidInput,
        "targets[2026-05-01..2026-05-31]: expected a rate (a fraction) between 0 and 1, got Decimal('1.5')",
        id="trend_target_above_one",
    ),
    pytest.param(
        lambda: annual_plan(cny("1200"), FY, {FY.months()[0]: 1, FY.quarters()[1]: 1}),
        InvalidInput,
        "distribution: 2026-04-01..2026-06-30 are not months of FiscalYear(year=2026, start_month=1), got {Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31)): 1, ...",
        id="annual_month_and_quarter_periods_mixed",
    ),
    pytest.param(
        lambda: phase_plan(
            cny("100"),
            {
                Period(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)): 1,
                Period(datetime.date(2026, 4, 30), datetime.date(2026, 5, 31)): 1,
            },
        ),
        InvalidInput,
        "phases: overlaps the phase 2026-04-01..2026-04-30, got Period(start=datetime.date(2026, 4, 30), end=datetime.date(2026, 5, 31))",
        id="phase_overlap_by_one_day",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_TARGET_INPUTS)
def test_TARGET_1_to_9_every_bad_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


def _day(month_: int, day_: int) -> datetime.date:
    return datetime.date(2026, month_, day_)


def test_TARGET_2_a_single_name_may_take_all_of_one_hundred_percent() -> None:
    assert [D(100), D(0)] == list(Distribution.from_percentages({"a": "100", "b": "0"}).values())


def test_TARGET_1_an_even_distribution_gives_every_name_the_weight_one() -> None:
    assert [D(1), D(1)] == list(Distribution.even(["a", "b"]).values())


def test_TARGET_3_weeks_may_be_anchored_right_at_the_ends_of_the_calendar_and_of_ten_years() -> (
    None
):
    early = anchored_weeks(Period(datetime.date(1, 1, 8), datetime.date(1, 1, 31)))
    late = anchored_weeks(Period(datetime.date(9999, 12, 1), datetime.date(9999, 12, 24)))
    ten_years = Period(datetime.date(2000, 1, 1), datetime.date(2010, 1, 7))

    assert "0001-01-08..0001-01-14" == str(early[0])
    assert "9999-12-20..9999-12-26" == str(late[-1])
    assert (3660, 523) == (ten_years.days, len(anchored_weeks(ten_years)))


def test_TARGET_3_weeks_from_sunday_anchored_on_thursday_belong_to_the_thursdays_month() -> None:
    weeks = anchored_weeks(APRIL, week_start=6)

    assert ("2026-03-29..2026-04-04", "2026-04-26..2026-05-02") == (str(weeks[0]), str(weeks[-1]))


def test_TARGET_3_weekly_plans_pass_on_the_anchor_the_week_start_and_the_unit() -> None:
    weeks = weekly_plan(cny("5000"), APRIL, week_anchor_day=0, week_start=6, unit=1000)
    plan = annual_plan(cny("12000"), FiscalYear(2026), Distribution.even(range(1, 13)))
    plan_weeks = plan.weeks(week_anchor_day=0, week_start=6, unit=1000)

    assert ["2026-04-05..2026-04-11", "2026-04-12..2026-04-18"] == [str(w) for w in weeks][:2]
    assert ["2000", "1000", "1000", "1000"] == amounts(weeks)
    assert ["2026-01-04..2026-01-10", "2026-01-11..2026-01-17"] == [str(w) for w in plan_weeks][:2]
    assert ["1000", "0", "0", "0"] == amounts(plan_weeks)[:4]


def test_TARGET_2_annual_plans_split_in_the_given_unit_at_every_grain() -> None:
    by_number = annual_plan(cny("12000"), FY, dict.fromkeys(range(1, 13), 1), unit=1000)
    by_period = annual_plan(cny("12000"), FY, dict.fromkeys(FY.months(), 1), unit=1000)
    by_quarter = annual_plan(
        cny("10000"), FY, dict.fromkeys(("Q1", "Q2", "Q3", "Q4"), 1), unit=1000
    )

    assert ["1000"] * 12 == amounts(by_number.months)
    assert ["1000"] * 12 == amounts(by_period.months)
    assert ["1000"] * 8 + ["0"] + ["1000"] * 2 + ["0"] == amounts(by_quarter.months)


def test_TARGET_9_TARGET_1_phase_plans_assignments_and_replans_split_in_the_given_unit() -> None:
    phases = phase_plan(cny("10000"), {month(4): 1, month(5): 2}, unit=1000)
    people = assign(cny("10000"), {"a": 1, "b": 2}, unit=1000)
    replanned = replan_remaining(
        {month(3): cny("3000"), month(4): cny("3000"), month(5): cny("3000")},
        {month(3): cny("2000")},
        _day(3, 31),
        unit=1000,
    )

    assert ["3000", "7000"] == amounts(phases)
    assert ["3000", "7000"] == amounts(people)
    assert ["2000", "4000", "3000"] == amounts(replanned)


def test_TARGET_4_each_progress_outcome_gives_its_reason_and_its_rates() -> None:
    zero = progress(cny("0"), cny("5"), APRIL, _day(4, 15), POLICY)
    met = progress(cny("10"), cny("100"), APRIL, _day(4, 10), POLICY)
    missed = progress(cny("100"), cny("50"), APRIL, _day(4, 30), POLICY)
    waiting = progress(cny("100"), cny("0"), APRIL, _day(3, 31), POLICY)
    behind = progress(cny("300"), cny("100"), APRIL, _day(4, 15), POLICY)
    on_track = progress(cny("300"), cny("140"), APRIL, _day(4, 15), POLICY)

    assert (
        Reason("TARGET-4", "target_zero", {"period": APRIL, "actual": cny("5")}),
    ) == zero.reasons
    assert (
        Reason(
            "TARGET-7", "target_met", {"period": APRIL, "target": cny("10"), "actual": cny("100")}
        ),
    ) == met.reasons
    assert ("Rate('10')", Rate("-9.666666666667")) == (repr(met.completion), met.lag)
    assert (
        Reason(
            "TARGET-7",
            "target_missed",
            {"period": APRIL, "target": cny("100"), "actual": cny("50"), "shortfall": cny("50")},
        ),
    ) == missed.reasons
    assert (Rate("0.5"), Rate("0.5"), cny("50")) == (
        missed.completion,
        missed.lag,
        missed.remaining,
    )
    assert (
        Reason(
            "TARGET-4",
            "target_not_started",
            {"period": APRIL, "as_of": _day(3, 31), "target": cny("100")},
        ),
    ) == waiting.reasons
    assert (Rate("0"), Rate("0"), None) == (waiting.completion, waiting.lag, waiting.pace)
    assert (
        Reason(
            "TARGET-4",
            "target_behind_schedule",
            {
                "period": APRIL,
                "as_of": _day(4, 15),
                "target": cny("300"),
                "actual": cny("100"),
                "completion": Rate("0.333333333333"),
                "elapsed": Rate("0.5"),
                "lag": Rate("0.166666666667"),
                "tolerance": Rate("0.05"),
                "pace": cny("200.00"),
            },
        ),
    ) == behind.reasons
    assert Verdict.ALLOWED == on_track.verdict
    assert (
        Reason(
            "TARGET-4",
            "target_on_track",
            {
                "period": APRIL,
                "as_of": _day(4, 15),
                "target": cny("300"),
                "actual": cny("140"),
                "completion": Rate("0.466666666667"),
                "elapsed": Rate("0.5"),
                "lag": Rate("0.033333333333"),
                "tolerance": Rate("0.05"),
                "pace": cny("280.00"),
            },
        ),
    ) == on_track.reasons
    assert (Rate("0.466666666667"), Rate("0.033333333333")) == (on_track.completion, on_track.lag)


def test_X_5_assignment_reasons_name_team_target_assigned_ceiling_excess_and_margin() -> None:
    over = check_assignment(
        cny("300"), {"a": cny("200"), "b": cny("140")}, over_allocation=D("0.1")
    )
    within = check_assignment(
        cny("300"), {"a": cny("200"), "b": cny("110")}, over_allocation=D("0.1")
    )

    assert (
        Reason(
            "TARGET-1",
            "individual_targets_exceed_margin",
            {
                "team_target": cny("300"),
                "assigned": cny("340"),
                "ceiling": cny("330"),
                "excess": cny("10"),
                "margin": Rate("0.1"),
            },
        ),
    ) == over.reasons
    assert (
        Reason(
            "TARGET-1",
            "individual_targets_cover_team_target",
            {"team_target": cny("300"), "assigned": cny("310"), "margin": Rate("0.1")},
        ),
    ) == within.reasons


def test_TARGET_2_TARGET_3_plan_reasons_name_the_node_and_every_amount() -> None:
    check = check_plan(
        {
            month(1): (
                cny("100"),
                {
                    Period(_day(1, 1), _day(1, 30)): cny("60"),
                    Period(_day(2, 1), _day(2, 5)): cny("30"),
                },
            )
        }
    )

    assert (
        Reason(
            "TARGET-2",
            "children_do_not_sum_to_parent",
            {
                "node": (month(1),),
                "amount": cny("100"),
                "children_sum": cny("90"),
                "difference": cny("-10"),
            },
        ),
        Reason(
            "TARGET-3",
            "child_outside_parent",
            {"node": (month(1),), "parent": month(1), "child": Period(_day(2, 1), _day(2, 5))},
        ),
        Reason(
            "TARGET-2",
            "period_not_covered",
            {"node": (month(1),), "gap": Period.day(_day(1, 31))},
        ),
    ) == check.reasons


def test_TARGET_2_single_day_children_cover_their_parent_and_a_last_day_gap_is_reported() -> None:
    days = {Period.day(_day(1, d)): cny("1") for d in (1, 2, 3)}
    covered = check_plan({Period(_day(1, 1), _day(1, 3)): (cny("3"), days)})
    short = check_plan({month(1): (cny("1"), {Period(_day(1, 1), _day(1, 30)): cny("1")})})

    assert ("plan_adds_up",) == tuple(r.code for r in covered.reasons)
    assert (
        Reason(
            "TARGET-2", "period_not_covered", {"node": (month(1),), "gap": Period.day(_day(1, 31))}
        ),
    ) == short.reasons


def test_TARGET_2_a_plan_may_reach_the_last_day_of_the_calendar() -> None:
    last = Period(datetime.date(9999, 12, 1), datetime.date.max)
    halves = {
        Period(datetime.date(9999, 12, 1), datetime.date(9999, 12, 15)): cny("1"),
        Period(datetime.date(9999, 12, 16), datetime.date.max): cny("1"),
    }

    assert ("plan_adds_up",) == tuple(
        r.code for r in check_plan({last: (cny("2"), halves)}).reasons
    )


def test_TARGET_9_overlapping_periods_under_a_named_node_are_reported_without_coverage_checks() -> (
    None
):
    check = check_plan(
        {"project": (cny("2"), {month(1): cny("1"), Period(_day(1, 31), _day(2, 5)): cny("1")})}
    )

    assert (
        Reason(
            "TARGET-3",
            "children_overlap",
            {"node": ("project",), "first": month(1), "second": Period(_day(1, 31), _day(2, 5))},
        ),
    ) == check.reasons


def test_TARGET_5_a_share_may_be_all_or_nothing_of_the_market() -> None:
    assert (Rate("1"), Rate("0")) == (
        market_share(cny("5"), cny("5")),
        market_share(cny("0"), cny("5")),
    )


def test_TARGET_5_TARGET_6_a_target_met_exactly_counts_and_later_periods_are_compared_too() -> None:
    shares = {month(4): D("0.10"), month(5): D("0.12"), month(6): D("0.15")}

    trend = market_share_trend(shares, targets={month(5): D("0.12"), month(6): D("0.16")})

    assert Verdict.NEEDS_APPROVAL == trend.verdict
    assert (
        Reason(
            "TARGET-6",
            "market_share_growing",
            {
                "first": month(4),
                "first_share": Rate("0.10"),
                "last": month(6),
                "last_share": Rate("0.15"),
            },
        ),
        Reason(
            "TARGET-5",
            "market_share_target_met",
            {"period": month(5), "share": Rate("0.12"), "target_share": Rate("0.12")},
        ),
        Reason(
            "TARGET-5",
            "market_share_below_target",
            {"period": month(6), "share": Rate("0.15"), "target_share": Rate("0.16")},
        ),
    ) == trend.reasons


def test_TARGET_5_meeting_every_target_while_growing_needs_nothing() -> None:
    trend = market_share_trend(
        {month(4): D("0.10"), month(5): D("0.12")}, targets={month(5): D("0.12")}
    )

    assert Verdict.ALLOWED == trend.verdict


def test_attrs_type_checks_refuse_bools_for_ints_and_none_unless_optional() -> None:
    field = types.SimpleNamespace(name="nodes")
    strict = _instance_of(int, "an int")
    optional = _instance_of(int, "an int", optional=True)

    strict(None, field, 3)
    optional(None, field, None)
    for check, value, shown in (
        (strict, True, "bool True"),
        (strict, None, "NoneType None"),
        (optional, "3", "str '3'"),
    ):
        with pytest.raises(WrongType) as caught:
            check(None, field, value)
        assert f"nodes: expected an int, got {shown}" == str(caught.value)


def test_TARGET_9_a_child_reaching_the_last_day_of_the_calendar_may_overlap_another() -> None:
    last = Period(datetime.date(9999, 12, 1), datetime.date.max)
    inner = Period(datetime.date(9999, 12, 20), datetime.date(9999, 12, 25))

    check = check_plan({last: (cny("2"), {last: cny("1"), inner: cny("1")})})

    assert (
        Reason("TARGET-3", "children_overlap", {"node": (last,), "first": last, "second": inner}),
    ) == check.reasons
