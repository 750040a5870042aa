"""Scale-out (issue 10): partitioned runs merge to exactly the single run.

Commission (INC-5, COLL-1): the ``CommissionBase`` of any partition of the events,
each streamed from any iterable with the invoices broadcast to every partition, add
up to the base of all events, so settling the merged base gives the statement of a
single run (tiered brackets, attainment multipliers and overrides included).  Price
audits (PRICE-4, PRICE-5): the audits of contiguous partitions, each run with its
``start``, merge to the audit of all lines.  Everything crossing a process boundary
pickles; one test runs a real ``ProcessPoolExecutor`` with 2 workers.
"""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    GENERIC_LADDER,
    AuthorityLimits,
    InvalidInput,
    Money,
    Period,
    UnknownEntity,
    WrongType,
)
from salesdomain.commission import (
    REASON_CODES as COMMISSION_CODES,
)
from salesdomain.commission import (
    Basis,
    CommissionBase,
    CommissionPlan,
    CommissionStatement,
    CreditNote,
    Event,
    Invoice,
    ManagerOverride,
    Payment,
    TierMode,
    WriteOff,
    accumulate,
    compute_commission,
    settle,
)
from salesdomain.pricing import (
    REASON_CODES as PRICING_CODES,
)
from salesdomain.pricing import (
    Channel,
    PriceAudit,
    PriceList,
    PricePolicy,
    PriceRow,
    PriceTiers,
    PriceVersion,
    audit_prices,
)

T = TypeVar("T")
D = Decimal
MARCH = Period.month(2026, 3)
PEOPLE = ("ann", "bo", "cai", "dee", "eli")


# -- a month of sales ------------------------------------------------------------------


def monthly_plan(basis: Basis = Basis.COLLECTED, currency: str = "CNY") -> CommissionPlan:
    """Five marginal brackets, attainment multipliers and a manager's override."""
    return CommissionPlan(
        name="march",
        drafted_by="mgr",
        commission_basis=basis,
        commission_rates=[
            (0, 2_000, D("0.01")),
            (2_000, 5_000, D("0.02")),
            (5_000, 8_000, D("0.03")),
            (8_000, 12_000, D("0.04")),
            (12_000, None, D("0.05")),
        ],
        tier_mode=TierMode.MARGINAL,
        attainment_multipliers=[(0, D("0.8")), (D("0.9"), D("1")), (D("1.2"), D("1.25"))],
        manager_overrides=(ManagerOverride("mgr", D("0.005"), team=PEOPLE),),
        incentive_plan_approvers=(),
        currency=currency,
    )


def month_of_sales(currency: str = "CNY") -> tuple[list[Invoice], list[Event]]:
    """30 invoices (January to April) and their payments, refunds and write-offs.

    Payments fall before March (history), in March and after it; some invoices are
    overpaid, some refunded after being collected (a clawback), some written off.
    """
    invoices = [
        Invoice(
            f"INV-{i:02d}",
            dt.date(2026, 1 + i % 4, 1 + (i * 7) % 28),
            Money(D(8_000 + (i * 1_733) % 9_000), currency),
            {PEOPLE[i % 5]: D("0.75"), PEOPLE[(i + 2) % 5]: D("0.25")} if i % 3 else PEOPLE[i % 5],
        )
        for i in range(30)
    ]
    events: list[Event] = []
    for k in range(240):
        number = invoices[(k * 7) % 30].number
        on = dt.date(2026, 2 + k % 3, 1 + (k * 11) % 28)
        events.append(Payment(number, on, Money(D(400 + (k * 37) % 900), currency), id=f"P{k}"))
    for invoice in invoices[:3]:  # paid in full in February, then refunded in March
        events.append(
            Payment(invoice.number, dt.date(2026, 2, 27), invoice.amount, id=f"F{invoice.number}")
        )
    for k in range(12):
        number = invoices[k % 3 if k < 3 else (k * 5) % 30].number
        events.append(
            CreditNote(number, dt.date(2026, 3, 2 + k), Money(D(150 + k), currency), id=f"C{k}")
        )
    for k in range(4):
        number = invoices[k * 7 + 1].number
        events.append(
            WriteOff(number, dt.date(2026, 3, 20 + k), Money(D(500), currency), id=f"W{k}")
        )
    return invoices, events


TARGETS = {name: Money(D(11_000)) for name in PEOPLE} | {"mgr": Money(D(1))}


def chunks(items: Sequence[T], parts: int) -> list[list[T]]:
    """``items`` cut into ``parts`` contiguous chunks (some may be empty)."""
    size = -(-len(items) // parts) if items else 0
    return [list(items[i * size : (i + 1) * size]) for i in range(parts)]


def stream(items: Iterable[T]) -> Iterator[T]:
    """A one-shot generator, as a database cursor would give."""
    yield from items


def part_base(events: Iterable[Event], invoices: Sequence[Invoice]) -> CommissionBase:
    return accumulate(stream(events), MARCH, invoices=invoices)


def checked(statement: CommissionStatement) -> CommissionStatement:
    codes = {reason.code for reason in statement.reasons}
    assert codes <= COMMISSION_CODES, codes - COMMISSION_CODES
    return statement


# -- commission --------------------------------------------------------------------------


def test_the_month_of_sales_exercises_every_nonlinear_step() -> None:
    invoices, events = month_of_sales()
    statement = checked(
        compute_commission(monthly_plan(), events, MARCH, invoices=invoices, target=TARGETS)
    )
    codes = {reason.code for reason in statement.reasons}
    assert {
        "overpayment_earns_no_commission",
        "commission_clawback",
        "attainment_multiplier_applied",
        "manager_override",
        "events_outside_period",
    } <= codes
    assert statement.events_before_period > 0
    assert statement.events_after_period > 0
    bases = [base for _, base in statement.base_by_salesperson]
    factors = {
        reason.param("factor")
        for reason in statement.reasons
        if reason.code == "attainment_multiplier_applied"
    }
    assert max(bases) > D(12_000)  # the top bracket
    assert len(factors) > 1  # more than one row of the multiplier table applies


@pytest.mark.parametrize("basis", [Basis.COLLECTED, Basis.BOOKED])
@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_INC_5_partitioned_commission_equals_the_single_run(basis: Basis, parts: int) -> None:
    invoices, events = month_of_sales()
    plan = monthly_plan(basis)
    whole = compute_commission(plan, events, MARCH, invoices=invoices, target=TARGETS)
    bases = [part_base(chunk, invoices) for chunk in chunks(events, parts)]
    merged = sum(bases[1:], bases[0])
    assert accumulate(events, MARCH, invoices=invoices) == merged
    assert checked(whole) == settle(merged, plan, target=TARGETS)


def test_INC_5_the_order_of_merging_partitions_does_not_matter() -> None:
    invoices, events = month_of_sales()
    bases = [part_base(chunk, invoices) for chunk in chunks(events, 4)]
    forward = sum(bases[1:], bases[0])
    backward = sum(reversed(bases[:-1]), bases[-1])
    by_sum = sum(bases)  # sum() starts from 0, which a base absorbs
    assert forward == backward
    assert forward == by_sum


@given(
    cuts=st.lists(st.integers(min_value=0, max_value=256), max_size=5),
    order=st.randoms(use_true_random=False),
    basis=st.sampled_from(Basis),
)
def test_INC_5_property_any_partition_of_any_order_settles_to_the_single_run(
    cuts: list[int], order: Any, basis: Basis
) -> None:
    invoices, events = month_of_sales()
    shuffled = list(events)
    order.shuffle(shuffled)
    bounds = [0, *sorted(cuts), len(shuffled)]
    parts = [shuffled[a:b] for a, b in itertools.pairwise(bounds)]
    bases = [part_base(part, invoices) for part in parts]
    plan = monthly_plan(basis)
    merged = sum(bases[1:], bases[0])
    whole = accumulate(events, MARCH, invoices=invoices)
    assert whole == merged
    assert settle(whole, plan, target=TARGETS) == settle(merged, plan, target=TARGETS)


@pytest.mark.parametrize("currency", ["JPY", "CNY", "KWD"])
def test_INC_5_partitioned_totals_are_exact_in_currencies_of_0_2_and_3_decimals(
    currency: str,
) -> None:
    invoices, events = month_of_sales(currency)
    plan = monthly_plan(currency=currency)
    targets = {name: Money(D(11_000), currency) for name in [*PEOPLE, "mgr"]}
    whole = compute_commission(plan, events, MARCH, invoices=invoices, target=targets)
    bases = [part_base(chunk, invoices) for chunk in chunks(events, 3)]
    split = settle(sum(bases[1:], bases[0]), plan, target=targets)
    assert whole == split
    assert whole.total is not None
    assert whole.total == sum((money for _, money in split.by_salesperson), Money(0, currency))


def test_INC_5_a_partition_missing_its_invoices_only_fails_when_settled() -> None:
    invoices, events = month_of_sales()
    lonely = accumulate(stream(events[:10]), MARCH)  # the invoices were not broadcast
    with pytest.raises(UnknownEntity, match="invoice"):
        settle(lonely, monthly_plan(), target=TARGETS)
    assert part_base(events[:10], invoices) == lonely + accumulate([], MARCH, invoices=invoices)


def test_INC_5_partitions_of_different_months_do_not_merge() -> None:
    invoices, events = month_of_sales()
    april = accumulate(events[:5], Period.month(2026, 4), invoices=invoices)
    with pytest.raises(InvalidInput, match="period"):
        _ = part_base(events[5:], invoices) + april


def test_INC_5_a_streamed_duplicate_id_is_named_by_its_first_repeat() -> None:
    invoices, _ = month_of_sales()
    number = invoices[0].number

    def pay(event_id: str) -> Payment:
        return Payment(number, dt.date(2026, 3, 3), Money("10"), id=event_id)

    events = [pay("P1"), pay("P5"), pay("P3"), pay("P3"), pay("P5")]
    with pytest.raises(InvalidInput, match="id: duplicate event ID in one computation, got 'P3'"):
        accumulate(stream(events), MARCH, invoices=invoices)
    unchecked = accumulate(stream(events), MARCH, invoices=invoices, check_ids=False)
    assert (5, None) == (unchecked.in_period, unchecked.event_ids)


def test_INC_5_an_event_id_in_two_partitions_is_refused_as_in_a_single_run() -> None:
    invoices, events = month_of_sales()
    with pytest.raises(InvalidInput, match="id"):
        _ = part_base(events[:10], invoices) + part_base(events[5:15], invoices)


# -- price audits ------------------------------------------------------------------------

CHANGE = dt.date(2026, 3, 16)


def price_list() -> PriceList:
    versions = []
    for n in range(20):
        market = D(100 + 10 * n)
        old = PriceTiers(Money(market), Money(market * D("0.8")), Money(market * D("0.7")))
        new = PriceTiers(
            Money(market + 5), Money((market + 5) * D("0.8")), Money((market + 5) * D("0.7"))
        )
        versions.append(PriceVersion(f"S{n}", old, valid_to=CHANGE - dt.timedelta(days=1)))
        versions.append(PriceVersion(f"S{n}", new, valid_from=CHANGE))
    return PriceList(versions, vat_included=True)


def price_policy() -> PricePolicy:
    manager = GENERIC_LADDER.get("sales_manager")
    director = GENERIC_LADDER.get("general_manager")
    return PricePolicy(discount_authority=AuthorityLimits({manager: D("0.1"), director: D("0.25")}))


def order_lines(n: int = 600) -> list[PriceRow]:
    """Order lines at, above and below the market quote, on both channels."""
    factors = [D("1"), D("1.02"), D("0.95"), D("0.85"), D("0.78"), D("0.6"), D("0.72")]
    rows = []
    for k in range(n):
        sku = k % 20
        on = dt.date(2026, 3, 1 + (k * 5) % 31)
        market = D(100 + 10 * sku) + (5 if on >= CHANGE else 0)
        price = (market * factors[k % 7]).quantize(D("0.01"))
        channel = Channel.DEALER if k % 4 == 0 else Channel.DIRECT
        rows.append(PriceRow(f"S{sku}", on, price, channel, 1 + k % 3))
    return rows


def audit_in_parts(rows: Sequence[PriceRow], parts: int) -> list[PriceAudit]:
    audits, start = [], 0
    for chunk in chunks(rows, parts):
        audits.append(audit_prices(stream(chunk), price_list(), price_policy(), start=start))
        start += len(chunk)
    return audits


def audit_indexed(indexed: Iterable[tuple[PriceRow, int]]) -> PriceAudit:
    """Audit one partition of ``(line, global index)`` pairs (as Spark's
    ``zipWithIndex`` gives them), taking ``start`` from the first pair."""
    pairs = iter(indexed)
    first = next(pairs, None)
    if first is None:
        return PriceAudit()
    lines = (line for line, _ in itertools.chain([first], pairs))
    return audit_prices(lines, price_list(), price_policy(), start=first[1])


def test_the_order_lines_give_every_audit_outcome() -> None:
    audit = audit_prices(order_lines(), price_list(), price_policy())
    codes = {f.decision.reasons[0].code for f in audit.findings}
    assert codes <= PRICING_CODES
    assert {"discount_needs_approval", "price_below_floor", "discount_beyond_authority"} <= codes
    assert audit.allowed > 0
    assert {"sales_manager", "general_manager"} == {
        f.decision.approvers[0].code for f in audit.findings if f.decision.approvers
    }


@pytest.mark.parametrize("parts", [1, 2, 5, 9])
def test_PRICE_4_audits_of_partitions_merge_to_the_audit_of_all_lines(parts: int) -> None:
    rows = order_lines()
    whole = audit_prices(rows, price_list(), price_policy())
    audits = audit_in_parts(rows, parts)
    assert whole == sum(audits, PriceAudit())
    assert whole == sum(reversed(audits), PriceAudit())
    assert whole == audits[0].merge(*audits[1:])


def test_PRICE_4_partitions_with_their_global_indices_merge_to_the_whole() -> None:
    rows = order_lines()
    indexed = list(zip(rows, itertools.count(), strict=False))
    audits = [audit_indexed(chunk) for chunk in chunks(indexed, 4)]
    assert audit_prices(rows, price_list(), price_policy()) == sum(audits, PriceAudit())
    assert PriceAudit() == audit_indexed([])


def test_PRICE_4_an_audit_merges_only_with_audits() -> None:
    audit = audit_prices(order_lines(10), price_list(), price_policy())
    with pytest.raises(WrongType, match=r"others\[0\]"):
        audit.merge("audit")  # type: ignore[arg-type]


@given(cuts=st.lists(st.integers(min_value=0, max_value=120), max_size=4))
def test_PRICE_4_property_any_contiguous_partition_merges_to_the_audit_of_all(
    cuts: list[int],
) -> None:
    rows = order_lines(120)
    bounds = [0, *sorted(cuts), len(rows)]
    audits = [
        audit_prices(stream(rows[a:b]), price_list(), price_policy(), start=a)
        for a, b in itertools.pairwise(bounds)
    ]
    assert audit_prices(rows, price_list(), price_policy()) == sum(audits, PriceAudit())


# -- across processes --------------------------------------------------------------------


def test_value_objects_crossing_a_process_boundary_pickle() -> None:
    invoices, events = month_of_sales()
    plan = monthly_plan()
    base = accumulate(events, MARCH, invoices=invoices, lines=True)
    statement = settle(base, plan, target=TARGETS)
    audit = audit_prices(order_lines(), price_list(), price_policy())
    values: list[object] = [
        *invoices[:2],
        *events[:1],
        *events[-16:-14],
        events[-1],
        plan,
        base,
        statement,
        price_list(),
        price_policy(),
        audit,
        audit.findings[0],
        order_lines(1)[0],
    ]
    for value in values:
        assert value == pickle.loads(pickle.dumps(value))
    copy = pickle.loads(pickle.dumps(price_list()))
    assert audit == audit_prices(order_lines(), copy, pickle.loads(pickle.dumps(price_policy())))


def test_a_process_pool_of_2_workers_gives_the_single_run_results() -> None:
    invoices, events = month_of_sales()
    plan = monthly_plan()
    rows = order_lines()
    line_chunks = chunks(rows, 2)
    with ProcessPoolExecutor(max_workers=2) as pool:
        bases = list(
            pool.map(partial(accumulate, period=MARCH, invoices=invoices), chunks(events, 2))
        )
        futures = [
            pool.submit(audit_prices, chunk, price_list(), price_policy(), start=start)
            for chunk, start in zip(line_chunks, (0, len(line_chunks[0])), strict=True)
        ]
        audits = [future.result() for future in futures]
    single = compute_commission(plan, events, MARCH, invoices=invoices, target=TARGETS)
    assert single == settle(sum(bases[1:], bases[0]), plan, target=TARGETS)
    assert audit_prices(rows, price_list(), price_policy()) == sum(audits, PriceAudit())
