"""The benchmarks measure like with like: the library and each reference agree.

(Time is never asserted here: figures come from ``python -m benchmarks``.)
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from benchmarks import cases, references
from benchmarks.run import main


@pytest.mark.parametrize("parts", [1, 12, 1000])
def test_allocate_and_the_divmod_reference_give_the_same_split(parts: int) -> None:
    assert cases.allocate_agrees_with_reference(parts)


def test_divmod_reference_conserves_the_total() -> None:
    assert sum(references.divmod_split(1001, [1, 1, 1])) == 1001
    assert references.divmod_split(10, [1, 2]) == [3, 7]


def test_bracket_loop_reference_matches_the_issue_example() -> None:
    brackets = [
        (Decimal(0), Decimal("0.02")),
        (Decimal(10000), Decimal("0.04")),
        (Decimal(50000), Decimal("0.06")),
    ]
    assert references.bracket_loop([Decimal(60000)], brackets) == Decimal("2400.00")


def test_if_chain_reference_classifies_like_the_rule() -> None:
    market, floor, limit = Decimal(1000), Decimal(700), Decimal("0.2")
    assert references.if_chain_price_check(Decimal(1000), market, floor, limit) == 0
    assert references.if_chain_price_check(Decimal(800), market, floor, limit) == 1
    assert references.if_chain_price_check(Decimal(699), market, floor, limit) == 2


def test_the_runner_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quick", "--repeat", "1", "--only", "12 parts"]) == 0
    out = capsys.readouterr().out
    assert "allocate into 12 parts" in out
    assert "int-divmod split" in out
