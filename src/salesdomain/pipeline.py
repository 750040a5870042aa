"""The sales pipeline: stages, legal transitions, conversion and closing ratios.

Rules implemented (see ``seed/RULES.md`` section 13):

- **PIPE-1 / X-21** the stages lead -> prospect -> presentation -> negotiation -> won /
  lost, then account management, with the allowed transitions held as data in a
  :class:`PipelinePolicy` (no back transitions by default).  An illegal move raises
  :class:`~salesdomain.IllegalTransition`.  "Reporting and analysis" is not a stage:
  it is :func:`pipeline_report` and the ratio functions, which work on
  opportunities in any stage.
- **PIPE-2** every opportunity has a lead source from the policy's list.
- **PIPE-3** a lead becomes a prospect only when qualified on interest *and* need;
  the policy cannot be built if any path skips the qualification stage.
- **PIPE-7** moving to account management hands the opportunity to an account
  executive (configurable role).
- **PIPE-9** :data:`HVAC_PIPELINE` is the HVAC project lifecycle as an alternative
  stage set.
- **PIPE-11 / PIPE-12** repurchase, renewal and on-site closing ratios; with
  :func:`conversion_rate` and :func:`closing_ratio` they return a :class:`Ratio`
  (numerator, denominator, and a :class:`~salesdomain.Rate` or ``None`` when the
  denominator is 0).
- **VISIT-9** :func:`stale_opportunities` flags open opportunities left untouched.

An event's day is the calendar day of its timezone-aware ``at`` in that datetime's
own offset.

>>> import datetime
>>> tz = datetime.timezone(datetime.timedelta(hours=8))
>>> policy = PipelinePolicy()
>>> opp = open_opportunity("o1", owner="s1", source="cold_call",
...     at=datetime.datetime(2026, 3, 2, 9, tzinfo=tz), policy=policy)
>>> opp = advance(opp, Stage.PROSPECT, "s1", datetime.datetime(2026, 3, 3, 9, tzinfo=tz), policy,
...     qualification=Qualification(has_interest=True, has_need=True))
>>> opp.stage
'prospect'
>>> advance(opp, Stage.WON, "s1", datetime.datetime(2026, 3, 4, 9, tzinfo=tz), policy)
Traceback (most recent call last):
...
salesdomain.core.errors.IllegalTransition: cannot advance to 'won' in state 'prospect': PIPE-1 transition_not_allowed: prospect -> won is not an allowed transition (allowed: presentation, lost)
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final, TypeVar

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import _CTX, check_aware, check_date, check_int, check_text
from salesdomain.core.decisions import Decision, Rate, Reason, Verdict
from salesdomain.core.errors import (
    IllegalTransition,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.org import Employee, Role
from salesdomain.core.periods import Period

__all__ = [
    "ACCOUNT_EXECUTIVE",
    "HVAC_PIPELINE",
    "REASON_CODES",
    "HvacStage",
    "LeadSource",
    "Opportunity",
    "PipelinePolicy",
    "PipelineReport",
    "Purchase",
    "Qualification",
    "Ratio",
    "RenewalDue",
    "SiteVisit",
    "Stage",
    "StageChange",
    "StageConversion",
    "StaleOpportunity",
    "advance",
    "check_transition",
    "closing_ratio",
    "conversion_rate",
    "onsite_closing_ratio",
    "open_opportunity",
    "pipeline_report",
    "renewal_rate",
    "repurchase_rate",
    "stage_conversions",
    "stale_opportunities",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "back_transition_allowed",
        "handover_owner_missing",
        "handover_owner_wrong_role",
        "lead_not_qualified",
        "opportunity_stale",
        "qualification_missing",
        "stage_is_terminal",
        "transition_allowed",
        "transition_not_allowed",
    }
)
"""Every reason code this module can emit."""

_T = TypeVar("_T")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_RATE_QUANTUM: Final = Decimal("1E-12")


class Stage(enum.StrEnum):
    """The S6 pipeline stages (PIPE-1); "reporting" is deliberately not one (X-21)."""

    LEAD = "lead"
    PROSPECT = "prospect"
    PRESENTATION = "presentation"
    NEGOTIATION = "negotiation"
    WON = "won"
    ACCOUNT_MANAGEMENT = "account_management"
    LOST = "lost"
    DISQUALIFIED = "disqualified"


class HvacStage(enum.StrEnum):
    """The HVAC project lifecycle (PIPE-9): information to payment."""

    INFO_COLLECTED = "info_collected"
    TRACKING = "tracking"
    QUOTING = "quoting"
    BID_SUBMITTED = "bid_submitted"
    WON = "won"
    CONTRACTED = "contracted"
    DELIVERING = "delivering"
    EXECUTED = "executed"
    PAID = "paid"
    LOST = "lost"


class LeadSource(enum.StrEnum):
    """Where leads come from (PIPE-2: "such as", so the policy's list is extensible)."""

    COLD_CALL = "cold_call"
    EMAIL_CAMPAIGN = "email_campaign"
    NETWORKING_EVENT = "networking_event"
    REFERRAL = "referral"
    WALK_IN = "walk_in"
    DESIGN_INSTITUTE = "design_institute"
    OTHER = "other"


ACCOUNT_EXECUTIVE: Final = Role(
    "account_executive", 2, name_zh="客户经理", name_en="account executive"
)
"""The role that takes over won deals (PIPE-7, ROLE-5)."""


# -- converters ---------------------------------------------------------------------------
def _stage_code(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise WrongType(field, value, "a stage name (str)")
    text = str(value.value) if isinstance(value, enum.Enum) else value.strip()
    if not _CODE.match(text):
        raise InvalidInput(field, value, "a stage name must be lower_snake_case")
    return text


def _stage_list(value: object, field: str) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a sequence of stage names")
    stages = tuple(_stage_code(item, field) for item in value)
    if len(set(stages)) != len(stages):
        raise PolicyError(field, value, "names a stage twice")
    return stages


def _pipeline_stages(value: object) -> tuple[str, ...]:
    stages = _stage_list(value, "pipeline_stages")
    if not stages:
        raise PolicyError("pipeline_stages", value, "needs at least one stage")
    return stages


def _edges(value: object, field: str) -> tuple[tuple[str, str], ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a sequence of (from, to) stage pairs")
    edges: list[tuple[str, str]] = []
    for pair in value:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            raise WrongType(field, pair, "a (from, to) stage pair")
        edge = (_stage_code(pair[0], field), _stage_code(pair[1], field))
        if edge in edges:
            raise PolicyError(field, pair, "lists a transition twice")
        edges.append(edge)
    return tuple(edges)


def _transitions(value: object) -> tuple[tuple[str, str], ...]:
    return _edges(value, "transitions")


def _back_transitions(value: object) -> tuple[tuple[str, str], ...]:
    return _edges(value, "allowed_back_transitions")


def _optional_stage_code(value: object, field: str) -> str | None:
    return None if value is None else _stage_code(value, field)


def _lost(value: object) -> tuple[str, ...]:
    return _stage_list(value, "lost_stages")


def _dropped(value: object) -> tuple[str, ...]:
    return _stage_list(value, "dropped_stages")


def _optional_role(value: object) -> Role | None:
    if value is None or isinstance(value, Role):
        return value
    raise WrongType("account_handover_role", value, "a Role or None")


def _sources(value: object) -> tuple[str, ...]:
    sources = _stage_list(value, "lead_sources")
    if not sources:
        raise PolicyError("lead_sources", value, "needs at least one lead source")
    return sources


def _optional_days(value: object, field: str) -> int | None:
    return None if value is None else check_int(value, field, minimum=1)


_S6_STAGES: Final = tuple(str(stage) for stage in Stage)
_S6_TRANSITIONS: Final = (
    (Stage.LEAD, Stage.PROSPECT),
    (Stage.LEAD, Stage.DISQUALIFIED),
    (Stage.PROSPECT, Stage.PRESENTATION),
    (Stage.PROSPECT, Stage.LOST),
    (Stage.PRESENTATION, Stage.NEGOTIATION),
    (Stage.PRESENTATION, Stage.LOST),
    (Stage.NEGOTIATION, Stage.WON),
    (Stage.NEGOTIATION, Stage.LOST),
    (Stage.WON, Stage.ACCOUNT_MANAGEMENT),
)
_S6_SOURCES: Final = (
    LeadSource.COLD_CALL,
    LeadSource.EMAIL_CAMPAIGN,
    LeadSource.NETWORKING_EVENT,
    LeadSource.OTHER,
)


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class PipelinePolicy:
    """The company's pipeline as data (RULES.md section 23.10, PIPE-1..9).

    Args:
        pipeline_stages: every stage, in pipeline order (default the S6 stages).
        transitions: the allowed forward moves ``(from, to)``; each must go to a later
            stage in ``pipeline_stages`` (default the S6 flow, PIPE-1).
        allowed_back_transitions: allowed moves to an earlier (or the same) stage,
            e.g. ``("negotiation", "presentation")`` (default none).
        initial_stage: where opportunities open (default ``lead``).
        qualification_stage: the stage a lead reaches only by qualification (PIPE-3;
            default ``prospect``; ``None`` for stage sets without that gate).  No
            path may reach a later funnel stage around it.
        won_stage: the closed-won stage (default ``won``).
        lost_stages: closed-lost stages, counted by :func:`closing_ratio` (default
            ``lost``).
        dropped_stages: dead ends before a deal, not counted as lost deals (default
            ``disqualified``).
        handover_stage: the account-management stage (PIPE-7, default
            ``account_management``; ``None`` for none).
        account_handover_role: who must own the account after the handover (default
            :data:`ACCOUNT_EXECUTIVE`; ``None`` lets the seller keep it).
        lead_sources: the accepted lead sources (PIPE-2, default cold call, email
            campaign, networking event, other).
        stale_opportunity_days: open opportunities idle for more days are stale
            (VISIT-9; no seed number, so no default).

    >>> PipelinePolicy(transitions=[("lead", "prospect"), ("lead", "presentation"),
    ...     ("prospect", "presentation"), ("presentation", "negotiation"), ("negotiation", "won")],
    ...     dropped_stages=(), lost_stages=(), handover_stage=None,
    ...     pipeline_stages=["lead", "prospect", "presentation", "negotiation", "won"])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: transitions: presentation can be reached from lead without passing the qualification stage prospect (PIPE-3)
    """

    pipeline_stages: tuple[str, ...] = attrs.field(default=_S6_STAGES, converter=_pipeline_stages)
    transitions: tuple[tuple[str, str], ...] = attrs.field(
        default=_S6_TRANSITIONS, converter=_transitions
    )
    allowed_back_transitions: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_back_transitions
    )
    initial_stage: str = attrs.field(default=Stage.LEAD, metadata=check(_stage_code))
    qualification_stage: str | None = attrs.field(
        default=Stage.PROSPECT, metadata=check(_optional_stage_code)
    )
    won_stage: str = attrs.field(default=Stage.WON, metadata=check(_stage_code))
    lost_stages: tuple[str, ...] = attrs.field(default=(Stage.LOST,), converter=_lost)
    dropped_stages: tuple[str, ...] = attrs.field(default=(Stage.DISQUALIFIED,), converter=_dropped)
    handover_stage: str | None = attrs.field(
        default=Stage.ACCOUNT_MANAGEMENT, metadata=check(_optional_stage_code)
    )
    account_handover_role: Role | None = attrs.field(
        default=ACCOUNT_EXECUTIVE, converter=_optional_role
    )
    lead_sources: tuple[str, ...] = attrs.field(default=_S6_SOURCES, converter=_sources)
    stale_opportunity_days: int | None = attrs.field(default=None, metadata=check(_optional_days))
    funnel: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    _next: Mapping[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        errors = self._problems()
        if errors:
            raise PolicyError.from_errors(errors)
        closed = set(self.lost_stages) | set(self.dropped_stages)
        object.__setattr__(
            self, "funnel", tuple(stage for stage in self.pipeline_stages if stage not in closed)
        )
        following: dict[str, list[str]] = {stage: [] for stage in self.pipeline_stages}
        for source, target in self.transitions + self.allowed_back_transitions:
            following[source].append(target)
        object.__setattr__(
            self, "_next", {stage: tuple(targets) for stage, targets in following.items()}
        )

    def _problems(self) -> list[tuple[str, str]]:
        order = {stage: index for index, stage in enumerate(self.pipeline_stages)}
        errors: list[tuple[str, str]] = []

        def known(field: str, stage: str | None) -> bool:
            if stage is not None and stage not in order:
                errors.append((field, f"{stage!r} is not one of pipeline_stages"))
                return False
            return True

        for field, edges, forward in (
            ("transitions", self.transitions, True),
            ("allowed_back_transitions", self.allowed_back_transitions, False),
        ):
            for source, target in edges:
                if not (known(field, source) and known(field, target)):
                    continue
                if forward and order[target] <= order[source]:
                    errors.append((field, f"{source} -> {target} does not move forward"))
                if not forward and order[target] > order[source]:
                    errors.append((field, f"{source} -> {target} is not a move back"))
        for edge in set(self.transitions) & set(self.allowed_back_transitions):
            errors.append(("allowed_back_transitions", f"{edge[0]} -> {edge[1]} listed twice"))
        known("initial_stage", self.initial_stage)
        known("won_stage", self.won_stage)
        known("qualification_stage", self.qualification_stage)
        known("handover_stage", self.handover_stage)
        edges = self.transitions + self.allowed_back_transitions
        closed = set(self.lost_stages) | set(self.dropped_stages)
        for field, stages in (
            ("lost_stages", self.lost_stages),
            ("dropped_stages", self.dropped_stages),
        ):
            for stage in stages:
                if not known(field, stage):
                    continue
                if any(source == stage for source, _ in edges):
                    errors.append((field, f"{stage} must be terminal (no moves out of it)"))
                if stage in (self.initial_stage, self.won_stage, self.handover_stage):
                    errors.append((field, f"{stage} cannot be a closed stage"))
        if set(self.lost_stages) & set(self.dropped_stages):
            errors.append(("dropped_stages", "a stage cannot be both lost and dropped"))
        if errors:
            return errors
        if self.qualification_stage == self.initial_stage:
            errors.append(("qualification_stage", "cannot be the initial stage"))
        if self.won_stage not in _reachable(self.initial_stage, edges, None):
            errors.append(
                ("won_stage", f"{self.won_stage} cannot be reached from {self.initial_stage}")
            )
        if self.handover_stage is not None and self.handover_stage not in _reachable(
            self.won_stage, edges, None
        ):
            errors.append(
                ("handover_stage", f"{self.handover_stage} cannot be reached from {self.won_stage}")
            )
        gate = self.qualification_stage
        if gate is not None and not errors:
            around = _reachable(self.initial_stage, edges, gate)
            for stage in self.pipeline_stages:
                if stage in closed or order[stage] <= order[gate]:
                    continue
                if stage in around:
                    errors.append(
                        (
                            "transitions",
                            f"{stage} can be reached from {self.initial_stage} without passing "
                            f"the qualification stage {gate} (PIPE-3)",
                        )
                    )
                    break
        return errors

    def next_stages(self, stage: str) -> tuple[str, ...]:
        """The stages ``stage`` may move to (forward, then back), in policy order.

        >>> PipelinePolicy().next_stages("lead")
        ('prospect', 'disqualified')
        >>> PipelinePolicy().next_stages("reporting")
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.UnknownEntity: stage: not one of pipeline_stages, got 'reporting'
        """
        try:
            return self._next[_stage_code(stage, "stage")]
        except KeyError:
            raise UnknownEntity("stage", stage, "not one of pipeline_stages") from None

    def is_open(self, stage: str) -> bool:
        """Whether ``stage`` is still being developed: a funnel stage before the win.

        >>> PipelinePolicy().is_open("prospect"), PipelinePolicy().is_open("won")
        (True, False)
        >>> PipelinePolicy().is_open(None)
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.WrongType: stage: expected a stage name (str), got NoneType None
        """
        code = _stage_code(stage, "stage")
        return code in self.funnel and self.funnel.index(code) < self.funnel.index(self.won_stage)


def _reachable(
    start: str, edges: tuple[tuple[str, str], ...], blocked: str | None
) -> frozenset[str]:
    seen = {start}
    frontier = [start]
    while frontier:
        current = frontier.pop()
        for source, target in edges:
            if source == current and target != blocked and target not in seen:
                seen.add(target)
                frontier.append(target)
    return frozenset(seen)


HVAC_PIPELINE: Final = PipelinePolicy(
    pipeline_stages=tuple(HvacStage),
    transitions=(
        (HvacStage.INFO_COLLECTED, HvacStage.TRACKING),
        (HvacStage.TRACKING, HvacStage.QUOTING),
        (HvacStage.TRACKING, HvacStage.LOST),
        (HvacStage.QUOTING, HvacStage.BID_SUBMITTED),
        (HvacStage.QUOTING, HvacStage.LOST),
        (HvacStage.BID_SUBMITTED, HvacStage.WON),
        (HvacStage.BID_SUBMITTED, HvacStage.LOST),
        (HvacStage.WON, HvacStage.CONTRACTED),
        (HvacStage.CONTRACTED, HvacStage.DELIVERING),
        (HvacStage.DELIVERING, HvacStage.EXECUTED),
        (HvacStage.EXECUTED, HvacStage.PAID),
    ),
    initial_stage=HvacStage.INFO_COLLECTED,
    qualification_stage=None,
    won_stage=HvacStage.WON,
    lost_stages=(HvacStage.LOST,),
    dropped_stages=(),
    handover_stage=None,
    account_handover_role=None,
    lead_sources=(*_S6_SOURCES, LeadSource.DESIGN_INSTITUTE),
)
"""The HVAC project lifecycle (PIPE-9): 项目信息 -> 持续跟踪 -> 报价/投标 -> 已投标跟进 -> 合同
-> 交付、执行 -> 收款, with ``lost`` possible until the bid is decided."""


# -- values -------------------------------------------------------------------------------


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _count(value: object, field: str) -> int:
    return check_int(value, field, minimum=0)


def _items(value: object, field: str, cls: type[_T], expected: str) -> tuple[_T, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType(field, value, f"a sequence of {expected}")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, cls):
            raise WrongType(f"{field}[{index}]", item, expected)
    return items


def _history(value: object) -> tuple[StageChange, ...]:
    return _items(value, "history", StageChange, "a StageChange")


@attrs.frozen(field_transformer=wire_checks)
class Qualification:
    """The PIPE-3 gate: a lead qualifies on interest and need."""

    has_interest: bool = attrs.field(metadata=check(_bool))
    has_need: bool = attrs.field(metadata=check(_bool))

    @property
    def qualified(self) -> bool:
        """Whether both interest and need are confirmed."""
        return self.has_interest and self.has_need


@attrs.frozen(field_transformer=wire_checks)
class StageChange:
    """One move of an opportunity: from, to, who, when (PIPE-1)."""

    from_stage: str = attrs.field(metadata=check(_stage_code))
    to_stage: str = attrs.field(metadata=check(_stage_code))
    by: str = attrs.field(kw_only=True, metadata=check(check_text))
    at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))


@attrs.frozen(field_transformer=wire_checks)
class Opportunity:
    """A sales opportunity and its stage history (PIPE-1, PIPE-2).

    Build one with :func:`open_opportunity` and move it with :func:`advance`; a
    hand-built one must have a consistent history (each move starts where the last
    one ended, in time order, ending at ``stage``).

    Args:
        id: a unique id.
        owner: the employee id who owns it (the account executive after PIPE-7).
        source: the lead source (PIPE-2).
        opened_at: when it was opened (timezone-aware).
        stage: the current stage.
        history: the moves so far, oldest first.
        customer: the customer, if known.

    >>> tz = datetime.timezone.utc
    >>> Opportunity("o1", "s1", source="cold_call", opened_at=datetime.datetime(2026, 3, 2, tzinfo=tz),
    ...     stage="prospect")
    Opportunity(id='o1', owner='s1', source='cold_call', opened_at=datetime.datetime(2026, 3, 2, 0, 0, tzinfo=datetime.timezone.utc), stage='prospect', history=(), customer=None)
    >>> Opportunity("o1", "s1", source="cold_call", opened_at=datetime.datetime(2026, 3, 2, tzinfo=tz),
    ...     stage="won", history=[StageChange("lead", "prospect", by="s1",
    ...         at=datetime.datetime(2026, 3, 3, tzinfo=tz))])
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: stage: must be where the last move ended ('prospect'), got 'won'
    """

    id: str = attrs.field(metadata=check(check_text))
    owner: str = attrs.field(metadata=check(check_text))
    source: str = attrs.field(kw_only=True, metadata=check(_stage_code))
    opened_at: _dt.datetime = attrs.field(kw_only=True, metadata=check(check_aware))
    stage: str = attrs.field(kw_only=True, metadata=check(_stage_code))
    history: tuple[StageChange, ...] = attrs.field(default=(), kw_only=True, converter=_history)
    customer: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))

    def __attrs_post_init__(self) -> None:
        previous_at = self.opened_at
        previous_stage: str | None = None
        for index, change in enumerate(self.history):
            if change.at < previous_at:
                raise InvalidInput(
                    f"history[{index}].at", change.at, f"is before the previous event {previous_at}"
                )
            if previous_stage is not None and change.from_stage != previous_stage:
                raise InvalidInput(
                    f"history[{index}].from_stage",
                    change.from_stage,
                    f"must be where the previous move ended ({previous_stage!r})",
                )
            previous_at = change.at
            previous_stage = change.to_stage
        if previous_stage is not None and self.stage != previous_stage:
            raise InvalidInput(
                "stage", self.stage, f"must be where the last move ended ({previous_stage!r})"
            )

    @property
    def opened_stage(self) -> str:
        """The stage it was opened in."""
        return self.history[0].from_stage if self.history else self.stage

    @property
    def last_event_at(self) -> _dt.datetime:
        """When it was opened or last moved."""
        return self.history[-1].at if self.history else self.opened_at

    def entries(self) -> tuple[tuple[str, _dt.datetime], ...]:
        """Every ``(stage, entered_at)``, the opening included, oldest first."""
        moves = tuple((change.to_stage, change.at) for change in self.history)
        return ((self.opened_stage, self.opened_at), *moves)

    def stage_on(self, day: _dt.date) -> str | None:
        """The stage at the end of ``day``; ``None`` if not yet opened.

        >>> tz = datetime.timezone.utc
        >>> opp = Opportunity("o1", "s1", source="cold_call",
        ...     opened_at=datetime.datetime(2026, 3, 2, tzinfo=tz), stage="disqualified",
        ...     history=[StageChange("lead", "disqualified", by="s1",
        ...         at=datetime.datetime(2026, 3, 5, tzinfo=tz))])
        >>> opp.stage_on(datetime.date(2026, 3, 1)), opp.stage_on(datetime.date(2026, 3, 4))
        (None, 'lead')
        >>> opp.stage_on(datetime.datetime(2026, 3, 4))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.WrongType: day: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 4, 0, 0)
        """
        day = check_date(day, "day")
        current: str | None = None
        for stage, at in self.entries():
            if at.date() > day:
                break
            current = stage
        return current


@attrs.frozen(repr=False, field_transformer=wire_checks)
class Ratio:
    """A count ratio with its parts (PIPE-11/12, conversions): ``rate`` is ``None`` at 0/0.

    The rate is the exact quotient rounded half-even to 12 decimal places (far below
    any display precision).

    >>> Ratio(1, 3).rate, Ratio(0, 0).rate
    (Rate('0.333333333333'), None)
    >>> Ratio(4, 3)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: numerator: must not exceed the denominator 3, got 4
    """

    numerator: int = attrs.field(metadata=check(_count))
    denominator: int = attrs.field(metadata=check(_count))

    @numerator.validator
    def _not_above(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value > self.denominator:
            raise InvalidInput(
                "numerator", value, f"must not exceed the denominator {self.denominator}"
            )

    @property
    def rate(self) -> Rate | None:
        """``numerator / denominator`` as a :class:`~salesdomain.Rate`, or ``None`` for 0/0."""
        if self.denominator == 0:
            return None
        exact = _CTX.divide(Decimal(self.numerator), Decimal(self.denominator))
        return Rate(exact.quantize(_RATE_QUANTUM, ROUND_HALF_EVEN, _CTX).normalize(_CTX))

    def __repr__(self) -> str:
        return f"Ratio({self.numerator}, {self.denominator})"


@attrs.frozen
class StageConversion:
    """The conversion from one funnel stage to the next."""

    from_stage: str
    to_stage: str
    ratio: Ratio


@attrs.frozen(field_transformer=wire_checks)
class Purchase:
    """A customer's purchase on a day (PIPE-11)."""

    customer: str = attrs.field(metadata=check(check_text))
    on: _dt.date = attrs.field(metadata=check(check_date))


@attrs.frozen(field_transformer=wire_checks)
class RenewalDue:
    """A contract due for renewal, and when it was renewed, if it was (PIPE-11)."""

    contract: str = attrs.field(metadata=check(check_text))
    due: _dt.date = attrs.field(metadata=check(check_date))
    renewed_on: _dt.date | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_date)
    )


@attrs.frozen(field_transformer=wire_checks)
class SiteVisit:
    """A customer's visit to the sales site, and whether it closed on the spot (PIPE-12)."""

    customer: str = attrs.field(metadata=check(check_text))
    on: _dt.date = attrs.field(metadata=check(check_date))
    closed_on_site: bool = attrs.field(kw_only=True, metadata=check(_bool))


@attrs.frozen
class PipelineReport:
    """Opportunities per stage at the end of a day (X-21: reporting across all stages).

    Attributes:
        as_of: the day.
        counts: ``(stage, number)`` for every stage of the policy, in order.
        open: the opportunities still being developed (before the win).
    """

    as_of: _dt.date
    counts: tuple[tuple[str, int], ...] = attrs.field(kw_only=True)
    open: int = attrs.field(kw_only=True)

    def count(self, stage: str) -> int:
        """The number of opportunities in ``stage``."""
        found = dict(self.counts).get(_stage_code(stage, "stage"))
        if found is None:
            raise UnknownEntity("stage", stage, "not a stage of this report")
        return found


@attrs.frozen
class StaleOpportunity:
    """An open opportunity left idle too long (VISIT-9)."""

    opportunity_id: str
    stage: str
    last_activity: _dt.date = attrs.field(kw_only=True)
    days_idle: int = attrs.field(kw_only=True)
    reason: Reason = attrs.field(kw_only=True)


# -- helpers ------------------------------------------------------------------------------
def _check_policy(policy: object) -> PipelinePolicy:
    if not isinstance(policy, PipelinePolicy):
        raise WrongType("policy", policy, "a PipelinePolicy")
    return policy


def _check_period(period: object) -> Period:
    if not isinstance(period, Period):
        raise WrongType("period", period, "a Period")
    return period


def _known_stage(value: object, field: str, policy: PipelinePolicy) -> str:
    stage = _stage_code(value, field)
    if stage not in policy.pipeline_stages:
        known = ", ".join(policy.pipeline_stages)
        raise UnknownEntity(field, value, f"not a stage of this pipeline (known: {known})")
    return stage


def _opportunities(value: object) -> tuple[Opportunity, ...]:
    opps = _items(value, "opportunities", Opportunity, "an Opportunity")
    seen: set[str] = set()
    for opp in opps:
        if opp.id in seen:
            raise InvalidInput("opportunities", opp.id, "two opportunities share an id")
        seen.add(opp.id)
    return opps


def _message(reason: Reason) -> str:
    params = dict(reason.params)
    texts = {
        "transition_not_allowed": "{from_stage} -> {to_stage} is not an allowed transition "
        "(allowed: {allowed})",
        "stage_is_terminal": "{stage} is a final stage",
        "qualification_missing": "moving to {to_stage} needs a qualification",
        "lead_not_qualified": "the lead is not qualified: no confirmed {missing}",
        "handover_owner_missing": "the handover needs a new owner in the role {role}",
        "handover_owner_wrong_role": "the new owner is a {given}, not a {role}",
    }
    values = {
        name: ", ".join(str(item) for item in value) if isinstance(value, tuple) else str(value)
        for name, value in params.items()
    }
    text = texts.get(reason.code, reason.code).format(**values)
    return f"{reason.rule} {reason.code}: {text}"


# -- rules --------------------------------------------------------------------------------
def open_opportunity(
    id: str,
    *,
    owner: str,
    source: str,
    at: _dt.datetime,
    policy: PipelinePolicy,
    customer: str | None = None,
) -> Opportunity:
    """Open an opportunity in the policy's initial stage (PIPE-1, PIPE-2).

    Args:
        id: a unique id.
        owner: the employee id of the seller.
        source: the lead source; must be one of the policy's ``lead_sources``.
        at: when (timezone-aware).
        policy: the pipeline policy.
        customer: the customer, if known.

    Returns:
        The new :class:`Opportunity`.

    Raises:
        UnknownEntity: the source is not one of the policy's lead sources.

    >>> tz = datetime.timezone.utc
    >>> open_opportunity("o1", owner="s1", source="walk_in",
    ...     at=datetime.datetime(2026, 3, 2, tzinfo=tz), policy=PipelinePolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: source: not a lead source of this policy (known: cold_call, email_campaign, networking_event, other), got 'walk_in'
    """
    policy = _check_policy(policy)
    code = _stage_code(source, "source")
    if code not in policy.lead_sources:
        known = ", ".join(policy.lead_sources)
        raise UnknownEntity("source", source, f"not a lead source of this policy (known: {known})")
    return Opportunity(
        id,
        owner,
        source=code,
        opened_at=at,
        stage=policy.initial_stage,
        customer=customer,
    )


def check_transition(
    opportunity: Opportunity,
    to_stage: str,
    policy: PipelinePolicy,
    *,
    qualification: Qualification | None = None,
    new_owner: Employee | None = None,
) -> Decision:
    """Say whether ``opportunity`` may move to ``to_stage``, and why (PIPE-1, PIPE-3, PIPE-7).

    The move must be one of the policy's ``transitions`` or
    ``allowed_back_transitions``.  A forward move into the qualification stage needs
    a :class:`Qualification` with interest and need (PIPE-3).  A move into the
    handover stage needs a ``new_owner`` in the ``account_handover_role`` (PIPE-7).

    Args:
        opportunity: the opportunity.
        to_stage: the target stage.
        policy: the pipeline policy.
        qualification: the qualification evidence, when moving into the gate.
        new_owner: the account executive, when handing over.

    Returns:
        A :class:`~salesdomain.Decision`: ``ALLOWED`` or ``REJECTED`` with reasons.

    Raises:
        UnknownEntity: a stage that is not in the policy.

    >>> tz = datetime.timezone.utc
    >>> policy = PipelinePolicy()
    >>> lead = open_opportunity("o1", owner="s1", source="cold_call",
    ...     at=datetime.datetime(2026, 3, 2, tzinfo=tz), policy=policy)
    >>> check = check_transition(lead, "prospect", policy,
    ...     qualification=Qualification(has_interest=True, has_need=False))
    >>> check.verdict, [(r.code, r.params) for r in check.reasons]
    (<Verdict.REJECTED: 'rejected'>, [('lead_not_qualified', (('missing', ('need',)),))])
    >>> check_transition(lead, "reporting", policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: to_stage: not a stage of this pipeline (known: lead, prospect, presentation, negotiation, won, account_management, lost, disqualified), got 'reporting'
    """
    if not isinstance(opportunity, Opportunity):
        raise WrongType("opportunity", opportunity, "an Opportunity")
    policy = _check_policy(policy)
    target = _known_stage(to_stage, "to_stage", policy)
    current = _known_stage(opportunity.stage, "stage", policy)
    if qualification is not None and not isinstance(qualification, Qualification):
        raise WrongType("qualification", qualification, "a Qualification or None")
    if new_owner is not None and not isinstance(new_owner, Employee):
        raise WrongType("new_owner", new_owner, "an Employee or None")
    edge = (current, target)
    forward = edge in policy.transitions
    back = edge in policy.allowed_back_transitions
    if not (forward or back):
        allowed = policy.next_stages(current)
        if not allowed:
            reason = Reason("PIPE-1", "stage_is_terminal", {"stage": current})
        else:
            reason = Reason(
                "PIPE-1",
                "transition_not_allowed",
                {"from_stage": current, "to_stage": target, "allowed": allowed},
            )
        return Decision(Verdict.REJECTED, (reason,))
    reasons: list[Reason] = []
    if forward and target == policy.qualification_stage:
        if qualification is None:
            reasons.append(Reason("PIPE-3", "qualification_missing", {"to_stage": target}))
        elif not qualification.qualified:
            missing = tuple(
                name
                for name, present in (
                    ("interest", qualification.has_interest),
                    ("need", qualification.has_need),
                )
                if not present
            )
            reasons.append(Reason("PIPE-3", "lead_not_qualified", {"missing": missing}))
    role = policy.account_handover_role
    if target == policy.handover_stage and role is not None:
        if new_owner is None:
            reasons.append(Reason("PIPE-7", "handover_owner_missing", {"role": role}))
        elif new_owner.role.code != role.code:
            reasons.append(
                Reason(
                    "PIPE-7", "handover_owner_wrong_role", {"role": role, "given": new_owner.role}
                )
            )
    if reasons:
        return Decision(Verdict.REJECTED, reasons)
    code = "transition_allowed" if forward else "back_transition_allowed"
    return Decision(
        Verdict.ALLOWED, (Reason("PIPE-1", code, {"from_stage": current, "to_stage": target}),)
    )


def advance(
    opportunity: Opportunity,
    to_stage: str,
    by: str | Employee,
    at: _dt.datetime,
    policy: PipelinePolicy,
    *,
    qualification: Qualification | None = None,
    new_owner: Employee | None = None,
) -> Opportunity:
    """Move ``opportunity`` to ``to_stage`` (pure: returns a new value).

    Args:
        opportunity: the opportunity.
        to_stage: the target stage.
        by: who moves it (employee id or :class:`~salesdomain.Employee`).
        at: when (timezone-aware, not before its last event).
        policy: the pipeline policy.
        qualification: the PIPE-3 evidence, when moving into the qualification stage.
        new_owner: the account executive taking over (PIPE-7).

    Returns:
        The moved opportunity, with the move appended to its history (and the new
        owner after a handover).

    Raises:
        IllegalTransition: the move is not allowed (the message names the rule).
        InvalidInput: ``at`` is naive or before the last event.

    >>> tz = datetime.timezone.utc
    >>> policy = PipelinePolicy()
    >>> lead = open_opportunity("o1", owner="s1", source="cold_call",
    ...     at=datetime.datetime(2026, 3, 2, tzinfo=tz), policy=policy)
    >>> advance(lead, "disqualified", "s1", datetime.datetime(2026, 3, 3, tzinfo=tz), policy).stage
    'disqualified'
    >>> advance(lead, "prospect", "s1", datetime.datetime(2026, 3, 3, tzinfo=tz), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.IllegalTransition: cannot advance to 'prospect' in state 'lead': PIPE-3 qualification_missing: moving to prospect needs a qualification
    """
    if not isinstance(opportunity, Opportunity):
        raise WrongType("opportunity", opportunity, "an Opportunity")
    moment = check_aware(at, "at")
    if moment < opportunity.last_event_at:
        raise InvalidInput("at", at, f"is before the last event {opportunity.last_event_at}")
    actor = by.id if isinstance(by, Employee) else check_text(by, "by")
    decision = check_transition(
        opportunity, to_stage, policy, qualification=qualification, new_owner=new_owner
    )
    target = _stage_code(to_stage, "to_stage")
    if not decision.allowed:
        raise IllegalTransition(
            opportunity.stage,
            f"advance to {target!r}",
            "; ".join(_message(reason) for reason in decision.reasons),
        )
    owner = opportunity.owner
    if target == policy.handover_stage and new_owner is not None:
        owner = new_owner.id
    change = StageChange(opportunity.stage, target, by=actor, at=moment)
    return attrs.evolve(
        opportunity, stage=target, owner=owner, history=(*opportunity.history, change)
    )


def conversion_rate(
    opportunities: Iterable[Opportunity],
    from_stage: str,
    to_stage: str,
    period: Period,
    policy: PipelinePolicy,
) -> Ratio:
    """The share of opportunities entering ``from_stage`` in ``period`` that reached ``to_stage``.

    The cohort is every opportunity that entered ``from_stage`` on a day of the
    period (the opening counts as entering the initial stage); it converted if it
    entered ``to_stage`` after that and by the end of the period.  So the rate is
    always within [0, 1].

    Args:
        opportunities: the opportunities (ids unique).
        from_stage: the stage of the cohort.
        to_stage: the stage to reach (not ``from_stage``).
        period: the period of entry.
        policy: the pipeline policy.

    Returns:
        A :class:`Ratio`.

    Raises:
        InvalidInput: ``from_stage == to_stage``, repeated ids.
        UnknownEntity: a stage not in the policy.

    >>> tz = datetime.timezone.utc
    >>> from salesdomain import Period
    >>> policy = PipelinePolicy()
    >>> lead = open_opportunity("o1", owner="s1", source="cold_call",
    ...     at=datetime.datetime(2026, 3, 2, tzinfo=tz), policy=policy)
    >>> conversion_rate([lead], "lead", "prospect", Period.month(2026, 3), policy)
    Ratio(0, 1)
    >>> conversion_rate([lead], "lead", "lead", Period.month(2026, 3), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: to_stage: must differ from from_stage, got 'lead'
    """
    policy = _check_policy(policy)
    source = _known_stage(from_stage, "from_stage", policy)
    target = _known_stage(to_stage, "to_stage", policy)
    if source == target:
        raise InvalidInput("to_stage", to_stage, "must differ from from_stage")
    span = _check_period(period)
    cohort = converted = 0
    for opp in _opportunities(opportunities):
        entries = opp.entries()
        entered = next(
            (
                at
                for stage, at in entries
                if stage == source and span.start <= at.date() <= span.end
            ),
            None,
        )
        if entered is None:
            continue
        cohort += 1
        if any(
            stage == target and at >= entered and at.date() <= span.end for stage, at in entries
        ):
            converted += 1
    return Ratio(converted, cohort)


def stage_conversions(
    opportunities: Iterable[Opportunity], period: Period, policy: PipelinePolicy
) -> tuple[StageConversion, ...]:
    """The conversion between each pair of consecutive funnel stages (PIPE-1, X-21).

    The funnel is the policy's stages without the lost and dropped ones.

    >>> from salesdomain import Period
    >>> [(c.from_stage, c.to_stage) for c in stage_conversions([], Period.month(2026, 3), PipelinePolicy())][:2]
    [('lead', 'prospect'), ('prospect', 'presentation')]
    >>> stage_conversions([], "2026-03", PipelinePolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: period: expected a Period, got str '2026-03'
    """
    policy = _check_policy(policy)
    span = _check_period(period)
    opps = _opportunities(opportunities)
    funnel = policy.funnel
    return tuple(
        StageConversion(a, b, conversion_rate(opps, a, b, span, policy))
        for a, b in itertools.pairwise(funnel)
    )


def closing_ratio(
    opportunities: Iterable[Opportunity], period: Period, policy: PipelinePolicy
) -> Ratio:
    """Won deals over deals decided (won or lost) in ``period`` (PIPE-1, PIPE-6).

    An opportunity counts once, by the first time it entered the won stage or a
    lost stage; dropped leads (disqualified) are not decided deals.

    >>> from salesdomain import Period
    >>> closing_ratio([], Period.month(2026, 3), PipelinePolicy()).rate is None
    True
    >>> closing_ratio([], Period.month(2026, 3), None)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: policy: expected a PipelinePolicy, got NoneType None
    """
    policy = _check_policy(policy)
    span = _check_period(period)
    decided = won = 0
    lost = set(policy.lost_stages)
    for opp in _opportunities(opportunities):
        outcome = next(
            (
                (stage, at)
                for stage, at in opp.entries()
                if stage == policy.won_stage or stage in lost
            ),
            None,
        )
        if outcome is None or not span.start <= outcome[1].date() <= span.end:
            continue
        decided += 1
        won += outcome[0] == policy.won_stage
    return Ratio(won, decided)


def repurchase_rate(purchases: Iterable[Purchase], period: Period) -> Ratio:
    """Customers who bought before ``period`` and bought again within it (PIPE-11).

    >>> from salesdomain import Period
    >>> d = datetime.date
    >>> repurchase_rate([Purchase("A", d(2026, 1, 5)), Purchase("A", d(2026, 3, 9)),
    ...     Purchase("B", d(2026, 2, 1))], Period.month(2026, 3))
    Ratio(1, 2)
    >>> repurchase_rate([("A", d(2026, 1, 5))], Period.month(2026, 3))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: purchases[0]: expected a Purchase, got tuple ('A', datetime.date(2026, 1, 5))
    """
    span = _check_period(period)
    before: set[str] = set()
    during: set[str] = set()
    for purchase in _items(purchases, "purchases", Purchase, "a Purchase"):
        if purchase.on < span.start:
            before.add(purchase.customer)
        elif purchase.on <= span.end:
            during.add(purchase.customer)
    return Ratio(len(before & during), len(before))


def renewal_rate(renewals: Iterable[RenewalDue], period: Period) -> Ratio:
    """Contracts due in ``period`` that were renewed by its end (PIPE-11).

    >>> from salesdomain import Period
    >>> d = datetime.date
    >>> renewal_rate([RenewalDue("c1", d(2026, 3, 31), renewed_on=d(2026, 3, 20)),
    ...     RenewalDue("c2", d(2026, 3, 15))], Period.month(2026, 3))
    Ratio(1, 2)
    >>> renewal_rate([RenewalDue("c1", d(2026, 3, 31)), RenewalDue("c1", d(2026, 3, 31))],
    ...     Period.month(2026, 3))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: renewals: contract listed twice, got 'c1'
    """
    span = _check_period(period)
    due = renewed = 0
    seen: set[str] = set()
    for item in _items(renewals, "renewals", RenewalDue, "a RenewalDue"):
        if item.contract in seen:
            raise InvalidInput("renewals", item.contract, "contract listed twice")
        seen.add(item.contract)
        if not span.start <= item.due <= span.end:
            continue
        due += 1
        renewed += item.renewed_on is not None and item.renewed_on <= span.end
    return Ratio(renewed, due)


def onsite_closing_ratio(site_visits: Iterable[SiteVisit], period: Period) -> Ratio:
    """The share of site visits in ``period`` that closed on the spot (PIPE-12).

    >>> from salesdomain import Period
    >>> d = datetime.date
    >>> onsite_closing_ratio([SiteVisit("A", d(2026, 3, 1), closed_on_site=True),
    ...     SiteVisit("B", d(2026, 3, 2), closed_on_site=False)], Period.month(2026, 3)).rate
    Rate('0.5')
    >>> SiteVisit("A", d(2026, 3, 1), closed_on_site="yes")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: closed_on_site: expected a bool, got str 'yes'
    """
    span = _check_period(period)
    visits = closed = 0
    for visit in _items(site_visits, "site_visits", SiteVisit, "a SiteVisit"):
        if span.start <= visit.on <= span.end:
            visits += 1
            closed += visit.closed_on_site
    return Ratio(closed, visits)


def pipeline_report(
    opportunities: Iterable[Opportunity], as_of: _dt.date, policy: PipelinePolicy
) -> PipelineReport:
    """How many opportunities sit in each stage at the end of ``as_of`` (X-21).

    Reporting is not a stage: it looks at opportunities in every stage.

    >>> tz = datetime.timezone.utc
    >>> policy = PipelinePolicy()
    >>> lead = open_opportunity("o1", owner="s1", source="cold_call",
    ...     at=datetime.datetime(2026, 3, 2, tzinfo=tz), policy=policy)
    >>> report = pipeline_report([lead], datetime.date(2026, 3, 31), policy)
    >>> report.count("lead"), report.open
    (1, 1)
    >>> pipeline_report([lead, lead], datetime.date(2026, 3, 31), policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: opportunities: two opportunities share an id, got 'o1'
    """
    day = check_date(as_of, "as_of")
    policy = _check_policy(policy)
    counts = dict.fromkeys(policy.pipeline_stages, 0)
    still_open = 0
    for opp in _opportunities(opportunities):
        stage = opp.stage_on(day)
        if stage is None:
            continue
        counts[_known_stage(stage, "stage", policy)] += 1
        still_open += policy.is_open(stage)
    return PipelineReport(day, counts=tuple(counts.items()), open=still_open)


def stale_opportunities(
    opportunities: Iterable[Opportunity],
    as_of: _dt.date,
    policy: PipelinePolicy,
    *,
    last_activity: Mapping[str, _dt.date] | None = None,
) -> tuple[StaleOpportunity, ...]:
    """Open opportunities idle for more than ``stale_opportunity_days`` (VISIT-9).

    The last activity is the later of the last stage move (or the opening) and the
    caller's ``last_activity[id]`` (a visit, a call).  The longest idle come first.

    Args:
        opportunities: the opportunities (ids unique).
        as_of: the day of the check.
        policy: the pipeline policy (``stale_opportunity_days`` must be set).
        last_activity: other activity per opportunity id.

    Returns:
        The stale opportunities with their reasons.

    Raises:
        PolicyError: ``stale_opportunity_days`` is not configured.

    >>> stale_opportunities([], datetime.date(2026, 3, 31), PipelinePolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: stale_opportunity_days: must be configured to find stale opportunities (VISIT-9)
    """
    day = check_date(as_of, "as_of")
    policy = _check_policy(policy)
    limit = policy.stale_opportunity_days
    if limit is None:
        raise PolicyError(
            "stale_opportunity_days",
            None,
            "must be configured to find stale opportunities (VISIT-9)",
        )
    extra: Mapping[str, _dt.date] = {} if last_activity is None else last_activity
    if not isinstance(extra, Mapping):
        raise WrongType("last_activity", last_activity, "a mapping of opportunity id to date")
    found: list[StaleOpportunity] = []
    for opp in _opportunities(opportunities):
        if not policy.is_open(opp.stage) or opp.opened_at.date() > day:
            continue
        latest = opp.last_event_at.date()
        if opp.id in extra:
            latest = max(latest, check_date(extra[opp.id], f"last_activity[{opp.id!r}]"))
        idle = (day - latest).days
        if idle > limit:
            found.append(
                StaleOpportunity(
                    opp.id,
                    opp.stage,
                    last_activity=latest,
                    days_idle=idle,
                    reason=Reason(
                        "VISIT-9",
                        "opportunity_stale",
                        {
                            "opportunity": opp.id,
                            "stage": opp.stage,
                            "last_activity": latest,
                            "days_idle": idle,
                            "max_days": limit,
                        },
                    ),
                )
            )
    found.sort(key=lambda item: (-item.days_idle, item.opportunity_id))
    return tuple(found)
