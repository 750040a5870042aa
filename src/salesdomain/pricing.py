"""Three-tier price floors and discount authority (PRICE-1..8).

Each product has three price tiers (PRICE-1): the market quote 市场报价, the lowest
ex-factory price 最低出厂价 (the seed's 「最底出厂价」 is a typo) and the dealer minimum
price 经销商最低价.  A :class:`PricePolicy` says how they are ordered (PRICE-2, ambiguity
X-4: reading A ``market_quote >= factory_floor >= dealer_floor`` by default, reading B
``market_quote >= dealer_floor >= factory_floor`` selectable), how far apart they must
be (PRICE-3), which tier is each channel's floor (PRICE-4) and who may approve which
discount off the channel's reference (PRICE-5).

- :func:`check_tiers` reports every ordering and spread violation of one product.
- :func:`check_price` judges one offered price: ``ALLOWED`` at or above the reference,
  ``NEEDS_APPROVAL`` by the lowest role whose authority covers the discount between
  the floor (inclusive) and the reference, ``REJECTED`` below the floor (unless the
  policy names an override role) or beyond every role's limit.
- :func:`check_quote` judges a whole quote, spreading a document-level discount over
  its lines by their exact pro-rata share.
- :func:`audit_prices` streams any number of order lines against a :class:`PriceList`
  and returns counts plus only the lines that need attention; audits merge.

Every comparison multiplies (``price >= reference x (1 - limit)``, ``price >= floor``);
nothing is divided before a verdict, and no rounded rate is ever compared.

>>> from decimal import Decimal
>>> from salesdomain import Money
>>> from salesdomain.pricing import Channel, PricePolicy, PriceTiers, check_price
>>> tiers = PriceTiers(Money("1000"), Money("800"), Money("700"))
>>> policy = PricePolicy()
>>> check_price(tiers, Money("700"), Channel.DEALER, policy).approvers[0].code
'sales_manager'
>>> check_price(tiers, Money("699.99"), Channel.DEALER, policy).reasons[0].code
'price_below_floor'
>>> check_price(tiers, Money("700", "USD"), Channel.DEALER, policy)
Traceback (most recent call last):
...
salesdomain.core.errors.CurrencyMismatch: price: cannot compare USD with the tiers' CNY, got Money('700', 'USD')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, NamedTuple, TypeVar

import attrs

from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import (
    _CTX,
    ONE,
    ZERO,
    check_date,
    check_rounding,
    check_text,
    to_decimal,
)
from salesdomain.core.approvals import AuthorityLimits
from salesdomain.core.decisions import Decision, Rate, Reason, Verdict
from salesdomain.core.errors import (
    CurrencyMismatch,
    InvalidInput,
    PolicyError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.money import Money, allocate
from salesdomain.core.org import GENERIC_LADDER, Role

__all__ = [
    "NO_SPREAD",
    "REASON_CODES",
    "AuditFinding",
    "Channel",
    "PriceAudit",
    "PriceDecision",
    "PriceList",
    "PricePolicy",
    "PriceRow",
    "PriceSource",
    "PriceTiers",
    "PriceVersion",
    "QuoteDecision",
    "QuoteLine",
    "Spread",
    "SpreadKind",
    "Tier",
    "TierOrder",
    "audit_prices",
    "check_price",
    "check_quote",
    "check_tiers",
]

REASON_CODES: Final[frozenset[str]] = frozenset(
    {
        "tiers_consistent",
        "tiers_out_of_order",
        "tiers_equal_under_strict_order",
        "tier_spread_too_small",
        "price_at_or_above_reference",
        "discount_needs_approval",
        "discount_beyond_authority",
        "price_below_floor",
        "price_below_floor_override",
        "free_goods_need_approval",
        "quote_average_discount",
        "quote_line_needs_approval",
        "quote_line_rejected",
    }
)
"""Every reason code this module can emit (see docs/pricing.md for the templates)."""

_RATE_PLACES: Final = Decimal("1E-12")
"""Reported rates (display only) are rounded to 12 decimal places."""
_INFINITY: Final = Decimal("Infinity")
_DATE_MIN: Final = _dt.date.min
_DATE_MAX: Final = _dt.date.max


# --------------------------------------------------------------------------------------
# Enumerations
# --------------------------------------------------------------------------------------
class Channel(enum.Enum):
    """The sales channel of an offered price (PRICE-4).

    ``DIRECT``: the company's own salespeople selling to a customer or end user.
    ``DEALER``: a sale to a dealer (经销商).
    """

    DIRECT = "direct"
    DEALER = "dealer"


class Tier(enum.Enum):
    """The three tiers of a price table (PRICE-1)."""

    MARKET_QUOTE = "market_quote"
    FACTORY_FLOOR = "factory_floor"
    DEALER_FLOOR = "dealer_floor"


class TierOrder(enum.Enum):
    """The order of the three tiers, highest first (PRICE-2, ambiguity X-4).

    ``READING_A`` (default): ``market_quote >= factory_floor >= dealer_floor``: the
    factory floor governs direct sales and the dealer buys lowest.
    ``READING_B`` (resale-price maintenance): ``market_quote >= dealer_floor >=
    factory_floor``: the factory floor is the absolute floor.

    >>> [t.value for t in TierOrder.READING_B.tiers]
    ['market_quote', 'dealer_floor', 'factory_floor']
    """

    READING_A = "A"
    READING_B = "B"

    @property
    def tiers(self) -> tuple[Tier, Tier, Tier]:
        """The tiers from highest to lowest under this reading."""
        if self is TierOrder.READING_A:
            return (Tier.MARKET_QUOTE, Tier.FACTORY_FLOOR, Tier.DEALER_FLOOR)
        return (Tier.MARKET_QUOTE, Tier.DEALER_FLOOR, Tier.FACTORY_FLOOR)

    def position(self, tier: Tier) -> int:
        """0 for the highest tier, 2 for the lowest."""
        return self.tiers.index(tier)


class SpreadKind(enum.Enum):
    """How a minimum spread is measured (PRICE-3): an amount, or a rate of the higher tier."""

    AMOUNT = "amount"
    RATE = "rate"


class PriceSource(enum.Enum):
    """Where a quoted price came from (PRICE-6): the price table or a supplier's price."""

    PRICE_TABLE = "price_table"
    SUPPLIER = "supplier"


_E = TypeVar("_E", bound=enum.Enum)


def _enum(cls: type[_E], value: object, field: str) -> _E:
    """Return ``value`` as a member of ``cls``; members, values and names are accepted."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if value == member.value or value.upper() == member.name:
                return member
        known = ", ".join(repr(m.value) for m in cls)
        raise UnknownEntity(field, value, f"not a known {cls.__name__} (known: {known})")
    raise WrongType(field, value, f"a {cls.__name__}")


def _channel(value: object, field: str = "channel") -> Channel:
    if value is Channel.DIRECT or value is Channel.DEALER:
        return value
    return _enum(Channel, value, field)


def _bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise WrongType(field, value, "a bool")
    return value


# --------------------------------------------------------------------------------------
# Tiers and the price list (PRICE-1)
# --------------------------------------------------------------------------------------
def _tier_money(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if type(value) is not Money:
        raise WrongType(attribute.name, value, "Money")
    if value.amount <= ZERO:
        raise InvalidInput(attribute.name, value, "a price tier must be positive")


def _optional_bool(
    instance: object, attribute: attrs.Attribute[bool | None], value: object
) -> None:
    if value is not None and type(value) is not bool:
        raise WrongType(attribute.name, value, "True, False or None")


@attrs.frozen
class PriceTiers:
    """The three price tiers of one product (PRICE-1).

    All three are positive ``Money`` of one currency; that is all a ``PriceTiers``
    can check on its own.  Their order and spreads are the policy's business
    (:func:`check_tiers`, PRICE-2/3).

    Args:
        market_quote: 市场报价, the list price.
        factory_floor: 最低出厂价, the lowest ex-factory price.
        dealer_floor: 经销商最低价, the dealer minimum price.
        vat_included: the tiers' VAT basis: ``True`` gross (含税), ``False`` net
            (不含税), ``None`` not stated.  A :class:`PriceList` stamps its own basis.

    Raises:
        WrongType: a tier is not ``Money``.
        InvalidInput: a tier is zero or negative.
        CurrencyMismatch: the tiers are in different currencies.

    >>> PriceTiers(Money("1000"), Money("800"), Money("700")).currency
    'CNY'
    >>> PriceTiers(Money("1000"), Money("0"), Money("700"))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: factory_floor: a price tier must be positive, got Money('0', 'CNY')
    """

    market_quote: Money = attrs.field(validator=_tier_money)
    factory_floor: Money = attrs.field(validator=_tier_money)
    dealer_floor: Money = attrs.field(validator=_tier_money)
    vat_included: bool | None = attrs.field(default=None, kw_only=True, validator=_optional_bool)

    def __attrs_post_init__(self) -> None:
        currency = self.market_quote.currency
        for name in ("factory_floor", "dealer_floor"):
            other: Money = getattr(self, name)
            if other.currency != currency:
                raise CurrencyMismatch(
                    name, other, f"all tiers must be in one currency, market_quote is {currency}"
                )

    @property
    def currency(self) -> str:
        """The tiers' currency."""
        return self.market_quote.currency

    def tier(self, tier: Tier) -> Money:
        """The price of ``tier``.

        >>> PriceTiers(Money("1000"), Money("800"), Money("700")).tier(Tier.DEALER_FLOOR)
        Money('700', 'CNY')
        """
        value: Money = getattr(self, _enum(Tier, tier, "tier").value)
        return value

    def with_vat(self, vat_rate: Decimal | int | str) -> PriceTiers:
        """Convert net tiers (``vat_included=False``) to gross ones, exactly.

        Conversion goes only from net to gross, by multiplication
        (``gross = net x (1 + vat_rate)``), so nothing is divided or rounded.  To compare
        a gross price with net tiers, convert the tiers with this method; to compare a
        net price with gross tiers, convert the price to gross the same way.

        Raises:
            InvalidInput: the tiers are not stated to be net, or the rate is not
                between 0 and 1.

        >>> net = PriceTiers(Money("100"), Money("80"), Money("70"), vat_included=False)
        >>> net.with_vat(Decimal("0.13")).market_quote
        Money('113.00', 'CNY')
        >>> net.with_vat(Decimal("0.13")).with_vat(Decimal("0.13"))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.InvalidInput: vat_included: only net tiers (vat_included=False) can have VAT added, got True
        """
        if self.vat_included is not False:
            raise InvalidInput(
                "vat_included",
                self.vat_included,
                "only net tiers (vat_included=False) can have VAT added",
            )
        rate = to_decimal(vat_rate, "vat_rate")
        if not ZERO <= rate <= ONE:
            raise InvalidInput("vat_rate", vat_rate, "expected a rate (a fraction) between 0 and 1")
        factor = _CTX.add(ONE, rate)
        return PriceTiers(
            self.market_quote * factor,
            self.factory_floor * factor,
            self.dealer_floor * factor,
            vat_included=True,
        )


def _optional_date(value: object, field: str) -> _dt.date | None:
    return None if value is None else check_date(value, field)


def _tiers_field(instance: object, attribute: attrs.Attribute[PriceTiers], value: object) -> None:
    if type(value) is not PriceTiers:
        raise WrongType("tiers", value, "PriceTiers")


@attrs.frozen(field_transformer=wire_checks)
class PriceVersion:
    """One version of one SKU's tiers, valid from ``valid_from`` to ``valid_to`` inclusive.

    ``None`` bounds are open (valid since always / until further notice).

    >>> PriceVersion("A-1", PriceTiers(Money("10"), Money("8"), Money("7")),
    ...     valid_from=datetime.date(2026, 2, 1), valid_to=datetime.date(2026, 1, 1))
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: valid_to: must not be before valid_from 2026-02-01, got datetime.date(2026, 1, 1)
    """

    sku: str = attrs.field(metadata=check(check_text))
    tiers: PriceTiers = attrs.field(validator=_tiers_field)
    valid_from: _dt.date | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_date)
    )
    valid_to: _dt.date | None = attrs.field(
        default=None, kw_only=True, metadata=check(_optional_date)
    )

    def __attrs_post_init__(self) -> None:
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_to < self.valid_from
        ):
            raise InvalidInput(
                "valid_to", self.valid_to, f"must not be before valid_from {self.valid_from}"
            )

    def covers(self, on: _dt.date) -> bool:
        """Whether this version is valid on ``on``."""
        day = check_date(on, "on")
        return (self.valid_from or _DATE_MIN) <= day <= (self.valid_to or _DATE_MAX)


def _versions(value: object) -> tuple[PriceVersion, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("versions", value, "a sequence of PriceVersion")
    items = tuple(value)
    for index, item in enumerate(items):
        if type(item) is not PriceVersion:
            raise WrongType(f"versions[{index}]", item, "a PriceVersion")
    return items


def _vat_flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    _bool(value, attribute.name)


_Span = tuple[_dt.date, _dt.date, int]


@attrs.frozen
class PriceList:
    """The price table (PRICE-1, 「详见价格表」): SKU to dated versions of its tiers.

    Args:
        versions: the versions; two versions of one SKU must not overlap in time.
            All are in one currency.
        vat_included: whether the list's prices include VAT (含税).  Stated, not
            defaulted, so that prices and floors are always compared on one basis:
            every version's tiers are stamped with it, and a version whose tiers
            state the other basis is refused.

    Raises:
        InvalidInput: no versions, overlapping versions of one SKU, or a version
            whose tiers state the other VAT basis.
        CurrencyMismatch: versions in different currencies.

    >>> import datetime
    >>> v1 = PriceVersion("A-1", PriceTiers(Money("10"), Money("8"), Money("7")),
    ...     valid_to=datetime.date(2026, 6, 30))
    >>> v2 = PriceVersion("A-1", PriceTiers(Money("11"), Money("9"), Money("8")),
    ...     valid_from=datetime.date(2026, 7, 1))
    >>> prices = PriceList([v1, v2], vat_included=True)
    >>> prices.lookup("A-1", datetime.date(2026, 7, 1)).market_quote
    Money('11', 'CNY')
    >>> PriceList([v1, v1], vat_included=True)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: versions[1].valid_from: SKU 'A-1' has overlapping versions (None..2026-06-30 and None..2026-06-30), got None
    """

    versions: tuple[PriceVersion, ...] = attrs.field(converter=_versions)
    vat_included: bool = attrs.field(kw_only=True, validator=_vat_flag)
    _index: dict[str, tuple[_Span, ...]] = attrs.field(init=False, repr=False, eq=False)
    _tiers: tuple[PriceTiers, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.versions:
            raise InvalidInput("versions", self.versions, "a price list needs at least one version")
        currency = self.versions[0].tiers.currency
        stamped: list[PriceTiers] = []
        spans: dict[str, list[tuple[_dt.date, _dt.date, int]]] = {}
        for index, version in enumerate(self.versions):
            tiers = version.tiers
            if tiers.currency != currency:
                raise CurrencyMismatch(
                    f"versions[{index}].tiers",
                    tiers.currency,
                    f"a price list has one currency, the first version is in {currency}",
                )
            if tiers.vat_included is None:
                tiers = attrs.evolve(tiers, vat_included=self.vat_included)
            elif tiers.vat_included is not self.vat_included:
                raise InvalidInput(
                    f"versions[{index}].tiers.vat_included",
                    tiers.vat_included,
                    f"the price list's basis is vat_included={self.vat_included}",
                )
            stamped.append(tiers)
            start = version.valid_from or _DATE_MIN
            end = version.valid_to or _DATE_MAX
            for other_start, other_end, other in spans.get(version.sku, ()):
                if start <= other_end and other_start <= end:
                    earlier = self.versions[other]
                    raise InvalidInput(
                        f"versions[{index}].valid_from",
                        version.valid_from,
                        f"SKU {version.sku!r} has overlapping versions "
                        f"({earlier.valid_from}..{earlier.valid_to} and "
                        f"{version.valid_from}..{version.valid_to})",
                    )
            spans.setdefault(version.sku, []).append((start, end, index))
        object.__setattr__(
            self, "_index", {sku: tuple(sorted(items)) for sku, items in spans.items()}
        )
        object.__setattr__(self, "_tiers", tuple(stamped))

    @property
    def currency(self) -> str:
        """The list's currency."""
        return self._tiers[0].currency

    @property
    def skus(self) -> tuple[str, ...]:
        """The SKUs listed, sorted."""
        return tuple(sorted(self._index))

    def __contains__(self, sku: object) -> bool:
        return isinstance(sku, str) and sku in self._index

    def lookup(self, sku: str, on: _dt.date) -> PriceTiers:
        """The tiers of ``sku`` valid on ``on`` (stamped with the list's VAT basis).

        Raises:
            UnknownEntity: the SKU is not listed, or no version is valid on ``on``
                (the message names the versions that exist).

        >>> prices = PriceList([PriceVersion("A-1", PriceTiers(Money("10"), Money("8"),
        ...     Money("7")), valid_from=datetime.date(2026, 1, 1))], vat_included=False)
        >>> prices.lookup("A-1", datetime.date(2025, 12, 31))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.UnknownEntity: on: no version of SKU 'A-1' is valid on that date (versions: 2026-01-01..open), got datetime.date(2025, 12, 31)
        >>> prices.lookup("B-2", datetime.date(2026, 1, 1))
        Traceback (most recent call last):
        ...
        salesdomain.core.errors.UnknownEntity: sku: not in the price list, got 'B-2'
        """
        return self._tiers[self._find(sku, on, "sku", "on")]

    def _find(self, sku: object, on: object, sku_field: str, on_field: str) -> int:
        spans = self._index.get(sku) if isinstance(sku, str) else None
        if spans is None:
            if type(sku) is not str:
                raise WrongType(sku_field, sku, "a SKU str")
            raise UnknownEntity(sku_field, sku, "not in the price list")
        day = on if type(on) is _dt.date else check_date(on, on_field)
        for start, end, index in spans:
            if start <= day <= end:
                return index
        raise UnknownEntity(
            on_field,
            on,
            f"no version of SKU {sku!r} is valid on that date (versions: {_describe(spans)})",
        )


def _describe(spans: Iterable[_Span]) -> str:
    def show(day: _dt.date, open_end: _dt.date) -> str:
        return "open" if day == open_end else day.isoformat()

    return ", ".join(f"{show(s, _DATE_MIN)}..{show(e, _DATE_MAX)}" for s, e, _ in spans)


# --------------------------------------------------------------------------------------
# The policy (PRICE-2..5, X-4, RULES.md section 23.4)
# --------------------------------------------------------------------------------------
def _spread_value(value: object) -> Decimal:
    return to_decimal(value, "value")


def _spread_kind(value: object) -> SpreadKind:
    return _enum(SpreadKind, value, "kind")


@attrs.frozen
class Spread:
    """A minimum distance between two adjacent tiers (PRICE-3).

    ``Spread.amount("50")`` asks for at least 50 (in the tiers' currency) between the
    higher and the lower tier; ``Spread.rate("0.10")`` for at least 10% of the higher
    tier.  Both are checked by multiplication (``higher - lower >= higher x rate``).

    >>> Spread.rate("0.10")
    Spread(value=Decimal('0.10'), kind=<SpreadKind.RATE: 'rate'>)
    >>> Spread.rate("1")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: value: a spread rate must be at least 0 and below 1, got Decimal('1')
    """

    value: Decimal = attrs.field(converter=_spread_value)
    kind: SpreadKind = attrs.field(default=SpreadKind.AMOUNT, converter=_spread_kind)

    def __attrs_post_init__(self) -> None:
        if self.value < ZERO:
            raise InvalidInput("value", self.value, "a spread must not be negative")
        if self.kind is SpreadKind.RATE and self.value >= ONE:
            raise InvalidInput("value", self.value, "a spread rate must be at least 0 and below 1")

    @classmethod
    def amount(cls, value: Decimal | int | str) -> Spread:
        """At least ``value`` (in the tiers' currency) between the two tiers."""
        return cls(value, SpreadKind.AMOUNT)

    @classmethod
    def rate(cls, value: Decimal | int | str) -> Spread:
        """At least ``value`` (a fraction) of the higher tier between the two tiers."""
        return cls(value, SpreadKind.RATE)

    def required(self, higher: Decimal) -> Decimal:
        """The minimum distance below a higher tier of ``higher`` (exact)."""
        if self.kind is SpreadKind.AMOUNT:
            return self.value
        return _CTX.multiply(higher, self.value)


NO_SPREAD: Final = Spread(ZERO)
"""The default minimum spread: 0, which reduces PRICE-3 to the ordering of PRICE-2."""


def _spreads(value: object) -> tuple[Spread, Spread]:
    if isinstance(value, Spread):
        return (value, value)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        upper, lower = value
        for index, item in enumerate((upper, lower)):
            if not isinstance(item, Spread):
                raise WrongType(f"min_spread[{index}]", item, "a Spread")
        return (upper, lower)
    raise WrongType("min_spread", value, "a Spread or a pair (upper pair, lower pair) of Spread")


def _tier_order(value: object) -> TierOrder:
    return _enum(TierOrder, value, "tier_order")


def _channel_tier_map(value: object, field: str) -> tuple[tuple[Channel, Tier], ...]:
    if isinstance(value, Mapping):
        items: Iterable[object] = value.items()
    elif isinstance(value, (tuple, list)):
        items = value
    else:
        raise WrongType(field, value, "a mapping of Channel to Tier")
    found: dict[Channel, Tier] = {}
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise WrongType(field, item, "a (Channel, Tier) pair")
        channel = _enum(Channel, item[0], f"{field} key")
        if channel in found:
            raise PolicyError(field, item[0], f"channel {channel.value!r} is mapped twice")
        found[channel] = _enum(Tier, item[1], f"{field}[{channel.value}]")
    missing = [c.value for c in Channel if c not in found]
    if missing:
        raise PolicyError(field, value, f"every channel needs a tier (missing: {missing})")
    return tuple((channel, found[channel]) for channel in Channel)


def _floor_map(value: object) -> tuple[tuple[Channel, Tier], ...]:
    return _channel_tier_map(value, "channel_floor_map")


def _reference_map(value: object) -> tuple[tuple[Channel, Tier], ...]:
    return _channel_tier_map(value, "channel_reference_map")


def _default_floor_map(policy: PricePolicy) -> tuple[tuple[Channel, Tier], ...]:
    if policy.tier_order is TierOrder.READING_B:
        return ((Channel.DIRECT, Tier.DEALER_FLOOR), (Channel.DEALER, Tier.FACTORY_FLOOR))
    return ((Channel.DIRECT, Tier.FACTORY_FLOOR), (Channel.DEALER, Tier.DEALER_FLOOR))


def _default_authority() -> AuthorityLimits:
    return AuthorityLimits({GENERIC_LADDER.get("sales_manager"): None})


def _default_free_goods_approver(policy: PricePolicy) -> Role:
    """The sales manager of the policy's discount authority, else its highest role."""
    authority: object = policy.discount_authority  # not validated yet when this runs
    if not isinstance(authority, AuthorityLimits):
        return GENERIC_LADDER.get("sales_manager")  # the field's validator refuses it
    roles = authority.roles
    for role in roles:
        if role.code == "sales_manager":
            return role
    return roles[-1]


def _check_authority(
    instance: object, attribute: attrs.Attribute[AuthorityLimits], value: object
) -> None:
    if not isinstance(value, AuthorityLimits):
        raise WrongType(attribute.name, value, "AuthorityLimits over the discount rate")


def _check_optional_role(
    instance: object, attribute: attrs.Attribute[Role | None], value: object
) -> None:
    if value is not None and not isinstance(value, Role):
        raise WrongType(attribute.name, value, "a Role or None")


def _check_role(instance: object, attribute: attrs.Attribute[Role], value: object) -> None:
    if not isinstance(value, Role):
        raise WrongType(attribute.name, value, "a Role")


def _check_strict(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    _bool(value, attribute.name)


@attrs.frozen(kw_only=True, field_transformer=wire_checks)
class PricePolicy:
    """How a company orders its tiers, where its floors sit and who may discount (PRICE-2..5).

    Field names follow RULES.md section 23.4.  The defaults are the generic company's
    reading: X-4 reading A, non-strict order, no minimum spread, the market quote as
    every channel's reference, the sales manager approving any discount down to the
    floor, nobody below it (「严格控制价格体系」).

    Args:
        tier_order: ``TierOrder.READING_A`` (default) or ``READING_B`` (PRICE-2, X-4).
        strict_order: whether equal adjacent tiers break the order (default False).
        channel_floor_map: each channel's floor tier (PRICE-4).  Default under
            reading A: DIRECT -> factory_floor, DEALER -> dealer_floor; under reading
            B: DIRECT -> dealer_floor, DEALER -> factory_floor.  The DIRECT floor
            tier must not sit below the DEALER one, so direct sales never undercut
            dealers.
        channel_reference_map: each channel's reference tier, off which discounts
            are measured (PRICE-5); default the market quote for both.  A profile may
            set DEALER to its floor tier, so a dealer sale at the dealer price needs no
            approval.  A reference must not sit below its channel's floor.
        min_spread: the minimum distance between adjacent tiers (PRICE-3): one
            :class:`Spread` for both pairs, or ``(upper, lower)`` for the pair below
            the market quote and the pair at the bottom; default 0.
        discount_authority: :class:`AuthorityLimits` over the discount rate off the
            reference (PRICE-5); limits are fractions at most 1.  Default: the
            generic sales manager with no limit (down to the floor), since the seed
            names only the manager 「审核销售折扣」.
        allow_below_floor_with: the role that may approve a price below the floor,
            or ``None`` (default: nobody, PRICE-4).
        free_goods_approver: who approves a free line (price 0) in a quote
            (default: the role coded ``sales_manager`` in ``discount_authority``,
            else its highest role).
        rounding_rule: the rounding mode for displayed amounts and rates
            (default ``ROUND_HALF_UP``, 四舍五入).

    Raises:
        PolicyError: the DIRECT floor tier sits below the DEALER one, a reference
            sits below its floor, a discount limit exceeds 1, a role is an outside
            signatory, or two different roles of one rank are named (roles from two
            ladders could not say who signs for whom); every problem is listed in
            ``.errors``.

    >>> PricePolicy().channel_floor_map
    ((<Channel.DIRECT: 'direct'>, <Tier.FACTORY_FLOOR: 'factory_floor'>), (<Channel.DEALER: 'dealer'>, <Tier.DEALER_FLOOR: 'dealer_floor'>))
    >>> PricePolicy(channel_floor_map={Channel.DIRECT: Tier.DEALER_FLOOR,
    ...     Channel.DEALER: Tier.FACTORY_FLOOR})
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.PolicyError: channel_floor_map: the DIRECT floor (dealer_floor) sits below the DEALER floor (factory_floor) under reading A: direct sales would undercut dealers
    """

    tier_order: TierOrder = attrs.field(default=TierOrder.READING_A, converter=_tier_order)
    strict_order: bool = attrs.field(default=False, validator=_check_strict)
    channel_floor_map: tuple[tuple[Channel, Tier], ...] = attrs.field(
        default=attrs.Factory(_default_floor_map, takes_self=True),
        converter=_floor_map,
    )
    channel_reference_map: tuple[tuple[Channel, Tier], ...] = attrs.field(
        default=((Channel.DIRECT, Tier.MARKET_QUOTE), (Channel.DEALER, Tier.MARKET_QUOTE)),
        converter=_reference_map,
    )
    min_spread: tuple[Spread, Spread] = attrs.field(
        default=(NO_SPREAD, NO_SPREAD), converter=_spreads
    )
    discount_authority: AuthorityLimits = attrs.field(
        factory=_default_authority, validator=_check_authority
    )
    allow_below_floor_with: Role | None = attrs.field(default=None, validator=_check_optional_role)
    free_goods_approver: Role = attrs.field(
        default=attrs.Factory(_default_free_goods_approver, takes_self=True),
        validator=_check_role,
    )
    rounding_rule: str = attrs.field(default=ROUND_HALF_UP, metadata=check(check_rounding))

    # Precomputed when the policy is built (never per price).
    _floor_tier: dict[Channel, Tier] = attrs.field(init=False, repr=False, eq=False)
    _reference_tier: dict[Channel, Tier] = attrs.field(init=False, repr=False, eq=False)
    _factors: tuple[tuple[Role, Decimal | None], ...] = attrs.field(
        init=False, repr=False, eq=False
    )
    _pairs: tuple[tuple[Tier, Tier, Spread], ...] = attrs.field(init=False, repr=False, eq=False)
    _max_rate: Rate = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        order = self.tier_order
        floors = dict(self.channel_floor_map)
        references = dict(self.channel_reference_map)
        direct, dealer = floors[Channel.DIRECT], floors[Channel.DEALER]
        if order.position(direct) > order.position(dealer):
            errors.append(
                (
                    "channel_floor_map",
                    f"the DIRECT floor ({direct.value}) sits below the DEALER floor "
                    f"({dealer.value}) under reading {order.value}: direct sales would "
                    "undercut dealers",
                )
            )
        for channel in Channel:
            reference, floor = references[channel], floors[channel]
            if order.position(reference) > order.position(floor):
                errors.append(
                    (
                        f"channel_reference_map[{channel.value}]",
                        f"the reference {reference.value} sits below the floor "
                        f"{floor.value} under reading {order.value}",
                    )
                )
        factors: list[tuple[Role, Decimal | None]] = []
        for role, limit in self.discount_authority.limits:
            if limit is not None and limit > ONE:
                errors.append(
                    (
                        f"discount_authority.limits[{role.code}]",
                        f"a discount rate limit must be at most 1, got {limit}",
                    )
                )
            factors.append((role, None if limit is None else _CTX.subtract(ONE, limit)))
        by_rank = {role.rank: role for role in self.discount_authority.roles}
        for name in ("allow_below_floor_with", "free_goods_approver"):
            role_value: Role | None = getattr(self, name)
            if role_value is None:
                continue
            if role_value.outside:
                errors.append(
                    (name, f"an outside signatory ({role_value.code}) cannot approve prices")
                )
                continue
            other = by_rank.setdefault(role_value.rank, role_value)
            if other != role_value:
                errors.append(
                    (
                        name,
                        f"{role_value.code} has the rank {role_value.rank} of {other.code}: "
                        "the policy's roles must come from one ladder",
                    )
                )
        if errors:
            raise PolicyError.from_errors(errors)
        high, middle, low = order.tiers
        upper, lower = self.min_spread
        object.__setattr__(self, "_floor_tier", floors)
        object.__setattr__(self, "_reference_tier", references)
        object.__setattr__(self, "_factors", tuple(factors))
        object.__setattr__(self, "_pairs", ((high, middle, upper), (middle, low, lower)))
        finite = [limit for _, limit in self.discount_authority.limits if limit is not None]
        object.__setattr__(self, "_max_rate", Rate(max(finite) if finite else ONE))

    def floor_tier(self, channel: Channel) -> Tier:
        """The floor tier of ``channel`` (PRICE-4).

        >>> PricePolicy(tier_order=TierOrder.READING_B).floor_tier(Channel.DIRECT)
        <Tier.DEALER_FLOOR: 'dealer_floor'>
        """
        return self._floor_tier[_channel(channel)]

    def reference_tier(self, channel: Channel) -> Tier:
        """The reference tier of ``channel``, off which its discount is measured (PRICE-5)."""
        return self._reference_tier[_channel(channel)]


# --------------------------------------------------------------------------------------
# check_tiers (PRICE-2, PRICE-3)
# --------------------------------------------------------------------------------------
def _check_policy(policy: object) -> PricePolicy:
    if type(policy) is not PricePolicy:
        raise WrongType("policy", policy, "a PricePolicy")
    return policy


def _check_tiers_arg(tiers: object) -> PriceTiers:
    if type(tiers) is not PriceTiers:
        raise WrongType("tiers", tiers, "PriceTiers")
    return tiers


def _tier_reasons(tiers: PriceTiers, policy: PricePolicy) -> tuple[Reason, ...]:
    """Every PRICE-2/PRICE-3 violation of ``tiers`` under ``policy`` (empty when none).

    A pair out of order gets only its ordering reason: its spread is meaningless.
    """
    reasons: list[Reason] = []
    strict = policy.strict_order
    for upper_tier, lower_tier, spread in policy._pairs:
        upper: Money = getattr(tiers, upper_tier.value)
        lower: Money = getattr(tiers, lower_tier.value)
        hi, lo = upper.amount, lower.amount
        if lo > hi:
            code = "tiers_out_of_order"
        elif strict and lo == hi:
            code = "tiers_equal_under_strict_order"
        else:
            required = spread.required(hi)
            gap = _CTX.subtract(hi, lo)
            if gap < required:
                reasons.append(
                    Reason(
                        "PRICE-3",
                        "tier_spread_too_small",
                        {
                            "upper_tier": upper_tier.value,
                            "upper": upper,
                            "lower_tier": lower_tier.value,
                            "lower": lower,
                            "spread": Money(gap, upper.currency),
                            "min_spread": Money(
                                _fit(required, policy.rounding_rule), upper.currency
                            ),
                        },
                    )
                )
            continue
        reasons.append(
            Reason(
                "PRICE-2",
                code,
                {
                    "upper_tier": upper_tier.value,
                    "upper": upper,
                    "lower_tier": lower_tier.value,
                    "lower": lower,
                },
            )
        )
    return tuple(reasons)


def check_tiers(tiers: PriceTiers, policy: PricePolicy) -> Decision:
    """Check one product's tiers against the policy's order and spreads (PRICE-2, PRICE-3).

    Every violation is reported, not only the first.  A pair of adjacent tiers that is
    out of order is reported as such (its spread is not checked as well).

    Args:
        tiers: the product's tiers.
        policy: the company's price policy.

    Returns:
        ``ALLOWED`` with reason ``tiers_consistent``, or ``REJECTED`` with one reason
        per violation (``tiers_out_of_order``, ``tiers_equal_under_strict_order``,
        ``tier_spread_too_small``).

    Raises:
        WrongType: ``tiers`` is not :class:`PriceTiers` or ``policy`` not a PricePolicy.

    >>> policy = PricePolicy(min_spread=Spread.rate("0.10"))
    >>> check_tiers(PriceTiers(Money("1000"), Money("800"), Money("700")), policy).verdict
    <Verdict.ALLOWED: 'allowed'>
    >>> bad = check_tiers(PriceTiers(Money("1000"), Money("950"), Money("990")), policy)
    >>> [(r.rule, r.code) for r in bad.reasons]
    [('PRICE-3', 'tier_spread_too_small'), ('PRICE-2', 'tiers_out_of_order')]
    >>> check_tiers("1000/800/700", policy)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.WrongType: tiers: expected PriceTiers, got str '1000/800/700'
    """
    _check_tiers_arg(tiers)
    _check_policy(policy)
    reasons = _tier_reasons(tiers, policy)
    if reasons:
        return Decision(Verdict.REJECTED, reasons)
    return Decision(
        Verdict.ALLOWED,
        (Reason("PRICE-2", "tiers_consistent", {"tier_order": policy.tier_order.value}),),
    )


# --------------------------------------------------------------------------------------
# check_price (PRICE-4, PRICE-5)
# --------------------------------------------------------------------------------------
def _check_decimal_field(
    instance: object, attribute: attrs.Attribute[Decimal], value: object
) -> None:
    if type(value) is not Decimal:
        raise WrongType(attribute.name, value, "a Decimal")


@attrs.frozen
class PriceDecision(Decision):
    """The verdict on one price, with the floor and reference it was judged against.

    Attributes:
        price: the quoted price per price unit (``pack_size`` tier units).
        net_price: the price after the line's share of a document discount (equal
            to ``price`` outside a quote; display only, rounded to 12 decimals).
        floor: the channel's floor per price unit (floor tier x ``pack_size``).
        reference: the channel's reference per price unit.
        discount_rate: ``1 - net_price / reference`` as a :class:`Rate`, 0 at or
            above the reference; reported only (rounded to 12 decimals with the
            policy's rounding rule), never compared.
        channel: the channel.
        quantity: the number of price units.
        pack_size: tier units per price unit (12 for a box of 12 against a
            per-piece floor).
    """

    price: Money = attrs.field(kw_only=True)
    net_price: Money = attrs.field(kw_only=True)
    floor: Money = attrs.field(kw_only=True)
    reference: Money = attrs.field(kw_only=True)
    discount_rate: Rate = attrs.field(kw_only=True)
    channel: Channel = attrs.field(kw_only=True)
    quantity: Decimal = attrs.field(kw_only=True, validator=_check_decimal_field)
    pack_size: Decimal = attrs.field(kw_only=True, validator=_check_decimal_field)


def _positive(value: object, field: str, problem: str = "must be positive") -> Decimal:
    number = to_decimal(value, field)
    if number <= ZERO:
        raise InvalidInput(field, value, problem)
    return number


def _quantity(value: object, field: str = "quantity") -> Decimal:
    if type(value) is int and value > 0:
        return Decimal(value)
    return _positive(value, field, "must be positive (a return is a credit note, not a quote line)")


def _price_money(price: object, tiers: PriceTiers, field: str = "price") -> Money:
    if type(price) is not Money:
        raise WrongType(field, price, "Money")
    if price.currency != tiers.currency:
        raise CurrencyMismatch(
            field, price, f"cannot compare {price.currency} with the tiers' {tiers.currency}"
        )
    return price


def _check_basis(tiers: PriceTiers, vat_included: object, field: str = "vat_included") -> None:
    if vat_included is None:
        return
    if type(vat_included) is not bool:
        raise WrongType(field, vat_included, "True, False or None")
    if tiers.vat_included is not None and tiers.vat_included is not vat_included:
        basis = "gross (VAT included)" if tiers.vat_included else "net (VAT excluded)"
        raise InvalidInput(
            field,
            vat_included,
            f"the price's VAT basis differs from the tiers', which are {basis}; "
            "convert one side first (PriceTiers.with_vat)",
        )


def _higher(a: Role, b: Role) -> Role:
    return b if b.rank > a.rank else a


def _fit(value: Decimal, rounding: str) -> Decimal:
    """``value`` rounded to 12 decimals only when it has more (display values only)."""
    if value.as_tuple().exponent < -12:  # type: ignore[operator]
        value = value.quantize(_RATE_PLACES, rounding, _CTX)
    return value.copy_abs() if value.is_zero() else value


def _rate(numerator: Decimal, denominator: Decimal, rounding: str) -> Rate:
    """``numerator / denominator`` for display (never compared), at most 12 decimals."""
    return Rate(_fit(_CTX.divide(numerator, denominator), rounding))


def _decide(
    tiers: PriceTiers,
    price: Money,
    channel: Channel,
    policy: PricePolicy,
    quantity: Decimal,
    pack: Decimal,
    tier_reasons: tuple[Reason, ...],
    kept: Decimal | None = None,
    gross: Decimal | None = None,
) -> PriceDecision:
    """Judge one price (the one decision path behind check_price, check_quote and audits).

    Outside a quote ``kept`` and ``gross`` are ``None``.  Inside a quote the line keeps
    ``kept / gross`` of its price (``gross`` the quote's gross total, ``kept`` that
    total minus the document discount), and every threshold is multiplied by
    ``gross`` instead of dividing the price: ``price x kept >= floor x gross``.
    """
    currency = tiers.currency
    floor_unit: Money = getattr(tiers, policy._floor_tier[channel].value)
    reference_unit: Money = getattr(tiers, policy._reference_tier[channel].value)
    if pack == ONE:
        floor, reference = floor_unit.amount, reference_unit.amount
    else:
        floor = _CTX.multiply(floor_unit.amount, pack)
        reference = _CTX.multiply(reference_unit.amount, pack)
    amount = price.amount
    if kept is None or gross is None:
        scaled, floor_bar, reference_bar = amount, floor, reference
        net_price = price
    else:
        scaled = _CTX.multiply(amount, kept)
        floor_bar = _CTX.multiply(floor, gross)
        reference_bar = _CTX.multiply(reference, gross)
        net_price = Money(_fit(_CTX.divide(scaled, gross), policy.rounding_rule), currency)
    if scaled >= reference_bar:
        discount = Rate(ZERO)
    else:
        discount = _rate(_CTX.subtract(reference_bar, scaled), reference_bar, policy.rounding_rule)
    rounding = policy.rounding_rule
    floor_money = floor_unit if pack == ONE else Money(_fit(floor, rounding), currency)
    reference_money = reference_unit if pack == ONE else Money(_fit(reference, rounding), currency)

    approvers: tuple[Role, ...] = ()
    reasons: tuple[Reason, ...]
    if tier_reasons:
        verdict, reasons = Verdict.REJECTED, tier_reasons
    elif scaled >= reference_bar:
        verdict = Verdict.ALLOWED
        reasons = (
            Reason(
                "PRICE-5",
                "price_at_or_above_reference",
                {"price": net_price, "reference": reference_money, "channel": channel},
            ),
        )
    else:
        role: Role | None = None
        for candidate, factor in policy._factors:
            if factor is None or scaled >= _CTX.multiply(reference_bar, factor):
                role = candidate
                break
        if scaled >= floor_bar and role is not None:
            verdict, approvers = Verdict.NEEDS_APPROVAL, (role,)
            reasons = (
                Reason(
                    "PRICE-5",
                    "discount_needs_approval",
                    {
                        "price": net_price,
                        "reference": reference_money,
                        "floor": floor_money,
                        "discount_rate": discount,
                        "role": role,
                    },
                ),
            )
        elif scaled < floor_bar and role is not None and policy.allow_below_floor_with:
            approver = _higher(policy.allow_below_floor_with, role)
            verdict, approvers = Verdict.NEEDS_APPROVAL, (approver,)
            reasons = (
                Reason(
                    "PRICE-4",
                    "price_below_floor_override",
                    {
                        "price": net_price,
                        "floor": floor_money,
                        "channel": channel,
                        "discount_rate": discount,
                        "role": approver,
                    },
                ),
            )
        else:
            verdict = Verdict.REJECTED
            found: list[Reason] = []
            if scaled < floor_bar:
                found.append(
                    Reason(
                        "PRICE-4",
                        "price_below_floor",
                        {"price": net_price, "floor": floor_money, "channel": channel},
                    )
                )
            if role is None:
                found.append(
                    Reason(
                        "PRICE-5",
                        "discount_beyond_authority",
                        {
                            "price": net_price,
                            "reference": reference_money,
                            "discount_rate": discount,
                            "max_rate": policy._max_rate,
                        },
                    )
                )
            reasons = tuple(found)
    return PriceDecision(
        verdict,
        reasons,
        approvers,
        price=price,
        net_price=net_price,
        floor=floor_money,
        reference=reference_money,
        discount_rate=discount,
        channel=channel,
        quantity=quantity,
        pack_size=pack,
    )


def check_price(
    tiers: PriceTiers,
    price: Money,
    channel: Channel,
    policy: PricePolicy,
    *,
    quantity: Decimal | int = 1,
    pack_size: Decimal | int = 1,
    vat_included: bool | None = None,
) -> PriceDecision:
    """Judge one offered price on one channel (PRICE-4 floor, PRICE-5 discount authority).

    Prices are compared per unit.  ``price`` is the price of one *price unit* of
    ``pack_size`` tier units (a box of 12 against per-piece tiers: ``pack_size=12``),
    so it is compared with ``floor_tier x pack_size`` and ``reference x pack_size``;
    ``quantity`` (the number of price units) never changes the verdict, because
    ``price x quantity >= floor x pack_size x quantity`` exactly when the unit
    prices compare so.

    Verdicts (all by multiplication, nothing divided or rounded before comparing):

    - ``price >= reference``: ``ALLOWED`` (premiums are allowed, the discount is 0).
    - ``floor <= price < reference``: ``NEEDS_APPROVAL`` by the lowest role with
      ``price >= reference x (1 - limit)`` (a discount exactly at a role's limit is
      that role's); ``REJECTED`` when no role's limit reaches that far.
    - **The exact floor price is allowed with approval** (the floor is inclusive); a
      policy whose reference is the floor tier allows it outright.
    - ``price < floor``: ``REJECTED`` (「严格控制」), unless the policy names
      ``allow_below_floor_with``: then ``NEEDS_APPROVAL`` by the higher of that role
      and the role the discount needs (still ``REJECTED`` if no role covers it).
    - Tiers that fail :func:`check_tiers` are never priced against: ``REJECTED`` with
      the tier reasons.

    Args:
        tiers: the product's tiers.
        price: the offered price per price unit; positive, in the tiers' currency.
        channel: ``Channel.DIRECT`` or ``Channel.DEALER`` (or their values).
        policy: the company's price policy.
        quantity: the number of price units (positive).
        pack_size: tier units per price unit (positive, default 1).
        vat_included: the price's VAT basis; ``None`` means "the tiers' basis".  A
            basis that differs from the tiers' stated basis is refused: convert
            explicitly with :meth:`PriceTiers.with_vat`.

    Returns:
        A :class:`PriceDecision` with ``.floor``, ``.reference`` and ``.discount_rate``.

    Raises:
        WrongType: wrong argument types (a float anywhere is ``FloatNotAllowed``).
        CurrencyMismatch: the price is not in the tiers' currency.
        InvalidInput: a non-positive price, quantity or pack size, or a VAT basis
            mismatch.
        UnknownEntity: an unknown channel.

    >>> tiers = PriceTiers(Money("1000"), Money("800"), Money("700"))
    >>> d = check_price(tiers, Money("850"), Channel.DIRECT, PricePolicy())
    >>> d.verdict, str(d.discount_rate), d.floor
    (<Verdict.NEEDS_APPROVAL: 'needs_approval'>, '15%', Money('800', 'CNY'))
    >>> check_price(tiers, Money("9600"), "direct", PricePolicy(), pack_size=12).verdict
    <Verdict.NEEDS_APPROVAL: 'needs_approval'>
    >>> check_price(tiers, Money("9599.99"), "direct", PricePolicy(), pack_size=12).verdict
    <Verdict.REJECTED: 'rejected'>
    >>> check_price(tiers, Money("850"), "wholesale", PricePolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: channel: not a known Channel (known: 'direct', 'dealer'), got 'wholesale'
    """
    _check_tiers_arg(tiers)
    _check_policy(policy)
    money = _price_money(price, tiers)
    if money.amount <= ZERO:
        raise InvalidInput("price", price, "must be positive (only a free quote line may be 0)")
    side = _channel(channel)
    count = _quantity(quantity)
    pack = _positive(pack_size, "pack_size")
    _check_basis(tiers, vat_included)
    return _decide(tiers, money, side, policy, count, pack, _tier_reasons(tiers, policy))


# --------------------------------------------------------------------------------------
# Quotes (PRICE-4, PRICE-5, PRICE-6)
# --------------------------------------------------------------------------------------
def _line_channel(value: object) -> Channel:
    return _channel(value, "channel")


def _line_quantity(value: object) -> Decimal:
    return _quantity(value, "quantity")


def _line_pack(value: object) -> Decimal:
    return _positive(value, "pack_size")


def _line_source(value: object) -> PriceSource:
    return _enum(PriceSource, value, "price_source")


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else check_text(value, field)


def _check_free(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    _bool(value, attribute.name)


@attrs.frozen(field_transformer=wire_checks)
class QuoteLine:
    """One line of a quote: tiers, price per price unit, channel and quantity.

    A price of 0 is allowed only on a line marked ``free=True`` (free goods, 赠品),
    which is below every floor and needs the policy's ``free_goods_approver``.  A
    return is not a quote line (it is a credit note): a quantity of 0 or below is
    refused.

    Args:
        tiers: the product's tiers.
        price: the price per price unit, positive (0 exactly when ``free``).
        channel: the line's channel.
        quantity: the number of price units (positive).
        free: whether this is a free line.
        pack_size: tier units per price unit (default 1).
        vat_included: the price's VAT basis (``None``: the tiers' basis).
        price_source: where the price came from (PRICE-6; default the price table).
        source_ref: the table version or supplier quotation id; required for a
            supplier price.

    >>> tiers = PriceTiers(Money("100"), Money("80"), Money("70"))
    >>> QuoteLine(tiers, Money("0"), Channel.DIRECT, 2, free=True).free
    True
    >>> QuoteLine(tiers, Money("100"), Channel.DIRECT, -1)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: quantity: must be positive (a return is a credit note, not a quote line), got -1
    """

    tiers: PriceTiers = attrs.field(validator=_tiers_field)
    price: Money = attrs.field()
    channel: Channel = attrs.field(converter=_line_channel)
    quantity: Decimal = attrs.field(default=ONE, converter=_line_quantity)
    free: bool = attrs.field(default=False, kw_only=True, validator=_check_free)
    pack_size: Decimal = attrs.field(default=ONE, kw_only=True, converter=_line_pack)
    vat_included: bool | None = attrs.field(default=None, kw_only=True)
    price_source: PriceSource = attrs.field(
        default=PriceSource.PRICE_TABLE, kw_only=True, converter=_line_source
    )
    source_ref: str | None = attrs.field(default=None, kw_only=True, metadata=check(_optional_text))

    def __attrs_post_init__(self) -> None:
        _price_money(self.price, self.tiers)
        if self.free:
            if not self.price.amount.is_zero():
                raise InvalidInput("price", self.price, "a free line has the price 0")
        elif self.price.amount <= ZERO:
            raise InvalidInput(
                "price", self.price, "must be positive (a price of 0 needs free=True)"
            )
        _check_basis(self.tiers, self.vat_included)
        if self.price_source is PriceSource.SUPPLIER and self.source_ref is None:
            raise InvalidInput(
                "source_ref", None, "a supplier price needs the supplier quotation id (PRICE-6)"
            )

    @property
    def gross(self) -> Decimal:
        """``price x quantity``, exact."""
        return _CTX.multiply(self.price.amount, self.quantity)


@attrs.frozen
class QuoteDecision(Decision):
    """The verdict on a whole quote: the strictest line verdict and the route it needs.

    Attributes:
        lines: one :class:`PriceDecision` per line, in input order.
        gross_total: sum of ``price x quantity`` (exact).
        document_discount: the document-level discount amount (exact).
        net_total: ``gross_total - document_discount`` (exact).
        list_total: sum of ``reference x pack_size x quantity`` (exact).
        average_discount: ``(list_total - net_total) / list_total`` (ERPNext-style,
            from list and net amounts; display only, 12 decimals; negative when the
            quote is priced above its references).
        line_discounts: the document discount rounded to the currency with the
            policy's rounding rule and split over the lines by ``allocate`` with
            their gross amounts as weights (for display; they sum exactly).
        line_net_amounts: the rounded net total split the same way (for display).
    """

    lines: tuple[PriceDecision, ...] = attrs.field(kw_only=True)
    gross_total: Money = attrs.field(kw_only=True)
    document_discount: Money = attrs.field(kw_only=True)
    net_total: Money = attrs.field(kw_only=True)
    list_total: Money = attrs.field(kw_only=True)
    average_discount: Rate = attrs.field(kw_only=True)
    line_discounts: tuple[Money, ...] = attrs.field(kw_only=True)
    line_net_amounts: tuple[Money, ...] = attrs.field(kw_only=True)


def _free_decision(
    line: QuoteLine, policy: PricePolicy, tier_reasons: tuple[Reason, ...]
) -> PriceDecision:
    tiers, channel, pack = line.tiers, line.channel, line.pack_size
    floor = _CTX.multiply(getattr(tiers, policy._floor_tier[channel].value).amount, pack)
    reference = _CTX.multiply(getattr(tiers, policy._reference_tier[channel].value).amount, pack)
    floor_money = Money(_fit(floor, policy.rounding_rule), tiers.currency)
    approvers: tuple[Role, ...] = ()
    if tier_reasons:
        verdict, reasons = Verdict.REJECTED, tier_reasons
    else:
        role = policy.free_goods_approver
        verdict, approvers = Verdict.NEEDS_APPROVAL, (role,)
        reasons = (
            Reason(
                "PRICE-4",
                "free_goods_need_approval",
                {"floor": floor_money, "quantity": line.quantity, "role": role},
            ),
        )
    return PriceDecision(
        verdict,
        reasons,
        approvers,
        price=line.price,
        net_price=line.price,
        floor=floor_money,
        reference=Money(_fit(reference, policy.rounding_rule), tiers.currency),
        discount_rate=Rate(ONE),
        channel=channel,
        quantity=line.quantity,
        pack_size=pack,
    )


def _quote_lines(lines: object) -> tuple[QuoteLine, ...]:
    if isinstance(lines, (str, bytes)) or not isinstance(lines, Iterable):
        raise WrongType("lines", lines, "a sequence of QuoteLine")
    items = tuple(lines)
    if not items:
        raise InvalidInput("lines", items, "a quote needs at least one line")
    currency: str | None = None
    for index, line in enumerate(items):
        if type(line) is not QuoteLine:
            raise WrongType(f"lines[{index}]", line, "a QuoteLine (a return is a credit note)")
        if currency is None:
            currency = line.tiers.currency
        elif line.tiers.currency != currency:
            raise CurrencyMismatch(
                f"lines[{index}].price",
                line.price,
                f"a quote has one currency, the first line is in {currency}",
            )
    return items


def _document_discount(value: object, gross: Decimal, currency: str) -> Decimal:
    if value is None:
        return ZERO
    if isinstance(value, Rate):
        if not ZERO <= value.value <= ONE:
            raise InvalidInput("document_discount", value, "a rate must be between 0 and 1")
        return _CTX.multiply(gross, value.value)
    if type(value) is not Money:
        raise WrongType("document_discount", value, "Money (an amount off) or a Rate, or None")
    if value.currency != currency:
        raise CurrencyMismatch("document_discount", value, f"the quote's lines are in {currency}")
    if value.amount < ZERO:
        raise InvalidInput("document_discount", value, "must not be negative")
    if value.amount > gross:
        raise InvalidInput(
            "document_discount", value, f"exceeds the quote's gross total {gross} {currency}"
        )
    return value.amount


def check_quote(
    lines: Iterable[QuoteLine],
    policy: PricePolicy,
    *,
    document_discount: Money | Rate | None = None,
) -> QuoteDecision:
    """Judge every line of a quote and the quote as a whole (PRICE-4, PRICE-5, PRICE-6).

    A document-level discount ``D`` on a gross total ``G`` is spread over the lines
    by their exact pro-rata share: a line of gross ``g`` keeps ``g x (G - D) / G``.
    The checks never divide: a line's price ``p`` passes its floor when
    ``p x (G - D) >= floor x G`` (and likewise for the reference and each role's
    limit), so each verdict depends only on the line and on the two sums, never on
    the order of the lines.  Cents appear only in the display amounts
    (``line_discounts``, ``line_net_amounts``, split with ``allocate``).  The products
    are computed in the library's 34-digit context, so they are exact while a price
    and the quote's totals have at most 17 significant digits each (a total of
    99,999,999,999,999.99 with prices in cents is well inside that).

    A free line (``free=True``, price 0) counts in the list total and so in the
    average discount; it takes no share of the document discount and needs the
    policy's ``free_goods_approver``.  The quote's verdict is the strictest line
    verdict; when it is ``NEEDS_APPROVAL`` the route is the one highest role any
    line needs (a higher role may sign for a lower one).

    Args:
        lines: the quote lines (at least one, one currency).
        policy: the company's price policy.
        document_discount: an amount off the whole quote (``Money``, at most the
            gross total) or a ``Rate`` of the gross total; default none.

    Returns:
        A :class:`QuoteDecision`.

    Raises:
        WrongType: a line that is not a :class:`QuoteLine`.
        InvalidInput: no lines, or a negative or excessive document discount.
        CurrencyMismatch: lines or the document discount in different currencies.

    >>> tiers = PriceTiers(Money("100"), Money("80"), Money("70"))
    >>> lines = [QuoteLine(tiers, Money("100"), Channel.DIRECT),
    ...          QuoteLine(tiers, Money("100"), Channel.DIRECT)]
    >>> quote = check_quote(lines, PricePolicy(), document_discount=Money("20"))
    >>> str(quote.average_discount), quote.verdict, quote.line_discounts
    ('10%', <Verdict.NEEDS_APPROVAL: 'needs_approval'>, (Money('10.00', 'CNY'), Money('10.00', 'CNY')))
    >>> check_quote([], PricePolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: lines: a quote needs at least one line, got ()
    """
    _check_policy(policy)
    items = _quote_lines(lines)
    currency = items[0].tiers.currency
    gross = ZERO
    list_total = ZERO
    for line in items:
        gross = _CTX.add(gross, line.gross)
        reference = getattr(line.tiers, policy._reference_tier[line.channel].value).amount
        unit_list = _CTX.multiply(reference, line.pack_size)
        list_total = _CTX.add(list_total, _CTX.multiply(unit_list, line.quantity))
    discount = _document_discount(document_discount, gross, currency)
    kept = _CTX.subtract(gross, discount)

    decisions: list[PriceDecision] = []
    for line in items:
        tier_reasons = _tier_reasons(line.tiers, policy)
        if line.free:
            decisions.append(_free_decision(line, policy, tier_reasons))
            continue
        decisions.append(
            _decide(
                line.tiers,
                line.price,
                line.channel,
                policy,
                line.quantity,
                line.pack_size,
                tier_reasons,
                None if discount.is_zero() else kept,
                None if discount.is_zero() else gross,
            )
        )

    verdict = Verdict.strictest(d.verdict for d in decisions)
    approvers: tuple[Role, ...] = ()
    if verdict is Verdict.NEEDS_APPROVAL:
        route: Role | None = None
        for decision in decisions:
            for role in decision.approvers:
                route = role if route is None else _higher(route, role)
        approvers = () if route is None else (route,)

    def money(amount: Decimal) -> Money:
        return Money(_fit(amount, policy.rounding_rule), currency)

    gross_money, discount_money = money(gross), money(discount)
    net_money, list_money = money(kept), money(list_total)
    average = _rate(_CTX.subtract(list_total, kept), list_total, policy.rounding_rule)
    rounding = policy.rounding_rule
    if gross.is_zero():
        zero = Money.zero(currency)
        line_discounts: tuple[Money, ...] = tuple(zero for _ in items)
        line_nets: tuple[Money, ...] = line_discounts
    else:
        weights = [money(line.gross).amount for line in items]
        line_discounts = allocate(discount_money.rounded(rounding), weights)
        line_nets = allocate(net_money.rounded(rounding), weights)

    reasons: list[Reason] = [
        Reason(
            "PRICE-5",
            "quote_average_discount",
            {
                "average_discount": average,
                "list_total": list_money,
                "net_total": net_money,
                "document_discount": discount_money,
            },
        )
    ]
    for index, decision in enumerate(decisions):
        if decision.verdict is Verdict.NEEDS_APPROVAL:
            reasons.append(
                Reason(
                    decision.reasons[0].rule,
                    "quote_line_needs_approval",
                    {"line_no": index + 1, "role": decision.approvers[0]},
                )
            )
        elif decision.verdict is Verdict.REJECTED:
            reasons.append(
                Reason(decision.reasons[0].rule, "quote_line_rejected", {"line_no": index + 1})
            )
    return QuoteDecision(
        verdict,
        reasons,
        approvers,
        lines=tuple(decisions),
        gross_total=gross_money,
        document_discount=discount_money,
        net_total=net_money,
        list_total=list_money,
        average_discount=average,
        line_discounts=line_discounts,
        line_net_amounts=line_nets,
    )


# --------------------------------------------------------------------------------------
# Bulk audit (PRICE-4, PRICE-5 over a PriceList)
# --------------------------------------------------------------------------------------
class PriceRow(NamedTuple):
    """One order line for :func:`audit_prices`.

    A plain tuple ``(sku, on, price, channel, quantity)`` works the same; this named
    form is a tuple too, so unpacking it in a bulk loop costs nothing extra.
    ``price`` is the price per tier unit, as ``Money`` in the list's currency or a
    ``Decimal`` amount in it.
    """

    sku: str
    on: _dt.date
    price: Money | Decimal
    channel: Channel
    quantity: int | Decimal = 1


@attrs.frozen
class AuditFinding:
    """A line of an audit that needs approval or is rejected.

    Attributes:
        index: the line's position (counting from the audit's ``start``).
        sku: the line's SKU.
        on: the line's date.
        decision: the full :class:`PriceDecision`.
    """

    index: int
    sku: str
    on: _dt.date = attrs.field(kw_only=True)
    decision: PriceDecision = attrs.field(kw_only=True)


def _count(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        raise InvalidInput(attribute.name, value, "a count must be a non-negative int")


def _findings(value: object) -> tuple[AuditFinding, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongType("findings", value, "a sequence of AuditFinding")
    items = tuple(value)
    for index, item in enumerate(items):
        if type(item) is not AuditFinding:
            raise WrongType(f"findings[{index}]", item, "an AuditFinding")
    return items


@attrs.frozen(kw_only=True)
class PriceAudit:
    """Counts per verdict of a price audit, and only the lines that need attention.

    Audits of partitions merge (``a + b``, ``PriceAudit.merge``, ``sum()``): counts
    add and findings are ordered by ``index``, so the audits of contiguous
    partitions (each run with its ``start``) merge to exactly the audit of all lines.

    >>> PriceAudit(allowed=2, needs_approval=1, rejected=0)
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.InvalidInput: findings: expected one finding per line needing approval or rejected (1), got 0
    """

    allowed: int = attrs.field(default=0, validator=_count)
    needs_approval: int = attrs.field(default=0, validator=_count)
    rejected: int = attrs.field(default=0, validator=_count)
    findings: tuple[AuditFinding, ...] = attrs.field(default=(), converter=_findings)

    def __attrs_post_init__(self) -> None:
        flagged = self.needs_approval + self.rejected
        if len(self.findings) != flagged:
            raise InvalidInput(
                "findings",
                len(self.findings),
                f"expected one finding per line needing approval or rejected ({flagged})",
            )

    @property
    def total(self) -> int:
        """The number of lines audited."""
        return self.allowed + self.needs_approval + self.rejected

    @property
    def counts(self) -> dict[Verdict, int]:
        """The number of lines per verdict."""
        return {
            Verdict.ALLOWED: self.allowed,
            Verdict.NEEDS_APPROVAL: self.needs_approval,
            Verdict.REJECTED: self.rejected,
        }

    def merge(self, *others: PriceAudit) -> PriceAudit:
        """This audit merged with ``others`` (counts add, findings ordered by index)."""
        audits = (self, *others)
        for index, other in enumerate(others):
            if type(other) is not PriceAudit:
                raise WrongType(f"others[{index}]", other, "a PriceAudit")
        findings = sorted((f for audit in audits for f in audit.findings), key=lambda f: f.index)
        return PriceAudit(
            allowed=sum(a.allowed for a in audits),
            needs_approval=sum(a.needs_approval for a in audits),
            rejected=sum(a.rejected for a in audits),
            findings=tuple(findings),
        )

    def __add__(self, other: object) -> PriceAudit:
        if type(other) is not PriceAudit:
            return NotImplemented
        return self.merge(other)

    def __radd__(self, other: object) -> PriceAudit:
        if type(other) is int and other == 0:
            return self
        return NotImplemented


_AuditEntry = tuple[Decimal, Decimal, tuple[Reason, ...]]


def audit_prices(
    lines: Iterable[PriceRow | tuple[object, object, object, object, object]],
    price_list: PriceList,
    policy: PricePolicy,
    *,
    start: int = 0,
    vat_included: bool | None = None,
) -> PriceAudit:
    """Audit any number of order lines against a price list, streaming (PRICE-4, PRICE-5).

    Each line is ``(sku, on, price, channel, quantity)`` (a tuple or a
    :class:`PriceRow`); the tiers are looked up by SKU and date, and the verdict is
    exactly that of :func:`check_price`.  Lines at or above their reference are only
    counted; a full :class:`PriceDecision` is built only for the lines that need
    approval or are rejected.  Tier checks and the policy's thresholds are worked
    out once per price-list version, not per line.  ``lines`` may be any iterable
    (a generator over a database cursor); it is read once.

    Args:
        lines: the order lines.  ``price`` is per tier unit (convert boxes first), as
            ``Money`` in the list's currency or a finite ``Decimal`` amount in it.
        price_list: the price table.
        policy: the company's price policy.
        start: the index of the first line (so partitions report global indices).
        vat_included: the lines' VAT basis (``None``: the list's basis); checked once.

    Returns:
        A :class:`PriceAudit` (mergeable with the audits of other partitions).

    Raises:
        UnknownEntity: an unknown SKU or channel, or a date no version covers
            (the field names the line, e.g. ``lines[3].sku``).
        InvalidInput: a non-positive price or quantity, a VAT basis mismatch.
        WrongType: a malformed line, a float price, a datetime for a date.

    >>> import datetime
    >>> prices = PriceList([PriceVersion("A-1", PriceTiers(Money("1000"), Money("800"),
    ...     Money("700")))], vat_included=True)
    >>> day = datetime.date(2026, 3, 2)
    >>> audit = audit_prices([("A-1", day, Decimal("1000"), Channel.DIRECT, 1),
    ...     ("A-1", day, Decimal("750"), Channel.DIRECT, 2)], prices, PricePolicy())
    >>> audit.counts[Verdict.ALLOWED], [f.decision.reasons[0].code for f in audit.findings]
    (1, ['price_below_floor'])
    >>> audit_prices([("A-2", day, Decimal("1"), Channel.DIRECT, 1)], prices, PricePolicy())
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: lines[0].sku: not in the price list, got 'A-2'
    """
    if type(price_list) is not PriceList:
        raise WrongType("price_list", price_list, "a PriceList")
    _check_policy(policy)
    if type(start) is not int or start < 0:
        raise InvalidInput("start", start, "must be a non-negative int")
    if vat_included is not None:
        _check_basis(price_list._tiers[0], vat_included)
    rows: object = lines
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise WrongType("lines", lines, "an iterable of (sku, on, price, channel, quantity) rows")

    currency = price_list.currency
    index_of = price_list._index
    all_tiers = price_list._tiers
    cache: list[_AuditEntry | None] = [None] * len(all_tiers)
    direct, dealer = Channel.DIRECT, Channel.DEALER
    date_type, decimal_type = _dt.date, Decimal
    allowed = needs_approval = rejected = 0
    findings: list[AuditFinding] = []
    position = start - 1
    stream: Iterable[Any] = lines  # rows are checked field by field below
    for row in stream:
        position += 1
        try:
            sku, on, price, channel, quantity = row
        except (TypeError, ValueError):
            raise WrongType(
                f"lines[{position}]", row, "a (sku, on, price, channel, quantity) row"
            ) from None
        try:
            spans = index_of.get(sku)
        except TypeError:
            spans = None
        version = -1
        if spans is not None and type(on) is date_type:
            for low, high, candidate in spans:
                if low <= on <= high:
                    version = candidate
                    break
        if version < 0:
            version = price_list._find(sku, on, f"lines[{position}].sku", f"lines[{position}].on")
        entry = cache[version]
        if entry is None:
            entry = cache[version] = _audit_entry(all_tiers[version], policy)
        if channel is direct:
            reference = entry[0]
        elif channel is dealer:
            reference = entry[1]
        else:
            channel = _channel(channel, f"lines[{position}].channel")
            reference = entry[0] if channel is direct else entry[1]
        if type(price) is decimal_type and price.is_finite():
            amount: Decimal = price
        else:
            amount = _row_amount(price, currency, f"lines[{position}].price")
        if type(quantity) is not int or quantity <= 0:
            quantity = _quantity(quantity, f"lines[{position}].quantity")
        if amount >= reference:
            allowed += 1
            continue
        if amount <= ZERO:
            raise InvalidInput(f"lines[{position}].price", price, "must be positive")
        tiers = all_tiers[version]
        decision = _decide(
            tiers,
            price if type(price) is Money else _row_money(amount, currency, position),
            channel,
            policy,
            quantity if type(quantity) is decimal_type else Decimal(quantity),
            ONE,
            entry[2],
        )
        if decision.verdict is Verdict.NEEDS_APPROVAL:
            needs_approval += 1
        elif decision.verdict is Verdict.REJECTED:
            rejected += 1
        else:  # pragma: no cover - the fast path counts every allowed line
            allowed += 1
            continue
        findings.append(AuditFinding(position, sku, on=on, decision=decision))
    return PriceAudit(
        allowed=allowed,
        needs_approval=needs_approval,
        rejected=rejected,
        findings=tuple(findings),
    )


def _audit_entry(tiers: PriceTiers, policy: PricePolicy) -> _AuditEntry:
    """The per-version data of an audit: each channel's reference, and tier problems."""
    reasons = _tier_reasons(tiers, policy)
    if reasons:
        return (_INFINITY, _INFINITY, reasons)
    refs = policy._reference_tier
    return (
        getattr(tiers, refs[Channel.DIRECT].value).amount,
        getattr(tiers, refs[Channel.DEALER].value).amount,
        reasons,
    )


def _row_amount(price: object, currency: str, field: str) -> Decimal:
    if type(price) is Money:
        if price.currency != currency:
            raise CurrencyMismatch(field, price, f"the price list is in {currency}")
        return price.amount
    return to_decimal(price, field)


def _row_money(amount: Decimal, currency: str, position: int) -> Money:
    try:
        return Money(amount, currency)
    except InvalidInput as error:
        raise InvalidInput(f"lines[{position}].price", amount, error.problem) from None
