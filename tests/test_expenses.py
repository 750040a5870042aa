"""Tests for salesdomain.expenses: EXP-1, EXP-2, EXP-5."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    GENERIC_LADDER,
    REAL_ESTATE_LADDER,
    Approval,
    CurrencyMismatch,
    InvalidInput,
    Money,
    Period,
    PolicyError,
    Rate,
    UnknownEntity,
    Verdict,
    WrongType,
    currency_precision,
)
from salesdomain.expenses import (
    REASON_CODES,
    Expense,
    ExpenseBudget,
    ExpensePolicy,
    ExpenseTargetKind,
    PeriodExpenses,
    SupplyRequisition,
    TrendBasis,
    check_expense_trend,
    check_expenses,
    check_supply_requisition,
)

D = datetime.date
MARCH = Period.month(2026, 3)
DIRECTOR = REAL_ESTATE_LADDER.get("marketing_director")
MANAGER = REAL_ESTATE_LADDER.get("sales_manager")


def codes(result: object) -> list[str]:
    """The reason codes of ``result``, each checked against the module's REASON_CODES."""
    found = [reason.code for reason in result.reasons]  # type: ignore[attr-defined]
    assert [code for code in found if code not in REASON_CODES] == []
    return found


def policy(**kw: object) -> ExpensePolicy:
    values: dict[str, object] = {"over_budget_approver": DIRECTOR, "warn_at": Decimal("0.9")}
    values.update(kw)
    return ExpensePolicy(**values)  # type: ignore[arg-type]


MARCH_5 = D(2026, 3, 5)


def spend(eid: str, amount: str, on: datetime.date = MARCH_5, **kw: object) -> Expense:
    values: dict[str, object] = {"department": "sales", "spent_on": on}
    values.update(kw)
    return Expense(eid, Money(amount), **values)  # type: ignore[arg-type]


ABSOLUTE = policy(expense_target_kind=ExpenseTargetKind.ABSOLUTE)
BUDGET = ExpenseBudget("sales", MARCH, amount=Money("10000"), ratio=Decimal("0.05"))


# ---------------------------------------------------------------------------
# policy and values
# ---------------------------------------------------------------------------
def test_EXP_1_policy_needs_the_over_budget_approver_and_warning_threshold() -> None:
    """EXP-1: policy needs the over budget approver and warning threshold."""
    with pytest.raises(TypeError, match="over_budget_approver"):
        ExpensePolicy(warn_at=Decimal("0.9"))  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="warn_at"):
        ExpensePolicy(over_budget_approver=DIRECTOR)  # type: ignore[call-arg]


def test_EXP_2_ratio_is_the_default_target_kind() -> None:
    """EXP-2: ratio is the default target kind."""
    assert (ExpenseTargetKind.RATIO, True, TrendBasis.PREVIOUS) == (
        policy().expense_target_kind,
        policy().expect_decreasing,
        policy().trend_basis,
    )


def test_EXP_5_default_signer_is_the_marketing_director_filing_with_admin() -> None:
    """EXP-5: default signer is the marketing director filing with admin."""
    assert (DIRECTOR, "行政部") == (policy().supply_requisition_signer, policy().supply_filing_dept)


@pytest.mark.parametrize("warn_at", [Decimal("0"), Decimal("1.01")])
def test_EXP_1_warning_threshold_must_be_a_fraction_above_zero(warn_at: Decimal) -> None:
    """EXP-1: warning threshold must be a fraction above zero."""
    with pytest.raises(PolicyError, match="warn_at"):
        policy(warn_at=warn_at)


def test_EXP_2_unknown_target_kind_is_refused() -> None:
    """EXP-2: unknown target kind is refused."""
    with pytest.raises(UnknownEntity, match="expense_target_kind"):
        policy(expense_target_kind="percent")


def test_EXP_1_budget_needs_an_amount_or_a_ratio() -> None:
    """EXP-1: budget needs an amount or a ratio."""
    with pytest.raises(InvalidInput, match="amount"):
        ExpenseBudget("sales", MARCH)


def test_EXP_1_negative_budget_is_refused() -> None:
    """EXP-1: negative budget is refused."""
    with pytest.raises(InvalidInput, match="amount"):
        ExpenseBudget("sales", MARCH, amount=Money("-1"))


def test_EXP_1_negative_expense_is_refused() -> None:
    """EXP-1: negative expense is refused."""
    with pytest.raises(InvalidInput, match="amount"):
        spend("E-1", "-0.01")


def test_EXP_1_budget_period_must_be_a_period() -> None:
    """EXP-1: budget period must be a period."""
    with pytest.raises(WrongType, match="period"):
        ExpenseBudget("sales", "2026-03", amount=Money("1"))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# EXP-1: absolute budget
# ---------------------------------------------------------------------------
def test_EXP_1_spend_within_budget_is_allowed() -> None:
    """EXP-1: spend within budget is allowed."""
    decision = check_expenses([spend("E-1", "4000"), spend("E-2", "1000")], BUDGET, ABSOLUTE)
    assert (Verdict.ALLOWED, ["expense_within_budget"]) == (decision.verdict, codes(decision))
    assert (Money("5000"), Money("5000"), Rate("0.5")) == (
        decision.spent,
        decision.remaining,
        decision.used,
    )


def test_EXP_1_spend_at_the_warning_threshold_is_allowed_with_a_warning() -> None:
    """EXP-1: spend at the warning threshold is allowed with a warning."""
    decision = check_expenses([spend("E-1", "9000")], BUDGET, ABSOLUTE)
    assert (Verdict.ALLOWED, ["expense_near_budget_limit"]) == (decision.verdict, codes(decision))


def test_EXP_1_spend_exactly_at_budget_is_still_allowed() -> None:
    """EXP-1: spend exactly at budget is still allowed."""
    decision = check_expenses([spend("E-1", "10000")], BUDGET, ABSOLUTE)
    assert (Verdict.ALLOWED, Money("0")) == (decision.verdict, decision.remaining)


def test_EXP_1_spend_over_budget_needs_the_named_approver() -> None:
    """EXP-1: spend over budget needs the named approver."""
    decision = check_expenses([spend("E-1", "10000.01")], BUDGET, ABSOLUTE)
    assert (Verdict.NEEDS_APPROVAL, (DIRECTOR,), ["expense_over_budget"]) == (
        decision.verdict,
        decision.approvers,
        codes(decision),
    )
    assert Money("0.01") == decision.reasons[0].param("excess")


def test_EXP_1_approver_is_whatever_the_policy_names() -> None:
    """EXP-1: approver is whatever the policy names."""
    generic = policy(
        expense_target_kind="absolute", over_budget_approver=GENERIC_LADDER.get("general_manager")
    )
    decision = check_expenses([spend("E-1", "20000")], BUDGET, generic)
    assert (GENERIC_LADDER.get("general_manager"),) == decision.approvers


def test_EXP_1_only_the_budget_department_period_and_category_count() -> None:
    """EXP-1: only the budget department period and category count."""
    budget = ExpenseBudget("sales", MARCH, amount=Money("1000"), category="SALES_PROPS")
    expenses = [
        spend("E-1", "100", category="SALES_PROPS"),
        spend("E-2", "200", category="OUTDOOR_ADS"),
        spend("E-3", "400", D(2026, 4, 1), category="SALES_PROPS"),
        spend("E-4", "800", department="admin", category="SALES_PROPS"),
    ]
    decision = check_expenses(expenses, budget, ABSOLUTE)
    assert (Money("100"), ("E-1",)) == (decision.spent, decision.counted)


def test_EXP_1_claim_that_would_breach_the_budget_needs_approval() -> None:
    """EXP-1: claim that would breach the budget needs approval."""
    claim = spend("C-1", "1500")
    decision = check_expenses([spend("E-1", "9000")], BUDGET, ABSOLUTE, claim=claim)
    assert (
        Verdict.NEEDS_APPROVAL,
        ["expense_over_budget", "expense_claim_would_exceed_budget"],
    ) == (
        decision.verdict,
        codes(decision),
    )


def test_EXP_1_claim_outside_the_budget_is_refused() -> None:
    """EXP-1: claim outside the budget is refused."""
    with pytest.raises(InvalidInput, match="claim"):
        check_expenses([], BUDGET, ABSOLUTE, claim=spend("C-1", "1", department="admin"))


def test_EXP_1_duplicate_expense_ids_are_refused() -> None:
    """EXP-1: duplicate expense ids are refused."""
    with pytest.raises(InvalidInput, match=r"expenses\[1\]\.id"):
        check_expenses([spend("E-1", "1"), spend("E-1", "2")], BUDGET, ABSOLUTE)


def test_EXP_1_absolute_target_needs_a_budget_amount() -> None:
    """EXP-1: absolute target needs a budget amount."""
    with pytest.raises(InvalidInput, match=r"budget\.amount"):
        check_expenses([], ExpenseBudget("sales", MARCH, ratio=Decimal("0.05")), ABSOLUTE)


def test_EXP_1_expense_in_another_currency_is_refused() -> None:
    """EXP-1: expense in another currency is refused."""
    foreign = Expense("E-1", Money("1", "USD"), department="sales", spent_on=D(2026, 3, 1))
    with pytest.raises(CurrencyMismatch, match="currency"):
        check_expenses([foreign], BUDGET, ABSOLUTE)


# ---------------------------------------------------------------------------
# EXP-2: ratio to sales
# ---------------------------------------------------------------------------
def test_EXP_2_ratio_within_budget_is_allowed() -> None:
    """EXP-2: ratio within budget is allowed."""
    decision = check_expenses([spend("E-1", "4000")], BUDGET, policy(), sales=Money("100000"))
    assert (Verdict.ALLOWED, Rate("0.04"), ["expense_ratio_within_budget"]) == (
        decision.verdict,
        decision.ratio,
        codes(decision),
    )
    assert Money("5000") == decision.limit


def test_EXP_2_ratio_near_the_limit_warns() -> None:
    """EXP-2: ratio near the limit warns."""
    decision = check_expenses([spend("E-1", "4600")], BUDGET, policy(), sales=Money("100000"))
    assert (Verdict.ALLOWED, ["expense_ratio_near_limit"]) == (decision.verdict, codes(decision))


def test_EXP_2_ratio_over_the_limit_needs_approval() -> None:
    """EXP-2: ratio over the limit needs approval."""
    decision = check_expenses([spend("E-1", "6000")], BUDGET, policy(), sales=Money("100000"))
    assert (Verdict.NEEDS_APPROVAL, Rate("0.06"), ["expense_ratio_over_budget"]) == (
        decision.verdict,
        decision.ratio,
        codes(decision),
    )


def test_EXP_2_spending_without_sales_needs_approval() -> None:
    """EXP-2: spending without sales needs approval."""
    decision = check_expenses([spend("E-1", "1")], BUDGET, policy(), sales=Money("0"))
    assert (Verdict.NEEDS_APPROVAL, None, ["expense_ratio_no_sales"]) == (
        decision.verdict,
        decision.ratio,
        codes(decision),
    )


def test_EXP_2_no_spending_and_no_sales_is_within_budget() -> None:
    """EXP-2: no spending and no sales is within budget."""
    decision = check_expenses([], BUDGET, policy(), sales=Money("0"))
    assert (Verdict.ALLOWED, ["expense_ratio_within_budget"]) == (decision.verdict, codes(decision))


def test_EXP_2_ratio_target_needs_the_sales() -> None:
    """EXP-2: ratio target needs the sales."""
    with pytest.raises(InvalidInput, match="sales"):
        check_expenses([], BUDGET, policy())


def test_EXP_2_ratio_target_needs_a_budget_ratio() -> None:
    """EXP-2: ratio target needs a budget ratio."""
    with pytest.raises(InvalidInput, match=r"budget\.ratio"):
        check_expenses(
            [], ExpenseBudget("sales", MARCH, amount=Money("1")), policy(), sales=Money("1")
        )


def test_EXP_2_expense_decision_is_json_ready() -> None:
    """EXP-2: expense decision is json ready."""
    decision = check_expenses([spend("E-1", "6000")], BUDGET, policy(), sales=Money("100000"))
    data = json.loads(json.dumps(decision.to_dict()))
    assert ("needs_approval", ["marketing_director"]) == (data["verdict"], data["approvers"])


@given(
    currency=st.sampled_from(["JPY", "CNY", "KWD"]),
    amounts=st.lists(st.integers(0, 10**9), max_size=6),
    budget_units=st.integers(0, 10**10),
)
def test_EXP_1_verdict_follows_spend_against_budget(
    currency: str, amounts: list[int], budget_units: int
) -> None:
    """EXP-1: verdict follows spend against budget."""
    places = currency_precision(currency)
    expenses = [
        Expense(
            f"E-{i}",
            Money(Decimal(units).scaleb(-places), currency),
            department="sales",
            spent_on=D(2026, 3, 1),
        )
        for i, units in enumerate(amounts)
    ]
    limit = Money(Decimal(budget_units).scaleb(-places), currency)
    decision = check_expenses(expenses, ExpenseBudget("sales", MARCH, amount=limit), ABSOLUTE)
    spent = sum((e.amount for e in expenses), Money.zero(currency))
    assert spent == decision.spent
    assert limit == decision.spent + decision.remaining
    assert (spent > limit) == (decision.verdict is Verdict.NEEDS_APPROVAL)
    codes(decision)


# ---------------------------------------------------------------------------
# EXP-2: trend
# ---------------------------------------------------------------------------
JAN = PeriodExpenses(Period.month(2026, 1), Money("5000"), sales=Money("100000"))
FEB = PeriodExpenses(Period.month(2026, 2), Money("5400"), sales=Money("120000"))


def test_EXP_2_falling_ratio_is_decreasing() -> None:
    """EXP-2: falling ratio is decreasing."""
    trend = check_expense_trend(FEB, [JAN], policy())
    assert (True, Rate("0.045"), Rate("0.05"), ["expense_ratio_decreasing"]) == (
        trend.decreasing,
        trend.current,
        trend.baseline,
        codes(trend),
    )
    assert trend.on_track


def test_EXP_2_rising_ratio_is_reported_as_not_decreasing() -> None:
    """EXP-2: rising ratio is reported as not decreasing."""
    mar = PeriodExpenses(MARCH, Money("6000"), sales=Money("100000"))
    trend = check_expense_trend(mar, [JAN, FEB], policy())
    assert (Verdict.ALLOWED, False, ["expense_ratio_not_decreasing"]) == (
        trend.verdict,
        trend.decreasing,
        codes(trend),
    )
    assert not trend.on_track


def test_EXP_2_equal_ratio_is_not_a_decrease() -> None:
    """EXP-2: equal ratio is not a decrease."""
    mar = PeriodExpenses(MARCH, Money("5400"), sales=Money("120000"))
    assert check_expense_trend(mar, [FEB], policy()).decreasing is False


def test_EXP_2_not_decreasing_is_on_track_when_no_decrease_is_expected() -> None:
    """EXP-2: not decreasing is on track when no decrease is expected."""
    mar = PeriodExpenses(MARCH, Money("6000"), sales=Money("100000"))
    assert check_expense_trend(mar, [FEB], policy(expect_decreasing=False)).on_track


def test_EXP_2_average_basis_compares_with_the_mean_of_previous_periods() -> None:
    """EXP-2: average basis compares with the mean of previous periods."""
    mar = PeriodExpenses(MARCH, Money("4600"), sales=Money("100000"))
    previous = check_expense_trend(mar, [FEB, JAN], policy())
    average = check_expense_trend(mar, [FEB, JAN], policy(trend_basis="average"))
    assert (False, Rate("0.045")) == (previous.decreasing, previous.baseline)
    assert (True, Rate("0.0475")) == (average.decreasing, average.baseline)


def test_EXP_2_absolute_trend_compares_amounts() -> None:
    """EXP-2: absolute trend compares amounts."""
    trend = check_expense_trend(FEB, [JAN], ABSOLUTE)
    assert (False, Money("5400"), Money("5000"), ["expense_amount_not_decreasing"]) == (
        trend.decreasing,
        trend.current,
        trend.baseline,
        codes(trend),
    )


def test_EXP_2_trend_without_history_is_undecided() -> None:
    """EXP-2: trend without history is undecided."""
    trend = check_expense_trend(JAN, [], policy())
    assert (None, ["expense_trend_no_history"]) == (trend.decreasing, codes(trend))


def test_EXP_2_trend_with_zero_sales_is_undefined() -> None:
    """EXP-2: trend with zero sales is undefined."""
    empty = PeriodExpenses(MARCH, Money("10"), sales=Money("0"))
    trend = check_expense_trend(empty, [FEB], policy())
    assert (None, ["expense_trend_undefined"]) == (trend.decreasing, codes(trend))


def test_EXP_2_previous_period_after_the_current_one_is_refused() -> None:
    """EXP-2: previous period after the current one is refused."""
    with pytest.raises(InvalidInput, match=r"previous\[0\]\.period"):
        check_expense_trend(JAN, [FEB], policy())


def test_EXP_2_overlapping_previous_periods_are_refused() -> None:
    """EXP-2: overlapping previous periods are refused."""
    q4 = PeriodExpenses(Period.quarter(2025, 4), Money("1"), sales=Money("10"))
    dec = PeriodExpenses(Period.month(2025, 12), Money("1"), sales=Money("10"))
    with pytest.raises(InvalidInput, match="previous"):
        check_expense_trend(JAN, [q4, dec], policy())


def test_EXP_2_ratio_trend_needs_the_sales() -> None:
    """EXP-2: ratio trend needs the sales."""
    with pytest.raises(InvalidInput, match=r"current\.sales"):
        check_expense_trend(PeriodExpenses(MARCH, Money("1")), [JAN], policy())


# ---------------------------------------------------------------------------
# EXP-5: office-supply requisition
# ---------------------------------------------------------------------------
REQ = SupplyRequisition("R-1", Period.month(2026, 4), requester="m1", submitted=D(2026, 3, 20))


def test_EXP_5_unsigned_requisition_needs_the_marketing_directors_signature() -> None:
    """EXP-5: unsigned requisition needs the marketing directors signature."""
    decision = check_supply_requisition(REQ, [], policy())
    assert (Verdict.NEEDS_APPROVAL, (DIRECTOR,), ["supply_requisition_unsigned"]) == (
        decision.verdict,
        decision.approvers,
        codes(decision),
    )


def test_EXP_5_signed_requisition_is_filed_with_admin() -> None:
    """EXP-5: signed requisition is filed with admin."""
    signed = Approval(DIRECTOR, "d1", D(2026, 3, 21), subject="R-1")
    decision = check_supply_requisition(REQ, [signed], policy())
    assert (Verdict.ALLOWED, "行政部", ["supply_requisition_signed"]) == (
        decision.verdict,
        decision.filing_dept,
        codes(decision),
    )


def test_EXP_5_managers_signature_does_not_count() -> None:
    """EXP-5: managers signature does not count."""
    manager = Approval(MANAGER, "m2", D(2026, 3, 21), subject="R-1")
    decision = check_supply_requisition(REQ, [manager], policy())
    assert Verdict.NEEDS_APPROVAL == decision.verdict
    assert ["role_too_low"] == [i.reason.code for i in decision.route_check.ignored]


def test_EXP_5_signature_for_another_requisition_does_not_count() -> None:
    """EXP-5: signature for another requisition does not count."""
    other = Approval(DIRECTOR, "d1", D(2026, 3, 21), subject="R-0")
    assert check_supply_requisition(REQ, [other], policy()).needs_approval


def test_EXP_5_requester_cannot_sign_their_own_requisition() -> None:
    """EXP-5: requester cannot sign their own requisition."""
    own = SupplyRequisition("R-2", Period.month(2026, 4), requester="d1", submitted=D(2026, 3, 2))
    signed = Approval(DIRECTOR, "d1", D(2026, 3, 3), subject="R-2")
    assert check_supply_requisition(own, [signed], policy()).needs_approval


def test_EXP_5_requisition_in_december_is_for_january() -> None:
    """EXP-5: requisition in december is for january."""
    req = SupplyRequisition("R-3", Period.month(2027, 1), requester="m1", submitted=D(2026, 12, 24))
    assert Period.month(2027, 1) == req.month


def test_EXP_5_requisition_for_another_month_than_the_next_is_refused() -> None:
    """EXP-5: requisition for another month than the next is refused."""
    with pytest.raises(InvalidInput, match="month"):
        SupplyRequisition("R-4", MARCH, requester="m1", submitted=D(2026, 3, 1))


def test_EXP_5_requisition_for_part_of_a_month_is_refused() -> None:
    """EXP-5: requisition for part of a month is refused."""
    with pytest.raises(InvalidInput, match="month"):
        SupplyRequisition(
            "R-5", Period(D(2026, 4, 1), D(2026, 4, 15)), requester="m1", submitted=D(2026, 3, 1)
        )


def test_EXP_5_signer_is_configurable() -> None:
    """EXP-5: signer is configurable."""
    gm = GENERIC_LADDER.get("general_manager")
    decision = check_supply_requisition(REQ, [], policy(supply_requisition_signer=gm))
    assert (gm,) == decision.approvers


def test_every_reason_code_is_documented_in_the_docs_page() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "expenses.md").read_text(
        encoding="utf-8"
    )
    assert [] == sorted(code for code in REASON_CODES if f"| `{code}` |" not in page)
