"""The benchmark cases: what the library does, and what it is compared with.

Each case builds its inputs once, then offers the library's callable and one or more
reference callables doing the same work; ``check`` (used by the test suite) runs both
on small inputs and says whether their results agree, so the figures compare like
with like.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from benchmarks import references
from salesdomain import Money, allocate

Work = Callable[[], object]


@dataclass
class Case:
    """One benchmark: a builder for the library side and for each reference."""

    name: str
    goal: str
    build: Callable[[bool], tuple[int, Work]]
    references: Callable[[bool], list[tuple[str, Work]]]
    needs: tuple[str, ...] = ()
    memory: Callable[[bool], str] = field(default=lambda quick: "")

    def available(self) -> bool:
        return all(importlib.util.find_spec(module) is not None for module in self.needs)

    @property
    def missing(self) -> str:
        absent = [m for m in self.needs if importlib.util.find_spec(m) is None]
        return "install the bench extra for " + ", ".join(absent)


# -- Money operations against the peers -------------------------------------------------

_N_MONEY = 100_000


def _money_inputs(quick: bool) -> tuple[int, list[str]]:
    n = 10_000 if quick else _N_MONEY
    return n, [f"{i % 9973}.{i % 100:02d}" for i in range(n)]


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
        import prices

        return [
            ("py-moneyed", run_with(lambda t: moneyed.Money(t, "CNY"), quick)[1]),
            ("prices", run_with(lambda t: prices.Money(t, "CNY"), quick)[1]),
        ]

    return Case(f"Money {op}", "< 1 (faster than both)", build, refs, needs=("moneyed", "prices"))


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

    return Case(f"allocate into {parts:,} parts", "<= 1.5x", build, refs)


def all_cases() -> Iterator[Case]:
    """Every case, in report order."""
    yield _money_case("add")
    yield _money_case("multiply")
    yield _money_case("compare")
    yield _allocate_case(12)
    yield _allocate_case(100_000)


def allocate_agrees_with_reference(parts: int) -> bool:
    """The library's split and the reference's are the same numbers."""
    weights = [(i % 7) + 1 for i in range(parts)]
    ours = [m.amount for m in allocate(Money("1234567.89"), weights)]
    theirs = [Decimal(u).scaleb(-2) for u in references.divmod_split(123456789, weights)]
    return ours == theirs
