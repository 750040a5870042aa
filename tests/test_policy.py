"""Company policies as TOML profiles (issue 9): load, validate, dump, round-trip."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import PolicyError, UnknownEntity, WrongType
from salesdomain.policy import (
    CompanyPolicy,
    default_policy,
    dump_policy,
    list_profiles,
    load_policy,
    load_profile,
    parse_policy,
)

PROFILES = ("generic", "hotel", "hvac", "real_estate")
GENERIC = (
    Path(__file__).resolve().parents[1] / "src" / "salesdomain" / "profiles" / "generic.toml"
).read_text(encoding="utf-8")


def errors_of(text: str) -> tuple[tuple[str, str], ...]:
    with pytest.raises(PolicyError) as info:
        parse_policy(text)
    return info.value.errors


def test_the_four_embedded_profiles_are_listed() -> None:
    assert list_profiles() == PROFILES


@pytest.mark.parametrize("name", PROFILES)
def test_every_profile_round_trips_through_dump_and_load(name: str) -> None:
    policy = load_profile(name)
    assert parse_policy(dump_policy(policy)) == policy
    assert CompanyPolicy.from_mapping(policy.to_mapping()) == policy


def test_the_default_policy_is_the_generic_profile() -> None:
    assert default_policy() == load_profile("generic")
    assert default_policy().currency == "CNY"


def test_profiles_follow_the_seeds_companies() -> None:
    hotel, estate = load_profile("hotel"), load_profile("real_estate")
    assert [r.name_zh for r in hotel.ladder.ladder] == [
        "销售代表",
        "销售主任",
        "销售部经理",
        "总经理",
    ]
    assert hotel.appraisal.manager_decides_rewards  # INC-3
    assert estate.contracts.escalation_role.name_zh == "营销总监"  # CONTRACT-4
    assert estate.calendar.weekly_meeting_weekday == 1  # CAL-4: Tuesday
    assert load_profile("hvac").calendar.showroom_weekdays == (0, 2, 4)  # ATT-14


def test_an_unknown_profile_lists_the_known_ones() -> None:
    with pytest.raises(UnknownEntity, match=r"profile: not an embedded profile \(known: generic"):
        load_profile("bank")


def test_decimals_in_toml_are_exact() -> None:
    policy = parse_policy(
        GENERIC.replace("deviation_tolerance = 0.10", "deviation_tolerance = 0.1")
    )
    assert policy.targets.deviation_tolerance == Decimal("0.1")
    assert type(policy.targets.deviation_tolerance) is Decimal


def test_a_typo_is_an_error_not_a_silent_default() -> None:
    assert errors_of(GENERIC.replace("strict_order = false", "strict_ordr = false"))[0][0] == (
        "pricing.strict_ordr"
    )


def test_an_unknown_table_is_an_error() -> None:
    assert errors_of(GENERIC + "\n[bonus]\nx = 1\n")[0][0] == "bonus"


def test_every_problem_of_a_file_is_reported_at_once_with_its_key_path() -> None:
    text = (
        GENERIC.replace("strict_order = false", "strict_order = 1")
        .replace("at_risk_after_days = 90", "at_risk_after_days = -5")
        .replace("week_anchor_day = 3", 'week_anchor_day = "thursday"')
    )
    assert errors_of(text) == (
        ("pricing.strict_order", "expected true or false, got 1"),
        ("targets.week_anchor_day", "expected an integer, got 'thursday'"),
        ("receivables.at_risk_after_days", "must be at least 0, got -5"),
    )


def test_a_limit_above_one_is_reported_inside_the_discount_authority() -> None:
    text = GENERIC.replace(
        '{role = "sales_manager"},\n]\n# PRICE-4',
        '{role = "sales_manager", limit = 1.5},\n]\n# PRICE-4',
    )
    assert errors_of(text) == (
        (
            "pricing.discount_authority.limits[sales_manager]",
            "a discount rate limit must be at most 1, got 1.5",
        ),
    )


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("deviation_tolerance = 0.10", "deviation_tolerance = inf", "targets.deviation_tolerance"),
        ("warn_at = 0.9", "warn_at = nan", "expenses.warn_at"),
        ('effective = "none"', "effective = 2026-01-01T00:00:00", "commission.effective"),
        ("week_anchor_day = 3", 'week_anchor_day = "thursday"', "targets.week_anchor_day"),
        (
            'free_goods_approver = "sales_manager"',
            'free_goods_approver = "ceo"',
            "pricing.free_goods_approver",
        ),
        ('name = "通用销售公司"', "name = 5", "company.name"),
        ('currency = "CNY"', 'currency = "XYZ"', "company.currency"),
        ('locale = "zh_CN"', 'locale = "fr"', "company.locale"),
        ("appraisal_due_day = 30", "appraisal_due_day = 40", "calendar.appraisal_due_day"),
        ('duties = ["CAL-8w", "CAL-9w"]', 'duties = ["CAL-99"]', "calendar.duties[0]"),
    ],
)
def test_bad_values_are_reported_at_their_key_path(old: str, new: str, path: str) -> None:
    assert old in GENERIC
    assert path in [key for key, _ in errors_of(GENERIC.replace(old, new))]


def test_a_missing_required_parameter_is_named() -> None:
    text = GENERIC.replace("deviation_tolerance = 0.10\n", "")
    assert errors_of(text) == (("targets.deviation_tolerance", "missing required key"),)


def test_a_role_outside_the_company_ladder_is_refused() -> None:
    policy = load_profile("generic")
    with pytest.raises(PolicyError, match="not a role of the company's ladder"):
        attrs.evolve(policy, ladder=load_profile("real_estate").ladder)


def test_malformed_toml_is_a_policy_error() -> None:
    assert errors_of("[company\nname = 1")[0][0] == "<toml>"


def test_load_policy_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(GENERIC, encoding="utf-8")
    assert load_policy(path) == default_policy()


def test_a_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="<file>"):
        load_policy(tmp_path / "nope.toml")


def test_dump_refuses_what_is_not_a_policy() -> None:
    with pytest.raises(WrongType, match="policy"):
        dump_policy({"company": {}})  # type: ignore[arg-type]


def test_sections_inherit_the_company_ladder_and_timezone() -> None:
    policy = default_policy()
    assert policy.contracts.ladder == policy.ladder
    assert policy.calendar.timezone == policy.timezone == "Asia/Shanghai"


# -- fuzz: nothing but PolicyError escapes the loader -------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(),
    st.times(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = ["company", "org", "pricing", "targets", "commission", "scorecard", "contracts", "calendar"]


@given(st.dictionaries(st.sampled_from([*KEYS, "x"]), values, max_size=6))
def test_random_mappings_raise_only_policy_errors(data: dict[str, object]) -> None:
    with contextlib.suppress(PolicyError):
        CompanyPolicy.from_mapping(data)


@given(st.data())
def test_mutated_profiles_raise_only_policy_errors(data: st.DataObject) -> None:
    mapping = default_policy().to_mapping()
    section = data.draw(st.sampled_from(sorted(mapping)))
    table = mapping[section]
    assert isinstance(table, dict)
    key = data.draw(st.sampled_from(sorted(table) or ["x"]))
    table[key] = data.draw(values)
    with contextlib.suppress(PolicyError):
        CompanyPolicy.from_mapping(mapping)


@given(st.text(max_size=200))
def test_random_toml_text_raises_only_policy_errors(text: str) -> None:
    with contextlib.suppress(PolicyError):
        parse_policy(text)


def test_a_datetime_value_never_passes_for_a_date() -> None:
    mapping = default_policy().to_mapping()
    commission = mapping["commission"]
    assert isinstance(commission, dict)
    commission["effective"] = {"start": dt.datetime(2026, 1, 1), "end": dt.date(2026, 12, 31)}
    with pytest.raises(PolicyError, match="commission.effective.start"):
        CompanyPolicy.from_mapping(mapping)


def test_the_annotated_example_in_the_docs_is_the_real_estate_profile() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "policy.md"
    text = docs.read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    assert parse_policy(example) == load_profile("real_estate")
