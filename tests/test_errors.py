"""The exception hierarchy (issue 2: foundation)."""

from __future__ import annotations

import pickle

import pytest

from salesdomain import (
    CurrencyMismatch,
    FloatNotAllowed,
    IllegalTransition,
    InvalidInput,
    PolicyError,
    SalesDomainError,
    UnknownEntity,
    WrongType,
)


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (InvalidInput, ValueError),
        (UnknownEntity, ValueError),
        (CurrencyMismatch, ValueError),
        (PolicyError, ValueError),
        (WrongType, TypeError),
        (FloatNotAllowed, TypeError),
    ],
)
def test_every_error_family_also_subclasses_the_fitting_builtin(
    cls: type[SalesDomainError], builtin: type[Exception]
) -> None:
    assert issubclass(cls, SalesDomainError)
    assert issubclass(cls, builtin)


def test_unknown_entity_and_policy_error_are_invalid_input() -> None:
    assert issubclass(UnknownEntity, InvalidInput)
    assert issubclass(CurrencyMismatch, InvalidInput)
    assert issubclass(PolicyError, InvalidInput)


def test_invalid_input_names_the_field_and_the_value() -> None:
    err = InvalidInput("price", "-1", "must be positive")
    assert str(err) == "price: must be positive, got '-1'"
    assert (err.field, err.value, err.problem) == ("price", "-1", "must be positive")


def test_huge_values_are_cut_in_the_message() -> None:
    err = InvalidInput("note", "x" * 1000, "too long")
    assert len(str(err)) < 120


def test_policy_error_lists_every_problem() -> None:
    err = PolicyError.from_errors([("a.b", "expected an int"), ("c", "unknown key")])
    assert err.errors == (("a.b", "expected an int"), ("c", "unknown key"))
    assert str(err) == "a.b: expected an int; c: unknown key"


def test_policy_error_from_no_errors_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="at least one"):
        PolicyError.from_errors([])


def test_illegal_transition_says_what_and_why() -> None:
    err = IllegalTransition("APPROVED", "sign", "not yet approved")
    assert str(err) == "cannot sign in state 'APPROVED': not yet approved"
    assert not isinstance(err, ValueError)


@pytest.mark.parametrize(
    "err",
    [
        InvalidInput("f", 1, "bad"),
        UnknownEntity("role", "x", "unknown"),
        PolicyError.from_errors([("k", "m")]),
        WrongType("f", 1.5, "an int"),
        FloatNotAllowed("amount", 0.1),
        IllegalTransition("S", "act", "why"),
    ],
)
def test_errors_survive_pickling(err: SalesDomainError) -> None:
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is type(err)
    assert str(copy) == str(err)


# ------------------------------------------------- mutation hardening (issue 11)
def test_a_repr_of_eighty_characters_is_kept_whole_and_a_longer_one_is_cut_to_eighty() -> None:
    exactly = InvalidInput("note", "x" * 78, "too long")
    longer = InvalidInput("note", "x" * 79, "too long")

    assert "note: too long, got '" + "x" * 78 + "'" == str(exactly)
    assert "note: too long, got '" + "x" * 76 + "..." == str(longer)


def test_a_policy_error_keeps_its_field_value_and_problem() -> None:
    err = PolicyError("pricing.min_spread", "x", "expected a rate")

    assert ("pricing.min_spread", "x", "expected a rate") == (err.field, err.value, err.problem)
    assert (("pricing.min_spread", "expected a rate"),) == err.errors
    assert "pricing.min_spread: expected a rate, got 'x'" == str(err)


def test_a_policy_error_without_a_value_shows_its_one_problem_without_got() -> None:
    assert "rounding: expected a mode" == str(PolicyError("rounding", None, "expected a mode"))


def test_a_policy_error_from_errors_names_the_first_key_and_counts_the_problems() -> None:
    one = PolicyError.from_errors([("a.b", "expected an int")])
    two = PolicyError.from_errors([("a.b", "expected an int"), ("c", "unknown key")])

    assert ("a.b", None) == (one.field, one.value)
    assert "1 problem(s): a.b: expected an int" == one.problem
    assert "a.b: expected an int" == str(one)
    assert ("a.b", "2 problem(s): a.b: expected an int; c: unknown key") == (
        two.field,
        two.problem,
    )


def test_a_policy_error_listing_several_problems_shows_them_all_even_with_a_value() -> None:
    err = PolicyError("a", "v", "p", [("a", "p"), ("b", "q")])

    assert "a: p; b: q" == str(err)


def test_wrong_type_keeps_the_field_the_value_and_what_was_expected() -> None:
    err = WrongType("amount", [1], "a Decimal")

    assert ("amount", [1], "a Decimal") == (err.field, err.value, err.expected)
    assert "amount: expected a Decimal, got list [1]" == str(err)


def test_float_not_allowed_expects_a_decimal_int_or_str_by_default() -> None:
    err = FloatNotAllowed("rate", 0.5)

    assert ("rate", 0.5, "a Decimal, int or str") == (err.field, err.value, err.expected)
    assert (
        "rate: expected a Decimal, int or str (floats are inexact: write Decimal('0.5') or "
        "'0.5'), got float 0.5"
    ) == str(err)


def test_illegal_transition_keeps_the_state_the_action_and_the_reason() -> None:
    err = IllegalTransition("draft", "sign", "not approved")

    assert ("draft", "sign", "not approved") == (err.state, err.action, err.reason)


class _Unshowable:
    def __repr__(self) -> str:
        raise ValueError("no")


def test_values_that_cannot_be_shown_are_described_instead() -> None:
    huge = InvalidInput("count", 10**5000, "too big")
    odd = InvalidInput("thing", _Unshowable(), "odd")

    assert "count: too big, got <an int of about 5001 digits>" == str(huge)
    assert "thing: odd, got <a _Unshowable that cannot be shown>" == str(odd)


def test_policy_error_from_no_errors_says_it_needs_one() -> None:
    with pytest.raises(ValueError, match="^PolicyError.from_errors needs at least one error$"):
        PolicyError.from_errors([])
