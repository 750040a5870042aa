"""Verdicts, reasons, rates and the JSON form of decisions (issue 2: foundation)."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest

from salesdomain import (
    HOTEL_LADDER,
    Decision,
    FloatNotAllowed,
    InvalidInput,
    Money,
    Period,
    Rate,
    Reason,
    Verdict,
    WrongType,
    jsonable,
)


def test_strictest_verdict_wins() -> None:
    assert Verdict.strictest([Verdict.ALLOWED, Verdict.REJECTED, Verdict.NEEDS_APPROVAL]) is (
        Verdict.REJECTED
    )
    assert Verdict.strictest([]) is Verdict.ALLOWED


def test_rate_is_a_fraction_that_renders_as_a_percentage() -> None:
    assert str(Rate("0.05")) == "5%"
    assert str(Rate("0.125")) == "12.5%"
    assert Rate("0.05").percent == Decimal("5.00")


def test_rate_refuses_a_float() -> None:
    with pytest.raises(FloatNotAllowed, match="rate"):
        Rate(0.05)  # type: ignore[arg-type]


def test_reason_keeps_params_as_a_hashable_tuple_in_the_given_order() -> None:
    reason = Reason("PRICE-4", "below_floor", {"price": Money("1"), "floor": Money("2")})
    assert [name for name, _ in reason.params] == ["price", "floor"]
    assert hash(reason) == hash(Reason("PRICE-4", "below_floor", reason.params))
    assert reason.param("floor") == Money("2")


def test_reason_params_accept_the_documented_value_types() -> None:
    role = HOTEL_LADDER.get("sales_manager")
    reason = Reason(
        "ROLE-1",
        "example",
        {
            "money": Money("1"),
            "rate": Rate("0.1"),
            "day": dt.date(2026, 1, 1),
            "role": role,
            "text": "x",
            "count": 3,
            "number": Decimal("1.5"),
            "period": Period.month(2026, 1),
            "many": ("a", "b"),
        },
    )
    assert pickle.loads(pickle.dumps(reason)) == reason


def test_reason_refuses_a_float_param_naming_it() -> None:
    with pytest.raises(WrongType, match=r"params\['rate'\]"):
        Reason("PRICE-5", "x", {"rate": 0.1})


@pytest.mark.parametrize("rule", ["price-4", "PRICE", "PRICE-", "P-1"])
def test_reason_refuses_a_malformed_rule_id(rule: str) -> None:
    with pytest.raises(InvalidInput, match="rule: expected a rule ID"):
        Reason(rule, "code")


def test_reason_refuses_a_malformed_code() -> None:
    with pytest.raises(InvalidInput, match="code: expected a lower_snake_case"):
        Reason("PRICE-4", "Below Floor")


def test_asking_for_a_missing_param_names_it() -> None:
    with pytest.raises(InvalidInput, match="name: reason PRICE-4/below_floor has no such"):
        Reason("PRICE-4", "below_floor").param("floor")


def test_decision_to_dict_is_plain_json() -> None:
    manager = HOTEL_LADDER.get("sales_manager")
    decision = Decision(
        Verdict.NEEDS_APPROVAL,
        (Reason("PRICE-5", "discount_needs_approval", {"rate": Rate("0.1"), "role": manager}),),
        (manager,),
    )
    data = decision.to_dict()
    assert json.loads(json.dumps(data)) == {
        "verdict": "needs_approval",
        "reasons": [
            {
                "rule": "PRICE-5",
                "code": "discount_needs_approval",
                "params": {"rate": "0.1", "role": "sales_manager"},
            }
        ],
        "approvers": ["sales_manager"],
    }
    assert decision.needs_approval
    assert not decision.allowed
    assert not decision.rejected
    assert decision.rules() == ("PRICE-5",)


def test_decision_refuses_a_verdict_given_as_text() -> None:
    with pytest.raises(WrongType, match="verdict"):
        Decision("allowed")  # type: ignore[arg-type]


def test_decision_refuses_a_non_reason() -> None:
    with pytest.raises(WrongType, match=r"reasons\[0\]"):
        Decision(Verdict.ALLOWED, ("because",))  # type: ignore[arg-type]


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value: the messages are asserted whole.


BAD_DECISION_INPUTS = [
    pytest.param(
        lambda: Decision("allowed"),
        WrongType,
        "verdict: expected a Verdict, got str 'allowed'",
        id="verdict_wrong_type",
    ),
    pytest.param(
        lambda: Decision(Verdict.ALLOWED, "ok"),
        WrongType,
        "reasons: expected a sequence of Reason, got str 'ok'",
        id="reasons_string",
    ),
    pytest.param(
        lambda: Decision(Verdict.ALLOWED, 5),
        WrongType,
        "reasons: expected a sequence of Reason, got int 5",
        id="reasons_not_iterable",
    ),
    pytest.param(
        lambda: Decision(Verdict.ALLOWED, (Reason("PRICE-4", "ok"), "ok")),
        WrongType,
        "reasons[1]: expected a Reason, got str 'ok'",
        id="reason_wrong_type",
    ),
    pytest.param(
        lambda: Decision(Verdict.ALLOWED, (), "sales_manager"),
        WrongType,
        "approvers: expected a sequence of Role, got str 'sales_manager'",
        id="approvers_string",
    ),
    pytest.param(
        lambda: Decision(Verdict.ALLOWED, (), 5),
        WrongType,
        "approvers: expected a sequence of Role, got int 5",
        id="approvers_not_iterable",
    ),
    pytest.param(
        lambda: Decision(Verdict.ALLOWED, (), (HOTEL_LADDER.get("sales_manager"), "gm")),
        WrongType,
        "approvers[1]: expected a Role, got str 'gm'",
        id="approver_wrong_type",
    ),
    pytest.param(
        lambda: Rate(0.05),
        FloatNotAllowed,
        "rate: expected a Decimal, int or str (floats are inexact: write Decimal('0.05') or '0.05'), got float 0.05",
        id="rate_float",
    ),
    pytest.param(
        lambda: Rate("five"),
        InvalidInput,
        "rate: is not a decimal number, got 'five'",
        id="rate_text",
    ),
    pytest.param(
        lambda: Rate("0." + "0" * 60 + "1"),
        InvalidInput,
        "rate: has more than 60 fractional digits, got '0.0000000000000000000000000000000000000000000000000000000000001'",
        id="rate_sixty_one_places",
    ),
    pytest.param(
        lambda: Reason(4, "below_floor"),
        WrongType,
        "rule: expected a rule ID str such as 'PRICE-4', got int 4",
        id="rule_wrong_type",
    ),
    pytest.param(
        lambda: Reason("price-4", "below_floor"),
        InvalidInput,
        "rule: expected a rule ID such as 'PRICE-4', got 'price-4'",
        id="rule_lower_case",
    ),
    pytest.param(
        lambda: Reason("PRICE-", "below_floor"),
        InvalidInput,
        "rule: expected a rule ID such as 'PRICE-4', got 'PRICE-'",
        id="rule_without_number",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", None),
        WrongType,
        "code: expected a lower_snake_case str, got NoneType None",
        id="code_wrong_type",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "belowFloor"),
        InvalidInput,
        "code: expected a lower_snake_case reason code, got 'belowFloor'",
        id="code_camel_case",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", "price"),
        WrongType,
        "params: expected a mapping or a tuple of (name, value) pairs, got str 'price'",
        id="params_wrong_type",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", [("price",)]),
        WrongType,
        "params: expected a (name, value) pair, got tuple ('price',)",
        id="params_item_not_pair",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", [(1, "x")]),
        WrongType,
        "params: expected a (name, value) pair, got tuple (1, 'x')",
        id="params_name_not_text",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", [("price", 1), ("price", 2)]),
        InvalidInput,
        "params: duplicate parameter name, got 'price'",
        id="params_name_twice",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", {"rate": 0.5}),
        WrongType,
        "params['rate']: expected a Money, Rate, date, Role, str, int or Decimal, got float 0.5",
        id="param_float",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", {"prices": {"a": 1}}),
        WrongType,
        "params['prices']: expected a Money, Rate, date, Role, str, int or Decimal, got dict {'a': 1}",
        id="param_dict",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", {"rates": (Decimal("0.1"), 0.2)}),
        WrongType,
        "params['rates']: expected a Money, Rate, date, Role, str, int or Decimal, got float 0.2",
        id="param_float_in_tuple",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", {"price": 1}).param("floor"),
        InvalidInput,
        "name: reason PRICE-4/below_floor has no such parameter, got 'floor'",
        id="param_missing",
    ),
    pytest.param(
        lambda: jsonable(1.5j),
        WrongType,
        "value: expected a library value that can be turned into JSON, got complex 1.5j",
        id="jsonable_unknown_type",
    ),
    pytest.param(
        lambda: jsonable({"a": [1.5j]}),
        WrongType,
        "value: expected a library value that can be turned into JSON, got complex 1.5j",
        id="jsonable_unknown_nested",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", "below_floor", [["price", 1]]),
        WrongType,
        "params: expected a (name, value) pair, got list ['price', 1]",
        id="params_list_pair",
    ),
    pytest.param(
        lambda: Verdict.strictest("allowed"),
        WrongType,
        "verdicts: expected a sequence of Verdict, got str 'allowed'",
        id="strictest_a_string",
    ),
    pytest.param(
        lambda: Verdict.strictest(5),
        WrongType,
        "verdicts: expected a sequence of Verdict, got int 5",
        id="strictest_not_iterable",
    ),
    pytest.param(
        lambda: Verdict.strictest([Verdict.ALLOWED, "rejected"]),
        WrongType,
        "verdicts[1]: expected a Verdict, got str 'rejected'",
        id="strictest_item_wrong_type",
    ),
    pytest.param(
        lambda: Reason("PRICE-4", 5),
        WrongType,
        "code: expected a lower_snake_case str, got int 5",
        id="code_int",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_DECISION_INPUTS)
def test_every_bad_decision_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


@attrs.frozen
class _Sample:
    _hidden: int = attrs.field(repr=False)
    _shown: int = attrs.field()


def test_rates_render_every_digit_without_exponents() -> None:
    assert "100000%" == str(Rate("1000"))
    assert "12.34567890123456789012345678901234%" == str(
        Rate("0.1234567890123456789012345678901234")
    )


def test_reason_params_turn_enums_into_their_values_and_sort_only_sets() -> None:
    reason = Reason(
        "PRICE-4",
        "example",
        {
            "verdict": Verdict.REJECTED,
            "ordered": ("b", "a"),
            "listed": ["b", "a"],
            "set": frozenset({Money("9"), Money("10")}),
        },
    )

    assert (
        ("verdict", "rejected"),
        ("ordered", ("b", "a")),
        ("listed", ("b", "a")),
        ("set", (Money("10"), Money("9"))),
    ) == reason.params


def test_jsonable_turns_every_library_value_into_plain_data() -> None:
    role = HOTEL_LADDER.get("sales_manager")
    january = Period.month(2026, 1)
    value = {
        "none": None,
        "flag": True,
        "count": 3,
        "number": Decimal("1.50"),
        "money": Money("1.50", "JPY"),
        "rate": Rate("0.05"),
        "role": role,
        "period": january,
        "day": dt.date(2026, 1, 2),
        "moment": dt.datetime(2026, 1, 2, 9, 30),
        "time": dt.time(9, 30),
        "verdict": Verdict.ALLOWED,
        "reason": Reason("PRICE-4", "below_floor", {"floor": Money("1")}),
        "keys": {january: 1, Money("1"): 2, 7: 3, role: 4},
        "list": [Decimal("1"), "a"],
        "set": {"b", "a"},
        "frozen": frozenset({Money("9"), Money("10")}),
        "record": _Sample(hidden=1, shown=2),
    }

    assert {
        "none": None,
        "flag": True,
        "count": 3,
        "number": "1.50",
        "money": {"amount": "1.50", "currency": "JPY"},
        "rate": "0.05",
        "role": "sales_manager",
        "period": {"start": "2026-01-01", "end": "2026-01-31"},
        "day": "2026-01-02",
        "moment": "2026-01-02T09:30:00",
        "time": "09:30:00",
        "verdict": "allowed",
        "reason": {
            "rule": "PRICE-4",
            "code": "below_floor",
            "params": {"floor": {"amount": "1", "currency": "CNY"}},
        },
        "keys": {
            "2026-01-01..2026-01-31": 1,
            "{'amount': '1', 'currency': 'CNY'}": 2,
            "7": 3,
            "sales_manager": 4,
        },
        "list": ["1", "a"],
        "set": ["a", "b"],
        "frozen": [
            {"amount": "10", "currency": "CNY"},
            {"amount": "9", "currency": "CNY"},
        ],
        "record": {"shown": 2},
    } == jsonable(value)
