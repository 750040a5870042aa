"""The benchmark runner: times each case and its reference in the same run."""

from __future__ import annotations

import argparse
import gc
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
    """One line of the report."""

    name: str
    ops: int
    seconds: float
    reference: str
    reference_seconds: float
    goal: str

    @property
    def ratio(self) -> float:
        return self.seconds / self.reference_seconds if self.reference_seconds else float("nan")


def median_time(func: Callable[[], object], *, repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``func`` (garbage collection off)."""
    times = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return statistics.median(times)


def measure(case: cases.Case, *, repeat: int, quick: bool) -> list[Row]:
    """Time one case against each of its references."""
    ops, lib = case.build(quick)
    seconds = median_time(lib, repeat=repeat)
    rows = []
    for ref_name, ref in case.references(quick):
        ref_seconds = median_time(ref, repeat=repeat)
        rows.append(Row(case.name, ops, seconds, ref_name, ref_seconds, case.goal))
    return rows


def import_rows(repeat: int) -> list[Row]:
    """``import salesdomain`` against importing attrs, babel.numbers and dateutil."""

    def run(code: str) -> float:
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    bare = run("pass")
    ours = run("import salesdomain") - bare
    deps = run("import attrs, babel.numbers, dateutil") - bare
    return [Row("import salesdomain", 1, ours, "attrs+babel.numbers+dateutil", deps, "<= 1.3x")]


def format_table(rows: Sequence[Row]) -> str:
    header = f"{'operation':<34}{'ops':>9}{'ops/s':>14}{'reference':>32}{'ratio':>8}  goal"
    lines = [header, "-" * len(header)]
    for row in rows:
        rate = row.ops / row.seconds if row.seconds else float("inf")
        lines.append(
            f"{row.name:<34}{row.ops:>9}{rate:>14,.0f}{row.reference:>32}{row.ratio:>8.2f}  {row.goal}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats")
    parser.add_argument("--repeat", type=int, default=None, help="repeats per measurement")
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 7)
    print(f"Python {platform.python_version()} on {platform.machine()}, medians of {repeat} runs")
    rows: list[Row] = []
    for case in cases.all_cases():
        if args.only and args.only not in case.name:
            continue
        if not case.available():
            print(f"skipped {case.name}: {case.missing}")
            continue
        rows.extend(measure(case, repeat=repeat, quick=args.quick))
        extra = case.memory(args.quick)
        if extra:
            print(extra)
    if not args.only or "import" in args.only:
        rows.extend(import_rows(repeat))
    print(format_table(rows))
    return 0
