"""The quoting and bidding workflow, steps A to F (QUOTE-1..8, CONTRACT-6).

A :class:`Bid` (an inquiry for a price comparison 比价, or a tender 招标) moves
through the seed's steps:

- **A** (QUOTE-1, QUOTE-2): reported to the department manager, who decides go or
  no-go; a major (「重大」) bid also needs company leadership, read as the manager's
  superior in the :class:`~salesdomain.core.org.OrgChart` (X-3).
- **B** (QUOTE-3): compiling the documents.
- **C, D** (QUOTE-4, QUOTE-5): the technical review for difficult products and the
  purchasing review (lead time and purchase price) for key products: either, both
  or none as the lines require, in any order.
- **E** (QUOTE-6): the manager's final review; a major bid also needs leadership,
  after the manager.  Only then may it be printed.
- **F** (QUOTE-7): printed, bound and stamped, sent; then won or lost.  A won bid
  opens a contract (CONTRACT-6) through :meth:`Bid.won_bid`, whose plain values go
  to ``Contract.from_won_bid`` of :mod:`salesdomain.contracts` (neither module
  imports the other).

"Major" is a policy predicate (X-12): the bid's value at or above
``major_amount_threshold``, or a flag the policy names.  The threshold has no
default, so a :class:`QuotePolicy` without it cannot be built and a bid can never
silently skip leadership.

Every transition is pure (it returns a new bid), names who acted and when, and
raises :class:`~salesdomain.core.errors.IllegalTransition` with the reason when the
step is out of turn or the actor has the wrong role.

>>> import datetime
>>> from salesdomain import GENERIC_LADDER as G, Employee, Money, OrgChart
>>> from salesdomain.quoting import Bid, BidKind, QuotePolicy
>>> rep = Employee("s1", "小王", G.get("salesperson"))
>>> mgr = Employee("m1", "李经理", G.get("sales_manager"))
>>> gm = Employee("g1", "张总", G.get("general_manager"))
>>> org = OrgChart((rep, mgr, gm), {"s1": "m1", "m1": "g1"})
>>> policy = QuotePolicy(major_amount_threshold=Money("500000"))
>>> day = datetime.date(2026, 3, 2)
>>> bid = Bid.report("B-1", BidKind.TENDER, value=Money("80000"), reported_by=rep,
...     received_on=day, reported_on=day, org=org, policy=policy)
>>> bid.go(mgr, day, policy).state.value
'compiling'
>>> bid.go(rep, day, policy)
Traceback (most recent call last):
...
salesdomain.core.errors.IllegalTransition: cannot go in state 'reported': salesperson cannot decide for the manager (needs sales_manager or higher)
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable
from typing import Any, Final

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import ZERO, check_date, check_int, check_text
from salesdomain.core.decisions import Decision, Reason, Verdict
from salesdomain.core.errors import (
    IllegalTransition,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.money import Money
from salesdomain.core.org import GENERIC_LADDER, Employee, OrgChart, Role, RoleLadder

__all__ = [
    "REASON_CODES",
    "Bid",
    "BidAction",
    "BidEvent",
    "BidKind",
    "BidLine",
    "BidRequirements",
    "BidState",
    "PurchasingReview",
    "QuotePolicy",
    "ReviewKind",
    "WonBid",
    "bid_requirements",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "bid_major_by_value",
        "bid_major_by_flag",
        "bid_not_major",
        "technical_review_required",
        "purchasing_review_required",
        "bid_reported_late",
    }
)
"""Every reason code this module emits."""

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


class BidKind(enum.Enum):
    """What the customer asked for (QUOTE-1)."""

    PRICE_COMPARISON = "price_comparison"
    """询价 / 比价: an inquiry answered with a quotation."""
    TENDER = "tender"
    """招标: a tender answered with a bid book."""


class ReviewKind(enum.Enum):
    """The support reviews of steps C and D."""

    TECHNICAL = "technical"
    """C: the technical department on difficult (疑难) products (QUOTE-4)."""
    PURCHASING = "purchasing"
    """D: purchasing on the lead time and purchase price of key (重点) products (QUOTE-5)."""


class BidState(enum.Enum):
    """Where a bid stands (QUOTE A-F)."""

    REPORTED = "reported"
    """A: reported to the manager, awaiting go / no-go."""
    AWAITING_LEADERSHIP_GO = "awaiting_leadership_go"
    """A: major; the manager said go, leadership has not yet."""
    NO_GO = "no_go"
    """Not taken part in (terminal)."""
    COMPILING = "compiling"
    """B: documents being compiled (also after a send-back or a revision)."""
    SUPPORT_REVIEW = "support_review"
    """C/D: waiting for the technical and/or purchasing review."""
    FINAL_REVIEW = "final_review"
    """E: waiting for the manager's final review."""
    AWAITING_LEADERSHIP_FINAL = "awaiting_leadership_final"
    """E: major; the manager approved, leadership has not yet."""
    APPROVED = "approved"
    """E done: may be printed."""
    PRINTED = "printed"
    """F: printed."""
    BOUND_AND_STAMPED = "bound_and_stamped"
    """F: bound into a volume and stamped with the company seal."""
    SENT = "sent"
    """F: sent to the comparison or tender."""
    WON = "won"
    """Won (terminal; opens a contract, CONTRACT-6)."""
    LOST = "lost"
    """Lost (terminal)."""


class BidAction(enum.Enum):
    """The actions recorded in a bid's history."""

    GO = "go"
    NO_GO = "no_go"
    SUBMIT = "submit"
    TECHNICAL_REVIEW = "technical_review"
    PURCHASING_REVIEW = "purchasing_review"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    REVISE = "revise"
    PRINT = "print"
    BIND_AND_STAMP = "bind_and_stamp"
    SEND = "send"
    WIN = "win"
    LOSE = "lose"


# ---------------------------------------------------------------- converters
def _text(value: object, field: str) -> str:
    return check_text(value, field)


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


def _count(value: object, field: str) -> int:
    return check_int(value, field, minimum=0)


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _money(value: object, field: str) -> Money:
    if not isinstance(value, Money):
        raise WrongType(field, value, "a Money")
    if value.amount < ZERO:
        raise InvalidInput(field, value, "must not be negative")
    return value


def _to_id(value: object) -> str:
    return _text(value, "id")


def _to_flags(value: object) -> tuple[str, ...]:
    return _flag_codes(value, "flags")


def _to_major_flags(value: object) -> tuple[str, ...]:
    return _flag_codes(value, "major_flags")


def _to_value(value: object) -> Money:
    return _money(value, "value")


def _to_threshold(value: object) -> Money:
    money = _money(value, "major_amount_threshold")
    if not money.amount > ZERO:
        raise PolicyError("major_amount_threshold", value, "must be above zero")
    return money


def _bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


def _to_kind(value: object) -> BidKind:
    if isinstance(value, BidKind):
        return value
    if type(value) is str:
        try:
            return BidKind(value)
        except ValueError:
            raise UnknownEntity("kind", value, "expected 'price_comparison' or 'tender'") from None
    raise WrongType("kind", value, "a BidKind")


def _to_state(value: object) -> BidState:
    if isinstance(value, BidState):
        return value
    if type(value) is str:
        try:
            return BidState(value)
        except ValueError:
            raise UnknownEntity("state", value, "not a bid state") from None
    raise WrongType("state", value, "a BidState")


def _to_action(value: object) -> BidAction:
    if isinstance(value, BidAction):
        return value
    if type(value) is str:
        try:
            return BidAction(value)
        except ValueError:
            raise UnknownEntity("action", value, "not a bid action") from None
    raise WrongType("action", value, "a BidAction")


def _to_ladder(value: object) -> RoleLadder:
    if not isinstance(value, RoleLadder):
        raise WrongType("ladder", value, "a RoleLadder")
    return value


def _to_manager_role(value: object) -> Role:
    if not isinstance(value, Role):
        raise WrongType("manager_role", value, "a Role")
    return value


def _to_leadership_role(value: object) -> Role | None:
    if value is not None and not isinstance(value, Role):
        raise WrongType("leadership_role", value, "a Role or None")
    return value


# -------------------------------------------------------------------- values
@attrs.frozen(field_transformer=wire_checks)
class BidLine:
    """One product of a bid, with the flags that call for support reviews (QUOTE-3..5).

    Args:
        product: the product's name or code.
        difficult: a 疑难 product: the technical department must review (QUOTE-4).
        key: a 重点 product: purchasing must review lead time and price (QUOTE-5).

    >>> BidLine("VAV-200", difficult=True).difficult
    True
    >>> BidLine("VAV-200", key="yes")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: key: expected a bool, got str 'yes'
    """

    product: str = attrs.field(metadata=check(_text))
    difficult: bool = attrs.field(default=False, kw_only=True, metadata=check(_bool))
    key: bool = attrs.field(default=False, kw_only=True, metadata=check(_bool))


def _to_lines(value: object) -> tuple[BidLine, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("lines", value, "a sequence of BidLine")
    lines = tuple(value)
    for index, line in enumerate(lines):
        if not isinstance(line, BidLine):
            raise WrongType(f"lines[{index}]", line, "a BidLine")
    return lines


@attrs.frozen(field_transformer=wire_checks)
class PurchasingReview:
    """What purchasing confirmed for the key products (QUOTE-5).

    Args:
        lead_time_days: the confirmed delivery lead time, in days.
        purchase_price: the confirmed purchase (cost) price.
    """

    lead_time_days: int = attrs.field(metadata=check(_count))
    purchase_price: Money = attrs.field(metadata=check(_money))


def _to_purchasing(value: object) -> PurchasingReview | None:
    if value is not None and not isinstance(value, PurchasingReview):
        raise WrongType("purchasing", value, "a PurchasingReview or None")
    return value


@attrs.frozen(field_transformer=wire_checks)
class BidEvent:
    """One step of a bid: the action, the state it led to, who acted and when.

    ``leadership`` is true when the step was company leadership's (QUOTE-2, QUOTE-6).
    """

    action: BidAction = attrs.field(converter=_to_action)
    state: BidState = attrs.field(converter=_to_state)
    by: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    at: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    leadership: bool = attrs.field(default=False, kw_only=True, metadata=check(_bool))


def _to_history(value: object) -> tuple[BidEvent, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("history", value, "a sequence of BidEvent")
    events = tuple(value)
    for index, event in enumerate(events):
        if not isinstance(event, BidEvent):
            raise WrongType(f"history[{index}]", event, "a BidEvent")
        if index and event.at < events[index - 1].at:
            raise InvalidInput(f"history[{index}].at", event.at, "events must not go back in time")
    return events


@attrs.frozen(field_transformer=wire_checks)
class WonBid:
    """What a won bid hands to the contracts module (CONTRACT-6): plain values."""

    bid_id: str = attrs.field(converter=_to_id)
    amount: Money = attrs.field(converter=_to_value)
    won_on: _dt.date = attrs.field(metadata=check(check_date))


# -------------------------------------------------------------------- policy
def _default_manager_role(policy: QuotePolicy) -> Role:
    try:
        return policy.ladder.get("sales_manager")
    except UnknownEntity:
        raise PolicyError(
            "manager_role", None, "the ladder has no 'sales_manager' role: set manager_role"
        ) from None


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class QuotePolicy:
    """How bids are decided and reviewed (QUOTE-1..7, X-3, X-12).

    Args:
        major_amount_threshold: a bid whose value is at or above this is major
            (「重大」).  **Required**: the seed gives no number and a silent default
            would let bids skip leadership (X-12).
        major_flags: flags that make a bid major whatever its value (default:
            ``"strategic_customer"`` and ``"bid_bond"``, X-12's examples).
        ladder: the company's roles (default :data:`GENERIC_LADDER`, the S7 company).
        manager_role: the department manager's role (default the ladder's
            ``sales_manager``); a higher own-company role may stand in.
        leadership_role: who 「公司领导」 is: ``None`` (default) for the manager's
            direct superior in the org chart (X-3), or a role to look for up the
            manager's chain of command (``escalation_targets[QUOTE_MAJOR]``).
        technical_department: the ``Employee.department`` of the technical reviewers
            (技术部, QUOTE-4; default ``"technical"``).
        purchasing_department: the ``Employee.department`` of purchasing (采购部,
            QUOTE-5; default ``"purchasing"``).
        report_sla_days: how many days after receiving an inquiry it may be reported
            (「第一时间」, QUOTE-1; default 0: the same day).

    Raises:
        PolicyError: a threshold not above zero, roles off the ladder, or a
            leadership role not above the manager.

    >>> from salesdomain import Money
    >>> QuotePolicy(major_amount_threshold=Money("500000")).is_major(Money("500000"))
    True
    >>> QuotePolicy()
    Traceback (most recent call last):
    ...
    TypeError: QuotePolicy.__init__() missing 1 required keyword-only argument: 'major_amount_threshold'
    """

    major_amount_threshold: Money = attrs.field(converter=_to_threshold)
    major_flags: tuple[str, ...] = attrs.field(
        default=("bid_bond", "strategic_customer"), converter=_to_major_flags
    )
    ladder: RoleLadder = attrs.field(default=GENERIC_LADDER, converter=_to_ladder)
    manager_role: Role = attrs.field(
        default=attrs.Factory(_default_manager_role, takes_self=True),
        converter=_to_manager_role,
    )
    leadership_role: Role | None = attrs.field(default=None, converter=_to_leadership_role)
    technical_department: str = attrs.field(default="technical", metadata=check(_text))
    purchasing_department: str = attrs.field(default="purchasing", metadata=check(_text))
    report_sla_days: int = attrs.field(default=0, metadata=check(_count))

    def __attrs_post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        if self.manager_role not in self.ladder.ladder:
            errors.append(("manager_role", f"{self.manager_role.code} is not a ladder role"))
        leader = self.leadership_role
        if leader is not None:
            if leader not in self.ladder.ladder:
                errors.append(("leadership_role", f"{leader.code} is not a ladder role"))
            elif leader.rank <= self.manager_role.rank:
                errors.append(
                    (
                        "leadership_role",
                        f"{leader.code} does not rank above {self.manager_role.code}",
                    )
                )
        if self.technical_department == self.purchasing_department:
            errors.append(("purchasing_department", "must differ from technical_department"))
        if errors:
            if len(errors) == 1:
                key, message = errors[0]
                raise PolicyError(key, None, message)
            raise PolicyError.from_errors(errors)

    def is_major(self, value: Money, flags: Iterable[str] = ()) -> bool:
        """Whether a bid of ``value`` carrying ``flags`` is 「重大」 (X-12).

        Raises:
            CurrencyMismatch: ``value`` is in another currency than the threshold.
        """
        if not isinstance(value, Money):
            raise WrongType("value", value, "a Money")
        if value >= self.major_amount_threshold:
            return True
        return any(flag in self.major_flags for flag in flags)


# ----------------------------------------------------------------------- bid
@attrs.frozen(eq=False, field_transformer=wire_checks)
class Bid:
    """An inquiry or tender on its way through steps A to F (QUOTE-1..7).

    Build one with :meth:`report`; each transition returns a new bid with one more
    :class:`BidEvent`.  Two bids are equal when their ids are (an entity).

    Args:
        id: the bid's id.
        kind: price comparison or tender.
        value: the estimated value (judged against the major threshold at A and E).
        reported_by: the salesperson who reported it.
        manager: the department manager it was reported to.
        leadership: company leadership for major bids (X-3).
        received_on: when the inquiry or tender was received.
        reported_on: when it was reported (not before ``received_on``).
        lines: the products, with their difficult / key flags.
        flags: the bid's flags (e.g. ``"bid_bond"``), matched against the policy's
            ``major_flags``.
        deadline: the tender deadline, if any.
        purchasing: what purchasing confirmed (QUOTE-5), once reviewed.
        state: the current state; must match the last history event.
        history: the steps since the report.
    """

    id: str = attrs.field(metadata=check(_text))
    kind: BidKind = attrs.field(converter=_to_kind)
    value: Money = attrs.field(kw_only=True, metadata=check(_money))
    reported_by: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    manager: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    leadership: Employee = attrs.field(kw_only=True, metadata=check(_employee))
    received_on: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    reported_on: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    lines: tuple[BidLine, ...] = attrs.field(default=(), kw_only=True, converter=_to_lines)
    flags: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_to_flags)
    deadline: _dt.date | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_date)
    )
    purchasing: PurchasingReview | None = attrs.field(
        default=None, kw_only=True, converter=_to_purchasing
    )
    state: BidState = attrs.field(default=BidState.REPORTED, kw_only=True, converter=_to_state)
    history: tuple[BidEvent, ...] = attrs.field(default=(), kw_only=True, converter=_to_history)

    def __attrs_post_init__(self) -> None:
        if self.reported_on < self.received_on:
            raise InvalidInput("reported_on", self.reported_on, "is before received_on")
        if self.leadership == self.manager:
            raise InvalidInput("leadership", self.leadership.id, "must not be the manager")
        if self.history:
            if self.history[-1].state is not self.state:
                raise InvalidInput(
                    "state", self.state.value, "must be the state of the last history event"
                )
            if self.history[0].at < self.reported_on:
                raise InvalidInput("history[0].at", self.history[0].at, "is before reported_on")
        elif self.state is not BidState.REPORTED:
            raise InvalidInput("state", self.state.value, "a bid without history is just reported")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Bid):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash(("Bid", self.id))

    @classmethod
    def report(
        cls,
        bid_id: str,
        kind: BidKind,
        *,
        value: Money,
        reported_by: Employee,
        received_on: _dt.date,
        reported_on: _dt.date,
        org: OrgChart,
        policy: QuotePolicy,
        lines: Iterable[BidLine] = (),
        flags: Iterable[str] = (),
        deadline: _dt.date | None = None,
    ) -> Bid:
        """Report an inquiry or tender to the department manager (QUOTE-1).

        The manager is the first person at or above ``policy.manager_role`` in the
        reporter's chain of command (the reporter themselves if they are the
        manager); leadership is the manager's direct superior, or the first holder of
        ``policy.leadership_role`` above the manager (X-3).

        Raises:
            InvalidInput: nobody in the org chart can act as manager or as leadership,
                or ``reported_on`` is before ``received_on``.
            UnknownEntity: the reporter is not in the org chart.
            CurrencyMismatch: the value's currency differs from the threshold's.

        >>> import datetime
        >>> from salesdomain import GENERIC_LADDER as G, Employee, Money, OrgChart
        >>> mgr = Employee("m1", "李经理", G.get("sales_manager"))
        >>> rep = Employee("s1", "小王", G.get("salesperson"))
        >>> org = OrgChart((rep, mgr), {"s1": "m1"})
        >>> Bid.report("B-1", BidKind.TENDER, value=Money("1000"), reported_by=rep,
        ...     received_on=datetime.date(2026, 3, 2), reported_on=datetime.date(2026, 3, 2),
        ...     org=org, policy=QuotePolicy(major_amount_threshold=Money("500000")))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: org: no leadership above the manager m1 (X-3), got 'm1'
        """
        if not isinstance(org, OrgChart):
            raise WrongType("org", org, "an OrgChart")
        if not isinstance(policy, QuotePolicy):
            raise WrongType("policy", policy, "a QuotePolicy")
        reporter = _employee(reported_by, "reported_by")
        chain = (org.get(reporter.id), *org.chain_of_command(reporter))
        manager_rank = policy.manager_role.rank
        manager = next(
            (p for p in chain if not p.role.outside and p.role.rank >= manager_rank), None
        )
        if manager is None:
            raise InvalidInput("org", reporter.id, "nobody in the chain of command is a manager")
        above = org.chain_of_command(manager)
        if policy.leadership_role is None:
            leadership = above[0] if above else None
        else:
            wanted = policy.leadership_role
            leadership = next((p for p in above if p.role == wanted), None)
        if leadership is None:
            raise InvalidInput(
                "org", manager.id, f"no leadership above the manager {manager.id} (X-3)"
            )
        bid = cls(
            bid_id,
            kind,
            value=value,
            reported_by=reporter,
            manager=manager,
            leadership=leadership,
            received_on=received_on,
            reported_on=reported_on,
            lines=_to_lines(lines),
            flags=_to_flags(flags),
            deadline=deadline,
        )
        policy.is_major(bid.value)  # refuses a value in another currency now
        return bid

    # -- queries ---------------------------------------------------------------
    @property
    def required_reviews(self) -> tuple[ReviewKind, ...]:
        """The support reviews the current lines need (QUOTE-4, QUOTE-5)."""
        needed: list[ReviewKind] = []
        if any(line.difficult for line in self.lines):
            needed.append(ReviewKind.TECHNICAL)
        if any(line.key for line in self.lines):
            needed.append(ReviewKind.PURCHASING)
        return tuple(needed)

    def _round(self) -> tuple[BidEvent, ...]:
        """The events since the bid last entered COMPILING (all of them before that)."""
        for index in range(len(self.history) - 1, -1, -1):
            if self.history[index].state is BidState.COMPILING:
                return self.history[index + 1 :]
        return self.history

    @property
    def reviews_done(self) -> tuple[ReviewKind, ...]:
        """The support reviews done since the bid last entered COMPILING."""
        done = {e.action for e in self._round()}
        return tuple(
            kind
            for kind, action in (
                (ReviewKind.TECHNICAL, BidAction.TECHNICAL_REVIEW),
                (ReviewKind.PURCHASING, BidAction.PURCHASING_REVIEW),
            )
            if action in done
        )

    def event(self, action: BidAction, *, leadership: bool = False) -> BidEvent | None:
        """The last event of ``action`` (by leadership or not), or ``None``."""
        for event in reversed(self.history):
            if event.action is action and event.leadership is leadership:
                return event
        return None

    @property
    def sent_late(self) -> bool | None:
        """Whether it was sent after the tender deadline (``None``: no deadline or not sent)."""
        sent = self.event(BidAction.SEND)
        if self.deadline is None or sent is None:
            return None
        return sent.at > self.deadline

    def won_bid(self) -> WonBid:
        """The plain values that open a contract for a won bid (CONTRACT-6).

        Raises:
            IllegalTransition: the bid is not won.
        """
        if self.state is not BidState.WON:
            raise IllegalTransition(self.state.value, "open a contract", "only a won bid opens one")
        won = self.event(BidAction.WIN)
        assert won is not None
        return WonBid(self.id, self.value, won.at)

    # -- guards ------------------------------------------------------------------
    def _fail(self, action: str, reason: str) -> IllegalTransition:
        return IllegalTransition(self.state.value, action, reason)

    def _need_state(self, action: str, *states: BidState) -> None:
        if self.state not in states:
            wanted = " or ".join(s.value for s in states)
            raise self._fail(action, f"only possible in state {wanted}")

    def _as_manager(self, action: str, by: Employee, policy: QuotePolicy) -> None:
        role = policy.manager_role
        if by.role.outside or by.role.rank < role.rank:
            raise self._fail(
                action,
                f"{by.role.code} cannot decide for the manager (needs {role.code} or higher)",
            )
        if by == self.reported_by and by != self.manager:
            raise self._fail(action, "the reporter cannot decide on their own bid")

    def _as_leadership(self, action: str, by: Employee, manager_step: BidEvent | None) -> None:
        leader = self.leadership
        if by != leader and (by.role.outside or by.role.rank < leader.role.rank):
            raise self._fail(
                action,
                f"{by.role.code} is not company leadership (needs {leader.role.code}, X-3)",
            )
        if manager_step is not None and manager_step.by == by:
            raise self._fail(
                action, "the same person cannot fill the manager's and leadership's step"
            )
        if by == self.reported_by:
            raise self._fail(action, "the reporter cannot decide on their own bid")

    def _as_team(self, action: str, by: Employee, policy: QuotePolicy) -> None:
        if by == self.reported_by or by == self.manager:
            return
        if by.role.outside or by.role.rank < policy.manager_role.rank:
            raise self._fail(
                action, f"{by.role.code} {by.id} is neither the reporter nor the manager"
            )

    def _move(
        self,
        action: BidAction,
        by: Employee,
        at: _dt.date,
        to: BidState,
        *,
        leadership: bool = False,
        changes: dict[str, Any] | None = None,
    ) -> Bid:
        last = self.history[-1].at if self.history else self.reported_on
        if at < last:
            raise InvalidInput("at", at, f"is before the previous step ({last})")
        event = BidEvent(action, to, by=by, at=at, leadership=leadership)
        return attrs.evolve(self, state=to, history=(*self.history, event), **(changes or {}))

    @staticmethod
    def _args(by: object, at: object, policy: object) -> tuple[Employee, _dt.date, QuotePolicy]:
        if not isinstance(policy, QuotePolicy):
            raise WrongType("policy", policy, "a QuotePolicy")
        return _employee(by, "by"), check_date(at, "at"), policy

    def _last_in_round(self, action: BidAction, *, leadership: bool) -> BidEvent | None:
        for event in reversed(self._round()):
            if event.action is action and event.leadership is leadership:
                return event
        return None

    # -- A: go / no-go -----------------------------------------------------------
    def go(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """Decide to take part (QUOTE-2): the manager, then leadership if major.

        Raises:
            IllegalTransition: out of turn, or ``by`` has the wrong role.
        """
        by, at, policy = self._args(by, at, policy)
        if self.state is BidState.REPORTED:
            self._as_manager("go", by, policy)
            major = policy.is_major(self.value, self.flags)
            to = BidState.AWAITING_LEADERSHIP_GO if major else BidState.COMPILING
            return self._move(BidAction.GO, by, at, to)
        if self.state is BidState.AWAITING_LEADERSHIP_GO:
            self._as_leadership("go", by, self.event(BidAction.GO))
            return self._move(BidAction.GO, by, at, BidState.COMPILING, leadership=True)
        raise self._fail("go", "the go / no-go decision is already made")

    def no_go(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """Decide not to take part: at A (QUOTE-2) or at the final review (QUOTE-6).

        The manager's no needs no leadership; leadership may say no after the
        manager's yes.
        """
        by, at, policy = self._args(by, at, policy)
        if self.state in (BidState.REPORTED, BidState.FINAL_REVIEW):
            self._as_manager("no_go", by, policy)
            return self._move(BidAction.NO_GO, by, at, BidState.NO_GO)
        if self.state is BidState.AWAITING_LEADERSHIP_GO:
            self._as_leadership("no_go", by, self.event(BidAction.GO))
            return self._move(BidAction.NO_GO, by, at, BidState.NO_GO, leadership=True)
        if self.state is BidState.AWAITING_LEADERSHIP_FINAL:
            step = self._last_in_round(BidAction.APPROVE, leadership=False)
            self._as_leadership("no_go", by, step)
            return self._move(BidAction.NO_GO, by, at, BidState.NO_GO, leadership=True)
        raise self._fail("no_go", "a no-go is decided at step A or at the final review")

    # -- B: compiling ------------------------------------------------------------
    def submit(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """Documents compiled (QUOTE-3): on to the support reviews the lines need, or E."""
        by, at, policy = self._args(by, at, policy)
        self._need_state("submit", BidState.COMPILING)
        self._as_team("submit", by, policy)
        to = BidState.SUPPORT_REVIEW if self.required_reviews else BidState.FINAL_REVIEW
        return self._move(BidAction.SUBMIT, by, at, to)

    def revise(
        self,
        by: Employee,
        at: _dt.date,
        policy: QuotePolicy,
        *,
        value: Money | None = None,
        lines: Iterable[BidLine] | None = None,
        flags: Iterable[str] | None = None,
    ) -> Bid:
        """Change the content; back to COMPILING, every review to be done again (QUOTE-6).

        Possible from COMPILING up to APPROVED (an approved bid not yet printed).
        """
        by, at, policy = self._args(by, at, policy)
        self._need_state(
            "revise",
            BidState.COMPILING,
            BidState.SUPPORT_REVIEW,
            BidState.FINAL_REVIEW,
            BidState.AWAITING_LEADERSHIP_FINAL,
            BidState.APPROVED,
        )
        self._as_team("revise", by, policy)
        changes: dict[str, Any] = {"purchasing": None}
        if value is not None:
            changes["value"] = value
            policy.is_major(_to_value(value))
        if lines is not None:
            changes["lines"] = _to_lines(lines)
        if flags is not None:
            changes["flags"] = _to_flags(flags)
        return self._move(BidAction.REVISE, by, at, BidState.COMPILING, changes=changes)

    # -- C, D: support reviews -----------------------------------------------------
    def _review(
        self, kind: ReviewKind, action: BidAction, by: Employee, department: str
    ) -> BidState:
        name = action.value
        self._need_state(name, BidState.SUPPORT_REVIEW)
        if kind not in self.required_reviews:
            raise self._fail(name, f"no line of this bid needs the {kind.value} review")
        if kind in self.reviews_done:
            raise self._fail(name, f"the {kind.value} review is already done")
        if by.department != department:
            raise self._fail(
                name, f"{by.id} is not in the {department} department ({by.department!r})"
            )
        remaining = set(self.required_reviews) - set(self.reviews_done) - {kind}
        return BidState.SUPPORT_REVIEW if remaining else BidState.FINAL_REVIEW

    def technical_review(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """C: the technical department confirms models and parameters (QUOTE-4)."""
        by, at, policy = self._args(by, at, policy)
        to = self._review(
            ReviewKind.TECHNICAL, BidAction.TECHNICAL_REVIEW, by, policy.technical_department
        )
        return self._move(BidAction.TECHNICAL_REVIEW, by, at, to)

    def purchasing_review(
        self,
        by: Employee,
        at: _dt.date,
        policy: QuotePolicy,
        *,
        lead_time_days: int,
        purchase_price: Money,
    ) -> Bid:
        """D: purchasing confirms lead time and purchase price of key products (QUOTE-5)."""
        by, at, policy = self._args(by, at, policy)
        result = PurchasingReview(lead_time_days, purchase_price)
        to = self._review(
            ReviewKind.PURCHASING, BidAction.PURCHASING_REVIEW, by, policy.purchasing_department
        )
        return self._move(BidAction.PURCHASING_REVIEW, by, at, to, changes={"purchasing": result})

    # -- E: final review ---------------------------------------------------------------
    def approve(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """E: the manager's final review, then leadership's if major (QUOTE-6).

        Raises:
            IllegalTransition: out of turn, or ``by`` has the wrong role.
        """
        by, at, policy = self._args(by, at, policy)
        if self.state is BidState.FINAL_REVIEW:
            self._as_manager("approve", by, policy)
            major = policy.is_major(self.value, self.flags)
            to = BidState.AWAITING_LEADERSHIP_FINAL if major else BidState.APPROVED
            return self._move(BidAction.APPROVE, by, at, to)
        if self.state is BidState.AWAITING_LEADERSHIP_FINAL:
            step = self._last_in_round(BidAction.APPROVE, leadership=False)
            self._as_leadership("approve", by, step)
            return self._move(BidAction.APPROVE, by, at, BidState.APPROVED, leadership=True)
        raise self._fail("approve", "only a bid in final review can be approved")

    def send_back(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """E: the reviewer sends the documents back for rework (to COMPILING)."""
        by, at, policy = self._args(by, at, policy)
        if self.state in (BidState.FINAL_REVIEW, BidState.SUPPORT_REVIEW):
            self._as_manager("send_back", by, policy)
            return self._move(
                BidAction.SEND_BACK, by, at, BidState.COMPILING, changes={"purchasing": None}
            )
        if self.state is BidState.AWAITING_LEADERSHIP_FINAL:
            step = self._last_in_round(BidAction.APPROVE, leadership=False)
            self._as_leadership("send_back", by, step)
            return self._move(
                BidAction.SEND_BACK,
                by,
                at,
                BidState.COMPILING,
                leadership=True,
                changes={"purchasing": None},
            )
        raise self._fail("send_back", "only a bid under review can be sent back")

    # -- F: print, bind and stamp, send; result -----------------------------------------
    def print(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """Print the approved documents (QUOTE-6: 「确认后方可进行打印」).

        Raises:
            IllegalTransition: the final review is not complete (for a major bid:
                leadership has not approved after the manager).
        """
        by, at, policy = self._args(by, at, policy)
        if self.state is BidState.AWAITING_LEADERSHIP_FINAL:
            raise self._fail("print", "a major bid needs leadership's final approval first")
        self._need_state("print", BidState.APPROVED)
        self._as_team("print", by, policy)
        if self._last_in_round(BidAction.APPROVE, leadership=False) is None:
            raise self._fail("print", "the manager's final review is missing")
        if policy.is_major(self.value, self.flags) and (
            self._last_in_round(BidAction.APPROVE, leadership=True) is None
        ):
            raise self._fail("print", "a major bid needs leadership's final approval first")
        return self._move(BidAction.PRINT, by, at, BidState.PRINTED)

    def bind_and_stamp(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """Bind into a volume and stamp with the company seal (QUOTE-7)."""
        by, at, policy = self._args(by, at, policy)
        self._need_state("bind_and_stamp", BidState.PRINTED)
        self._as_team("bind_and_stamp", by, policy)
        return self._move(BidAction.BIND_AND_STAMP, by, at, BidState.BOUND_AND_STAMPED)

    def send(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """Send the bound and stamped documents (QUOTE-7); unsealed ones cannot go."""
        by, at, policy = self._args(by, at, policy)
        self._need_state("send", BidState.BOUND_AND_STAMPED)
        self._as_team("send", by, policy)
        return self._move(BidAction.SEND, by, at, BidState.SENT)

    def win(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """Record that the bid was won (CONTRACT-6: it may open a contract)."""
        by, at, policy = self._args(by, at, policy)
        self._need_state("win", BidState.SENT)
        self._as_team("win", by, policy)
        return self._move(BidAction.WIN, by, at, BidState.WON)

    def lose(self, by: Employee, at: _dt.date, policy: QuotePolicy) -> Bid:
        """Record that the bid was lost."""
        by, at, policy = self._args(by, at, policy)
        self._need_state("lose", BidState.SENT)
        self._as_team("lose", by, policy)
        return self._move(BidAction.LOSE, by, at, BidState.LOST)


# ------------------------------------------------------------- requirements
@attrs.frozen
class BidRequirements(Decision):
    """The result of :func:`bid_requirements`.

    ``approvers`` are the deciders of steps A and E (the manager; leadership's role
    too when major); ``major`` and ``reviews`` say why.
    """

    major: bool = attrs.field(kw_only=True)
    reviews: tuple[ReviewKind, ...] = attrs.field(default=(), kw_only=True)


def bid_requirements(bid: Bid, policy: QuotePolicy) -> BidRequirements:
    """Who must decide a bid and which support reviews it needs (QUOTE-1..6).

    The HVAC seller's quoting and bidding (QUOTE-8) follows the same flow: its
    difficult and key products are the lines that call for the reviews.

    Args:
        bid: the bid as it stands.
        policy: the quoting policy.

    Returns:
        A :class:`BidRequirements` with verdict ``NEEDS_APPROVAL`` (a bid always
        needs the manager's decision), the deciders as ``approvers``, whether it is
        major, the support reviews its lines need, and reasons (including a late
        report, QUOTE-1).

    >>> import datetime
    >>> from salesdomain import GENERIC_LADDER as G, Employee, Money, OrgChart
    >>> rep = Employee("s1", "小王", G.get("salesperson"))
    >>> mgr = Employee("m1", "李经理", G.get("sales_manager"))
    >>> gm = Employee("g1", "张总", G.get("general_manager"))
    >>> org = OrgChart((rep, mgr, gm), {"s1": "m1", "m1": "g1"})
    >>> policy = QuotePolicy(major_amount_threshold=Money("500000"))
    >>> bid = Bid.report("B-2", BidKind.TENDER, value=Money("80000"), reported_by=rep,
    ...     received_on=datetime.date(2026, 3, 2), reported_on=datetime.date(2026, 3, 2),
    ...     org=org, policy=policy, flags=["bid_bond"], lines=[BidLine("AHU", key=True)])
    >>> r = bid_requirements(bid, policy)
    >>> r.major, [role.code for role in r.approvers], [k.value for k in r.reviews]
    (True, ['sales_manager', 'general_manager'], ['purchasing'])
    >>> bid_requirements(bid, None)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: policy: expected a QuotePolicy, got NoneType None
    """
    if not isinstance(bid, Bid):
        raise WrongType("bid", bid, "a Bid")
    if not isinstance(policy, QuotePolicy):
        raise WrongType("policy", policy, "a QuotePolicy")
    reasons: list[Reason] = []
    threshold = policy.major_amount_threshold
    by_value = bid.value >= threshold
    flagged = tuple(flag for flag in bid.flags if flag in policy.major_flags)
    if by_value:
        reasons.append(
            Reason("QUOTE-2", "bid_major_by_value", {"value": bid.value, "threshold": threshold})
        )
    if flagged:
        reasons.append(Reason("QUOTE-2", "bid_major_by_flag", {"flags": flagged}))
    major = by_value or bool(flagged)
    if not major:
        reasons.append(
            Reason("QUOTE-2", "bid_not_major", {"value": bid.value, "threshold": threshold})
        )
    difficult = tuple(line.product for line in bid.lines if line.difficult)
    key = tuple(line.product for line in bid.lines if line.key)
    if difficult:
        reasons.append(Reason("QUOTE-4", "technical_review_required", {"products": difficult}))
    if key:
        reasons.append(Reason("QUOTE-5", "purchasing_review_required", {"products": key}))
    if (bid.reported_on - bid.received_on).days > policy.report_sla_days:
        reasons.append(
            Reason(
                "QUOTE-1",
                "bid_reported_late",
                {
                    "received_on": bid.received_on,
                    "reported_on": bid.reported_on,
                    "sla_days": policy.report_sla_days,
                },
            )
        )
    approvers: tuple[Role, ...] = (policy.manager_role,)
    if major:
        approvers += (bid.leadership.role,)
    return BidRequirements(
        Verdict.NEEDS_APPROVAL,
        tuple(reasons),
        approvers,
        major=major,
        reviews=bid.required_reviews,
    )
