"""Plain-Python references the library is measured against (written here, on purpose,
the way a careful engineer would hand-code each rule with bare Decimals and ints)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal


def divmod_split(total_units: int, weights: Sequence[int]) -> list[int]:
    """Largest-remainder split of an integer number of units by integer weights."""
    weight_sum = sum(weights)
    floors = []
    remainders = []
    for weight in weights:
        share, remainder = divmod(total_units * weight, weight_sum)
        floors.append(share)
        remainders.append(remainder)
    leftover = total_units - sum(floors)
    if leftover:
        order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
        for index in order[:leftover]:
            floors[index] += 1
    return floors


def if_chain_price_check(
    price: Decimal, market: Decimal, floor: Decimal, limit_rate: Decimal
) -> int:
    """0 allowed (at or above the market quote), 1 needs approval, 2 rejected."""
    if price >= market:
        return 0
    if price < floor:
        return 2
    if price >= market * (1 - limit_rate):
        return 1
    return 2


def bracket_loop(
    amounts: Iterable[Decimal], brackets: Sequence[tuple[Decimal, Decimal]]
) -> Decimal:
    """Marginal tiered commission on the sum of ``amounts`` (bracket: lower bound, rate)."""
    base = sum(amounts, Decimal(0))
    commission = Decimal(0)
    for index, (lower, rate) in enumerate(brackets):
        upper = brackets[index + 1][0] if index + 1 < len(brackets) else None
        if base <= lower:
            break
        top = base if upper is None or base < upper else upper
        commission += (top - lower) * rate
    return commission
