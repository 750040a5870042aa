"""The benchmark runner: times each case and its reference in the same run.

``python -m benchmarks`` runs everything (about two minutes on a 2-core runner);
``--quick`` runs small inputs with few repeats; ``--only TEXT`` runs the cases whose
name contains TEXT; ``--markdown`` prints the table as Markdown (for
docs/performance.md).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks import cases


@dataclass(frozen=True)
class Row:
    """One line of the report: a time (seconds) or a peak memory (bytes) and its reference."""

    name: str
    ops: int
    value: float
    reference: str
    reference_value: float
    goal: str
    limit: float | None = None
    strict: bool = False
    same: bool | None = None
    unit: str = "s"
    """``"s"``: seconds for ``ops`` operations; ``"ms"``: shown per operation; ``"B"``: bytes."""

    @property
    def seconds(self) -> float:
        return self.value

    @property
    def ratio(self) -> float:
        return self.value / self.reference_value if self.reference_value else float("nan")

    @property
    def met(self) -> bool | None:
        """Whether the goal is reached (``None`` when the case has no numeric goal)."""
        if self.limit is None:
            return None
        return self.ratio < self.limit if self.strict else self.ratio <= self.limit

    def _show(self, value: float) -> str:
        if self.unit == "B":
            return f"{value / 1e6:,.1f} MB"
        if self.unit == "ms":
            return f"{value * 1e3:,.1f} ms"
        return f"{self.ops / value:,.0f}/s" if value else "inf"

    def throughput(self) -> str:
        """Operations per second, or the peak memory, or the time of one operation."""
        return self._show(self.value)

    def reference_throughput(self) -> str:
        """The same for the reference."""
        return self._show(self.reference_value)


def median_times(
    funcs: Sequence[Callable[[], object]], *, repeat: int
) -> list[tuple[float, object]]:
    """Median wall time of ``repeat`` calls of each of ``funcs``, and its last result.

    Each function is called once untimed first (warm-up: lazy imports, caches).  The
    timed calls are interleaved (a, b, c, a, b, c, ...) so that a change of load on a
    shared machine hits the library and its references alike.  Garbage collection is
    off while timing; results are freed outside the timed region.
    """
    samples: list[list[float]] = [[] for _ in funcs]
    results: list[object] = [None for _ in funcs]
    enabled = gc.isenabled()
    gc.disable()
    try:
        for index, func in enumerate(funcs):
            results[index] = func()
        for _ in range(repeat):
            for index, func in enumerate(funcs):
                results[index] = None
                start = time.perf_counter()
                value = func()
                samples[index].append(time.perf_counter() - start)
                results[index] = value
    finally:
        if enabled:
            gc.enable()
    gc.collect()
    return [
        (statistics.median(times), result) for times, result in zip(samples, results, strict=True)
    ]


def median_time(func: Callable[[], object], *, repeat: int) -> tuple[float, object]:
    """:func:`median_times` of one function."""
    return median_times([func], repeat=repeat)[0]


def measure(case: cases.Case, *, repeat: int, quick: bool) -> list[Row]:
    """Time one case against each of its references, and compare their results."""
    ops, lib = case.build(quick)
    named = case.references(quick)
    timed = median_times([lib, *(ref for _, ref in named)], repeat=repeat)
    seconds, ours = timed[0]
    rows = []
    for (ref_name, _), (ref_seconds, theirs) in zip(named, timed[1:], strict=True):
        same = None if case.same is None else case.same(ours, theirs)
        rows.append(
            Row(
                case.name,
                ops,
                seconds,
                ref_name,
                ref_seconds,
                case.goal,
                case.limit,
                case.strict,
                same,
            )
        )
    return rows


def measure_memory(case: cases.MemoryCase, *, quick: bool) -> Row:
    """Peak memory of a computation at a large size against a small one."""
    large, small = case.run(quick)
    return Row(
        case.name,
        large.size,
        large.peak_bytes,
        small.label,
        small.peak_bytes,
        case.goal,
        case.limit,
        unit="B",
    )


IMPORT_CODE = {
    "bare": "pass",
    "ours": "import salesdomain",
    "deps": "import attrs, babel.numbers, dateutil",
}


def import_rows(repeat: int) -> list[Row]:
    """``import salesdomain`` against importing attrs, babel.numbers and dateutil.

    Each is timed in a fresh interpreter, minus the time of one that imports nothing.
    Bytecode caches are allowed (``PYTHONDONTWRITEBYTECODE`` is dropped for these
    runs, and each import runs once untimed to write them), as after ``pip install``:
    the dependencies come with theirs, and a source checkout would otherwise compile
    salesdomain's modules at every import.  The three are interleaved, ``3 x repeat``
    times each, because a process start is short and the machine may be shared.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        return time.perf_counter() - start

    samples: dict[str, list[float]] = {name: [] for name in IMPORT_CODE}
    for code in IMPORT_CODE.values():
        once(code)
    for _ in range(3 * repeat):
        for name, code in IMPORT_CODE.items():
            samples[name].append(once(code))
    bare, ours, deps = (statistics.median(samples[name]) for name in IMPORT_CODE)
    return [
        Row(
            "import salesdomain",
            1,
            ours - bare,
            "attrs+babel.numbers+dateutil",
            deps - bare,
            "<= 1.3x",
            1.3,
            unit="ms",
        )
    ]


def _flag(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def format_table(rows: Sequence[Row]) -> str:
    """The report as plain text."""
    header = (
        f"{'operation':<42}{'n':>10}{'library':>14}  {'reference':<30}{'reference':>14}"
        f"{'ratio':>8}  {'same':<5}{'goal':<28}met"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row.name:<42}{row.ops:>10,}{row.throughput():>14}  {row.reference:<30}"
            f"{row.reference_throughput():>14}{row.ratio:>8.2f}  {_flag(row.same):<5}"
            f"{row.goal:<28}{_flag(row.met)}"
        )
    return "\n".join(lines)


def format_markdown(rows: Sequence[Row]) -> str:
    """The report as a Markdown table."""
    lines = [
        "| operation | n | library | reference | reference | ratio | same | goal | met |",
        "| --- | ---: | ---: | --- | ---: | ---: | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {row.ops:,} | {row.throughput()} | {row.reference} | "
            f"{row.reference_throughput()} | {row.ratio:.2f} | {_flag(row.same)} | "
            f"{row.goal} | {_flag(row.met)} |"
        )
    return "\n".join(lines)


def machine() -> str:
    """One line about the interpreter and the machine."""
    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}) on "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats")
    parser.add_argument("--repeat", type=int, default=None, help="repeats per measurement")
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 7)
    print(f"{machine()}; medians of {repeat} runs{' (quick)' if args.quick else ''}")
    rows: list[Row] = []
    try:
        for case in cases.all_cases():
            if args.only and args.only not in case.name:
                continue
            if isinstance(case, cases.MemoryCase):
                rows.append(measure_memory(case, quick=args.quick))
                continue
            if not case.available():
                print(f"skipped {case.name}: {case.missing}")
                continue
            rows.extend(measure(case, repeat=repeat, quick=args.quick))
    finally:
        cases.release_inputs()
    if not args.only or args.only in "import salesdomain":
        rows.extend(import_rows(repeat))
    print(format_markdown(rows) if args.markdown else format_table(rows))
    return 0
