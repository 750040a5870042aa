"""Verdicts, reasons, rates and the JSON form of decisions (issue 2: foundation)."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from decimal import Decimal

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
