"""Plain-Python references the library is measured against (written here, on purpose,
the way a careful engineer would hand-code each rule with bare Decimals and ints).

They use bare Decimal operators and the thread's default context: that is the point
of a reference.  They validate nothing the input does not force them to.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

ZERO = Decimal(0)


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


# -- bulk price audit ---------------------------------------------------------------


class Version(NamedTuple):
    """One version of a SKU's prices, as a hand-written audit would keep it."""

    start: _dt.date
    end: _dt.date
    market: Decimal
    direct_floor: Decimal
    dealer_floor: Decimal
    limit_rate: Decimal


def if_chain_audit(
    lines: Iterable[tuple[Any, Any, Any, Any, Any]],
    table: Mapping[str, Sequence[Version]],
    direct: object,
) -> tuple[int, int, int, list[tuple[int, int]]]:
    """Audit order lines ``(sku, on, price, channel, quantity)`` with the if-chain.

    ``table`` maps each SKU to its dated versions; ``direct`` is the channel value of
    a direct sale (any other channel is a dealer sale).  The chain of
    :func:`if_chain_price_check` is written inline, as a hand-coded loop would be.

    Returns:
        ``(allowed, needs_approval, rejected, flagged)`` with ``flagged`` the
        ``(index, 1 | 2)`` of every line that needs approval (1) or is rejected (2).
    """
    allowed = needs_approval = rejected = 0
    flagged: list[tuple[int, int]] = []
    for index, (sku, on, price, channel, _quantity) in enumerate(lines):
        for version in table[sku]:
            if version.start <= on <= version.end:
                break
        else:
            raise KeyError(f"no price of {sku} on {on}")
        market = version.market
        if price >= market:
            allowed += 1
            continue
        floor = version.direct_floor if channel is direct else version.dealer_floor
        if price < floor or price < market * (1 - version.limit_rate):
            rejected += 1
            flagged.append((index, 2))
        else:
            needs_approval += 1
            flagged.append((index, 1))
    return allowed, needs_approval, rejected, flagged


# -- tiered commission ----------------------------------------------------------------


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


def collected_commission(
    payments: Iterable[Any],
    invoices: Iterable[Any],
    brackets: Sequence[tuple[Decimal, Decimal]],
    start: _dt.date,
    end: _dt.date,
    quantum: Decimal,
    *,
    check_ids: bool = False,
) -> tuple[Decimal, dict[str, Decimal]]:
    """A month of collected-basis commission, hand-coded.

    Sums the payments dated in ``[start, end]`` per invoice, caps each invoice's sum
    at its amount (cash beyond it is an overpayment and earns nothing), splits what
    each invoice earned by its salespeople's shares, applies the marginal brackets
    per salesperson (:func:`bracket_loop`) and rounds the total half-up once.
    ``payments`` have ``.invoice``, ``.date``, ``.amount.amount`` and ``.id``;
    ``invoices`` have ``.number``, ``.amount.amount`` and ``.shares`` (name, share)
    pairs.  With ``check_ids`` a repeated payment ID raises ``ValueError`` (a set of
    the IDs seen, the way one would hand-code it).

    Returns:
        ``(rounded total, exact commission per salesperson)``.
    """
    paid: dict[str, Decimal] = {}
    if check_ids:
        seen: set[str] = set()
        for payment in payments:
            payment_id = payment.id
            if payment_id in seen:
                raise ValueError(f"duplicate payment ID {payment_id}")
            seen.add(payment_id)
            if start <= payment.date <= end:
                key = payment.invoice
                paid[key] = paid.get(key, ZERO) + payment.amount.amount
    else:
        for payment in payments:
            if start <= payment.date <= end:
                key = payment.invoice
                paid[key] = paid.get(key, ZERO) + payment.amount.amount
    bases: dict[str, Decimal] = {}
    for invoice in invoices:
        collected = paid.get(invoice.number)
        if collected is None:
            continue
        amount = invoice.amount.amount
        earned = collected if collected < amount else amount
        for person, share in invoice.shares:
            bases[person] = bases.get(person, ZERO) + earned * share
    commissions = {person: bracket_loop([base], brackets) for person, base in bases.items()}
    total = sum(commissions.values(), ZERO)
    return total.quantize(quantum, ROUND_HALF_UP), commissions


# -- explanations ---------------------------------------------------------------------


def babel_formatter(locale_name: str) -> Callable[[Iterable[Any]], list[list[str]]]:
    """babel alone: format every Money, Rate, date and number of each result's reasons.

    The ``Locale`` is parsed once (cached), and the patterns are those the library's
    explanations use.  Other values (roles, channels, text) are left alone.  Returns
    a function from results (objects with ``.reasons``) to, per result, the list of
    formatted values.
    """
    from babel import Locale
    from babel.dates import format_date
    from babel.numbers import format_currency, format_decimal, format_percent

    from salesdomain import Money, Rate

    locale = Locale.parse(locale_name)
    date_type, decimal_type = _dt.date, Decimal

    def run(results: Iterable[Any]) -> list[list[str]]:
        out: list[list[str]] = []
        for result in results:
            texts: list[str] = []
            for reason in result.reasons:
                for _name, value in reason.params:
                    kind = type(value)
                    if kind is Money:
                        texts.append(format_currency(value.amount, value.currency, locale=locale))
                    elif kind is Rate:
                        texts.append(format_percent(value.value, "#,##0.##%", locale=locale))
                    elif kind is date_type:
                        texts.append(format_date(value, "medium", locale=locale))
                    elif kind is decimal_type or kind is int:
                        texts.append(format_decimal(value, "#,##0.############", locale=locale))
            out.append(texts)
        return out

    return run
