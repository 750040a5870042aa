"""Customer objections, complaints and after-sales issues (CS-1..9).

Rules implemented (see ``seed/RULES.md`` section 17):

- **CS-1** objections and complaints are handled promptly: each issue kind has a
  handling deadline (``handling_sla_by_kind``, in clock hours or working days), and
  :func:`issue_status` lists every issue past it.
- **CS-2** after-sales work (delivery, technical support, repair) is owned by a
  department: an after-sales :class:`Issue` carries its :class:`AfterSalesKind` and
  the owning department (by default from ``after_sales_departments``).
- **CS-3** a leader sends a salesperson to the customer or the site:
  :meth:`Issue.assign` records the assignee, and the assigner must be a superior of
  the assignee in the :class:`~salesdomain.core.org.OrgChart`.
- **CS-4** the manager handles on-site issues and escalates at once to the next
  level (营销总监 in real estate) when unable: the issue climbs
  ``issue_escalation_chain`` one level per :meth:`Issue.escalate`, never down and
  never past the top (:func:`escalation_route`).
- **CS-5** problems carried over from the previous day are solved or escalated at
  once: :func:`issue_status` lists every issue raised before the day of ``as_of``
  that is still neither resolved nor escalated.
- **CS-6 / X-12** major (「重大」) issues are reported to the company: 「重大」 is a
  policy predicate whose amount threshold is **required** (no silent default), and
  :func:`issue_status` lists major issues not reported in time.
- **CS-7 / CS-9** customer feedback is routed to a department and passed on at once
  (:func:`route_feedback`): an unroutable item or one not passed on in time is listed.
- **CS-8** on an account-managed customer the account executive owns the issue
  (:func:`issue_owner`).

Time: every instant of an issue (raised, acted on, feedback received, notice sent)
is a timezone-aware ``datetime``; days (working days, the previous day of CS-5) are
calendar days in the policy's ``timezone``.

>>> import datetime
>>> from zoneinfo import ZoneInfo
>>> from salesdomain import GENERIC_LADDER as G, Employee, Money
>>> policy = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("100000"))
>>> rep = Employee("s1", "小王", G.get("salesperson"))
>>> mgr = Employee("m1", "李经理", G.get("sales_manager"))
>>> at = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> issue = Issue.report("I-1", IssueKind.COMPLAINT, customer="Acme", raised_by=rep,
...     raised_at=at, owner=mgr, policy=policy)
>>> issue.acknowledge(mgr, at, policy).state.value
'acknowledged'
>>> issue.acknowledge(rep, at, policy)
Traceback (most recent call last):
...
salesdomain.core.errors.IllegalTransition: cannot acknowledge in state 'raised': salesperson s1 cannot act at the sales_manager level
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from typing import Final, TypeVar

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import ZERO, check_aware, check_date, check_int, check_text
from salesdomain.core.decisions import Decision, Reason, Verdict
from salesdomain.core.errors import (
    IllegalTransition,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.money import Money
from salesdomain.core.org import GENERIC_LADDER, Employee, OrgChart, Role

__all__ = [
    "REASON_CODES",
    "AfterSalesKind",
    "DepartmentNotice",
    "EscalationRoute",
    "Feedback",
    "FeedbackRouting",
    "Issue",
    "IssueAction",
    "IssueEvent",
    "IssueKind",
    "IssueState",
    "IssueStatus",
    "ServicePolicy",
    "Sla",
    "SlaUnit",
    "escalation_route",
    "issue_owner",
    "issue_status",
    "route_feedback",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        # issue_status
        "issue_past_sla",
        "issue_resolved_late",
        "carry_over_not_resolved_or_escalated",
        "major_issue_not_reported",
        "major_issue_report_due",
        "major_issue_reported_late",
        "issues_in_order",
        # escalation_route
        "issue_with_level",
        "issue_escalates_to",
        "issue_at_top_of_chain",
        "major_issue_goes_to_company",
        "issue_no_longer_open",
        # route_feedback
        "feedback_unroutable",
        "feedback_not_passed_on",
        "feedback_passed_on_late",
        "feedback_in_order",
    }
)
"""Every reason code this module can emit."""

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_SLA_TEXT = re.compile(r"^\s*(\d{1,5})\s*(h|wd)\s*$")
_MAX_HOURS: Final = 10_000
_MAX_WORKING_DAYS: Final = 1_000
_DAY: Final = _dt.timedelta(days=1)


class IssueKind(enum.Enum):
    """What the customer raised (CS-1, CS-2, CS-4)."""

    OBJECTION = "objection"
    """客户异议: an objection during the sale (CS-1, CS-4)."""
    COMPLAINT = "complaint"
    """投诉: a complaint (CS-1)."""
    AFTER_SALES = "after_sales"
    """售后: delivery, technical support or repair (CS-2, CS-8)."""
    SITE_PROBLEM = "site_problem"
    """现场问题: a problem on the sales site that needs the manager (CS-4, CS-6)."""


class AfterSalesKind(enum.Enum):
    """The after-sales work of CS-2 (到货、技术支持、售后维修)."""

    DELIVERY = "delivery"
    TECH_SUPPORT = "tech_support"
    REPAIR = "repair"


class IssueState(enum.Enum):
    """Where an issue stands."""

    RAISED = "raised"
    """Recorded, not yet acknowledged."""
    ACKNOWLEDGED = "acknowledged"
    """Acknowledged by whoever handles it at its level."""
    IN_HAND = "in_hand"
    """Being handled (by the handler or an assignee, CS-3)."""
    ESCALATED = "escalated"
    """Handed one level up the escalation chain (CS-4, CS-5)."""
    RESOLVED = "resolved"
    """Solved."""
    CLOSED = "closed"
    """Resolved and closed (terminal)."""


class IssueAction(enum.Enum):
    """The actions recorded in an issue's history."""

    ACKNOWLEDGE = "acknowledge"
    TAKE_IN_HAND = "take_in_hand"
    ASSIGN = "assign"
    ESCALATE = "escalate"
    RESOLVE = "resolve"
    CLOSE = "close"
    REPORT_TO_COMPANY = "report_to_company"


class SlaUnit(enum.Enum):
    """How a service deadline is counted."""

    HOURS = "hours"
    """Clock hours from the start (nights and holidays count)."""
    WORKING_DAYS = "working_days"
    """Working days in the policy's time zone: 0 is the end of the same working day
    (of the next one if the start is not on a working day); N is the end of the
    N-th working day after the start's day."""


_OPEN_STATES: Final = frozenset({IssueState.RAISED, IssueState.ACKNOWLEDGED, IssueState.IN_HAND})
_DONE_STATES: Final = frozenset({IssueState.RESOLVED, IssueState.CLOSED})


# -- converters ---------------------------------------------------------------------------
def _enum_member(cls: type[_E], value: object, field: str) -> _E:
    if isinstance(value, cls):
        return value
    if type(value) is str:
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(str(member.value) for member in cls)
            raise UnknownEntity(field, value, f"expected one of {known}") from None
    raise WrongType(field, value, f"a {cls.__name__}")


def _items(value: object, field: str, cls: type[_T], expected: str) -> tuple[_T, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, f"a sequence of {expected}")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, cls):
            raise WrongType(f"{field}[{index}]", item, expected)
    return items


def _pairs(value: object, field: str) -> list[tuple[object, object]]:
    if isinstance(value, Mapping):
        return list(value.items())
    if isinstance(value, (tuple, list)):
        pairs: list[tuple[object, object]] = []
        for item in value:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise WrongType(field, item, "a (key, value) pair")
            pairs.append((item[0], item[1]))
        return pairs
    raise WrongType(field, value, "a mapping or a tuple of (key, value) pairs")


def _flag_codes(value: object, field: str) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a collection of lower_snake_case flags")
    codes = set()
    for item in value:
        text = check_text(item, field)
        if not _CODE.match(text):
            raise InvalidInput(field, item, "a flag must be a lower_snake_case code")
        codes.add(text)
    return tuple(sorted(codes))


def _employee(value: object, field: str) -> Employee:
    if not isinstance(value, Employee):
        raise WrongType(field, value, "an Employee")
    return value


def _optional_employee(value: object, field: str) -> Employee | None:
    return None if value is None else _employee(value, field)


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _role(value: object, field: str) -> Role:
    if not isinstance(value, Role):
        raise WrongType(field, value, "a Role")
    return value


def _optional_role(value: object, field: str) -> Role | None:
    return None if value is None else _role(value, field)


def _count(value: object, field: str) -> int:
    return check_int(value, field, minimum=0)


def _weekdays(value: object, field: str) -> tuple[int, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a collection of weekday numbers 0 (Monday) to 6")
    days = set()
    for item in value:
        number = check_int(item, field)
        if not 0 <= number <= 6:
            raise PolicyError(field, item, "a weekday number must be 0 (Monday) to 6 (Sunday)")
        days.add(number)
    return tuple(sorted(days))


def _days(value: object, field: str) -> tuple[_dt.date, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a collection of dates")
    return tuple(sorted({check_date(item, field) for item in value}))


# -- SLA ---------------------------------------------------------------------------------
def _sla_unit(value: object) -> SlaUnit:
    return _enum_member(SlaUnit, value, "unit")


@attrs.frozen(field_transformer=wire_checks)
class Sla:
    """A service deadline: ``amount`` clock hours or working days (CS-1, CS-6, CS-9).

    ``str()`` gives the short form ``"24h"`` or ``"1wd"``, which :meth:`parse` and
    the policy fields also accept (a TOML file can say ``complaint = "24h"``).

    >>> Sla.hours(24), str(Sla.working_days(1)), Sla.parse("2wd")
    (Sla(amount=24, unit=<SlaUnit.HOURS: 'hours'>), '1wd', Sla(amount=2, unit=<SlaUnit.WORKING_DAYS: 'working_days'>))
    >>> Sla.parse("2d")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: sla: expected '<n>h' (clock hours) or '<n>wd' (working days), got '2d'
    """

    amount: int = attrs.field(metadata=check(_count))
    unit: SlaUnit = attrs.field(converter=_sla_unit)

    def __attrs_post_init__(self) -> None:
        top = _MAX_HOURS if self.unit is SlaUnit.HOURS else _MAX_WORKING_DAYS
        if self.amount > top:
            raise InvalidInput("amount", self.amount, f"must be at most {top} {self.unit.value}")

    @classmethod
    def hours(cls, amount: int) -> Sla:
        """``amount`` clock hours."""
        return cls(amount, SlaUnit.HOURS)

    @classmethod
    def working_days(cls, amount: int) -> Sla:
        """``amount`` working days (0: by the end of the same working day)."""
        return cls(amount, SlaUnit.WORKING_DAYS)

    @classmethod
    def parse(cls, text: str) -> Sla:
        """``"24h"`` (clock hours) or ``"1wd"`` (working days)."""
        if type(text) is not str:
            raise WrongType("sla", text, "a str such as '24h' or '1wd'")
        match = _SLA_TEXT.match(text)
        if match is None:
            raise InvalidInput(
                "sla", text, "expected '<n>h' (clock hours) or '<n>wd' (working days)"
            )
        unit = SlaUnit.HOURS if match.group(2) == "h" else SlaUnit.WORKING_DAYS
        return cls(int(match.group(1)), unit)

    def __str__(self) -> str:
        return f"{self.amount}{'h' if self.unit is SlaUnit.HOURS else 'wd'}"


def _sla(value: object, field: str) -> Sla:
    if isinstance(value, Sla):
        return value
    if type(value) is str:
        try:
            return Sla.parse(value)
        except InvalidInput as exc:
            raise PolicyError(field, value, exc.problem) from None
    raise WrongType(field, value, "an Sla or a str such as '24h' or '1wd'")


# -- policy ------------------------------------------------------------------------------
def _timezone(value: object) -> str:
    if type(value) is not str or not value.strip():
        raise PolicyError(
            "timezone", value, "expected an IANA time-zone name such as 'Asia/Shanghai'"
        )
    return value.strip()


def _resolve_zone(name: str) -> _dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise PolicyError("timezone", name, "is not a known IANA time-zone name") from None


def _threshold(value: object) -> Money:
    if not isinstance(value, Money):
        raise WrongType("major_amount_threshold", value, "a Money")
    if not value.amount > ZERO:
        raise PolicyError("major_amount_threshold", value, "must be above zero")
    return value


def _major_flags(value: object) -> tuple[str, ...]:
    return _flag_codes(value, "major_flags")


def _chain(value: object) -> tuple[Role, ...]:
    field = "issue_escalation_chain"
    roles = _items(value, field, Role, "a Role")
    errors: list[tuple[str, str]] = []
    if len(roles) < 2:
        errors.append((field, "needs at least two roles: the manager and someone above (CS-4)"))
    for index, role in enumerate(roles):
        if role.outside:
            errors.append((f"{field}[{index}]", f"{role.code} is an outside signatory"))
        elif index and role.rank <= roles[index - 1].rank:
            errors.append(
                (f"{field}[{index}]", f"{role.code} does not rank above {roles[index - 1].code}")
            )
    if errors:
        raise PolicyError.from_errors(errors)
    return roles


def _handling_slas(value: object) -> tuple[tuple[IssueKind, Sla], ...]:
    field = "handling_sla_by_kind"
    found: dict[IssueKind, Sla] = {}
    for key, sla in _pairs(value, field):
        kind = _enum_member(IssueKind, key, f"{field} key")
        if kind in found:
            raise PolicyError(f"{field}.{kind.value}", sla, "kind listed twice")
        found[kind] = _sla(sla, f"{field}.{kind.value}")
    missing = [kind.value for kind in IssueKind if kind not in found]
    if missing:
        raise PolicyError(field, tuple(missing), "every issue kind needs a handling deadline")
    return tuple((kind, found[kind]) for kind in IssueKind)


def _default_handling_slas() -> tuple[tuple[IssueKind, Sla], ...]:
    return tuple((kind, Sla.working_days(0)) for kind in IssueKind)


def _major_report_sla(value: object) -> Sla:
    return _sla(value, "major_report_sla")


def _notice_sla(value: object) -> Sla:
    return _sla(value, "notice_sla")


def _working_days(value: object) -> tuple[int, ...]:
    days = _weekdays(value, "working_days")
    if not days:
        raise PolicyError("working_days", value, "at least one weekday must be a working day")
    return days


def _holidays(value: object) -> tuple[_dt.date, ...]:
    return _days(value, "holidays")


def _makeup_days(value: object) -> tuple[_dt.date, ...]:
    return _days(value, "makeup_working_days")


def _department(value: object, field: str) -> str:
    return check_text(value, field)


def _after_sales_departments(value: object) -> tuple[tuple[AfterSalesKind, str], ...]:
    field = "after_sales_departments"
    found: dict[AfterSalesKind, str] = {}
    for key, dept in _pairs(value, field):
        kind = _enum_member(AfterSalesKind, key, f"{field} key")
        if kind in found:
            raise PolicyError(f"{field}.{kind.value}", dept, "kind listed twice")
        found[kind] = _department(dept, f"{field}.{kind.value}")
    missing = [kind.value for kind in AfterSalesKind if kind not in found]
    if missing:
        raise PolicyError(field, tuple(missing), "every after-sales kind needs a department (CS-2)")
    return tuple((kind, found[kind]) for kind in AfterSalesKind)


def _feedback_rules(value: object) -> tuple[tuple[str, str], ...]:
    field = "feedback_routing_rules"
    found: dict[str, str] = {}
    for key, dept in _pairs(value, field):
        topic = check_text(key, f"{field} key")
        if not _CODE.match(topic):
            raise PolicyError(f"{field}.{topic}", key, "a topic must be a lower_snake_case code")
        if topic in found:
            raise PolicyError(f"{field}.{topic}", dept, "topic listed twice")
        found[topic] = _department(dept, f"{field}.{topic}")
    return tuple(sorted(found.items()))


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class ServicePolicy:
    """How issues and feedback are handled (RULES.md 23.2 SLAs, 23.10 ``CS-*``).

    Args:
        timezone: the company's IANA zone name (**required**, 23.2); working days and
            "the previous day" of CS-5 are days there.
        major_amount_threshold: an issue whose amount at stake is at or above this is
            major (「重大」, CS-6).  **Required**: the seed gives no number and a silent
            default would keep major issues from the company (X-12).
        major_flags: issue flags that make an issue major whatever its amount (the
            ``is_major_issue`` predicate; default ``("major",)``: the person recording
            the issue marks it major).
        issue_escalation_chain: the roles an issue climbs, lowest first; the first is
            the manager who handles on-site issues (CS-4).  Default: the generic
            ladder's 销售部经理 then 总经理 (公司领导); real estate sets 销售经理, 营销总监
            (and company leadership above, if the ladder has it).
        company_report_role: who "the company" of CS-6 is
            (``escalation_targets[ISSUE_MAJOR]``); a role of the chain above its
            first; default the top of the chain.
        handling_sla_by_kind: per :class:`IssueKind`, the time from raised to
            resolved (CS-1); every kind must be listed.  Default: the same working
            day for every kind (23.2 proposes "same working day").
        major_report_sla: time from raised to reported to the company for a major
            issue (「及时」, CS-6); default the same working day.
        working_days: the normal working weekdays, 0 = Monday (default Mon-Fri).
        holidays: days off on a working weekday.
        makeup_working_days: worked days outside ``working_days`` (调休).
        after_sales_departments: per :class:`AfterSalesKind`, the department that
            owns the work (CS-2); default delivery -> ``customer_service``, technical
            support and repair -> ``technical``.
        feedback_routing_rules: feedback topic (a lower_snake_case code) to the
            department it goes to (CS-7, ``feedback_routing_rules``); default none.
        default_feedback_department: the department for unlisted topics; default
            ``None``: an unlisted topic is unroutable and reported (CS-7).
        notice_sla: time from receiving feedback to passing it on (「立即」, CS-9);
            default the same working day.

    Raises:
        PolicyError: naming the field: no time zone, a threshold not above zero, a
            chain that does not rise, a kind without a deadline, a day both a
            holiday and a make-up working day.

    >>> from salesdomain import Money
    >>> ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("1")).is_major_issue(None, ["major"])
    True
    >>> ServicePolicy(timezone="Asia/Shanghai")
    Traceback (most recent call last):
    ...
    TypeError: ServicePolicy.__init__() missing 1 required keyword-only argument: 'major_amount_threshold'
    """

    timezone: str = attrs.field(converter=_timezone)
    major_amount_threshold: Money = attrs.field(converter=_threshold)
    major_flags: tuple[str, ...] = attrs.field(default=("major",), converter=_major_flags)
    issue_escalation_chain: tuple[Role, ...] = attrs.field(
        default=(GENERIC_LADDER.get("sales_manager"), GENERIC_LADDER.get("general_manager")),
        converter=_chain,
    )
    company_report_role: Role | None = attrs.field(default=None, metadata=check(_optional_role))
    handling_sla_by_kind: tuple[tuple[IssueKind, Sla], ...] = attrs.field(
        default=attrs.Factory(_default_handling_slas), converter=_handling_slas
    )
    major_report_sla: Sla = attrs.field(
        default=Sla(0, SlaUnit.WORKING_DAYS), converter=_major_report_sla
    )
    working_days: tuple[int, ...] = attrs.field(default=(0, 1, 2, 3, 4), converter=_working_days)
    holidays: tuple[_dt.date, ...] = attrs.field(default=(), converter=_holidays)
    makeup_working_days: tuple[_dt.date, ...] = attrs.field(default=(), converter=_makeup_days)
    after_sales_departments: tuple[tuple[AfterSalesKind, str], ...] = attrs.field(
        default=(
            (AfterSalesKind.DELIVERY, "customer_service"),
            (AfterSalesKind.TECH_SUPPORT, "technical"),
            (AfterSalesKind.REPAIR, "technical"),
        ),
        converter=_after_sales_departments,
    )
    feedback_routing_rules: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_feedback_rules
    )
    default_feedback_department: str | None = attrs.field(
        default=None, metadata=check(_optional_text)
    )
    notice_sla: Sla = attrs.field(default=Sla(0, SlaUnit.WORKING_DAYS), converter=_notice_sla)
    _zone: _dt.tzinfo = attrs.field(init=False, repr=False, eq=False)
    _holiday_set: frozenset[_dt.date] = attrs.field(init=False, repr=False, eq=False)
    _makeup_set: frozenset[_dt.date] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_zone", _resolve_zone(self.timezone))
        both = sorted(set(self.holidays) & set(self.makeup_working_days))
        if both:
            raise PolicyError(
                "makeup_working_days", tuple(both), "a day cannot be a holiday and a working day"
            )
        object.__setattr__(self, "_holiday_set", frozenset(self.holidays))
        object.__setattr__(self, "_makeup_set", frozenset(self.makeup_working_days))
        leader = self.company_report_role
        chain = self.issue_escalation_chain
        if leader is not None and (leader not in chain or leader == chain[0]):
            raise PolicyError(
                "company_report_role",
                leader,
                "must be a role of issue_escalation_chain above its first (CS-6)",
            )

    # -- queries ----------------------------------------------------------------------
    @property
    def manager_role(self) -> Role:
        """The first level of the chain: the manager who handles on-site issues (CS-4)."""
        return self.issue_escalation_chain[0]

    @property
    def company_role(self) -> Role:
        """Who "the company" of CS-6 is (``company_report_role`` or the chain's top)."""
        return self.company_report_role or self.issue_escalation_chain[-1]

    def is_major_issue(self, amount: Money | None, flags: Iterable[str] = ()) -> bool:
        """Whether an issue with ``amount`` at stake and ``flags`` is 「重大」 (CS-6, X-12).

        Raises:
            CurrencyMismatch: ``amount`` is in another currency than the threshold.

        >>> from salesdomain import Money
        >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("100000"))
        >>> p.is_major_issue(Money("100000")), p.is_major_issue(Money("99999.99"))
        (True, False)
        >>> p.is_major_issue(Money("100000", "USD"))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.CurrencyMismatch: currency: cannot compare USD with CNY, got 'CNY'
        """
        if amount is not None:
            if not isinstance(amount, Money):
                raise WrongType("amount", amount, "a Money or None")
            if amount >= self.major_amount_threshold:
                return True
        return any(flag in self.major_flags for flag in _flag_codes(flags, "flags"))

    def handling_sla(self, kind: IssueKind) -> Sla:
        """The handling deadline of an issue kind (CS-1)."""
        wanted = _enum_member(IssueKind, kind, "kind")
        return dict(self.handling_sla_by_kind)[wanted]

    def department_for(self, kind: AfterSalesKind) -> str:
        """The department that owns an after-sales kind (CS-2)."""
        wanted = _enum_member(AfterSalesKind, kind, "after_sales_kind")
        return dict(self.after_sales_departments)[wanted]

    def route_topic(self, topic: str) -> str | None:
        """The department for a feedback topic, or ``None`` when unroutable (CS-7).

        Raises:
            InvalidInput: ``topic`` is not a lower_snake_case code (as :class:`Feedback`
                requires).

        >>> from salesdomain import Money
        >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("1"),
        ...     feedback_routing_rules={"quality": "technical"})
        >>> p.route_topic("quality"), p.route_topic("parking")
        ('technical', None)
        >>> p.route_topic("Quality")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: topic: a topic must be a lower_snake_case code, got 'Quality'
        """
        wanted = _to_topic(topic)
        return dict(self.feedback_routing_rules).get(wanted, self.default_feedback_department)

    def is_working_day(self, day: _dt.date) -> bool:
        """Whether ``day`` is worked (a make-up day, or a working weekday not a holiday)."""
        value = check_date(day, "day")
        if value in self._makeup_set:
            return True
        return value.weekday() in self.working_days and value not in self._holiday_set

    def local_day(self, moment: _dt.datetime) -> _dt.date:
        """The calendar day of ``moment`` in the policy's time zone.

        Raises:
            InvalidInput: ``moment`` falls outside the calendar in the policy's zone
                (the last hours of 9999-12-31 UTC are already year 10000 in Shanghai).

        >>> import datetime
        >>> from salesdomain import Money
        >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("1"))
        >>> p.local_day(datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC))
        datetime.date(2026, 3, 3)
        >>> p.local_day(datetime.datetime(9999, 12, 31, 20, 0, tzinfo=datetime.UTC))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: moment: falls outside the calendar in the policy's time zone 'Asia/Shanghai', got datetime.datetime(9999, 12, 31, 20, 0, tzinfo=datetime.timezone.utc)
        """
        return self._day_in_zone(moment, "moment")

    def _day_in_zone(self, moment: object, field: str) -> _dt.date:
        """:meth:`local_day`, with ``field`` named when ``moment`` is refused."""
        when = check_aware(moment, field)
        try:
            return when.astimezone(self._zone).date()
        except OverflowError:
            raise InvalidInput(
                field,
                moment,
                f"falls outside the calendar in the policy's time zone {self.timezone!r}",
            ) from None

    def due_at(self, start: _dt.datetime, sla: Sla) -> _dt.datetime:
        """The last instant that meets ``sla`` counted from ``start`` (inclusive).

        Hours are clock hours; working days end at the end of the day (23:59:59.999999)
        in the policy's zone.

        Raises:
            InvalidInput: the deadline would fall outside the calendar.

        >>> import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from salesdomain import Money
        >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("1"))
        >>> friday = datetime.datetime(2026, 3, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> p.due_at(friday, Sla.working_days(1)).isoformat()
        '2026-03-09T23:59:59.999999+08:00'
        >>> p.due_at(friday, Sla.hours(24)).isoformat()
        '2026-03-07T17:00:00+08:00'
        """
        begin = check_aware(start, "start")
        if not isinstance(sla, Sla):
            raise WrongType("sla", sla, "an Sla")
        try:
            if sla.unit is SlaUnit.HOURS:
                due = begin + _dt.timedelta(hours=sla.amount)
                due.astimezone(self._zone)  # the deadline must have a day in the zone too
                return due
            day = begin.astimezone(self._zone).date()
            if sla.amount == 0:
                while not self.is_working_day(day):
                    day += _DAY
            else:
                left = sla.amount
                while left:
                    day += _DAY
                    if self.is_working_day(day):
                        left -= 1
            return _dt.datetime.combine(day, _dt.time.max, tzinfo=self._zone)
        except OverflowError:
            raise InvalidInput(
                "start", start, f"a deadline of {sla} from it falls outside the calendar"
            ) from None


def _policy(value: object) -> ServicePolicy:
    if not isinstance(value, ServicePolicy):
        raise WrongType("policy", value, "a ServicePolicy")
    return value


# -- issues ------------------------------------------------------------------------------
def _to_kind(value: object) -> IssueKind:
    return _enum_member(IssueKind, value, "kind")


def _to_state(value: object) -> IssueState:
    return _enum_member(IssueState, value, "state")


def _to_action(value: object) -> IssueAction:
    return _enum_member(IssueAction, value, "action")


def _to_amount(value: object) -> Money | None:
    if value is None:
        return None
    if not isinstance(value, Money):
        raise WrongType("amount", value, "a Money or None")
    if value.amount < ZERO:
        raise InvalidInput("amount", value, "must not be negative")
    return value


def _to_flags(value: object) -> tuple[str, ...]:
    return _flag_codes(value, "flags")


def _to_after_sales_kind(value: object) -> AfterSalesKind | None:
    return None if value is None else _enum_member(AfterSalesKind, value, "after_sales_kind")


def _to_level(value: object) -> Role:
    role = _role(value, "level")
    if role.outside:
        raise InvalidInput("level", role, "an outside signatory is no escalation level")
    return role


@attrs.frozen(field_transformer=wire_checks)
class IssueEvent:
    """One step of an issue: the action, the state and level after it, who acted, when.

    Args:
        action: what was done.
        state: the state after the step.
        by: who acted.
        at: when (a timezone-aware datetime).
        level: the escalation level (a role of the chain) after the step.
        assignee: who is assigned after the step (CS-3), if anyone.
        department: the owning department after the step (CS-2), if any.
        note: free text (why it was escalated, how it was solved).
    """

    action: IssueAction = attrs.field(converter=_to_action)
    state: IssueState = attrs.field(converter=_to_state)
    by: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))
    level: Role = attrs.field(kw_only=True, converter=_to_level)
    assignee: Employee | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_employee)
    )
    department: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))
    note: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))


def _to_history(value: object) -> tuple[IssueEvent, ...]:
    events = _items(value, "history", IssueEvent, "an IssueEvent")
    for index in range(1, len(events)):
        if events[index].at < events[index - 1].at:
            raise InvalidInput(
                f"history[{index}].at", events[index].at, "events must not go back in time"
            )
    return events


@attrs.frozen(eq=False, field_transformer=wire_checks)
class Issue:
    """A customer objection, complaint or after-sales issue (CS-1..8).

    Build one with :meth:`report`; each transition returns a new issue with one more
    :class:`IssueEvent` naming the action, who acted and when.  Two issues are equal
    when their ids are (an entity).

    Who may act:

    - at the issue's current ``level`` (a role of ``issue_escalation_chain``),
      anyone of that rank or higher; at the first level also the ``owner`` (the
      account executive of an account-managed customer, CS-8);
    - :meth:`resolve` also the current ``assignee`` (CS-3);
    - :meth:`assign` only a superior of the assignee in the org chart (CS-3);
    - :meth:`report_to_company` anyone at the manager's rank or higher (CS-6).

    Args:
        id: the issue's id.
        kind: objection, complaint, after-sales or site problem.
        customer: the customer concerned.
        raised_by: who recorded it.
        raised_at: when (timezone-aware).
        owner: who answers for it at the first level (CS-4, CS-8).
        level: the current escalation level (a role of the policy's chain).
        summary: what it is about.
        amount: the amount at stake, judged against the major threshold (CS-6).
        flags: lower_snake_case flags, matched against the policy's ``major_flags``.
        after_sales_kind: delivery, technical support or repair; required for an
            after-sales issue and refused for any other kind (CS-2).
        department: the department that owns the work (CS-2).
        assignee: who was sent to solve it (CS-3).
        state: the current state; must match the last history event.
        history: the steps since it was raised.
    """

    id: str = attrs.field(metadata=check(check_text))
    kind: IssueKind = attrs.field(converter=_to_kind)
    customer: str = attrs.field(kw_only=True, metadata=check(check_text))
    raised_by: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    raised_at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))
    owner: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    level: Role = attrs.field(kw_only=True, converter=_to_level)
    summary: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))
    amount: Money | None = attrs.field(default=None, kw_only=True, converter=_to_amount)
    flags: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_to_flags)
    after_sales_kind: AfterSalesKind | None = attrs.field(
        default=None, kw_only=True, converter=_to_after_sales_kind
    )
    department: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))
    assignee: Employee | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_employee)
    )
    state: IssueState = attrs.field(default=IssueState.RAISED, kw_only=True, converter=_to_state)
    history: tuple[IssueEvent, ...] = attrs.field(default=(), kw_only=True, converter=_to_history)

    def __attrs_post_init__(self) -> None:
        if self.kind is IssueKind.AFTER_SALES and self.after_sales_kind is None:
            raise InvalidInput(
                "after_sales_kind", None, "an after-sales issue needs its kind (CS-2)"
            )
        if self.kind is not IssueKind.AFTER_SALES and self.after_sales_kind is not None:
            raise InvalidInput(
                "after_sales_kind", self.after_sales_kind.value, "only an after-sales issue has one"
            )
        if not self.history:
            if self.state is not IssueState.RAISED:
                raise InvalidInput(
                    "state", self.state.value, "an issue without history is just raised"
                )
            return
        last = self.history[-1]
        if last.state is not self.state:
            raise InvalidInput(
                "state", self.state.value, "must be the state of the last history event"
            )
        if last.level != self.level:
            raise InvalidInput("level", self.level, "must be the level of the last history event")
        if self.history[0].at < self.raised_at:
            raise InvalidInput("history[0].at", self.history[0].at, "is before raised_at")
        if self.history[0].action is IssueAction.ESCALATE:
            raise InvalidInput(
                "history[0].action", "escalate", "an issue is handled before it climbs"
            )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Issue):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash(("Issue", self.id))

    @classmethod
    def report(
        cls,
        issue_id: str,
        kind: IssueKind,
        *,
        customer: str,
        raised_by: Employee,
        raised_at: _dt.datetime,
        owner: Employee,
        policy: ServicePolicy,
        summary: str | None = None,
        amount: Money | None = None,
        flags: Iterable[str] = (),
        after_sales_kind: AfterSalesKind | None = None,
        department: str | None = None,
    ) -> Issue:
        """Record an issue at the first level of the escalation chain (CS-1, CS-2).

        An after-sales issue's department defaults to the policy's
        ``after_sales_departments`` for its kind (CS-2).  Use :func:`issue_owner` to
        find the owner (the manager, or the account executive, CS-8).

        Raises:
            InvalidInput: an after-sales issue without its kind, or a kind on another
                issue.
            CurrencyMismatch: ``amount`` in another currency than the major threshold.

        >>> import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from salesdomain import GENERIC_LADDER as G, Employee, Money
        >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("100000"))
        >>> mgr = Employee("m1", "李经理", G.get("sales_manager"))
        >>> at = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> i = Issue.report("I-2", IssueKind.AFTER_SALES, customer="Acme", raised_by=mgr,
        ...     raised_at=at, owner=mgr, policy=p, after_sales_kind=AfterSalesKind.REPAIR)
        >>> i.department, i.level.code
        ('technical', 'sales_manager')
        >>> Issue.report("I-3", IssueKind.AFTER_SALES, customer="Acme", raised_by=mgr,
        ...     raised_at=at, owner=mgr, policy=p)
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: after_sales_kind: an after-sales issue needs its kind (CS-2), got None
        """
        policy = _policy(policy)
        sales_kind = _to_after_sales_kind(after_sales_kind)
        if department is None and sales_kind is not None:
            department = policy.department_for(sales_kind)
        issue = cls(
            issue_id,
            kind,
            customer=customer,
            raised_by=raised_by,
            raised_at=raised_at,
            owner=owner,
            level=policy.manager_role,
            summary=summary,
            amount=amount,
            flags=_to_flags(flags),
            after_sales_kind=sales_kind,
            department=department,
        )
        policy.is_major_issue(issue.amount)  # refuses an amount in another currency now
        return issue

    # -- queries -----------------------------------------------------------------------
    def _events_until(self, moment: _dt.datetime) -> tuple[IssueEvent, ...]:
        return tuple(event for event in self.history if event.at <= moment)

    def state_at(self, moment: _dt.datetime) -> IssueState | None:
        """The state at ``moment`` (``None`` before the issue was raised)."""
        when = check_aware(moment, "moment")
        if when < self.raised_at:
            return None
        events = self._events_until(when)
        return events[-1].state if events else IssueState.RAISED

    def level_at(self, moment: _dt.datetime) -> Role | None:
        """The escalation level at ``moment`` (``None`` before the issue was raised)."""
        when = check_aware(moment, "moment")
        if when < self.raised_at:
            return None
        events = self._events_until(when)
        if events:
            return events[-1].level
        return self.history[0].level if self.history else self.level

    def first(self, action: IssueAction) -> IssueEvent | None:
        """The first event of ``action``, or ``None``."""
        wanted = _to_action(action)
        return next((event for event in self.history if event.action is wanted), None)

    def reported_to_company_at(self, policy: ServicePolicy) -> _dt.datetime | None:
        """When the company first heard of the issue (CS-6): a report, or an escalation
        that reached the company's role; ``None`` if never."""
        policy = _policy(policy)
        top = policy.company_role
        for event in self.history:
            if event.action is IssueAction.REPORT_TO_COMPANY:
                return event.at
            if event.action is IssueAction.ESCALATE and event.level.rank >= top.rank:
                return event.at
        return None

    # -- guards ------------------------------------------------------------------------
    def _fail(self, action: str, reason: str) -> IllegalTransition:
        return IllegalTransition(self.state.value, action, reason)

    def _need_state(self, action: str, *states: IssueState) -> None:
        if self.state not in states:
            wanted = " or ".join(state.value for state in states)
            raise self._fail(action, f"only possible in state {wanted}")

    def _may_handle(self, action: str, by: Employee, policy: ServicePolicy) -> None:
        if not by.role.outside and by.role.rank >= self.level.rank:
            return
        if by == self.owner and self.level == policy.manager_role:
            return
        raise self._fail(
            action, f"{by.role.code} {by.id} cannot act at the {self.level.code} level"
        )

    @staticmethod
    def _args(
        by: object, at: object, policy: object
    ) -> tuple[Employee, _dt.datetime, ServicePolicy]:
        return _employee(by, "by"), check_aware(at, "at"), _policy(policy)

    def _move(
        self,
        action: IssueAction,
        by: Employee,
        at: _dt.datetime,
        to: IssueState,
        *,
        level: Role | None = None,
        assignee: Employee | None = None,
        keep_assignee: bool = True,
        department: str | None = None,
        note: str | None = None,
    ) -> Issue:
        last = self.history[-1].at if self.history else self.raised_at
        if at < last:
            raise InvalidInput("at", at, f"is before the previous step ({last.isoformat()})")
        new_level = self.level if level is None else level
        new_assignee = (
            assignee if assignee is not None else (self.assignee if keep_assignee else None)
        )
        new_department = self.department if department is None else department
        event = IssueEvent(
            action,
            to,
            by=by,
            at=at,
            level=new_level,
            assignee=new_assignee,
            department=new_department,
            note=note,
        )
        return attrs.evolve(
            self,
            state=to,
            level=new_level,
            assignee=new_assignee,
            department=new_department,
            history=(*self.history, event),
        )

    # -- transitions -------------------------------------------------------------------
    def acknowledge(self, by: Employee, at: _dt.datetime, policy: ServicePolicy) -> Issue:
        """RAISED -> ACKNOWLEDGED, by whoever handles the issue at its level.

        Raises:
            IllegalTransition: out of turn, or ``by`` cannot act at the issue's level.
        """
        by, at, policy = self._args(by, at, policy)
        self._need_state("acknowledge", IssueState.RAISED)
        self._may_handle("acknowledge", by, policy)
        return self._move(IssueAction.ACKNOWLEDGE, by, at, IssueState.ACKNOWLEDGED)

    def take_in_hand(self, by: Employee, at: _dt.datetime, policy: ServicePolicy) -> Issue:
        """ACKNOWLEDGED -> IN_HAND: the handler works on it (CS-4: on the spot)."""
        by, at, policy = self._args(by, at, policy)
        self._need_state("take_in_hand", IssueState.ACKNOWLEDGED)
        self._may_handle("take_in_hand", by, policy)
        return self._move(IssueAction.TAKE_IN_HAND, by, at, IssueState.IN_HAND)

    def assign(
        self,
        by: Employee,
        at: _dt.datetime,
        policy: ServicePolicy,
        *,
        assignee: Employee,
        org: OrgChart,
        department: str | None = None,
    ) -> Issue:
        """Send someone to the customer or site (CS-3); optionally set the department (CS-2).

        From ACKNOWLEDGED the issue moves to IN_HAND; in IN_HAND or ESCALATED it stays.

        Raises:
            IllegalTransition: out of turn, ``by`` cannot act at the issue's level, or
                ``by`` is not a superior of ``assignee`` in ``org`` (CS-3).
            UnknownEntity: ``assignee`` or ``by`` is not in ``org``.
        """
        by, at, policy = self._args(by, at, policy)
        person = _employee(assignee, "assignee")
        if not isinstance(org, OrgChart):
            raise WrongType("org", org, "an OrgChart")
        self._need_state(
            "assign", IssueState.ACKNOWLEDGED, IssueState.IN_HAND, IssueState.ESCALATED
        )
        self._may_handle("assign", by, policy)
        org.get(by.id)
        if by not in org.chain_of_command(person):
            raise self._fail("assign", f"{by.id} is not a superior of {person.id} (CS-3)")
        to = IssueState.IN_HAND if self.state is IssueState.ACKNOWLEDGED else self.state
        return self._move(
            IssueAction.ASSIGN,
            by,
            at,
            to,
            assignee=person,
            department=_optional_text(department, "department"),
        )

    def escalate(
        self, by: Employee, at: _dt.datetime, policy: ServicePolicy, *, note: str | None = None
    ) -> Issue:
        """Hand the issue one level up the escalation chain (CS-4, CS-5).

        The assignee is cleared: the next level decides who works on it.

        Raises:
            IllegalTransition: out of turn, ``by`` cannot act at the issue's level, or
                the issue is already at the top of the chain.
            InvalidInput: the issue's level is not on the policy's chain.
        """
        by, at, policy = self._args(by, at, policy)
        self._need_state("escalate", IssueState.IN_HAND, IssueState.ESCALATED)
        self._may_handle("escalate", by, policy)
        chain = policy.issue_escalation_chain
        if self.level not in chain:
            raise InvalidInput("level", self.level, "is not a role of issue_escalation_chain")
        index = chain.index(self.level)
        if index + 1 >= len(chain):
            raise self._fail("escalate", f"{self.level.code} is the top of the escalation chain")
        return self._move(
            IssueAction.ESCALATE,
            by,
            at,
            IssueState.ESCALATED,
            level=chain[index + 1],
            keep_assignee=False,
            note=_optional_text(note, "note"),
        )

    def resolve(
        self, by: Employee, at: _dt.datetime, policy: ServicePolicy, *, note: str | None = None
    ) -> Issue:
        """IN_HAND or ESCALATED -> RESOLVED, by the level's handler or the assignee."""
        by, at, policy = self._args(by, at, policy)
        self._need_state("resolve", IssueState.IN_HAND, IssueState.ESCALATED)
        if by != self.assignee:
            self._may_handle("resolve", by, policy)
        return self._move(
            IssueAction.RESOLVE, by, at, IssueState.RESOLVED, note=_optional_text(note, "note")
        )

    def close(self, by: Employee, at: _dt.datetime, policy: ServicePolicy) -> Issue:
        """RESOLVED -> CLOSED, by the level's handler."""
        by, at, policy = self._args(by, at, policy)
        self._need_state("close", IssueState.RESOLVED)
        self._may_handle("close", by, policy)
        return self._move(IssueAction.CLOSE, by, at, IssueState.CLOSED)

    def report_to_company(
        self, by: Employee, at: _dt.datetime, policy: ServicePolicy, *, note: str | None = None
    ) -> Issue:
        """Report the issue to the company (CS-6); the state does not change.

        Raises:
            IllegalTransition: ``by`` ranks below the manager, or it is already reported.
        """
        by, at, policy = self._args(by, at, policy)
        manager = policy.manager_role
        if by.role.outside or by.role.rank < manager.rank:
            raise self._fail("report_to_company", f"{by.role.code} ranks below the {manager.code}")
        if self.reported_to_company_at(policy) is not None:
            raise self._fail("report_to_company", "the company already knows of it")
        return self._move(
            IssueAction.REPORT_TO_COMPANY, by, at, self.state, note=_optional_text(note, "note")
        )


def _issues(value: object) -> tuple[Issue, ...]:
    issues = _items(value, "issues", Issue, "an Issue")
    seen: set[str] = set()
    for issue in issues:
        if issue.id in seen:
            raise InvalidInput("issues", issue.id, "two issues share an id")
        seen.add(issue.id)
    return issues


# -- ownership ---------------------------------------------------------------------------
def issue_owner(
    raised_by: Employee,
    org: OrgChart,
    policy: ServicePolicy,
    *,
    account_executive: Employee | None = None,
) -> Employee:
    """Who answers for a new issue (CS-4, CS-8).

    On an account-managed customer the account executive (CS-8); otherwise the first
    person at or above the policy's manager role in the raiser's chain of command
    (the raiser if they are the manager, CS-4).

    Raises:
        UnknownEntity: an employee is not in ``org``.
        InvalidInput: nobody in the chain of command is a manager.

    >>> from salesdomain import GENERIC_LADDER as G, Employee, Money, OrgChart
    >>> rep = Employee("s1", "小王", G.get("salesperson"))
    >>> mgr = Employee("m1", "李经理", G.get("sales_manager"))
    >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("1"))
    >>> issue_owner(rep, OrgChart((rep, mgr), {"s1": "m1"}), p).name
    '李经理'
    >>> issue_owner(rep, OrgChart((rep,), {}), p)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: raised_by: nobody in the chain of command is a sales_manager or higher, got 's1'
    """
    person = _employee(raised_by, "raised_by")
    if not isinstance(org, OrgChart):
        raise WrongType("org", org, "an OrgChart")
    policy = _policy(policy)
    executive = _optional_employee(account_executive, "account_executive")
    if executive is not None:
        return org.get(executive.id)
    rank = policy.manager_role.rank
    for candidate in (org.get(person.id), *org.chain_of_command(person)):
        if not candidate.role.outside and candidate.role.rank >= rank:
            return candidate
    raise InvalidInput(
        "raised_by",
        person.id,
        f"nobody in the chain of command is a {policy.manager_role.code} or higher",
    )


# -- escalation route --------------------------------------------------------------------
@attrs.frozen
class EscalationRoute(Decision):
    """The result of :func:`escalation_route`.

    ``approvers`` are the chain's roles above the issue's level, nearest first;
    ``handler`` is the issue's level, ``next_role`` where it would go (``None`` at the
    top), ``major`` whether it is 「重大」.
    """

    handler: Role = attrs.field(kw_only=True)
    next_role: Role | None = attrs.field(kw_only=True)
    major: bool = attrs.field(kw_only=True)


def escalation_route(issue: Issue, policy: ServicePolicy) -> EscalationRoute:
    """Where an issue goes if its handler cannot solve it (CS-4, CS-6).

    The manager handles on-site issues and escalates at once to the next level (营销总监
    in real estate) when unable; each escalation climbs one level, never down.

    Args:
        issue: the issue as it stands.
        policy: the service policy.

    Returns:
        An :class:`EscalationRoute`: verdict ``NEEDS_APPROVAL`` when the issue is open,
        major and the company does not know of it yet (CS-6); ``ALLOWED`` otherwise.
        A resolved or closed issue has no route.

    Raises:
        InvalidInput: the issue's level is not on the policy's chain.

    >>> import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from salesdomain import REAL_ESTATE_LADDER as L, Employee, Money
    >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("100000"),
    ...     issue_escalation_chain=(L.get("sales_manager"), L.get("marketing_director")))
    >>> mgr = Employee("m1", "李经理", L.get("sales_manager"))
    >>> at = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> i = Issue.report("I-4", IssueKind.OBJECTION, customer="Mr Zhao", raised_by=mgr,
    ...     raised_at=at, owner=mgr, policy=p)
    >>> r = escalation_route(i, p)
    >>> r.next_role.name_zh, r.verdict.value
    ('营销总监', 'allowed')
    >>> escalation_route(i, None)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: policy: expected a ServicePolicy, got NoneType None
    """
    if not isinstance(issue, Issue):
        raise WrongType("issue", issue, "an Issue")
    policy = _policy(policy)
    chain = policy.issue_escalation_chain
    if issue.level not in chain:
        raise InvalidInput("level", issue.level, "is not a role of issue_escalation_chain")
    index = chain.index(issue.level)
    above = chain[index + 1 :]
    major = policy.is_major_issue(issue.amount, issue.flags)
    if issue.state in _DONE_STATES:
        reason = Reason(
            "CS-4", "issue_no_longer_open", {"issue": issue.id, "state": issue.state.value}
        )
        return EscalationRoute(
            Verdict.ALLOWED, (reason,), handler=issue.level, next_role=None, major=major
        )
    reasons = [Reason("CS-4", "issue_with_level", {"issue": issue.id, "role": issue.level})]
    if above:
        reasons.append(Reason("CS-4", "issue_escalates_to", {"issue": issue.id, "role": above[0]}))
    else:
        reasons.append(
            Reason("CS-4", "issue_at_top_of_chain", {"issue": issue.id, "role": issue.level})
        )
    verdict = Verdict.ALLOWED
    if major and issue.reported_to_company_at(policy) is None:
        reasons.append(
            Reason(
                "CS-6",
                "major_issue_goes_to_company",
                {"issue": issue.id, "role": policy.company_role},
            )
        )
        verdict = Verdict.NEEDS_APPROVAL
    return EscalationRoute(
        verdict,
        tuple(reasons),
        above,
        handler=issue.level,
        next_role=above[0] if above else None,
        major=major,
    )


# -- status report -----------------------------------------------------------------------
@attrs.frozen
class IssueStatus(Decision):
    """The result of :func:`issue_status`: issue ids per finding, in input order.

    Attributes:
        open_issues: raised by ``as_of`` and neither resolved nor closed then.
        past_sla: open and past their handling deadline (CS-1).
        resolved_late: resolved after their handling deadline (CS-1).
        carry_over: raised before the day of ``as_of`` and still neither resolved nor
            escalated (CS-5).
        major_unreported: major, not reported to the company, deadline passed (CS-6).
        major_report_due: major, not reported yet, deadline not passed (CS-6).
        major_reported_late: major, reported after the deadline (CS-6).
    """

    open_issues: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    past_sla: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    resolved_late: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    carry_over: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    major_unreported: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    major_report_due: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    major_reported_late: tuple[str, ...] = attrs.field(default=(), kw_only=True)


def issue_status(
    issues: Iterable[Issue], as_of: _dt.datetime, policy: ServicePolicy
) -> IssueStatus:
    """What needs attention among ``issues`` at ``as_of`` (CS-1, CS-5, CS-6).

    Each issue is judged as it stood at ``as_of`` (its history up to then); issues
    raised later are left out.

    - CS-1: an issue not resolved by its handling deadline (``handling_sla_by_kind``)
      is past SLA while open, and resolved late once resolved.
    - CS-5: an issue raised before the day of ``as_of`` (in the policy's zone) that
      is still raised, acknowledged or in hand (neither resolved nor escalated) is a
      carry-over problem: 「不能解决的应该立即上报」.
    - CS-6: a major issue (``is_major_issue``) must reach the company (a report, or
      an escalation up to ``company_report_role``) within ``major_report_sla``.

    Args:
        issues: the issues (ids unique).
        as_of: the moment of the report (timezone-aware).
        policy: the service policy.

    Returns:
        An :class:`IssueStatus`: ``REJECTED`` when anything is late or left open,
        ``NEEDS_APPROVAL`` (the company's role as approver) when a major issue must
        still be reported in time, ``ALLOWED`` with ``issues_in_order`` otherwise.

    Raises:
        InvalidInput: two issues share an id.

    >>> import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from salesdomain import GENERIC_LADDER as G, Employee, Money
    >>> tz = ZoneInfo("Asia/Shanghai")
    >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("100000"))
    >>> mgr = Employee("m1", "李经理", G.get("sales_manager"))
    >>> i = Issue.report("I-5", IssueKind.COMPLAINT, customer="Acme", raised_by=mgr,
    ...     raised_at=datetime.datetime(2026, 3, 2, 16, 0, tzinfo=tz), owner=mgr, policy=p)
    >>> r = issue_status([i], datetime.datetime(2026, 3, 3, 9, 0, tzinfo=tz), p)
    >>> r.verdict.value, r.past_sla, r.carry_over
    ('rejected', ('I-5',), ('I-5',))
    >>> issue_status([i, i], datetime.datetime(2026, 3, 3, 9, 0, tzinfo=tz), p)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: issues: two issues share an id, got 'I-5'
    """
    items = _issues(issues)
    moment = check_aware(as_of, "as_of")
    policy = _policy(policy)
    today = policy._day_in_zone(moment, "as_of")  # every moment judged is no later
    company = policy.company_role
    reasons: list[Reason] = []
    found: dict[str, list[str]] = {
        name: []
        for name in (
            "open_issues",
            "past_sla",
            "resolved_late",
            "carry_over",
            "major_unreported",
            "major_report_due",
            "major_reported_late",
        )
    }
    judged = 0
    for issue in items:
        state = issue.state_at(moment)
        if state is None:
            continue
        judged += 1
        level = issue.level_at(moment)
        assert level is not None  # raised by as_of, so it has a level
        sla = policy.handling_sla(issue.kind)
        due = policy.due_at(issue.raised_at, sla)
        due_on = policy.local_day(due)
        resolved = issue.first(IssueAction.RESOLVE)
        resolved_at = resolved.at if resolved is not None and resolved.at <= moment else None
        if resolved_at is None:
            found["open_issues"].append(issue.id)
            if moment > due:
                found["past_sla"].append(issue.id)
                reasons.append(
                    Reason(
                        "CS-1",
                        "issue_past_sla",
                        {
                            "issue": issue.id,
                            "kind": issue.kind.value,
                            "sla": str(sla),
                            "due_on": due_on,
                            "role": level,
                        },
                    )
                )
        elif resolved_at > due:
            found["resolved_late"].append(issue.id)
            reasons.append(
                Reason(
                    "CS-1",
                    "issue_resolved_late",
                    {
                        "issue": issue.id,
                        "kind": issue.kind.value,
                        "sla": str(sla),
                        "due_on": due_on,
                        "resolved_on": policy.local_day(resolved_at),
                    },
                )
            )
        if state in _OPEN_STATES and policy.local_day(issue.raised_at) < today:
            found["carry_over"].append(issue.id)
            reasons.append(
                Reason(
                    "CS-5",
                    "carry_over_not_resolved_or_escalated",
                    {
                        "issue": issue.id,
                        "raised_on": policy.local_day(issue.raised_at),
                        "role": level,
                        "next_role": _next_level(level, policy),
                    },
                )
            )
        if policy.is_major_issue(issue.amount, issue.flags):
            report_due = policy.due_at(issue.raised_at, policy.major_report_sla)
            report_due_on = policy.local_day(report_due)
            reported = issue.reported_to_company_at(policy)
            if reported is not None and reported > moment:
                reported = None
            params: dict[str, object] = {
                "issue": issue.id,
                "role": company,
                "due_on": report_due_on,
            }
            if reported is None and moment > report_due:
                found["major_unreported"].append(issue.id)
                reasons.append(Reason("CS-6", "major_issue_not_reported", params))
            elif reported is None:
                found["major_report_due"].append(issue.id)
                reasons.append(Reason("CS-6", "major_issue_report_due", params))
            elif reported > report_due:
                found["major_reported_late"].append(issue.id)
                params["reported_on"] = policy.local_day(reported)
                reasons.append(Reason("CS-6", "major_issue_reported_late", params))
    breaches = any(
        found[name]
        for name in (
            "past_sla",
            "resolved_late",
            "carry_over",
            "major_unreported",
            "major_reported_late",
        )
    )
    approvers: tuple[Role, ...] = ()
    if breaches:
        verdict = Verdict.REJECTED
    elif found["major_report_due"]:
        verdict = Verdict.NEEDS_APPROVAL
    else:
        verdict = Verdict.ALLOWED
        reasons.append(
            Reason(
                "CS-1",
                "issues_in_order",
                {"issues": judged, "open": len(found["open_issues"])},
            )
        )
    if found["major_report_due"] or found["major_unreported"]:
        approvers = (company,)
    return IssueStatus(
        verdict,
        tuple(reasons),
        approvers,
        open_issues=tuple(found["open_issues"]),
        past_sla=tuple(found["past_sla"]),
        resolved_late=tuple(found["resolved_late"]),
        carry_over=tuple(found["carry_over"]),
        major_unreported=tuple(found["major_unreported"]),
        major_report_due=tuple(found["major_report_due"]),
        major_reported_late=tuple(found["major_reported_late"]),
    )


def _next_level(level: Role, policy: ServicePolicy) -> Role:
    """The role above ``level`` on the chain (``level`` itself at the top or off it)."""
    chain = policy.issue_escalation_chain
    if level not in chain:
        return level
    index = chain.index(level)
    return chain[index + 1] if index + 1 < len(chain) else level


# -- feedback ----------------------------------------------------------------------------
def _to_topic(value: object) -> str:
    text = check_text(value, "topic")
    if not _CODE.match(text):
        raise InvalidInput("topic", value, "a topic must be a lower_snake_case code")
    return text


@attrs.frozen(field_transformer=wire_checks)
class Feedback:
    """An item of customer opinion or site information (CS-7).

    Args:
        id: the item's id.
        topic: a lower_snake_case code the routing rules know (``"price"``,
            ``"quality"``, ``"delivery"``...).
        received_at: when it came in (timezone-aware).
        customer: who gave it, if a customer.
        source: where it came from (a visit, the hotline, the sales site...).
        content: what was said.
    """

    id: str = attrs.field(metadata=check(check_text))
    topic: str = attrs.field(converter=_to_topic)
    received_at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))
    customer: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))
    source: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))
    content: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))


@attrs.frozen(field_transformer=wire_checks)
class DepartmentNotice:
    """Information passed on to another department (CS-9).

    Args:
        subject: the id of the feedback (or issue) it passes on.
        department: the department told.
        sent_at: when (timezone-aware).
    """

    subject: str = attrs.field(metadata=check(check_text))
    department: str = attrs.field(metadata=check(check_text))
    sent_at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))


@attrs.frozen
class FeedbackRouting(Decision):
    """The result of :func:`route_feedback`.

    Attributes:
        routes: ``(feedback id, department)`` for every routable item.
        unroutable: ids of items no rule routes (CS-7).
        not_passed_on: ids routed but not passed on by their deadline (CS-9).
        passed_on_late: ids passed on after their deadline (CS-9).
    """

    routes: tuple[tuple[str, str], ...] = attrs.field(default=(), kw_only=True)
    unroutable: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    not_passed_on: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    passed_on_late: tuple[str, ...] = attrs.field(default=(), kw_only=True)


def route_feedback(
    feedback: Iterable[Feedback],
    as_of: _dt.datetime,
    policy: ServicePolicy,
    *,
    notices: Iterable[DepartmentNotice] = (),
) -> FeedbackRouting:
    """Route feedback to departments and check it was passed on at once (CS-7, CS-9).

    Each item received by ``as_of`` goes to the department of its topic
    (``feedback_routing_rules``, else ``default_feedback_department``).  It must be
    passed on to that department (a :class:`DepartmentNotice` whose subject is the
    item's id) within ``notice_sla``; notices after ``as_of`` do not count yet.

    Args:
        feedback: the items (ids unique).
        as_of: the moment of the check (timezone-aware).
        policy: the service policy.
        notices: the notices sent.

    Returns:
        A :class:`FeedbackRouting`: ``REJECTED`` when an item is unroutable, not
        passed on in time or passed on late; ``ALLOWED`` with ``feedback_in_order``
        otherwise.

    Raises:
        InvalidInput: two items share an id.

    >>> import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from salesdomain import Money
    >>> tz = ZoneInfo("Asia/Shanghai")
    >>> p = ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("1"),
    ...     feedback_routing_rules={"quality": "technical"})
    >>> at = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=tz)
    >>> items = [Feedback("F-1", "quality", received_at=at), Feedback("F-2", "parking", received_at=at)]
    >>> r = route_feedback(items, at, p, notices=[DepartmentNotice("F-1", "technical", sent_at=at)])
    >>> r.routes, r.unroutable, r.verdict.value
    ((('F-1', 'technical'),), ('F-2',), 'rejected')
    >>> Feedback("F-3", "Quality", received_at=at)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: topic: a topic must be a lower_snake_case code, got 'Quality'
    """
    items = _items(feedback, "feedback", Feedback, "a Feedback")
    sent = _items(notices, "notices", DepartmentNotice, "a DepartmentNotice")
    moment = check_aware(as_of, "as_of")
    policy = _policy(policy)
    policy._day_in_zone(moment, "as_of")  # so has every notice sent by then
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InvalidInput("feedback", item.id, "two items share an id")
        seen.add(item.id)
    routes: list[tuple[str, str]] = []
    unroutable: list[str] = []
    missing: list[str] = []
    late: list[str] = []
    reasons: list[Reason] = []
    for item in items:
        if item.received_at > moment:
            continue
        department = policy.route_topic(item.topic)
        if department is None:
            unroutable.append(item.id)
            reasons.append(
                Reason("CS-7", "feedback_unroutable", {"feedback": item.id, "topic": item.topic})
            )
            continue
        routes.append((item.id, department))
        due = policy.due_at(item.received_at, policy.notice_sla)
        times = sorted(
            notice.sent_at
            for notice in sent
            if notice.subject == item.id
            and notice.department == department
            and notice.sent_at <= moment
        )
        params: dict[str, object] = {
            "feedback": item.id,
            "department": department,
            "due_on": policy.local_day(due),
        }
        if not times:
            if moment > due:
                missing.append(item.id)
                reasons.append(Reason("CS-9", "feedback_not_passed_on", params))
        elif times[0] > due:
            late.append(item.id)
            params["sent_on"] = policy.local_day(times[0])
            reasons.append(Reason("CS-9", "feedback_passed_on_late", params))
    if reasons:
        verdict = Verdict.REJECTED
    else:
        verdict = Verdict.ALLOWED
        reasons.append(Reason("CS-7", "feedback_in_order", {"routed": len(routes)}))
    return FeedbackRouting(
        verdict,
        tuple(reasons),
        routes=tuple(routes),
        unroutable=tuple(unroutable),
        not_passed_on=tuple(missing),
        passed_on_late=tuple(late),
    )
