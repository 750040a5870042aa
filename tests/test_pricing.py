"""Tests for salesdomain.pricing: price tiers, floors, discount authority (PRICE-1..6, X-4)."""

from __future__ import annotations

import datetime
import itertools
import json
import pickle
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
# the policy
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
