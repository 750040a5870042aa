"""Roles, role ladders, employees and the org chart (ROLE-1..4).

A :class:`Role` has a code, a rank (higher ranks carry more authority) and display
names in Chinese and English.  A :class:`RoleLadder` orders a company's own roles by
rank; roles of an outside party (the developer's signatory 甲方负责人, ROLE-3) sit
beside the ladder and never stand in for, nor are stood in for by, a ladder role.

Ready-made ladders follow the seed's companies: :data:`HOTEL_LADDER` (ROLE-1),
:data:`REAL_ESTATE_LADDER` (ROLE-2, with :data:`PRINCIPAL_SIGNATORY`, ROLE-3) and
:data:`GENERIC_LADDER` (ROLE-4).

>>> from salesdomain import REAL_ESTATE_LADDER
>>> [role.name_zh for role in REAL_ESTATE_LADDER.ladder]
['置业顾问', '销售主管', '销售经理', '营销总监']
>>> [role.name_zh for role in REAL_ESTATE_LADDER.outside]
['甲方负责人']
>>> REAL_ESTATE_LADDER.get("marketing_director").name_en
'marketing director'
>>> REAL_ESTATE_LADDER.get("ceo")
Traceback (most recent call last):
...
salesdomain.core.errors.UnknownEntity: role: not a role of this ladder (known: property_consultant, sales_supervisor, sales_manager, marketing_director, principal_signatory), got 'ceo'
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping

import attrs

from salesdomain.core._numbers import check_int, check_text
from salesdomain.core.errors import InvalidInput, PolicyError, UnknownEntity, WrongType

__all__ = [
    "GENERIC_LADDER",
    "HOTEL_LADDER",
    "PRINCIPAL_SIGNATORY",
    "REAL_ESTATE_LADDER",
    "Employee",
    "OrgChart",
    "Party",
    "Role",
    "RoleLadder",
]

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


class Party(enum.Enum):
    """Whose side a role is on: the company's own ladder, or the principal (甲方, ROLE-3)."""

    OWN_COMPANY = "own_company"
    PRINCIPAL = "principal"


def _code(value: object) -> str:
    text = check_text(value, "code")
    if not _CODE.match(text):
        raise InvalidInput("code", value, "must be lower_snake_case letters, digits and _")
    return text


def _rank(value: object) -> int:
    return check_int(value, "rank", minimum=0)


def _id(value: object) -> str:
    return check_text(value, "id")


def _name(value: object) -> str:
    return check_text(value, "name")


def _party(value: object) -> Party:
    if isinstance(value, Party):
        return value
    if isinstance(value, str):
        try:
            return Party(value)
        except ValueError:
            raise UnknownEntity("party", value, "expected 'own_company' or 'principal'") from None
    raise WrongType("party", value, "a Party")


@attrs.frozen(order=False)
class Role:
    """A role in the sales organisation.

    Args:
        code: a stable lower_snake_case identifier (``"sales_manager"``).
        rank: a non-negative int; a higher rank carries more authority.
        name_zh: the Chinese display name (``"销售经理"``).
        name_en: the English display name.
        party: :attr:`Party.OWN_COMPANY` (default) or :attr:`Party.PRINCIPAL` for an
            outside signatory, which is never compared by rank.

    >>> Role("sales_manager", 3, name_zh="销售经理", name_en="sales manager").display_name("en")
    'sales manager'
    >>> Role("Sales Manager", 3)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: code: must be lower_snake_case letters, digits and _, got 'Sales Manager'
    """

    code: str = attrs.field(converter=_code)
    rank: int = attrs.field(converter=_rank)
    name_zh: str = attrs.field(default="", kw_only=True)
    name_en: str = attrs.field(default="", kw_only=True)
    party: Party = attrs.field(default=Party.OWN_COMPANY, kw_only=True, converter=_party)

    @name_zh.validator
    @name_en.validator
    def _names(self, attribute: attrs.Attribute[str], value: object) -> None:
        if type(value) is not str:
            raise WrongType(attribute.name, value, "a str")

    @property
    def outside(self) -> bool:
        """Whether the role belongs to an outside party (e.g. 甲方负责人)."""
        return self.party is not Party.OWN_COMPANY

    def display_name(self, locale: str = "zh_CN") -> str:
        """The role's name for ``locale`` (Chinese for ``zh*``, else English), or its code."""
        if not isinstance(locale, str):
            raise WrongType("locale", locale, "a locale name such as 'zh_CN' or 'en'")
        name = self.name_zh if locale.lower().startswith("zh") else self.name_en
        return name or self.code

    def outranks(self, other: Role) -> bool:
        """Whether this own-company role ranks at least as high as ``other`` (also own-company)."""
        if not isinstance(other, Role):
            raise WrongType("other", other, "a Role")
        return not self.outside and not other.outside and self.rank >= other.rank

    def __str__(self) -> str:
        return self.code


def _roles(value: object) -> tuple[Role, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("roles", value, "a sequence of Role")
    roles = tuple(value)
    for index, role in enumerate(roles):
        if not isinstance(role, Role):
            raise WrongType(f"roles[{index}]", role, "a Role")
    return roles


@attrs.frozen
class RoleLadder:
    """A company's roles in rank order, plus any outside signatories.

    Codes must be unique, and own-company ranks strictly increasing (two roles of one
    rank could not say who approves whom).

    >>> from salesdomain import HOTEL_LADDER
    >>> [r.code for r in HOTEL_LADDER.chain_up(HOTEL_LADDER.get("sales_rep"))]
    ['sales_supervisor', 'sales_manager', 'general_manager']
    """

    roles: tuple[Role, ...] = attrs.field(converter=_roles)

    @roles.validator
    def _check(self, attribute: attrs.Attribute[tuple[Role, ...]], roles: tuple[Role, ...]) -> None:
        errors: list[tuple[str, str]] = []
        if not roles:
            errors.append(("roles", "a ladder needs at least one role"))
        seen: set[str] = set()
        last_rank: int | None = None
        for index, role in enumerate(roles):
            if role.code in seen:
                errors.append((f"roles[{index}].code", f"duplicate role code {role.code!r}"))
            seen.add(role.code)
            if role.outside:
                continue
            if last_rank is not None and role.rank <= last_rank:
                errors.append(
                    (
                        f"roles[{index}].rank",
                        f"ranks must rise strictly along the ladder, got {role.rank}",
                    )
                )
            last_rank = role.rank
        if errors:
            raise PolicyError.from_errors(errors)

    @property
    def ladder(self) -> tuple[Role, ...]:
        """The own-company roles, lowest rank first."""
        return tuple(role for role in self.roles if not role.outside)

    @property
    def outside(self) -> tuple[Role, ...]:
        """The outside signatories (ROLE-3)."""
        return tuple(role for role in self.roles if role.outside)

    def get(self, code: str) -> Role:
        """The role with ``code``; :class:`UnknownEntity` names the known codes otherwise."""
        for role in self.roles:
            if role.code == code:
                return role
        known = ", ".join(role.code for role in self.roles)
        raise UnknownEntity("role", code, f"not a role of this ladder (known: {known})")

    def __contains__(self, role: object) -> bool:
        return role in self.roles

    def chain_up(self, role: Role, *, to: Role | None = None) -> tuple[Role, ...]:
        """The ladder roles above ``role``, lowest first, up to and including ``to``."""
        self._known(role)
        above = [r for r in self.ladder if r.rank > role.rank]
        if to is not None:
            self._known(to)
            above = [r for r in above if r.rank <= to.rank]
        return tuple(above)

    def superior_of(self, role: Role) -> Role | None:
        """The next role up the ladder, or ``None`` at the top."""
        chain = self.chain_up(role)
        return chain[0] if chain else None

    def _known(self, role: Role) -> None:
        if role not in self.roles:
            raise UnknownEntity("role", role, "not a role of this ladder")
        if role.outside:
            raise InvalidInput("role", role, "an outside signatory has no place on the ladder")


def _r(code: str, rank: int, zh: str, en: str) -> Role:
    return Role(code, rank, name_zh=zh, name_en=en)


PRINCIPAL_SIGNATORY = Role(
    "principal_signatory",
    0,
    name_zh="甲方负责人",
    name_en="developer's responsible person",
    party=Party.PRINCIPAL,
)
"""The developer's responsible person (甲方负责人, ROLE-3): an outside signatory."""

HOTEL_LADDER = RoleLadder(
    (
        _r("sales_rep", 1, "销售代表", "sales representative"),
        _r("sales_supervisor", 2, "销售主任", "sales supervisor"),
        _r("sales_manager", 3, "销售部经理", "sales manager"),
        _r("general_manager", 4, "总经理", "general manager"),
    )
)
"""Hotel: 销售代表 < 销售主任 < 销售部经理 < 总经理 (ROLE-1)."""

REAL_ESTATE_LADDER = RoleLadder(
    (
        _r("property_consultant", 1, "置业顾问", "property consultant"),
        _r("sales_supervisor", 2, "销售主管", "sales supervisor"),
        _r("sales_manager", 3, "销售经理", "sales manager"),
        _r("marketing_director", 4, "营销总监", "marketing director"),
        PRINCIPAL_SIGNATORY,
    )
)
"""Real estate: 置业顾问 < 销售主管 < 销售经理 < 营销总监, plus 甲方负责人 (ROLE-2, ROLE-3)."""

GENERIC_LADDER = RoleLadder(
    (
        _r("salesperson", 1, "销售员", "salesperson"),
        _r("sales_manager", 2, "销售部经理", "sales manager"),
        _r("general_manager", 3, "总经理", "general manager"),
    )
)
"""Generic company: 销售员 < 销售部经理 < 公司领导 (总经理) (ROLE-4)."""


@attrs.frozen(eq=False)
class Employee:
    """A person in the sales organisation; two employees are equal when their ids are.

    >>> a = Employee("e1", "张三", REAL_ESTATE_LADDER.get("sales_manager"))
    >>> a == Employee("e1", "Zhang San", REAL_ESTATE_LADDER.get("sales_manager"))
    True
    """

    id: str = attrs.field(converter=_id)
    name: str = attrs.field(converter=_name)
    role: Role = attrs.field()
    department: str | None = attrs.field(default=None, kw_only=True)

    @role.validator
    def _role(self, attribute: attrs.Attribute[Role], value: object) -> None:
        if not isinstance(value, Role):
            raise WrongType("role", value, "a Role")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Employee):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash(("Employee", self.id))


def _employees(value: object) -> tuple[Employee, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("employees", value, "a sequence of Employee")
    people = tuple(value)
    for index, person in enumerate(people):
        if not isinstance(person, Employee):
            raise WrongType(f"employees[{index}]", person, "an Employee")
    return people


def _reports_to(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise WrongType("reports_to", value, "a mapping of employee id to superior id")
    pairs = []
    for key, boss in value.items():
        pairs.append((check_text(key, "reports_to key"), check_text(boss, f"reports_to[{key!r}]")))
    return tuple(sorted(pairs))


@attrs.frozen
class OrgChart:
    """Who reports to whom (ROLE-1, ROLE-2, ROLE-4).

    Args:
        employees: every employee of the chart, ids unique.
        reports_to: employee id to the id of their superior; exactly one employee
            (the root) has no superior, there are no cycles, and a superior's role
            ranks above the subordinate's.

    >>> role = REAL_ESTATE_LADDER.get
    >>> boss = Employee("d1", "王总监", role("marketing_director"))
    >>> mgr = Employee("m1", "李经理", role("sales_manager"))
    >>> chart = OrgChart((boss, mgr), {"m1": "d1"})
    >>> chart.superior_of(mgr).name
    '王总监'
    >>> chart.superior_of(boss) is None
    True
    """

    employees: tuple[Employee, ...] = attrs.field(converter=_employees)
    reports_to: tuple[tuple[str, str], ...] = attrs.field(converter=_reports_to)
    _by_id: Mapping[str, Employee] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        by_id: dict[str, Employee] = {}
        for index, person in enumerate(self.employees):
            if person.id in by_id:
                errors.append((f"employees[{index}].id", f"duplicate employee id {person.id!r}"))
            by_id[person.id] = person
        superiors = dict(self.reports_to)
        for who, boss in superiors.items():
            if who not in by_id:
                errors.append((f"reports_to[{who!r}]", f"unknown employee {who!r}"))
            elif boss not in by_id:
                errors.append((f"reports_to[{who!r}]", f"unknown superior {boss!r}"))
            elif by_id[boss].role.rank <= by_id[who].role.rank:
                errors.append(
                    (
                        f"reports_to[{who!r}]",
                        f"superior {boss!r} ({by_id[boss].role.code}) does not rank above "
                        f"{who!r} ({by_id[who].role.code})",
                    )
                )
        roots = [p.id for p in self.employees if p.id not in superiors]
        if by_id and len(roots) != 1:
            errors.append(
                ("reports_to", f"expected exactly one employee without a superior, got {roots}")
            )
        if errors:
            raise PolicyError.from_errors(errors)
        object.__setattr__(self, "_by_id", by_id)

    def get(self, employee_id: str) -> Employee:
        """The employee with ``employee_id``, or :class:`UnknownEntity`."""
        try:
            return self._by_id[employee_id]
        except (KeyError, TypeError):
            raise UnknownEntity("employee", employee_id, "not in this org chart") from None

    def _person(self, employee: object) -> Employee:
        if isinstance(employee, Employee):
            return self.get(employee.id)
        if isinstance(employee, str):
            return self.get(employee)
        raise WrongType("employee", employee, "an Employee or an employee id")

    def superior_of(self, employee: Employee | str) -> Employee | None:
        """The direct superior of ``employee`` (or of the employee with that id)."""
        person = self._person(employee)
        boss = dict(self.reports_to).get(person.id)
        return None if boss is None else self._by_id[boss]

    def chain_of_command(self, employee: Employee | str) -> tuple[Employee, ...]:
        """The superiors of ``employee``, nearest first."""
        chain: list[Employee] = []
        boss = self.superior_of(employee)
        while boss is not None:
            chain.append(boss)
            boss = self.superior_of(boss)
        return tuple(chain)

    def subordinates(self, employee: Employee | str) -> tuple[Employee, ...]:
        """The direct reports of ``employee``."""
        person = self._person(employee)
        return tuple(self._by_id[who] for who, boss in self.reports_to if boss == person.id)
