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
