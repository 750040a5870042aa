"""Attendance: the card decides, 09:00 absenteeism, trips, leave and the showroom rota.

Rules implemented (see ``seed/RULES.md`` section 11):

- **ATT-1** the attendance card (:class:`Punch`) is the only source of arrival and
  departure times; lateness and early leaving without a reason are violations.
- **ATT-2 / ATT-6** a business trip overrides the card only when it is an approved
  application (:class:`Trip`) naming the travellers and the purpose.
- **ATT-3 / APPR-6** violations are counted for the attendance appraisal
  (:func:`attendance_summary`).
- **ATT-4 / ATT-7** a reason given by phone or message (:class:`Notice`) excuses
  lateness or an early departure when it comes in time.
- **ATT-5 / X-14** still not at the post *strictly after* 09:00:00 with no reason given
  by then is 旷工 (:attr:`AttendanceStatus.ABSENT`); a reason offered after the cutoff
  does not undo it unless the policy accepts late explanations.
- **ATT-9 / X-15** leave of *more than* one working day also needs the 营销总监
  (:func:`leave_route`).
- **ATT-14** the showroom rota: Monday, Wednesday and Friday 08:00-08:20, areas in
  turn (:func:`showroom_rota`).

All instants are timezone-aware; the company's zone is an IANA name in the
:class:`AttendancePolicy` (resolved with :mod:`zoneinfo`, falling back to
``dateutil.tz``).  A naive datetime is an error.

>>> import datetime
>>> from zoneinfo import ZoneInfo
>>> policy = AttendancePolicy(timezone="Asia/Shanghai",
...     workday_start=datetime.time(8, 30), workday_end=datetime.time(17, 30))
>>> tz = ZoneInfo("Asia/Shanghai")
>>> day = datetime.date(2026, 3, 2)
>>> punches = [Punch(datetime.datetime(2026, 3, 2, 9, 0, 1, tzinfo=tz)),
...            Punch(datetime.datetime(2026, 3, 2, 18, 0, tzinfo=tz))]
>>> record = classify_day(day, punches, (), (), policy)
>>> record.status, record.verdict, record.absence_days
(<AttendanceStatus.ABSENT: 'absent'>, <Verdict.REJECTED: 'rejected'>, Decimal('0.5'))
>>> Punch(datetime.datetime(2026, 3, 2, 9, 0))
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: at: must be timezone-aware (a naive datetime is ambiguous), got datetime.datetime(2026, 3, 2, 9, 0)
"""

from __future__ import annotations

import datetime as _dt
import enum
import zoneinfo
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from typing import Final, TypeVar

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import (
    _CTX,
    ZERO,
    check_aware,
    check_date,
    check_int,
    check_text,
    to_decimal,
)
from salesdomain.core.approvals import REASON_CODES as _ROUTE_CODES
from salesdomain.core.approvals import Approval, missing_approvals
from salesdomain.core.decisions import Decision, Reason, Verdict
from salesdomain.core.errors import InvalidInput, PolicyError, UnknownEntity, WrongType
from salesdomain.core.org import REAL_ESTATE_LADDER, Role
from salesdomain.core.periods import Period

__all__ = [
    "REASON_CODES",
    "AbsenceUnit",
    "AttendancePolicy",
    "AttendanceStatus",
    "AttendanceSummary",
    "DayRecord",
    "DirectorRoleKind",
    "Leave",
    "LeaveRoute",
    "Notice",
    "NoticeChannel",
    "Punch",
    "RotaSlot",
    "Trip",
    "attendance_summary",
    "classify_day",
    "is_showroom_slot",
    "leave_route",
    "resolve_timezone",
    "showroom_rota",
]


REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "absence_notified",
        "absent_arrived_after_cutoff",
        "absent_no_punch",
        "early_leave",
        "early_leave_notified",
        "late_arrival",
        "late_arrival_notified",
        "leave_approval_after_start",
        "leave_not_approved",
        "leave_over_threshold_needs_director",
        "leave_over_threshold_report_to_director",
        "leave_within_threshold",
        "missing_departure_punch",
        "not_working_day",
        "notice_channel_not_accepted",
        "notice_too_late",
        "on_approved_leave",
        "on_approved_trip",
        "on_time",
        "trip_approved_after_day",
        "trip_not_approved",
    }
    # route checks here have no subject and no outside step: SOD-3/4 codes cannot occur
    | (_ROUTE_CODES - {"cannot_stand_in_for_outside", "stale_subject"})
)
"""Every reason code this module can emit (the route codes come from core approvals)."""

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")

_HALF: Final = Decimal("0.5")
_ONE: Final = Decimal(1)
_TWO: Final = Decimal(2)


# -- enums --------------------------------------------------------------------------------
class AttendanceStatus(enum.Enum):
    """How one working day of one person is classified (ATT-1, ATT-2, ATT-5, ATT-9)."""

    ON_TIME = "on_time"
    LATE = "late"
    EARLY_LEAVE = "early_leave"
    ABSENT = "absent"
    """旷工: not at the post by the cutoff and no reason given by then (ATT-5, X-14)."""
    ABSENT_NOTIFIED = "absent_notified"
    """No arrival, but a reason was given in time: not 旷工; leave or an exception is due."""
    ON_TRIP = "on_trip"
    ON_LEAVE = "on_leave"
    NOT_WORKING_DAY = "not_working_day"


class NoticeChannel(enum.Enum):
    """How a reason was given to the sales manager (ATT-4, ATT-7)."""

    PHONE = "phone"
    MESSAGE = "message"
    EMAIL = "email"
    IN_PERSON = "in_person"


class AbsenceUnit(enum.Enum):
    """How much a late-arrival 旷工 weighs (X-14.4); a day with no punch is always a full day."""

    HALF_DAY = "half_day"
    FULL_DAY = "full_day"


class DirectorRoleKind(enum.Enum):
    """Whether the 营销总监 approves long leave or is only told of it (ATT-9, X-15)."""

    APPROVE = "approve"
    NOTIFY = "notify"


# -- field converters ---------------------------------------------------------------------
def _enum_member(cls: type[_E], value: object, field: str) -> _E:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(str(member.value) for member in cls)
            raise UnknownEntity(field, value, f"expected one of {known}") from None
    raise WrongType(field, value, f"a {cls.__name__}")


def _clock(value: object, field: str) -> _dt.time:
    if isinstance(value, str):
        try:
            value = _dt.time.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(field, value, "expected a clock time such as '09:00'") from None
    if not isinstance(value, _dt.time):
        raise WrongType(field, value, "a datetime.time")
    if value.tzinfo is not None:
        raise InvalidInput(field, value, "must be a wall-clock time without a zone")
    return value


def _workday_start(value: object) -> _dt.time:
    return _clock(value, "workday_start")


def _workday_end(value: object) -> _dt.time:
    return _clock(value, "workday_end")


def _absence_cutoff(value: object) -> _dt.time:
    return _clock(value, "absence_cutoff")


def _weekdays(value: object, field: str) -> tuple[int, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a collection of weekday numbers 0 (Monday) to 6")
    days: set[int] = set()
    for item in value:
        number = check_int(item, field)
        if not 0 <= number <= 6:
            raise InvalidInput(field, item, "a weekday number must be 0 (Monday) to 6 (Sunday)")
        days.add(number)
    if not days:
        raise PolicyError(field, value, "needs at least one weekday")
    return tuple(sorted(days))


def _working_days(value: object) -> tuple[int, ...]:
    return _weekdays(value, "working_days")


def _showroom_weekdays(value: object) -> tuple[int, ...]:
    return _weekdays(value, "showroom_weekdays")


def _showroom_window(value: object) -> tuple[_dt.time, _dt.time]:
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise WrongType("showroom_window", value, "a (start, end) pair of clock times")
    start = _clock(value[0], "showroom_window")
    end = _clock(value[1], "showroom_window")
    if end <= start:
        raise PolicyError("showroom_window", value, "the window must end after it starts")
    return (start, end)


def _channels(value: object) -> tuple[NoticeChannel, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("notification_channels", value, "a collection of NoticeChannel")
    channels = {_enum_member(NoticeChannel, item, "notification_channels") for item in value}
    if not channels:
        raise PolicyError("notification_channels", value, "needs at least one channel")
    order = list(NoticeChannel)
    return tuple(sorted(channels, key=order.index))


def _bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


def _absence_unit(value: object) -> AbsenceUnit:
    return _enum_member(AbsenceUnit, value, "absence_unit")


def _director_kind(value: object) -> DirectorRoleKind:
    return _enum_member(DirectorRoleKind, value, "leave_director_role_kind")


def _threshold(value: object) -> Decimal:
    number = to_decimal(value, "leave_escalation_threshold_days")
    if number < ZERO:
        raise PolicyError("leave_escalation_threshold_days", value, "must not be negative")
    return number


def _role_field(value: object, field: str) -> Role:
    if not isinstance(value, Role):
        raise WrongType(field, value, "a Role")
    if value.outside:
        raise PolicyError(field, value, "must be a role of the company's own ladder")
    return value


def resolve_timezone(name: str) -> _dt.tzinfo:
    """Resolve an IANA zone name with :mod:`zoneinfo`, falling back to ``dateutil.tz``.

    Args:
        name: an IANA name such as ``"Asia/Shanghai"``.

    Returns:
        The zone as a ``tzinfo``.

    Raises:
        UnknownEntity: neither library knows the zone (POSIX TZ strings such as
            ``"CST-8"`` are refused too: they are not IANA names).

    >>> resolve_timezone("Asia/Shanghai")
    zoneinfo.ZoneInfo(key='Asia/Shanghai')
    >>> resolve_timezone("Asia/Beijing")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: timezone: not a known IANA time zone, got 'Asia/Beijing'
    """
    text = check_text(name, "timezone")
    try:
        return zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    from dateutil import tz as dateutil_tz  # the fallback only: keep imports light

    try:
        zone = dateutil_tz.gettz(text)
    except (OSError, ValueError):  # a name too long for a file path, a NUL byte...
        zone = None
    if zone is None or isinstance(zone, (dateutil_tz.tzstr, dateutil_tz.tzlocal)):
        raise UnknownEntity("timezone", name, "not a known IANA time zone")
    return zone


_MANAGER: Final = REAL_ESTATE_LADDER.get("sales_manager")
_DIRECTOR: Final = REAL_ESTATE_LADDER.get("marketing_director")


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class AttendancePolicy:
    """The company's attendance settings (RULES.md section 23.3).

    Args:
        timezone: the company's IANA zone name (required); days are counted in it.
        workday_start: office start (required; the seed gives none, X-14.3).  Arriving
            after it but by the cutoff is ``LATE``.
        workday_end: office end (required); leaving before it is ``EARLY_LEAVE``.
        absence_cutoff: arriving *strictly after* this (default 09:00) with no reason
            given by then is 旷工 (ATT-5, X-14.1).  Must not be before ``workday_start``.
        working_days: weekday numbers (0 = Monday), default Monday to Friday; a
            company calendar passed to :func:`classify_day` overrides them per day.
        accept_late_explanation: whether a reason given after the cutoff still
            counts (default ``False``, X-14.2).
        notification_channels: the accepted ways of giving a reason (ATT-4),
            default phone and message.
        absence_unit: the weight of a late-arrival 旷工 (default half a day); a day
            without any punch always weighs a full day (X-14.4).
        leave_escalation_threshold_days: leave of strictly *more* working days than
            this also goes to the ``leave_escalation_role`` (default 1, ATT-9, X-15).
        leave_director_role_kind: ``APPROVE`` (default) or ``NOTIFY`` (X-15).
        leave_approver_role: who approves every leave (default 销售经理).
        leave_escalation_role: who approves long leave (default 营销总监); must rank
            above ``leave_approver_role``.
        attendance_exception_approver: who approves trips and exceptions (ATT-2,
            default 销售经理).
        showroom_weekdays: the rota days (default Monday, Wednesday, Friday, ATT-14).
        showroom_window: the rota slot (default 08:00 to 08:20, ATT-14).

    >>> AttendancePolicy(timezone="Asia/Shanghai", workday_start=datetime.time(9, 30),
    ...     workday_end=datetime.time(18, 0))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: absence_cutoff: must not be before workday_start 09:30:00, got datetime.time(9, 0)
    """

    timezone: str = attrs.field(metadata=check(check_text))
    workday_start: _dt.time = attrs.field(converter=_workday_start)
    workday_end: _dt.time = attrs.field(converter=_workday_end)
    absence_cutoff: _dt.time = attrs.field(default=_dt.time(9, 0), converter=_absence_cutoff)
    working_days: tuple[int, ...] = attrs.field(default=(0, 1, 2, 3, 4), converter=_working_days)
    accept_late_explanation: bool = attrs.field(default=False, metadata=check(_bool))
    notification_channels: tuple[NoticeChannel, ...] = attrs.field(
        default=(NoticeChannel.PHONE, NoticeChannel.MESSAGE), converter=_channels
    )
    absence_unit: AbsenceUnit = attrs.field(default=AbsenceUnit.HALF_DAY, converter=_absence_unit)
    leave_escalation_threshold_days: Decimal = attrs.field(default=Decimal(1), converter=_threshold)
    leave_director_role_kind: DirectorRoleKind = attrs.field(
        default=DirectorRoleKind.APPROVE, converter=_director_kind
    )
    leave_approver_role: Role = attrs.field(default=_MANAGER, metadata=check(_role_field))
    leave_escalation_role: Role = attrs.field(default=_DIRECTOR, metadata=check(_role_field))
    attendance_exception_approver: Role = attrs.field(default=_MANAGER, metadata=check(_role_field))
    showroom_weekdays: tuple[int, ...] = attrs.field(
        default=(0, 2, 4), converter=_showroom_weekdays
    )
    showroom_window: tuple[_dt.time, _dt.time] = attrs.field(
        default=(_dt.time(8, 0), _dt.time(8, 20)), converter=_showroom_window
    )
    zone: _dt.tzinfo = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.workday_end <= self.workday_start:
            raise PolicyError(
                "workday_end", self.workday_end, f"must be after workday_start {self.workday_start}"
            )
        if self.absence_cutoff < self.workday_start:
            raise PolicyError(
                "absence_cutoff",
                self.absence_cutoff,
                f"must not be before workday_start {self.workday_start}",
            )
        if self.absence_cutoff >= self.workday_end:
            raise PolicyError(
                "absence_cutoff",
                self.absence_cutoff,
                f"must be before workday_end {self.workday_end}",
            )
        if self.leave_escalation_role.rank <= self.leave_approver_role.rank:
            raise PolicyError(
                "leave_escalation_role",
                self.leave_escalation_role,
                f"must rank above leave_approver_role {self.leave_approver_role.code}",
            )
        object.__setattr__(self, "zone", resolve_timezone(self.timezone))

    def is_working_day(self, day: _dt.date) -> bool:
        """Whether ``day``'s weekday is one of :attr:`working_days` (no holiday calendar).

        >>> policy = AttendancePolicy(timezone="Asia/Shanghai", workday_start="08:30",
        ...     workday_end="17:30")
        >>> policy.is_working_day(datetime.date(2026, 3, 7))
        False
        >>> policy.is_working_day("2026-03-07")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.WrongType: day: expected a datetime.date, got str '2026-03-07'
        """
        return check_date(day, "day").weekday() in self.working_days


# -- inputs -------------------------------------------------------------------------------
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


def _channel(value: object) -> NoticeChannel:
    return _enum_member(NoticeChannel, value, "channel")


def _moment(value: object, field: str) -> _dt.datetime:
    return _convertible(check_aware(value, field), field)


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _travellers(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("travellers", value, "a sequence of employee ids")
    people = tuple(check_text(item, "travellers") for item in value)
    if not people:
        raise InvalidInput("travellers", value, "a trip application must name the travellers")
    if len(set(people)) != len(people):
        raise InvalidInput("travellers", value, "names someone twice")
    return people


def _optional_approval(value: object) -> Approval | None:
    if value is None or isinstance(value, Approval):
        return value
    raise WrongType("approval", value, "an Approval or None")


def _approvals(value: object) -> tuple[Approval, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("approvals", value, "a sequence of Approval")
    given = tuple(value)
    for index, item in enumerate(given):
        if not isinstance(item, Approval):
            raise WrongType(f"approvals[{index}]", item, "an Approval")
    return given


def _leave_days(value: object) -> Decimal:
    number = to_decimal(value, "days")
    if number <= ZERO:
        raise InvalidInput("days", value, "must be more than zero working days")
    doubled = _CTX.multiply(number, _TWO)
    if doubled != doubled.to_integral_value(context=_CTX):
        raise InvalidInput("days", value, "must be a multiple of half a day")
    return number


@attrs.frozen(field_transformer=wire_checks)
class Punch:
    """One attendance-card record (ATT-1): the card is authoritative.

    Args:
        at: the timezone-aware instant of the punch.
    """

    at: _dt.datetime = attrs.field(metadata=check(_moment))


@attrs.frozen(field_transformer=wire_checks)
class Notice:
    """A reason given to the sales manager by phone or message (ATT-4, ATT-7).

    Args:
        at: when the reason was given (timezone-aware).
        reason: what the salesperson said (not blank).
        channel: how it was given (default phone); the policy lists the accepted ones.
        day: the working day it concerns; default the day of ``at`` in the company
            zone (a call the evening before names the next day).

    >>> Notice(datetime.datetime(2026, 3, 2, 8, 40, tzinfo=datetime.timezone.utc), " ")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: reason: must not be empty, got ' '
    """

    at: _dt.datetime = attrs.field(metadata=check(_moment))
    reason: str = attrs.field(metadata=check(check_text))
    channel: NoticeChannel = attrs.field(
        default=NoticeChannel.PHONE, kw_only=True, converter=_channel
    )
    day: _dt.date | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_date))


@attrs.frozen(field_transformer=wire_checks)
class Trip:
    """A business-trip application naming the travellers and the purpose (ATT-2, ATT-6).

    Only an application approved (on or before the day) by the policy's
    ``attendance_exception_approver`` or a higher role, and not by a traveller,
    overrides the card.

    Args:
        travellers: the employee ids travelling (at least one).
        purpose: why (not blank).
        start: the first day away.
        end: the last day away (default ``start``).
        approval: the special approval, if any (ATT-2).

    >>> Trip((), "visit the design institute", start=datetime.date(2026, 3, 2))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: travellers: a trip application must name the travellers, got ()
    """

    travellers: tuple[str, ...] = attrs.field(converter=_travellers)
    purpose: str = attrs.field(metadata=check(check_text))
    start: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    end: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    approval: Approval | None = attrs.field(
        default=None, kw_only=True, converter=_optional_approval
    )

    @end.default
    def _end_default(self) -> _dt.date:
        return self.start

    @end.validator
    def _end_check(self, attribute: attrs.Attribute[_dt.date], value: _dt.date) -> None:
        if value < self.start:
            raise InvalidInput("end", value, f"must not be before start {self.start}")


@attrs.frozen(field_transformer=wire_checks)
class Leave:
    """A leave request with its approvals (ATT-9).

    Args:
        employee: who takes leave (an employee id).
        days: the working days of leave, in half days (``Decimal("1.5")``); the caller
            counts them with the company calendar.
        start: the first day of leave.
        end: the last day (default ``start``); ``days`` must fit in the range.
        approvals: the approvals collected (:func:`leave_route` checks them).

    >>> Leave("c1", Decimal("1.25"), start=datetime.date(2026, 3, 2))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: days: must be a multiple of half a day, got Decimal('1.25')
    """

    employee: str = attrs.field(metadata=check(check_text))
    days: Decimal = attrs.field(converter=_leave_days)
    start: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    end: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    approvals: tuple[Approval, ...] = attrs.field(default=(), kw_only=True, converter=_approvals)

    @end.default
    def _end_default(self) -> _dt.date:
        return self.start

    @end.validator
    def _end_check(self, attribute: attrs.Attribute[_dt.date], value: _dt.date) -> None:
        if value < self.start:
            raise InvalidInput("end", value, f"must not be before start {self.start}")
        span = (value - self.start).days + 1
        if self.days > span:
            raise InvalidInput("days", self.days, f"exceeds the {span} day(s) from start to end")

    @property
    def period(self) -> Period:
        """The days the leave covers."""
        return Period(self.start, self.end)


# -- results ------------------------------------------------------------------------------
@attrs.frozen
class DayRecord(Decision):
    """The classification of one day of one person (ATT-1, ATT-2, ATT-5, ATT-9).

    ``verdict`` is ``ALLOWED`` for a day in order (on time, notified lateness, trip,
    leave, non-working day), ``NEEDS_APPROVAL`` when a notified absence or a missing
    departure punch waits for the manager, ``REJECTED`` for a violation (unexcused
    lateness or early leave, 旷工).

    Attributes:
        day: the day classified.
        status: the main status.
        first_punch: the first punch of the day, if any.
        last_punch: the last punch, if there were at least two.
        early_leave: whether the person left before ``workday_end`` (also set when the
            main status is ``LATE`` or ``ABSENT``).
        notified: whether a reason given in time excused the lateness or absence.
        absence_days: the weight of 旷工 (0, 0.5 or 1).
    """

    day: _dt.date = attrs.field(kw_only=True)
    status: AttendanceStatus = attrs.field(kw_only=True)
    first_punch: _dt.datetime | None = attrs.field(default=None, kw_only=True)
    last_punch: _dt.datetime | None = attrs.field(default=None, kw_only=True)
    early_leave: bool = attrs.field(default=False, kw_only=True)
    notified: bool = attrs.field(default=False, kw_only=True)
    absence_days: Decimal = attrs.field(default=ZERO, kw_only=True)


@attrs.frozen
class LeaveRoute(Decision):
    """Who must approve a leave, and what is still missing (ATT-9, X-15).

    Attributes:
        days: the leave's working days.
        escalated: whether the leave exceeds the threshold.
        missing: the route steps still open.
    """

    days: Decimal = attrs.field(kw_only=True)
    escalated: bool = attrs.field(kw_only=True)
    missing: tuple[Role, ...] = attrs.field(default=(), kw_only=True)


@attrs.frozen
class AttendanceSummary:
    """Counts per status over a period, for the attendance appraisal (ATT-3, APPR-6).

    Attributes:
        period: the period summarised.
        counts: ``(status, days)`` for every status, in the enum's order.
        early_leaves: days with an early departure (whatever the main status).
        violations: days whose verdict is ``REJECTED``.
        absence_days: the total weight of 旷工.
    """

    period: Period
    counts: tuple[tuple[AttendanceStatus, int], ...] = attrs.field(kw_only=True)
    early_leaves: int = attrs.field(kw_only=True)
    violations: int = attrs.field(kw_only=True)
    absence_days: Decimal = attrs.field(kw_only=True)

    def count(self, status: AttendanceStatus) -> int:
        """The number of days classified as ``status``."""
        return dict(self.counts)[_enum_member(AttendanceStatus, status, "status")]

    def counts_by_code(self) -> dict[str, int]:
        """The non-zero counts keyed by status value (``"absent"``...), for APPR-6 scoring."""
        return {status.value: days for status, days in self.counts if days}


@attrs.frozen
class RotaSlot:
    """One showroom duty (ATT-14): the area in charge and the timezone-aware window."""

    day: _dt.date
    area: str
    starts_at: _dt.datetime = attrs.field(kw_only=True)
    ends_at: _dt.datetime = attrs.field(kw_only=True)


# -- helpers ------------------------------------------------------------------------------
def _check_policy(policy: object) -> AttendancePolicy:
    if not isinstance(policy, AttendancePolicy):
        raise WrongType("policy", policy, "an AttendancePolicy")
    return policy


def _items(value: object, field: str, cls: type[_T], expected: str) -> tuple[_T, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, f"a sequence of {expected}")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, cls):
            raise WrongType(f"{field}[{index}]", item, expected)
    return items


def _date_of(at: _dt.date) -> _dt.date:
    if isinstance(at, _dt.datetime):
        return at.date()
    return at


def _clock_text(moment: _dt.datetime) -> str:
    return moment.time().isoformat()


def _trip_problem(trip: Trip, day: _dt.date, policy: AttendancePolicy) -> Reason | None:
    role = policy.attendance_exception_approver
    approval = trip.approval
    if approval is None or approval.by in trip.travellers:
        return Reason("ATT-2", "trip_not_approved", {"purpose": trip.purpose, "role": role})
    approved_on = _date_of(approval.at)
    if approved_on > day:
        return Reason(
            "ATT-2",
            "trip_approved_after_day",
            {"purpose": trip.purpose, "approved_on": approved_on, "day": day},
        )
    if not missing_approvals((role,), (approval,), trip.travellers[0]).complete:
        return Reason("ATT-2", "trip_not_approved", {"purpose": trip.purpose, "role": role})
    return None


# -- rules --------------------------------------------------------------------------------
def leave_route(leave: Leave, policy: AttendancePolicy) -> LeaveRoute:
    """Who must approve ``leave``, and whether its approvals are complete (ATT-9, X-15).

    Leave of at most ``leave_escalation_threshold_days`` (default 1) working days needs
    the ``leave_approver_role`` (销售经理); strictly more also needs the
    ``leave_escalation_role`` (营销总监), or only a report to them when the policy's
    ``leave_director_role_kind`` is ``NOTIFY``.  Approvals dated after the leave starts
    do not count (X-15: before the leave); the route rules SOD-1..4 apply.

    Args:
        leave: the request with its approvals.
        policy: the attendance policy.

    Returns:
        A :class:`LeaveRoute`: ``ALLOWED`` when every step is filled, otherwise
        ``NEEDS_APPROVAL``; ``approvers`` is the route.

    Raises:
        WrongType: ``leave`` or ``policy`` is of the wrong type.

    >>> policy = AttendancePolicy(timezone="Asia/Shanghai",
    ...     workday_start=datetime.time(8, 30), workday_end=datetime.time(17, 30))
    >>> start = datetime.date(2026, 3, 2)
    >>> [r.code for r in leave_route(Leave("c1", 1, start=start), policy).approvers]
    ['sales_manager']
    >>> route = leave_route(Leave("c1", Decimal("1.5"), start=start, end=start + datetime.timedelta(1)), policy)
    >>> [r.code for r in route.approvers], route.verdict
    (['sales_manager', 'marketing_director'], <Verdict.NEEDS_APPROVAL: 'needs_approval'>)
    >>> leave_route("c1", policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: leave: expected a Leave, got str 'c1'
    """
    if not isinstance(leave, Leave):
        raise WrongType("leave", leave, "a Leave")
    policy = _check_policy(policy)
    threshold = policy.leave_escalation_threshold_days
    manager = policy.leave_approver_role
    director = policy.leave_escalation_role
    escalated = leave.days > threshold
    reasons: list[Reason] = []
    params = {"days": leave.days, "threshold": threshold}
    if escalated and policy.leave_director_role_kind is DirectorRoleKind.APPROVE:
        route: tuple[Role, ...] = (manager, director)
        reasons.append(
            Reason("ATT-9", "leave_over_threshold_needs_director", {**params, "role": director})
        )
    elif escalated:
        route = (manager,)
        reasons.append(
            Reason("ATT-9", "leave_over_threshold_report_to_director", {**params, "role": director})
        )
    else:
        route = (manager,)
        reasons.append(Reason("ATT-9", "leave_within_threshold", {**params, "role": manager}))
    timely: list[Approval] = []
    for approval in leave.approvals:
        approved_on = _date_of(approval.at)
        if approved_on > leave.start:
            reasons.append(
                Reason(
                    "ATT-9",
                    "leave_approval_after_start",
                    {"by": approval.by, "approved_on": approved_on, "start": leave.start},
                )
            )
        else:
            timely.append(approval)
    check = missing_approvals(route, timely, leave.employee)
    reasons.extend(check.reasons())
    verdict = Verdict.ALLOWED if check.complete else Verdict.NEEDS_APPROVAL
    return LeaveRoute(
        verdict, reasons, route, days=leave.days, escalated=escalated, missing=check.missing
    )


def classify_day(
    day: _dt.date,
    punches: Iterable[Punch],
    notices: Iterable[Notice],
    trips: Iterable[Trip],
    policy: AttendancePolicy,
    *,
    leaves: Iterable[Leave] = (),
    calendar_working: bool | None = None,
    employee: str | None = None,
) -> DayRecord:
    """Classify one day of one person from the card, reasons, trips and leave.

    The decision order:

    1. not a working day (the company calendar's ``calendar_working`` wins over the
       policy's ``working_days``): ``NOT_WORKING_DAY``;
    2. an approved leave covering the day: ``ON_LEAVE`` (ATT-9);
    3. an approved trip covering the day: ``ON_TRIP`` (ATT-2, ATT-6);
    4. no punch, or the first punch strictly after ``absence_cutoff`` (X-14.1): with
       a reason given by the cutoff (or later, if ``accept_late_explanation``) the
       day is ``ABSENT_NOTIFIED`` (no punch) or notified ``LATE``; without one it is
       ``ABSENT`` (旷工, ATT-5), weighing a full day with no punch, else
       ``absence_unit``;
    5. first punch after ``workday_start``: ``LATE``, excused (ATT-1 「无故」) when a
       reason was given before arriving;
    6. otherwise ``ON_TIME``.

    With two or more punches the last one is the departure: before ``workday_end``
    it is an early leave (``EARLY_LEAVE`` if the day was otherwise on time), excused
    by a reason given before leaving.  A single punch leaves the departure unknown
    (``missing_departure_punch``, for the manager to settle).  The order of
    ``punches`` never matters.

    Args:
        day: the day (a ``date``).
        punches: that person's punches of that day (another day's punch is an error).
        notices: reasons given; those about other days are skipped.
        trips: trip applications; only those covering ``day`` (and naming
            ``employee``, when given) are considered.
        policy: the attendance policy.
        leaves: leave requests; only approved ones covering ``day`` count.
        calendar_working: the company calendar's word on ``day`` (holidays,
            make-up working days); ``None`` uses ``policy.working_days``.
        employee: the person's id; when given, trips must name them and leaves be
            theirs.

    Returns:
        A :class:`DayRecord` with the status, verdict and reasons.

    Raises:
        InvalidInput: a naive datetime, or a punch on another day in the company zone.
        WrongType: inputs of the wrong type.

    >>> from zoneinfo import ZoneInfo
    >>> tz = ZoneInfo("Asia/Shanghai")
    >>> policy = AttendancePolicy(timezone="Asia/Shanghai",
    ...     workday_start=datetime.time(9, 0), workday_end=datetime.time(17, 30))
    >>> day = datetime.date(2026, 3, 2)
    >>> on_time = classify_day(day, [Punch(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=tz)),
    ...     Punch(datetime.datetime(2026, 3, 2, 17, 30, tzinfo=tz))], [], [], policy)
    >>> on_time.status, [r.code for r in on_time.reasons]
    (<AttendanceStatus.ON_TIME: 'on_time'>, ['on_time'])
    >>> classify_day(day, [], [], [], policy).status
    <AttendanceStatus.ABSENT: 'absent'>
    >>> classify_day(day, [Punch(datetime.datetime(2026, 3, 3, 9, 0, tzinfo=tz))], [], [], policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: punches: is on 2026-03-03, not on the day classified 2026-03-02, got ...
    """
    day = check_date(day, "day")
    policy = _check_policy(policy)
    zone = policy.zone
    if calendar_working is not None and type(calendar_working) is not bool:
        raise WrongType("calendar_working", calendar_working, "a bool or None")
    who = None if employee is None else check_text(employee, "employee")

    local_punches: list[_dt.datetime] = []
    for punch in _items(punches, "punches", Punch, "a Punch"):
        local = punch.at.astimezone(zone)
        if local.date() != day:
            raise InvalidInput(
                "punches", punch.at, f"is on {local.date()}, not on the day classified {day}"
            )
        local_punches.append(local)
    local_punches.sort()
    first = local_punches[0] if local_punches else None
    last = local_punches[-1] if len(local_punches) >= 2 else None

    reasons: list[Reason] = []
    usable: list[_dt.datetime] = []
    accepted = policy.notification_channels
    for notice in _items(notices, "notices", Notice, "a Notice"):
        concerns = notice.day if notice.day is not None else notice.at.astimezone(zone).date()
        if concerns != day:
            continue
        if notice.channel not in accepted:
            reasons.append(
                Reason("ATT-4", "notice_channel_not_accepted", {"channel": notice.channel})
            )
            continue
        usable.append(notice.at.astimezone(zone))
    usable.sort()
    cutoff_at = _dt.datetime.combine(day, policy.absence_cutoff, tzinfo=zone)
    cutoff_text = policy.absence_cutoff.isoformat()

    def notice_by(moment: _dt.datetime) -> _dt.datetime | None:
        for at in usable:
            if policy.accept_late_explanation or at <= moment:
                return at
        return None

    working = (
        calendar_working if calendar_working is not None else day.weekday() in policy.working_days
    )
    if not working:
        return DayRecord(
            Verdict.ALLOWED,
            (Reason("ATT-1", "not_working_day", {"day": day}),),
            status=AttendanceStatus.NOT_WORKING_DAY,
            day=day,
            first_punch=first,
            last_punch=last,
        )

    for leave in _items(leaves, "leaves", Leave, "a Leave"):
        if not leave.start <= day <= leave.end or (who is not None and leave.employee != who):
            continue
        route = leave_route(leave, policy)
        if route.allowed:
            reason = Reason(
                "ATT-9",
                "on_approved_leave",
                {"day": day, "start": leave.start, "end": leave.end, "days": leave.days},
            )
            return DayRecord(
                Verdict.ALLOWED,
                (*reasons, reason),
                status=AttendanceStatus.ON_LEAVE,
                day=day,
                first_punch=first,
                last_punch=last,
            )
        reasons.append(
            Reason(
                "ATT-9",
                "leave_not_approved",
                {"start": leave.start, "end": leave.end, "missing": route.missing},
            )
        )

    for trip in _items(trips, "trips", Trip, "a Trip"):
        if not trip.start <= day <= trip.end or (who is not None and who not in trip.travellers):
            continue
        problem = _trip_problem(trip, day, policy)
        if problem is None:
            reason = Reason("ATT-2", "on_approved_trip", {"day": day, "purpose": trip.purpose})
            return DayRecord(
                Verdict.ALLOWED,
                (*reasons, reason),
                status=AttendanceStatus.ON_TRIP,
                day=day,
                first_punch=first,
                last_punch=last,
            )
        reasons.append(problem)

    verdicts: list[Verdict] = []
    approvers: tuple[Role, ...] = ()
    notified = False
    absence = ZERO
    if first is None or first.time() > policy.absence_cutoff:
        notice_at = notice_by(cutoff_at)
        if notice_at is None and usable:
            reasons.append(
                Reason("ATT-5", "notice_too_late", {"cutoff": cutoff_text, "notice_at": usable[0]})
            )
        if notice_at is not None and first is None:
            status = AttendanceStatus.ABSENT_NOTIFIED
            notified = True
            approvers = (policy.attendance_exception_approver,)
            verdicts.append(Verdict.NEEDS_APPROVAL)
            reasons.append(
                Reason(
                    "ATT-5",
                    "absence_notified",
                    {
                        "cutoff": cutoff_text,
                        "notice_at": notice_at,
                        "role": policy.attendance_exception_approver,
                    },
                )
            )
        elif notice_at is not None and first is not None:
            status = AttendanceStatus.LATE
            notified = True
            verdicts.append(Verdict.ALLOWED)
            reasons.append(
                Reason(
                    "ATT-4",
                    "late_arrival_notified",
                    {
                        "first_punch": _clock_text(first),
                        "workday_start": policy.workday_start.isoformat(),
                        "notice_at": notice_at,
                    },
                )
            )
        else:
            status = AttendanceStatus.ABSENT
            verdicts.append(Verdict.REJECTED)
            if first is None:
                absence = _ONE
                reasons.append(
                    Reason(
                        "ATT-5", "absent_no_punch", {"cutoff": cutoff_text, "absence_days": absence}
                    )
                )
            else:
                absence = _HALF if policy.absence_unit is AbsenceUnit.HALF_DAY else _ONE
                reasons.append(
                    Reason(
                        "ATT-5",
                        "absent_arrived_after_cutoff",
                        {
                            "cutoff": cutoff_text,
                            "first_punch": _clock_text(first),
                            "absence_days": absence,
                        },
                    )
                )
    elif first.time() > policy.workday_start:
        status = AttendanceStatus.LATE
        params = {
            "first_punch": _clock_text(first),
            "workday_start": policy.workday_start.isoformat(),
        }
        notice_at = notice_by(first)
        if notice_at is not None:
            notified = True
            verdicts.append(Verdict.ALLOWED)
            reasons.append(
                Reason("ATT-4", "late_arrival_notified", {**params, "notice_at": notice_at})
            )
        else:
            verdicts.append(Verdict.REJECTED)
            reasons.append(Reason("ATT-1", "late_arrival", params))
    else:
        status = AttendanceStatus.ON_TIME
        verdicts.append(Verdict.ALLOWED)
        reasons.append(
            Reason(
                "ATT-1",
                "on_time",
                {
                    "first_punch": _clock_text(first),
                    "workday_start": policy.workday_start.isoformat(),
                },
            )
        )

    early = False
    if first is not None and last is None:
        verdicts.append(Verdict.NEEDS_APPROVAL)
        if not approvers:
            approvers = (policy.attendance_exception_approver,)
        reasons.append(
            Reason("ATT-1", "missing_departure_punch", {"first_punch": _clock_text(first)})
        )
    elif last is not None and last.time() < policy.workday_end:
        early = True
        if status is AttendanceStatus.ON_TIME:
            status = AttendanceStatus.EARLY_LEAVE
        params = {"last_punch": _clock_text(last), "workday_end": policy.workday_end.isoformat()}
        notice_at = notice_by(last)
        if notice_at is not None:
            verdicts.append(Verdict.ALLOWED)
            reasons.append(
                Reason("ATT-7", "early_leave_notified", {**params, "notice_at": notice_at})
            )
        else:
            verdicts.append(Verdict.REJECTED)
            reasons.append(Reason("ATT-1", "early_leave", params))

    return DayRecord(
        Verdict.strictest(verdicts),
        reasons,
        approvers,
        status=status,
        early_leave=early,
        notified=notified,
        absence_days=absence,
        day=day,
        first_punch=first,
        last_punch=last,
    )


def attendance_summary(records: Iterable[DayRecord], period: Period) -> AttendanceSummary:
    """Count one person's day records per status over ``period`` (ATT-3, APPR-6).

    Records outside the period are skipped; the summary does not invent records for
    days the caller did not classify.

    Args:
        records: :class:`DayRecord` values of one person.
        period: the appraisal period.

    Returns:
        An :class:`AttendanceSummary`.

    Raises:
        InvalidInput: two records for one day.
        WrongType: a record is not a :class:`DayRecord`.

    >>> from salesdomain import Period, Verdict
    >>> absent = DayRecord(Verdict.REJECTED, day=datetime.date(2026, 3, 2),
    ...     status=AttendanceStatus.ABSENT, absence_days=Decimal(1))
    >>> summary = attendance_summary([absent], Period.month(2026, 3))
    >>> summary.count(AttendanceStatus.ABSENT), summary.violations, summary.absence_days
    (1, 1, Decimal('1'))
    >>> attendance_summary([absent, absent], Period.month(2026, 3))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: records: two records for one day, got datetime.date(2026, 3, 2)
    """
    if not isinstance(period, Period):
        raise WrongType("period", period, "a Period")
    counts = dict.fromkeys(AttendanceStatus, 0)
    seen: set[_dt.date] = set()
    early = violations = 0
    absence = ZERO
    for record in _items(records, "records", DayRecord, "a DayRecord"):
        if record.day in seen:
            raise InvalidInput("records", record.day, "two records for one day")
        seen.add(record.day)
        if not period.start <= record.day <= period.end:
            continue
        counts[record.status] += 1
        early += record.early_leave
        violations += record.rejected
        absence = _CTX.add(absence, record.absence_days)
    return AttendanceSummary(
        period,
        counts=tuple(counts.items()),
        early_leaves=early,
        violations=violations,
        absence_days=absence,
    )


def showroom_rota(
    areas: Sequence[str],
    from_date: _dt.date,
    to_date: _dt.date,
    policy: AttendancePolicy,
    *,
    holidays: Collection[_dt.date] = (),
    anchor: _dt.date | None = None,
) -> tuple[RotaSlot, ...]:
    """The showroom cleaning and product-care rota: areas in turn (ATT-14).

    Every ``showroom_weekdays`` day (default Monday, Wednesday, Friday) in the range
    gets one area, in the given order, round robin, for ``showroom_window`` (default
    08:00-08:20) in the company zone.  Holidays are skipped and the turn passes to
    the next slot.  Turns count from ``anchor`` (default ``from_date``), so two
    adjacent ranges with the same anchor join into the rota of the joined range.

    Args:
        areas: the areas (or people) in rota order, unique, at least one.
        from_date: the first day.
        to_date: the last day (inclusive).
        policy: the attendance policy.
        holidays: days without showroom duty.
        anchor: the day the rota started (not after ``from_date``).

    Returns:
        The :class:`RotaSlot` values in date order.

    Raises:
        InvalidInput: no areas, repeated areas, ``to_date`` before ``from_date``, a
            range of more than 3660 days (ten years) or ``anchor`` after ``from_date``.

    >>> policy = AttendancePolicy(timezone="Asia/Shanghai",
    ...     workday_start=datetime.time(8, 0), workday_end=datetime.time(17, 30))
    >>> slots = showroom_rota(["A", "B"], datetime.date(2026, 3, 2), datetime.date(2026, 3, 8), policy)
    >>> [(s.day.isoformat(), s.area) for s in slots]
    [('2026-03-02', 'A'), ('2026-03-04', 'B'), ('2026-03-06', 'A')]
    >>> showroom_rota([], datetime.date(2026, 3, 2), datetime.date(2026, 3, 8), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: areas: the rota needs at least one area, got []
    """
    if isinstance(areas, (str, bytes)) or not isinstance(areas, Sequence):
        raise WrongType("areas", areas, "a sequence of area names")
    names = [check_text(area, "areas") for area in areas]
    if not names:
        raise InvalidInput("areas", areas, "the rota needs at least one area")
    if len(set(names)) != len(names):
        raise InvalidInput("areas", areas, "names an area twice")
    first = check_date(from_date, "from_date")
    last = check_date(to_date, "to_date")
    if last < first:
        raise InvalidInput("to_date", to_date, f"must not be before from_date {first}")
    if (last - first).days >= _MAX_ROTA_DAYS:
        raise InvalidInput(
            "to_date", to_date, f"a rota spans at most {_MAX_ROTA_DAYS} days from from_date {first}"
        )
    start = first if anchor is None else check_date(anchor, "anchor")
    if start > first:
        raise InvalidInput("anchor", anchor, f"must not be after from_date {first}")
    policy = _check_policy(policy)
    days: object = holidays
    if isinstance(days, (str, bytes)) or not isinstance(days, Iterable):
        raise WrongType("holidays", holidays, "a collection of datetime.date")
    off = {check_date(day, "holidays") for day in holidays}
    zone = policy.zone
    window_start, window_end = policy.showroom_window
    weekdays = frozenset(policy.showroom_weekdays)
    slots: list[RotaSlot] = []
    turn = _turns_before(start, first, weekdays, off)
    for offset in range((last - first).days + 1):
        day = first + _dt.timedelta(days=offset)
        if day.weekday() in weekdays and day not in off:
            slots.append(
                RotaSlot(
                    day,
                    names[turn % len(names)],
                    starts_at=_dt.datetime.combine(day, window_start, tzinfo=zone),
                    ends_at=_dt.datetime.combine(day, window_end, tzinfo=zone),
                )
            )
            turn += 1
    return tuple(slots)


_MAX_ROTA_DAYS: Final = 3660
"""The longest rota :func:`showroom_rota` builds (ten years): more is a typo, not a plan."""


def _turns_before(
    start: _dt.date, first: _dt.date, weekdays: frozenset[int], off: set[_dt.date]
) -> int:
    """How many rota days lie in ``[start, first)``: counted, not walked, so an old
    anchor costs nothing."""
    weeks, rest = divmod((first - start).days, 7)
    count = weeks * len(weekdays)
    tail = start.weekday() + 7 * weeks
    count += sum(1 for n in range(rest) if (tail + n) % 7 in weekdays)
    count -= sum(1 for day in off if start <= day < first and day.weekday() in weekdays)
    return count


def is_showroom_slot(at: _dt.datetime, policy: AttendancePolicy) -> bool:
    """Whether ``at`` falls in a showroom duty window (ATT-14), in the company zone.

    The window includes its start and excludes its end (08:00:00 to 08:19:59...).

    >>> from zoneinfo import ZoneInfo
    >>> policy = AttendancePolicy(timezone="Asia/Shanghai",
    ...     workday_start=datetime.time(8, 0), workday_end=datetime.time(17, 30))
    >>> is_showroom_slot(datetime.datetime(2026, 3, 2, 8, 10, tzinfo=ZoneInfo("Asia/Shanghai")), policy)
    True
    >>> is_showroom_slot(datetime.datetime(2026, 3, 2, 8, 10), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: at: must be timezone-aware (a naive datetime is ambiguous), got datetime.datetime(2026, 3, 2, 8, 10)
    """
    moment = _moment(at, "at")
    policy = _check_policy(policy)
    local = moment.astimezone(policy.zone)
    start, end = policy.showroom_window
    return local.weekday() in policy.showroom_weekdays and start <= local.time() < end
