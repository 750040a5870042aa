"""Isolation: the caller's decimal context never changes a result.

Every money-handling module computes in the library's own ``decimal.Context``.  These
tests run a representative calculator of each module under hostile contexts (three
significant digits, ``ROUND_FLOOR``, traps on ``Inexact`` and ``Rounded``, a tiny
``Emax``), set globally, set locally, and set differently in eight threads running at
once, and demand results identical (``repr`` and all) to a reference computed first
under the default context.
"""

from __future__ import annotations

import datetime as dt
import decimal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_UP,
    Context,
    Decimal,
)

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import Approval, AuthorityLimits, FiscalYear, Money, Period, Rate, allocate
from salesdomain import appraisal as ap
from salesdomain import commission as cm
from salesdomain import contracts as ct
from salesdomain import expenses as ex
from salesdomain import pricing as pr
from salesdomain import receivables as rc
from salesdomain import targets as tg
from salesdomain import units as un
from tests import test_value_objects as world
from tests.test_value_objects import (
    BRACKETS,
    CONSULTANT,
    CONTRACT_POLICY,
    DEPOSIT_POLICY,
    DIRECTOR,
    MANAGER,
    RECEIVABLES_POLICY,
    SIGNED_PLAN,
)

D = dt.date

# ---------------------------------------------------------------------------
# Representative calculators: each builds its inputs and computes, all inside the
# context under test (so construction is covered too)
# ---------------------------------------------------------------------------


def _allocate() -> object:
    return (
        allocate(Money("100.00"), [1, 1, 1]),
        allocate(Money("-10", "JPY"), [Decimal("0.333"), Decimal("0.667")]),
        allocate(Money("1.000", "KWD"), [Decimal("1E-60"), 1, 2]),
        allocate(Money("1200000"), [6, 7, 8], unit=Decimal("1000")),
    )


def _money() -> object:
    price = Money("1234.5678", "KWD")
    return (
        price + Money("0.0001", "KWD"),
        price * Decimal("0.123456789012345"),
        (price * Decimal("1.0333")).rounded(),
        (Money("100.00") * Decimal("0.0333")).rounded(ROUND_DOWN),
        Money("2.5", "JPY").rounded(),
        sum([Money("1.10"), Money("2.20"), -Money("0.30")], Money.zero()),
        Money("-999999999999999.999999999999") + Money("0.000000000001"),
    )


def _check_price() -> object:
    tiers = pr.PriceTiers(Money("1000"), Money("800"), Money("700"))
    hotel = pr.PricePolicy(discount_authority=AuthorityLimits({MANAGER: Decimal("0.15")}))
    return (
        pr.check_price(tiers, Money("700"), pr.Channel.DEALER, pr.PricePolicy()),
        pr.check_price(tiers, Money("887.77"), pr.Channel.DIRECT, hotel, quantity=3),
        pr.check_price(tiers, Money("10666.67"), pr.Channel.DIRECT, hotel, pack_size=12),
    )


def _check_quote() -> object:
    small = pr.PriceTiers(Money("100"), Money("80"), Money("70"))
    lines = [
        pr.QuoteLine(small, Money("99.99"), pr.Channel.DIRECT, 7),
        pr.QuoteLine(small, Money("83.33"), pr.Channel.DEALER, 3),
        pr.QuoteLine(small, Money("0"), pr.Channel.DIRECT, free=True),
    ]
    return (
        pr.check_quote(lines, pr.PricePolicy(), document_discount=Money("20.01")),
        pr.check_quote(lines, pr.PricePolicy(), document_discount=Rate("0.0333")),
    )


def _targets() -> object:
    seasonality = tg.Distribution.monthly([6, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9])
    plan = tg.annual_plan(Money("1000000.01"), FiscalYear(2026, start_month=4), seasonality)
    return (
        tg.decompose(Money("100000.00"), {"zhang": 1, "li": 1, "wang": 1}),
        tg.decompose(Money("1000"), {"a": Decimal("0.3333"), "b": 2}, fixed={"a": Money("1.01")}),
        plan.months,
        plan.quarters,
        plan.weeks(),
        tg.assign(Money("300000"), {"z": 2, "l": 1}, over_allocation=Decimal("0.1")),
        tg.progress(
            Money("300000"),
            Money("100000"),
            Period.month(2026, 4),
            D(2026, 4, 15),
            tg.TargetPolicy(deviation_tolerance=Decimal("0.05")),
        ),
        tg.market_share(Money("250000"), Money("3000000")),
    )


def _compute_commission() -> object:
    plan = cm.CommissionPlan(
        name="2026",
        drafted_by="m1",
        commission_basis=cm.Basis.COLLECTED,
        commission_rates=BRACKETS,
        approvals=SIGNED_PLAN,
        manager_overrides=[cm.ManagerOverride("m1", Decimal("0.0125"), team=("alice", "bob"))],
    )
    events: list[cm.Event] = [
        cm.Invoice(
            "INV-1",
            D(2026, 1, 5),
            Money("33333.33"),
            {"alice": Decimal("0.3333"), "bob": Decimal("0.6667")},
        ),
        cm.Payment("INV-1", D(2026, 1, 20), Money("12345.67"), id="P-1"),
        cm.CreditNote("INV-1", D(2026, 1, 25), Money("199.99"), id="CN-1"),
        cm.Invoice("INV-2", D(2026, 1, 9), Money("70000"), {"alice": 1}),
        cm.Payment("INV-2", D(2026, 1, 30), Money("70000.01"), id="P-2"),
    ]
    return cm.compute_commission(
        plan, events, Period.month(2026, 1), target=Money("50000"), lines=True
    )


def _appraise() -> object:
    return ap.appraise(world.scorecard(), world.MEASUREMENTS, employee="e1", period=world.MARCH)


def _receivables() -> object:
    return (
        rc.collection_rate(
            world.RECEIVABLES,
            world.PAYMENTS,
            world.MARCH,
            credit_notes=world.CREDIT_NOTES,
            policy=RECEIVABLES_POLICY,
        ),
        rc.aging(
            world.RECEIVABLES,
            world.PAYMENTS,
            D(2026, 3, 31),
            RECEIVABLES_POLICY,
            credit_notes=world.CREDIT_NOTES,
        ),
    )


def _deposits() -> object:
    booking = rc.Booking(
        "B-1",
        rc.BookingKind.GROUP,
        estimated_total=Money("12345.67"),
        event_start=D(2026, 5, 10),
        event_end=D(2026, 5, 12),
        booked_on=D(2026, 4, 1),
    )
    return (
        rc.required_deposit(booking, DEPOSIT_POLICY),
        rc.settle_deposit(Money("13250.55"), Money("3703.70"), DEPOSIT_POLICY),
        rc.settle_deposit(
            Money("500.01"), Money("3703.70"), DEPOSIT_POLICY, cancelled_by=rc.CancelledBy.CUSTOMER
        ),
    )


def _check_expenses() -> object:
    policy = ex.ExpensePolicy(over_budget_approver=DIRECTOR, warn_at=Decimal("0.9"))
    budget = ex.ExpenseBudget("sales", world.MARCH, amount=Money("10000"), ratio=Decimal("0.0333"))
    spent = [
        ex.Expense("E-1", Money("3400.01"), department="sales", spent_on=D(2026, 3, 3)),
        ex.Expense("E-2", Money("1199.99"), department="sales", spent_on=D(2026, 3, 9)),
    ]
    return ex.check_expenses(spent, budget, policy, sales=Money("133333.33"))


def _unit_total_price() -> object:
    ok = Approval(MANAGER, "m1", D(2026, 3, 2))
    discounts = [
        un.ApprovedDiscount(ok, rate=Decimal("0.0175")),
        un.ApprovedDiscount(ok, amount=Money("5000")),
    ]
    total = un.unit_total_price(
        Decimal("89.37"), Money("21500.5"), [Money("30000")], discounts, un.UnitPolicy()
    )
    return (total, un.check_unit_total(Money("1907426.00"), total, un.UnitPolicy()))


def _contract_change_permission() -> object:
    changes = [
        ct.ContractChange(ct.ChangeKind.UNIT_PRICE_CUT, Decimal("0.0499999")),
        ct.ContractChange(ct.ChangeKind.TOTAL_PRICE_CUT_AMOUNT, Money("20000.01")),
        ct.ContractChange(ct.ChangeKind.PAYMENT_DEFERRAL, 16),
    ]
    return tuple(ct.contract_change_permission(c, CONSULTANT, CONTRACT_POLICY) for c in changes)


CALCULATORS: dict[str, Callable[[], object]] = {
    "money": _money,
    "allocate": _allocate,
    "check_price": _check_price,
    "check_quote": _check_quote,
    "decompose_annual_plan": _targets,
    "compute_commission": _compute_commission,
    "appraise": _appraise,
    "collection_rate_aging": _receivables,
    "settle_deposit": _deposits,
    "check_expenses": _check_expenses,
    "unit_total_price": _unit_total_price,
    "contract_change_permission": _contract_change_permission,
}


def _run_all() -> dict[str, str]:
    return {name: repr(calculate()) for name, calculate in CALCULATORS.items()}


REFERENCE = _run_all()
"""Computed once, at import, under Python's default decimal context."""


def _hostile(
    prec: int = 3,
    rounding: str = ROUND_FLOOR,
    emax: int = 4,
    *,
    clamp: int = 1,
) -> Context:
    """A context that would change every result the library computed in it."""
    ctx = Context(prec=prec, rounding=rounding, Emax=emax, Emin=-emax, clamp=clamp, capitals=0)
    for signal in (
        decimal.Inexact,
        decimal.Rounded,
        decimal.Subnormal,
        decimal.Underflow,
        decimal.Overflow,
        decimal.Clamped,
        decimal.DivisionByZero,
        decimal.InvalidOperation,
        decimal.FloatOperation,
    ):
        ctx.traps[signal] = True
    return ctx


HOSTILE: dict[str, Context] = {
    "prec3_floor": Context(prec=3, rounding=ROUND_FLOOR),
    "traps_inexact_rounded": Context(traps=[decimal.Inexact, decimal.Rounded]),
    "small_emax": Context(Emax=4, Emin=-4),
    "all_of_them": _hostile(),
    "prec1_05up": _hostile(1, ROUND_05UP, 2),
    "prec2_ceiling": _hostile(2, ROUND_CEILING, 6, clamp=0),
    "prec5_down": _hostile(5, ROUND_DOWN, 3),
    "prec4_half_down": _hostile(4, ROUND_HALF_DOWN, 5),
    "prec6_up": _hostile(6, ROUND_UP, 8),
}


@contextmanager
def _global_context(ctx: Context) -> Iterator[None]:
    saved = decimal.getcontext()
    decimal.setcontext(ctx.copy())
    try:
        yield
    finally:
        decimal.setcontext(saved)


def test_the_reference_is_a_real_computation() -> None:
    assert set(CALCULATORS) == set(REFERENCE)
    assert "Money('33.34', 'CNY')" in REFERENCE["allocate"]
    assert "PriceDecision(" in REFERENCE["check_price"]
    assert "CommissionStatement(" in REFERENCE["compute_commission"]


def test_hostile_contexts_really_are_hostile() -> None:
    # The same arithmetic done naively in these contexts fails or gives another answer,
    # so the isolation tests below could fail.
    naive = Decimal("1000000.01") / 3
    for name, ctx in HOSTILE.items():
        with decimal.localcontext(ctx):
            try:
                changed = Decimal("1000000.01") / 3 != naive
            except decimal.DecimalException:
                changed = True
        assert changed, name


@pytest.mark.parametrize("ctx", list(HOSTILE.values()), ids=list(HOSTILE))
@pytest.mark.parametrize("name", list(CALCULATORS))
def test_result_is_the_same_under_a_hostile_local_context(name: str, ctx: Context) -> None:
    with decimal.localcontext(ctx):
        result = repr(CALCULATORS[name]())
    assert REFERENCE[name] == result


@pytest.mark.parametrize("ctx", list(HOSTILE.values()), ids=list(HOSTILE))
def test_results_are_the_same_under_a_hostile_global_context(ctx: Context) -> None:
    with _global_context(ctx):
        results = _run_all()
        assert ctx.prec == decimal.getcontext().prec  # the library left it alone
    assert REFERENCE == results


def test_the_library_leaves_the_callers_context_untouched() -> None:
    ctx = _hostile()
    with decimal.localcontext(ctx) as active:
        _run_all()
        assert 3 == active.prec
        assert ROUND_FLOOR == active.rounding
        assert not any(active.flags.values()), "the library raised a flag in the caller's context"


def test_threads_with_different_contexts_agree_with_the_reference() -> None:
    contexts = [*list(HOSTILE.values())[:7], Context()]
    assert 8 == len(contexts)
    start = threading.Barrier(len(contexts))
    results: list[list[dict[str, str]] | BaseException] = [[] for _ in contexts]

    def work(index: int, ctx: Context) -> None:
        try:
            with decimal.localcontext(ctx):
                start.wait(timeout=30)
                rounds = [_run_all() for _ in range(3)]
            results[index] = rounds
        except BaseException as err:  # reported below, never lost in the thread
            results[index] = err

    threads = [
        threading.Thread(target=work, args=(i, ctx), name=f"ctx-{i}")
        for i, ctx in enumerate(contexts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    for index, outcome in enumerate(results):
        assert not isinstance(outcome, BaseException), f"thread {index}: {outcome!r}"
        assert 3 == len(outcome)
        for round_results in outcome:
            assert REFERENCE == round_results


def test_new_threads_default_context_does_not_matter() -> None:
    # decimal.DefaultContext seeds the context of every new thread.
    saved = decimal.DefaultContext.copy()
    outcome: list[dict[str, str]] = []
    try:
        decimal.DefaultContext.prec = 2
        decimal.DefaultContext.rounding = ROUND_FLOOR
        decimal.DefaultContext.traps[decimal.Inexact] = True
        thread = threading.Thread(target=lambda: outcome.append(_run_all()))
        thread.start()
        thread.join(timeout=120)
    finally:
        decimal.DefaultContext.prec = saved.prec
        decimal.DefaultContext.rounding = saved.rounding
        decimal.DefaultContext.traps[decimal.Inexact] = saved.traps[decimal.Inexact]
    assert [REFERENCE] == outcome


@given(
    prec=st.integers(min_value=1, max_value=40),
    rounding=st.sampled_from(
        [ROUND_05UP, ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_UP]
    ),
    emax=st.integers(min_value=1, max_value=50),
    trap_inexact=st.booleans(),
    name=st.sampled_from(sorted(CALCULATORS)),
)
def test_any_caller_context_gives_the_reference(
    prec: int, rounding: str, emax: int, trap_inexact: bool, name: str
) -> None:
    ctx = Context(prec=prec, rounding=rounding, Emax=emax, Emin=-emax)
    ctx.traps[decimal.Inexact] = trap_inexact
    ctx.traps[decimal.Rounded] = trap_inexact
    with decimal.localcontext(ctx):
        result = repr(CALCULATORS[name]())
    assert REFERENCE[name] == result


_IMPORT_UNDER = """
import decimal, json, sys
decimal.setcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, Emax=6, Emin=-6,
                                   traps={traps}))
import salesdomain  # every module is imported under the caller's hostile context
from salesdomain import (appraisal, attendance, commission, contracts, duties, expenses,
                         pipeline, pricing, quoting, receivables, targets, units, visits)
decimal.setcontext(decimal.Context())
from tests.test_isolation import _run_all
json.dump(_run_all(), sys.stdout)
"""


@pytest.mark.parametrize(
    "traps",
    [
        pytest.param("[]", id="no_traps"),
        pytest.param(
            "[decimal.Inexact, decimal.Rounded, decimal.Overflow, decimal.Subnormal]", id="traps"
        ),
    ],
)
def test_importing_the_library_under_a_hostile_context_changes_nothing(traps: str) -> None:
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_UNDER.format(traps=traps)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert 0 == done.returncode, done.stderr[-2000:]
    assert REFERENCE == json.loads(done.stdout)


def test_formatting_is_the_same_under_a_hostile_context() -> None:
    expected = Money("1234.5678", "KWD").format("en")
    with decimal.localcontext(Context(prec=2, rounding=ROUND_FLOOR)):
        assert expected == Money("1234.5678", "KWD").format("en")


def test_no_calculator_raises_a_flag_in_the_callers_context() -> None:
    # Any arithmetic done in the caller's context at precision 1 would round and set
    # Rounded or Inexact; the library's own context leaves the caller's flags clear.
    for name, calculate in CALCULATORS.items():
        ctx = Context(prec=1, rounding=ROUND_FLOOR, Emax=3, Emin=-3, traps=[])
        with decimal.localcontext(ctx) as active:
            calculate()
            raised = sorted(signal.__name__ for signal, up in active.flags.items() if up)
        assert ([], name) == (raised, name)
