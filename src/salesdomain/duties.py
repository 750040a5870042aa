"""The duty calendar and the reports tied to it (CAL-0..13, REPORT-1..10).

Every periodic duty of the rule inventory's section 12 is a :class:`Duty` value: its
cadence, its deadline (a weekday, a day of a month before or after the period, the
day before or the last day of the period), who receives it, who signs it off, and
which way a holiday may move it.  :class:`CalendarPolicy` holds the company's
settings (RULES.md section 23.2) and the duty set it follows; a
:class:`CompanyCalendar` the caller passes in holds holidays and make-up working
days (调休).

- :func:`due_date` and :func:`is_on_time` implement CAL-0: 「N日前」 is inclusive by
  default (the end of day N, company time), day numbers are clamped to the month
  (the 30th in February is its last day, X-9), a holiday moves a deadline only the
  way its duty allows (a "by day N" deadline only earlier, the monthly report of
  CAL-8 only later, X-16, X-18).
- :func:`duties_due` lists the occurrences due in a date range (built on
  :mod:`dateutil.rrule`); :func:`compliance` lists those done late or not at all.
- :func:`reports_due` and :func:`report_status` do the same for the daily, weekly
  and monthly reports (REPORT-1..10), including the finance reconciliation that must
  come before the weekly sales report goes to the 营销总监 (REPORT-6, COLL-7).

Ready-made duty sets and policies follow the seed's companies: real estate
(:data:`REAL_ESTATE_DUTIES`, S11: 25th / 30th / 1st / quarter 25th, Tuesday meeting),
a trading company (:data:`TRADING_DUTIES`, S7: Saturday-morning visit meeting), a
showroom company (:data:`SHOWROOM_DUTIES`, S5: Mon/Wed/Fri rota 08:00-08:20) and a
hotel (:data:`HOTEL_DUTIES`, S4).

>>> import datetime
>>> from salesdomain import Period
>>> from salesdomain.duties import CAL_6, CAL_8, CalendarPolicy, due_date
>>> policy = CalendarPolicy(timezone="Asia/Shanghai")
>>> due_date(CAL_6, Period.month(2026, 2), policy)
datetime.date(2026, 2, 28)
>>> due_date(CAL_8, Period.month(2025, 12), policy)
datetime.date(2026, 1, 1)
>>> due_date(CAL_6, Period.iso_week(2026, 9), policy)
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: period: CAL-6 is monthly: expected a calendar month, got Period(start=datetime.date(2026, 2, 23), end=datetime.date(2026, 3, 1))
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar, Union

import attrs
from dateutil import rrule as _rrule
from dateutil import tz as _dateutil_tz
from dateutil.relativedelta import relativedelta

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import check_aware, check_date
from salesdomain.core.decisions import Decision, ParamValue, Reason, Verdict
from salesdomain.core.errors import (
    InvalidInput,
    PolicyError,
    SalesDomainError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.org import GENERIC_LADDER, HOTEL_LADDER, REAL_ESTATE_LADDER, Role
from salesdomain.core.periods import Period, clamp_day

__all__ = [
    "ALL_DUTIES",
    "CAL_1",
    "CAL_2",
    "CAL_3",
    "CAL_4",
    "CAL_5",
    "CAL_6",
    "CAL_6W",
    "CAL_7",
    "CAL_7W",
    "CAL_8",
    "CAL_8W",
    "CAL_9",
    "CAL_9W",
    "CAL_10",
    "CAL_10W",
    "CAL_11",
    "CAL_12",
    "CAL_13",
    "HOTEL_DUTIES",
    "HOTEL_REPORTS",
    "REAL_ESTATE_DUTIES",
    "REAL_ESTATE_REPORTS",
    "REASON_CODES",
    "SHOWROOM_DUTIES",
    "TRADING_DUTIES",
    "Anchor",
    "Cadence",
    "CalendarPolicy",
    "CompanyCalendar",
    "Deadline",
    "DeadlineForm",
    "Department",
    "Duty",
    "DutyCheck",
    "DutyCompliance",
    "DutyDone",
    "DutyIssue",
    "HolidayAdjustment",
    "MonthDayOverflow",
    "Movement",
    "Occurrence",
    "ReportCheck",
    "ReportDue",
    "ReportIssue",
    "ReportKind",
    "ReportSpec",
    "ReportStatus",
    "SubmittedReport",
    "compliance",
    "due_date",
    "duties_due",
    "get_duty",
    "hotel_calendar",
    "is_on_time",
    "is_working_day",
    "real_estate_calendar",
    "report_status",
    "reports_due",
    "showroom_calendar",
    "trading_calendar",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "duty_missing",
        "duty_late",
        "duty_too_few",
        "report_missing",
        "report_late",
        "report_unverified",
        "report_unreconciled",
        "report_reconciled_after_submission",
        "report_not_announced",
        "report_not_shared_with_principal",
        "report_without_suggestions",
        "report_fields_missing",
    }
)
"""Every reason code this module can emit."""

_DAY = _dt.timedelta(days=1)
_MAX_SHIFT: Final = 31
"""A holiday adjustment looks this many days for a working day, then gives up."""
_WEEKDAY_NAMES: Final = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_CODE = re.compile(r"^[A-Z]{2,8}-\d{1,3}w?$")
_PARAM = re.compile(r"^[a-z][a-z0-9_]*$")


# -- enums --------------------------------------------------------------------------


class Cadence(enum.Enum):
    """How often a duty recurs."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Anchor(enum.Enum):
    """Where a duty's deadline sits relative to its period.

    - ``WORKING_DAY``: each working day, due that day (daily duties).
    - ``WEEKDAY``: on a weekday of the period's week (a meeting); with several
      weekdays (the showroom rota) each day is its own occurrence.
    - ``MONTH_DAY``: day N of a month placed relative to the period (CAL-6..10).
    - ``PERIOD_END``: within the period, by its last day (CAL-7w, CAL-11..13).
    - ``BEFORE_PERIOD``: by the day before the period starts (CAL-5).
    """

    WORKING_DAY = "working_day"
    WEEKDAY = "weekday"
    MONTH_DAY = "month_day"
    PERIOD_END = "period_end"
    BEFORE_PERIOD = "before_period"


class DeadlineForm(enum.Enum):
    """How a deadline reads.

    - ``BY``: 「N日前」, by the end of day N; a strict company
      (``deadline_inclusive=False``) reads it as the end of day N-1 (CAL-0).
    - ``ON``: a slot on that very day (a meeting, the rota, a daily duty).
    - ``WITHIN``: inside the period; always inclusive.
    """

    BY = "by"
    ON = "on"
    WITHIN = "within"


class Movement(enum.Enum):
    """Which way a holiday may move a duty's deadline (X-18)."""

    EARLIER = "earlier"
    LATER = "later"
    EITHER = "either"


class HolidayAdjustment(enum.Enum):
    """What happens to a deadline on a non-working day (CAL-0, X-18).

    ``SKIP`` drops the occurrence instead (only for slot duties such as the showroom
    rota, whose holidays are skipped: ATT-14).
    """

    NONE = "none"
    PREVIOUS = "previous_working_day"
    NEXT = "next_working_day"
    SKIP = "skip"


class MonthDayOverflow(enum.Enum):
    """What a day number beyond the month's end means (X-9)."""

    CLAMP = "clamp"
    ERROR = "error"


class Department(enum.Enum):
    """Departments a duty passes through (they are not roles of the sales ladder)."""

    FINANCE = "finance"
    ADMINISTRATION = "administration"


class DutyIssue(enum.Enum):
    """What is wrong with one occurrence of a duty."""

    MISSING = "missing"
    LATE = "late"
    TOO_FEW = "too_few"


class ReportKind(enum.Enum):
    """The report kinds of REPORT-1..8."""

    DAILY = "daily"
    WEEKLY = "weekly"
    WEEKLY_SALES = "weekly_sales"
    MONTHLY = "monthly"


class ReportIssue(enum.Enum):
    """What is wrong with one due report."""

    MISSING = "missing"
    LATE = "late"
    UNVERIFIED = "unverified"
    UNRECONCILED = "unreconciled"
    NOT_ANNOUNCED = "not_announced"
    NOT_SHARED_WITH_PRINCIPAL = "not_shared_with_principal"
    FIELDS_MISSING = "fields_missing"


# -- small converters ---------------------------------------------------------------

_E = TypeVar("_E", bound=enum.Enum)


def _member(cls: type[_E], value: object, field: str) -> _E:
    """``value`` as a member of ``cls`` (the member, its value or its name)."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if value in (member.value, member.name, member.name.lower()):
                return member
    known = ", ".join(str(member.value) for member in cls)
    raise UnknownEntity(field, value, f"expected one of {known}")


def _cadence(value: object) -> Cadence:
    return _member(Cadence, value, "cadence")


def _anchor(value: object) -> Anchor:
    return _member(Anchor, value, "anchor")


def _form(value: object) -> DeadlineForm:
    return _member(DeadlineForm, value, "form")


def _movement(value: object) -> Movement:
    return _member(Movement, value, "moves")


def _report_kind(value: object) -> ReportKind:
    return _member(ReportKind, value, "kind")


def _department_or_none(field: str) -> Callable[[object], Department | None]:
    def convert(value: object) -> Department | None:
        if value is None:
            return None
        return _member(Department, value, field)

    return convert


def _weekday(value: object, field: str) -> int:
    if isinstance(value, str):
        name = value.strip().lower()
        for number, full in enumerate(_WEEKDAY_NAMES):
            if name in (full, full[:3]):
                return number
        raise InvalidInput(field, value, "expected a weekday name such as 'tuesday'")
    if type(value) is not int:
        raise WrongType(field, value, "a weekday number 0 (Monday) to 6 (Sunday) or a name")
    if not 0 <= value <= 6:
        raise InvalidInput(field, value, "must be a weekday number 0 (Monday) to 6 (Sunday)")
    return value


def _weekday_tuple(value: object, field: str) -> tuple[int, ...]:
    if isinstance(value, (str, int)):
        return (_weekday(value, field),)
    if not isinstance(value, (tuple, list, frozenset, set)):
        raise WrongType(field, value, "a sequence of weekday numbers 0 (Monday) to 6 (Sunday)")
    days = sorted({_weekday(item, field) for item in value})
    if not days:
        raise InvalidInput(field, value, "needs at least one weekday")
    return tuple(days)


def _bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


def _text(value: object, field: str) -> str:
    """A non-empty str."""
    value = _any_text(value, field)
    if not value.strip():
        raise InvalidInput(field, value, "must not be empty")
    return value


def _any_text(value: object, field: str) -> str:
    """A str, possibly empty."""
    if type(value) is not str:
        raise WrongType(field, value, "a str")
    return value


def _param_name(value: object, field: str) -> str:
    if type(value) is not str or not _PARAM.match(value):
        raise InvalidInput(field, value, "expected the name of a CalendarPolicy field")
    return value


def _optional_param(value: object, field: str) -> str | None:
    return None if value is None else _param_name(value, field)


def _roles(field: str) -> Callable[[object], tuple[Role, ...]]:
    def convert(value: object) -> tuple[Role, ...]:
        if isinstance(value, Role):
            return (value,)
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise WrongType(field, value, "a sequence of Role")
        roles = tuple(value)
        for index, role in enumerate(roles):
            if not isinstance(role, Role):
                raise WrongType(f"{field}[{index}]", role, "a Role")
        return roles

    return convert


def _optional_role(value: object, field: str) -> Role | None:
    if value is None or isinstance(value, Role):
        return value
    raise WrongType(field, value, "a Role or None")


def _texts(field: str) -> Callable[[object], tuple[str, ...]]:
    def convert(value: object) -> tuple[str, ...]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise WrongType(field, value, "a sequence of str")
        items = tuple(value)
        for index, item in enumerate(items):
            if type(item) is not str or not item.strip():
                raise InvalidInput(f"{field}[{index}]", item, "expected a non-empty str")
        return items

    return convert


def _rule_ids(value: object) -> tuple[str, ...]:
    items = _texts("rules")(value)
    for index, item in enumerate(items):
        if not _CODE.match(item):
            raise InvalidInput(f"rules[{index}]", item, "expected a rule ID such as 'APPR-3'")
    return items


def _duty_code(value: object, field: str = "code") -> str:
    if type(value) is not str:
        raise WrongType(field, value, "a duty code str such as 'CAL-6'")
    if not _CODE.match(value):
        raise InvalidInput(field, value, "expected a rule ID such as 'CAL-6' or 'CAL-8w'")
    return value


def _period(value: object, field: str) -> Period:
    if not isinstance(value, Period):
        raise WrongType(field, value, "a Period")
    return value


_FIRST_SAFE_DAY: Final = _dt.date.min + _dt.timedelta(days=2)
_LAST_SAFE_DAY: Final = _dt.date.max - _dt.timedelta(days=2)


def _convertible(moment: _dt.datetime, field: str) -> _dt.datetime:
    """Refuse a moment so close to the ends of the calendar that converting it to
    another time zone would leave the calendar (an ``OverflowError`` otherwise)."""
    if not _FIRST_SAFE_DAY <= moment.date() <= _LAST_SAFE_DAY:
        raise InvalidInput(
            field, moment, "is too close to the ends of the calendar to change time zone"
        )
    return moment


def _moment(value: object, field: str) -> _dt.date:
    """A plain date (a day of completion) or a timezone-aware datetime."""
    if isinstance(value, _dt.datetime):
        return _convertible(check_aware(value, field), field)
    return check_date(value, field)


def _optional_moment(value: object, field: str) -> _dt.date | None:
    return None if value is None else _moment(value, field)


# -- deadlines and duties -----------------------------------------------------------

DayValue = Union[int, tuple[int, ...], str, None]
"""A deadline's day: a day of the month, a weekday or weekdays, or a policy field name."""


def _deadline_day(value: object) -> DayValue:
    if value is None or isinstance(value, str):
        return value
    if type(value) is int:
        return value
    if isinstance(value, (tuple, list, frozenset, set)):
        return _weekday_tuple(value, "day")
    raise WrongType("day", value, "an int, a tuple of weekdays, a policy field name or None")


def _months_ahead(value: object) -> int | str:
    if isinstance(value, str):
        return _param_name(value, "months_ahead")
    if type(value) is not int:
        raise WrongType("months_ahead", value, "an int or a policy field name")
    if not -12 <= value <= 12:
        raise InvalidInput("months_ahead", value, "must be between -12 and 12")
    return value


@attrs.frozen
class Deadline:
    """Where a duty falls due within (or around) its period.

    Args:
        anchor: see :class:`Anchor`.
        day: for ``MONTH_DAY`` the day of the month (1 to 31); for ``WEEKDAY`` a
            weekday (0 = Monday) or several; or the name of the
            :class:`CalendarPolicy` field that holds it (``"appraisal_due_day"``),
            so a company's settings drive the seed's duties.  ``None`` otherwise.
        months_ahead: for ``MONTH_DAY``, how many months after the due month the
            period starts: 1 for next month's plan (CAL-7), -1 for last month's report
            (CAL-8); an int or a policy field name.

    >>> Deadline(Anchor.MONTH_DAY, 25, months_ahead=1)
    Deadline(anchor=<Anchor.MONTH_DAY: 'month_day'>, day=25, months_ahead=1)
    >>> Deadline(Anchor.MONTH_DAY, 32)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: day: a day of the month must be between 1 and 31, got 32
    """

    anchor: Anchor = attrs.field(converter=_anchor)
    day: DayValue = attrs.field(default=None, converter=_deadline_day)
    months_ahead: int | str = attrs.field(default=0, kw_only=True, converter=_months_ahead)

    def __attrs_post_init__(self) -> None:
        day, anchor = self.day, self.anchor
        if isinstance(day, str):
            _param_name(day, "day")
        if anchor is Anchor.MONTH_DAY:
            if day is None or isinstance(day, tuple):
                raise InvalidInput("day", day, "a MONTH_DAY deadline needs a day of the month")
            if isinstance(day, int) and not 1 <= day <= 31:
                raise InvalidInput("day", day, "a day of the month must be between 1 and 31")
        elif anchor is Anchor.WEEKDAY:
            if day is None:
                raise InvalidInput("day", day, "a WEEKDAY deadline needs a weekday")
            if isinstance(day, int):
                object.__setattr__(self, "day", (_weekday(day, "day"),))
        elif day is not None:
            raise InvalidInput("day", day, f"a {anchor.name} deadline takes no day")
        if anchor is not Anchor.MONTH_DAY and self.months_ahead != 0:
            raise InvalidInput(
                "months_ahead", self.months_ahead, "only a MONTH_DAY deadline is months away"
            )


_CADENCE_ANCHORS: Final = {
    Cadence.DAILY: frozenset({Anchor.WORKING_DAY}),
    Cadence.WEEKLY: frozenset({Anchor.WEEKDAY, Anchor.PERIOD_END, Anchor.BEFORE_PERIOD}),
    Cadence.MONTHLY: frozenset({Anchor.MONTH_DAY, Anchor.PERIOD_END, Anchor.BEFORE_PERIOD}),
    Cadence.QUARTERLY: frozenset({Anchor.MONTH_DAY, Anchor.PERIOD_END, Anchor.BEFORE_PERIOD}),
}


def _deadline(value: object) -> Deadline:
    if not isinstance(value, Deadline):
        raise WrongType("deadline", value, "a Deadline")
    return value


def _default_moves(duty: Duty) -> Movement:
    return Movement.EITHER if duty.form is DeadlineForm.ON else Movement.EARLIER


def _duty_recipients(value: object) -> tuple[Role, ...]:
    return _roles("recipients")(value)


def _duty_checked_by(value: object) -> Department | None:
    return _department_or_none("checked_by")(value)


def _duty_filed_with(value: object) -> Department | None:
    return _department_or_none("filed_with")(value)


@attrs.frozen(field_transformer=wire_checks)
class Duty:
    """One periodic duty of the calendar (RULES.md section 12.2), as data.

    Args:
        code: the calendar row ID (``"CAL-6"``, ``"CAL-8w"``); reasons cite it.
        cadence: daily, weekly, monthly or quarterly.
        deadline: where it falls due (:class:`Deadline`).
        form: ``BY`` for 「N日前」, ``ON`` for a slot, ``WITHIN`` for "in the period".
        moves: which way a holiday may move it; by default ``EARLIER`` for ``BY``
            and ``WITHIN`` deadlines (a 「N日前」 deadline never moves later) and
            ``EITHER`` for slots.  CAL-8 is ``LATER`` (X-16).
        title_zh, title_en: what the duty is.
        recipients: the roles the result goes to (上报).
        sign_off: the role that signs or confirms it, if any.
        chair: the role that chairs it (meetings), if any.
        announce_in_department: whether it is announced in the department (本部门通报).
        checked_by: a department that checks it first (财务部 for CAL-6w).
        filed_with: a department that files it (行政部 for CAL-9).
        count_param: the policy field giving how many times it must happen per
            period (an int, or a tuple whose length counts), if more than once.
        window_param: the policy field giving its time window (the rota's 08:00-08:20).
        slot_param: the policy field naming its slot of the day ("morning").
        rules: the related rule IDs (APPR-3 for CAL-6...).
        seed: the seed's words; segment: where they come from.

    >>> CAL_6.cadence, CAL_6.moves, CAL_6.recipients[0].name_zh
    (<Cadence.MONTHLY: 'monthly'>, <Movement.EARLIER: 'earlier'>, '营销总监')
    >>> Duty("CAL-99", Cadence.DAILY, deadline=Deadline(Anchor.MONTH_DAY, 5), form="by",
    ...      title_zh="x", title_en="x")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: deadline: a daily duty cannot have a MONTH_DAY deadline, got Deadline(anchor=<Anchor.MONTH_DAY: 'month_day'>, day=5, months_ahead=0)
    """

    code: str = attrs.field(converter=_duty_code)
    cadence: Cadence = attrs.field(converter=_cadence)
    deadline: Deadline = attrs.field(kw_only=True, converter=_deadline)
    form: DeadlineForm = attrs.field(kw_only=True, converter=_form)
    moves: Movement = attrs.field(
        kw_only=True, default=attrs.Factory(_default_moves, takes_self=True), converter=_movement
    )
    title_zh: str = attrs.field(kw_only=True, metadata=check(_text))
    title_en: str = attrs.field(kw_only=True, metadata=check(_text))
    recipients: tuple[Role, ...] = attrs.field(kw_only=True, default=(), converter=_duty_recipients)
    sign_off: Role | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_role))
    chair: Role | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_role))
    announce_in_department: bool = attrs.field(kw_only=True, default=False, metadata=check(_bool))
    checked_by: Department | None = attrs.field(
        kw_only=True, default=None, converter=_duty_checked_by
    )
    filed_with: Department | None = attrs.field(
        kw_only=True, default=None, converter=_duty_filed_with
    )
    count_param: str | None = attrs.field(
        kw_only=True, default=None, metadata=check(_optional_param)
    )
    window_param: str | None = attrs.field(
        kw_only=True, default=None, metadata=check(_optional_param)
    )
    slot_param: str | None = attrs.field(
        kw_only=True, default=None, metadata=check(_optional_param)
    )
    rules: tuple[str, ...] = attrs.field(kw_only=True, default=(), converter=_rule_ids)
    seed: str = attrs.field(kw_only=True, default="", metadata=check(_any_text))
    segment: str = attrs.field(kw_only=True, default="", metadata=check(_any_text))

    def __attrs_post_init__(self) -> None:
        anchor = self.deadline.anchor
        if anchor not in _CADENCE_ANCHORS[self.cadence]:
            raise InvalidInput(
                "deadline",
                self.deadline,
                f"a {self.cadence.value} duty cannot have a {anchor.name} deadline",
            )
        if self.form is DeadlineForm.ON and anchor not in (Anchor.WORKING_DAY, Anchor.WEEKDAY):
            raise InvalidInput("form", self.form, "only a daily or weekday duty is a slot (ON)")


@attrs.frozen
class Occurrence:
    """One occurrence of a duty: its period, the due day, and the day before adjustment.

    Attributes:
        duty: the duty.
        period: the period it covers (a day, a week, a month or a fiscal quarter).
        due: the due day after any holiday adjustment.
        nominal: the due day the calendar gives before the adjustment.
        required: how many times it must be done for the period (usually 1).
        window: its time window, if any (ATT-14's 08:00-08:20).
        slot: its slot of the day, if any ("morning" for the Saturday meeting).
    """

    duty: Duty
    period: Period
    due: _dt.date = attrs.field(kw_only=True)
    nominal: _dt.date = attrs.field(kw_only=True)
    required: int = attrs.field(kw_only=True, default=1)
    window: tuple[_dt.time, _dt.time] | None = attrs.field(kw_only=True, default=None)
    slot: str | None = attrs.field(kw_only=True, default=None)

    @property
    def adjusted(self) -> bool:
        """Whether a holiday moved the due day."""
        return self.due != self.nominal


# -- the catalogue of section 12 ----------------------------------------------------

_RE = REAL_ESTATE_LADDER.get
_HOTEL = HOTEL_LADDER.get
_GENERIC = GENERIC_LADDER.get
_DIRECTOR = _RE("marketing_director")

CAL_1: Final = Duty(
    "CAL-1",
    Cadence.DAILY,
    deadline=Deadline(Anchor.WORKING_DAY),
    form=DeadlineForm.ON,
    title_zh="部门每日早晚例会",
    title_en="daily department meetings, morning and evening",
    chair=_HOTEL("sales_manager"),
    count_param="daily_meetings",
    rules=("APPR-8",),
    seed="主持召开部门每日早晚例会",
    segment="S4.M13",
)
"""Hotel department meetings each working day, as many as ``daily_meetings`` (CAL-1)."""

CAL_2: Final = Duty(
    "CAL-2",
    Cadence.DAILY,
    deadline=Deadline(Anchor.WORKING_DAY),
    form=DeadlineForm.ON,
    title_zh="销售经理每日一般工作",
    title_en="the real-estate sales manager's daily checklist",
    recipients=(_DIRECTOR,),
    rules=("REPORT-3", "REPORT-4", "COLL-3", "CS-5"),
    seed="详细检阅前日销售部工作日报表及客户信息反馈 … 小结当日销售部工作情况",
    segment="S11.D1",
)
"""The real-estate manager's daily checklist, items 1.1-1.9 (CAL-2)."""

CAL_3: Final = Duty(
    "CAL-3",
    Cadence.DAILY,
    deadline=Deadline(Anchor.WORKING_DAY),
    form=DeadlineForm.ON,
    title_zh="销售主任每日工作报告",
    title_en="the hotel sales supervisor's daily work report",
    recipients=(_HOTEL("sales_manager"),),
    rules=("REPORT-2",),
    seed="每日针对销售情况形成工作报告",
    segment="S4.D1",
)
"""The hotel 销售主任's daily report to the 销售部经理 (CAL-3)."""

CAL_4: Final = Duty(
    "CAL-4",
    Cadence.WEEKLY,
    deadline=Deadline(Anchor.WEEKDAY, "weekly_meeting_weekday"),
    form=DeadlineForm.ON,
    title_zh="每周工作例会及周报表",
    title_en="weekly meeting and weekly report",
    recipients=(_DIRECTOR,),
    chair=_RE("sales_manager"),
    rules=("REPORT-5",),
    seed="每周二召开本周工作例会,总结上周工作,指出不足;安排本周工作计划,并形成周报表,上报营销总监",
    segment="S11.W2.1",
)
"""The weekly meeting and its report to the 营销总监, Tuesday by default (CAL-4, X-19)."""

CAL_5: Final = Duty(
    "CAL-5",
    Cadence.WEEKLY,
    deadline=Deadline(Anchor.BEFORE_PERIOD),
    form=DeadlineForm.WITHIN,
    title_zh="安排轮值工作人员",
    title_en="arrange the duty rota before the week starts",
    sign_off=_DIRECTOR,
    rules=("ROLE-9", "ATT-9"),
    seed="安排好轮值工作人员,请假超过一天者应上报营销总监",
    segment="S11.W2.2",
)
"""The week's duty rota, due the day before the week starts (CAL-5)."""

CAL_6W: Final = Duty(
    "CAL-6w",
    Cadence.WEEKLY,
    deadline=Deadline(Anchor.WEEKDAY, "weekly_sales_report_weekday"),
    form=DeadlineForm.ON,
    title_zh="周销售报表(与财务部门核对后上报)",
    title_en="weekly sales report, reconciled with finance, then submitted",
    recipients=(_DIRECTOR,),
    checked_by=Department.FINANCE,
    rules=("REPORT-6", "COLL-7"),
    seed="与财务部门核对后将本周销售报表上报营销总监",
    segment="S11.W2.3",
)
"""The weekly sales report: finance checks it, then it goes to the 营销总监 (CAL-6w)."""

CAL_7W: Final = Duty(
    "CAL-7w",
    Cadence.WEEKLY,
    deadline=Deadline(Anchor.PERIOD_END),
    form=DeadlineForm.WITHIN,
    title_zh="检查应收帐款及合同签定,分解下周催款催签",
    title_en="check receivables and signing; split next week's chasing to people",
    rules=("COLL-4", "CONTRACT-8", "TARGET-10"),
    seed="安排、分解下周应收帐款、合同催签工作,并落实到人头",
    segment="S11.W2.4",
)
"""Weekly receivables and contract-chasing split, within the week (CAL-7w)."""

CAL_8W: Final = Duty(
    "CAL-8w",
    Cadence.WEEKLY,
    deadline=Deadline(Anchor.WEEKDAY, "visit_meeting_weekday"),
    form=DeadlineForm.ON,
    title_zh="每周六上午工作例会(拜访计划与汇报)",
    title_en="visit-plan and visit-report meeting",
    sign_off=_GENERIC("sales_manager"),
    slot_param="visit_meeting_slot",
    rules=("VISIT-2", "VISIT-5"),
    seed="每周六上午的工作例会",
    segment="S7.V-B/E",
)
"""The Saturday-morning visit meeting by default (CAL-8w, X-13)."""

CAL_9W: Final = Duty(
    "CAL-9w",
    Cadence.WEEKLY,
    deadline=Deadline(Anchor.WEEKDAY, "weekly_review_weekday"),
    form=DeadlineForm.ON,
    title_zh="每周重点业务及技术问题讨论和学习",
    title_en="weekly session on the past week's key business and technical issues",
    chair=_GENERIC("sales_manager"),
    rules=("TRAIN-1",),
    seed="每周定期对过去一周所发生的重点业务及技术问题组织大家进行讨论和学习",
    segment="S7.M4",
)
"""The weekly knowledge session; its day follows the visit meeting by default (CAL-9w)."""

CAL_10W: Final = Duty(
    "CAL-10w",
    Cadence.WEEKLY,
    deadline=Deadline(Anchor.WEEKDAY, "showroom_weekdays"),
    form=DeadlineForm.ON,
    title_zh="展厅产品卫生轮值",
    title_en="showroom cleaning and product care by area rota",
    window_param="showroom_window",
    rules=("ATT-14",),
    seed="每周周一、周三、周五8.00-8.20",
    segment="S5.一",
)
"""The showroom rota, Mon/Wed/Fri 08:00-08:20 by default (CAL-10w, ATT-14)."""

CAL_6: Final = Duty(
    "CAL-6",
    Cadence.MONTHLY,
    deadline=Deadline(
        Anchor.MONTH_DAY, "appraisal_due_day", months_ahead="appraisal_period_offset"
    ),
    form=DeadlineForm.BY,
    title_zh="员工业绩考评",
    title_en="staff performance appraisal",
    recipients=(_DIRECTOR,),
    announce_in_department=True,
    rules=("APPR-3",),
    seed="每月30日前必须完成员工业绩考评,本部门通报并上报营销总监",
    segment="S11.M3.1",
)
"""The monthly appraisal, by the 30th (the last day in February) (CAL-6, APPR-3, X-9)."""

CAL_7: Final = Duty(
    "CAL-7",
    Cadence.MONTHLY,
    deadline=Deadline(Anchor.MONTH_DAY, "next_month_plan_due_day", months_ahead=1),
    form=DeadlineForm.BY,
    title_zh="下月工作计划及任务分解",
    title_en="next month's work plan and task split",
    recipients=(_DIRECTOR,),
    announce_in_department=True,
    rules=("TARGET-1", "TARGET-3"),
    seed="每月25日前必须完成下月工作计划及任务分解,本部门通报并上报营销总监",
    segment="S11.M3.2",
)
"""Next month's plan, by the 25th of the month before (CAL-7)."""

CAL_8: Final = Duty(
    "CAL-8",
    Cadence.MONTHLY,
    deadline=Deadline(Anchor.MONTH_DAY, "monthly_report_due_day", months_ahead=-1),
    form=DeadlineForm.BY,
    moves=Movement.LATER,
    title_zh="上月工作月报表",
    title_en="last month's monthly report",
    recipients=(_DIRECTOR,),
    announce_in_department=True,
    rules=("REPORT-7",),
    seed="每月1日前必须完成上月工作月报表,本部门通报并上报营销总监",
    segment="S11.M3.3",
)
"""The monthly report, by the 1st of the next month; moves only later (CAL-8, X-16)."""

CAL_9: Final = Duty(
    "CAL-9",
    Cadence.MONTHLY,
    deadline=Deadline(Anchor.MONTH_DAY, "supply_requisition_due_day", months_ahead=1),
    form=DeadlineForm.BY,
    title_zh="下月办公用品请购",
    title_en="next month's office-supply requisition",
    sign_off=_DIRECTOR,
    filed_with=Department.ADMINISTRATION,
    rules=("EXP-5",),
    seed="每月25日前必须完成下月办公用品请购,由营销总监签字确认并报行政部备案",
    segment="S11.M3.4",
)
"""Next month's supply requisition, by the 25th, signed by the 营销总监 (CAL-9, EXP-5)."""

CAL_10: Final = Duty(
    "CAL-10",
    Cadence.QUARTERLY,
    deadline=Deadline(
        Anchor.MONTH_DAY, "quarter_plan_due_day", months_ahead="quarter_plan_months_before"
    ),
    form=DeadlineForm.BY,
    title_zh="下季度工作计划",
    title_en="next quarter's work plan",
    recipients=(_DIRECTOR,),
    announce_in_department=True,
    rules=("TARGET-3", "TARGET-5"),
    seed="每季度前月25日前必须完成下季度工作计划,本部门通报并上报营销总监",
    segment="S11.M3.5",
)
"""Next quarter's plan, by the 25th of the month before the quarter (CAL-10, X-17)."""

CAL_11: Final = Duty(
    "CAL-11",
    Cadence.MONTHLY,
    deadline=Deadline(Anchor.PERIOD_END),
    form=DeadlineForm.WITHIN,
    title_zh="置业顾问专业技能培训",
    title_en="professional-skills training for property consultants",
    count_param="min_trainings_per_month",
    rules=("TRAIN-2",),
    seed="每月对置业顾问进行不少于一次专业技能培训,开盘前期为经常性培训",
    segment="S11.M3.6",
)
"""At least ``min_trainings_per_month`` trainings each month (CAL-11, X-20)."""

CAL_12: Final = Duty(
    "CAL-12",
    Cadence.MONTHLY,
    deadline=Deadline(Anchor.PERIOD_END),
    form=DeadlineForm.WITHIN,
    title_zh="审核合同签定情况",
    title_en="monthly review of contract signing",
    recipients=(_DIRECTOR,),
    rules=("CONTRACT-4",),
    seed="审核合同签定情况,对超出权限的合同条款变更要立即上报营销总监",
    segment="S11.M3.7",
)
"""The monthly contract-signing review (CAL-12)."""

CAL_13: Final = Duty(
    "CAL-13",
    Cadence.MONTHLY,
    deadline=Deadline(Anchor.PERIOD_END),
    form=DeadlineForm.WITHIN,
    title_zh="销售主任定期组织销售会议",
    title_en="the hotel supervisor's regular sales meetings with representatives",
    chair=_HOTEL("sales_supervisor"),
    count_param="sales_meeting_min_per_period",
    seed="定期组织销售会议,与销售代表共同研究市场情况,统一销售策略",
    segment="S4.D2",
)
"""The hotel supervisor's sales meetings, ``sales_meeting_min_per_period`` a month (CAL-13)."""

ALL_DUTIES: Final[tuple[Duty, ...]] = (
    CAL_1,
    CAL_2,
    CAL_3,
    CAL_4,
    CAL_5,
    CAL_6W,
    CAL_7W,
    CAL_8W,
    CAL_9W,
    CAL_10W,
    CAL_6,
    CAL_7,
    CAL_8,
    CAL_9,
    CAL_10,
    CAL_11,
    CAL_12,
    CAL_13,
)
"""Every duty of RULES.md section 12, in the table's order."""

REAL_ESTATE_DUTIES: Final[tuple[Duty, ...]] = (
    CAL_2,
    CAL_4,
    CAL_5,
    CAL_6W,
    CAL_7W,
    CAL_6,
    CAL_7,
    CAL_8,
    CAL_9,
    CAL_10,
    CAL_11,
    CAL_12,
)
"""The real-estate sales agency (S11): daily checklist, Tuesday meeting, 25th/30th/1st."""

TRADING_DUTIES: Final[tuple[Duty, ...]] = (CAL_8W, CAL_9W)
"""The trading company (S7): the Saturday-morning visit meeting and the weekly session."""

SHOWROOM_DUTIES: Final[tuple[Duty, ...]] = (CAL_10W,)
"""The showroom company (S5): the Mon/Wed/Fri showroom rota."""

HOTEL_DUTIES: Final[tuple[Duty, ...]] = (CAL_1, CAL_3, CAL_13)
"""The hotel (S4): morning and evening meetings, the daily report, sales meetings."""

_CATALOGUE: Final = {duty.code: duty for duty in ALL_DUTIES}


def get_duty(code: str) -> Duty:
    """The duty of section 12 with ``code``.

    Args:
        code: a calendar row ID such as ``"CAL-8"`` or ``"CAL-8w"``.

    Returns:
        The catalogue's :class:`Duty`.

    Raises:
        UnknownEntity: no such row.

    >>> get_duty("CAL-10").title_en
    "next quarter's work plan"
    >>> get_duty("CAL-99")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: code: not a duty of RULES.md section 12, got 'CAL-99'
    """
    try:
        return _CATALOGUE[code]
    except (KeyError, TypeError):
        raise UnknownEntity("code", code, "not a duty of RULES.md section 12") from None


# -- reports ------------------------------------------------------------------------


def _spec_recipients(value: object) -> tuple[Role, ...]:
    return _roles("recipients")(value)


def _spec_reconcile_with(value: object) -> Department | None:
    return _department_or_none("reconcile_with")(value)


def _spec_required_fields(value: object) -> tuple[str, ...]:
    return _texts("required_fields")(value)


@attrs.frozen(field_transformer=wire_checks)
class ReportSpec:
    """One report kind: which calendar duty gives its due dates, and its route (§23.10).

    Args:
        kind: daily, weekly, weekly sales or monthly.
        duty: the code of the calendar duty whose occurrences it follows.
        author: who compiles it.
        recipients: who it goes to.
        rule: the rule that requires it (cited when it is missing).
        verifier: who checks it before it goes out (REPORT-4), if anyone.
        reconcile_with: the department it is reconciled with first (REPORT-6).
        announce_in_department: whether it is announced in the department (REPORT-7).
        share_with_principal: whether a copy with suggestions goes to the developer
            (REPORT-8).
        required_fields: the fields it must fill (REPORT-5, REPORT-10).

    >>> spec = REAL_ESTATE_REPORTS[2]
    >>> spec.kind, spec.duty, spec.reconcile_with
    (<ReportKind.WEEKLY_SALES: 'weekly_sales'>, 'CAL-6w', <Department.FINANCE: 'finance'>)
    """

    kind: ReportKind = attrs.field(converter=_report_kind)
    duty: str = attrs.field(converter=_duty_code)
    author: Role = attrs.field(kw_only=True)
    recipients: tuple[Role, ...] = attrs.field(kw_only=True, converter=_spec_recipients)
    rule: str = attrs.field(kw_only=True)
    verifier: Role | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_role))
    reconcile_with: Department | None = attrs.field(
        kw_only=True, default=None, converter=_spec_reconcile_with
    )
    announce_in_department: bool = attrs.field(kw_only=True, default=False, metadata=check(_bool))
    share_with_principal: bool = attrs.field(kw_only=True, default=False, metadata=check(_bool))
    required_fields: tuple[str, ...] = attrs.field(
        kw_only=True, default=(), converter=_spec_required_fields
    )

    @author.validator
    def _author(self, attribute: attrs.Attribute[Role], value: object) -> None:
        if not isinstance(value, Role):
            raise WrongType("author", value, "a Role")

    @rule.validator
    def _rule(self, attribute: attrs.Attribute[str], value: object) -> None:
        _duty_code(value, "rule")


REAL_ESTATE_REPORTS: Final[tuple[ReportSpec, ...]] = (
    ReportSpec(
        ReportKind.DAILY,
        "CAL-2",
        author=_RE("sales_supervisor"),
        verifier=_RE("sales_manager"),
        recipients=(_DIRECTOR,),
        rule="REPORT-4",
    ),
    ReportSpec(
        ReportKind.WEEKLY,
        "CAL-4",
        author=_RE("sales_manager"),
        recipients=(_DIRECTOR,),
        rule="REPORT-5",
        share_with_principal=True,
        required_fields=("review", "shortcomings", "plan"),
    ),
    ReportSpec(
        ReportKind.WEEKLY_SALES,
        "CAL-6w",
        author=_RE("sales_manager"),
        recipients=(_DIRECTOR,),
        rule="REPORT-6",
        reconcile_with=Department.FINANCE,
    ),
    ReportSpec(
        ReportKind.MONTHLY,
        "CAL-8",
        author=_RE("sales_manager"),
        recipients=(_DIRECTOR,),
        rule="REPORT-7",
        announce_in_department=True,
        share_with_principal=True,
    ),
)
"""Real estate: the daily report (verified by the manager, X-1), the Tuesday weekly report,
the weekly sales report reconciled with finance, the monthly report by the 1st
(REPORT-1, 4..8)."""

HOTEL_REPORTS: Final[tuple[ReportSpec, ...]] = (
    ReportSpec(
        ReportKind.DAILY,
        "CAL-3",
        author=_HOTEL("sales_supervisor"),
        recipients=(_HOTEL("sales_manager"),),
        rule="REPORT-2",
    ),
)
"""Hotel: the 销售主任's daily work report to the 销售部经理 (REPORT-2)."""


# -- the company calendar -----------------------------------------------------------


def _day_set(field: str) -> Callable[[object], frozenset[_dt.date]]:
    def convert(value: object) -> frozenset[_dt.date]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise WrongType(field, value, "a collection of datetime.date")
        return frozenset(check_date(day, field) for day in value)

    return convert


def _cal_holidays(value: object) -> frozenset[_dt.date]:
    return _day_set("holidays")(value)


def _cal_makeup_working_days(value: object) -> frozenset[_dt.date]:
    return _day_set("makeup_working_days")(value)


@attrs.frozen
class CompanyCalendar:
    """The company's holidays and make-up working days (调休), passed in by the caller.

    A make-up working day is a day outside ``working_days`` that is worked (a
    Saturday before a long holiday); a holiday is a day inside them that is not.

    Args:
        holidays: the days off.
        makeup_working_days: the extra working days.

    >>> import datetime
    >>> cal = CompanyCalendar(
    ...     holidays={datetime.date(2026, 1, 1), datetime.date(2026, 1, 2)},
    ...     makeup_working_days={datetime.date(2026, 1, 4)},
    ... )
    >>> len(cal.holidays), len(cal.makeup_working_days)
    (2, 1)
    >>> CompanyCalendar(holidays={datetime.date(2026, 1, 4)},
    ...                 makeup_working_days={datetime.date(2026, 1, 4)})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: makeup_working_days: a day cannot be both a holiday and a make-up working day, got [datetime.date(2026, 1, 4)]
    """

    holidays: frozenset[_dt.date] = attrs.field(default=frozenset(), converter=_cal_holidays)
    makeup_working_days: frozenset[_dt.date] = attrs.field(
        default=frozenset(), converter=_cal_makeup_working_days
    )

    def __attrs_post_init__(self) -> None:
        both = self.holidays & self.makeup_working_days
        if both:
            raise InvalidInput(
                "makeup_working_days",
                sorted(both),
                "a day cannot be both a holiday and a make-up working day",
            )


def _calendar(value: object) -> CompanyCalendar | None:
    if value is None or isinstance(value, CompanyCalendar):
        return value
    raise WrongType("calendar", value, "a CompanyCalendar or None")


# -- the policy ---------------------------------------------------------------------


def _policy_int(value: object, field: str, low: int, high: int) -> int:
    if type(value) is not int:
        raise PolicyError(field, value, "expected an int")
    if not low <= value <= high:
        raise PolicyError(field, value, f"must be between {low} and {high}")
    return value


def _policy_month(value: object, field: str) -> int:
    """A policy int from 1 to 12 (a month number, a number of months)."""
    return _policy_int(value, field, 1, 12)


def _policy_day(value: object, field: str) -> int:
    """A policy int from 1 to 31 (a day of the month, a count per month)."""
    return _policy_int(value, field, 1, 31)


def _policy_month_offset(value: object, field: str) -> int:
    """A policy int from -12 to 0 (months back)."""
    return _policy_int(value, field, -12, 0)


def _policy_weekday(field: str) -> Callable[[object], int]:
    def convert(value: object) -> int:
        try:
            return _weekday(value, field)
        except SalesDomainError as exc:
            raise PolicyError(field, value, _problem(exc)) from None

    return convert


def _policy_optional_weekday(field: str) -> Callable[[object], int | None]:
    def convert(value: object) -> int | None:
        return None if value is None else _policy_weekday(field)(value)

    return convert


def _policy_weekdays(field: str) -> Callable[[object], tuple[int, ...]]:
    def convert(value: object) -> tuple[int, ...]:
        try:
            return _weekday_tuple(value, field)
        except SalesDomainError as exc:
            raise PolicyError(field, value, _problem(exc)) from None

    return convert


def _policy_bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise PolicyError(field, value, "expected a bool")
    return value


def _policy_text(value: object, field: str) -> str:
    if type(value) is not str or not value.strip():
        raise PolicyError(field, value, "expected a non-empty str")
    return value


def _policy_texts(field: str) -> Callable[[object], tuple[str, ...]]:
    def convert(value: object) -> tuple[str, ...]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise PolicyError(field, value, "expected a sequence of str")
        items = tuple(value)
        if not items or any(type(item) is not str or not item.strip() for item in items):
            raise PolicyError(field, value, "expected at least one non-empty str")
        return items

    return convert


def _problem(exc: SalesDomainError) -> str:
    if isinstance(exc, InvalidInput):
        return exc.problem
    if isinstance(exc, WrongType):
        return f"expected {exc.expected}"
    return str(exc)  # pragma: no cover - every library error is one of the two


def _timezone_name(value: object) -> str:
    if type(value) is not str or not value.strip():
        raise PolicyError(
            "timezone", value, "expected an IANA time-zone name such as 'Asia/Shanghai'"
        )
    return value.strip()


def _resolve_zone(name: str) -> _dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        try:
            zone = _dateutil_tz.gettz(name)
        except (OSError, ValueError):  # a name too long for a file path, a NUL byte...
            zone = None
        if zone is None:
            raise PolicyError("timezone", name, "is not a known IANA time-zone name") from None
        return zone


def _overflow(value: object) -> MonthDayOverflow:
    try:
        result = _member(MonthDayOverflow, value, "month_day_overflow")
    except SalesDomainError as exc:
        raise PolicyError("month_day_overflow", value, _problem(exc)) from None
    return result


def _adjustment(value: object, field: str) -> HolidayAdjustment:
    try:
        result = _member(HolidayAdjustment, value, field)
    except SalesDomainError as exc:
        raise PolicyError(field, value, _problem(exc)) from None
    return result


def _adjustments(value: object) -> tuple[tuple[str, HolidayAdjustment], ...]:
    items: Iterable[object]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, (tuple, list)):
        items = value
    else:
        raise PolicyError(
            "holiday_adjustment", value, "expected a mapping of duty code to adjustment"
        )
    pairs: dict[str, HolidayAdjustment] = {}
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise PolicyError("holiday_adjustment", item, "expected (duty code, adjustment) pairs")
        code, raw = item
        if isinstance(code, Duty):
            code = code.code
        if type(code) is not str or not _CODE.match(code):
            raise PolicyError("holiday_adjustment", code, "expected a duty code such as 'CAL-8'")
        if code in pairs:
            raise PolicyError(f"holiday_adjustment.{code}", raw, "is given twice")
        pairs[code] = _adjustment(raw, f"holiday_adjustment.{code}")
    return tuple(sorted(pairs.items()))


def _window(value: object) -> tuple[_dt.time, _dt.time]:
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        raise PolicyError("showroom_window", value, "expected a (start, end) pair of times")
    times: list[_dt.time] = []
    for item in value:
        if isinstance(item, str):
            try:
                item = _dt.time.fromisoformat(item)
            except ValueError:
                raise PolicyError("showroom_window", value, "expected times like '08:00'") from None
        if not isinstance(item, _dt.time) or item.tzinfo is not None:
            raise PolicyError("showroom_window", value, "expected naive datetime.time values")
        times.append(item)
    start, end = times
    if end <= start:
        raise PolicyError("showroom_window", value, "the window must end after it starts")
    return start, end


def _duty_set(value: object) -> tuple[Duty, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PolicyError("duties", value, "expected a sequence of Duty or duty codes")
    duties: list[Duty] = []
    for index, item in enumerate(value):
        if isinstance(item, Duty):
            duties.append(item)
        elif isinstance(item, str):
            try:
                duties.append(get_duty(item))
            except UnknownEntity:
                raise PolicyError(
                    f"duties[{index}]", item, "not a duty of RULES.md section 12"
                ) from None
        else:
            raise PolicyError(f"duties[{index}]", item, "expected a Duty or a duty code")
    return tuple(duties)


def _report_set(value: object) -> tuple[ReportSpec, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PolicyError("report_kinds", value, "expected a sequence of ReportSpec")
    specs = tuple(value)
    for index, spec in enumerate(specs):
        if not isinstance(spec, ReportSpec):
            raise PolicyError(f"report_kinds[{index}]", spec, "expected a ReportSpec")
    return specs


_FALLBACK: Final = {
    "weekly_review_weekday": "visit_meeting_weekday",
    "weekly_sales_report_weekday": "weekly_meeting_weekday",
}
"""Weekday fields that follow another field while unset (None)."""


def _pol_week_start(value: object) -> int:
    return _policy_weekday("week_start")(value)


def _pol_working_days(value: object) -> tuple[int, ...]:
    return _policy_weekdays("working_days")(value)


def _pol_daily_meetings(value: object) -> tuple[str, ...]:
    return _policy_texts("daily_meetings")(value)


def _pol_weekly_meeting_weekday(value: object) -> int:
    return _policy_weekday("weekly_meeting_weekday")(value)


def _pol_visit_meeting_weekday(value: object) -> int:
    return _policy_weekday("visit_meeting_weekday")(value)


def _pol_weekly_review_weekday(value: object) -> int | None:
    return _policy_optional_weekday("weekly_review_weekday")(value)


def _pol_weekly_sales_report_weekday(value: object) -> int | None:
    return _policy_optional_weekday("weekly_sales_report_weekday")(value)


def _pol_showroom_weekdays(value: object) -> tuple[int, ...]:
    return _policy_weekdays("showroom_weekdays")(value)


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class CalendarPolicy:
    """A company's calendar settings (RULES.md section 23.2) and duty set.

    Field names follow section 23.2; the due days default to the seed's S11 numbers
    (25 / 30 / 1 / 25), the meetings to Tuesday (CAL-4) and Saturday morning (CAL-8w).

    Args:
        timezone: the company's IANA zone name (required: the seed gives none); the
            end of a due day is midnight there.
        week_start: the first day of a week, 0 = Monday (X-13, X-19).
        working_days: the normal working weekdays (Mon-Fri; the trading company works
            Saturdays, C10).
        fiscal_year_start_month: 1-12; fiscal quarters start there (CAL-10).
        deadline_inclusive: 「N日前」 means by the end of day N (True) or of day N-1.
        holiday_adjustment: duty code to :class:`HolidayAdjustment` (default NONE).
        month_day_overflow: CLAMP (the 30th in February is the 28th/29th) or ERROR.
        daily_meetings: the daily meeting slots (CAL-1 counts them).
        weekly_meeting_weekday: CAL-4's day (Tuesday).
        visit_meeting_weekday, visit_meeting_slot: CAL-8w's day and slot (Saturday
            morning).
        weekly_review_weekday: CAL-9w's day; None follows the visit meeting.
        weekly_sales_report_weekday: CAL-6w's day; None follows the weekly meeting.
        appraisal_due_day, appraisal_period_offset: CAL-6 (30; 0 = the current month,
            -1 = the previous month, X-9).
        next_month_plan_due_day: CAL-7 (25).
        monthly_report_due_day: CAL-8, in the following month (1).
        supply_requisition_due_day: CAL-9 (25).
        quarter_plan_due_day, quarter_plan_months_before: CAL-10 (25, 1).
        showroom_weekdays, showroom_window: CAL-10w (Mon/Wed/Fri, 08:00-08:20).
        min_trainings_per_month: CAL-11 (1).
        sales_meeting_min_per_period: CAL-13's meetings per month (the seed says only
            「定期」; 1).
        duties: the company's duty set (Duty values or codes); defaults to
            :data:`REAL_ESTATE_DUTIES`, the seed's only complete calendar.
        report_kinds: the company's reports; defaults to :data:`REAL_ESTATE_REPORTS`.

    Raises:
        PolicyError: naming every inconsistent field, e.g. a "by day N" duty asked
        to move later.

    >>> p = CalendarPolicy(timezone="Asia/Shanghai", holiday_adjustment={"CAL-8": "next_working_day"})
    >>> p.holiday_adjustment
    (('CAL-8', <HolidayAdjustment.NEXT: 'next_working_day'>),)
    >>> CalendarPolicy(timezone="Asia/Shanghai", holiday_adjustment={"CAL-6": "next_working_day"})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: holiday_adjustment.CAL-6: a 'by day N' deadline (「N日前」) may only move earlier: use previous_working_day, got <HolidayAdjustment.NEXT: 'next_working_day'>
    """

    timezone: str = attrs.field(converter=_timezone_name)
    week_start: int = attrs.field(default=0, converter=_pol_week_start)
    working_days: tuple[int, ...] = attrs.field(
        default=(0, 1, 2, 3, 4), converter=_pol_working_days
    )
    fiscal_year_start_month: int = attrs.field(default=1, metadata=check(_policy_month))
    deadline_inclusive: bool = attrs.field(default=True, metadata=check(_policy_bool))
    holiday_adjustment: tuple[tuple[str, HolidayAdjustment], ...] = attrs.field(
        default=(), converter=_adjustments
    )
    month_day_overflow: MonthDayOverflow = attrs.field(
        default=MonthDayOverflow.CLAMP, converter=_overflow
    )
    daily_meetings: tuple[str, ...] = attrs.field(
        default=("morning",), converter=_pol_daily_meetings
    )
    weekly_meeting_weekday: int = attrs.field(default=1, converter=_pol_weekly_meeting_weekday)
    visit_meeting_weekday: int = attrs.field(default=5, converter=_pol_visit_meeting_weekday)
    visit_meeting_slot: str = attrs.field(default="morning", metadata=check(_policy_text))
    weekly_review_weekday: int | None = attrs.field(
        default=None, converter=_pol_weekly_review_weekday
    )
    weekly_sales_report_weekday: int | None = attrs.field(
        default=None, converter=_pol_weekly_sales_report_weekday
    )
    appraisal_due_day: int = attrs.field(default=30, metadata=check(_policy_day))
    appraisal_period_offset: int = attrs.field(default=0, metadata=check(_policy_month_offset))
    next_month_plan_due_day: int = attrs.field(default=25, metadata=check(_policy_day))
    monthly_report_due_day: int = attrs.field(default=1, metadata=check(_policy_day))
    supply_requisition_due_day: int = attrs.field(default=25, metadata=check(_policy_day))
    quarter_plan_due_day: int = attrs.field(default=25, metadata=check(_policy_day))
    quarter_plan_months_before: int = attrs.field(default=1, metadata=check(_policy_month))
    showroom_weekdays: tuple[int, ...] = attrs.field(
        default=(0, 2, 4), converter=_pol_showroom_weekdays
    )
    showroom_window: tuple[_dt.time, _dt.time] = attrs.field(
        default=(_dt.time(8, 0), _dt.time(8, 20)), converter=_window
    )
    min_trainings_per_month: int = attrs.field(default=1, metadata=check(_policy_day))
    sales_meeting_min_per_period: int = attrs.field(default=1, metadata=check(_policy_day))
    duties: tuple[Duty, ...] = attrs.field(default=REAL_ESTATE_DUTIES, converter=_duty_set)
    report_kinds: tuple[ReportSpec, ...] = attrs.field(
        default=REAL_ESTATE_REPORTS, converter=_report_set
    )
    _zone: _dt.tzinfo = attrs.field(init=False, repr=False, eq=False)
    _working: frozenset[int] = attrs.field(init=False, repr=False, eq=False)
    _adjust: Mapping[str, HolidayAdjustment] = attrs.field(init=False, repr=False, eq=False)
    _by_code: Mapping[str, Duty] = attrs.field(init=False, repr=False, eq=False)
    _order: Mapping[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_zone", _resolve_zone(self.timezone))
        object.__setattr__(self, "_working", frozenset(self.working_days))
        object.__setattr__(self, "_adjust", dict(self.holiday_adjustment))
        errors: list[tuple[str, str]] = []
        by_code: dict[str, Duty] = {}
        for index, duty in enumerate(self.duties):
            if duty.code in by_code:
                errors.append((f"duties[{index}]", f"duty {duty.code} is listed twice"))
            by_code[duty.code] = duty
            errors.extend(_param_errors(duty, f"duties[{index}]", self))
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_order", {code: i for i, code in enumerate(by_code)})
        for code, adjustment in self.holiday_adjustment:
            key = f"holiday_adjustment.{code}"
            if code not in by_code:
                errors.append((key, f"{code} is not one of the policy's duties"))
                continue
            problem = _adjustment_problem(by_code[code], adjustment)
            if problem:
                errors.append((key, f"{problem}, got {adjustment!r}"))
        if not self.deadline_inclusive:
            for duty in self.duties:
                if _strict_day_one(duty, self):
                    errors.append(
                        (
                            _day_field(duty),
                            f"with deadline_inclusive=False {duty.code} would be due inside the "
                            "period it reports on (X-16): use a later day or an inclusive deadline",
                        )
                    )
        kinds: set[ReportKind] = set()
        for index, spec in enumerate(self.report_kinds):
            if spec.kind in kinds:
                errors.append((f"report_kinds[{index}]", f"report kind {spec.kind.value} is twice"))
            kinds.add(spec.kind)
            if spec.duty not in by_code:
                errors.append(
                    (
                        f"report_kinds[{index}].duty",
                        f"{spec.duty} is not one of the policy's duties",
                    )
                )
        if errors:
            if len(errors) == 1:
                key, message = errors[0]
                raise PolicyError(key, None, message)
            raise PolicyError.from_errors(errors)

    def adjustment_for(self, duty: Duty) -> HolidayAdjustment:
        """The holiday adjustment the policy sets for ``duty`` (NONE unless set).

        Raises:
            PolicyError: the policy asks a move ``duty`` does not allow (a duty from
                outside the policy's own set, with an adjustment set for its code).
        """
        if not isinstance(duty, Duty):
            raise WrongType("duty", duty, "a Duty")
        adjustment = self._adjust.get(duty.code, HolidayAdjustment.NONE)
        problem = _adjustment_problem(duty, adjustment)
        if problem:
            raise PolicyError(f"holiday_adjustment.{duty.code}", adjustment, problem)
        return adjustment

    def duty(self, code: str) -> Duty:
        """The policy's duty with ``code``; :class:`UnknownEntity` if it has none."""
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            known = ", ".join(self._by_code) or "none"
            raise UnknownEntity("duty", code, f"not one of the policy's duties ({known})") from None

    def report(self, kind: ReportKind) -> ReportSpec:
        """The policy's report spec of ``kind``; :class:`UnknownEntity` if it has none."""
        for spec in self.report_kinds:
            if spec.kind is kind:
                return spec
        raise UnknownEntity("kind", kind, "not one of the policy's report kinds")


def _lookup(policy: CalendarPolicy, name: str) -> object:
    value = getattr(policy, name)
    if value is None and name in _FALLBACK:
        value = getattr(policy, _FALLBACK[name])
    return value


_POLICY_FIELDS: frozenset[str] = frozenset()  # filled in below, after the class exists


def _param_errors(duty: Duty, key: str, policy: CalendarPolicy) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []

    def check(name: str | None, where: str, ok: Callable[[object], bool], want: str) -> None:
        if name is None:
            return
        if name not in _POLICY_FIELDS:
            errors.append((f"{key}.{where}", f"{name!r} is not a CalendarPolicy field"))
        elif not ok(_lookup(policy, name)):
            errors.append((f"{key}.{where}", f"{name!r} does not hold {want}"))

    deadline = duty.deadline
    day = deadline.day if isinstance(deadline.day, str) else None
    if deadline.anchor is Anchor.MONTH_DAY:
        check(day, "deadline.day", _is_month_day, "a day of the month")
    else:
        check(day, "deadline.day", _is_weekdays, "a weekday or weekdays")
    months = deadline.months_ahead if isinstance(deadline.months_ahead, str) else None
    check(months, "deadline.months_ahead", _is_int, "a number of months")
    check(duty.count_param, "count_param", _is_count, "a count")
    check(duty.window_param, "window_param", _is_window, "a (start, end) time window")
    check(duty.slot_param, "slot_param", _is_text, "a slot name")
    return errors


def _is_int(value: object) -> bool:
    return type(value) is int


def _is_month_day(value: object) -> bool:
    return type(value) is int and 1 <= value <= 31


def _is_weekdays(value: object) -> bool:
    if type(value) is int:
        return 0 <= value <= 6
    return (
        isinstance(value, tuple)
        and bool(value)
        and all(type(v) is int and 0 <= v <= 6 for v in value)
    )


def _is_count(value: object) -> bool:
    return (type(value) is int and value >= 1) or (isinstance(value, tuple) and bool(value))


def _is_window(value: object) -> bool:
    return (
        isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, _dt.time) for v in value)
    )


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _adjustment_problem(duty: Duty, adjustment: HolidayAdjustment) -> str:
    if adjustment is HolidayAdjustment.NONE:
        return ""
    if duty.deadline.anchor is Anchor.WORKING_DAY:
        return "a daily duty occurs on working days only and takes no holiday adjustment"
    if adjustment is HolidayAdjustment.SKIP:
        if duty.form is not DeadlineForm.ON:
            return "only a slot duty (a meeting, the rota) can be skipped on holidays"
        return ""
    if adjustment is HolidayAdjustment.NEXT and duty.moves is Movement.EARLIER:
        return "a 'by day N' deadline (「N日前」) may only move earlier: use previous_working_day"
    if adjustment is HolidayAdjustment.PREVIOUS and duty.moves is Movement.LATER:
        return (
            f"{duty.code} may only move later (X-16): an earlier day would fall inside the "
            "period it reports on; use next_working_day"
        )
    return ""


def _day_field(duty: Duty) -> str:
    day = duty.deadline.day
    return day if isinstance(day, str) else f"{duty.code}.deadline.day"


def _strict_day_one(duty: Duty, policy: CalendarPolicy) -> bool:
    deadline = duty.deadline
    if duty.form is not DeadlineForm.BY or deadline.anchor is not Anchor.MONTH_DAY:
        return False
    try:
        months = _months_of(duty, policy)
        day = _day_number(duty, policy)
    except SalesDomainError:  # reported by _param_errors
        return False
    return months < 0 and day == 1


def _months_of(duty: Duty, policy: CalendarPolicy) -> int:
    value = duty.deadline.months_ahead
    resolved = _lookup(policy, value) if isinstance(value, str) else value
    if type(resolved) is not int:
        raise PolicyError(str(value), resolved, "does not hold a number of months")
    return resolved


def _day_number(duty: Duty, policy: CalendarPolicy) -> int:
    value = duty.deadline.day
    resolved = _lookup(policy, value) if isinstance(value, str) else value
    if not _is_month_day(resolved):
        raise PolicyError(str(value), resolved, "does not hold a day of the month")
    assert isinstance(resolved, int)
    return resolved


def _weekdays_of(duty: Duty, policy: CalendarPolicy) -> tuple[int, ...]:
    value = duty.deadline.day
    resolved = _lookup(policy, value) if isinstance(value, str) else value
    if type(resolved) is int:
        return (resolved,)
    if not (isinstance(resolved, tuple) and _is_weekdays(resolved)):
        raise PolicyError(str(value), resolved, "does not hold a weekday or weekdays")
    return resolved


def _required(duty: Duty, policy: CalendarPolicy) -> int:
    if duty.count_param is None:
        return 1
    value = _lookup(policy, duty.count_param)
    if isinstance(value, tuple):
        return len(value)
    if not _is_count(value):
        raise PolicyError(duty.count_param, value, "does not hold a count")
    assert isinstance(value, int)
    return value


def _check_policy(value: object) -> CalendarPolicy:
    if not isinstance(value, CalendarPolicy):
        raise WrongType("policy", value, "a CalendarPolicy")
    return value


# -- working days, due dates, on time -----------------------------------------------


def _working(day: _dt.date, policy: CalendarPolicy, calendar: CompanyCalendar | None) -> bool:
    if calendar is not None:
        if day in calendar.makeup_working_days:
            return True
        if day in calendar.holidays:
            return False
    return day.weekday() in policy._working


def is_working_day(
    day: _dt.date, policy: CalendarPolicy, *, calendar: CompanyCalendar | None = None
) -> bool:
    """Whether ``day`` is a working day: a make-up day (调休), or a working weekday
    that is not a holiday (C10, CAL-0).

    Args:
        day: the day.
        policy: gives the normal working weekdays.
        calendar: the company's holidays and make-up days, if any.

    Returns:
        True on a working day.

    Raises:
        WrongType: ``day`` is not a date (a datetime is refused too).

    >>> import datetime
    >>> p = CalendarPolicy(timezone="Asia/Shanghai")
    >>> sunday = datetime.date(2026, 1, 4)
    >>> is_working_day(sunday, p), is_working_day(
    ...     sunday, p, calendar=CompanyCalendar(makeup_working_days={sunday}))
    (False, True)
    >>> is_working_day(datetime.datetime(2026, 1, 4, 9), p)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: day: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 4, 9, 0)
    """
    return _working(check_date(day, "day"), _check_policy(policy), _calendar(calendar))


def _describe_kind(duty: Duty, policy: CalendarPolicy) -> str:
    """What the period of ``duty`` must be, for error messages."""
    cadence = duty.cadence
    if cadence is Cadence.DAILY or _is_slot_days(duty, policy):
        return "a single day"
    if cadence is Cadence.WEEKLY:
        return f"a week starting on {_WEEKDAY_NAMES[policy.week_start].title()}"
    if cadence is Cadence.MONTHLY:
        return "a calendar month"
    return f"a fiscal quarter (fiscal year from month {policy.fiscal_year_start_month})"


def _is_slot_days(duty: Duty, policy: CalendarPolicy) -> bool:
    return duty.deadline.anchor is Anchor.WEEKDAY and len(_weekdays_of(duty, policy)) > 1


def _check_period(duty: Duty, period: Period, policy: CalendarPolicy, field: str) -> None:
    start, end = period.start, period.end
    cadence = duty.cadence
    if cadence is Cadence.DAILY or _is_slot_days(duty, policy):
        ok = start == end
    elif cadence is Cadence.WEEKLY:
        ok = period.days == 7 and start.weekday() == policy.week_start
    elif cadence is Cadence.MONTHLY:
        ok = start.day == 1 and end == start + relativedelta(months=1) - _DAY
    else:
        ok = (
            start.day == 1
            and (start.month - policy.fiscal_year_start_month) % 3 == 0
            and end == start + relativedelta(months=3) - _DAY
        )
    if not ok:
        what = _describe_kind(duty, policy)
        raise InvalidInput(field, period, f"{duty.code} is {cadence.value}: expected {what}")


def _nominal(
    duty: Duty,
    period: Period,
    policy: CalendarPolicy,
    calendar: CompanyCalendar | None,
    field: str,
) -> _dt.date:
    _check_period(duty, period, policy, field)
    deadline = duty.deadline
    anchor = deadline.anchor
    if anchor is Anchor.WORKING_DAY:
        if not _working(period.start, policy, calendar):
            raise InvalidInput(
                field, period, f"{duty.code} occurs on working days only and this is not one"
            )
        return period.start
    if anchor is Anchor.WEEKDAY:
        weekdays = _weekdays_of(duty, policy)
        if len(weekdays) > 1:
            if period.start.weekday() not in weekdays:
                names = "/".join(_WEEKDAY_NAMES[d].title() for d in weekdays)
                raise InvalidInput(field, period, f"{duty.code} falls on {names} only")
            return period.start
        return period.start + _dt.timedelta(days=(weekdays[0] - period.start.weekday()) % 7)
    if anchor is Anchor.PERIOD_END:
        return period.end
    if anchor is Anchor.BEFORE_PERIOD:
        return period.start - _DAY
    months = _months_of(duty, policy)
    day = _day_number(duty, policy)
    month = period.start - relativedelta(months=months)
    due = clamp_day(month.year, month.month, day)
    if due.day != day and policy.month_day_overflow is MonthDayOverflow.ERROR:
        name = deadline.day if isinstance(deadline.day, str) else "day"
        raise InvalidInput(
            name,
            day,
            f"{month.year}-{month.month:02d} has no day {day} and month_day_overflow is ERROR",
        )
    return due


def _shift(
    day: _dt.date,
    step: int,
    policy: CalendarPolicy,
    calendar: CompanyCalendar | None,
) -> _dt.date:
    delta = _dt.timedelta(days=step)
    candidate = day
    for _ in range(_MAX_SHIFT):
        candidate += delta
        if _working(candidate, policy, calendar):
            return candidate
    raise InvalidInput("calendar", day, f"no working day within {_MAX_SHIFT} days of the deadline")


def _occurrence(
    duty: Duty,
    period: Period,
    policy: CalendarPolicy,
    calendar: CompanyCalendar | None,
    field: str = "period",
) -> Occurrence | None:
    nominal = _nominal(duty, period, policy, calendar, field)
    adjustment = policy.adjustment_for(duty)
    due = nominal
    if adjustment is not HolidayAdjustment.NONE and not _working(nominal, policy, calendar):
        if adjustment is HolidayAdjustment.SKIP:
            return None
        due = _shift(
            nominal, -1 if adjustment is HolidayAdjustment.PREVIOUS else 1, policy, calendar
        )
    slot = _lookup(policy, duty.slot_param) if duty.slot_param else None
    return Occurrence(
        duty,
        period,
        due=due,
        nominal=nominal,
        required=_required(duty, policy),
        window=_window_of(duty, policy),
        slot=slot if isinstance(slot, str) else None,
    )


def _window_of(duty: Duty, policy: CalendarPolicy) -> tuple[_dt.time, _dt.time] | None:
    if duty.window_param is None:
        return None
    value = _lookup(policy, duty.window_param)
    if not (isinstance(value, tuple) and _is_window(value)):
        raise PolicyError(duty.window_param, value, "does not hold a (start, end) time window")
    start, end = value
    assert isinstance(start, _dt.time)
    assert isinstance(end, _dt.time)
    return start, end


def _check_duty(value: object) -> Duty:
    if not isinstance(value, Duty):
        raise WrongType("duty", value, "a Duty")
    return value


def due_date(
    duty: Duty,
    period: Period,
    policy: CalendarPolicy,
    *,
    calendar: CompanyCalendar | None = None,
) -> _dt.date:
    """The day ``duty`` is due for ``period`` (CAL-0).

    The nominal day comes from the duty's deadline and the policy: the period's
    weekday for a meeting, day N of the month before or after for the 25th / 30th /
    1st duties, clamped to the month's last day (the 30th in February, X-9), the
    25th of the month before a fiscal quarter for CAL-10 (X-17).  Then the
    policy's holiday adjustment for the duty applies, on the working days of
    ``policy`` and ``calendar``: a "by day N" deadline only ever moves earlier, the
    monthly report of CAL-8 only later (X-16, X-18).

    Args:
        duty: the duty.
        period: what the occurrence covers: a day (daily duties and each day of the
            Mon/Wed/Fri rota), a week starting on ``policy.week_start``, a calendar
            month, or a fiscal quarter.  For a plan it is the period planned (CAL-7:
            next month), for a report the period reported (CAL-8: last month).
        policy: the company's calendar settings.
        calendar: holidays and make-up working days, if any.

    Returns:
        The due day (the deadline ends at midnight after it, company time).

    Raises:
        InvalidInput: the period does not fit the duty's cadence, a daily duty on a
            non-working day, a skipped slot on a holiday, or a day number beyond the
            month with ``month_day_overflow=ERROR``.
        PolicyError: the policy asks a move the duty does not allow.

    >>> import datetime
    >>> from salesdomain import FiscalYear, Period
    >>> p = CalendarPolicy(timezone="Asia/Shanghai")
    >>> due_date(CAL_6, Period.month(2028, 2), p)
    datetime.date(2028, 2, 29)
    >>> due_date(CAL_10, FiscalYear(2026).quarter(1), p)
    datetime.date(2025, 12, 25)
    >>> due_date(CAL_4, Period.iso_week(2026, 10), p)
    datetime.date(2026, 3, 3)
    >>> due_date(CAL_8, Period.quarter(2026, 1), p)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: period: CAL-8 is monthly: expected a calendar month, got Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
    """
    checked = _check_duty(duty)
    pol = _check_policy(policy)
    span = _bounded(period, "period")
    occurrence = _occurrence(checked, span, pol, _calendar(calendar))
    if occurrence is None:
        raise InvalidInput(
            "period",
            span,
            f"falls on a non-working day and {checked.code} is skipped on such days",
        )
    return occurrence.due


def _local_day(value: _dt.date, policy: CalendarPolicy) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.astimezone(policy._zone).date()
    return value


def _order_key(value: _dt.date, policy: CalendarPolicy) -> tuple[_dt.date, _dt.time]:
    """Company-time order: by day, then by time of day (a plain day sorts first)."""
    if isinstance(value, _dt.datetime):
        local = value.astimezone(policy._zone)
        return local.date(), local.time()
    return value, _dt.time.min


def is_on_time(
    done_at: _dt.datetime | _dt.date,
    due: _dt.date,
    policy: CalendarPolicy,
    *,
    inclusive: bool | None = None,
) -> bool:
    """Whether something done at ``done_at`` met a deadline on ``due`` (CAL-0).

    「N日前」 reads as "by the end of day N" in the company's zone (inclusive, the
    default); a strict company (``deadline_inclusive=False``) reads it as "by the end
    of day N-1".  Meetings and other slots are always inclusive: pass
    ``inclusive=True`` (:func:`compliance` does so for them).

    Args:
        done_at: a timezone-aware datetime (converted to the company's zone), or the
            plain day it was done in company time.
        due: the due day, e.g. from :func:`due_date`.
        policy: gives the zone and ``deadline_inclusive``.
        inclusive: overrides ``policy.deadline_inclusive``.

    Returns:
        True when on time.

    Raises:
        InvalidInput: ``done_at`` is a naive datetime.
        WrongType: ``done_at`` or ``due`` of the wrong type.

    >>> import datetime
    >>> from zoneinfo import ZoneInfo
    >>> p = CalendarPolicy(timezone="Asia/Shanghai")
    >>> due = datetime.date(2026, 2, 28)
    >>> is_on_time(datetime.datetime(2026, 2, 28, 23, 59, 59, tzinfo=ZoneInfo("Asia/Shanghai")), due, p)
    True
    >>> is_on_time(datetime.datetime(2026, 2, 28, 16, 0, tzinfo=datetime.timezone.utc), due, p)
    False
    >>> is_on_time(datetime.datetime(2026, 2, 28, 9, 0), due, p)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: done_at: must be timezone-aware (a naive datetime is ambiguous), got datetime.datetime(2026, 2, 28, 9, 0)
    """
    pol = _check_policy(policy)
    moment = _moment(done_at, "done_at")
    deadline = check_date(due, "due")
    if inclusive is None:
        inclusive = pol.deadline_inclusive
    elif type(inclusive) is not bool:
        raise WrongType("inclusive", inclusive, "a bool or None")
    day = _local_day(moment, pol)
    return day <= deadline if inclusive else day < deadline


def _inclusive_for(duty: Duty) -> bool | None:
    return None if duty.form is DeadlineForm.BY else True


# -- occurrences in a range (dateutil.rrule) ----------------------------------------

_MIN_DAY: Final = _dt.date(3, 1, 1)
_MAX_DAY: Final = _dt.date(9996, 12, 31)


def _at(day: _dt.date) -> _dt.datetime:
    return _dt.datetime(day.year, day.month, day.day)


def _month_start(day: _dt.date) -> _dt.date:
    return day.replace(day=1)


def _candidate_periods(
    duty: Duty,
    policy: CalendarPolicy,
    low: _dt.date,
    high: _dt.date,
    calendar: CompanyCalendar | None,
) -> Iterable[Period]:
    """Every period whose occurrence could fall due in ``low..high`` after adjustment."""
    anchor = duty.deadline.anchor
    margin = _dt.timedelta(days=_MAX_SHIFT + 1)
    if anchor is Anchor.WORKING_DAY:
        rules = _rrule.rruleset()
        rules.rrule(
            _rrule.rrule(
                _rrule.DAILY,
                dtstart=_at(low),
                until=_at(high),
                byweekday=policy.working_days,
            )
        )
        if calendar is not None:
            for day in calendar.makeup_working_days:
                if low <= day <= high:
                    rules.rdate(_at(day))
            for day in calendar.holidays:
                if low <= day <= high:
                    rules.exdate(_at(day))
        return (Period.day(moment.date()) for moment in rules)
    if anchor is Anchor.WEEKDAY:
        weekdays = _weekdays_of(duty, policy)
        days = _rrule.rrule(
            _rrule.WEEKLY,
            dtstart=_at(low - margin),
            until=_at(high + margin),
            byweekday=weekdays,
        )
        if len(weekdays) > 1:
            return (Period.day(moment.date()) for moment in days)
        return (Period.week_of(moment.date(), week_start=policy.week_start) for moment in days)
    if duty.cadence is Cadence.WEEKLY:
        starts = _rrule.rrule(
            _rrule.WEEKLY,
            dtstart=_at(low - margin - _dt.timedelta(days=7)),
            until=_at(high + margin + _dt.timedelta(days=7)),
            byweekday=policy.week_start,
        )
        return (Period(s.date(), s.date() + _dt.timedelta(days=6)) for s in starts)
    months = _months_of(duty, policy) if anchor is Anchor.MONTH_DAY else 0
    first = _month_start(low - margin) + relativedelta(months=months - 1)
    last = _month_start(high + margin) + relativedelta(months=months + 1)
    if duty.cadence is Cadence.MONTHLY:
        starts = _rrule.rrule(_rrule.MONTHLY, dtstart=_at(first), until=_at(last), bymonthday=1)
        return (Period(s.date(), s.date() + relativedelta(months=1) - _DAY) for s in starts)
    back = (first.month - policy.fiscal_year_start_month) % 3
    first = first - relativedelta(months=back)
    starts = _rrule.rrule(
        _rrule.MONTHLY, interval=3, dtstart=_at(first), until=_at(last), bymonthday=1
    )
    return (Period(s.date(), s.date() + relativedelta(months=3) - _DAY) for s in starts)


def _range(from_date: object, to_date: object) -> tuple[_dt.date, _dt.date]:
    low = check_date(from_date, "from_date")
    high = check_date(to_date, "to_date")
    if high < low:
        raise InvalidInput("to_date", high, f"must not be before from_date {low}")
    for name, day in (("from_date", low), ("to_date", high)):
        if not _MIN_DAY <= day <= _MAX_DAY:
            raise InvalidInput(name, day, f"must be between {_MIN_DAY} and {_MAX_DAY}")
    if (high - low).days >= _MAX_SPAN_DAYS:
        raise InvalidInput(
            "to_date", high, f"a range spans at most {_MAX_SPAN_DAYS} days from from_date {low}"
        )
    return low, high


_MAX_SPAN_DAYS: Final = 3660
"""The longest range of days a listing or a compliance check covers (ten years): the work
grows with the days, so a longer range is refused up front rather than computed."""


def _bounded(period: object, field: str, *, max_days: int | None = None) -> Period:
    """A period inside the calendar's safe range (deadlines may move up to a year and a
    month away from it), at most ``max_days`` long."""
    span = _period(period, field)
    if not (span.start >= _MIN_DAY and span.end <= _MAX_DAY):
        raise InvalidInput(field, span, f"must lie between {_MIN_DAY} and {_MAX_DAY}")
    if max_days is not None and span.days > max_days:
        raise InvalidInput(field, span, f"spans more than {max_days} days")
    return span


def _due_in(
    duties: Iterable[Duty],
    policy: CalendarPolicy,
    low: _dt.date,
    high: _dt.date,
    calendar: CompanyCalendar | None,
) -> tuple[Occurrence, ...]:
    found: list[Occurrence] = []
    for duty in duties:
        for period in _candidate_periods(duty, policy, low, high, calendar):
            occurrence = _occurrence(duty, period, policy, calendar)
            if occurrence is not None and low <= occurrence.due <= high:
                found.append(occurrence)
    order = policy._order
    found.sort(key=lambda o: (o.due, order.get(o.duty.code, len(order)), o.period.start))
    return tuple(found)


def duties_due(
    policy: CalendarPolicy,
    from_date: _dt.date,
    to_date: _dt.date,
    *,
    calendar: CompanyCalendar | None = None,
) -> tuple[Occurrence, ...]:
    """The occurrences of the policy's duties that fall due from ``from_date`` to
    ``to_date`` (both included), after holiday adjustment (CAL-0..13).

    Occurrences are generated with :mod:`dateutil.rrule`: working days for daily
    duties (make-up days added, holidays removed), the meeting weekday for weekly
    duties (Tuesday in the real-estate profile, Saturday in the trading one), each
    of Mon/Wed/Fri for the showroom rota, and month or fiscal-quarter starts for the
    monthly and quarterly duties.  An occurrence belongs to the range its *due day*
    falls in, so two adjacent ranges together give exactly the joined range.

    Args:
        policy: the company's settings and duty set.
        from_date, to_date: the range, both days included.
        calendar: holidays and make-up working days, if any.

    Returns:
        The occurrences, ordered by due day, then by the policy's duty order.

    Raises:
        InvalidInput: ``to_date`` before ``from_date``, a day out of range, or a range
            of more than 3660 days (ten years).

    >>> import datetime
    >>> p = showroom_calendar("Asia/Shanghai")
    >>> [(o.duty.code, o.due.isoformat(), o.window) for o in duties_due(
    ...     p, datetime.date(2026, 3, 2), datetime.date(2026, 3, 4))]
    [('CAL-10w', '2026-03-02', (datetime.time(8, 0), datetime.time(8, 20))), ('CAL-10w', '2026-03-04', (datetime.time(8, 0), datetime.time(8, 20)))]
    >>> duties_due(p, datetime.date(2026, 3, 4), datetime.date(2026, 3, 2))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: to_date: must not be before from_date 2026-03-04, got datetime.date(2026, 3, 2)
    """
    pol = _check_policy(policy)
    low, high = _range(from_date, to_date)
    return _due_in(pol.duties, pol, low, high, _calendar(calendar))


# -- compliance ---------------------------------------------------------------------


def _duty_ref(value: object) -> str:
    if isinstance(value, Duty):
        return value.code
    return _duty_code(value, "duty")


@attrs.frozen(field_transformer=wire_checks)
class DutyDone:
    """A record that a duty was done for a period.

    Args:
        duty: the duty or its code.
        period: the period it was done for (the month planned, the month reported...).
        done_at: when: a timezone-aware datetime, or the day in company time.

    >>> import datetime
    >>> from salesdomain import Period
    >>> DutyDone(CAL_6, Period.month(2026, 2), done_at=datetime.date(2026, 2, 27)).duty
    'CAL-6'
    >>> DutyDone("CAL-6", Period.month(2026, 2), done_at=datetime.datetime(2026, 2, 27, 9))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: done_at: must be timezone-aware (a naive datetime is ambiguous), got datetime.datetime(2026, 2, 27, 9, 0)
    """

    duty: str = attrs.field(converter=_duty_ref)
    period: Period = attrs.field(metadata=check(_period))
    done_at: _dt.date = attrs.field(kw_only=True, metadata=check(_moment))


@attrs.frozen
class DutyCheck:
    """One occurrence checked: the records found for it and what is wrong, if anything.

    Attributes:
        occurrence: the occurrence.
        done: the records for its duty and period, earliest first.
        issue: ``None`` when done on time (as many times as required).
        completed_on: the company-time day the requirement was met, if it was.
    """

    occurrence: Occurrence
    done: tuple[DutyDone, ...]
    issue: DutyIssue | None = attrs.field(kw_only=True)
    completed_on: _dt.date | None = attrs.field(kw_only=True, default=None)

    @property
    def ok(self) -> bool:
        """Whether the occurrence was done on time."""
        return self.issue is None


@attrs.frozen
class DutyCompliance(Decision):
    """The result of :func:`compliance`: ALLOWED when every occurrence was done on time,
    REJECTED otherwise, with one reason per late or missing occurrence.

    Attributes:
        period: the range checked.
        checks: every occurrence due in it, in due order.
    """

    period: Period = attrs.field(kw_only=True)
    checks: tuple[DutyCheck, ...] = attrs.field(kw_only=True, default=())

    @property
    def missing(self) -> tuple[DutyCheck, ...]:
        """Occurrences with no record at all."""
        return tuple(c for c in self.checks if c.issue is DutyIssue.MISSING)

    @property
    def late(self) -> tuple[DutyCheck, ...]:
        """Occurrences done, but after the deadline."""
        return tuple(c for c in self.checks if c.issue is DutyIssue.LATE)

    @property
    def too_few(self) -> tuple[DutyCheck, ...]:
        """Occurrences done fewer times than required (CAL-1, CAL-11, CAL-13)."""
        return tuple(c for c in self.checks if c.issue is DutyIssue.TOO_FEW)


def _as_of(value: object) -> _dt.date | None:
    return None if value is None else check_date(value, "as_of")


def compliance(
    duties_done: Iterable[DutyDone],
    policy: CalendarPolicy,
    period: Period,
    *,
    calendar: CompanyCalendar | None = None,
    as_of: _dt.date | None = None,
) -> DutyCompliance:
    """Which occurrences due in ``period`` were done late or not at all (CAL-0..13).

    Each record counts for the occurrence of its duty and period.  An occurrence is
    *missing* with no record, *too few* when done fewer times than it requires
    (two daily meetings in a hotel, ``min_trainings_per_month`` trainings), and
    *late* when the required number was reached only after the deadline
    (:func:`is_on_time`; slot and "within the period" deadlines are inclusive).

    Args:
        duties_done: the records.
        policy: the company's settings and duty set.
        period: the range whose due occurrences are checked.
        calendar: holidays and make-up working days, if any.
        as_of: the day of the check; occurrences due on or after it are left out
            (their deadline has not passed yet).

    Returns:
        A :class:`DutyCompliance`.

    Raises:
        UnknownEntity: a record names a duty the policy does not have.
        InvalidInput: a record's period does not fit its duty; ``period`` is longer than
            3660 days (ten years) or outside 0003-01-01..9996-12-31.

    >>> import datetime
    >>> from salesdomain import Period
    >>> p = CalendarPolicy(timezone="Asia/Shanghai", duties=["CAL-6", "CAL-8"], report_kinds=())
    >>> done = [DutyDone("CAL-6", Period.month(2026, 2), done_at=datetime.date(2026, 3, 2))]
    >>> result = compliance(done, p, Period.month(2026, 2))
    >>> result.verdict, [(r.rule, r.code) for r in result.reasons]
    (<Verdict.REJECTED: 'rejected'>, [('CAL-8', 'duty_missing'), ('CAL-6', 'duty_late')])
    >>> compliance([DutyDone("CAL-9", Period.month(2026, 2), done_at=datetime.date(2026, 1, 20))],
    ...            p, Period.month(2026, 2))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: duties_done[0].duty: not one of the policy's duties (CAL-6, CAL-8), got 'CAL-9'
    """
    pol = _check_policy(policy)
    span = _bounded(period, "period", max_days=_MAX_SPAN_DAYS)
    cal = _calendar(calendar)
    cutoff = _as_of(as_of)
    given: object = duties_done
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise WrongType("duties_done", given, "a sequence of DutyDone")
    records: dict[tuple[str, Period], list[DutyDone]] = {}
    for index, record in enumerate(given):
        if not isinstance(record, DutyDone):
            raise WrongType(f"duties_done[{index}]", record, "a DutyDone")
        if record.duty not in pol._by_code:
            known = ", ".join(pol._by_code) or "none"
            raise UnknownEntity(
                f"duties_done[{index}].duty",
                record.duty,
                f"not one of the policy's duties ({known})",
            )
        _check_period(pol._by_code[record.duty], record.period, pol, f"duties_done[{index}].period")
        records.setdefault((record.duty, record.period), []).append(record)
    checks: list[DutyCheck] = []
    reasons: list[Reason] = []
    for occurrence in _due_in(pol.duties, pol, span.start, span.end, cal):
        if cutoff is not None and occurrence.due >= cutoff:
            continue
        duty = occurrence.duty
        found = sorted(
            records.get((duty.code, occurrence.period), ()),
            key=lambda r: _order_key(r.done_at, pol),
        )
        check = _check_occurrence(occurrence, tuple(found), pol)
        checks.append(check)
        if check.issue is not None:
            reasons.append(_duty_reason(check))
    return DutyCompliance(
        Verdict.REJECTED if reasons else Verdict.ALLOWED,
        tuple(reasons),
        period=span,
        checks=tuple(checks),
    )


def _check_occurrence(
    occurrence: Occurrence, found: tuple[DutyDone, ...], policy: CalendarPolicy
) -> DutyCheck:
    required = occurrence.required
    if not found:
        return DutyCheck(occurrence, found, issue=DutyIssue.MISSING)
    if len(found) < required:
        return DutyCheck(occurrence, found, issue=DutyIssue.TOO_FEW)
    met = _local_day(found[required - 1].done_at, policy)
    on_time = is_on_time(
        found[required - 1].done_at,
        occurrence.due,
        policy,
        inclusive=_inclusive_for(occurrence.duty),
    )
    return DutyCheck(occurrence, found, issue=None if on_time else DutyIssue.LATE, completed_on=met)


def _duty_reason(check: DutyCheck) -> Reason:
    occurrence = check.occurrence
    params: dict[str, ParamValue] = {
        "duty": occurrence.duty.code,
        "period": occurrence.period,
        "due": occurrence.due,
    }
    if check.issue is DutyIssue.LATE:
        assert check.completed_on is not None
        params["done"] = check.completed_on
        return Reason(occurrence.duty.code, "duty_late", params)
    if check.issue is DutyIssue.TOO_FEW:
        params["required"] = occurrence.required
        params["count"] = len(check.done)
        return Reason(occurrence.duty.code, "duty_too_few", params)
    return Reason(occurrence.duty.code, "duty_missing", params)


# -- reports ------------------------------------------------------------------------


@attrs.frozen
class ReportDue:
    """One report falling due: its spec and the calendar occurrence it follows.

    ``due``, ``recipients`` and ``reconcile_with`` answer "which report is due when,
    to whom, after which reconciliation".
    """

    spec: ReportSpec
    occurrence: Occurrence

    @property
    def due(self) -> _dt.date:
        """The due day."""
        return self.occurrence.due

    @property
    def recipients(self) -> tuple[Role, ...]:
        """Who it goes to."""
        return self.spec.recipients

    @property
    def reconcile_with(self) -> Department | None:
        """The department it must be reconciled with first, if any (REPORT-6)."""
        return self.spec.reconcile_with


def _spec_duties(policy: CalendarPolicy) -> tuple[tuple[ReportSpec, Duty], ...]:
    return tuple((spec, policy._by_code[spec.duty]) for spec in policy.report_kinds)


def _reports_in(
    policy: CalendarPolicy,
    low: _dt.date,
    high: _dt.date,
    calendar: CompanyCalendar | None,
) -> tuple[ReportDue, ...]:
    pairs = _spec_duties(policy)
    by_duty: dict[str, list[ReportSpec]] = {}
    for spec, _duty in pairs:
        by_duty.setdefault(spec.duty, []).append(spec)
    duties = tuple(dict.fromkeys(duty for _spec, duty in pairs))
    result: list[ReportDue] = []
    for occurrence in _due_in(duties, policy, low, high, calendar):
        for spec in by_duty[occurrence.duty.code]:
            result.append(ReportDue(spec, occurrence))
    return tuple(result)


def reports_due(
    policy: CalendarPolicy,
    from_date: _dt.date,
    to_date: _dt.date,
    *,
    calendar: CompanyCalendar | None = None,
) -> tuple[ReportDue, ...]:
    """The reports falling due from ``from_date`` to ``to_date`` (REPORT-1..8).

    Each report kind follows a calendar duty: the daily report the working days
    (CAL-2 / CAL-3), the weekly report the Tuesday meeting (CAL-4), the weekly sales
    report CAL-6w after reconciliation with finance, the monthly report the 1st
    (CAL-8).

    Args:
        policy: the company's settings, duty set and report kinds.
        from_date, to_date: the range, both days included.
        calendar: holidays and make-up working days, if any.

    Returns:
        The reports due, by due day.

    Raises:
        InvalidInput: ``to_date`` before ``from_date``, a day out of range, or a range
            of more than 3660 days (ten years).

    >>> import datetime
    >>> p = CalendarPolicy(timezone="Asia/Shanghai")
    >>> due = reports_due(p, datetime.date(2026, 3, 3), datetime.date(2026, 3, 3))
    >>> [(r.spec.kind.value, r.due.isoformat(), r.recipients[0].name_zh,
    ...   r.reconcile_with and r.reconcile_with.value) for r in due]
    [('daily', '2026-03-03', '营销总监', None), ('weekly', '2026-03-03', '营销总监', None), ('weekly_sales', '2026-03-03', '营销总监', 'finance')]
    >>> reports_due(p, datetime.date(2026, 3, 3), datetime.datetime(2026, 3, 4))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: to_date: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 4, 0, 0)
    """
    pol = _check_policy(policy)
    low, high = _range(from_date, to_date)
    return _reports_in(pol, low, high, _calendar(calendar))


def _report_fields(field: str) -> Callable[[object], tuple[str, ...]]:
    return _texts(field)


def _sub_suggestions(value: object) -> tuple[str, ...]:
    return _report_fields("suggestions")(value)


def _sub_filled_fields(value: object) -> tuple[str, ...]:
    return _report_fields("filled_fields")(value)


@attrs.frozen(field_transformer=wire_checks)
class SubmittedReport:
    """A report as submitted, with the steps around it.

    Args:
        kind: the report kind.
        period: the occurrence period of its calendar duty (the day, the meeting
            week, the month reported).
        submitted_at: when it went to its recipients (aware datetime or a day).
        verified_at: when its verifier checked it (REPORT-4), if they did.
        reconciled_at: when finance reconciled it (REPORT-6), if it did.
        announced: whether it was announced in the department (REPORT-7).
        shared_with_principal: whether the developer got a copy (REPORT-8).
        suggestions: the suggestions sent with the developer's copy (REPORT-8).
        filled_fields: the fields it fills (REPORT-5, REPORT-10).

    >>> import datetime
    >>> from salesdomain import Period
    >>> SubmittedReport(ReportKind.MONTHLY, Period.month(2026, 2),
    ...                 submitted_at=datetime.date(2026, 3, 1)).kind
    <ReportKind.MONTHLY: 'monthly'>
    >>> SubmittedReport("yearly", Period.month(2026, 2), submitted_at=datetime.date(2026, 3, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: kind: expected one of daily, weekly, weekly_sales, monthly, got 'yearly'
    """

    kind: ReportKind = attrs.field(converter=_report_kind)
    period: Period = attrs.field(metadata=check(_period))
    submitted_at: _dt.date = attrs.field(kw_only=True, metadata=check(_moment))
    verified_at: _dt.date | None = attrs.field(
        kw_only=True, default=None, metadata=check(_optional_moment)
    )
    reconciled_at: _dt.date | None = attrs.field(
        kw_only=True, default=None, metadata=check(_optional_moment)
    )
    announced: bool = attrs.field(kw_only=True, default=False, metadata=check(_bool))
    shared_with_principal: bool = attrs.field(kw_only=True, default=False, metadata=check(_bool))
    suggestions: tuple[str, ...] = attrs.field(kw_only=True, default=(), converter=_sub_suggestions)
    filled_fields: tuple[str, ...] = attrs.field(
        kw_only=True, default=(), converter=_sub_filled_fields
    )


@attrs.frozen
class ReportCheck:
    """One due report checked.

    Attributes:
        due: the report due (spec and occurrence).
        report: the submission found, or ``None``.
        issues: what is wrong (empty when the report is in order).
    """

    due: ReportDue
    report: SubmittedReport | None
    issues: tuple[ReportIssue, ...] = attrs.field(kw_only=True, default=())

    @property
    def ok(self) -> bool:
        """Whether the report is in order."""
        return not self.issues


@attrs.frozen
class ReportStatus(Decision):
    """The result of :func:`report_status`: ALLOWED when every due report is in order.

    Attributes:
        period: the range checked.
        checks: every report due in it, in due order.
    """

    period: Period = attrs.field(kw_only=True)
    checks: tuple[ReportCheck, ...] = attrs.field(kw_only=True, default=())

    def _with(self, issue: ReportIssue) -> tuple[ReportCheck, ...]:
        return tuple(c for c in self.checks if issue in c.issues)

    @property
    def missing(self) -> tuple[ReportCheck, ...]:
        """Reports not submitted at all."""
        return self._with(ReportIssue.MISSING)

    @property
    def late(self) -> tuple[ReportCheck, ...]:
        """Reports submitted after the deadline (REPORT-10)."""
        return self._with(ReportIssue.LATE)

    @property
    def unreconciled(self) -> tuple[ReportCheck, ...]:
        """Reports submitted without (or before) the reconciliation they need (REPORT-6)."""
        return self._with(ReportIssue.UNRECONCILED)


def report_status(
    reports_done: Iterable[SubmittedReport],
    policy: CalendarPolicy,
    period: Period,
    *,
    calendar: CompanyCalendar | None = None,
    as_of: _dt.date | None = None,
) -> ReportStatus:
    """Which reports due in ``period`` are missing, late, unreconciled or incomplete
    (REPORT-1..10; the weekly sales report reconciled with finance first, COLL-7).

    For each report due (:func:`reports_due`) the earliest submission for its kind
    and period is checked: submitted at all (the spec's rule), on time (REPORT-10),
    verified before submission (REPORT-4), reconciled with finance before submission
    (REPORT-6, COLL-7), announced in the department (REPORT-7), shared with the
    developer with suggestions (REPORT-8), and carrying the required fields
    (REPORT-5, REPORT-10).

    Args:
        reports_done: the submissions.
        policy: the company's settings, duty set and report kinds.
        period: the range whose due reports are checked.
        calendar: holidays and make-up working days, if any.
        as_of: the day of the check; reports due on or after it are left out.

    Returns:
        A :class:`ReportStatus`.

    Raises:
        UnknownEntity: a submission of a kind the policy does not have.
        InvalidInput: a submission's period does not fit its calendar duty; ``period`` is
            longer than 3660 days (ten years) or outside 0003-01-01..9996-12-31.

    >>> import datetime
    >>> from salesdomain import Period
    >>> p = CalendarPolicy(timezone="Asia/Shanghai")
    >>> week = Period.iso_week(2026, 10)
    >>> sales = SubmittedReport("weekly_sales", week, submitted_at=datetime.date(2026, 3, 3))
    >>> status = report_status([sales], p, Period.day(datetime.date(2026, 3, 3)))
    >>> [(c.due.spec.kind.value, [i.value for i in c.issues]) for c in status.checks]
    [('daily', ['missing']), ('weekly', ['missing']), ('weekly_sales', ['unreconciled'])]
    >>> report_status([sales], p, week.start)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: period: expected a Period, got date datetime.date(2026, 3, 2)
    """
    pol = _check_policy(policy)
    span = _bounded(period, "period", max_days=_MAX_SPAN_DAYS)
    cal = _calendar(calendar)
    cutoff = _as_of(as_of)
    given: object = reports_done
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise WrongType("reports_done", given, "a sequence of SubmittedReport")
    submissions: dict[tuple[ReportKind, Period], SubmittedReport] = {}
    for index, report in enumerate(given):
        if not isinstance(report, SubmittedReport):
            raise WrongType(f"reports_done[{index}]", report, "a SubmittedReport")
        try:
            spec = pol.report(report.kind)
        except UnknownEntity:
            raise UnknownEntity(
                f"reports_done[{index}].kind", report.kind, "not one of the policy's report kinds"
            ) from None
        duty = pol._by_code[spec.duty]
        _check_period(duty, report.period, pol, f"reports_done[{index}].period")
        key = (report.kind, report.period)
        earlier = submissions.get(key)
        if earlier is None or _order_key(report.submitted_at, pol) < _order_key(
            earlier.submitted_at, pol
        ):
            submissions[key] = report
    checks: list[ReportCheck] = []
    reasons: list[Reason] = []
    for item in _reports_in(pol, span.start, span.end, cal):
        if cutoff is not None and item.due >= cutoff:
            continue
        submitted = submissions.get((item.spec.kind, item.occurrence.period))
        issues, found = _report_issues(item, submitted, pol)
        checks.append(ReportCheck(item, submitted, issues=issues))
        reasons.extend(found)
    return ReportStatus(
        Verdict.REJECTED if reasons else Verdict.ALLOWED,
        tuple(reasons),
        period=span,
        checks=tuple(checks),
    )


def _before(first: _dt.date | None, second: _dt.date, policy: CalendarPolicy) -> bool:
    """Whether step ``first`` happened no later than ``second`` (same day counts)."""
    if first is None:
        return False
    if isinstance(first, _dt.datetime) and isinstance(second, _dt.datetime):
        return first <= second
    return _local_day(first, policy) <= _local_day(second, policy)


def _report_issues(
    item: ReportDue, report: SubmittedReport | None, policy: CalendarPolicy
) -> tuple[tuple[ReportIssue, ...], list[Reason]]:
    spec, occurrence = item.spec, item.occurrence
    base: dict[str, ParamValue] = {
        "kind": spec.kind.value,
        "period": occurrence.period,
        "due": occurrence.due,
    }
    if report is None:
        return (ReportIssue.MISSING,), [Reason(spec.rule, "report_missing", base)]
    issues: list[ReportIssue] = []
    reasons: list[Reason] = []
    submitted = report.submitted_at
    if not is_on_time(submitted, occurrence.due, policy, inclusive=_inclusive_for(occurrence.duty)):
        issues.append(ReportIssue.LATE)
        reasons.append(
            Reason("REPORT-10", "report_late", {**base, "done": _local_day(submitted, policy)})
        )
    if spec.verifier is not None and not _before(report.verified_at, submitted, policy):
        issues.append(ReportIssue.UNVERIFIED)
        reasons.append(Reason("REPORT-4", "report_unverified", {**base, "role": spec.verifier}))
    if spec.reconcile_with is not None:
        department = spec.reconcile_with.value
        if report.reconciled_at is None:
            issues.append(ReportIssue.UNRECONCILED)
            reasons.append(
                Reason("REPORT-6", "report_unreconciled", {**base, "department": department})
            )
        elif not _before(report.reconciled_at, submitted, policy):
            issues.append(ReportIssue.UNRECONCILED)
            reasons.append(
                Reason(
                    "REPORT-6",
                    "report_reconciled_after_submission",
                    {
                        **base,
                        "department": department,
                        "done": _local_day(report.reconciled_at, policy),
                    },
                )
            )
    if spec.announce_in_department and not report.announced:
        issues.append(ReportIssue.NOT_ANNOUNCED)
        reasons.append(Reason("REPORT-7", "report_not_announced", base))
    if spec.share_with_principal:
        if not report.shared_with_principal:
            issues.append(ReportIssue.NOT_SHARED_WITH_PRINCIPAL)
            reasons.append(Reason("REPORT-8", "report_not_shared_with_principal", base))
        elif not report.suggestions:
            issues.append(ReportIssue.NOT_SHARED_WITH_PRINCIPAL)
            reasons.append(Reason("REPORT-8", "report_without_suggestions", base))
    missing = tuple(f for f in spec.required_fields if f not in report.filled_fields)
    if missing:
        issues.append(ReportIssue.FIELDS_MISSING)
        reasons.append(Reason("REPORT-10", "report_fields_missing", {**base, "fields": missing}))
    return tuple(issues), reasons


# -- ready-made company calendars ---------------------------------------------------


def real_estate_calendar(timezone: str, **overrides: object) -> CalendarPolicy:
    """The real-estate sales agency's calendar (S11, section 23.11).

    The daily checklist, the Tuesday meeting and weekly report, the weekly sales
    report reconciled with finance, the 30th appraisal, the 25th plan and
    requisition, the 1st monthly report, the quarter plan on the 25th of the month
    before, monthly training and contract review; its four reports.

    Args:
        timezone: the company's IANA zone name.
        **overrides: any other :class:`CalendarPolicy` field.

    Returns:
        The policy.

    Raises:
        PolicyError: an override is inconsistent.

    >>> real_estate_calendar("Asia/Shanghai").weekly_meeting_weekday
    1
    >>> real_estate_calendar("Mars/Olympus")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: timezone: is not a known IANA time-zone name, got 'Mars/Olympus'
    """
    base = {"duties": REAL_ESTATE_DUTIES, "report_kinds": REAL_ESTATE_REPORTS}
    return _build(timezone, base, overrides)


def trading_calendar(timezone: str, **overrides: object) -> CalendarPolicy:
    """The trading company's calendar (S7): a six-day week, the Saturday-morning visit
    meeting (CAL-8w) and the weekly session (CAL-9w), both moved to the previous
    working day when Saturday is a holiday (X-13).

    Args:
        timezone: the company's IANA zone name.
        **overrides: any other :class:`CalendarPolicy` field.

    Returns:
        The policy.

    Raises:
        PolicyError: an override is inconsistent.

    >>> p = trading_calendar("Asia/Shanghai")
    >>> p.visit_meeting_weekday, p.visit_meeting_slot, p.working_days
    (5, 'morning', (0, 1, 2, 3, 4, 5))
    >>> trading_calendar("Asia/Shanghai", holiday_adjustment={"CAL-6": "none"})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: holiday_adjustment.CAL-6: CAL-6 is not one of the policy's duties
    """
    base: dict[str, object] = {
        "duties": TRADING_DUTIES,
        "report_kinds": (),
        "working_days": (0, 1, 2, 3, 4, 5),
        "holiday_adjustment": {
            "CAL-8w": HolidayAdjustment.PREVIOUS,
            "CAL-9w": HolidayAdjustment.PREVIOUS,
        },
    }
    return _build(timezone, base, overrides)


def showroom_calendar(timezone: str, **overrides: object) -> CalendarPolicy:
    """The showroom company's calendar (S5): the Mon/Wed/Fri 08:00-08:20 rota
    (CAL-10w, ATT-14), skipped on holidays.

    Args:
        timezone: the company's IANA zone name.
        **overrides: any other :class:`CalendarPolicy` field.

    Returns:
        The policy.

    Raises:
        PolicyError: an override is inconsistent.

    >>> showroom_calendar("Asia/Shanghai").showroom_weekdays
    (0, 2, 4)
    >>> showroom_calendar("Asia/Shanghai", showroom_window=("08:20", "08:00"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: showroom_window: the window must end after it starts, got ('08:20', '08:00')
    """
    base: dict[str, object] = {
        "duties": SHOWROOM_DUTIES,
        "report_kinds": (),
        "holiday_adjustment": {"CAL-10w": HolidayAdjustment.SKIP},
    }
    return _build(timezone, base, overrides)


def hotel_calendar(timezone: str, **overrides: object) -> CalendarPolicy:
    """The hotel's calendar (S4): morning and evening meetings (CAL-1), the
    supervisor's daily report (CAL-3, REPORT-2) and sales meetings (CAL-13).

    Args:
        timezone: the company's IANA zone name.
        **overrides: any other :class:`CalendarPolicy` field.

    Returns:
        The policy.

    Raises:
        PolicyError: an override is inconsistent.

    >>> hotel_calendar("Asia/Shanghai").daily_meetings
    ('morning', 'evening')
    >>> hotel_calendar("Asia/Shanghai", daily_meetings=())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: daily_meetings: expected at least one non-empty str, got ()
    """
    base: dict[str, object] = {
        "duties": HOTEL_DUTIES,
        "report_kinds": HOTEL_REPORTS,
        "daily_meetings": ("morning", "evening"),
    }
    return _build(timezone, base, overrides)


def _build(
    timezone: str, base: Mapping[str, object], overrides: Mapping[str, object]
) -> CalendarPolicy:
    unknown = sorted(set(overrides) - _POLICY_FIELDS - {"timezone"})
    if unknown:
        raise PolicyError(unknown[0], overrides[unknown[0]], "is not a CalendarPolicy field")
    # The values are checked by CalendarPolicy's fields at run time.
    settings: dict[str, Any] = {**base, **overrides}
    return CalendarPolicy(timezone=timezone, **settings)


_POLICY_FIELDS = frozenset(field.name for field in attrs.fields(CalendarPolicy) if field.init)
