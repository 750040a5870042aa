"""Performance appraisal: KPI scorecards, grades, vetoes and team ranking.

Rules (``seed/RULES.md`` section 7 and neighbours):

- **APPR-1/APPR-4**: the manager regularly appraises each salesperson's results.
  :func:`appraise` scores one salesperson against a :class:`Scorecard`: per KPI the
  raw measurement, the score its curve gives, and the weighted contribution; the
  total; the grade from :class:`GradeBands`; the reasons.
- **APPR-2/APPR-5**: the scorecard's KPI codes are the appraisal targets that visit
  plans must name (:attr:`Scorecard.codes`, :meth:`Scorecard.kpi`).
- **APPR-3** (X-9): the monthly appraisal is due by the 30th.  The due *date* belongs
  to the duty calendar (CAL-6); here :func:`appraisal_period` only says which month is
  appraised (current month by default, ``offset=-1`` for the previous one).
- **APPR-6/ATT-3**: attendance violations are handled through the attendance
  appraisal: :func:`attendance_penalty_points` turns status counts into penalty points,
  :func:`attendance_kpi` scores them, :func:`absenteeism_veto` is the
  「一票否决」 on days of 旷工.
- **APPR-7**: :func:`script_test_passed` checks a sales-script test score.
- **INC-2/INC-3/INC-4**: a grade maps to a reward or penalty *suggestion*.  The
  manager proposes; the company decides (INC-2).  In the hotel the manager carries out
  the reward and penalty system (INC-3, ``manager_decides_rewards``): that changes the
  wording of the suggestion's reason only, never the suggestion.

Conventions: KPI weights are percentage points and must sum to exactly 100.  Every
score is computed exactly in the library's decimal context; only the total is rounded,
to 0.01 with the policy's rounding mode (四舍五入 by default), and the grade is read
from that rounded total (each band includes its lower bound).  A missing measurement is
an error, never a silent zero.

>>> from decimal import Decimal
>>> from salesdomain.appraisal import (
...     Grade, GradeBands, Kpi, Linear, Scorecard, Suggestion, appraise)
>>> grades = GradeBands([Grade("A", 90, suggestion=Suggestion.REWARD), Grade("B", 70),
...                      Grade("C", 0, suggestion=Suggestion.PENALTY)])
>>> card = Scorecard([Kpi("sales", 60, Linear(1, floor=Decimal("0.6"), cap=120)),
...                   Kpi("visits", 40, Linear(20))], grades=grades)
>>> result = appraise(card, {"sales": Decimal("1.1"), "visits": 18}, employee="e1")
>>> result.total, result.grade, result.suggestion
(Decimal('102.00'), 'A', <Suggestion.REWARD: 'reward'>)
>>> appraise(card, {"sales": Decimal("1.1")}, employee="e1")
Traceback (most recent call last):
...
salesdomain.core.errors.InvalidInput: measurements: no measurement for 'visits' (a missing measurement is an error, never a silent zero), got ('visits',)
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Final, TypeAlias, Union

import attrs
from dateutil.relativedelta import relativedelta

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import (
    _CTX,
    HUNDRED,
    ONE,
    ZERO,
    check_date,
    check_int,
    check_rate,
    check_rounding,
    check_text,
    to_decimal,
)
from salesdomain.core.decisions import Decision, Rate, Reason, Verdict
from salesdomain.core.errors import (
    CurrencyMismatch,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.money import Money
from salesdomain.core.org import Employee
from salesdomain.core.periods import Period

__all__ = [
    "REASON_CODES",
    "Appraisal",
    "AppraisalPolicy",
    "Bands",
    "ForcedDistribution",
    "Grade",
    "GradeBands",
    "Kpi",
    "KpiLine",
    "Linear",
    "LowerIsBetter",
    "RankEntry",
    "Ranking",
    "Scorecard",
    "Scoring",
    "Suggestion",
    "Veto",
    "absenteeism_veto",
    "appraisal_period",
    "appraise",
    "attendance_kpi",
    "attendance_penalty_points",
    "collection_rate_kpi",
    "expense_ratio_kpi",
    "measure_ratio",
    "new_customers_kpi",
    "rank",
    "reports_on_time_kpi",
    "sales_completion_kpi",
    "script_test_passed",
    "visits_kpi",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "kpi_scored",
        "total_graded",
        "veto_triggered",
        "reward_penalty_proposed",
        "reward_penalty_for_manager_to_apply",
        "no_reward_or_penalty",
        "ranked_by_grade_then_total",
        "rank_shared",
        "forced_distribution_quota",
        "moved_down_by_forced_distribution",
        "quota_tie_broken_by_employee_id",
    }
)
"""Every reason code this module can emit."""

_CENT: Final = Decimal("0.01")
_MEASURE_PLACES: Final = 34
"""Measurements may be exact ratios (2/3 to 34 digits), so they keep more places."""


# -- small converters -----------------------------------------------------------------


def _number(value: object, field: str) -> Decimal:
    return to_decimal(value, field, max_places=_MEASURE_PLACES)


def _non_negative(value: object, field: str) -> Decimal:
    number = _number(value, field)
    if number < ZERO:
        raise InvalidInput(field, value, "must not be negative")
    return number


def _positive(value: object, field: str) -> Decimal:
    number = _number(value, field)
    if number <= ZERO:
        raise InvalidInput(field, value, "must be greater than zero")
    return number


def _flag(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _sequence(value: object, field: str) -> tuple[object, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a sequence")
    return tuple(value)


def _set(instance: object, name: str, value: object) -> None:
    """Set a derived (``init=False``) field on a frozen instance during construction."""
    object.__setattr__(instance, name, value)


# -- field converters (named functions, so mypy's attrs plugin types them) ----------


def _fraction_floor(value: object) -> Decimal:
    return check_rate(value, "floor")


def _non_negative_ceiling(value: object) -> Decimal:
    return _non_negative(value, "ceiling")


def _non_negative_max_allowed(value: object) -> Decimal:
    return _non_negative(value, "max_allowed")


def _non_negative_minimum(value: object) -> Decimal:
    return _non_negative(value, "minimum")


def _non_negative_otherwise(value: object) -> Decimal:
    return _non_negative(value, "otherwise")


def _non_negative_target(value: object) -> Decimal:
    return _non_negative(value, "target")


def _positive_cap(value: object) -> Decimal:
    return _positive(value, "cap")


def _positive_target(value: object) -> Decimal:
    return _positive(value, "target")


# -- scoring curves -------------------------------------------------------------------


@attrs.frozen
class Linear:
    """Higher is better: score = 100 x actual / target, with a floor and a cap.

    Below ``floor`` x target the score is 0 (the floor itself scores, e.g. exactly 60%
    of target scores 60); above, the score is proportional and never more than ``cap``.
    With the defaults (``floor=0``, ``cap=100``) the score is plain attainment, capped
    at 100.

    Args:
        target: the measurement that scores 100 (1 for a completion rate, 10 for ten
            new customers); greater than zero.
        floor: a fraction of ``target`` (0 to 1) below which the score is 0.
        cap: the highest score, in points (at least the floor's score).

    Raises:
        InvalidInput: a non-positive target or cap, a floor outside 0..1.
        PolicyError: a cap below the floor's score.

    >>> curve = Linear(1, floor=Decimal("0.6"), cap=120)
    >>> curve.score(Decimal("0.59")), curve.score(Decimal("0.6")), curve.score(Decimal("1.5"))
    (Decimal('0'), Decimal('60.0'), Decimal('120'))
    >>> Linear(0)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: target: must be greater than zero, got 0
    """

    target: Decimal = attrs.field(converter=_positive_target)
    floor: Decimal = attrs.field(default=ZERO, kw_only=True, converter=_fraction_floor)
    cap: Decimal = attrs.field(default=HUNDRED, kw_only=True, converter=_positive_cap)
    _floor_points: Decimal = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        floor_points = _CTX.multiply(self.floor, HUNDRED)
        if self.cap < floor_points:
            raise PolicyError("cap", self.cap, f"must be at least the floor's score {floor_points}")
        _set(self, "_floor_points", floor_points)

    @property
    def higher_is_better(self) -> bool:
        """Always True: more of the measurement never lowers the score."""
        return True

    @property
    def min_score(self) -> Decimal:
        """The lowest score the curve can give (0)."""
        return ZERO

    @property
    def max_score(self) -> Decimal:
        """The highest score the curve can give (``cap``)."""
        return self.cap

    def score(self, actual: Decimal) -> Decimal:
        """The score of a non-negative measurement (exact, in the library's context)."""
        actual = _non_negative(actual, "actual")
        points = _CTX.divide(_CTX.multiply(actual, HUNDRED), self.target)
        if points < self._floor_points:
            return ZERO
        return self.cap if points > self.cap else points


def _steps(value: object) -> tuple[tuple[Decimal, Decimal], ...]:
    if isinstance(value, Mapping):
        value = tuple(value.items())
    items = _sequence(value, "steps")
    if not items:
        raise PolicyError("steps", value, "needs at least one (threshold, score) step")
    steps: list[tuple[Decimal, Decimal]] = []
    for index, item in enumerate(items):
        if not (isinstance(item, tuple) and len(item) == 2):
            raise WrongType(f"steps[{index}]", item, "a (threshold, score) pair")
        threshold = _non_negative(item[0], f"steps[{index}].threshold")
        score = _non_negative(item[1], f"steps[{index}].score")
        steps.append((threshold, score))
    return tuple(steps)


@attrs.frozen(field_transformer=wire_checks)
class Bands:
    """Step bands: each band of the measurement gives a fixed score.

    Higher is better (default): ``steps`` are ``(threshold, score)`` pairs, thresholds
    ascending, scores never falling; a measurement scores the step with the largest
    threshold *at or below* it (a band includes its lower bound); below the first
    threshold it scores ``otherwise``.

    Lower is better (``lower_is_better=True``, e.g. complaints): thresholds ascending,
    scores never rising; a measurement scores the first step whose threshold is *at or
    above* it (a band includes its upper bound); above the last threshold it scores
    ``otherwise``.

    Args:
        steps: ``(threshold, score)`` pairs (or a mapping), non-negative numbers.
        otherwise: the score where no band applies (default 0); never above a band's.
        lower_is_better: the direction, see above.

    Raises:
        PolicyError: thresholds not strictly ascending, scores against the direction,
            ``otherwise`` above the neighbouring band's score, no steps.

    >>> visits = Bands([(10, 60), (15, 80), (20, 100)])
    >>> visits.score(Decimal(9)), visits.score(Decimal(15)), visits.score(Decimal(99))
    (Decimal('0'), Decimal('80'), Decimal('100'))
    >>> complaints = Bands([(0, 100), (2, 70)], lower_is_better=True)
    >>> complaints.score(Decimal(0)), complaints.score(Decimal(2)), complaints.score(Decimal(3))
    (Decimal('100'), Decimal('70'), Decimal('0'))
    >>> Bands([(10, 80), (5, 100)])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: steps[1].threshold: must be above the previous threshold 10, got Decimal('5')
    """

    steps: tuple[tuple[Decimal, Decimal], ...] = attrs.field(converter=_steps)
    otherwise: Decimal = attrs.field(default=ZERO, kw_only=True, converter=_non_negative_otherwise)
    lower_is_better: bool = attrs.field(default=False, kw_only=True, metadata=check(_flag))
    _thresholds: tuple[Decimal, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        for index in range(1, len(self.steps)):
            (before, low), (threshold, score) = self.steps[index - 1], self.steps[index]
            if threshold <= before:
                raise PolicyError(
                    f"steps[{index}].threshold",
                    threshold,
                    f"must be above the previous threshold {before}",
                )
            if (score > low) if self.lower_is_better else (score < low):
                direction = "rise" if self.lower_is_better else "fall"
                raise PolicyError(
                    f"steps[{index}].score", score, f"must not {direction} (previous {low})"
                )
        edge = self.steps[-1][1] if self.lower_is_better else self.steps[0][1]
        if self.otherwise > edge:
            raise PolicyError(
                "otherwise", self.otherwise, f"must not be above the outermost band's score {edge}"
            )
        _set(self, "_thresholds", tuple(step[0] for step in self.steps))

    @property
    def higher_is_better(self) -> bool:
        """True unless the bands are lower-is-better."""
        return not self.lower_is_better

    @property
    def min_score(self) -> Decimal:
        """The lowest score the curve can give (``otherwise``)."""
        return self.otherwise

    @property
    def max_score(self) -> Decimal:
        """The highest score the curve can give (the best band's)."""
        return self.steps[0][1] if self.lower_is_better else self.steps[-1][1]

    def score(self, actual: Decimal) -> Decimal:
        """The score of a non-negative measurement."""
        actual = _non_negative(actual, "actual")
        if self.lower_is_better:
            index = bisect.bisect_left(self._thresholds, actual)
            return self.steps[index][1] if index < len(self.steps) else self.otherwise
        index = bisect.bisect_right(self._thresholds, actual) - 1
        return self.steps[index][1] if index >= 0 else self.otherwise


@attrs.frozen
class LowerIsBetter:
    """Lower is better (expense ratio, complaints, lateness): 100 down to 0, linearly.

    score = 100 at or below ``target``; 0 at or above ``ceiling``; in between
    100 x (ceiling - actual) / (ceiling - target).

    Args:
        target: the measurement at or below which the score is 100 (non-negative).
        ceiling: the measurement at or above which the score is 0 (above ``target``).

    Raises:
        InvalidInput: a negative target.
        PolicyError: a ceiling not above the target.

    >>> ratio = LowerIsBetter(Decimal("0.05"), Decimal("0.10"))
    >>> ratio.score(Decimal("0.04")), ratio.score(Decimal("0.075")), ratio.score(Decimal("0.2"))
    (Decimal('100'), Decimal('50.0'), Decimal('0'))
    >>> LowerIsBetter(5, 5)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: ceiling: must be above the target 5, got Decimal('5')
    """

    target: Decimal = attrs.field(converter=_non_negative_target)
    ceiling: Decimal = attrs.field(converter=_non_negative_ceiling)
    _span: Decimal = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.ceiling <= self.target:
            raise PolicyError("ceiling", self.ceiling, f"must be above the target {self.target}")
        _set(self, "_span", _CTX.subtract(self.ceiling, self.target))

    @property
    def higher_is_better(self) -> bool:
        """Always False: more of the measurement never raises the score."""
        return False

    @property
    def min_score(self) -> Decimal:
        """The lowest score the curve can give (0)."""
        return ZERO

    @property
    def max_score(self) -> Decimal:
        """The highest score the curve can give (100)."""
        return HUNDRED

    def score(self, actual: Decimal) -> Decimal:
        """The score of a non-negative measurement (exact, in the library's context)."""
        actual = _non_negative(actual, "actual")
        if actual <= self.target:
            return HUNDRED
        if actual >= self.ceiling:
            return ZERO
        room = _CTX.multiply(_CTX.subtract(self.ceiling, actual), HUNDRED)
        return _CTX.divide(room, self._span)


Scoring: TypeAlias = Union[Linear, Bands, LowerIsBetter]
"""A scoring curve: :class:`Linear`, :class:`Bands` or :class:`LowerIsBetter`."""

_SCORINGS: Final = (Linear, Bands, LowerIsBetter)


# -- KPIs, vetoes, grades, scorecards -------------------------------------------------


def _weight(value: object) -> Decimal:
    number = to_decimal(value, "weight")
    if not ZERO < number <= HUNDRED:
        raise InvalidInput("weight", value, "must be above 0 and at most 100 percentage points")
    return number


def _check_scoring(instance: object, attribute: attrs.Attribute[Scoring], value: object) -> None:
    if not isinstance(value, _SCORINGS):
        raise WrongType("scoring", value, "a Linear, Bands or LowerIsBetter curve")


@attrs.frozen(field_transformer=wire_checks)
class Kpi:
    """One appraisal indicator: its code, its weight and its scoring curve (APPR-2/4).

    Args:
        code: the indicator's code, also the key of its measurement.
        weight: percentage points of the total (above 0, at most 100).
        scoring: a :class:`Linear`, :class:`Bands` or :class:`LowerIsBetter` curve.

    Raises:
        InvalidInput: an empty code, a weight outside (0, 100].
        WrongType: a scoring that is not one of the curves.

    >>> Kpi("visits", 40, Linear(20)).weight
    Decimal('40')
    >>> Kpi("visits", 0, Linear(20))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: weight: must be above 0 and at most 100 percentage points, got 0
    """

    code: str = attrs.field(metadata=check(check_text))
    weight: Decimal = attrs.field(converter=_weight)
    scoring: Scoring = attrs.field(validator=_check_scoring)


def _rule_id(value: object) -> str:
    return Reason(value, "veto_triggered").rule


@attrs.frozen(field_transformer=wire_checks)
class Veto:
    """A 「一票否决」 item: a measurement above ``max_allowed`` forces a grade.

    The veto never improves a grade: the appraisal takes the worse of the grade by
    total and ``forced_grade``.  The measurement may be a KPI's own or a separate one
    (days of 旷工); either way it must be given.

    Args:
        measure_code: the measurement the veto reads.
        max_allowed: the most that is tolerated; strictly more triggers the veto.
        forced_grade: the grade forced on a trigger; ``None`` means the lowest grade.
        rule: the rule ID the veto's reason cites (default APPR-4; the absenteeism
            veto cites APPR-6).

    >>> Veto("absent_days", 2, "D")
    Veto(measure_code='absent_days', max_allowed=Decimal('2'), forced_grade='D', rule='APPR-4')
    >>> Veto("absent_days", -1)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: max_allowed: must not be negative, got -1
    """

    measure_code: str = attrs.field(metadata=check(check_text))
    max_allowed: Decimal = attrs.field(converter=_non_negative_max_allowed)
    forced_grade: str | None = attrs.field(default=None, metadata=check(_optional_text))
    rule: str = attrs.field(default="APPR-4", kw_only=True, converter=_rule_id)


class Suggestion(enum.Enum):
    """The reward or penalty a grade suggests (INC-2: a proposal, never a decision)."""

    REWARD = "reward"
    NONE = "none"
    PENALTY = "penalty"


def _suggestion(value: object) -> Suggestion:
    if isinstance(value, Suggestion):
        return value
    if isinstance(value, str):
        try:
            return Suggestion(value)
        except ValueError:
            raise UnknownEntity(
                "suggestion", value, "expected 'reward', 'none' or 'penalty'"
            ) from None
    raise WrongType("suggestion", value, "a Suggestion")


@attrs.frozen(field_transformer=wire_checks)
class Grade:
    """A grade band: its code, its lower bound (inclusive) and its suggestion.

    >>> Grade("A", 90, suggestion="reward")
    Grade(code='A', minimum=Decimal('90'), suggestion=<Suggestion.REWARD: 'reward'>)
    >>> Grade("A", -1)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: minimum: must not be negative, got -1
    """

    code: str = attrs.field(metadata=check(check_text))
    minimum: Decimal = attrs.field(converter=_non_negative_minimum)
    suggestion: Suggestion = attrs.field(
        default=Suggestion.NONE, kw_only=True, converter=_suggestion
    )


def _grades(value: object) -> tuple[Grade, ...]:
    items = _sequence(value, "grades")
    if not items:
        raise PolicyError("grades", value, "needs at least one grade")
    seen: set[str] = set()
    for index, grade in enumerate(items):
        if not isinstance(grade, Grade):
            raise WrongType(f"grades[{index}]", grade, "a Grade")
        if grade.code in seen:
            raise PolicyError(f"grades[{index}].code", grade.code, "duplicate grade code")
        seen.add(grade.code)
        if index and grade.minimum >= items[index - 1].minimum:  # type: ignore[attr-defined]
            raise PolicyError(
                f"grades[{index}].minimum",
                grade.minimum,
                "grades go best first, each starting strictly below the one before",
            )
    return items  # type: ignore[return-value]


@attrs.frozen
class GradeBands:
    """Grade bands, best first; each band includes its lower bound.

    Args:
        grades: :class:`Grade` values, best first, minimums strictly falling.

    Raises:
        PolicyError: no grades, a duplicate code, minimums out of order.

    >>> bands = GradeBands([Grade("A", 90), Grade("B", 75), Grade("C", 0)])
    >>> bands.grade_for(Decimal("89.995")).code, bands.grade_for(Decimal("89.994")).code
    ('A', 'B')
    >>> GradeBands([Grade("A", 70), Grade("B", 90)])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: grades[1].minimum: grades go best first, each starting strictly below the one before, got Decimal('90')
    """

    grades: tuple[Grade, ...] = attrs.field(converter=_grades)

    @property
    def codes(self) -> tuple[str, ...]:
        """The grade codes, best first."""
        return tuple(grade.code for grade in self.grades)

    @property
    def lowest(self) -> Grade:
        """The lowest grade."""
        return self.grades[-1]

    def get(self, code: str) -> Grade:
        """The grade with ``code``; :class:`UnknownEntity` if there is none."""
        for grade in self.grades:
            if grade.code == code:
                return grade
        raise UnknownEntity("grade", code, f"is not one of the grades {list(self.codes)}")

    def grade_for(self, total: Decimal | int | str, *, rounding: str = ROUND_HALF_UP) -> Grade:
        """The grade of ``total`` after rounding it to 0.01 with ``rounding``.

        Raises:
            InvalidInput: a total below the lowest grade's minimum.
        """
        number = _number(total, "total")
        rounded = number.quantize(_CENT, check_rounding(rounding), _CTX)
        return self._grade_of(rounded)

    def _grade_of(self, rounded: Decimal) -> Grade:
        for grade in self.grades:
            if rounded >= grade.minimum:
                return grade
        raise InvalidInput(
            "total", rounded, f"is below the lowest grade's minimum {self.lowest.minimum}"
        )


def _kpis(value: object) -> tuple[Kpi, ...]:
    items = _sequence(value, "kpis")
    if not items:
        raise PolicyError("kpis", value, "a scorecard needs at least one KPI")
    seen: set[str] = set()
    for index, kpi in enumerate(items):
        if not isinstance(kpi, Kpi):
            raise WrongType(f"kpis[{index}]", kpi, "a Kpi")
        if kpi.code in seen:
            raise PolicyError(f"kpis[{index}].code", kpi.code, "duplicate KPI code")
        seen.add(kpi.code)
    return items  # type: ignore[return-value]


def _vetoes(value: object) -> tuple[Veto, ...]:
    items = _sequence(value, "vetoes")
    for index, veto in enumerate(items):
        if not isinstance(veto, Veto):
            raise WrongType(f"vetoes[{index}]", veto, "a Veto")
    return items  # type: ignore[return-value]


def _check_grade_bands(
    instance: object, attribute: attrs.Attribute[GradeBands], value: object
) -> None:
    if not isinstance(value, GradeBands):
        raise WrongType("grades", value, "a GradeBands")


def _contribution(weight: Decimal, score: Decimal) -> Decimal:
    return _CTX.divide(_CTX.multiply(weight, score), HUNDRED)


@attrs.frozen
class Scorecard:
    """The KPIs of an appraisal, their grade bands and veto items (APPR-2/4).

    Args:
        kpis: :class:`Kpi` values whose weights sum to exactly 100.
        grades: the :class:`GradeBands`; the lowest must start at or below the lowest
            total the scorecard can give, so every total has a grade.
        vetoes: :class:`Veto` items; a forced grade must be one of ``grades``.

    Raises:
        PolicyError: weights not summing to 100 (the message gives the sum), duplicate
            KPI codes, an unknown forced grade, a total with no grade.

    >>> grades = GradeBands([Grade("A", 90), Grade("B", 0)])
    >>> card = Scorecard([Kpi("sales", 60, Linear(1)), Kpi("visits", 40, Linear(20))],
    ...                  grades=grades)
    >>> card.bounds
    (Decimal('0'), Decimal('100'))
    >>> Scorecard([Kpi("sales", 60, Linear(1)), Kpi("visits", 30, Linear(20))], grades=grades)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: weights: must sum to exactly 100 percentage points (sales 60 + visits 30), got Decimal('90')
    """

    kpis: tuple[Kpi, ...] = attrs.field(converter=_kpis)
    grades: GradeBands = attrs.field(kw_only=True, validator=_check_grade_bands)
    vetoes: tuple[Veto, ...] = attrs.field(default=(), kw_only=True, converter=_vetoes)
    _low: Decimal = attrs.field(init=False, repr=False, eq=False)
    _high: Decimal = attrs.field(init=False, repr=False, eq=False)
    _measure_codes: frozenset[str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        total = ZERO
        for kpi in self.kpis:
            total = _CTX.add(total, kpi.weight)
        if total != HUNDRED:
            parts = " + ".join(f"{kpi.code} {kpi.weight}" for kpi in self.kpis)
            raise PolicyError(
                "weights", total, f"must sum to exactly 100 percentage points ({parts})"
            )
        for index, veto in enumerate(self.vetoes):
            if veto.forced_grade is not None and veto.forced_grade not in self.grades.codes:
                raise PolicyError(
                    f"vetoes[{index}].forced_grade",
                    veto.forced_grade,
                    f"is not one of the grades {list(self.grades.codes)}",
                )
        low = high = ZERO
        for kpi in self.kpis:
            low = _CTX.add(low, _contribution(kpi.weight, kpi.scoring.min_score))
            high = _CTX.add(high, _contribution(kpi.weight, kpi.scoring.max_score))
        lowest_total = low.quantize(_CENT, ROUND_FLOOR, _CTX)
        if self.grades.lowest.minimum > lowest_total:
            raise PolicyError(
                "grades",
                self.grades.lowest.minimum,
                f"the lowest grade must start at or below {lowest_total}, "
                "the lowest total this scorecard can give",
            )
        _set(self, "_low", low)
        _set(self, "_high", high)
        codes = {kpi.code for kpi in self.kpis} | {veto.measure_code for veto in self.vetoes}
        _set(self, "_measure_codes", frozenset(codes))

    @property
    def bounds(self) -> tuple[Decimal, Decimal]:
        """The lowest and highest exact total the scorecard can give."""
        return self._low, self._high

    @property
    def codes(self) -> tuple[str, ...]:
        """The KPI codes in order: the appraisal targets visit plans cite (APPR-5)."""
        return tuple(kpi.code for kpi in self.kpis)

    @property
    def measure_codes(self) -> frozenset[str]:
        """Every measurement :func:`appraise` needs: KPI codes and veto measure codes."""
        return self._measure_codes

    def kpi(self, code: str) -> Kpi:
        """The KPI with ``code``; :class:`UnknownEntity` if the scorecard has none (APPR-5).

        >>> card = Scorecard([Kpi("sales", 100, Linear(1))], grades=GradeBands([Grade("A", 0)]))
        >>> card.kpi("sales").weight
        Decimal('100')
        >>> card.kpi("golf")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.UnknownEntity: kpi: is not on the scorecard ['sales'], got 'golf'
        """
        for kpi in self.kpis:
            if kpi.code == code:
                return kpi
        raise UnknownEntity("kpi", code, f"is not on the scorecard {list(self.codes)}")


# -- policy ---------------------------------------------------------------------------


def _optional_mark(value: object) -> Decimal | None:
    return None if value is None else _non_negative(value, "script_test_pass_mark")


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class AppraisalPolicy:
    """The company's appraisal settings (RULES.md 23.8, conflict C3).

    Args:
        manager_decides_rewards: ``False`` (default, S7/S8: the manager proposes and the
            company decides, INC-2); ``True`` for the hotel (the manager carries out the
            reward and penalty system, INC-3).  It changes only the wording (reason
            code) of the suggestion, never the suggestion itself.
        rounding: how the total is rounded to 0.01 before grading (四舍五入,
            ``ROUND_HALF_UP``, by default).
        script_test_pass_mark: the pass mark of sales-script tests (APPR-7); the seed
            gives none, so ``None`` until the company sets it.

    >>> AppraisalPolicy().manager_decides_rewards
    False
    >>> AppraisalPolicy(rounding="ROUND_SIDEWAYS")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: rounding: expected one of decimal's ROUND_* modes, got 'ROUND_SIDEWAYS'
    """

    manager_decides_rewards: bool = attrs.field(default=False, metadata=check(_flag))
    rounding: str = attrs.field(default=ROUND_HALF_UP, metadata=check(check_rounding))
    script_test_pass_mark: Decimal | None = attrs.field(default=None, converter=_optional_mark)


_DEFAULT_POLICY: Final = AppraisalPolicy()


# -- appraisal ------------------------------------------------------------------------


@attrs.frozen
class KpiLine:
    """One KPI of an appraisal: raw measurement, score, weighted contribution (exact)."""

    code: str
    weight: Decimal
    raw: Decimal = attrs.field(kw_only=True)
    score: Decimal = attrs.field(kw_only=True)
    contribution: Decimal = attrs.field(kw_only=True)


@attrs.frozen
class Appraisal(Decision):
    """One salesperson's appraisal (APPR-4): the per-KPI lines, total, grade, suggestion.

    The verdict is always ``ALLOWED``: an appraisal states a result.  The
    ``suggestion`` is a proposal (INC-2); who decides it is the company's business.

    Attributes:
        employee: the appraised employee's id.
        period: the appraised period, if given.
        lines: one :class:`KpiLine` per KPI, in scorecard order.
        exact_total: the unrounded sum of the contributions.
        total: ``exact_total`` rounded to 0.01 (the policy's mode): what is graded
            and ranked.
        grade_by_total: the grade the total reaches.
        grade: the final grade (the worse of ``grade_by_total`` and any veto's).
        vetoed: the measure codes of the vetoes that were triggered.
        suggestion: the final grade's reward or penalty suggestion.
        grade_scale: the scorecard's grade codes, best first (used by :func:`rank`).
    """

    employee: str = attrs.field(kw_only=True)
    period: Period | None = attrs.field(kw_only=True)
    lines: tuple[KpiLine, ...] = attrs.field(kw_only=True)
    exact_total: Decimal = attrs.field(kw_only=True)
    total: Decimal = attrs.field(kw_only=True)
    grade_by_total: str = attrs.field(kw_only=True)
    grade: str = attrs.field(kw_only=True)
    vetoed: tuple[str, ...] = attrs.field(kw_only=True)
    suggestion: Suggestion = attrs.field(kw_only=True)
    grade_scale: tuple[str, ...] = attrs.field(kw_only=True)

    def line(self, code: str) -> KpiLine:
        """The line of KPI ``code``; :class:`UnknownEntity` if there is none."""
        for line in self.lines:
            if line.code == code:
                return line
        raise UnknownEntity("kpi", code, "is not on this appraisal")


def _employee_id(value: object) -> str:
    if isinstance(value, Employee):
        return value.id
    return check_text(value, "employee")


def _measurements(scorecard: Scorecard, measurements: object) -> dict[str, Decimal]:
    if not isinstance(measurements, Mapping):
        raise WrongType("measurements", measurements, "a mapping of code to a number")
    needed = scorecard.measure_codes
    unknown = sorted(str(code) for code in measurements if code not in needed)
    if unknown:
        raise UnknownEntity(
            "measurements",
            tuple(unknown),
            f"not on the scorecard: {', '.join(map(repr, unknown))} "
            f"(it measures {', '.join(map(repr, sorted(needed)))})",
        )
    missing = [code for code in (*scorecard.codes, *sorted(needed)) if code not in measurements]
    missing = list(dict.fromkeys(missing))
    if missing:
        raise InvalidInput(
            "measurements",
            tuple(missing),
            f"no measurement for {', '.join(map(repr, missing))} "
            "(a missing measurement is an error, never a silent zero)",
        )
    return {code: _non_negative(measurements[code], f"measurements[{code!r}]") for code in needed}


def appraise(
    scorecard: Scorecard,
    measurements: Mapping[str, Decimal | int | str],
    *,
    employee: str | Employee,
    period: Period | None = None,
    policy: AppraisalPolicy | None = None,
) -> Appraisal:
    """Appraise one salesperson against ``scorecard`` (APPR-1/4, INC-2/3).

    The grade's suggestion is the manager's opinion on a rep's reward or penalty
    (INC-4); hiring and reassignment opinions are not computed.

    Each KPI's measurement is scored by its curve; its contribution is
    weight x score / 100; the total is their sum, rounded to 0.01 with the policy's
    rounding mode and graded (bands include their lower bound).  A triggered veto forces
    its grade when that is worse.  The final grade's suggestion is proposed (INC-2), or
    is the manager's to apply when ``manager_decides_rewards`` (INC-3).

    Args:
        scorecard: the KPIs, grades and vetoes.
        measurements: one non-negative number per KPI code and veto measure code.
            Ratios (completion, 回款率 = collected / due in the period, X-6) are passed
            in as numbers; :func:`measure_ratio` computes them.
        employee: the appraised employee (an id or an :class:`Employee`).
        period: the appraised period (recorded, see :func:`appraisal_period`).
        policy: the :class:`AppraisalPolicy` (the generic one by default).

    Returns:
        An :class:`Appraisal` with verdict ``ALLOWED``.

    Raises:
        InvalidInput: a missing measurement (named), a negative one.
        UnknownEntity: a measurement code that is not on the scorecard.

    >>> grades = GradeBands([Grade("A", 90, suggestion="reward"), Grade("B", 0)])
    >>> card = Scorecard([Kpi("sales", 100, Linear(1, cap=120))], grades=grades,
    ...                  vetoes=[absenteeism_veto(2)])
    >>> good = appraise(card, {"sales": Decimal("1.05"), "absent_days": 0}, employee="e1")
    >>> good.grade, [r.code for r in good.reasons]
    ('A', ['kpi_scored', 'total_graded', 'reward_penalty_proposed'])
    >>> appraise(card, {"sales": Decimal("1.05"), "absent_days": 3}, employee="e1").grade
    'B'
    >>> appraise(card, {"sales": 1, "absent_days": 0, "golf": 1}, employee="e1")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: measurements: not on the scorecard: 'golf' (it measures 'absent_days', 'sales'), got ('golf',)
    """
    if not isinstance(scorecard, Scorecard):
        raise WrongType("scorecard", scorecard, "a Scorecard")
    if policy is None:
        policy = _DEFAULT_POLICY
    elif not isinstance(policy, AppraisalPolicy):
        raise WrongType("policy", policy, "an AppraisalPolicy")
    if period is not None and not isinstance(period, Period):
        raise WrongType("period", period, "a Period or None")
    who = _employee_id(employee)
    values = _measurements(scorecard, measurements)

    reasons: list[Reason] = []
    lines: list[KpiLine] = []
    exact = ZERO
    for kpi in scorecard.kpis:
        raw = values[kpi.code]
        score = kpi.scoring.score(raw)
        contribution = _contribution(kpi.weight, score)
        exact = _CTX.add(exact, contribution)
        lines.append(KpiLine(kpi.code, kpi.weight, raw=raw, score=score, contribution=contribution))
        reasons.append(
            Reason(
                "APPR-4",
                "kpi_scored",
                {
                    "kpi": kpi.code,
                    "weight": kpi.weight,
                    "raw": raw,
                    "score": score,
                    "contribution": contribution,
                },
            )
        )
    total = exact.quantize(_CENT, policy.rounding, _CTX)
    by_total = scorecard.grades._grade_of(total)
    reasons.append(
        Reason(
            "APPR-4",
            "total_graded",
            {"total": total, "grade": by_total.code, "minimum": by_total.minimum},
        )
    )

    scale = scorecard.grades.codes
    final = by_total
    vetoed: list[str] = []
    for veto in scorecard.vetoes:
        value = values[veto.measure_code]
        if value <= veto.max_allowed:
            continue
        forced = (
            scorecard.grades.lowest
            if veto.forced_grade is None
            else scorecard.grades.get(veto.forced_grade)
        )
        vetoed.append(veto.measure_code)
        reasons.append(
            Reason(
                veto.rule,
                "veto_triggered",
                {
                    "measure": veto.measure_code,
                    "value": value,
                    "max_allowed": veto.max_allowed,
                    "forced_grade": forced.code,
                },
            )
        )
        if scale.index(forced.code) > scale.index(final.code):
            final = forced

    rule = "INC-3" if policy.manager_decides_rewards else "INC-2"
    if final.suggestion is Suggestion.NONE:
        reasons.append(Reason(rule, "no_reward_or_penalty", {"employee": who, "grade": final.code}))
    else:
        code = (
            "reward_penalty_for_manager_to_apply"
            if policy.manager_decides_rewards
            else "reward_penalty_proposed"
        )
        reasons.append(
            Reason(
                rule,
                code,
                {"employee": who, "grade": final.code, "suggestion": final.suggestion.value},
            )
        )
    return Appraisal(
        Verdict.ALLOWED,
        tuple(reasons),
        employee=who,
        period=period,
        lines=tuple(lines),
        exact_total=exact,
        total=total,
        grade_by_total=by_total.code,
        grade=final.code,
        vetoed=tuple(vetoed),
        suggestion=final.suggestion,
        grade_scale=scale,
    )


# -- team ranking and forced distribution ---------------------------------------------


def _caps(value: object) -> tuple[tuple[str, Decimal], ...]:
    items = tuple(value.items()) if isinstance(value, Mapping) else _sequence(value, "caps")
    if not items:
        raise PolicyError("caps", value, "a forced distribution needs at least one capped grade")
    caps: list[tuple[str, Decimal]] = []
    seen: set[str] = set()
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise WrongType("caps", item, "a (grade, share) pair")
        grade = check_text(item[0], "caps grade")
        if grade in seen:
            raise PolicyError(f"caps[{grade!r}]", grade, "duplicate grade")
        seen.add(grade)
        caps.append((grade, check_rate(item[1], f"caps[{grade!r}]")))
    return tuple(caps)


@attrs.frozen
class ForcedDistribution:
    """At most a share of the team per grade: floor(n x share) people.

    Args:
        caps: ``(grade, share)`` pairs or a mapping; ``share`` is a fraction (0 to 1).
            Grades without a cap are unlimited; the lowest grade of the scale must stay
            uncapped (everyone moved down must land somewhere).

    >>> ForcedDistribution({"A": Decimal("0.2")}).quota("A", 12)
    2
    >>> ForcedDistribution({"A": 20})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: caps['A']: expected a rate (a fraction) between 0 and 1, got 20
    """

    caps: tuple[tuple[str, Decimal], ...] = attrs.field(converter=_caps)

    def quota(self, grade: str, team_size: int) -> int | None:
        """floor(team_size x share) for a capped grade; ``None`` for an uncapped one."""
        size = check_int(team_size, "team_size", minimum=0)
        for code, share in self.caps:
            if code == grade:
                product = _CTX.multiply(Decimal(size), share)
                return int(product.to_integral_value(ROUND_FLOOR, _CTX))
        return None


@attrs.frozen
class RankEntry:
    """One person's place in a :class:`Ranking`.

    Attributes:
        employee: the employee id.
        rank: the competition rank (1, 2, 2, 4): equal grade and total share a rank.
        total: the appraisal total (rounded to 0.01).
        grade: the appraised grade.
        final_grade: the grade after the forced distribution (equal to ``grade``
            without one).
        tied_with: the other employees sharing this rank, by id.
    """

    employee: str
    rank: int
    total: Decimal = attrs.field(kw_only=True)
    grade: str = attrs.field(kw_only=True)
    final_grade: str = attrs.field(kw_only=True)
    tied_with: tuple[str, ...] = attrs.field(kw_only=True)

    @property
    def moved_down(self) -> bool:
        """Whether the forced distribution moved this person to a lower grade."""
        return self.final_grade != self.grade


@attrs.frozen
class Ranking(Decision):
    """A team ranking (APPR-4), optionally with a forced distribution applied.

    The verdict is always ``ALLOWED``.

    Attributes:
        entries: one :class:`RankEntry` per appraisal, in rank order (ties listed by
            employee id).
        quotas: ``(grade, quota)`` for each capped grade (empty without a forced
            distribution).
    """

    entries: tuple[RankEntry, ...] = attrs.field(kw_only=True)
    quotas: tuple[tuple[str, int], ...] = attrs.field(kw_only=True, default=())

    def entry(self, employee: str) -> RankEntry:
        """The entry of ``employee``; :class:`UnknownEntity` if there is none."""
        for item in self.entries:
            if item.employee == employee:
                return item
        raise UnknownEntity("employee", employee, "is not in this ranking")

    def final_grades(self) -> dict[str, str]:
        """Employee id to final grade."""
        return {item.employee: item.final_grade for item in self.entries}


def _appraisals(value: object) -> tuple[Appraisal, ...]:
    items = _sequence(value, "appraisals")
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not isinstance(item, Appraisal):
            raise WrongType(f"appraisals[{index}]", item, "an Appraisal")
        if item.employee in seen:
            raise InvalidInput("appraisals", item.employee, "the same employee appears twice")
        seen.add(item.employee)
    appraisals: tuple[Appraisal, ...] = items  # type: ignore[assignment]
    if appraisals:
        first = appraisals[0]
        for item in appraisals[1:]:
            if item.grade_scale != first.grade_scale:
                raise InvalidInput(
                    "appraisals",
                    item.employee,
                    f"has grades {list(item.grade_scale)}, not {list(first.grade_scale)}: "
                    "rank appraisals of one grade scale",
                )
            if item.period != first.period:
                raise InvalidInput(
                    "appraisals",
                    item.employee,
                    f"covers period {item.period}, not {first.period}: rank one period",
                )
    return appraisals


def rank(
    appraisals: Iterable[Appraisal],
    forced_distribution: ForcedDistribution | None = None,
) -> Ranking:
    """Rank a team's appraisals; optionally apply a forced distribution (APPR-4).

    Order: grade (best first), then total (highest first).  Equal grade and equal
    total share a rank (competition ranking 1, 2, 2, 4), and each shared rank is
    stated in a ``rank_shared`` reason; within a tie the listing order is by employee
    id.  The result does not depend on the order of ``appraisals``.

    A forced distribution caps grades at floor(n x share) people.  People are taken in
    rank order; each keeps their grade while its quota has room, otherwise moves down to
    the next grade with room.  Nobody moves up.  When a quota runs out inside a tie, the
    tie is broken by employee id (ascending keeps the grade), stated in a
    ``quota_tie_broken_by_employee_id`` reason.

    Args:
        appraisals: appraisals of one grade scale and one period, one per employee.
        forced_distribution: the caps, or ``None``.

    Returns:
        A :class:`Ranking`.

    Raises:
        InvalidInput: an employee twice, mixed grade scales or periods.
        UnknownEntity: a capped grade that is not on the scale.
        PolicyError: a cap on the lowest grade.

    >>> grades = GradeBands([Grade("A", 90), Grade("B", 70), Grade("C", 0)])
    >>> card = Scorecard([Kpi("sales", 100, Linear(100, cap=120))], grades=grades)
    >>> team = [appraise(card, {"sales": s}, employee=e)
    ...         for e, s in [("e1", 95), ("e2", 95), ("e3", 80), ("e4", 92), ("e5", 50)]]
    >>> ranking = rank(team, ForcedDistribution({"A": Decimal("0.2")}))
    >>> [(x.employee, x.rank, x.grade, x.final_grade) for x in ranking.entries]
    [('e1', 1, 'A', 'A'), ('e2', 1, 'A', 'B'), ('e4', 3, 'A', 'B'), ('e3', 4, 'B', 'B'), ('e5', 5, 'C', 'C')]
    >>> rank(team, ForcedDistribution({"C": Decimal("0.5")}))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: forced_distribution: the lowest grade cannot be capped (everyone moved down must land somewhere), got 'C'
    """
    items = _appraisals(appraisals)
    if forced_distribution is not None and not isinstance(forced_distribution, ForcedDistribution):
        raise WrongType("forced_distribution", forced_distribution, "a ForcedDistribution or None")
    size = len(items)
    scale = items[0].grade_scale if items else ()
    position = {code: index for index, code in enumerate(scale)}

    def key(item: Appraisal) -> tuple[int, Decimal, str]:
        return (position[item.grade], _CTX.minus(item.total), item.employee)

    ordered = sorted(items, key=key)
    reasons: list[Reason] = [Reason("APPR-4", "ranked_by_grade_then_total", {"team_size": size})]

    # Competition ranks and tie groups.
    ranks: list[int] = []
    groups: dict[int, list[Appraisal]] = {}
    for index, item in enumerate(ordered):
        tied = index > 0 and key(item)[:2] == key(ordered[index - 1])[:2]
        place = ranks[-1] if tied else index + 1
        ranks.append(place)
        groups.setdefault(place, []).append(item)
    for place, members in groups.items():
        if len(members) > 1:
            reasons.append(
                Reason(
                    "APPR-4",
                    "rank_shared",
                    {
                        "rank": place,
                        "employees": tuple(m.employee for m in members),
                        "grade": members[0].grade,
                        "total": members[0].total,
                    },
                )
            )

    # Forced distribution.
    finals = [item.grade for item in ordered]
    quotas: dict[str, int] = {}
    if forced_distribution is not None and items:
        for grade, share in forced_distribution.caps:
            if grade not in position:
                raise UnknownEntity(
                    "forced_distribution", grade, f"is not one of the grades {list(scale)}"
                )
            if position[grade] == len(scale) - 1:
                raise PolicyError(
                    "forced_distribution",
                    grade,
                    "the lowest grade cannot be capped (everyone moved down must land somewhere)",
                )
            quota = forced_distribution.quota(grade, size)
            assert quota is not None
            quotas[grade] = quota
            reasons.append(
                Reason(
                    "APPR-4",
                    "forced_distribution_quota",
                    {"grade": grade, "share": Rate(share), "quota": quota, "team_size": size},
                )
            )
        filled = dict.fromkeys(scale, 0)
        for index, item in enumerate(ordered):
            level = position[item.grade]
            while scale[level] in quotas and filled[scale[level]] >= quotas[scale[level]]:
                level += 1
            finals[index] = scale[level]
            filled[scale[level]] += 1
        for index, item in enumerate(ordered):
            if finals[index] != item.grade:
                reasons.append(
                    Reason(
                        "APPR-4",
                        "moved_down_by_forced_distribution",
                        {
                            "employee": item.employee,
                            "rank": ranks[index],
                            "from_grade": item.grade,
                            "to_grade": finals[index],
                        },
                    )
                )
        start = 0
        for place, members in groups.items():
            group_finals = finals[start : start + len(members)]
            start += len(members)
            if len(set(group_finals)) > 1:
                reasons.append(
                    Reason(
                        "APPR-4",
                        "quota_tie_broken_by_employee_id",
                        {
                            "rank": place,
                            "employees": tuple(m.employee for m in members),
                            "final_grades": tuple(group_finals),
                        },
                    )
                )

    entries = tuple(
        RankEntry(
            item.employee,
            ranks[index],
            total=item.total,
            grade=item.grade,
            final_grade=finals[index],
            tied_with=tuple(m.employee for m in groups[ranks[index]] if m is not item),
        )
        for index, item in enumerate(ordered)
    )
    return Ranking(Verdict.ALLOWED, tuple(reasons), entries=entries, quotas=tuple(quotas.items()))


# -- the seed's indicators as ready-made KPIs -----------------------------------------


def measure_ratio(
    numerator: Money | Decimal | int | str, denominator: Money | Decimal | int | str
) -> Decimal:
    """numerator / denominator as an exact fraction, for ratio KPIs.

    Completion rate (actual / target), 回款率 (collected / amount due in the period,
    X-6 reading (a); the receivables module or the app supplies both numbers), visits
    done / planned, reports on time / reports due, expenses / sales (EXP-2).  Both
    amounts may be :class:`Money` in one currency, or plain numbers.

    Args:
        numerator: the achieved amount or count (non-negative).
        denominator: the base (greater than zero).

    Returns:
        The ratio as a Decimal (1 = 100%).

    Raises:
        InvalidInput: a negative numerator; a zero or negative denominator (the ratio is
            undefined: agree a value, or leave the KPI out of the scorecard).
        CurrencyMismatch: two currencies.

    >>> from salesdomain import Money
    >>> measure_ratio(Money("80000"), Money("100000"))
    Decimal('0.8')
    >>> measure_ratio(3, 0)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: denominator: must be greater than zero (the ratio is undefined), got 0
    """
    top = _ratio_part(numerator, "numerator")
    bottom = _ratio_part(denominator, "denominator")
    if isinstance(numerator, Money) and isinstance(denominator, Money):
        if numerator.currency != denominator.currency:
            raise CurrencyMismatch(
                "currency",
                denominator.currency,
                f"cannot divide {numerator.currency} by {denominator.currency}",
            )
    elif isinstance(numerator, Money) or isinstance(denominator, Money):
        raise WrongType("denominator", denominator, "the same kind as the numerator")
    if top < ZERO:
        raise InvalidInput("numerator", numerator, "must not be negative")
    if bottom <= ZERO:
        raise InvalidInput(
            "denominator", denominator, "must be greater than zero (the ratio is undefined)"
        )
    return _CTX.divide(top, bottom)


def _ratio_part(value: object, field: str) -> Decimal:
    if isinstance(value, Money):
        return value.amount
    return to_decimal(value, field)


def _linear_kpi(
    code: str, weight: Decimal | int | str, target: Decimal | int | str, floor: object, cap: object
) -> Kpi:
    return Kpi(code, weight, Linear(target, floor=floor, cap=cap))


def sales_completion_kpi(
    weight: Decimal | int | str,
    *,
    floor: Decimal | int | str = ZERO,
    cap: Decimal | int | str = HUNDRED,
    code: str = "sales_completion",
) -> Kpi:
    """Sales completion rate (TARGET-7, APPR-4): measurement = actual / target.

    A :class:`Linear` curve with target 1 (100% of the sales target).

    >>> kpi = sales_completion_kpi(60, floor=Decimal("0.6"), cap=120)
    >>> kpi.scoring.score(Decimal("0.9"))
    Decimal('90.0')
    >>> sales_completion_kpi(60, floor=Decimal("60"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: floor: expected a rate (a fraction) between 0 and 1, got Decimal('60')
    """
    return _linear_kpi(code, weight, ONE, floor, cap)


def collection_rate_kpi(
    weight: Decimal | int | str,
    *,
    floor: Decimal | int | str = ZERO,
    cap: Decimal | int | str = HUNDRED,
    code: str = "collection_rate",
) -> Kpi:
    """Collection rate 回款率 (COLL-2, X-6): measurement = collected / due in the period.

    A :class:`Linear` curve with target 1.  The numbers come from outside (the
    receivables module or the app) through :func:`measure_ratio`.

    >>> collection_rate_kpi(20).scoring.score(measure_ratio(45, 50))
    Decimal('90.0')
    >>> collection_rate_kpi(0)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: weight: must be above 0 and at most 100 percentage points, got 0
    """
    return _linear_kpi(code, weight, ONE, floor, cap)


def new_customers_kpi(
    weight: Decimal | int | str,
    target: Decimal | int | str,
    *,
    floor: Decimal | int | str = ZERO,
    cap: Decimal | int | str = HUNDRED,
    code: str = "new_customers",
) -> Kpi:
    """New customers developed (VISIT-9): measurement = the count; ``target`` scores 100.

    >>> new_customers_kpi(10, 8).scoring.score(Decimal(6))
    Decimal('75')
    >>> new_customers_kpi(10, 0)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: target: must be greater than zero, got 0
    """
    return _linear_kpi(code, weight, target, floor, cap)


def visits_kpi(
    weight: Decimal | int | str,
    *,
    floor: Decimal | int | str = ZERO,
    cap: Decimal | int | str = HUNDRED,
    code: str = "visits",
) -> Kpi:
    """Visits done vs planned (VISIT-1/3, APPR-5): measurement = done / planned.

    >>> visits_kpi(20).scoring.score(measure_ratio(18, 20))
    Decimal('90.0')
    >>> visits_kpi(20, cap=0)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: cap: must be greater than zero, got 0
    """
    return _linear_kpi(code, weight, ONE, floor, cap)


def reports_on_time_kpi(
    weight: Decimal | int | str,
    *,
    floor: Decimal | int | str = ZERO,
    code: str = "reports_on_time",
) -> Kpi:
    """Reports on time (REPORT, CAL-6..8): measurement = reports on time / reports due.

    Capped at 100: a report cannot be more than on time.

    >>> reports_on_time_kpi(10).scoring.score(measure_ratio(3, 4))
    Decimal('75.00')
    >>> reports_on_time_kpi(10, floor=2)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: floor: expected a rate (a fraction) between 0 and 1, got 2
    """
    return _linear_kpi(code, weight, ONE, floor, HUNDRED)


def expense_ratio_kpi(
    weight: Decimal | int | str,
    *,
    target: Decimal | int | str,
    ceiling: Decimal | int | str,
    code: str = "expense_ratio",
) -> Kpi:
    """Expense ratio (EXP-2, ratio reading): measurement = expenses / sales; lower is better.

    A :class:`LowerIsBetter` curve: 100 at or below ``target``, 0 at or above
    ``ceiling``, linear between.  The seed gives no numbers, so both are required.

    >>> kpi = expense_ratio_kpi(10, target=Decimal("0.05"), ceiling=Decimal("0.15"))
    >>> kpi.scoring.score(Decimal("0.10"))
    Decimal('50')
    >>> expense_ratio_kpi(10, target=Decimal("0.05"), ceiling=Decimal("0.05"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: ceiling: must be above the target 0.05, got Decimal('0.05')
    """
    return Kpi(code, weight, LowerIsBetter(target, ceiling))


def attendance_kpi(
    weight: Decimal | int | str,
    *,
    ceiling: Decimal | int | str,
    target: Decimal | int | str = ZERO,
    code: str = "attendance",
) -> Kpi:
    """Attendance appraisal (ATT-3, APPR-6): measurement = penalty points; lower is better.

    100 at or below ``target`` points (default 0), 0 at ``ceiling`` points; the points
    come from :func:`attendance_penalty_points`.

    >>> attendance_kpi(10, ceiling=20).scoring.score(Decimal(5))
    Decimal('75')
    >>> attendance_kpi(10, ceiling=0)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: ceiling: must be above the target 0, got Decimal('0')
    """
    return Kpi(code, weight, LowerIsBetter(target, ceiling))


def absenteeism_veto(
    max_days: Decimal | int | str,
    forced_grade: str | None = None,
    *,
    code: str = "absent_days",
) -> Veto:
    """The 「一票否决」 on 旷工: more than ``max_days`` forces ``forced_grade`` (APPR-6, ATT-5).

    ``forced_grade=None`` forces the lowest grade.  Days may be fractional (a half-day
    旷工, X-14).

    >>> absenteeism_veto(2).rule
    'APPR-6'
    >>> absenteeism_veto("two")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: max_allowed: is not a decimal number, got 'two'
    """
    return Veto(code, max_days, forced_grade, rule="APPR-6")


def attendance_penalty_points(
    counts: Mapping[str, int],
    points: Mapping[str, Decimal | int | str],
) -> Decimal:
    """Attendance penalty points: the sum of count x points per status (APPR-6, ATT-3).

    The attendance module (or the app) counts days by status (``"late"``,
    ``"absent_unexcused"``...); the company sets the points per status
    (``attendance_penalty_points``).  A status with no points is an error, never zero.

    Args:
        counts: status to a non-negative count.
        points: status to non-negative penalty points.

    Raises:
        UnknownEntity: a counted status without points.
        InvalidInput: a negative count or points.

    >>> attendance_penalty_points({"late": 3, "absent_unexcused": 1},
    ...                           {"late": 1, "absent_unexcused": 5, "on_time": 0})
    Decimal('8')
    >>> attendance_penalty_points({"asleep": 1}, {"late": 1})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: counts: status has no penalty points configured (known: ['late']), got 'asleep'
    """
    if not isinstance(counts, Mapping):
        raise WrongType("counts", counts, "a mapping of status to count")
    if not isinstance(points, Mapping):
        raise WrongType("points", points, "a mapping of status to points")
    total = ZERO
    for status, count in counts.items():
        if status not in points:
            raise UnknownEntity(
                "counts",
                status,
                f"status has no penalty points configured (known: {sorted(points, key=str)})",
            )
        number = check_int(count, f"counts[{status!r}]", minimum=0)
        each = _non_negative(points[status], f"points[{status!r}]")
        total = _CTX.add(total, _CTX.multiply(Decimal(number), each))
    return total


# -- APPR-3 and APPR-7 ----------------------------------------------------------------


def appraisal_period(as_of: _dt.date, offset: int = 0) -> Period:
    """The month appraised in the run made on ``as_of`` (APPR-3, X-9 point 3).

    ``offset=0`` (the default reading) appraises the current month; ``-1`` the
    previous one (``appraisal_period_offset``).  The due date itself ("by the 30th",
    clamped to the month's end) belongs to the duty calendar (CAL-6).

    >>> import datetime
    >>> str(appraisal_period(datetime.date(2026, 3, 28)))
    '2026-03-01..2026-03-31'
    >>> str(appraisal_period(datetime.date(2026, 3, 28), offset=-1))
    '2026-02-01..2026-02-28'
    >>> appraisal_period(datetime.datetime(2026, 3, 28))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: as_of: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 28, 0, 0)
    """
    day = check_date(as_of, "as_of")
    shift = check_int(offset, "offset")
    if not -1200 <= shift <= 1200:
        raise InvalidInput("offset", offset, "must be between -1200 and 1200 months")
    first = day.replace(day=1)
    try:
        month = first + relativedelta(months=shift)
    except (OverflowError, ValueError):
        raise InvalidInput("offset", offset, "moves outside the supported years") from None
    return Period.month(month.year, month.month)


def script_test_passed(
    score: Decimal | int | str,
    pass_mark: Decimal | int | str,
    *,
    max_score: Decimal | int | str = HUNDRED,
) -> bool:
    """Whether a sales-script test score passes (APPR-7): ``score >= pass_mark``.

    Args:
        score: the test score, between 0 and ``max_score``.
        pass_mark: the company's pass mark (``script_test_pass_mark``), same range.
        max_score: the highest possible score (100 by default).

    Raises:
        InvalidInput: a score or pass mark outside 0..``max_score``.

    >>> script_test_passed(80, 80), script_test_passed(Decimal("79.5"), 80)
    (True, False)
    >>> script_test_passed(101, 80)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: score: must be between 0 and 100, got 101
    """
    top = _positive(max_score, "max_score")
    value = to_decimal(score, "score")
    mark = to_decimal(pass_mark, "pass_mark")
    for field, number, raw in (("score", value, score), ("pass_mark", mark, pass_mark)):
        if not ZERO <= number <= top:
            raise InvalidInput(field, raw, f"must be between 0 and {top}")
    return value >= mark
