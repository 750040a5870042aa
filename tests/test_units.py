"""Tests for salesdomain.units: UNIT-1, UNIT-2, UNIT-3 (X-22, X-23)."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    REAL_ESTATE_LADDER,
    Approval,
    CurrencyMismatch,
    IllegalTransition,
    InvalidInput,
    Money,
    PolicyError,
    UnknownEntity,
    Verdict,
    WrongType,
    currency_precision,
)
from salesdomain.units import (
    REASON_CODES,
    ApprovedDiscount,
    LedgerAction,
    UnitLedger,
    UnitPolicy,
    UnitRecord,
    UnitStatus,
    check_release,
    check_unit_total,
    expire_holds,
    hold,
    release_hold,
    release_withheld,
    sell,
    unit_total_price,
    withhold,
)

D = datetime.date
DAY = D(2026, 3, 2)
DIRECTOR = REAL_ESTATE_LADDER.get("marketing_director")
MANAGER = REAL_ESTATE_LADDER.get("sales_manager")
DIRECTOR_OK = Approval(DIRECTOR, "d1", DAY)


def codes(result: object) -> list[str]:
    """The reason codes of ``result``, each checked against the module's REASON_CODES."""
    found = [reason.code for reason in result.reasons]  # type: ignore[attr-defined]
    assert [code for code in found if code not in REASON_CODES] == []
    return found


def ledger() -> UnitLedger:
    return UnitLedger.new(["A-101", "A-102", "A-103"], withheld=["A-103"], at=D(2026, 3, 1))


# ---------------------------------------------------------------------------
# UNIT-1: the ledger and its transitions
# ---------------------------------------------------------------------------
def test_UNIT_1_X_22_new_ledger_has_available_and_withheld_units() -> None:
    """UNIT-1: new ledger has available and withheld units."""
    book = ledger()
    assert (("A-101", "A-102"), ("A-103",)) == (
        book.units(UnitStatus.AVAILABLE),
        book.units(UnitStatus.WITHHELD),
    )
    assert (3, True, False) == (len(book), "A-101" in book, "B-1" in book)


def test_UNIT_1_hold_records_customer_and_expiry() -> None:
    """UNIT-1: hold records customer and expiry."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    record = book.record("A-101")
    assert (UnitStatus.HELD, "c1", D(2026, 3, 5), DAY) == (
        record.status,
        record.holder,
        record.until,
        record.since,
    )
    assert [LedgerAction.HOLD] == [event.action for event in book.history]


def test_UNIT_1_transitions_return_a_new_ledger_and_leave_the_old_one_alone() -> None:
    """UNIT-1: transitions return a new ledger and leave the old one alone."""
    before = ledger()
    after = sell(before, "A-101", "c1", "K-1", at=DAY)
    assert (UnitStatus.AVAILABLE, UnitStatus.SOLD) == (
        before.status("A-101"),
        after.status("A-101"),
    )


def test_UNIT_1_hold_expiry_comes_from_the_policy_ttl() -> None:
    """UNIT-1: hold expiry comes from the policy ttl."""
    book = hold(ledger(), "A-101", "c1", at=DAY, policy=UnitPolicy(hold_ttl_days=3))
    assert D(2026, 3, 5) == book.record("A-101").until


def test_UNIT_1_hold_without_any_expiry_is_refused() -> None:
    """UNIT-1: hold without any expiry is refused."""
    with pytest.raises(InvalidInput, match="until"):
        hold(ledger(), "A-101", "c1", at=DAY)


def test_UNIT_1_hold_expiring_before_it_starts_is_refused() -> None:
    """UNIT-1: hold expiring before it starts is refused."""
    with pytest.raises(InvalidInput, match="until"):
        hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 1))


def test_UNIT_1_unit_held_by_someone_else_cannot_be_held() -> None:
    """UNIT-1: unit held by someone else cannot be held."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    with pytest.raises(IllegalTransition, match="held by c1") as caught:
        hold(book, "A-101", "c2", at=DAY, until=D(2026, 3, 6))
    assert ("A-101", "held") == caught.value.state


def test_UNIT_1_same_customer_renews_a_hold() -> None:
    """UNIT-1: same customer renews a hold."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    book = hold(book, "A-101", "c1", at=D(2026, 3, 4), until=D(2026, 3, 9))
    assert D(2026, 3, 9) == book.record("A-101").until


def test_UNIT_1_unit_held_by_someone_else_cannot_be_sold() -> None:
    """UNIT-1: unit held by someone else cannot be sold."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    with pytest.raises(IllegalTransition, match="held by c1"):
        sell(book, "A-101", "c2", "K-2", at=D(2026, 3, 5))


def test_UNIT_1_holder_may_buy_the_held_unit() -> None:
    """UNIT-1: holder may buy the held unit."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    book = sell(book, "A-101", "c1", "K-1", at=D(2026, 3, 4))
    record = book.record("A-101")
    assert (UnitStatus.SOLD, "c1", "K-1") == (record.status, record.holder, record.contract)


def test_UNIT_1_after_a_hold_lapses_another_customer_may_buy() -> None:
    """UNIT-1: after a hold lapses another customer may buy."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    book = sell(book, "A-101", "c2", "K-2", at=D(2026, 3, 6))
    assert "c2" == book.record("A-101").holder


def test_UNIT_1_no_unit_is_sold_twice() -> None:
    """UNIT-1: no unit is sold twice."""
    book = sell(ledger(), "A-101", "c1", "K-1", at=DAY)
    with pytest.raises(IllegalTransition, match="already sold under contract K-1"):
        sell(book, "A-101", "c2", "K-2", at=DAY)
    with pytest.raises(IllegalTransition, match="already sold"):
        sell(book, "A-101", "c1", "K-1", at=DAY)


def test_UNIT_1_sold_unit_cannot_be_held_withheld_or_released() -> None:
    """UNIT-1: sold unit cannot be held withheld or released."""
    book = sell(ledger(), "A-101", "c1", "K-1", at=DAY)
    with pytest.raises(IllegalTransition, match="hold"):
        hold(book, "A-101", "c2", at=DAY, until=DAY)
    with pytest.raises(IllegalTransition, match="withhold"):
        withhold(book, "A-101", at=DAY)
    with pytest.raises(IllegalTransition, match="release_hold"):
        release_hold(book, "A-101", at=DAY)


def test_UNIT_3_withheld_unit_cannot_be_sold_or_held() -> None:
    """UNIT-3: withheld unit cannot be sold or held."""
    with pytest.raises(IllegalTransition, match="营销总监"):
        sell(ledger(), "A-103", "c1", "K-1", at=DAY)
    with pytest.raises(IllegalTransition, match="UNIT-3"):
        hold(ledger(), "A-103", "c1", at=DAY, until=DAY)


def test_UNIT_1_release_hold_makes_the_unit_available_again() -> None:
    """UNIT-1: release hold makes the unit available again."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    book = release_hold(book, "A-101", at=D(2026, 3, 3))
    assert UnitStatus.AVAILABLE == book.status("A-101")
    assert [LedgerAction.HOLD, LedgerAction.RELEASE_HOLD] == [e.action for e in book.history]


def test_UNIT_1_X_22_expired_holds_return_to_available() -> None:
    """UNIT-1: expired holds return to available."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    book = hold(book, "A-102", "c2", at=DAY, until=D(2026, 3, 9))
    expired = expire_holds(book, D(2026, 3, 6))
    assert (UnitStatus.AVAILABLE, UnitStatus.HELD) == (
        expired.status("A-101"),
        expired.status("A-102"),
    )
    assert LedgerAction.EXPIRE_HOLD == expired.history[-1].action


def test_UNIT_1_expiring_nothing_returns_the_same_ledger() -> None:
    """UNIT-1: expiring nothing returns the same ledger."""
    book = ledger()
    assert book is expire_holds(book, DAY)


def test_UNIT_3_available_unit_can_be_withheld() -> None:
    """UNIT-3: available unit can be withheld."""
    assert UnitStatus.WITHHELD == withhold(ledger(), "A-101", at=DAY).status("A-101")


def test_UNIT_3_held_unit_cannot_be_withheld() -> None:
    """UNIT-3: held unit cannot be withheld."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=DAY)
    with pytest.raises(IllegalTransition, match="only an available unit"):
        withhold(book, "A-101", at=DAY)


def test_UNIT_1_unknown_unit_raises_naming_the_unit() -> None:
    """UNIT-1: unknown unit raises naming the unit."""
    with pytest.raises(UnknownEntity, match="unit"):
        sell(ledger(), "B-9", "c1", "K-1", at=DAY)


def test_UNIT_1_change_dated_before_the_units_last_change_is_refused() -> None:
    """UNIT-1: change dated before the units last change is refused."""
    book = hold(ledger(), "A-101", "c1", at=DAY, until=D(2026, 3, 5))
    with pytest.raises(InvalidInput, match="at"):
        sell(book, "A-101", "c1", "K-1", at=D(2026, 3, 1))


def test_UNIT_1_datetime_instead_of_date_is_refused() -> None:
    """UNIT-1: datetime instead of date is refused."""
    with pytest.raises(WrongType, match="at"):
        sell(ledger(), "A-101", "c1", "K-1", at=datetime.datetime(2026, 3, 2))  # type: ignore[arg-type]


def test_UNIT_1_empty_contract_is_refused() -> None:
    """UNIT-1: empty contract is refused."""
    with pytest.raises(InvalidInput, match="contract"):
        sell(ledger(), "A-101", "c1", " ", at=DAY)


def test_UNIT_1_duplicate_units_are_refused() -> None:
    """UNIT-1: duplicate units are refused."""
    with pytest.raises(InvalidInput, match="unit"):
        UnitLedger.new(["A-1", "A-1"])


def test_UNIT_1_withheld_unit_must_be_in_the_ledger() -> None:
    """UNIT-1: withheld unit must be in the ledger."""
    with pytest.raises(UnknownEntity, match="withheld"):
        UnitLedger.new(["A-1"], withheld=["A-2"])


def test_UNIT_1_X_22_record_fields_must_fit_the_status() -> None:
    """UNIT-1: record fields must fit the status."""
    with pytest.raises(InvalidInput, match="until"):
        UnitRecord("A-1", UnitStatus.HELD, holder="c1")
    with pytest.raises(InvalidInput, match="holder"):
        UnitRecord("A-1", UnitStatus.AVAILABLE, holder="c1")
    with pytest.raises(InvalidInput, match="contract"):
        UnitRecord("A-1", UnitStatus.HELD, holder="c1", until=DAY, contract="K-1")


# ---------------------------------------------------------------------------
# UNIT-3: release of withheld units
# ---------------------------------------------------------------------------
def test_UNIT_3_release_with_the_marketing_directors_approval() -> None:
    """UNIT-3: release with the marketing directors approval."""
    book = release_withheld(
        ledger(), ["A-103"], at=DAY, approvals=[DIRECTOR_OK], requester="m1", policy=UnitPolicy()
    )
    assert UnitStatus.AVAILABLE == book.status("A-103")
    assert (LedgerAction.RELEASE_WITHHELD, "m1") == (book.history[-1].action, book.history[-1].by)


def test_UNIT_3_release_without_approval_needs_the_marketing_director() -> None:
    """UNIT-3: release without approval needs the marketing director."""
    decision = check_release(ledger(), "A-103", [], "m1", UnitPolicy())
    assert (Verdict.NEEDS_APPROVAL, (DIRECTOR,), ["unit_release_needs_approval"]) == (
        decision.verdict,
        decision.approvers,
        codes(decision),
    )
    with pytest.raises(IllegalTransition, match="marketing_director"):
        release_withheld(
            ledger(), "A-103", at=DAY, approvals=[], requester="m1", policy=UnitPolicy()
        )


def test_UNIT_3_managers_approval_does_not_release_withheld_units() -> None:
    """UNIT-3: managers approval does not release withheld units."""
    manager = Approval(MANAGER, "m2", DAY)
    decision = check_release(ledger(), "A-103", [manager], "m1", UnitPolicy())
    assert Verdict.NEEDS_APPROVAL == decision.verdict
    assert ["role_too_low"] == [i.reason.code for i in decision.route_check.ignored]


def test_UNIT_3_approval_for_another_subject_does_not_count() -> None:
    """UNIT-3: approval for another subject does not count."""
    stale = Approval(DIRECTOR, "d1", DAY, subject="release-1")
    decision = check_release(ledger(), "A-103", [stale], "m1", UnitPolicy(), subject="release-2")
    assert decision.needs_approval


def test_UNIT_3_approved_release_is_allowed() -> None:
    """UNIT-3: approved release is allowed."""
    decision = check_release(ledger(), ["A-103"], [DIRECTOR_OK], "m1", UnitPolicy())
    assert (Verdict.ALLOWED, ["unit_release_approved"]) == (decision.verdict, codes(decision))


def test_UNIT_3_releasing_a_unit_that_is_not_withheld_is_rejected() -> None:
    """UNIT-3: releasing a unit that is not withheld is rejected."""
    decision = check_release(ledger(), ["A-101", "A-103"], [DIRECTOR_OK], "m1", UnitPolicy())
    assert (Verdict.REJECTED, ["unit_not_withheld"]) == (decision.verdict, codes(decision))
    with pytest.raises(IllegalTransition, match="only withheld units"):
        release_withheld(
            ledger(), "A-101", at=DAY, approvals=[DIRECTOR_OK], requester="m1", policy=UnitPolicy()
        )


def test_UNIT_3_naming_a_unit_twice_is_refused() -> None:
    """UNIT-3: naming a unit twice is refused."""
    with pytest.raises(InvalidInput, match="units"):
        check_release(ledger(), ["A-103", "A-103"], [DIRECTOR_OK], "m1", UnitPolicy())


# ---------------------------------------------------------------------------
# property: no unit is sold twice, no sold unit becomes available
# ---------------------------------------------------------------------------
UNITS = ["U1", "U2", "U3"]
CUSTOMERS = ["c1", "c2", "c3"]

operations = st.lists(
    st.tuples(
        st.sampled_from(["hold", "release_hold", "sell", "withhold", "release", "expire"]),
        st.sampled_from(UNITS),
        st.sampled_from(CUSTOMERS),
        st.integers(0, 3),
        st.integers(0, 4),
    ),
    max_size=40,
)


@given(ops=operations)
def test_UNIT_1_no_sequence_of_operations_sells_a_unit_twice(
    ops: list[tuple[str, str, str, int, int]],
) -> None:
    """UNIT-1: no sequence of operations sells a unit twice."""
    book = UnitLedger.new(UNITS, withheld=["U3"], at=D(2026, 1, 1))
    day = D(2026, 1, 1)
    sold_to: dict[str, tuple[str | None, str | None]] = {}
    contracts = 0
    for action, unit, customer, step, ttl in ops:
        day = day + datetime.timedelta(days=step)
        try:
            if action == "hold":
                book = hold(book, unit, customer, at=day, until=day + datetime.timedelta(days=ttl))
            elif action == "release_hold":
                book = release_hold(book, unit, at=day)
            elif action == "sell":
                contracts += 1
                book = sell(book, unit, customer, f"K-{contracts}", at=day)
            elif action == "withhold":
                book = withhold(book, unit, at=day)
            elif action == "release":
                book = release_withheld(
                    book,
                    unit,
                    at=day,
                    approvals=[Approval(DIRECTOR, "d1", day)],
                    requester="m1",
                    policy=UnitPolicy(),
                )
            else:
                book = expire_holds(book, day)
        except IllegalTransition:
            pass
        for record in book.records:
            if record.unit in sold_to:
                assert UnitStatus.SOLD == record.status
                assert sold_to[record.unit] == (record.holder, record.contract)
            elif record.status is UnitStatus.SOLD:
                sold_to[record.unit] = (record.holder, record.contract)
    sales = Counter(e.unit for e in book.history if e.action is LedgerAction.SELL)
    assert all(count == 1 for count in sales.values())
    assert set(sales) == set(book.units(UnitStatus.SOLD))


# ---------------------------------------------------------------------------
# UNIT-2: unit total price
# ---------------------------------------------------------------------------
OK = Approval(MANAGER, "m1", DAY)


def test_UNIT_2_total_is_area_times_unit_price_plus_premiums_minus_discounts() -> None:
    """UNIT-2: total is area times unit price plus premiums minus discounts."""
    total = unit_total_price(
        Decimal("89.37"),
        Money("21500"),
        [Money("30000")],
        [ApprovedDiscount(OK, rate=Decimal("0.02")), ApprovedDiscount(OK, amount=Money("5000"))],
        UnitPolicy(),
    )
    # 89.37 x 21500 = 1,921,455; + 30,000 = 1,951,455; x 0.98 = 1,912,425.90; - 5,000
    assert Money("1907425.90") == total


def test_UNIT_2_discounts_apply_in_order() -> None:
    """UNIT-2: discounts apply in order."""
    amount_first = unit_total_price(
        Decimal("100"),
        Money("10000"),
        [],
        [ApprovedDiscount(OK, amount=Money("10000")), ApprovedDiscount(OK, rate=Decimal("0.1"))],
        UnitPolicy(),
    )
    assert Money("891000.00") == amount_first


def test_UNIT_2_total_is_rounded_per_policy() -> None:
    """UNIT-2: total is rounded per policy."""
    args = (Decimal("88.88"), Money("12345.67"), [], [])
    assert Money("1097283.15") == unit_total_price(*args, UnitPolicy())
    assert Money("1097283") == unit_total_price(*args, UnitPolicy(rounding_places=0))
    assert Money("1097283.14") == unit_total_price(*args, UnitPolicy(rounding=ROUND_DOWN))


@pytest.mark.parametrize(
    ("currency", "price", "expected"),
    [("JPY", "333", "33333"), ("CNY", "3.33", "333.33"), ("KWD", "3.333", "333.633")],
)
def test_UNIT_2_rounding_in_currencies_with_0_2_3_decimals(
    currency: str, price: str, expected: str
) -> None:
    """UNIT-2: rounding in currencies with 0 2 3 decimals."""
    total = unit_total_price(Decimal("100.1"), Money(price, currency), [], [], UnitPolicy())
    assert Money(expected, currency) == total


def test_UNIT_2_rounding_finer_than_the_currency_is_refused() -> None:
    """UNIT-2: rounding finer than the currency is refused."""
    with pytest.raises(InvalidInput, match="rounding_places"):
        unit_total_price(Decimal("1"), Money("1", "JPY"), [], [], UnitPolicy(rounding_places=2))


def test_UNIT_2_discount_without_an_approval_record_is_refused() -> None:
    """UNIT-2: discount without an approval record is refused."""
    with pytest.raises(InvalidInput, match=r"approved_discounts\[0\]"):
        unit_total_price(Decimal("1"), Money("100"), [], [Money("1")], UnitPolicy())  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match="approval"):
        ApprovedDiscount(None, amount=Money("1"))  # type: ignore[arg-type]


def test_UNIT_2_discount_needs_exactly_one_of_amount_and_rate() -> None:
    """UNIT-2: discount needs exactly one of amount and rate."""
    with pytest.raises(InvalidInput, match="amount"):
        ApprovedDiscount(OK, amount=Money("1"), rate=Decimal("0.1"))


@pytest.mark.parametrize("area", [Decimal("0"), Decimal("-1")])
def test_UNIT_2_area_must_be_positive(area: Decimal) -> None:
    """UNIT-2: area must be positive."""
    with pytest.raises(InvalidInput, match="area"):
        unit_total_price(area, Money("100"), [], [], UnitPolicy())


def test_UNIT_2_float_area_is_refused() -> None:
    """UNIT-2: float area is refused."""
    with pytest.raises(TypeError, match="area"):
        unit_total_price(89.37, Money("100"), [], [], UnitPolicy())  # type: ignore[arg-type]


def test_UNIT_2_discounts_beyond_the_price_are_refused() -> None:
    """UNIT-2: discounts beyond the price are refused."""
    with pytest.raises(InvalidInput, match="approved_discounts"):
        unit_total_price(
            Decimal("1"),
            Money("100"),
            [],
            [ApprovedDiscount(OK, amount=Money("100"))],
            UnitPolicy(),
        )


def test_UNIT_2_premium_in_another_currency_is_refused() -> None:
    """UNIT-2: premium in another currency is refused."""
    with pytest.raises(CurrencyMismatch, match="premiums"):
        unit_total_price(Decimal("1"), Money("100"), [Money("1", "USD")], [], UnitPolicy())


def test_UNIT_2_X_23_matching_contract_total_is_allowed() -> None:
    """UNIT-2: matching contract total is allowed."""
    check = check_unit_total(Money("1907425.90"), Money("1907425.90"), UnitPolicy())
    assert (Verdict.ALLOWED, Money("0"), ["unit_total_matches"]) == (
        check.verdict,
        check.difference,
        codes(check),
    )


def test_UNIT_2_X_23_any_difference_is_reported_with_zero_tolerance() -> None:
    """UNIT-2: any difference is reported with zero tolerance."""
    check = check_unit_total(Money("1907425.91"), Money("1907425.90"), UnitPolicy())
    assert (Verdict.REJECTED, Money("0.01"), ["unit_total_mismatch"]) == (
        check.verdict,
        check.difference,
        codes(check),
    )
    assert Money("0.01") == check.reasons[0].param("difference")


def test_UNIT_2_difference_within_a_configured_tolerance_is_allowed_but_reported() -> None:
    """UNIT-2: difference within a configured tolerance is allowed but reported."""
    check = check_unit_total(
        Money("1907426"), Money("1907425.90"), UnitPolicy(unit_total_tolerance=Decimal("1"))
    )
    assert (Verdict.ALLOWED, ["unit_total_within_tolerance"]) == (check.verdict, codes(check))


def test_UNIT_1_negative_hold_ttl_is_refused() -> None:
    """UNIT-1: negative hold ttl is refused."""
    with pytest.raises(PolicyError, match="hold_ttl_days"):
        UnitPolicy(hold_ttl_days=-1)


def test_UNIT_2_negative_tolerance_is_refused() -> None:
    """UNIT-2: negative tolerance is refused."""
    with pytest.raises(PolicyError, match="unit_total_tolerance"):
        UnitPolicy(unit_total_tolerance=Decimal("-1"))


def test_UNIT_2_check_is_json_ready() -> None:
    """UNIT-2: check is json ready."""
    check = check_unit_total(Money("2"), Money("1"), UnitPolicy())
    assert {"amount": "1", "currency": "CNY"} == json.loads(json.dumps(check.to_dict()))[
        "difference"
    ]


@given(
    currency=st.sampled_from(["JPY", "CNY", "KWD"]),
    area_hundredths=st.integers(1_000, 100_000),
    price_units=st.integers(1_000, 10**7),
    rate_thousandths=st.integers(0, 300),
    places=st.integers(0, 3),
)
def test_UNIT_2_recomputed_total_is_rounded_and_checks_against_itself(
    currency: str, area_hundredths: int, price_units: int, rate_thousandths: int, places: int
) -> None:
    """UNIT-2: recomputed total is rounded and checks against itself."""
    precision = currency_precision(currency)
    rules = UnitPolicy(rounding_places=min(places, precision))
    discounts = (
        [ApprovedDiscount(OK, rate=Decimal(rate_thousandths).scaleb(-3))]
        if rate_thousandths
        else []
    )
    total = unit_total_price(
        Decimal(area_hundredths).scaleb(-2),
        Money(Decimal(price_units).scaleb(-precision), currency),
        [],
        discounts,
        rules,
    )
    assert total.is_rounded()
    assert -total.amount.as_tuple().exponent <= min(places, precision)  # type: ignore[operator]
    assert check_unit_total(total, total, rules).allowed
    assert not check_unit_total(total + Money(total.minor_unit, currency), total, rules).allowed


def test_UNIT_2_total_that_rounds_to_zero_is_refused() -> None:
    """UNIT-2: total that rounds to zero is refused."""
    with pytest.raises(InvalidInput, match="unit_price"):
        unit_total_price(Decimal("0.01"), Money("1", "JPY"), [], [], UnitPolicy())


def test_every_reason_code_is_documented_in_the_docs_page() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "units.md").read_text(encoding="utf-8")
    assert [] == sorted(code for code in REASON_CODES if f"| `{code}` |" not in page)
