"""Tests of salesdomain.quoting (QUOTE-1..8, X-3, X-12, CONTRACT-6)."""

from __future__ import annotations

import datetime
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    GENERIC_LADDER,
    CurrencyMismatch,
    Employee,
    IllegalTransition,
    InvalidInput,
    Money,
    OrgChart,
    PolicyError,
    Role,
    RoleLadder,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.contracts import Contract, ContractState
from salesdomain.quoting import (
    REASON_CODES,
    Bid,
    BidAction,
    BidKind,
    BidLine,
    BidState,
    PurchasingReview,
    QuotePolicy,
    ReviewKind,
    bid_requirements,
)

G = GENERIC_LADDER
REP = Employee("s1", "小王", G.get("salesperson"))
REP2 = Employee("s2", "小刘", G.get("salesperson"))
MGR = Employee("m1", "李经理", G.get("sales_manager"))
GM = Employee("g1", "张总", G.get("general_manager"))
TECH = Employee("t1", "技术部老周", G.get("salesperson"), department="technical")
BUYER = Employee("p1", "采购部小吴", G.get("salesperson"), department="purchasing")
ORG = OrgChart(
    (REP, REP2, MGR, GM, TECH, BUYER),
    {"s1": "m1", "s2": "m1", "m1": "g1", "t1": "g1", "p1": "g1"},
)
POLICY = QuotePolicy(major_amount_threshold=Money("500000"))
DAY = datetime.date(2026, 3, 2)
MINOR, MAJOR = Money("80000"), Money("600000")
DIFFICULT = BidLine("VAV-200", difficult=True)
KEY = BidLine("AHU-10", key=True)
PLAIN = BidLine("风口")


def reported(
    value: Money = MINOR,
    lines: tuple[BidLine, ...] = (),
    flags: tuple[str, ...] = (),
    policy: QuotePolicy = POLICY,
    **extra: object,
) -> Bid:
    return Bid.report(
        "B-1",
        BidKind.TENDER,
        value=value,
        reported_by=REP,
        received_on=DAY,
        reported_on=DAY,
        org=ORG,
        policy=policy,
        lines=lines,
        flags=flags,
        **extra,  # type: ignore[arg-type]
    )


def to_final_review(bid: Bid) -> Bid:
    bid = bid.go(MGR, DAY, POLICY)
    if bid.state is BidState.AWAITING_LEADERSHIP_GO:
        bid = bid.go(GM, DAY, POLICY)
    return bid.submit(REP, DAY, POLICY)


# ---------------------------------------------------------------- A: go / no-go
def test_QUOTE_1_a_reported_bid_goes_to_the_reporters_manager() -> None:
    """QUOTE-1: a reported bid goes to the reporters manager."""
    bid = reported()

    assert (BidState.REPORTED, MGR, GM) == (bid.state, bid.manager, bid.leadership)


def test_QUOTE_2_a_minor_bid_goes_to_compiling_on_the_managers_go() -> None:
    """QUOTE-2: a minor bid goes to compiling on the managers go."""
    bid = reported().go(MGR, DAY, POLICY)

    assert BidState.COMPILING == bid.state
    assert [(BidAction.GO, "m1", False)] == [(e.action, e.by.id, e.leadership) for e in bid.history]


def test_QUOTE_2_a_major_bid_needs_leadership_before_compiling() -> None:
    """QUOTE-2: a major bid needs leadership before compiling."""
    bid = reported(MAJOR).go(MGR, DAY, POLICY)

    assert BidState.AWAITING_LEADERSHIP_GO == bid.state
    with pytest.raises(IllegalTransition, match="compiling"):
        bid.submit(REP, DAY, POLICY)
    assert BidState.COMPILING == bid.go(GM, DAY, POLICY).state


def test_QUOTE_2_the_managers_no_go_ends_the_bid_without_leadership() -> None:
    """QUOTE-2: the managers no go ends the bid without leadership."""
    bid = reported(MAJOR).no_go(MGR, DAY, POLICY)

    assert BidState.NO_GO == bid.state
    with pytest.raises(IllegalTransition, match="already made"):
        bid.go(GM, DAY, POLICY)


def test_QUOTE_2_leadership_may_say_no_after_the_managers_go() -> None:
    """QUOTE-2: leadership may say no after the managers go."""
    bid = reported(MAJOR).go(MGR, DAY, POLICY).no_go(GM, DAY, POLICY)

    assert BidState.NO_GO == bid.state
    assert bid.history[-1].leadership is True


def test_QUOTE_2_a_salesperson_cannot_decide_for_the_manager() -> None:
    """QUOTE-2: a salesperson cannot decide for the manager."""
    with pytest.raises(IllegalTransition, match="salesperson cannot decide for the manager"):
        reported().go(REP2, DAY, POLICY)


def test_QUOTE_2_the_manager_cannot_act_as_leadership() -> None:
    """QUOTE-2: the manager cannot act as leadership."""
    bid = reported(MAJOR).go(MGR, DAY, POLICY)

    with pytest.raises(IllegalTransition, match="not company leadership"):
        bid.go(MGR, DAY, POLICY)


def test_QUOTE_2_leadership_standing_in_for_the_manager_cannot_also_fill_its_own_step() -> None:
    """QUOTE-2: leadership standing in for the manager cannot also fill its own step."""
    bid = reported(MAJOR).go(GM, DAY, POLICY)

    with pytest.raises(IllegalTransition, match="same person"):
        bid.go(GM, DAY, POLICY)


def test_QUOTE_2_a_manager_who_reports_a_bid_decides_it() -> None:
    """QUOTE-2: a manager who reports a bid decides it."""
    bid = Bid.report(
        "B-2",
        BidKind.PRICE_COMPARISON,
        value=MINOR,
        reported_by=MGR,
        received_on=DAY,
        reported_on=DAY,
        org=ORG,
        policy=POLICY,
    )

    assert (MGR, GM) == (bid.manager, bid.leadership)
    assert BidState.COMPILING == bid.go(MGR, DAY, POLICY).state


def test_X_3_leadership_is_the_managers_direct_superior_unless_the_policy_names_a_role() -> None:
    """X-3: leadership is the managers direct superior unless the policy names a role."""
    ladder = RoleLadder(
        (
            Role("salesperson", 1),
            Role("sales_manager", 2),
            Role("sales_vp", 3, name_zh="销售副总"),
            Role("general_manager", 4, name_zh="总经理"),
        )
    )
    rep = Employee("s", "rep", ladder.get("salesperson"))
    mgr = Employee("m", "mgr", ladder.get("sales_manager"))
    vp = Employee("v", "vp", ladder.get("sales_vp"))
    gm = Employee("g", "gm", ladder.get("general_manager"))
    org = OrgChart((rep, mgr, vp, gm), {"s": "m", "m": "v", "v": "g"})
    default = QuotePolicy(major_amount_threshold=Money("1"), ladder=ladder)
    named = QuotePolicy(
        major_amount_threshold=Money("1"),
        ladder=ladder,
        leadership_role=ladder.get("general_manager"),
    )

    def leader(policy: QuotePolicy) -> Employee:
        return Bid.report(
            "B",
            BidKind.TENDER,
            value=MINOR,
            reported_by=rep,
            received_on=DAY,
            reported_on=DAY,
            org=org,
            policy=policy,
        ).leadership

    assert (vp, gm) == (leader(default), leader(named))


def test_X_3_a_bid_cannot_be_reported_when_nobody_sits_above_the_manager() -> None:
    """X-3: a bid cannot be reported when nobody sits above the manager."""
    org = OrgChart((REP, MGR), {"s1": "m1"})

    with pytest.raises(InvalidInput, match="org"):
        Bid.report(
            "B",
            BidKind.TENDER,
            value=MINOR,
            reported_by=REP,
            received_on=DAY,
            reported_on=DAY,
            org=org,
            policy=POLICY,
        )


# ------------------------------------------------------------------- X-12 major
def test_X_12_a_quote_policy_without_a_threshold_cannot_be_built() -> None:
    """X-12: a quote policy without a threshold cannot be built."""
    with pytest.raises(TypeError, match="major_amount_threshold"):
        QuotePolicy()  # type: ignore[call-arg]


def test_X_12_a_threshold_of_zero_is_refused() -> None:
    """X-12: a threshold of zero is refused."""
    with pytest.raises(PolicyError, match="major_amount_threshold"):
        QuotePolicy(major_amount_threshold=Money("0"))


def test_X_12_the_threshold_is_inclusive() -> None:
    """X-12: the threshold is inclusive."""
    assert (True, False) == (
        POLICY.is_major(Money("500000")),
        POLICY.is_major(Money("499999.99")),
    )


def test_X_12_a_flag_named_by_the_policy_makes_a_small_bid_major() -> None:
    """X-12: a flag named by the policy makes a small bid major."""
    bid = reported(MINOR, flags=("bid_bond",)).go(MGR, DAY, POLICY)

    assert BidState.AWAITING_LEADERSHIP_GO == bid.state
    assert POLICY.is_major(MINOR, ["other"]) is False


@pytest.mark.parametrize(
    ("threshold", "value", "major"),
    [
        (Money("100000", "JPY"), Money("100000", "JPY"), True),
        (Money("100000", "JPY"), Money("99999", "JPY"), False),
        (Money("1000.000", "KWD"), Money("999.999", "KWD"), False),
        (Money("1000.00", "CNY"), Money("1000.00", "CNY"), True),
    ],
)
def test_X_12_major_is_judged_in_the_thresholds_currency(
    threshold: Money, value: Money, major: bool
) -> None:
    """X-12: major is judged in the thresholds currency."""
    assert major == QuotePolicy(major_amount_threshold=threshold).is_major(value)


def test_X_12_a_bid_in_another_currency_than_the_threshold_is_refused() -> None:
    """X-12: a bid in another currency than the threshold is refused."""
    with pytest.raises(CurrencyMismatch, match="currency"):
        reported(Money("1000", "USD"))


# --------------------------------------------------------- C, D: support reviews
@pytest.mark.parametrize("order", ["technical_first", "purchasing_first"])
def test_QUOTE_4_and_5_both_reviews_may_run_in_either_order(order: str) -> None:
    """QUOTE-4: and 5 both reviews may run in either order."""
    bid = to_final_review(reported(lines=(DIFFICULT, KEY)))
    assert BidState.SUPPORT_REVIEW == bid.state

    def technical(b: Bid) -> Bid:
        return b.technical_review(TECH, DAY, POLICY)

    def purchasing(b: Bid) -> Bid:
        return b.purchasing_review(
            BUYER, DAY, POLICY, lead_time_days=45, purchase_price=Money("52000")
        )

    first, second = (
        (technical, purchasing) if order == "technical_first" else (purchasing, technical)
    )
    bid = first(bid)
    assert BidState.SUPPORT_REVIEW == bid.state
    bid = second(bid)

    assert BidState.FINAL_REVIEW == bid.state
    assert {ReviewKind.TECHNICAL, ReviewKind.PURCHASING} == set(bid.reviews_done)


@pytest.mark.parametrize(
    ("lines", "reviews"),
    [
        ((PLAIN,), ()),
        ((PLAIN, DIFFICULT), (ReviewKind.TECHNICAL,)),
        ((KEY,), (ReviewKind.PURCHASING,)),
        ((BidLine("x", difficult=True, key=True),), (ReviewKind.TECHNICAL, ReviewKind.PURCHASING)),
    ],
)
def test_QUOTE_3_the_lines_decide_which_support_reviews_are_needed(
    lines: tuple[BidLine, ...], reviews: tuple[ReviewKind, ...]
) -> None:
    """QUOTE-3: the lines decide which support reviews are needed."""
    bid = to_final_review(reported(lines=lines))

    assert reviews == bid.required_reviews
    expected = BidState.SUPPORT_REVIEW if reviews else BidState.FINAL_REVIEW
    assert expected == bid.state


def test_QUOTE_4_the_technical_review_is_done_by_the_technical_department() -> None:
    """QUOTE-4: the technical review is done by the technical department."""
    bid = to_final_review(reported(lines=(DIFFICULT,)))

    with pytest.raises(IllegalTransition, match="technical department"):
        bid.technical_review(BUYER, DAY, POLICY)


def test_QUOTE_4_a_review_that_no_line_needs_is_out_of_turn() -> None:
    """QUOTE-4: a review that no line needs is out of turn."""
    bid = to_final_review(reported(lines=(DIFFICULT,)))

    with pytest.raises(IllegalTransition, match="no line of this bid needs the purchasing"):
        bid.purchasing_review(BUYER, DAY, POLICY, lead_time_days=1, purchase_price=Money("1"))


def test_QUOTE_4_a_review_is_not_done_twice() -> None:
    """QUOTE-4: a review is not done twice."""
    bid = to_final_review(reported(lines=(DIFFICULT, KEY))).technical_review(TECH, DAY, POLICY)

    with pytest.raises(IllegalTransition, match="already done"):
        bid.technical_review(TECH, DAY, POLICY)


@pytest.mark.parametrize("price", [Money("52000", "JPY"), Money("52.125", "KWD")])
def test_QUOTE_5_purchasing_records_lead_time_and_purchase_price(price: Money) -> None:
    """QUOTE-5: purchasing records lead time and purchase price."""
    bid = to_final_review(reported(lines=(KEY,)))

    bid = bid.purchasing_review(BUYER, DAY, POLICY, lead_time_days=45, purchase_price=price)

    assert PurchasingReview(45, price) == bid.purchasing


def test_QUOTE_5_a_negative_lead_time_is_refused() -> None:
    """QUOTE-5: a negative lead time is refused."""
    bid = to_final_review(reported(lines=(KEY,)))

    with pytest.raises(InvalidInput, match="lead_time_days"):
        bid.purchasing_review(BUYER, DAY, POLICY, lead_time_days=-1, purchase_price=Money("1"))


# ---------------------------------------------------------------- E: final review
def test_QUOTE_6_a_major_bid_cannot_be_printed_before_leadership_approved_the_final_review() -> (
    None
):
    """QUOTE-6: a major bid cannot be printed before leadership approved the final review."""
    bid = to_final_review(reported(MAJOR)).approve(MGR, DAY, POLICY)

    assert BidState.AWAITING_LEADERSHIP_FINAL == bid.state
    with pytest.raises(IllegalTransition, match="leadership's final approval"):
        bid.print(REP, DAY, POLICY)


def test_QUOTE_6_a_major_bid_is_printed_once_leadership_approved_after_the_manager() -> None:
    """QUOTE-6: a major bid is printed once leadership approved after the manager."""
    bid = to_final_review(reported(MAJOR)).approve(MGR, DAY, POLICY).approve(GM, DAY, POLICY)

    assert BidState.PRINTED == bid.print(REP, DAY, POLICY).state


def test_QUOTE_6_a_minor_bid_is_printed_after_the_managers_final_review() -> None:
    """QUOTE-6: a minor bid is printed after the managers final review."""
    bid = to_final_review(reported()).approve(MGR, DAY, POLICY)

    assert BidState.APPROVED == bid.state
    assert BidState.PRINTED == bid.print(REP, DAY, POLICY).state


def test_QUOTE_6_nothing_is_printed_before_the_final_review() -> None:
    """QUOTE-6: nothing is printed before the final review."""
    with pytest.raises(IllegalTransition, match="approved"):
        to_final_review(reported()).print(REP, DAY, POLICY)


def test_QUOTE_6_a_bid_that_grew_major_needs_leadership_at_the_final_review() -> None:
    """QUOTE-6: a bid that grew major needs leadership at the final review."""
    bid = reported(MINOR).go(MGR, DAY, POLICY).revise(REP, DAY, POLICY, value=MAJOR)

    bid = bid.submit(REP, DAY, POLICY).approve(MGR, DAY, POLICY)

    assert BidState.AWAITING_LEADERSHIP_FINAL == bid.state


def test_QUOTE_6_a_printing_check_with_a_stricter_policy_still_wants_leadership() -> None:
    """QUOTE-6: a printing check with a stricter policy still wants leadership."""
    approved = to_final_review(reported(MINOR)).approve(MGR, DAY, POLICY)
    strict = QuotePolicy(major_amount_threshold=Money("1000"))

    with pytest.raises(IllegalTransition, match="leadership's final approval"):
        approved.print(REP, DAY, strict)


def test_QUOTE_6_revising_an_approved_bid_sends_it_back_through_every_review() -> None:
    """QUOTE-6: revising an approved bid sends it back through every review."""
    bid = to_final_review(reported(lines=(DIFFICULT,))).technical_review(TECH, DAY, POLICY)
    bid = bid.approve(MGR, DAY, POLICY)

    bid = bid.revise(REP, DAY, POLICY, lines=(DIFFICULT, PLAIN))

    assert (BidState.COMPILING, ()) == (bid.state, bid.reviews_done)
    bid = bid.submit(REP, DAY, POLICY)
    assert BidState.SUPPORT_REVIEW == bid.state


def test_QUOTE_6_the_manager_may_send_documents_back_for_rework() -> None:
    """QUOTE-6: the manager may send documents back for rework."""
    bid = to_final_review(reported(MAJOR)).approve(MGR, DAY, POLICY).send_back(GM, DAY, POLICY)

    assert BidState.COMPILING == bid.state
    assert bid.history[-1].leadership is True


def test_QUOTE_6_the_manager_may_decline_at_the_final_review() -> None:
    """QUOTE-6: the manager may decline at the final review."""
    assert BidState.NO_GO == to_final_review(reported()).no_go(MGR, DAY, POLICY).state


def test_QUOTE_6_the_reporter_cannot_approve_their_own_bid() -> None:
    """QUOTE-6: the reporter cannot approve their own bid."""
    with pytest.raises(IllegalTransition, match="salesperson cannot decide"):
        to_final_review(reported()).approve(REP, DAY, POLICY)


# ------------------------------------------------------------- F: print, send
def printed(value: Money = MINOR) -> Bid:
    bid = to_final_review(reported(value)).approve(MGR, DAY, POLICY)
    if bid.state is BidState.AWAITING_LEADERSHIP_FINAL:
        bid = bid.approve(GM, DAY, POLICY)
    return bid.print(REP, DAY, POLICY)


def test_QUOTE_7_unbound_unstamped_documents_cannot_be_sent() -> None:
    """QUOTE-7: unbound unstamped documents cannot be sent."""
    with pytest.raises(IllegalTransition, match="bound_and_stamped"):
        printed().send(REP, DAY, POLICY)


def test_QUOTE_7_documents_are_bound_stamped_and_sent_by_the_team() -> None:
    """QUOTE-7: documents are bound stamped and sent by the team."""
    bid = printed().bind_and_stamp(REP, DAY, POLICY)

    with pytest.raises(IllegalTransition, match="neither the reporter nor the manager"):
        bid.send(TECH, DAY, POLICY)
    assert BidState.SENT == bid.send(REP, DAY, POLICY).state


def test_QUOTE_7_sending_after_the_tender_deadline_is_flagged() -> None:
    """QUOTE-7: sending after the tender deadline is flagged."""
    deadline = DAY + datetime.timedelta(days=1)
    bid = to_final_review(reported(deadline=deadline)).approve(MGR, DAY, POLICY)
    bid = bid.print(REP, DAY, POLICY).bind_and_stamp(REP, DAY, POLICY)

    assert bid.sent_late is None
    assert bid.send(REP, deadline, POLICY).sent_late is False
    assert bid.send(REP, deadline + datetime.timedelta(days=1), POLICY).sent_late is True


def test_CONTRACT_6_a_won_bid_opens_a_contract() -> None:
    """CONTRACT-6: a won bid opens a contract."""
    bid = printed(MAJOR).bind_and_stamp(REP, DAY, POLICY).send(REP, DAY, POLICY)
    won_on = DAY + datetime.timedelta(days=10)
    won = bid.win(MGR, won_on, POLICY).won_bid()

    contract = Contract.from_won_bid(
        won.bid_id,
        won.amount,
        won.won_on,
        contract_id="HT-1",
        drafted_by=REP,
        drafted_at=won_on,
    )

    assert ("B-1", MAJOR, ContractState.DRAFT) == (contract.bid_id, contract.amount, contract.state)


def test_CONTRACT_6_a_lost_bid_opens_no_contract() -> None:
    """CONTRACT-6: a lost bid opens no contract."""
    bid = printed().bind_and_stamp(REP, DAY, POLICY).send(REP, DAY, POLICY).lose(MGR, DAY, POLICY)

    with pytest.raises(IllegalTransition, match="only a won bid"):
        bid.won_bid()


# -------------------------------------------------------------- other rules
def test_QUOTE_transitions_leave_the_original_bid_unchanged() -> None:
    bid = reported()

    bid.go(MGR, DAY, POLICY)

    assert (BidState.REPORTED, ()) == (bid.state, bid.history)


def test_QUOTE_bids_compare_by_id() -> None:
    assert reported() == reported().go(MGR, DAY, POLICY)


def test_QUOTE_a_step_dated_before_the_previous_one_is_refused() -> None:
    bid = reported().go(MGR, DAY + datetime.timedelta(days=2), POLICY)

    with pytest.raises(InvalidInput, match="at"):
        bid.submit(REP, DAY, POLICY)


def test_QUOTE_1_a_report_dated_before_the_inquiry_is_refused() -> None:
    """QUOTE-1: a report dated before the inquiry is refused."""
    with pytest.raises(InvalidInput, match="reported_on"):
        Bid.report(
            "B",
            BidKind.TENDER,
            value=MINOR,
            reported_by=REP,
            received_on=DAY,
            reported_on=DAY - datetime.timedelta(days=1),
            org=ORG,
            policy=POLICY,
        )


def test_QUOTE_1_the_reporter_must_be_in_the_org_chart() -> None:
    """QUOTE-1: the reporter must be in the org chart."""
    stranger = Employee("x9", "外人", G.get("salesperson"))

    with pytest.raises(UnknownEntity, match="employee"):
        Bid.report(
            "B",
            BidKind.TENDER,
            value=MINOR,
            reported_by=stranger,
            received_on=DAY,
            reported_on=DAY,
            org=ORG,
            policy=POLICY,
        )


def test_QUOTE_the_actor_must_be_an_employee_and_the_policy_a_quote_policy() -> None:
    with pytest.raises(WrongType, match="by"):
        reported().go("m1", DAY, POLICY)  # type: ignore[arg-type]
    with pytest.raises(WrongType, match="policy"):
        reported().go(MGR, DAY, None)  # type: ignore[arg-type]


def test_QUOTE_a_negative_bid_value_is_refused() -> None:
    with pytest.raises(InvalidInput, match="value"):
        reported(Money("-1"))


def test_QUOTE_an_unknown_bid_kind_is_refused() -> None:
    with pytest.raises(UnknownEntity, match="kind"):
        Bid.report(
            "B",
            "auction",  # type: ignore[arg-type]
            value=MINOR,
            reported_by=REP,
            received_on=DAY,
            reported_on=DAY,
            org=ORG,
            policy=POLICY,
        )


def test_X_3_a_leadership_role_not_above_the_manager_is_refused() -> None:
    """X-3: a leadership role not above the manager is refused."""
    with pytest.raises(PolicyError, match="leadership_role"):
        QuotePolicy(major_amount_threshold=MAJOR, leadership_role=G.get("salesperson"))


def test_QUOTE_4_the_review_departments_must_differ() -> None:
    """QUOTE-4: the review departments must differ."""
    with pytest.raises(PolicyError, match="purchasing_department"):
        QuotePolicy(major_amount_threshold=MAJOR, purchasing_department="technical")


def test_X_12_major_flags_must_be_codes() -> None:
    """X-12: major flags must be codes."""
    with pytest.raises(InvalidInput, match="major_flags"):
        QuotePolicy(major_amount_threshold=MAJOR, major_flags=["Bid Bond"])


def test_QUOTE_1_a_report_later_than_the_sla_is_flagged() -> None:
    """QUOTE-1: a report later than the sla is flagged."""
    bid = Bid.report(
        "B",
        BidKind.TENDER,
        value=MINOR,
        reported_by=REP,
        received_on=DAY,
        reported_on=DAY + datetime.timedelta(days=1),
        org=ORG,
        policy=POLICY,
    )

    codes = [r.code for r in bid_requirements(bid, POLICY).reasons]
    relaxed = QuotePolicy(major_amount_threshold=MAJOR, report_sla_days=1)

    assert ["bid_not_major", "bid_reported_late"] == codes
    assert ["bid_not_major"] == [r.code for r in bid_requirements(bid, relaxed).reasons]


def test_QUOTE_2_requirements_name_the_deciders_and_the_reviews() -> None:
    """QUOTE-2: requirements name the deciders and the reviews."""
    bid = reported(MAJOR, lines=(DIFFICULT, KEY), flags=("strategic_customer",))

    result = bid_requirements(bid, POLICY)

    assert Verdict.NEEDS_APPROVAL == result.verdict
    assert (G.get("sales_manager"), G.get("general_manager")) == result.approvers
    assert (True, (ReviewKind.TECHNICAL, ReviewKind.PURCHASING)) == (result.major, result.reviews)
    assert [
        ("QUOTE-2", "bid_major_by_value"),
        ("QUOTE-2", "bid_major_by_flag"),
        ("QUOTE-4", "technical_review_required"),
        ("QUOTE-5", "purchasing_review_required"),
    ] == [(r.rule, r.code) for r in result.reasons]
    assert ("VAV-200",) == result.reasons[2].param("products")
    assert "general_manager" == json.loads(json.dumps(result.to_dict()))["approvers"][1]


def test_every_reason_code_emitted_is_declared_and_every_declared_code_is_reachable() -> None:
    late = Bid.report(
        "B",
        BidKind.TENDER,
        value=MINOR,
        reported_by=REP,
        received_on=DAY,
        reported_on=DAY + datetime.timedelta(days=3),
        org=ORG,
        policy=POLICY,
    )
    results = [
        bid_requirements(reported(MAJOR, lines=(DIFFICULT, KEY), flags=("bid_bond",)), POLICY),
        bid_requirements(late, POLICY),
    ]

    emitted = {r.code for result in results for r in result.reasons}

    assert emitted <= REASON_CODES
    assert REASON_CODES == emitted


# --------------------------------------------------------------- the machine
ACTORS = (REP, REP2, MGR, GM, TECH, BUYER)
# Progress first: move 0 of a random walk is always the next step of the happy path.
ACTIONS = (
    "go",
    "submit",
    "technical_review",
    "purchasing_review",
    "approve",
    "print",
    "bind_and_stamp",
    "send",
    "win",
    "revise",
    "send_back",
    "no_go",
    "lose",
)
VALUES = (MINOR, MAJOR)
LINE_SETS = ((), (PLAIN,), (DIFFICULT,), (KEY,), (DIFFICULT, KEY))
Revision = tuple[int, int, bool]


def apply(bid: Bid, action: str, actor: Employee, revision: Revision) -> Bid:
    if action == "purchasing_review":
        return bid.purchasing_review(
            actor, DAY, POLICY, lead_time_days=30, purchase_price=Money("1000")
        )
    if action == "revise":
        value, lines, flagged = revision
        return bid.revise(
            actor,
            DAY,
            POLICY,
            value=VALUES[value],
            lines=LINE_SETS[lines],
            flags=("bid_bond",) if flagged else (),
        )
    method = getattr(bid, action)
    result: Bid = method(actor, DAY, POLICY)
    return result


def legal_moves(bid: Bid, revision: Revision) -> list[Bid]:
    """Every bid one legal step away: each action tried by each actor, illegal ones skipped."""
    moves = []
    for action in ACTIONS:
        for actor in ACTORS:
            try:
                moves.append(apply(bid, action, actor, revision))
            except IllegalTransition:
                continue
    return moves


def walk(bid: Bid, steps: list[tuple[int, Revision]]) -> list[Bid]:
    """The bids visited when each step takes the legal move its number picks."""
    visited = [bid]
    for choice, revision in steps:
        moves = legal_moves(visited[-1], revision)
        if not moves:
            break
        visited.append(moves[choice % len(moves)])
    return visited


def check_released_bid(bid: Bid, initially_major: bool) -> None:
    """Every step the seed requires happened before the bid was printed and sent (QUOTE-2..7)."""
    history = bid.history
    actions = [e.action for e in history]
    print_at = actions.index(BidAction.PRINT)
    if BidAction.SEND in actions:
        assert print_at < actions.index(BidAction.BIND_AND_STAMP) < actions.index(BidAction.SEND)
    # A: the manager's go, and leadership's go for a bid major when reported.
    assert any(e.action is BidAction.GO and not e.leadership for e in history)
    if initially_major:
        assert any(e.action is BidAction.GO and e.leadership for e in history)
    # The round that led to printing starts when the bid last entered COMPILING.
    start = max(i for i in range(print_at) if history[i].state is BidState.COMPILING)
    round_ = history[start + 1 : print_at]
    done = {e.action for e in round_}
    # C, D: every review the (final) lines need.
    for kind in bid.required_reviews:
        wanted = (
            BidAction.TECHNICAL_REVIEW
            if kind is ReviewKind.TECHNICAL
            else BidAction.PURCHASING_REVIEW
        )
        assert wanted in done
        reviewer = next(e.by for e in round_ if e.action is wanted)
        department = "technical" if kind is ReviewKind.TECHNICAL else "purchasing"
        assert department == reviewer.department
    # E: the manager's final review; leadership's after it when major.
    manager_steps = [
        i for i, e in enumerate(round_) if e.action is BidAction.APPROVE and not e.leadership
    ]
    assert manager_steps
    manager = round_[manager_steps[0]].by
    assert manager.role.rank >= MGR.role.rank
    assert manager != REP
    if POLICY.is_major(bid.value, bid.flags):
        leader_steps = [
            i for i, e in enumerate(round_) if e.action is BidAction.APPROVE and e.leadership
        ]
        assert leader_steps
        assert leader_steps[0] > manager_steps[0]
        assert round_[leader_steps[0]].by != manager


@given(
    st.sampled_from(VALUES),
    st.sampled_from(LINE_SETS),
    st.booleans(),
    st.lists(
        st.tuples(
            st.integers(0, 15).map(lambda n: max(0, n - 7)),
            st.tuples(st.integers(0, 1), st.integers(0, len(LINE_SETS) - 1), st.booleans()),
        ),
        min_size=8,
        max_size=40,
    ),
)
def test_QUOTE_no_sequence_of_legal_transitions_reaches_sent_without_every_required_review(
    value: Money,
    lines: tuple[BidLine, ...],
    flagged: bool,
    steps: list[tuple[int, Revision]],
) -> None:
    flags = ("bid_bond",) if flagged else ()
    start = reported(value, lines=lines, flags=flags)
    initially_major = POLICY.is_major(value, flags)

    for bid in walk(start, steps):
        if BidAction.PRINT in [e.action for e in bid.history]:
            check_released_bid(bid, initially_major)


def test_QUOTE_the_random_walk_reaches_sent_along_the_happy_path() -> None:
    start = reported(MAJOR, lines=(DIFFICULT, KEY), flags=("bid_bond",))

    visited = walk(start, [(0, (0, 0, False))] * 12)

    assert BidState.SENT in [bid.state for bid in visited]
    check_released_bid(visited[-1], initially_major=True)


def test_QUOTE_the_sent_bid_checker_accepts_a_complete_major_path_and_no_less() -> None:
    bid = to_final_review(reported(MAJOR, lines=(DIFFICULT, KEY)))
    bid = bid.purchasing_review(BUYER, DAY, POLICY, lead_time_days=30, purchase_price=Money("1"))
    bid = bid.technical_review(TECH, DAY, POLICY)
    bid = bid.approve(MGR, DAY, POLICY).approve(GM, DAY, POLICY)
    bid = bid.print(REP, DAY, POLICY).bind_and_stamp(REP, DAY, POLICY).send(REP, DAY, POLICY)
    forged = attrs.evolve(
        bid, history=tuple(e for e in bid.history if e.action is not BidAction.TECHNICAL_REVIEW)
    )

    check_released_bid(bid, initially_major=True)
    with pytest.raises(AssertionError):
        check_released_bid(forged, initially_major=True)
