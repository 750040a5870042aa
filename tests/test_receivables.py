"""Tests for salesdomain.receivables: COLL-1..5, COLL-10, TARGET-10, DEP-1, DEP-2, DEP-4."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    HOTEL_LADDER,
    CurrencyMismatch,
    Decision,
    FloatNotAllowed,
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
from salesdomain.receivables import (
    REASON_CODES,
    AgingBucket,
    ArrearsCause,
    BadDebtRisk,
    Booking,
    BookingKind,
    CancelledBy,
    ChaseItem,
    ChaseKind,
    CollectionRateBase,
    CreditNote,
    DepositLegalType,
    DepositPolicy,
    DepositRule,
    Payment,
    Receivable,
    ReceivableKind,
    ReceivablesPolicy,
    aging,
    buckets_from_thresholds,
    chase_list,
    check_deposit,
    collection_rate,
    negotiator_role,
    required_deposit,
    settle_deposit,
)

D = datetime.date
MARCH = Period.month(2026, 3)


def codes(result: object) -> list[str]:
    """The reason codes of ``result``, each checked against the module's REASON_CODES."""
    found = [reason.code for reason in result.reasons]  # type: ignore[attr-defined]
    unknown = [code for code in found if code not in REASON_CODES]
    assert unknown == []
    return found


def rec(
    rid: str,
    amount: str,
    due: datetime.date,
    *,
    salesperson: str = "s1",
    currency: str = "CNY",
    **kw: object,
) -> Receivable:
    return Receivable(
        rid,
        Money(amount, currency),
        due=due,
        customer=f"cust-{rid}",
        salesperson=salesperson,
        **kw,  # type: ignore[arg-type]
    )


def pay(
    pid: str, amount: str, receivable: str, on: datetime.date, currency: str = "CNY"
) -> Payment:
    return Payment(pid, Money(amount, currency), receivable=receivable, received=on)


def policy(**kw: object) -> ReceivablesPolicy:
    values: dict[str, object] = {
        "aging_buckets": buckets_from_thresholds((30, 60, 90)),
        "at_risk_after_days": 90,
        "doubtful_after_days": 180,
    }
    values.update(kw)
    return ReceivablesPolicy(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------
def test_COLL_1_receivable_without_a_salesperson_is_refused() -> None:
    """COLL-1: receivable without a salesperson is refused."""
    with pytest.raises(InvalidInput, match="salesperson"):
        Receivable("I-1", Money("10"), due=D(2026, 3, 1), customer="C", salesperson=" ")


def test_COLL_5_due_date_before_the_issue_date_is_refused() -> None:
    """COLL-5: due date before the issue date is refused."""
    with pytest.raises(InvalidInput, match="due"):
        rec("I-1", "10", D(2026, 3, 1), issued=D(2026, 3, 2))


def test_COLL_5_negative_receivable_amount_is_refused() -> None:
    """COLL-5: negative receivable amount is refused."""
    with pytest.raises(InvalidInput, match="amount"):
        rec("I-1", "-10", D(2026, 3, 1))


def test_float_amounts_are_refused() -> None:
    with pytest.raises(FloatNotAllowed, match="amount"):
        Payment("P-1", Money(10.5), receivable="I-1", received=D(2026, 3, 1))  # type: ignore[arg-type]


def test_COLL_5_unknown_arrears_cause_is_refused_naming_the_field() -> None:
    """COLL-5: unknown arrears cause is refused naming the field."""
    with pytest.raises(UnknownEntity, match="cause"):
        rec("I-1", "10", D(2026, 3, 1), cause="fate")


def test_COLL_5_arrears_cause_and_kind_accept_their_codes() -> None:
    """COLL-5: arrears cause and kind accept their codes."""
    item = rec("I-1", "10", D(2026, 3, 1), cause="INTERNAL", kind="instalment")
    assert (ArrearsCause.INTERNAL, ReceivableKind.INSTALMENT) == (item.cause, item.kind)


def test_payment_dated_with_a_datetime_is_refused() -> None:
    with pytest.raises(WrongType, match="received"):
        Payment("P-1", Money("1"), receivable="I-1", received=datetime.datetime(2026, 3, 1))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# COLL-2: collection rate
# ---------------------------------------------------------------------------
def test_COLL_2_collection_rate_is_collected_over_due_in_the_period() -> None:
    """COLL-2: collection rate is collected over due in the period."""
    receivables = [rec("I-1", "1000", D(2026, 3, 10)), rec("I-2", "500", D(2026, 3, 20))]
    payments = [pay("P-1", "600", "I-1", D(2026, 3, 12)), pay("P-2", "300", "I-2", D(2026, 3, 25))]
    result = collection_rate(receivables, payments, MARCH)
    assert (Money("1500"), Money("900"), Rate("0.6")) == (result.due, result.collected, result.rate)
    assert codes(result) == []


def test_COLL_2_X_6_overdue_balance_carried_forward_is_in_the_base() -> None:
    """COLL-2: overdue balance carried forward is in the base."""
    receivables = [rec("I-1", "1000", D(2026, 2, 10))]
    payments = [pay("P-1", "400", "I-1", D(2026, 2, 12)), pay("P-2", "600", "I-1", D(2026, 3, 2))]
    result = collection_rate(receivables, payments, MARCH)
    assert (Money("600"), Money("600"), Rate("1")) == (result.due, result.collected, result.rate)


def test_COLL_2_overpayment_is_reported_and_does_not_inflate_the_rate() -> None:
    """COLL-2: overpayment is reported and does not inflate the rate."""
    receivables = [rec("I-1", "1000", D(2026, 3, 10))]
    result = collection_rate(receivables, [pay("P-1", "1250", "I-1", D(2026, 3, 11))], MARCH)
    assert (Money("1000"), Money("250"), Rate("1")) == (
        result.collected,
        result.overpaid,
        result.rate,
    )
    assert ["collection_overpaid"] == codes(result)
    assert Money("250") == result.reasons[0].param("overpaid")


def test_COLL_2_payment_for_a_receivable_due_later_is_reported_as_paid_early() -> None:
    """COLL-2: payment for a receivable due later is reported as paid early."""
    receivables = [rec("I-1", "1000", D(2026, 3, 10)), rec("I-2", "800", D(2026, 4, 10))]
    payments = [pay("P-1", "500", "I-1", D(2026, 3, 11)), pay("P-2", "800", "I-2", D(2026, 3, 30))]
    result = collection_rate(receivables, payments, MARCH)
    assert (Money("1000"), Money("500"), Money("800"), Money("1300")) == (
        result.due,
        result.collected,
        result.paid_early,
        result.received,
    )
    assert Rate("0.5") == result.rate
    assert ["collection_paid_early"] == codes(result)


def test_COLL_2_credit_note_reduces_the_amount_due() -> None:
    """COLL-2: credit note reduces the amount due."""
    receivables = [rec("I-1", "1000", D(2026, 3, 10))]
    notes = [CreditNote("CN-1", Money("200"), receivable="I-1", issued=D(2026, 3, 5))]
    result = collection_rate(
        receivables, [pay("P-1", "800", "I-1", D(2026, 3, 15))], MARCH, credit_notes=notes
    )
    assert (Money("800"), Rate("1")) == (result.due, result.rate)


def test_COLL_2_credit_note_after_the_period_does_not_change_it() -> None:
    """COLL-2: credit note after the period does not change it."""
    receivables = [rec("I-1", "1000", D(2026, 3, 10))]
    notes = [CreditNote("CN-1", Money("200"), receivable="I-1", issued=D(2026, 4, 5))]
    assert Money("1000") == collection_rate(receivables, [], MARCH, credit_notes=notes).due


def test_COLL_2_nothing_due_gives_no_rate_and_says_so() -> None:
    """COLL-2: nothing due gives no rate and says so."""
    result = collection_rate([], [], MARCH)
    assert (None, ["collection_nothing_due"]) == (result.rate, codes(result))
    assert Money.zero("CNY") == result.due


def test_COLL_2_empty_input_uses_the_currency_given() -> None:
    """COLL-2: empty input uses the currency given."""
    assert Money.zero("JPY") == collection_rate([], [], MARCH, currency="JPY").due


def test_COLL_2_rate_against_the_policy_target() -> None:
    """COLL-2: rate against the policy target."""
    receivables = [rec("I-1", "1000", D(2026, 3, 10))]
    payments = [pay("P-1", "850", "I-1", D(2026, 3, 11))]
    below = collection_rate(
        receivables, payments, MARCH, policy=policy(collection_rate_target=Decimal("0.9"))
    )
    met = collection_rate(
        receivables, payments, MARCH, policy=policy(collection_rate_target=Decimal("0.85"))
    )
    assert (["collection_rate_below_target"], False) == (codes(below), below.target_met)
    assert (["collection_rate_target_met"], True) == (codes(met), met.target_met)


def test_COLL_2_sales_base_counts_arrears_collected_and_may_exceed_one() -> None:
    """COLL-2: sales base counts arrears collected and may exceed one."""
    receivables = [
        rec("I-1", "1000", D(2026, 2, 28), issued=D(2026, 2, 1)),
        rec("I-2", "500", D(2026, 4, 10), issued=D(2026, 3, 5)),
    ]
    payments = [pay("P-1", "1000", "I-1", D(2026, 3, 3)), pay("P-2", "500", "I-2", D(2026, 3, 6))]
    sales = policy(collection_rate_base=CollectionRateBase.SALES)
    result = collection_rate(receivables, payments, MARCH, policy=sales)
    assert (Money("500"), Money("1500"), Rate("3")) == (result.due, result.collected, result.rate)


def test_COLL_2_sales_base_needs_issue_dates() -> None:
    """COLL-2: sales base needs issue dates."""
    sales = policy(collection_rate_base="sales")
    with pytest.raises(InvalidInput, match=r"receivables\[0\]\.issued"):
        collection_rate([rec("I-1", "1", D(2026, 3, 1))], [], MARCH, policy=sales)


def test_COLL_2_payment_for_an_unknown_receivable_raises_naming_it() -> None:
    """COLL-2: payment for an unknown receivable raises naming it."""
    with pytest.raises(UnknownEntity, match=r"payments\[0\]\.receivable"):
        collection_rate([], [pay("P-1", "1", "I-9", D(2026, 3, 1))], MARCH)


def test_COLL_2_duplicate_receivable_ids_raise() -> None:
    """COLL-2: duplicate receivable ids raise."""
    items = [rec("I-1", "1", D(2026, 3, 1)), rec("I-1", "2", D(2026, 3, 2))]
    with pytest.raises(InvalidInput, match=r"receivables\[1\]\.id"):
        collection_rate(items, [], MARCH)


def test_COLL_2_duplicate_payment_ids_raise() -> None:
    """COLL-2: duplicate payment ids raise."""
    payments = [pay("P-1", "1", "I-1", D(2026, 3, 1)), pay("P-1", "1", "I-1", D(2026, 3, 2))]
    with pytest.raises(InvalidInput, match=r"payments\[1\]\.id"):
        collection_rate([rec("I-1", "5", D(2026, 3, 1))], payments, MARCH)


def test_COLL_2_mixed_currencies_raise() -> None:
    """COLL-2: mixed currencies raise."""
    items = [rec("I-1", "1", D(2026, 3, 1)), rec("I-2", "2", D(2026, 3, 2), currency="USD")]
    with pytest.raises(CurrencyMismatch, match=r"receivables\[1\]\.amount"):
        collection_rate(items, [], MARCH)


def test_COLL_2_payment_in_another_currency_raises() -> None:
    """COLL-2: payment in another currency raises."""
    with pytest.raises(CurrencyMismatch, match=r"payments\[0\]\.amount"):
        collection_rate(
            [rec("I-1", "5", D(2026, 3, 1))], [pay("P-1", "1", "I-1", D(2026, 3, 1), "USD")], MARCH
        )


def test_COLL_1_collection_rate_per_salesperson() -> None:
    """COLL-1: collection rate per salesperson."""
    receivables = [
        rec("I-1", "1000", D(2026, 3, 10), salesperson="s1"),
        rec("I-2", "500", D(2026, 3, 20), salesperson="s2"),
    ]
    payments = [pay("P-1", "1000", "I-1", D(2026, 3, 12))]
    by_person = collection_rate(receivables, payments, MARCH).by_salesperson()
    assert {
        "s1": (Money("1000"), Money("1000"), Rate("1")),
        "s2": (Money("500"), Money("0"), Rate("0")),
    } == by_person


def test_COLL_2_result_is_json_ready() -> None:
    """COLL-2: result is json ready."""
    result = collection_rate(
        [rec("I-1", "1000", D(2026, 3, 10))], [pay("P-1", "1200", "I-1", D(2026, 3, 11))], MARCH
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert {"amount": "200", "currency": "CNY"} == data["overpaid"]


CURRENCIES = st.sampled_from(["JPY", "CNY", "KWD"])


def _amount(units: int, currency: str) -> Money:
    return Money(Decimal(units).scaleb(-currency_precision(currency)), currency)


@st.composite
def receivable_books(draw: st.DrawFn) -> tuple[list[Receivable], list[Payment], list[CreditNote]]:
    currency = draw(CURRENCIES)
    start = D(2026, 1, 1)
    receivables: list[Receivable] = []
    payments: list[Payment] = []
    notes: list[CreditNote] = []
    for index in range(draw(st.integers(0, 6))):
        due = start + datetime.timedelta(days=draw(st.integers(0, 150)))
        amount = draw(st.integers(1, 10**7))
        rid = f"I-{index}"
        receivables.append(
            Receivable(
                rid,
                _amount(amount, currency),
                due=due,
                customer=f"c{index % 3}",
                salesperson=draw(st.sampled_from(["s1", "s2"])),
                issued=due - datetime.timedelta(days=draw(st.integers(0, 30))),
                cause=draw(st.sampled_from(list(ArrearsCause))),
            )
        )
        for k in range(draw(st.integers(0, 3))):
            on = start + datetime.timedelta(days=draw(st.integers(0, 180)))
            payments.append(
                Payment(
                    f"P-{index}-{k}",
                    _amount(draw(st.integers(1, 10**7)), currency),
                    receivable=rid,
                    received=on,
                )
            )
        if draw(st.booleans()):
            on = start + datetime.timedelta(days=draw(st.integers(0, 180)))
            notes.append(
                CreditNote(
                    f"CN-{index}",
                    _amount(draw(st.integers(1, amount)), currency),
                    receivable=rid,
                    issued=on,
                )
            )
    return receivables, payments, notes


@given(book=receivable_books(), month=st.integers(1, 6))
def test_COLL_2_collected_never_exceeds_due_and_overpayments_are_reported(
    book: tuple[list[Receivable], list[Payment], list[CreditNote]], month: int
) -> None:
    """COLL-2: collected never exceeds due and overpayments are reported."""
    receivables, payments, notes = book
    period = Period.month(2026, month)
    currency = receivables[0].amount.currency if receivables else "CNY"
    result = collection_rate(receivables, payments, period, credit_notes=notes)
    in_period = sum((p.amount for p in payments if p.received in period), Money.zero(currency))
    assert result.collected <= result.due
    assert in_period == result.received
    assert result.received == result.collected + result.overpaid + result.paid_early
    assert result.rate is None or result.rate.value <= 1
    overpaid_reported = sum(
        (r.param("overpaid") for r in result.reasons if r.code == "collection_overpaid"),  # type: ignore[misc]
        Money.zero(currency),
    )
    assert result.overpaid == overpaid_reported
    codes(result)


# ---------------------------------------------------------------------------
# COLL-3 / COLL-5: aging
# ---------------------------------------------------------------------------
def test_COLL_5_X_7_buckets_from_thresholds_are_contiguous() -> None:
    """COLL-5: buckets from thresholds are contiguous."""
    buckets = buckets_from_thresholds((30, 60, 90))
    assert [
        AgingBucket("current", None, 0),
        AgingBucket("1-30", 1, 30),
        AgingBucket("31-60", 31, 60),
        AgingBucket("61-90", 61, 90),
        AgingBucket(">90", 91, None),
    ] == list(buckets)


def test_COLL_5_X_7_policy_cannot_be_built_without_bad_debt_thresholds() -> None:
    """COLL-5: policy cannot be built without bad debt thresholds."""
    with pytest.raises(TypeError, match="doubtful_after_days"):
        ReceivablesPolicy(  # type: ignore[call-arg]
            aging_buckets=buckets_from_thresholds((30,)), at_risk_after_days=30
        )


def test_COLL_5_X_7_policy_cannot_be_built_without_aging_buckets() -> None:
    """COLL-5: policy cannot be built without aging buckets."""
    with pytest.raises(TypeError, match="aging_buckets"):
        ReceivablesPolicy(at_risk_after_days=30, doubtful_after_days=90)  # type: ignore[call-arg]


def test_COLL_5_buckets_with_a_gap_are_refused() -> None:
    """COLL-5: buckets with a gap are refused."""
    with pytest.raises(PolicyError, match=r"aging_buckets\[2\]\.first_day"):
        policy(aging_buckets=(("current", None, 0), ("1-30", 1, 30), ("32+", 32, None)))


def test_COLL_5_overlapping_buckets_are_refused() -> None:
    """COLL-5: overlapping buckets are refused."""
    with pytest.raises(PolicyError, match="contiguous"):
        policy(aging_buckets=(("current", None, 0), ("0-30", 0, 30), ("31+", 31, None)))


def test_COLL_5_buckets_must_be_open_at_both_ends() -> None:
    """COLL-5: buckets must be open at both ends."""
    with pytest.raises(PolicyError, match="open") as caught:
        policy(aging_buckets=(("early", -5, 0), ("1-30", 1, 30)))
    assert 2 == len(caught.value.errors)


def test_COLL_5_duplicate_bucket_labels_are_refused() -> None:
    """COLL-5: duplicate bucket labels are refused."""
    with pytest.raises(PolicyError, match="duplicate"):
        policy(aging_buckets=(("a", None, 0), ("a", 1, None)))


def test_COLL_5_thresholds_must_increase() -> None:
    """COLL-5: thresholds must increase."""
    with pytest.raises(PolicyError, match=r"aging_thresholds_days\[0\]"):
        buckets_from_thresholds((0, 30))


def test_COLL_5_doubtful_threshold_must_exceed_the_at_risk_threshold() -> None:
    """COLL-5: doubtful threshold must exceed the at risk threshold."""
    with pytest.raises(PolicyError, match="doubtful_after_days"):
        policy(at_risk_after_days=90, doubtful_after_days=90)


def test_COLL_5_negative_threshold_is_refused() -> None:
    """COLL-5: negative threshold is refused."""
    with pytest.raises(PolicyError, match="at_risk_after_days"):
        policy(at_risk_after_days=-1)


def test_COLL_3_aging_puts_open_amounts_in_buckets() -> None:
    """COLL-3: aging puts open amounts in buckets."""
    as_of = D(2026, 3, 31)
    receivables = [
        rec("I-1", "100", D(2026, 4, 15)),  # not due
        rec("I-2", "200", D(2026, 3, 31)),  # due today: current
        rec("I-3", "300", D(2026, 3, 1)),  # 30 days
        rec("I-4", "400", D(2026, 1, 30)),  # 60 days
        rec("I-5", "500", D(2025, 12, 1)),  # 120 days
    ]
    payments = [pay("P-1", "150", "I-3", D(2026, 3, 20))]
    report = aging(receivables, payments, as_of, policy())
    assert (
        ("current", Money("300")),
        ("1-30", Money("150")),
        ("31-60", Money("400")),
        ("61-90", Money("0")),
        (">90", Money("500")),
    ) == report.buckets
    assert Money("1350") == report.open_total
    assert ["I-5", "I-4", "I-3", "I-2", "I-1"] == [line.receivable for line in report.lines]


def test_COLL_3_payments_and_credit_notes_after_the_aging_date_are_ignored() -> None:
    """COLL-3: payments and credit notes after the aging date are ignored."""
    receivables = [rec("I-1", "100", D(2026, 3, 1))]
    payments = [pay("P-1", "100", "I-1", D(2026, 4, 2))]
    notes = [CreditNote("CN-1", Money("10"), receivable="I-1", issued=D(2026, 4, 1))]
    report = aging(receivables, payments, D(2026, 3, 31), policy(), credit_notes=notes)
    assert Money("100") == report.open_total


def test_COLL_3_receivable_issued_after_the_aging_date_is_excluded() -> None:
    """COLL-3: receivable issued after the aging date is excluded."""
    receivables = [rec("I-1", "100", D(2026, 4, 30), issued=D(2026, 4, 1))]
    assert () == aging(receivables, [], D(2026, 3, 31), policy()).lines


def test_COLL_3_overpaid_receivable_is_a_credit_balance_not_netted() -> None:
    """COLL-3: overpaid receivable is a credit balance not netted."""
    receivables = [rec("I-1", "100", D(2026, 3, 1)), rec("I-2", "50", D(2026, 3, 1))]
    payments = [pay("P-1", "130", "I-1", D(2026, 3, 2))]
    report = aging(receivables, payments, D(2026, 3, 31), policy())
    assert (Money("50"), (("I-1", Money("30")),)) == (report.open_total, report.credit_balances)
    assert ["receivable_credit_balance"] == codes(report)


def test_COLL_5_overdue_receivables_are_flagged_by_the_thresholds() -> None:
    """COLL-5: overdue receivables are flagged by the thresholds."""
    receivables = [
        rec("I-1", "100", D(2026, 3, 1)),  # 30 days: no flag
        rec("I-2", "100", D(2025, 12, 1)),  # 120 days: at risk
        rec("I-3", "100", D(2025, 9, 1)),  # 211 days: doubtful
    ]
    report = aging(receivables, [], D(2026, 3, 31), policy())
    risks = {line.receivable: line.risk for line in report.lines}
    assert {
        "I-1": BadDebtRisk.NONE,
        "I-2": BadDebtRisk.AT_RISK,
        "I-3": BadDebtRisk.DOUBTFUL,
    } == risks
    assert ["receivable_doubtful", "receivable_at_risk"] == codes(report)
    assert ["I-3", "I-2"] == [line.receivable for line in report.flagged]


def test_COLL_5_threshold_day_itself_is_not_yet_at_risk() -> None:
    """COLL-5: threshold day itself is not yet at risk."""
    as_of = D(2026, 3, 31)
    report = aging([rec("I-1", "1", as_of - datetime.timedelta(days=90))], [], as_of, policy())
    assert BadDebtRisk.NONE == report.lines[0].risk


def test_COLL_5_internal_cause_arrears_are_flagged_for_the_manager() -> None:
    """COLL-5: internal cause arrears are flagged for the manager."""
    receivables = [
        rec("I-1", "100", D(2026, 3, 20), cause=ArrearsCause.INTERNAL),
        rec("I-2", "100", D(2026, 3, 20), cause=ArrearsCause.CUSTOMER),
        rec("I-3", "100", D(2026, 4, 20), cause=ArrearsCause.INTERNAL),  # not overdue yet
    ]
    report = aging(receivables, [], D(2026, 3, 31), policy())
    assert ["arrears_internal_cause"] == codes(report)
    assert "I-1" == report.reasons[0].param("receivable")
    assert ["I-1"] == [line.receivable for line in report.flagged]


def test_COLL_1_overdue_lists_per_salesperson() -> None:
    """COLL-1: overdue lists per salesperson."""
    receivables = [
        rec("I-1", "100", D(2026, 3, 1), salesperson="s2"),
        rec("I-2", "100", D(2026, 2, 1), salesperson="s1"),
        rec("I-3", "100", D(2026, 3, 20), salesperson="s1"),
        rec("I-4", "100", D(2026, 4, 20), salesperson="s3"),
    ]
    lists = aging(receivables, [], D(2026, 3, 31), policy()).overdue_by_salesperson()
    assert {"s1": ["I-2", "I-3"], "s2": ["I-1"]} == {
        person: [line.receivable for line in lines] for person, lines in lists.items()
    }


def test_COLL_3_unknown_bucket_label_raises() -> None:
    """COLL-3: unknown bucket label raises."""
    report = aging([], [], D(2026, 3, 31), policy())
    with pytest.raises(UnknownEntity, match="label"):
        report.bucket_total("91-120")


def test_COLL_3_aging_needs_a_policy() -> None:
    """COLL-3: aging needs a policy."""
    with pytest.raises(WrongType, match="policy"):
        aging([], [], D(2026, 3, 31), None)  # type: ignore[arg-type]


@given(
    book=receivable_books(),
    thresholds=st.lists(st.integers(1, 200), min_size=1, max_size=5, unique=True),
    offset=st.integers(0, 200),
)
def test_COLL_5_aging_buckets_partition_the_open_amount_exactly(
    book: tuple[list[Receivable], list[Payment], list[CreditNote]],
    thresholds: list[int],
    offset: int,
) -> None:
    """COLL-5: aging buckets partition the open amount exactly."""
    receivables, payments, notes = book
    rules = policy(aging_buckets=buckets_from_thresholds(sorted(thresholds)))
    as_of = D(2026, 1, 1) + datetime.timedelta(days=offset)
    report = aging(receivables, payments, as_of, rules, credit_notes=notes)
    currency = receivables[0].amount.currency if receivables else "CNY"
    zero = Money.zero(currency)
    assert report.open_total == sum((total for _, total in report.buckets), zero)
    assert report.open_total == sum((line.open for line in report.lines), zero)
    for line in report.lines:
        assert line.open.amount > 0
        assert [line.bucket] == [
            b.label for b in rules.aging_buckets if b.contains(line.days_overdue)
        ]
    expected_open = zero
    for item in receivables:
        if item.issued is not None and item.issued > as_of:
            continue
        paid = sum(
            (p.amount for p in payments if p.receivable == item.id and p.received <= as_of), zero
        )
        credited = sum(
            (c.amount for c in notes if c.receivable == item.id and c.issued <= as_of), zero
        )
        remaining = item.amount - paid - credited
        if remaining.amount > 0:
            expected_open = expected_open + remaining
    assert expected_open == report.open_total
    codes(report)


# ---------------------------------------------------------------------------
# COLL-4 / TARGET-10: weekly chase list
# ---------------------------------------------------------------------------
NEXT_WEEK = Period(D(2026, 3, 9), D(2026, 3, 15))


def item(
    iid: str,
    amount: str,
    due: datetime.date,
    kind: ChaseKind = ChaseKind.COLLECTION,
    currency: str = "CNY",
) -> ChaseItem:
    return ChaseItem(iid, kind, customer=f"cust-{iid}", amount=Money(amount, currency), due=due)


def test_COLL_4_each_item_due_next_week_goes_to_a_named_person() -> None:
    """COLL-4: each item due next week goes to a named person."""
    items = [
        item("I-1", "1000.00", D(2026, 3, 10)),
        item("K-1", "500000.00", D(2026, 3, 12), ChaseKind.CONTRACT_SIGNATURE),
    ]
    plan = chase_list(items, {"I-1": "s1", "K-1": "s2"}, NEXT_WEEK, people=["s1", "s2"])
    assert (Verdict.ALLOWED, ["chase_list_complete"]) == (plan.verdict, codes(plan))
    assert {"s1": ["I-1"], "s2": ["K-1"]} == {
        person: [a.item for a in assignments] for person, assignments in plan.by_person().items()
    }
    assert {"s1": Money("1000.00")} == plan.totals_by_person()
    assert {"s2": Money("500000.00")} == plan.totals_by_person(ChaseKind.CONTRACT_SIGNATURE)


def test_TARGET_10_shared_customer_amount_is_split_exactly() -> None:
    """TARGET-10: shared customer amount is split exactly."""
    plan = chase_list(
        [item("I-1", "100000.00", D(2026, 3, 10))], {"I-1": {"s1": 1, "s2": 1, "s3": 1}}, NEXT_WEEK
    )
    assert [Money("33333.34"), Money("33333.33"), Money("33333.33")] == [
        a.amount for a in plan.assignments
    ]


@pytest.mark.parametrize(
    ("currency", "amount", "expected"),
    [
        ("JPY", "100", ["34", "33", "33"]),
        ("CNY", "0.10", ["0.04", "0.03", "0.03"]),
        ("KWD", "1.000", ["0.334", "0.333", "0.333"]),
    ],
)
def test_TARGET_10_shared_amount_split_in_currencies_with_0_2_3_decimals(
    currency: str, amount: str, expected: list[str]
) -> None:
    """TARGET-10: shared amount split in currencies with 0 2 3 decimals."""
    plan = chase_list(
        [item("I-1", amount, D(2026, 3, 10), currency=currency)],
        {"I-1": (("s1", 1), ("s2", 1), ("s3", 1))},
        NEXT_WEEK,
    )
    assert [Money(x, currency) for x in expected] == [a.amount for a in plan.assignments]


def test_COLL_4_overdue_items_are_on_the_list_and_later_items_deferred() -> None:
    """COLL-4: overdue items are on the list and later items deferred."""
    items = [item("I-1", "10", D(2026, 3, 1)), item("I-2", "10", D(2026, 3, 20))]
    plan = chase_list(items, {"I-1": "s1"}, NEXT_WEEK)
    assert (True, ("I-2",)) == (plan.assignments[0].overdue, plan.deferred)
    assert plan.allowed


def test_COLL_4_unassigned_item_blocks_the_plan() -> None:
    """COLL-4: unassigned item blocks the plan."""
    plan = chase_list([item("I-1", "10", D(2026, 3, 10))], {}, NEXT_WEEK)
    assert (Verdict.REJECTED, ("I-1",), ["chase_item_unassigned"]) == (
        plan.verdict,
        plan.unassigned,
        codes(plan),
    )


def test_COLL_4_unknown_person_blocks_the_plan() -> None:
    """COLL-4: unknown person blocks the plan."""
    plan = chase_list([item("I-1", "10", D(2026, 3, 10))], {"I-1": "x9"}, NEXT_WEEK, people=["s1"])
    assert (Verdict.REJECTED, ["chase_unknown_person"]) == (plan.verdict, codes(plan))


def test_COLL_4_assignment_for_an_unknown_item_raises() -> None:
    """COLL-4: assignment for an unknown item raises."""
    with pytest.raises(UnknownEntity, match="assignments"):
        chase_list([], {"I-9": "s1"}, NEXT_WEEK)


def test_COLL_4_negative_share_weight_raises_naming_the_item() -> None:
    """COLL-4: negative share weight raises naming the item."""
    with pytest.raises(InvalidInput, match="I-1"):
        chase_list([item("I-1", "10", D(2026, 3, 10))], {"I-1": {"s1": -1, "s2": 2}}, NEXT_WEEK)


def test_COLL_4_all_zero_share_weights_raise() -> None:
    """COLL-4: all zero share weights raise."""
    with pytest.raises(InvalidInput, match="assignments"):
        chase_list([item("I-1", "10", D(2026, 3, 10))], {"I-1": {"s1": 0}}, NEXT_WEEK)


def test_COLL_4_same_person_twice_in_a_share_raises() -> None:
    """COLL-4: same person twice in a share raises."""
    with pytest.raises(InvalidInput, match="twice"):
        chase_list([item("I-1", "10", D(2026, 3, 10))], {"I-1": (("s1", 1), ("s1", 2))}, NEXT_WEEK)


def test_COLL_4_chase_amount_finer_than_the_minor_unit_is_refused() -> None:
    """COLL-4: chase amount finer than the minor unit is refused."""
    with pytest.raises(InvalidInput, match="amount"):
        item("I-1", "10.5", D(2026, 3, 10), currency="JPY")


def test_COLL_4_chase_list_is_a_decision_with_json_data() -> None:
    """COLL-4: chase list is a decision with json data."""
    plan = chase_list([item("I-1", "10", D(2026, 3, 10))], {"I-1": "s1"}, NEXT_WEEK)
    assert isinstance(plan, Decision)
    assert "allowed" == json.loads(json.dumps(plan.to_dict()))["verdict"]


@given(
    currency=CURRENCIES,
    amounts=st.lists(st.integers(0, 10**9), min_size=1, max_size=5),
    weights=st.lists(st.integers(0, 50), min_size=1, max_size=4).filter(any),
)
def test_TARGET_10_shares_always_sum_to_the_item_amount(
    currency: str, amounts: list[int], weights: list[int]
) -> None:
    """TARGET-10: shares always sum to the item amount."""
    items = [
        ChaseItem(
            f"I-{i}",
            ChaseKind.COLLECTION,
            customer="c",
            amount=_amount(units, currency),
            due=D(2026, 3, 10),
        )
        for i, units in enumerate(amounts)
    ]
    people = {f"p{k}": w for k, w in enumerate(weights)}
    plan = chase_list(items, {i.id: people for i in items}, NEXT_WEEK)
    for chase in items:
        parts = [a.amount for a in plan.assignments if a.item == chase.id]
        assert chase.amount == sum(parts, Money.zero(currency))
        assert len(weights) == len(parts)


# ---------------------------------------------------------------------------
# DEP-1 / DEP-2 / DEP-4: deposits
# ---------------------------------------------------------------------------
def deposits(**kw: object) -> DepositPolicy:
    values: dict[str, object] = {
        "deposit_rules": (
            DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),
            DepositRule(BookingKind.MEETING, fixed=Money("5000")),
        ),
        "deposit_due_days": 7,
    }
    values.update(kw)
    return DepositPolicy(**values)  # type: ignore[arg-type]


APRIL_1 = D(2026, 4, 1)


def booking(
    kind: BookingKind = BookingKind.GROUP,
    total: str = "10000",
    *,
    currency: str = "CNY",
    booked_on: datetime.date = APRIL_1,
    **kw: object,
) -> Booking:
    return Booking(
        "B-1",
        kind,
        estimated_total=Money(total, currency),
        event_start=D(2026, 5, 10),
        event_end=D(2026, 5, 12),
        booked_on=booked_on,
        **kw,  # type: ignore[arg-type]
    )


def test_DEP_1_group_deposit_is_a_rate_of_the_estimate_due_before_the_event() -> None:
    """DEP-1: group deposit is a rate of the estimate due before the event."""
    need = required_deposit(booking(total="12345.67"), deposits())
    assert (Money("3703.70"), D(2026, 5, 3), DepositLegalType.ADVANCE) == (
        need.amount,
        need.due,
        need.legal_type,
    )
    assert ["deposit_required"] == codes(need)


@pytest.mark.parametrize(
    ("currency", "total", "expected"),
    [("JPY", "1005", "302"), ("CNY", "10.05", "3.02"), ("KWD", "10.005", "3.002")],
)
def test_DEP_1_rate_deposit_is_rounded_to_the_currency_minor_unit(
    currency: str, total: str, expected: str
) -> None:
    """DEP-1: rate deposit is rounded to the currency minor unit."""
    need = required_deposit(booking(total=total, currency=currency), deposits())
    assert Money(expected, currency) == need.amount


def test_DEP_1_meeting_deposit_can_be_a_fixed_amount() -> None:
    """DEP-1: meeting deposit can be a fixed amount."""
    assert Money("5000") == required_deposit(booking(BookingKind.MEETING), deposits()).amount


def test_DEP_1_fixed_deposit_in_another_currency_raises() -> None:
    """DEP-1: fixed deposit in another currency raises."""
    with pytest.raises(CurrencyMismatch, match="fixed"):
        required_deposit(booking(BookingKind.MEETING, currency="USD"), deposits())


def test_DEP_1_X_24_banquets_need_no_deposit_by_default() -> None:
    """DEP-1: banquets need no deposit by default."""
    need = required_deposit(booking(BookingKind.BANQUET), deposits())
    assert (Money("0"), None, ["deposit_not_required"]) == (need.amount, need.due, codes(need))


def test_DEP_1_X_24_hotel_profile_adds_banquets() -> None:
    """DEP-1: hotel profile adds banquets."""
    hotel = deposits(
        deposit_required_kinds=("group", "meeting", "banquet"),
        deposit_rules=(
            DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),
            DepositRule(BookingKind.MEETING, rate=Decimal("0.3")),
            DepositRule(BookingKind.BANQUET, rate=Decimal("0.2")),
        ),
    )
    assert Money("2000.00") == required_deposit(booking(BookingKind.BANQUET), hotel).amount


def test_DEP_1_credit_account_deposit_is_waived_only_when_the_policy_says_so() -> None:
    """DEP-1: credit account deposit is waived only when the policy says so."""
    client = booking(credit_account=True)
    assert Money("3000.00") == required_deposit(client, deposits()).amount
    waived = required_deposit(client, deposits(waive_for_credit_accounts=True))
    assert (Money("0"), ["deposit_waived_credit_account"]) == (waived.amount, codes(waived))


def test_DEP_1_late_booking_deposit_is_due_on_the_booking_day() -> None:
    """DEP-1: late booking deposit is due on the booking day."""
    need = required_deposit(booking(booked_on=D(2026, 5, 8)), deposits())
    assert (D(2026, 5, 8), ["deposit_required", "deposit_due_on_booking"]) == (
        need.due,
        codes(need),
    )


def test_DEP_1_X_24_policy_without_a_rule_for_a_required_kind_is_refused() -> None:
    """DEP-1: policy without a rule for a required kind is refused."""
    with pytest.raises(PolicyError, match="meeting"):
        deposits(deposit_rules=(DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),))


def test_DEP_1_rule_for_a_kind_that_needs_no_deposit_is_refused() -> None:
    """DEP-1: rule for a kind that needs no deposit is refused."""
    rules = (
        DepositRule(BookingKind.GROUP, rate=Decimal("0.3")),
        DepositRule(BookingKind.MEETING, rate=Decimal("0.3")),
        DepositRule(BookingKind.BANQUET, rate=Decimal("0.3")),
    )
    with pytest.raises(PolicyError, match="deposit_required_kinds"):
        deposits(deposit_rules=rules)


def test_DEP_1_deposit_policy_needs_the_due_days() -> None:
    """DEP-1: deposit policy needs the due days."""
    with pytest.raises(TypeError, match="deposit_due_days"):
        DepositPolicy(deposit_rules=())  # type: ignore[call-arg]


def test_DEP_1_deposit_rule_with_both_rate_and_fixed_is_refused() -> None:
    """DEP-1: deposit rule with both rate and fixed is refused."""
    with pytest.raises(PolicyError, match="rate"):
        DepositRule(BookingKind.GROUP, rate=Decimal("0.3"), fixed=Money("1"))


def test_DEP_1_deposit_rate_above_one_is_refused() -> None:
    """DEP-1: deposit rate above one is refused."""
    with pytest.raises(InvalidInput, match="rate"):
        DepositRule(BookingKind.GROUP, rate=Decimal("1.5"))


def test_DEP_1_booked_after_the_event_start_is_refused() -> None:
    """DEP-1: booked after the event start is refused."""
    with pytest.raises(InvalidInput, match="booked_on"):
        booking(booked_on=D(2026, 5, 11))


def test_DEP_1_deposit_received_in_full_allows_confirmation() -> None:
    """DEP-1: deposit received in full allows confirmation."""
    check = check_deposit(booking(), Money("3000"), D(2026, 5, 1), deposits())
    assert (Verdict.ALLOWED, ["deposit_received"]) == (check.verdict, codes(check))


def test_DEP_1_short_deposit_before_the_due_date_blocks_confirmation() -> None:
    """DEP-1: short deposit before the due date blocks confirmation."""
    check = check_deposit(booking(), Money("1000"), D(2026, 5, 3), deposits())
    assert (Verdict.REJECTED, Money("2000.00"), ["deposit_short"]) == (
        check.verdict,
        check.short,
        codes(check),
    )


def test_DEP_1_short_deposit_after_the_due_date_is_overdue() -> None:
    """DEP-1: short deposit after the due date is overdue."""
    check = check_deposit(booking(), Money("0"), D(2026, 5, 4), deposits())
    assert ["deposit_overdue"] == codes(check)


def test_DEP_1_booking_that_needs_no_deposit_may_be_confirmed() -> None:
    """DEP-1: booking that needs no deposit may be confirmed."""
    check = check_deposit(booking(BookingKind.BANQUET), Money("0"), D(2026, 5, 4), deposits())
    assert (Verdict.ALLOWED, ["deposit_not_required"]) == (check.verdict, codes(check))


def test_DEP_1_deposit_received_in_another_currency_raises() -> None:
    """DEP-1: deposit received in another currency raises."""
    with pytest.raises(CurrencyMismatch, match="received"):
        check_deposit(booking(), Money("1", "USD"), D(2026, 5, 4), deposits())


def test_DEP_2_final_bill_above_the_deposit_leaves_a_balance_due() -> None:
    """DEP-2: final bill above the deposit leaves a balance due."""
    s = settle_deposit(Money("12000"), Money("3000"), deposits())
    assert (Money("3000"), Money("9000"), Money("0")) == (s.applied, s.balance_due, s.refund)
    assert ["settlement_balance_due"] == codes(s)


def test_DEP_2_X_24_deposit_above_the_final_bill_is_refunded() -> None:
    """DEP-2: deposit above the final bill is refunded."""
    s = settle_deposit(Money("2500"), Money("3000"), deposits())
    assert (Money("0"), Money("500"), ["settlement_refund_due"]) == (
        s.balance_due,
        s.refund,
        codes(s),
    )


def test_DEP_2_exact_deposit_settles_even() -> None:
    """DEP-2: exact deposit settles even."""
    s = settle_deposit(Money("3000"), Money("3000"), deposits())
    assert (Money("3000"), ["settlement_even"]) == (s.retained, codes(s))


def test_DEP_1_X_24_advance_deposit_is_refunded_when_the_customer_cancels() -> None:
    """DEP-1: advance deposit is refunded when the customer cancels."""
    s = settle_deposit(Money("500"), Money("3000"), deposits(), cancelled_by=CancelledBy.CUSTOMER)
    assert (Money("2500"), Money("0")) == (s.refund, s.forfeited)
    assert ["deposit_advance_refundable", "settlement_refund_due"] == codes(s)


def test_DEP_1_X_24_earnest_deposit_is_forfeited_when_the_customer_cancels() -> None:
    """DEP-1: earnest deposit is forfeited when the customer cancels."""
    earnest = deposits(deposit_legal_type=DepositLegalType.EARNEST)
    s = settle_deposit(Money("500"), Money("3000"), earnest, cancelled_by="customer")
    assert (Money("0"), Money("2500"), Money("3000")) == (s.refund, s.forfeited, s.retained)
    assert ["deposit_forfeited"] == codes(s)


def test_DEP_1_X_24_earnest_deposit_is_returned_double_when_the_hotel_cancels() -> None:
    """DEP-1: earnest deposit is returned double when the hotel cancels."""
    earnest = deposits(deposit_legal_type="earnest")
    s = settle_deposit(Money("0"), Money("3000"), earnest, cancelled_by=CancelledBy.HOTEL)
    assert (Money("6000"), Money("3000")) == (s.refund, s.penalty)
    assert ["deposit_returned_double"] == codes(s)


def test_DEP_1_X_24_advance_deposit_is_returned_once_when_the_hotel_cancels() -> None:
    """DEP-1: advance deposit is returned once when the hotel cancels."""
    s = settle_deposit(Money("0"), Money("3000"), deposits(), cancelled_by=CancelledBy.HOTEL)
    assert (Money("3000"), Money("0")) == (s.refund, s.penalty)


def test_DEP_2_hotel_cancellation_with_a_bill_is_refused() -> None:
    """DEP-2: hotel cancellation with a bill is refused."""
    with pytest.raises(InvalidInput, match="final_bill"):
        settle_deposit(Money("10"), Money("3000"), deposits(), cancelled_by=CancelledBy.HOTEL)


def test_DEP_2_negative_deposit_is_refused() -> None:
    """DEP-2: negative deposit is refused."""
    with pytest.raises(InvalidInput, match="deposit"):
        settle_deposit(Money("10"), Money("-1"), deposits())


def test_DEP_2_unknown_canceller_is_refused() -> None:
    """DEP-2: unknown canceller is refused."""
    with pytest.raises(UnknownEntity, match="cancelled_by"):
        settle_deposit(Money("10"), Money("1"), deposits(), cancelled_by="weather")  # type: ignore[arg-type]


@given(
    currency=CURRENCIES,
    bill=st.integers(0, 10**10),
    held=st.integers(0, 10**10),
    legal=st.sampled_from(list(DepositLegalType)),
)
def test_DEP_2_settlement_after_the_event_always_balances(
    currency: str, bill: int, held: int, legal: DepositLegalType
) -> None:
    """DEP-2: settlement after the event always balances."""
    s = settle_deposit(
        _amount(bill, currency), _amount(held, currency), deposits(deposit_legal_type=legal)
    )
    assert s.final_bill == s.deposit + s.balance_due - s.refund
    assert s.deposit == s.applied + s.refund
    assert min(s.balance_due.amount, s.refund.amount) == 0
    codes(s)


@given(
    currency=CURRENCIES,
    bill=st.integers(0, 10**10),
    held=st.integers(0, 10**10),
    legal=st.sampled_from(list(DepositLegalType)),
    who=st.sampled_from([None, *CancelledBy]),
)
def test_DEP_1_every_settlement_balances_with_forfeits_and_penalties(
    currency: str, bill: int, held: int, legal: DepositLegalType, who: CancelledBy | None
) -> None:
    """DEP-1: every settlement balances with forfeits and penalties."""
    final = Money.zero(currency) if who is CancelledBy.HOTEL else _amount(bill, currency)
    s = settle_deposit(
        final, _amount(held, currency), deposits(deposit_legal_type=legal), cancelled_by=who
    )
    assert s.deposit + s.balance_due - s.refund == s.final_bill + s.forfeited - s.penalty
    if legal is DepositLegalType.ADVANCE:
        assert s.final_bill == s.deposit + s.balance_due - s.refund
        assert (Money.zero(currency), Money.zero(currency)) == (s.forfeited, s.penalty)
    codes(s)


def test_DEP_4_X_25_important_booking_is_negotiated_by_the_manager() -> None:
    """DEP-4: important booking is negotiated by the manager."""
    decision = negotiator_role(booking(important=True), deposits())
    assert (HOTEL_LADDER.get("sales_manager"), ["negotiator_manager_important_booking"]) == (
        decision.role,
        codes(decision),
    )


def test_DEP_4_X_25_booking_at_the_threshold_is_negotiated_by_the_manager() -> None:
    """DEP-4: booking at the threshold is negotiated by the manager."""
    decision = negotiator_role(
        booking(total="50000"), deposits(important_booking_threshold=Decimal("50000"))
    )
    assert ["negotiator_manager_above_threshold"] == codes(decision)


def test_DEP_4_X_25_ordinary_booking_is_negotiated_by_the_supervisor() -> None:
    """DEP-4: ordinary booking is negotiated by the supervisor."""
    decision = negotiator_role(
        booking(total="49999.99"), deposits(important_booking_threshold=Decimal("50000"))
    )
    assert (HOTEL_LADDER.get("sales_supervisor"), ["negotiator_supervisor"]) == (
        decision.role,
        codes(decision),
    )


def test_DEP_4_supervisor_ranking_above_the_manager_is_refused() -> None:
    """DEP-4: supervisor ranking above the manager is refused."""
    with pytest.raises(PolicyError, match="negotiator_supervisor"):
        deposits(
            negotiator_manager=HOTEL_LADDER.get("sales_supervisor"),
            negotiator_supervisor=HOTEL_LADDER.get("sales_manager"),
        )


def test_reason_codes_are_lower_snake_case() -> None:
    assert all(code.islower() and " " not in code for code in REASON_CODES)
    assert "collection_overpaid" in REASON_CODES


def test_every_reason_code_is_documented_in_the_docs_page() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "receivables.md").read_text(
        encoding="utf-8"
    )
    assert [] == sorted(code for code in REASON_CODES if f"| `{code}` |" not in page)
