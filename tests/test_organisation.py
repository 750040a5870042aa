"""Tests for salesdomain.organisation: ROLE-5..ROLE-12 (with C4, C5, C6, C9, X-2, X-3)."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    GENERIC_LADDER,
    HOTEL_LADDER,
    REAL_ESTATE_LADDER,
    Employee,
    FloatNotAllowed,
    IllegalTransition,
    InvalidInput,
    OrgChart,
    Period,
    PolicyError,
    Rate,
    Role,
    RoleLadder,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.attendance import Leave
from salesdomain.organisation import (
    ACCOUNT_EXECUTIVE,
    BUSINESS_DEVELOPMENT_MANAGER,
    COMPANY,
    DEFAULT_ACCOUNTABILITY,
    ENGLISH_ROLES,
    FRONTLINE_SELLER,
    MANAGER_KPIS,
    REASON_CODES,
    S6_CAPABILITIES,
    SALES_MANAGER,
    SALES_OPERATIONS_SPECIALIST,
    SALES_REPRESENTATIVE,
    SEED_DEPARTMENTS,
    SEED_ROLES,
    TASK_REPORT_TOPIC,
    Accountability,
    Action,
    Department,
    DepartmentRegistry,
    DutyRota,
    Incident,
    OrganisationPolicy,
    RoleCatalogue,
    RotaIssueKind,
    Task,
    TaskState,
    Territory,
    TerritoryMap,
    can,
    check_capability,
    check_rota,
    check_staff_turnover,
    department_manager,
    escalation_target,
    is_overdue,
    liable_parties,
    review_tasks,
    roles_that_can,
    staff_turnover_rate,
)
from salesdomain.pipeline import ACCOUNT_EXECUTIVE as PIPELINE_ACCOUNT_EXECUTIVE

D = dt.date
MON, TUE, WED, THU, FRI, SAT = (D(2026, 3, day) for day in range(2, 8))
RE = REAL_ESTATE_LADDER.get
G = GENERIC_LADDER.get
DEFAULT = OrganisationPolicy()

# The real-estate agency (ROLE-2): the director heads marketing, the sales department
# runs from the manager down to two consultants.
DIRECTOR = Employee("d1", "王总监", RE("marketing_director"), department="marketing")
MANAGER = Employee("m1", "李经理", RE("sales_manager"), department="sales")
SUPERVISOR = Employee("s1", "赵主管", RE("sales_supervisor"), department="sales")
CONSULTANT = Employee("c1", "小陈", RE("property_consultant"), department="sales")
CONSULTANT_2 = Employee("c2", "小周", RE("property_consultant"), department="sales")
CHART = OrgChart(
    (DIRECTOR, MANAGER, SUPERVISOR, CONSULTANT, CONSULTANT_2),
    {"m1": "d1", "s1": "m1", "c1": "s1", "c2": "s1"},
)


def codes(result: object) -> list[str]:
    """The reason codes of ``result``, each checked against the module's REASON_CODES."""
    found = [reason.code for reason in result.reasons]  # type: ignore[attr-defined]
    assert [code for code in found if code not in REASON_CODES] == []
    return found


# ---------------------------------------------------------------------------
# ROLE-5: the English role catalogue and capabilities
# ---------------------------------------------------------------------------
def test_ROLE_5_the_s6_table_gives_each_english_role_its_seed_responsibilities() -> None:
    """ROLE-5: reps identify leads, pitch and close; managers set goals, develop strategy
    and monitor the team; account executives write proposals, negotiate and manage
    accounts; BDMs find opportunities and negotiate; sales ops keep data, reports and
    forecasts (S6.R1-R5)."""
    expected = {
        SALES_REPRESENTATIVE: {Action.IDENTIFY_LEAD, Action.PITCH, Action.CLOSE},
        SALES_MANAGER: {Action.SET_GOALS, Action.DEVELOP_STRATEGY, Action.MONITOR_PERFORMANCE},
        ACCOUNT_EXECUTIVE: {
            Action.DEVELOP_PROPOSAL,
            Action.NEGOTIATE_CONTRACT,
            Action.MANAGE_ACCOUNT,
        },
        BUSINESS_DEVELOPMENT_MANAGER: {Action.IDENTIFY_LEAD, Action.NEGOTIATE_CONTRACT},
        SALES_OPERATIONS_SPECIALIST: {
            Action.MANAGE_SALES_DATA,
            Action.CREATE_REPORT,
            Action.FORECAST,
        },
    }
    actual = {
        role: {action for action in Action if can(role, action, DEFAULT)}
        for role in ENGLISH_ROLES.roles
    }
    assert expected == actual


def test_ROLE_5_the_default_table_is_the_s6_list_for_the_english_catalogue() -> None:
    """ROLE-5: the default capability table covers exactly the five S6 roles."""
    assert S6_CAPABILITIES == DEFAULT.capabilities
    assert sorted(ENGLISH_ROLES.codes) == [code for code, _ in DEFAULT.capabilities]


def test_ROLE_5_the_account_executive_is_the_pipelines_account_executive() -> None:
    """ROLE-5 / PIPE-7: both modules define the same account executive, without importing
    each other."""
    assert PIPELINE_ACCOUNT_EXECUTIVE == ACCOUNT_EXECUTIVE


def test_ROLE_5_a_role_may_be_named_by_its_code() -> None:
    """ROLE-5: the table is keyed by role code, so a code works as well as the Role."""
    assert can("account_executive", "negotiate_contract", DEFAULT) is True
    assert can("sales_representative", Action.FORECAST, DEFAULT) is False


def test_ROLE_5_an_unknown_role_raises_unknown_entity_naming_the_role() -> None:
    """ROLE-5: a role without an entry in the table is UnknownEntity, never a silent False."""
    with pytest.raises(UnknownEntity, match="role: has no entry.*'property_consultant'"):
        can(RE("property_consultant"), Action.PITCH, DEFAULT)


def test_ROLE_5_an_unknown_action_raises_unknown_entity_naming_the_action() -> None:
    """ROLE-5: actions outside the Action list are refused."""
    with pytest.raises(UnknownEntity, match="action: expected one of .*'sing'"):
        can(SALES_MANAGER, "sing", DEFAULT)
    with pytest.raises(WrongType, match="action"):
        can(SALES_MANAGER, None, DEFAULT)  # type: ignore[arg-type]


def test_ROLE_5_nobody_drafts_contracts_or_sets_price_policy_by_default() -> None:
    """ROLE-5 with C6 and C9: S6 says nothing about either, so a company must grant them."""
    assert () == roles_that_can(Action.DRAFT_CONTRACT, DEFAULT)
    assert () == roles_that_can(Action.SET_PRICE_POLICY, DEFAULT)


def test_ROLE_5_a_company_grants_contract_drafting_and_price_setting_per_role() -> None:
    """ROLE-5 with C9 (salespeople draft, S5) and C6 (the hotel manager sets segment
    prices, S4.M6): the table is configuration, keyed by ladder roles too."""
    hotel = OrganisationPolicy(
        capabilities={
            HOTEL_LADDER.get("sales_rep"): FRONTLINE_SELLER | {Action.DRAFT_CONTRACT},
            HOTEL_LADDER.get("sales_manager"): {Action.SET_GOALS, Action.SET_PRICE_POLICY},
        }
    )
    assert can(HOTEL_LADDER.get("sales_rep"), Action.DRAFT_CONTRACT, hotel) is True
    assert can(HOTEL_LADDER.get("sales_manager"), Action.SET_PRICE_POLICY, hotel) is True
    assert can(HOTEL_LADDER.get("sales_manager"), Action.DRAFT_CONTRACT, hotel) is False
    assert ("sales_manager",) == roles_that_can("set_price_policy", hotel)


def test_ROLE_5_front_line_aliases_share_one_capability_set() -> None:
    """ROLE-5 with C5: 销售代表, 销售员 and 置业顾问 map to one FRONTLINE_SELLER set."""
    aliases = [HOTEL_LADDER.get("sales_rep"), G("salesperson"), RE("property_consultant")]
    policy = OrganisationPolicy(capabilities=[(role, FRONTLINE_SELLER) for role in aliases])
    actual = {role.code: policy.actions_of(role) for role in aliases}
    assert {role.code: FRONTLINE_SELLER for role in aliases} == actual


def test_ROLE_5_check_capability_returns_the_verdict_with_its_reason() -> None:
    """ROLE-5: the decision form, for rules that take a Decision (CONTRACT-9)."""
    yes = check_capability(ACCOUNT_EXECUTIVE, Action.NEGOTIATE_CONTRACT, DEFAULT)
    no = check_capability("sales_operations_specialist", "close", DEFAULT)
    assert (Verdict.ALLOWED, ["role_has_capability"]) == (yes.verdict, codes(yes))
    assert (Verdict.REJECTED, ["role_lacks_capability"]) == (no.verdict, codes(no))
    assert {"role": "account_executive", "action": "negotiate_contract"} == (
        yes.to_dict()["reasons"][0]["params"]  # type: ignore[index,call-overload]
    )
    assert "sales_operations_specialist" == no.reasons[0].param("role")


def test_ROLE_5_a_role_listed_twice_in_the_table_is_a_policy_error() -> None:
    """ROLE-5: a role code listed twice (here once as a Role, once as a code) is refused."""
    with pytest.raises(PolicyError, match=r"capabilities\['sales_manager'\]"):
        OrganisationPolicy(
            capabilities=[(SALES_MANAGER, {Action.SET_GOALS}), ("sales_manager", set())]
        )


def test_ROLE_5_bad_entries_in_the_table_name_the_field_and_the_value() -> None:
    """ROLE-5: unknown actions, a bare Action and bad role codes are refused at construction."""
    with pytest.raises(UnknownEntity, match=r"capabilities\['sales_manager'\].*'fly'"):
        OrganisationPolicy(capabilities={"sales_manager": ["fly"]})
    with pytest.raises(WrongType, match=r"capabilities\['sales_manager'\].*not a single"):
        OrganisationPolicy(capabilities={"sales_manager": Action.PITCH})
    with pytest.raises(InvalidInput, match=r"capabilities\[0\].*'Sales Manager'"):
        OrganisationPolicy(capabilities={"Sales Manager": ["pitch"]})
    with pytest.raises(WrongType, match="capabilities"):
        OrganisationPolicy(capabilities="sales_manager")


_TABLES = st.dictionaries(
    st.sampled_from(["a_role", "b_role", "c_role"]),
    st.frozensets(st.sampled_from(list(Action))),
    min_size=1,
)


@given(
    table=_TABLES,
    extra=st.frozensets(st.sampled_from(list(Action))),
    action=st.sampled_from(list(Action)),
)
def test_ROLE_5_can_is_monotonic_under_adding_capabilities(
    table: dict[str, frozenset[Action]], extra: frozenset[Action], action: Action
) -> None:
    """ROLE-5: granting more actions never takes an action away from any role."""
    before = OrganisationPolicy(capabilities=table)
    after = OrganisationPolicy(capabilities={code: acts | extra for code, acts in table.items()})
    for code in table:
        if can(code, action, before):
            assert can(code, action, after) is True
        assert can(code, action, after) == (action in table[code] or action in extra)


@given(table=_TABLES, action=st.sampled_from(list(Action)))
def test_ROLE_5_roles_that_can_agrees_with_can(
    table: dict[str, frozenset[Action]], action: Action
) -> None:
    """ROLE-5: the reverse lookup lists exactly the roles for which can() is true."""
    policy = OrganisationPolicy(capabilities=table)
    expected = tuple(sorted(code for code in table if can(code, action, policy)))
    assert expected == roles_that_can(action, policy)


# ---------------------------------------------------------------------------
# ROLE-6: joint liability
# ---------------------------------------------------------------------------
def test_ROLE_6_the_manager_is_jointly_liable_for_a_consultants_incident() -> None:
    """ROLE-6: 对本部门各员工出现的所有问题负有连带责任: the consultant and the manager of
    the sales department, not the supervisor in between nor the director above."""
    incident = Incident("INC-1", employee="c1", occurred_on=MON)
    assert frozenset({"c1", "m1"}) == liable_parties(incident, CHART)


def test_ROLE_6_the_managers_own_incident_makes_the_manager_alone_liable() -> None:
    """ROLE-6: the manager heads the department, so the set holds the manager once."""
    incident = Incident("INC-2", employee=MANAGER, occurred_on=MON)
    assert frozenset({"m1"}) == liable_parties(incident, CHART)


def test_ROLE_6_the_department_manager_is_the_highest_member_above_the_employee() -> None:
    """ROLE-6: when the director is put in the sales department too, the director heads it."""
    director = Employee("d1", "王总监", RE("marketing_director"), department="sales")
    chart = OrgChart((director, MANAGER, CONSULTANT), {"m1": "d1", "c1": "m1"})
    assert "d1" == department_manager("c1", chart).id
    assert "m1" == department_manager("c1", CHART).id


def test_ROLE_6_an_incident_without_an_employee_raises_invalid_input() -> None:
    """ROLE-6: nobody named, nobody liable: bad input, not an empty set."""
    with pytest.raises(InvalidInput, match=r"incident\.employee: an incident without"):
        liable_parties(Incident("INC-3", employee=None, occurred_on=MON), CHART)


def test_ROLE_6_an_employee_without_a_department_raises_invalid_input() -> None:
    """ROLE-6: with no department there is no department manager to answer."""
    gm = Employee("gm", "总经理", G("general_manager"))
    seller = Employee("s9", "小王", G("salesperson"))
    chart = OrgChart((gm, seller), {"s9": "gm"})
    with pytest.raises(InvalidInput, match="department: employee 's9' belongs to no department"):
        liable_parties(Incident("INC-4", employee="s9", occurred_on=MON), chart)


def test_ROLE_6_an_employee_outside_the_chart_raises_unknown_entity() -> None:
    """ROLE-6: the incident's employee must be in the chart."""
    with pytest.raises(UnknownEntity, match="employee: not in this org chart, got 'x9'"):
        liable_parties(Incident("INC-5", employee="x9", occurred_on=MON), CHART)
    with pytest.raises(WrongType, match="incident"):
        liable_parties("INC-5", CHART)  # type: ignore[arg-type]


@st.composite
def _charts(draw: st.DrawFn) -> OrgChart:
    """A random tree of up to 8 people under one root, each in one of 2 departments or none.

    Ranks fall with the depth in the tree, as the org chart requires."""
    size = draw(st.integers(1, 8))
    bosses = {i: draw(st.integers(0, i - 1)) for i in range(1, size)}
    depth = {0: 0}
    for i in range(1, size):
        depth[i] = depth[bosses[i]] + 1
    people = [
        Employee(
            f"e{i}",
            f"员工{i}",
            Role(f"level_{depth[i]}", 100 - depth[i]),
            department=draw(st.sampled_from(["sales", "finance", None])),
        )
        for i in range(size)
    ]
    return OrgChart(people, {f"e{i}": f"e{boss}" for i, boss in bosses.items()})


@given(chart=_charts(), pick=st.integers(0, 7))
def test_ROLE_6_liability_always_includes_the_employee_and_at_most_one_superior(
    chart: OrgChart, pick: int
) -> None:
    """ROLE-6: the employee is always liable; the only other party is a superior of the
    same department."""
    person = chart.employees[pick % len(chart.employees)]
    incident = Incident("INC", employee=person.id, occurred_on=MON)
    if person.department is None:
        with pytest.raises(InvalidInput, match="department"):
            liable_parties(incident, chart)
        return
    parties = liable_parties(incident, chart)
    assert person.id in parties
    assert len(parties) <= 2
    chain = {boss.id: boss for boss in chart.chain_of_command(person)}
    for other in parties - {person.id}:
        assert other in chain
        assert person.department == chain[other].department


# ---------------------------------------------------------------------------
# ROLE-7: accountability
# ---------------------------------------------------------------------------
def test_ROLE_7_the_sales_manager_owns_the_five_seed_accountabilities() -> None:
    """ROLE-7: target, collection rate, rule compliance, training and equipment (S7.M1-M5)."""
    owners = {kpi: DEFAULT_ACCOUNTABILITY.owner_of("sales", kpi) for kpi in MANAGER_KPIS}
    assert {kpi: G("sales_manager") for kpi in MANAGER_KPIS} == owners
    assert "销售部经理" == owners["collection_rate"].name_zh
    assert DEFAULT_ACCOUNTABILITY == DEFAULT.accountability


def test_ROLE_7_a_kpi_with_several_owners_is_a_policy_error_naming_them() -> None:
    """ROLE-7: exactly one owner per KPI: two owners are refused, every clash reported."""
    manager, gm = G("sales_manager"), G("general_manager")
    with pytest.raises(PolicyError) as caught:
        Accountability(
            [
                ("sales", "sales_target", manager),
                ("sales", "sales_target", gm),
                ("sales", "collection_rate", manager),
                ("sales", "collection_rate", manager),
            ]
        )
    assert [
        (
            "entries['sales', 'sales_target']",
            "a KPI has exactly one owner, got 2: sales_manager, general_manager",
        ),
        (
            "entries['sales', 'collection_rate']",
            "a KPI has exactly one owner, got 2: sales_manager, sales_manager",
        ),
    ] == list(caught.value.errors)


def test_ROLE_7_a_required_kpi_without_an_owner_is_a_policy_error() -> None:
    """ROLE-7: zero owners for a required KPI are refused too."""
    manager = G("sales_manager")
    with pytest.raises(PolicyError, match=r"entries\['sales', 'staff_training'\]: a required KPI"):
        Accountability(
            {("sales", "sales_target"): manager}, required_kpis=("sales_target", "staff_training")
        )


def test_ROLE_7_asking_for_an_unowned_kpi_names_it() -> None:
    """ROLE-7: owner_of never guesses: an unowned KPI is a PolicyError."""
    with pytest.raises(PolicyError, match="accountability: no role owns KPI 'market_share'"):
        DEFAULT_ACCOUNTABILITY.owner_of("sales", "market_share")
    with pytest.raises(InvalidInput, match="kpi"):
        DEFAULT_ACCOUNTABILITY.owner_of("sales", "Market Share")


def test_ROLE_7_a_company_configures_its_own_registry() -> None:
    """ROLE-7: per department; owned_by lists what a role answers for (TRAIN-4)."""
    director, manager = RE("marketing_director"), RE("sales_manager")
    registry = Accountability(
        [
            ("sales", "sales_target", manager),
            ("sales", "staff_training", manager),
            ("marketing", "market_share", director),
        ]
    )
    policy = OrganisationPolicy(accountability=registry.entries)
    assert director == policy.accountability.owner_of("marketing", "market_share")
    assert (("sales", "sales_target"), ("sales", "staff_training")) == registry.owned_by(manager)
    assert ("marketing", "sales") == registry.departments


def test_ROLE_7_bad_registry_entries_name_the_field() -> None:
    """ROLE-7: the owner must be a Role, the entries triples."""
    with pytest.raises(WrongType, match=r"entries\[0\]\.owner"):
        Accountability([("sales", "sales_target", "sales_manager")])
    with pytest.raises(WrongType, match=r"entries\[0\]"):
        Accountability([("sales", "sales_target")])
    with pytest.raises(WrongType, match="accountability"):
        OrganisationPolicy(accountability="sales_manager")


# ---------------------------------------------------------------------------
# ROLE-8: territories
# ---------------------------------------------------------------------------
EAST = Territory("east", name_zh="华东区", manager="m1")
WEST = Territory("west", name_zh="华西区", manager="m2")
TMAP = TerritoryMap((EAST, WEST), {"C-1": "east", "C-2": "west", "HT-1": "east", "HT-2": "west"})


def test_ROLE_8_each_customer_and_deal_belongs_to_its_region() -> None:
    """ROLE-8: 负责本区域内销售及回款工作: each id maps to exactly one region and manager."""
    assert (EAST, WEST) == (TMAP.region_of("C-1"), TMAP.region_of("HT-2"))
    assert "m1" == TMAP.manager_of("HT-1")
    assert ("C-1", "HT-1") == TMAP.subjects_in("east")


def test_ROLE_8_a_deal_in_two_regions_is_refused() -> None:
    """ROLE-8: every clash is reported; the same pair twice is one region, not two."""
    with pytest.raises(PolicyError) as caught:
        TerritoryMap((EAST, WEST), [("HT-1", "east"), ("HT-1", "west"), ("C-1", "east")])
    assert (("assignments['HT-1']", "is in 2 regions (east, west), not one"),) == (
        caught.value.errors
    )
    twice = TerritoryMap((EAST,), [("HT-1", "east"), ("HT-1", "east")])
    assert (("HT-1", "east"),) == twice.assignments


def test_ROLE_8_a_deal_without_a_region_raises_invalid_input() -> None:
    """ROLE-8: an unassigned deal is bad input, named by its id."""
    with pytest.raises(InvalidInput, match="subject: has no region.*'HT-9'"):
        TMAP.region_of("HT-9")


def test_ROLE_8_regions_must_be_known_and_unique() -> None:
    """ROLE-8: an assignment to an unknown region and duplicate region codes are refused."""
    with pytest.raises(PolicyError, match=r"assignments\['C-1'\]: unknown region 'north'"):
        TerritoryMap((EAST,), {"C-1": "north"})
    with pytest.raises(PolicyError, match=r"territories\[1\]\.code: duplicate region code"):
        TerritoryMap((EAST, Territory("east")), {})
    with pytest.raises(UnknownEntity, match="region: not a region of this map.*'north'"):
        TMAP.subjects_in("north")


def test_ROLE_8_sales_and_receivables_are_filtered_by_region() -> None:
    """ROLE-8: records are filtered through a key giving their customer or deal id."""
    receivables = [("R-1", "C-2"), ("R-2", "C-1"), ("R-3", "C-1")]
    east = TMAP.in_region(receivables, "east", key=lambda r: r[1])
    assert [("R-2", "C-1"), ("R-3", "C-1")] == list(east)
    assert {"east": ("HT-1",), "west": ("HT-2",)} == TMAP.by_region(["HT-1", "HT-2"])


def test_ROLE_8_filtering_a_record_without_a_region_raises_naming_its_position() -> None:
    """ROLE-8: a deal without a region is never silently dropped from a regional report."""
    with pytest.raises(InvalidInput, match=r"items\[1\]: has no region.*'HT-9'"):
        TMAP.by_region(["HT-1", "HT-9"])


@given(picks=st.lists(st.sampled_from(["C-1", "C-2", "HT-1", "HT-2"]), max_size=12))
def test_ROLE_8_grouping_by_region_puts_every_item_in_exactly_one_region(
    picks: list[str],
) -> None:
    """ROLE-8: the regional groups partition the items, order kept."""
    groups = TMAP.by_region(picks)
    assert sorted(picks) == sorted(item for group in groups.values() for item in group)
    for region, group in groups.items():
        assert list(group) == [p for p in picks if TMAP.region_of(p).code == region]
        assert group == TMAP.in_region(picks, region)


# ---------------------------------------------------------------------------
# ROLE-9: the duty rota
# ---------------------------------------------------------------------------
WEEK = [MON, TUE, WED, THU, FRI]


def test_ROLE_9_a_rota_with_someone_on_every_working_day_is_complete() -> None:
    """ROLE-9: 安排好轮值工作人员: one duty consultant per working day by default."""
    rota = DutyRota({day: ["c1" if day.day % 2 else "c2"] for day in WEEK})
    check = check_rota(rota, WEEK, [], DEFAULT)
    assert (Verdict.ALLOWED, ["rota_complete"]) == (check.verdict, codes(check))
    assert 5 == check.reasons[0].param("days")


def test_ROLE_9_a_working_day_without_enough_staff_is_understaffed() -> None:
    """ROLE-9: min_duty_staff is per working day; a working day missing from the rota
    has nobody on duty; a non-working day needs nobody."""
    rota = DutyRota({MON: ["c1", "c2"], TUE: ["c1"], SAT: ["c2"]})
    check = check_rota(rota, [MON, TUE, WED], [], OrganisationPolicy(min_duty_staff=2))
    assert Verdict.REJECTED == check.verdict
    assert (TUE, WED) == check.understaffed
    assert [
        {"day": TUE, "available": 1, "required": 2},
        {"day": WED, "available": 0, "required": 2},
    ] == [dict(reason.params) for reason in check.reasons]
    assert ["rota_understaffed", "rota_understaffed"] == codes(check)


def test_ROLE_9_nobody_on_approved_leave_may_be_rostered() -> None:
    """ROLE-9 with ATT-9: someone rostered while on leave is an issue, and does not count
    towards the day's staff."""
    rota = DutyRota({MON: ["c1", "c2"], TUE: [CONSULTANT]})
    leave = Leave("c1", Decimal("2"), start=MON, end=TUE)  # the attendance module's Leave
    check = check_rota(rota, [MON, TUE], [leave], DEFAULT)
    assert ((MON, "c1"), (TUE, "c1")) == check.staff_on_leave
    assert (TUE,) == check.understaffed
    assert ["rota_staff_on_leave", "rota_staff_on_leave", "rota_understaffed"] == codes(check)
    assert [RotaIssueKind.ON_LEAVE, RotaIssueKind.ON_LEAVE, RotaIssueKind.UNDERSTAFFED] == [
        issue.kind for issue in check.issues
    ]


def test_ROLE_9_leave_clashes_count_on_non_working_days_too() -> None:
    """ROLE-9: a Saturday duty of someone on leave is still a clash, but Saturday needs
    no minimum staff when it is not a working day."""
    rota = DutyRota([(SAT, ["c2"]), (MON, ["c1"])])
    check = check_rota(rota, [MON], [("c2", Period(FRI, SAT))], DEFAULT)
    assert ((SAT, "c2"),) == check.staff_on_leave
    assert () == check.understaffed


def test_ROLE_9_the_rota_result_turns_into_plain_data() -> None:
    """ROLE-9: the decision serialises with its issues."""
    check = check_rota(DutyRota({}), [MON], [], DEFAULT)
    data = json.loads(json.dumps(check.to_dict()))
    assert [{"day": "2026-03-02", "kind": "understaffed", "employee": None}] == data["issues"]


def test_ROLE_9_bad_rota_inputs_name_the_field_and_the_value() -> None:
    """ROLE-9: a day twice, a string day, a bad leave and a zero minimum are refused."""
    with pytest.raises(InvalidInput, match=r"days\[1\]: the day is listed twice"):
        DutyRota([(MON, ["c1"]), (MON, ["c2"])])
    with pytest.raises(WrongType, match=r"days\[2026-03-02\]"):
        DutyRota({MON: "c1"})
    with pytest.raises(WrongType, match=r"leaves\[0\]: expected an \(employee id, Period\)"):
        check_rota(DutyRota({}), [MON], ["c1"], DEFAULT)
    with pytest.raises(WrongType, match=r"working_days\[0\]"):
        check_rota(DutyRota({}), ["2026-03-02"], [], DEFAULT)  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match="min_duty_staff: must be at least 1, got 0"):
        OrganisationPolicy(min_duty_staff=0)


_PEOPLE = ["c1", "c2", "c3"]
_DAYS = [MON + dt.timedelta(days=i) for i in range(10)]


@given(
    rostered=st.dictionaries(st.sampled_from(_DAYS), st.frozensets(st.sampled_from(_PEOPLE))),
    working=st.frozensets(st.sampled_from(_DAYS)),
    leaves=st.lists(
        st.tuples(st.sampled_from(_PEOPLE), st.sampled_from(_DAYS), st.integers(0, 3)),
        max_size=4,
    ),
    minimum=st.integers(1, 3),
)
def test_ROLE_9_the_check_lists_every_understaffed_day_exactly_once(
    rostered: dict[dt.date, frozenset[str]],
    working: frozenset[dt.date],
    leaves: list[tuple[str, dt.date, int]],
    minimum: int,
) -> None:
    """ROLE-9: understaffed days are exactly the working days with fewer than the minimum
    available (rostered and not on leave), each once, and every leave clash is listed."""
    spans = [(who, Period(start, start + dt.timedelta(days=n))) for who, start, n in leaves]
    check = check_rota(
        DutyRota(rostered), sorted(working), spans, OrganisationPolicy(min_duty_staff=minimum)
    )

    def away(who: str, day: dt.date) -> bool:
        return any(w == who and day in p for w, p in spans)

    expected_short = sorted(
        day
        for day in working
        if sum(1 for who in rostered.get(day, ()) if not away(who, day)) < minimum
    )
    expected_clashes = sorted(
        (day, who) for day, people in rostered.items() for who in people if away(who, day)
    )
    assert tuple(expected_short) == check.understaffed
    assert tuple(expected_clashes) == check.staff_on_leave
    assert check.allowed == (not expected_short and not expected_clashes)
    codes(check)


# ---------------------------------------------------------------------------
# ROLE-10: tasks
# ---------------------------------------------------------------------------
REPORTING = OrganisationPolicy(task_report_required=True)


def _task(assignee: str = "m1", assigner: str = COMPANY, due: dt.date = WED) -> Task:
    return Task.assign(
        "T-1", assignee=assignee, assigner=assigner, assigned_on=MON, due=due, org_chart=CHART
    )


def test_ROLE_10_the_company_or_any_superior_may_assign_a_task() -> None:
    """ROLE-10: 接受公司和营销总监下达的各项工作任务; 上级领导分派的各项工作."""
    by_company = _task("m1", COMPANY)
    by_director = _task("c1", "d1")
    by_supervisor = _task("c1", SUPERVISOR)  # type: ignore[arg-type]
    assert ("company", "d1", "s1") == (
        by_company.assigner,
        by_director.assigner,
        by_supervisor.assigner,
    )
    assert TaskState.ASSIGNED == by_director.state


def test_ROLE_10_a_peer_or_a_subordinate_cannot_assign_a_task() -> None:
    """ROLE-10: the assigner must be an ancestor of the assignee in the org chart."""
    with pytest.raises(IllegalTransition, match="assigner 'c2' is not above assignee 'c1'"):
        _task("c1", "c2")
    with pytest.raises(IllegalTransition, match="assigner 'c1' is not above assignee 'm1'"):
        _task("m1", "c1")


def test_ROLE_10_assigner_and_assignee_must_be_in_the_chart() -> None:
    """ROLE-10: unknown people are named by their field."""
    with pytest.raises(UnknownEntity, match="assigner: not in this org chart, got 'x1'"):
        _task("c1", "x1")
    with pytest.raises(UnknownEntity, match="assignee: not in this org chart, got 'x2'"):
        _task("x2", "d1")


def test_ROLE_10_the_manager_reports_completion_to_the_marketing_director() -> None:
    """ROLE-10: 及时将完成情况上报营销总监: ASSIGNED -> DONE -> REPORTED, recording when and
    to whom; the original task is unchanged."""
    task = _task("m1", COMPANY)
    done = task.complete(TUE)
    reported = done.report(WED, org_chart=CHART, policy=REPORTING)
    assert (TaskState.ASSIGNED, TaskState.DONE, TaskState.REPORTED) == (
        task.state,
        done.state,
        reported.state,
    )
    assert (TUE, WED, "d1") == (reported.done_on, reported.reported_on, reported.reported_to)


def test_ROLE_10_the_report_goes_to_the_configured_role_for_the_task_report_topic() -> None:
    """ROLE-10 with C4: a consultant's report goes to the supervisor by default (X-3), to
    the 营销总监 when TASK_REPORT escalates there."""
    done = _task("c1", "m1").complete(TUE)
    assert "s1" == done.report(TUE, org_chart=CHART, policy=REPORTING).reported_to
    to_director = OrganisationPolicy(
        task_report_required=True, escalation_targets={TASK_REPORT_TOPIC: "marketing_director"}
    )
    assert "d1" == done.report(TUE, org_chart=CHART, policy=to_director).reported_to


def test_ROLE_10_no_report_step_where_the_policy_requires_none() -> None:
    """ROLE-10: REPORTED exists only where the policy requires a completion report."""
    done = _task().complete(TUE)
    with pytest.raises(IllegalTransition, match="cannot report in state 'done'.*requires no"):
        done.report(TUE, org_chart=CHART, policy=DEFAULT)


def test_ROLE_10_illegal_transitions_raise() -> None:
    """ROLE-10: no report before done, no second completion, no second report."""
    task = _task()
    with pytest.raises(IllegalTransition, match="cannot report in state 'assigned'"):
        task.report(TUE, org_chart=CHART, policy=REPORTING)
    done = task.complete(TUE)
    with pytest.raises(IllegalTransition, match="cannot complete in state 'done'"):
        done.complete(WED)
    reported = done.report(TUE, org_chart=CHART, policy=REPORTING)
    with pytest.raises(IllegalTransition, match="cannot report in state 'reported'"):
        reported.report(WED, org_chart=CHART, policy=REPORTING)


def test_ROLE_10_dates_must_follow_each_other() -> None:
    """ROLE-10: done before assigned or reported before done is bad input."""
    task = _task()
    with pytest.raises(InvalidInput, match="on: is before the task was assigned"):
        task.complete(MON - dt.timedelta(days=1))
    with pytest.raises(InvalidInput, match="on: is before the task was done"):
        task.complete(WED).report(TUE, org_chart=CHART, policy=REPORTING)


def test_ROLE_10_a_restored_task_must_agree_with_its_state() -> None:
    """ROLE-10: the constructor refuses a REPORTED task without done_on, and the like."""
    base = {"assigner": "company", "assigned_on": MON, "due": WED}
    with pytest.raises(InvalidInput, match="done_on: is required in state 'reported'"):
        Task("T", "m1", state="reported", reported_on=TUE, reported_to="d1", **base)
    with pytest.raises(InvalidInput, match="reported_on: must not be before done_on"):
        Task(
            "T",
            "m1",
            state="reported",
            done_on=WED,
            reported_on=TUE,
            reported_to="d1",
            **base,
        )
    with pytest.raises(InvalidInput, match="done_on: must be None in state 'assigned'"):
        Task("T", "m1", done_on=TUE, **base)
    with pytest.raises(InvalidInput, match="assigner: cannot assign a task to themselves"):
        Task("T", "m1", assigner="m1", assigned_on=MON, due=WED)
    with pytest.raises(UnknownEntity, match="state: expected one of"):
        Task("T", "m1", state="lost", **base)


def test_ROLE_10_a_task_is_overdue_only_after_its_due_day_while_unfinished() -> None:
    """ROLE-10: 按时完成: the due day itself is on time; a task done by as_of is not overdue."""
    task = _task(due=WED)
    assert [False, False, True] == [is_overdue(task, day) for day in (TUE, WED, THU)]
    done_late = task.complete(FRI)
    assert [True, False] == [is_overdue(done_late, day) for day in (THU, FRI)]


def test_ROLE_10_the_review_lists_overdue_late_and_unreported_tasks() -> None:
    """ROLE-10: each problem once, with the ids; tasks assigned after as_of are ignored."""

    def make(task_id: str, **kw: object) -> Task:
        values: dict[str, object] = {"assigner": "company", "assigned_on": MON, "due": TUE}
        values.update(kw)
        return Task(task_id, "m1", **values)

    tasks = [
        make("T-open"),
        make("T-late", state="done", done_on=WED),
        make("T-ok", state="reported", done_on=TUE, reported_on=TUE, reported_to="d1"),
        make("T-unreported", state="done", done_on=MON),
        make("T-future", assigned_on=FRI, due=FRI),
    ]
    review = review_tasks(tasks, THU, REPORTING)
    assert (("T-open",), ("T-late",), ("T-late", "T-unreported")) == (
        review.overdue,
        review.late,
        review.unreported,
    )
    assert [
        "task_overdue",
        "task_completed_late",
        "task_completion_not_reported",
        "task_completion_not_reported",
    ] == codes(review)
    assert Verdict.REJECTED == review.verdict


def test_ROLE_10_tasks_done_on_time_and_reported_are_in_order() -> None:
    """ROLE-10: reporting on the day of completion is in time; no report needed by default."""
    done_today = _task().complete(TUE)
    assert ["tasks_in_order"] == codes(review_tasks([done_today], TUE, REPORTING))
    quiet = review_tasks([done_today], FRI, DEFAULT)
    assert (Verdict.ALLOWED, 1) == (quiet.verdict, quiet.reasons[0].param("tasks"))


@given(steps=st.lists(st.sampled_from(["complete", "report"]), max_size=6), required=st.booleans())
def test_ROLE_10_a_task_can_never_be_reported_before_it_is_done(
    steps: list[str], required: bool
) -> None:
    """ROLE-10: whatever order the steps are tried in, REPORTED only follows DONE."""
    policy = OrganisationPolicy(task_report_required=required)
    task = _task()
    history = [task.state]
    for step in steps:
        before = task.state
        try:
            if step == "complete":
                task = task.complete(TUE)
            else:
                task = task.report(WED, org_chart=CHART, policy=policy)
        except IllegalTransition:
            assert task.state is before
            continue
        history.append(task.state)
    assert history == sorted(history, key=list(TaskState).index)
    if task.state is TaskState.REPORTED:
        assert required
        assert TaskState.DONE in history
        assert task.done_on is not None
        assert task.reported_on is not None
        assert task.done_on <= task.reported_on


@given(offset=st.integers(-3, 10), done=st.one_of(st.none(), st.integers(0, 10)))
def test_ROLE_10_overdue_never_returns_once_the_task_is_done(offset: int, done: int | None) -> None:
    """ROLE-10: overdue exactly when as_of is past due and the task is unfinished by then."""
    task = _task(due=WED)
    if done is not None:
        task = task.complete(MON + dt.timedelta(days=done))
    as_of = MON + dt.timedelta(days=offset)
    finished = task.done_on is not None and task.done_on <= as_of
    assert (as_of > WED and not finished) == is_overdue(task, as_of)


# ---------------------------------------------------------------------------
# Escalation (C4, X-3)
# ---------------------------------------------------------------------------
def test_C4_escalation_goes_to_the_direct_superior_unless_configured() -> None:
    """C4 / X-3 (used by QUOTE-2): the direct superior by default; a configured role per
    topic; topics are case-insensitive."""
    assert "m1" == escalation_target("QUOTE_MAJOR", "s1", CHART, DEFAULT).id
    policy = OrganisationPolicy(escalation_targets={"quote_major": RE("marketing_director")})
    assert (("QUOTE_MAJOR", "marketing_director"),) == policy.escalation_targets
    assert "d1" == escalation_target("Quote_Major", "c1", CHART, policy).id
    assert "s1" == escalation_target("LEAVE", CONSULTANT, CHART, policy).id


def test_C4_escalation_errors_name_the_field_and_the_value() -> None:
    """C4 / X-3: the top has nobody to escalate to; a role nobody above holds is refused."""
    with pytest.raises(InvalidInput, match="employee: has no superior to escalate 'LEAVE'"):
        escalation_target("LEAVE", "d1", CHART, DEFAULT)
    policy = OrganisationPolicy(escalation_targets={"LEAVE": "general_manager"})
    with pytest.raises(UnknownEntity, match=r"escalation_targets\['LEAVE'\]: no superior"):
        escalation_target("LEAVE", "c1", CHART, policy)
    with pytest.raises(InvalidInput, match=r"escalation_targets\[0\]: a topic is UPPER_SNAKE"):
        OrganisationPolicy(escalation_targets={"quote major": "marketing_director"})
    with pytest.raises(PolicyError, match=r"escalation_targets\['LEAVE'\]: topic 'LEAVE'"):
        OrganisationPolicy(escalation_targets=[("leave", "a"), ("LEAVE", "b")])


# ---------------------------------------------------------------------------
# ROLE-11: departments and other roles
# ---------------------------------------------------------------------------
def test_ROLE_11_the_seed_departments_are_registered_with_their_chinese_names() -> None:
    """ROLE-11: 财务部, 行政部, 管理部, 市场部门, 客户服务, 技术部, 采购部, 生产, 研发部门,
    物流部门, 工程部, 项目策划专案, 外协单位 (and the sales department itself)."""
    names = [department.name_zh for department in SEED_DEPARTMENTS.departments]
    assert [
        "销售部",
        "财务部",
        "行政部",
        "管理部",
        "市场部门",
        "客户服务",
        "技术部",
        "采购部",
        "生产",
        "研发部门",
        "物流部门",
        "工程部",
        "项目策划专案",
        "外协单位",
    ] == names
    assert "finance" in SEED_DEPARTMENTS
    assert "行政部" == SEED_DEPARTMENTS.get("administration").display_name("zh_CN")


def test_ROLE_11_the_engineering_department_is_the_developers() -> None:
    """ROLE-11 with X-2: 工程部 belongs to the developer, as do the external partners."""
    outside = [d.code for d in SEED_DEPARTMENTS.departments if d.outside]
    assert ["engineering", "external_partners"] == outside


def test_ROLE_11_department_codes_are_unique_and_lower_snake_case() -> None:
    """ROLE-11: the registry refuses duplicates and unknown codes, naming them."""
    with pytest.raises(PolicyError, match=r"departments\[1\]\.code: duplicate department code"):
        DepartmentRegistry((Department("sales"), Department("sales")))
    with pytest.raises(UnknownEntity, match="department: not in this registry.*'legal'"):
        SEED_DEPARTMENTS.get("legal")
    with pytest.raises(InvalidInput, match="code: must be lower_snake_case"):
        Department("财务部")
    with pytest.raises(WrongType, match="outside"):
        Department("finance", outside="yes")


def test_ROLE_11_the_other_named_roles_are_in_a_catalogue() -> None:
    """ROLE-11: 总经理, 店总经理, 销售副总, 营销总监 and 甲方负责人."""
    assert ["总经理", "店总经理", "销售副总", "营销总监", "甲方负责人"] == [
        role.name_zh for role in SEED_ROLES.roles
    ]
    assert SEED_ROLES.get("principal_signatory").outside


def test_ROLE_5_parallel_roles_sit_in_a_catalogue_not_on_a_ladder() -> None:
    """ROLE-5 / ROLE-11: equal ranks cannot share a ladder, but a catalogue holds them."""
    with pytest.raises(PolicyError, match="ranks must rise strictly"):
        RoleLadder(ENGLISH_ROLES.roles)
    assert "sales_manager" in ENGLISH_ROLES
    assert SALES_MANAGER in ENGLISH_ROLES
    with pytest.raises(UnknownEntity, match="role: not in this catalogue.*'ceo'"):
        ENGLISH_ROLES.get("ceo")
    with pytest.raises(WrongType, match=r"roles\[0\]"):
        RoleCatalogue(["sales_manager"])


# ---------------------------------------------------------------------------
# ROLE-12: staff turnover
# ---------------------------------------------------------------------------
def test_ROLE_12_turnover_is_leavers_over_average_headcount() -> None:
    """ROLE-12: 维护销售人员的稳定性, measured as a rate."""
    assert Rate("0.125") == staff_turnover_rate(3, Decimal("24"))
    assert Rate("0.2") == staff_turnover_rate(2, "10")
    assert Rate("0.33333333333333333333") == staff_turnover_rate(1, 3)
    assert Rate("0.4") == staff_turnover_rate(1, Decimal("2.5"))


def test_ROLE_12_no_headcount_means_no_rate_never_a_division_by_zero() -> None:
    """ROLE-12: an empty team has an undefined rate."""
    assert staff_turnover_rate(0, 0) is None
    assert staff_turnover_rate(2, Decimal("0.00")) is None
    check = check_staff_turnover(2, 0, OrganisationPolicy(staff_turnover_target=Decimal("0.1")))
    assert (None, True, ["staff_turnover_undefined"]) == (check.rate, check.on_track, codes(check))


def test_ROLE_12_the_target_is_configurable_and_missing_it_only_flags_the_kpi() -> None:
    """ROLE-12: the seed sets no threshold; a KPI, so the verdict stays ALLOWED."""
    measured = check_staff_turnover(3, 24, DEFAULT)
    assert (["staff_turnover_measured"], None) == (codes(measured), measured.target)
    policy = OrganisationPolicy(staff_turnover_target=Decimal("0.125"))
    within = check_staff_turnover(3, 24, policy)
    above = check_staff_turnover(4, 24, policy)
    assert (True, ["staff_turnover_within_target"]) == (within.on_track, codes(within))
    assert (False, ["staff_turnover_above_target"]) == (above.on_track, codes(above))
    assert Verdict.ALLOWED == above.verdict
    assert Rate("0.125") == above.reasons[0].param("target")


def test_ROLE_12_bad_turnover_inputs_name_the_field() -> None:
    """ROLE-12: negative or float inputs are refused; so is a negative target."""
    with pytest.raises(InvalidInput, match="leavers: must be at least 0"):
        staff_turnover_rate(-1, 10)
    with pytest.raises(WrongType, match="leavers"):
        staff_turnover_rate(True, 10)
    with pytest.raises(FloatNotAllowed, match="average_headcount"):
        staff_turnover_rate(1, 10.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="average_headcount: must not be negative"):
        check_staff_turnover(1, -3, DEFAULT)
    with pytest.raises(PolicyError, match="staff_turnover_target: must not be negative"):
        OrganisationPolicy(staff_turnover_target=Decimal("-0.1"))


@given(
    leavers=st.integers(0, 10_000),
    more=st.integers(0, 100),
    headcount=st.decimals(min_value=0, max_value=100_000, places=2),
)
def test_ROLE_12_turnover_rises_with_leavers_and_never_divides_by_zero(
    leavers: int, more: int, headcount: Decimal
) -> None:
    """ROLE-12: None exactly when the headcount is 0; more leavers never lower the rate;
    the rate times the headcount gives back the leavers within rounding."""
    rate = staff_turnover_rate(leavers, headcount)
    higher = staff_turnover_rate(leavers + more, headcount)
    if headcount == 0:
        assert rate is None
        assert higher is None
        return
    assert rate is not None
    assert higher is not None
    assert rate <= higher
    assert abs(rate.value * headcount - leavers) <= Decimal("1E-20") * headcount


# ---------------------------------------------------------------------------
# The policy and the module's bookkeeping
# ---------------------------------------------------------------------------
def test_the_policy_defaults_follow_section_23_1() -> None:
    """ROLE-5, ROLE-9, ROLE-10, ROLE-12: the defaults of RULES.md 23.1 and the brief."""
    assert (S6_CAPABILITIES, (), 1, False, None) == (
        DEFAULT.capabilities,
        DEFAULT.escalation_targets,
        DEFAULT.min_duty_staff,
        DEFAULT.task_report_required,
        DEFAULT.staff_turnover_target,
    )
    with pytest.raises(WrongType, match="task_report_required"):
        OrganisationPolicy(task_report_required="yes")


def test_the_policy_survives_pickle_with_its_lookup_table() -> None:
    """ROLE-5: the precomputed table is rebuilt state, not lost, after a round trip."""
    policy = OrganisationPolicy(capabilities={"sales_manager": ["set_goals"]})
    restored = pickle.loads(pickle.dumps(policy))
    assert policy == restored
    assert can("sales_manager", "set_goals", restored) is True
    assert hash(policy) == hash(restored)


def test_policy_arguments_are_checked() -> None:
    """ROLE-5: functions refuse anything but an OrganisationPolicy, naming the argument."""
    with pytest.raises(WrongType, match="policy: expected an OrganisationPolicy"):
        can(SALES_MANAGER, Action.SET_GOALS, {})  # type: ignore[arg-type]
    with pytest.raises(WrongType, match="org_chart: expected an OrgChart"):
        department_manager("c1", {})  # type: ignore[arg-type]


def test_every_reason_code_is_documented_in_the_docs_page() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "organisation.md").read_text(
        encoding="utf-8"
    )
    assert [] == sorted(code for code in REASON_CODES if f"| `{code}` |" not in page)


def test_every_reason_code_is_produced_by_some_test_in_this_file() -> None:
    text = Path(__file__).read_text(encoding="utf-8")
    assert [] == sorted(code for code in REASON_CODES if f'"{code}"' not in text)
