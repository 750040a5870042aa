"""Roles, ladders, employees and the org chart (ROLE-1..4)."""

from __future__ import annotations

import pytest

from salesdomain import (
    GENERIC_LADDER,
    HOTEL_LADDER,
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Employee,
    InvalidInput,
    OrgChart,
    PolicyError,
    Role,
    RoleLadder,
    UnknownEntity,
    WrongType,
)


def test_ROLE_1_hotel_ladder_runs_from_rep_to_general_manager() -> None:
    assert [r.name_zh for r in HOTEL_LADDER.ladder] == [
        "销售代表",
        "销售主任",
        "销售部经理",
        "总经理",
    ]


def test_ROLE_2_real_estate_ladder_tops_out_at_the_marketing_director() -> None:
    assert [r.name_zh for r in REAL_ESTATE_LADDER.ladder] == [
        "置业顾问",
        "销售主管",
        "销售经理",
        "营销总监",
    ]
    manager = REAL_ESTATE_LADDER.get("sales_manager")
    assert REAL_ESTATE_LADDER.superior_of(manager) == REAL_ESTATE_LADDER.get("marketing_director")


def test_ROLE_3_the_developers_signatory_sits_outside_the_ladder() -> None:
    assert PRINCIPAL_SIGNATORY.outside
    assert REAL_ESTATE_LADDER.outside == (PRINCIPAL_SIGNATORY,)
    assert PRINCIPAL_SIGNATORY not in REAL_ESTATE_LADDER.ladder
    assert not PRINCIPAL_SIGNATORY.outranks(REAL_ESTATE_LADDER.get("property_consultant"))


def test_ROLE_4_generic_ladder_has_salesperson_manager_and_leadership() -> None:
    assert [r.code for r in GENERIC_LADDER.ladder] == [
        "salesperson",
        "sales_manager",
        "general_manager",
    ]


def test_display_names_per_locale() -> None:
    director = REAL_ESTATE_LADDER.get("marketing_director")
    assert (director.display_name("zh_CN"), director.display_name("en")) == (
        "营销总监",
        "marketing director",
    )


def test_unknown_role_code_lists_the_known_ones() -> None:
    with pytest.raises(UnknownEntity, match="role: not a role of this ladder.*sales_manager"):
        HOTEL_LADDER.get("boss")


def test_ladder_with_duplicate_codes_or_equal_ranks_is_refused_with_every_problem() -> None:
    with pytest.raises(PolicyError) as info:
        RoleLadder((Role("a", 1), Role("a", 1), Role("b", 1)))
    assert [key for key, _ in info.value.errors] == [
        "roles[1].code",
        "roles[1].rank",
        "roles[2].rank",
    ]


def test_role_refuses_a_negative_rank() -> None:
    with pytest.raises(InvalidInput, match="rank: must be at least 0"):
        Role("x", -1)


def test_chain_up_to_a_role() -> None:
    rep = HOTEL_LADDER.get("sales_rep")
    manager = HOTEL_LADDER.get("sales_manager")
    assert [r.code for r in HOTEL_LADDER.chain_up(rep, to=manager)] == [
        "sales_supervisor",
        "sales_manager",
    ]


def test_chain_up_from_an_outside_role_is_refused() -> None:
    with pytest.raises(InvalidInput, match="role"):
        REAL_ESTATE_LADDER.chain_up(PRINCIPAL_SIGNATORY)


def _chart() -> tuple[OrgChart, Employee, Employee, Employee]:
    role = REAL_ESTATE_LADDER.get
    director = Employee("d1", "王总监", role("marketing_director"))
    manager = Employee("m1", "李经理", role("sales_manager"))
    consultant = Employee("c1", "张顾问", role("property_consultant"))
    return (
        OrgChart((director, manager, consultant), {"m1": "d1", "c1": "m1"}),
        director,
        manager,
        consultant,
    )


def test_org_chart_superior_and_chain_of_command() -> None:
    chart, director, manager, consultant = _chart()
    assert chart.superior_of(consultant) == manager
    assert chart.superior_of("m1") == director
    assert chart.chain_of_command(consultant) == (manager, director)
    assert chart.subordinates(manager) == (consultant,)


def test_org_chart_refuses_a_superior_who_does_not_outrank_the_subordinate() -> None:
    role = REAL_ESTATE_LADDER.get
    a = Employee("a", "A", role("sales_manager"))
    b = Employee("b", "B", role("property_consultant"))
    with pytest.raises(PolicyError, match=r"reports_to\['a'\].*does not rank above"):
        OrgChart((a, b), {"a": "b"})


def test_org_chart_refuses_unknown_people_and_two_roots() -> None:
    role = REAL_ESTATE_LADDER.get
    a = Employee("a", "A", role("sales_manager"))
    b = Employee("b", "B", role("sales_manager"))
    with pytest.raises(PolicyError) as info:
        OrgChart((a, b), {"x": "a"})
    messages = " ".join(message for _, message in info.value.errors)
    assert "unknown employee 'x'" in messages
    assert "exactly one employee without a superior" in messages


def test_unknown_employee_lookup_raises_unknown_entity() -> None:
    chart, *_ = _chart()
    with pytest.raises(UnknownEntity, match="employee"):
        chart.superior_of("nobody")


def test_employees_compare_by_id() -> None:
    role = REAL_ESTATE_LADDER.get("sales_manager")
    assert Employee("e1", "A", role) == Employee("e1", "B", role)
    assert len({Employee("e1", "A", role), Employee("e1", "B", role)}) == 1


def test_employee_refuses_a_role_given_as_text() -> None:
    with pytest.raises(WrongType, match="role"):
        Employee("e1", "A", "sales_manager")  # type: ignore[arg-type]


def test_employee_refuses_an_empty_name() -> None:
    with pytest.raises(InvalidInput, match="name: must not be empty"):
        Employee("e1", "  ", REAL_ESTATE_LADDER.get("sales_manager"))
