"""Tests for salesdomain.appraisal (APPR-1..7, ATT-3, INC-2/3, X-6, X-9)."""

from __future__ import annotations

import datetime
import decimal
import itertools
import json
import random
from collections import Counter
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    GENERIC_LADDER,
    CurrencyMismatch,
    Employee,
    FloatNotAllowed,
    InvalidInput,
    Money,
    Period,
    PolicyError,
    Rate,
    Reason,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.appraisal import (
    REASON_CODES,
    Appraisal,
    AppraisalPolicy,
    Bands,
    ForcedDistribution,
    Grade,
    GradeBands,
    Kpi,
    Linear,
    LowerIsBetter,
    Scorecard,
    Scoring,
    Suggestion,
    Veto,
    absenteeism_veto,
    appraisal_period,
    appraise,
    attendance_kpi,
    attendance_penalty_points,
    collection_rate_kpi,
    expense_ratio_kpi,
    measure_ratio,
    new_customers_kpi,
    rank,
    reports_on_time_kpi,
    sales_completion_kpi,
    script_test_passed,
    visits_kpi,
)

D = Decimal

GRADES = GradeBands(
    [
        Grade("A", 90, suggestion=Suggestion.REWARD),
        Grade("B", 75),
        Grade("C", 60),
        Grade("D", 0, suggestion=Suggestion.PENALTY),
    ]
)

SIMPLE = Scorecard([Kpi("sales", 100, Linear(100, cap=120))], grades=GRADES)
"""One KPI whose measurement is its own score (0..120): handy for team tests."""


def _simple(employee: str, score: int | str, *, period: Period | None = None) -> Appraisal:
    return appraise(SIMPLE, {"sales": score}, employee=employee, period=period)


def _seed_card(*, vetoes: tuple[Veto, ...] = ()) -> Scorecard:
    """The seed's indicators with weights 30+20+10+10+10+10+10 = 100."""
    return Scorecard(
        [
            sales_completion_kpi(30, floor=D("0.6"), cap=120),
            collection_rate_kpi(20, floor=D("0.6"), cap=110),
            new_customers_kpi(10, 8),
            visits_kpi(10),
            expense_ratio_kpi(10, target=D("0.05"), ceiling=D("0.15")),
            attendance_kpi(10, ceiling=20),
            reports_on_time_kpi(10),
        ],
        grades=GRADES,
        vetoes=vetoes,
    )


# -- scorecard construction (APPR-2/4) -----------------------------------------------


def test_APPR_4_kpi_weights_60_plus_40_build_a_scorecard() -> None:
    card = Scorecard([Kpi("sales", 60, Linear(1)), Kpi("visits", 40, Linear(20))], grades=GRADES)

    assert (D(60), D(40)) == tuple(kpi.weight for kpi in card.kpis)
    assert card.codes == ("sales", "visits")


def test_APPR_4_kpi_weights_60_plus_30_are_refused_naming_the_sum() -> None:
    with pytest.raises(PolicyError, match=r"weights: must sum to exactly 100.*got Decimal\('90'\)"):
        Scorecard([Kpi("sales", 60, Linear(1)), Kpi("visits", 30, Linear(20))], grades=GRADES)


def test_APPR_4_kpi_weights_over_100_are_refused() -> None:
    with pytest.raises(PolicyError, match=r"weights.*Decimal\('100.01'\)"):
        Scorecard(
            [Kpi("sales", D("60.01"), Linear(1)), Kpi("visits", 40, Linear(20))], grades=GRADES
        )


def test_APPR_4_decimal_weights_that_sum_exactly_to_100_are_accepted() -> None:
    card = Scorecard(
        [
            Kpi("a", D("33.33"), Linear(1)),
            Kpi("b", D("33.33"), Linear(1)),
            Kpi("c", "33.34", Linear(1)),
        ],
        grades=GRADES,
    )

    assert D("33.34") == card.kpi("c").weight


def test_APPR_4_duplicate_kpi_codes_are_refused() -> None:
    with pytest.raises(PolicyError, match=r"kpis\[1\]\.code"):
        Scorecard([Kpi("sales", 50, Linear(1)), Kpi("sales", 50, Linear(1))], grades=GRADES)


def test_APPR_4_an_empty_scorecard_is_refused() -> None:
    with pytest.raises(PolicyError, match="kpis"):
        Scorecard([], grades=GRADES)


def test_APPR_4_a_float_weight_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match="weight"):
        Kpi("sales", 60.0, Linear(1))  # type: ignore[arg-type]


def test_APPR_4_a_zero_weight_is_refused() -> None:
    with pytest.raises(InvalidInput, match="weight"):
        Kpi("sales", 0, Linear(1))


def test_APPR_4_a_scoring_that_is_not_a_curve_is_refused() -> None:
    with pytest.raises(WrongType, match="scoring"):
        Kpi("sales", 100, "linear")  # type: ignore[arg-type]


def test_APPR_4_grades_that_leave_low_totals_without_a_grade_are_refused() -> None:
    grades = GradeBands([Grade("A", 90), Grade("B", 50)])

    with pytest.raises(PolicyError, match=r"grades.*lowest grade must start at or below 0\.00"):
        Scorecard([Kpi("sales", 100, Linear(1))], grades=grades)


def test_APPR_4_grades_are_accepted_when_the_curve_cannot_score_below_them() -> None:
    grades = GradeBands([Grade("A", 90), Grade("B", 50)])
    card = Scorecard([Kpi("calls", 100, Bands([(0, 50), (10, 100)], otherwise=50))], grades=grades)

    assert (D(50), D(100)) == card.bounds


def test_APPR_4_grade_bands_out_of_order_are_refused() -> None:
    with pytest.raises(PolicyError, match=r"grades\[1\]\.minimum"):
        GradeBands([Grade("A", 60), Grade("B", 90)])


def test_APPR_4_duplicate_grade_codes_are_refused() -> None:
    with pytest.raises(PolicyError, match=r"grades\[1\]\.code"):
        GradeBands([Grade("A", 90), Grade("A", 0)])


def test_APPR_4_an_unknown_suggestion_is_refused() -> None:
    with pytest.raises(UnknownEntity, match="suggestion"):
        Grade("A", 90, suggestion="bonus")


def test_APPR_4_a_veto_forcing_an_unknown_grade_is_refused() -> None:
    with pytest.raises(PolicyError, match=r"vetoes\[0\]\.forced_grade"):
        Scorecard([Kpi("sales", 100, Linear(1))], grades=GRADES, vetoes=[Veto("absent", 2, "Z")])


def test_APPR_5_a_kpi_code_not_on_the_scorecard_is_unknown() -> None:
    card = _seed_card()

    assert D(10) == card.kpi("visits").weight
    with pytest.raises(UnknownEntity, match="kpi"):
        card.kpi("golf")


# -- scoring curves ------------------------------------------------------------------


def test_APPR_4_linear_scores_zero_below_60_percent_of_target_and_caps_at_120() -> None:
    curve = Linear(1, floor=D("0.6"), cap=120)

    assert D(0) == curve.score(D("0.5999"))
    assert D(60) == curve.score(D("0.6"))
    assert D(95) == curve.score(D("0.95"))
    assert D(120) == curve.score(D("1.2"))
    assert D(120) == curve.score(D("3"))


def test_APPR_4_linear_defaults_to_plain_attainment_capped_at_100() -> None:
    curve = Linear(8)

    assert (D(75), D(100)) == (curve.score(D(6)), curve.score(D(12)))


def test_APPR_4_linear_cap_below_the_floor_score_is_refused() -> None:
    with pytest.raises(PolicyError, match="cap"):
        Linear(1, floor=D("0.8"), cap=70)


def test_APPR_4_linear_floor_above_one_is_refused() -> None:
    with pytest.raises(InvalidInput, match="floor"):
        Linear(1, floor=60)


def test_APPR_4_bands_include_their_lower_bound() -> None:
    bands = Bands([(10, 60), (15, 80), (20, 100)])

    assert [D(0), D(60), D(60), D(80), D(100)] == [
        bands.score(D(v)) for v in ("9.99", "10", "14.99", "15", "20")
    ]


def test_APPR_4_lower_is_better_bands_include_their_upper_bound() -> None:
    complaints = Bands([(0, 100), (2, 70), (4, 40)], lower_is_better=True)

    assert [D(100), D(70), D(70), D(40), D(0)] == [
        complaints.score(D(v)) for v in ("0", "1", "2", "4", "4.5")
    ]


def test_APPR_4_bands_with_falling_scores_are_refused_when_higher_is_better() -> None:
    with pytest.raises(PolicyError, match=r"steps\[1\]\.score"):
        Bands([(10, 80), (20, 60)])


def test_APPR_4_lower_is_better_bands_with_rising_scores_are_refused() -> None:
    with pytest.raises(PolicyError, match=r"steps\[1\]\.score"):
        Bands([(0, 60), (2, 80)], lower_is_better=True)


def test_APPR_4_bands_otherwise_above_the_outer_band_is_refused() -> None:
    with pytest.raises(PolicyError, match="otherwise"):
        Bands([(10, 60)], otherwise=70)


def test_APPR_4_bands_need_a_step() -> None:
    with pytest.raises(PolicyError, match="steps"):
        Bands([])


def test_APPR_4_lower_is_better_is_100_at_target_and_0_at_the_ceiling() -> None:
    curve = LowerIsBetter(D("0.05"), D("0.15"))

    assert [D(100), D(100), D(75), D(0), D(0)] == [
        curve.score(D(v)) for v in ("0", "0.05", "0.075", "0.15", "0.5")
    ]


def test_APPR_4_lower_is_better_with_ceiling_at_target_is_refused() -> None:
    with pytest.raises(PolicyError, match="ceiling"):
        LowerIsBetter(3, 2)


# -- the seed's indicators -----------------------------------------------------------


def test_COLL_2_collection_rate_is_collected_over_due_in_the_period() -> None:
    rate = measure_ratio(Money("90000"), Money("120000"))

    assert D("0.75") == rate
    assert D(75) == collection_rate_kpi(20).scoring.score(rate)


@pytest.mark.parametrize(
    ("collected", "due", "expected"),
    [("150", "200", D("0.75")), ("1.5", "2.000", D("0.75")), ("0.150", "0.200", D("0.75"))],
    ids=["JPY", "CNY", "KWD"],
)
def test_COLL_2_ratio_of_money_is_the_same_in_0_2_and_3_decimal_currencies(
    collected: str, due: str, expected: Decimal
) -> None:
    currency = {"150": "JPY", "1.5": "CNY", "0.150": "KWD"}[collected]

    assert expected == measure_ratio(Money(collected, currency), Money(due, currency))


def test_COLL_2_ratio_across_currencies_is_refused() -> None:
    with pytest.raises(CurrencyMismatch, match="currency"):
        measure_ratio(Money("1", "CNY"), Money("1", "USD"))


def test_COLL_2_ratio_of_money_to_a_plain_number_is_refused() -> None:
    with pytest.raises(WrongType, match="denominator"):
        measure_ratio(Money("1"), 2)


def test_X_6_ratio_with_nothing_due_is_an_error_not_a_silent_zero() -> None:
    with pytest.raises(InvalidInput, match="denominator"):
        measure_ratio(Money("0"), Money("0"))


def test_X_6_ratio_with_a_negative_numerator_is_refused() -> None:
    with pytest.raises(InvalidInput, match="numerator"):
        measure_ratio(-1, 2)


def test_APPR_6_attendance_penalty_points_sum_count_times_points() -> None:
    points = {"on_time": 0, "late": 1, "late_notified": D("0.5"), "absent_unexcused": 5}

    actual = attendance_penalty_points(
        {"late": 3, "late_notified": 2, "absent_unexcused": 1}, points
    )

    assert D(9) == actual


def test_APPR_6_attendance_status_without_points_is_an_error() -> None:
    with pytest.raises(UnknownEntity, match="counts"):
        attendance_penalty_points({"asleep": 1}, {"late": 1})


def test_APPR_6_negative_attendance_count_is_refused() -> None:
    with pytest.raises(InvalidInput, match="counts"):
        attendance_penalty_points({"late": -1}, {"late": 1})


def test_ATT_3_attendance_kpi_scores_penalty_points_lower_is_better() -> None:
    kpi = attendance_kpi(10, ceiling=20)

    assert (D(100), D(75), D(0)) == tuple(kpi.scoring.score(D(v)) for v in (0, 5, 25))
    assert not kpi.scoring.higher_is_better


def test_APPR_4_seed_indicators_appraise_a_salesperson() -> None:
    card = _seed_card()
    measurements = {
        "sales_completion": measure_ratio(Money("110000"), Money("100000")),  # 110
        "collection_rate": measure_ratio(Money("45000"), Money("50000")),  # 90
        "new_customers": 6,  # 75
        "visits": measure_ratio(18, 20),  # 90
        "expense_ratio": D("0.10"),  # 50
        "attendance": attendance_penalty_points({"late": 2}, {"late": 1}),  # 90
        "reports_on_time": measure_ratio(4, 4),  # 100
    }

    result = appraise(card, measurements, employee="e1")

    # 33 + 18 + 7.5 + 9 + 5 + 9 + 10
    assert D("91.50") == result.total
    assert result.grade == "A"
    assert result.suggestion == Suggestion.REWARD
    assert D("7.5") == result.line("new_customers").contribution


# -- appraise ------------------------------------------------------------------------


def test_APPR_4_missing_measurement_is_an_error_naming_the_kpi() -> None:
    with pytest.raises(InvalidInput, match=r"measurements: no measurement for 'visits'"):
        appraise(
            Scorecard([Kpi("sales", 60, Linear(1)), Kpi("visits", 40, Linear(20))], grades=GRADES),
            {"sales": 1},
            employee="e1",
        )


def test_APPR_6_missing_veto_measurement_is_an_error_naming_it() -> None:
    card = Scorecard([Kpi("sales", 100, Linear(1))], grades=GRADES, vetoes=[absenteeism_veto(2)])

    with pytest.raises(InvalidInput, match="absent_days"):
        appraise(card, {"sales": 1}, employee="e1")


def test_APPR_4_unknown_measurement_code_is_an_error() -> None:
    with pytest.raises(UnknownEntity, match=r"measurements: not on the scorecard: 'golf'"):
        appraise(SIMPLE, {"sales": 80, "golf": 3}, employee="e1")


def test_APPR_4_negative_measurement_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"measurements\['sales'\]"):
        appraise(SIMPLE, {"sales": -1}, employee="e1")


def test_APPR_4_float_measurement_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match=r"measurements\['sales'\]"):
        appraise(SIMPLE, {"sales": 80.5}, employee="e1")  # type: ignore[dict-item]


def test_APPR_4_measurements_must_be_a_mapping() -> None:
    with pytest.raises(WrongType, match="measurements"):
        appraise(SIMPLE, [("sales", 80)], employee="e1")  # type: ignore[arg-type]


def test_APPR_4_employee_may_be_given_as_an_employee() -> None:
    person = Employee("e7", "王五", GENERIC_LADDER.get("salesperson"))

    assert appraise(SIMPLE, {"sales": 80}, employee=person).employee == "e7"


def test_APPR_4_empty_employee_id_is_refused() -> None:
    with pytest.raises(InvalidInput, match="employee"):
        appraise(SIMPLE, {"sales": 80}, employee=" ")


def test_APPR_4_total_is_rounded_half_up_to_cents_before_grading() -> None:
    card = Scorecard([Kpi("sales", 100, Linear(1000, cap=120))], grades=GRADES)

    result = appraise(card, {"sales": D("899.95")}, employee="e1")

    assert D("89.995") == result.exact_total
    assert D("90.00") == result.total
    assert result.grade == "A"


def test_APPR_4_rounding_mode_comes_from_the_policy() -> None:
    card = Scorecard([Kpi("sales", 100, Linear(1000, cap=120))], grades=GRADES)

    result = appraise(
        card, {"sales": D("899.95")}, employee="e1", policy=AppraisalPolicy(rounding=ROUND_DOWN)
    )

    assert (D("89.99"), "B") == (result.total, result.grade)


def test_APPR_4_grade_bands_include_their_lower_bound() -> None:
    assert [GRADES.grade_for(t).code for t in ("90", "89.99", "75", "74.994", "0")] == [
        "A",
        "B",
        "B",
        "C",
        "D",
    ]


def test_APPR_4_grade_for_a_total_below_every_band_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="total"):
        GradeBands([Grade("A", 50)]).grade_for(10)


def test_APPR_4_appraisal_reasons_give_each_kpi_then_the_total() -> None:
    card = Scorecard([Kpi("sales", 60, Linear(1)), Kpi("visits", 40, Linear(20))], grades=GRADES)

    result = appraise(card, {"sales": D("0.8"), "visits": 20}, employee="e1")

    assert (
        Reason(
            "APPR-4",
            "kpi_scored",
            {
                "kpi": "sales",
                "weight": D(60),
                "raw": D("0.8"),
                "score": D(80),
                "contribution": D(48),
            },
        )
        == result.reasons[0]
    )
    assert (
        Reason("APPR-4", "total_graded", {"total": D(88), "grade": "B", "minimum": D(75)})
        == (result.reasons[2])
    )
    assert result.verdict == Verdict.ALLOWED


def test_APPR_4_appraisal_records_its_period() -> None:
    period = Period.month(2026, 3)

    assert period == _simple("e1", 80, period=period).period


def test_APPR_4_appraisal_to_dict_is_json_ready() -> None:
    card = _seed_card(vetoes=(absenteeism_veto(2),))
    measurements = dict.fromkeys(card.codes, D(1)) | {"absent_days": 3}

    data = appraise(card, measurements, employee="e1", period=Period.month(2026, 3)).to_dict()

    assert data["grade"] == "D"
    assert data["suggestion"] == "penalty"
    assert json.loads(json.dumps(data)) == data


def test_APPR_4_the_callers_decimal_context_does_not_change_the_result() -> None:
    card = _seed_card()
    measurements = dict.fromkeys(card.codes, D("0.777"))
    expected = appraise(card, measurements, employee="e1")

    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        actual = appraise(card, measurements, employee="e1")

    assert expected == actual


# -- vetoes (一票否决) ----------------------------------------------------------------


def _veto_card(*vetoes: Veto) -> Scorecard:
    return Scorecard([Kpi("sales", 100, Linear(100, cap=120))], grades=GRADES, vetoes=vetoes)


def test_APPR_6_more_than_n_days_of_absenteeism_forces_the_lowest_grade() -> None:
    result = appraise(
        _veto_card(absenteeism_veto(2)), {"sales": 110, "absent_days": 3}, employee="e1"
    )

    assert (result.grade_by_total, result.grade, result.vetoed) == ("A", "D", ("absent_days",))
    assert D("110.00") == result.total
    assert (
        Reason(
            "APPR-6",
            "veto_triggered",
            {"measure": "absent_days", "value": D(3), "max_allowed": D(2), "forced_grade": "D"},
        )
        in result.reasons
    )
    assert result.suggestion == Suggestion.PENALTY


def test_APPR_6_exactly_n_days_of_absenteeism_does_not_trigger_the_veto() -> None:
    result = appraise(
        _veto_card(absenteeism_veto(2)), {"sales": 110, "absent_days": 2}, employee="e1"
    )

    assert (result.grade, result.vetoed) == ("A", ())


def test_APPR_4_a_veto_never_improves_a_grade() -> None:
    result = appraise(
        _veto_card(Veto("complaints", 0, "C")), {"sales": 10, "complaints": 1}, employee="e1"
    )

    assert (result.grade, result.vetoed) == ("D", ("complaints",))


def test_APPR_4_the_worst_triggered_veto_wins() -> None:
    card = _veto_card(Veto("complaints", 0, "B"), Veto("absent_days", 1, "C"))

    result = appraise(card, {"sales": 100, "complaints": 2, "absent_days": 2}, employee="e1")

    assert (result.grade, result.vetoed) == ("C", ("complaints", "absent_days"))


def test_APPR_4_a_veto_may_read_a_kpis_own_measurement() -> None:
    card = Scorecard(
        [Kpi("sales", 80, Linear(100, cap=120)), attendance_kpi(20, ceiling=20)],
        grades=GRADES,
        vetoes=[Veto("attendance", 15)],
    )

    result = appraise(card, {"sales": 120, "attendance": 16}, employee="e1")

    assert (result.grade_by_total, result.grade) == ("A", "D")


def test_APPR_4_a_negative_veto_limit_is_refused() -> None:
    with pytest.raises(InvalidInput, match="max_allowed"):
        Veto("absent_days", -1)


def test_APPR_4_a_veto_with_a_malformed_rule_id_is_refused() -> None:
    with pytest.raises(InvalidInput, match="rule"):
        Veto("absent_days", 1, rule="appr6")


# -- suggestions (INC-2 / INC-3) -----------------------------------------------------


def test_INC_2_the_manager_proposes_the_grades_reward_for_the_company_to_decide() -> None:
    result = _simple("e1", 95)

    assert (
        Reason(
            "INC-2",
            "reward_penalty_proposed",
            {"employee": "e1", "grade": "A", "suggestion": "reward"},
        )
        == result.reasons[-1]
    )


def test_INC_3_hotel_manager_applies_the_same_suggestion_only_the_wording_differs() -> None:
    hotel = AppraisalPolicy(manager_decides_rewards=True)

    proposed = appraise(SIMPLE, {"sales": 10}, employee="e1")
    applied = appraise(SIMPLE, {"sales": 10}, employee="e1", policy=hotel)

    assert (
        Reason(
            "INC-3",
            "reward_penalty_for_manager_to_apply",
            {"employee": "e1", "grade": "D", "suggestion": "penalty"},
        )
        == applied.reasons[-1]
    )
    assert proposed.suggestion == applied.suggestion
    assert proposed.reasons[:-1] == applied.reasons[:-1]
    assert proposed.verdict == applied.verdict


def test_INC_2_a_grade_without_reward_or_penalty_says_so() -> None:
    result = _simple("e1", 80)

    assert (
        Reason("INC-2", "no_reward_or_penalty", {"employee": "e1", "grade": "B"})
        == (result.reasons[-1])
    )
    assert result.suggestion == Suggestion.NONE


def test_INC_3_manager_decides_rewards_must_be_a_bool() -> None:
    with pytest.raises(WrongType, match="manager_decides_rewards"):
        AppraisalPolicy(manager_decides_rewards="yes")


def test_APPR_7_a_negative_script_test_pass_mark_is_refused() -> None:
    with pytest.raises(InvalidInput, match="script_test_pass_mark"):
        AppraisalPolicy(script_test_pass_mark=-1)


# -- ranking (APPR-4) ------------------------------------------------------------------


def test_APPR_4_same_total_shares_a_rank_and_the_ranking_says_so() -> None:
    team = [_simple("e3", 80), _simple("e1", 95), _simple("e2", 95), _simple("e4", 70)]

    ranking = rank(team)

    assert [(e.employee, e.rank) for e in ranking.entries] == [
        ("e1", 1),
        ("e2", 1),
        ("e3", 3),
        ("e4", 4),
    ]
    assert ranking.entry("e1").tied_with == ("e2",)
    assert (
        Reason(
            "APPR-4",
            "rank_shared",
            {"rank": 1, "employees": ("e1", "e2"), "grade": "A", "total": D("95.00")},
        )
        in ranking.reasons
    )


def test_APPR_4_a_vetoed_appraisal_ranks_by_its_forced_grade() -> None:
    card = _veto_card(absenteeism_veto(2))
    team = [
        appraise(card, {"sales": 110, "absent_days": 5}, employee="e1"),
        appraise(card, {"sales": 65, "absent_days": 0}, employee="e2"),
    ]

    ranking = rank(team)

    assert [(e.employee, e.grade) for e in ranking.entries] == [("e2", "C"), ("e1", "D")]


def test_APPR_4_at_most_20_percent_A_moves_the_rest_down_in_rank_order() -> None:
    scores = {"e01": 99, "e02": 97, "e03": 95, "e04": 91, "e05": 80}
    scores |= {f"e{i:02d}": 70 for i in range(6, 11)}
    team = [_simple(e, s) for e, s in scores.items()]

    ranking = rank(team, ForcedDistribution({"A": D("0.2")}))

    finals = ranking.final_grades()
    assert [finals[e] for e in ("e01", "e02", "e03", "e04", "e05")] == ["A", "A", "B", "B", "B"]
    assert ranking.quotas == (("A", 2),)
    assert (
        Reason(
            "APPR-4",
            "moved_down_by_forced_distribution",
            {"employee": "e03", "rank": 3, "from_grade": "A", "to_grade": "B"},
        )
        in ranking.reasons
    )
    assert (
        Reason(
            "APPR-4",
            "forced_distribution_quota",
            {"grade": "A", "share": Rate("0.2"), "quota": 2, "team_size": 10},
        )
        in ranking.reasons
    )


def test_APPR_4_quota_is_floor_of_team_size_times_share() -> None:
    team = [_simple(f"e{i}", 95) for i in range(4)]

    ranking = rank(team, ForcedDistribution({"A": D("0.2")}))

    assert ranking.quotas == (("A", 0),)
    assert {"B"} == set(ranking.final_grades().values())


def test_APPR_4_moved_down_people_skip_every_full_grade() -> None:
    team = [_simple(f"e{i}", 95) for i in range(10)]

    ranking = rank(team, ForcedDistribution({"A": D("0.1"), "B": D("0.2"), "C": D("0.3")}))

    assert Counter(ranking.final_grades().values()) == {"A": 1, "B": 2, "C": 3, "D": 4}


def test_APPR_4_a_quota_cut_inside_a_tie_is_broken_by_employee_id_and_stated() -> None:
    team = [_simple("e9", 95), _simple("e2", 95), _simple("e5", 95), _simple("e1", 70)]

    ranking = rank(team, ForcedDistribution({"A": D("0.5")}))

    assert ranking.final_grades() == {"e2": "A", "e5": "A", "e9": "B", "e1": "C"}
    assert (
        Reason(
            "APPR-4",
            "quota_tie_broken_by_employee_id",
            {"rank": 1, "employees": ("e2", "e5", "e9"), "final_grades": ("A", "A", "B")},
        )
        in ranking.reasons
    )


def test_APPR_4_capping_the_lowest_grade_is_refused() -> None:
    with pytest.raises(PolicyError, match="forced_distribution"):
        rank([_simple("e1", 10)], ForcedDistribution({"D": D("0.5")}))


def test_APPR_4_capping_an_unknown_grade_is_refused() -> None:
    with pytest.raises(UnknownEntity, match="forced_distribution"):
        rank([_simple("e1", 10)], ForcedDistribution({"S": D("0.1")}))


def test_APPR_4_a_forced_distribution_share_above_one_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"caps\['A'\]"):
        ForcedDistribution({"A": 20})


def test_APPR_4_an_empty_forced_distribution_is_refused() -> None:
    with pytest.raises(PolicyError, match="caps"):
        ForcedDistribution({})


def test_APPR_4_the_same_employee_twice_is_refused() -> None:
    with pytest.raises(InvalidInput, match="appraisals"):
        rank([_simple("e1", 10), _simple("e1", 20)])


def test_APPR_4_appraisals_of_different_periods_are_not_ranked_together() -> None:
    with pytest.raises(InvalidInput, match="period"):
        rank(
            [
                _simple("e1", 10, period=Period.month(2026, 3)),
                _simple("e2", 20, period=Period.month(2026, 4)),
            ]
        )


def test_APPR_4_appraisals_of_different_grade_scales_are_not_ranked_together() -> None:
    other = Scorecard([Kpi("sales", 100, Linear(1))], grades=GradeBands([Grade("P", 0)]))

    with pytest.raises(InvalidInput, match="grades"):
        rank([_simple("e1", 10), appraise(other, {"sales": 1}, employee="e2")])


def test_APPR_4_an_empty_team_ranks_to_no_entries() -> None:
    assert rank([], ForcedDistribution({"A": D("0.2")})).entries == ()


# -- APPR-3 and APPR-7 ---------------------------------------------------------------


def test_APPR_3_the_current_month_is_appraised_by_default() -> None:
    assert Period.month(2026, 2) == appraisal_period(datetime.date(2026, 2, 28))


def test_X_9_offset_minus_one_appraises_the_previous_month_across_the_year() -> None:
    assert Period.month(2025, 12) == appraisal_period(datetime.date(2026, 1, 30), offset=-1)


def test_APPR_3_a_datetime_as_of_is_refused() -> None:
    with pytest.raises(WrongType, match="as_of"):
        appraisal_period(datetime.datetime(2026, 1, 30))  # type: ignore[arg-type]


def test_APPR_3_an_absurd_offset_is_refused() -> None:
    with pytest.raises(InvalidInput, match="offset"):
        appraisal_period(datetime.date(2026, 1, 30), offset=10**6)


def test_APPR_7_a_script_test_passes_at_the_pass_mark() -> None:
    assert [
        script_test_passed(80, 80),
        script_test_passed(D("79.9"), 80),
        script_test_passed(9, 6, max_score=10),
    ] == [True, False, True]


def test_APPR_7_a_script_test_score_above_the_maximum_is_refused() -> None:
    with pytest.raises(InvalidInput, match="score"):
        script_test_passed(11, 6, max_score=10)


def test_APPR_7_a_pass_mark_outside_the_range_is_refused() -> None:
    with pytest.raises(InvalidInput, match="pass_mark"):
        script_test_passed(50, -1)


# -- reason codes --------------------------------------------------------------------


def test_every_reason_code_emitted_is_declared_and_every_declared_code_is_emitted() -> None:
    card = _veto_card(absenteeism_veto(2))
    team = [
        appraise(card, {"sales": 95, "absent_days": 0}, employee="e1"),
        appraise(card, {"sales": 95, "absent_days": 0}, employee="e2"),
        appraise(card, {"sales": 80, "absent_days": 3}, employee="e3"),
        appraise(card, {"sales": 80, "absent_days": 0}, employee="e4"),
    ]
    hotel = appraise(
        card,
        {"sales": 10, "absent_days": 0},
        employee="e5",
        policy=AppraisalPolicy(manager_decides_rewards=True),
    )
    ranking = rank(team, ForcedDistribution({"A": D("0.25")}))

    emitted = {r.code for r in (*ranking.reasons, *hotel.reasons)}
    emitted |= {r.code for a in team for r in a.reasons}

    assert emitted == REASON_CODES


# -- hypothesis properties -----------------------------------------------------------

measures = st.integers(min_value=0, max_value=10**8).map(lambda n: Decimal(n).scaleb(-3))


@st.composite
def curves(draw: st.DrawFn) -> Scoring:
    kind = draw(st.sampled_from(["linear", "bands", "lower_bands", "lower"]))
    if kind == "linear":
        floor = Decimal(draw(st.integers(0, 100))).scaleb(-2)
        cap = floor * 100 + draw(st.integers(1, 100))
        target = Decimal(draw(st.integers(1, 10**6))).scaleb(-2)
        return Linear(target, floor=floor, cap=cap)
    if kind in ("bands", "lower_bands"):
        thresholds = sorted(
            draw(st.lists(st.integers(0, 10**5), min_size=1, max_size=5, unique=True))
        )
        scores = sorted(
            draw(st.lists(st.integers(0, 150), min_size=len(thresholds), max_size=len(thresholds)))
        )
        if kind == "lower_bands":
            scores.reverse()
        otherwise = draw(st.integers(0, scores[-1] if kind == "lower_bands" else scores[0]))
        return Bands(
            list(zip(thresholds, scores, strict=True)),
            otherwise=otherwise,
            lower_is_better=kind == "lower_bands",
        )
    target = Decimal(draw(st.integers(0, 10**6))).scaleb(-3)
    span = Decimal(draw(st.integers(1, 10**6))).scaleb(-3)
    return LowerIsBetter(target, target + span)


@st.composite
def scorecards(draw: st.DrawFn) -> Scorecard:
    count = draw(st.integers(1, 6))
    cuts = sorted(
        draw(st.lists(st.integers(1, 9999), min_size=count - 1, max_size=count - 1, unique=True))
    )
    bounds = [0, *cuts, 10000]
    weights = [Decimal(b - a).scaleb(-2) for a, b in itertools.pairwise(bounds)]
    kpis = [Kpi(f"k{i}", w, draw(curves())) for i, w in enumerate(weights)]
    return Scorecard(kpis, grades=GRADES)


@st.composite
def cards_with_measurements(draw: st.DrawFn) -> tuple[Scorecard, dict[str, Decimal]]:
    card = draw(scorecards())
    return card, {code: draw(measures) for code in card.codes}


@given(cards_with_measurements())
def test_APPR_4_total_always_lies_within_the_scorecards_bounds(
    case: tuple[Scorecard, dict[str, Decimal]],
) -> None:
    card, measurements = case

    result = appraise(card, measurements, employee="e1")

    low, high = card.bounds
    assert low <= result.exact_total <= high
    assert low.quantize(D("0.01"), ROUND_HALF_UP) <= result.total
    assert result.total <= high.quantize(D("0.01"), ROUND_HALF_UP)
    assert result.exact_total.quantize(D("0.01"), ROUND_HALF_UP) == result.total
    assert GRADES.grade_for(result.total).code == result.grade


@given(cards_with_measurements(), st.data())
def test_APPR_4_total_never_falls_when_a_kpi_improves(
    case: tuple[Scorecard, dict[str, Decimal]], data: st.DataObject
) -> None:
    card, measurements = case
    kpi = data.draw(st.sampled_from(card.kpis))
    step = data.draw(measures)
    old = measurements[kpi.code]
    better = old + step if kpi.scoring.higher_is_better else max(old - step, D(0))

    before = appraise(card, measurements, employee="e1")
    after = appraise(card, measurements | {kpi.code: better}, employee="e1")

    assert before.exact_total <= after.exact_total
    assert before.total <= after.total
    assert GRADES.codes.index(after.grade) <= GRADES.codes.index(before.grade)


@given(cards_with_measurements())
def test_APPR_4_contributions_add_up_to_the_exact_total(
    case: tuple[Scorecard, dict[str, Decimal]],
) -> None:
    card, measurements = case

    result = appraise(card, measurements, employee="e1")

    assert sum((line.contribution for line in result.lines), D(0)) == pytest.approx(
        result.exact_total, abs=D("1e-20")
    )
    assert all(
        kpi.scoring.min_score <= line.score <= kpi.scoring.max_score
        for kpi, line in zip(card.kpis, result.lines, strict=True)
    )


teams = st.lists(st.integers(0, 120), min_size=0, max_size=25).map(
    lambda scores: [_simple(f"e{i:02d}", s) for i, s in enumerate(scores)]
)
shares = st.integers(0, 20).map(lambda n: Decimal(n) * D("0.05"))
distributions = (
    st.fixed_dictionaries({}, optional={"A": shares, "B": shares, "C": shares})
    .filter(bool)
    .map(ForcedDistribution)
)


@given(teams, distributions)
def test_APPR_4_forced_distribution_never_exceeds_its_quotas(
    team: list[Appraisal], distribution: ForcedDistribution
) -> None:
    ranking = rank(team, distribution)

    counts = Counter(entry.final_grade for entry in ranking.entries)
    for grade, share in distribution.caps:
        assert counts[grade] <= int(len(team) * share)
    assert len(team) == len(ranking.entries)


@given(teams, distributions)
def test_APPR_4_forced_distribution_only_moves_down_and_keeps_rank_order(
    team: list[Appraisal], distribution: ForcedDistribution
) -> None:
    ranking = rank(team, distribution)
    position = {code: i for i, code in enumerate(GRADES.codes)}
    quotas = dict(ranking.quotas)

    finals = [position[entry.final_grade] for entry in ranking.entries]
    assert finals == sorted(finals)
    for entry in ranking.entries:
        assert position[entry.grade] <= position[entry.final_grade]
        if entry.moved_down:
            # Moved only because the own grade's quota was already full.
            kept = sum(1 for e in ranking.entries if e.final_grade == entry.grade)
            assert quotas[entry.grade] == kept


@given(teams, st.one_of(st.none(), distributions), st.randoms(use_true_random=False))
def test_APPR_4_ranking_is_the_same_for_any_input_order(
    team: list[Appraisal], distribution: ForcedDistribution | None, rnd: random.Random
) -> None:
    shuffled = list(team)
    rnd.shuffle(shuffled)

    assert rank(team, distribution) == rank(shuffled, distribution)


@given(teams)
def test_APPR_4_equal_totals_always_share_a_rank(team: list[Appraisal]) -> None:
    ranking = rank(team)

    for a in ranking.entries:
        for b in ranking.entries:
            same = (a.grade, a.total) == (b.grade, b.total)
            assert same == (a.rank == b.rank)
            assert (same and a is not b) == (b.employee in a.tied_with)


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value in words a user can act on: the messages
# are asserted whole, so a changed field name, value or wording fails here.


BAD_APPRAISAL_INPUTS = [
    pytest.param(
        lambda: Linear(0),
        InvalidInput,
        "target: must be greater than zero, got 0",
        id="linear_target_zero",
    ),
    pytest.param(
        lambda: Linear(1.0),
        FloatNotAllowed,
        "target: expected a Decimal, int or str (floats are inexact: write Decimal('1.0') or '1.0'), got float 1.0",
        id="linear_target_float",
    ),
    pytest.param(
        lambda: Linear(1, floor=D("1.5")),
        InvalidInput,
        "floor: expected a rate (a fraction) between 0 and 1, got Decimal('1.5')",
        id="linear_floor_above_one",
    ),
    pytest.param(
        lambda: Linear(1, cap=0),
        InvalidInput,
        "cap: must be greater than zero, got 0",
        id="linear_cap_zero",
    ),
    pytest.param(
        lambda: Linear(1, floor=D("0.6"), cap=50),
        PolicyError,
        "cap: must be at least the floor's score 60.0, got Decimal('50')",
        id="linear_cap_below_floor",
    ),
    pytest.param(
        lambda: Linear(1).score(D("-1")),
        InvalidInput,
        "actual: must not be negative, got Decimal('-1')",
        id="linear_actual_negative",
    ),
    pytest.param(
        lambda: Bands("10:60"),
        WrongType,
        "steps: expected a sequence, got str '10:60'",
        id="steps_wrong_type",
    ),
    pytest.param(
        lambda: Bands(5),
        WrongType,
        "steps: expected a sequence, got int 5",
        id="steps_not_iterable",
    ),
    pytest.param(
        lambda: Bands([]),
        PolicyError,
        "steps: needs at least one (threshold, score) step, got []",
        id="steps_empty",
    ),
    pytest.param(
        lambda: Bands({}),
        PolicyError,
        "steps: needs at least one (threshold, score) step, got ()",
        id="steps_empty_mapping",
    ),
    pytest.param(
        lambda: Bands([(10, 60, 1)]),
        WrongType,
        "steps[0]: expected a (threshold, score) pair, got tuple (10, 60, 1)",
        id="steps_item_not_pair",
    ),
    pytest.param(
        lambda: Bands([(-1, 60)]),
        InvalidInput,
        "steps[0].threshold: must not be negative, got -1",
        id="steps_threshold_negative",
    ),
    pytest.param(
        lambda: Bands([(10, -60)]),
        InvalidInput,
        "steps[0].score: must not be negative, got -60",
        id="steps_score_negative",
    ),
    pytest.param(
        lambda: Bands([(10, 80), (10, 100)]),
        PolicyError,
        "steps[1].threshold: must be above the previous threshold 10, got Decimal('10')",
        id="steps_not_ascending",
    ),
    pytest.param(
        lambda: Bands([(10, 80), (20, 70)]),
        PolicyError,
        "steps[1].score: must not fall (previous 80), got Decimal('70')",
        id="steps_score_falls",
    ),
    pytest.param(
        lambda: Bands([(0, 70), (2, 80)], lower_is_better=True),
        PolicyError,
        "steps[1].score: must not rise (previous 70), got Decimal('80')",
        id="steps_score_rises_lower_is_better",
    ),
    pytest.param(
        lambda: Bands([(10, 60)], otherwise=70),
        PolicyError,
        "otherwise: must not be above the outermost band's score 60, got Decimal('70')",
        id="bands_otherwise_above_first",
    ),
    pytest.param(
        lambda: Bands([(0, 100), (2, 70)], otherwise=80, lower_is_better=True),
        PolicyError,
        "otherwise: must not be above the outermost band's score 70, got Decimal('80')",
        id="bands_otherwise_above_last_lower_is_better",
    ),
    pytest.param(
        lambda: Bands([(10, 60)], otherwise=-1),
        InvalidInput,
        "otherwise: must not be negative, got -1",
        id="bands_otherwise_negative",
    ),
    pytest.param(
        lambda: Bands([(10, 60)], lower_is_better=1),
        WrongType,
        "lower_is_better: expected a bool, got int 1",
        id="bands_flag_not_bool",
    ),
    pytest.param(
        lambda: Bands([(10, 60)]).score(D("-1")),
        InvalidInput,
        "actual: must not be negative, got Decimal('-1')",
        id="bands_actual_negative",
    ),
    pytest.param(
        lambda: LowerIsBetter(-1, 5),
        InvalidInput,
        "target: must not be negative, got -1",
        id="lower_target_negative",
    ),
    pytest.param(
        lambda: LowerIsBetter(0, -5),
        InvalidInput,
        "ceiling: must not be negative, got -5",
        id="lower_ceiling_negative",
    ),
    pytest.param(
        lambda: LowerIsBetter(5, 4),
        PolicyError,
        "ceiling: must be above the target 5, got Decimal('4')",
        id="lower_ceiling_not_above",
    ),
    pytest.param(
        lambda: LowerIsBetter(0, 5).score(-1),
        InvalidInput,
        "actual: must not be negative, got -1",
        id="lower_actual_negative",
    ),
    pytest.param(
        lambda: Kpi("", 50, Linear(1)),
        InvalidInput,
        "code: must not be empty, got ''",
        id="kpi_code_empty",
    ),
    pytest.param(
        lambda: Kpi("sales", 0, Linear(1)),
        InvalidInput,
        "weight: must be above 0 and at most 100 percentage points, got 0",
        id="kpi_weight_zero",
    ),
    pytest.param(
        lambda: Kpi("sales", D("100.5"), Linear(1)),
        InvalidInput,
        "weight: must be above 0 and at most 100 percentage points, got Decimal('100.5')",
        id="kpi_weight_above_100",
    ),
    pytest.param(
        lambda: Kpi("sales", 50.0, Linear(1)),
        FloatNotAllowed,
        "weight: expected a Decimal, int or str (floats are inexact: write Decimal('50.0') or '50.0'), got float 50.0",
        id="kpi_weight_float",
    ),
    pytest.param(
        lambda: Kpi("sales", 50, "linear"),
        WrongType,
        "scoring: expected a Linear, Bands or LowerIsBetter curve, got str 'linear'",
        id="kpi_scoring_wrong_type",
    ),
    pytest.param(
        lambda: Veto(" ", 2),
        InvalidInput,
        "measure_code: must not be empty, got ' '",
        id="veto_code_empty",
    ),
    pytest.param(
        lambda: Veto("absent_days", -1),
        InvalidInput,
        "max_allowed: must not be negative, got -1",
        id="veto_max_negative",
    ),
    pytest.param(
        lambda: Veto("absent_days", 2, ""),
        InvalidInput,
        "forced_grade: must not be empty, got ''",
        id="veto_forced_grade_empty",
    ),
    pytest.param(
        lambda: Veto("absent_days", 2, rule="appr-6"),
        InvalidInput,
        "rule: expected a rule ID such as 'PRICE-4', got 'appr-6'",
        id="veto_rule_bad",
    ),
    pytest.param(
        lambda: Grade("", 90),
        InvalidInput,
        "code: must not be empty, got ''",
        id="grade_code_empty",
    ),
    pytest.param(
        lambda: Grade("A", -1),
        InvalidInput,
        "minimum: must not be negative, got -1",
        id="grade_minimum_negative",
    ),
    pytest.param(
        lambda: Grade("A", 90, suggestion="bonus"),
        UnknownEntity,
        "suggestion: expected 'reward', 'none' or 'penalty', got 'bonus'",
        id="grade_suggestion_unknown",
    ),
    pytest.param(
        lambda: Grade("A", 90, suggestion=1),
        WrongType,
        "suggestion: expected a Suggestion, got int 1",
        id="grade_suggestion_wrong_type",
    ),
    pytest.param(
        lambda: GradeBands("A"),
        WrongType,
        "grades: expected a sequence, got str 'A'",
        id="grades_wrong_type",
    ),
    pytest.param(
        lambda: GradeBands([]),
        PolicyError,
        "grades: needs at least one grade, got []",
        id="grades_empty",
    ),
    pytest.param(
        lambda: GradeBands([Grade("A", 90), "B"]),
        WrongType,
        "grades[1]: expected a Grade, got str 'B'",
        id="grades_item_wrong_type",
    ),
    pytest.param(
        lambda: GradeBands([Grade("A", 90), Grade("A", 0)]),
        PolicyError,
        "grades[1].code: duplicate grade code, got 'A'",
        id="grades_duplicate_code",
    ),
    pytest.param(
        lambda: GradeBands([Grade("A", 70), Grade("B", 70)]),
        PolicyError,
        "grades[1].minimum: grades go best first, each starting strictly below the one before, got Decimal('70')",
        id="grades_not_falling",
    ),
    pytest.param(
        lambda: GRADES.get("E"),
        UnknownEntity,
        "grade: is not one of the grades ['A', 'B', 'C', 'D'], got 'E'",
        id="grades_get_unknown",
    ),
    pytest.param(
        lambda: GradeBands([Grade("A", 90), Grade("B", 50)]).grade_for(D("49.994")),
        InvalidInput,
        "total: is below the lowest grade's minimum 50, got Decimal('49.99')",
        id="grade_for_below_lowest",
    ),
    pytest.param(
        lambda: GRADES.grade_for(50, rounding="UP"),
        InvalidInput,
        "rounding: expected one of decimal's ROUND_* modes, got 'UP'",
        id="grade_for_bad_rounding",
    ),
    pytest.param(
        lambda: GRADES.grade_for(50.0),
        FloatNotAllowed,
        "total: expected a Decimal, int or str (floats are inexact: write Decimal('50.0') or '50.0'), got float 50.0",
        id="grade_for_float",
    ),
    pytest.param(
        lambda: Scorecard("sales", grades=GRADES),
        WrongType,
        "kpis: expected a sequence, got str 'sales'",
        id="kpis_wrong_type",
    ),
    pytest.param(
        lambda: Scorecard([], grades=GRADES),
        PolicyError,
        "kpis: a scorecard needs at least one KPI, got []",
        id="kpis_empty",
    ),
    pytest.param(
        lambda: Scorecard([Kpi("sales", 50, Linear(1)), "visits"], grades=GRADES),
        WrongType,
        "kpis[1]: expected a Kpi, got str 'visits'",
        id="kpis_item_wrong_type",
    ),
    pytest.param(
        lambda: Scorecard(
            [Kpi("sales", 50, Linear(1)), Kpi("sales", 50, Linear(1))], grades=GRADES
        ),
        PolicyError,
        "kpis[1].code: duplicate KPI code, got 'sales'",
        id="kpis_duplicate_code",
    ),
    pytest.param(
        lambda: Scorecard(
            [Kpi("sales", 100, Linear(1))], grades=GRADES, vetoes=Veto("absent_days", 2)
        ),
        WrongType,
        "vetoes: expected a sequence, got Veto Veto(measure_code='absent_days', max_allowed=Decimal('2'), forced_grade=None,...",
        id="vetoes_wrong_type",
    ),
    pytest.param(
        lambda: Scorecard(
            [Kpi("sales", 100, Linear(1))], grades=GRADES, vetoes=[Veto("absent_days", 2), "late"]
        ),
        WrongType,
        "vetoes[1]: expected a Veto, got str 'late'",
        id="vetoes_item_wrong_type",
    ),
    pytest.param(
        lambda: Scorecard([Kpi("sales", 100, Linear(1))], grades=[Grade("A", 0)]),
        WrongType,
        "grades: expected a GradeBands, got list [Grade(code='A', minimum=Decimal('0'), suggestion=<Suggestion.NONE: 'none'>)]",
        id="scorecard_grades_wrong_type",
    ),
    pytest.param(
        lambda: Scorecard(
            [Kpi("sales", 60, Linear(1)), Kpi("visits", D("39.9"), Linear(1))], grades=GRADES
        ),
        PolicyError,
        "weights: must sum to exactly 100 percentage points (sales 60 + visits 39.9), got Decimal('99.9')",
        id="scorecard_weights_short",
    ),
    pytest.param(
        lambda: Scorecard(
            [Kpi("sales", 100, Linear(1))], grades=GRADES, vetoes=[Veto("absent_days", 2, "E")]
        ),
        PolicyError,
        "vetoes[0].forced_grade: is not one of the grades ['A', 'B', 'C', 'D'], got 'E'",
        id="scorecard_veto_grade_unknown",
    ),
    pytest.param(
        lambda: Scorecard(
            [Kpi("sales", 60, Linear(1)), Kpi("visits", 40, Bands([(1, 100)], otherwise=50))],
            grades=GradeBands([Grade("A", 90), Grade("B", D("20.01"))]),
        ),
        PolicyError,
        "grades: the lowest grade must start at or below 20.00, the lowest total this scorecard can give, got Decimal('20.01')",
        id="scorecard_lowest_grade_too_high",
    ),
    pytest.param(
        lambda: SIMPLE.kpi("golf"),
        UnknownEntity,
        "kpi: is not on the scorecard ['sales'], got 'golf'",
        id="scorecard_kpi_unknown",
    ),
    pytest.param(
        lambda: AppraisalPolicy(manager_decides_rewards="yes"),
        WrongType,
        "manager_decides_rewards: expected a bool, got str 'yes'",
        id="policy_flag_not_bool",
    ),
    pytest.param(
        lambda: AppraisalPolicy(rounding="ROUND_SIDEWAYS"),
        InvalidInput,
        "rounding: expected one of decimal's ROUND_* modes, got 'ROUND_SIDEWAYS'",
        id="policy_rounding_unknown",
    ),
    pytest.param(
        lambda: AppraisalPolicy(script_test_pass_mark=-1),
        InvalidInput,
        "script_test_pass_mark: must not be negative, got -1",
        id="policy_pass_mark_negative",
    ),
    pytest.param(
        lambda: _simple("e1", 80).line("visits"),
        UnknownEntity,
        "kpi: is not on this appraisal, got 'visits'",
        id="appraisal_line_unknown",
    ),
    pytest.param(
        lambda: appraise("card", {"sales": 1}, employee="e1"),
        WrongType,
        "scorecard: expected a Scorecard, got str 'card'",
        id="appraise_scorecard_wrong_type",
    ),
    pytest.param(
        lambda: appraise(SIMPLE, {"sales": 1}, employee="e1", policy="generic"),
        WrongType,
        "policy: expected an AppraisalPolicy, got str 'generic'",
        id="appraise_policy_wrong_type",
    ),
    pytest.param(
        lambda: appraise(SIMPLE, {"sales": 1}, employee="e1", period="2026-03"),
        WrongType,
        "period: expected a Period or None, got str '2026-03'",
        id="appraise_period_wrong_type",
    ),
    pytest.param(
        lambda: appraise(SIMPLE, {"sales": 1}, employee=""),
        InvalidInput,
        "employee: must not be empty, got ''",
        id="appraise_employee_empty",
    ),
    pytest.param(
        lambda: appraise(SIMPLE, {"sales": 1}, employee=7),
        WrongType,
        "employee: expected a non-empty str, got int 7",
        id="appraise_employee_wrong_type",
    ),
    pytest.param(
        lambda: appraise(SIMPLE, [("sales", 1)], employee="e1"),
        WrongType,
        "measurements: expected a mapping of code to a number, got list [('sales', 1)]",
        id="appraise_measurements_wrong_type",
    ),
    pytest.param(
        lambda: appraise(SIMPLE, {"sales": 1, "golf": 2, "chess": 3}, employee="e1"),
        UnknownEntity,
        "measurements: not on the scorecard: 'chess', 'golf' (it measures 'sales'), got ('chess', 'golf')",
        id="appraise_measurement_unknown",
    ),
    pytest.param(
        lambda: appraise(
            Scorecard(
                [Kpi("sales", 50, Linear(1)), Kpi("visits", 50, Linear(1))],
                grades=GRADES,
                vetoes=[absenteeism_veto(2)],
            ),
            {},
            employee="e1",
        ),
        InvalidInput,
        "measurements: no measurement for 'sales', 'visits', 'absent_days' (a missing measurement is an error, never a silent zero), got ('sales', 'visits', 'absent_days')",
        id="appraise_measurement_missing",
    ),
    pytest.param(
        lambda: appraise(SIMPLE, {"sales": -1}, employee="e1"),
        InvalidInput,
        "measurements['sales']: must not be negative, got -1",
        id="appraise_measurement_negative",
    ),
    pytest.param(
        lambda: appraise(SIMPLE, {"sales": 1.0}, employee="e1"),
        FloatNotAllowed,
        "measurements['sales']: expected a Decimal, int or str (floats are inexact: write Decimal('1.0') or '1.0'), got float 1.0",
        id="appraise_measurement_float",
    ),
    pytest.param(
        lambda: ForcedDistribution("A"),
        WrongType,
        "caps: expected a sequence, got str 'A'",
        id="caps_wrong_type",
    ),
    pytest.param(
        lambda: ForcedDistribution({}),
        PolicyError,
        "caps: a forced distribution needs at least one capped grade, got {}",
        id="caps_empty",
    ),
    pytest.param(
        lambda: ForcedDistribution([("A",)]),
        WrongType,
        "caps: expected a (grade, share) pair, got tuple ('A',)",
        id="caps_item_not_pair",
    ),
    pytest.param(
        lambda: ForcedDistribution([("", D("0.2"))]),
        InvalidInput,
        "caps grade: must not be empty, got ''",
        id="caps_grade_empty",
    ),
    pytest.param(
        lambda: ForcedDistribution([("A", D("0.2")), ("A", D("0.1"))]),
        PolicyError,
        "caps['A']: duplicate grade, got 'A'",
        id="caps_duplicate",
    ),
    pytest.param(
        lambda: ForcedDistribution({"A": 20}),
        InvalidInput,
        "caps['A']: expected a rate (a fraction) between 0 and 1, got 20",
        id="caps_share_above_one",
    ),
    pytest.param(
        lambda: ForcedDistribution({"A": D("0.2")}).quota("A", -1),
        InvalidInput,
        "team_size: must be at least 0, got -1",
        id="quota_team_negative",
    ),
    pytest.param(
        lambda: ForcedDistribution({"A": D("0.2")}).quota("A", True),
        WrongType,
        "team_size: expected an int, got bool True",
        id="quota_team_bool",
    ),
    pytest.param(
        lambda: rank([_simple("e1", 80)]).entry("e2"),
        UnknownEntity,
        "employee: is not in this ranking, got 'e2'",
        id="ranking_entry_unknown",
    ),
    pytest.param(
        lambda: rank(_simple("e1", 80)),
        WrongType,
        "appraisals: expected a sequence, got Appraisal Appraisal(verdict=<Verdict.ALLOWED: 'allowed'>, reasons=(Reason(rule='APPR-4'...",
        id="rank_appraisals_wrong_type",
    ),
    pytest.param(
        lambda: rank([_simple("e1", 80), "e2"]),
        WrongType,
        "appraisals[1]: expected an Appraisal, got str 'e2'",
        id="rank_item_wrong_type",
    ),
    pytest.param(
        lambda: rank([_simple("e1", 80), _simple("e1", 70)]),
        InvalidInput,
        "appraisals: the same employee appears twice, got 'e1'",
        id="rank_employee_twice",
    ),
    pytest.param(
        lambda: rank(
            [
                _simple("e1", 80),
                appraise(
                    Scorecard([Kpi("sales", 100, Linear(1))], grades=GradeBands([Grade("A", 0)])),
                    {"sales": 1},
                    employee="e2",
                ),
            ]
        ),
        InvalidInput,
        "appraisals: has grades ['A'], not ['A', 'B', 'C', 'D']: rank appraisals of one grade scale, got 'e2'",
        id="rank_two_scales",
    ),
    pytest.param(
        lambda: rank(
            [
                _simple("e1", 80, period=Period.month(2026, 3)),
                _simple("e2", 70, period=Period.month(2026, 4)),
            ]
        ),
        InvalidInput,
        "appraisals: covers period 2026-04-01..2026-04-30, not 2026-03-01..2026-03-31: rank one period, got 'e2'",
        id="rank_two_periods",
    ),
    pytest.param(
        lambda: rank([_simple("e1", 80)], {"A": D("0.2")}),
        WrongType,
        "forced_distribution: expected a ForcedDistribution or None, got dict {'A': Decimal('0.2')}",
        id="rank_forced_wrong_type",
    ),
    pytest.param(
        lambda: rank([_simple("e1", 80)], ForcedDistribution({"E": D("0.2")})),
        UnknownEntity,
        "forced_distribution: is not one of the grades ['A', 'B', 'C', 'D'], got 'E'",
        id="rank_cap_unknown_grade",
    ),
    pytest.param(
        lambda: rank([_simple("e1", 80)], ForcedDistribution({"D": D("0.2")})),
        PolicyError,
        "forced_distribution: the lowest grade cannot be capped (everyone moved down must land somewhere), got 'D'",
        id="rank_cap_lowest_grade",
    ),
    pytest.param(
        lambda: measure_ratio(-1, 2),
        InvalidInput,
        "numerator: must not be negative, got -1",
        id="ratio_numerator_negative",
    ),
    pytest.param(
        lambda: measure_ratio(1, 0),
        InvalidInput,
        "denominator: must be greater than zero (the ratio is undefined), got 0",
        id="ratio_denominator_zero",
    ),
    pytest.param(
        lambda: measure_ratio(Money("1"), Money("2", "USD")),
        CurrencyMismatch,
        "currency: cannot divide CNY by USD, got 'USD'",
        id="ratio_currencies",
    ),
    pytest.param(
        lambda: measure_ratio(Money("1"), 2),
        WrongType,
        "denominator: expected the same kind as the numerator, got int 2",
        id="ratio_money_and_number",
    ),
    pytest.param(
        lambda: measure_ratio(1, Money("2")),
        WrongType,
        "denominator: expected the same kind as the numerator, got Money Money('2', 'CNY')",
        id="ratio_number_and_money",
    ),
    pytest.param(
        lambda: measure_ratio(0.5, 1),
        FloatNotAllowed,
        "numerator: expected a Decimal, int or str (floats are inexact: write Decimal('0.5') or '0.5'), got float 0.5",
        id="ratio_numerator_float",
    ),
    pytest.param(
        lambda: measure_ratio(1, "two"),
        InvalidInput,
        "denominator: is not a decimal number, got 'two'",
        id="ratio_denominator_text",
    ),
    pytest.param(
        lambda: sales_completion_kpi(60, floor=D("60")),
        InvalidInput,
        "floor: expected a rate (a fraction) between 0 and 1, got Decimal('60')",
        id="sales_completion_floor",
    ),
    pytest.param(
        lambda: collection_rate_kpi(0),
        InvalidInput,
        "weight: must be above 0 and at most 100 percentage points, got 0",
        id="collection_rate_weight",
    ),
    pytest.param(
        lambda: new_customers_kpi(10, 0),
        InvalidInput,
        "target: must be greater than zero, got 0",
        id="new_customers_target",
    ),
    pytest.param(
        lambda: visits_kpi(20, cap=0),
        InvalidInput,
        "cap: must be greater than zero, got 0",
        id="visits_cap",
    ),
    pytest.param(
        lambda: reports_on_time_kpi(10, floor=2),
        InvalidInput,
        "floor: expected a rate (a fraction) between 0 and 1, got 2",
        id="reports_floor",
    ),
    pytest.param(
        lambda: expense_ratio_kpi(10, target=D("0.05"), ceiling=D("0.05")),
        PolicyError,
        "ceiling: must be above the target 0.05, got Decimal('0.05')",
        id="expense_ratio_ceiling",
    ),
    pytest.param(
        lambda: attendance_kpi(10, ceiling=0),
        PolicyError,
        "ceiling: must be above the target 0, got Decimal('0')",
        id="attendance_ceiling",
    ),
    pytest.param(
        lambda: absenteeism_veto("two"),
        InvalidInput,
        "max_allowed: is not a decimal number, got 'two'",
        id="absenteeism_days_text",
    ),
    pytest.param(
        lambda: attendance_penalty_points([("late", 1)], {"late": 1}),
        WrongType,
        "counts: expected a mapping of status to count, got list [('late', 1)]",
        id="penalty_counts_wrong_type",
    ),
    pytest.param(
        lambda: attendance_penalty_points({"late": 1}, [("late", 1)]),
        WrongType,
        "points: expected a mapping of status to points, got list [('late', 1)]",
        id="penalty_points_wrong_type",
    ),
    pytest.param(
        lambda: attendance_penalty_points({"asleep": 1}, {"late": 1, "absent": 5}),
        UnknownEntity,
        "counts: status has no penalty points configured (known: ['absent', 'late']), got 'asleep'",
        id="penalty_status_unknown",
    ),
    pytest.param(
        lambda: attendance_penalty_points({"late": -1}, {"late": 1}),
        InvalidInput,
        "counts['late']: must be at least 0, got -1",
        id="penalty_count_negative",
    ),
    pytest.param(
        lambda: attendance_penalty_points({"late": 1}, {"late": -1}),
        InvalidInput,
        "points['late']: must not be negative, got -1",
        id="penalty_points_negative",
    ),
    pytest.param(
        lambda: appraisal_period(datetime.datetime(2026, 3, 28)),
        WrongType,
        "as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 28, 0, 0)",
        id="period_as_of_datetime",
    ),
    pytest.param(
        lambda: appraisal_period(datetime.date(2026, 3, 28), "-1"),
        WrongType,
        "offset: expected an int, got str '-1'",
        id="period_offset_text",
    ),
    pytest.param(
        lambda: appraisal_period(datetime.date(2026, 3, 28), -1201),
        InvalidInput,
        "offset: must be between -1200 and 1200 months, got -1201",
        id="period_offset_too_far",
    ),
    pytest.param(
        lambda: appraisal_period(datetime.date(9999, 3, 28), 1000),
        InvalidInput,
        "offset: moves outside the supported years, got 1000",
        id="period_offset_outside_years",
    ),
    pytest.param(
        lambda: script_test_passed(101, 80),
        InvalidInput,
        "score: must be between 0 and 100, got 101",
        id="script_score_above_max",
    ),
    pytest.param(
        lambda: script_test_passed(80, -1),
        InvalidInput,
        "pass_mark: must be between 0 and 100, got -1",
        id="script_pass_mark_negative",
    ),
    pytest.param(
        lambda: script_test_passed(0, 0, max_score=0),
        InvalidInput,
        "max_score: must be greater than zero, got 0",
        id="script_max_zero",
    ),
    pytest.param(
        lambda: script_test_passed(80.0, 80),
        FloatNotAllowed,
        "score: expected a Decimal, int or str (floats are inexact: write Decimal('80.0') or '80.0'), got float 80.0",
        id="script_score_float",
    ),
    pytest.param(
        lambda: Bands([(10, 60), (20, 80)], otherwise=70),
        PolicyError,
        "otherwise: must not be above the outermost band's score 60, got Decimal('70')",
        id="bands_otherwise_above_first_of_two",
    ),
    pytest.param(
        lambda: LowerIsBetter(5, 5),
        PolicyError,
        "ceiling: must be above the target 5, got Decimal('5')",
        id="lower_ceiling_equal_to_target",
    ),
    pytest.param(
        lambda: Scorecard(
            [
                Kpi("sales", 50, Bands([(1, 100)], otherwise=D("33.335"))),
                Kpi("visits", 50, Bands([(1, 100)], otherwise=D("33.335"))),
            ],
            grades=GradeBands([Grade("A", 90), Grade("B", D("33.34"))]),
        ),
        PolicyError,
        "grades: the lowest grade must start at or below 33.33, the lowest total this scorecard can give, got Decimal('33.34')",
        id="scorecard_lowest_grade_above_floored_total",
    ),
    pytest.param(
        lambda: appraise(
            _veto_card(absenteeism_veto(2)),
            {"sales": 1, "absent_days": 0, "golf": 2},
            employee="e1",
        ),
        UnknownEntity,
        "measurements: not on the scorecard: 'golf' (it measures 'absent_days', 'sales'), got ('golf',)",
        id="appraise_measurement_unknown_two_needed",
    ),
    pytest.param(
        lambda: script_test_passed(80, "eighty"),
        InvalidInput,
        "pass_mark: is not a decimal number, got 'eighty'",
        id="script_pass_mark_text",
    ),
    pytest.param(
        lambda: appraisal_period(datetime.date(2026, 3, 28), 1201),
        InvalidInput,
        "offset: must be between -1200 and 1200 months, got 1201",
        id="period_offset_too_far_ahead",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_APPRAISAL_INPUTS)
def test_APPR_1_to_7_every_bad_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


def test_APPR_4_curves_accept_their_boundary_settings() -> None:
    assert D("60") == Linear(1, floor=D("0.6"), cap=60).score(D("0.6"))
    assert ((D(10), D(60)), (D(20), D(80))) == Bands({10: 60, 20: 80}).steps
    assert (D(1), D(0)) == (Linear(1).score(D("0.01")), Linear(1).score(D(0)))
    assert Suggestion.REWARD == Grade("A", 90, suggestion="reward").suggestion
    assert Suggestion.PENALTY == Grade("D", 0, suggestion="penalty").suggestion


def test_APPR_4_ready_made_kpis_keep_their_floor_and_vetoes_their_forced_grade() -> None:
    kpi = sales_completion_kpi(60, floor=D("0.6"))

    assert (D(0), D("60.0")) == (kpi.scoring.score(D("0.59")), kpi.scoring.score(D("0.6")))
    assert "C" == absenteeism_veto(2, "C").forced_grade


def test_APPR_4_an_appraisal_line_keeps_the_weight_the_raw_value_the_score_and_the_contribution() -> (
    None
):
    result = appraise(_seed_card(), dict.fromkeys(_seed_card().codes, D("0.9")), employee="e1")

    line = result.line("sales_completion")
    assert (D(30), D("0.9"), D("90.0"), D("27")) == (
        line.weight,
        line.raw,
        line.score,
        line.contribution,
    )


def test_APPR_6_a_later_veto_is_checked_even_when_an_earlier_one_is_not_triggered() -> None:
    card = _veto_card(Veto("late_days", 5, "C"), absenteeism_veto(2))

    result = appraise(card, {"sales": 110, "late_days": 1, "absent_days": 3}, employee="e1")

    assert ("D", ("absent_days",)) == (result.grade, result.vetoed)


def test_APPR_4_a_ranking_without_ties_states_only_its_size() -> None:
    ranking = rank([_simple("e1", 95), _simple("e2", 80)])

    assert (Reason("APPR-4", "ranked_by_grade_then_total", {"team_size": 2}),) == ranking.reasons


def test_APPR_4_a_quota_tie_after_other_ranks_is_broken_by_employee_id_and_said_so() -> None:
    team = [_simple(e, s) for e, s in [("e6", 80), ("e1", 95), ("e2", 92), ("e3", 80), ("e5", 50)]]

    ranking = rank(team, ForcedDistribution({"B": D("0.25")}))

    assert (
        Reason("APPR-4", "ranked_by_grade_then_total", {"team_size": 5}),
        Reason(
            "APPR-4",
            "rank_shared",
            {"rank": 3, "employees": ("e3", "e6"), "grade": "B", "total": D("80.00")},
        ),
        Reason(
            "APPR-4",
            "forced_distribution_quota",
            {"grade": "B", "share": Rate("0.25"), "quota": 1, "team_size": 5},
        ),
        Reason(
            "APPR-4",
            "moved_down_by_forced_distribution",
            {"employee": "e6", "rank": 3, "from_grade": "B", "to_grade": "C"},
        ),
        Reason(
            "APPR-4",
            "quota_tie_broken_by_employee_id",
            {"rank": 3, "employees": ("e3", "e6"), "final_grades": ("B", "C")},
        ),
    ) == ranking.reasons
    assert {"e1": "A", "e2": "A", "e3": "B", "e6": "C", "e5": "D"} == ranking.final_grades()
    assert (("B", 1),) == ranking.quotas


def test_APPR_3_the_appraised_month_may_be_up_to_a_hundred_years_away() -> None:
    assert "1926-03-01..1926-03-31" == str(appraisal_period(datetime.date(2026, 3, 28), -1200))
    assert "2126-03-01..2126-03-31" == str(appraisal_period(datetime.date(2026, 3, 28), 1200))


def test_APPR_7_scores_of_zero_and_of_the_maximum_are_valid() -> None:
    assert (True, False, True) == (
        script_test_passed(0, 0),
        script_test_passed(0, 1),
        script_test_passed(100, 100),
    )


def test_APPR_4_measurements_may_be_exact_ratios_finer_than_twelve_places() -> None:
    result = appraise(SIMPLE, {"sales": measure_ratio(200, 3)}, employee="e1")

    assert D("66.67") == result.total
