"""Shared hypothesis strategies for the test suite."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from salesdomain import Money, currency_precision

CURRENCIES = ("JPY", "CNY", "KWD")
"""Currencies with 0, 2 and 3 decimals."""

currencies = st.sampled_from(CURRENCIES)


def amounts(
    currency: str,
    *,
    min_value: int = -(10**12),
    max_value: int = 10**12,
) -> st.SearchStrategy[Decimal]:
    """Decimal amounts that are whole numbers of ``currency``'s minor unit."""
    places = currency_precision(currency)
    return st.integers(min_value=min_value * 10**places, max_value=max_value * 10**places).map(
        lambda units: Decimal(units).scaleb(-places)
    )


@st.composite
def money(
    draw: st.DrawFn,
    currency: str | None = None,
    *,
    min_value: int = -(10**12),
    max_value: int = 10**12,
) -> Money:
    """A rounded Money in one of JPY, CNY, KWD (or ``currency``)."""
    code = currency if currency is not None else draw(currencies)
    return Money(draw(amounts(code, min_value=min_value, max_value=max_value)), code)


def fine_decimals(*, max_abs: int = 10**9, places: int = 6) -> st.SearchStrategy[Decimal]:
    """Decimals with up to ``places`` fractional digits, within ``max_abs``."""
    return st.integers(min_value=-max_abs * 10**places, max_value=max_abs * 10**places).map(
        lambda n: Decimal(n).scaleb(-places)
    )


weights = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=1000),
        st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
    max_size=30,
).filter(lambda ws: any(w != 0 for w in ws))
"""Non-negative weights, zeros included, not all zero."""
