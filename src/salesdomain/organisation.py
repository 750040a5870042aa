"""Organisation rules beyond core's building blocks (ROLE-5..ROLE-12).

Core (:mod:`salesdomain.core.org`) holds roles, ladders, employees and the org chart
(ROLE-1..4).  This module adds the organisation rules that need more than those:

- **ROLE-5** the English role catalogue of the seed (S6) and a capability table, role
  code to a frozenset of :class:`Action`; :func:`can` and :func:`check_capability`.
  The table is configurable (C5, C6, C9): the S6 list is only the default.
- **ROLE-6** :func:`liable_parties`: the employee who caused an :class:`Incident` and
  the manager of the employee's department (连带责任).
- **ROLE-7** :class:`Accountability`: (department, KPI) to exactly one owner role;
  the default is the 销售部经理's five accountabilities of S7.M1-M5.
- **ROLE-8** :class:`Territory` and :class:`TerritoryMap`: each customer or deal in
  exactly one region, with filtering helpers.
- **ROLE-9** :class:`DutyRota` and :func:`check_rota`: enough duty staff on every
  working day, nobody rostered while on approved leave.
- **ROLE-10** the :class:`Task` state machine ``ASSIGNED -> DONE -> REPORTED``;
  :func:`is_overdue` and :func:`review_tasks`.
- **ROLE-11** :class:`Department` values in a :class:`DepartmentRegistry`, and
  :class:`RoleCatalogue` for roles that sit side by side rather than on a ladder.
- **ROLE-12** :func:`staff_turnover_rate` and :func:`check_staff_turnover`.

Escalations follow C4 / X-3: :func:`escalation_target` finds the person a topic
escalates to, by default the employee's direct superior in the org chart.

>>> from salesdomain.organisation import (
...     ACCOUNT_EXECUTIVE, SALES_REPRESENTATIVE, Action, OrganisationPolicy, can)
>>> policy = OrganisationPolicy()
>>> can(ACCOUNT_EXECUTIVE, Action.NEGOTIATE_CONTRACT, policy)
True
>>> can(SALES_REPRESENTATIVE, Action.SET_GOALS, policy)
False
>>> can("regional_director", Action.PITCH, policy)
Traceback (most recent call last):
...
salesdomain.core.errors.UnknownEntity: role: has no entry in the capability table (known: account_executive, business_development_manager, sales_manager, sales_operations_specialist, sales_representative), got 'regional_director'
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final, TypeVar, overload

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import _CTX, ZERO, check_date, check_int, check_text, to_decimal
from salesdomain.core.decisions import Decision, Rate, Reason, Verdict
from salesdomain.core.errors import (
    IllegalTransition,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.org import (
    GENERIC_LADDER,
    HOTEL_LADDER,
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Employee,
    OrgChart,
    Role,
)
from salesdomain.core.periods import Period

__all__ = [
    "ACCOUNT_EXECUTIVE",
    "BUSINESS_DEVELOPMENT_MANAGER",
    "COMPANY",
    "DEFAULT_ACCOUNTABILITY",
    "ENGLISH_ROLES",
    "FRONTLINE_SELLER",
    "MANAGER_KPIS",
    "REASON_CODES",
    "S6_CAPABILITIES",
    "SALES_MANAGER",
    "SALES_OPERATIONS_SPECIALIST",
    "SALES_REPRESENTATIVE",
    "SALES_VICE_PRESIDENT",
    "SEED_DEPARTMENTS",
    "SEED_ROLES",
    "STORE_GENERAL_MANAGER",
    "TASK_REPORT_TOPIC",
    "Accountability",
    "Action",
    "Department",
    "DepartmentRegistry",
    "DutyRota",
    "Incident",
    "OrganisationPolicy",
    "RoleCatalogue",
    "RotaCheck",
    "RotaIssue",
    "RotaIssueKind",
    "Task",
    "TaskReview",
    "TaskState",
    "Territory",
    "TerritoryMap",
    "TurnoverCheck",
    "can",
    "check_capability",
    "check_rota",
    "check_staff_turnover",
    "department_manager",
    "escalation_target",
    "is_overdue",
    "liable_parties",
    "review_tasks",
    "roles_that_can",
    "staff_turnover_rate",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        # ROLE-5 capabilities
        "role_has_capability",
        "role_lacks_capability",
        # ROLE-9 duty rota
        "rota_complete",
        "rota_understaffed",
        "rota_staff_on_leave",
        # ROLE-10 tasks
        "tasks_in_order",
        "task_overdue",
        "task_completed_late",
        "task_completion_not_reported",
        # ROLE-12 staff turnover
        "staff_turnover_measured",
        "staff_turnover_within_target",
        "staff_turnover_above_target",
        "staff_turnover_undefined",
    }
)
"""Every reason code this module can emit."""

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_TOPIC = re.compile(r"^[A-Z][A-Z0-9_]*$")


# ---------------------------------------------------------------------------
# Actions, the English role catalogue and the default capability table (ROLE-5)
# ---------------------------------------------------------------------------
class Action(enum.Enum):
    """What a role may do (ROLE-5; DRAFT_CONTRACT for C9, SET_PRICE_POLICY for C6)."""

    IDENTIFY_LEAD = "identify_lead"
    PITCH = "pitch"
    CLOSE = "close"
    SET_GOALS = "set_goals"
    DEVELOP_STRATEGY = "develop_strategy"
    MONITOR_PERFORMANCE = "monitor_performance"
    DEVELOP_PROPOSAL = "develop_proposal"
    NEGOTIATE_CONTRACT = "negotiate_contract"
    MANAGE_ACCOUNT = "manage_account"
    MANAGE_SALES_DATA = "manage_sales_data"
    CREATE_REPORT = "create_report"
    FORECAST = "forecast"
    DRAFT_CONTRACT = "draft_contract"
    SET_PRICE_POLICY = "set_price_policy"


SALES_REPRESENTATIVE: Final = Role(
    "sales_representative", 1, name_zh="销售代表", name_en="sales representative"
)
"""Sales Representative (S6.R1): identifies leads, pitches and closes (ROLE-5)."""

SALES_OPERATIONS_SPECIALIST: Final = Role(
    "sales_operations_specialist", 1, name_zh="销售运营专员", name_en="sales operations specialist"
)
"""Sales Operations Specialist (S6.R5): sales data, reports, forecasting (ROLE-5)."""

ACCOUNT_EXECUTIVE: Final = Role(
    "account_executive", 2, name_zh="客户经理", name_en="account executive"
)
"""Account Executive (S6.R3): proposals, contract negotiation, key accounts (ROLE-5).

Equal (same code, rank and names) to the pipeline module's account executive (PIPE-7)."""

BUSINESS_DEVELOPMENT_MANAGER: Final = Role(
    "business_development_manager",
    2,
    name_zh="业务拓展经理",
    name_en="business development manager",
)
"""Business Development Manager (S6.R4): new opportunities, contracts with new clients."""

SALES_MANAGER: Final = Role("sales_manager", 3, name_zh="销售经理", name_en="sales manager")
"""Sales Manager (S6.R2): sets goals, develops strategy, monitors the team (ROLE-5)."""

STORE_GENERAL_MANAGER: Final = Role(
    "store_general_manager", 4, name_zh="店总经理", name_en="store general manager"
)
"""店总经理 (S9.2), named by ROLE-11."""

SALES_VICE_PRESIDENT: Final = Role(
    "sales_vice_president", 4, name_zh="销售副总", name_en="sales vice president"
)
"""销售副总 (S8.Q1), named by ROLE-11."""

FRONTLINE_SELLER: Final[frozenset[Action]] = frozenset(
    {Action.IDENTIFY_LEAD, Action.PITCH, Action.CLOSE}
)
"""The front-line seller's actions (C5): 销售代表 / 销售员 / 置业顾问 / Sales Rep alike."""

S6_CAPABILITIES: Final[tuple[tuple[str, frozenset[Action]], ...]] = (
    (
        "account_executive",
        frozenset({Action.DEVELOP_PROPOSAL, Action.NEGOTIATE_CONTRACT, Action.MANAGE_ACCOUNT}),
    ),
    ("business_development_manager", frozenset({Action.IDENTIFY_LEAD, Action.NEGOTIATE_CONTRACT})),
    (
        "sales_manager",
        frozenset({Action.SET_GOALS, Action.DEVELOP_STRATEGY, Action.MONITOR_PERFORMANCE}),
    ),
    (
        "sales_operations_specialist",
        frozenset({Action.MANAGE_SALES_DATA, Action.CREATE_REPORT, Action.FORECAST}),
    ),
    ("sales_representative", FRONTLINE_SELLER),
)
"""The seed's S6 list (ROLE-5), the default capability table, sorted by role code.

Nobody holds ``DRAFT_CONTRACT`` or ``SET_PRICE_POLICY`` by default: S6 says nothing
about them, and the seed's companies disagree (C6, C9), so a company grants them."""

MANAGER_KPIS: Final[tuple[str, ...]] = (
    "sales_target",
    "collection_rate",
    "rule_compliance",
    "staff_training",
    "office_equipment",
)
"""The 销售部经理's five accountabilities (S7.M1-M5, ROLE-7), as KPI codes."""

COMPANY: Final = "company"
"""The pseudo-assigner 「公司」 of ROLE-10: the company itself, above everyone."""

TASK_REPORT_TOPIC: Final = "TASK_REPORT"
"""The escalation topic a task's completion report goes to (ROLE-10, X-3)."""


# ---------------------------------------------------------------------------
# private converters
# ---------------------------------------------------------------------------
def _code(value: object, field: str) -> str:
    text = check_text(value, field)
    if not _CODE.match(text):
        raise InvalidInput(field, value, "must be lower_snake_case letters, digits and _")
    return text


def _role_code(value: object, field: str) -> str:
    if isinstance(value, Role):
        return value.code
    return _code(value, field)


def _person_id(value: object, field: str) -> str:
    if isinstance(value, Employee):
        return value.id
    return check_text(value, field)


def _optional_person(value: object, field: str) -> str | None:
    return None if value is None else _person_id(value, field)


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _name(value: object, field: str) -> str:
    if type(value) is not str:
        raise WrongType(field, value, "a str")
    return value.strip()


def _bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


def _enum(value: object, cls: type[_E], field: str) -> _E:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if value in (member.value, member.name) or value.lower() == str(member.value):
                return member
        known = ", ".join(str(member.value) for member in cls)
        raise UnknownEntity(field, value, f"expected one of {known}")
    raise WrongType(field, value, cls.__name__)


def _sequence(value: object, field: str) -> tuple[object, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a sequence")
    return tuple(value)


def _pairs(value: object, field: str) -> list[tuple[object, object]]:
    """A mapping's items, or a sequence of ``(key, value)`` pairs, as a list."""
    if isinstance(value, Mapping):
        return list(value.items())
    items = _sequence(value, field)
    pairs: list[tuple[object, object]] = []
    for index, item in enumerate(items):
        if not (isinstance(item, tuple) and len(item) == 2):
            raise WrongType(f"{field}[{index}]", item, "a (key, value) pair")
        pairs.append((item[0], item[1]))
    return pairs


def _actions(value: object, field: str) -> frozenset[Action]:
    if isinstance(value, Action):
        raise WrongType(field, value, "a set of Action (not a single Action)")
    return frozenset(_enum(item, Action, field) for item in _sequence(value, field))


def _roles(value: object, field: str) -> tuple[Role, ...]:
    roles = _sequence(value, field)
    for index, role in enumerate(roles):
        if not isinstance(role, Role):
            raise WrongType(f"{field}[{index}]", role, "a Role")
    return roles  # type: ignore[return-value]


def _typed(value: object, cls: type[_T], field: str, expected: str) -> _T:
    if not isinstance(value, cls):
        raise WrongType(field, value, expected)
    return value


# ---------------------------------------------------------------------------
# Catalogues of roles and departments (ROLE-5, ROLE-11)
# ---------------------------------------------------------------------------
def _to_catalogue_roles(value: object) -> tuple[Role, ...]:
    return _roles(value, "roles")


@attrs.frozen
class RoleCatalogue:
    """Roles side by side, looked up by code (ROLE-5, ROLE-11).

    A :class:`~salesdomain.RoleLadder` orders roles by strictly rising rank; roles of
    equal rank (a sales representative and a sales operations specialist) cannot share
    one, so a catalogue only requires unique codes.

    Args:
        roles: the roles, codes unique.

    >>> from salesdomain.organisation import ENGLISH_ROLES
    >>> ENGLISH_ROLES.get("account_executive").name_zh
    '客户经理'
    >>> RoleCatalogue((ENGLISH_ROLES.get("sales_manager"),) * 2)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: roles[1].code: duplicate role code 'sales_manager'
    """

    roles: tuple[Role, ...] = attrs.field(converter=_to_catalogue_roles)

    @roles.validator
    def _check(self, attribute: attrs.Attribute[tuple[Role, ...]], roles: tuple[Role, ...]) -> None:
        errors: list[tuple[str, str]] = []
        seen: set[str] = set()
        for index, role in enumerate(roles):
            if role.code in seen:
                errors.append((f"roles[{index}].code", f"duplicate role code {role.code!r}"))
            seen.add(role.code)
        if errors:
            raise PolicyError.from_errors(errors)

    @property
    def codes(self) -> tuple[str, ...]:
        """The role codes, in catalogue order."""
        return tuple(role.code for role in self.roles)

    def get(self, code: str) -> Role:
        """The role with ``code``; :class:`~salesdomain.UnknownEntity` names the known ones."""
        for role in self.roles:
            if role.code == code:
                return role
        raise UnknownEntity("role", code, f"not in this catalogue (known: {', '.join(self.codes)})")

    def __contains__(self, role: object) -> bool:
        if isinstance(role, str):
            return role in self.codes
        return role in self.roles


ENGLISH_ROLES: Final = RoleCatalogue(
    (
        SALES_REPRESENTATIVE,
        SALES_MANAGER,
        ACCOUNT_EXECUTIVE,
        BUSINESS_DEVELOPMENT_MANAGER,
        SALES_OPERATIONS_SPECIALIST,
    )
)
"""The five roles of the seed's English text (S6.R1-R5, ROLE-5)."""

SEED_ROLES: Final = RoleCatalogue(
    (
        HOTEL_LADDER.get("general_manager"),
        STORE_GENERAL_MANAGER,
        SALES_VICE_PRESIDENT,
        REAL_ESTATE_LADDER.get("marketing_director"),
        PRINCIPAL_SIGNATORY,
    )
)
"""The other roles the seed names (ROLE-11): 总经理, 店总经理, 销售副总, 营销总监, 甲方负责人."""


@attrs.frozen(field_transformer=wire_checks)
class Department:
    """A department the seed names (ROLE-11): an identifier, not a role.

    Args:
        code: a stable lower_snake_case code (``"finance"``).
        name_zh: the Chinese name (``"财务部"``).
        name_en: the English name.
        outside: whether it belongs to another organisation (the developer's 工程部,
            X-2; the 外协单位).

    >>> Department("finance", name_zh="财务部", name_en="finance department").name_zh
    '财务部'
    >>> Department("Finance Dept")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: code: must be lower_snake_case letters, digits and _, got 'Finance Dept'
    """

    code: str = attrs.field(metadata=check(_code))
    name_zh: str = attrs.field(default="", kw_only=True, metadata=check(_name))
    name_en: str = attrs.field(default="", kw_only=True, metadata=check(_name))
    outside: bool = attrs.field(default=False, kw_only=True, metadata=check(_bool))

    def display_name(self, locale: str = "zh_CN") -> str:
        """The name for ``locale`` (Chinese for ``zh*``, else English), or the code."""
        if not isinstance(locale, str):
            raise WrongType("locale", locale, "a locale name such as 'zh_CN' or 'en'")
        name = self.name_zh if locale.lower().startswith("zh") else self.name_en
        return name or self.code


def _to_departments(value: object) -> tuple[Department, ...]:
    items = _sequence(value, "departments")
    for index, item in enumerate(items):
        if not isinstance(item, Department):
            raise WrongType(f"departments[{index}]", item, "a Department")
    return items  # type: ignore[return-value]


@attrs.frozen
class DepartmentRegistry:
    """A company's departments, codes unique (ROLE-11).

    >>> from salesdomain.organisation import SEED_DEPARTMENTS
    >>> SEED_DEPARTMENTS.get("administration").name_zh
    '行政部'
    >>> SEED_DEPARTMENTS.get("legal")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: department: not in this registry (known: sales, finance, administration, management, marketing, customer_service, technical, purchasing, production, research_development, logistics, engineering, project_planning, external_partners), got 'legal'
    """

    departments: tuple[Department, ...] = attrs.field(converter=_to_departments)

    @departments.validator
    def _check(
        self, attribute: attrs.Attribute[tuple[Department, ...]], value: tuple[Department, ...]
    ) -> None:
        errors: list[tuple[str, str]] = []
        seen: set[str] = set()
        for index, department in enumerate(value):
            if department.code in seen:
                errors.append(
                    (f"departments[{index}].code", f"duplicate department code {department.code!r}")
                )
            seen.add(department.code)
        if errors:
            raise PolicyError.from_errors(errors)

    @property
    def codes(self) -> tuple[str, ...]:
        """The department codes, in registry order."""
        return tuple(department.code for department in self.departments)

    def get(self, code: str) -> Department:
        """The department with ``code``, or :class:`~salesdomain.UnknownEntity`."""
        for department in self.departments:
            if department.code == code:
                return department
        raise UnknownEntity(
            "department", code, f"not in this registry (known: {', '.join(self.codes)})"
        )

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.codes


def _dept(code: str, zh: str, en: str, *, outside: bool = False) -> Department:
    return Department(code, name_zh=zh, name_en=en, outside=outside)


SEED_DEPARTMENTS: Final = DepartmentRegistry(
    (
        _dept("sales", "销售部", "sales department"),
        _dept("finance", "财务部", "finance department"),
        _dept("administration", "行政部", "administration department"),
        _dept("management", "管理部", "management department"),
        _dept("marketing", "市场部门", "marketing department"),
        _dept("customer_service", "客户服务", "customer service"),
        _dept("technical", "技术部", "technical department"),
        _dept("purchasing", "采购部", "purchasing department"),
        _dept("production", "生产", "production"),
        _dept("research_development", "研发部门", "research and development"),
        _dept("logistics", "物流部门", "logistics"),
        _dept("engineering", "工程部", "developer's engineering department", outside=True),
        _dept("project_planning", "项目策划专案", "project-planning team"),
        _dept("external_partners", "外协单位", "external partners", outside=True),
    )
)
"""The departments the seed names (ROLE-11); 工程部 is the developer's (X-2)."""


# ---------------------------------------------------------------------------
# Accountability (ROLE-7)
# ---------------------------------------------------------------------------
def _to_entries(value: object) -> tuple[tuple[str, str, Role], ...]:
    if isinstance(value, Mapping):
        raw: list[tuple[object, object, object]] = []
        for index, (key, owner) in enumerate(value.items()):
            if not (isinstance(key, tuple) and len(key) == 2):
                raise WrongType(f"entries[{index}]", key, "a (department, kpi) key")
            raw.append((key[0], key[1], owner))
    else:
        raw = []
        for index, item in enumerate(_sequence(value, "entries")):
            if not (isinstance(item, tuple) and len(item) == 3):
                raise WrongType(f"entries[{index}]", item, "a (department, kpi, owner role) triple")
            raw.append((item[0], item[1], item[2]))
    errors: list[tuple[str, str]] = []
    owners: dict[tuple[str, str], list[Role]] = {}
    for index, (department, kpi, owner) in enumerate(raw):
        key = (
            _code(department, f"entries[{index}].department"),
            _code(kpi, f"entries[{index}].kpi"),
        )
        owners.setdefault(key, []).append(_typed(owner, Role, f"entries[{index}].owner", "a Role"))
    for (department, kpi), roles in owners.items():
        if len(roles) > 1:
            names = ", ".join(role.code for role in roles)
            errors.append(
                (
                    f"entries[{department!r}, {kpi!r}]",
                    f"a KPI has exactly one owner, got {len(roles)}: {names}",
                )
            )
    if errors:
        raise PolicyError.from_errors(errors)
    return tuple(sorted((key[0], key[1], roles[0]) for key, roles in owners.items()))


def _to_required_kpis(value: object) -> tuple[str, ...]:
    items = _sequence(value, "required_kpis")
    return tuple(dict.fromkeys(_code(item, f"required_kpis[{i}]") for i, item in enumerate(items)))


@attrs.frozen
class Accountability:
    """Who answers for each KPI of each department (ROLE-7): exactly one owner role.

    Args:
        entries: ``(department, kpi, owner role)`` triples, or a mapping of
            ``(department, kpi)`` to the owner; a KPI listed twice for one department
            (several owners) is a :class:`~salesdomain.PolicyError`.
        required_kpis: KPIs every department of the registry must have an owner for
            (zero owners is a :class:`~salesdomain.PolicyError` too).

    >>> from salesdomain import GENERIC_LADDER
    >>> from salesdomain.organisation import DEFAULT_ACCOUNTABILITY
    >>> DEFAULT_ACCOUNTABILITY.owner_of("sales", "collection_rate").name_zh
    '销售部经理'
    >>> manager = GENERIC_LADDER.get("sales_manager")
    >>> gm = GENERIC_LADDER.get("general_manager")
    >>> Accountability([("sales", "sales_target", manager), ("sales", "sales_target", gm)])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: entries['sales', 'sales_target']: a KPI has exactly one owner, got 2: sales_manager, general_manager
    """

    entries: tuple[tuple[str, str, Role], ...] = attrs.field(converter=_to_entries)
    required_kpis: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_required_kpis
    )

    def __attrs_post_init__(self) -> None:
        owned = {(department, kpi) for department, kpi, _ in self.entries}
        errors = [
            (f"entries[{department!r}, {kpi!r}]", "a required KPI has no owner")
            for department in self.departments
            for kpi in self.required_kpis
            if (department, kpi) not in owned
        ]
        if errors:
            raise PolicyError.from_errors(errors)

    @property
    def departments(self) -> tuple[str, ...]:
        """The departments named in the registry, sorted."""
        return tuple(sorted({department for department, _, _ in self.entries}))

    def owner_of(self, department: str, kpi: str) -> Role:
        """The one role accountable for ``kpi`` in ``department`` (ROLE-7).

        Raises:
            PolicyError: nobody owns that KPI (zero owners).

        >>> from salesdomain.organisation import DEFAULT_ACCOUNTABILITY
        >>> DEFAULT_ACCOUNTABILITY.owner_of("sales", "market_share")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.PolicyError: accountability: no role owns KPI 'market_share' of department 'sales', got ('sales', 'market_share')
        """
        department = _code(department, "department")
        kpi = _code(kpi, "kpi")
        for entry_department, entry_kpi, owner in self.entries:
            if (entry_department, entry_kpi) == (department, kpi):
                return owner
        raise PolicyError(
            "accountability",
            (department, kpi),
            f"no role owns KPI {kpi!r} of department {department!r}",
        )

    def owned_by(self, role: Role | str) -> tuple[tuple[str, str], ...]:
        """The ``(department, kpi)`` pairs ``role`` (or the role with that code) answers for.

        >>> from salesdomain.organisation import DEFAULT_ACCOUNTABILITY
        >>> [kpi for _, kpi in DEFAULT_ACCOUNTABILITY.owned_by("sales_manager")][:2]
        ['collection_rate', 'office_equipment']
        """
        code = _role_code(role, "role")
        return tuple((dept, kpi) for dept, kpi, owner in self.entries if owner.code == code)


_GENERIC_MANAGER: Final = GENERIC_LADDER.get("sales_manager")

DEFAULT_ACCOUNTABILITY: Final = Accountability(
    [("sales", kpi, _GENERIC_MANAGER) for kpi in MANAGER_KPIS], required_kpis=MANAGER_KPIS
)
"""The 销售部经理 answers for the department's target, collection rate, rule compliance,
training and office equipment (S7.M1-M5, ROLE-7)."""


# ---------------------------------------------------------------------------
# The policy (RULES.md section 23.1)
# ---------------------------------------------------------------------------
def _to_capabilities(value: object) -> tuple[tuple[str, frozenset[Action]], ...]:
    table: dict[str, frozenset[Action]] = {}
    errors: list[tuple[str, str]] = []
    for index, (key, actions) in enumerate(_pairs(value, "capabilities")):
        code = _role_code(key, f"capabilities[{index}]")
        if code in table:
            errors.append((f"capabilities[{code!r}]", f"role code {code!r} is listed twice"))
            continue
        table[code] = _actions(actions, f"capabilities[{code!r}]")
    if errors:
        raise PolicyError.from_errors(errors)
    return tuple(sorted(table.items()))


def _to_escalation_targets(value: object) -> tuple[tuple[str, str], ...]:
    targets: dict[str, str] = {}
    errors: list[tuple[str, str]] = []
    for index, (key, role) in enumerate(_pairs(value, "escalation_targets")):
        topic = check_text(key, f"escalation_targets[{index}]").upper()
        if not _TOPIC.match(topic):
            raise InvalidInput(
                f"escalation_targets[{index}]", key, "a topic is UPPER_SNAKE_CASE (QUOTE_MAJOR)"
            )
        code = _role_code(role, f"escalation_targets[{topic!r}]")
        if topic in targets:
            errors.append((f"escalation_targets[{topic!r}]", f"topic {topic!r} is listed twice"))
            continue
        targets[topic] = code
    if errors:
        raise PolicyError.from_errors(errors)
    return tuple(sorted(targets.items()))


def _positive(value: object, field: str) -> int:
    return check_int(value, field, minimum=1)


def _to_turnover_target(value: object) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, "staff_turnover_target")
    if number < ZERO:
        raise PolicyError("staff_turnover_target", value, "must not be negative")
    return number


def _to_accountability(value: object) -> Accountability:
    if isinstance(value, Accountability):
        return value
    if isinstance(value, (Mapping, list, tuple)):
        return Accountability(value)
    raise WrongType("accountability", value, "an Accountability")


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class OrganisationPolicy:
    """The company's organisation settings (RULES.md section 23.1).

    Args:
        capabilities: role code to the actions it may take (ROLE-5, C5, C6, C9); a
            mapping or ``(code, actions)`` pairs, keys may be :class:`Role` values.
            Default :data:`S6_CAPABILITIES`.
        escalation_targets: topic (``QUOTE_MAJOR``, ``LEAVE``, ``TASK_REPORT``...) to
            the role code it escalates to (C4).  A topic not listed escalates to the
            direct superior (X-3).  Default: none listed.
        min_duty_staff: people on duty each working day (ROLE-9, default 1).
        task_report_required: whether a finished task is reported upwards (ROLE-10;
            default ``False``; the real-estate agency's S11.C1 sets it).
        staff_turnover_target: the highest acceptable turnover rate as a fraction
            (ROLE-12); the seed gives none, so the default ``None`` sets no target.
        accountability: who answers for each KPI (ROLE-7, default
            :data:`DEFAULT_ACCOUNTABILITY`).

    The pipeline's ``account_handover_role`` (also section 23.1) lives in
    ``PipelinePolicy``.

    >>> OrganisationPolicy(min_duty_staff=2).min_duty_staff
    2
    >>> OrganisationPolicy(capabilities=[("sales_manager", ["set_goals"]),
    ...                                  ("sales_manager", ["pitch"])])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: capabilities['sales_manager']: role code 'sales_manager' is listed twice
    """

    capabilities: tuple[tuple[str, frozenset[Action]], ...] = attrs.field(
        default=S6_CAPABILITIES, converter=_to_capabilities
    )
    escalation_targets: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_to_escalation_targets
    )
    min_duty_staff: int = attrs.field(default=1, metadata=check(_positive))
    task_report_required: bool = attrs.field(default=False, metadata=check(_bool))
    staff_turnover_target: Decimal | None = attrs.field(default=None, converter=_to_turnover_target)
    accountability: Accountability = attrs.field(
        default=DEFAULT_ACCOUNTABILITY, converter=_to_accountability
    )
    _table: Mapping[str, frozenset[Action]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_table", dict(self.capabilities))

    def actions_of(self, role: Role | str) -> frozenset[Action]:
        """The actions ``role`` (a :class:`Role` or a role code) may take (ROLE-5).

        Raises:
            UnknownEntity: the role has no entry in the capability table.

        >>> sorted(a.value for a in OrganisationPolicy().actions_of("sales_representative"))
        ['close', 'identify_lead', 'pitch']
        >>> OrganisationPolicy().actions_of(None)
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.WrongType: role: expected a non-empty str, got NoneType None
        """
        code = _role_code(role, "role")
        try:
            return self._table[code]
        except KeyError:
            known = ", ".join(self._table)
            raise UnknownEntity(
                "role", code, f"has no entry in the capability table (known: {known})"
            ) from None

    def escalation_role(self, topic: str) -> str | None:
        """The role code configured for ``topic``, or ``None`` (then: the direct superior).

        >>> policy = OrganisationPolicy(escalation_targets={"LEAVE": "marketing_director"})
        >>> policy.escalation_role("leave"), policy.escalation_role("QUOTE_MAJOR")
        ('marketing_director', None)
        >>> policy.escalation_role("")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: topic: must not be empty, got ''
        """
        wanted = check_text(topic, "topic").upper()
        return dict(self.escalation_targets).get(wanted)


def _check_policy(policy: object) -> OrganisationPolicy:
    return _typed(policy, OrganisationPolicy, "policy", "an OrganisationPolicy")


def _check_chart(org_chart: object) -> OrgChart:
    return _typed(org_chart, OrgChart, "org_chart", "an OrgChart")


def _member(chart: OrgChart, employee_id: str, field: str) -> Employee:
    try:
        return chart.get(employee_id)
    except UnknownEntity:
        raise UnknownEntity(field, employee_id, "not in this org chart") from None


# ---------------------------------------------------------------------------
# ROLE-5: capabilities
# ---------------------------------------------------------------------------
def can(role: Role | str, action: Action | str, policy: OrganisationPolicy) -> bool:
    """Whether ``role`` may take ``action`` under the policy's capability table (ROLE-5).

    Args:
        role: a :class:`Role` or a role code; looked up by code.
        action: an :class:`Action` or its value (``"negotiate_contract"``).
        policy: the organisation policy.

    Returns:
        ``True`` when the role's entry lists the action.

    Raises:
        UnknownEntity: the role has no entry in the table, or the action is unknown.

    >>> from salesdomain.organisation import Action, OrganisationPolicy, SALES_MANAGER
    >>> can(SALES_MANAGER, "set_goals", OrganisationPolicy())
    True
    >>> can(SALES_MANAGER, "fly", OrganisationPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: action: expected one of identify_lead, pitch, close, set_goals, develop_strategy, monitor_performance, develop_proposal, negotiate_contract, manage_account, manage_sales_data, create_report, forecast, draft_contract, set_price_policy, got 'fly'
    """
    wanted = _enum(action, Action, "action")
    return wanted in _check_policy(policy).actions_of(role)


def check_capability(
    role: Role | str, action: Action | str, policy: OrganisationPolicy
) -> Decision:
    """:func:`can` as a decision with its reason, for rules that take a Decision (ROLE-5).

    ``ALLOWED`` with ``role_has_capability``, or ``REJECTED`` with
    ``role_lacks_capability``.

    Raises:
        UnknownEntity: as :func:`can`.

    >>> from salesdomain.organisation import OrganisationPolicy, SALES_REPRESENTATIVE
    >>> d = check_capability(SALES_REPRESENTATIVE, "draft_contract", OrganisationPolicy())
    >>> d.verdict.value, d.reasons[0].code
    ('rejected', 'role_lacks_capability')
    >>> check_capability(SALES_REPRESENTATIVE, 3, OrganisationPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: action: expected Action, got int 3
    """
    wanted = _enum(action, Action, "action")
    allowed = wanted in _check_policy(policy).actions_of(role)
    params = {
        "role": role if isinstance(role, Role) else _role_code(role, "role"),
        "action": wanted,
    }
    if allowed:
        return Decision(Verdict.ALLOWED, (Reason("ROLE-5", "role_has_capability", params),))
    return Decision(Verdict.REJECTED, (Reason("ROLE-5", "role_lacks_capability", params),))


def roles_that_can(action: Action | str, policy: OrganisationPolicy) -> tuple[str, ...]:
    """The role codes whose capabilities include ``action``, sorted (ROLE-5, CONTRACT-9).

    >>> from salesdomain.organisation import OrganisationPolicy
    >>> roles_that_can("negotiate_contract", OrganisationPolicy())
    ('account_executive', 'business_development_manager')
    >>> roles_that_can("NEGOTIATE", OrganisationPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: action: expected one of identify_lead, pitch, close, set_goals, develop_strategy, monitor_performance, develop_proposal, negotiate_contract, manage_account, manage_sales_data, create_report, forecast, draft_contract, set_price_policy, got 'NEGOTIATE'
    """
    wanted = _enum(action, Action, "action")
    return tuple(code for code, actions in _check_policy(policy).capabilities if wanted in actions)


# ---------------------------------------------------------------------------
# Escalation (C4, X-3) and the department's manager
# ---------------------------------------------------------------------------
def escalation_target(
    topic: str, employee: Employee | str, org_chart: OrgChart, policy: OrganisationPolicy
) -> Employee:
    """Who ``employee`` escalates ``topic`` to (C4, X-1, X-3).

    When the policy lists the topic in ``escalation_targets``, the nearest superior of
    ``employee`` holding that role; otherwise the direct superior.

    Raises:
        UnknownEntity: the employee is not in the chart, or no superior holds the
            configured role.
        InvalidInput: the employee has no superior (the top of the chart).

    >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee, OrgChart
    >>> from salesdomain.organisation import OrganisationPolicy
    >>> chart = OrgChart(
    ...     [Employee("d1", "王总监", L.get("marketing_director")),
    ...      Employee("m1", "李经理", L.get("sales_manager")),
    ...      Employee("s1", "赵主管", L.get("sales_supervisor"))],
    ...     {"m1": "d1", "s1": "m1"})
    >>> escalation_target("QUOTE_MAJOR", "s1", chart, OrganisationPolicy()).id
    'm1'
    >>> to_director = OrganisationPolicy(escalation_targets={"QUOTE_MAJOR": "marketing_director"})
    >>> escalation_target("QUOTE_MAJOR", "s1", chart, to_director).id
    'd1'
    >>> escalation_target("QUOTE_MAJOR", "d1", chart, OrganisationPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: employee: has no superior to escalate 'QUOTE_MAJOR' to, got 'd1'
    """
    policy = _check_policy(policy)
    chart = _check_chart(org_chart)
    wanted = check_text(topic, "topic").upper()
    person = chart.get(_person_id(employee, "employee"))
    chain = chart.chain_of_command(person)
    code = policy.escalation_role(wanted)
    if code is None:
        if not chain:
            raise InvalidInput("employee", person.id, f"has no superior to escalate {wanted!r} to")
        return chain[0]
    for boss in chain:
        if boss.role.code == code:
            return boss
    raise UnknownEntity(
        f"escalation_targets[{wanted!r}]",
        code,
        f"no superior of {person.id!r} holds this role",
    )


def department_manager(employee: Employee | str, org_chart: OrgChart) -> Employee:
    """The manager of ``employee``'s department: its highest member above the employee.

    Walks up the chain of command while the superiors belong to the same department;
    the last of them heads it.  A department head is their own department's manager.
    The org chart carries no history: pass the chart as it stood on the day in question.

    Raises:
        UnknownEntity: the employee is not in the chart.
        InvalidInput: the employee belongs to no department.

    >>> from salesdomain import GENERIC_LADDER as G, Employee, OrgChart
    >>> chart = OrgChart(
    ...     [Employee("gm", "总经理", G.get("general_manager")),
    ...      Employee("m1", "李经理", G.get("sales_manager"), department="sales"),
    ...      Employee("s1", "小王", G.get("salesperson"), department="sales")],
    ...     {"m1": "gm", "s1": "m1"})
    >>> department_manager("s1", chart).id
    'm1'
    >>> department_manager("gm", chart)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: department: employee 'gm' belongs to no department, got None
    """
    chart = _check_chart(org_chart)
    person = chart.get(_person_id(employee, "employee"))
    if person.department is None:
        raise InvalidInput(
            "department", person.department, f"employee {person.id!r} belongs to no department"
        )
    head = person
    for boss in chart.chain_of_command(person):
        if boss.department != person.department:
            break
        head = boss
    return head


# ---------------------------------------------------------------------------
# ROLE-6: joint liability
# ---------------------------------------------------------------------------


def _to_incident_employee(value: object) -> str | None:
    return _optional_person(value, "employee")


@attrs.frozen(field_transformer=wire_checks)
class Incident:
    """A problem caused in the department (ROLE-6), possibly not yet tied to anyone.

    Args:
        id: the incident's id.
        employee: the employee who caused it (an id or an :class:`~salesdomain.Employee`),
            or ``None`` while nobody is named.
        occurred_on: the day it happened.
        description: free text.

    >>> Incident("INC-1", employee="s1", occurred_on=datetime.date(2026, 3, 2)).employee
    's1'
    >>> Incident("INC-1", employee="s1", occurred_on=datetime.datetime(2026, 3, 2, 9, 0))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: occurred_on: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 2, 9, 0)
    """

    id: str = attrs.field(metadata=check(check_text))
    employee: str | None = attrs.field(kw_only=True, converter=_to_incident_employee)
    occurred_on: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    description: str = attrs.field(default="", kw_only=True, metadata=check(_name))


def liable_parties(incident: Incident, org_chart: OrgChart) -> frozenset[str]:
    """Who answers for ``incident`` (ROLE-6, 连带责任): the employee and their manager.

    The manager is :func:`department_manager` of the employee; for the manager's own
    incident the set holds the manager alone.  Pass the org chart as it stood on
    ``incident.occurred_on``.

    Returns:
        The employee ids, always including the incident's employee.

    Raises:
        InvalidInput: the incident names no employee, or the employee belongs to no
            department.
        UnknownEntity: the employee is not in the chart.

    >>> from salesdomain import GENERIC_LADDER as G, Employee, OrgChart
    >>> chart = OrgChart(
    ...     [Employee("gm", "总经理", G.get("general_manager")),
    ...      Employee("m1", "李经理", G.get("sales_manager"), department="sales"),
    ...      Employee("s1", "小王", G.get("salesperson"), department="sales")],
    ...     {"m1": "gm", "s1": "m1"})
    >>> day = datetime.date(2026, 3, 2)
    >>> sorted(liable_parties(Incident("INC-1", employee="s1", occurred_on=day), chart))
    ['m1', 's1']
    >>> liable_parties(Incident("INC-2", employee=None, occurred_on=day), chart)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: incident.employee: an incident without an employee has no liable parties (ROLE-6), got None
    """
    incident = _typed(incident, Incident, "incident", "an Incident")
    if incident.employee is None:
        raise InvalidInput(
            "incident.employee",
            None,
            "an incident without an employee has no liable parties (ROLE-6)",
        )
    manager = department_manager(incident.employee, org_chart)
    return frozenset({incident.employee, manager.id})


# ---------------------------------------------------------------------------
# ROLE-8: territories
# ---------------------------------------------------------------------------


def _to_region_manager(value: object) -> str | None:
    return _optional_person(value, "manager")


@attrs.frozen(field_transformer=wire_checks)
class Territory:
    """A sales region (区域, ROLE-8).

    Args:
        code: the region id (``"east"``, ``"华东"``).
        name_zh: the Chinese name.
        name_en: the English name.
        manager: the regional manager's employee id, if any.

    >>> Territory("east", name_zh="华东区", manager="m1").manager
    'm1'
    >>> Territory("  ")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: code: must not be empty, got '  '
    """

    code: str = attrs.field(metadata=check(check_text))
    name_zh: str = attrs.field(default="", kw_only=True, metadata=check(_name))
    name_en: str = attrs.field(default="", kw_only=True, metadata=check(_name))
    manager: str | None = attrs.field(default=None, kw_only=True, converter=_to_region_manager)


def _to_territories(value: object) -> tuple[Territory, ...]:
    items = _sequence(value, "territories")
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        territory = _typed(item, Territory, f"territories[{index}]", "a Territory")
        if territory.code in seen:
            errors.append(
                (f"territories[{index}].code", f"duplicate region code {territory.code!r}")
            )
        seen.add(territory.code)
    if errors:
        raise PolicyError.from_errors(errors)
    return items  # type: ignore[return-value]


def _to_assignments(value: object) -> tuple[tuple[str, str], ...]:
    regions: dict[str, list[str]] = {}
    for index, (subject, region) in enumerate(_pairs(value, "assignments")):
        key = check_text(subject, f"assignments[{index}]")
        code = check_text(region, f"assignments[{key!r}]")
        listed = regions.setdefault(key, [])
        if code not in listed:
            listed.append(code)
    errors = [
        (f"assignments[{key!r}]", f"is in {len(codes)} regions ({', '.join(codes)}), not one")
        for key, codes in regions.items()
        if len(codes) > 1
    ]
    if errors:
        raise PolicyError.from_errors(errors)
    return tuple(sorted((key, codes[0]) for key, codes in regions.items()))


@attrs.frozen
class TerritoryMap:
    """Each customer or deal in exactly one region (ROLE-8).

    Args:
        territories: the regions, codes unique.
        assignments: customer or deal id to region code, as a mapping or as
            ``(id, region)`` pairs; an id in two regions is refused
            (:class:`~salesdomain.PolicyError`), as is an unknown region.

    >>> from salesdomain.organisation import Territory
    >>> regions = (Territory("east"), Territory("west"))
    >>> tmap = TerritoryMap(regions, {"C-1": "east", "HT-9": "west"})
    >>> tmap.region_of("HT-9").code
    'west'
    >>> TerritoryMap(regions, [("HT-9", "east"), ("HT-9", "west")])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: assignments['HT-9']: is in 2 regions (east, west), not one
    """

    territories: tuple[Territory, ...] = attrs.field(converter=_to_territories)
    assignments: tuple[tuple[str, str], ...] = attrs.field(converter=_to_assignments)
    _regions: Mapping[str, Territory] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _by_subject: Mapping[str, str] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        regions = {territory.code: territory for territory in self.territories}
        errors = [
            (f"assignments[{subject!r}]", f"unknown region {region!r}")
            for subject, region in self.assignments
            if region not in regions
        ]
        if errors:
            raise PolicyError.from_errors(errors)
        object.__setattr__(self, "_regions", regions)
        object.__setattr__(self, "_by_subject", dict(self.assignments))

    def territory(self, code: str) -> Territory:
        """The region with ``code``, or :class:`~salesdomain.UnknownEntity`."""
        try:
            return self._regions[code]
        except (KeyError, TypeError):
            known = ", ".join(self._regions)
            raise UnknownEntity(
                "region", code, f"not a region of this map (known: {known})"
            ) from None

    def region_of(self, subject: str) -> Territory:
        """The region of a customer or deal.

        Raises:
            InvalidInput: the customer or deal has no region (ROLE-8).

        >>> from salesdomain.organisation import Territory
        >>> TerritoryMap([Territory("east")], {"C-1": "east"}).region_of("HT-3")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: subject: has no region (ROLE-8), got 'HT-3'
        """
        key = check_text(subject, "subject")
        region = self._by_subject.get(key)
        if region is None:
            raise InvalidInput("subject", subject, "has no region (ROLE-8)")
        return self._regions[region]

    def manager_of(self, subject: str) -> str | None:
        """The manager of the region a customer or deal is in (``None`` if it has none)."""
        return self.region_of(subject).manager

    def subjects_in(self, region: str) -> tuple[str, ...]:
        """The customer and deal ids assigned to ``region``, sorted.

        >>> from salesdomain.organisation import Territory
        >>> tmap = TerritoryMap([Territory("east")], {"HT-2": "east", "C-1": "east"})
        >>> tmap.subjects_in("east")
        ('C-1', 'HT-2')
        >>> tmap.subjects_in("north")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.UnknownEntity: region: not a region of this map (known: east), got 'north'
        """
        code = self.territory(region).code
        return tuple(subject for subject, where in self.assignments if where == code)

    @overload
    def in_region(self, items: Iterable[str], region: str) -> tuple[str, ...]: ...

    @overload
    def in_region(
        self, items: Iterable[_T], region: str, *, key: Callable[[_T], str]
    ) -> tuple[_T, ...]: ...

    def in_region(
        self, items: Iterable[_T], region: str, *, key: Callable[[_T], str] | None = None
    ) -> tuple[_T, ...]:
        """The ``items`` (ids, or records with ``key`` giving the id) of ``region``.

        Sales, collections and after-sales queries filter by region this way (ROLE-8).
        Every item must have a region: one without raises :class:`InvalidInput`.

        >>> from salesdomain.organisation import Territory
        >>> tmap = TerritoryMap([Territory("east"), Territory("west")],
        ...                     {"C-1": "east", "C-2": "west", "C-3": "east"})
        >>> tmap.in_region(["C-3", "C-2", "C-1"], "east")
        ('C-3', 'C-1')
        >>> deals = [("HT-1", "C-2"), ("HT-2", "C-1")]
        >>> tmap.in_region(deals, "west", key=lambda deal: deal[1])
        (('HT-1', 'C-2'),)
        >>> tmap.in_region(["C-1", "C-9"], "east")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: items[1]: has no region (ROLE-8), got 'C-9'
        """
        code = self.territory(region).code
        return tuple(item for item, where in self._located(items, key) if where == code)

    def by_region(
        self, items: Iterable[_T], *, key: Callable[[_T], str] | None = None
    ) -> dict[str, tuple[_T, ...]]:
        """The ``items`` grouped by region code, every region present (in map order).

        >>> from salesdomain.organisation import Territory
        >>> tmap = TerritoryMap([Territory("east"), Territory("west")], {"C-1": "east"})
        >>> tmap.by_region(["C-1"])
        {'east': ('C-1',), 'west': ()}
        >>> tmap.by_region([7])
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.WrongType: items[0]: expected a non-empty str, got int 7
        """
        groups: dict[str, list[_T]] = {code: [] for code in self._regions}
        for item, where in self._located(items, key):
            groups[where].append(item)
        return {code: tuple(found) for code, found in groups.items()}

    def _located(
        self, items: Iterable[_T], key: Callable[[_T], str] | None
    ) -> list[tuple[_T, str]]:
        if key is not None and not callable(key):
            raise WrongType("key", key, "a function giving an item's customer or deal id")
        given: tuple[_T, ...] = _sequence(items, "items")  # type: ignore[assignment]
        located: list[tuple[_T, str]] = []
        for index, item in enumerate(given):
            subject = check_text(item if key is None else key(item), f"items[{index}]")
            region = self._by_subject.get(subject)
            if region is None:
                raise InvalidInput(f"items[{index}]", subject, "has no region (ROLE-8)")
            located.append((item, region))
        return located


# ---------------------------------------------------------------------------
# ROLE-9: the duty rota
# ---------------------------------------------------------------------------
def _to_rota_days(value: object) -> tuple[tuple[_dt.date, frozenset[str]], ...]:
    days: dict[_dt.date, frozenset[str]] = {}
    for index, (day, people) in enumerate(_pairs(value, "days")):
        date = check_date(day, f"days[{index}]")
        if date in days:
            raise InvalidInput(f"days[{index}]", date, "the day is listed twice")
        field = f"days[{date.isoformat()}]"
        days[date] = frozenset(
            _person_id(person, f"{field}[{i}]") for i, person in enumerate(_sequence(people, field))
        )
    return tuple(sorted(days.items()))


@attrs.frozen
class DutyRota:
    """Who is on duty (值班) on each day (ROLE-9).

    Args:
        days: day to the employee ids (or :class:`~salesdomain.Employee` values) on
            duty, as a mapping or as ``(day, people)`` pairs; a day listed twice is
            refused.

    >>> rota = DutyRota({datetime.date(2026, 3, 2): ["c1", "c2"]})
    >>> sorted(rota.on(datetime.date(2026, 3, 2))), rota.on(datetime.date(2026, 3, 3))
    (['c1', 'c2'], frozenset())
    >>> DutyRota({"2026-03-02": ["c1"]})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: days[0]: expected a datetime.date, got str '2026-03-02'
    """

    days: tuple[tuple[_dt.date, frozenset[str]], ...] = attrs.field(converter=_to_rota_days)

    def on(self, day: _dt.date) -> frozenset[str]:
        """The people on duty on ``day`` (empty when nobody is rostered)."""
        wanted = check_date(day, "day")
        for date, people in self.days:
            if date == wanted:
                return people
        return frozenset()


class RotaIssueKind(enum.Enum):
    """What is wrong with one day of the rota (ROLE-9)."""

    UNDERSTAFFED = "understaffed"
    ON_LEAVE = "on_leave"


@attrs.frozen
class RotaIssue:
    """One problem of the rota: a day short of staff, or one person rostered on leave."""

    day: _dt.date
    kind: RotaIssueKind
    employee: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class RotaCheck(Decision):
    """The result of :func:`check_rota`: ``REJECTED`` with one reason per issue.

    Attributes:
        issues: the issues, by day; for one day the people on leave come first.
    """

    issues: tuple[RotaIssue, ...] = attrs.field(default=(), kw_only=True)

    @property
    def understaffed(self) -> tuple[_dt.date, ...]:
        """The working days short of duty staff, each once."""
        return tuple(i.day for i in self.issues if i.kind is RotaIssueKind.UNDERSTAFFED)

    @property
    def staff_on_leave(self) -> tuple[tuple[_dt.date, str], ...]:
        """``(day, employee)`` for everyone rostered while on approved leave."""
        return tuple(
            (i.day, i.employee)
            for i in self.issues
            if i.kind is RotaIssueKind.ON_LEAVE and i.employee is not None
        )


def _leave_spans(leaves: object) -> tuple[tuple[str, Period], ...]:
    spans: list[tuple[str, Period]] = []
    for index, item in enumerate(_sequence(leaves, "leaves")):
        if isinstance(item, tuple) and len(item) == 2:
            who, period = item
        elif hasattr(item, "employee") and hasattr(item, "period"):
            who, period = item.employee, item.period
        else:
            raise WrongType(
                f"leaves[{index}]",
                item,
                "an (employee id, Period) pair or a leave with .employee and .period",
            )
        employee = _person_id(who, f"leaves[{index}].employee")
        spans.append((employee, _typed(period, Period, f"leaves[{index}].period", "a Period")))
    return tuple(spans)


def check_rota(
    rota: DutyRota,
    working_days: Iterable[_dt.date],
    leaves: Iterable[object],
    policy: OrganisationPolicy,
) -> RotaCheck:
    """Check a duty rota (ROLE-9, 安排好轮值工作人员).

    Every working day needs at least ``policy.min_duty_staff`` people on duty who are
    not on leave, and nobody on approved leave may be rostered (ATT-9).  Issues are
    returned as reasons, never raised.

    Args:
        rota: the rota.
        working_days: the company's working days to check (from its calendar).
        leaves: the *approved* leaves, as ``(employee id, Period)`` pairs or values
            with ``.employee`` and ``.period`` (the attendance module's ``Leave``
            once its route is complete).
        policy: the organisation policy.

    Returns:
        ``ALLOWED`` with ``rota_complete``, or ``REJECTED`` with a
        ``rota_staff_on_leave`` reason per person and day and a ``rota_understaffed``
        reason per short day.

    >>> from salesdomain import Period
    >>> from salesdomain.organisation import OrganisationPolicy
    >>> mon, tue = datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)
    >>> rota = DutyRota({mon: ["c1"], tue: ["c2"]})
    >>> check = check_rota(rota, [mon, tue], [("c2", Period.day(tue))], OrganisationPolicy())
    >>> check.verdict.value, [r.code for r in check.reasons], check.understaffed
    ('rejected', ['rota_staff_on_leave', 'rota_understaffed'], (datetime.date(2026, 3, 3),))
    >>> check_rota(rota, [mon], [("c2", tue)], OrganisationPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: leaves[0].period: expected a Period, got date datetime.date(2026, 3, 3)
    """
    rota = _typed(rota, DutyRota, "rota", "a DutyRota")
    policy = _check_policy(policy)
    working = {
        check_date(day, f"working_days[{index}]")
        for index, day in enumerate(_sequence(working_days, "working_days"))
    }
    spans = _leave_spans(leaves)
    rostered = dict(rota.days)
    reasons: list[Reason] = []
    issues: list[RotaIssue] = []
    for day in sorted(working | set(rostered)):
        people = rostered.get(day, frozenset())
        away = sorted(who for who in people if any(w == who and day in p for w, p in spans))
        for who in away:
            issues.append(RotaIssue(day, RotaIssueKind.ON_LEAVE, employee=who))
            reasons.append(Reason("ROLE-9", "rota_staff_on_leave", {"day": day, "employee": who}))
        available = len(people) - len(away)
        if day in working and available < policy.min_duty_staff:
            issues.append(RotaIssue(day, RotaIssueKind.UNDERSTAFFED))
            reasons.append(
                Reason(
                    "ROLE-9",
                    "rota_understaffed",
                    {"day": day, "available": available, "required": policy.min_duty_staff},
                )
            )
    if reasons:
        return RotaCheck(Verdict.REJECTED, reasons, issues=tuple(issues))
    complete = Reason("ROLE-9", "rota_complete", {"days": len(working)})
    return RotaCheck(Verdict.ALLOWED, (complete,))


# ---------------------------------------------------------------------------
# ROLE-10: tasks
# ---------------------------------------------------------------------------
class TaskState(enum.Enum):
    """Where a task stands (ROLE-10)."""

    ASSIGNED = "assigned"
    DONE = "done"
    REPORTED = "reported"


def _to_assignee(value: object) -> str:
    return _person_id(value, "assignee")


def _to_assigner(value: object) -> str:
    return _person_id(value, "assigner")


def _to_task_state(value: object) -> TaskState:
    return _enum(value, TaskState, "state")


def _to_reported_to(value: object) -> str | None:
    return _optional_person(value, "reported_to")


@attrs.frozen(eq=False, field_transformer=wire_checks)
class Task:
    """A task given by the company or a superior (ROLE-10, 分派 / 交办 / 下达).

    ``ASSIGNED -> DONE -> REPORTED``; ``REPORTED`` only where the policy requires a
    completion report (the real-estate agency's 「及时将完成情况上报营销总监」).  Open a
    task with :meth:`assign`, which checks the assigner; the constructor itself only
    checks that the fields agree with the state (to restore a stored task).
    Transitions return a new task; two tasks are equal when their ids are.

    Args:
        id: the task's id.
        assignee: who must do it (an employee id or an Employee).
        assigner: who gave it: a superior's id, or :data:`COMPANY`.
        assigned_on: the day it was given.
        due: the last day to finish it (not before ``assigned_on``).
        title: what it is.
        state: the current state (default ``ASSIGNED``).
        done_on: when it was finished (set exactly from ``DONE`` on).
        reported_on: when its completion was reported (set in ``REPORTED``).
        reported_to: who it was reported to (set in ``REPORTED``).

    >>> Task("T-1", "m1", assigner="d1", assigned_on=datetime.date(2026, 3, 2),
    ...      due=datetime.date(2026, 3, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: due: must not be before assigned_on 2026-03-02, got datetime.date(2026, 3, 1)
    """

    id: str = attrs.field(metadata=check(check_text))
    assignee: str = attrs.field(converter=_to_assignee)
    assigner: str = attrs.field(kw_only=True, converter=_to_assigner)
    assigned_on: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    due: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    title: str = attrs.field(default="", kw_only=True, metadata=check(_name))
    state: TaskState = attrs.field(
        default=TaskState.ASSIGNED, kw_only=True, converter=_to_task_state
    )
    done_on: _dt.date | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_date)
    )
    reported_on: _dt.date | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_date)
    )
    reported_to: str | None = attrs.field(default=None, kw_only=True, converter=_to_reported_to)

    def __attrs_post_init__(self) -> None:
        if self.due < self.assigned_on:
            raise InvalidInput(
                "due", self.due, f"must not be before assigned_on {self.assigned_on}"
            )
        if self.assigner == self.assignee:
            raise InvalidInput("assigner", self.assigner, "cannot assign a task to themselves")
        done = self.state is not TaskState.ASSIGNED
        reported = self.state is TaskState.REPORTED
        if (self.done_on is not None) != done:
            need = "is required" if done else "must be None"
            raise InvalidInput("done_on", self.done_on, f"{need} in state {self.state.value!r}")
        for name in ("reported_on", "reported_to"):
            value = getattr(self, name)
            if (value is not None) != reported:
                need = "is required" if reported else "must be None"
                raise InvalidInput(name, value, f"{need} in state {self.state.value!r}")
        if self.done_on is not None and self.done_on < self.assigned_on:
            raise InvalidInput(
                "done_on", self.done_on, f"must not be before assigned_on {self.assigned_on}"
            )
        if (
            self.done_on is not None
            and self.reported_on is not None
            and self.reported_on < self.done_on
        ):
            raise InvalidInput(
                "reported_on", self.reported_on, f"must not be before done_on {self.done_on}"
            )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Task):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash(("Task", self.id))

    @classmethod
    def assign(
        cls,
        id: str,
        *,
        assignee: Employee | str,
        assigner: Employee | str,
        assigned_on: _dt.date,
        due: _dt.date,
        org_chart: OrgChart,
        title: str = "",
    ) -> Task:
        """Give a task (ROLE-10): the assigner must be above the assignee, or the company.

        Raises:
            IllegalTransition: the assigner is not an ancestor of the assignee in the
                org chart (and not :data:`COMPANY`).
            UnknownEntity: the assignee or the assigner is not in the chart.

        >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee, OrgChart
        >>> chart = OrgChart(
        ...     [Employee("d1", "王总监", L.get("marketing_director")),
        ...      Employee("m1", "李经理", L.get("sales_manager")),
        ...      Employee("s1", "赵主管", L.get("sales_supervisor"))],
        ...     {"m1": "d1", "s1": "m1"})
        >>> day = datetime.date(2026, 3, 2)
        >>> Task.assign("T-1", assignee="s1", assigner="d1", assigned_on=day, due=day,
        ...             org_chart=chart).state.value
        'assigned'
        >>> Task.assign("T-2", assignee="m1", assigner="s1", assigned_on=day, due=day,
        ...             org_chart=chart)
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.IllegalTransition: cannot assign in state 'unassigned': assigner 's1' is not above assignee 'm1' in the org chart; only a superior or the company may assign a task (ROLE-10)
        """
        chart = _check_chart(org_chart)
        person = _member(chart, _to_assignee(assignee), "assignee")
        giver = _to_assigner(assigner)
        if giver != COMPANY:
            _member(chart, giver, "assigner")
            if giver not in {boss.id for boss in chart.chain_of_command(person)}:
                raise IllegalTransition(
                    "unassigned",
                    "assign",
                    f"assigner {giver!r} is not above assignee {person.id!r} in the org chart;"
                    " only a superior or the company may assign a task (ROLE-10)",
                )
        return cls(id, person.id, assigner=giver, assigned_on=assigned_on, due=due, title=title)

    def complete(self, on: _dt.date) -> Task:
        """ASSIGNED -> DONE on day ``on``.

        Raises:
            IllegalTransition: the task is already done.
            InvalidInput: ``on`` is before the task was assigned.

        >>> task = Task("T-1", "m1", assigner="company", assigned_on=datetime.date(2026, 3, 2),
        ...             due=datetime.date(2026, 3, 6))
        >>> task.complete(datetime.date(2026, 3, 5)).done_on
        datetime.date(2026, 3, 5)
        >>> task.complete(datetime.date(2026, 3, 5)).complete(datetime.date(2026, 3, 6))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.IllegalTransition: cannot complete in state 'done': the task is already done
        """
        day = check_date(on, "on")
        if self.state is not TaskState.ASSIGNED:
            raise IllegalTransition(self.state.value, "complete", "the task is already done")
        if day < self.assigned_on:
            raise InvalidInput("on", day, f"is before the task was assigned ({self.assigned_on})")
        return attrs.evolve(self, state=TaskState.DONE, done_on=day)

    def report(self, on: _dt.date, *, org_chart: OrgChart, policy: OrganisationPolicy) -> Task:
        """DONE -> REPORTED: report the completion upwards (ROLE-10, S11.C1).

        The report goes to :func:`escalation_target` for :data:`TASK_REPORT_TOPIC`:
        the assignee's direct superior unless the policy names a role.

        Raises:
            IllegalTransition: the task is not done yet, was already reported, or the
                policy requires no completion report.
            InvalidInput: ``on`` is before the task was done.

        >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee, OrgChart
        >>> from salesdomain.organisation import OrganisationPolicy
        >>> chart = OrgChart(
        ...     [Employee("d1", "王总监", L.get("marketing_director")),
        ...      Employee("m1", "李经理", L.get("sales_manager"))], {"m1": "d1"})
        >>> day = datetime.date(2026, 3, 2)
        >>> policy = OrganisationPolicy(task_report_required=True)
        >>> task = Task.assign("T-1", assignee="m1", assigner="company", assigned_on=day,
        ...                    due=day, org_chart=chart)
        >>> task.complete(day).report(day, org_chart=chart, policy=policy).reported_to
        'd1'
        >>> task.report(day, org_chart=chart, policy=policy)
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.IllegalTransition: cannot report in state 'assigned': the task is not done yet
        """
        day = check_date(on, "on")
        policy = _check_policy(policy)
        if self.state is TaskState.ASSIGNED:
            raise IllegalTransition(self.state.value, "report", "the task is not done yet")
        if self.state is TaskState.REPORTED:
            raise IllegalTransition(self.state.value, "report", "the task was already reported")
        if not policy.task_report_required:
            raise IllegalTransition(
                self.state.value,
                "report",
                "the policy requires no completion report (task_report_required is False)",
            )
        assert self.done_on is not None  # DONE always has it
        if day < self.done_on:
            raise InvalidInput("on", day, f"is before the task was done ({self.done_on})")
        boss = escalation_target(TASK_REPORT_TOPIC, self.assignee, org_chart, policy)
        return attrs.evolve(self, state=TaskState.REPORTED, reported_on=day, reported_to=boss.id)


def is_overdue(task: Task, as_of: _dt.date) -> bool:
    """Whether ``task`` was still unfinished after its due day, as of ``as_of`` (ROLE-10).

    A task done on or before ``as_of`` is not overdue (see :func:`review_tasks` for
    tasks finished late).

    >>> task = Task("T-1", "m1", assigner="company", assigned_on=datetime.date(2026, 3, 2),
    ...             due=datetime.date(2026, 3, 6))
    >>> is_overdue(task, datetime.date(2026, 3, 6)), is_overdue(task, datetime.date(2026, 3, 7))
    (False, True)
    >>> is_overdue(task, "2026-03-07")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: as_of: expected a datetime.date, got str '2026-03-07'
    """
    task = _typed(task, Task, "task", "a Task")
    day = check_date(as_of, "as_of")
    finished = task.done_on is not None and task.done_on <= day
    return day > task.due and not finished


@attrs.frozen
class TaskReview(Decision):
    """The result of :func:`review_tasks` (ROLE-10).

    Attributes:
        overdue: ids of tasks still open after their due day.
        late: ids of tasks finished after their due day.
        unreported: ids of finished tasks whose required completion report is missing.
    """

    overdue: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    late: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    unreported: tuple[str, ...] = attrs.field(default=(), kw_only=True)


def review_tasks(tasks: Iterable[Task], as_of: _dt.date, policy: OrganisationPolicy) -> TaskReview:
    """Check that tasks were finished on time and reported (ROLE-10, 按时完成 / 及时上报).

    As of ``as_of`` (tasks assigned later are ignored): a task open after its due day
    is ``task_overdue``; one finished after it ``task_completed_late``; where the policy
    requires completion reports, one finished before ``as_of`` but not reported by
    then is ``task_completion_not_reported`` (the day of completion itself is allowed
    for the report, the reading of 「及时」).  Any of these rejects the review.

    Raises:
        InvalidInput: two tasks share an id.

    >>> from salesdomain.organisation import OrganisationPolicy
    >>> mar = lambda d: datetime.date(2026, 3, d)
    >>> tasks = [
    ...     Task("T-1", "m1", assigner="company", assigned_on=mar(2), due=mar(4)),
    ...     Task("T-2", "m1", assigner="company", assigned_on=mar(2), due=mar(4),
    ...          state="done", done_on=mar(5)),
    ... ]
    >>> review = review_tasks(tasks, mar(6), OrganisationPolicy())
    >>> review.verdict.value, review.overdue, review.late
    ('rejected', ('T-1',), ('T-2',))
    >>> review_tasks(tasks + tasks[:1], mar(6), OrganisationPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: tasks[2].id: two tasks share this id, got 'T-1'
    """
    policy = _check_policy(policy)
    day = check_date(as_of, "as_of")
    seen: set[str] = set()
    reasons: list[Reason] = []
    overdue: list[str] = []
    late: list[str] = []
    unreported: list[str] = []
    counted = 0
    for index, item in enumerate(_sequence(tasks, "tasks")):
        task = _typed(item, Task, f"tasks[{index}]", "a Task")
        if task.id in seen:
            raise InvalidInput(f"tasks[{index}].id", task.id, "two tasks share this id")
        seen.add(task.id)
        if task.assigned_on > day:
            continue
        counted += 1
        base = {"task": task.id, "assignee": task.assignee, "due": task.due}
        done_on = task.done_on if task.done_on is not None and task.done_on <= day else None
        if done_on is None:
            if day > task.due:
                overdue.append(task.id)
                reasons.append(Reason("ROLE-10", "task_overdue", {**base, "as_of": day}))
            continue
        if done_on > task.due:
            late.append(task.id)
            reasons.append(Reason("ROLE-10", "task_completed_late", {**base, "done_on": done_on}))
        reported = task.reported_on is not None and task.reported_on <= day
        if policy.task_report_required and not reported and day > done_on:
            unreported.append(task.id)
            reasons.append(
                Reason(
                    "ROLE-10",
                    "task_completion_not_reported",
                    {"task": task.id, "assignee": task.assignee, "done_on": done_on},
                )
            )
    if reasons:
        return TaskReview(
            Verdict.REJECTED,
            reasons,
            overdue=tuple(overdue),
            late=tuple(late),
            unreported=tuple(unreported),
        )
    in_order = Reason("ROLE-10", "tasks_in_order", {"tasks": counted, "as_of": day})
    return TaskReview(Verdict.ALLOWED, (in_order,))


# ---------------------------------------------------------------------------
# ROLE-12: staff turnover
# ---------------------------------------------------------------------------
_RATE_QUANTUM: Final = Decimal("1E-20")
_MAX_RATE_DIGITS: Final = 12  # a rate below 10**12 quantized to 20 places fits 34 digits


def _fraction(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole`` to 20 decimal places (half-even, trailing zeros dropped)."""
    quotient = _CTX.divide(part, whole)
    if quotient.adjusted() >= _MAX_RATE_DIGITS:
        raise InvalidInput(
            "average_headcount", whole, f"gives a turnover rate of 10**{_MAX_RATE_DIGITS} or more"
        )
    short = quotient.quantize(_RATE_QUANTUM, ROUND_HALF_EVEN, _CTX).normalize(_CTX)
    if short.as_tuple().exponent > 0:  # type: ignore[operator]
        short = short.quantize(Decimal(1), ROUND_HALF_EVEN, _CTX)
    return short


def _check_headcount(value: object) -> Decimal:
    number = to_decimal(value, "average_headcount")
    if number < ZERO:
        raise InvalidInput("average_headcount", value, "must not be negative")
    return number


def staff_turnover_rate(leavers: int, average_headcount: Decimal | int | str) -> Rate | None:
    """Leavers ÷ average headcount for a period (ROLE-12, 销售人员的稳定性).

    Args:
        leavers: the people who left in the period (an int, at least 0).
        average_headcount: the period's average headcount (a Decimal, int or str, at
            least 0; averages may be fractional).

    Returns:
        The rate (20 decimal places, half-even), or ``None`` when the average headcount
        is 0: the rate is undefined, never a division by zero.

    >>> str(staff_turnover_rate(3, Decimal("24")))
    '12.5%'
    >>> staff_turnover_rate(0, 0) is None
    True
    >>> staff_turnover_rate(-1, 10)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: leavers: must be at least 0, got -1
    """
    count = to_decimal(check_int(leavers, "leavers", minimum=0), "leavers")
    headcount = _check_headcount(average_headcount)
    if headcount.is_zero():
        return None
    return Rate(_fraction(count, headcount))


@attrs.frozen
class TurnoverCheck(Decision):
    """The staff-turnover KPI against the policy's target (ROLE-12).

    The verdict is always ``ALLOWED`` (a KPI, not a permission); ``on_track`` says
    whether the rate is within the target.

    Attributes:
        rate: the turnover rate, or ``None`` when undefined (no headcount).
        target: the policy's target, or ``None`` when it sets none.
        on_track: ``False`` only when a defined rate exceeds a set target.
    """

    rate: Rate | None = attrs.field(kw_only=True)
    target: Rate | None = attrs.field(default=None, kw_only=True)
    on_track: bool = attrs.field(default=True, kw_only=True)


def check_staff_turnover(
    leavers: int, average_headcount: Decimal | int | str, policy: OrganisationPolicy
) -> TurnoverCheck:
    """The turnover rate against ``policy.staff_turnover_target`` (ROLE-12).

    >>> from salesdomain.organisation import OrganisationPolicy
    >>> policy = OrganisationPolicy(staff_turnover_target=Decimal("0.1"))
    >>> check = check_staff_turnover(3, 24, policy)
    >>> check.on_track, check.reasons[0].code, str(check.rate)
    (False, 'staff_turnover_above_target', '12.5%')
    >>> check_staff_turnover(1, Decimal("-2"), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: average_headcount: must not be negative, got Decimal('-2')
    """
    policy = _check_policy(policy)
    count = check_int(leavers, "leavers", minimum=0)
    headcount = _check_headcount(average_headcount)
    rate = staff_turnover_rate(count, headcount)
    target = None if policy.staff_turnover_target is None else Rate(policy.staff_turnover_target)
    if rate is None:
        reason = Reason(
            "ROLE-12", "staff_turnover_undefined", {"leavers": count, "headcount": headcount}
        )
        return TurnoverCheck(Verdict.ALLOWED, (reason,), rate=None, target=target)
    if target is None:
        reason = Reason("ROLE-12", "staff_turnover_measured", {"rate": rate})
        return TurnoverCheck(Verdict.ALLOWED, (reason,), rate=rate)
    if rate.value <= target.value:
        reason = Reason("ROLE-12", "staff_turnover_within_target", {"rate": rate, "target": target})
        return TurnoverCheck(Verdict.ALLOWED, (reason,), rate=rate, target=target)
    reason = Reason("ROLE-12", "staff_turnover_above_target", {"rate": rate, "target": target})
    return TurnoverCheck(Verdict.ALLOWED, (reason,), rate=rate, target=target, on_track=False)
