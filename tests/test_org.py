"""Roles, ladders, employees and the org chart (ROLE-1..4)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from salesdomain import (
    GENERIC_LADDER,
    HOTEL_LADDER,
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Employee,
    InvalidInput,
    OrgChart,
    Party,
    PolicyError,
    Role,
    RoleLadder,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.org import _r


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


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value: the messages are asserted whole.


BAD_ORG_INPUTS = [
    pytest.param(
        lambda: Role(1, 1),
        WrongType,
        "code: expected a non-empty str, got int 1",
        id="role_code_wrong_type",
    ),
    pytest.param(
        lambda: Role("Sales Manager", 1),
        InvalidInput,
        "code: must be lower_snake_case letters, digits and _, got 'Sales Manager'",
        id="role_code_not_snake",
    ),
    pytest.param(
        lambda: Role(" ", 1),
        InvalidInput,
        "code: must not be empty, got ' '",
        id="role_code_blank",
    ),
    pytest.param(
        lambda: Role("rep", -1),
        InvalidInput,
        "rank: must be at least 0, got -1",
        id="role_rank_negative",
    ),
    pytest.param(
        lambda: Role("rep", True),
        WrongType,
        "rank: expected an int, got bool True",
        id="role_rank_bool",
    ),
    pytest.param(
        lambda: Role("rep", 1, name_zh=None),
        WrongType,
        "name_zh: expected a str, got NoneType None",
        id="role_name_zh_wrong_type",
    ),
    pytest.param(
        lambda: Role("rep", 1, name_en=5),
        WrongType,
        "name_en: expected a str, got int 5",
        id="role_name_en_wrong_type",
    ),
    pytest.param(
        lambda: Role("rep", 1, party="developer"),
        UnknownEntity,
        "party: expected 'own_company' or 'principal', got 'developer'",
        id="role_party_unknown",
    ),
    pytest.param(
        lambda: Role("rep", 1, party=1),
        WrongType,
        "party: expected a Party, got int 1",
        id="role_party_wrong_type",
    ),
    pytest.param(
        lambda: RoleLadder("rep"),
        WrongType,
        "roles: expected a sequence of Role, got str 'rep'",
        id="ladder_roles_string",
    ),
    pytest.param(
        lambda: RoleLadder(5),
        WrongType,
        "roles: expected a sequence of Role, got int 5",
        id="ladder_roles_not_iterable",
    ),
    pytest.param(
        lambda: RoleLadder((Role("rep", 1), "boss")),
        WrongType,
        "roles[1]: expected a Role, got str 'boss'",
        id="ladder_role_wrong_type",
    ),
    pytest.param(
        lambda: RoleLadder(()),
        PolicyError,
        "roles: a ladder needs at least one role",
        id="ladder_empty",
    ),
    pytest.param(
        lambda: RoleLadder((Role("rep", 1), Role("rep", 2))),
        PolicyError,
        "roles[1].code: duplicate role code 'rep'",
        id="ladder_duplicate_code",
    ),
    pytest.param(
        lambda: RoleLadder((Role("rep", 2), Role("boss", 2))),
        PolicyError,
        "roles[1].rank: ranks must rise strictly along the ladder, got 2",
        id="ladder_rank_not_rising",
    ),
    pytest.param(
        lambda: GENERIC_LADDER.get("ceo"),
        UnknownEntity,
        "role: not a role of this ladder (known: salesperson, sales_manager, general_manager), got 'ceo'",
        id="ladder_get_unknown",
    ),
    pytest.param(
        lambda: GENERIC_LADDER.chain_up(Role("ceo", 9)),
        UnknownEntity,
        "role: not a role of this ladder, got Role(code='ceo', rank=9, name_zh='', name_en='', party=<Party.OWN_COMPANY: 'o...",
        id="chain_up_unknown_role",
    ),
    pytest.param(
        lambda: GENERIC_LADDER.chain_up(GENERIC_LADDER.get("salesperson"), to=Role("ceo", 9)),
        UnknownEntity,
        "role: not a role of this ladder, got Role(code='ceo', rank=9, name_zh='', name_en='', party=<Party.OWN_COMPANY: 'o...",
        id="chain_up_to_unknown_role",
    ),
    pytest.param(
        lambda: REAL_ESTATE_LADDER.chain_up(PRINCIPAL_SIGNATORY),
        InvalidInput,
        "role: an outside signatory has no place on the ladder, got Role(code='principal_signatory', rank=0, name_zh='甲方负责人', name_en=\"developer'...",
        id="chain_up_outside_role",
    ),
    pytest.param(
        lambda: HOTEL_LADDER.superior_of(GENERIC_LADDER.get("salesperson")),
        UnknownEntity,
        "role: not a role of this ladder, got Role(code='salesperson', rank=1, name_zh='销售员', name_en='salesperson', party=...",
        id="superior_of_unknown_role",
    ),
    pytest.param(
        lambda: Employee("", "张三", GENERIC_LADDER.get("salesperson")),
        InvalidInput,
        "id: must not be empty, got ''",
        id="employee_id_blank",
    ),
    pytest.param(
        lambda: Employee("e1", None, GENERIC_LADDER.get("salesperson")),
        WrongType,
        "name: expected a non-empty str, got NoneType None",
        id="employee_name_wrong_type",
    ),
    pytest.param(
        lambda: Employee("e1", "张三", "salesperson"),
        WrongType,
        "role: expected a Role, got str 'salesperson'",
        id="employee_role_text",
    ),
    pytest.param(
        lambda: OrgChart("e1", {}),
        WrongType,
        "employees: expected a sequence of Employee, got str 'e1'",
        id="chart_employees_string",
    ),
    pytest.param(
        lambda: OrgChart(5, {}),
        WrongType,
        "employees: expected a sequence of Employee, got int 5",
        id="chart_employees_not_iterable",
    ),
    pytest.param(
        lambda: OrgChart([Employee("e1", "a", GENERIC_LADDER.get("salesperson")), "e2"], {}),
        WrongType,
        "employees[1]: expected an Employee, got str 'e2'",
        id="chart_employee_wrong_type",
    ),
    pytest.param(
        lambda: OrgChart([], [("e1", "e2")]),
        WrongType,
        "reports_to: expected a mapping of employee id to superior id, got list [('e1', 'e2')]",
        id="chart_reports_to_wrong_type",
    ),
    pytest.param(
        lambda: OrgChart([], {" ": "e2"}),
        InvalidInput,
        "reports_to key: must not be empty, got ' '",
        id="chart_reports_to_key_blank",
    ),
    pytest.param(
        lambda: OrgChart([], {"e1": 2}),
        WrongType,
        "reports_to['e1']: expected a non-empty str, got int 2",
        id="chart_reports_to_boss_wrong_type",
    ),
    pytest.param(
        lambda: OrgChart(
            [
                Employee("e1", "a", GENERIC_LADDER.get("salesperson")),
                Employee("e1", "b", GENERIC_LADDER.get("sales_manager")),
            ],
            {},
        ),
        PolicyError,
        "employees[1].id: duplicate employee id 'e1'; reports_to: expected exactly one employee without a superior, got ['e1', 'e1']",
        id="chart_duplicate_id",
    ),
    pytest.param(
        lambda: OrgChart([Employee("e1", "a", GENERIC_LADDER.get("sales_manager"))], {"e9": "e1"}),
        PolicyError,
        "reports_to['e9']: unknown employee 'e9'",
        id="chart_unknown_employee",
    ),
    pytest.param(
        lambda: OrgChart([Employee("e1", "a", GENERIC_LADDER.get("salesperson"))], {"e1": "e9"}),
        PolicyError,
        "reports_to['e1']: unknown superior 'e9'; reports_to: expected exactly one employee without a superior, got []",
        id="chart_unknown_superior",
    ),
    pytest.param(
        lambda: OrgChart(
            [
                Employee("e1", "a", GENERIC_LADDER.get("salesperson")),
                Employee("e2", "b", GENERIC_LADDER.get("salesperson")),
            ],
            {"e1": "e2"},
        ),
        PolicyError,
        "reports_to['e1']: superior 'e2' (salesperson) does not rank above 'e1' (salesperson)",
        id="chart_superior_same_rank",
    ),
    pytest.param(
        lambda: OrgChart(
            [
                Employee("e1", "a", GENERIC_LADDER.get("salesperson")),
                Employee("e2", "b", GENERIC_LADDER.get("sales_manager")),
            ],
            {},
        ),
        PolicyError,
        "reports_to: expected exactly one employee without a superior, got ['e1', 'e2']",
        id="chart_two_roots",
    ),
    pytest.param(
        lambda: _chart()[0].get("e9"),
        UnknownEntity,
        "employee: not in this org chart, got 'e9'",
        id="chart_get_unknown",
    ),
    pytest.param(
        lambda: _chart()[0].get(["e1"]),
        UnknownEntity,
        "employee: not in this org chart, got ['e1']",
        id="chart_get_unhashable",
    ),
    pytest.param(
        lambda: _chart()[0].superior_of("e9"),
        UnknownEntity,
        "employee: not in this org chart, got 'e9'",
        id="chart_superior_of_unknown",
    ),
    pytest.param(
        lambda: _chart()[0].subordinates("e9"),
        UnknownEntity,
        "employee: not in this org chart, got 'e9'",
        id="chart_subordinates_of_unknown",
    ),
    pytest.param(
        lambda: GENERIC_LADDER.get("salesperson").display_name(1),
        WrongType,
        "locale: expected a locale name such as 'zh_CN' or 'en', got int 1",
        id="display_name_locale_wrong_type",
    ),
    pytest.param(
        lambda: GENERIC_LADDER.get("salesperson").outranks("sales_manager"),
        WrongType,
        "other: expected a Role, got str 'sales_manager'",
        id="outranks_not_a_role",
    ),
    pytest.param(
        lambda: _chart()[0].superior_of(5),
        WrongType,
        "employee: expected an Employee or an employee id, got int 5",
        id="chart_superior_of_wrong_type",
    ),
    pytest.param(
        lambda: _chart()[0].subordinates(None),
        WrongType,
        "employee: expected an Employee or an employee id, got NoneType None",
        id="chart_subordinates_wrong_type",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_ORG_INPUTS)
def test_ROLE_1_to_4_every_bad_org_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


def test_ROLE_3_a_party_may_be_given_by_its_value() -> None:
    assert Party.PRINCIPAL == Role("developer_boss", 0, party="principal").party
    assert Party.OWN_COMPANY == Role("rep", 1, party="own_company").party


def test_display_names_default_to_chinese() -> None:
    manager = REAL_ESTATE_LADDER.get("sales_manager")

    assert "销售经理" == manager.display_name()


def test_ROLE_3_a_role_outranks_an_own_company_role_of_equal_or_lower_rank_only() -> None:
    manager = REAL_ESTATE_LADDER.get("sales_manager")
    director = REAL_ESTATE_LADDER.get("marketing_director")

    assert (True, True, False) == (
        manager.outranks(manager),
        director.outranks(manager),
        manager.outranks(director),
    )
    assert (False, False) == (
        director.outranks(PRINCIPAL_SIGNATORY),
        PRINCIPAL_SIGNATORY.outranks(manager),
    )


def test_a_ladder_contains_its_own_and_outside_roles_only() -> None:
    assert (True, True, False) == (
        REAL_ESTATE_LADDER.get("sales_manager") in REAL_ESTATE_LADDER,
        PRINCIPAL_SIGNATORY in REAL_ESTATE_LADDER,
        HOTEL_LADDER.get("sales_manager") in REAL_ESTATE_LADDER,
    )


def test_the_top_role_has_no_superior() -> None:
    assert GENERIC_LADDER.superior_of(GENERIC_LADDER.get("general_manager")) is None
    assert GENERIC_LADDER.get("general_manager") == GENERIC_LADDER.superior_of(
        GENERIC_LADDER.get("sales_manager")
    )


def test_ready_made_roles_carry_their_names_in_both_languages() -> None:
    assert Role("x", 1, name_zh="甲", name_en="a") == _r("x", 1, "甲", "a")


def test_subordinates_may_be_asked_by_employee_id() -> None:
    chart, _, manager, consultant = _chart()

    assert (manager,) == chart.subordinates("d1")
    assert (consultant,) == chart.subordinates(manager)
    assert () == chart.subordinates("c1")
