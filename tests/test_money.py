"""Money and the one allocator (issue 2: foundation)."""

from __future__ import annotations

import copy
import decimal
import pickle
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    CurrencyMismatch,
    FloatNotAllowed,
    InvalidInput,
    Money,
    SalesDomainError,
    UnknownEntity,
    WrongType,
    allocate,
    currency_precision,
    minor_unit,
)
from tests.strategies import currencies, fine_decimals, money, weights

# -- construction -------------------------------------------------------------


def test_money_accepts_decimal_int_and_str_amounts() -> None:
    assert Money(Decimal("12.30")).amount == Decimal("12.30")
    assert Money(12).amount == Decimal(12)
    assert Money(" 12.30 ").amount == Decimal("12.30")


def test_currency_code_is_tidied_to_upper_case() -> None:
    assert Money("1", "cny").currency == "CNY"


def test_default_currency_is_cny() -> None:
    assert Money("1").currency == "CNY"


def test_minus_zero_is_normalised_to_zero() -> None:
    value = Money("-0")
    assert value.amount == 0
    assert not value.amount.is_signed()
    assert not Money("-0.00").amount.is_signed()


def test_trailing_zeros_beyond_twelve_places_are_accepted() -> None:
    assert Money("1.50000000000000").amount == Decimal("1.5")


@pytest.mark.parametrize("value", [0.1, 1.0, float("nan")])
def test_float_amount_is_refused_with_type_error_naming_the_field(value: float) -> None:
    with pytest.raises(FloatNotAllowed, match="amount") as info:
        Money(value)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, SalesDomainError)
    assert info.value.field == "amount"


def test_bool_amount_is_refused() -> None:
    with pytest.raises(WrongType, match=r"amount.*bool"):
        Money(True)  # type: ignore[arg-type]


def test_none_amount_is_refused() -> None:
    with pytest.raises(WrongType, match="amount"):
        Money(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-Infinity", "abc", "", "1,000"])
def test_non_finite_or_unparsable_amounts_are_invalid_input(value: str) -> None:
    with pytest.raises(InvalidInput, match="amount") as info:
        Money(value)
    assert info.value.value == value


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity")])
def test_non_finite_decimals_are_invalid_input(value: Decimal) -> None:
    with pytest.raises(InvalidInput, match="finite"):
        Money(value)


@pytest.mark.parametrize(
    "value",
    [Decimal("1E+999999"), Decimal("1E+15"), "1000000000000000", 10**15, -(10**15), "-1E+15"],
)
def test_amounts_at_or_beyond_ten_to_the_fifteen_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput, match=r"amount: must be below 10\*\*15"):
        Money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", [Decimal("1E-999999"), Decimal("0.0000000000001"), "1.0000000000001"]
)
def test_amounts_with_more_than_twelve_decimals_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput, match="amount: has more than 12 fractional digits"):
        Money(value)  # type: ignore[arg-type]


def test_largest_allowed_amount_is_accepted() -> None:
    assert Money("999999999999999.999999999999").amount < Decimal(10) ** 15


def test_unknown_currency_raises_unknown_entity_naming_the_currency() -> None:
    with pytest.raises(UnknownEntity, match=r"currency.*'XYZ'"):
        Money("1", "XYZ")


def test_non_string_currency_is_refused() -> None:
    with pytest.raises(WrongType, match="currency"):
        Money("1", 156)  # type: ignore[arg-type]


def test_minor_units_come_from_babel() -> None:
    assert (currency_precision("JPY"), currency_precision("CNY"), currency_precision("KWD")) == (
        0,
        2,
        3,
    )
    assert minor_unit("KWD") == Decimal("0.001")
    assert Money("1", "JPY").minor_unit == Decimal(1)


# -- arithmetic ---------------------------------------------------------------


def test_addition_and_subtraction_within_one_currency() -> None:
    assert Money("1.10") + Money("2.20") == Money("3.30")
    assert Money("1.10") - Money("2.20") == Money("-1.10")


def test_adding_different_currencies_raises_currency_mismatch() -> None:
    with pytest.raises(CurrencyMismatch, match="currency: cannot combine CNY with USD"):
        Money("1") + Money("1", "USD")


def test_money_times_decimal_and_int() -> None:
    assert Money("10.00") * Decimal("0.05") == Money("0.5")
    assert 3 * Money("1.10") == Money("3.30")


def test_money_times_money_is_refused() -> None:
    with pytest.raises(WrongType, match="factor"):
        Money("1") * Money("2")  # type: ignore[operator]


def test_money_times_float_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match="factor"):
        Money("1") * 0.5  # type: ignore[operator]


def test_adding_a_plain_number_is_not_supported() -> None:
    with pytest.raises(TypeError):
        Money("1") + 1  # type: ignore[operator]


def test_product_beyond_the_bound_is_refused() -> None:
    with pytest.raises(InvalidInput, match="amount"):
        Money("999999999999999") * 2


def test_negation_and_absolute_value() -> None:
    assert -Money("5") == Money("-5")
    assert abs(Money("-5")) == Money("5")
    assert not (-Money("0")).amount.is_signed()


def test_sum_of_money_works_from_the_int_zero() -> None:
    assert sum([Money("1.10"), Money("2.20")]) == Money("3.30")


def test_equality_across_currencies_is_false_and_ordering_raises() -> None:
    assert Money("1", "CNY") != Money("1", "USD")
    with pytest.raises(CurrencyMismatch, match="currency: cannot compare"):
        assert Money("1", "CNY") < Money("2", "USD")


def test_ordering_against_a_number_is_refused() -> None:
    with pytest.raises(WrongType, match="other"):
        assert Money("1") < 2  # type: ignore[operator]


def test_equal_amounts_with_different_exponents_are_equal_and_hash_alike() -> None:
    assert Money("1.5") == Money("1.50")
    assert hash(Money("1.5")) == hash(Money("1.50"))


# -- rounding and formatting ----------------------------------------------------


def test_rounding_defaults_to_half_up() -> None:
    assert Money("2.345").rounded() == Money("2.35")
    assert Money("-2.345").rounded() == Money("-2.35")


def test_rounding_mode_is_honoured() -> None:
    assert Money("2.345").rounded(ROUND_HALF_EVEN) == Money("2.34")


def test_unknown_rounding_mode_is_refused() -> None:
    with pytest.raises(InvalidInput, match="rounding"):
        Money("1").rounded("ROUND_SOMETIMES")


@pytest.mark.parametrize(
    ("currency", "expected"), [("JPY", "1235"), ("CNY", "1234.57"), ("KWD", "1234.568")]
)
def test_rounding_follows_the_currency_minor_unit(currency: str, expected: str) -> None:
    assert Money("1234.5675", currency).rounded().amount.as_tuple() == Decimal(expected).as_tuple()


def test_format_uses_babel_per_locale() -> None:
    assert Money("1234.5").format("zh_CN") == "¥1,234.50"
    assert Money("1234.5").format("en") == "CN¥1,234.50"


def test_format_with_unknown_locale_raises_unknown_entity() -> None:
    with pytest.raises(UnknownEntity, match="locale"):
        Money("1").format("xx_XX")


# -- value object behaviour -------------------------------------------------------


def test_money_is_immutable() -> None:
    value = Money("1")
    with pytest.raises(AttributeError):
        value.amount = Decimal(2)  # type: ignore[misc]


def test_money_survives_pickle_and_deepcopy() -> None:
    value = Money("12.34", "KWD")
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    assert repr(value) == "Money('12.34', 'KWD')"


# -- allocate -----------------------------------------------------------------------


def test_allocate_splits_one_hundred_thousand_in_three() -> None:
    assert allocate(Money("100000.00"), [1, 1, 1]) == (
        Money("33333.34"),
        Money("33333.33"),
        Money("33333.33"),
    )


def test_allocate_gives_leftovers_to_largest_remainders_then_earlier_weights() -> None:
    # shares 0.0333.., 0.0666..: remainders favour the second weight.
    assert allocate(Money("0.10"), [1, 2]) == (Money("0.03"), Money("0.07"))
    assert allocate(Money("0.05"), [1, 1]) == (Money("0.03"), Money("0.02"))


def test_allocate_zero_weight_gets_nothing() -> None:
    assert allocate(Money("10.00"), [0, 1, 1]) == (Money("0"), Money("5.00"), Money("5.00"))


def test_allocate_splits_a_negative_total_symmetrically() -> None:
    assert allocate(Money("-100.00"), [1, 1, 1]) == tuple(
        -part for part in allocate(Money("100.00"), [1, 1, 1])
    )


def test_allocate_in_whole_thousands() -> None:
    assert allocate(Money("10000"), [1, 1, 1], unit=Decimal("1000")) == (
        Money("4000"),
        Money("3000"),
        Money("3000"),
    )


def test_allocate_refuses_a_total_that_is_not_a_whole_number_of_units() -> None:
    with pytest.raises(InvalidInput, match=r"total: is not a whole number of units of 1000"):
        allocate(Money("10500"), [1, 1], unit=Decimal("1000"))


@pytest.mark.parametrize(
    ("weights", "message"),
    [([], "weights: must not be empty"), ([0, 0], "weights: must not all be zero")],
)
def test_allocate_refuses_empty_or_all_zero_weights(weights: list[int], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        allocate(Money("1"), weights)


def test_allocate_refuses_negative_weight_naming_its_index() -> None:
    with pytest.raises(InvalidInput, match=r"weights\[1\]: must not be negative"):
        allocate(Money("1"), [1, -1])


def test_allocate_refuses_float_weight() -> None:
    with pytest.raises(FloatNotAllowed, match=r"weights\[0\]"):
        allocate(Money("1"), [0.5])  # type: ignore[list-item]


@pytest.mark.parametrize("unit", [Decimal(0), Decimal("-1")])
def test_allocate_refuses_a_non_positive_unit(unit: Decimal) -> None:
    with pytest.raises(InvalidInput, match="unit: must be positive"):
        allocate(Money("1"), [1], unit=unit)


def test_allocate_refuses_a_total_that_is_not_money() -> None:
    with pytest.raises(WrongType, match="total"):
        allocate(Decimal("1"), [1])  # type: ignore[arg-type]


@given(data=st.data(), currency=currencies, ws=weights)
def test_allocation_sums_exactly_and_each_part_is_within_one_unit(
    data: st.DataObject, currency: str, ws: list[Decimal | int]
) -> None:
    total = data.draw(money(currency))
    parts = allocate(total, ws)
    assert sum(parts, Money.zero(currency)) == total
    unit = minor_unit(currency)
    weight_sum = sum(Decimal(w) for w in ws)
    ctx = decimal.Context(prec=80)
    for part, weight in zip(parts, ws, strict=True):
        exact = ctx.divide(ctx.multiply(total.amount, Decimal(weight)), weight_sum)
        assert abs(ctx.subtract(part.amount, exact)) < unit
        if weight == 0:
            assert part.amount == 0


@given(data=st.data(), ws=weights)
def test_allocation_is_deterministic_and_order_stable(data: st.DataObject, ws: list[int]) -> None:
    total = data.draw(money("CNY", min_value=0))
    first = allocate(total, ws)
    assert allocate(total, ws) == first
    unit = minor_unit("CNY")
    # Order-stable: equal weights get parts that differ by at most one unit, the
    # earlier weight never getting less (ties go to the earlier weight).
    for i, wi in enumerate(ws):
        for j in range(i + 1, len(ws)):
            if Decimal(wi) == Decimal(ws[j]):
                assert Decimal(0) <= first[i].amount - first[j].amount <= unit
    # Reordering the weights moves each part by at most one unit and keeps the sum.
    permutation = data.draw(st.permutations(range(len(ws))))
    moved = allocate(total, [ws[k] for k in permutation])
    assert sum(moved, Money.zero("CNY")) == total
    for position, k in enumerate(permutation):
        assert abs(moved[position].amount - first[k].amount) <= unit


@given(data=st.data(), currency=currencies)
def test_rounding_is_idempotent(data: st.DataObject, currency: str) -> None:
    value = Money(data.draw(fine_decimals(max_abs=10**9, places=6)), currency)
    once = value.rounded()
    assert once.rounded() == once
    assert once.is_rounded()


@given(a=fine_decimals(), b=fine_decimals(), k=fine_decimals(max_abs=1000, places=4))
def test_money_arithmetic_agrees_with_decimal_arithmetic(
    a: Decimal, b: Decimal, k: Decimal
) -> None:
    exact = decimal.Context(prec=60)
    assert (Money(a) + Money(b)).amount == exact.add(a, b)
    assert (Money(a) - Money(b)).amount == exact.subtract(a, b)
    assert (Money(a) * k).amount == exact.multiply(a, k)


@given(a=fine_decimals(), k=fine_decimals(max_abs=1000, places=4), currency=currencies)
def test_results_ignore_the_callers_decimal_context(a: Decimal, k: Decimal, currency: str) -> None:
    expected = (
        (Money(a, currency) * k).rounded(),
        allocate(Money(amounts_rounded(a, currency), currency), [1, 2, 3]),
    )
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        got = (
            (Money(a, currency) * k).rounded(),
            allocate(Money(amounts_rounded(a, currency), currency), [1, 2, 3]),
        )
    assert got == expected


def amounts_rounded(value: Decimal, currency: str) -> Decimal:
    """``value`` cut to the currency's minor unit (test helper, own context)."""
    return value.quantize(minor_unit(currency), ROUND_HALF_UP, decimal.Context(prec=40))


def test_allocate_accepts_exact_shares_with_many_decimals() -> None:
    third = Decimal("0.0333333333333333333333333333333333")  # 35 places, 34 digits
    assert allocate(Money("1.00"), [third, third, third]) == (
        Money("0.34"),
        Money("0.33"),
        Money("0.33"),
    )
