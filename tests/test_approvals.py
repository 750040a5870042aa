"""Authority limits and the approval route rules SOD-1..4 (issue 2: foundation)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    HOTEL_LADDER,
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Approval,
    AuthorityLimits,
    Employee,
    FloatNotAllowed,
    InvalidInput,
    PolicyError,
    Role,
    UnknownEntity,
    WrongType,
    missing_approvals,
)

L = REAL_ESTATE_LADDER
CONSULTANT = L.get("property_consultant")
SUPERVISOR = L.get("sales_supervisor")
MANAGER = L.get("sales_manager")
DIRECTOR = L.get("marketing_director")
DAY = dt.date(2026, 3, 2)


def limits() -> AuthorityLimits:
    return AuthorityLimits({MANAGER: Decimal("0.05"), DIRECTOR: None, SUPERVISOR: Decimal("0.02")})


# -- AuthorityLimits -------------------------------------------------------------


def test_required_role_is_the_lowest_role_whose_inclusive_limit_covers_the_value() -> None:
    assert limits().required_role(Decimal("0.02")) == SUPERVISOR
    assert limits().required_role(Decimal("0.0201")) == MANAGER
    assert limits().required_role(Decimal("0.05")) == MANAGER
    assert limits().required_role(Decimal("0.9")) == DIRECTOR


def test_required_role_is_none_when_no_role_may() -> None:
    capped = AuthorityLimits({MANAGER: Decimal("0.05")})
    assert capped.required_role(Decimal("0.06")) is None


def test_limits_that_decrease_as_rank_rises_are_refused() -> None:
    with pytest.raises(PolicyError, match=r"limits\[marketing_director\].*must not decrease"):
        AuthorityLimits({MANAGER: Decimal("0.05"), DIRECTOR: Decimal("0.03")})


def test_a_limited_role_above_an_unlimited_one_is_refused() -> None:
    with pytest.raises(PolicyError, match="must not decrease"):
        AuthorityLimits({MANAGER: None, DIRECTOR: Decimal("0.5")})


def test_negative_limit_is_refused() -> None:
    with pytest.raises(PolicyError, match=r"limits\[sales_manager\]: a limit must not be negative"):
        AuthorityLimits({MANAGER: Decimal("-0.01")})


def test_float_limit_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match=r"limits\[sales_manager\]"):
        AuthorityLimits({MANAGER: 0.05})  # type: ignore[dict-item]


def test_outside_signatory_cannot_hold_a_limit() -> None:
    with pytest.raises(PolicyError, match="outside signatory"):
        AuthorityLimits({PRINCIPAL_SIGNATORY: None})


def test_empty_limits_are_refused() -> None:
    with pytest.raises(PolicyError, match="limits"):
        AuthorityLimits({})


def test_an_unlisted_higher_role_inherits_the_limit_below_it() -> None:
    capped = AuthorityLimits({SUPERVISOR: Decimal("0.02")})
    assert capped.covers(DIRECTOR, Decimal("0.02"))
    assert not capped.covers(DIRECTOR, Decimal("0.03"))
    assert not capped.covers(CONSULTANT, Decimal("0"))
    with pytest.raises(UnknownEntity, match="role"):
        capped.limit_of(CONSULTANT)


@given(
    a=st.decimals(min_value=0, max_value=2, places=4),
    b=st.decimals(min_value=0, max_value=2, places=4),
)
def test_a_larger_value_never_needs_a_lower_role(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    role_low = limits().required_role(low)
    role_high = limits().required_role(high)
    assert role_low is not None
    assert role_high is not None
    assert role_high.rank >= role_low.rank


# -- Approval -----------------------------------------------------------------------


def test_approval_refuses_a_naive_datetime() -> None:
    with pytest.raises(InvalidInput, match="at: must be timezone-aware"):
        Approval(MANAGER, "m1", dt.datetime(2026, 3, 2, 10))


def test_approval_refuses_an_unhashable_subject() -> None:
    with pytest.raises(WrongType, match="subject"):
        Approval(MANAGER, "m1", DAY, subject=["cut", 5])


def test_approval_refuses_an_empty_approver() -> None:
    with pytest.raises(InvalidInput, match="by: must not be empty"):
        Approval(MANAGER, "", DAY)


# -- the route rules ---------------------------------------------------------------------


def test_SOD_1_the_requester_never_approves_their_own_request() -> None:
    check = missing_approvals((MANAGER,), [Approval(MANAGER, "m1", DAY)], "m1")
    assert not check.complete
    assert check.missing == (MANAGER,)
    assert [i.reason.code for i in check.ignored] == ["self_approval"]
    assert check.ignored[0].reason.rule == "SOD-1"


def test_SOD_1_requester_may_be_given_as_an_employee() -> None:
    requester = Employee("m1", "李经理", MANAGER)
    check = missing_approvals((MANAGER,), [Approval(MANAGER, "m1", DAY)], requester)
    assert not check.complete


def test_SOD_2_one_person_never_fills_two_steps() -> None:
    given = [Approval(DIRECTOR, "d1", DAY), Approval(MANAGER, "d1", DAY)]
    check = missing_approvals((MANAGER, DIRECTOR), given, "c1")
    assert check.missing == (MANAGER,)
    assert [i.reason.code for i in check.ignored] == ["same_person_twice"]


def test_SOD_3_a_higher_role_may_fill_a_lower_step() -> None:
    check = missing_approvals((MANAGER,), [Approval(DIRECTOR, "d1", DAY)], "c1")
    assert check.complete
    assert check.filled == ((MANAGER, Approval(DIRECTOR, "d1", DAY)),)


def test_SOD_3_a_lower_role_never_fills_a_higher_step() -> None:
    check = missing_approvals((DIRECTOR,), [Approval(MANAGER, "m1", DAY)], "c1")
    assert check.missing == (DIRECTOR,)
    assert check.ignored[0].reason.code == "role_too_low"
    assert check.ignored[0].reason.param("needed") == DIRECTOR


def test_SOD_3_the_outside_signatory_cannot_be_replaced_by_the_director() -> None:
    check = missing_approvals(
        (MANAGER, DIRECTOR, PRINCIPAL_SIGNATORY),
        [
            Approval(MANAGER, "m1", DAY),
            Approval(DIRECTOR, "d1", DAY),
            Approval(DIRECTOR, "d2", DAY),
        ],
        "c1",
    )
    assert check.missing == (PRINCIPAL_SIGNATORY,)
    assert [i.reason.code for i in check.ignored] == ["cannot_stand_in_for_outside"]


def test_SOD_3_the_outside_signatory_does_not_stand_in_for_a_ladder_role() -> None:
    check = missing_approvals((MANAGER,), [Approval(PRINCIPAL_SIGNATORY, "developer", DAY)], "c1")
    assert check.missing == (MANAGER,)
    assert check.ignored[0].reason.code == "outside_role_not_on_route"


def test_full_special_route_is_complete_with_three_different_people() -> None:
    check = missing_approvals(
        (MANAGER, DIRECTOR, PRINCIPAL_SIGNATORY),
        [
            Approval(PRINCIPAL_SIGNATORY, "developer", DAY),
            Approval(DIRECTOR, "d1", DAY),
            Approval(MANAGER, "m1", DAY),
        ],
        "c1",
    )
    assert check.complete
    assert check.reasons() == ()


def test_SOD_4_an_approval_for_another_subject_is_stale() -> None:
    given = [Approval(MANAGER, "m1", DAY, subject=("price_cut", "0.05"))]
    check = missing_approvals((MANAGER,), given, "c1", subject=("price_cut", "0.07"))
    assert check.missing == (MANAGER,)
    assert check.ignored[0].reason.rule == "SOD-4"
    assert check.ignored[0].reason.code == "stale_subject"


def test_the_assignment_does_not_depend_on_the_order_of_the_approvals() -> None:
    # Greedy in route order would give the director to the manager step and leave the
    # director step open; the check must find the assignment that fills both.
    given = [Approval(DIRECTOR, "d1", DAY), Approval(MANAGER, "m1", DAY)]
    assert missing_approvals((MANAGER, DIRECTOR), given, "c1").complete
    assert missing_approvals((MANAGER, DIRECTOR), list(reversed(given)), "c1").complete


def test_a_route_naming_a_role_twice_is_refused() -> None:
    with pytest.raises(InvalidInput, match="route"):
        missing_approvals((MANAGER, MANAGER), [], "c1")


def test_a_non_approval_is_refused() -> None:
    with pytest.raises(WrongType, match=r"given\[0\]"):
        missing_approvals((MANAGER,), ["m1"], "c1")  # type: ignore[list-item]


def test_missing_steps_carry_reasons() -> None:
    check = missing_approvals((MANAGER, PRINCIPAL_SIGNATORY), [], "c1")
    assert [(r.rule, r.code) for r in check.reasons()] == [
        ("SOD-2", "approval_missing"),
        ("SOD-3", "approval_missing"),
    ]


ROLES = list(L.roles)
people = st.sampled_from(["c1", "s1", "m1", "m2", "d1", "dev"])
approvals = st.builds(Approval, role=st.sampled_from(ROLES), by=people, at=st.just(DAY))
routes = st.lists(st.sampled_from(ROLES), min_size=1, max_size=5, unique=True)


@given(route=routes, given_=st.lists(approvals, max_size=8), requester=people)
def test_SOD_no_route_is_satisfied_by_the_requester_or_by_one_person_twice(
    route: list[Role], given_: list[Approval], requester: str
) -> None:
    check = missing_approvals(route, given_, requester)
    fillers = [approval.by for _, approval in check.filled]
    assert requester not in fillers
    assert len(fillers) == len(set(fillers))
    for step, approval in check.filled:
        if step.outside:
            assert approval.role == step
        else:
            assert not approval.role.outside
            assert approval.role.rank >= step.rank
    assert len(check.filled) + len(check.missing) == len(route)


@given(route=routes, given_=st.lists(approvals, max_size=8), extra=approvals)
def test_more_approvals_never_open_a_step(
    route: list[Role], given_: list[Approval], extra: Approval
) -> None:
    before = missing_approvals(route, given_, "c1")
    after = missing_approvals(route, [*given_, extra], "c1")
    assert len(after.missing) <= len(before.missing)


@given(given_=st.lists(approvals, max_size=8))
def test_more_authority_never_needs_more_approvers(given_: list[Approval]) -> None:
    # The route for a larger value contains the route for a smaller one, so anything
    # that completes the larger route completes the smaller one.
    low = (MANAGER,)
    high = (MANAGER, DIRECTOR)
    if missing_approvals(high, given_, "c1").complete:
        assert missing_approvals(low, given_, "c1").complete


def test_hotel_limits_example() -> None:
    manager = HOTEL_LADDER.get("sales_manager")
    gm = HOTEL_LADDER.get("general_manager")
    hotel = AuthorityLimits({manager: Decimal("0.10"), gm: None})
    assert hotel.required_role("0.15") == gm
