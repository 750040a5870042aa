"""Commission (issue 5, commission half; issue 10, mergeable bases): INC-1, INC-2, INC-5,
COLL-1, COLL-2, with PRICE-4 as data."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Approval,
    CurrencyMismatch,
    Decision,
    FloatNotAllowed,
    InvalidInput,
    Money,
    Period,
    PolicyError,
    Reason,
    UnknownEntity,
    Verdict,
    WrongType,
    minor_unit,
)
from salesdomain.commission import (
    REASON_CODES,
    Basis,
    Bracket,
    CommissionBase,
    CommissionPlan,
    CommissionStatement,
    CreditNote,
    Event,
    EventKind,
    Invoice,
    ManagerOverride,
    Payment,
    TierMode,
    WriteOff,
    accumulate,
    compute_commission,
    settle,
)

DIRECTOR = REAL_ESTATE_LADDER.get("marketing_director")
MANAGER = REAL_ESTATE_LADDER.get("sales_manager")
JAN = Period.month(2026, 1)
FEB = Period.month(2026, 2)
MAR = Period.month(2026, 3)
D = Decimal
BRACKETS = [
    (0, 10000, D("0.02")),
    (10000, 50000, D("0.04")),
    (50000, None, D("0.06")),
]


def day(month: int, dom: int = 15) -> dt.date:
    return dt.date(2026, month, dom)


def plan(**fields: object) -> CommissionPlan:
    """An approved plan named "plan" (drafted by m1, approved by the 营销总监 d1)."""
    values: dict[str, object] = {
        "name": "plan",
        "drafted_by": "m1",
        "commission_basis": Basis.COLLECTED,
        "commission_rates": D("0.04"),
        "approvals": (Approval(DIRECTOR, "d1", day(1, 1), subject="plan"),),
    }
    values.update(fields)
    return CommissionPlan(**values)  # type: ignore[arg-type]


def checked(statement: CommissionStatement) -> CommissionStatement:
    """Every reason a statement gives (lines included) is a declared code."""
    codes = {reason.code for reason in statement.reasons}
    codes |= {line.reason.code for line in statement.lines}
    assert codes <= REASON_CODES, codes - REASON_CODES
    return statement


def run(
    p: CommissionPlan, events: list[Event], period: Period, **kw: object
) -> CommissionStatement:
    return checked(compute_commission(p, events, period, **kw))  # type: ignore[arg-type]


def codes(statement: CommissionStatement) -> list[str]:
    return [reason.code for reason in statement.reasons]


def reason(statement: CommissionStatement, code: str) -> Reason:
    matches = [r for r in statement.reasons if r.code == code]
    assert len(matches) == 1, codes(statement)
    return matches[0]


def invoice(
    number: str = "I1",
    amount: str = "1000",
    shares: object = "alice",
    *,
    on: dt.date | None = None,
    currency: str = "CNY",
    **kw: object,
) -> Invoice:
    return Invoice(number, on or day(1, 5), Money(amount, currency), shares, **kw)  # type: ignore[arg-type]


# -- the examples -----------------------------------------------------------


def test_INC_5_brackets_pay_3600_on_60000_in_whole_amount_mode() -> None:
    p = plan(
        commission_basis=Basis.BOOKED,
        commission_rates=BRACKETS,
        tier_mode=TierMode.WHOLE_AMOUNT,
    )
    statement = run(p, [invoice(amount="60000")], JAN)
    assert Money("3600.00") == statement.total


def test_INC_5_brackets_pay_2400_on_60000_in_marginal_mode() -> None:
    p = plan(commission_basis=Basis.BOOKED, commission_rates=BRACKETS, tier_mode=TierMode.MARGINAL)
    statement = run(p, [invoice(amount="60000")], JAN)
    assert Money("2400.00") == statement.total


@pytest.mark.parametrize(
    ("base", "whole", "marginal"),
    [
        ("9999.99", "199.9998", "199.9998"),
        ("10000", "400.00", "200.00"),
        ("50000", "3000.00", "1800.00"),
        ("0", "0", "0"),
    ],
)
def test_INC_5_bracket_lower_bound_is_inclusive_and_upper_bound_exclusive(
    base: str, whole: str, marginal: str
) -> None:
    whole_plan = plan(commission_rates=BRACKETS, tier_mode=TierMode.WHOLE_AMOUNT)
    marginal_plan = plan(commission_rates=BRACKETS)
    assert D(whole) == whole_plan.commission_on(D(base))
    assert D(marginal) == marginal_plan.commission_on(D(base))


def test_COLL_1_invoice_of_20000_at_20pct_on_collected_basis_pays_2000_after_half_and_2000_after_the_rest() -> (
    None
):
    p = plan(commission_rates=D("0.20"))
    events: list[Event] = [
        invoice(amount="20000"),
        Payment("I1", day(1, 20), Money("10000"), id="P1"),
        Payment("I1", day(2, 20), Money("10000"), id="P2"),
    ]
    january = run(p, events, JAN)
    february = run(p, events, FEB)
    assert Money("2000.00") == january.total
    assert Money("10000") == january.carry_forward
    assert Money("2000.00") == february.total
    assert Money("0") == february.carry_forward


@pytest.mark.parametrize("basis", list(Basis))
def test_INC_5_invoice_of_1000_with_a_200_credit_note_at_4pct_pays_32(basis: Basis) -> None:
    p = plan(commission_basis=basis, commission_rates=D("0.04"))
    events: list[Event] = [
        invoice(amount="1000"),
        CreditNote("I1", day(1, 10), Money("200"), id="CN1"),
        Payment("I1", day(1, 20), Money("800"), id="P1"),
    ]
    assert Money("32.00") == run(p, events, JAN).total


def test_INC_5_invoice_of_1000_fully_paid_then_credited_200_in_the_period_pays_32_and_reports_the_excess() -> (
    None
):
    p = plan(commission_rates=D("0.04"))
    events: list[Event] = [
        invoice(amount="1000"),
        Payment("I1", day(1, 10), Money("1000"), id="P1"),
        CreditNote("I1", day(1, 20), Money("200"), id="CN1"),
    ]
    statement = run(p, events, JAN)
    assert Money("32.00") == statement.total
    assert Money("200") == statement.overpaid


# -- COLL-1: periods, history, overpayments, carry-forward ----------------------------


def test_COLL_1_a_payment_this_month_on_last_quarters_invoice_earns_this_month() -> None:
    p = plan(commission_rates=D("0.10"))
    old = invoice(amount="5000", on=dt.date(2025, 11, 3))
    events: list[Event] = [old, Payment("I1", day(1, 9), Money("5000"), id="P1")]
    assert Money("500.00") == run(p, events, JAN).total


def test_COLL_1_payments_beyond_the_invoice_amount_earn_nothing_and_are_reported_as_overpayments() -> (
    None
):
    p = plan(commission_rates=D("0.10"))
    events: list[Event] = [
        invoice(amount="1000"),
        Payment("I1", dt.date(2025, 12, 30), Money("700"), id="P0"),  # history
        Payment("I1", day(1, 9), Money("500"), id="P1"),
    ]
    statement = run(p, events, JAN)
    assert Money("30.00") == statement.total
    assert Money("200") == statement.overpaid
    assert Money("500") == statement.collected
    expected = Reason(
        "COLL-1", "overpayment_earns_no_commission", {"invoice": "I1", "amount": Money("200")}
    )
    assert expected == reason(statement, "overpayment_earns_no_commission")


def test_INC_5_events_outside_the_period_are_ignored_and_counted() -> None:
    p = plan(commission_rates=D("0.10"))
    events: list[Event] = [
        invoice(amount="9000"),
        Payment("I1", dt.date(2025, 12, 30), Money("1000"), id="P0"),
        Payment("I1", day(1, 9), Money("1000"), id="P1"),
        Payment("I1", day(2, 9), Money("1000"), id="P2"),
        CreditNote("I1", day(3, 9), Money("1000"), id="C3"),
    ]
    statement = run(p, events, JAN)
    assert Money("100.00") == statement.total
    assert (1, 1, 2) == (
        statement.events_in_period,
        statement.events_before_period,
        statement.events_after_period,
    )
    expected = Reason("INC-5", "events_outside_period", {"before": 1, "after": 2, "period": JAN})
    assert expected == reason(statement, "events_outside_period")


def test_COLL_1_carry_forward_lists_the_balances_still_expected() -> None:
    p = plan(commission_rates=D("0.10"))
    events: list[Event] = [
        invoice("I1", "1000"),
        invoice("I2", "400"),
        invoice("I3", "300", on=day(2, 1)),  # booked after the period: not yet expected
        Payment("I1", day(1, 9), Money("250"), id="P1"),
        Payment("I2", day(1, 9), Money("400"), id="P2"),
    ]
    statement = run(p, events, JAN)
    assert (("I1", Money("750")),) == statement.carry_forward_by_invoice
    expected = Reason("COLL-1", "payments_still_expected", {"amount": Money("750"), "invoices": 1})
    assert expected == reason(statement, "payments_still_expected")


def test_COLL_2_collected_is_every_payment_of_the_period_overpayments_included() -> None:
    p = plan()
    events: list[Event] = [
        invoice("I1", "100"),
        Payment("I1", day(1, 9), Money("150"), id="P1"),
    ]
    statement = run(p, events, JAN)
    assert (Money("150"), Money("50")) == (statement.collected, statement.overpaid)


# -- INC-5: clawback, write-offs ------------------------------------------------------


def test_INC_5_a_refund_of_cash_collected_last_month_claws_back_its_commission() -> None:
    p = plan(commission_rates=D("0.20"))
    events: list[Event] = [
        invoice(amount="20000"),
        Payment("I1", day(1, 20), Money("20000"), id="P1"),
        CreditNote("I1", day(3, 1), Money("5000"), id="C1"),
    ]
    statement = run(p, events, MAR)
    assert Money("-1000.00") == statement.total
    assert (("alice", Money("-1000.00")),) == statement.by_salesperson
    expected = Reason("INC-5", "commission_clawback", {"invoice": "I1", "amount": Money("5000")})
    assert expected == reason(statement, "commission_clawback")


def test_INC_5_without_clawback_a_refund_takes_back_nothing_already_earned() -> None:
    p = plan(commission_rates=D("0.20"), clawback=False)
    events: list[Event] = [
        invoice(amount="20000"),
        Payment("I1", day(1, 20), Money("20000"), id="P1"),
        CreditNote("I1", day(3, 1), Money("5000"), id="C1"),
    ]
    statement = run(p, events, MAR)
    assert Money("0.00") == statement.total
    assert "clawback_waived" in codes(statement)


def test_INC_5_a_write_off_claws_back_booked_commission() -> None:
    p = plan(commission_basis=Basis.BOOKED, commission_rates=D("0.05"))
    events: list[Event] = [
        invoice(amount="10000"),
        Payment("I1", day(1, 20), Money("4000"), id="P1"),
        WriteOff("I1", day(2, 28), Money("6000"), id="W1"),
    ]
    assert Money("500.00") == run(p, events, JAN).total
    february = run(p, events, FEB)
    assert Money("-300.00") == february.total
    assert Money("0") == february.carry_forward


def test_INC_5_a_write_off_claws_back_nothing_on_collected_basis_and_closes_the_carry_forward() -> (
    None
):
    p = plan(commission_rates=D("0.05"))
    events: list[Event] = [
        invoice(amount="10000"),
        Payment("I1", day(1, 20), Money("4000"), id="P1"),
        WriteOff("I1", day(2, 28), Money("6000"), id="W1"),
    ]
    january = run(p, events, JAN)
    february = run(p, events, FEB, lines=True)
    assert (Money("200.00"), Money("6000")) == (january.total, january.carry_forward)
    assert (Money("0.00"), Money("0")) == (february.total, february.carry_forward)
    assert ["write_off_closes_balance"] == [line.reason.code for line in february.lines]


def test_INC_5_commission_is_never_negative_without_a_clawback() -> None:
    p = plan(commission_basis=Basis.BOOKED, commission_rates=BRACKETS)
    events: list[Event] = [
        invoice("I1", "1000", on=day(1, 5)),
        CreditNote("I1", day(1, 6), Money("1500"), id="C1"),  # more than the invoice
    ]
    statement = run(p, events, JAN)
    assert Money("0.00") == statement.total
    assert "commission_clawback" not in codes(statement)


# -- split credit and overrides -------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "amount", "expected"),
    [
        ("JPY", "100000", ("1667", "1667", "1666")),
        ("CNY", "1000.00", ("16.67", "16.67", "16.66")),
        ("KWD", "1000.000", ("16.667", "16.667", "16.666")),
    ],
)
def test_INC_5_split_credit_sums_exactly_to_the_total_in_jpy_cny_and_kwd(
    currency: str, amount: str, expected: tuple[str, str, str]
) -> None:
    shares = {"a": D("0.333333333333"), "b": D("0.333333333333"), "c": D("0.333333333334")}
    p = plan(commission_basis=Basis.BOOKED, commission_rates=D("0.05"), currency=currency)
    statement = run(p, [invoice(amount=amount, shares=shares, currency=currency)], JAN)
    assert statement.total is not None
    assert statement.total == sum(money for _, money in statement.by_salesperson)
    parts = tuple(money for _, money in statement.by_salesperson)
    assert tuple(Money(x, currency) for x in expected) == tuple(sorted(parts, reverse=True))


def test_INC_5_manager_override_is_a_rate_on_the_teams_base() -> None:
    override = ManagerOverride("m1", D("0.01"), team=("alice", "bob"))
    p = plan(
        commission_basis=Basis.BOOKED, commission_rates=D("0.05"), manager_overrides=(override,)
    )
    events: list[Event] = [
        invoice("I1", "6000", {"alice": D("0.5"), "bob": D("0.5")}),
        invoice("I2", "4000", "carol"),
    ]
    statement = run(p, events, JAN)
    assert Money("560.00") == statement.total
    assert Money("60.00") == statement.commission_of("m1")
    assert Money("150.00") == statement.commission_of("alice")
    assert "manager_override" in codes(statement)


def test_INC_5_commission_of_an_unknown_payee_raises_naming_them() -> None:
    statement = run(plan(), [invoice()], JAN)
    with pytest.raises(UnknownEntity, match="salesperson"):
        statement.commission_of("nobody")


# -- attainment multipliers -----------------------------------------------------------


def multiplier_plan() -> CommissionPlan:
    return plan(
        commission_basis=Basis.BOOKED,
        commission_rates=D("0.10"),
        attainment_multipliers=[(0, D("0.5")), (D("0.8"), D("1")), (D("1"), D("1.5"))],
    )


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("7999.99", "400.00"), ("8000", "800.00"), ("9999", "999.90"), ("10000", "1500.00")],
)
def test_INC_5_attainment_multiplier_applies_from_its_threshold_inclusive(
    amount: str, expected: str
) -> None:
    statement = run(multiplier_plan(), [invoice(amount=amount)], JAN, target=Money("10000"))
    assert Money(expected) == statement.total
    assert "attainment_multiplier_applied" in codes(statement)


def test_INC_5_per_salesperson_targets_take_a_mapping() -> None:
    events: list[Event] = [invoice("I1", "5000", "alice"), invoice("I2", "5000", "bob")]
    targets = {"alice": Money("5000"), "bob": Money("10000")}
    statement = run(multiplier_plan(), events, JAN, target=targets)
    assert (Money("750.00"), Money("250.00")) == (
        statement.commission_of("alice"),
        statement.commission_of("bob"),
    )


def test_INC_5_a_multiplier_plan_without_a_target_raises_naming_target() -> None:
    with pytest.raises(InvalidInput, match="target"):
        run(multiplier_plan(), [invoice()], JAN)
    with pytest.raises(InvalidInput, match="target: no target for this salesperson"):
        run(multiplier_plan(), [invoice()], JAN, target={"bob": Money("1")})


def test_INC_5_a_target_in_another_currency_raises() -> None:
    with pytest.raises(CurrencyMismatch, match="target"):
        run(multiplier_plan(), [invoice()], JAN, target=Money("1", "USD"))


# -- INC-1: approval and validity -----------------------------------------------------


def test_INC_1_an_unapproved_plan_returns_an_outcome_naming_the_missing_approval() -> None:
    p = plan(approvals=())
    statement = run(p, [invoice()], JAN)
    assert Verdict.NEEDS_APPROVAL == statement.verdict
    assert statement.total is None
    assert (DIRECTOR,) == statement.approvers
    expected = Reason("INC-1", "incentive_plan_not_approved", {"plan": "plan", "role": DIRECTOR})
    assert expected == statement.reasons[0]
    with pytest.raises(InvalidInput, match="total"):
        statement.commission_of("alice")


def test_INC_1_the_drafter_cannot_approve_their_own_plan() -> None:
    p = plan(approvals=(Approval(DIRECTOR, "m1", day(1, 1), subject="plan"),))
    statement = run(p, [invoice()], JAN)
    assert Verdict.NEEDS_APPROVAL == statement.verdict
    assert "self_approval" in codes(statement)


def test_INC_1_an_approval_of_another_plan_does_not_count() -> None:
    p = plan(approvals=(Approval(DIRECTOR, "d1", day(1, 1), subject="old plan"),))
    statement = run(p, [invoice()], JAN)
    assert statement.total is None
    assert "stale_subject" in codes(statement)


def test_INC_1_X_8_the_developer_must_also_approve_when_the_plan_requires_it() -> None:
    p = plan(requires_principal_approval=True)
    statement = run(p, [invoice()], JAN)
    assert (PRINCIPAL_SIGNATORY,) == statement.approvers
    signed = attrs.evolve(
        p,
        approvals=(
            *p.approvals,
            Approval(PRINCIPAL_SIGNATORY, "dev", day(1, 2), subject="plan"),
        ),
    )
    assert Money("40.00") == run(signed, [invoice(), _pay("1000")], JAN).total


def test_INC_1_a_plan_needing_no_sign_off_pays_at_once() -> None:
    p = plan(approvals=(), incentive_plan_approvers=())
    assert Verdict.ALLOWED == run(p, [invoice()], JAN).verdict


def test_INC_1_a_plan_outside_its_effective_period_is_rejected() -> None:
    p = plan(effective=Period.quarter(2026, 2))
    statement = run(p, [invoice()], JAN)
    assert (Verdict.REJECTED, None) == (statement.verdict, statement.total)
    expected = Reason(
        "INC-1",
        "incentive_plan_not_in_force",
        {"plan": "plan", "effective": Period.quarter(2026, 2), "period": JAN},
    )
    assert expected == statement.reasons[0]


def _pay(amount: str, number: str = "I1", pid: str = "P1", on: dt.date | None = None) -> Payment:
    return Payment(number, on or day(1, 20), Money(amount), id=pid)


# -- INC-5 with PRICE-4: below-floor deals ---------------------------------------------


BELOW_FLOOR = Decision(Verdict.REJECTED, (Reason("PRICE-4", "price_below_floor"),))
BELOW_FLOOR_OVERRIDABLE = Decision(
    Verdict.NEEDS_APPROVAL, (Reason("PRICE-4", "price_below_floor_override"),), (MANAGER,)
)
DISCOUNT_REVIEW = Decision(
    Verdict.NEEDS_APPROVAL, (Reason("PRICE-5", "needs_approval"),), (MANAGER,)
)


def test_INC_5_a_deal_sold_below_its_floor_earns_nothing_when_the_plan_excludes_it() -> None:
    events: list[Event] = [invoice(price_decision=BELOW_FLOOR), _pay("1000")]
    statement = run(plan(), events, JAN, lines=True)
    assert Money("0.00") == statement.total
    expected = Reason(
        "INC-5", "below_floor_deal_excluded", {"invoice": "I1", "amount": Money("1000")}
    )
    assert expected == reason(statement, "below_floor_deal_excluded")
    assert ["below_floor_deal_excluded"] == [line.reason.code for line in statement.lines]


def test_INC_5_a_below_floor_deal_earns_and_is_flagged_when_the_plan_does_not_exclude() -> None:
    events: list[Event] = [invoice(price_decision=BELOW_FLOOR), _pay("1000")]
    statement = run(plan(exclude_below_floor_deals=False), events, JAN)
    assert Money("40.00") == statement.total
    assert "below_floor_deal_included" in codes(statement)


def test_INC_5_a_below_floor_deal_with_the_override_approved_earns() -> None:
    approved = invoice(
        price_decision=BELOW_FLOOR_OVERRIDABLE,
        price_approvals=(Approval(MANAGER, "m9", day(1, 3)),),
    )
    self_approved = invoice(
        "I2",
        price_decision=BELOW_FLOOR_OVERRIDABLE,
        price_approvals=(Approval(MANAGER, "alice", day(1, 3)),),
    )
    assert not approved.below_floor_without_override
    assert self_approved.below_floor_without_override
    events: list[Event] = [approved, self_approved, _pay("1000"), _pay("1000", "I2", "P2")]
    assert Money("40.00") == run(plan(), events, JAN).total


def test_INC_5_a_discount_within_the_floor_is_not_a_below_floor_deal() -> None:
    assert not invoice(price_decision=DISCOUNT_REVIEW).below_floor_without_override
    allowed = Decision(Verdict.ALLOWED, (Reason("PRICE-4", "at_or_above_floor"),))
    assert not invoice(price_decision=allowed).below_floor_without_override


# -- per-event lines ------------------------------------------------------------------


def test_INC_5_lines_give_each_events_effect_with_rule_and_reason_and_add_up_to_the_base() -> None:
    p = plan(commission_rates=D("0.10"))
    events: list[Event] = [
        invoice("I1", "1000", {"alice": D("0.5"), "bob": D("0.5")}),
        _pay("300", on=dt.date(2025, 12, 1), pid="P0"),
        _pay("600", pid="P1"),
        _pay("400", pid="P2", on=day(1, 25)),
        CreditNote("I1", day(1, 28), Money("100"), id="C1"),
    ]
    statement = run(p, events, JAN, lines=True)
    assert [("P1", "600", "COLL-1"), ("P2", "0", "COLL-1"), ("C1", "0", "INC-5")] == [
        (line.event_id, str(line.earned), line.reason.rule) for line in statement.lines
    ]
    assert Money("400") == statement.overpaid
    base_total = sum((value for _, value in statement.base_by_salesperson), D(0))
    assert base_total == sum((line.earned for line in statement.lines), D(0))
    assert EventKind.PAYMENT == statement.lines[0].kind


@pytest.mark.parametrize("basis", list(Basis))
@pytest.mark.parametrize("clawback", [True, False])
def test_INC_5_lines_add_up_to_the_base_with_history_credits_and_write_offs(
    basis: Basis, clawback: bool
) -> None:
    p = plan(commission_basis=basis, clawback=clawback)
    events: list[Event] = [
        invoice("I1", "1000", on=dt.date(2025, 12, 1)),
        invoice("I2", "500", on=day(1, 3)),
        _pay("900", on=dt.date(2025, 12, 20), pid="P0"),
        _pay("300", pid="P1"),
        CreditNote("I1", day(1, 2), Money("250"), id="C1"),
        WriteOff("I1", day(1, 30), Money("50"), id="W1"),
        CreditNote("I2", day(1, 4), Money("100"), id="C2"),
        _pay("450", "I2", "P2"),
    ]
    statement = run(p, events, JAN, lines=True)
    base_total = sum((value for _, value in statement.base_by_salesperson), D(0))
    assert base_total == sum((line.earned for line in statement.lines), D(0))


def test_INC_5_lines_are_empty_unless_asked_for() -> None:
    assert () == run(plan(), [invoice(), _pay("10")], JAN).lines


# -- bad input ------------------------------------------------------------------------


def test_INC_5_a_duplicate_event_id_raises_naming_it() -> None:
    with pytest.raises(InvalidInput, match="id: duplicate event ID in one computation, got 'P1'"):
        run(plan(), [invoice(), _pay("10"), _pay("20")], JAN)


def test_INC_5_a_duplicate_invoice_number_raises_naming_it() -> None:
    with pytest.raises(InvalidInput, match="'I1'"):
        accumulate([invoice(), invoice(amount="5")], JAN)


def test_INC_5_a_duplicate_id_across_merged_partitions_raises() -> None:
    left = accumulate([invoice(), _pay("10")], JAN)
    right = accumulate([_pay("10")], JAN)
    with pytest.raises(InvalidInput, match="'P1'"):
        _ = left + right


def test_INC_5_two_different_invoices_with_one_number_cannot_be_merged() -> None:
    with pytest.raises(InvalidInput, match="invoice"):
        _ = accumulate([invoice()], JAN) + accumulate([invoice(amount="5")], JAN)


def test_INC_5_events_in_two_currencies_raise() -> None:
    with pytest.raises(CurrencyMismatch, match="currency"):
        accumulate([invoice(), Payment("I1", day(1), Money("5", "USD"), id="P1")], JAN)
    with pytest.raises(CurrencyMismatch, match="currency"):
        run(plan(currency="USD"), [invoice()], JAN)


def test_INC_5_a_payment_on_an_invoice_never_given_raises_naming_the_invoice() -> None:
    with pytest.raises(UnknownEntity, match="invoice: .*'I9'"):
        run(plan(), [_pay("10", "I9")], JAN)


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: invoice(shares={"a": D("0.5"), "b": D("0.49")}), InvalidInput, "shares"),
        (lambda: invoice(shares={"a": D("1.5"), "b": D("-0.5")}), InvalidInput, "shares"),
        (lambda: invoice(shares={}), InvalidInput, "shares"),
        (lambda: invoice(amount="0"), InvalidInput, "amount"),
        (lambda: Invoice("I1", day(1), D("100"), "a"), WrongType, "amount"),
        (lambda: Invoice("", day(1), Money("1"), "a"), InvalidInput, "number"),
        (
            lambda: Invoice("I1", day(1), Money("1"), "a", price_decision="x"),
            WrongType,
            "price_decision",
        ),
        (lambda: Payment("I1", dt.datetime(2026, 1, 1), Money("1"), id="P"), WrongType, "date"),
        (lambda: Payment("I1", day(1), Money("-1"), id="P"), InvalidInput, "amount"),
        (lambda: Payment("", day(1), Money("1"), id="P"), InvalidInput, "invoice"),
        (lambda: CreditNote("I1", day(1), Money("1"), id=""), InvalidInput, "id"),
        (lambda: WriteOff("I1", day(1), Money(0.5), id="W"), FloatNotAllowed, "amount"),
    ],
)
def test_INC_5_invalid_events_cannot_be_built_and_the_error_names_the_field(
    build: object, error: type[Exception], field: str
) -> None:
    with pytest.raises(error, match=field):
        build()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("fields", "error", "field"),
    [
        ({"commission_rates": []}, PolicyError, "commission_rates"),
        ({"commission_rates": [(5, None, D("0.1"))]}, PolicyError, r"commission_rates\[0\].lower"),
        (
            {"commission_rates": [(0, 100, D("0.1")), (200, None, D("0.1"))]},
            PolicyError,
            r"commission_rates\[1\].lower",
        ),
        ({"commission_rates": [(0, 100, D("0.1"))]}, PolicyError, r"commission_rates\[0\].upper"),
        ({"commission_rates": [(0, None, D("1.5"))]}, PolicyError, r"commission_rates\[0\].rate"),
        ({"commission_rates": [(0, None)]}, PolicyError, r"commission_rates\[0\]"),
        ({"commission_rates": 0.05}, FloatNotAllowed, "commission_rates"),
        ({"commission_rates": [(0, None, 0.05)]}, FloatNotAllowed, r"commission_rates\[0\].rate"),
        ({"commission_basis": "contracted"}, PolicyError, "commission_basis"),
        ({"tier_mode": "banded"}, PolicyError, "tier_mode"),
        ({"attainment_multipliers": [(D("0.5"), 1)]}, PolicyError, "attainment_multipliers"),
        ({"attainment_multipliers": [(0, 1), (0, 2)]}, PolicyError, "attainment_multipliers"),
        ({"attainment_multipliers": [(0, -1)]}, PolicyError, "attainment_multipliers"),
        ({"clawback": "yes"}, PolicyError, "clawback"),
        (
            {"incentive_plan_approvers": (DIRECTOR, DIRECTOR)},
            PolicyError,
            "incentive_plan_approvers",
        ),
        (
            {"incentive_plan_approvers": (PRINCIPAL_SIGNATORY,)},
            PolicyError,
            "incentive_plan_approvers",
        ),
        ({"manager_overrides": ("m1",)}, PolicyError, "manager_overrides"),
        ({"approvals": ("d1",)}, WrongType, "approvals"),
        ({"effective": "2026"}, PolicyError, "effective"),
        ({"currency": "XXZ"}, PolicyError, "currency"),
        ({"rounding_rule": "ROUND_SIDEWAYS"}, PolicyError, "rounding_rule"),
        ({"name": " "}, PolicyError, "name"),
    ],
)
def test_INC_5_an_inconsistent_plan_cannot_be_built_and_the_error_names_the_field(
    fields: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error, match=field):
        plan(**fields)


def test_INC_5_brackets_and_overrides_refuse_bad_values_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match="upper"):
        Bracket(100, 50, rate=D("0.1"))
    with pytest.raises(InvalidInput, match="lower"):
        Bracket(-1, None, rate=D("0.1"))
    with pytest.raises(InvalidInput, match="team"):
        ManagerOverride("m1", D("0.01"), team=())
    with pytest.raises(InvalidInput, match="team"):
        ManagerOverride("m1", D("0.01"), team=("a", "a"))
    with pytest.raises(InvalidInput, match="rate"):
        ManagerOverride("m1", D("2"), team=("a",))


def test_INC_5_accumulate_and_settle_refuse_what_is_not_theirs() -> None:
    with pytest.raises(WrongType, match="events"):
        accumulate([Money("1")], JAN)  # type: ignore[list-item]
    with pytest.raises(WrongType, match="events"):
        accumulate("I1", JAN)  # type: ignore[arg-type]
    with pytest.raises(WrongType, match="period"):
        accumulate([], "2026-01")  # type: ignore[arg-type]
    with pytest.raises(WrongType, match="plan"):
        settle(accumulate([], JAN), "plan")  # type: ignore[arg-type]
    with pytest.raises(WrongType, match="target"):
        settle(accumulate([], JAN), plan(), target=100)  # type: ignore[arg-type]


def test_INC_5_is_monotonic_reports_whole_amount_plans_with_falling_rates() -> None:
    falling = [(0, 100, D("0.05")), (100, None, D("0.01"))]
    assert plan(commission_rates=falling).is_monotonic
    assert not plan(commission_rates=falling, tier_mode=TierMode.WHOLE_AMOUNT).is_monotonic
    assert not plan(attainment_multipliers=[(0, 2), (1, 1)]).is_monotonic


# -- scale-out: streaming, merging, pickling ------------------------------------------


def test_INC_5_accumulate_streams_a_generator_and_skips_the_id_set_when_told() -> None:
    def stream() -> Iterator[Event]:
        yield invoice(amount="1000000")
        for k in range(1000):
            yield _pay("1.25", pid=f"P{k}")

    base = accumulate(stream(), JAN, check_ids=False)
    assert base.event_ids is None
    assert D("1250.00") == base.sums[0][1].paid
    assert Money("50.00") == checked(settle(base, plan())).total


def test_INC_5_invoices_can_be_broadcast_to_every_partition_as_reference_data() -> None:
    invoices = [invoice("I1", "1000"), invoice("I2", "2000", "bob")]
    payments: list[Event] = [_pay("100", "I1", "P1"), _pay("200", "I2", "P2")]
    parts = [accumulate([event], JAN, invoices=invoices) for event in payments]
    whole = accumulate(payments, JAN, invoices=invoices)
    assert whole == sum(parts, accumulate([], JAN))
    assert whole == sum(parts)


def test_INC_5_bases_and_statements_pickle_and_statements_turn_into_json() -> None:
    base = accumulate([invoice(), _pay("10")], JAN, lines=True)
    statement = checked(settle(base, plan()))
    assert base == pickle.loads(pickle.dumps(base))
    assert statement == pickle.loads(pickle.dumps(statement))
    data = json.loads(json.dumps(statement.to_dict()))
    assert {"amount": "0.40", "currency": "CNY"} == data["total"]
    assert "CommissionBase" in repr(base)


# -- properties -----------------------------------------------------------------------


CURRENCIES = ("JPY", "CNY", "KWD")


def _units(currency: str, low: int, high: int) -> st.SearchStrategy[Money]:
    quantum = minor_unit(currency)
    return st.integers(min_value=low, max_value=high).map(lambda n: Money(D(n) * quantum, currency))


@st.composite
def monotonic_plans(draw: st.DrawFn, currency: str = "CNY") -> CommissionPlan:
    mode = draw(st.sampled_from(list(TierMode)))
    count = draw(st.integers(min_value=1, max_value=4))
    bounds = sorted(
        draw(
            st.sets(
                st.integers(min_value=1, max_value=50000), min_size=count - 1, max_size=count - 1
            )
        )
    )
    rates = [
        D(r) / 1000 for r in draw(st.lists(st.integers(0, 200), min_size=count, max_size=count))
    ]
    if mode is TierMode.WHOLE_AMOUNT:
        rates.sort()
    lowers = [0, *bounds]
    uppers: list[int | None] = [*bounds, None]
    brackets = list(zip(lowers, uppers, rates, strict=True))
    multipliers: list[tuple[Decimal, Decimal]] = []
    if draw(st.booleans()):
        factors = sorted(
            D(f) / 10 for f in draw(st.lists(st.integers(0, 30), min_size=3, max_size=3))
        )
        multipliers = [(D(0), factors[0]), (D("0.5"), factors[1]), (D("1"), factors[2])]
    rounding = draw(st.sampled_from([ROUND_HALF_UP, ROUND_DOWN]))
    return plan(
        commission_rates=brackets,
        tier_mode=mode,
        attainment_multipliers=multipliers,
        currency=currency,
        rounding_rule=rounding,
        commission_basis=draw(st.sampled_from(list(Basis))),
    )


PEOPLE = ("ann", "ben", "cai")


@st.composite
def event_lists(draw: st.DrawFn, currency: str = "CNY") -> list[Event]:
    """Invoices (some before the period), payments, credit notes, write-offs around JAN."""
    n_invoices = draw(st.integers(min_value=1, max_value=4))
    events: list[Event] = []
    for i in range(n_invoices):
        weights = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
        total = sum(weights)
        names = PEOPLE[: len(weights)]
        shares = {name: D(w) / D(total) for name, w in zip(names, weights, strict=True)}
        # make the shares sum exactly to 1: the last one takes the rest
        shares = {name: value.quantize(D("0.0001")) for name, value in shares.items()}
        shares[names[-1]] = D(1) - sum((shares[name] for name in names[:-1]), D(0))
        on = draw(st.sampled_from([dt.date(2025, 12, 10), day(1, 5), day(1, 31), day(2, 2)]))
        events.append(Invoice(f"I{i}", on, draw(_units(currency, 1, 5_000_000)), shares))
    kinds = st.sampled_from([Payment, Payment, Payment, CreditNote, WriteOff])
    dates = st.sampled_from([dt.date(2025, 12, 31), day(1, 1), day(1, 15), day(1, 31), day(2, 1)])
    for k in range(draw(st.integers(min_value=0, max_value=12))):
        kind = draw(kinds)
        number = f"I{draw(st.integers(0, n_invoices - 1))}"
        events.append(kind(number, draw(dates), draw(_units(currency, 1, 3_000_000)), id=f"E{k}"))
    return draw(st.permutations(events))


def _targets(events: list[Event], currency: str) -> dict[str, Money]:
    return {name: Money(D(10) ** 3, currency) for name in PEOPLE} | {"m1": Money(1, currency)}


@given(data=st.data(), currency=st.sampled_from(CURRENCIES))
def test_INC_5_partitioned_accumulate_merged_equals_the_whole_for_tiered_and_multiplier_plans(
    data: st.DataObject, currency: str
) -> None:
    events = data.draw(event_lists(currency))
    p = data.draw(monotonic_plans(currency))
    n_parts = data.draw(st.integers(min_value=1, max_value=4))
    assignment = data.draw(
        st.lists(st.integers(0, n_parts - 1), min_size=len(events), max_size=len(events))
    )
    parts = [
        accumulate([e for e, a in zip(events, assignment, strict=True) if a == k], JAN, lines=True)
        for k in range(n_parts)
    ]
    whole = accumulate(events, JAN, lines=True)
    merged = sum(parts[1:], parts[0])
    assert whole == merged
    target = _targets(events, currency)
    assert checked(settle(whole, p, target=target)) == settle(merged, p, target=target)


@given(data=st.data())
def test_INC_5_under_a_monotonic_plan_commission_never_falls_as_collected_sales_rise(
    data: st.DataObject,
) -> None:
    currency = data.draw(st.sampled_from(CURRENCIES))
    p = attrs.evolve(data.draw(monotonic_plans(currency)), commission_basis=Basis.COLLECTED)
    assert p.is_monotonic
    events = [
        e for e in data.draw(event_lists(currency)) if not isinstance(e, (CreditNote, WriteOff))
    ]
    invoices = [e for e in events if isinstance(e, Invoice)]
    extra = Payment(
        data.draw(st.sampled_from(invoices)).number,
        data.draw(st.sampled_from([day(1, 1), day(1, 31)])),
        data.draw(_units(currency, 1, 3_000_000)),
        id="EXTRA",
    )
    target = _targets(events, currency)
    before = checked(compute_commission(p, events, JAN, target=target))
    after = checked(compute_commission(p, [*events, extra], JAN, target=target))
    assert before.total is not None
    assert after.total is not None
    assert before.total <= after.total
    assert before.exact_total is not None
    assert after.exact_total is not None
    assert before.exact_total <= after.exact_total


@given(
    currency=st.sampled_from(CURRENCIES),
    rate=st.integers(0, 300).map(lambda r: D(r) / 1000),
    weights=st.lists(st.integers(1, 1000), min_size=1, max_size=6),
    units=st.integers(1, 10**9),
)
def test_INC_5_the_sum_of_split_commissions_equals_the_unsplit_commission(
    currency: str, rate: Decimal, weights: list[int], units: int
) -> None:
    amount = Money(D(units) * minor_unit(currency), currency)
    total = sum(weights)
    names = [f"s{i}" for i in range(len(weights))]
    shares = {
        name: (D(w) / D(total)).quantize(D("1e-9")) for name, w in zip(names, weights, strict=True)
    }
    shares[names[-1]] = D(1) - sum((shares[name] for name in names[:-1]), D(0))
    shares = {name: value for name, value in shares.items() if value > 0} or {names[0]: D(1)}
    p = plan(commission_basis=Basis.BOOKED, commission_rates=rate, currency=currency)
    split = checked(compute_commission(p, [Invoice("I1", day(1), amount, shares)], JAN))
    unsplit = checked(compute_commission(p, [Invoice("I1", day(1), amount, "solo")], JAN))
    assert split.total is not None
    assert unsplit.total == split.total
    assert split.total == sum(money for _, money in split.by_salesperson)
    for name, money in split.by_salesperson:
        exact = dict(split.exact_by_salesperson)[name]
        # within one unit of its share of the rounded total, which is within half a unit
        assert abs(money.amount - exact) < minor_unit(currency) * D("1.5")


@given(
    currency=st.sampled_from(CURRENCIES),
    rate=st.integers(1, 300).map(lambda r: D(r) / 1000),
    payments=st.lists(st.integers(1, 10**6), min_size=1, max_size=40),
)
def test_INC_5_the_total_over_many_small_payments_equals_the_commission_on_their_sum(
    currency: str, rate: Decimal, payments: list[int]
) -> None:
    quantum = minor_unit(currency)
    amounts = [Money(D(n) * quantum, currency) for n in payments]
    whole = sum(amounts)
    assert isinstance(whole, Money)
    inv = Invoice("I1", day(1), whole, "alice")
    p = plan(commission_rates=rate, currency=currency)
    many = [Payment("I1", day(1, 2), a, id=f"P{k}") for k, a in enumerate(amounts)]
    one = [Payment("I1", day(1, 2), whole, id="P")]
    small = checked(compute_commission(p, [inv, *many], JAN))
    big = checked(compute_commission(p, [inv, *one], JAN))
    assert big.total == small.total
    # rounded once at the end, not per payment
    assert Money(D(rate * whole.amount).quantize(quantum, ROUND_HALF_UP), currency) == small.total


@given(data=st.data(), currency=st.sampled_from(CURRENCIES))
def test_INC_5_by_salesperson_sums_exactly_to_the_total_even_with_clawbacks(
    data: st.DataObject, currency: str
) -> None:
    events = data.draw(event_lists(currency))
    p = attrs.evolve(
        data.draw(monotonic_plans(currency)),
        manager_overrides=(ManagerOverride("m1", D("0.01"), team=("ann", "ben")),),
    )
    statement = checked(
        compute_commission(p, events, JAN, target=_targets(events, currency), lines=True)
    )
    assert statement.total is not None
    assert statement.total == sum((m for _, m in statement.by_salesperson), Money.zero(currency))
    base_total = sum((value for _, value in statement.base_by_salesperson), D(0))
    assert base_total == sum((line.earned for line in statement.lines), D(0))
    if statement.exact_total is not None and statement.exact_total < 0:
        assert "commission_clawback" in codes(statement)


def test_INC_5_commission_base_has_no_public_constructor() -> None:
    with pytest.raises(TypeError):
        CommissionBase(JAN)  # type: ignore[call-arg]
