"""The benchmark cases: what the library does, and what it is compared with.

Each timed :class:`Case` builds its inputs once, then offers the library's callable
and one or more reference callables doing the same work on the same inputs; its
``same`` check compares the results of the very runs that were timed, so the figures
compare like with like (the runner prints the verdict in the ``same`` column).  The
``*_agrees_with_reference`` functions run the same comparison on small inputs for the
test suite.  A :class:`MemoryCase` measures the peak memory (``tracemalloc``) of one
computation at two sizes.
"""

from __future__ import annotations

import datetime as _dt
import gc
import importlib.util
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from benchmarks import references
from salesdomain import GENERIC_LADDER, AuthorityLimits, Money, Period, Verdict, allocate
from salesdomain.commission import Basis, CommissionPlan, Invoice, Payment, compute_commission
from salesdomain.pricing import (
    Channel,
    PriceAudit,
    PriceDecision,
    PriceList,
    PricePolicy,
    PriceTiers,
    PriceVersion,
    audit_prices,
    check_price,
)

Work = Callable[[], object]
Same = Callable[[Any, Any], bool]


@dataclass
class Case:
    """One timed benchmark: a builder for the library side and for each reference.

    ``limit`` is the goal as a ratio (library time / reference time); ``strict``
    means the ratio must stay below it, not just reach it.
    """

    name: str
    goal: str
    build: Callable[[bool], tuple[int, Work]]
    references: Callable[[bool], list[tuple[str, Work]]]
    needs: tuple[str, ...] = ()
    limit: float | None = None
    strict: bool = False
    same: Same | None = None

    def available(self) -> bool:
        return all(importlib.util.find_spec(module) is not None for module in self.needs)

    @property
    def missing(self) -> str:
        absent = [m for m in self.needs if importlib.util.find_spec(m) is None]
        return "install the bench extra for " + ", ".join(absent)


class Peak(NamedTuple):
    """The peak traced memory of one run."""

    label: str
    size: int
    peak_bytes: int


@dataclass
class MemoryCase:
    """Peak memory of one computation at a large size against a small one."""

    name: str
    goal: str
    run: Callable[[bool], tuple[Peak, Peak]]
    limit: float | None = None


# -- shared inputs --------------------------------------------------------------------

_SHARED: dict[object, object] = {}


def _shared(key: object, factory: Callable[[], Any]) -> Any:
    """The inputs under ``key``, built once; only one input set is kept at a time."""
    if key not in _SHARED:
        _SHARED.clear()
        gc.collect()
        _SHARED[key] = factory()
    return _SHARED[key]


def release_inputs() -> None:
    """Drop the shared inputs (the runner calls this when it is done)."""
    _SHARED.clear()


# -- Money operations against the peers -------------------------------------------------

_N_MONEY = 100_000


def _money_inputs(quick: bool) -> tuple[int, list[str]]:
    n = 10_000 if quick else _N_MONEY
    return n, [f"{i % 9973}.{i % 100:02d}" for i in range(n)]


def _same_amounts(ours: Sequence[Any], theirs: Sequence[Any]) -> bool:
    def plain(value: Any) -> object:
        return value if isinstance(value, bool) else value.amount

    return [plain(v) for v in ours] == [plain(v) for v in theirs]


def _money_case(op: str) -> Case:
    factor = Decimal("1.05")

    def run_with(make: Callable[[str], object], quick: bool) -> tuple[int, Work]:
        n, texts = _money_inputs(quick)
        values = [make(t) for t in texts]
        other = make("12.34")
        if op == "add":
            return n, lambda: [v + other for v in values]  # type: ignore[operator]
        if op == "multiply":
            return n, lambda: [v * factor for v in values]  # type: ignore[operator]
        return n, lambda: [v < other for v in values]  # type: ignore[operator]

    def build(quick: bool) -> tuple[int, Work]:
        return run_with(lambda t: Money(t, "CNY"), quick)

    def refs(quick: bool) -> list[tuple[str, Work]]:
        import moneyed
        import prices  # type: ignore[import-untyped]

        return [
            ("py-moneyed", run_with(lambda t: moneyed.Money(t, "CNY"), quick)[1]),
            ("prices", run_with(lambda t: prices.Money(t, "CNY"), quick)[1]),
        ]

    return Case(
        f"Money {op}",
        "< 1x (faster than both)",
        build,
        refs,
        needs=("moneyed", "prices"),
        limit=1.0,
        strict=True,
        same=_same_amounts,
    )


# -- allocate against the int-divmod reference ----------------------------------------


def _allocate_case(parts: int) -> Case:
    total = Money("1234567.89")
    weights = [(i % 7) + 1 for i in range(parts)]
    amount = Decimal("1234567.89")
    repeat_small = 2000 if parts <= 12 else 1

    def build(quick: bool) -> tuple[int, Work]:
        loops = max(1, repeat_small // (10 if quick else 1))

        def work() -> object:
            result = None
            for _ in range(loops):
                result = allocate(total, weights)
            return result

        return loops, work

    def refs(quick: bool) -> list[tuple[str, Work]]:
        loops = max(1, repeat_small // (10 if quick else 1))

        def work() -> object:
            result = None
            for _ in range(loops):
                cents = int(amount * 100)
                result = [Decimal(u).scaleb(-2) for u in references.divmod_split(cents, weights)]
            return result

        return [("int-divmod split", work)]

    def same(ours: Sequence[Money], theirs: Sequence[Decimal]) -> bool:
        return [m.amount for m in ours] == list(theirs)

    return Case(
        f"allocate into {parts:,} parts",
        "<= 1.5x",
        build,
        refs,
        limit=1.5,
        same=same,
    )


def allocate_agrees_with_reference(parts: int) -> bool:
    """The library's split and the reference's are the same numbers."""
    weights = [(i % 7) + 1 for i in range(parts)]
    ours = [m.amount for m in allocate(Money("1234567.89"), weights)]
    theirs = [Decimal(u).scaleb(-2) for u in references.divmod_split(123456789, weights)]
    return ours == theirs


# -- bulk price audit against the if-chain ----------------------------------------------

N_AUDIT = 1_000_000
N_AUDIT_QUICK = 20_000
N_SKUS = 1_000
AUDIT_LIMIT_RATE = Decimal("0.20")
"""The sales manager may approve a discount of up to 20% off the market quote."""
_PRICE_CHANGE = _dt.date(2026, 3, 16)
_CENT = Decimal("0.01")


class AuditInputs(NamedTuple):
    """A price list of two versions per SKU, the policy, and the order lines."""

    price_list: PriceList
    policy: PricePolicy
    lines: list[tuple[str, _dt.date, Decimal, Channel, int]]


def audit_policy() -> PricePolicy:
    """The benchmark's policy: the generic reading, the sales manager up to 20% off."""
    manager = GENERIC_LADDER.get("sales_manager")
    return PricePolicy(discount_authority=AuthorityLimits({manager: AUDIT_LIMIT_RATE}))


def _tiers(sku_no: int, bump: int) -> tuple[Decimal, Decimal, Decimal]:
    market = Decimal(100 + sku_no * 3 + bump) + Decimal("0.90")
    return (
        market,
        (market * Decimal("0.8")).quantize(_CENT),
        (market * Decimal("0.7")).quantize(_CENT),
    )


def make_audit_inputs(n: int, flagged_every: int | None) -> AuditInputs:
    """``n`` order lines over 1,000 SKUs (two price versions each, March 2026).

    Clean lines sell at the market quote or a little above it.  With
    ``flagged_every`` set, every ``flagged_every``-th line is discounted instead,
    cycling through: within the manager's authority above the floor (needs
    approval), below the floor, and (on the dealer channel) above the dealer floor
    but beyond the manager's 20% (both rejected).
    """
    versions = []
    price_pool: dict[tuple[int, int], tuple[Decimal, ...]] = {}
    for sku_no in range(N_SKUS):
        sku = f"SKU-{sku_no:04d}"
        for bump, (valid_from, valid_to) in enumerate(
            ((None, _PRICE_CHANGE - _dt.timedelta(days=1)), (_PRICE_CHANGE, None))
        ):
            market, factory_floor, dealer_floor = _tiers(sku_no, bump)
            tiers = PriceTiers(Money(market), Money(factory_floor), Money(dealer_floor))
            versions.append(PriceVersion(sku, tiers, valid_from=valid_from, valid_to=valid_to))
            price_pool[sku_no, bump] = (
                market,  # clean: at the reference
                market + 5,  # clean: a premium
                (market * Decimal("0.9")).quantize(_CENT),  # 10% off: needs approval
                (market * Decimal("0.6")).quantize(_CENT),  # below every floor: rejected
                (market * Decimal("0.75")).quantize(_CENT),  # 25% off: direct below floor,
                # dealer above its floor but beyond the manager's 20%: rejected
            )
    price_list = PriceList(versions, vat_included=True)
    days = [_dt.date(2026, 3, day) for day in range(1, 32)]
    skus = [f"SKU-{sku_no:04d}" for sku_no in range(N_SKUS)]
    direct, dealer = Channel.DIRECT, Channel.DEALER
    lines: list[tuple[str, _dt.date, Decimal, Channel, int]] = []
    append = lines.append
    flagged_seen = 0
    for index in range(n):
        sku_no = (index * 7919) % N_SKUS
        day = days[(index * 13) % 31]
        channel = dealer if index % 3 == 0 else direct
        pool = price_pool[sku_no, 0 if day < _PRICE_CHANGE else 1]
        if flagged_every and index % flagged_every == 0:
            price = pool[2 + (flagged_seen // 3) % 3]  # each kind on both channels
            flagged_seen += 1
        else:
            price = pool[index % 2]
        append((skus[sku_no], day, price, channel, 1 + index % 4))
    return AuditInputs(price_list, audit_policy(), lines)


def reference_table(price_list: PriceList) -> dict[str, list[references.Version]]:
    """The price list as the hand-written audit keeps it (built once, not timed)."""
    table: dict[str, list[references.Version]] = {}
    for version in price_list.versions:
        tiers = version.tiers
        table.setdefault(version.sku, []).append(
            references.Version(
                version.valid_from or _dt.date.min,
                version.valid_to or _dt.date.max,
                tiers.market_quote.amount,
                tiers.factory_floor.amount,
                tiers.dealer_floor.amount,
                AUDIT_LIMIT_RATE,
            )
        )
    return table


def audit_summary(audit: PriceAudit) -> tuple[int, int, int, list[tuple[int, int]]]:
    """A :class:`PriceAudit` in the shape of the reference's result."""
    code = {Verdict.NEEDS_APPROVAL: 1, Verdict.REJECTED: 2}
    return (
        audit.allowed,
        audit.needs_approval,
        audit.rejected,
        [(f.index, code[f.decision.verdict]) for f in audit.findings],
    )


def _same_audit(ours: PriceAudit, theirs: tuple[int, int, int, list[tuple[int, int]]]) -> bool:
    return audit_summary(ours) == theirs


def audit_agrees_with_reference(n: int, flagged_every: int | None) -> bool:
    """The library's audit and the if-chain count and flag exactly the same lines."""
    inputs = make_audit_inputs(n, flagged_every)
    ours = audit_prices(iter(inputs.lines), inputs.price_list, inputs.policy)
    theirs = references.if_chain_audit(
        inputs.lines, reference_table(inputs.price_list), Channel.DIRECT
    )
    return _same_audit(ours, theirs)


def _audit_case(flagged_every: int | None) -> Case:
    def inputs(quick: bool) -> AuditInputs:
        n = N_AUDIT_QUICK if quick else N_AUDIT
        data: AuditInputs = _shared(
            ("audit", n, flagged_every), lambda: make_audit_inputs(n, flagged_every)
        )
        return data

    def build(quick: bool) -> tuple[int, Work]:
        data = inputs(quick)
        return len(data.lines), lambda: audit_prices(data.lines, data.price_list, data.policy)

    def refs(quick: bool) -> list[tuple[str, Work]]:
        data = inputs(quick)
        table = reference_table(data.price_list)
        return [
            (
                "Decimal if-chain",
                lambda: references.if_chain_audit(data.lines, table, Channel.DIRECT),
            )
        ]

    variant = "all clean" if flagged_every is None else f"1/{flagged_every} flagged"
    return Case(f"price audit, {variant}", "<= 5x", build, refs, limit=5.0, same=_same_audit)


# -- commission against the bracket loop -----------------------------------------------

N_EVENTS = 1_000_000
N_EVENTS_QUICK = 20_000
N_PEOPLE = 50
EVENTS_PER_INVOICE = 200
MARCH = Period.month(2026, 3)
_BRACKETS = (
    (0, Decimal("0.01")),
    (100_000, Decimal("0.02")),
    (300_000, Decimal("0.03")),
    (600_000, Decimal("0.04")),
    (1_000_000, Decimal("0.05")),
)


class CommissionInputs(NamedTuple):
    """The plan, the reference brackets, the invoices and the payments."""

    plan: CommissionPlan
    brackets: list[tuple[Decimal, Decimal]]
    invoices: list[Invoice]
    payments: list[Payment]


def make_invoices(count: int) -> list[Invoice]:
    """``count`` invoices of 15,000-25,000 booked in February and March, two sellers each."""
    people = [f"rep{p:02d}" for p in range(N_PEOPLE)]
    return [
        Invoice(
            f"INV-{i:06d}",
            _dt.date(2026, 2, 1) + _dt.timedelta(days=i % 40),
            Money(Decimal(15_000 + (i * 7919) % 10_000)),
            {people[i % N_PEOPLE]: Decimal("0.6"), people[(i + 7) % N_PEOPLE]: Decimal("0.4")},
        )
        for i in range(count)
    ]


_PAYMENT_AMOUNTS = [Money(Decimal(f"{20 + k * 5 // 3}.{k * 7 % 100:02d}")) for k in range(97)]
_MARCH_DAYS = [_dt.date(2026, 3, day) for day in range(1, 32)]


def payments(n: int, numbers: Sequence[str]) -> Iterator[Payment]:
    """``n`` March payments spread over the invoices ``numbers`` (a generator).

    About half the invoices end up paid beyond their amount, so the cap matters.
    """
    count = len(numbers)
    for k in range(n):
        yield Payment(
            numbers[k % count],
            _MARCH_DAYS[(k * 11) % 31],
            _PAYMENT_AMOUNTS[(k * 31) % 97],
            id=f"P{k:08d}",
        )


def commission_setup(
    invoice_count: int,
) -> tuple[CommissionPlan, list[tuple[Decimal, Decimal]], list[Invoice]]:
    """A 5-bracket marginal plan, its brackets for the reference, and the invoices.

    The bracket bounds scale with the number of invoices, so every bracket is
    reached by the salespeople's bases at any size.
    """
    scale = Decimal(invoice_count) / 5_000
    brackets = [(Decimal(lower) * scale, rate) for lower, rate in _BRACKETS]
    plan = CommissionPlan(
        name="monthly",
        drafted_by="m1",
        commission_basis=Basis.COLLECTED,
        commission_rates=[
            (lower, brackets[i + 1][0] if i + 1 < len(brackets) else None, rate)
            for i, (lower, rate) in enumerate(brackets)
        ],
        incentive_plan_approvers=(),
    )
    return plan, brackets, make_invoices(invoice_count)


def make_commission_inputs(n: int) -> CommissionInputs:
    """``n`` payments on ``n / 200`` invoices (at least 50), and the plan."""
    plan, brackets, invoices = commission_setup(max(N_PEOPLE, n // EVENTS_PER_INVOICE))
    return CommissionInputs(
        plan, brackets, invoices, list(payments(n, [i.number for i in invoices]))
    )


def _reference_commission(
    data: CommissionInputs, *, check_ids: bool = False
) -> tuple[Decimal, dict[str, Decimal]]:
    return references.collected_commission(
        data.payments,
        data.invoices,
        data.brackets,
        MARCH.start,
        MARCH.end,
        _CENT,
        check_ids=check_ids,
    )


def _same_commission(ours: Any, theirs: tuple[Decimal, dict[str, Decimal]]) -> bool:
    total, exact = theirs
    return ours.total is not None and (ours.total.amount, dict(ours.exact_by_salesperson)) == (
        total,
        exact,
    )


def commission_agrees_with_reference(n: int, *, check_ids: bool = True) -> bool:
    """The library's statement and the bracket loop give the same total and per person."""
    data = make_commission_inputs(n)
    statement = compute_commission(
        data.plan, data.payments, MARCH, invoices=data.invoices, check_ids=check_ids
    )
    return _same_commission(statement, _reference_commission(data))


def _commission_case(check_ids: bool) -> Case:
    def inputs(quick: bool) -> CommissionInputs:
        n = N_EVENTS_QUICK if quick else N_EVENTS
        data: CommissionInputs = _shared(("commission", n), lambda: make_commission_inputs(n))
        return data

    def build(quick: bool) -> tuple[int, Work]:
        data = inputs(quick)

        def work() -> object:
            return compute_commission(
                data.plan, data.payments, MARCH, invoices=data.invoices, check_ids=check_ids
            )

        return len(data.payments), work

    def refs(quick: bool) -> list[tuple[str, Work]]:
        data = inputs(quick)
        found: list[tuple[str, Work]] = [
            ("Decimal bracket loop", lambda: _reference_commission(data))
        ]
        if check_ids:
            found.append(
                (
                    "bracket loop + ID set",
                    lambda: _reference_commission(data, check_ids=True),
                )
            )
        return found

    suffix = "" if check_ids else ", check_ids=False"
    return Case(
        f"commission, 5 brackets{suffix}",
        "<= 3x",
        build,
        refs,
        limit=3.0,
        same=_same_commission,
    )


def commission_peak(n: int, invoice_count: int, *, check_ids: bool) -> tuple[int, int]:
    """Peak traced memory of a commission run streaming ``n`` payments from a generator.

    Returns ``(peak bytes, events in period)`` (the second proves the run read them all).
    """
    plan, _, invoices = commission_setup(invoice_count)
    stream = payments(n, [invoice.number for invoice in invoices])
    gc.collect()
    tracemalloc.start()
    try:
        statement = compute_commission(plan, stream, MARCH, invoices=invoices, check_ids=check_ids)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, statement.events_in_period


def _commission_memory_case(check_ids: bool) -> MemoryCase:
    def run(quick: bool) -> tuple[Peak, Peak]:
        large, small = (10_000, 1_000) if quick else (N_EVENTS, 10_000)
        invoices = 500 if quick else 5_000
        big, _ = commission_peak(large, invoices, check_ids=check_ids)
        little, _ = commission_peak(small, invoices, check_ids=check_ids)
        return (
            Peak(f"{large:,} events", large, big),
            Peak(f"peak at {small:,} events", small, little),
        )

    if check_ids:
        return MemoryCase(
            "commission peak memory (ids kept)", "none: IDs grow with events", run, None
        )
    return MemoryCase("commission peak memory, check_ids=False", "<= 2x", run, 2.0)


# -- explanations against babel alone ----------------------------------------------------

N_DECISIONS = 10_000
N_DECISIONS_QUICK = 1_000


def make_price_decisions(n: int) -> list[PriceDecision]:
    """``n`` decisions of ``check_price`` on 100 products: about 10% allowed, 40%
    needing approval, 50% rejected (below the floor, or beyond the manager's limit)."""
    policy = audit_policy()
    products = []
    for sku_no in range(100):
        market, factory, dealer = _tiers(sku_no, 0)
        products.append(PriceTiers(Money(market), Money(factory), Money(dealer)))
    discounts = [Decimal(d) / 100 for d in (0, 5, 10, 15, 18, 22, 25, 28, 35, 45)]
    decisions = []
    for index in range(n):
        tiers = products[index % 100]
        off = discounts[(index // 100) % 10]
        price = (tiers.market_quote.amount * (1 - off)).quantize(_CENT)
        channel = Channel.DEALER if index % 2 else Channel.DIRECT
        decisions.append(check_price(tiers, Money(price), channel, policy))
    return decisions


def _same_explanations(ours: Sequence[tuple[str, ...]], theirs: Sequence[list[str]]) -> bool:
    if len(ours) != len(theirs):
        return False
    for sentences, values in zip(ours, theirs, strict=True):
        text = "\n".join(sentences)
        if not sentences or any(value not in text for value in values):
            return False
    return True


def explain_agrees_with_reference(n: int, locale: str) -> bool:
    """Every value babel formats appears, formatted the same, in the explanations."""
    from salesdomain.i18n import explain

    decisions = make_price_decisions(n)
    ours = [explain(decision, locale) for decision in decisions]
    return _same_explanations(ours, references.babel_formatter(locale)(decisions))


def _explain_case(locale: str) -> Case:
    def inputs(quick: bool) -> list[PriceDecision]:
        n = N_DECISIONS_QUICK if quick else N_DECISIONS
        decisions: list[PriceDecision] = _shared(("explain", n), lambda: make_price_decisions(n))
        return decisions

    def build(quick: bool) -> tuple[int, Work]:
        from salesdomain.i18n import explain

        decisions = inputs(quick)
        return len(decisions), lambda: [explain(d, locale) for d in decisions]

    def refs(quick: bool) -> list[tuple[str, Work]]:
        decisions = inputs(quick)
        formatter = references.babel_formatter(locale)
        return [("babel, cached Locale", lambda: formatter(decisions))]

    return Case(
        f"explain price decisions, {locale}",
        "<= 1.25x",
        build,
        refs,
        limit=1.25,
        same=_same_explanations,
    )


# -- the list ----------------------------------------------------------------------------

AUDIT_FLAGGED_EVERY = 67
"""One line in 67 (1.5%) is discounted in the flagged variant of the price audit."""


def all_cases() -> Iterator[Case | MemoryCase]:
    """Every case, in report order."""
    yield _money_case("add")
    yield _money_case("multiply")
    yield _money_case("compare")
    yield _allocate_case(12)
    yield _allocate_case(100_000)
    yield _audit_case(None)
    yield _audit_case(AUDIT_FLAGGED_EVERY)
    yield _commission_case(True)
    yield _commission_case(False)
    yield _commission_memory_case(False)
    yield _commission_memory_case(True)
    yield _explain_case("zh_CN")
    yield _explain_case("en")
