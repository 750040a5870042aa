"""Tests of salesdomain.contracts (CONTRACT-1..8, X-10, X-11)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    HOTEL_LADDER,
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Approval,
    AuthorityLimits,
    CurrencyMismatch,
    Decision,
    Employee,
    FloatNotAllowed,
    IllegalTransition,
    InvalidInput,
    Money,
    Party,
    PolicyError,
    Rate,
    Reason,
    Role,
    RoleLadder,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.contracts import (
    DEFAULT_CHANGE_LIMITS,
    REASON_CODES,
    ChangeClass,
    ChangeDecision,
    ChangeKind,
    Contract,
    ContractChange,
    ContractChangePolicy,
    ContractEvent,
    ContractState,
    WorkContactForm,
    change_effective,
    contract_change_permission,
    outstanding_forms,
    review_contract,
    unsigned_contracts,
)

L = REAL_ESTATE_LADDER
CONSULTANT = L.get("property_consultant")
SUPERVISOR = L.get("sales_supervisor")
MANAGER = L.get("sales_manager")
DIRECTOR = L.get("marketing_director")

REP = Employee("c1", "小陈", CONSULTANT)
SUP = Employee("s1", "赵主管", SUPERVISOR)
MGR = Employee("m1", "李经理", MANAGER)
MGR2 = Employee("m2", "周经理", MANAGER)
DIR = Employee("d1", "王总监", DIRECTOR)
DAY = datetime.date(2026, 3, 2)

POLICY = ContractChangePolicy()
PAYMENT_METHOD = ContractChange(ChangeKind.CLAUSE_EDITED, clause="payment_method")
SPECIAL_PAYMENT_POLICY = ContractChangePolicy(
    limits={ChangeKind.UNIT_PRICE_CUT: AuthorityLimits({MANAGER: Decimal("0.05"), DIRECTOR: None})},
    special_kinds=["clause_edited:payment_method"],
)


def cut(rate: str) -> ContractChange:
    return ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal(rate))


def approval(role: Role, by: str, subject: ContractChange) -> Approval:
    return Approval(role, by, DAY, subject=subject)


# ------------------------------------------------------------- permission
def test_CONTRACT_4_three_percent_cut_within_the_managers_five_percent_needs_only_the_manager() -> (
    None
):
    decision = contract_change_permission(cut("0.03"), REP, POLICY)

    assert Verdict.NEEDS_APPROVAL == decision.verdict
    assert ChangeClass.WITHIN_AUTHORITY == decision.change_class
    assert (MANAGER,) == decision.approvers
    assert () == decision.notify_at_once
    assert ("change_within_authority",) == tuple(r.code for r in decision.reasons)


def test_CONTRACT_4_the_managers_limit_is_inclusive() -> None:
    assert (MANAGER,) == contract_change_permission(cut("0.05"), REP, POLICY).approvers


def test_CONTRACT_4_eight_percent_cut_goes_to_the_marketing_director_at_once() -> None:
    decision = contract_change_permission(cut("0.08"), REP, POLICY)

    assert ChangeClass.BEYOND_AUTHORITY == decision.change_class
    assert (MANAGER, DIRECTOR) == decision.approvers
    assert (DIRECTOR,) == decision.notify_at_once
    reason = decision.reasons[0]
    assert ("CONTRACT-4", "change_beyond_authority") == (reason.rule, reason.code)
    assert DIRECTOR == reason.param("escalate_to")
    assert "营销总监" == decision.approvers[-1].name_zh


def test_CONTRACT_5_payment_method_change_configured_as_special_needs_director_and_principal() -> (
    None
):
    decision = contract_change_permission(PAYMENT_METHOD, REP, SPECIAL_PAYMENT_POLICY)

    assert ChangeClass.SPECIAL == decision.change_class
    assert (MANAGER, DIRECTOR, PRINCIPAL_SIGNATORY) == decision.approvers
    assert (DIRECTOR, PRINCIPAL_SIGNATORY) == decision.notify_at_once
    assert "甲方负责人" == decision.approvers[-1].name_zh
    assert ("CONTRACT-5", "special_change") == (decision.reasons[0].rule, decision.reasons[0].code)


def test_CONTRACT_5_special_change_is_not_effective_with_the_director_alone() -> None:
    director_only = [approval(DIRECTOR, "d1", PAYMENT_METHOD)]

    effect = change_effective(PAYMENT_METHOD, director_only, REP, SPECIAL_PAYMENT_POLICY)

    assert effect.effective is False
    assert Verdict.NEEDS_APPROVAL == effect.verdict
    assert (MANAGER, PRINCIPAL_SIGNATORY) == effect.approvers


def test_CONTRACT_5_special_change_is_not_effective_without_the_principals_signature() -> None:
    own_side = [approval(MANAGER, "m1", PAYMENT_METHOD), approval(DIRECTOR, "d1", PAYMENT_METHOD)]

    effect = change_effective(PAYMENT_METHOD, own_side, REP, SPECIAL_PAYMENT_POLICY)

    assert effect.effective is False
    assert (PRINCIPAL_SIGNATORY,) == effect.approvers


def test_CONTRACT_5_special_change_is_effective_once_the_principal_signs_too() -> None:
    everyone = [
        approval(MANAGER, "m1", PAYMENT_METHOD),
        approval(DIRECTOR, "d1", PAYMENT_METHOD),
        approval(PRINCIPAL_SIGNATORY, "开发商张总", PAYMENT_METHOD),
    ]

    effect = change_effective(PAYMENT_METHOD, everyone, REP, SPECIAL_PAYMENT_POLICY)

    assert effect.effective is True
    assert Verdict.ALLOWED == effect.verdict
    assert "change_approved" == effect.reasons[0].code


def test_CONTRACT_5_nobody_stands_in_for_the_principal_signatory() -> None:
    stand_in = [
        approval(MANAGER, "m1", PAYMENT_METHOD),
        approval(DIRECTOR, "d1", PAYMENT_METHOD),
        approval(DIRECTOR, "d2", PAYMENT_METHOD),
    ]

    effect = change_effective(PAYMENT_METHOD, stand_in, REP, SPECIAL_PAYMENT_POLICY)

    assert effect.effective is False
    assert ("cannot_stand_in_for_outside",) == tuple(i.reason.code for i in effect.ignored)


def test_CONTRACT_4_change_approved_at_five_percent_then_raised_to_seven_is_no_longer_effective() -> (
    None
):
    five, seven = cut("0.05"), cut("0.07")
    approvals = [approval(MANAGER, "m1", five)]
    assert change_effective(five, approvals, REP, POLICY).effective is True

    effect = change_effective(seven, [*approvals, approval(DIRECTOR, "d1", seven)], REP, POLICY)

    assert effect.effective is False
    assert (MANAGER,) == effect.approvers
    (stale,) = effect.ignored
    assert ("SOD-4", "stale_subject") == (stale.reason.rule, stale.reason.code)
    assert "m1" == stale.reason.param("by")
    assert MANAGER == stale.reason.param("role")
    assert "unit_price_cut 7%" == stale.reason.param("subject")


def test_CONTRACT_4_an_approval_for_another_contract_does_not_count() -> None:
    mine = ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.03"), contract_id="HT-1")
    other = ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.03"), contract_id="HT-2")

    effect = change_effective(mine, [approval(MANAGER, "m1", other)], REP, POLICY)

    assert effect.effective is False


def test_CONTRACT_4_the_requester_never_approves_their_own_change() -> None:
    effect = change_effective(cut("0.03"), [approval(MANAGER, "m1", cut("0.03"))], MGR, POLICY)

    assert effect.effective is False
    assert "self_approval" == effect.ignored[0].reason.code


def test_CONTRACT_4_a_higher_role_may_fill_the_managers_step_but_not_twice() -> None:
    change = cut("0.08")
    one_person = [approval(DIRECTOR, "d1", change), approval(MANAGER, "d1", change)]

    assert change_effective(change, one_person, REP, POLICY).effective is False
    two_directors = [approval(DIRECTOR, "d1", change), approval(DIRECTOR, "d2", change)]
    assert change_effective(change, two_directors, REP, POLICY).effective is True


def test_CONTRACT_4_a_lower_role_never_fills_the_managers_step() -> None:
    effect = change_effective(cut("0.03"), [approval(SUPERVISOR, "s1", cut("0.03"))], REP, POLICY)

    assert effect.effective is False
    assert "role_too_low" == effect.ignored[0].reason.code


def test_X_10_a_kind_the_policy_does_not_list_is_beyond_authority() -> None:
    change = ContractChange(ChangeKind.CLAUSE_ADDED, clause="gift_package")

    decision = contract_change_permission(change, REP, POLICY)

    assert ChangeClass.BEYOND_AUTHORITY == decision.change_class
    assert (MANAGER, DIRECTOR) == decision.approvers
    assert "change_kind_not_configured" == decision.reasons[0].code


def test_X_10_an_empty_policy_sends_every_change_to_the_director() -> None:
    empty = ContractChangePolicy(limits={}, special_kinds=())

    for change in (cut("0.001"), ContractChange(ChangeKind.PAYMENT_DEFERRAL, 1)):
        assert (
            ChangeClass.BEYOND_AUTHORITY
            == contract_change_permission(change, REP, empty).change_class
        )


def test_X_11_a_special_change_within_the_managers_limit_still_goes_to_the_director() -> None:
    policy = ContractChangePolicy(special_kinds=[ChangeKind.UNIT_PRICE_CUT])

    decision = contract_change_permission(cut("0.01"), REP, policy)

    assert ChangeClass.SPECIAL == decision.change_class
    assert (MANAGER, DIRECTOR, PRINCIPAL_SIGNATORY) == decision.approvers


def test_X_11_change_classes_are_nested_in_order() -> None:
    assert [ChangeClass.WITHIN_AUTHORITY, ChangeClass.BEYOND_AUTHORITY, ChangeClass.SPECIAL] == (
        sorted([ChangeClass.SPECIAL, ChangeClass.WITHIN_AUTHORITY, ChangeClass.BEYOND_AUTHORITY])
    )
    assert [0, 1, 2] == [c.level for c in ChangeClass]


def test_CONTRACT_5_default_special_kinds_are_party_and_unit_swaps_and_payment_method() -> None:
    for change in (ContractChange("party_swap"), ContractChange("unit_swap"), PAYMENT_METHOD):
        assert ChangeClass.SPECIAL == contract_change_permission(change, REP, POLICY).change_class


def test_CONTRACT_4_a_clause_type_listed_on_its_own_overrides_its_kind() -> None:
    policy = ContractChangePolicy(
        limits={
            "clause_edited": AuthorityLimits({DIRECTOR: None}),
            "clause_edited:signing_date": AuthorityLimits({MANAGER: 0}),
        },
        special_kinds=(),
    )
    signing = ContractChange(ChangeKind.CLAUSE_EDITED, clause="signing_date")
    other = ContractChange(ChangeKind.CLAUSE_EDITED, clause="penalty")

    assert (MANAGER,) == contract_change_permission(signing, REP, policy).approvers
    assert (MANAGER, DIRECTOR) == contract_change_permission(other, REP, policy).approvers


def test_CONTRACT_4_a_combined_change_takes_the_strictest_route() -> None:
    combined = ContractChange.combined(cut("0.03"), ContractChange(ChangeKind.PAYMENT_DEFERRAL, 30))

    decision = contract_change_permission(combined, REP, POLICY)

    assert ChangeClass.BEYOND_AUTHORITY == decision.change_class
    assert (MANAGER, DIRECTOR) == decision.approvers
    assert ["change_beyond_authority", "change_within_authority"] == [
        r.code for r in decision.reasons
    ]
    assert "payment_deferral 30 days + unit_price_cut 3%" == str(combined)


def test_CONTRACT_4_the_same_parts_combined_in_any_order_are_the_same_change() -> None:
    deferral = ContractChange(ChangeKind.PAYMENT_DEFERRAL, 30)
    one, other = (
        ContractChange.combined(cut("0.03"), deferral),
        ContractChange.combined(deferral, cut("0.03")),
    )
    approvals = [approval(MANAGER, "m1", one), approval(DIRECTOR, "d1", one)]

    assert one == other
    assert change_effective(other, approvals, REP, POLICY).effective is True


def test_CONTRACT_4_a_change_beyond_every_limit_is_rejected_and_never_takes_effect() -> None:
    decision = contract_change_permission(cut("0.12"), REP, POLICY)

    assert Verdict.REJECTED == decision.verdict
    assert () == decision.approvers
    assert "change_beyond_every_limit" == decision.reasons[0].code
    effect = change_effective(cut("0.12"), [approval(DIRECTOR, "d1", cut("0.12"))], REP, POLICY)
    assert (False, Verdict.REJECTED) == (effect.effective, effect.verdict)
    assert "change_cannot_take_effect" == effect.reasons[-1].code


def test_CONTRACT_4_a_hotel_policy_escalates_to_the_general_manager() -> None:
    h = HOTEL_LADDER
    manager, gm = h.get("sales_manager"), h.get("general_manager")
    limits = AuthorityLimits({manager: Decimal("0.05"), gm: None})
    policy = ContractChangePolicy(ladder=h, limits={"unit_price_cut": limits}, special_kinds=())
    rep = Employee("r1", "rep", h.get("sales_rep"))

    decision = contract_change_permission(cut("0.08"), rep, policy)

    assert (manager, gm) == decision.approvers
    assert gm == policy.escalation_role


@pytest.mark.parametrize(
    ("currency", "amount", "expected"),
    [
        ("JPY", "20000", (MANAGER,)),
        ("CNY", "20000.01", (MANAGER, DIRECTOR)),
        ("KWD", "20000.001", (MANAGER, DIRECTOR)),
    ],
)
def test_CONTRACT_4_total_price_cut_by_amount_is_measured_in_the_policys_currency(
    currency: str, amount: str, expected: tuple[Role, ...]
) -> None:
    policy = ContractChangePolicy(currency=currency)
    change = ContractChange(ChangeKind.TOTAL_PRICE_CUT_AMOUNT, Money(amount, currency))

    assert expected == contract_change_permission(change, REP, policy).approvers


def test_CONTRACT_4_an_amount_in_another_currency_is_refused() -> None:
    change = ContractChange(ChangeKind.TOTAL_PRICE_CUT_AMOUNT, Money("100", "JPY"))

    with pytest.raises(CurrencyMismatch, match="size"):
        contract_change_permission(change, REP, POLICY)


def test_CONTRACT_4_decisions_turn_into_plain_json() -> None:
    decision = contract_change_permission(PAYMENT_METHOD, REP, POLICY)
    effect = change_effective(
        PAYMENT_METHOD, [approval(DIRECTOR, "d1", PAYMENT_METHOD)], REP, POLICY
    )

    data = json.loads(json.dumps([decision.to_dict(), effect.to_dict()]))

    assert "special" == data[0]["change_class"]
    assert ["marketing_director", "principal_signatory"] == data[0]["notify_at_once"]
    assert "payment_method" == data[1]["filled"][0][1]["subject"]["clause"]


# ----------------------------------------------------------- change errors
def test_CONTRACT_4_a_sized_kind_without_a_size_is_refused() -> None:
    with pytest.raises(InvalidInput, match="size"):
        ContractChange(ChangeKind.PAYMENT_DEFERRAL)


def test_CONTRACT_4_a_float_size_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match="size"):
        ContractChange(ChangeKind.UNIT_PRICE_CUT, 0.05)  # type: ignore[arg-type]


def test_CONTRACT_4_a_rate_above_one_is_refused() -> None:
    with pytest.raises(InvalidInput, match="size"):
        cut("1.5")


def test_CONTRACT_4_a_sizeless_kind_with_a_size_is_refused() -> None:
    with pytest.raises(InvalidInput, match="size"):
        ContractChange(ChangeKind.UNIT_SWAP, 3)


def test_CONTRACT_4_an_amount_cut_needs_money() -> None:
    with pytest.raises(WrongType, match="size"):
        ContractChange(ChangeKind.TOTAL_PRICE_CUT_AMOUNT, Decimal("100"))


def test_CONTRACT_4_a_clause_kind_needs_its_clause_type() -> None:
    with pytest.raises(InvalidInput, match="clause"):
        ContractChange(ChangeKind.CLAUSE_REMOVED)


def test_CONTRACT_4_only_clause_kinds_take_a_clause_type() -> None:
    with pytest.raises(InvalidInput, match="clause"):
        ContractChange(ChangeKind.UNIT_SWAP, clause="unit")


def test_CONTRACT_4_an_unknown_kind_is_refused() -> None:
    with pytest.raises(UnknownEntity, match="kind"):
        ContractChange("price_hike")


def test_CONTRACT_4_a_combined_change_may_not_repeat_a_kind() -> None:
    with pytest.raises(InvalidInput, match="also"):
        ContractChange.combined(cut("0.01"), cut("0.02"))


def test_CONTRACT_4_a_combined_change_may_not_span_two_contracts() -> None:
    a = ContractChange(ChangeKind.UNIT_SWAP, contract_id="HT-1")
    b = ContractChange(ChangeKind.PARTY_SWAP, contract_id="HT-2")

    with pytest.raises(InvalidInput, match="contract_id"):
        ContractChange.combined(a, b)


def test_CONTRACT_4_combining_flattens_and_keeps_the_contract() -> None:
    a = ContractChange(ChangeKind.UNIT_SWAP, contract_id="HT-1")
    b = ContractChange(ChangeKind.PARTY_SWAP)

    combined = ContractChange.combined(ContractChange.combined(a), b)

    assert ("HT-1", "HT-1") == tuple(part.contract_id for part in combined.parts)
    assert 2 == len(combined.parts)


def test_CONTRACT_4_the_requester_must_be_an_employee_of_the_ladder() -> None:
    with pytest.raises(WrongType, match="requester"):
        contract_change_permission(cut("0.01"), "c1", POLICY)  # type: ignore[arg-type]
    with pytest.raises(UnknownEntity, match="requester"):
        contract_change_permission(
            cut("0.01"), Employee("h1", "hotel", HOTEL_LADDER.get("sales_rep")), POLICY
        )


# ------------------------------------------------------------- policy errors
def test_X_10_policy_refuses_an_escalation_role_not_above_the_manager() -> None:
    with pytest.raises(PolicyError, match="escalation_role"):
        ContractChangePolicy(escalation_role=SUPERVISOR)


@pytest.mark.parametrize(
    ("manager_role", "field"),
    [(HOTEL_LADDER.get("sales_manager"), "manager_role"), (DIRECTOR, "escalation_role")],
)
def test_X_10_policy_needs_a_manager_on_its_ladder_with_someone_above(
    manager_role: Role, field: str
) -> None:
    with pytest.raises(PolicyError, match=field):
        ContractChangePolicy(manager_role=manager_role)


def test_CONTRACT_5_policy_refuses_an_own_company_signatory() -> None:
    with pytest.raises(PolicyError, match="principal_signatory_role"):
        ContractChangePolicy(principal_signatory_role=DIRECTOR)


def test_X_10_policy_refuses_limits_naming_roles_off_its_ladder() -> None:
    hotel_limits = AuthorityLimits({HOTEL_LADDER.get("sales_manager"): Decimal("0.05")})

    with pytest.raises(PolicyError, match="limits"):
        ContractChangePolicy(limits={"unit_price_cut": hotel_limits})


def test_X_10_policy_refuses_an_unknown_change_kind() -> None:
    with pytest.raises(UnknownEntity, match="limits key"):
        ContractChangePolicy(limits={"discount": AuthorityLimits({MANAGER: 1})})


def test_X_10_policy_refuses_a_clause_type_on_a_sized_kind() -> None:
    with pytest.raises(InvalidInput, match="special_kinds"):
        ContractChangePolicy(special_kinds=["unit_price_cut:vip"])


def test_X_10_policy_refuses_an_unknown_currency() -> None:
    with pytest.raises(PolicyError, match="currency"):
        ContractChangePolicy(currency="XXY")


def test_CONTRACT_3_policy_refuses_a_clause_both_required_and_forbidden() -> None:
    with pytest.raises(PolicyError, match="forbidden_clauses"):
        ContractChangePolicy(required_clauses=["penalty"], forbidden_clauses=["penalty"])


def test_X_10_policy_on_a_ladder_without_sales_manager_needs_manager_role() -> None:
    from salesdomain import RoleLadder

    ladder = RoleLadder((Role("agent", 1), Role("boss", 2), PRINCIPAL_SIGNATORY))
    with pytest.raises(PolicyError, match="manager_role"):
        ContractChangePolicy(ladder=ladder, limits={})

    policy = ContractChangePolicy(ladder=ladder, limits={}, manager_role=ladder.get("agent"))
    assert ladder.get("boss") == policy.escalation_role


def test_X_10_policy_reports_several_problems_at_once() -> None:
    with pytest.raises(PolicyError) as caught:
        ContractChangePolicy(escalation_role=CONSULTANT, currency="XXY")

    assert {"escalation_role", "currency"} == {key for key, _ in caught.value.errors}


def test_X_10_default_limits_are_the_illustrative_ones() -> None:
    assert DEFAULT_CHANGE_LIMITS == POLICY.limits
    assert Decimal("0.05") == dict(POLICY.limits)["unit_price_cut"].limit_of(MANAGER)


# ---------------------------------------------------------------- contracts
def drafted(**extra: object) -> Contract:
    return Contract("HT-1", REP, drafted_at=DAY, clauses=["price", "delivery_date"], **extra)


def passed(contract: Contract, policy: ContractChangePolicy = POLICY) -> Decision:
    return review_contract(contract, [Decision(Verdict.ALLOWED)], policy)


def test_CONTRACT_2_a_contract_goes_from_draft_to_completed_naming_who_and_when() -> None:
    days = [DAY + datetime.timedelta(days=n) for n in range(6)]
    c = drafted()

    c = c.submit(REP, days[0])
    c = c.approve(MGR, days[1], review=passed(c), policy=POLICY)
    c = c.sign(REP, days[2]).start_execution(REP, days[3]).complete(MGR, days[4])

    assert ContractState.COMPLETED == c.state
    expected = [
        ("submit", ContractState.UNDER_REVIEW, "c1", days[0]),
        ("approve", ContractState.APPROVED, "m1", days[1]),
        ("sign", ContractState.SIGNED, "c1", days[2]),
        ("start_execution", ContractState.EXECUTING, "c1", days[3]),
        ("complete", ContractState.COMPLETED, "m1", days[4]),
    ]
    assert expected == [(e.action, e.state, e.by.id, e.at) for e in c.history]
    assert (days[1], days[2]) == (c.approved_at, c.signed_at)


def test_CONTRACT_2_transitions_leave_the_original_unchanged() -> None:
    c = drafted()

    c.submit(REP, DAY)

    assert (ContractState.DRAFT, ()) == (c.state, c.history)


@pytest.mark.parametrize("state_path", [(), ("submit",)])
def test_CONTRACT_2_signing_an_unapproved_contract_raises(state_path: tuple[str, ...]) -> None:
    c = drafted()
    for step in state_path:
        c = getattr(c, step)(REP, DAY)

    with pytest.raises(IllegalTransition, match="not been approved"):
        c.sign(REP, DAY)


def test_CONTRACT_2_only_the_manager_or_above_approves() -> None:
    c = drafted().submit(REP, DAY)

    with pytest.raises(IllegalTransition, match="sales_supervisor may not approve"):
        c.approve(SUP, DAY, review=passed(c), policy=POLICY)
    assert ContractState.APPROVED == c.approve(DIR, DAY, review=passed(c), policy=POLICY).state


def test_CONTRACT_2_the_drafter_cannot_approve_their_own_contract() -> None:
    c = Contract("HT-2", MGR, drafted_at=DAY).submit(MGR, DAY)

    with pytest.raises(IllegalTransition, match="drafter"):
        c.approve(MGR, DAY, review=passed(c), policy=POLICY)


def test_CONTRACT_2_a_rejected_review_blocks_approval() -> None:
    c = drafted().submit(REP, DAY)
    review = review_contract(c, [Decision(Verdict.REJECTED)], POLICY)

    with pytest.raises(IllegalTransition, match="review rejected"):
        c.approve(MGR, DAY, review=review, policy=POLICY)


def test_CONTRACT_2_a_price_needing_the_director_needs_the_directors_approval_too() -> None:
    c = drafted().submit(REP, DAY)
    price_check = Decision(
        Verdict.NEEDS_APPROVAL, (Reason("PRICE-5", "needs_approval"),), (DIRECTOR,)
    )
    review = review_contract(c, [price_check], POLICY)
    assert (MANAGER, DIRECTOR) == review.approvers

    with pytest.raises(IllegalTransition, match="marketing_director"):
        c.approve(MGR, DAY, review=review, policy=POLICY)
    approved = c.approve(
        MGR, DAY, review=review, policy=POLICY, approvals=[Approval(DIRECTOR, "d1", DAY)]
    )
    assert ContractState.APPROVED == approved.state


def test_CONTRACT_2_a_rejected_contract_is_revised_and_resubmitted() -> None:
    c = drafted().submit(REP, DAY).reject(MGR, DAY, policy=POLICY)

    c = c.revise(REP, DAY).submit(REP, DAY)

    assert ContractState.UNDER_REVIEW == c.state
    with pytest.raises(IllegalTransition, match="may not reject"):
        c.reject(REP, DAY, policy=POLICY)


def test_CONTRACT_2_a_completed_contract_cannot_be_cancelled() -> None:
    c = drafted().submit(REP, DAY)
    c = c.approve(MGR, DAY, review=passed(c), policy=POLICY).sign(REP, DAY)
    c = c.start_execution(REP, DAY).complete(REP, DAY)

    with pytest.raises(IllegalTransition, match="cannot be cancelled"):
        c.cancel(MGR, DAY)
    assert ContractState.CANCELLED == drafted().cancel(MGR, DAY).state


def test_CONTRACT_2_a_step_dated_before_the_previous_one_is_refused() -> None:
    c = drafted().submit(REP, DAY + datetime.timedelta(days=3))

    with pytest.raises(InvalidInput, match="at"):
        c.reject(MGR, DAY, policy=POLICY)


def test_CONTRACT_2_a_contract_state_must_match_its_history() -> None:
    with pytest.raises(InvalidInput, match="state"):
        drafted(state=ContractState.SIGNED)


def test_CONTRACT_2_contracts_compare_by_id() -> None:
    assert drafted() == drafted().submit(REP, DAY)
    assert 1 == len({drafted(), drafted().submit(REP, DAY)})


def test_CONTRACT_2_the_actor_must_be_an_employee() -> None:
    with pytest.raises(WrongType, match="by"):
        drafted().submit("c1", DAY)  # type: ignore[arg-type]


def test_CONTRACT_2_a_datetime_is_not_a_date() -> None:
    with pytest.raises(WrongType, match="at"):
        drafted().submit(REP, datetime.datetime(2026, 3, 2, 9, 0))


@given(
    st.lists(
        st.sampled_from(
            [
                "submit",
                "approve",
                "reject",
                "revise",
                "sign",
                "start_execution",
                "complete",
                "cancel",
            ]
        ),
        max_size=12,
    )
)
def test_CONTRACT_2_no_sequence_of_legal_steps_signs_without_an_approval(
    actions: list[str],
) -> None:
    c = drafted()
    for action in actions:
        try:
            if action == "approve":
                c = c.approve(MGR, DAY, review=passed(c), policy=POLICY)
            elif action == "reject":
                c = c.reject(MGR, DAY, policy=POLICY)
            else:
                c = getattr(c, action)(REP, DAY)
        except IllegalTransition:
            continue
    states = [e.state for e in c.history]
    for index, state in enumerate(states):
        if state is ContractState.SIGNED:
            assert ContractState.APPROVED == states[index - 1]


# ------------------------------------------------------------------- review
def test_CONTRACT_3_a_missing_required_clause_rejects_the_review() -> None:
    policy = ContractChangePolicy(required_clauses=["price", "penalty"])

    review = review_contract(drafted(), [], policy)

    assert Verdict.REJECTED == review.verdict
    assert ("penalty",) == review.missing_clauses
    assert [("CONTRACT-3", "required_clause_missing")] == [(r.rule, r.code) for r in review.reasons]
    assert () == review.approvers


def test_CONTRACT_3_a_forbidden_clause_rejects_the_review() -> None:
    policy = ContractChangePolicy(forbidden_clauses=["delivery_date"])

    review = review_contract(drafted(), [], policy)

    assert ("delivery_date",) == review.forbidden_found
    assert "forbidden_clause_present" == review.reasons[0].code


def test_CONTRACT_2_review_passes_other_rules_reasons_through() -> None:
    floor = Reason("PRICE-4", "below_floor", {"price": Money("699.99"), "floor": Money("700")})
    price_check = Decision(Verdict.REJECTED, (floor,))

    review = review_contract(drafted(), [Decision(Verdict.ALLOWED), price_check], POLICY)

    assert Verdict.REJECTED == review.verdict
    assert "review_check_not_allowed" == review.reasons[0].code
    assert 1 == review.reasons[0].param("check")
    assert ("PRICE-4",) == review.reasons[0].param("rules")
    assert floor == review.reasons[1]
    assert (Decision(Verdict.ALLOWED), price_check) == review.checks


def test_CONTRACT_2_a_clean_review_is_allowed_and_names_the_manager() -> None:
    review = review_contract(drafted(), [Decision(Verdict.ALLOWED)], POLICY)

    assert (Verdict.ALLOWED, (MANAGER,)) == (review.verdict, review.approvers)
    assert "contract_review_passed" == review.reasons[0].code


def test_CONTRACT_2_review_checks_must_be_decisions() -> None:
    with pytest.raises(WrongType, match="checks"):
        review_contract(drafted(), [Verdict.ALLOWED], POLICY)  # type: ignore[list-item]


# --------------------------------------------------------- won bid, chasing
def test_CONTRACT_6_a_won_bid_opens_a_draft_contract() -> None:
    c = Contract.from_won_bid(
        "B-9", Money("880000"), DAY, contract_id="HT-9", drafted_by=REP, drafted_at=DAY
    )

    assert ("B-9", Money("880000"), ContractState.DRAFT) == (c.bid_id, c.amount, c.state)


def test_CONTRACT_6_a_contract_is_not_drafted_before_the_bid_was_won() -> None:
    with pytest.raises(InvalidInput, match="drafted_at"):
        Contract.from_won_bid(
            "B-9",
            Money("1"),
            DAY,
            contract_id="HT-9",
            drafted_by=REP,
            drafted_at=DAY - datetime.timedelta(days=1),
        )


def test_CONTRACT_7_outstanding_forms_are_those_not_yet_acknowledged() -> None:
    a = WorkContactForm("LX-2", "换房申请", issued_by=MGR, issued_on=DAY)
    b = WorkContactForm("LX-1", "付款方式变更", issued_by=MGR, issued_on=DAY)
    later = DAY + datetime.timedelta(days=2)
    c = WorkContactForm("LX-3", "更名", issued_by=MGR, issued_on=DAY).acknowledge(later)
    not_yet = WorkContactForm("LX-4", "延期交房", issued_by=MGR, issued_on=later)

    assert ["LX-1", "LX-2", "LX-3"] == [f.id for f in outstanding_forms([a, b, c, not_yet], DAY)]
    assert ["LX-1", "LX-2", "LX-4"] == [f.id for f in outstanding_forms([a, b, c, not_yet], later)]
    assert Party.PRINCIPAL == a.to_party


def test_CONTRACT_7_a_form_is_acknowledged_only_once() -> None:
    form = WorkContactForm("LX-1", "更名", issued_by=MGR, issued_on=DAY).acknowledge(DAY)

    with pytest.raises(IllegalTransition, match="already acknowledged"):
        form.acknowledge(DAY)


def test_CONTRACT_7_a_form_needs_a_subject() -> None:
    with pytest.raises(InvalidInput, match="subject"):
        WorkContactForm("LX-1", " ", issued_by=MGR, issued_on=DAY)


def test_CONTRACT_8_unsigned_contracts_are_the_approved_ones_not_yet_signed() -> None:
    day = [DAY + datetime.timedelta(days=n) for n in range(5)]

    def approved(cid: str, on: datetime.date) -> Contract:
        c = Contract(cid, REP, drafted_at=DAY).submit(REP, DAY)
        return c.approve(MGR, on, review=passed(c), policy=POLICY)

    late = approved("HT-3", day[1])
    early = approved("HT-2", day[0])
    signed_later = approved("HT-1", day[0]).sign(REP, day[3])
    draft = Contract("HT-4", REP, drafted_at=DAY)

    everything = [late, early, signed_later, draft]
    assert ["HT-1", "HT-2", "HT-3"] == [c.id for c in unsigned_contracts(everything, day[2])]
    assert ["HT-2", "HT-3"] == [c.id for c in unsigned_contracts(everything, day[4])]
    assert [] == list(unsigned_contracts(everything, DAY - datetime.timedelta(days=1)))


def test_CONTRACT_8_duplicate_contracts_are_refused() -> None:
    with pytest.raises(InvalidInput, match="contracts"):
        unsigned_contracts([drafted(), drafted()], DAY)


# ----------------------------------------------------------------- properties
SIZED: dict[ChangeKind, Callable[[int], Decimal | int | Money]] = {
    ChangeKind.UNIT_PRICE_CUT: lambda n: Decimal(n) / 1000,
    ChangeKind.TOTAL_PRICE_CUT_RATE: lambda n: Decimal(n) / 1000,
    ChangeKind.PAYMENT_DEFERRAL: lambda n: n,
    ChangeKind.DELIVERY_DELAY: lambda n: n,
    ChangeKind.TOTAL_PRICE_CUT_AMOUNT: lambda n: Money(n * 200),
}


@st.composite
def policies(draw: st.DrawFn) -> ContractChangePolicy:
    limits = {}
    for kind in draw(st.sets(st.sampled_from(list(SIZED)))):
        manager = draw(st.integers(0, 1000))
        director = draw(st.one_of(st.none(), st.integers(manager, 1000)))
        scale = SIZED[kind]
        limits[kind] = AuthorityLimits(
            {
                MANAGER: _measure(scale(manager)),
                DIRECTOR: None if director is None else _measure(scale(director)),
            }
        )
    special = draw(st.sets(st.sampled_from([*SIZED, ChangeKind.UNIT_SWAP])))
    return ContractChangePolicy(limits=limits, special_kinds=special)


def _measure(size: object) -> Decimal:
    if isinstance(size, Money):
        return size.amount
    return Decimal(str(size))


def single(kind: ChangeKind, n: int) -> ContractChange:
    return ContractChange(kind, SIZED[kind](n))


@st.composite
def changes(draw: st.DrawFn) -> ContractChange:
    kinds = draw(st.lists(st.sampled_from(list(SIZED)), min_size=1, max_size=3, unique=True))
    parts = [single(kind, draw(st.integers(0, 1000))) for kind in kinds]
    if draw(st.booleans()):
        parts.append(ContractChange(ChangeKind.UNIT_SWAP))
    return ContractChange.combined(*parts)


def strictness(decision: ChangeDecision) -> tuple[int, int, int, int]:
    own = [r.rank for r in decision.approvers if not r.outside]
    outside = sum(1 for r in decision.approvers if r.outside)
    return (decision.verdict.severity, decision.change_class.level, max(own, default=0), outside)


def covers(larger: ChangeDecision, smaller: ChangeDecision) -> bool:
    if larger.rejected:
        return True
    if smaller.rejected:
        return False
    return set(smaller.approvers) <= set(larger.approvers) and all(
        a <= b for a, b in zip(strictness(smaller), strictness(larger), strict=True)
    )


@given(policies(), st.sampled_from(list(SIZED)), st.integers(0, 1000), st.integers(0, 1000))
def test_CONTRACT_4_a_larger_change_of_the_same_kind_never_needs_fewer_or_lower_approvers(
    policy: ContractChangePolicy, kind: ChangeKind, a: int, b: int
) -> None:
    small, large = sorted((a, b))

    smaller = contract_change_permission(single(kind, small), REP, policy)
    larger = contract_change_permission(single(kind, large), REP, policy)

    assert covers(larger, smaller)


@given(
    policies(), changes(), st.sampled_from([*SIZED, ChangeKind.PARTY_SWAP]), st.integers(0, 1000)
)
def test_CONTRACT_4_adding_a_kind_to_a_change_never_relaxes_its_route(
    policy: ContractChangePolicy, change: ContractChange, extra: ChangeKind, n: int
) -> None:
    if any(part.kind is extra for part in change.parts):
        return
    part = ContractChange(extra) if extra is ChangeKind.PARTY_SWAP else single(extra, n)

    before = contract_change_permission(change, REP, policy)
    after = contract_change_permission(ContractChange.combined(change, part), REP, policy)

    assert covers(after, before)


@given(policies(), changes(), st.data())
def test_CONTRACT_5_a_change_is_effective_exactly_when_every_step_is_signed(
    policy: ContractChangePolicy, change: ContractChange, data: st.DataObject
) -> None:
    decision = contract_change_permission(change, REP, policy)
    if decision.rejected:
        return
    signatures = [approval(step, f"p{i}", change) for i, step in enumerate(decision.approvers)]

    assert change_effective(change, signatures, REP, policy).effective is True
    dropped = data.draw(st.integers(0, len(signatures) - 1))
    partial = signatures[:dropped] + signatures[dropped + 1 :]
    effect = change_effective(change, partial, REP, policy)
    assert effect.effective is False
    assert decision.approvers[dropped] in effect.approvers


# ----------------------------------------------------------------- reason codes
def test_every_reason_code_emitted_is_declared_and_every_declared_code_is_reachable() -> None:
    special = SPECIAL_PAYMENT_POLICY
    upstream = Reason("PRICE-4", "below_floor")
    decisions: list[Decision] = [
        contract_change_permission(cut("0.03"), REP, POLICY),
        contract_change_permission(cut("0.08"), REP, POLICY),
        contract_change_permission(cut("0.2"), REP, POLICY),
        contract_change_permission(ContractChange("clause_added", clause="gift"), REP, POLICY),
        contract_change_permission(PAYMENT_METHOD, REP, special),
        change_effective(cut("0.2"), [], REP, POLICY),
        change_effective(cut("0.03"), [approval(MANAGER, "m1", cut("0.03"))], REP, POLICY),
        change_effective(
            PAYMENT_METHOD,
            [
                approval(MANAGER, "c1", PAYMENT_METHOD),
                approval(SUPERVISOR, "s1", PAYMENT_METHOD),
                approval(DIRECTOR, "d1", PAYMENT_METHOD),
                approval(DIRECTOR, "d1", PAYMENT_METHOD),
                approval(MANAGER, "m1", cut("0.01")),
            ],
            REP,
            special,
        ),
        change_effective(
            cut("0.03"),
            [
                approval(MANAGER, "m1", cut("0.03")),
                approval(MANAGER, "m2", cut("0.03")),
                approval(PRINCIPAL_SIGNATORY, "dev", cut("0.03")),
            ],
            REP,
            POLICY,
        ),
        change_effective(
            PAYMENT_METHOD,
            [
                approval(MANAGER, "m1", PAYMENT_METHOD),
                approval(DIRECTOR, "d1", PAYMENT_METHOD),
                approval(DIRECTOR, "d2", PAYMENT_METHOD),
            ],
            REP,
            special,
        ),
        review_contract(drafted(), [Decision(Verdict.ALLOWED)], POLICY),
        review_contract(
            drafted(),
            [Decision(Verdict.REJECTED, (upstream,))],
            ContractChangePolicy(required_clauses=["penalty"], forbidden_clauses=["price"]),
        ),
    ]

    emitted = {r.code for d in decisions for r in d.reasons if r is not upstream}

    assert emitted <= REASON_CODES
    assert REASON_CODES == emitted


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value in words a user can act on: the messages
# are asserted whole, so a changed field name, value or wording fails here.
BIG_LADDER = RoleLadder(
    (
        Role("agent", 1),
        Role("sales_manager", 2),
        Role("director", 3),
        Role("ceo", 4),
        PRINCIPAL_SIGNATORY,
    )
)
BIG_MANAGER, BIG_DIRECTOR, BIG_CEO = (
    BIG_LADDER.get(c) for c in ("sales_manager", "director", "ceo")
)
BIG_AGENT = Employee("a1", "agent", BIG_LADDER.get("agent"))
THREE_STEP_POLICY = ContractChangePolicy(
    ladder=BIG_LADDER,
    limits={
        "unit_price_cut": AuthorityLimits(
            {BIG_MANAGER: Decimal("0.05"), BIG_DIRECTOR: Decimal("0.10"), BIG_CEO: Decimal("0.20")}
        )
    },
)


NO_MANAGER_LADDER = RoleLadder((Role("agent", 1), Role("boss", 2), PRINCIPAL_SIGNATORY))
MANAGER_AT_TOP_LADDER = RoleLadder(
    (Role("agent", 1), Role("sales_manager", 2), PRINCIPAL_SIGNATORY)
)
HOTEL_MANAGER = HOTEL_LADDER.get("sales_manager")


def _under_review() -> Contract:
    return drafted().submit(REP, DAY)


def _event(action: str, state: str, at: datetime.date = DAY) -> ContractEvent:
    return ContractEvent(action, state, by=REP, at=at)


def _form(**extra: object) -> WorkContactForm:
    return WorkContactForm("LX-1", "换房", issued_by=MGR, issued_on=DAY, **extra)


BAD_CONTRACT_INPUTS = [
    pytest.param(
        lambda: ContractChange("price_hike"),
        UnknownEntity,
        "kind: not a change kind (known: unit_price_cut, total_price_cut_rate, total_price_cut_amount, payment_deferral, delivery_delay, clause_added, clause_removed, clause_edited, party_swap, unit_swap), got 'price_hike'",
        id="kind_unknown",
    ),
    pytest.param(
        lambda: ContractChange(7),
        WrongType,
        "kind: expected a ChangeKind, got int 7",
        id="kind_wrong_type",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.CLAUSE_ADDED, clause="Gift Box"),
        InvalidInput,
        "clause: a clause type must be a lower_snake_case code, got 'Gift Box'",
        id="clause_not_snake",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.CLAUSE_ADDED, clause=3),
        WrongType,
        "clause: expected a non-empty str, got int 3",
        id="clause_not_text",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.CLAUSE_REMOVED),
        InvalidInput,
        "clause: clause_removed needs the clause type (e.g. 'payment_method'), got None",
        id="clause_missing",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_SWAP, clause="unit"),
        InvalidInput,
        "clause: unit_swap takes no clause type, got 'unit'",
        id="clause_on_sized_kind",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_SWAP, 3),
        InvalidInput,
        "size: unit_swap has no size, got 3",
        id="size_on_sizeless",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.CLAUSE_EDITED, 3, clause="price"),
        InvalidInput,
        "size: clause_edited has no size, got 3",
        id="size_on_clause_kind",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_PRICE_CUT),
        InvalidInput,
        "size: unit_price_cut needs a rate (a fraction such as Decimal('0.05')), got None",
        id="size_missing_rate",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.TOTAL_PRICE_CUT_AMOUNT),
        InvalidInput,
        "size: total_price_cut_amount needs an amount (a Money), got None",
        id="size_missing_amount",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.DELIVERY_DELAY),
        InvalidInput,
        "size: delivery_delay needs a number of days (an int), got None",
        id="size_missing_days",
    ),
    pytest.param(
        lambda: cut("1.5"),
        InvalidInput,
        "size: expected a rate (a fraction) between 0 and 1, got Decimal('1.5')",
        id="size_rate_above_one",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_PRICE_CUT, 0.05),
        FloatNotAllowed,
        "size: expected a Decimal, int or str (floats are inexact: write Decimal('0.05') or '0.05'), got float 0.05",
        id="size_float",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.PAYMENT_DEFERRAL, -5),
        InvalidInput,
        "size: must be at least 0, got -5",
        id="size_days_negative",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.PAYMENT_DEFERRAL, "5"),
        WrongType,
        "size: expected an int, got str '5'",
        id="size_days_not_int",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.TOTAL_PRICE_CUT_AMOUNT, Decimal("100")),
        WrongType,
        "size: expected a Money for total_price_cut_amount, got Decimal Decimal('100')",
        id="size_amount_not_money",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.TOTAL_PRICE_CUT_AMOUNT, Money("-1")),
        InvalidInput,
        "size: must not be negative, got Money('-1', 'CNY')",
        id="size_amount_negative",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_SWAP, contract_id=5),
        WrongType,
        "contract_id: expected a non-empty str, got int 5",
        id="contract_id_not_text",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_SWAP, also="party_swap"),
        WrongType,
        "also: expected a sequence of ContractChange, got str 'party_swap'",
        id="also_a_string",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_SWAP, also=5),
        WrongType,
        "also: expected a sequence of ContractChange, got int 5",
        id="also_not_iterable",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_SWAP, also=[cut("0.01"), "x"]),
        WrongType,
        "also[1]: expected a ContractChange, got str 'x'",
        id="also_part_not_change",
    ),
    pytest.param(
        lambda: ContractChange(
            ChangeKind.UNIT_SWAP,
            also=[ContractChange.combined(cut("0.01"), ContractChange(ChangeKind.PARTY_SWAP))],
        ),
        InvalidInput,
        "also[0]: a part must be a single change, got 'party_swap + unit_price_cut 1%'",
        id="also_part_combined",
    ),
    pytest.param(
        lambda: ContractChange(
            ChangeKind.UNIT_SWAP,
            contract_id="HT-1",
            also=[ContractChange(ChangeKind.PARTY_SWAP, contract_id="HT-2")],
        ),
        InvalidInput,
        "also[0].contract_id: all parts must change one contract ('HT-1'), got 'HT-2'",
        id="also_other_contract",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.01"), also=[cut("0.02")]),
        InvalidInput,
        "also[0]: the same kind appears twice: give one size, got 'unit_price_cut'",
        id="also_same_kind",
    ),
    pytest.param(
        lambda: ContractChange.combined(),
        InvalidInput,
        "changes: combine at least one change, got ()",
        id="combined_nothing",
    ),
    pytest.param(
        lambda: ContractChange.combined(cut("0.01"), "party_swap"),
        WrongType,
        "changes[1]: expected a ContractChange, got str 'party_swap'",
        id="combined_not_change",
    ),
    pytest.param(
        lambda: ContractChange.combined(
            ContractChange(ChangeKind.UNIT_SWAP, contract_id="HT-1"),
            ContractChange(ChangeKind.PARTY_SWAP, contract_id="HT-2"),
        ),
        InvalidInput,
        "changes[1].contract_id: all parts must change one contract ('HT-1'), got 'HT-2'",
        id="combined_two_contracts",
    ),
    pytest.param(
        lambda: ContractChangePolicy(ladder="real_estate"),
        WrongType,
        "ladder: expected a RoleLadder, got str 'real_estate'",
        id="policy_ladder_not_ladder",
    ),
    pytest.param(
        lambda: ContractChangePolicy(manager_role="sales_manager"),
        WrongType,
        "manager_role: expected a Role, got str 'sales_manager'",
        id="policy_manager_not_role",
    ),
    pytest.param(
        lambda: ContractChangePolicy(escalation_role="marketing_director"),
        WrongType,
        "escalation_role: expected a Role, got str 'marketing_director'",
        id="policy_escalation_not_role",
    ),
    pytest.param(
        lambda: ContractChangePolicy(principal_signatory_role="principal"),
        WrongType,
        "principal_signatory_role: expected a Role, got str 'principal'",
        id="policy_signatory_not_role",
    ),
    pytest.param(
        lambda: ContractChangePolicy(limits=5),
        WrongType,
        "limits: expected a mapping of change kind to AuthorityLimits, got int 5",
        id="policy_limits_not_mapping",
    ),
    pytest.param(
        lambda: ContractChangePolicy(limits=[("unit_price_cut",)]),
        WrongType,
        "limits: expected a (change kind, AuthorityLimits) pair, got tuple ('unit_price_cut',)",
        id="policy_limits_item_not_pair",
    ),
    pytest.param(
        lambda: ContractChangePolicy(limits=["unit_price_cut"]),
        WrongType,
        "limits: expected a (change kind, AuthorityLimits) pair, got str 'unit_price_cut'",
        id="policy_limits_item_not_tuple",
    ),
    pytest.param(
        lambda: ContractChangePolicy(limits={7: AuthorityLimits({MANAGER: 1})}),
        WrongType,
        "limits key: expected a ChangeKind or a 'kind' / 'kind:clause_type' str, got int 7",
        id="policy_limits_key_wrong_type",
    ),
    pytest.param(
        lambda: ContractChangePolicy(limits={"discount": AuthorityLimits({MANAGER: 1})}),
        UnknownEntity,
        "limits key: not a change kind (known: unit_price_cut, total_price_cut_rate, total_price_cut_amount, payment_deferral, delivery_delay, clause_added, clause_removed, clause_edited, party_swap, unit_swap), got 'discount'",
        id="policy_limits_key_unknown",
    ),
    pytest.param(
        lambda: ContractChangePolicy(limits={"unit_price_cut:vip": AuthorityLimits({MANAGER: 1})}),
        InvalidInput,
        "limits key: only clause kinds take a clause type, not unit_price_cut, got 'unit_price_cut:vip'",
        id="policy_limits_key_clause_on_sized",
    ),
    pytest.param(
        lambda: ContractChangePolicy(limits={"clause_added:Gift": AuthorityLimits({MANAGER: 1})}),
        InvalidInput,
        "limits key: a clause type must be a lower_snake_case code, got 'Gift'",
        id="policy_limits_key_bad_clause",
    ),
    pytest.param(
        lambda: ContractChangePolicy(limits={"unit_price_cut": {MANAGER: 1}}),
        WrongType,
        "limits[unit_price_cut]: expected an AuthorityLimits, got dict {Role(code='sales_manager', rank=3, name_zh='销售经理', name_en='sales manager', ...",
        id="policy_limits_value_not_limits",
    ),
    pytest.param(
        lambda: ContractChangePolicy(
            limits=[
                ("unit_price_cut", AuthorityLimits({MANAGER: 1})),
                (ChangeKind.UNIT_PRICE_CUT, AuthorityLimits({MANAGER: 2})),
            ]
        ),
        PolicyError,
        "limits[unit_price_cut]: the same change kind is listed twice, got <ChangeKind.UNIT_PRICE_CUT: 'unit_price_cut'>",
        id="policy_limits_listed_twice",
    ),
    pytest.param(
        lambda: ContractChangePolicy(
            limits={"unit_price_cut": AuthorityLimits({HOTEL_MANAGER: Decimal("0.05")})}
        ),
        PolicyError,
        "limits[unit_price_cut]: sales_manager is not a role of the ladder",
        id="policy_limits_role_off_ladder",
    ),
    pytest.param(
        lambda: ContractChangePolicy(special_kinds="unit_swap"),
        WrongType,
        "special_kinds: expected a collection of change kinds, got str 'unit_swap'",
        id="policy_special_kinds_string",
    ),
    pytest.param(
        lambda: ContractChangePolicy(special_kinds=5),
        WrongType,
        "special_kinds: expected a collection of change kinds, got int 5",
        id="policy_special_kinds_not_iterable",
    ),
    pytest.param(
        lambda: ContractChangePolicy(special_kinds=["unit_price_cut:vip"]),
        InvalidInput,
        "special_kinds: only clause kinds take a clause type, not unit_price_cut, got 'unit_price_cut:vip'",
        id="policy_special_kinds_clause_on_sized",
    ),
    pytest.param(
        lambda: ContractChangePolicy(required_clauses="penalty"),
        WrongType,
        "required_clauses: expected a collection of clause types, got str 'penalty'",
        id="policy_required_clauses_string",
    ),
    pytest.param(
        lambda: ContractChangePolicy(forbidden_clauses=["Penalty"]),
        InvalidInput,
        "forbidden_clauses: a clause type must be a lower_snake_case code, got 'Penalty'",
        id="policy_forbidden_clauses_bad_code",
    ),
    pytest.param(
        lambda: ContractChangePolicy(required_clauses=["Penalty"]),
        InvalidInput,
        "required_clauses: a clause type must be a lower_snake_case code, got 'Penalty'",
        id="policy_required_clauses_bad_code",
    ),
    pytest.param(
        lambda: ContractChangePolicy(ladder=NO_MANAGER_LADDER, limits={}),
        PolicyError,
        "manager_role: the ladder has no 'sales_manager' role: set manager_role",
        id="policy_no_sales_manager",
    ),
    pytest.param(
        lambda: ContractChangePolicy(manager_role=HOTEL_MANAGER),
        PolicyError,
        "manager_role: is not a role of the ladder, got 'sales_manager'",
        id="policy_manager_off_ladder",
    ),
    pytest.param(
        lambda: ContractChangePolicy(manager_role=HOTEL_MANAGER, escalation_role=DIRECTOR),
        PolicyError,
        "manager_role: sales_manager is not a ladder role",
        id="policy_manager_off_ladder_with_escalation",
    ),
    pytest.param(
        lambda: ContractChangePolicy(escalation_role=HOTEL_LADDER.get("general_manager")),
        PolicyError,
        "escalation_role: general_manager is not a ladder role",
        id="policy_escalation_off_ladder",
    ),
    pytest.param(
        lambda: ContractChangePolicy(ladder=MANAGER_AT_TOP_LADDER, limits={}),
        PolicyError,
        "escalation_role: no role above the manager on the ladder: set escalation_role",
        id="policy_nobody_above_manager",
    ),
    pytest.param(
        lambda: ContractChangePolicy(escalation_role=SUPERVISOR),
        PolicyError,
        "escalation_role: sales_supervisor does not rank above sales_manager",
        id="policy_escalation_not_above",
    ),
    pytest.param(
        lambda: ContractChangePolicy(escalation_role=MANAGER),
        PolicyError,
        "escalation_role: sales_manager does not rank above sales_manager",
        id="policy_escalation_same_rank",
    ),
    pytest.param(
        lambda: ContractChangePolicy(principal_signatory_role=DIRECTOR),
        PolicyError,
        "principal_signatory_role: marketing_director is not the principal's role",
        id="policy_own_signatory",
    ),
    pytest.param(
        lambda: ContractChangePolicy(
            required_clauses=["penalty", "price"], forbidden_clauses=["price", "penalty"]
        ),
        PolicyError,
        "forbidden_clauses: a clause cannot be both required and forbidden: penalty, price",
        id="policy_clause_required_and_forbidden",
    ),
    pytest.param(
        lambda: ContractChangePolicy(currency="XXY"),
        PolicyError,
        "currency: not a currency code: 'XXY'",
        id="policy_unknown_currency",
    ),
    pytest.param(
        lambda: ContractChangePolicy(currency=5),
        PolicyError,
        "currency: not a currency code: 5",
        id="policy_currency_not_text",
    ),
    pytest.param(
        lambda: ContractChangePolicy(escalation_role=CONSULTANT, currency="XXY"),
        PolicyError,
        "escalation_role: property_consultant does not rank above sales_manager; currency: not a currency code: 'XXY'",
        id="policy_two_problems",
    ),
    pytest.param(
        lambda: contract_change_permission(cut("0.01"), REP, "policy"),
        WrongType,
        "policy: expected a ContractChangePolicy, got str 'policy'",
        id="permission_policy_wrong_type",
    ),
    pytest.param(
        lambda: contract_change_permission("unit_swap", REP, POLICY),
        WrongType,
        "change: expected a ContractChange, got str 'unit_swap'",
        id="permission_change_wrong_type",
    ),
    pytest.param(
        lambda: contract_change_permission(cut("0.01"), "c1", POLICY),
        WrongType,
        "requester: expected an Employee, got str 'c1'",
        id="permission_requester_wrong_type",
    ),
    pytest.param(
        lambda: contract_change_permission(
            cut("0.01"), Employee("h1", "hotel", HOTEL_LADDER.get("sales_rep")), POLICY
        ),
        UnknownEntity,
        "requester: role is not on the policy's ladder, got 'sales_rep'",
        id="permission_requester_off_ladder",
    ),
    pytest.param(
        lambda: contract_change_permission(
            ContractChange(ChangeKind.TOTAL_PRICE_CUT_AMOUNT, Money("100", "JPY")), REP, POLICY
        ),
        CurrencyMismatch,
        "size: cannot compare JPY with the policy's CNY limits, got 'JPY'",
        id="permission_amount_other_currency",
    ),
    pytest.param(
        lambda: ContractEvent(" ", "draft", by=REP, at=DAY),
        InvalidInput,
        "action: must not be empty, got ' '",
        id="event_action_empty",
    ),
    pytest.param(
        lambda: _event("submit", "pending"),
        UnknownEntity,
        "state: not a contract state, got 'pending'",
        id="event_state_unknown",
    ),
    pytest.param(
        lambda: _event("submit", 3),
        WrongType,
        "state: expected a ContractState, got int 3",
        id="event_state_wrong_type",
    ),
    pytest.param(
        lambda: ContractEvent("submit", "draft", by="c1", at=DAY),
        WrongType,
        "by: expected an Employee, got str 'c1'",
        id="event_by_not_employee",
    ),
    pytest.param(
        lambda: _event("submit", "draft", datetime.datetime(2026, 3, 2, 9, 0)),
        WrongType,
        "at: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 2, 9, 0)",
        id="event_at_datetime",
    ),
    pytest.param(
        lambda: Contract("", REP, drafted_at=DAY),
        InvalidInput,
        "id: must not be empty, got ''",
        id="contract_id_empty",
    ),
    pytest.param(
        lambda: Contract("HT-1", "c1", drafted_at=DAY),
        WrongType,
        "drafted_by: expected an Employee, got str 'c1'",
        id="contract_drafted_by_not_employee",
    ),
    pytest.param(
        lambda: Contract("HT-1", REP, drafted_at="2026-03-02"),
        WrongType,
        "drafted_at: expected a datetime.date, got str '2026-03-02'",
        id="contract_drafted_at_not_date",
    ),
    pytest.param(
        lambda: Contract("HT-1", REP, drafted_at=DAY, clauses="price"),
        WrongType,
        "clauses: expected a collection of clause types, got str 'price'",
        id="contract_clauses_string",
    ),
    pytest.param(
        lambda: Contract("HT-1", REP, drafted_at=DAY, clauses=["Price"]),
        InvalidInput,
        "clauses: a clause type must be a lower_snake_case code, got 'Price'",
        id="contract_clauses_bad_code",
    ),
    pytest.param(
        lambda: Contract("HT-1", REP, drafted_at=DAY, amount=Decimal("5")),
        WrongType,
        "amount: expected a Money or None, got Decimal Decimal('5')",
        id="contract_amount_not_money",
    ),
    pytest.param(
        lambda: Contract("HT-1", REP, drafted_at=DAY, bid_id=7),
        WrongType,
        "bid_id: expected a non-empty str, got int 7",
        id="contract_bid_id_not_text",
    ),
    pytest.param(
        lambda: Contract("HT-1", REP, drafted_at=DAY, history="submit"),
        WrongType,
        "history: expected a sequence of ContractEvent, got str 'submit'",
        id="contract_history_string",
    ),
    pytest.param(
        lambda: Contract("HT-1", REP, drafted_at=DAY, state="under_review", history=["submit"]),
        WrongType,
        "history[0]: expected a ContractEvent, got str 'submit'",
        id="contract_history_not_event",
    ),
    pytest.param(
        lambda: Contract(
            "HT-1",
            REP,
            drafted_at=DAY,
            state="approved",
            history=[
                _event("submit", "under_review", DAY + datetime.timedelta(days=2)),
                _event("approve", "approved", DAY + datetime.timedelta(days=1)),
            ],
        ),
        InvalidInput,
        "history[1].at: events must not go back in time, got datetime.date(2026, 3, 3)",
        id="contract_history_back_in_time",
    ),
    pytest.param(
        lambda: Contract(
            "HT-1",
            REP,
            drafted_at=DAY,
            state="approved",
            history=[_event("submit", "under_review")],
        ),
        InvalidInput,
        "state: must be the state of the last history event, got 'approved'",
        id="contract_state_not_last_event",
    ),
    pytest.param(
        lambda: Contract(
            "HT-1",
            REP,
            drafted_at=DAY,
            state="under_review",
            history=[_event("submit", "under_review", DAY - datetime.timedelta(days=1))],
        ),
        InvalidInput,
        "history[0].at: is before drafted_at, got datetime.date(2026, 3, 1)",
        id="contract_history_before_draft",
    ),
    pytest.param(
        lambda: Contract("HT-1", REP, drafted_at=DAY, state="signed"),
        InvalidInput,
        "state: a contract without history is a draft, got 'signed'",
        id="contract_state_without_history",
    ),
    pytest.param(
        lambda: Contract.from_won_bid(
            "B-7",
            Money("5"),
            datetime.datetime(2026, 3, 1, 9, 0),
            contract_id="HT-7",
            drafted_by=REP,
            drafted_at=DAY,
        ),
        WrongType,
        "won_on: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 1, 9, 0)",
        id="won_bid_won_on_datetime",
    ),
    pytest.param(
        lambda: Contract.from_won_bid(
            "B-7", Money("5"), DAY, contract_id="HT-7", drafted_by=REP, drafted_at=None
        ),
        WrongType,
        "drafted_at: expected a datetime.date, got NoneType None",
        id="won_bid_drafted_at_not_date",
    ),
    pytest.param(
        lambda: Contract.from_won_bid(
            "B-7", "5", DAY, contract_id="HT-7", drafted_by=REP, drafted_at=DAY
        ),
        WrongType,
        "amount: expected a Money, got str '5'",
        id="won_bid_amount_not_money",
    ),
    pytest.param(
        lambda: Contract.from_won_bid(
            "B-7",
            Money("5"),
            DAY,
            contract_id="HT-7",
            drafted_by=REP,
            drafted_at=DAY - datetime.timedelta(days=1),
        ),
        InvalidInput,
        "drafted_at: is before the bid was won (2026-03-02), got datetime.date(2026, 3, 1)",
        id="won_bid_drafted_before_won",
    ),
    pytest.param(
        lambda: Contract.from_won_bid(
            "", Money("5"), DAY, contract_id="HT-7", drafted_by=REP, drafted_at=DAY
        ),
        InvalidInput,
        "bid_id: must not be empty, got ''",
        id="won_bid_bid_id_empty",
    ),
    pytest.param(
        lambda: drafted().state_on("2026-03-02"),
        WrongType,
        "day: expected a datetime.date, got str '2026-03-02'",
        id="state_on_not_date",
    ),
    pytest.param(
        lambda: drafted().submit("c1", DAY),
        WrongType,
        "by: expected an Employee, got str 'c1'",
        id="submit_by_not_employee",
    ),
    pytest.param(
        lambda: drafted().submit(REP, "2026-03-02"),
        WrongType,
        "at: expected a datetime.date, got str '2026-03-02'",
        id="submit_at_not_date",
    ),
    pytest.param(
        lambda: _under_review().submit(REP, DAY),
        IllegalTransition,
        "cannot submit in state 'under_review': only a draft can be submitted for review",
        id="submit_twice",
    ),
    pytest.param(
        lambda: drafted().submit(REP, DAY - datetime.timedelta(days=1)),
        InvalidInput,
        "at: is before the previous step (2026-03-02), got datetime.date(2026, 3, 1)",
        id="submit_before_draft",
    ),
    pytest.param(
        lambda: _under_review().approve("m1", DAY, review=Decision(Verdict.ALLOWED), policy=POLICY),
        WrongType,
        "by: expected an Employee, got str 'm1'",
        id="approve_by_not_employee",
    ),
    pytest.param(
        lambda: _under_review().approve(MGR, None, review=Decision(Verdict.ALLOWED), policy=POLICY),
        WrongType,
        "at: expected a datetime.date, got NoneType None",
        id="approve_at_not_date",
    ),
    pytest.param(
        lambda: _under_review().approve(MGR, DAY, review=Decision(Verdict.ALLOWED), policy=None),
        WrongType,
        "policy: expected a ContractChangePolicy, got NoneType None",
        id="approve_policy_wrong_type",
    ),
    pytest.param(
        lambda: _under_review().approve(MGR, DAY, review=Verdict.ALLOWED, policy=POLICY),
        WrongType,
        "review: expected a Decision (from review_contract), got Verdict <Verdict.ALLOWED: 'allowed'>",
        id="approve_review_wrong_type",
    ),
    pytest.param(
        lambda: drafted().approve(MGR, DAY, review=Decision(Verdict.ALLOWED), policy=POLICY),
        IllegalTransition,
        "cannot approve in state 'draft': only a contract under review can be approved",
        id="approve_a_draft",
    ),
    pytest.param(
        lambda: _under_review().approve(
            MGR,
            DAY,
            review=Decision(
                Verdict.REJECTED,
                (Reason("PRICE-4", "below_floor"), Reason("UNIT-2", "total_mismatch")),
            ),
            policy=POLICY,
        ),
        IllegalTransition,
        "cannot approve in state 'under_review': the review rejected it (below_floor, total_mismatch)",
        id="approve_rejected_review",
    ),
    pytest.param(
        lambda: _under_review().approve(MGR, DAY, review=Decision(Verdict.REJECTED), policy=POLICY),
        IllegalTransition,
        "cannot approve in state 'under_review': the review rejected it (rejected)",
        id="approve_rejected_review_without_reasons",
    ),
    pytest.param(
        lambda: _under_review().approve(SUP, DAY, review=Decision(Verdict.ALLOWED), policy=POLICY),
        IllegalTransition,
        "cannot approve in state 'under_review': sales_supervisor may not approve contracts (needs sales_manager)",
        id="approve_by_supervisor",
    ),
    pytest.param(
        lambda: (
            Contract("HT-1", MGR, drafted_at=DAY)
            .submit(MGR, DAY)
            .approve(MGR, DAY, review=Decision(Verdict.ALLOWED), policy=POLICY)
        ),
        IllegalTransition,
        "cannot approve in state 'under_review': the drafter cannot approve their own contract",
        id="approve_by_drafter",
    ),
    pytest.param(
        lambda: _under_review().approve(
            MGR,
            DAY,
            review=Decision(Verdict.NEEDS_APPROVAL, (), (MANAGER, DIRECTOR, PRINCIPAL_SIGNATORY)),
            policy=POLICY,
        ),
        IllegalTransition,
        "cannot approve in state 'under_review': approvals still missing: marketing_director, principal_signatory",
        id="approve_missing_steps",
    ),
    pytest.param(
        lambda: _under_review().approve(
            MGR, DAY - datetime.timedelta(days=1), review=Decision(Verdict.ALLOWED), policy=POLICY
        ),
        InvalidInput,
        "at: is before the previous step (2026-03-02), got datetime.date(2026, 3, 1)",
        id="approve_before_submit",
    ),
    pytest.param(
        lambda: _under_review().reject("m1", DAY, policy=POLICY),
        WrongType,
        "by: expected an Employee, got str 'm1'",
        id="reject_by_not_employee",
    ),
    pytest.param(
        lambda: _under_review().reject(MGR, DAY, policy="policy"),
        WrongType,
        "policy: expected a ContractChangePolicy, got str 'policy'",
        id="reject_policy_wrong_type",
    ),
    pytest.param(
        lambda: _under_review().reject(SUP, DAY, policy=POLICY),
        IllegalTransition,
        "cannot reject in state 'under_review': sales_supervisor may not reject contracts (needs sales_manager)",
        id="reject_by_supervisor",
    ),
    pytest.param(
        lambda: drafted().reject(MGR, DAY, policy=POLICY),
        IllegalTransition,
        "cannot reject in state 'draft': only a contract under review can be rejected",
        id="reject_a_draft",
    ),
    pytest.param(
        lambda: drafted().revise(REP, DAY),
        IllegalTransition,
        "cannot revise in state 'draft': only a rejected contract goes back to draft",
        id="revise_a_draft",
    ),
    pytest.param(
        lambda: drafted().sign(REP, DAY),
        IllegalTransition,
        "cannot sign in state 'draft': the contract has not been approved (CONTRACT-2)",
        id="sign_a_draft",
    ),
    pytest.param(
        lambda: drafted().start_execution(REP, DAY),
        IllegalTransition,
        "cannot start_execution in state 'draft': only a signed contract can be executed",
        id="start_execution_a_draft",
    ),
    pytest.param(
        lambda: drafted().complete(REP, DAY),
        IllegalTransition,
        "cannot complete in state 'draft': only a contract being executed can be completed",
        id="complete_a_draft",
    ),
    pytest.param(
        lambda: drafted().cancel(REP, DAY).cancel(REP, DAY),
        IllegalTransition,
        "cannot cancel in state 'cancelled': a completed or cancelled contract cannot be cancelled",
        id="cancel_a_cancelled",
    ),
    pytest.param(
        lambda: review_contract("HT-1", [], POLICY),
        WrongType,
        "contract: expected a Contract, got str 'HT-1'",
        id="review_contract_wrong_type",
    ),
    pytest.param(
        lambda: review_contract(drafted(), [], None),
        WrongType,
        "policy: expected a ContractChangePolicy, got NoneType None",
        id="review_policy_wrong_type",
    ),
    pytest.param(
        lambda: review_contract(drafted(), [Decision(Verdict.ALLOWED), Verdict.ALLOWED], POLICY),
        WrongType,
        "checks[1]: expected a Decision, got Verdict <Verdict.ALLOWED: 'allowed'>",
        id="review_check_wrong_type",
    ),
    pytest.param(
        lambda: unsigned_contracts([], datetime.datetime(2026, 3, 2, 9, 0)),
        WrongType,
        "as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 2, 9, 0)",
        id="unsigned_as_of_datetime",
    ),
    pytest.param(
        lambda: unsigned_contracts([drafted(), "HT-2"], DAY),
        WrongType,
        "contracts[1]: expected a Contract, got str 'HT-2'",
        id="unsigned_not_contract",
    ),
    pytest.param(
        lambda: unsigned_contracts([drafted(), drafted()], DAY),
        InvalidInput,
        "contracts[1].id: duplicate contract id, got 'HT-1'",
        id="unsigned_duplicate",
    ),
    pytest.param(
        lambda: WorkContactForm(5, "换房", issued_by=MGR, issued_on=DAY),
        WrongType,
        "id: expected a non-empty str, got int 5",
        id="form_id_not_text",
    ),
    pytest.param(
        lambda: WorkContactForm("LX-1", "", issued_by=MGR, issued_on=DAY),
        InvalidInput,
        "subject: must not be empty, got ''",
        id="form_subject_empty",
    ),
    pytest.param(
        lambda: WorkContactForm("LX-1", "换房", issued_by="m1", issued_on=DAY),
        WrongType,
        "issued_by: expected an Employee, got str 'm1'",
        id="form_issued_by_not_employee",
    ),
    pytest.param(
        lambda: WorkContactForm("LX-1", "换房", issued_by=MGR, issued_on="2026-03-02"),
        WrongType,
        "issued_on: expected a datetime.date, got str '2026-03-02'",
        id="form_issued_on_not_date",
    ),
    pytest.param(
        lambda: _form(to_party="developer"),
        UnknownEntity,
        "to_party: expected 'own_company' or 'principal', got 'developer'",
        id="form_to_party_unknown",
    ),
    pytest.param(
        lambda: _form(to_party=1),
        WrongType,
        "to_party: expected a Party, got int 1",
        id="form_to_party_wrong_type",
    ),
    pytest.param(
        lambda: _form(acknowledged_on="2026-03-04"),
        WrongType,
        "acknowledged_on: expected a datetime.date, got str '2026-03-04'",
        id="form_acknowledged_on_not_date",
    ),
    pytest.param(
        lambda: _form(acknowledged_on=DAY - datetime.timedelta(days=1)),
        InvalidInput,
        "acknowledged_on: is before the form was issued (2026-03-02), got datetime.date(2026, 3, 1)",
        id="form_acknowledged_before_issued",
    ),
    pytest.param(
        lambda: _form(contract_id=" "),
        InvalidInput,
        "contract_id: must not be empty, got ' '",
        id="form_contract_id_empty",
    ),
    pytest.param(
        lambda: _form(acknowledged_on=DAY).acknowledge(DAY),
        IllegalTransition,
        "cannot acknowledge in state 'acknowledged': already acknowledged on 2026-03-02",
        id="form_acknowledged_twice",
    ),
    pytest.param(
        lambda: _form().acknowledge("2026-03-04"),
        WrongType,
        "acknowledged_on: expected a datetime.date, got str '2026-03-04'",
        id="form_acknowledge_not_date",
    ),
    pytest.param(
        lambda: _form().acknowledge(DAY - datetime.timedelta(days=1)),
        InvalidInput,
        "acknowledged_on: is before the form was issued (2026-03-02), got datetime.date(2026, 3, 1)",
        id="form_acknowledge_before_issued",
    ),
    pytest.param(
        lambda: _form().outstanding_on("2026-03-04"),
        WrongType,
        "day: expected a datetime.date, got str '2026-03-04'",
        id="form_outstanding_on_not_date",
    ),
    pytest.param(
        lambda: outstanding_forms([], "2026-03-02"),
        WrongType,
        "as_of: expected a datetime.date, got str '2026-03-02'",
        id="outstanding_as_of_not_date",
    ),
    pytest.param(
        lambda: outstanding_forms([_form(), "LX-2"], DAY),
        WrongType,
        "forms[1]: expected a WorkContactForm, got str 'LX-2'",
        id="outstanding_not_form",
    ),
    pytest.param(
        lambda: outstanding_forms([_form(), _form()], DAY),
        InvalidInput,
        "forms[1].id: duplicate form id, got 'LX-1'",
        id="outstanding_duplicate",
    ),
    pytest.param(
        lambda: POLICY.limits_for("unit_swap"),
        WrongType,
        "change: expected a ContractChange, got str 'unit_swap'",
        id="policy_limits_for_not_change",
    ),
    pytest.param(
        lambda: POLICY.is_special("unit_swap"),
        WrongType,
        "change: expected a ContractChange, got str 'unit_swap'",
        id="policy_is_special_not_change",
    ),
    pytest.param(
        lambda: change_effective(cut("0.01"), 5, REP, POLICY),
        WrongType,
        "approvals: expected a sequence of Approval, got int 5",
        id="effective_approvals_not_iterable",
    ),
    pytest.param(
        lambda: _under_review().approve(
            MGR, DAY, review=Decision(Verdict.ALLOWED), policy=POLICY, approvals="d1"
        ),
        WrongType,
        "approvals: expected a sequence of Approval, got str 'd1'",
        id="approve_approvals_a_string",
    ),
    pytest.param(
        lambda: review_contract(drafted(), None, POLICY),
        WrongType,
        "checks: expected a sequence of Decision, got NoneType None",
        id="review_checks_not_iterable",
    ),
    pytest.param(
        lambda: unsigned_contracts("HT-1", DAY),
        WrongType,
        "contracts: expected a sequence of Contract, got str 'HT-1'",
        id="unsigned_contracts_a_string",
    ),
    pytest.param(
        lambda: outstanding_forms(5, DAY),
        WrongType,
        "forms: expected a sequence of WorkContactForm, got int 5",
        id="outstanding_forms_not_iterable",
    ),
    pytest.param(
        lambda: ContractChange(ChangeKind.UNIT_SWAP, also=[cut("0.01"), cut("0.02")]),
        InvalidInput,
        "also[1]: the same kind appears twice: give one size, got 'unit_price_cut'",
        id="also_two_later_parts_same_kind",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_CONTRACT_INPUTS)
def test_CONTRACT_1_to_8_every_bad_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


def test_X_11_change_classes_compare_by_nesting_level_and_refuse_other_types() -> None:
    classes = list(ChangeClass)
    for a in classes:
        for b in classes:
            assert (a.level < b.level, a.level <= b.level) == (a < b, a <= b)
            assert (a.level > b.level, a.level >= b.level) == (a > b, a >= b)
    for compare in (
        lambda: ChangeClass.SPECIAL < 1,
        lambda: ChangeClass.SPECIAL <= 1,
        lambda: ChangeClass.SPECIAL > 1,
        lambda: ChangeClass.SPECIAL >= 1,
    ):
        with pytest.raises(TypeError):
            compare()


def test_CONTRACT_4_reasons_name_the_kind_the_size_and_the_role_for_each_outcome() -> None:
    within = contract_change_permission(cut("0.03"), REP, POLICY)
    beyond = contract_change_permission(
        ContractChange(ChangeKind.PAYMENT_DEFERRAL, 30), REP, POLICY
    )
    unlisted = contract_change_permission(
        ContractChange(ChangeKind.CLAUSE_ADDED, clause="gift"), REP, POLICY
    )
    too_big = contract_change_permission(cut("0.25"), BIG_AGENT, THREE_STEP_POLICY)

    assert (
        Reason(
            "CONTRACT-4",
            "change_within_authority",
            {"kind": "unit_price_cut", "size": Rate("0.03"), "role": MANAGER},
        ),
    ) == within.reasons
    assert (
        Reason(
            "CONTRACT-4",
            "change_beyond_authority",
            {"kind": "payment_deferral", "size": 30, "escalate_to": DIRECTOR},
        ),
    ) == beyond.reasons
    assert (
        Reason(
            "CONTRACT-4",
            "change_kind_not_configured",
            {"kind": "clause_added:gift", "size": "", "escalate_to": DIRECTOR},
        ),
    ) == unlisted.reasons
    assert ChangeClass.BEYOND_AUTHORITY == unlisted.change_class
    assert (MANAGER, DIRECTOR) == unlisted.approvers
    assert (
        Reason(
            "CONTRACT-4",
            "change_beyond_every_limit",
            {"kind": "unit_price_cut", "size": Rate("0.25"), "highest_role": BIG_CEO},
        ),
    ) == too_big.reasons
    assert (Verdict.REJECTED, ChangeClass.BEYOND_AUTHORITY, ()) == (
        too_big.verdict,
        too_big.change_class,
        too_big.approvers,
    )


def test_CONTRACT_4_a_change_needing_a_role_above_the_escalation_role_climbs_to_it() -> None:
    decision = contract_change_permission(cut("0.15"), BIG_AGENT, THREE_STEP_POLICY)

    assert (BIG_MANAGER, BIG_DIRECTOR, BIG_CEO) == decision.approvers
    assert (BIG_DIRECTOR, BIG_CEO) == decision.notify_at_once
    assert BIG_CEO == decision.reasons[0].param("escalate_to")
    assert BIG_DIRECTOR == THREE_STEP_POLICY.escalation_role


def test_CONTRACT_5_a_special_reason_names_kind_size_escalation_and_signatory() -> None:
    special_cut = ContractChangePolicy(special_kinds=["unit_price_cut"])

    decision = contract_change_permission(cut("0.03"), REP, special_cut)

    assert (
        Reason(
            "CONTRACT-5",
            "special_change",
            {
                "kind": "unit_price_cut",
                "size": Rate("0.03"),
                "escalate_to": DIRECTOR,
                "signatory": PRINCIPAL_SIGNATORY,
            },
        ),
    ) == decision.reasons
    assert (MANAGER, DIRECTOR, PRINCIPAL_SIGNATORY) == decision.approvers


def test_CONTRACT_4_a_clause_kind_listed_alone_covers_clause_types_not_listed_with_one() -> None:
    by_kind = AuthorityLimits({MANAGER: 0})
    policy = ContractChangePolicy(limits={"clause_added": by_kind})
    gift = ContractChange(ChangeKind.CLAUSE_ADDED, clause="gift")

    assert by_kind == policy.limits_for(gift)
    assert policy.limits_for(ContractChange(ChangeKind.UNIT_SWAP)) is None
    assert policy.limits_for(ContractChange(ChangeKind.CLAUSE_EDITED, clause="gift")) is None
    assert (MANAGER,) == contract_change_permission(gift, REP, policy).approvers


def test_CONTRACT_4_a_rejected_change_says_it_can_never_take_effect() -> None:
    effect = change_effective(cut("0.2"), [], REP, POLICY)

    assert (Verdict.REJECTED, False, ChangeClass.BEYOND_AUTHORITY, ()) == (
        effect.verdict,
        effect.effective,
        effect.change_class,
        effect.approvers,
    )
    assert (
        Reason("CONTRACT-4", "change_cannot_take_effect", {"change": "unit_price_cut 20%"})
        == effect.reasons[-1]
    )


def test_CONTRACT_4_an_effective_change_names_who_approved_it() -> None:
    given = [approval(MANAGER, "m1", cut("0.03")), approval(MANAGER, "m2", cut("0.01"))]

    effect = change_effective(cut("0.03"), given, REP, POLICY)

    assert (Verdict.ALLOWED, True, ChangeClass.WITHIN_AUTHORITY, ()) == (
        effect.verdict,
        effect.effective,
        effect.change_class,
        effect.approvers,
    )
    assert (
        Reason(
            "CONTRACT-4",
            "change_approved",
            {"change": "unit_price_cut 3%", "approvers": (MANAGER,)},
        )
        == effect.reasons[0]
    )
    assert ("stale_subject",) == tuple(r.code for r in effect.reasons[1:])
    assert (MANAGER,) == effect.route
    assert ((MANAGER, given[0]),) == effect.filled
    assert (given[1],) == tuple(item.approval for item in effect.ignored)


def test_CONTRACT_5_a_pending_special_change_cites_CONTRACT_5_and_lists_what_is_missing() -> None:
    given = [approval(MANAGER, "m1", PAYMENT_METHOD)]

    effect = change_effective(PAYMENT_METHOD, given, REP, SPECIAL_PAYMENT_POLICY)

    assert (
        Reason(
            "CONTRACT-5",
            "change_not_yet_effective",
            {"change": "clause_edited:payment_method", "missing": (DIRECTOR, PRINCIPAL_SIGNATORY)},
        )
        == effect.reasons[0]
    )
    assert (Verdict.NEEDS_APPROVAL, ChangeClass.SPECIAL) == (effect.verdict, effect.change_class)
    assert (MANAGER, DIRECTOR, PRINCIPAL_SIGNATORY) == effect.route
    assert ((MANAGER, given[0]),) == effect.filled
    assert () == effect.ignored
    done = change_effective(
        PAYMENT_METHOD,
        [
            *given,
            approval(DIRECTOR, "d1", PAYMENT_METHOD),
            approval(PRINCIPAL_SIGNATORY, "p", PAYMENT_METHOD),
        ],
        REP,
        SPECIAL_PAYMENT_POLICY,
    )
    assert ("CONTRACT-5", ChangeClass.SPECIAL) == (done.reasons[0].rule, done.change_class)


def test_CONTRACT_2_the_state_on_a_day_counts_the_events_of_that_day() -> None:
    c = drafted().submit(REP, DAY + datetime.timedelta(days=1))

    assert c.state_on(DAY - datetime.timedelta(days=1)) is None
    assert ContractState.DRAFT == c.state_on(DAY)
    assert ContractState.UNDER_REVIEW == c.state_on(DAY + datetime.timedelta(days=1))


def test_CONTRACT_2_a_step_may_not_be_dated_before_the_last_event() -> None:
    c = drafted().submit(REP, DAY + datetime.timedelta(days=2))

    with pytest.raises(InvalidInput) as caught:
        c.cancel(REP, DAY + datetime.timedelta(days=1))

    assert "at: is before the previous step (2026-03-04), got datetime.date(2026, 3, 3)" == str(
        caught.value
    )


def test_CONTRACT_6_a_won_bid_keeps_its_clauses_amount_and_id() -> None:
    c = Contract.from_won_bid(
        "B-7",
        Money("50000"),
        DAY,
        contract_id="HT-7",
        drafted_by=REP,
        drafted_at=DAY,
        clauses=["price", "delivery_date"],
    )

    assert ("HT-7", ("delivery_date", "price"), Money("50000"), "B-7", DAY) == (
        c.id,
        c.clauses,
        c.amount,
        c.bid_id,
        c.drafted_at,
    )


def test_CONTRACT_3_clause_findings_name_the_clause_and_a_pass_names_the_contract() -> None:
    policy = ContractChangePolicy(required_clauses=["penalty"], forbidden_clauses=["price"])

    failed = review_contract(drafted(), [], policy)
    passed_review = review_contract(drafted(), [Decision(Verdict.ALLOWED)] * 2, POLICY)

    assert (
        Reason("CONTRACT-3", "required_clause_missing", {"clause": "penalty"}),
        Reason("CONTRACT-3", "forbidden_clause_present", {"clause": "price"}),
    ) == failed.reasons
    assert (
        Reason("CONTRACT-2", "contract_review_passed", {"contract": "HT-1", "checks": 2}),
    ) == passed_review.reasons


def test_CONTRACT_2_a_check_not_allowed_is_named_with_its_index_verdict_and_rules() -> None:
    upstream = Reason("PRICE-5", "needs_approval", {"role": "marketing_director"})
    check = Decision(Verdict.NEEDS_APPROVAL, (upstream,), (DIRECTOR,))

    review = review_contract(drafted(), [Decision(Verdict.ALLOWED), check], POLICY)

    assert (
        Reason(
            "CONTRACT-2",
            "review_check_not_allowed",
            {"check": 1, "verdict": "needs_approval", "rules": ("PRICE-5",)},
        ),
        upstream,
    ) == review.reasons
    assert (MANAGER, DIRECTOR) == review.approvers


def test_CONTRACT_8_unsigned_contracts_come_oldest_approval_first_counting_that_day() -> None:
    def approved(contract_id: str, day: datetime.date) -> Contract:
        c = Contract(contract_id, REP, drafted_at=DAY).submit(REP, DAY)
        return c.approve(MGR, day, review=Decision(Verdict.ALLOWED), policy=POLICY)

    later = approved("HT-1", DAY + datetime.timedelta(days=2))
    earlier = approved("HT-2", DAY + datetime.timedelta(days=1))

    assert ("HT-2", "HT-1") == tuple(
        c.id for c in unsigned_contracts([later, earlier], DAY + datetime.timedelta(days=2))
    )
    assert ("HT-2",) == tuple(
        c.id for c in unsigned_contracts([later, earlier], DAY + datetime.timedelta(days=1))
    )


def test_CONTRACT_7_a_form_may_go_to_the_own_company_and_is_outstanding_until_acknowledged() -> (
    None
):
    form = WorkContactForm("LX-1", "换房", issued_by=MGR, issued_on=DAY, to_party="own_company")
    acknowledged = form.acknowledge(DAY + datetime.timedelta(days=2))

    assert Party.OWN_COMPANY == form.to_party
    assert (False, True, True, False) == tuple(
        acknowledged.outstanding_on(DAY + datetime.timedelta(days=n)) for n in (-1, 0, 1, 2)
    )


def test_X_11_a_change_needing_a_role_below_the_escalation_role_still_goes_to_the_escalation_role() -> (
    None
):
    policy = attrs.evolve(THREE_STEP_POLICY, escalation_role=BIG_CEO)

    decision = contract_change_permission(cut("0.08"), BIG_AGENT, policy)

    assert (BIG_MANAGER, BIG_DIRECTOR, BIG_CEO) == decision.approvers


def test_CONTRACT_4_the_route_stops_at_the_highest_role_the_change_needs() -> None:
    decision = contract_change_permission(cut("0.08"), BIG_AGENT, THREE_STEP_POLICY)

    assert (BIG_MANAGER, BIG_DIRECTOR) == decision.approvers
    assert (BIG_DIRECTOR,) == decision.notify_at_once
