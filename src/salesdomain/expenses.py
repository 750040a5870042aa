"""Expense control: budgets, the expense ratio, its trend, and supply requisitions (EXP).

The rules of RULES.md section 5 as pure functions:

- :func:`check_expenses` (EXP-1, EXP-2): a department's spend in a period against its
  budget, as an absolute amount or as a ratio to sales (both supported; the policy's
  ``expense_target_kind`` picks one, ``RATIO`` by default).  Within budget is
  ``ALLOWED``; at or above the policy's warning threshold it is still ``ALLOWED`` but
  with a warning reason; over budget it ``NEEDS_APPROVAL`` from the role the policy
  names.  A pending claim can be checked before it is approved ("would it breach the
  budget?").
- :func:`check_expense_trend` (EXP-2, 「不断降低销售费用」): this period's expense ratio
  (or amount) against the previous periods.
- :func:`check_supply_requisition` (EXP-5): next month's office-supply requisition
  needs the 营销总监's signature before it is filed with 行政部.  The "by the 25th"
  date rule belongs to the duties calendar (CAL-9), not to this module.

>>> import datetime
>>> from decimal import ROUND_HALF_EVEN, Decimal
>>> from salesdomain import Money, Period, REAL_ESTATE_LADDER
>>> from salesdomain.expenses import Expense, ExpenseBudget, ExpensePolicy, check_expenses
>>> policy = ExpensePolicy(over_budget_approver=REAL_ESTATE_LADDER.get("marketing_director"),
...                        warn_at=Decimal("0.9"))
>>> budget = ExpenseBudget("sales", Period.month(2026, 3), ratio=Decimal("0.05"))
>>> spend = [Expense("E-1", Money("6000"), department="sales", spent_on=datetime.date(2026, 3, 5))]
>>> decision = check_expenses(spend, budget, policy, sales=Money("100000"))
>>> decision.verdict.value, str(decision.ratio), decision.approvers[0].name_zh
('needs_approval', '6%', '营销总监')
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final, TypeVar

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import (
    _CTX,
    ONE,
    ZERO,
    check_date,
    check_rate,
    check_text,
    to_decimal,
)
from salesdomain.core.approvals import Approval, RouteCheck, missing_approvals
from salesdomain.core.decisions import Decision, Rate, Reason, Verdict
from salesdomain.core.errors import InvalidInput, PolicyError, UnknownEntity, WrongType
from salesdomain.core.money import Money
from salesdomain.core.org import REAL_ESTATE_LADDER, Role
from salesdomain.core.periods import Period

__all__ = [
    "REASON_CODES",
    "Expense",
    "ExpenseBudget",
    "ExpenseDecision",
    "ExpensePolicy",
    "ExpenseTargetKind",
    "ExpenseTrend",
    "PeriodExpenses",
    "SupplyRequisition",
    "SupplyRequisitionDecision",
    "TrendBasis",
    "check_expense_trend",
    "check_expenses",
    "check_supply_requisition",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        # EXP-1 absolute budget
        "expense_within_budget",
        "expense_near_budget_limit",
        "expense_over_budget",
        # EXP-2 ratio to sales
        "expense_ratio_within_budget",
        "expense_ratio_near_limit",
        "expense_ratio_over_budget",
        "expense_ratio_no_sales",
        # EXP-1 a pending claim
        "expense_claim_would_exceed_budget",
        # EXP-2 trend
        "expense_ratio_decreasing",
        "expense_ratio_not_decreasing",
        "expense_amount_decreasing",
        "expense_amount_not_decreasing",
        "expense_trend_no_history",
        "expense_trend_undefined",
        # EXP-5 supply requisition
        "supply_requisition_signed",
        "supply_requisition_unsigned",
    }
)
"""Every reason code this module can emit."""

_E = TypeVar("_E", bound=enum.Enum)


class ExpenseTargetKind(enum.Enum):
    """How the expense-control indicator is expressed (EXP-2): an amount, or a ratio to sales."""

    ABSOLUTE = "absolute"
    RATIO = "ratio"


class TrendBasis(enum.Enum):
    """What this period is compared with (EXP-2): the previous period, or their average."""

    PREVIOUS = "previous"
    AVERAGE = "average"


# ---------------------------------------------------------------------------
# private converters
# ---------------------------------------------------------------------------
def _enum(value: object, cls: type[_E], field: str) -> _E:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if value in (member.value, member.name):
                return member
        known = ", ".join(str(member.value) for member in cls)
        raise UnknownEntity(field, value, f"expected one of {known}")
    raise WrongType(field, value, cls.__name__)


def _money(value: object, field: str) -> Money:
    if type(value) is not Money:
        raise WrongType(field, value, "Money")
    if value.amount < ZERO:
        raise InvalidInput(field, value, "must not be negative")
    return value


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _period(value: object, field: str) -> Period:
    if not isinstance(value, Period):
        raise WrongType(field, value, "a Period")
    return value


def _optional_money(value: object, field: str) -> Money | None:
    return None if value is None else _money(value, field)


def _role(value: object, field: str) -> Role:
    if not isinstance(value, Role):
        raise WrongType(field, value, "a Role")
    return value


def _bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


def _to_ratio_or_none(value: object) -> Decimal | None:
    return None if value is None else check_rate(value, "ratio")


def _to_warn_at(value: object) -> Decimal:
    number = to_decimal(value, "warn_at")
    if number <= ZERO or number > ONE:
        raise PolicyError(
            "warn_at", value, "must be above 0 and at most 1 (a fraction of the budget)"
        )
    return number


def _to_expense_target_kind(value: object) -> ExpenseTargetKind:
    return _enum(value, ExpenseTargetKind, "expense_target_kind")


def _to_trend_basis(value: object) -> TrendBasis:
    return _enum(value, TrendBasis, "trend_basis")


def _sequence(value: object, field: str) -> tuple[object, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise WrongType(field, value, "a sequence")
    return tuple(value)


def _rate(part: Decimal, whole: Decimal) -> Rate | None:
    return None if whole.is_zero() else Rate(_fraction(part, whole))


_RATE_QUANTUM: Final = Decimal("1E-20")  # a literal: exact whatever the context
_TWELVE_PLACES: Final = Decimal("1E-12")


def _fraction(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole`` to 20 decimal places (half-even, trailing zeros dropped)."""
    quotient = _CTX.divide(part, whole)
    if quotient.adjusted() >= 13:
        return quotient
    short = quotient.quantize(_RATE_QUANTUM, ROUND_HALF_EVEN, _CTX).normalize(_CTX)
    if short.as_tuple().exponent > 0:  # type: ignore[operator]
        short = short.quantize(Decimal(1), ROUND_HALF_EVEN, _CTX)
    return short


# ---------------------------------------------------------------------------
# values and policy
# ---------------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class Expense:
    """One sales expense (EXP-1).

    Args:
        id: the expense or claim id.
        amount: the amount (non-negative).
        department: the department that spent it.
        spent_on: the day it was spent (selects the budget period).
        category: an optional expense category (e.g. ``"SALES_PROPS"``, EXP-3/4/7).

    >>> import datetime
    >>> from salesdomain import Money
    >>> Expense("E-1", Money("-5"), department="sales", spent_on=datetime.date(2026, 3, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: amount: must not be negative, got Money('-5', 'CNY')
    """

    id: str = attrs.field(metadata=check(check_text))
    amount: Money = attrs.field(metadata=check(_money))
    department: str = attrs.field(kw_only=True, metadata=check(check_text))
    spent_on: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    category: str | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_text))


@attrs.frozen(field_transformer=wire_checks)
class ExpenseBudget:
    """A department's expense budget for a period (EXP-1, EXP-2, RULES.md ``expense_budgets``).

    Args:
        department: the department.
        period: the budget period.
        amount: the absolute budget (for the ``ABSOLUTE`` target).
        ratio: the maximum expense ÷ sales as a fraction (for the ``RATIO`` target).
        category: limit the budget to one expense category (default: all categories).

    At least one of ``amount`` and ``ratio`` is given.

    >>> from decimal import ROUND_HALF_EVEN, Decimal
    >>> from salesdomain import Period
    >>> ExpenseBudget("sales", Period.month(2026, 3), ratio=Decimal("0.05")).ratio
    Decimal('0.05')
    >>> ExpenseBudget("sales", Period.month(2026, 3))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: amount: give an amount, a ratio or both, got None
    """

    department: str = attrs.field(metadata=check(check_text))
    period: Period = attrs.field(metadata=check(_period))
    amount: Money | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_money))
    ratio: Decimal | None = attrs.field(kw_only=True, default=None, converter=_to_ratio_or_none)
    category: str | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_text))

    def __attrs_post_init__(self) -> None:
        if self.amount is None and self.ratio is None:
            raise InvalidInput("amount", None, "give an amount, a ratio or both")

    def covers(self, expense: Expense) -> bool:
        """Whether ``expense`` belongs to this budget (department, period, category)."""
        if not isinstance(expense, Expense):
            raise WrongType("expense", expense, "an Expense")
        return (
            expense.department == self.department
            and self.period.start <= expense.spent_on <= self.period.end
            and (self.category is None or expense.category == self.category)
        )


_MARKETING_DIRECTOR: Final = REAL_ESTATE_LADDER.get("marketing_director")


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class ExpensePolicy:
    """Expense-control configuration (RULES.md 23.7).

    The seed names neither who approves spending over budget nor when to warn, so
    ``over_budget_approver`` and ``warn_at`` are required.

    Args:
        over_budget_approver: the role that approves spending over budget (required).
        warn_at: the fraction of the budget used at which a warning is given, above 0
            and at most 1 (required; e.g. ``Decimal("0.9")``).
        expense_target_kind: ``RATIO`` (default, EXP-2) or ``ABSOLUTE``.
        expect_decreasing: whether the ratio must keep falling (「不断降低」, default True).
        trend_basis: compare with the ``PREVIOUS`` period (default) or the ``AVERAGE``.
        supply_requisition_signer: who signs the office-supply requisition (EXP-5,
            default the 营销总监).
        supply_filing_dept: where the signed requisition is filed (default 行政部).

    >>> ExpensePolicy(over_budget_approver="marketing_director", warn_at=Decimal("0.9"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: over_budget_approver: expected a Role, got str 'marketing_director'
    """

    over_budget_approver: Role = attrs.field(metadata=check(_role))
    warn_at: Decimal = attrs.field(converter=_to_warn_at)
    expense_target_kind: ExpenseTargetKind = attrs.field(
        default=ExpenseTargetKind.RATIO, converter=_to_expense_target_kind
    )
    expect_decreasing: bool = attrs.field(default=True, metadata=check(_bool))
    trend_basis: TrendBasis = attrs.field(default=TrendBasis.PREVIOUS, converter=_to_trend_basis)
    supply_requisition_signer: Role = attrs.field(
        default=_MARKETING_DIRECTOR, metadata=check(_role)
    )
    supply_filing_dept: str = attrs.field(default="行政部", metadata=check(check_text))


def _check_policy(policy: object) -> ExpensePolicy:
    if not isinstance(policy, ExpensePolicy):
        raise WrongType("policy", policy, "an ExpensePolicy")
    return policy


# ---------------------------------------------------------------------------
# EXP-1 / EXP-2: spend against budget
# ---------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class ExpenseDecision(Decision):
    """Spend against budget (EXP-1, EXP-2).

    Attributes:
        kind: the target kind checked.
        spent: the spend counted (including the claim, if any).
        limit: the budget in money (the amount, or ratio x sales).
        remaining: ``limit - spent`` (negative when over budget).
        used: ``spent / limit`` (``None`` when the limit is zero).
        ratio: ``spent / sales`` (``None`` for ``ABSOLUTE`` or zero sales).
        counted: the ids of the expenses counted.
    """

    kind: ExpenseTargetKind
    spent: Money
    limit: Money
    remaining: Money
    used: Rate | None
    ratio: Rate | None
    counted: tuple[str, ...]


def check_expenses(
    expenses: Iterable[Expense],
    budget: ExpenseBudget,
    policy: ExpensePolicy,
    *,
    sales: Money | None = None,
    claim: Expense | None = None,
) -> ExpenseDecision:
    """Check a department's spend against its budget (EXP-1, EXP-2).

    A budget with a ``category`` controls one kind of spend: a real-estate project's
    marketing expenses (EXP-3), sales props (EXP-4), after-sales and promotion spend
    (EXP-7) are category budgets under the same rule.

    Only expenses of the budget's department, period (and category, if it has one)
    count; the others are ignored.  With the ``RATIO`` target (default) the limit is
    ``budget.ratio x sales``; with ``ABSOLUTE`` it is ``budget.amount``.  The verdict:

    - ``ALLOWED`` with ``*_within_*`` below ``policy.warn_at`` of the limit;
    - ``ALLOWED`` with a warning ``*_near_*`` from ``warn_at`` up to the limit itself;
    - ``NEEDS_APPROVAL`` by ``policy.over_budget_approver`` above the limit (or with
      spending and no sales under ``RATIO``).

    Args:
        expenses: the expenses recorded (ids unique).
        budget: the budget of one department and period.
        policy: the expense policy.
        sales: the period's sales (required for ``RATIO``).
        claim: a pending expense to check before approving it; it must fall within the
            budget; the result says whether approving it would breach the budget.

    Returns:
        An :class:`ExpenseDecision`.

    Raises:
        InvalidInput: duplicate ids; a budget without the amount or ratio the target
            kind needs; ``RATIO`` without ``sales``; a claim outside the budget.
        CurrencyMismatch: amounts in different currencies.

    >>> import datetime
    >>> from decimal import ROUND_HALF_EVEN, Decimal
    >>> from salesdomain import Money, Period, REAL_ESTATE_LADDER
    >>> policy = ExpensePolicy(over_budget_approver=REAL_ESTATE_LADDER.get("marketing_director"),
    ...                        warn_at=Decimal("0.8"), expense_target_kind="absolute")
    >>> budget = ExpenseBudget("sales", Period.month(2026, 3), amount=Money("10000"))
    >>> spend = [Expense("E-1", Money("8500"), department="sales", spent_on=datetime.date(2026, 3, 5))]
    >>> d = check_expenses(spend, budget, policy)
    >>> d.verdict.value, [r.code for r in d.reasons], str(d.used)
    ('allowed', ['expense_near_budget_limit'], '85%')
    >>> check_expenses(spend, ExpenseBudget("sales", Period.month(2026, 3), ratio=Decimal("0.05")),
    ...                policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: budget.amount: the ABSOLUTE target needs a budget amount, got None
    """
    if not isinstance(budget, ExpenseBudget):
        raise WrongType("budget", budget, "an ExpenseBudget")
    rules = _check_policy(policy)
    kind = rules.expense_target_kind
    sales_amount = None if sales is None else _money(sales, "sales")
    if kind is ExpenseTargetKind.ABSOLUTE:
        if budget.amount is None:
            raise InvalidInput("budget.amount", None, "the ABSOLUTE target needs a budget amount")
        limit = budget.amount
        currency = limit.currency
    else:
        if budget.ratio is None:
            raise InvalidInput("budget.ratio", None, "the RATIO target needs a budget ratio")
        if sales_amount is None:
            raise InvalidInput("sales", None, "the RATIO target needs the period's sales")
        limit = sales_amount * budget.ratio
        currency = sales_amount.currency
    spent = Money.zero(currency)
    counted: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(_sequence(expenses, "expenses")):
        if not isinstance(item, Expense):
            raise WrongType(f"expenses[{index}]", item, "an Expense")
        if item.id in seen:
            raise InvalidInput(f"expenses[{index}].id", item.id, "duplicate expense id")
        seen.add(item.id)
        if budget.covers(item):
            spent = spent + item.amount
            counted.append(item.id)
    before_claim = spent
    if claim is not None:
        if not isinstance(claim, Expense):
            raise WrongType("claim", claim, "an Expense or None")
        if claim.id in seen:
            raise InvalidInput("claim", claim.id, "is already among the expenses")
        if not budget.covers(claim):
            raise InvalidInput(
                "claim", claim.id, "is outside this budget (department, period, category)"
            )
        spent = spent + claim.amount
        counted.append(claim.id)
    used = _rate(spent.amount, limit.amount)
    over = spent > limit
    base: dict[str, object] = {
        "department": budget.department,
        "period": budget.period,
        "spent": spent,
    }
    ratio: Rate | None = None
    reasons: list[Reason] = []
    if kind is ExpenseTargetKind.RATIO:
        assert sales_amount is not None
        assert budget.ratio is not None
        ratio = _rate(spent.amount, sales_amount.amount)
        if ratio is None and not spent:
            ratio = Rate(ZERO)
        if ratio is None:
            reasons.append(
                Reason(
                    "EXP-2",
                    "expense_ratio_no_sales",
                    {**base, "approver": rules.over_budget_approver},
                )
            )
        else:
            params = {
                **base,
                "sales": sales_amount,
                "ratio": ratio,
                "ratio_limit": Rate(budget.ratio),
            }
            if over:
                code = "expense_ratio_over_budget"
                params["approver"] = rules.over_budget_approver
            elif used is not None and used.value >= rules.warn_at:
                code = "expense_ratio_near_limit"
                params["warn_at"] = Rate(rules.warn_at)
            else:
                code = "expense_ratio_within_budget"
            reasons.append(Reason("EXP-2", code, params))
    elif over:
        reasons.append(
            Reason(
                "EXP-1",
                "expense_over_budget",
                {
                    **base,
                    "limit": limit,
                    "excess": spent - limit,
                    "approver": rules.over_budget_approver,
                },
            )
        )
    elif used is not None and used.value >= rules.warn_at:
        reasons.append(
            Reason(
                "EXP-1",
                "expense_near_budget_limit",
                {**base, "limit": limit, "used": used, "warn_at": Rate(rules.warn_at)},
            )
        )
    else:
        reasons.append(
            Reason(
                "EXP-1",
                "expense_within_budget",
                {**base, "limit": limit, "remaining": limit - spent},
            )
        )
    if claim is not None and over and before_claim <= limit:
        reasons.append(
            Reason(
                "EXP-1",
                "expense_claim_would_exceed_budget",
                {"claim": claim.id, "amount": claim.amount, "limit": limit},
            )
        )
    return ExpenseDecision(
        Verdict.NEEDS_APPROVAL if over else Verdict.ALLOWED,
        reasons,
        (rules.over_budget_approver,) if over else (),
        kind=kind,
        spent=spent,
        limit=limit,
        remaining=limit - spent,
        used=used,
        ratio=ratio,
        counted=tuple(counted),
    )


# ---------------------------------------------------------------------------
# EXP-2: the trend (不断降低销售费用)
# ---------------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class PeriodExpenses:
    """A period's total expenses, and its sales (needed for the ``RATIO`` trend).

    >>> from salesdomain import Money, Period
    >>> PeriodExpenses(Period.month(2026, 1), Money("100"), sales=Money("-1"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: sales: must not be negative, got Money('-1', 'CNY')
    """

    period: Period = attrs.field(metadata=check(_period))
    expenses: Money = attrs.field(metadata=check(_money))
    sales: Money | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_money))


@attrs.frozen(kw_only=True)
class ExpenseTrend(Decision):
    """This period's expenses against the previous periods (EXP-2, 「不断降低」).

    The verdict is always ``ALLOWED``: the trend is a KPI, reported by the reasons
    (``*_not_decreasing`` is the warning).  ``decreasing`` is ``None`` when there is
    no history or a ratio is undefined (zero sales).
    """

    kind: ExpenseTargetKind
    current: Rate | Money | None
    baseline: Rate | Money | None
    decreasing: bool | None
    expected: bool

    @property
    def on_track(self) -> bool:
        """False only when falling expenses are expected and they did not fall."""
        return not self.expected or self.decreasing is not False


def _measure(item: PeriodExpenses, kind: ExpenseTargetKind, field: str) -> Decimal | None:
    if kind is ExpenseTargetKind.ABSOLUTE:
        return item.expenses.amount
    if item.sales is None:
        raise InvalidInput(f"{field}.sales", None, "the RATIO trend needs each period's sales")
    if item.sales.currency != item.expenses.currency:
        raise InvalidInput(f"{field}.sales", item.sales, "must be in the expenses' currency")
    if item.sales.amount.is_zero():
        return None
    return _fraction(item.expenses.amount, item.sales.amount)


def check_expense_trend(
    current: PeriodExpenses,
    previous: Sequence[PeriodExpenses],
    policy: ExpensePolicy,
) -> ExpenseTrend:
    """Compare this period's expense ratio (or amount) with the previous periods (EXP-2).

    With ``trend_basis=PREVIOUS`` (default) the baseline is the latest previous period;
    with ``AVERAGE`` the mean of all previous periods.  The ``RATIO`` target kind
    compares expenses ÷ sales, ``ABSOLUTE`` the amounts.  Decreasing means strictly
    lower than the baseline.

    Args:
        current: this period.
        previous: earlier periods, each ending before ``current`` starts, not
            overlapping each other (any order).
        policy: the expense policy (kind, basis, whether a decrease is expected).

    Returns:
        An :class:`ExpenseTrend`.

    Raises:
        InvalidInput: a previous period not before ``current`` or overlapping another;
            missing sales for ``RATIO``.
        CurrencyMismatch: amounts in different currencies.

    >>> from decimal import ROUND_HALF_EVEN, Decimal
    >>> from salesdomain import Money, Period, REAL_ESTATE_LADDER
    >>> policy = ExpensePolicy(over_budget_approver=REAL_ESTATE_LADDER.get("marketing_director"),
    ...                        warn_at=Decimal("0.9"))
    >>> jan = PeriodExpenses(Period.month(2026, 1), Money("5000"), sales=Money("100000"))
    >>> feb = PeriodExpenses(Period.month(2026, 2), Money("5400"), sales=Money("120000"))
    >>> trend = check_expense_trend(feb, [jan], policy)
    >>> trend.decreasing, str(trend.current), str(trend.baseline)
    (True, '4.5%', '5%')
    >>> check_expense_trend(jan, [feb], policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: previous[0].period: must end before the current period starts 2026-01-01, got Period(start=datetime.date(2026, 2, 1), end=datetime.date(2026, 2, 28))
    """
    rules = _check_policy(policy)
    if not isinstance(current, PeriodExpenses):
        raise WrongType("current", current, "a PeriodExpenses")
    history: list[PeriodExpenses] = []
    for index, item in enumerate(_sequence(previous, "previous")):
        if not isinstance(item, PeriodExpenses):
            raise WrongType(f"previous[{index}]", item, "a PeriodExpenses")
        if item.period.end >= current.period.start:
            raise InvalidInput(
                f"previous[{index}].period",
                item.period,
                f"must end before the current period starts {current.period.start}",
            )
        if item.expenses.currency != current.expenses.currency:
            raise InvalidInput(
                f"previous[{index}].expenses", item.expenses, "must be in the current currency"
            )
        history.append(item)
    history.sort(key=lambda item: item.period.start)
    for before, after in itertools.pairwise(history):
        if before.period.overlaps(after.period):
            raise InvalidInput("previous", after.period, f"overlaps {before.period}")
    kind = rules.expense_target_kind
    current_value = _measure(current, kind, "current")
    values = [_measure(item, kind, f"previous[{i}]") for i, item in enumerate(history)]

    def wrap(value: Decimal | None) -> Rate | Money | None:
        if value is None:
            return None
        if kind is ExpenseTargetKind.RATIO:
            return Rate(value)
        return Money(value, current.expenses.currency)

    if not history:
        reason = Reason("EXP-2", "expense_trend_no_history", {"period": current.period})
        return ExpenseTrend(
            Verdict.ALLOWED,
            (reason,),
            kind=kind,
            current=wrap(current_value),
            baseline=None,
            decreasing=None,
            expected=rules.expect_decreasing,
        )
    basis_values = values[-1:] if rules.trend_basis is TrendBasis.PREVIOUS else values
    if current_value is None or any(value is None for value in basis_values):
        reason = Reason("EXP-2", "expense_trend_undefined", {"period": current.period})
        return ExpenseTrend(
            Verdict.ALLOWED,
            (reason,),
            kind=kind,
            current=wrap(current_value),
            baseline=None,
            decreasing=None,
            expected=rules.expect_decreasing,
        )
    total = ZERO
    for value in basis_values:
        assert value is not None
        total = _CTX.add(total, value)
    baseline = _fraction(total, Decimal(len(basis_values)))
    if kind is ExpenseTargetKind.ABSOLUTE:
        baseline = baseline.quantize(_TWELVE_PLACES, ROUND_HALF_EVEN, _CTX)
    decreasing = current_value < baseline
    current_wrapped = wrap(current_value)
    baseline_wrapped = wrap(baseline)
    noun = "ratio" if kind is ExpenseTargetKind.RATIO else "amount"
    code = f"expense_{noun}_decreasing" if decreasing else f"expense_{noun}_not_decreasing"
    reason = Reason(
        "EXP-2",
        code,
        {
            "period": current.period,
            "current": current_wrapped,
            "baseline": baseline_wrapped,
            "basis": rules.trend_basis,
        },
    )
    return ExpenseTrend(
        Verdict.ALLOWED,
        (reason,),
        kind=kind,
        current=current_wrapped,
        baseline=baseline_wrapped,
        decreasing=decreasing,
        expected=rules.expect_decreasing,
    )


# ---------------------------------------------------------------------------
# EXP-5: next month's office-supply requisition
# ---------------------------------------------------------------------------
@attrs.frozen(field_transformer=wire_checks)
class SupplyRequisition:
    """Next month's office-supply requisition (办公用品请购, EXP-5).

    Args:
        id: the requisition id (the subject the 营销总监's approval must name).
        month: the calendar month supplied: the month after the one it is submitted in.
        requester: the employee id of the manager who submits it.
        submitted: the day it is submitted (the "by the 25th" deadline is CAL-9's).
        amount: the estimated amount, if any.

    Raises:
        InvalidInput: ``month`` is not a whole calendar month, or not the next month.

    >>> import datetime
    >>> from salesdomain import Period
    >>> SupplyRequisition("R-1", Period.month(2026, 5), requester="m1",
    ...                   submitted=datetime.date(2026, 3, 20))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: month: must be the month after the submission month (2026-04-01..2026-04-30), got Period(start=datetime.date(2026, 5, 1), end=datetime.date(2026, 5, 31))
    """

    id: str = attrs.field(metadata=check(check_text))
    month: Period = attrs.field(metadata=check(_period))
    requester: str = attrs.field(kw_only=True, metadata=check(check_text))
    submitted: _dt.date = attrs.field(kw_only=True, metadata=check(check_date))
    amount: Money | None = attrs.field(kw_only=True, default=None, metadata=check(_optional_money))

    def __attrs_post_init__(self) -> None:
        start = self.month.start
        if start.day != 1 or self.month != Period.month(start.year, start.month):
            raise InvalidInput("month", self.month, "must be one whole calendar month")
        year, month = self.submitted.year, self.submitted.month
        expected = Period.month(year + month // 12, month % 12 + 1)
        if self.month != expected:
            raise InvalidInput(
                "month",
                self.month,
                f"must be the month after the submission month ({expected})",
            )


@attrs.frozen(kw_only=True)
class SupplyRequisitionDecision(Decision):
    """Whether a supply requisition is signed and may be filed (EXP-5).

    Attributes:
        route_check: the core route check (which approvals counted, which were ignored
            and why, e.g. the requester's own or one naming another subject).
        filing_dept: where the signed requisition is filed (行政部 by default).
    """

    route_check: RouteCheck
    filing_dept: str


def check_supply_requisition(
    requisition: SupplyRequisition,
    approvals: Iterable[Approval],
    policy: ExpensePolicy,
) -> SupplyRequisitionDecision:
    """Check that next month's supply requisition carries the 营销总监's signature (EXP-5).

    Uses the core :func:`~salesdomain.core.approvals.missing_approvals` with the route
    ``(policy.supply_requisition_signer,)``: the requester's own approval never
    counts, and an approval counts only when its ``subject`` is the requisition's id.

    Args:
        requisition: the requisition.
        approvals: the approvals collected.
        policy: the expense policy (signer and filing department).

    Returns:
        ``ALLOWED`` (file it with ``filing_dept``) when signed, else ``NEEDS_APPROVAL``
        with the signer as the approver.

    >>> import datetime
    >>> from decimal import ROUND_HALF_EVEN, Decimal
    >>> from salesdomain import Approval, Period, REAL_ESTATE_LADDER
    >>> director = REAL_ESTATE_LADDER.get("marketing_director")
    >>> policy = ExpensePolicy(over_budget_approver=director, warn_at=Decimal("0.9"))
    >>> req = SupplyRequisition("R-1", Period.month(2026, 4), requester="m1",
    ...                         submitted=datetime.date(2026, 3, 20))
    >>> check_supply_requisition(req, [], policy).verdict.value
    'needs_approval'
    >>> signed = Approval(director, "d1", datetime.date(2026, 3, 21), subject="R-1")
    >>> check_supply_requisition(req, [signed], policy).reasons[0].code
    'supply_requisition_signed'
    >>> check_supply_requisition("R-1", [signed], policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: requisition: expected a SupplyRequisition, got str 'R-1'
    """
    if not isinstance(requisition, SupplyRequisition):
        raise WrongType("requisition", requisition, "a SupplyRequisition")
    rules = _check_policy(policy)
    signer = rules.supply_requisition_signer
    subject: Hashable = requisition.id
    given: object = approvals
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise WrongType("approvals", approvals, "a sequence of Approval")
    check = missing_approvals((signer,), approvals, requisition.requester, subject=subject)
    params = {"requisition": requisition.id, "month": requisition.month, "signer": signer}
    if check.complete:
        reason = Reason(
            "EXP-5",
            "supply_requisition_signed",
            {**params, "filing_dept": rules.supply_filing_dept},
        )
        return SupplyRequisitionDecision(
            Verdict.ALLOWED,
            (reason,),
            route_check=check,
            filing_dept=rules.supply_filing_dept,
        )
    reason = Reason("EXP-5", "supply_requisition_unsigned", params)
    return SupplyRequisitionDecision(
        Verdict.NEEDS_APPROVAL,
        (reason,),
        check.missing,
        route_check=check,
        filing_dept=rules.supply_filing_dept,
    )
