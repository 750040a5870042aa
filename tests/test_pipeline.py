"""Tests for salesdomain.pipeline (PIPE-1..12, X-21, VISIT-9)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    GENERIC_LADDER,
    Employee,
    IllegalTransition,
    InvalidInput,
    Period,
    PolicyError,
    Rate,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.pipeline import (
    ACCOUNT_EXECUTIVE,
    HVAC_PIPELINE,
    REASON_CODES,
    HvacStage,
    Opportunity,
    PipelinePolicy,
    Purchase,
    Qualification,
    Ratio,
    RenewalDue,
    SiteVisit,
    Stage,
    StageChange,
    advance,
    check_transition,
    closing_ratio,
    conversion_rate,
    onsite_closing_ratio,
    open_opportunity,
    pipeline_report,
    renewal_rate,
    repurchase_rate,
    stage_conversions,
    stale_opportunities,
)

TZ = dt.timezone(dt.timedelta(hours=8))
MARCH = Period.month(2026, 3)
QUALIFIED = Qualification(has_interest=True, has_need=True)
AE = Employee("ae1", "Wang", ACCOUNT_EXECUTIVE)
REP = Employee("s2", "Zhao", GENERIC_LADDER.get("salesperson"))
POLICY = PipelinePolicy()


def moment(day: int, hour: int = 10, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=TZ)


def lead(oid: str = "o1", day: int = 2, policy: PipelinePolicy = POLICY) -> Opportunity:
    return open_opportunity(oid, owner="s1", source="cold_call", at=moment(day), policy=policy)


def walk(opp: Opportunity, *stages: str, start_day: int = 3) -> Opportunity:
    for offset, stage in enumerate(stages):
        opp = advance(
            opp,
            stage,
            "s1",
            moment(start_day + offset),
            POLICY,
            qualification=QUALIFIED,
            new_owner=AE,
        )
    return opp


WON_PATH = (Stage.PROSPECT, Stage.PRESENTATION, Stage.NEGOTIATION, Stage.WON)


# -- PIPE-1: the stages and their order --------------------------------------------------------


def test_PIPE_1_an_opportunity_runs_from_lead_to_account_management() -> None:
    """PIPE-1: an opportunity runs from lead to account management."""
    opp = walk(lead(), *WON_PATH, Stage.ACCOUNT_MANAGEMENT)
    assert (opp.stage, opp.owner, [c.to_stage for c in opp.history]) == (
        "account_management",
        "ae1",
        ["prospect", "presentation", "negotiation", "won", "account_management"],
    )


def test_PIPE_1_advance_is_pure_and_leaves_the_original_untouched() -> None:
    """PIPE-1: advance is pure and leaves the original untouched."""
    original = lead()
    walk(original, Stage.PROSPECT)
    assert (original.stage, original.history) == ("lead", ())


def test_PIPE_1_skipping_a_stage_is_an_illegal_transition() -> None:
    """PIPE-1: skipping a stage is an illegal transition."""
    opp = walk(lead(), Stage.PROSPECT)
    with pytest.raises(IllegalTransition, match="PIPE-1 transition_not_allowed"):
        advance(opp, Stage.NEGOTIATION, "s1", moment(5), POLICY)


def test_PIPE_1_nothing_moves_out_of_a_lost_deal() -> None:
    """PIPE-1: nothing moves out of a lost deal."""
    opp = walk(lead(), Stage.PROSPECT, Stage.LOST)
    with pytest.raises(IllegalTransition, match="stage_is_terminal"):
        advance(opp, Stage.PRESENTATION, "s1", moment(9), POLICY)


def test_PIPE_1_there_are_no_back_transitions_by_default() -> None:
    """PIPE-1: there are no back transitions by default."""
    opp = walk(lead(), Stage.PROSPECT, Stage.PRESENTATION, Stage.NEGOTIATION)
    decision = check_transition(opp, Stage.PRESENTATION, POLICY)
    assert (decision.verdict, decision.reasons[0].code) == (
        Verdict.REJECTED,
        "transition_not_allowed",
    )


def test_PIPE_1_a_policy_may_allow_going_back_from_negotiation_to_presentation() -> None:
    """PIPE-1: a policy may allow going back from negotiation to presentation."""
    policy = PipelinePolicy(
        allowed_back_transitions=[("negotiation", "presentation"), ("presentation", "presentation")]
    )
    opp = walk(lead(), Stage.PROSPECT, Stage.PRESENTATION, Stage.NEGOTIATION)
    decision = check_transition(opp, "presentation", policy)
    moved = advance(opp, "presentation", "s1", moment(9), policy)
    again = advance(moved, "presentation", "s1", moment(10), policy)
    assert (decision.reasons[0].code, again.stage, len(again.history)) == (
        "back_transition_allowed",
        "presentation",
        5,
    )


def test_X_21_reporting_is_not_a_stage() -> None:
    """X-21: reporting is not a stage."""
    assert "reporting" not in POLICY.pipeline_stages
    with pytest.raises(UnknownEntity, match="to_stage"):
        check_transition(lead(), "reporting", POLICY)


def test_PIPE_1_a_move_dated_before_the_last_event_is_refused() -> None:
    """PIPE-1: a move dated before the last event is refused."""
    opp = walk(lead(), Stage.PROSPECT)
    with pytest.raises(InvalidInput, match="at"):
        advance(opp, Stage.PRESENTATION, "s1", moment(2), POLICY)


def test_PIPE_1_a_naive_move_time_is_refused() -> None:
    """PIPE-1: a naive move time is refused."""
    with pytest.raises(InvalidInput, match="at"):
        advance(lead(), Stage.DISQUALIFIED, "s1", dt.datetime(2026, 3, 5), POLICY)


def test_PIPE_1_a_hand_built_history_must_hang_together() -> None:
    """PIPE-1: a hand built history must hang together."""
    with pytest.raises(InvalidInput, match="from_stage"):
        Opportunity(
            "o1",
            "s1",
            source="cold_call",
            opened_at=moment(2),
            stage="presentation",
            history=[
                StageChange("lead", "prospect", by="s1", at=moment(3)),
                StageChange("negotiation", "presentation", by="s1", at=moment(4)),
            ],
        )


def test_PIPE_1_a_hand_built_history_must_run_forward_in_time() -> None:
    """PIPE-1: a hand built history must run forward in time."""
    with pytest.raises(InvalidInput, match="at"):
        Opportunity(
            "o1",
            "s1",
            source="cold_call",
            opened_at=moment(5),
            stage="prospect",
            history=[StageChange("lead", "prospect", by="s1", at=moment(3))],
        )


def test_PIPE_1_the_mover_may_be_given_as_an_employee() -> None:
    """PIPE-1: the mover may be given as an employee."""
    opp = advance(lead(), Stage.DISQUALIFIED, REP, moment(3), POLICY)
    assert opp.history[0].by == "s2"


# -- PIPE-2: lead sources ------------------------------------------------------------------------


def test_PIPE_2_an_opportunity_opens_as_a_lead_with_its_source() -> None:
    """PIPE-2: an opportunity opens as a lead with its source."""
    opp = lead()
    assert (opp.stage, opp.source, opp.opened_at) == ("lead", "cold_call", moment(2))


def test_PIPE_2_a_source_outside_the_policys_list_is_an_unknown_entity() -> None:
    """PIPE-2: a source outside the policys list is an unknown entity."""
    with pytest.raises(UnknownEntity, match="source"):
        open_opportunity("o1", owner="s1", source="walk_in", at=moment(2), policy=POLICY)


def test_PIPE_2_the_source_list_is_extensible_per_company() -> None:
    """PIPE-2: the source list is extensible per company."""
    policy = PipelinePolicy(lead_sources=["walk_in", "referral"])
    opp = open_opportunity("o1", owner="s1", source="walk_in", at=moment(2), policy=policy)
    assert opp.source == "walk_in"


# -- PIPE-3: the qualification gate ----------------------------------------------------------------


def test_PIPE_3_a_lead_becomes_a_prospect_only_with_interest_and_need() -> None:
    """PIPE-3: a lead becomes a prospect only with interest and need."""
    decision = check_transition(lead(), Stage.PROSPECT, POLICY, qualification=QUALIFIED)
    assert (decision.verdict, decision.reasons[0].code) == (Verdict.ALLOWED, "transition_allowed")


def test_PIPE_3_a_lead_without_a_qualification_cannot_become_a_prospect() -> None:
    """PIPE-3: a lead without a qualification cannot become a prospect."""
    with pytest.raises(IllegalTransition, match="PIPE-3 qualification_missing"):
        advance(lead(), Stage.PROSPECT, "s1", moment(3), POLICY)


def test_PIPE_3_a_lead_with_interest_but_no_need_is_not_qualified() -> None:
    """PIPE-3: a lead with interest but no need is not qualified."""
    with pytest.raises(IllegalTransition, match="no confirmed need"):
        advance(
            lead(),
            Stage.PROSPECT,
            "s1",
            moment(3),
            POLICY,
            qualification=Qualification(has_interest=True, has_need=False),
        )


def test_PIPE_3_a_lead_may_be_disqualified_without_a_qualification() -> None:
    """PIPE-3: a lead may be disqualified without a qualification."""
    assert advance(lead(), Stage.DISQUALIFIED, "s1", moment(3), POLICY).stage == "disqualified"


def test_PIPE_3_a_policy_with_a_path_around_the_qualification_stage_cannot_be_built() -> None:
    """PIPE-3: a policy with a path around the qualification stage cannot be built."""
    with pytest.raises(PolicyError, match="qualification stage prospect"):
        PipelinePolicy(transitions=[*POLICY.transitions, ("lead", "presentation")])


def test_PIPE_3_a_back_transition_cannot_open_a_path_around_the_qualification_stage() -> None:
    # lead -> disqualified is terminal, so the only bypass would come from a back move:
    # negotiation -> lead is fine (the lead must qualify again).
    """PIPE-3: a back transition cannot open a path around the qualification stage."""
    policy = PipelinePolicy(allowed_back_transitions=[("negotiation", "lead")])
    opp = walk(lead(), Stage.PROSPECT, Stage.PRESENTATION, Stage.NEGOTIATION)
    back = advance(opp, "lead", "s1", moment(9), policy)
    with pytest.raises(IllegalTransition, match="qualification_missing"):
        advance(back, "prospect", "s1", moment(10), policy)


def test_PIPE_3_a_qualification_that_is_not_a_bool_pair_is_refused() -> None:
    """PIPE-3: a qualification that is not a bool pair is refused."""
    with pytest.raises(WrongType, match="has_need"):
        Qualification(has_interest=True, has_need="yes")  # type: ignore[arg-type]


# -- PIPE-7: account management ------------------------------------------------------------------


def test_PIPE_7_handing_over_a_won_deal_needs_an_account_executive() -> None:
    """PIPE-7: handing over a won deal needs an account executive."""
    opp = walk(lead(), *WON_PATH)
    with pytest.raises(IllegalTransition, match="handover_owner_missing"):
        advance(opp, Stage.ACCOUNT_MANAGEMENT, "s1", moment(9), POLICY)


def test_PIPE_7_handing_over_to_a_salesperson_is_refused() -> None:
    """PIPE-7: handing over to a salesperson is refused."""
    opp = walk(lead(), *WON_PATH)
    decision = check_transition(opp, Stage.ACCOUNT_MANAGEMENT, POLICY, new_owner=REP)
    assert (decision.verdict, decision.reasons[0].code) == (
        Verdict.REJECTED,
        "handover_owner_wrong_role",
    )


def test_PIPE_7_a_small_company_may_let_the_seller_keep_the_account() -> None:
    """PIPE-7: a small company may let the seller keep the account."""
    policy = PipelinePolicy(account_handover_role=None)
    opp = walk(lead(), *WON_PATH)
    kept = advance(opp, Stage.ACCOUNT_MANAGEMENT, "s1", moment(9), policy)
    assert (kept.stage, kept.owner) == ("account_management", "s1")


# -- the policy ----------------------------------------------------------------------------------


def test_23_10_the_default_policy_follows_the_s6_stages_with_no_back_transitions() -> None:
    assert (POLICY.pipeline_stages, POLICY.allowed_back_transitions, POLICY.funnel) == (
        (
            "lead",
            "prospect",
            "presentation",
            "negotiation",
            "won",
            "account_management",
            "lost",
            "disqualified",
        ),
        (),
        ("lead", "prospect", "presentation", "negotiation", "won", "account_management"),
    )


def test_PIPE_1_a_forward_transition_that_moves_backwards_is_refused() -> None:
    """PIPE-1: a forward transition that moves backwards is refused."""
    with pytest.raises(PolicyError, match="does not move forward"):
        PipelinePolicy(transitions=[*POLICY.transitions, ("won", "negotiation")])


def test_PIPE_1_a_back_transition_that_moves_forward_is_refused() -> None:
    """PIPE-1: a back transition that moves forward is refused."""
    with pytest.raises(PolicyError, match="not a move back"):
        PipelinePolicy(allowed_back_transitions=[("prospect", "won")])


def test_PIPE_1_a_transition_naming_an_unknown_stage_is_refused() -> None:
    """PIPE-1: a transition naming an unknown stage is refused."""
    with pytest.raises(PolicyError, match="transitions"):
        PipelinePolicy(transitions=[*POLICY.transitions, ("lead", "reporting")])


def test_PIPE_1_a_lost_stage_with_a_way_out_is_refused() -> None:
    """PIPE-1: a lost stage with a way out is refused."""
    with pytest.raises(PolicyError, match="lost_stages"):
        PipelinePolicy(allowed_back_transitions=[("lost", "prospect")])


def test_PIPE_1_a_pipeline_that_cannot_reach_the_won_stage_is_refused() -> None:
    """PIPE-1: a pipeline that cannot reach the won stage is refused."""
    transitions = [edge for edge in POLICY.transitions if edge != ("negotiation", "won")]
    with pytest.raises(PolicyError, match="won_stage"):
        PipelinePolicy(transitions=transitions)


def test_PIPE_1_a_transition_listed_twice_is_refused() -> None:
    """PIPE-1: a transition listed twice is refused."""
    with pytest.raises(PolicyError, match="transitions"):
        PipelinePolicy(transitions=[*POLICY.transitions, ("lead", "prospect")])


def test_VISIT_9_the_stale_interval_must_be_at_least_a_day() -> None:
    """VISIT-9: the stale interval must be at least a day."""
    with pytest.raises(InvalidInput, match="stale_opportunity_days"):
        PipelinePolicy(stale_opportunity_days=0)


# -- PIPE-9: the HVAC lifecycle -------------------------------------------------------------------


def test_PIPE_9_an_hvac_project_runs_from_information_to_payment() -> None:
    """PIPE-9: an hvac project runs from information to payment."""
    opp = open_opportunity(
        "h1", owner="s1", source="design_institute", at=moment(2), policy=HVAC_PIPELINE
    )
    for day, stage in enumerate(
        (
            HvacStage.TRACKING,
            HvacStage.QUOTING,
            HvacStage.BID_SUBMITTED,
            HvacStage.WON,
            HvacStage.CONTRACTED,
            HvacStage.DELIVERING,
            HvacStage.EXECUTED,
            HvacStage.PAID,
        ),
        start=3,
    ):
        opp = advance(opp, stage, "s1", moment(day), HVAC_PIPELINE)
    assert (opp.stage, HVAC_PIPELINE.is_open(opp.stage)) == ("paid", False)


def test_PIPE_9_a_contract_comes_only_after_the_bid_is_won() -> None:
    """PIPE-9: a contract comes only after the bid is won."""
    opp = open_opportunity("h1", owner="s1", source="cold_call", at=moment(2), policy=HVAC_PIPELINE)
    for day, stage in enumerate(("tracking", "quoting", "bid_submitted"), start=3):
        opp = advance(opp, stage, "s1", moment(day), HVAC_PIPELINE)
    with pytest.raises(IllegalTransition, match="bid_submitted -> contracted"):
        advance(opp, "contracted", "s1", moment(9), HVAC_PIPELINE)


# -- ratios ---------------------------------------------------------------------------------------


def test_PIPE_11_a_ratio_keeps_its_parts_and_its_rate() -> None:
    """PIPE-11: a ratio keeps its parts and its rate."""
    ratio = Ratio(2, 3)
    assert (ratio.numerator, ratio.denominator, ratio.rate) == (2, 3, Rate("0.666666666667"))


def test_PIPE_11_a_ratio_over_nothing_has_no_rate_instead_of_a_division_error() -> None:
    """PIPE-11: a ratio over nothing has no rate instead of a division error."""
    assert Ratio(0, 0).rate is None


def test_PIPE_11_a_numerator_above_the_denominator_is_refused() -> None:
    """PIPE-11: a numerator above the denominator is refused."""
    with pytest.raises(InvalidInput, match="numerator"):
        Ratio(3, 2)


def test_PIPE_11_a_negative_count_is_refused() -> None:
    """PIPE-11: a negative count is refused."""
    with pytest.raises(InvalidInput, match="denominator"):
        Ratio(0, -1)


def test_PIPE_11_a_bool_count_is_refused() -> None:
    """PIPE-11: a bool count is refused."""
    with pytest.raises(WrongType, match="numerator"):
        Ratio(True, 2)  # type: ignore[arg-type]


def sample_pipeline() -> list[Opportunity]:
    return [
        walk(lead("o1"), *WON_PATH),  # won on 6 March
        walk(lead("o2"), Stage.PROSPECT, Stage.PRESENTATION, Stage.LOST),  # lost on 5 March
        walk(lead("o3"), Stage.PROSPECT),  # still a prospect
        walk(lead("o4"), Stage.DISQUALIFIED),  # dropped
        walk(lead("o5", day=20), *WON_PATH, start_day=21),  # won on 24 March
        advance(
            walk(
                lead("o6", day=25),
                Stage.PROSPECT,
                Stage.PRESENTATION,
                Stage.NEGOTIATION,
                start_day=26,
            ),
            Stage.WON,
            "s1",
            moment(2, month=4),
            POLICY,
        ),  # won on 2 April
    ]


def test_PIPE_1_conversion_from_lead_to_prospect_counts_the_march_leads_that_qualified() -> None:
    """PIPE-1: conversion from lead to prospect counts the march leads that qualified."""
    opps = sample_pipeline()
    assert conversion_rate(opps, "lead", "prospect", MARCH, POLICY) == Ratio(5, 6)


def test_PIPE_1_conversion_counts_only_what_was_reached_by_the_end_of_the_period() -> None:
    """PIPE-1: conversion counts only what was reached by the end of the period."""
    opps = sample_pipeline()
    assert conversion_rate(opps, "negotiation", "won", MARCH, POLICY) == Ratio(2, 3)


def test_PIPE_1_stage_conversions_follow_the_funnel() -> None:
    """PIPE-1: stage conversions follow the funnel."""
    conversions = stage_conversions(sample_pipeline(), MARCH, POLICY)
    assert [(c.from_stage, c.to_stage, c.ratio) for c in conversions] == [
        ("lead", "prospect", Ratio(5, 6)),
        ("prospect", "presentation", Ratio(4, 5)),
        ("presentation", "negotiation", Ratio(3, 4)),
        ("negotiation", "won", Ratio(2, 3)),
        ("won", "account_management", Ratio(0, 2)),
    ]


def test_PIPE_1_closing_ratio_is_won_over_decided_deals_in_the_period() -> None:
    """PIPE-1: closing ratio is won over decided deals in the period."""
    ratio = closing_ratio(sample_pipeline(), MARCH, POLICY)
    assert (ratio, ratio.rate) == (Ratio(2, 3), Rate("0.666666666667"))


def test_PIPE_1_a_conversion_from_a_stage_to_itself_is_refused() -> None:
    """PIPE-1: a conversion from a stage to itself is refused."""
    with pytest.raises(InvalidInput, match="to_stage"):
        conversion_rate([], "lead", "lead", MARCH, POLICY)


def test_PIPE_1_a_conversion_naming_an_unknown_stage_is_refused() -> None:
    """PIPE-1: a conversion naming an unknown stage is refused."""
    with pytest.raises(UnknownEntity, match="from_stage"):
        conversion_rate([], "reporting", "lead", MARCH, POLICY)


def test_PIPE_1_two_opportunities_with_one_id_are_refused() -> None:
    """PIPE-1: two opportunities with one id are refused."""
    with pytest.raises(InvalidInput, match="opportunities"):
        closing_ratio([lead(), lead()], MARCH, POLICY)


def test_PIPE_11_repurchase_rate_is_earlier_buyers_who_bought_again() -> None:
    """PIPE-11: repurchase rate is earlier buyers who bought again."""
    purchases = [
        Purchase("A", dt.date(2026, 1, 5)),
        Purchase("A", dt.date(2026, 3, 9)),
        Purchase("B", dt.date(2026, 2, 1)),
        Purchase("C", dt.date(2026, 3, 2)),  # a new customer: not in the base
        Purchase("D", dt.date(2025, 12, 1)),
        Purchase("D", dt.date(2026, 4, 1)),  # bought again, but after March
    ]
    assert repurchase_rate(purchases, MARCH) == Ratio(1, 3)


def test_PIPE_11_renewal_rate_is_contracts_due_in_the_period_renewed_by_its_end() -> None:
    """PIPE-11: renewal rate is contracts due in the period renewed by its end."""
    renewals = [
        RenewalDue("c1", dt.date(2026, 3, 31), renewed_on=dt.date(2026, 3, 20)),
        RenewalDue("c2", dt.date(2026, 3, 15)),
        RenewalDue("c3", dt.date(2026, 3, 10), renewed_on=dt.date(2026, 4, 2)),
        RenewalDue("c4", dt.date(2026, 4, 10), renewed_on=dt.date(2026, 3, 2)),
    ]
    assert renewal_rate(renewals, MARCH) == Ratio(1, 3)


def test_PIPE_11_nothing_due_gives_no_renewal_rate() -> None:
    """PIPE-11: nothing due gives no renewal rate."""
    assert renewal_rate([], MARCH).rate is None


def test_PIPE_12_on_site_closing_ratio_is_site_visits_closed_on_the_spot() -> None:
    """PIPE-12: on site closing ratio is site visits closed on the spot."""
    visits = [
        SiteVisit("A", dt.date(2026, 3, 1), closed_on_site=True),
        SiteVisit("B", dt.date(2026, 3, 1), closed_on_site=False),
        SiteVisit("C", dt.date(2026, 3, 2), closed_on_site=False),
        SiteVisit("D", dt.date(2026, 3, 8), closed_on_site=True),
        SiteVisit("E", dt.date(2026, 4, 1), closed_on_site=True),
    ]
    ratio = onsite_closing_ratio(visits, MARCH)
    assert (ratio, ratio.rate) == (Ratio(2, 4), Rate("0.5"))


def test_PIPE_12_site_visits_must_be_site_visit_values() -> None:
    """PIPE-12: site visits must be site visit values."""
    with pytest.raises(WrongType, match="site_visits"):
        onsite_closing_ratio([("A", dt.date(2026, 3, 1), True)], MARCH)  # type: ignore[list-item]


# -- X-21 / VISIT-9: reporting across stages ----------------------------------------------------


def test_X_21_the_pipeline_report_counts_every_stage_at_the_end_of_a_day() -> None:
    """X-21: the pipeline report counts every stage at the end of a day."""
    report = pipeline_report(sample_pipeline(), dt.date(2026, 3, 31), POLICY)
    assert (
        report.count("won"),
        report.count("prospect"),
        report.count("negotiation"),
        report.count("lost"),
        report.count("disqualified"),
        report.open,
    ) == (2, 1, 1, 1, 1, 2)


def test_X_21_an_opportunity_not_yet_opened_is_not_in_the_report() -> None:
    """X-21: an opportunity not yet opened is not in the report."""
    report = pipeline_report([lead(day=20)], dt.date(2026, 3, 19), POLICY)
    assert sum(count for _, count in report.counts) == 0


def test_VISIT_9_open_opportunities_idle_too_long_are_stale_longest_first() -> None:
    """VISIT-9: open opportunities idle too long are stale longest first."""
    policy = PipelinePolicy(stale_opportunity_days=14)
    opps = sample_pipeline()
    found = stale_opportunities(opps, dt.date(2026, 3, 31), policy)
    assert [(s.opportunity_id, s.stage, s.days_idle) for s in found] == [("o3", "prospect", 28)]
    assert found[0].reason.code == "opportunity_stale"


def test_VISIT_9_a_recent_visit_keeps_an_opportunity_fresh() -> None:
    """VISIT-9: a recent visit keeps an opportunity fresh."""
    policy = PipelinePolicy(stale_opportunity_days=14)
    found = stale_opportunities(
        sample_pipeline(), dt.date(2026, 3, 31), policy, last_activity={"o3": dt.date(2026, 3, 20)}
    )
    assert found == ()


def test_VISIT_9_without_a_configured_interval_nothing_can_be_stale() -> None:
    """VISIT-9: without a configured interval nothing can be stale."""
    with pytest.raises(PolicyError, match="stale_opportunity_days"):
        stale_opportunities([], dt.date(2026, 3, 31), POLICY)


def test_PIPE_1_an_opportunity_turns_into_json_ready_data() -> None:
    """PIPE-1: an opportunity turns into json ready data."""
    from salesdomain import jsonable

    data = jsonable(walk(lead(), Stage.PROSPECT))
    json.dumps(data)
    assert data["history"][0]["to_stage"] == "prospect"  # type: ignore[index, call-overload]


def test_every_reason_code_emitted_is_declared_and_every_declared_code_is_emitted() -> None:
    back = PipelinePolicy(allowed_back_transitions=[("negotiation", "presentation")])
    negotiating = walk(lead(), Stage.PROSPECT, Stage.PRESENTATION, Stage.NEGOTIATION)
    won = walk(lead(), *WON_PATH)
    decisions = [
        check_transition(lead(), "prospect", POLICY, qualification=QUALIFIED),
        check_transition(lead(), "prospect", POLICY),
        check_transition(
            lead(),
            "prospect",
            POLICY,
            qualification=Qualification(has_interest=False, has_need=True),
        ),
        check_transition(lead(), "won", POLICY),
        check_transition(walk(lead(), Stage.DISQUALIFIED), "lead", POLICY),
        check_transition(negotiating, "presentation", back),
        check_transition(won, "account_management", POLICY),
        check_transition(won, "account_management", POLICY, new_owner=REP),
    ]
    emitted = {reason.code for decision in decisions for reason in decision.reasons}
    stale = stale_opportunities(
        [lead()], dt.date(2026, 3, 31), PipelinePolicy(stale_opportunity_days=1)
    )
    emitted |= {item.reason.code for item in stale}
    assert emitted == REASON_CODES


# -- hypothesis properties ------------------------------------------------------------------------

ALL_STAGES = list(Stage)
FUNNEL_INDEX = {stage: index for index, stage in enumerate(POLICY.funnel)}
BACK_CANDIDATES = [
    (a, b)
    for a, b in itertools.product(POLICY.funnel, repeat=2)
    if FUNNEL_INDEX[b] <= FUNNEL_INDEX[a]
]


def random_walk(
    opp: Opportunity, targets: list[str], policy: PipelinePolicy, qualify: list[bool]
) -> Opportunity:
    for step, (target, ok) in enumerate(
        zip(targets, itertools.cycle(qualify or [True]), strict=False)
    ):
        try:
            opp = advance(
                opp,
                target,
                "s1",
                opp.last_event_at + dt.timedelta(hours=step + 1),
                policy,
                qualification=Qualification(has_interest=ok, has_need=True),
                new_owner=AE,
            )
        except IllegalTransition:
            continue
    return opp


def skips_qualification(opp: Opportunity, policy: PipelinePolicy) -> bool:
    gate = policy.qualification_stage
    assert gate is not None
    beyond = {s for s in policy.funnel if policy.funnel.index(s) > policy.funnel.index(gate)}
    seen_gate = False
    for stage, _ in opp.entries():
        if stage == gate:
            seen_gate = True
        elif stage == policy.initial_stage:
            seen_gate = False  # a move back to the lead must qualify again
        elif stage in beyond and not seen_gate:
            return True
    return False


@given(
    st.lists(st.sampled_from(ALL_STAGES), max_size=25),
    st.sets(st.sampled_from(BACK_CANDIDATES), max_size=5),
    st.lists(st.booleans(), max_size=5),
)
def test_property_PIPE_3_no_sequence_of_legal_transitions_skips_qualification(
    targets: list[str], back: set[tuple[str, str]], qualify: list[bool]
) -> None:
    policy = PipelinePolicy(allowed_back_transitions=sorted(back))
    opp = random_walk(lead(policy=policy), targets, policy, qualify)
    assert not skips_qualification(opp, policy)


FORWARD_CANDIDATES = [
    (a, b)
    for a, b in itertools.product(ALL_STAGES, repeat=2)
    if ALL_STAGES.index(b) > ALL_STAGES.index(a) and a not in (Stage.LOST, Stage.DISQUALIFIED)
]


@given(
    st.sets(st.sampled_from(FORWARD_CANDIDATES), max_size=4),
    st.lists(st.sampled_from(ALL_STAGES), max_size=25),
)
def test_property_PIPE_3_any_buildable_policy_keeps_every_walk_through_qualification(
    edges: set[tuple[str, str]], targets: list[str]
) -> None:
    try:
        policy = PipelinePolicy(transitions=sorted(edges | set(POLICY.transitions)))
    except PolicyError:
        return
    opp = random_walk(lead(policy=policy), targets, policy, [True])
    assert not skips_qualification(opp, policy)


@st.composite
def pipelines(draw: st.DrawFn) -> list[Opportunity]:
    count = draw(st.integers(min_value=0, max_value=8))
    opps = []
    for index in range(count):
        day = draw(st.integers(min_value=1, max_value=28))
        opened = open_opportunity(
            f"o{index}",
            owner="s1",
            source="cold_call",
            at=dt.datetime(2026, 2, 1, tzinfo=TZ) + dt.timedelta(days=day),
            policy=POLICY,
        )
        targets = draw(st.lists(st.sampled_from(ALL_STAGES), max_size=12))
        opps.append(random_walk(opened, targets, POLICY, [True]))
    return opps


@given(pipelines(), st.sampled_from(ALL_STAGES), st.sampled_from(ALL_STAGES))
def test_property_PIPE_1_conversion_rates_lie_between_zero_and_one(
    opps: list[Opportunity], source: str, target: str
) -> None:
    if source == target:
        return
    for period in (MARCH, Period.month(2026, 2), Period(dt.date(2026, 2, 10), dt.date(2026, 3, 5))):
        ratio = conversion_rate(opps, source, target, period, POLICY)
        closing = closing_ratio(opps, period, POLICY)
        for rate in (ratio.rate, closing.rate):
            assert rate is None or Decimal(0) <= rate.value <= Decimal(1)
        assert 0 <= ratio.numerator <= ratio.denominator <= len(opps)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_property_PIPE_11_a_ratio_rate_is_within_half_a_unit_of_the_twelfth_place(
    a: int, b: int
) -> None:
    numerator, denominator = sorted((a, b))
    rate = Ratio(numerator, denominator).rate
    if denominator == 0:
        assert rate is None
    else:
        assert rate is not None
        exact = Decimal(numerator) / Decimal(denominator)
        assert abs(rate.value - exact) <= Decimal("0.5E-12")
