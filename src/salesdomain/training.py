"""Training: cadence, plans, who trains whom, script tests (TRAIN-1..5, CAL-11, X-20).

Rules implemented (see ``seed/RULES.md`` section 18 and CAL-11):

- **TRAIN-1** every week the manager holds a discussion of the past week's key
  business and technical issues: at least ``min_weekly_reviews`` sessions of kind
  :attr:`TrainingKind.BUSINESS_REVIEW` per week (:func:`training_compliance`).
- **TRAIN-2 / CAL-11** at least ``min_trainings_per_month`` professional-skills
  sessions each month (default 1), and frequent training before a launch (开盘前期):
  with a launch date, each week of the pre-launch window needs
  ``pre_launch_min_sessions_per_week`` sessions.  The window's length and the
  weekly number have **no seed value** (X-20): both are required as soon as a launch
  date is given.
- **TRAIN-3** the hotel draws up a training plan and trains as planned
  (:func:`training_plan_check`).
- **TRAIN-4** the manager is responsible for the reps' training: the trainer of a
  session must be a superior of every attendee in the
  :class:`~salesdomain.core.org.OrgChart`, or hold a named trainer role
  (:func:`check_trainers`).
- **TRAIN-5** staff are tested on the sales script: a score passes at the pass mark
  (APPR-7's reading, ``script_test_pass_mark``), and a test on an outdated script
  version does not count (:func:`script_test_results`).

TRAIN-6 (coaching) asks for a manager's judgement and is not checked.

Time: sessions and tests are on plain dates (``datetime.date``).  A month or a week
is judged in the period in which it **ends**, over the whole month or week: so
checking March judges the weeks that end in March, including one that began in
February, and consecutive periods judge every week exactly once.

>>> import datetime
>>> from salesdomain import Period
>>> s = TrainingSession("T-1", datetime.date(2026, 3, 4), kind=TrainingKind.SKILLS,
...     topic="户型讲解", trainer="m1", attendees=("c1", "c2"))
>>> r = training_compliance([s], Period.month(2026, 3), TrainingPolicy(min_weekly_reviews=0))
>>> r.verdict.value, r.monthly
('allowed', ((Period(start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31)), 1),))
>>> TrainingSession("T-2", datetime.date(2026, 3, 4), kind="lecture", topic="x",
...     trainer="m1", attendees=("c1",))
Traceback (most recent call last):
...
salesdomain.core.errors.UnknownEntity: kind: expected one of skills, script, business_review, got 'lecture'
"""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Final, TypeVar

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import HUNDRED, ZERO, check_date, check_int, check_text, to_decimal
from salesdomain.core.decisions import Decision, Reason, Verdict
from salesdomain.core.errors import InvalidInput, PolicyError, UnknownEntity, WrongType
from salesdomain.core.org import OrgChart, Role
from salesdomain.core.periods import Period

__all__ = [
    "REASON_CODES",
    "PlannedTraining",
    "ScriptTest",
    "ScriptTestResults",
    "TrainerCheck",
    "TrainingCompliance",
    "TrainingKind",
    "TrainingPlan",
    "TrainingPlanCheck",
    "TrainingPolicy",
    "TrainingSession",
    "check_trainers",
    "pre_launch_window",
    "script_test_results",
    "training_compliance",
    "training_plan_check",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        # training_compliance
        "too_few_trainings_in_month",
        "too_few_trainings_before_launch",
        "too_few_weekly_reviews",
        "training_cadence_met",
        # training_plan_check
        "training_plan_missing",
        "training_plan_drawn_up_late",
        "planned_training_not_held",
        "training_plan_adherence",
        # check_trainers
        "trainer_not_a_superior",
        "trainers_accountable",
        # script_test_results
        "script_test_failed",
        "script_test_on_old_version",
        "script_tests_passed",
    }
)
"""Every reason code this module can emit."""

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")
_DAY: Final = _dt.timedelta(days=1)


class TrainingKind(enum.Enum):
    """What a session is."""

    SKILLS = "skills"
    """专业技能培训: professional-skills training (TRAIN-2, CAL-11)."""
    SCRIPT = "script"
    """话术 / 操作细则 / 服务细则: training on the script and the rules (TRAIN-5)."""
    BUSINESS_REVIEW = "business_review"
    """每周讨论和学习: the weekly discussion of the past week's key business and
    technical issues (TRAIN-1, CAL-9w)."""


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


def _unique_ids(items: tuple[_T, ...], field: str) -> tuple[_T, ...]:
    seen: set[str] = set()
    for item in items:
        ident: str = getattr(item, "id")  # noqa: B009 - every caller's item has an id
        if ident in seen:
            raise InvalidInput(field, ident, "two items share an id")
        seen.add(ident)
    return items


def _to_kind(value: object) -> TrainingKind:
    return _enum_member(TrainingKind, value, "kind")


def _to_attendees(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("attendees", value, "a sequence of employee ids")
    people: list[str] = []
    for item in value:
        person = check_text(item, "attendees")
        if person in people:
            raise InvalidInput("attendees", person, "listed twice")
        people.append(person)
    if not people:
        raise InvalidInput("attendees", (), "a session needs at least one attendee")
    return tuple(people)


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


# -- sessions -----------------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class TrainingSession:
    """One training session held.

    Args:
        id: the session's id.
        day: when it was held.
        kind: skills, script or business review.
        topic: what it was about.
        trainer: the employee id of who trained.
        attendees: the employee ids of who was trained (at least one, no repeats,
            not the trainer).
        material_version: the version of the script or material used (TRAIN-5).
        planned_id: the :class:`PlannedTraining` it carries out, if any (TRAIN-3).

    >>> import datetime
    >>> TrainingSession("T-1", datetime.date(2026, 3, 4), kind="skills", topic="x",
    ...     trainer="m1", attendees=("m1",))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: attendees: the trainer cannot attend their own session, got 'm1'
    """

    id: str = attrs.field(metadata=check(check_text))
    day: _dt.date = attrs.field(metadata=check(check_date))
    kind: TrainingKind = attrs.field(kw_only=True, converter=_to_kind)
    topic: str = attrs.field(kw_only=True, metadata=check(check_text))
    trainer: str = attrs.field(kw_only=True, metadata=check(check_text))
    attendees: tuple[str, ...] = attrs.field(kw_only=True, converter=_to_attendees)
    material_version: str | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_text)
    )
    planned_id: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))

    def __attrs_post_init__(self) -> None:
        if self.trainer in self.attendees:
            raise InvalidInput(
                "attendees", self.trainer, "the trainer cannot attend their own session"
            )


def _sessions(value: object) -> tuple[TrainingSession, ...]:
    return _unique_ids(_items(value, "sessions", TrainingSession, "a TrainingSession"), "sessions")


# -- policy -------------------------------------------------------------------------------
def _min_trainings_per_month(value: object) -> int:
    number = check_int(value, "min_trainings_per_month")
    if not 0 <= number <= 31:
        raise PolicyError("min_trainings_per_month", value, "must be between 0 and 31")
    return number


def _min_weekly_reviews(value: object) -> int:
    number = check_int(value, "min_weekly_reviews")
    if not 0 <= number <= 7:
        raise PolicyError("min_weekly_reviews", value, "must be between 0 and 7")
    return number


def _week_start(value: object) -> int:
    number = check_int(value, "week_start")
    if not 0 <= number <= 6:
        raise PolicyError("week_start", value, "a weekday number must be 0 (Monday) to 6 (Sunday)")
    return number


def _pre_launch_days(value: object) -> int | None:
    if value is None:
        return None
    number = check_int(value, "pre_launch_days")
    if not 1 <= number <= 366:
        raise PolicyError("pre_launch_days", value, "must be between 1 and 366")
    return number


def _pre_launch_min(value: object) -> int | None:
    if value is None:
        return None
    number = check_int(value, "pre_launch_min_sessions_per_week")
    if not 1 <= number <= 7:
        raise PolicyError("pre_launch_min_sessions_per_week", value, "must be between 1 and 7")
    return number


def _skills_kinds(value: object) -> tuple[TrainingKind, ...]:
    field = "skills_kinds"
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a collection of TrainingKind")
    kinds = {_enum_member(TrainingKind, item, field) for item in value}
    if not kinds:
        raise PolicyError(field, value, "at least one kind must count as skills training")
    return tuple(kind for kind in TrainingKind if kind in kinds)


def _trainer_roles(value: object) -> tuple[Role, ...]:
    roles = _items(value, "trainer_roles", Role, "a Role")
    return tuple(dict.fromkeys(roles))


def _pass_mark(value: object) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, "script_test_pass_mark")
    if number < ZERO:
        raise PolicyError("script_test_pass_mark", value, "must not be negative")
    return number


def _max_score(value: object) -> Decimal:
    number = to_decimal(value, "script_test_max_score")
    if not number > ZERO:
        raise PolicyError("script_test_max_score", value, "must be above zero")
    return number


@attrs.frozen(kw_only=True)
class TrainingPolicy:
    """How training is checked (RULES.md 23.2 and 23.8; TRAIN-1..5, CAL-11, X-20).

    Args:
        min_trainings_per_month: skills sessions required each calendar month
            (CAL-11, TRAIN-2; default 1, the seed's 「不少于一次」).
        skills_kinds: the kinds that count as professional-skills training (default
            skills and script sessions; the weekly business review does not count).
        min_weekly_reviews: business-review sessions required each week (TRAIN-1;
            default 1, 「每周定期」; 0 turns the check off).
        week_start: the first day of a week, 0 = Monday (default).
        pre_launch_days: how many days before a launch are 「开盘前期」.  No seed
            value (X-20): required when a launch date is given.
        pre_launch_min_sessions_per_week: skills sessions required in each week of
            the pre-launch window (「经常性」).  No seed value (X-20): required when a
            launch date is given.  Set both or neither.
        trainer_roles: roles that may train anyone (a training officer); everyone
            else may train only their own subordinates (TRAIN-4).
        script_test_pass_mark: the pass mark of script tests (APPR-7, TRAIN-5); no
            seed value: required to judge tests.
        script_test_max_score: the highest possible score (default 100).

    Raises:
        PolicyError: naming the field: a number out of range, only one of the two
            pre-launch settings, a pass mark above the maximum score.

    >>> TrainingPolicy(pre_launch_days=30).pre_launch_days
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: pre_launch_min_sessions_per_week: set together with pre_launch_days (X-20)
    """

    min_trainings_per_month: int = attrs.field(default=1, converter=_min_trainings_per_month)
    skills_kinds: tuple[TrainingKind, ...] = attrs.field(
        default=(TrainingKind.SKILLS, TrainingKind.SCRIPT), converter=_skills_kinds
    )
    min_weekly_reviews: int = attrs.field(default=1, converter=_min_weekly_reviews)
    week_start: int = attrs.field(default=0, converter=_week_start)
    pre_launch_days: int | None = attrs.field(default=None, converter=_pre_launch_days)
    pre_launch_min_sessions_per_week: int | None = attrs.field(
        default=None, converter=_pre_launch_min
    )
    trainer_roles: tuple[Role, ...] = attrs.field(default=(), converter=_trainer_roles)
    script_test_pass_mark: Decimal | None = attrs.field(default=None, converter=_pass_mark)
    script_test_max_score: Decimal = attrs.field(default=HUNDRED, converter=_max_score)

    def __attrs_post_init__(self) -> None:
        days, per_week = self.pre_launch_days, self.pre_launch_min_sessions_per_week
        if days is not None and per_week is None:
            raise PolicyError(
                "pre_launch_min_sessions_per_week", None, "set together with pre_launch_days (X-20)"
            )
        if per_week is not None and days is None:
            raise PolicyError(
                "pre_launch_days", None, "set together with pre_launch_min_sessions_per_week (X-20)"
            )
        mark = self.script_test_pass_mark
        if mark is not None and mark > self.script_test_max_score:
            raise PolicyError(
                "script_test_pass_mark",
                mark,
                f"must not be above script_test_max_score {self.script_test_max_score}",
            )


def _policy(value: object) -> TrainingPolicy:
    if not isinstance(value, TrainingPolicy):
        raise WrongType("policy", value, "a TrainingPolicy")
    return value


def _period(value: object, field: str) -> Period:
    if not isinstance(value, Period):
        raise WrongType(field, value, "a Period")
    return value


# -- cadence ------------------------------------------------------------------------------
def pre_launch_window(launch_date: _dt.date, policy: TrainingPolicy) -> Period:
    """The days of 「开盘前期」: the ``pre_launch_days`` days before the launch (X-20).

    The launch day itself is not in the window.

    Raises:
        PolicyError: the policy has no ``pre_launch_days`` (the seed gives none).

    >>> import datetime
    >>> p = TrainingPolicy(pre_launch_days=30, pre_launch_min_sessions_per_week=1)
    >>> str(pre_launch_window(datetime.date(2026, 5, 1), p))
    '2026-04-01..2026-04-30'
    >>> pre_launch_window(datetime.date(2026, 5, 1), TrainingPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: pre_launch_days: required when a launch date is given (X-20: the seed gives no number)
    """
    launch = check_date(launch_date, "launch_date")
    policy = _policy(policy)
    days = policy.pre_launch_days
    if days is None:
        raise PolicyError(
            "pre_launch_days",
            None,
            "required when a launch date is given (X-20: the seed gives no number)",
        )
    try:
        return Period(launch - _dt.timedelta(days=days), launch - _DAY)
    except OverflowError:
        raise InvalidInput(
            "launch_date", launch_date, "its pre-launch window starts before the calendar"
        ) from None


def _months_ending_in(period: Period) -> tuple[Period, ...]:
    months = []
    for part in period.months():
        last = calendar.monthrange(part.end.year, part.end.month)[1]
        if part.end.day == last:
            months.append(Period.month(part.end.year, part.end.month))
    return tuple(months)


def _weeks_ending_in(period: Period, week_start: int) -> tuple[Period, ...]:
    weeks = []
    for part in period.weeks(week_start=week_start):
        if (part.end.weekday() - week_start) % 7 == 6:
            try:
                weeks.append(Period(part.end - _dt.timedelta(days=6), part.end))
            except OverflowError:  # the calendar's first days: no whole week
                continue
    return tuple(weeks)


def _count(
    sessions: Iterable[TrainingSession], span: Period, kinds: tuple[TrainingKind, ...]
) -> int:
    return sum(1 for s in sessions if s.kind in kinds and span.start <= s.day <= span.end)


@attrs.frozen
class TrainingCompliance(Decision):
    """The result of :func:`training_compliance`.

    Attributes:
        monthly: ``(month, skills sessions)`` for each month judged (CAL-11, TRAIN-2).
        weekly_reviews: ``(week, business reviews)`` for each week judged (TRAIN-1);
            empty when ``min_weekly_reviews`` is 0.
        pre_launch_weeks: ``(week, skills sessions)`` for each judged week that
            overlaps the pre-launch window (TRAIN-2, X-20); empty without a launch.
        months_short, review_weeks_short, pre_launch_weeks_short: the units below
            their minimum.
    """

    monthly: tuple[tuple[Period, int], ...] = attrs.field(default=(), kw_only=True)
    weekly_reviews: tuple[tuple[Period, int], ...] = attrs.field(default=(), kw_only=True)
    pre_launch_weeks: tuple[tuple[Period, int], ...] = attrs.field(default=(), kw_only=True)
    months_short: tuple[Period, ...] = attrs.field(default=(), kw_only=True)
    review_weeks_short: tuple[Period, ...] = attrs.field(default=(), kw_only=True)
    pre_launch_weeks_short: tuple[Period, ...] = attrs.field(default=(), kw_only=True)


def training_compliance(
    sessions: Iterable[TrainingSession],
    period: Period,
    policy: TrainingPolicy,
    *,
    launch_date: _dt.date | None = None,
) -> TrainingCompliance:
    """Whether training was frequent enough in ``period`` (TRAIN-1, TRAIN-2, CAL-11, X-20).

    Judges each month and each week that **ends** in ``period``, counting the
    sessions of the whole month or week:

    - each month needs ``min_trainings_per_month`` sessions of ``skills_kinds``;
    - each week needs ``min_weekly_reviews`` business reviews (TRAIN-1);
    - with ``launch_date``, each week that overlaps :func:`pre_launch_window` needs
      ``pre_launch_min_sessions_per_week`` sessions of ``skills_kinds`` (the
      monthly minimum still applies too).

    Args:
        sessions: the sessions held (ids unique).
        period: the period judged.
        policy: the training policy.
        launch_date: the project's launch (开盘) day, if one is planned.

    Returns:
        A :class:`TrainingCompliance`: ``REJECTED`` with a reason per month or week
        below its minimum, ``ALLOWED`` with ``training_cadence_met`` otherwise.

    Raises:
        PolicyError: a launch date with a policy lacking the pre-launch settings.
        InvalidInput: two sessions share an id.

    >>> import datetime
    >>> from salesdomain import Period
    >>> p = TrainingPolicy(pre_launch_days=14, pre_launch_min_sessions_per_week=2, min_weekly_reviews=0)
    >>> s = [TrainingSession(f"T-{d}", datetime.date(2026, 4, d), kind=TrainingKind.SKILLS,
    ...     topic="sales pitch", trainer="m1", attendees=("c1",)) for d in (20, 22, 28)]
    >>> r = training_compliance(s, Period.month(2026, 4), p, launch_date=datetime.date(2026, 5, 1))
    >>> [(str(w), n) for w, n in r.pre_launch_weeks], [str(w) for w in r.pre_launch_weeks_short]
    ([('2026-04-13..2026-04-19', 0), ('2026-04-20..2026-04-26', 2)], ['2026-04-13..2026-04-19'])
    >>> training_compliance(s, Period.month(2026, 4), TrainingPolicy(), launch_date=datetime.date(2026, 5, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: pre_launch_days: required when a launch date is given (X-20: the seed gives no number)
    """
    held = _sessions(sessions)
    span = _period(period, "period")
    policy = _policy(policy)
    window = None if launch_date is None else pre_launch_window(launch_date, policy)
    kinds = policy.skills_kinds
    reasons: list[Reason] = []
    monthly: list[tuple[Period, int]] = []
    months_short: list[Period] = []
    for month in _months_ending_in(span):
        count = _count(held, month, kinds)
        monthly.append((month, count))
        if count < policy.min_trainings_per_month:
            months_short.append(month)
            reasons.append(
                Reason(
                    "TRAIN-2",
                    "too_few_trainings_in_month",
                    {"month": month, "held": count, "required": policy.min_trainings_per_month},
                )
            )
    weeks = _weeks_ending_in(span, policy.week_start)
    reviews: list[tuple[Period, int]] = []
    reviews_short: list[Period] = []
    if policy.min_weekly_reviews:
        for week in weeks:
            count = _count(held, week, (TrainingKind.BUSINESS_REVIEW,))
            reviews.append((week, count))
            if count < policy.min_weekly_reviews:
                reviews_short.append(week)
                reasons.append(
                    Reason(
                        "TRAIN-1",
                        "too_few_weekly_reviews",
                        {"week": week, "held": count, "required": policy.min_weekly_reviews},
                    )
                )
    pre_launch: list[tuple[Period, int]] = []
    pre_launch_short: list[Period] = []
    if window is not None:
        assert launch_date is not None
        assert policy.pre_launch_min_sessions_per_week is not None
        required = policy.pre_launch_min_sessions_per_week
        for week in weeks:
            if not week.overlaps(window):
                continue
            count = _count(held, week, kinds)
            pre_launch.append((week, count))
            if count < required:
                pre_launch_short.append(week)
                reasons.append(
                    Reason(
                        "TRAIN-2",
                        "too_few_trainings_before_launch",
                        {
                            "week": week,
                            "held": count,
                            "required": required,
                            "launch_date": launch_date,
                        },
                    )
                )
    if reasons:
        verdict = Verdict.REJECTED
    else:
        verdict = Verdict.ALLOWED
        reasons.append(
            Reason(
                "TRAIN-2",
                "training_cadence_met",
                {"period": span, "months": len(monthly), "weeks": len(weeks)},
            )
        )
    return TrainingCompliance(
        verdict,
        tuple(reasons),
        monthly=tuple(monthly),
        weekly_reviews=tuple(reviews),
        pre_launch_weeks=tuple(pre_launch),
        months_short=tuple(months_short),
        review_weeks_short=tuple(reviews_short),
        pre_launch_weeks_short=tuple(pre_launch_short),
    )


# -- plans (TRAIN-3) ----------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class PlannedTraining:
    """One session of a training plan (TRAIN-3).

    Args:
        id: unique within the plan; a held :class:`TrainingSession` names it as
            ``planned_id``.
        day: the planned day (inside the plan's period).
        kind: the kind of session.
        topic: what it is about.
    """

    id: str = attrs.field(metadata=check(check_text))
    day: _dt.date = attrs.field(metadata=check(check_date))
    kind: TrainingKind = attrs.field(kw_only=True, converter=_to_kind)
    topic: str = attrs.field(kw_only=True, metadata=check(check_text))


def _planned(value: object) -> tuple[PlannedTraining, ...]:
    return _unique_ids(_items(value, "sessions", PlannedTraining, "a PlannedTraining"), "sessions")


@attrs.frozen(field_transformer=wire_checks)
class TrainingPlan:
    """A training plan for a period (「制定培训计划」, TRAIN-3).

    Args:
        period: the period it plans.
        sessions: the planned sessions (ids unique, days inside ``period``).
        drawn_up_by: the employee id of who drew it up (the manager, S4.M11).
        drawn_up_on: when.

    >>> import datetime
    >>> from salesdomain import Period
    >>> TrainingPlan(Period.month(2026, 3), [PlannedTraining("P-1", datetime.date(2026, 4, 2),
    ...     kind="skills", topic="x")], drawn_up_by="m1", drawn_up_on=datetime.date(2026, 2, 25))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: sessions: planned day outside the plan's period 2026-03-01..2026-03-31, got 'P-1'
    """

    period: Period = attrs.field(metadata=check(_period))
    sessions: tuple[PlannedTraining, ...] = attrs.field(converter=_planned)
    drawn_up_by: str = attrs.field(kw_only=True, metadata=check(check_text))
    drawn_up_on: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))

    def __attrs_post_init__(self) -> None:
        for planned in self.sessions:
            if planned.day not in self.period:
                raise InvalidInput(
                    "sessions", planned.id, f"planned day outside the plan's period {self.period}"
                )


@attrs.frozen
class TrainingPlanCheck(Decision):
    """The result of :func:`training_plan_check`.

    Attributes:
        plan_found: whether a plan covering the period was given.
        planned_due: ids of the planned sessions due by ``as_of`` in the period.
        held: those of them that were held.
        missed: those of them that were not.
    """

    plan_found: bool = attrs.field(kw_only=True)
    planned_due: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    held: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    missed: tuple[str, ...] = attrs.field(default=(), kw_only=True)


def training_plan_check(
    plan: TrainingPlan | None,
    sessions: Iterable[TrainingSession],
    period: Period,
    *,
    as_of: _dt.date | None = None,
) -> TrainingPlanCheck:
    """Whether a training plan exists for ``period`` and was followed (TRAIN-3).

    A plan must cover the whole period and be drawn up before it starts.  Each
    planned session in the period whose day is on or before ``as_of`` (default: the
    period's end) must have been held: a held session names it as ``planned_id``
    (on any day; sessions naming another plan's sessions are ignored).

    Args:
        plan: the plan, or ``None`` when there is none.
        sessions: the sessions held (ids unique).
        period: the period checked.
        as_of: the day of the check.

    Returns:
        A :class:`TrainingPlanCheck`: ``REJECTED`` when the plan is missing, late or
        a planned session was not held; ``ALLOWED`` otherwise; with
        ``training_plan_adherence`` when a plan was found.

    >>> import datetime
    >>> from salesdomain import Period
    >>> plan = TrainingPlan(Period.month(2026, 3), [
    ...     PlannedTraining("P-1", datetime.date(2026, 3, 10), kind="skills", topic="礼仪"),
    ...     PlannedTraining("P-2", datetime.date(2026, 3, 24), kind="skills", topic="宴会销售")],
    ...     drawn_up_by="m1", drawn_up_on=datetime.date(2026, 2, 25))
    >>> held = [TrainingSession("T-1", datetime.date(2026, 3, 11), kind="skills", topic="礼仪",
    ...     trainer="m1", attendees=("r1",), planned_id="P-1")]
    >>> r = training_plan_check(plan, held, Period.month(2026, 3))
    >>> r.verdict.value, r.held, r.missed
    ('rejected', ('P-1',), ('P-2',))
    >>> training_plan_check(plan, held, "2026-03")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: period: expected a Period, got str '2026-03'
    """
    if plan is not None and not isinstance(plan, TrainingPlan):
        raise WrongType("plan", plan, "a TrainingPlan or None")
    held = _sessions(sessions)
    span = _period(period, "period")
    day = span.end if as_of is None else check_date(as_of, "as_of")
    if plan is None or not (plan.period.start <= span.start and span.end <= plan.period.end):
        reason = Reason("TRAIN-3", "training_plan_missing", {"period": span})
        return TrainingPlanCheck(Verdict.REJECTED, (reason,), plan_found=False)
    reasons: list[Reason] = []
    if plan.drawn_up_on >= span.start:
        reasons.append(
            Reason(
                "TRAIN-3",
                "training_plan_drawn_up_late",
                {"period": span, "drawn_up_on": plan.drawn_up_on},
            )
        )
    carried_out = {s.planned_id for s in held if s.planned_id is not None}
    due = [p for p in plan.sessions if p.day in span and p.day <= day]
    done = [p.id for p in due if p.id in carried_out]
    missed = [p for p in due if p.id not in carried_out]
    for planned in missed:
        reasons.append(
            Reason(
                "TRAIN-3",
                "planned_training_not_held",
                {"training": planned.id, "day": planned.day, "topic": planned.topic},
            )
        )
    verdict = Verdict.REJECTED if reasons else Verdict.ALLOWED
    reasons.append(
        Reason(
            "TRAIN-3",
            "training_plan_adherence",
            {"period": span, "planned": len(due), "held": len(done), "missed": len(missed)},
        )
    )
    return TrainingPlanCheck(
        verdict,
        tuple(reasons),
        plan_found=True,
        planned_due=tuple(p.id for p in due),
        held=tuple(done),
        missed=tuple(p.id for p in missed),
    )


# -- accountability (TRAIN-4) -------------------------------------------------------------
@attrs.frozen
class TrainerCheck(Decision):
    """The result of :func:`check_trainers`: ids of sessions whose trainer does not
    answer for every attendee (``unaccountable``)."""

    unaccountable: tuple[str, ...] = attrs.field(default=(), kw_only=True)


def check_trainers(
    sessions: Iterable[TrainingSession], org: OrgChart, policy: TrainingPolicy
) -> TrainerCheck:
    """Whether each session was given by someone who answers for its attendees (TRAIN-4).

    The manager is responsible for the reps' training: the trainer must be a superior
    of every attendee in ``org`` (anywhere up the chain of command), unless the
    trainer's role is one of the policy's ``trainer_roles``.

    Args:
        sessions: the sessions (ids unique).
        org: the org chart.
        policy: the training policy.

    Returns:
        A :class:`TrainerCheck`: ``REJECTED`` with a reason per session whose trainer
        is not above some attendee; ``ALLOWED`` with ``trainers_accountable`` otherwise.

    Raises:
        UnknownEntity: a trainer or attendee is not in ``org``.

    >>> import datetime
    >>> from salesdomain import HOTEL_LADDER as H, Employee, OrgChart
    >>> mgr = Employee("m1", "王经理", H.get("sales_manager"))
    >>> sup = Employee("d1", "李主任", H.get("sales_supervisor"))
    >>> rep = Employee("r1", "小张", H.get("sales_rep"))
    >>> org = OrgChart((mgr, sup, rep), {"d1": "m1", "r1": "d1"})
    >>> s = TrainingSession("T-1", datetime.date(2026, 3, 4), kind="skills", topic="x",
    ...     trainer="r1", attendees=("d1",))
    >>> r = check_trainers([s], org, TrainingPolicy())
    >>> r.verdict.value, r.unaccountable
    ('rejected', ('T-1',))
    >>> check_trainers([s], None, TrainingPolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: org: expected an OrgChart, got NoneType None
    """
    held = _sessions(sessions)
    if not isinstance(org, OrgChart):
        raise WrongType("org", org, "an OrgChart")
    policy = _policy(policy)
    reasons: list[Reason] = []
    unaccountable: list[str] = []
    for session in held:
        trainer = org.get(session.trainer)
        outside = tuple(
            person
            for person in session.attendees
            if trainer not in org.chain_of_command(org.get(person))
        )
        if not outside or trainer.role in policy.trainer_roles:
            continue
        unaccountable.append(session.id)
        reasons.append(
            Reason(
                "TRAIN-4",
                "trainer_not_a_superior",
                {"session": session.id, "trainer": trainer.id, "attendees": outside},
            )
        )
    if reasons:
        verdict = Verdict.REJECTED
    else:
        verdict = Verdict.ALLOWED
        reasons.append(Reason("TRAIN-4", "trainers_accountable", {"sessions": len(held)}))
    return TrainerCheck(verdict, tuple(reasons), unaccountable=tuple(unaccountable))


# -- script tests (TRAIN-5) ---------------------------------------------------------------
def _to_score(value: object) -> Decimal:
    number = to_decimal(value, "score")
    if number < ZERO:
        raise InvalidInput("score", value, "must not be negative")
    return number


@attrs.frozen(field_transformer=wire_checks)
class ScriptTest:
    """One employee's test on the sales script (TRAIN-5, APPR-7).

    Args:
        employee: the employee id.
        score: the score (not negative; at most the policy's maximum when judged).
        taken_on: the day of the test.
        material_version: the script version tested.

    >>> import datetime
    >>> ScriptTest("c1", 0.8, taken_on=datetime.date(2026, 3, 4))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.FloatNotAllowed: score: expected a Decimal, int or str (floats are inexact: write Decimal('0.8') or '0.8'), got float 0.8
    """

    employee: str = attrs.field(metadata=check(check_text))
    score: Decimal = attrs.field(converter=_to_score)
    taken_on: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    material_version: str | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_text)
    )


@attrs.frozen
class ScriptTestResults(Decision):
    """The result of :func:`script_test_results`: employee ids per outcome, in input
    order (an employee tested twice appears twice)."""

    passed: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    failed: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    outdated: tuple[str, ...] = attrs.field(default=(), kw_only=True)


def script_test_results(
    tests: Iterable[ScriptTest],
    policy: TrainingPolicy,
    *,
    current_version: str | None = None,
) -> ScriptTestResults:
    """Judge script tests against the pass mark (TRAIN-5, APPR-7).

    A score passes at or above ``script_test_pass_mark``.  With ``current_version``,
    a test on another version (or on no stated version) is outdated: it does not
    count as passed.

    Args:
        tests: the tests.
        policy: the training policy (its pass mark is required here).
        current_version: the script version in force, if versions are tracked.

    Returns:
        A :class:`ScriptTestResults`: ``REJECTED`` with a reason per failed or
        outdated test; ``ALLOWED`` with ``script_tests_passed`` otherwise.

    Raises:
        PolicyError: the policy has no pass mark.
        InvalidInput: a score above ``script_test_max_score``.

    >>> import datetime
    >>> day = datetime.date(2026, 3, 4)
    >>> p = TrainingPolicy(script_test_pass_mark=80)
    >>> r = script_test_results([ScriptTest("c1", 80, taken_on=day), ScriptTest("c2", "79.5", taken_on=day)], p)
    >>> r.passed, r.failed
    (('c1',), ('c2',))
    >>> script_test_results([ScriptTest("c1", 101, taken_on=day)], p)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: score: must be at most script_test_max_score 100, got Decimal('101')
    """
    items = _items(tests, "tests", ScriptTest, "a ScriptTest")
    policy = _policy(policy)
    version = None if current_version is None else check_text(current_version, "current_version")
    mark = policy.script_test_pass_mark
    if mark is None:
        raise PolicyError(
            "script_test_pass_mark", None, "required to judge script tests (APPR-7: no seed value)"
        )
    top = policy.script_test_max_score
    for test in items:
        if test.score > top:
            raise InvalidInput("score", test.score, f"must be at most script_test_max_score {top}")
    reasons: list[Reason] = []
    passed: list[str] = []
    failed: list[str] = []
    outdated: list[str] = []
    for test in items:
        if version is not None and test.material_version != version:
            outdated.append(test.employee)
            reasons.append(
                Reason(
                    "TRAIN-5",
                    "script_test_on_old_version",
                    {
                        "employee": test.employee,
                        "version": test.material_version or "-",
                        "current_version": version,
                    },
                )
            )
        elif test.score >= mark:
            passed.append(test.employee)
        else:
            failed.append(test.employee)
            reasons.append(
                Reason(
                    "TRAIN-5",
                    "script_test_failed",
                    {
                        "employee": test.employee,
                        "score": test.score,
                        "pass_mark": mark,
                        "taken_on": test.taken_on,
                    },
                )
            )
    if reasons:
        verdict = Verdict.REJECTED
    else:
        verdict = Verdict.ALLOWED
        reasons.append(
            Reason("TRAIN-5", "script_tests_passed", {"tests": len(passed), "pass_mark": mark})
        )
    return ScriptTestResults(
        verdict,
        tuple(reasons),
        passed=tuple(passed),
        failed=tuple(failed),
        outdated=tuple(outdated),
    )
