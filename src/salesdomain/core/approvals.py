"""Who may approve what, and whether a route of approvals is complete.

:class:`AuthorityLimits` says, for one measured quantity (a discount rate, an
amount, days of delay), how far each role may go on its own.  A route is an ordered
tuple of :class:`Role` steps; :func:`missing_approvals` checks the given
:class:`Approval` values against it under the route rules:

- **SOD-1** the requester never approves their own request;
- **SOD-2** one person fills at most one step;
- **SOD-3** an outside signatory (甲方负责人, ROLE-3) neither stands in for a ladder
  role nor is stood in for by one; a higher ladder role may fill a lower step, a
  lower role never fills a higher one;
- **SOD-4** an approval covers only the exact subject it names: an approval of a 5%
  price cut does not cover a 7% one.

>>> from decimal import Decimal
>>> from salesdomain import REAL_ESTATE_LADDER as L, AuthorityLimits, Approval, missing_approvals
>>> import datetime
>>> manager, director = L.get("sales_manager"), L.get("marketing_director")
>>> limits = AuthorityLimits({manager: Decimal("0.05"), director: None})
>>> limits.required_role(Decimal("0.08")).code
'marketing_director'
>>> day = datetime.date(2026, 3, 2)
>>> check = missing_approvals((manager, director), [Approval(director, "d1", day)], "c1")
>>> check.complete, [r.code for r in check.missing]
(False, ['sales_manager'])
>>> missing_approvals((manager,), [Approval(manager, "c1", day)], "c1").ignored[0].reason.code
'self_approval'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from salesdomain.core._numbers import check_text, to_decimal
from salesdomain.core.decisions import Reason
from salesdomain.core.errors import InvalidInput, PolicyError, UnknownEntity, WrongType
from salesdomain.core.org import Employee, Role

__all__ = [
    "REASON_CODES",
    "Approval",
    "AuthorityLimits",
    "IgnoredApproval",
    "RouteCheck",
    "missing_approvals",
]


REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "approval_missing",
        "cannot_stand_in_for_outside",
        "not_needed",
        "outside_role_not_on_route",
        "role_too_low",
        "same_person_twice",
        "self_approval",
        "stale_subject",
    }
)
"""Every reason code this module emits (the route rules SOD-1..4)."""


def _limits(value: object) -> tuple[tuple[Role, Decimal | None], ...]:
    if not isinstance(value, Mapping):
        raise WrongType("limits", value, "a mapping of Role to a Decimal limit or None")
    pairs: list[tuple[Role, Decimal | None]] = []
    for role, limit in value.items():
        if not isinstance(role, Role):
            raise WrongType("limits key", role, "a Role")
        if role.outside:
            raise PolicyError(
                f"limits[{role.code}]", role, "an outside signatory has no authority limit"
            )
        if limit is None:
            pairs.append((role, None))
            continue
        number = to_decimal(limit, f"limits[{role.code}]")
        if number < 0:
            raise PolicyError(f"limits[{role.code}]", limit, "a limit must not be negative")
        pairs.append((role, number))
    if not pairs:
        raise PolicyError("limits", value, "at least one role needs a limit")
    pairs.sort(key=lambda pair: pair[0].rank)
    return tuple(pairs)


@attrs.frozen
class AuthorityLimits:
    """Each role's inclusive limit for one measured quantity; ``None`` means no limit.

    Limits never decrease as rank rises, or the limits cannot be built
    (:class:`PolicyError`): a higher role must never be able to approve less.  A role
    that is not listed has the authority of the highest listed role at or below its
    rank (none if there is no such role).

    >>> from salesdomain import HOTEL_LADDER as H
    >>> AuthorityLimits({H.get("sales_manager"): Decimal("0.10"), H.get("sales_supervisor"): Decimal("0.20")})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: limits[sales_manager]: limits must not decrease as rank rises: sales_supervisor may approve up to 0.20, got Decimal('0.10')
    """

    limits: tuple[tuple[Role, Decimal | None], ...] = attrs.field(converter=_limits)

    @limits.validator
    def _monotonic(
        self,
        attribute: attrs.Attribute[tuple[tuple[Role, Decimal | None], ...]],
        pairs: tuple[tuple[Role, Decimal | None], ...],
    ) -> None:
        seen_ranks: dict[int, Role] = {}
        previous: tuple[Role, Decimal | None] | None = None
        for role, limit in pairs:
            if role.rank in seen_ranks:
                raise PolicyError(
                    f"limits[{role.code}]",
                    role,
                    f"two roles of rank {role.rank} ({seen_ranks[role.rank].code}, {role.code})",
                )
            seen_ranks[role.rank] = role
            if previous is not None:
                low_role, low_limit = previous
                if (low_limit is None and limit is not None) or (
                    low_limit is not None and limit is not None and limit < low_limit
                ):
                    raise PolicyError(
                        f"limits[{role.code}]",
                        limit,
                        "limits must not decrease as rank rises: "
                        f"{low_role.code} may approve up to {low_limit}",
                    )
            previous = (role, limit)

    @property
    def roles(self) -> tuple[Role, ...]:
        """The listed roles, lowest rank first."""
        return tuple(role for role, _ in self.limits)

    def limit_of(self, role: Role) -> Decimal | None:
        """The effective limit of ``role`` (``None`` = unlimited).

        Raises:
            UnknownEntity: ``role`` ranks below every listed role, or is outside.
        """
        if not isinstance(role, Role):
            raise WrongType("role", role, "a Role")
        best: tuple[Role, Decimal | None] | None = None
        if not role.outside:
            for listed, limit in self.limits:
                if listed.rank <= role.rank:
                    best = (listed, limit)
        if best is None:
            raise UnknownEntity("role", role, "has no authority under these limits")
        return best[1]

    def covers(self, role: Role, value: Decimal | int | str) -> bool:
        """Whether ``role`` may approve ``value`` on its own (limits are inclusive)."""
        number = to_decimal(value, "value", max_places=34)
        if not isinstance(role, Role):
            raise WrongType("role", role, "a Role")
        try:
            limit = self.limit_of(role)
        except UnknownEntity:
            return False
        return limit is None or number <= limit

    def required_role(self, value: Decimal | int | str) -> Role | None:
        """The lowest role whose limit covers ``value``, or ``None`` when no role may.

        >>> from salesdomain import HOTEL_LADDER as H
        >>> limits = AuthorityLimits({H.get("sales_manager"): Decimal("0.10")})
        >>> limits.required_role(Decimal("0.10")).code, limits.required_role(Decimal("0.1001"))
        ('sales_manager', None)
        """
        number = to_decimal(value, "value", max_places=34)
        for role, limit in self.limits:
            if limit is None or number <= limit:
                return role
        return None


def _check_at(value: object) -> _dt.date:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidInput(
                "at", value, "must be timezone-aware (a naive datetime is ambiguous)"
            )
        return value
    if isinstance(value, _dt.date):
        return value
    raise WrongType("at", value, "a date or a timezone-aware datetime")


def _check_subject(value: object) -> Hashable:
    if value is None:
        return None
    if not isinstance(value, Hashable):
        raise WrongType("subject", value, "a hashable value identifying what was approved")
    try:
        hash(value)
    except TypeError:
        raise WrongType(
            "subject", value, "a hashable value identifying what was approved"
        ) from None
    return value


def _check_by(value: object) -> str:
    return check_text(value, "by")


def _check_role(value: object) -> Role:
    if not isinstance(value, Role):
        raise WrongType("role", value, "a Role")
    return value


@attrs.frozen
class Approval:
    """One signature: who (``by``, an employee id) approved in which role, and when.

    Args:
        role: the role the approver signed in.
        by: the approver's employee id (or the outside signatory's name).
        at: a date, or a timezone-aware datetime.
        subject: what exactly was approved (a change, a price); an approval only
            counts for that very subject (SOD-4).
    """

    role: Role = attrs.field(converter=_check_role)
    by: str = attrs.field(converter=_check_by)
    at: _dt.date = attrs.field(converter=_check_at)
    subject: Hashable = attrs.field(default=None, kw_only=True, converter=_check_subject)


@attrs.frozen
class IgnoredApproval:
    """An approval that did not fill any step, with the reason."""

    approval: Approval
    reason: Reason


@attrs.frozen
class RouteCheck:
    """The result of checking approvals against a route.

    Attributes:
        route: the steps, in order.
        filled: ``(step, approval)`` for each filled step, in route order.
        missing: the steps still open, in route order.
        ignored: the approvals that did not count, each with its reason.
    """

    route: tuple[Role, ...]
    filled: tuple[tuple[Role, Approval], ...]
    missing: tuple[Role, ...]
    ignored: tuple[IgnoredApproval, ...]

    @property
    def complete(self) -> bool:
        """Whether every step is filled."""
        return not self.missing

    def reasons(self) -> tuple[Reason, ...]:
        """One reason per open step, then one per ignored approval."""
        open_steps = tuple(
            Reason("SOD-3" if step.outside else "SOD-2", "approval_missing", {"role": step})
            for step in self.missing
        )
        return open_steps + tuple(item.reason for item in self.ignored)


def _route(value: object) -> tuple[Role, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("route", value, "a sequence of Role")
    steps = tuple(value)
    for index, step in enumerate(steps):
        if not isinstance(step, Role):
            raise WrongType(f"route[{index}]", step, "a Role")
    if len(set(steps)) != len(steps):
        raise InvalidInput("route", steps, "a route must not name the same role twice")
    return steps


def missing_approvals(
    route: Sequence[Role],
    given: Iterable[Approval],
    requester: str | Employee,
    *,
    subject: Hashable = None,
) -> RouteCheck:
    """Check ``given`` approvals against ``route`` under the route rules SOD-1..4.

    Each approval fills at most one step and each person at most one step; a
    higher ladder role may fill a lower step; outside steps are filled only by that
    outside role.  The assignment fills as many steps as possible (the highest steps
    first, each with the lowest-ranked person that qualifies; a maximum matching of
    steps to people), so the result never depends on the order of ``given``.

    Args:
        route: the steps in order (a price: one role; a special contract change: the
            manager, the 营销总监, the 甲方负责人).
        given: the approvals collected so far.
        requester: the employee (or id) who asked; their approvals never count.
        subject: when given, only approvals whose ``subject`` equals it count.

    Returns:
        A :class:`RouteCheck` with the filled and open steps and the ignored approvals.

    >>> import datetime
    >>> from salesdomain import REAL_ESTATE_LADDER as L, PRINCIPAL_SIGNATORY
    >>> m, d = L.get("sales_manager"), L.get("marketing_director")
    >>> day = datetime.date(2026, 3, 2)
    >>> done = missing_approvals((m, d, PRINCIPAL_SIGNATORY),
    ...     [Approval(d, "d1", day), Approval(d, "d1", day)], "c1")
    >>> [r.code for r in done.missing], [i.reason.code for i in done.ignored]
    (['sales_manager', 'principal_signatory'], ['same_person_twice'])
    """
    steps = _route(route)
    if isinstance(requester, Employee):
        requester_id = requester.id
    else:
        requester_id = check_text(requester, "requester")
    collected: object = given  # checked as what callers may really pass
    if isinstance(collected, (str, bytes)) or not isinstance(collected, Iterable):
        raise WrongType("given", given, "a sequence of Approval")
    approvals = list(given)
    for index, approval in enumerate(approvals):
        if not isinstance(approval, Approval):
            raise WrongType(f"given[{index}]", approval, "an Approval")

    ignored: list[IgnoredApproval] = []
    candidates: list[Approval] = []
    for approval in approvals:
        if approval.by == requester_id:
            ignored.append(_ignored(approval, "SOD-1", "self_approval"))
        elif subject is not None and approval.subject != subject:
            ignored.append(_ignored(approval, "SOD-4", "stale_subject", subject=_describe(subject)))
        else:
            candidates.append(approval)

    # SOD-2: one person fills at most one step.  Match steps to people (not to
    # approvals) with augmenting paths: the routes are short, and a maximum matching
    # never depends on the order in which the approvals were given.
    by_person: dict[str, list[Approval]] = {}
    for approval in candidates:
        by_person.setdefault(approval.by, []).append(approval)
    people = sorted(by_person, key=lambda who: (_strength(by_person[who]), who))
    order = sorted(range(len(steps)), key=lambda i: (not steps[i].outside, -steps[i].rank, i))
    holder: dict[str, int] = {}

    def place(position: int, tried: set[str]) -> bool:
        for who in people:
            if who in tried or not any(_fills(a, steps[position]) for a in by_person[who]):
                continue
            tried.add(who)
            if who not in holder or place(holder[who], tried):
                holder[who] = position
                return True
        return False

    for position in order:
        place(position, set())
    assignment: dict[int, Approval] = {}
    for who, position in holder.items():
        fitting = [a for a in by_person[who] if _fills(a, steps[position])]
        assignment[position] = min(fitting, key=lambda a: (a.role.outside, a.role.rank))
    used = {id(a) for a in assignment.values()}
    open_steps = [step for i, step in enumerate(steps) if i not in assignment]
    open_ladder = [step for step in open_steps if not step.outside]
    open_outside = [step for step in open_steps if step.outside]
    for approval in candidates:
        if id(approval) in used:
            continue
        if approval.by in holder:
            ignored.append(_ignored(approval, "SOD-2", "same_person_twice"))
        elif approval.role.outside:
            if approval.role not in steps:
                ignored.append(_ignored(approval, "SOD-3", "outside_role_not_on_route"))
            else:
                ignored.append(_ignored(approval, "SOD-2", "not_needed"))
        elif open_ladder:
            lowest = min(open_ladder, key=lambda step: step.rank)
            ignored.append(_ignored(approval, "SOD-3", "role_too_low", needed=lowest))
        elif open_outside:
            ignored.append(
                _ignored(approval, "SOD-3", "cannot_stand_in_for_outside", needed=open_outside[0])
            )
        else:
            ignored.append(_ignored(approval, "SOD-2", "not_needed"))
    filled = tuple((steps[i], assignment[i]) for i in range(len(steps)) if i in assignment)
    return RouteCheck(steps, filled, tuple(open_steps), tuple(ignored))


def _fills(approval: Approval, step: Role) -> bool:
    """SOD-3: an outside step takes only that role; a ladder step any role at least as high."""
    if step.outside or approval.role.outside:
        return approval.role == step
    return approval.role.rank >= step.rank


def _strength(approvals: list[Approval]) -> int:
    """How high a person's approvals reach (weaker people are tried first)."""
    return max((a.role.rank for a in approvals if not a.role.outside), default=-1)


def _describe(subject: Hashable) -> str:
    text = str(subject)
    return text if len(text) <= 120 else text[:117] + "..."


def _ignored(approval: Approval, rule: str, code: str, **params: object) -> IgnoredApproval:
    values: dict[str, object] = {"by": approval.by, "role": approval.role}
    values.update(params)
    return IgnoredApproval(approval, Reason(rule, code, values))
