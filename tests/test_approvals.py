"""Authority limits and the approval route rules SOD-1..4 (issue 2: foundation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
    Reason,
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


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value: the messages are asserted whole.


BAD_APPROVAL_INPUTS = [
    pytest.param(
        lambda: AuthorityLimits([(MANAGER, 1)]),
        WrongType,
        "limits: expected a mapping of Role to a Decimal limit or None, got list [(Role(code='sales_manager', rank=3, name_zh='销售经理', name_en='sales manager',...",
        id="limits_wrong_type",
    ),
    pytest.param(
        lambda: AuthorityLimits({"sales_manager": 1}),
        WrongType,
        "limits key: expected a Role, got str 'sales_manager'",
        id="limits_key_wrong_type",
    ),
    pytest.param(
        lambda: AuthorityLimits({PRINCIPAL_SIGNATORY: 1}),
        PolicyError,
        "limits[principal_signatory]: an outside signatory has no authority limit, got Role(code='principal_signatory', rank=0, name_zh='甲方负责人', name_en=\"developer'...",
        id="limits_outside_role",
    ),
    pytest.param(
        lambda: AuthorityLimits({MANAGER: 0.1}),
        FloatNotAllowed,
        "limits[sales_manager]: expected a Decimal, int or str (floats are inexact: write Decimal('0.1') or '0.1'), got float 0.1",
        id="limits_float",
    ),
    pytest.param(
        lambda: AuthorityLimits({MANAGER: Decimal("-0.1")}),
        PolicyError,
        "limits[sales_manager]: a limit must not be negative, got Decimal('-0.1')",
        id="limits_negative",
    ),
    pytest.param(
        lambda: AuthorityLimits({}),
        PolicyError,
        "limits: at least one role needs a limit, got {}",
        id="limits_empty",
    ),
    pytest.param(
        lambda: AuthorityLimits({MANAGER: 1, HOTEL_LADDER.get("sales_manager"): 2}),
        PolicyError,
        "limits[sales_manager]: two roles of rank 3 (sales_manager, sales_manager), got Role(code='sales_manager', rank=3, name_zh='销售部经理', name_en='sales manager', ...",
        id="limits_two_roles_of_one_rank",
    ),
    pytest.param(
        lambda: AuthorityLimits({SUPERVISOR: Decimal("0.20"), MANAGER: Decimal("0.10")}),
        PolicyError,
        "limits[sales_manager]: limits must not decrease as rank rises: sales_supervisor may approve up to 0.20, got Decimal('0.10')",
        id="limits_decreasing",
    ),
    pytest.param(
        lambda: AuthorityLimits({SUPERVISOR: None, MANAGER: Decimal("0.10")}),
        PolicyError,
        "limits[sales_manager]: limits must not decrease as rank rises: sales_supervisor may approve up to None, got Decimal('0.10')",
        id="limits_limited_above_unlimited",
    ),
    pytest.param(
        lambda: limits().limit_of(CONSULTANT),
        UnknownEntity,
        "role: has no authority under these limits, got Role(code='property_consultant', rank=1, name_zh='置业顾问', name_en='property co...",
        id="limit_of_role_below_every_listed",
    ),
    pytest.param(
        lambda: limits().limit_of(PRINCIPAL_SIGNATORY),
        UnknownEntity,
        "role: has no authority under these limits, got Role(code='principal_signatory', rank=0, name_zh='甲方负责人', name_en=\"developer'...",
        id="limit_of_outside_role",
    ),
    pytest.param(
        lambda: limits().covers(MANAGER, 0.1),
        FloatNotAllowed,
        "value: expected a Decimal, int or str (floats are inexact: write Decimal('0.1') or '0.1'), got float 0.1",
        id="covers_float",
    ),
    pytest.param(
        lambda: limits().required_role("ten"),
        InvalidInput,
        "value: is not a decimal number, got 'ten'",
        id="required_role_text",
    ),
    pytest.param(
        lambda: Approval("sales_manager", "m1", DAY),
        WrongType,
        "role: expected a Role, got str 'sales_manager'",
        id="approval_role_wrong_type",
    ),
    pytest.param(
        lambda: Approval(MANAGER, " ", DAY),
        InvalidInput,
        "by: must not be empty, got ' '",
        id="approval_by_blank",
    ),
    pytest.param(
        lambda: Approval(MANAGER, "m1", dt.datetime(2026, 3, 2, 9, 0)),
        InvalidInput,
        "at: must be timezone-aware (a naive datetime is ambiguous), got datetime.datetime(2026, 3, 2, 9, 0)",
        id="approval_at_naive",
    ),
    pytest.param(
        lambda: Approval(MANAGER, "m1", "2026-03-02"),
        WrongType,
        "at: expected a date or a timezone-aware datetime, got str '2026-03-02'",
        id="approval_at_text",
    ),
    pytest.param(
        lambda: Approval(MANAGER, "m1", DAY, subject=["cut"]),
        WrongType,
        "subject: expected a hashable value identifying what was approved, got list ['cut']",
        id="approval_subject_unhashable",
    ),
    pytest.param(
        lambda: Approval(MANAGER, "m1", DAY, subject=("cut", ["5%"])),
        WrongType,
        "subject: expected a hashable value identifying what was approved, got tuple ('cut', ['5%'])",
        id="approval_subject_unhashable_tuple",
    ),
    pytest.param(
        lambda: missing_approvals("sales_manager", [], "c1"),
        WrongType,
        "route: expected a sequence of Role, got str 'sales_manager'",
        id="route_string",
    ),
    pytest.param(
        lambda: missing_approvals(5, [], "c1"),
        WrongType,
        "route: expected a sequence of Role, got int 5",
        id="route_not_iterable",
    ),
    pytest.param(
        lambda: missing_approvals((MANAGER, "director"), [], "c1"),
        WrongType,
        "route[1]: expected a Role, got str 'director'",
        id="route_step_wrong_type",
    ),
    pytest.param(
        lambda: missing_approvals((MANAGER, MANAGER), [], "c1"),
        InvalidInput,
        "route: a route must not name the same role twice, got (Role(code='sales_manager', rank=3, name_zh='销售经理', name_en='sales manager', ...",
        id="route_role_twice",
    ),
    pytest.param(
        lambda: missing_approvals((MANAGER,), [], ""),
        InvalidInput,
        "requester: must not be empty, got ''",
        id="requester_blank",
    ),
    pytest.param(
        lambda: missing_approvals((MANAGER,), [], 7),
        WrongType,
        "requester: expected a non-empty str, got int 7",
        id="requester_wrong_type",
    ),
    pytest.param(
        lambda: missing_approvals((MANAGER,), [Approval(MANAGER, "m1", DAY), "m2"], "c1"),
        WrongType,
        "given[1]: expected an Approval, got str 'm2'",
        id="given_wrong_type",
    ),
    pytest.param(
        lambda: limits().limit_of("sales_manager"),
        WrongType,
        "role: expected a Role, got str 'sales_manager'",
        id="limit_of_not_a_role",
    ),
    pytest.param(
        lambda: limits().covers("sales_manager", 1),
        WrongType,
        "role: expected a Role, got str 'sales_manager'",
        id="covers_not_a_role",
    ),
    pytest.param(
        lambda: limits().covers(MANAGER, "0." + "0" * 34 + "1"),
        InvalidInput,
        "value: has more than 34 fractional digits, got '0.00000000000000000000000000000000001'",
        id="covers_thirty_five_places",
    ),
    pytest.param(
        lambda: limits().required_role("0." + "0" * 34 + "1"),
        InvalidInput,
        "value: has more than 34 fractional digits, got '0.00000000000000000000000000000000001'",
        id="required_role_thirty_five_places",
    ),
    pytest.param(
        lambda: missing_approvals((MANAGER,), 5, "c1"),
        WrongType,
        "given: expected a sequence of Approval, got int 5",
        id="given_not_iterable",
    ),
    pytest.param(
        lambda: missing_approvals((MANAGER,), "m1", "c1"),
        WrongType,
        "given: expected a sequence of Approval, got str 'm1'",
        id="given_a_string",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_APPROVAL_INPUTS)
def test_SOD_every_bad_approval_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


class _NoOffset(dt.tzinfo):
    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:
        return None


def test_a_zero_limit_is_allowed_and_each_listed_role_has_its_own_limit() -> None:
    assert Decimal(0) == AuthorityLimits({MANAGER: 0}).limit_of(MANAGER)
    assert (Decimal("0.02"), Decimal("0.05"), None) == (
        limits().limit_of(SUPERVISOR),
        limits().limit_of(MANAGER),
        limits().limit_of(DIRECTOR),
    )


def test_an_approval_may_be_dated_with_an_aware_datetime_but_not_an_offsetless_one() -> None:
    aware = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    assert aware == Approval(MANAGER, "m1", aware).at
    with pytest.raises(InvalidInput, match="at: must be timezone-aware"):
        Approval(MANAGER, "m1", dt.datetime(2026, 3, 2, 9, 0, tzinfo=_NoOffset()))


def test_SOD_2_missing_steps_name_the_role_in_their_reasons() -> None:
    check = missing_approvals((MANAGER, PRINCIPAL_SIGNATORY), [], "c1")

    assert (MANAGER, PRINCIPAL_SIGNATORY) == check.route
    assert (
        Reason("SOD-2", "approval_missing", {"role": MANAGER}),
        Reason("SOD-3", "approval_missing", {"role": PRINCIPAL_SIGNATORY}),
    ) == check.reasons()


def test_SOD_4_without_a_subject_every_approval_counts_whatever_it_names() -> None:
    given = [Approval(MANAGER, "m1", DAY, subject="cut 5%")]

    assert missing_approvals((MANAGER,), given, "c1").complete


def test_SOD_4_a_stale_approval_names_who_in_which_role_and_the_subject_wanted() -> None:
    stale = Approval(MANAGER, "m1", DAY, subject=("price_cut", "0.05"))

    check = missing_approvals((MANAGER,), [stale], "c1", subject=("price_cut", "0.07"))

    assert stale is check.ignored[0].approval
    assert (
        Reason(
            "SOD-4",
            "stale_subject",
            {"by": "m1", "role": MANAGER, "subject": "('price_cut', '0.07')"},
        )
        == check.ignored[0].reason
    )


def test_SOD_4_a_long_subject_is_named_cut_to_one_hundred_and_twenty_characters() -> None:
    old = Approval(MANAGER, "m1", DAY, subject="old")

    def named(subject: str) -> object:
        check = missing_approvals((MANAGER,), [old], "c1", subject=subject)
        return check.ignored[0].reason.param("subject")

    assert "y" * 120 == named("y" * 120)
    assert "y" * 117 + "..." == named("y" * 121)


def test_SOD_2_the_weakest_person_who_qualifies_fills_a_step_and_the_other_is_not_needed() -> None:
    director = Approval(DIRECTOR, "a", DAY)
    manager = Approval(MANAGER, "b", DAY)

    check = missing_approvals((MANAGER,), [director, manager], "c1")

    assert ((MANAGER, manager),) == check.filled
    assert (Reason("SOD-2", "not_needed", {"by": "a", "role": DIRECTOR}),) == tuple(
        item.reason for item in check.ignored
    )


def test_SOD_2_a_person_moves_down_a_step_to_make_room_for_a_stronger_one() -> None:
    director = Approval(DIRECTOR, "a", DAY)
    manager = Approval(MANAGER, "b", DAY)

    check = missing_approvals((SUPERVISOR, MANAGER), [manager, director], "c1")

    assert check.complete
    assert ((SUPERVISOR, manager), (MANAGER, director)) == check.filled


def test_SOD_2_a_second_signature_of_a_filled_step_is_not_needed() -> None:
    outside = missing_approvals(
        (MANAGER, PRINCIPAL_SIGNATORY),
        [
            Approval(MANAGER, "m1", DAY),
            Approval(PRINCIPAL_SIGNATORY, "dev1", DAY),
            Approval(PRINCIPAL_SIGNATORY, "dev2", DAY),
        ],
        "c1",
    )
    ladder = missing_approvals(
        (MANAGER,), [Approval(MANAGER, "m1", DAY), Approval(MANAGER, "m2", DAY)], "c1"
    )

    assert outside.complete
    assert (Reason("SOD-2", "not_needed", {"by": "dev2", "role": PRINCIPAL_SIGNATORY}),) == tuple(
        item.reason for item in outside.ignored
    )
    assert (Reason("SOD-2", "not_needed", {"by": "m2", "role": MANAGER}),) == tuple(
        item.reason for item in ladder.ignored
    )


def test_SOD_3_ignored_ladder_approvals_name_the_step_they_could_not_fill() -> None:
    too_low = missing_approvals((DIRECTOR,), [Approval(MANAGER, "m1", DAY)], "c1")
    not_outside = missing_approvals(
        (MANAGER, DIRECTOR, PRINCIPAL_SIGNATORY),
        [
            Approval(MANAGER, "m1", DAY),
            Approval(DIRECTOR, "d1", DAY),
            Approval(DIRECTOR, "d2", DAY),
        ],
        "c1",
    )

    assert (
        Reason("SOD-3", "role_too_low", {"by": "m1", "role": MANAGER, "needed": DIRECTOR}),
    ) == tuple(item.reason for item in too_low.ignored)
    assert (
        Reason(
            "SOD-3",
            "cannot_stand_in_for_outside",
            {"by": "d2", "role": DIRECTOR, "needed": PRINCIPAL_SIGNATORY},
        ),
    ) == tuple(item.reason for item in not_outside.ignored)
