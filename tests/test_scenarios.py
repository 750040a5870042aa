"""Rules that no single module owns, carried by composing the modules under a profile.

Each test states the rule it proves in its docstring: these are the rules that
docs/traceability.md lists as implemented by combining existing functions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salesdomain import Employee, FiscalYear, Money, OrgChart, Period, Verdict
from salesdomain.duties import SubmittedReport, report_status
from salesdomain.expenses import Expense, ExpenseBudget, check_expenses
from salesdomain.i18n import explain
from salesdomain.policy import load_profile
from salesdomain.quoting import Bid, BidKind, BidLine, ReviewKind, bid_requirements
from salesdomain.targets import Distribution, annual_plan, progress

MARCH = Period.month(2026, 3)


def test_hotel_departmental_budget_tracks_revenue_and_expenses_together() -> None:
    """TARGET-8: the hotel's departmental sales budget (销售预算计划) is a revenue plan
    tracked with progress (TARGET-4) plus an expense budget checked against spend
    (EXP-1): both sides come back as decisions under the hotel profile."""
    hotel = load_profile("hotel")
    plan = annual_plan(Money("6000000"), FiscalYear(2026), Distribution.even(range(1, 13)))
    revenue = progress(
        plan.months[MARCH], Money("400000"), MARCH, dt.date(2026, 3, 31), hotel.targets
    )
    assert revenue.verdict is Verdict.REJECTED  # the month is over and the target missed
    assert [r.code for r in revenue.reasons] == ["target_missed"]
    budget = ExpenseBudget("sales", MARCH, amount=Money("20000"), ratio=Decimal("0.05"))
    spent = [Expense("E-1", Money("21000"), department="sales", spent_on=dt.date(2026, 3, 9))]
    costs = check_expenses(spent, budget, hotel.expenses, sales=Money("400000"))
    assert costs.verdict is Verdict.NEEDS_APPROVAL
    assert [role.code for role in costs.approvers] == ["general_manager"]


def test_category_budgets_control_props_ads_and_after_sales_spend() -> None:
    """EXP-3, EXP-4, EXP-7: project marketing expenses, sales props and after-sales
    spend are each a category budget (ExpenseBudget(category=...)); only spend of that
    category counts against it, under the same control as every budget (EXP-1)."""
    estate = load_profile("real_estate")
    props = ExpenseBudget(
        "sales", MARCH, amount=Money("5000"), ratio=Decimal("0.005"), category="SALES_PROPS"
    )
    spent = [
        Expense(
            "P-1",
            Money("3000"),
            department="sales",
            spent_on=dt.date(2026, 3, 2),
            category="SALES_PROPS",
        ),
        Expense(
            "A-1",
            Money("90000"),
            department="sales",
            spent_on=dt.date(2026, 3, 2),
            category="OUTDOOR_ADS",
        ),
        Expense(
            "S-1",
            Money("2500"),
            department="sales",
            spent_on=dt.date(2026, 3, 5),
            category="SALES_PROPS",
        ),
    ]
    decision = check_expenses(spent, props, estate.expenses, sales=Money("1000000"))
    assert decision.counted == ("P-1", "S-1")
    assert decision.verdict is Verdict.NEEDS_APPROVAL  # 5,500 of a 5,000 props budget
    assert [role.code for role in decision.approvers] == ["marketing_director"]
    after_sales = ExpenseBudget(
        "sales", MARCH, amount=Money("8000"), ratio=Decimal("0.008"), category="AFTER_SALES"
    )
    repairs = [
        Expense(
            "R-1",
            Money("1000"),
            department="sales",
            spent_on=dt.date(2026, 3, 9),
            category="AFTER_SALES",
        )
    ]
    assert check_expenses(repairs, after_sales, estate.expenses, sales=Money("1000000")).allowed


def test_weekly_sales_report_not_checked_with_finance_is_flagged() -> None:
    """COLL-7, REPORT-6: the weekly sales report goes to the 营销总监 only after it was
    reconciled with finance; one submitted without that check is reported unreconciled."""
    estate = load_profile("real_estate")
    week = Period.iso_week(2026, 10)
    tuesday = dt.date(2026, 3, 3)
    sent = SubmittedReport("weekly_sales", week, submitted_at=tuesday)
    status = report_status([sent], estate.calendar, Period.day(tuesday))
    unreconciled = [
        c.due.spec.kind.value
        for c in status.checks
        if c.issues and "unreconciled" in [i.value for i in c.issues]
    ]
    assert unreconciled == ["weekly_sales"]
    assert "report_unreconciled" in [r.code for r in status.reasons]


def test_hvac_quotes_and_bids_follow_the_same_reviewed_workflow() -> None:
    """QUOTE-8: the HVAC seller's quoting and bidding (报价及组织项目投标) is the same A-F
    flow: a tender with a difficult VAV terminal and a key air handler needs both the
    technical and the purchasing review, and a bid above the profile's 「重大」
    threshold also needs leadership (X-12)."""
    hvac = load_profile("hvac")
    ladder = hvac.ladder
    rep = Employee("s1", "小王", ladder.get("salesperson"))
    manager = Employee("m1", "李经理", ladder.get("sales_manager"))
    gm = Employee("g1", "张总", ladder.get("general_manager"))
    org = OrgChart((rep, manager, gm), {"s1": "m1", "m1": "g1"})
    bid = Bid.report(
        "B-9",
        BidKind.TENDER,
        value=Money("1500000"),
        reported_by=rep,
        received_on=dt.date(2026, 3, 2),
        reported_on=dt.date(2026, 3, 2),
        org=org,
        policy=hvac.quoting,
        lines=[BidLine("VAV-200", difficult=True), BidLine("AHU-10", key=True)],
    )
    needs = bid_requirements(bid, hvac.quoting)
    assert needs.major
    assert set(needs.reviews) == {ReviewKind.TECHNICAL, ReviewKind.PURCHASING}
    assert [role.code for role in needs.approvers] == ["sales_manager", "general_manager"]


def test_progress_report_tells_superiors_where_sales_stand() -> None:
    """REPORT-9: sales progress goes to superiors in time for their decisions: progress()
    gives completion, elapsed time and the pace, and explain() states it in a sentence."""
    generic = load_profile("generic")
    result = progress(
        Money("900000"), Money("450000"), MARCH, dt.date(2026, 3, 15), generic.targets
    )
    assert result.verdict is Verdict.ALLOWED
    sentence = explain(result, "en")[0]
    assert "CN¥450,000.00" in sentence
    assert "CN¥900,000.00" in sentence
    assert result.pace == Money("930000.00")


def test_appraisal_grades_feed_reward_and_penalty_opinions() -> None:
    """INC-4: the manager's opinions on rewards and penalties of reps come from the
    appraisal: under the generic profile a grade D proposes a penalty for the company to
    decide (INC-2), never deciding it."""
    from salesdomain.appraisal import appraise, measure_ratio

    generic = load_profile("generic")
    assert generic.scorecard is not None
    weak = appraise(
        generic.scorecard,
        {
            "sales_completion": measure_ratio(Decimal("50"), Decimal("100")),
            "collection_rate": measure_ratio(Decimal("50"), Decimal("100")),
            "new_customers": 0,
            "visits": measure_ratio(Decimal("5"), Decimal("20")),
            "reports_on_time": measure_ratio(Decimal("1"), Decimal("4")),
            "absent_days": 0,
        },
        employee="s9",
    )
    assert weak.grade == "D"
    assert weak.reasons[-1].code == "reward_penalty_proposed"
    assert weak.reasons[-1].rule == "INC-2"
