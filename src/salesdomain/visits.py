"""Customer visits: weekly plans, the Saturday meeting, records, adherence and intervals.

Rules implemented (see ``seed/RULES.md`` section 10):

- **VISIT-1 / VISIT-7** each salesperson plans their own week of new-customer visits
  and return visits (:class:`WeeklyVisitPlan`, :class:`PlannedVisit`,
  :class:`VisitKind`); a policy may require a minimum of each kind.
- **VISIT-2 / X-13** the plan for next week is confirmed by the manager at the weekly
  (default Saturday-morning) meeting: "next week" is the week after the meeting's
  week; a meeting on a holiday moves to the previous day (:func:`check_plan`,
  :func:`visit_meeting_date`, :func:`next_week_for_meeting`).
- **VISIT-3** visits follow the confirmed plan; :func:`visit_compliance` partitions the
  plan and the visits into planned-and-done, planned-but-missed and unplanned.
- **VISIT-4** every visit is recorded truthfully after it ends (:func:`record_visit`);
  only a recorded visit can be reported.
- **VISIT-5** recorded visits are reported at the meeting: those that ended since the
  previous meeting (:func:`visits_to_report`, :func:`report_visit`).
- **VISIT-8** customers are visited regularly; the maximum interval per segment is
  configuration (:func:`overdue_customers`).

A visit's day is the calendar day of its ``started_at`` in that datetime's own
offset (the wall-clock day where it happened).

>>> import datetime
>>> from salesdomain import Period
>>> week = Period(datetime.date(2026, 3, 9), datetime.date(2026, 3, 15))
>>> plan = WeeklyVisitPlan("s1", week, visits=(
...     PlannedVisit("p1", "Acme", kind=VisitKind.NEW_CUSTOMER),
...     PlannedVisit("p2", "Bolt", kind=VisitKind.RETURN_VISIT)))
>>> tz = datetime.timezone(datetime.timedelta(hours=8))
>>> done = Visit("v1", "Acme", kind=VisitKind.NEW_CUSTOMER, by="s1",
...     started_at=datetime.datetime(2026, 3, 10, 10, 0, tzinfo=tz),
...     ended_at=datetime.datetime(2026, 3, 10, 11, 0, tzinfo=tz),
...     notes=VisitNotes("Mr Li", "needs a quote", next_step="send quote",
...         recorded_at=datetime.datetime(2026, 3, 10, 12, 0, tzinfo=tz)))
>>> result = visit_compliance(plan, [done])
>>> [p.id for p in result.planned_done], [p.id for p in result.planned_missed]
(['p1'], ['p2'])
>>> PlannedVisit("p1", "Acme", kind="cold_call")
Traceback (most recent call last):
...
salesdomain.core.errors.UnknownEntity: kind: expected one of new_customer, return_visit, got 'cold_call'
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Collection, Iterable, Mapping
from typing import Final, TypeVar

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import check_aware, check_date, check_int, check_text
from salesdomain.core.approvals import REASON_CODES as _ROUTE_CODES
from salesdomain.core.approvals import Approval, missing_approvals
from salesdomain.core.decisions import Decision, Reason, Verdict
from salesdomain.core.errors import (
    IllegalTransition,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.org import GENERIC_LADDER, Role
from salesdomain.core.periods import Period

__all__ = [
    "REASON_CODES",
    "LastVisit",
    "MeetingAdjustment",
    "MeetingReport",
    "OverdueCustomer",
    "PlanCheck",
    "PlannedVisit",
    "Visit",
    "VisitCompliance",
    "VisitKind",
    "VisitNotes",
    "VisitPolicy",
    "VisitState",
    "WeeklyVisitPlan",
    "check_plan",
    "confirm_plan",
    "next_week_for_meeting",
    "overdue_customers",
    "record_visit",
    "report_visit",
    "visit_compliance",
    "visit_meeting_date",
    "visits_to_report",
]


REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "compliance_against_unconfirmed_plan",
        "customer_never_visited",
        "meeting_off_schedule",
        "planned_visit_missed",
        "too_few_new_customer_visits_planned",
        "too_few_return_visits_planned",
        "unplanned_visit",
        "visit_not_recorded",
        "visit_overdue",
        "visit_plan_adherence",
        "visit_plan_confirmation_not_valid",
        "visit_plan_confirmed",
        "visit_plan_confirmed_late",
        "visit_plan_confirmed_off_meeting",
        "visit_plan_unconfirmed",
        "visits_to_report",
    }
    # a plan carries one confirmation on a one-step route, with no subject
    | (
        _ROUTE_CODES
        - {"cannot_stand_in_for_outside", "not_needed", "same_person_twice", "stale_subject"}
    )
)
"""Every reason code this module can emit (the route codes come from core approvals)."""

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")
_DAY: Final = _dt.timedelta(days=1)
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class VisitKind(enum.Enum):
    """The two kinds of visit (VISIT-7): to a new customer, or a return visit."""

    NEW_CUSTOMER = "new_customer"
    RETURN_VISIT = "return_visit"


class VisitState(enum.Enum):
    """Where a visit stands (VISIT-4, VISIT-5): done, recorded, reported."""

    DONE = "done"
    RECORDED = "recorded"
    REPORTED = "reported"


class MeetingAdjustment(enum.Enum):
    """What happens when the meeting day is a holiday (X-13)."""

    NONE = "none"
    PREVIOUS_WORKING_DAY = "previous_working_day"


# -- converters ---------------------------------------------------------------------------
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


def _weekday(value: object, field: str) -> int:
    number = check_int(value, field)
    if not 0 <= number <= 6:
        raise PolicyError(field, value, "a weekday number must be 0 (Monday) to 6 (Sunday)")
    return number


def _adjustment(value: object) -> MeetingAdjustment:
    return _enum_member(MeetingAdjustment, value, "visit_meeting_holiday_adjustment")


def _confirmer(value: object) -> Role:
    if not isinstance(value, Role):
        raise WrongType("plan_confirmer_role", value, "a Role")
    if value.outside:
        raise PolicyError("plan_confirmer_role", value, "must be a role of the company's ladder")
    return value


def _count(value: object, field: str) -> int:
    return check_int(value, field, minimum=0)


def _intervals(value: object) -> tuple[tuple[str, int], ...]:
    field = "max_visit_interval_days"
    pairs: Iterable[object]
    if isinstance(value, Mapping):
        pairs = value.items()
    elif isinstance(value, (tuple, list)):
        pairs = value
    else:
        raise WrongType(field, value, "a mapping of segment to days")
    found: dict[str, int] = {}
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise WrongType(field, pair, "a (segment, days) pair")
        segment = check_text(pair[0], field)
        if segment in found:
            raise PolicyError(f"{field}[{segment!r}]", pair, "segment listed twice")
        found[segment] = check_int(pair[1], f"{field}[{segment!r}]", minimum=1)
    return tuple(sorted(found.items()))


def _optional_days(value: object, field: str) -> int | None:
    if value is None:
        return None
    return check_int(value, field, minimum=1)


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class VisitPolicy:
    """The company's visit settings (RULES.md sections 23.2 and 23.10).

    Args:
        week_start: the first day of a week (0 = Monday, the default; X-13).
        visit_meeting_weekday: the meeting day (default 5 = Saturday, VISIT-2/5).
        visit_meeting_holiday_adjustment: a meeting on a holiday moves to the
            previous day that is not a holiday (default), or stays (X-13).
        plan_confirmer_role: who confirms plans (default 销售部经理 of the generic
            ladder, VISIT-2); a higher role may confirm too.
        min_new_visits: new-customer visits a week plan must hold (default 0, VISIT-7).
        min_return_visits: return visits a week plan must hold (default 0, VISIT-7).
        max_visit_interval_days: per customer segment, the most days allowed between
            visits (VISIT-8: 「定期」 has no seed number, so no default).
        default_max_visit_interval_days: the interval for unlisted segments (default
            none: an unlisted segment is an error).

    >>> VisitPolicy(visit_meeting_weekday=7)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: visit_meeting_weekday: a weekday number must be 0 (Monday) to 6 (Sunday), got 7
    """

    week_start: int = attrs.field(default=0, metadata=check(_weekday))
    visit_meeting_weekday: int = attrs.field(default=5, metadata=check(_weekday))
    visit_meeting_holiday_adjustment: MeetingAdjustment = attrs.field(
        default=MeetingAdjustment.PREVIOUS_WORKING_DAY, converter=_adjustment
    )
    plan_confirmer_role: Role = attrs.field(
        default=GENERIC_LADDER.get("sales_manager"), converter=_confirmer
    )
    min_new_visits: int = attrs.field(default=0, metadata=check(_count))
    min_return_visits: int = attrs.field(default=0, metadata=check(_count))
    max_visit_interval_days: tuple[tuple[str, int], ...] = attrs.field(
        default=(), converter=_intervals
    )
    default_max_visit_interval_days: int | None = attrs.field(
        default=None, metadata=check(_optional_days)
    )

    def interval_for(self, segment: str) -> int:
        """The most days allowed between visits for ``segment`` (VISIT-8).

        Raises:
            UnknownEntity: the segment is not listed and there is no default.

        >>> policy = VisitPolicy(max_visit_interval_days={"end_user": 14})
        >>> policy.interval_for("end_user")
        14
        >>> policy.interval_for("dealer")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.UnknownEntity: segment: no visit interval configured (configured: end_user), got 'dealer'
        """
        for listed, days in self.max_visit_interval_days:
            if listed == segment:
                return days
        if self.default_max_visit_interval_days is None:
            known = ", ".join(name for name, _ in self.max_visit_interval_days) or "none"
            raise UnknownEntity(
                "segment", segment, f"no visit interval configured (configured: {known})"
            )
        return self.default_max_visit_interval_days


# -- values -------------------------------------------------------------------------------
def _kind(value: object) -> VisitKind:
    return _enum_member(VisitKind, value, "kind")


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _optional_aware(value: object, field: str) -> _dt.datetime | None:
    return None if value is None else check_aware(value, field)


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _week(value: object) -> Period:
    if not isinstance(value, Period):
        raise WrongType("week", value, "a Period of seven days")
    if value.days != 7:
        raise InvalidInput("week", value, "a week plan covers exactly seven days")
    return value


def _optional_notes(value: object) -> VisitNotes | None:
    if value is None or isinstance(value, VisitNotes):
        return value
    raise WrongType("notes", value, "VisitNotes or None")


def _optional_confirmation(value: object) -> Approval | None:
    if value is None or isinstance(value, Approval):
        return value
    raise WrongType("confirmation", value, "an Approval or None")


def _items(value: object, field: str, cls: type[_T], expected: str) -> tuple[_T, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, f"a sequence of {expected}")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, cls):
            raise WrongType(f"{field}[{index}]", item, expected)
    return items


def _planned_visits(value: object) -> tuple[PlannedVisit, ...]:
    visits = _items(value, "visits", PlannedVisit, "a PlannedVisit")
    seen: set[str] = set()
    for visit in visits:
        if visit.id in seen:
            raise InvalidInput("visits", visit.id, "two planned visits share an id")
        seen.add(visit.id)
    return visits


@attrs.frozen(field_transformer=wire_checks)
class PlannedVisit:
    """One visit in a week plan (VISIT-1, VISIT-7).

    Args:
        id: unique within the plan; a :class:`Visit` may name it as ``planned_id``.
        customer: the customer to visit.
        kind: new-customer visit or return visit.
        day: the planned day, if fixed (must lie in the plan's week).
    """

    id: str = attrs.field(metadata=check(check_text))
    customer: str = attrs.field(metadata=check(check_text))
    kind: VisitKind = attrs.field(kw_only=True, converter=_kind)
    day: _dt.date | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_date))


@attrs.frozen(field_transformer=wire_checks)
class WeeklyVisitPlan:
    """A salesperson's visit plan for one week (VISIT-1, VISIT-2).

    Args:
        owner: the salesperson (employee id) who drew it up.
        week: the seven days it covers.
        visits: the planned visits (ids unique, days within the week).
        confirmation: the manager's confirmation at the meeting, if given
            (:func:`confirm_plan`; :func:`check_plan` judges it).

    >>> WeeklyVisitPlan("s1", Period(datetime.date(2026, 3, 9), datetime.date(2026, 3, 14)))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: week: a week plan covers exactly seven days, got Period(start=datetime.date(2026, 3, 9), end=datetime.date(2026, 3, 14))
    """

    owner: str = attrs.field(metadata=check(check_text))
    week: Period = attrs.field(converter=_week)
    visits: tuple[PlannedVisit, ...] = attrs.field(
        default=(), kw_only=True, converter=_planned_visits
    )
    confirmation: Approval | None = attrs.field(
        default=None, kw_only=True, converter=_optional_confirmation
    )

    @visits.validator
    def _days_in_week(
        self, attribute: attrs.Attribute[tuple[PlannedVisit, ...]], value: tuple[PlannedVisit, ...]
    ) -> None:
        for visit in value:
            if visit.day is not None and not self.week.start <= visit.day <= self.week.end:
                raise InvalidInput(
                    "visits", visit.day, f"planned day is outside the week {self.week}"
                )

    @property
    def confirmed(self) -> bool:
        """Whether a confirmation is attached (:func:`check_plan` says if it is valid)."""
        return self.confirmation is not None

    def count(self, kind: VisitKind) -> int:
        """The number of planned visits of ``kind``."""
        return sum(1 for visit in self.visits if visit.kind is kind)


@attrs.frozen(field_transformer=wire_checks)
class VisitNotes:
    """What a visit record holds (VISIT-4): contact, summary, next step, when recorded."""

    contact: str = attrs.field(metadata=check(check_text))
    summary: str = attrs.field(metadata=check(check_text))
    next_step: str = attrs.field(kw_only=True, metadata=check(check_text))
    recorded_at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))


@attrs.frozen(field_transformer=wire_checks)
class Visit:
    """A visit done, and where it stands: done, recorded (VISIT-4), reported (VISIT-5).

    Args:
        id: a unique id.
        customer: the customer visited.
        kind: new-customer visit or return visit (VISIT-7).
        by: the salesperson (employee id).
        started_at: start (timezone-aware); its wall-clock date is the visit's day.
        ended_at: end, not before the start.
        planned_id: the :class:`PlannedVisit` it carries out, if the caller knows.
        notes: the record, once made (not before the visit ended).
        reported_at: when it was reported at a meeting (only a recorded visit).

    >>> tz = datetime.timezone.utc
    >>> Visit("v1", "Acme", kind="new_customer", by="s1",
    ...     started_at=datetime.datetime(2026, 3, 10, 11, tzinfo=tz),
    ...     ended_at=datetime.datetime(2026, 3, 10, 10, tzinfo=tz))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: ended_at: must not be before started_at 2026-03-10 11:00:00+00:00, got datetime.datetime(2026, 3, 10, 10, 0, tzinfo=datetime.timezone.utc)
    """

    id: str = attrs.field(metadata=check(check_text))
    customer: str = attrs.field(metadata=check(check_text))
    kind: VisitKind = attrs.field(kw_only=True, converter=_kind)
    by: str = attrs.field(kw_only=True, metadata=check(check_text))
    started_at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))
    ended_at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))
    planned_id: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))
    notes: VisitNotes | None = attrs.field(default=None, kw_only=True, converter=_optional_notes)
    reported_at: _dt.datetime | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_aware)
    )

    def __attrs_post_init__(self) -> None:
        if self.ended_at < self.started_at:
            raise InvalidInput(
                "ended_at", self.ended_at, f"must not be before started_at {self.started_at}"
            )
        if self.notes is not None and self.notes.recorded_at < self.ended_at:
            raise InvalidInput(
                "recorded_at",
                self.notes.recorded_at,
                f"a visit is recorded after it ends at {self.ended_at} (VISIT-4)",
            )
        if self.reported_at is not None:
            if self.notes is None:
                raise InvalidInput(
                    "reported_at",
                    self.reported_at,
                    "an unrecorded visit cannot be reported (VISIT-4)",
                )
            if self.reported_at < self.notes.recorded_at:
                raise InvalidInput(
                    "reported_at",
                    self.reported_at,
                    f"is before the record at {self.notes.recorded_at}",
                )

    @property
    def day(self) -> _dt.date:
        """The wall-clock day the visit started."""
        return self.started_at.date()

    @property
    def state(self) -> VisitState:
        """``DONE`` (not recorded), ``RECORDED`` or ``REPORTED``."""
        if self.notes is None:
            return VisitState.DONE
        if self.reported_at is None:
            return VisitState.RECORDED
        return VisitState.REPORTED


@attrs.frozen(field_transformer=wire_checks)
class LastVisit:
    """A customer's segment and the day of their last visit, if any (VISIT-8)."""

    customer: str = attrs.field(metadata=check(check_text))
    segment: str = attrs.field(metadata=check(check_text))
    on: _dt.date | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_date))


# -- results ------------------------------------------------------------------------------
@attrs.frozen
class PlanCheck(Decision):
    """Whether a week plan was validly confirmed at its meeting (VISIT-2, VISIT-7).

    Attributes:
        meeting_date: the meeting at which the plan should be confirmed (X-13).
        confirmed: whether a valid confirmation is attached.
    """

    meeting_date: _dt.date = attrs.field(kw_only=True)
    confirmed: bool = attrs.field(kw_only=True)


@attrs.frozen
class VisitCompliance(Decision):
    """How the visits of a week compare with its plan (VISIT-3, VISIT-4).

    ``planned_done`` and ``planned_missed`` partition the plan; ``planned_done``
    (one visit each) and ``unplanned_done`` partition ``done``.

    Attributes:
        week: the plan's week.
        planned_done: planned visits that were carried out, in plan order.
        planned_missed: planned visits not carried out, in plan order.
        unplanned_done: counted visits not matching a planned one (repeats included).
        done: the counted visits: the owner's recorded visits of the week.
        matches: ``(planned id, visit id)`` for each planned visit done.
        excluded: visits not counted (another salesperson's, another week's, or
            not recorded).
    """

    week: Period = attrs.field(kw_only=True)
    planned_done: tuple[PlannedVisit, ...] = attrs.field(kw_only=True)
    planned_missed: tuple[PlannedVisit, ...] = attrs.field(kw_only=True)
    unplanned_done: tuple[Visit, ...] = attrs.field(kw_only=True)
    done: tuple[Visit, ...] = attrs.field(kw_only=True)
    matches: tuple[tuple[str, str], ...] = attrs.field(kw_only=True)
    excluded: tuple[Visit, ...] = attrs.field(default=(), kw_only=True)

    def done_count(self, kind: VisitKind) -> int:
        """The number of counted visits of ``kind`` (VISIT-7)."""
        return sum(1 for visit in self.done if visit.kind is kind)


@attrs.frozen
class MeetingReport(Decision):
    """The visits to report at one meeting (VISIT-5), and those still unrecorded (VISIT-4).

    Attributes:
        meeting_at: this meeting.
        previous_meeting_at: the previous one; the window runs from it (included) to
            this meeting (excluded), by the visits' end.
        to_report: recorded visits of the window, in time order.
        unrecorded: visits of the window without a record (they cannot be reported).
        already_reported: visits of the window reported before.
    """

    meeting_at: _dt.datetime = attrs.field(kw_only=True)
    previous_meeting_at: _dt.datetime = attrs.field(kw_only=True)
    to_report: tuple[Visit, ...] = attrs.field(kw_only=True)
    unrecorded: tuple[Visit, ...] = attrs.field(kw_only=True)
    already_reported: tuple[Visit, ...] = attrs.field(default=(), kw_only=True)


@attrs.frozen
class OverdueCustomer:
    """A customer whose visit interval has run out (VISIT-8)."""

    customer: str
    segment: str
    last_visit: _dt.date | None = attrs.field(kw_only=True)
    days_since: int | None = attrs.field(kw_only=True)
    max_days: int = attrs.field(kw_only=True)
    reason: Reason = attrs.field(kw_only=True)


# -- helpers ------------------------------------------------------------------------------
def _check_policy(policy: object) -> VisitPolicy:
    if not isinstance(policy, VisitPolicy):
        raise WrongType("policy", policy, "a VisitPolicy")
    return policy


def _check_plan_type(plan: object) -> WeeklyVisitPlan:
    if not isinstance(plan, WeeklyVisitPlan):
        raise WrongType("plan", plan, "a WeeklyVisitPlan")
    return plan


def _date_of(at: _dt.date) -> _dt.date:
    if isinstance(at, _dt.datetime):
        return at.date()
    return at


def _check_week(week: object, policy: VisitPolicy) -> Period:
    value = _week(week)
    if value.start.weekday() != policy.week_start:
        raise InvalidInput(
            "week", value, f"must start on {_WEEKDAYS[policy.week_start]} (the policy's week_start)"
        )
    return value


def _unique_visits(visits: Iterable[Visit]) -> tuple[Visit, ...]:
    items = _items(visits, "visits", Visit, "a Visit")
    seen: set[str] = set()
    for visit in items:
        if visit.id in seen:
            raise InvalidInput("visits", visit.id, "two visits share an id")
        seen.add(visit.id)
    return tuple(sorted(items, key=lambda visit: (visit.started_at, visit.id)))


# -- rules --------------------------------------------------------------------------------
def next_week_for_meeting(meeting_date: _dt.date, policy: VisitPolicy) -> Period:
    """The week a meeting plans: the week after the meeting's own week (VISIT-2, X-13).

    With Monday weeks, a Saturday meeting plans the Monday-Sunday week starting two
    days later; a meeting moved to Friday for a holiday still plans that week.

    Args:
        meeting_date: the day of the meeting.
        policy: the visit policy (its ``week_start``).

    Returns:
        The planned week as a :class:`Period`.

    >>> str(next_week_for_meeting(datetime.date(2026, 3, 7), VisitPolicy()))
    '2026-03-09..2026-03-15'
    >>> next_week_for_meeting(datetime.datetime(2026, 3, 7, 9), VisitPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: meeting_date: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 7, 9, 0)
    """
    day = check_date(meeting_date, "meeting_date")
    policy = _check_policy(policy)
    try:
        own = Period.week_of(day, week_start=policy.week_start)
        start = own.end + _DAY
        return Period(start, start + 6 * _DAY)
    except OverflowError:
        raise InvalidInput(
            "meeting_date", meeting_date, "the following week lies beyond the last date"
        ) from None


def visit_meeting_date(
    week: Period, policy: VisitPolicy, *, holidays: Collection[_dt.date] = ()
) -> _dt.date:
    """The meeting at which the plan for ``week`` is confirmed (VISIT-2, X-13).

    It is the ``visit_meeting_weekday`` of the week before ``week``; when that day is
    a holiday and the policy says ``PREVIOUS_WORKING_DAY``, the meeting moves back to
    the nearest earlier day that is not a holiday.

    Args:
        week: the planned week (seven days from the policy's ``week_start``).
        policy: the visit policy.
        holidays: days the company does not work.

    Returns:
        The meeting day.

    Raises:
        InvalidInput: ``week`` is not a week starting on ``week_start``.

    >>> week = Period(datetime.date(2026, 3, 9), datetime.date(2026, 3, 15))
    >>> visit_meeting_date(week, VisitPolicy(), holidays={datetime.date(2026, 3, 7)})
    datetime.date(2026, 3, 6)
    >>> visit_meeting_date(Period(datetime.date(2026, 3, 10), datetime.date(2026, 3, 16)), VisitPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: week: must start on Monday (the policy's week_start), got Period(start=datetime.date(2026, 3, 10), end=datetime.date(2026, 3, 16))
    """
    policy = _check_policy(policy)
    value = _check_week(week, policy)
    days: object = holidays
    if isinstance(days, (str, bytes)) or not isinstance(days, Iterable):
        raise WrongType("holidays", holidays, "a collection of datetime.date")
    off = {check_date(day, "holidays") for day in holidays}
    try:
        previous_start = value.start - 7 * _DAY
        offset = (policy.visit_meeting_weekday - policy.week_start) % 7
        day = previous_start + offset * _DAY
        if policy.visit_meeting_holiday_adjustment is MeetingAdjustment.PREVIOUS_WORKING_DAY:
            while day in off:
                day -= _DAY
    except OverflowError:
        raise InvalidInput("week", week, "its visit meeting falls before the first date") from None
    return day


def confirm_plan(plan: WeeklyVisitPlan, confirmation: Approval) -> WeeklyVisitPlan:
    """Attach the manager's confirmation given at the meeting (VISIT-2).

    Args:
        plan: an unconfirmed plan.
        confirmation: who confirmed it, in which role, and when.

    Returns:
        The plan with the confirmation (:func:`check_plan` says whether it is valid).

    Raises:
        IllegalTransition: the plan is already confirmed.

    >>> import datetime
    >>> from salesdomain import GENERIC_LADDER, Approval
    >>> week = Period(datetime.date(2026, 3, 9), datetime.date(2026, 3, 15))
    >>> ok = Approval(GENERIC_LADDER.get("sales_manager"), "m1", datetime.date(2026, 3, 7))
    >>> plan = confirm_plan(WeeklyVisitPlan("s1", week), ok)
    >>> plan.confirmed
    True
    >>> confirm_plan(plan, ok)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot confirm in state 'confirmed': the plan for 2026-03-09..2026-03-15 is already confirmed (VISIT-2)
    """
    plan = _check_plan_type(plan)
    if not isinstance(confirmation, Approval):
        raise WrongType("confirmation", confirmation, "an Approval")
    if plan.confirmation is not None:
        raise IllegalTransition(
            "confirmed", "confirm", f"the plan for {plan.week} is already confirmed (VISIT-2)"
        )
    return attrs.evolve(plan, confirmation=confirmation)


def check_plan(
    plan: WeeklyVisitPlan, policy: VisitPolicy, *, holidays: Collection[_dt.date] = ()
) -> PlanCheck:
    """Judge a week plan: confirmed by the manager at its meeting? enough of each kind?

    - VISIT-2: with no confirmation, or one that does not fill the
      ``plan_confirmer_role`` step (the owner confirming their own plan, a role too
      low), the verdict is ``NEEDS_APPROVAL`` with the confirmer as approver.  A
      confirmation dated on or after the first day of the week is too late
      (``REJECTED``); one before the week but not on the meeting day is noted.
    - VISIT-7: fewer new-customer or return visits than the policy's minimum is
      ``REJECTED``.

    Args:
        plan: the week plan.
        policy: the visit policy.
        holidays: days the company does not work (they move the meeting, X-13).

    Returns:
        A :class:`PlanCheck`.

    Raises:
        InvalidInput: the plan's week does not start on the policy's ``week_start``.

    >>> import datetime
    >>> week = Period(datetime.date(2026, 3, 9), datetime.date(2026, 3, 15))
    >>> result = check_plan(WeeklyVisitPlan("s1", week), VisitPolicy())
    >>> result.verdict, [r.code for r in result.reasons], [r.code for r in result.approvers]
    (<Verdict.NEEDS_APPROVAL: 'needs_approval'>, ['visit_plan_unconfirmed'], ['sales_manager'])
    >>> check_plan(week, VisitPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: plan: expected a WeeklyVisitPlan, got Period Period(start=datetime.date(2026, 3, 9), end=datetime.date(2026, 3, 15))
    """
    plan = _check_plan_type(plan)
    policy = _check_policy(policy)
    meeting = visit_meeting_date(plan.week, policy, holidays=holidays)
    role = policy.plan_confirmer_role
    reasons: list[Reason] = []
    verdicts: list[Verdict] = []
    approvers: tuple[Role, ...] = ()
    confirmed = False
    confirmation = plan.confirmation
    if confirmation is None:
        verdicts.append(Verdict.NEEDS_APPROVAL)
        approvers = (role,)
        reasons.append(
            Reason(
                "VISIT-2",
                "visit_plan_unconfirmed",
                {"week": plan.week, "meeting_date": meeting, "role": role},
            )
        )
    else:
        check = missing_approvals((role,), (confirmation,), plan.owner)
        confirmed_on = _date_of(confirmation.at)
        if not check.complete:
            verdicts.append(Verdict.NEEDS_APPROVAL)
            approvers = (role,)
            reasons.append(Reason("VISIT-2", "visit_plan_confirmation_not_valid", {"role": role}))
            reasons.extend(check.reasons())
        elif confirmed_on >= plan.week.start:
            confirmed = True
            verdicts.append(Verdict.REJECTED)
            reasons.append(
                Reason(
                    "VISIT-2",
                    "visit_plan_confirmed_late",
                    {"week": plan.week, "meeting_date": meeting, "confirmed_on": confirmed_on},
                )
            )
        elif confirmed_on != meeting:
            confirmed = True
            reasons.append(
                Reason(
                    "VISIT-2",
                    "visit_plan_confirmed_off_meeting",
                    {"meeting_date": meeting, "confirmed_on": confirmed_on},
                )
            )
        else:
            confirmed = True
            reasons.append(
                Reason(
                    "VISIT-2",
                    "visit_plan_confirmed",
                    {"week": plan.week, "confirmed_on": confirmed_on, "role": confirmation.role},
                )
            )
    for kind, minimum, code in (
        (VisitKind.NEW_CUSTOMER, policy.min_new_visits, "too_few_new_customer_visits_planned"),
        (VisitKind.RETURN_VISIT, policy.min_return_visits, "too_few_return_visits_planned"),
    ):
        planned = plan.count(kind)
        if planned < minimum:
            verdicts.append(Verdict.REJECTED)
            reasons.append(Reason("VISIT-7", code, {"planned": planned, "minimum": minimum}))
    return PlanCheck(
        Verdict.strictest(verdicts),
        reasons,
        approvers,
        meeting_date=meeting,
        confirmed=confirmed,
    )


def visit_compliance(plan: WeeklyVisitPlan, visits: Iterable[Visit]) -> VisitCompliance:
    """Compare a week's visits with its plan (VISIT-3, VISIT-4).

    Counted visits are the plan owner's recorded visits whose day lies in the plan's
    week; the rest are ``excluded`` (an unrecorded visit of the week is named with
    ``visit_not_recorded``: it does not count until recorded, VISIT-4).  In time
    order, a visit naming a ``planned_id`` carries out that planned visit; then a
    visit naming none carries out the first open planned visit to the same
    customer.  A visit that carries out nothing (a repeat included) is unplanned:
    allowed, but reported.  Missing a planned visit is ``REJECTED``.

    Args:
        plan: the week plan.
        visits: visits (any salesperson, any week; ids unique).

    Returns:
        A :class:`VisitCompliance`; ``planned_done + planned_missed`` is the plan and
        ``planned_done + unplanned_done`` accounts for every counted visit.

    Raises:
        InvalidInput: repeated visit ids, or a counted visit naming a ``planned_id``
            that is not in the plan.

    >>> import datetime
    >>> week = Period(datetime.date(2026, 3, 9), datetime.date(2026, 3, 15))
    >>> empty = visit_compliance(WeeklyVisitPlan("s1", week), [])
    >>> empty.verdict, [r.code for r in empty.reasons]
    (<Verdict.ALLOWED: 'allowed'>, ['compliance_against_unconfirmed_plan', 'visit_plan_adherence'])
    >>> visit_compliance(week, [])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: plan: expected a WeeklyVisitPlan, got Period Period(start=datetime.date(2026, 3, 9), end=datetime.date(2026, 3, 15))
    """
    plan = _check_plan_type(plan)
    ordered = _unique_visits(visits)
    reasons: list[Reason] = []
    if plan.confirmation is None:
        reasons.append(
            Reason("VISIT-2", "compliance_against_unconfirmed_plan", {"week": plan.week})
        )
    excluded: list[Visit] = []
    counted: list[Visit] = []
    unrecorded = False
    for visit in ordered:
        if visit.by != plan.owner or not plan.week.start <= visit.day <= plan.week.end:
            excluded.append(visit)
        elif visit.state is VisitState.DONE:
            excluded.append(visit)
            unrecorded = True
            reasons.append(
                Reason(
                    "VISIT-4",
                    "visit_not_recorded",
                    {"visit_id": visit.id, "customer": visit.customer, "ended_at": visit.ended_at},
                )
            )
        else:
            counted.append(visit)

    planned_ids = {item.id for item in plan.visits}
    matched: dict[str, Visit] = {}
    unplanned: list[Visit] = []
    implicit: list[Visit] = []
    for visit in counted:
        if visit.planned_id is None:
            implicit.append(visit)
        elif visit.planned_id not in planned_ids:
            raise InvalidInput(
                "planned_id", visit.planned_id, f"is not a visit of the plan for {plan.week}"
            )
        elif visit.planned_id in matched:
            unplanned.append(visit)
        else:
            matched[visit.planned_id] = visit
    for visit in implicit:
        for item in plan.visits:
            if item.id not in matched and item.customer == visit.customer:
                matched[item.id] = visit
                break
        else:
            unplanned.append(visit)
    unplanned.sort(key=lambda visit: (visit.started_at, visit.id))

    planned_done = tuple(item for item in plan.visits if item.id in matched)
    planned_missed = tuple(item for item in plan.visits if item.id not in matched)
    for item in planned_missed:
        reasons.append(
            Reason(
                "VISIT-3",
                "planned_visit_missed",
                {"planned_id": item.id, "customer": item.customer, "kind": item.kind},
            )
        )
    for visit in unplanned:
        reasons.append(
            Reason(
                "VISIT-3",
                "unplanned_visit",
                {
                    "visit_id": visit.id,
                    "customer": visit.customer,
                    "kind": visit.kind,
                    "day": visit.day,
                },
            )
        )
    reasons.append(
        Reason(
            "VISIT-3",
            "visit_plan_adherence",
            {
                "week": plan.week,
                "planned": len(plan.visits),
                "planned_done": len(planned_done),
                "planned_missed": len(planned_missed),
                "unplanned": len(unplanned),
            },
        )
    )
    verdict = Verdict.REJECTED if planned_missed or unrecorded else Verdict.ALLOWED
    return VisitCompliance(
        verdict,
        reasons,
        week=plan.week,
        planned_done=planned_done,
        planned_missed=planned_missed,
        unplanned_done=tuple(unplanned),
        done=tuple(counted),
        matches=tuple((item.id, matched[item.id].id) for item in planned_done),
        excluded=tuple(excluded),
    )


def record_visit(visit: Visit, notes: VisitNotes) -> Visit:
    """Record a visit after it ends (VISIT-4).

    Args:
        visit: a visit not yet recorded.
        notes: contact, summary, next step and the time of recording.

    Returns:
        The recorded visit.

    Raises:
        IllegalTransition: the visit is already recorded (records are not edited in
            place: keep the old value for the audit trail).
        InvalidInput: the record is dated before the visit ended.

    >>> tz = datetime.timezone.utc
    >>> visit = Visit("v1", "Acme", kind="return_visit", by="s1",
    ...     started_at=datetime.datetime(2026, 3, 10, 10, tzinfo=tz),
    ...     ended_at=datetime.datetime(2026, 3, 10, 11, tzinfo=tz))
    >>> notes = VisitNotes("Mr Li", "order in May", next_step="call in April",
    ...     recorded_at=datetime.datetime(2026, 3, 10, 12, tzinfo=tz))
    >>> record_visit(visit, notes).state
    <VisitState.RECORDED: 'recorded'>
    >>> record_visit(record_visit(visit, notes), notes)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot record in state <VisitState.RECORDED: 'recorded'>: visit 'v1' is already recorded (VISIT-4)
    """
    if not isinstance(visit, Visit):
        raise WrongType("visit", visit, "a Visit")
    if not isinstance(notes, VisitNotes):
        raise WrongType("notes", notes, "VisitNotes")
    if visit.state is not VisitState.DONE:
        raise IllegalTransition(
            visit.state, "record", f"visit {visit.id!r} is already recorded (VISIT-4)"
        )
    return attrs.evolve(visit, notes=notes)


def report_visit(visit: Visit, at: _dt.datetime) -> Visit:
    """Mark a recorded visit as reported at the meeting held at ``at`` (VISIT-5).

    Args:
        visit: a recorded visit.
        at: the meeting (timezone-aware), not before the record.

    Returns:
        The reported visit.

    Raises:
        IllegalTransition: the visit is not recorded yet (VISIT-4: a record must exist
            before a visit can be reported) or was already reported.
        InvalidInput: ``at`` is naive or before the record.

    >>> tz = datetime.timezone.utc
    >>> visit = Visit("v1", "Acme", kind="return_visit", by="s1",
    ...     started_at=datetime.datetime(2026, 3, 10, 10, tzinfo=tz),
    ...     ended_at=datetime.datetime(2026, 3, 10, 11, tzinfo=tz))
    >>> report_visit(visit, datetime.datetime(2026, 3, 14, 9, tzinfo=tz))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot report in state <VisitState.DONE: 'done'>: visit 'v1' has no record yet; record it first (VISIT-4)
    """
    if not isinstance(visit, Visit):
        raise WrongType("visit", visit, "a Visit")
    moment = check_aware(at, "at")
    if visit.state is VisitState.DONE:
        raise IllegalTransition(
            visit.state,
            "report",
            f"visit {visit.id!r} has no record yet; record it first (VISIT-4)",
        )
    if visit.state is VisitState.REPORTED:
        raise IllegalTransition(
            visit.state, "report", f"visit {visit.id!r} was already reported (VISIT-5)"
        )
    return attrs.evolve(visit, reported_at=moment)


def visits_to_report(
    visits: Iterable[Visit],
    meeting_at: _dt.datetime,
    previous_meeting_at: _dt.datetime,
    policy: VisitPolicy,
) -> MeetingReport:
    """The visits to report at a meeting: those ended since the previous one (VISIT-5, X-13).

    The window runs from ``previous_meeting_at`` (included) to ``meeting_at``
    (excluded), by each visit's end.  Recorded visits are to be reported; visits
    without a record cannot be (VISIT-4) and make the verdict ``REJECTED``.  A
    meeting off the policy's weekday (e.g. moved for a holiday) is noted.

    Args:
        visits: visits (ids unique).
        meeting_at: this meeting (timezone-aware).
        previous_meeting_at: the previous meeting, before this one.
        policy: the visit policy.

    Returns:
        A :class:`MeetingReport`.

    Raises:
        InvalidInput: naive datetimes, or ``previous_meeting_at`` not before
            ``meeting_at``.

    >>> tz = datetime.timezone(datetime.timedelta(hours=8))
    >>> sat = datetime.datetime(2026, 3, 14, 9, tzinfo=tz)
    >>> report = visits_to_report([], sat, sat - datetime.timedelta(days=7), VisitPolicy())
    >>> report.verdict, [r.code for r in report.reasons]
    (<Verdict.ALLOWED: 'allowed'>, ['visits_to_report'])
    >>> visits_to_report([], sat, sat, VisitPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: previous_meeting_at: must be before meeting_at 2026-03-14 09:00:00+08:00, got ...
    """
    meeting = check_aware(meeting_at, "meeting_at")
    previous = check_aware(previous_meeting_at, "previous_meeting_at")
    if previous >= meeting:
        raise InvalidInput(
            "previous_meeting_at", previous_meeting_at, f"must be before meeting_at {meeting}"
        )
    policy = _check_policy(policy)
    reasons: list[Reason] = []
    weekday = meeting.date().weekday()
    if weekday != policy.visit_meeting_weekday:
        reasons.append(
            Reason(
                "VISIT-5",
                "meeting_off_schedule",
                {
                    "meeting_date": meeting.date(),
                    "weekday": _WEEKDAYS[weekday],
                    "expected": _WEEKDAYS[policy.visit_meeting_weekday],
                },
            )
        )
    to_report: list[Visit] = []
    unrecorded: list[Visit] = []
    already: list[Visit] = []
    for visit in _unique_visits(visits):
        if not previous <= visit.ended_at < meeting:
            continue
        if visit.state is VisitState.DONE:
            unrecorded.append(visit)
            reasons.append(
                Reason(
                    "VISIT-4",
                    "visit_not_recorded",
                    {"visit_id": visit.id, "customer": visit.customer, "ended_at": visit.ended_at},
                )
            )
        elif visit.state is VisitState.RECORDED:
            to_report.append(visit)
        else:
            already.append(visit)
    reasons.append(
        Reason(
            "VISIT-5",
            "visits_to_report",
            {"count": len(to_report), "from_at": previous, "to_at": meeting},
        )
    )
    return MeetingReport(
        Verdict.REJECTED if unrecorded else Verdict.ALLOWED,
        reasons,
        meeting_at=meeting,
        previous_meeting_at=previous,
        to_report=tuple(to_report),
        unrecorded=tuple(unrecorded),
        already_reported=tuple(already),
    )


def overdue_customers(
    last_visits: Iterable[LastVisit], as_of: _dt.date, policy: VisitPolicy
) -> tuple[OverdueCustomer, ...]:
    """Customers not visited within their segment's interval (VISIT-8).

    A customer is overdue when strictly more than the segment's
    ``max_visit_interval_days`` have passed since the last visit, or when never
    visited.  The never-visited come first, then the longest overdue, then by name.

    Args:
        last_visits: one :class:`LastVisit` per customer.
        as_of: the day of the check.
        policy: the visit policy with the intervals.

    Returns:
        The overdue customers, each with its reason.

    Raises:
        UnknownEntity: a segment with no configured interval and no default.
        InvalidInput: a customer listed twice, or a last visit after ``as_of``.

    >>> policy = VisitPolicy(max_visit_interval_days={"design_institute": 30})
    >>> late = overdue_customers([LastVisit("Institute 3", "design_institute",
    ...     on=datetime.date(2026, 1, 2))], datetime.date(2026, 3, 2), policy)
    >>> [(c.customer, c.days_since, c.max_days) for c in late]
    [('Institute 3', 59, 30)]
    >>> overdue_customers([LastVisit("Dealer 1", "dealer")], datetime.date(2026, 3, 2), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: segment: no visit interval configured (configured: design_institute), got 'dealer'
    """
    day = check_date(as_of, "as_of")
    policy = _check_policy(policy)
    found: list[OverdueCustomer] = []
    seen: set[str] = set()
    for entry in _items(last_visits, "last_visits", LastVisit, "a LastVisit"):
        if entry.customer in seen:
            raise InvalidInput("last_visits", entry.customer, "customer listed twice")
        seen.add(entry.customer)
        limit = policy.interval_for(entry.segment)
        if entry.on is None:
            found.append(
                OverdueCustomer(
                    entry.customer,
                    entry.segment,
                    last_visit=None,
                    days_since=None,
                    max_days=limit,
                    reason=Reason(
                        "VISIT-8",
                        "customer_never_visited",
                        {"customer": entry.customer, "segment": entry.segment, "max_days": limit},
                    ),
                )
            )
            continue
        if entry.on > day:
            raise InvalidInput("last_visits", entry.on, f"last visit is after as_of {day}")
        since = (day - entry.on).days
        if since > limit:
            found.append(
                OverdueCustomer(
                    entry.customer,
                    entry.segment,
                    last_visit=entry.on,
                    days_since=since,
                    max_days=limit,
                    reason=Reason(
                        "VISIT-8",
                        "visit_overdue",
                        {
                            "customer": entry.customer,
                            "segment": entry.segment,
                            "last_visit": entry.on,
                            "days_since": since,
                            "max_days": limit,
                        },
                    ),
                )
            )
    found.sort(
        key=lambda item: (
            item.days_since is not None,
            -(item.days_since or 0),
            item.customer,
        )
    )
    return tuple(found)
