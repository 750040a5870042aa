"""Money and the one allocator (issue 2: foundation)."""

from __future__ import annotations

import copy
import datetime
import decimal
import pickle
from collections.abc import Callable
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
from salesdomain.core._numbers import (
    check_aware,
    check_date,
    check_int,
    check_non_negative,
    check_rate,
    check_rounding,
    check_text,
    to_decimal,
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


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value: the messages are asserted whole.


BAD_NUMBER_AND_MONEY_INPUTS = [
    pytest.param(
        lambda: to_decimal(10**15, "amount"),
        InvalidInput,
        "amount: must be below 10**15 in magnitude, got 1000000000000000",
        id="to_decimal_int_too_big",
    ),
    pytest.param(
        lambda: to_decimal(-(10**15), "amount"),
        InvalidInput,
        "amount: must be below 10**15 in magnitude, got -1000000000000000",
        id="to_decimal_int_too_small",
    ),
    pytest.param(
        lambda: to_decimal(100, "count", max_adjusted=1),
        InvalidInput,
        "count: must be below 10**2 in magnitude, got 100",
        id="to_decimal_int_custom_bound",
    ),
    pytest.param(
        lambda: to_decimal("1" * 201, "amount"),
        InvalidInput,
        "amount: is too long to be a number, got '1111111111111111111111111111111111111111111111111111111111111111111111111111...",
        id="to_decimal_text_too_long",
    ),
    pytest.param(
        lambda: to_decimal("12,30", "amount"),
        InvalidInput,
        "amount: is not a decimal number, got '12,30'",
        id="to_decimal_text_unparsable",
    ),
    pytest.param(
        lambda: to_decimal(1.5, "amount"),
        FloatNotAllowed,
        "amount: expected a Decimal, int or str (floats are inexact: write Decimal('1.5') or '1.5'), got float 1.5",
        id="to_decimal_float",
    ),
    pytest.param(
        lambda: to_decimal(True, "amount"),
        WrongType,
        "amount: expected a Decimal, int or str (not a bool), got bool True",
        id="to_decimal_bool",
    ),
    pytest.param(
        lambda: to_decimal(None, "amount"),
        WrongType,
        "amount: expected a Decimal, int or str, got NoneType None",
        id="to_decimal_none",
    ),
    pytest.param(
        lambda: to_decimal(Decimal("NaN"), "amount"),
        InvalidInput,
        "amount: must be a finite number (not NaN or infinity), got Decimal('NaN')",
        id="to_decimal_nan",
    ),
    pytest.param(
        lambda: to_decimal("sNaN", "amount"),
        InvalidInput,
        "amount: must be a finite number (not NaN or infinity), got 'sNaN'",
        id="to_decimal_snan",
    ),
    pytest.param(
        lambda: to_decimal("-Infinity", "amount"),
        InvalidInput,
        "amount: must be a finite number (not NaN or infinity), got '-Infinity'",
        id="to_decimal_infinity",
    ),
    pytest.param(
        lambda: to_decimal(Decimal("1E+999999"), "amount"),
        InvalidInput,
        "amount: must be below 10**15 in magnitude, got Decimal('1E+999999')",
        id="to_decimal_huge_exponent",
    ),
    pytest.param(
        lambda: to_decimal(Decimal("1E-999999"), "amount"),
        InvalidInput,
        "amount: has more than 12 fractional digits, got Decimal('1E-999999')",
        id="to_decimal_tiny_exponent",
    ),
    pytest.param(
        lambda: to_decimal("0.1234567890123", "amount"),
        InvalidInput,
        "amount: has more than 12 fractional digits, got '0.1234567890123'",
        id="to_decimal_thirteen_places",
    ),
    pytest.param(
        lambda: to_decimal("0.123", "rate", max_places=2),
        InvalidInput,
        "rate: has more than 2 fractional digits, got '0.123'",
        id="to_decimal_thirteen_places_custom",
    ),
    pytest.param(
        lambda: to_decimal(type("D", (Decimal,), {})("NaN"), "amount"),
        InvalidInput,
        "amount: must be a finite number (not NaN or infinity), got Decimal('NaN')",
        id="to_decimal_decimal_subclass_nan",
    ),
    pytest.param(
        lambda: check_rounding(1),
        WrongType,
        "rounding: expected one of decimal's ROUND_* mode strings, got int 1",
        id="check_rounding_wrong_type",
    ),
    pytest.param(
        lambda: check_rounding("ROUND_SIDEWAYS", "rounding_rule"),
        InvalidInput,
        "rounding_rule: expected one of decimal's ROUND_* modes, got 'ROUND_SIDEWAYS'",
        id="check_rounding_unknown",
    ),
    pytest.param(
        lambda: check_date(datetime.datetime(2026, 1, 1), "as_of"),
        WrongType,
        "as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 0, 0)",
        id="check_date_datetime",
    ),
    pytest.param(
        lambda: check_date("2026-01-01", "as_of"),
        WrongType,
        "as_of: expected a datetime.date, got str '2026-01-01'",
        id="check_date_text",
    ),
    pytest.param(
        lambda: check_aware(datetime.date(2026, 1, 1), "at"),
        WrongType,
        "at: expected a timezone-aware datetime.datetime, got date datetime.date(2026, 1, 1)",
        id="check_aware_date",
    ),
    pytest.param(
        lambda: check_aware(datetime.datetime(2026, 1, 1, 9, 0), "at"),
        InvalidInput,
        "at: must be timezone-aware (a naive datetime is ambiguous), got datetime.datetime(2026, 1, 1, 9, 0)",
        id="check_aware_naive",
    ),
    pytest.param(
        lambda: check_text(5, "name"),
        WrongType,
        "name: expected a non-empty str, got int 5",
        id="check_text_wrong_type",
    ),
    pytest.param(
        lambda: check_text("  ", "name"),
        InvalidInput,
        "name: must not be empty, got '  '",
        id="check_text_blank",
    ),
    pytest.param(
        lambda: check_int(True, "count"),
        WrongType,
        "count: expected an int, got bool True",
        id="check_int_bool",
    ),
    pytest.param(
        lambda: check_int("3", "count"),
        WrongType,
        "count: expected an int, got str '3'",
        id="check_int_text",
    ),
    pytest.param(
        lambda: check_int(-1, "count", minimum=0),
        InvalidInput,
        "count: must be at least 0, got -1",
        id="check_int_below_minimum",
    ),
    pytest.param(
        lambda: check_non_negative(Decimal("-1"), "amount"),
        InvalidInput,
        "amount: must not be negative, got Decimal('-1')",
        id="check_non_negative_negative",
    ),
    pytest.param(
        lambda: check_non_negative(Decimal("-1"), "amount", "-1.0"),
        InvalidInput,
        "amount: must not be negative, got '-1.0'",
        id="check_non_negative_names_the_original",
    ),
    pytest.param(
        lambda: check_rate("-0.01", "rate"),
        InvalidInput,
        "rate: expected a rate (a fraction) between 0 and 1, got '-0.01'",
        id="check_rate_negative",
    ),
    pytest.param(
        lambda: check_rate("1.01", "rate"),
        InvalidInput,
        "rate: expected a rate (a fraction) between 0 and 1, got '1.01'",
        id="check_rate_above_one",
    ),
    pytest.param(
        lambda: check_rate("2.5", "rate", upper=Decimal("2")),
        InvalidInput,
        "rate: expected a rate (a fraction) between 0 and 2, got '2.5'",
        id="check_rate_above_custom_upper",
    ),
    pytest.param(
        lambda: check_rate("-1", "rate", upper=None),
        InvalidInput,
        "rate: expected a rate (a fraction) between 0, got '-1'",
        id="check_rate_negative_without_upper",
    ),
    pytest.param(
        lambda: Money("1", 840),
        WrongType,
        "currency: expected an ISO 4217 code as str, got int 840",
        id="money_currency_wrong_type",
    ),
    pytest.param(
        lambda: Money("1", "XYZ"),
        UnknownEntity,
        "currency: not an ISO 4217 currency code known to babel, got 'XYZ'",
        id="money_currency_unknown",
    ),
    pytest.param(
        lambda: Money(0.1),
        FloatNotAllowed,
        "amount: expected a Decimal, int or str (floats are inexact: write Decimal('0.1') or '0.1'), got float 0.1",
        id="money_amount_float",
    ),
    pytest.param(
        lambda: setattr(Money("1"), "amount", Decimal("2")),
        AttributeError,
        "Money is immutable: cannot set 'amount'",
        id="money_is_immutable",
    ),
    pytest.param(
        lambda: delattr(Money("1"), "amount"),
        AttributeError,
        "Money is immutable: cannot delete 'amount'",
        id="money_cannot_delete",
    ),
    pytest.param(
        lambda: Money("1").format(1),
        WrongType,
        "locale: expected a locale name such as 'zh_CN' or 'en', got int 1",
        id="money_format_locale_wrong_type",
    ),
    pytest.param(
        lambda: Money("1").format("xx_NOPE"),
        UnknownEntity,
        "locale: not a locale babel knows, got 'xx_NOPE'",
        id="money_format_locale_unknown",
    ),
    pytest.param(
        lambda: Money("1.005").rounded("HALF_UP"),
        InvalidInput,
        "rounding: expected one of decimal's ROUND_* modes, got 'HALF_UP'",
        id="money_rounded_unknown_mode",
    ),
    pytest.param(
        lambda: Money("1") + Money("1", "USD"),
        CurrencyMismatch,
        "currency: cannot combine CNY with USD, got 'USD'",
        id="money_add_other_currency",
    ),
    pytest.param(
        lambda: Money("1") - Money("1", "USD"),
        CurrencyMismatch,
        "currency: cannot combine CNY with USD, got 'USD'",
        id="money_sub_other_currency",
    ),
    pytest.param(
        lambda: Money("999999999999999") + Money("1"),
        InvalidInput,
        "amount: result of addition must be below 10**15, got Decimal('1000000000000000')",
        id="money_add_out_of_range",
    ),
    pytest.param(
        lambda: Money("-999999999999999") - Money("1"),
        InvalidInput,
        "amount: result of subtraction must be below 10**15, got Decimal('-1000000000000000')",
        id="money_sub_out_of_range",
    ),
    pytest.param(
        lambda: Money("500000000000000") * 2,
        InvalidInput,
        "amount: result of multiplication must be below 10**15, got Decimal('1000000000000000')",
        id="money_mul_out_of_range",
    ),
    pytest.param(
        lambda: Money("1") * Money("2"),
        WrongType,
        "factor: expected a Decimal or int (Money * Money has no meaning), got Money Money('2', 'CNY')",
        id="money_mul_money",
    ),
    pytest.param(
        lambda: Money("1") * 1.5,
        FloatNotAllowed,
        "factor: expected a Decimal, int or str (floats are inexact: write Decimal('1.5') or '1.5'), got float 1.5",
        id="money_mul_float",
    ),
    pytest.param(
        lambda: Money("1") * Decimal("1E+15"),
        InvalidInput,
        "factor: must be below 10**15 in magnitude, got Decimal('1E+15')",
        id="money_mul_huge_decimal",
    ),
    pytest.param(
        lambda: Money("1") < Money("1", "USD"),
        CurrencyMismatch,
        "currency: cannot compare CNY with USD, got 'USD'",
        id="money_compare_other_currency",
    ),
    pytest.param(
        lambda: Money("1") <= Money("1", "USD"),
        CurrencyMismatch,
        "currency: cannot compare CNY with USD, got 'USD'",
        id="money_le_other_currency",
    ),
    pytest.param(
        lambda: Money("1") > Money("1", "USD"),
        CurrencyMismatch,
        "currency: cannot compare CNY with USD, got 'USD'",
        id="money_gt_other_currency",
    ),
    pytest.param(
        lambda: Money("1") >= Money("1", "USD"),
        CurrencyMismatch,
        "currency: cannot compare CNY with USD, got 'USD'",
        id="money_ge_other_currency",
    ),
    pytest.param(
        lambda: Money("1") < 2,
        WrongType,
        "other: expected Money (compare amounts, not Money with a number), got int 2",
        id="money_compare_number",
    ),
    pytest.param(
        lambda: Money("1") <= Decimal("2"),
        WrongType,
        "other: expected Money (compare amounts, not Money with a number), got Decimal Decimal('2')",
        id="money_le_number",
    ),
    pytest.param(
        lambda: Money("1") > 0,
        WrongType,
        "other: expected Money (compare amounts, not Money with a number), got int 0",
        id="money_gt_number",
    ),
    pytest.param(
        lambda: Money("1") >= 0,
        WrongType,
        "other: expected Money (compare amounts, not Money with a number), got int 0",
        id="money_ge_number",
    ),
    pytest.param(
        lambda: Money.zero("XYZ"),
        UnknownEntity,
        "currency: not an ISO 4217 currency code known to babel, got 'XYZ'",
        id="money_zero_unknown_currency",
    ),
    pytest.param(
        lambda: currency_precision("XYZ"),
        UnknownEntity,
        "currency: not an ISO 4217 currency code known to babel, got 'XYZ'",
        id="currency_precision_unknown",
    ),
    pytest.param(
        lambda: minor_unit(None),
        WrongType,
        "currency: expected an ISO 4217 code as str, got NoneType None",
        id="minor_unit_wrong_type",
    ),
    pytest.param(
        lambda: allocate(Decimal("10"), [1]),
        WrongType,
        "total: expected Money, got Decimal Decimal('10')",
        id="allocate_total_not_money",
    ),
    pytest.param(
        lambda: allocate(Money("10"), "11"),
        WrongType,
        "weights: expected a sequence of Decimal or int weights, got str '11'",
        id="allocate_weights_string",
    ),
    pytest.param(
        lambda: allocate(Money("10"), 3),
        WrongType,
        "weights: expected a sequence of Decimal or int weights, got int 3",
        id="allocate_weights_not_iterable",
    ),
    pytest.param(
        lambda: allocate(Money("10"), []),
        InvalidInput,
        "weights: must not be empty, got []",
        id="allocate_weights_empty",
    ),
    pytest.param(
        lambda: allocate(Money("10"), [1, Decimal("-1")]),
        InvalidInput,
        "weights[1]: must not be negative, got Decimal('-1')",
        id="allocate_weight_negative",
    ),
    pytest.param(
        lambda: allocate(Money("10"), [1, 0.5]),
        FloatNotAllowed,
        "weights[1]: expected a Decimal, int or str (floats are inexact: write Decimal('0.5') or '0.5'), got float 0.5",
        id="allocate_weight_float",
    ),
    pytest.param(
        lambda: allocate(Money("10"), [0, Decimal("0.0")]),
        InvalidInput,
        "weights: must not all be zero, got [0, Decimal('0.0')]",
        id="allocate_weights_all_zero",
    ),
    pytest.param(
        lambda: allocate(Money("10"), [1], unit=0),
        InvalidInput,
        "unit: must be positive, got 0",
        id="allocate_unit_zero",
    ),
    pytest.param(
        lambda: allocate(Money("10"), [1], unit="-5"),
        InvalidInput,
        "unit: must be positive, got '-5'",
        id="allocate_unit_negative",
    ),
    pytest.param(
        lambda: allocate(Money("10"), [1], unit=0.5),
        FloatNotAllowed,
        "unit: expected a Decimal, int or str (floats are inexact: write Decimal('0.5') or '0.5'), got float 0.5",
        id="allocate_unit_float",
    ),
    pytest.param(
        lambda: allocate(Money("10.001"), [1, 1]),
        InvalidInput,
        "total: is not a whole number of units of 0.01 CNY; round it first, got Money('10.001', 'CNY')",
        id="allocate_not_whole_units",
    ),
    pytest.param(
        lambda: allocate(Money("-10500"), [1, 1], unit=1000),
        InvalidInput,
        "total: is not a whole number of units of 1000 CNY; round it first, got Money('-10500', 'CNY')",
        id="allocate_not_whole_thousands",
    ),
    pytest.param(
        lambda: to_decimal("0.00000000000150", "amount"),
        InvalidInput,
        "amount: has more than 12 fractional digits, got '0.00000000000150'",
        id="to_decimal_one_zero_then_a_digit_beyond_twelve_places",
    ),
    pytest.param(
        lambda: Money("1") * Decimal("1E-35"),
        InvalidInput,
        "factor: has more than 34 fractional digits, got Decimal('1E-35')",
        id="money_mul_factor_beyond_34_places",
    ),
    pytest.param(
        lambda: Money("-999999999999999") + Money("-1"),
        InvalidInput,
        "amount: result of addition must be below 10**15, got Decimal('-1000000000000000')",
        id="money_add_below_range",
    ),
    pytest.param(
        lambda: Money("999999999999999") - Money("-1"),
        InvalidInput,
        "amount: result of subtraction must be below 10**15, got Decimal('1000000000000000')",
        id="money_sub_above_range",
    ),
    pytest.param(
        lambda: Money("-500000000000000") * 2,
        InvalidInput,
        "amount: result of multiplication must be below 10**15, got Decimal('-1000000000000000')",
        id="money_mul_below_range",
    ),
    pytest.param(
        lambda: allocate(Money("10"), [10**15, 1]),
        InvalidInput,
        "weights[0]: must be below 10**15 in magnitude, got 1000000000000000",
        id="allocate_weight_of_ten_to_the_fifteen",
    ),
    pytest.param(
        lambda: check_rate("x", "rate"),
        InvalidInput,
        "rate: is not a decimal number, got 'x'",
        id="check_rate_not_a_number",
    ),
    pytest.param(
        lambda: to_decimal([1], "amount"),
        WrongType,
        "amount: expected a Decimal, int or str, got list [1]",
        id="to_decimal_list",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_NUMBER_AND_MONEY_INPUTS)
def test_every_bad_number_or_money_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


class _DecimalSubclass(Decimal):
    pass


class _IntSubclass(int):
    pass


class _DateSubclass(datetime.date):
    pass


class _NoOffset(datetime.tzinfo):
    def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta | None:
        return None


def test_numbers_at_the_edges_of_the_bounds_are_accepted() -> None:
    assert Decimal("999999999999999") == to_decimal(10**15 - 1, "amount")
    assert Decimal("-999999999999999") == to_decimal(-(10**15) + 1, "amount")
    assert Decimal(99) == to_decimal(99, "count", max_adjusted=1)
    assert Decimal(1) == to_decimal("0" * 199 + "1", "amount")
    assert Decimal("1E-12") == to_decimal("0.000000000001", "amount")
    assert "1E-12" == str(to_decimal("0.0000000000010", "amount"))
    assert "0.123456789012" == str(to_decimal("0.12345678901200", "amount"))


def test_zeros_keep_their_places_within_twelve_and_become_plain_zero_otherwise() -> None:
    assert "0.00" == str(to_decimal("0.00", "amount"))
    assert "0E-12" == str(to_decimal("0.000000000000", "amount"))
    assert "0" == str(to_decimal(Decimal("0E-13"), "amount"))
    assert "0" == str(to_decimal(Decimal("0E+1"), "amount"))
    assert "0" == str(to_decimal("-0.00", "amount"))


def test_subclasses_of_decimal_and_int_become_plain_decimals() -> None:
    from_decimal = to_decimal(_DecimalSubclass("1.5"), "amount")
    from_int = to_decimal(_IntSubclass(3), "amount")

    assert (Decimal, Decimal("1.5")) == (type(from_decimal), from_decimal)
    assert (Decimal, Decimal(3)) == (type(from_int), from_int)


def test_check_helpers_accept_what_they_should() -> None:
    aware = datetime.datetime(2026, 1, 1, 9, 0, tzinfo=datetime.UTC)
    converted = check_date(_DateSubclass(2026, 1, 2), "on")
    small = check_int(_IntSubclass(3), "count")

    assert (datetime.date, datetime.date(2026, 1, 2)) == (type(converted), converted)
    assert aware == check_aware(aware, "at")
    assert (int, 3) == (type(small), small)
    assert 0 == check_int(0, "count", minimum=0)
    assert Decimal(0) == check_non_negative(Decimal(0), "amount")
    assert (Decimal(0), Decimal(1)) == (check_rate("0", "rate"), check_rate("1", "rate"))
    assert Decimal("0.5") == check_rate("0.5", "rate")
    assert Decimal("7") == check_rate("7", "rate", upper=None)
    assert "ROUND_DOWN" == check_rounding("ROUND_DOWN")
    assert "name" == check_text(" name ", "field")


def test_a_timezone_whose_offset_is_unknown_is_not_aware() -> None:
    vague = datetime.datetime(2026, 1, 1, 9, 0, tzinfo=_NoOffset())

    with pytest.raises(InvalidInput, match="at: must be timezone-aware"):
        check_aware(vague, "at")


def test_equality_and_inequality_compare_amount_and_currency_together() -> None:
    one = Money("1")

    assert (True, False) == (one == Money("1.00"), one != Money("1.00"))
    assert (False, True) == (one == Money("2"), one != Money("2"))
    assert (False, True) == (one == Money("1", "USD"), one != Money("1", "USD"))
    assert (False, True) == (one == 1, one != 1)


def test_defaults_are_zero_cny_and_the_chinese_format() -> None:
    assert Money("0", "CNY") == Money.zero()
    assert "¥1,234.50" == Money("1234.5").format()


def test_a_money_is_true_exactly_when_it_is_not_zero() -> None:
    assert (False, True, True) == (bool(Money("0.00")), bool(Money("0.01")), bool(Money("-1")))


def test_ordering_of_equal_and_different_amounts() -> None:
    one, two = Money("1"), Money("2")

    assert (False, True, False, True) == (one < one, one <= one, one > one, one >= one)
    assert (True, True, False, False) == (one < two, one <= two, one > two, one >= two)
    assert (False, False, True, True) == (two < one, two <= one, two > one, two >= one)


def test_only_the_int_zero_starts_a_sum_of_money() -> None:
    assert Money("1") == 0 + Money("1")
    with pytest.raises(TypeError):
        5 + Money("1")  # type: ignore[operator]
    with pytest.raises(TypeError):
        0.0 + Money("1")  # type: ignore[operator]


def test_products_finer_than_twelve_places_are_rounded_half_even_to_twelve() -> None:
    assert Money("0.123456789012") == Money("1") * Decimal("0.1234567890125")
    assert Money("0.123456789012") == Money("1") * "0.1234567890125"
    assert Money("0.123456789014") == Money("1") * Decimal("0.1234567890135")
    assert Money("246") == Money("2") * 123


def test_allocate_in_units_that_are_not_powers_of_ten() -> None:
    assert (Money("6000"), Money("4000")) == allocate(Money("10000"), [1, 1], unit=2000)
    assert (Money("11"), Money("11")) == allocate(Money("22"), [1, 1], unit=11)
    assert (Money("-6000"), Money("-4000"), Money("0")) == allocate(
        Money("-10000"), [1, 1, 0], unit="2000"
    )
    halves = allocate(Money("1.5"), [1, 0], unit="0.5")
    assert ("1.5", "0") == tuple(str(part.amount) for part in halves)


def test_allocate_amounts_are_written_plainly() -> None:
    thousands = allocate(Money("10000"), [1, 2], unit=Decimal("1E+3"))
    cents = allocate(Money("1.00"), [1, 0])

    assert ("3000", "7000") == tuple(str(part.amount) for part in thousands)
    assert ("1.00", "0") == tuple(str(part.amount) for part in cents)


def test_a_decimal_factor_finer_than_34_places_is_rounded_like_any_product() -> None:
    assert Money("0.111111111111") == Money("1") * Decimal("0." + "1" * 40)


def test_formatting_ignores_the_callers_decimal_context() -> None:
    with decimal.localcontext() as context:
        context.prec = 2
        context.rounding = decimal.ROUND_FLOOR
        shown = Money("1234.5").format()

    assert "¥1,234.50" == shown


def test_a_product_too_small_for_the_internal_precision_is_zero_not_minus_zero() -> None:
    product = Money("-1") * Decimal("1E-20")
    assert product == Money("0")
    assert not product.amount.is_signed()
