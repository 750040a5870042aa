"""The benchmarks measure like with like: the library and each reference agree.

(Time is never asserted here: figures come from ``python -m benchmarks``.)
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from benchmarks import cases, references
from benchmarks.run import Row, main
from salesdomain import Money, Verdict
from salesdomain.commission import compute_commission
from salesdomain.pricing import Channel, audit_prices

# -- allocate -----------------------------------------------------------------------------


@pytest.mark.parametrize("parts", [1, 12, 1000])
def test_allocate_and_the_divmod_reference_give_the_same_split(parts: int) -> None:
    assert cases.allocate_agrees_with_reference(parts)


def test_divmod_reference_conserves_the_total() -> None:
    assert sum(references.divmod_split(1001, [1, 1, 1])) == 1001
    assert references.divmod_split(10, [1, 2]) == [3, 7]


# -- price audit --------------------------------------------------------------------------


def test_if_chain_reference_classifies_like_the_rule() -> None:
    market, floor, limit = Decimal(1000), Decimal(700), Decimal("0.2")
    assert references.if_chain_price_check(Decimal(1000), market, floor, limit) == 0
    assert references.if_chain_price_check(Decimal(800), market, floor, limit) == 1
    assert references.if_chain_price_check(Decimal(699), market, floor, limit) == 2


@pytest.mark.parametrize("flagged_every", [None, 67, 5])
def test_price_audit_and_the_if_chain_count_and_flag_the_same_lines(
    flagged_every: int | None,
) -> None:
    assert cases.audit_agrees_with_reference(3_000, flagged_every)


def test_the_flagged_audit_input_has_lines_needing_approval_and_rejected_ones() -> None:
    inputs = cases.make_audit_inputs(3_000, 67)
    audit = audit_prices(inputs.lines, inputs.price_list, inputs.policy)
    codes = {f.decision.reasons[0].code for f in audit.findings}
    assert 3_000 == audit.total
    assert 45 == audit.needs_approval + audit.rejected  # 1 line in 67: 1.5%
    assert audit.needs_approval > 0
    assert audit.rejected > 0
    assert {"discount_needs_approval", "price_below_floor", "discount_beyond_authority"} == codes


def test_the_clean_audit_input_flags_nothing_and_uses_both_price_versions() -> None:
    inputs = cases.make_audit_inputs(1_000, None)
    audit = audit_prices(inputs.lines, inputs.price_list, inputs.policy)
    days = {line[1] for line in inputs.lines}
    assert (1_000, 0, 0) == (audit.allowed, audit.needs_approval, audit.rejected)
    assert min(days) < datetime.date(2026, 3, 16) <= max(days)


def test_the_if_chain_audit_gives_each_line_the_single_line_verdict() -> None:
    inputs = cases.make_audit_inputs(2_000, 3)
    table = cases.reference_table(inputs.price_list)
    _, _, _, flagged = references.if_chain_audit(inputs.lines, table, Channel.DIRECT)
    expected = []
    for index, (sku, on, price, channel, _) in enumerate(inputs.lines):
        version = next(v for v in table[sku] if v.start <= on <= v.end)
        floor = version.direct_floor if channel is Channel.DIRECT else version.dealer_floor
        verdict = references.if_chain_price_check(price, version.market, floor, version.limit_rate)
        if verdict:
            expected.append((index, verdict))
    assert expected == flagged


def test_the_if_chain_audit_refuses_a_date_no_version_covers() -> None:
    table = {"A": [references.Version(*(datetime.date(2026, 1, 1),) * 2, *(Decimal(1),) * 4)]}
    with pytest.raises(KeyError, match="no price of A"):
        references.if_chain_audit(
            [("A", datetime.date(2026, 2, 1), Decimal(1), "direct", 1)], table, "direct"
        )


# -- commission ---------------------------------------------------------------------------


def test_bracket_loop_reference_matches_the_issue_example() -> None:
    brackets = [
        (Decimal(0), Decimal("0.02")),
        (Decimal(10000), Decimal("0.04")),
        (Decimal(50000), Decimal("0.06")),
    ]
    assert references.bracket_loop([Decimal(60000)], brackets) == Decimal("2400.00")


@pytest.mark.parametrize("check_ids", [True, False])
def test_commission_and_the_bracket_loop_give_the_same_total_and_shares(check_ids: bool) -> None:
    assert cases.commission_agrees_with_reference(20_000, check_ids=check_ids)


def test_the_commission_input_caps_overpaid_invoices_and_reaches_every_bracket() -> None:
    data = cases.make_commission_inputs(20_000)
    statement = compute_commission(data.plan, data.payments, cases.MARCH, invoices=data.invoices)
    top_bracket = data.brackets[-1][0]
    assert 5 == len(data.plan.commission_rates)
    assert Money("0") < statement.overpaid
    assert Money("0") < statement.carry_forward  # some invoices are still short
    assert max(base for _, base in statement.base_by_salesperson) > top_bracket
    assert 20_000 == statement.events_in_period


def test_the_reference_with_ids_refuses_a_duplicate_payment_id() -> None:
    data = cases.make_commission_inputs(200)
    twice = [*data.payments, data.payments[0]]
    with pytest.raises(ValueError, match="duplicate payment ID P00000000"):
        references.collected_commission(
            twice,
            data.invoices,
            data.brackets,
            cases.MARCH.start,
            cases.MARCH.end,
            Decimal("0.01"),
            check_ids=True,
        )


@pytest.mark.parametrize("check_ids", [True, False])
def test_the_memory_run_streams_every_event_from_a_generator(check_ids: bool) -> None:
    peak, events = cases.commission_peak(3_000, 60, check_ids=check_ids)
    assert 3_000 == events
    assert peak > 0


# -- explanations -------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_explain_shows_every_value_exactly_as_babel_formats_it(locale: str) -> None:
    assert cases.explain_agrees_with_reference(300, locale)


def test_the_explained_decisions_cover_every_verdict_and_carry_money_and_rates() -> None:
    decisions = cases.make_price_decisions(1_000)
    verdicts = {d.verdict for d in decisions}
    values = references.babel_formatter("en")(decisions)
    assert {Verdict.ALLOWED, Verdict.NEEDS_APPROVAL, Verdict.REJECTED} == verdicts
    assert all(values)
    assert any(text.endswith("%") for texts in values for text in texts)
    assert any(text.startswith("CN¥") for texts in values for text in texts)


def test_the_babel_reference_formats_dates_and_numbers_too() -> None:
    from salesdomain import Decision, Reason

    decision = Decision(
        Verdict.ALLOWED,
        (Reason("PRICE-5", "probe", {"on": datetime.date(2026, 3, 2), "count": 1234}),),
    )
    assert [["Mar 2, 2026", "1,234"]] == references.babel_formatter("en")([decision])


def test_explanations_that_lose_a_value_do_not_count_as_the_same() -> None:
    assert not cases._same_explanations([("price ¥1.00",)], [["¥1.00", "5%"]])
    assert not cases._same_explanations([()], [[]])
    assert cases._same_explanations([("price ¥1.00 is 5% off",)], [["¥1.00", "5%"]])


# -- the runner ---------------------------------------------------------------------------


def test_the_runner_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quick", "--repeat", "1", "--only", "12 parts"]) == 0
    out = capsys.readouterr().out
    assert "allocate into 12 parts" in out
    assert "int-divmod split" in out


def test_the_runner_prints_markdown_with_the_agreement_of_each_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--quick", "--repeat", "1", "--only", "price audit, all", "--markdown"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| price audit, all clean"))
    assert "| 20,000 |" in row
    assert "| Decimal if-chain |" in row
    assert "| yes |" in row


def test_a_row_meets_its_goal_by_its_limit() -> None:
    at_limit = Row("x", 1, 3.0, "ref", 1.0, "<= 3x", 3.0)
    faster = Row("x", 1, 1.0, "ref", 1.0, "< 1x", 1.0, strict=True)
    memory = Row("m", 10, 2e6, "small", 1e6, "<= 2x", 2.0, unit="B")
    assert at_limit.met is True
    assert faster.met is False
    assert Row("x", 1, 1.0, "ref", 1.0, "none").met is None
    assert "2.0 MB" == memory.throughput()
    assert 2.0 == memory.ratio
