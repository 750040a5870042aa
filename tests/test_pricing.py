"""Tests for salesdomain.pricing: price tiers, floors, discount authority (PRICE-1..6, X-4)."""

from __future__ import annotations

import datetime
import itertools
import json
import pickle
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    GENERIC_LADDER,
    HOTEL_LADDER,
    PRINCIPAL_SIGNATORY,
    AuthorityLimits,
    CurrencyMismatch,
    Decision,
    FloatNotAllowed,
    InvalidInput,
    Money,
    PolicyError,
    Rate,
    Reason,
    UnknownEntity,
    Verdict,
    WrongType,
    minor_unit,
)
from salesdomain.pricing import (
    NO_SPREAD,
    REASON_CODES,
    Channel,
    PriceAudit,
    PriceDecision,
    PriceList,
    PricePolicy,
    PriceRow,
    PriceSource,
    PriceTiers,
    PriceVersion,
    QuoteDecision,
    QuoteLine,
    Spread,
    Tier,
    TierOrder,
    audit_prices,
    check_price,
    check_quote,
    check_tiers,
)

MANAGER = GENERIC_LADDER.get("sales_manager")
GENERAL_MANAGER = GENERIC_LADDER.get("general_manager")
H_SUPERVISOR = HOTEL_LADDER.get("sales_supervisor")
H_MANAGER = HOTEL_LADDER.get("sales_manager")
H_GM = HOTEL_LADDER.get("general_manager")
DAY = datetime.date(2026, 3, 2)

# Every reason produced by the tests below is collected here; the last test checks
# that all of them are declared in REASON_CODES.
SEEN: list[Reason] = []


def seen(decision: Decision) -> Decision:
    SEEN.extend(decision.reasons)
    if isinstance(decision, QuoteDecision):
        for line in decision.lines:
            SEEN.extend(line.reasons)
    return decision


def price(tiers: PriceTiers, amount: str, channel: Channel, policy: PricePolicy, **kw: object):
    decision = check_price(tiers, Money(amount, tiers.currency), channel, policy, **kw)  # type: ignore[arg-type]
    seen(decision)
    return decision


def tiers(m: str = "1000", f: str = "800", d: str = "700", currency: str = "CNY") -> PriceTiers:
    return PriceTiers(Money(m, currency), Money(f, currency), Money(d, currency))


HOTEL_LIMITS = AuthorityLimits(
    {H_SUPERVISOR: Decimal("0.10"), H_MANAGER: Decimal("0.20"), H_GM: Decimal("0.25")}
)


# --------------------------------------------------------------------------------------
# PRICE-1: tiers and the price list
# --------------------------------------------------------------------------------------
def test_PRICE_1_tiers_hold_three_positive_amounts_of_one_currency() -> None:
    t = tiers()
    assert "CNY" == t.currency
    assert Money("700") == t.tier(Tier.DEALER_FLOOR)
    assert Money("1000") == t.tier("market_quote")  # type: ignore[arg-type]
    assert t.vat_included is None


def test_PRICE_1_tiers_in_mixed_currencies_are_refused_naming_the_field() -> None:
    with pytest.raises(CurrencyMismatch, match="dealer_floor"):
        PriceTiers(Money("1000"), Money("800"), Money("700", "USD"))


@pytest.mark.parametrize("amount", ["0", "-1"])
def test_PRICE_1_non_positive_tiers_are_refused_naming_the_field(amount: str) -> None:
    with pytest.raises(InvalidInput, match="factory_floor"):
        PriceTiers(Money("1000"), Money(amount), Money("700"))


def test_PRICE_1_a_tier_that_is_not_money_is_refused() -> None:
    with pytest.raises(WrongType, match="market_quote"):
        PriceTiers(Decimal("1000"), Money("800"), Money("700"))  # type: ignore[arg-type]


def test_PRICE_1_a_float_tier_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match="amount"):
        PriceTiers(Money(1000.0), Money("800"), Money("700"))  # type: ignore[arg-type]


def _two_versions() -> PriceList:
    return PriceList(
        [
            PriceVersion("A-1", tiers(), valid_to=datetime.date(2026, 6, 30)),
            PriceVersion("A-1", tiers("1100"), valid_from=datetime.date(2026, 7, 1)),
            PriceVersion(
                "B-2",
                tiers("50", "40", "30"),
                valid_from=datetime.date(2026, 1, 1),
                valid_to=datetime.date(2026, 12, 31),
            ),
        ],
        vat_included=True,
    )


def test_PRICE_1_price_list_finds_the_version_valid_on_a_date_boundaries_inclusive() -> None:
    prices = _two_versions()
    assert Money("1000") == prices.lookup("A-1", datetime.date(2026, 6, 30)).market_quote
    assert Money("1100") == prices.lookup("A-1", datetime.date(2026, 7, 1)).market_quote
    assert Money("50") == prices.lookup("B-2", datetime.date(2026, 12, 31)).market_quote
    assert ("A-1", "B-2") == prices.skus
    assert "A-1" in prices
    assert "CNY" == prices.currency


def test_PRICE_1_version_covers_its_dates_inclusive() -> None:
    version = PriceVersion(
        "A-1", tiers(), valid_from=datetime.date(2026, 1, 1), valid_to=datetime.date(2026, 1, 31)
    )
    assert [False, True, True, False] == [
        version.covers(datetime.date(2025, 12, 31)),
        version.covers(datetime.date(2026, 1, 1)),
        version.covers(datetime.date(2026, 1, 31)),
        version.covers(datetime.date(2026, 2, 1)),
    ]


def test_PRICE_1_price_list_stamps_its_vat_basis_on_the_tiers() -> None:
    assert True is _two_versions().lookup("A-1", DAY).vat_included


def test_PRICE_1_unknown_sku_raises_unknown_entity() -> None:
    with pytest.raises(UnknownEntity, match="sku: not in the price list"):
        _two_versions().lookup("Z-9", DAY)


def test_PRICE_1_date_outside_every_version_says_so() -> None:
    with pytest.raises(UnknownEntity, match=r"on: no version of SKU 'B-2' is valid on that date"):
        _two_versions().lookup("B-2", datetime.date(2027, 1, 1))


def test_PRICE_1_price_list_lookup_refuses_a_datetime() -> None:
    with pytest.raises(WrongType, match="on"):
        _two_versions().lookup("A-1", datetime.datetime(2026, 3, 2, 9, 0))  # type: ignore[arg-type]


def test_PRICE_1_overlapping_versions_of_one_sku_are_refused() -> None:
    with pytest.raises(InvalidInput, match=r"versions\[1\]\.valid_from: SKU 'A-1' has overlapping"):
        PriceList(
            [
                PriceVersion("A-1", tiers(), valid_to=datetime.date(2026, 7, 1)),
                PriceVersion("A-1", tiers(), valid_from=datetime.date(2026, 7, 1)),
            ],
            vat_included=False,
        )


def test_PRICE_1_two_open_ended_versions_of_one_sku_overlap() -> None:
    with pytest.raises(InvalidInput, match="overlapping"):
        PriceList([PriceVersion("A-1", tiers()), PriceVersion("A-1", tiers())], vat_included=False)


def test_PRICE_1_version_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInput, match="valid_to"):
        PriceVersion(
            "A-1",
            tiers(),
            valid_from=datetime.date(2026, 2, 1),
            valid_to=datetime.date(2026, 1, 31),
        )


def test_PRICE_1_price_list_in_two_currencies_is_refused() -> None:
    with pytest.raises(CurrencyMismatch, match=r"versions\[1\]\.tiers"):
        PriceList(
            [PriceVersion("A-1", tiers()), PriceVersion("B-1", tiers(currency="JPY"))],
            vat_included=False,
        )


def test_PRICE_1_version_stating_the_other_vat_basis_is_refused() -> None:
    gross = PriceTiers(Money("113"), Money("90"), Money("80"), vat_included=True)
    with pytest.raises(InvalidInput, match=r"versions\[0\]\.tiers\.vat_included"):
        PriceList([PriceVersion("A-1", gross)], vat_included=False)


def test_PRICE_1_price_list_and_audit_pickle() -> None:
    prices = _two_versions()
    copy = pickle.loads(pickle.dumps(prices))
    assert prices == copy
    assert prices.lookup("A-1", DAY) == copy.lookup("A-1", DAY)
    audit = audit_prices([("A-1", DAY, Decimal("850"), "direct", 1)], prices, PricePolicy())
    assert audit == pickle.loads(pickle.dumps(audit))


def test_PRICE_1_empty_price_list_is_refused() -> None:
    with pytest.raises(InvalidInput, match="versions"):
        PriceList([], vat_included=False)


def test_PRICE_1_price_list_vat_flag_must_be_a_bool() -> None:
    with pytest.raises(WrongType, match="vat_included"):
        PriceList([PriceVersion("A-1", tiers())], vat_included="yes")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# PRICE-2, PRICE-3: check_tiers
# --------------------------------------------------------------------------------------
def test_PRICE_2_tiers_in_reading_A_order_are_consistent() -> None:
    decision = seen(check_tiers(tiers(), PricePolicy()))
    assert Verdict.ALLOWED == decision.verdict
    assert ["tiers_consistent"] == [r.code for r in decision.reasons]


def test_PRICE_2_reading_B_tiers_break_reading_A_but_pass_reading_B() -> None:
    b_tiers = tiers("1000", "700", "800")  # factory 700 below dealer 800
    under_a = seen(check_tiers(b_tiers, PricePolicy()))
    under_b = seen(check_tiers(b_tiers, PricePolicy(tier_order=TierOrder.READING_B)))
    assert Verdict.REJECTED == under_a.verdict
    assert [("PRICE-2", "tiers_out_of_order")] == [(r.rule, r.code) for r in under_a.reasons]
    assert "factory_floor" == under_a.reasons[0].param("upper_tier")
    assert Verdict.ALLOWED == under_b.verdict


def test_PRICE_2_equal_tiers_pass_a_non_strict_order_and_break_a_strict_one() -> None:
    flat = tiers("1000", "800", "800")
    assert Verdict.ALLOWED == seen(check_tiers(flat, PricePolicy())).verdict
    strict = seen(check_tiers(flat, PricePolicy(strict_order=True)))
    assert ["tiers_equal_under_strict_order"] == [r.code for r in strict.reasons]


def test_PRICE_2_every_violation_is_reported_not_only_the_first() -> None:
    upside_down = tiers("700", "800", "1000")
    decision = seen(check_tiers(upside_down, PricePolicy()))
    expected = [("market_quote", "factory_floor"), ("factory_floor", "dealer_floor")]
    assert expected == [(r.param("upper_tier"), r.param("lower_tier")) for r in decision.reasons]


def test_PRICE_3_spread_below_a_minimum_amount_is_reported_for_each_pair() -> None:
    policy = PricePolicy(min_spread=Spread.amount("150"))
    decision = seen(check_tiers(tiers("1000", "900", "800"), policy))
    assert ["tier_spread_too_small", "tier_spread_too_small"] == [r.code for r in decision.reasons]
    assert Money("100") == decision.reasons[0].param("spread")
    assert Money("150") == decision.reasons[0].param("min_spread")


def test_PRICE_3_spread_exactly_at_the_minimum_rate_passes_and_one_cent_less_fails() -> None:
    policy = PricePolicy(min_spread=(Spread.rate("0.20"), Spread.amount("0")))
    assert Verdict.ALLOWED == seen(check_tiers(tiers("1000", "800", "700"), policy)).verdict
    failing = seen(check_tiers(tiers("1000", "800.01", "700"), policy))
    assert ["tier_spread_too_small"] == [r.code for r in failing.reasons]
    assert Money("200.00") == failing.reasons[0].param("min_spread")


def test_PRICE_3_required_spread_finer_than_12_decimals_is_shown_rounded() -> None:
    fine = tiers("1.000000000001", "1", "0.5")
    decision = seen(check_tiers(fine, PricePolicy(min_spread=Spread.rate("0.333333333333"))))
    assert Money("0.333333333333") == decision.reasons[0].param("min_spread")


def test_PRICE_4_fractional_pack_size_shows_the_floor_rounded_to_12_decimals() -> None:
    fine = tiers("1.000000000001", "1.000000000001", "1.000000000001")
    decision = price(fine, "2", Channel.DIRECT, PricePolicy(), pack_size=Decimal("1.5"))
    assert Money("1.500000000002") == decision.floor  # exact 1.5000000000015, half up
    assert Verdict.ALLOWED == decision.verdict


def test_PRICE_3_default_spread_is_zero_so_only_the_order_is_checked() -> None:
    assert (Spread(Decimal(0)), Spread(Decimal(0))) == PricePolicy().min_spread


def test_PRICE_3_spread_rate_of_one_or_more_is_refused() -> None:
    with pytest.raises(InvalidInput, match="value"):
        Spread.rate("1")


def test_PRICE_3_negative_spread_is_refused() -> None:
    with pytest.raises(InvalidInput, match="value"):
        Spread.amount("-1")


def test_PRICE_3_float_spread_is_refused() -> None:
    with pytest.raises(FloatNotAllowed, match="value"):
        Spread.rate(0.1)  # type: ignore[arg-type]


def test_PRICE_2_check_tiers_refuses_a_non_policy() -> None:
    with pytest.raises(WrongType, match="policy"):
        check_tiers(tiers(), {"tier_order": "A"})  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# X-4: the policy
# --------------------------------------------------------------------------------------
def test_X_4_default_policy_is_reading_A_with_direct_on_factory_and_dealer_on_dealer_floor() -> (
    None
):
    policy = PricePolicy()
    assert TierOrder.READING_A == policy.tier_order
    assert Tier.FACTORY_FLOOR == policy.floor_tier(Channel.DIRECT)
    assert Tier.DEALER_FLOOR == policy.floor_tier(Channel.DEALER)
    assert Tier.MARKET_QUOTE == policy.reference_tier(Channel.DEALER)
    assert policy.allow_below_floor_with is None
    assert MANAGER == policy.free_goods_approver
    assert MANAGER == policy.discount_authority.required_role(Decimal("0.99"))


def test_X_4_reading_B_switches_the_default_floor_map() -> None:
    policy = PricePolicy(tier_order="B")  # type: ignore[arg-type]
    assert Tier.DEALER_FLOOR == policy.floor_tier(Channel.DIRECT)
    assert Tier.FACTORY_FLOOR == policy.floor_tier(Channel.DEALER)


def test_X_4_policy_whose_direct_floor_sits_below_the_dealer_floor_is_refused() -> None:
    with pytest.raises(PolicyError, match="channel_floor_map: the DIRECT floor"):
        PricePolicy(channel_floor_map={"direct": "dealer_floor", "dealer": "factory_floor"})


def test_X_4_policy_errors_list_every_problem() -> None:
    with pytest.raises(PolicyError) as caught:
        PricePolicy(
            channel_floor_map={
                Channel.DIRECT: Tier.DEALER_FLOOR,
                Channel.DEALER: Tier.FACTORY_FLOOR,
            },
            channel_reference_map={
                Channel.DIRECT: Tier.DEALER_FLOOR,
                Channel.DEALER: "dealer_floor",
            },
            discount_authority=AuthorityLimits({MANAGER: Decimal("1.5")}),
            allow_below_floor_with=PRINCIPAL_SIGNATORY,
        )
    keys = [key for key, _ in caught.value.errors]
    assert [
        "channel_floor_map",
        "channel_reference_map[dealer]",
        "discount_authority.limits[sales_manager]",
        "allow_below_floor_with",
    ] == keys


def test_PRICE_5_free_goods_approver_defaults_to_the_manager_of_the_authority_ladder() -> None:
    assert H_MANAGER == PricePolicy(discount_authority=HOTEL_LIMITS).free_goods_approver
    only_gm = AuthorityLimits({H_GM: None})
    assert H_GM == PricePolicy(discount_authority=only_gm).free_goods_approver


def test_X_4_policy_naming_roles_of_two_ladders_with_one_rank_is_refused() -> None:
    with pytest.raises(PolicyError, match="free_goods_approver: sales_manager has the rank 2"):
        PricePolicy(discount_authority=HOTEL_LIMITS, free_goods_approver=MANAGER)


def test_PRICE_5_discount_authority_must_be_authority_limits() -> None:
    with pytest.raises(WrongType, match="discount_authority"):
        PricePolicy(discount_authority={MANAGER: None})  # type: ignore[arg-type]


def test_X_4_policy_needs_a_tier_for_every_channel() -> None:
    with pytest.raises(PolicyError, match="channel_floor_map"):
        PricePolicy(channel_floor_map={Channel.DIRECT: Tier.FACTORY_FLOOR})


def test_X_4_policy_refuses_an_unknown_tier_name() -> None:
    with pytest.raises(UnknownEntity, match=r"channel_floor_map\[dealer\]"):
        PricePolicy(channel_floor_map={"direct": "factory_floor", "dealer": "cost"})


def test_X_4_policy_refuses_an_unknown_tier_order() -> None:
    with pytest.raises(UnknownEntity, match="tier_order"):
        PricePolicy(tier_order="C")  # type: ignore[arg-type]


def test_X_4_policy_refuses_an_unknown_rounding_rule() -> None:
    with pytest.raises(InvalidInput, match="rounding_rule"):
        PricePolicy(rounding_rule="ROUND_SIDEWAYS")


def test_X_4_policy_refuses_a_non_bool_strict_order() -> None:
    with pytest.raises(WrongType, match="strict_order"):
        PricePolicy(strict_order=1)  # type: ignore[arg-type]


def test_X_4_policy_pickles_and_compares_by_value() -> None:
    policy = PricePolicy(discount_authority=HOTEL_LIMITS, min_spread=Spread.rate("0.05"))
    assert policy == pickle.loads(pickle.dumps(policy))
    assert hash(policy) == hash(pickle.loads(pickle.dumps(policy)))


# --------------------------------------------------------------------------------------
# PRICE-4, PRICE-5: check_price
# --------------------------------------------------------------------------------------
def test_PRICE_4_dealer_sale_one_cent_below_dealer_floor_is_rejected() -> None:
    decision = price(tiers(), "699.99", Channel.DEALER, PricePolicy())
    assert Verdict.REJECTED == decision.verdict
    assert [("PRICE-4", "price_below_floor")] == [(r.rule, r.code) for r in decision.reasons]
    assert Money("700") == decision.floor
    assert () == decision.approvers


def test_PRICE_4_dealer_sale_exactly_at_dealer_floor_needs_the_manager() -> None:
    decision = price(tiers(), "700", Channel.DEALER, PricePolicy())
    assert Verdict.NEEDS_APPROVAL == decision.verdict
    assert (MANAGER,) == decision.approvers
    assert Rate("0.3") == decision.discount_rate
    assert Money("1000") == decision.reference


def test_PRICE_4_direct_sale_below_factory_floor_is_rejected_even_above_dealer_floor() -> None:
    decision = price(tiers(), "799.99", Channel.DIRECT, PricePolicy())
    assert Verdict.REJECTED == decision.verdict
    assert Money("800") == decision.floor


def test_PRICE_4_reading_B_direct_floor_is_the_dealer_floor_tier() -> None:
    policy = PricePolicy(tier_order=TierOrder.READING_B)
    b_tiers = tiers("1000", "700", "800")
    assert Verdict.REJECTED == price(b_tiers, "799.99", Channel.DIRECT, policy).verdict
    assert Verdict.NEEDS_APPROVAL == price(b_tiers, "700", Channel.DEALER, policy).verdict


def test_PRICE_5_price_at_the_reference_is_allowed_without_approval() -> None:
    decision = price(tiers(), "1000", Channel.DIRECT, PricePolicy())
    assert Verdict.ALLOWED == decision.verdict
    assert ["price_at_or_above_reference"] == [r.code for r in decision.reasons]
    assert Rate("0") == decision.discount_rate


def test_PRICE_5_price_above_the_reference_is_allowed_with_zero_discount() -> None:
    decision = price(tiers(), "1200", Channel.DEALER, PricePolicy())
    assert (Verdict.ALLOWED, Rate("0")) == (decision.verdict, decision.discount_rate)


def test_PRICE_5_one_cent_below_the_reference_needs_the_manager() -> None:
    decision = price(tiers(), "999.99", Channel.DIRECT, PricePolicy())
    assert (MANAGER,) == decision.approvers
    assert Rate("0.00001") == decision.discount_rate


@pytest.mark.parametrize(
    ("amount", "role"),
    [
        ("900", H_SUPERVISOR),  # exactly 10%: the supervisor's own limit
        ("899.99", H_MANAGER),
        ("800", H_MANAGER),  # exactly 20%
        ("750", H_GM),  # exactly 25%
    ],
)
def test_PRICE_5_discount_exactly_at_a_roles_limit_is_approved_by_that_role(
    amount: str, role: object
) -> None:
    decision = price(tiers(), amount, Channel.DEALER, PricePolicy(discount_authority=HOTEL_LIMITS))
    assert Verdict.NEEDS_APPROVAL == decision.verdict
    assert (role,) == decision.approvers
    assert role == decision.reasons[0].param("role")


def test_PRICE_5_discount_beyond_every_roles_limit_above_the_floor_is_rejected() -> None:
    decision = price(
        tiers(), "749.99", Channel.DEALER, PricePolicy(discount_authority=HOTEL_LIMITS)
    )
    assert Verdict.REJECTED == decision.verdict
    assert [("PRICE-5", "discount_beyond_authority")] == [
        (r.rule, r.code) for r in decision.reasons
    ]
    assert Rate("0.25") == decision.reasons[0].param("max_rate")


def test_PRICE_4_below_the_floor_and_beyond_authority_reports_both() -> None:
    decision = price(
        tiers(), "699.99", Channel.DEALER, PricePolicy(discount_authority=HOTEL_LIMITS)
    )
    assert ["price_below_floor", "discount_beyond_authority"] == [r.code for r in decision.reasons]


def test_PRICE_5_dealer_reference_at_its_floor_lets_dealer_price_pass_without_approval() -> None:
    policy = PricePolicy(channel_reference_map={"direct": "market_quote", "dealer": "dealer_floor"})
    assert Verdict.ALLOWED == price(tiers(), "700", Channel.DEALER, policy).verdict
    assert Verdict.REJECTED == price(tiers(), "699.99", Channel.DEALER, policy).verdict


def test_PRICE_4_override_role_may_approve_below_the_floor() -> None:
    policy = PricePolicy(allow_below_floor_with=GENERAL_MANAGER)
    decision = price(tiers(), "600", Channel.DEALER, policy)
    assert Verdict.NEEDS_APPROVAL == decision.verdict
    assert (GENERAL_MANAGER,) == decision.approvers
    assert ["price_below_floor_override"] == [r.code for r in decision.reasons]


def test_PRICE_4_override_needs_the_higher_of_override_and_discount_role() -> None:
    policy = PricePolicy(
        discount_authority=AuthorityLimits({H_SUPERVISOR: Decimal("0.10"), H_GM: None}),
        allow_below_floor_with=H_MANAGER,
    )
    assert (H_GM,) == price(tiers(), "600", Channel.DEALER, policy).approvers


def test_PRICE_4_override_does_not_reach_beyond_every_discount_limit() -> None:
    policy = PricePolicy(discount_authority=HOTEL_LIMITS, allow_below_floor_with=H_GM)
    assert Verdict.REJECTED == price(tiers(), "600", Channel.DEALER, policy).verdict


def test_PRICE_2_check_price_never_prices_against_broken_tiers() -> None:
    decision = price(tiers("1000", "700", "800"), "1000", Channel.DIRECT, PricePolicy())
    assert Verdict.REJECTED == decision.verdict
    assert ["tiers_out_of_order"] == [r.code for r in decision.reasons]


def test_PRICE_4_price_per_box_is_compared_with_the_per_piece_floor_times_the_pack() -> None:
    at_floor = price(tiers(), "8400", Channel.DEALER, PricePolicy(), pack_size=12)
    below = price(tiers(), "8399.99", Channel.DEALER, PricePolicy(), pack_size=12)
    assert (Verdict.NEEDS_APPROVAL, Money("8400")) == (at_floor.verdict, at_floor.floor)
    assert Money("12000") == at_floor.reference
    assert Rate("0.3") == at_floor.discount_rate
    assert Decimal(12) == at_floor.pack_size
    assert Verdict.REJECTED == below.verdict


def test_PRICE_4_quantity_never_changes_the_verdict() -> None:
    one = price(tiers(), "750", Channel.DEALER, PricePolicy())
    many = price(tiers(), "750", Channel.DEALER, PricePolicy(), quantity=500)
    assert (one.verdict, one.approvers) == (many.verdict, many.approvers)
    assert Decimal(500) == many.quantity


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_PRICE_4_non_positive_price_is_refused(amount: str) -> None:
    with pytest.raises(InvalidInput, match="price"):
        check_price(tiers(), Money(amount), Channel.DIRECT, PricePolicy())


def test_PRICE_4_price_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatch, match="price"):
        check_price(tiers(), Money("900", "USD"), Channel.DIRECT, PricePolicy())


def test_PRICE_4_price_that_is_not_money_is_refused() -> None:
    with pytest.raises(WrongType, match="price"):
        check_price(tiers(), Decimal("900"), Channel.DIRECT, PricePolicy())  # type: ignore[arg-type]


def test_PRICE_4_unknown_channel_is_refused() -> None:
    with pytest.raises(UnknownEntity, match="channel"):
        check_price(tiers(), Money("900"), "retail", PricePolicy())  # type: ignore[arg-type]


def test_PRICE_4_channel_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(WrongType, match="channel"):
        check_price(tiers(), Money("900"), 1, PricePolicy())  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["quantity", "pack_size"])
def test_PRICE_4_float_quantity_or_pack_is_refused(field: str) -> None:
    with pytest.raises(FloatNotAllowed, match=field):
        check_price(tiers(), Money("900"), Channel.DIRECT, PricePolicy(), **{field: 2.0})  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["quantity", "pack_size"])
def test_PRICE_4_zero_quantity_or_pack_is_refused(field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        check_price(tiers(), Money("900"), Channel.DIRECT, PricePolicy(), **{field: 0})  # type: ignore[arg-type]


def test_PRICE_4_price_decision_is_json_ready_and_pickles() -> None:
    decision = price(tiers(), "850", Channel.DIRECT, PricePolicy())
    data = decision.to_dict()
    assert "needs_approval" == data["verdict"]
    assert "0.15" == data["discount_rate"]
    assert "direct" == data["channel"]
    assert json.loads(json.dumps(data)) == data
    assert decision == pickle.loads(pickle.dumps(decision))


# VAT basis ---------------------------------------------------------------------------
def test_PRICE_4_price_on_another_vat_basis_than_the_tiers_is_refused() -> None:
    net = PriceTiers(Money("100"), Money("80"), Money("70"), vat_included=False)
    with pytest.raises(InvalidInput, match="vat_included: the price's VAT basis differs"):
        check_price(net, Money("90"), Channel.DIRECT, PricePolicy(), vat_included=True)


def test_PRICE_4_gross_price_is_compared_with_net_tiers_converted_to_gross() -> None:
    net = PriceTiers(Money("100"), Money("80"), Money("70"), vat_included=False)
    gross = net.with_vat(Decimal("0.13"))
    assert (Money("113.00"), Money("90.40"), True) == (
        gross.market_quote,
        gross.factory_floor,
        gross.vat_included,
    )
    assert Verdict.NEEDS_APPROVAL == price(gross, "90.40", Channel.DIRECT, PricePolicy()).verdict
    assert Verdict.REJECTED == price(gross, "90.39", Channel.DIRECT, PricePolicy()).verdict


def test_PRICE_4_tiers_of_unstated_basis_cannot_have_vat_added() -> None:
    with pytest.raises(InvalidInput, match="vat_included"):
        tiers().with_vat(Decimal("0.13"))


def test_PRICE_4_vat_rate_above_one_is_refused() -> None:
    net = PriceTiers(Money("100"), Money("80"), Money("70"), vat_included=False)
    with pytest.raises(InvalidInput, match="vat_rate"):
        net.with_vat(Decimal("1.5"))


# --------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------
def quote(lines: list[QuoteLine], policy: PricePolicy | None = None, **kw: object) -> QuoteDecision:
    decision = check_quote(lines, policy or PricePolicy(), **kw)  # type: ignore[arg-type]
    seen(decision)
    return decision


def test_PRICE_5_quote_average_discount_of_two_lines_at_100_with_20_off_is_10_percent() -> None:
    t = tiers("100", "80", "70")
    lines = [QuoteLine(t, Money("100"), Channel.DIRECT), QuoteLine(t, Money("100"), Channel.DIRECT)]
    decision = quote(lines, document_discount=Money("20"))
    assert Rate("0.10") == decision.average_discount
    assert (Money("200"), Money("180"), Money("200")) == (
        decision.gross_total,
        decision.net_total,
        decision.list_total,
    )
    assert (Money("10.00"), Money("10.00")) == decision.line_discounts
    assert (Money("90.00"), Money("90.00")) == decision.line_net_amounts
    assert (MANAGER,) == decision.approvers
    assert [Rate("0.1"), Rate("0.1")] == [line.discount_rate for line in decision.lines]
    assert Money("90") == decision.lines[0].net_price


def test_PRICE_5_quote_without_discount_at_list_price_is_allowed() -> None:
    t = tiers("100", "80", "70")
    decision = quote([QuoteLine(t, Money("100"), Channel.DIRECT, 3)])
    assert Verdict.ALLOWED == decision.verdict
    assert ["quote_average_discount"] == [r.code for r in decision.reasons]
    assert Rate("0") == decision.average_discount


def test_PRICE_4_document_discount_can_push_a_line_below_its_floor() -> None:
    t = tiers("100", "80", "70")
    lines = [QuoteLine(t, Money("85"), Channel.DIRECT), QuoteLine(t, Money("100"), Channel.DIRECT)]
    # 185 - 18.5 = 166.5: each line keeps 90%; 85 -> 76.5 is below the direct floor 80.
    decision = quote(lines, document_discount=Rate("0.10"))
    assert [Verdict.REJECTED, Verdict.NEEDS_APPROVAL] == [d.verdict for d in decision.lines]
    assert Verdict.REJECTED == decision.verdict
    assert () == decision.approvers
    assert Money("76.5") == decision.lines[0].net_price
    codes = [(r.code, r.params) for r in decision.reasons[1:]]
    assert [
        ("quote_line_rejected", (("line_no", 1),)),
        ("quote_line_needs_approval", (("line_no", 2), ("role", MANAGER))),
    ] == codes


def test_PRICE_4_document_discount_at_the_exact_floor_share_needs_approval() -> None:
    t = tiers("100", "80", "70")
    lines = [QuoteLine(t, Money("100"), Channel.DIRECT, 3)]
    assert Verdict.NEEDS_APPROVAL == quote(lines, document_discount=Money("60")).verdict
    assert Verdict.REJECTED == quote(lines, document_discount=Money("60.01")).verdict


def test_PRICE_5_quote_route_is_the_highest_role_any_line_needs() -> None:
    policy = PricePolicy(discount_authority=HOTEL_LIMITS)
    t = tiers()
    lines = [
        QuoteLine(t, Money("950"), Channel.DEALER),  # 5%: supervisor
        QuoteLine(t, Money("780"), Channel.DEALER),  # 22%: general manager
        QuoteLine(t, Money("850"), Channel.DEALER),  # 15%: manager
    ]
    decision = quote(lines, policy)
    assert [(H_SUPERVISOR,), (H_GM,), (H_MANAGER,)] == [d.approvers for d in decision.lines]
    assert (H_GM,) == decision.approvers


def test_PRICE_4_free_line_needs_the_free_goods_approver_and_counts_in_the_average() -> None:
    t = tiers("100", "80", "70")
    lines = [
        QuoteLine(t, Money("100"), Channel.DIRECT, 3),
        QuoteLine(t, Money("0"), Channel.DIRECT, 1, free=True),
    ]
    decision = quote(lines, PricePolicy(free_goods_approver=GENERAL_MANAGER))
    free = decision.lines[1]
    assert (Verdict.NEEDS_APPROVAL, (GENERAL_MANAGER,)) == (free.verdict, free.approvers)
    assert ["free_goods_need_approval"] == [r.code for r in free.reasons]
    assert Rate("1") == free.discount_rate
    assert Rate("0.25") == decision.average_discount  # list 400, net 300
    assert (GENERAL_MANAGER,) == decision.approvers


def test_PRICE_4_free_line_takes_no_share_of_the_document_discount() -> None:
    t = tiers("100", "80", "70")
    lines = [
        QuoteLine(t, Money("0"), Channel.DIRECT, 2, free=True),
        QuoteLine(t, Money("100"), Channel.DIRECT, 1),
    ]
    decision = quote(lines, document_discount=Money("10"))
    assert (Money("0.00"), Money("10.00")) == decision.line_discounts
    assert (Money("0.00"), Money("90.00")) == decision.line_net_amounts


def test_PRICE_4_quote_of_only_free_lines_has_zero_totals() -> None:
    t = tiers("100", "80", "70")
    decision = quote([QuoteLine(t, Money("0"), Channel.DIRECT, 2, free=True)])
    assert (Money("0"), Rate("1")) == (decision.net_total, decision.average_discount)
    assert (Money("0"),) == decision.line_discounts
    with pytest.raises(InvalidInput, match="document_discount"):
        check_quote(
            [QuoteLine(t, Money("0"), Channel.DIRECT, 2, free=True)],
            PricePolicy(),
            document_discount=Money("0.01"),
        )


def test_PRICE_4_free_line_with_a_price_is_refused() -> None:
    with pytest.raises(InvalidInput, match="price: a free line has the price 0"):
        QuoteLine(tiers(), Money("1"), Channel.DIRECT, free=True)


def test_PRICE_4_zero_price_without_free_is_refused() -> None:
    with pytest.raises(InvalidInput, match="price: must be positive"):
        QuoteLine(tiers(), Money("0"), Channel.DIRECT)


@pytest.mark.parametrize("quantity", [0, -1, Decimal("-2.5")])
def test_PRICE_4_return_is_not_a_quote_line(quantity: object) -> None:
    with pytest.raises(InvalidInput, match="quantity: must be positive .a return is a credit note"):
        QuoteLine(tiers(), Money("900"), Channel.DIRECT, quantity)  # type: ignore[arg-type]


def test_PRICE_4_negative_price_line_is_refused() -> None:
    with pytest.raises(InvalidInput, match="price"):
        QuoteLine(tiers(), Money("-900"), Channel.DIRECT)


def test_PRICE_4_quote_refuses_a_non_line() -> None:
    with pytest.raises(WrongType, match=r"lines\[1\]"):
        check_quote([QuoteLine(tiers(), Money("900"), "direct"), "refund"], PricePolicy())  # type: ignore[list-item]


def test_PRICE_4_quote_lines_in_two_currencies_are_refused() -> None:
    lines = [
        QuoteLine(tiers(), Money("900"), Channel.DIRECT),
        QuoteLine(tiers(currency="JPY"), Money("900", "JPY"), Channel.DIRECT),
    ]
    with pytest.raises(CurrencyMismatch, match=r"lines\[1\]\.price"):
        check_quote(lines, PricePolicy())


@pytest.mark.parametrize(
    ("discount", "error"),
    [
        (Money("-1"), InvalidInput),
        (Money("2000.01"), InvalidInput),
        (Money("1", "USD"), CurrencyMismatch),
        (Rate("1.5"), InvalidInput),
        (Decimal("10"), WrongType),
    ],
)
def test_PRICE_5_bad_document_discount_is_refused(discount: object, error: type) -> None:
    lines = [QuoteLine(tiers(), Money("1000"), Channel.DIRECT, 2)]
    with pytest.raises(error, match="document_discount"):
        check_quote(lines, PricePolicy(), document_discount=discount)  # type: ignore[arg-type]


def test_PRICE_6_quote_line_records_its_price_source() -> None:
    line = QuoteLine(
        tiers(), Money("900"), Channel.DIRECT, price_source="supplier", source_ref="SUP-2026-17"
    )
    assert (PriceSource.SUPPLIER, "SUP-2026-17") == (line.price_source, line.source_ref)
    assert PriceSource.PRICE_TABLE == QuoteLine(tiers(), Money("900"), Channel.DIRECT).price_source


def test_PRICE_6_supplier_price_without_a_quotation_id_is_refused() -> None:
    with pytest.raises(InvalidInput, match="source_ref"):
        QuoteLine(tiers(), Money("900"), Channel.DIRECT, price_source=PriceSource.SUPPLIER)


@pytest.mark.parametrize(
    ("currency", "discount", "expected"),
    [
        ("JPY", "100", ("34", "33", "33")),
        ("CNY", "100.00", ("33.34", "33.33", "33.33")),
        ("KWD", "0.100", ("0.034", "0.033", "0.033")),
    ],
)
def test_PRICE_5_displayed_line_discounts_sum_exactly_in_0_2_and_3_decimal_currencies(
    currency: str, discount: str, expected: tuple[str, str, str]
) -> None:
    t = tiers(currency=currency)
    lines = [QuoteLine(t, Money("1000", currency), Channel.DIRECT) for _ in range(3)]
    decision = quote(lines, document_discount=Money(discount, currency))
    assert tuple(Money(x, currency) for x in expected) == decision.line_discounts
    assert Money(discount, currency) == sum(decision.line_discounts, Money.zero(currency))
    assert decision.net_total.rounded() == sum(decision.line_net_amounts, Money.zero(currency))


def test_PRICE_5_quote_decision_is_json_ready() -> None:
    t = tiers("100", "80", "70")
    decision = quote([QuoteLine(t, Money("90"), Channel.DIRECT)], document_discount=Money("5"))
    data = decision.to_dict()
    assert "0.15" == data["average_discount"]
    assert json.loads(json.dumps(data)) == data


# --------------------------------------------------------------------------------------
# Bulk audit
# --------------------------------------------------------------------------------------
def _rows() -> list[tuple[object, ...]]:
    return [
        ("A-1", DAY, Decimal("1000"), Channel.DIRECT, 1),
        ("A-1", DAY, Decimal("850"), Channel.DIRECT, 2),
        PriceRow("A-1", DAY, Money("699.99"), Channel.DEALER, 3),
        ("B-2", DAY, Decimal("50"), "dealer", Decimal("1.5")),
        ("A-1", datetime.date(2026, 8, 1), Decimal("1050"), Channel.DIRECT, 1),
        ("B-2", DAY, Decimal("20"), Channel.DEALER, 1),
    ]


def test_PRICE_4_audit_counts_every_line_and_keeps_only_those_needing_attention() -> None:
    audit = audit_prices(_rows(), _two_versions(), PricePolicy())
    assert (2, 2, 2) == (audit.allowed, audit.needs_approval, audit.rejected)
    assert {Verdict.ALLOWED: 2, Verdict.NEEDS_APPROVAL: 2, Verdict.REJECTED: 2} == audit.counts
    assert 6 == audit.total
    assert [1, 2, 4, 5] == [f.index for f in audit.findings]
    assert ["A-1", "A-1", "A-1", "B-2"] == [f.sku for f in audit.findings]
    for finding in audit.findings:
        seen(finding.decision)


def test_PRICE_4_audit_verdicts_equal_check_price() -> None:
    prices = _two_versions()
    audit = audit_prices(_rows(), prices, PricePolicy())
    by_index = {f.index: f.decision for f in audit.findings}
    for index, (sku, on, amount, channel, quantity) in enumerate(_rows()):
        t = prices.lookup(sku, on)  # type: ignore[arg-type]
        money = amount if isinstance(amount, Money) else Money(amount)  # type: ignore[arg-type]
        expected = check_price(t, money, channel, PricePolicy(), quantity=quantity)  # type: ignore[arg-type]
        if expected.allowed:
            assert index not in by_index
        else:
            assert expected == by_index[index]


def test_PRICE_4_audit_start_offsets_the_reported_indices() -> None:
    audit = audit_prices(_rows(), _two_versions(), PricePolicy(), start=100)
    assert [101, 102, 104, 105] == [f.index for f in audit.findings]


def test_PRICE_4_audits_of_partitions_merge_to_the_audit_of_all() -> None:
    rows, prices, policy = _rows(), _two_versions(), PricePolicy()
    whole = audit_prices(rows, prices, policy)
    first = audit_prices(rows[:3], prices, policy)
    second = audit_prices(rows[3:], prices, policy, start=3)
    assert whole == first + second
    assert whole == second + first
    assert whole == first.merge(second)
    assert whole == sum([first, second], PriceAudit())
    assert whole == sum([first, second])  # type: ignore[arg-type]


def test_PRICE_4_audit_accepts_a_generator() -> None:
    audit = audit_prices((row for row in _rows()), _two_versions(), PricePolicy())
    assert 6 == audit.total


def test_PRICE_2_audit_rejects_every_line_of_a_version_with_broken_tiers() -> None:
    prices = PriceList([PriceVersion("X", tiers("1000", "700", "800"))], vat_included=False)
    audit = audit_prices([("X", DAY, Decimal("5000"), "direct", 1)], prices, PricePolicy())
    assert 1 == audit.rejected
    assert ["tiers_out_of_order"] == [r.code for r in audit.findings[0].decision.reasons]


@pytest.mark.parametrize(
    ("row", "error", "field"),
    [
        (("Z-9", DAY, Decimal("1"), "direct", 1), UnknownEntity, r"lines\[0\]\.sku"),
        (
            ("A-1", datetime.date(2020, 1, 1), Decimal("1"), "direct", 1),
            InvalidInput,
            r"lines\[0\]\.on",
        ),
        (
            ("B-2", datetime.date(2027, 1, 1), Decimal("1"), "direct", 1),
            UnknownEntity,
            r"lines\[0\]\.on",
        ),
        (
            ("A-1", datetime.datetime(2026, 3, 2), Decimal("1"), "direct", 1),
            WrongType,
            r"lines\[0\]\.on",
        ),
        (("A-1", DAY, 999.0, "direct", 1), FloatNotAllowed, r"lines\[0\]\.price"),
        (("A-1", DAY, Decimal("-1"), "direct", 1), InvalidInput, r"lines\[0\]\.price"),
        (("A-1", DAY, Decimal("NaN"), "direct", 1), InvalidInput, r"lines\[0\]\.price"),
        (("A-1", DAY, Money("900", "USD"), "direct", 1), CurrencyMismatch, r"lines\[0\]\.price"),
        (("A-1", DAY, Decimal("900"), "shop", 1), UnknownEntity, r"lines\[0\]\.channel"),
        (("A-1", DAY, Decimal("900"), "direct", 0), InvalidInput, r"lines\[0\]\.quantity"),
        (("A-1", DAY, Decimal("900"), "direct"), WrongType, r"lines\[0\]"),
        ((["A-1"], DAY, Decimal("900"), "direct", 1), WrongType, r"lines\[0\]\.sku"),
    ],
)
def test_PRICE_4_audit_bad_line_names_the_line_and_field(
    row: tuple[object, ...], error: type, field: str
) -> None:
    prices = PriceList(
        [
            PriceVersion("A-1", tiers(), valid_from=datetime.date(2026, 1, 1)),
            PriceVersion("B-2", tiers(), valid_to=datetime.date(2026, 12, 31)),
        ],
        vat_included=True,
    )
    with pytest.raises(error, match=field):
        audit_prices([row], prices, PricePolicy())  # type: ignore[list-item]


def test_PRICE_4_audit_refuses_lines_on_another_vat_basis() -> None:
    with pytest.raises(InvalidInput, match="vat_included"):
        audit_prices(_rows(), _two_versions(), PricePolicy(), vat_included=False)


def test_PRICE_4_audit_refuses_a_bad_start_and_non_iterable_lines() -> None:
    with pytest.raises(InvalidInput, match="start"):
        audit_prices([], _two_versions(), PricePolicy(), start=-1)
    with pytest.raises(WrongType, match="lines"):
        audit_prices("A-1", _two_versions(), PricePolicy())  # type: ignore[arg-type]


def test_PRICE_4_audit_summary_must_hold_one_finding_per_flagged_line() -> None:
    with pytest.raises(InvalidInput, match="findings"):
        PriceAudit(allowed=1, rejected=1)
    with pytest.raises(InvalidInput, match="allowed"):
        PriceAudit(allowed=-1)


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------
CURRENCIES = st.sampled_from(["JPY", "CNY", "KWD"])


@st.composite
def tiers_and_policy(draw: st.DrawFn, *, override: bool = False) -> tuple[PriceTiers, PricePolicy]:
    currency = draw(CURRENCIES)
    unit = minor_unit(currency)
    dealer = draw(st.integers(1, 10**6))
    factory = dealer + draw(st.integers(0, 10**5))
    market = factory + draw(st.integers(0, 10**5))
    t = PriceTiers(
        Money(market * unit, currency),
        Money(factory * unit, currency),
        Money(dealer * unit, currency),
    )
    steps = sorted(draw(st.lists(st.integers(0, 100), min_size=3, max_size=3)))
    top = draw(st.one_of(st.none(), st.just(Decimal(steps[2]) / 100)))
    limits = AuthorityLimits(
        {H_SUPERVISOR: Decimal(steps[0]) / 100, H_MANAGER: Decimal(steps[1]) / 100, H_GM: top}
    )
    policy = PricePolicy(
        discount_authority=limits,
        allow_below_floor_with=draw(st.sampled_from([H_SUPERVISOR, H_GM])) if override else None,
        channel_reference_map={
            "direct": "market_quote",
            "dealer": draw(st.sampled_from(["market_quote", "dealer_floor"])),
        },
    )
    return t, policy


def _price_units(t: PriceTiers) -> st.SearchStrategy[Money]:
    unit = minor_unit(t.currency)
    top = int(t.market_quote.amount / unit) + 10
    return st.integers(1, top).map(lambda n: Money(n * unit, t.currency))


@given(data=st.data(), setup=tiers_and_policy(), channel=st.sampled_from(list(Channel)))
def test_PRICE_4_property_no_price_below_its_channel_floor_is_allowed_or_approvable(
    data: st.DataObject, setup: tuple[PriceTiers, PricePolicy], channel: Channel
) -> None:
    t, policy = setup
    offered = data.draw(_price_units(t))
    decision = check_price(t, offered, channel, policy)
    if offered < t.tier(policy.floor_tier(channel)):
        assert Verdict.REJECTED == decision.verdict
    else:
        assert Verdict.REJECTED != decision.verdict or any(
            r.code == "discount_beyond_authority" for r in decision.reasons
        )


@given(
    data=st.data(), setup=tiers_and_policy(override=True), channel=st.sampled_from(list(Channel))
)
def test_PRICE_4_property_with_an_override_a_price_below_the_floor_is_never_allowed_outright(
    data: st.DataObject, setup: tuple[PriceTiers, PricePolicy], channel: Channel
) -> None:
    t, policy = setup
    offered = data.draw(_price_units(t))
    decision = check_price(t, offered, channel, policy)
    if offered < t.tier(policy.floor_tier(channel)):
        assert Verdict.ALLOWED != decision.verdict
        if decision.needs_approval:
            assert decision.approvers[0].rank >= policy.allow_below_floor_with.rank  # type: ignore[union-attr]


@given(
    data=st.data(),
    setup=tiers_and_policy(override=True),
    channel=st.sampled_from(list(Channel)),
    use_override=st.booleans(),
)
def test_PRICE_5_property_a_larger_discount_never_needs_a_lower_approver(
    data: st.DataObject,
    setup: tuple[PriceTiers, PricePolicy],
    channel: Channel,
    use_override: bool,
) -> None:
    t, policy = setup
    if not use_override:
        policy = PricePolicy(
            discount_authority=policy.discount_authority,
            channel_reference_map=policy.channel_reference_map,
        )
    a, b = data.draw(_price_units(t)), data.draw(_price_units(t))
    high, low = (a, b) if a >= b else (b, a)
    smaller = check_price(t, high, channel, policy)
    larger = check_price(t, low, channel, policy)
    assert larger.verdict.severity >= smaller.verdict.severity
    if smaller.needs_approval and larger.needs_approval:
        assert larger.approvers[0].rank >= smaller.approvers[0].rank


@given(setup=tiers_and_policy(), channel=st.sampled_from(list(Channel)))
def test_PRICE_5_property_discount_exactly_at_each_limit_is_that_roles(
    setup: tuple[PriceTiers, PricePolicy], channel: Channel
) -> None:
    t, policy = setup
    reference = t.tier(policy.reference_tier(channel))
    floor = t.tier(policy.floor_tier(channel))
    for role, limit in policy.discount_authority.limits:
        if limit is None:
            continue
        offered = reference * (1 - limit)
        if offered.amount <= 0 or offered < floor or offered >= reference:
            continue
        decision = check_price(t, offered, channel, policy)
        assert policy.discount_authority.required_role(limit) == decision.approvers[0]
        assert role.rank >= decision.approvers[0].rank


@st.composite
def quotes(draw: st.DrawFn) -> tuple[list[QuoteLine], Money | None]:
    currency = draw(CURRENCIES)
    unit = minor_unit(currency)
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        dealer = draw(st.integers(1, 10**5))
        factory = dealer + draw(st.integers(0, 10**4))
        market = factory + draw(st.integers(0, 10**4))
        t = PriceTiers(
            Money(market * unit, currency),
            Money(factory * unit, currency),
            Money(dealer * unit, currency),
        )
        free = draw(st.integers(0, 9)) == 0
        offered = 0 if free else draw(st.integers(1, market + 10))
        lines.append(
            QuoteLine(
                t,
                Money(offered * unit, currency),
                draw(st.sampled_from(list(Channel))),
                draw(st.integers(1, 50)),
                free=free,
            )
        )
    gross = sum((line.price * line.quantity for line in lines), Money.zero(currency))
    if gross.amount == 0:
        return lines, None
    off = draw(st.integers(0, int(gross.amount / unit)))
    return lines, Money(off * unit, currency)


@given(setup=quotes(), order=st.randoms(use_true_random=False))
def test_PRICE_5_property_quote_verdicts_do_not_depend_on_line_order(
    setup: tuple[list[QuoteLine], Money | None], order: object
) -> None:
    lines, discount = setup
    policy = PricePolicy(discount_authority=HOTEL_LIMITS)
    first = check_quote(lines, policy, document_discount=discount)
    permutation = list(range(len(lines)))
    order.shuffle(permutation)  # type: ignore[attr-defined]
    shuffled = check_quote([lines[i] for i in permutation], policy, document_discount=discount)
    assert (first.verdict, first.approvers) == (shuffled.verdict, shuffled.approvers)
    assert first.average_discount == shuffled.average_discount
    assert first.net_total == shuffled.net_total
    for position, index in enumerate(permutation):
        before, after = first.lines[index], shuffled.lines[position]
        assert (before.verdict, before.approvers, before.reasons) == (
            after.verdict,
            after.approvers,
            after.reasons,
        )


@given(setup=quotes())
def test_PRICE_5_property_displayed_quote_amounts_add_up_exactly(
    setup: tuple[list[QuoteLine], Money | None],
) -> None:
    lines, discount = setup
    decision = check_quote(lines, PricePolicy(), document_discount=discount)
    currency = decision.net_total.currency
    assert decision.document_discount.rounded() == sum(
        decision.line_discounts, Money.zero(currency)
    )
    assert decision.net_total.rounded() == sum(decision.line_net_amounts, Money.zero(currency))
    assert decision.gross_total - decision.document_discount == decision.net_total
    for line, shown in zip(lines, decision.line_discounts, strict=True):
        if line.free:
            assert Money.zero(currency) == shown


@given(setup=quotes())
def test_PRICE_4_property_no_non_free_quote_line_below_its_floor_after_the_discount_passes(
    setup: tuple[list[QuoteLine], Money | None],
) -> None:
    lines, discount = setup
    decision = check_quote(lines, PricePolicy(), document_discount=discount)
    for line, result in zip(lines, decision.lines, strict=True):
        if line.free:
            assert Verdict.NEEDS_APPROVAL == result.verdict
            continue
        # net line amount versus floor x quantity, cross-multiplied (no division).
        kept = decision.net_total.amount
        gross = decision.gross_total.amount
        below = (
            line.price.amount * line.quantity * kept < result.floor.amount * line.quantity * gross
        )
        assert below == result.rejected


@st.composite
def audit_rows(draw: st.DrawFn) -> list[tuple[object, ...]]:
    count = draw(st.integers(0, 40))
    return [
        (
            draw(st.sampled_from(["A-1", "B-2"])),
            draw(st.sampled_from([DAY, datetime.date(2026, 8, 1)])),
            Decimal(draw(st.integers(1, 120_000))) / 100,
            draw(st.sampled_from(list(Channel))),
            draw(st.integers(1, 5)),
        )
        for _ in range(count)
    ]


@given(rows=audit_rows(), cuts=st.lists(st.integers(0, 40), max_size=4))
def test_PRICE_4_property_audit_of_partitions_merged_equals_audit_of_all(
    rows: list[tuple[object, ...]], cuts: list[int]
) -> None:
    prices, policy = _two_versions(), PricePolicy(discount_authority=HOTEL_LIMITS)
    bounds = sorted({0, len(rows), *(min(c, len(rows)) for c in cuts)})
    parts = [
        audit_prices(rows[lo:hi], prices, policy, start=lo) for lo, hi in itertools.pairwise(bounds)
    ]
    merged = sum(reversed(parts), PriceAudit())
    assert audit_prices(rows, prices, policy) == merged


@given(rows=audit_rows())
def test_PRICE_4_property_audit_verdicts_equal_check_price(rows: list[tuple[object, ...]]) -> None:
    prices, policy = _two_versions(), PricePolicy(discount_authority=HOTEL_LIMITS)
    audit = audit_prices(rows, prices, policy)
    flagged = {f.index: f.decision.verdict for f in audit.findings}
    for index, (sku, on, amount, channel, _) in enumerate(rows):
        expected = check_price(
            prices.lookup(sku, on),  # type: ignore[arg-type]
            Money(amount),  # type: ignore[arg-type]
            channel,  # type: ignore[arg-type]
            policy,
        ).verdict
        assert expected == flagged.get(index, Verdict.ALLOWED)


# --------------------------------------------------------------------------------------
# Reason codes
# --------------------------------------------------------------------------------------
def test_every_reason_produced_is_declared_in_REASON_CODES() -> None:
    # Make sure the collection is not empty even when this test runs alone.
    price(tiers(), "700", Channel.DEALER, PricePolicy())
    assert SEEN
    assert {r.code for r in SEEN} <= REASON_CODES
    assert all(r.rule.startswith("PRICE-") for r in SEEN)


def test_every_declared_reason_code_can_be_produced() -> None:
    t = tiers("100", "80", "70")
    policy = PricePolicy(discount_authority=HOTEL_LIMITS, min_spread=Spread.amount("5"))
    override = PricePolicy(allow_below_floor_with=GENERAL_MANAGER)
    produced = [
        check_tiers(t, policy),
        check_tiers(tiers("100", "80", "90"), policy),
        check_tiers(tiers("100", "80", "80"), PricePolicy(strict_order=True)),
        check_tiers(tiers("100", "98", "70"), policy),
        check_price(t, Money("100"), Channel.DIRECT, policy),
        check_price(t, Money("95"), Channel.DIRECT, policy),
        check_price(t, Money("74"), Channel.DEALER, policy),
        check_price(t, Money("60"), Channel.DEALER, PricePolicy()),
        check_price(t, Money("60"), Channel.DEALER, override),
        check_quote(
            [
                QuoteLine(t, Money("0"), Channel.DIRECT, free=True),
                QuoteLine(t, Money("60"), Channel.DIRECT),
            ],
            policy,
        ),
    ]
    codes: set[str] = set()
    for decision in produced:
        seen(decision)
        codes.update(r.code for r in decision.reasons)
        if isinstance(decision, QuoteDecision):
            for line in decision.lines:
                codes.update(r.code for r in line.reasons)
    assert REASON_CODES == codes


def test_price_decision_is_a_decision() -> None:
    assert issubclass(PriceDecision, Decision)
    assert issubclass(QuoteDecision, Decision)


# ------------------------------------------------- mutation hardening (issue 11)
# Every refusal names its field and its value in words a user can act on: the messages
# are asserted whole, so a changed field name, value or wording fails here.


def _line(amount: str = "1000", **kw: object) -> QuoteLine:
    return QuoteLine(tiers(), Money(amount), Channel.DIRECT, **kw)


def _net_tiers() -> PriceTiers:
    return PriceTiers(Money("100"), Money("80"), Money("70"), vat_included=False)


def _one_version() -> PriceList:
    return PriceList([PriceVersion("A-1", tiers())], vat_included=True)


def _audit(*rows: object, **kw: object) -> PriceAudit:
    return audit_prices(list(rows), _one_version(), PricePolicy(), **kw)


BAD_PRICING_INPUTS = [
    pytest.param(
        lambda: PricePolicy(tier_order="C"),
        UnknownEntity,
        "tier_order: not a known TierOrder (known: 'A', 'B'), got 'C'",
        id="enum_unknown_tier_order",
    ),
    pytest.param(
        lambda: PricePolicy(tier_order=1),
        WrongType,
        "tier_order: expected a TierOrder, got int 1",
        id="enum_tier_order_wrong_type",
    ),
    pytest.param(
        lambda: check_price(tiers(), Money("900"), "wholesale", PricePolicy()),
        UnknownEntity,
        "channel: not a known Channel (known: 'direct', 'dealer'), got 'wholesale'",
        id="channel_unknown",
    ),
    pytest.param(
        lambda: check_price(tiers(), Money("900"), 1, PricePolicy()),
        WrongType,
        "channel: expected a Channel, got int 1",
        id="channel_wrong_type",
    ),
    pytest.param(
        lambda: PricePolicy(strict_order=1),
        WrongType,
        "strict_order: expected a bool, got int 1",
        id="strict_order_not_bool",
    ),
    pytest.param(
        lambda: PriceTiers(Decimal("1000"), Money("800"), Money("700")),
        WrongType,
        "market_quote: expected Money, got Decimal Decimal('1000')",
        id="tier_not_money",
    ),
    pytest.param(
        lambda: PriceTiers(Money("1000"), Money("800"), Money("0")),
        InvalidInput,
        "dealer_floor: a price tier must be positive, got Money('0', 'CNY')",
        id="tier_zero",
    ),
    pytest.param(
        lambda: PriceTiers(Money("-1"), Money("800"), Money("700")),
        InvalidInput,
        "market_quote: a price tier must be positive, got Money('-1', 'CNY')",
        id="tier_negative",
    ),
    pytest.param(
        lambda: PriceTiers(Money("1000"), Money("800"), Money("700"), vat_included="yes"),
        WrongType,
        "vat_included: expected True, False or None, got str 'yes'",
        id="tier_vat_not_bool",
    ),
    pytest.param(
        lambda: PriceTiers(Money("1000"), Money("800", "USD"), Money("700")),
        CurrencyMismatch,
        "factory_floor: all tiers must be in one currency, market_quote is CNY, got Money('800', 'USD')",
        id="tier_factory_other_currency",
    ),
    pytest.param(
        lambda: PriceTiers(Money("1000"), Money("800"), Money("700", "USD")),
        CurrencyMismatch,
        "dealer_floor: all tiers must be in one currency, market_quote is CNY, got Money('700', 'USD')",
        id="tier_dealer_other_currency",
    ),
    pytest.param(
        lambda: tiers().tier("retail"),
        UnknownEntity,
        "tier: not a known Tier (known: 'market_quote', 'factory_floor', 'dealer_floor'), got 'retail'",
        id="tier_unknown",
    ),
    pytest.param(
        lambda: tiers().tier(3),
        WrongType,
        "tier: expected a Tier, got int 3",
        id="tier_wrong_type",
    ),
    pytest.param(
        lambda: tiers().with_vat(Decimal("0.13")),
        InvalidInput,
        "vat_included: only net tiers (vat_included=False) can have VAT added, got None",
        id="with_vat_unstated_basis",
    ),
    pytest.param(
        lambda: _net_tiers().with_vat(Decimal("0.13")).with_vat(Decimal("0.13")),
        InvalidInput,
        "vat_included: only net tiers (vat_included=False) can have VAT added, got True",
        id="with_vat_gross",
    ),
    pytest.param(
        lambda: _net_tiers().with_vat(0.13),
        FloatNotAllowed,
        "vat_rate: expected a Decimal, int or str (floats are inexact: write Decimal('0.13') or '0.13'), got float 0.13",
        id="with_vat_float",
    ),
    pytest.param(
        lambda: _net_tiers().with_vat(Decimal("1.5")),
        InvalidInput,
        "vat_rate: expected a rate (a fraction) between 0 and 1, got Decimal('1.5')",
        id="with_vat_above_one",
    ),
    pytest.param(
        lambda: _net_tiers().with_vat("-0.1"),
        InvalidInput,
        "vat_rate: expected a rate (a fraction) between 0 and 1, got '-0.1'",
        id="with_vat_negative",
    ),
    pytest.param(
        lambda: PriceVersion("", tiers()),
        InvalidInput,
        "sku: must not be empty, got ''",
        id="version_sku_empty",
    ),
    pytest.param(
        lambda: PriceVersion("A-1", (1000, 800, 700)),
        WrongType,
        "tiers: expected PriceTiers, got tuple (1000, 800, 700)",
        id="version_tiers_wrong_type",
    ),
    pytest.param(
        lambda: PriceVersion("A-1", tiers(), valid_from="2026-01-01"),
        WrongType,
        "valid_from: expected a datetime.date, got str '2026-01-01'",
        id="version_valid_from_not_date",
    ),
    pytest.param(
        lambda: PriceVersion("A-1", tiers(), valid_to=datetime.datetime(2026, 1, 1, 9, 0)),
        WrongType,
        "valid_to: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 1, 1, 9, 0)",
        id="version_valid_to_datetime",
    ),
    pytest.param(
        lambda: PriceVersion(
            "A-1",
            tiers(),
            valid_from=datetime.date(2026, 2, 1),
            valid_to=datetime.date(2026, 1, 31),
        ),
        InvalidInput,
        "valid_to: must not be before valid_from 2026-02-01, got datetime.date(2026, 1, 31)",
        id="version_ends_before_start",
    ),
    pytest.param(
        lambda: PriceList("A-1", vat_included=True),
        WrongType,
        "versions: expected a sequence of PriceVersion, got str 'A-1'",
        id="list_versions_string",
    ),
    pytest.param(
        lambda: PriceList(5, vat_included=True),
        WrongType,
        "versions: expected a sequence of PriceVersion, got int 5",
        id="list_versions_not_iterable",
    ),
    pytest.param(
        lambda: PriceList([PriceVersion("A-1", tiers()), tiers()], vat_included=True),
        WrongType,
        "versions[1]: expected a PriceVersion, got PriceTiers PriceTiers(market_quote=Money('1000', 'CNY'), factory_floor=Money('800', 'CNY...",
        id="list_version_wrong_type",
    ),
    pytest.param(
        lambda: PriceList([PriceVersion("A-1", tiers())], vat_included=None),
        WrongType,
        "vat_included: expected a bool, got NoneType None",
        id="list_vat_not_bool",
    ),
    pytest.param(
        lambda: PriceList([], vat_included=True),
        InvalidInput,
        "versions: a price list needs at least one version, got ()",
        id="list_empty",
    ),
    pytest.param(
        lambda: PriceList(
            [PriceVersion("A-1", tiers()), PriceVersion("B-2", tiers(currency="USD"))],
            vat_included=True,
        ),
        CurrencyMismatch,
        "versions[1].tiers: a price list has one currency, the first version is in CNY, got 'USD'",
        id="list_two_currencies",
    ),
    pytest.param(
        lambda: PriceList(
            [PriceVersion("A-1", tiers()), PriceVersion("B-2", _net_tiers())], vat_included=True
        ),
        InvalidInput,
        "versions[1].tiers.vat_included: the price list's basis is vat_included=True, got False",
        id="list_version_other_basis",
    ),
    pytest.param(
        lambda: PriceList(
            [
                PriceVersion(
                    "A-1",
                    tiers(),
                    valid_from=datetime.date(2026, 1, 1),
                    valid_to=datetime.date(2026, 6, 30),
                ),
                PriceVersion("A-1", tiers(), valid_from=datetime.date(2026, 6, 30)),
            ],
            vat_included=True,
        ),
        InvalidInput,
        "versions[1].valid_from: SKU 'A-1' has overlapping versions (2026-01-01..2026-06-30 and 2026-06-30..None), got datetime.date(2026, 6, 30)",
        id="list_overlap",
    ),
    pytest.param(
        lambda: _two_versions().lookup("C-3", DAY),
        UnknownEntity,
        "sku: not in the price list, got 'C-3'",
        id="lookup_unknown_sku",
    ),
    pytest.param(
        lambda: _two_versions().lookup(7, DAY),
        WrongType,
        "sku: expected a SKU str, got int 7",
        id="lookup_sku_wrong_type",
    ),
    pytest.param(
        lambda: _two_versions().lookup("A-1", "2026-03-02"),
        WrongType,
        "on: expected a datetime.date, got str '2026-03-02'",
        id="lookup_on_not_date",
    ),
    pytest.param(
        lambda: _two_versions().lookup("B-2", datetime.date(2025, 12, 31)),
        UnknownEntity,
        "on: no version of SKU 'B-2' is valid on that date (versions: 2026-01-01..2026-12-31), got datetime.date(2025, 12, 31)",
        id="lookup_no_version_on_day",
    ),
    pytest.param(
        lambda: PriceList(
            [
                PriceVersion(
                    "A-1",
                    tiers(),
                    valid_from=datetime.date(2026, 1, 1),
                    valid_to=datetime.date(2026, 1, 31),
                ),
                PriceVersion("A-1", tiers(), valid_from=datetime.date(2026, 3, 1)),
            ],
            vat_included=True,
        ).lookup("A-1", datetime.date(2026, 2, 1)),
        UnknownEntity,
        "on: no version of SKU 'A-1' is valid on that date (versions: 2026-01-01..2026-01-31, 2026-03-01..open), got datetime.date(2026, 2, 1)",
        id="lookup_two_versions_named",
    ),
    pytest.param(
        lambda: Spread(0.5),
        FloatNotAllowed,
        "value: expected a Decimal, int or str (floats are inexact: write Decimal('0.5') or '0.5'), got float 0.5",
        id="spread_value_float",
    ),
    pytest.param(
        lambda: Spread("5", "percent"),
        UnknownEntity,
        "kind: not a known SpreadKind (known: 'amount', 'rate'), got 'percent'",
        id="spread_kind_unknown",
    ),
    pytest.param(
        lambda: Spread.amount("-1"),
        InvalidInput,
        "value: a spread must not be negative, got Decimal('-1')",
        id="spread_negative",
    ),
    pytest.param(
        lambda: Spread.rate("1"),
        InvalidInput,
        "value: a spread rate must be at least 0 and below 1, got Decimal('1')",
        id="spread_rate_one",
    ),
    pytest.param(
        lambda: PricePolicy(min_spread=(Spread.amount("1"), "2")),
        WrongType,
        "min_spread[1]: expected a Spread, got str '2'",
        id="spreads_pair_not_spread",
    ),
    pytest.param(
        lambda: PricePolicy(min_spread=("1", Spread.amount("2"))),
        WrongType,
        "min_spread[0]: expected a Spread, got str '1'",
        id="spreads_pair_first_not_spread",
    ),
    pytest.param(
        lambda: PricePolicy(min_spread="10"),
        WrongType,
        "min_spread: expected a Spread or a pair (upper pair, lower pair) of Spread, got str '10'",
        id="spreads_wrong_type",
    ),
    pytest.param(
        lambda: PricePolicy(min_spread=(NO_SPREAD, NO_SPREAD, NO_SPREAD)),
        WrongType,
        "min_spread: expected a Spread or a pair (upper pair, lower pair) of Spread, got tuple (Spread(value=Decimal('0'), kind=<SpreadKind.AMOUNT: 'amount'>), Spread(value...",
        id="spreads_triple",
    ),
    pytest.param(
        lambda: PricePolicy(channel_floor_map="direct:factory_floor"),
        WrongType,
        "channel_floor_map: expected a mapping of Channel to Tier, got str 'direct:factory_floor'",
        id="floor_map_wrong_type",
    ),
    pytest.param(
        lambda: PricePolicy(channel_floor_map=[("direct",)]),
        WrongType,
        "channel_floor_map: expected a (Channel, Tier) pair, got tuple ('direct',)",
        id="floor_map_item_not_pair",
    ),
    pytest.param(
        lambda: PricePolicy(channel_floor_map={"retail": Tier.DEALER_FLOOR}),
        UnknownEntity,
        "channel_floor_map key: not a known Channel (known: 'direct', 'dealer'), got 'retail'",
        id="floor_map_unknown_channel",
    ),
    pytest.param(
        lambda: PricePolicy(
            channel_floor_map={Channel.DIRECT: "floor", Channel.DEALER: Tier.DEALER_FLOOR}
        ),
        UnknownEntity,
        "channel_floor_map[direct]: not a known Tier (known: 'market_quote', 'factory_floor', 'dealer_floor'), got 'floor'",
        id="floor_map_unknown_tier",
    ),
    pytest.param(
        lambda: PricePolicy(
            channel_floor_map=[(Channel.DIRECT, Tier.FACTORY_FLOOR), ("direct", Tier.DEALER_FLOOR)]
        ),
        PolicyError,
        "channel_floor_map: channel 'direct' is mapped twice, got 'direct'",
        id="floor_map_channel_twice",
    ),
    pytest.param(
        lambda: PricePolicy(channel_floor_map={Channel.DIRECT: Tier.FACTORY_FLOOR}),
        PolicyError,
        "channel_floor_map: every channel needs a tier (missing: ['dealer']), got {<Channel.DIRECT: 'direct'>: <Tier.FACTORY_FLOOR: 'factory_floor'>}",
        id="floor_map_missing_channel",
    ),
    pytest.param(
        lambda: PricePolicy(channel_reference_map={Channel.DEALER: Tier.MARKET_QUOTE}),
        PolicyError,
        "channel_reference_map: every channel needs a tier (missing: ['direct']), got {<Channel.DEALER: 'dealer'>: <Tier.MARKET_QUOTE: 'market_quote'>}",
        id="reference_map_missing_channel",
    ),
    pytest.param(
        lambda: PricePolicy(
            channel_floor_map={
                Channel.DIRECT: Tier.DEALER_FLOOR,
                Channel.DEALER: Tier.FACTORY_FLOOR,
            }
        ),
        PolicyError,
        "channel_floor_map: the DIRECT floor (dealer_floor) sits below the DEALER floor (factory_floor) under reading A: direct sales would undercut dealers",
        id="floor_map_direct_below_dealer",
    ),
    pytest.param(
        lambda: PricePolicy(
            tier_order="B",
            channel_floor_map={
                Channel.DIRECT: Tier.FACTORY_FLOOR,
                Channel.DEALER: Tier.DEALER_FLOOR,
            },
        ),
        PolicyError,
        "channel_floor_map: the DIRECT floor (factory_floor) sits below the DEALER floor (dealer_floor) under reading B: direct sales would undercut dealers",
        id="floor_map_direct_below_dealer_reading_b",
    ),
    pytest.param(
        lambda: PricePolicy(
            channel_reference_map={
                Channel.DIRECT: Tier.DEALER_FLOOR,
                Channel.DEALER: Tier.MARKET_QUOTE,
            }
        ),
        PolicyError,
        "channel_reference_map[direct]: the reference dealer_floor sits below the floor factory_floor under reading A",
        id="reference_below_floor",
    ),
    pytest.param(
        lambda: PricePolicy(discount_authority=AuthorityLimits({MANAGER: Decimal("1.5")})),
        PolicyError,
        "discount_authority.limits[sales_manager]: a discount rate limit must be at most 1, got 1.5",
        id="discount_limit_above_one",
    ),
    pytest.param(
        lambda: PricePolicy(discount_authority={MANAGER: None}),
        WrongType,
        "discount_authority: expected AuthorityLimits over the discount rate, got dict {Role(code='sales_manager', rank=2, name_zh='销售部经理', name_en='sales manager',...",
        id="authority_wrong_type",
    ),
    pytest.param(
        lambda: PricePolicy(allow_below_floor_with="general_manager"),
        WrongType,
        "allow_below_floor_with: expected a Role or None, got str 'general_manager'",
        id="below_floor_role_wrong_type",
    ),
    pytest.param(
        lambda: PricePolicy(free_goods_approver="sales_manager"),
        WrongType,
        "free_goods_approver: expected a Role, got str 'sales_manager'",
        id="free_goods_role_wrong_type",
    ),
    pytest.param(
        lambda: PricePolicy(free_goods_approver=None),
        WrongType,
        "free_goods_approver: expected a Role, got NoneType None",
        id="free_goods_role_none",
    ),
    pytest.param(
        lambda: PricePolicy(allow_below_floor_with=PRINCIPAL_SIGNATORY),
        PolicyError,
        "allow_below_floor_with: an outside signatory (principal_signatory) cannot approve prices",
        id="below_floor_role_outside",
    ),
    pytest.param(
        lambda: PricePolicy(free_goods_approver=H_SUPERVISOR),
        PolicyError,
        "free_goods_approver: sales_supervisor has the rank 2 of sales_manager: the policy's roles must come from one ladder",
        id="free_goods_role_other_ladder",
    ),
    pytest.param(
        lambda: PricePolicy(rounding_rule="ROUND_NEAREST"),
        InvalidInput,
        "rounding_rule: expected one of decimal's ROUND_* modes, got 'ROUND_NEAREST'",
        id="rounding_unknown",
    ),
    pytest.param(
        lambda: PricePolicy(rounding_rule=4),
        WrongType,
        "rounding_rule: expected one of decimal's ROUND_* mode strings, got int 4",
        id="rounding_wrong_type",
    ),
    pytest.param(
        lambda: PricePolicy().floor_tier("retail"),
        UnknownEntity,
        "channel: not a known Channel (known: 'direct', 'dealer'), got 'retail'",
        id="floor_tier_unknown_channel",
    ),
    pytest.param(
        lambda: PricePolicy().reference_tier(None),
        WrongType,
        "channel: expected a Channel, got NoneType None",
        id="reference_tier_wrong_type",
    ),
    pytest.param(
        lambda: check_tiers("1000/800/700", PricePolicy()),
        WrongType,
        "tiers: expected PriceTiers, got str '1000/800/700'",
        id="check_tiers_not_tiers",
    ),
    pytest.param(
        lambda: check_tiers(tiers(), {}),
        WrongType,
        "policy: expected a PricePolicy, got dict {}",
        id="check_tiers_policy_wrong_type",
    ),
    pytest.param(
        lambda: PriceDecision(
            Verdict.ALLOWED,
            price=Money("1"),
            net_price=Money("1"),
            floor=Money("1"),
            reference=Money("1"),
            discount_rate=Rate("0"),
            channel=Channel.DIRECT,
            quantity=1,
            pack_size=Decimal("1"),
        ),
        WrongType,
        "quantity: expected a Decimal, got int 1",
        id="price_decision_quantity_not_decimal",
    ),
    pytest.param(
        lambda: check_price(None, Money("900"), Channel.DIRECT, PricePolicy()),
        WrongType,
        "tiers: expected PriceTiers, got NoneType None",
        id="check_price_tiers_wrong_type",
    ),
    pytest.param(
        lambda: check_price(tiers(), Money("900"), Channel.DIRECT, None),
        WrongType,
        "policy: expected a PricePolicy, got NoneType None",
        id="check_price_policy_wrong_type",
    ),
    pytest.param(
        lambda: check_price(tiers(), Decimal("900"), Channel.DIRECT, PricePolicy()),
        WrongType,
        "price: expected Money, got Decimal Decimal('900')",
        id="check_price_price_not_money",
    ),
    pytest.param(
        lambda: check_price(tiers(), Money("900", "USD"), Channel.DIRECT, PricePolicy()),
        CurrencyMismatch,
        "price: cannot compare USD with the tiers' CNY, got Money('900', 'USD')",
        id="check_price_price_other_currency",
    ),
    pytest.param(
        lambda: check_price(tiers(), Money("0"), Channel.DIRECT, PricePolicy()),
        InvalidInput,
        "price: must be positive (only a free quote line may be 0), got Money('0', 'CNY')",
        id="check_price_price_zero",
    ),
    pytest.param(
        lambda: check_price(tiers(), Money("900"), Channel.DIRECT, PricePolicy(), quantity=0),
        InvalidInput,
        "quantity: must be positive (a return is a credit note, not a quote line), got 0",
        id="check_price_quantity_zero",
    ),
    pytest.param(
        lambda: check_price(
            tiers(), Money("900"), Channel.DIRECT, PricePolicy(), quantity=Decimal("-2")
        ),
        InvalidInput,
        "quantity: must be positive (a return is a credit note, not a quote line), got Decimal('-2')",
        id="check_price_quantity_negative_decimal",
    ),
    pytest.param(
        lambda: check_price(tiers(), Money("900"), Channel.DIRECT, PricePolicy(), quantity=2.0),
        FloatNotAllowed,
        "quantity: expected a Decimal, int or str (floats are inexact: write Decimal('2.0') or '2.0'), got float 2.0",
        id="check_price_quantity_float",
    ),
    pytest.param(
        lambda: check_price(tiers(), Money("900"), Channel.DIRECT, PricePolicy(), pack_size=0),
        InvalidInput,
        "pack_size: must be positive, got 0",
        id="check_price_pack_zero",
    ),
    pytest.param(
        lambda: check_price(
            tiers(), Money("900"), Channel.DIRECT, PricePolicy(), vat_included="no"
        ),
        WrongType,
        "vat_included: expected True, False or None, got str 'no'",
        id="check_price_vat_not_bool",
    ),
    pytest.param(
        lambda: check_price(
            _two_versions().lookup("A-1", DAY),
            Money("900"),
            Channel.DIRECT,
            PricePolicy(),
            vat_included=False,
        ),
        InvalidInput,
        "vat_included: the price's VAT basis differs from the tiers', which are gross (VAT included); convert one side first (PriceTiers.with_vat), got False",
        id="check_price_net_price_gross_tiers",
    ),
    pytest.param(
        lambda: check_price(
            _net_tiers(), Money("90"), Channel.DIRECT, PricePolicy(), vat_included=True
        ),
        InvalidInput,
        "vat_included: the price's VAT basis differs from the tiers', which are net (VAT excluded); convert one side first (PriceTiers.with_vat), got True",
        id="check_price_gross_price_net_tiers",
    ),
    pytest.param(
        lambda: QuoteLine("tiers", Money("1"), Channel.DIRECT),
        WrongType,
        "tiers: expected PriceTiers, got str 'tiers'",
        id="line_tiers_wrong_type",
    ),
    pytest.param(
        lambda: QuoteLine(tiers(), Money("900"), "retail"),
        UnknownEntity,
        "channel: not a known Channel (known: 'direct', 'dealer'), got 'retail'",
        id="line_channel_unknown",
    ),
    pytest.param(
        lambda: QuoteLine(tiers(), Money("900"), Channel.DIRECT, 0),
        InvalidInput,
        "quantity: must be positive (a return is a credit note, not a quote line), got 0",
        id="line_quantity_zero",
    ),
    pytest.param(
        lambda: _line(quantity=-1),
        InvalidInput,
        "quantity: must be positive (a return is a credit note, not a quote line), got -1",
        id="line_quantity_negative",
    ),
    pytest.param(
        lambda: _line(free=1),
        WrongType,
        "free: expected a bool, got int 1",
        id="line_free_not_bool",
    ),
    pytest.param(
        lambda: _line(pack_size=-12),
        InvalidInput,
        "pack_size: must be positive, got -12",
        id="line_pack_negative",
    ),
    pytest.param(
        lambda: _line(price_source="web"),
        UnknownEntity,
        "price_source: not a known PriceSource (known: 'price_table', 'supplier'), got 'web'",
        id="line_price_source_unknown",
    ),
    pytest.param(
        lambda: _line(source_ref=""),
        InvalidInput,
        "source_ref: must not be empty, got ''",
        id="line_source_ref_empty",
    ),
    pytest.param(
        lambda: QuoteLine(tiers(), "900", Channel.DIRECT),
        WrongType,
        "price: expected Money, got str '900'",
        id="line_price_not_money",
    ),
    pytest.param(
        lambda: QuoteLine(tiers(), Money("900", "USD"), Channel.DIRECT),
        CurrencyMismatch,
        "price: cannot compare USD with the tiers' CNY, got Money('900', 'USD')",
        id="line_price_other_currency",
    ),
    pytest.param(
        lambda: _line("5", free=True),
        InvalidInput,
        "price: a free line has the price 0, got Money('5', 'CNY')",
        id="line_free_with_price",
    ),
    pytest.param(
        lambda: _line("0"),
        InvalidInput,
        "price: must be positive (a price of 0 needs free=True), got Money('0', 'CNY')",
        id="line_zero_without_free",
    ),
    pytest.param(
        lambda: _line("-5"),
        InvalidInput,
        "price: must be positive (a price of 0 needs free=True), got Money('-5', 'CNY')",
        id="line_negative_price",
    ),
    pytest.param(
        lambda: QuoteLine(_net_tiers(), Money("90"), Channel.DIRECT, vat_included=True),
        InvalidInput,
        "vat_included: the price's VAT basis differs from the tiers', which are net (VAT excluded); convert one side first (PriceTiers.with_vat), got True",
        id="line_vat_mismatch",
    ),
    pytest.param(
        lambda: _line(price_source=PriceSource.SUPPLIER),
        InvalidInput,
        "source_ref: a supplier price needs the supplier quotation id (PRICE-6), got None",
        id="line_supplier_without_ref",
    ),
    pytest.param(
        lambda: check_quote("lines", PricePolicy()),
        WrongType,
        "lines: expected a sequence of QuoteLine, got str 'lines'",
        id="quote_lines_string",
    ),
    pytest.param(
        lambda: check_quote(3, PricePolicy()),
        WrongType,
        "lines: expected a sequence of QuoteLine, got int 3",
        id="quote_lines_not_iterable",
    ),
    pytest.param(
        lambda: check_quote([], PricePolicy()),
        InvalidInput,
        "lines: a quote needs at least one line, got ()",
        id="quote_no_lines",
    ),
    pytest.param(
        lambda: check_quote([_line(), ("A-1", 1000)], PricePolicy()),
        WrongType,
        "lines[1]: expected a QuoteLine (a return is a credit note), got tuple ('A-1', 1000)",
        id="quote_line_not_line",
    ),
    pytest.param(
        lambda: check_quote(
            [_line(), QuoteLine(tiers(currency="USD"), Money("1000", "USD"), Channel.DIRECT)],
            PricePolicy(),
        ),
        CurrencyMismatch,
        "lines[1].price: a quote has one currency, the first line is in CNY, got Money('1000', 'USD')",
        id="quote_two_currencies",
    ),
    pytest.param(
        lambda: check_quote([_line()], "policy"),
        WrongType,
        "policy: expected a PricePolicy, got str 'policy'",
        id="quote_policy_wrong_type",
    ),
    pytest.param(
        lambda: check_quote([_line()], PricePolicy(), document_discount=Rate("1.5")),
        InvalidInput,
        "document_discount: a rate must be between 0 and 1, got Rate('1.5')",
        id="quote_discount_rate_above_one",
    ),
    pytest.param(
        lambda: check_quote([_line()], PricePolicy(), document_discount=Rate("-0.1")),
        InvalidInput,
        "document_discount: a rate must be between 0 and 1, got Rate('-0.1')",
        id="quote_discount_rate_negative",
    ),
    pytest.param(
        lambda: check_quote([_line()], PricePolicy(), document_discount=Decimal("10")),
        WrongType,
        "document_discount: expected Money (an amount off) or a Rate, or None, got Decimal Decimal('10')",
        id="quote_discount_wrong_type",
    ),
    pytest.param(
        lambda: check_quote([_line()], PricePolicy(), document_discount=Money("10", "USD")),
        CurrencyMismatch,
        "document_discount: the quote's lines are in CNY, got Money('10', 'USD')",
        id="quote_discount_other_currency",
    ),
    pytest.param(
        lambda: check_quote([_line()], PricePolicy(), document_discount=Money("-10")),
        InvalidInput,
        "document_discount: must not be negative, got Money('-10', 'CNY')",
        id="quote_discount_negative",
    ),
    pytest.param(
        lambda: check_quote([_line(quantity=2)], PricePolicy(), document_discount=Money("2000.01")),
        InvalidInput,
        "document_discount: exceeds the quote's gross total 2000 CNY, got Money('2000.01', 'CNY')",
        id="quote_discount_above_gross",
    ),
    pytest.param(
        lambda: PriceAudit(allowed=-1),
        InvalidInput,
        "allowed: a count must be a non-negative int, got -1",
        id="audit_count_negative",
    ),
    pytest.param(
        lambda: PriceAudit(rejected="1"),
        InvalidInput,
        "rejected: a count must be a non-negative int, got '1'",
        id="audit_count_not_int",
    ),
    pytest.param(
        lambda: PriceAudit(findings="x"),
        WrongType,
        "findings: expected a sequence of AuditFinding, got str 'x'",
        id="audit_findings_string",
    ),
    pytest.param(
        lambda: PriceAudit(rejected=1, findings=["x"]),
        WrongType,
        "findings[0]: expected an AuditFinding, got str 'x'",
        id="audit_finding_wrong_type",
    ),
    pytest.param(
        lambda: PriceAudit(allowed=2, needs_approval=1, rejected=0),
        InvalidInput,
        "findings: expected one finding per line needing approval or rejected (1), got 0",
        id="audit_findings_count",
    ),
    pytest.param(
        lambda: PriceAudit().merge(PriceAudit(), 3),
        WrongType,
        "others[1]: expected a PriceAudit, got int 3",
        id="audit_merge_not_audit",
    ),
    pytest.param(
        lambda: audit_prices([], "prices", PricePolicy()),
        WrongType,
        "price_list: expected a PriceList, got str 'prices'",
        id="audit_price_list_wrong_type",
    ),
    pytest.param(
        lambda: audit_prices([], _one_version(), None),
        WrongType,
        "policy: expected a PricePolicy, got NoneType None",
        id="audit_policy_wrong_type",
    ),
    pytest.param(
        lambda: _audit(start=-1),
        InvalidInput,
        "start: must be a non-negative int, got -1",
        id="audit_start_negative",
    ),
    pytest.param(
        lambda: _audit(start="0"),
        InvalidInput,
        "start: must be a non-negative int, got '0'",
        id="audit_start_not_int",
    ),
    pytest.param(
        lambda: _audit(vat_included=False),
        InvalidInput,
        "vat_included: the price's VAT basis differs from the tiers', which are gross (VAT included); convert one side first (PriceTiers.with_vat), got False",
        id="audit_vat_mismatch",
    ),
    pytest.param(
        lambda: _audit(vat_included="yes"),
        WrongType,
        "vat_included: expected True, False or None, got str 'yes'",
        id="audit_vat_not_bool",
    ),
    pytest.param(
        lambda: audit_prices("A-1", _one_version(), PricePolicy()),
        WrongType,
        "lines: expected an iterable of (sku, on, price, channel, quantity) rows, got str 'A-1'",
        id="audit_lines_string",
    ),
    pytest.param(
        lambda: audit_prices(None, _one_version(), PricePolicy()),
        WrongType,
        "lines: expected an iterable of (sku, on, price, channel, quantity) rows, got NoneType None",
        id="audit_lines_not_iterable",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Decimal("900"), Channel.DIRECT)),
        WrongType,
        "lines[0]: expected a (sku, on, price, channel, quantity) row, got tuple ('A-1', datetime.date(2026, 3, 2), Decimal('900'), <Channel.DIRECT: 'direct'>)",
        id="audit_row_short",
    ),
    pytest.param(
        lambda: _audit(5),
        WrongType,
        "lines[0]: expected a (sku, on, price, channel, quantity) row, got int 5",
        id="audit_row_not_tuple",
    ),
    pytest.param(
        lambda: _audit(
            ("A-1", DAY, Decimal("900"), Channel.DIRECT, 1),
            ("B-2", DAY, Decimal("900"), Channel.DIRECT, 1),
        ),
        UnknownEntity,
        "lines[1].sku: not in the price list, got 'B-2'",
        id="audit_row_unknown_sku",
    ),
    pytest.param(
        lambda: _audit((["A-1"], DAY, Decimal("900"), Channel.DIRECT, 1)),
        WrongType,
        "lines[0].sku: expected a SKU str, got list ['A-1']",
        id="audit_row_sku_unhashable",
    ),
    pytest.param(
        lambda: _audit(
            ("A-1", datetime.datetime(2026, 3, 2, 9, 0), Decimal("900"), Channel.DIRECT, 1)
        ),
        WrongType,
        "lines[0].on: expected a datetime.date (not a datetime: pass .date()), got datetime datetime.datetime(2026, 3, 2, 9, 0)",
        id="audit_row_on_datetime",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Decimal("900"), "retail", 1)),
        UnknownEntity,
        "lines[0].channel: not a known Channel (known: 'direct', 'dealer'), got 'retail'",
        id="audit_row_channel_unknown",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, 900.0, Channel.DIRECT, 1)),
        FloatNotAllowed,
        "lines[0].price: expected a Decimal, int or str (floats are inexact: write Decimal('900.0') or '900.0'), got float 900.0",
        id="audit_row_price_float",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Decimal("NaN"), Channel.DIRECT, 1)),
        InvalidInput,
        "lines[0].price: must be a finite number (not NaN or infinity), got Decimal('NaN')",
        id="audit_row_price_nan",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Money("900", "USD"), Channel.DIRECT, 1)),
        CurrencyMismatch,
        "lines[0].price: the price list is in CNY, got Money('900', 'USD')",
        id="audit_row_price_other_currency",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Decimal("0"), Channel.DIRECT, 1)),
        InvalidInput,
        "lines[0].price: must be positive, got Decimal('0')",
        id="audit_row_price_zero",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Decimal("900"), Channel.DIRECT, 0)),
        InvalidInput,
        "lines[0].quantity: must be positive (a return is a credit note, not a quote line), got 0",
        id="audit_row_quantity_zero",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Decimal("900"), Channel.DIRECT, True)),
        WrongType,
        "lines[0].quantity: expected a Decimal, int or str (not a bool), got bool True",
        id="audit_row_quantity_bool",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Decimal("1E-40"), Channel.DIRECT, 1)),
        InvalidInput,
        "lines[0].price: has more than 12 fractional digits, got Decimal('1E-40')",
        id="audit_row_price_too_precise",
    ),
    pytest.param(
        lambda: PriceList(
            [
                PriceVersion("A-1", tiers(), valid_from=datetime.date(2026, 7, 1)),
                PriceVersion("A-1", tiers(), valid_to=datetime.date(2026, 7, 1)),
            ],
            vat_included=True,
        ),
        InvalidInput,
        "versions[1].valid_from: SKU 'A-1' has overlapping versions (2026-07-01..None and None..2026-07-01), got None",
        id="list_overlap_on_one_day",
    ),
    pytest.param(
        lambda: PriceList(
            [PriceVersion("A-1", tiers(), valid_to=datetime.date(2026, 1, 31))], vat_included=True
        ).lookup("A-1", datetime.date(2026, 2, 1)),
        UnknownEntity,
        "on: no version of SKU 'A-1' is valid on that date (versions: open..2026-01-31), got datetime.date(2026, 2, 1)",
        id="lookup_open_start_named",
    ),
    pytest.param(
        lambda: PricePolicy(
            allow_below_floor_with=PRINCIPAL_SIGNATORY, free_goods_approver=H_SUPERVISOR
        ),
        PolicyError,
        "allow_below_floor_with: an outside signatory (principal_signatory) cannot approve prices; free_goods_approver: sales_supervisor has the rank 2 of sales_manager: the policy's roles must come from one ladder",
        id="policy_outside_and_other_ladder_roles",
    ),
    pytest.param(
        lambda: _audit(("A-1", DAY, Decimal("900"), Channel.DIRECT, Decimal("NaN"))),
        InvalidInput,
        "lines[0].quantity: must be a finite number (not NaN or infinity), got Decimal('NaN')",
        id="audit_row_quantity_nan",
    ),
    pytest.param(
        lambda: PriceVersion("A-1", tiers()).covers("2026-01-01"),
        WrongType,
        "on: expected a datetime.date, got str '2026-01-01'",
        id="version_covers_text",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_PRICING_INPUTS)
def test_PRICE_1_to_6_every_bad_input_is_refused_with_a_message_naming_field_and_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert error is type(caught.value)
    assert message == str(caught.value)


def _usd(m: str, f: str, d: str) -> PriceTiers:
    return tiers(m, f, d, currency="USD")


LIMITED = PricePolicy(
    discount_authority=AuthorityLimits({H_SUPERVISOR: Decimal("0.05"), H_MANAGER: Decimal("0.10")})
)


def test_X_4_enumerations_may_be_named_by_value_or_by_member_name_in_any_case() -> None:
    assert TierOrder.READING_B == PricePolicy(tier_order="reading_b").tier_order
    assert TierOrder.READING_A == PricePolicy(tier_order="A").tier_order
    assert Channel.DEALER == check_price(tiers(), Money("900"), "Dealer", PricePolicy()).channel
    assert PriceSource.SUPPLIER == _line(price_source="supplier", source_ref="Q-1").price_source


def test_PRICE_4_vat_may_be_added_at_zero_and_at_one_hundred_percent() -> None:
    net = _net_tiers()

    assert PriceTiers(Money("100"), Money("80"), Money("70"), vat_included=True) == net.with_vat(0)
    assert Money("200") == net.with_vat(1).market_quote


def test_PRICE_1_a_version_may_be_valid_for_a_single_day() -> None:
    version = PriceVersion("A-1", tiers(), valid_from=DAY, valid_to=DAY)

    assert (True, False) == (version.covers(DAY), version.covers(DAY + datetime.timedelta(days=1)))


def test_PRICE_1_a_price_list_contains_only_its_listed_skus() -> None:
    prices = _two_versions()

    assert (True, False, False, False) == (
        "A-1" in prices,
        "C-3" in prices,
        ["A-1"] in prices,
        5 in prices,
    )


def test_X_4_both_channels_may_share_one_floor_tier() -> None:
    policy = PricePolicy(
        channel_floor_map={Channel.DIRECT: Tier.FACTORY_FLOOR, Channel.DEALER: Tier.FACTORY_FLOOR}
    )

    assert Tier.FACTORY_FLOOR == policy.floor_tier(Channel.DEALER)


def test_PRICE_2_a_strict_order_accepts_tiers_that_differ_and_names_the_reading() -> None:
    strict = PricePolicy(strict_order=True)

    assert (Reason("PRICE-2", "tiers_consistent", {"tier_order": "A"}),) == check_tiers(
        tiers(), strict
    ).reasons
    assert (Reason("PRICE-2", "tiers_consistent", {"tier_order": "B"}),) == check_tiers(
        tiers("1000", "700", "800"), PricePolicy(tier_order="B")
    ).reasons


def test_PRICE_2_PRICE_3_tier_reasons_name_both_tiers_and_the_spreads_in_their_currency() -> None:
    policy = PricePolicy(min_spread=Spread.amount("50"))

    decision = check_tiers(_usd("1000", "980", "990"), policy)

    assert (
        Reason(
            "PRICE-3",
            "tier_spread_too_small",
            {
                "upper_tier": "market_quote",
                "upper": Money("1000", "USD"),
                "lower_tier": "factory_floor",
                "lower": Money("980", "USD"),
                "spread": Money("20", "USD"),
                "min_spread": Money("50", "USD"),
            },
        ),
        Reason(
            "PRICE-2",
            "tiers_out_of_order",
            {
                "upper_tier": "factory_floor",
                "upper": Money("980", "USD"),
                "lower_tier": "dealer_floor",
                "lower": Money("990", "USD"),
            },
        ),
    ) == decision.reasons


def test_PRICE_3_a_displayed_minimum_spread_is_rounded_with_the_policys_rule() -> None:
    half_up = PricePolicy(min_spread=Spread.rate("0.000000000001"))
    half_even = PricePolicy(
        min_spread=Spread.rate("0.000000000001"), rounding_rule="ROUND_HALF_EVEN"
    )
    flat = PriceTiers(Money("0.50"), Money("0.50"), Money("0.40"))

    assert Money("0.000000000001") == check_tiers(flat, half_up).reasons[0].param("min_spread")
    assert Money("0") == check_tiers(flat, half_even).reasons[0].param("min_spread")


def test_PRICE_5_each_verdict_gives_its_reason_with_every_parameter() -> None:
    at_reference = check_price(tiers(), Money("1000"), Channel.DIRECT, PricePolicy())
    approvable = check_price(tiers(), Money("900"), Channel.DIRECT, PricePolicy())
    too_deep = check_price(tiers(), Money("850"), Channel.DIRECT, LIMITED)

    assert (
        Reason(
            "PRICE-5",
            "price_at_or_above_reference",
            {"price": Money("1000"), "reference": Money("1000"), "channel": Channel.DIRECT},
        ),
    ) == at_reference.reasons
    assert (
        Reason(
            "PRICE-5",
            "discount_needs_approval",
            {
                "price": Money("900"),
                "reference": Money("1000"),
                "floor": Money("800"),
                "discount_rate": Rate("0.1"),
                "role": MANAGER,
            },
        ),
    ) == approvable.reasons
    assert (
        Reason(
            "PRICE-5",
            "discount_beyond_authority",
            {
                "price": Money("850"),
                "reference": Money("1000"),
                "discount_rate": Rate("0.15"),
                "max_rate": Rate("0.10"),
            },
        ),
    ) == too_deep.reasons


def test_PRICE_4_below_the_floor_the_reason_names_the_price_floor_and_channel() -> None:
    below = check_price(tiers(), Money("699.99"), Channel.DEALER, PricePolicy())
    override = check_price(
        tiers(),
        Money("699.99"),
        Channel.DEALER,
        PricePolicy(allow_below_floor_with=GENERAL_MANAGER),
    )

    assert (
        Reason(
            "PRICE-4",
            "price_below_floor",
            {"price": Money("699.99"), "floor": Money("700"), "channel": Channel.DEALER},
        ),
    ) == below.reasons
    assert (
        Reason(
            "PRICE-4",
            "price_below_floor_override",
            {
                "price": Money("699.99"),
                "floor": Money("700"),
                "channel": Channel.DEALER,
                "discount_rate": Rate("0.30001"),
                "role": GENERAL_MANAGER,
            },
        ),
    ) == override.reasons


def test_PRICE_5_a_price_exactly_at_the_floor_beyond_every_limit_is_only_beyond_authority() -> None:
    decision = check_price(tiers(), Money("800"), Channel.DIRECT, LIMITED)

    assert (Verdict.REJECTED, ("discount_beyond_authority",)) == (
        decision.verdict,
        tuple(r.code for r in decision.reasons),
    )


def test_PRICE_5_a_price_decision_keeps_the_price_asked_and_one_unit_by_default() -> None:
    decision = check_price(tiers(), Money("900"), Channel.DIRECT, PricePolicy())

    assert (Money("900"), Money("900"), Decimal(1), Decimal(1)) == (
        decision.price,
        decision.net_price,
        decision.quantity,
        decision.pack_size,
    )


def test_PRICE_5_a_displayed_discount_rate_is_rounded_with_the_policys_rule() -> None:
    eights = PriceTiers(Money("8"), Money("7"), Money("6"))
    price_ = Money("7.999999999996")

    half_up = check_price(eights, price_, Channel.DIRECT, PricePolicy())
    half_even = check_price(
        eights, price_, Channel.DIRECT, PricePolicy(rounding_rule="ROUND_HALF_EVEN")
    )

    assert Rate("0.000000000001") == half_up.discount_rate
    assert Rate("0") == half_even.discount_rate


def test_PRICE_4_floor_and_reference_per_pack_are_rounded_with_the_policys_rule_in_the_tiers_currency() -> (
    None
):
    pack = Decimal("0.000000000001")

    decision = check_price(
        _usd("2.5", "0.8", "0.5"),
        Money("0.000000000001", "USD"),
        "dealer",
        PricePolicy(),
        pack_size=pack,
    )

    assert (Money("0.000000000001", "USD"), Money("0.000000000003", "USD")) == (
        decision.floor,
        decision.reference,
    )


def test_PRICE_4_vat_basis_true_on_tiers_of_unstated_basis_is_accepted() -> None:
    assert (
        Verdict.ALLOWED
        == check_price(
            tiers(), Money("1000"), Channel.DIRECT, PricePolicy(), vat_included=True
        ).verdict
    )


def test_PRICE_4_a_free_line_names_its_floor_quantity_and_approver_in_the_tiers_currency() -> None:
    line = QuoteLine(
        _usd("2.5", "0.8", "0.5"),
        Money("0", "USD"),
        "dealer",
        3,
        free=True,
        pack_size=Decimal("0.000000000001"),
    )

    decision = check_quote([line], PricePolicy()).lines[0]

    assert (
        Reason(
            "PRICE-4",
            "free_goods_need_approval",
            {"floor": Money("0.000000000001", "USD"), "quantity": Decimal(3), "role": MANAGER},
        ),
    ) == decision.reasons
    assert (
        Money("0", "USD"),
        Money("0", "USD"),
        Money("0.000000000001", "USD"),
        Money("0.000000000003", "USD"),
        Rate("1"),
        Channel.DEALER,
    ) == (
        decision.price,
        decision.net_price,
        decision.floor,
        decision.reference,
        decision.discount_rate,
        decision.channel,
    )


def test_PRICE_2_quote_lines_on_broken_tiers_are_rejected_free_or_not() -> None:
    broken = tiers("1000", "700", "800")
    lines = [
        QuoteLine(broken, Money("1000"), Channel.DIRECT),
        QuoteLine(broken, Money("0"), Channel.DIRECT, free=True),
    ]

    decision = check_quote(lines, PricePolicy())

    assert (Verdict.REJECTED, Verdict.REJECTED) == tuple(d.verdict for d in decision.lines)
    assert ((), ()) == tuple(d.approvers for d in decision.lines)
    assert ("tiers_out_of_order", "tiers_out_of_order") == tuple(
        d.reasons[0].code for d in decision.lines
    )


def test_PRICE_5_the_quote_reason_names_average_list_net_and_document_discount() -> None:
    decision = check_quote(
        [QuoteLine(_usd("100", "80", "70"), Money("100", "USD"), Channel.DIRECT, 2)],
        PricePolicy(),
        document_discount=Money("20", "USD"),
    )

    assert (
        Reason(
            "PRICE-5",
            "quote_average_discount",
            {
                "average_discount": Rate("0.1"),
                "list_total": Money("200", "USD"),
                "net_total": Money("180", "USD"),
                "document_discount": Money("20", "USD"),
            },
        )
        == decision.reasons[0]
    )
    assert Money("90", "USD") == decision.lines[0].net_price


def test_PRICE_5_a_quote_above_its_list_prices_has_a_negative_average_discount() -> None:
    above = check_quote([_line("1100")], PricePolicy())
    barely = check_quote(
        [
            QuoteLine(
                PriceTiers(Money("3"), Money("2"), Money("1")),
                Money("3.000000000001"),
                Channel.DIRECT,
            )
        ],
        PricePolicy(),
    )

    assert Rate("-0.1") == above.average_discount
    assert "0%" == str(barely.average_discount)


def test_PRICE_5_quote_totals_finer_than_twelve_places_are_rounded_with_the_policys_rule() -> None:
    line = QuoteLine(
        tiers("1", "0.8", "0.7"), Money("1.000000000001"), Channel.DIRECT, Decimal("0.5")
    )

    decision = check_quote([line], PricePolicy())

    assert (Money("0.500000000001"), Money("0.500000000001")) == (
        decision.gross_total,
        decision.net_total,
    )


def test_PRICE_5_a_document_discount_may_be_none_or_all_of_the_quote() -> None:
    nothing = check_quote([_line()], PricePolicy(), document_discount=Rate("0"))
    everything = check_quote([_line()], PricePolicy(), document_discount=Rate("1"))
    all_of_it = check_quote([_line()], PricePolicy(), document_discount=Money("1000"))

    assert (Money("1000"), Money("0"), Money("0")) == (
        nothing.net_total,
        everything.net_total,
        all_of_it.net_total,
    )


def test_PRICE_4_an_audit_uses_each_channels_reference_whatever_way_the_channel_is_named() -> None:
    policy = PricePolicy(
        channel_reference_map={Channel.DIRECT: Tier.MARKET_QUOTE, Channel.DEALER: Tier.DEALER_FLOOR}
    )
    prices = _one_version()
    rows = [
        ("A-1", DAY, Decimal("750"), Channel.DIRECT, 1),
        ("A-1", DAY, Decimal("750"), "direct", 1),
        ("A-1", DAY, Decimal("750"), Channel.DEALER, 1),
        ("A-1", DAY, Decimal("750"), "dealer", 1),
    ]

    audit = audit_prices(rows, prices, policy)

    assert (2, 0, 2) == (audit.allowed, audit.needs_approval, audit.rejected)
    assert (0, 1) == tuple(f.index for f in audit.findings)


def test_PRICE_4_an_audit_finding_keeps_the_date_and_the_list_currency() -> None:
    prices = PriceList([PriceVersion("A-1", _usd("1000", "800", "700"))], vat_included=False)

    audit = audit_prices([("A-1", DAY, Decimal("900"), "direct", "2")], prices, PricePolicy())

    finding = audit.findings[0]
    assert (DAY, Money("900", "USD"), Decimal(2)) == (
        finding.on,
        finding.decision.price,
        finding.decision.quantity,
    )


def test_PRICE_4_only_the_int_zero_starts_a_sum_of_audits() -> None:
    audit = PriceAudit(allowed=1)

    assert audit == sum([audit])
    with pytest.raises(TypeError):
        0.0 + audit  # type: ignore[operator]
