"""The bad-input sweep of tests/test_bad_inputs.py, for organisation, service and training.

tests/test_bad_inputs.py already feeds junk into every public constructor of these
modules (through the factories of tests/factories_new_modules.py); this file does the
same for their public functions and methods:

1. :data:`CALLS`, a registry of every public function and method with arguments that
   work, and tests that every public function and method of the three modules is in it;
2. every value of ``LISTED_JUNK`` in every argument slot of every registered call
   raises nothing but a :class:`SalesDomainError`;
3. hypothesis feeds random nested junk into the calls of each module;
4. :data:`CASES`, a catalogue of bad inputs naming the exact library exception and the
   field and value its message must name.

The junk values and the sweep helpers are imported from tests/test_bad_inputs.py, so
both files always sweep the same junk.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from decimal import Decimal
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    CurrencyMismatch,
    FloatNotAllowed,
    IllegalTransition,
    InvalidInput,
    Money,
    OrgChart,
    Period,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain import organisation as og
from salesdomain import service as sv
from salesdomain import training as trn
from tests.factories_new_modules import (
    CONSULTANT,
    DIRECTOR_EMP,
    FEEDBACK,
    MANAGER_EMP,
    MARCH,
    NOTICE,
    SCRIPT_TEST,
    SERVICE_POLICY,
    TRAINING_ORG,
    TRAINING_PLAN,
    TRAINING_POLICY,
    TRAINING_SESSION,
    D,
    _org_chart,
    _org_task,
    aware,
    issue,
)
from tests.test_bad_inputs import (
    JUNK,
    LISTED_JUNK,
    NAIVE,
    Bad,
    Call,
    _call,
    _constructor_calls,
    _error_of,
    _module_of,
    _only_library_errors,
    _slots,
    junk,
)

MODULES: tuple[ModuleType, ...] = (og, sv, trn)
MONDAY = D(2026, 3, 2)
BIG_PERIOD = Period(dt.date.min, dt.date.max)
MAX_AWARE = dt.datetime.max.replace(tzinfo=dt.UTC)
MIN_AWARE = dt.datetime.min.replace(tzinfo=dt.UTC)

# -- organisation fixtures ----------------------------------------------------------------
CHART = _org_chart()
ORG_POLICY = og.OrganisationPolicy(
    task_report_required=True,
    escalation_targets={"QUOTE_MAJOR": "marketing_director"},
    staff_turnover_target=Decimal("0.1"),
)
TMAP = og.TerritoryMap(
    (og.Territory("east", manager="m1"), og.Territory("west")), {"C-1": "east", "HT-1": "west"}
)
ROTA = og.DutyRota({MONDAY: ["c1", "m1"]})
OPEN_TASK = og.Task.assign(
    "T-2", assignee="c1", assigner="m1", assigned_on=MONDAY, due=MONDAY, org_chart=CHART
)
DONE_TASK = _org_task()
INCIDENT = og.Incident("INC-1", employee="c1", occurred_on=MONDAY)

# -- service fixtures ---------------------------------------------------------------------
RAISED = sv.Issue.report(
    "I-2",
    sv.IssueKind.COMPLAINT,
    customer="Acme",
    raised_by=CONSULTANT,
    raised_at=aware(2, 10),
    owner=MANAGER_EMP,
    policy=SERVICE_POLICY,
    amount=Money("150000"),
)
ACKED = RAISED.acknowledge(MANAGER_EMP, aware(2, 10), SERVICE_POLICY)
IN_HAND = ACKED.take_in_hand(MANAGER_EMP, aware(2, 11), SERVICE_POLICY)
RESOLVED = IN_HAND.resolve(MANAGER_EMP, aware(2, 12), SERVICE_POLICY)
ESCALATED = issue()
WEST_POLICY = sv.ServicePolicy(timezone="Etc/GMT+12", major_amount_threshold=Money("1"))
"""A zone where the calendar's first moments (UTC) are still year 0."""
SERVICE_ORG = OrgChart((DIRECTOR_EMP, MANAGER_EMP, CONSULTANT), {"c1": "m1", "m1": "d1"})


def _organisation_calls() -> list[Call]:
    p = ORG_POLICY
    return [
        _call("can", og.can, "sales_manager", "set_goals", p),
        _call("check_capability", og.check_capability, og.SALES_MANAGER, og.Action.SET_GOALS, p),
        _call("roles_that_can", og.roles_that_can, "pitch", p),
        _call("escalation_target", og.escalation_target, "QUOTE_MAJOR", "c1", CHART, p),
        _call("department_manager", og.department_manager, "c1", CHART),
        _call("liable_parties", og.liable_parties, INCIDENT, CHART),
        _call(
            "check_rota",
            og.check_rota,
            ROTA,
            [MONDAY, D(2026, 3, 3)],
            [("c1", Period.day(MONDAY))],
            p,
        ),
        _call("is_overdue", og.is_overdue, OPEN_TASK, D(2026, 3, 3)),
        _call("review_tasks", og.review_tasks, [OPEN_TASK, DONE_TASK], D(2026, 3, 9), p),
        _call("staff_turnover_rate", og.staff_turnover_rate, 3, Decimal("24")),
        _call("check_staff_turnover", og.check_staff_turnover, 3, "24", p),
        _call("RoleCatalogue.get", og.ENGLISH_ROLES.get, "sales_manager"),
        _call("Department.display_name", og.SEED_DEPARTMENTS.get("sales").display_name, "en"),
        _call("DepartmentRegistry.get", og.SEED_DEPARTMENTS.get, "finance"),
        _call(
            "Accountability.owner_of", og.DEFAULT_ACCOUNTABILITY.owner_of, "sales", "staff_training"
        ),
        _call("Accountability.owned_by", og.DEFAULT_ACCOUNTABILITY.owned_by, "sales_manager"),
        _call("OrganisationPolicy.actions_of", p.actions_of, og.SALES_MANAGER),
        _call("OrganisationPolicy.escalation_role", p.escalation_role, "quote_major"),
        _call("TerritoryMap.territory", TMAP.territory, "east"),
        _call("TerritoryMap.region_of", TMAP.region_of, "C-1"),
        _call("TerritoryMap.manager_of", TMAP.manager_of, "C-1"),
        _call("TerritoryMap.subjects_in", TMAP.subjects_in, "west"),
        _call("TerritoryMap.in_region", TMAP.in_region, ["C-1", "HT-1"], "east", key=str),
        _call("TerritoryMap.by_region", TMAP.by_region, ["HT-1"], key=str),
        _call("DutyRota.on", ROTA.on, MONDAY),
        _call(
            "Task.assign",
            og.Task.assign,
            "T-3",
            assignee=CONSULTANT,
            assigner="m1",
            assigned_on=MONDAY,
            due=D(2026, 3, 6),
            org_chart=CHART,
            title="call back",
        ),
        _call("Task.complete", OPEN_TASK.complete, D(2026, 3, 3)),
        _call("Task.report", DONE_TASK.report, D(2026, 3, 3), org_chart=CHART, policy=p),
    ]


def _service_calls() -> list[Call]:
    p = SERVICE_POLICY
    return [
        _call(
            "issue_owner",
            sv.issue_owner,
            CONSULTANT,
            SERVICE_ORG,
            p,
            account_executive=MANAGER_EMP,
        ),
        _call("escalation_route", sv.escalation_route, IN_HAND, p),
        _call("issue_status", sv.issue_status, [RAISED, ESCALATED], aware(3, 9), p),
        _call("route_feedback", sv.route_feedback, [FEEDBACK], aware(3, 9), p, notices=[NOTICE]),
        _call("Sla.hours", sv.Sla.hours, 24),
        _call("Sla.working_days", sv.Sla.working_days, 2),
        _call("Sla.parse", sv.Sla.parse, "24h"),
        _call("ServicePolicy.is_major_issue", p.is_major_issue, Money("1"), ["major"]),
        _call("ServicePolicy.handling_sla", p.handling_sla, sv.IssueKind.COMPLAINT),
        _call("ServicePolicy.department_for", p.department_for, "repair"),
        _call("ServicePolicy.route_topic", p.route_topic, "quality"),
        _call("ServicePolicy.is_working_day", p.is_working_day, MONDAY),
        _call("ServicePolicy.local_day", p.local_day, aware(2, 23)),
        _call("ServicePolicy.due_at", p.due_at, aware(6, 17), sv.Sla.working_days(1)),
        _call(
            "Issue.report",
            sv.Issue.report,
            "I-9",
            "after_sales",
            customer="Acme",
            raised_by=CONSULTANT,
            raised_at=aware(2, 10),
            owner=MANAGER_EMP,
            policy=p,
            summary="leaking valve",
            amount=Money("5000"),
            flags=["major"],
            after_sales_kind="repair",
            department="technical",
        ),
        _call("Issue.state_at", ESCALATED.state_at, aware(2, 10, 30)),
        _call("Issue.level_at", ESCALATED.level_at, aware(2, 12)),
        _call("Issue.first", ESCALATED.first, sv.IssueAction.ESCALATE),
        _call("Issue.reported_to_company_at", ESCALATED.reported_to_company_at, p),
        _call("Issue.acknowledge", RAISED.acknowledge, MANAGER_EMP, aware(2, 11), p),
        _call("Issue.take_in_hand", ACKED.take_in_hand, MANAGER_EMP, aware(2, 11), p),
        _call(
            "Issue.assign",
            ACKED.assign,
            MANAGER_EMP,
            aware(2, 11),
            p,
            assignee=CONSULTANT,
            org=SERVICE_ORG,
            department="customer_service",
        ),
        _call("Issue.escalate", IN_HAND.escalate, MANAGER_EMP, aware(2, 12), p, note="too big"),
        _call("Issue.resolve", ESCALATED.resolve, DIRECTOR_EMP, aware(2, 15), p, note="fixed"),
        _call("Issue.close", RESOLVED.close, MANAGER_EMP, aware(2, 13), p),
        _call(
            "Issue.report_to_company",
            IN_HAND.report_to_company,
            MANAGER_EMP,
            aware(2, 12),
            p,
            note="major",
        ),
    ]


def _training_calls() -> list[Call]:
    p = TRAINING_POLICY
    return [
        _call("pre_launch_window", trn.pre_launch_window, D(2026, 4, 1), p),
        _call(
            "training_compliance",
            trn.training_compliance,
            [TRAINING_SESSION],
            MARCH,
            p,
            launch_date=D(2026, 4, 1),
        ),
        _call(
            "training_plan_check",
            trn.training_plan_check,
            TRAINING_PLAN,
            [TRAINING_SESSION],
            MARCH,
            as_of=D(2026, 3, 20),
        ),
        _call("check_trainers", trn.check_trainers, [TRAINING_SESSION], TRAINING_ORG, p),
        _call(
            "script_test_results",
            trn.script_test_results,
            [SCRIPT_TEST],
            p,
            current_version="v2",
        ),
    ]


CALLS: list[Call] = _organisation_calls() + _service_calls() + _training_calls()
"""Every public function and method of organisation, service and training."""

_NEW_MODULE_NAMES = frozenset(module.__name__ for module in MODULES)
CONSTRUCTORS: list[Call] = [
    call for call in _constructor_calls() if call.fn.__module__ in _NEW_MODULE_NAMES
]
"""The public constructors of the three modules (test_bad_inputs.py sweeps them with
the listed junk already; the random junk below covers them too)."""


# ---------------------------------------------------------------------------
# Part 1: the registry is complete and works
# ---------------------------------------------------------------------------
def test_every_registered_call_works_with_its_own_arguments() -> None:
    for call in CALLS + CONSTRUCTORS:
        call.fn(*call.args, **call.kwargs)
    names = [call.name for call in CALLS]
    assert len(names) == len(set(names)), "call names must be unique"


def _qualname(fn: Callable[..., object]) -> str:
    return str(getattr(fn, "__qualname__", ""))


def test_every_public_function_of_the_new_modules_is_registered() -> None:
    registered = {getattr(call.fn, "__name__", "") for call in CALLS}
    missing = []
    for module in MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            public_function = callable(obj) and not isinstance(obj, type)
            if public_function and obj.__module__ == module.__name__ and name not in registered:
                missing.append(f"{module.__name__}.{name}")
    assert [] == missing


def _public_methods(cls: type) -> list[str]:
    """The public methods a class defines itself (not properties, not inherited)."""
    found = []
    for name, member in vars(cls).items():
        if name.startswith("_") or isinstance(member, property):
            continue
        if isinstance(member, classmethod | staticmethod) or inspect.isfunction(member):
            found.append(f"{cls.__qualname__}.{name}")
    return found


def test_every_public_method_of_the_new_modules_is_registered() -> None:
    registered = {_qualname(call.fn) for call in CALLS}
    missing: list[str] = []
    for module in MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and obj.__module__ == module.__name__:
                missing.extend(m for m in _public_methods(obj) if m not in registered)
    assert [] == missing


def test_the_registry_covers_every_module_and_constructor() -> None:
    assert {"organisation", "service", "training"} == {_module_of(c) for c in CALLS}
    assert 20 <= len(CONSTRUCTORS)


# ---------------------------------------------------------------------------
# Part 2: every listed junk value in every argument slot
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("call", CALLS, ids=[call.name for call in CALLS])
def test_listed_junk_in_any_argument_raises_only_library_errors(call: Call) -> None:
    for slot in _slots(call):
        for value in LISTED_JUNK:
            _only_library_errors(call, slot, value)


# ---------------------------------------------------------------------------
# Part 3: random nested junk, per module
# ---------------------------------------------------------------------------
DOMAIN_JUNK: tuple[object, ...] = (
    CHART,
    TRAINING_ORG,
    ORG_POLICY,
    SERVICE_POLICY,
    WEST_POLICY,
    TRAINING_POLICY,
    TMAP,
    ROTA,
    OPEN_TASK,
    DONE_TASK,
    INCIDENT,
    RAISED,
    ESCALATED,
    RESOLVED,
    FEEDBACK,
    NOTICE,
    TRAINING_SESSION,
    TRAINING_PLAN,
    SCRIPT_TEST,
    CONSULTANT,
    MANAGER_EMP,
    DIRECTOR_EMP,
    og.SALES_MANAGER,
    og.Action.PITCH,
    sv.IssueKind.AFTER_SALES,
    sv.Sla.hours(10_000),
    trn.TrainingKind.SKILLS,
    Period.day(MONDAY),
    BIG_PERIOD,
    MAX_AWARE,
    MIN_AWARE,
    ("c1", Period.day(MONDAY)),
    ("sales", "kpi", og.SALES_MANAGER),
    (MONDAY, ["c1"]),
)
"""The modules' own objects, extreme periods and moments: right types in wrong slots."""


@pytest.mark.parametrize("call", CALLS, ids=[call.name for call in CALLS])
def test_domain_objects_in_the_wrong_argument_raise_only_library_errors(call: Call) -> None:
    for slot in _slots(call):
        for value in DOMAIN_JUNK:
            _only_library_errors(call, slot, value)


_DOMAIN_JUNK = st.sampled_from(DOMAIN_JUNK)
_NEW_JUNK = st.recursive(
    st.one_of(JUNK, _DOMAIN_JUNK),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=5), st.dates()), inner, max_size=3),
    ),
    max_leaves=6,
)
"""test_bad_inputs.JUNK plus the domain objects of these modules, nested."""

_FUZZED = [c for c in CALLS + CONSTRUCTORS if _slots(c)]
_GROUPS: dict[str, list[Call]] = {}
for _c in _FUZZED:
    _GROUPS.setdefault(_module_of(_c), []).append(_c)


@pytest.mark.parametrize("module", sorted(_GROUPS))
@given(data=st.data())
def test_random_junk_in_any_argument_raises_only_library_errors(
    module: str, data: st.DataObject
) -> None:
    call = data.draw(st.sampled_from(_GROUPS[module]), label="call")
    slot = data.draw(st.sampled_from(_slots(call)), label="slot")
    value = data.draw(_NEW_JUNK, label="junk")
    _only_library_errors(call, slot, value)


def test_the_random_junk_covers_the_three_modules() -> None:
    assert {"organisation", "service", "training"} == set(_GROUPS)


# ---------------------------------------------------------------------------
# Part 4: the catalogue of bad inputs
# ---------------------------------------------------------------------------
CASES: dict[str, Bad] = {
    # -- organisation -----------------------------------------------------------------------
    "can_unknown_action": Bad(
        lambda: og.can("sales_manager", "fly", ORG_POLICY), UnknownEntity, "action", "'fly'"
    ),
    "can_role_number": Bad(lambda: og.can(junk(7), "pitch", ORG_POLICY), WrongType, "role", "7"),
    "capability_policy_none": Bad(
        lambda: og.check_capability("sales_manager", "pitch", junk(None)),
        WrongType,
        "policy",
        "None",
    ),
    "escalation_target_empty_topic": Bad(
        lambda: og.escalation_target(" ", "c1", CHART, ORG_POLICY), InvalidInput, "topic", "' '"
    ),
    "department_manager_unknown_employee": Bad(
        lambda: og.department_manager("x9", CHART), UnknownEntity, "employee", "'x9'"
    ),
    "rota_working_day_as_text": Bad(
        lambda: og.check_rota(ROTA, junk(["2026-03-02"]), [], ORG_POLICY),
        WrongType,
        "working_days[0]",
        "'2026-03-02'",
    ),
    "rota_leave_without_period": Bad(
        lambda: og.check_rota(ROTA, [MONDAY], junk([("c1", MONDAY)]), ORG_POLICY),
        WrongType,
        "leaves[0].period",
        "2026, 3, 2",
    ),
    "task_completed_before_assigned": Bad(
        lambda: OPEN_TASK.complete(D(2026, 3, 1)), InvalidInput, "on", "2026, 3, 1"
    ),
    "task_completed_twice": Bad(
        lambda: DONE_TASK.complete(D(2026, 3, 3)), IllegalTransition, "complete", "'done'"
    ),
    "review_tasks_naive_datetime": Bad(
        lambda: og.review_tasks([OPEN_TASK], junk(NAIVE), ORG_POLICY),
        WrongType,
        "as_of",
        "2026, 3, 2, 9",
    ),
    "turnover_negative_leavers": Bad(
        lambda: og.staff_turnover_rate(-1, 24), InvalidInput, "leavers", "-1"
    ),
    "turnover_float_headcount": Bad(
        lambda: og.check_staff_turnover(3, junk(24.5), ORG_POLICY),
        FloatNotAllowed,
        "average_headcount",
        "24.5",
    ),
    "turnover_tiny_headcount": Bad(
        lambda: og.staff_turnover_rate(3, "1E-12"),
        InvalidInput,
        "average_headcount",
        "1E-12",
    ),
    "territory_map_unknown_region": Bad(
        lambda: TMAP.subjects_in("north"), UnknownEntity, "region", "'north'"
    ),
    "territory_map_key_not_callable": Bad(
        lambda: TMAP.in_region(["C-1"], "east", key=junk("id")), WrongType, "key", "'id'"
    ),
    "accountability_kpi_not_a_code": Bad(
        lambda: og.DEFAULT_ACCOUNTABILITY.owner_of("sales", "Sales Target"),
        InvalidInput,
        "kpi",
        "'Sales Target'",
    ),
    # -- service ----------------------------------------------------------------------------
    "sla_text_in_days": Bad(lambda: sv.Sla.parse("2d"), InvalidInput, "sla", "'2d'"),
    "sla_too_many_hours": Bad(lambda: sv.Sla.hours(10_001), InvalidInput, "amount", "10001"),
    "sla_bool_amount": Bad(lambda: sv.Sla.working_days(junk(True)), WrongType, "amount", "True"),
    "issue_report_unknown_kind": Bad(
        lambda: sv.Issue.report(
            "I-9",
            junk("refund"),
            customer="Acme",
            raised_by=CONSULTANT,
            raised_at=aware(2, 10),
            owner=MANAGER_EMP,
            policy=SERVICE_POLICY,
        ),
        UnknownEntity,
        "kind",
        "'refund'",
    ),
    "issue_report_naive_time": Bad(
        lambda: sv.Issue.report(
            "I-9",
            sv.IssueKind.COMPLAINT,
            customer="Acme",
            raised_by=CONSULTANT,
            raised_at=NAIVE,
            owner=MANAGER_EMP,
            policy=SERVICE_POLICY,
        ),
        InvalidInput,
        "raised_at",
        "2026, 3, 2, 9",
    ),
    "issue_report_amount_in_other_currency": Bad(
        lambda: sv.Issue.report(
            "I-9",
            sv.IssueKind.COMPLAINT,
            customer="Acme",
            raised_by=CONSULTANT,
            raised_at=aware(2, 10),
            owner=MANAGER_EMP,
            policy=SERVICE_POLICY,
            amount=Money("5", "USD"),
        ),
        CurrencyMismatch,
        "currency",
        "'CNY'",
    ),
    "issue_acknowledged_before_raised": Bad(
        lambda: RAISED.acknowledge(MANAGER_EMP, aware(2, 9), SERVICE_POLICY),
        InvalidInput,
        "at",
        "2026, 3, 2, 9",
    ),
    "issue_escalated_by_a_consultant": Bad(
        lambda: IN_HAND.escalate(CONSULTANT, aware(2, 12), SERVICE_POLICY),
        IllegalTransition,
        "escalate",
        "'in_hand'",
    ),
    "issue_closed_before_resolved": Bad(
        lambda: IN_HAND.close(MANAGER_EMP, aware(2, 12), SERVICE_POLICY),
        IllegalTransition,
        "close",
        "'in_hand'",
    ),
    "issue_by_a_role_not_an_employee": Bad(
        lambda: IN_HAND.resolve(junk(og.SALES_MANAGER), aware(2, 12), SERVICE_POLICY),
        WrongType,
        "by",
        "Role(",
    ),
    "issue_first_unknown_action": Bad(
        lambda: ESCALATED.first(junk("reopen")), UnknownEntity, "action", "'reopen'"
    ),
    "issue_status_duplicate_ids": Bad(
        lambda: sv.issue_status([RAISED, ACKED], aware(3, 9), SERVICE_POLICY),
        InvalidInput,
        "issues",
        "'I-2'",
    ),
    "issue_owner_org_none": Bad(
        lambda: sv.issue_owner(CONSULTANT, junk(None), SERVICE_POLICY), WrongType, "org", "None"
    ),
    "route_feedback_notice_as_text": Bad(
        lambda: sv.route_feedback(
            [FEEDBACK], aware(3, 9), SERVICE_POLICY, notices=junk(["engineering"])
        ),
        WrongType,
        "notices[0]",
        "'engineering'",
    ),
    "route_topic_not_a_code": Bad(
        lambda: SERVICE_POLICY.route_topic("Quality"), InvalidInput, "topic", "'Quality'"
    ),
    "route_topic_unhashable": Bad(
        lambda: SERVICE_POLICY.route_topic(junk(["quality"])), WrongType, "topic", "['quality']"
    ),
    "due_at_past_the_calendar": Bad(
        lambda: SERVICE_POLICY.due_at(MAX_AWARE, sv.Sla.hours(1)),
        InvalidInput,
        "start",
        "9999, 12, 31",
    ),
    "local_day_past_the_calendar": Bad(
        lambda: SERVICE_POLICY.local_day(MAX_AWARE), InvalidInput, "moment", "9999, 12, 31"
    ),
    "issue_status_as_of_past_the_calendar": Bad(
        lambda: sv.issue_status([RAISED], MAX_AWARE, SERVICE_POLICY),
        InvalidInput,
        "as_of",
        "9999, 12, 31",
    ),
    "route_feedback_as_of_past_the_calendar": Bad(
        lambda: sv.route_feedback([FEEDBACK], MAX_AWARE, SERVICE_POLICY),
        InvalidInput,
        "as_of",
        "9999, 12, 31",
    ),
    "due_at_before_the_calendar_in_a_western_zone": Bad(
        lambda: WEST_POLICY.due_at(MIN_AWARE, sv.Sla.working_days(1)),
        InvalidInput,
        "start",
        "(1, 1, 1, 0, 0",
    ),
    "department_for_unknown_kind": Bad(
        lambda: SERVICE_POLICY.department_for(junk("install")),
        UnknownEntity,
        "after_sales_kind",
        "'install'",
    ),
    # -- training ---------------------------------------------------------------------------
    "pre_launch_without_setting": Bad(
        lambda: trn.pre_launch_window(D(2026, 5, 1), trn.TrainingPolicy()),
        PolicyError,
        "pre_launch_days",
        "X-20",
    ),
    "pre_launch_before_the_calendar": Bad(
        lambda: trn.pre_launch_window(dt.date.min, TRAINING_POLICY),
        InvalidInput,
        "launch_date",
        "(1, 1, 1)",
    ),
    "compliance_period_as_text": Bad(
        lambda: trn.training_compliance([], junk("2026-03"), TRAINING_POLICY),
        WrongType,
        "period",
        "'2026-03'",
    ),
    "compliance_duplicate_sessions": Bad(
        lambda: trn.training_compliance([TRAINING_SESSION] * 2, MARCH, TRAINING_POLICY),
        InvalidInput,
        "sessions",
        "'T-1'",
    ),
    "plan_check_plan_as_text": Bad(
        lambda: trn.training_plan_check(junk("plan"), [], MARCH), WrongType, "plan", "'plan'"
    ),
    "trainers_unknown_in_org": Bad(
        lambda: trn.check_trainers(
            [TRAINING_SESSION], OrgChart((MANAGER_EMP,), {}), TRAINING_POLICY
        ),
        UnknownEntity,
        "employee",
        "'c1'",
    ),
    "script_tests_without_pass_mark": Bad(
        lambda: trn.script_test_results([SCRIPT_TEST], trn.TrainingPolicy()),
        PolicyError,
        "script_test_pass_mark",
        "APPR-7",
    ),
    "script_test_above_max_score": Bad(
        lambda: trn.script_test_results(
            [trn.ScriptTest("c1", 101, taken_on=MONDAY)], TRAINING_POLICY
        ),
        InvalidInput,
        "score",
        "101",
    ),
    "script_tests_empty_version": Bad(
        lambda: trn.script_test_results([SCRIPT_TEST], TRAINING_POLICY, current_version=""),
        InvalidInput,
        "current_version",
        "''",
    ),
}


def test_the_catalogue_is_large_and_spans_the_three_modules() -> None:
    assert len(CASES) >= 15
    used = set().union(*(case.call.__code__.co_names for case in CASES.values()))
    for alias in ("og", "sv", "trn"):
        assert alias in used, f"no catalogue case for module alias {alias}"


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_refused_with_the_library_error_naming_field_and_value(case: Bad) -> None:
    error = _error_of(case)
    assert case.error is type(error), f"{type(error).__name__}: {error}"
    message = str(error)
    assert case.field in message, message
    assert case.value in message, message
    if isinstance(error, InvalidInput | WrongType):
        assert case.field.split("[")[0].split(".")[0] in error.field
    if isinstance(error, IllegalTransition):
        assert case.field.split()[0] in error.action


def test_the_exceptions_are_the_library_errors_callers_can_catch_as_builtins() -> None:
    # A caller who catches ValueError or TypeError still catches them.
    with pytest.raises(ValueError, match="topic"):
        SERVICE_POLICY.route_topic("Quality")
    with pytest.raises(TypeError, match="period"):
        trn.training_compliance([], junk("2026-03"), TRAINING_POLICY)
    with pytest.raises(ValueError, match="employee"):
        og.department_manager("x9", CHART)
