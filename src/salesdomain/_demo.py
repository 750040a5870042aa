"""The demo report printed by ``python -m salesdomain demo``: one month in a sales
department under a company policy, every decision explained.

Pure: it builds sample data for March 2026, runs the rule modules under the policy and
returns the report as text.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from salesdomain.appraisal import appraise, measure_ratio, rank
from salesdomain.commission import CreditNote, Invoice, Payment, WriteOff, compute_commission
from salesdomain.contracts import ChangeKind, ContractChange, contract_change_permission
from salesdomain.core import (
    Approval,
    Employee,
    FiscalYear,
    Money,
    Period,
    Verdict,
)
from salesdomain.duties import duties_due
from salesdomain.i18n import explain, format_value
from salesdomain.policy import CompanyPolicy, load_profile
from salesdomain.pricing import Channel, PriceTiers, QuoteLine, check_price, check_quote
from salesdomain.receivables import Payment as Receipt
from salesdomain.receivables import Receivable, aging
from salesdomain.targets import Distribution, annual_plan, assign, progress

__all__ = ["run_demo"]

MONTH = Period.month(2026, 3)
AS_OF = _dt.date(2026, 3, 20)
_VERDICTS = {
    "zh_CN": {Verdict.ALLOWED: "允许", Verdict.NEEDS_APPROVAL: "需审批", Verdict.REJECTED: "拒绝"},
    "en": {
        Verdict.ALLOWED: "allowed",
        Verdict.NEEDS_APPROVAL: "needs approval",
        Verdict.REJECTED: "rejected",
    },
}


class _Report:
    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.zh = locale.startswith("zh")
        self.lines: list[str] = []

    def say(self, zh: str, en: str) -> None:
        self.lines.append(zh if self.zh else en)

    def heading(self, zh: str, en: str) -> None:
        self.lines.append("")
        self.say(f"## {zh}", f"## {en}")

    def money(self, value: Money) -> str:
        return format_value(value, self.locale)

    def value(self, value: object) -> str:
        return format_value(value, self.locale)

    def decision(self, label: str, result: Any) -> None:
        verdict = getattr(result, "verdict", None)
        shown = f": {_VERDICTS[self.locale][verdict]}" if verdict is not None else ""
        route = " -> ".join(
            role.display_name(self.locale) for role in getattr(result, "approvers", ())
        )
        tail = f"  [{route}]" if route else ""
        self.lines.append(f"- {label}{shown}{tail}")
        for sentence in explain(result, self.locale):
            self.lines.append(f"    · {sentence}")


def _people(policy: CompanyPolicy) -> tuple[list[Employee], Employee, Employee]:
    front = policy.ladder.ladder[0]
    manager = policy.contracts.manager_role
    top = policy.contracts.escalation_role
    sellers = [Employee(f"s{i}", name, front) for i, name in enumerate(("张伟", "李娜", "王芳"), 1)]
    return sellers, Employee("m1", "赵经理", manager), Employee("d1", "钱总", top)


def run_demo(
    policy: CompanyPolicy | None = None, *, locale: str = "zh_CN", profile: str | None = None
) -> str:
    """Return the demo report as text.

    Args:
        policy: the company policy (default: the embedded ``profile``).
        locale: ``"zh_CN"`` or ``"en"``.
        profile: the embedded profile to load when no policy is given
            (default ``"generic"``).

    >>> report = run_demo(locale="en")
    >>> "Target decomposition" in report and "CN¥" in report
    True
    """
    if policy is None:
        policy = load_profile(profile or "generic")
    out = _Report(locale)
    sellers, manager, director = _people(policy)
    out.say(
        f"# salesdomain 演示: {policy.name}, {MONTH.start:%Y年%m月}",
        f"# salesdomain demo: {policy.name}, {MONTH.start:%B %Y}",
    )
    out.say(
        "岗位: " + " < ".join(r.display_name(locale) for r in policy.ladder.ladder),
        "Roles: " + " < ".join(r.display_name(locale) for r in policy.ladder.ladder),
    )
    sections: Iterable[
        Callable[[_Report, CompanyPolicy, list[Employee], Employee, Employee], None]
    ] = (
        _targets,
        _pricing,
        _contracts,
        _commission,
        _appraisal,
        _receivables,
        _duties,
    )
    for section in sections:
        section(out, policy, sellers, manager, director)
    out.lines.append("")
    return "\n".join(out.lines)


def _targets(out: _Report, policy: CompanyPolicy, sellers: list[Employee], *_: Employee) -> None:
    out.heading(
        "目标分解 (TARGET-1, TARGET-2, TARGET-4)",
        "Target decomposition (TARGET-1, TARGET-2, TARGET-4)",
    )
    seasonality = Distribution.monthly([6, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9])
    plan = annual_plan(Money("12000000", policy.currency), FiscalYear(2026), seasonality)
    out.say(
        "年度目标 " + out.money(Money("12000000", policy.currency)) + " 按季节性拆分到季度:",
        "Annual target "
        + out.money(Money("12000000", policy.currency))
        + " split by seasonality into quarters:",
    )
    for period, amount in plan.quarters.items():
        out.lines.append(f"  {period}: {out.money(amount)}")
    month_target = plan.months[MONTH]
    people = assign(month_target, {s.name: w for s, w in zip(sellers, (4, 3, 3), strict=True)})
    out.say(
        f"3月团队目标 {out.money(month_target)} 分解到个人 (合计分毫不差):",
        f"March team target {out.money(month_target)} split to people (sums exactly):",
    )
    for name, amount in people.items():
        out.lines.append(f"  {name}: {out.money(amount)}")
    actual = Money("420000", policy.currency)
    result = progress(month_target, actual, MONTH, AS_OF, policy.targets)
    out.decision(
        f"3月20日完成 {out.money(actual)}" if out.zh else f"{out.money(actual)} done by 20 March",
        result,
    )


def _pricing(out: _Report, policy: CompanyPolicy, *_: object) -> None:
    out.heading("价格底线检查 (PRICE-1..5)", "Price floor checks (PRICE-1..5)")
    tiers = PriceTiers(*(Money(x, policy.currency) for x in ("1000", "800", "700")))
    out.say(
        f"价格表: 市场报价 {out.money(tiers.market_quote)} / 最低出厂价 {out.money(tiers.factory_floor)} / 经销商最低价 {out.money(tiers.dealer_floor)}",
        f"Price table: market quote {out.money(tiers.market_quote)} / lowest ex-factory {out.money(tiers.factory_floor)} / dealer lowest {out.money(tiers.dealer_floor)}",
    )
    cases = (
        ("直销 950", "direct sale at 950", "950", Channel.DIRECT),
        ("直销 800", "direct sale at 800", "800", Channel.DIRECT),
        ("经销 700", "dealer sale at 700", "700", Channel.DEALER),
        ("经销 699.99", "dealer sale at 699.99", "699.99", Channel.DEALER),
    )
    for zh, en, price, channel in cases:
        out.decision(
            zh if out.zh else en,
            check_price(tiers, Money(price, policy.currency), channel, policy.pricing),
        )
    quote = check_quote(
        [
            QuoteLine(tiers, Money("1000", policy.currency), Channel.DIRECT, 10),
            QuoteLine(tiers, Money("900", policy.currency), Channel.DIRECT, 5),
        ],
        policy.pricing,
        document_discount=Money("500", policy.currency),
    )
    out.decision(
        "报价单 (2行, 整单优惠 ¥500)" if out.zh else "quote (2 lines, 500 off the document)", quote
    )


def _contracts(out: _Report, policy: CompanyPolicy, sellers: list[Employee], *_: Employee) -> None:
    out.heading(
        "合同变更权限 (CONTRACT-4, CONTRACT-5)",
        "Contract-change permissions (CONTRACT-4, CONTRACT-5)",
    )
    changes = (
        (
            "单价降 3%",
            "unit price cut 3%",
            ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.03")),
        ),
        (
            "单价降 8%",
            "unit price cut 8%",
            ContractChange(ChangeKind.UNIT_PRICE_CUT, Decimal("0.08")),
        ),
        (
            "延期付款 45 天",
            "payment deferred 45 days",
            ContractChange(ChangeKind.PAYMENT_DEFERRAL, 45),
        ),
        (
            "修改付款方式条款",
            "payment-method clause edited",
            ContractChange(ChangeKind.CLAUSE_EDITED, clause="payment_method"),
        ),
    )
    for zh, en, change in changes:
        out.decision(
            zh if out.zh else en, contract_change_permission(change, sellers[0], policy.contracts)
        )


def _commission(
    out: _Report,
    policy: CompanyPolicy,
    sellers: list[Employee],
    manager: Employee,
    director: Employee,
) -> None:
    out.heading("提成计算 (INC-1, INC-5, COLL-1)", "Commission (INC-1, INC-5, COLL-1)")
    plan = policy.commission
    if plan is None:
        out.say("本公司未配置提成方案。", "This company has no commission plan configured.")
        return
    cur = policy.currency
    events: list[Invoice | Payment | CreditNote | WriteOff] = [
        Invoice("INV-301", _dt.date(2026, 2, 20), Money("300000", cur), {sellers[0].id: 1}),
        Invoice(
            "INV-302",
            _dt.date(2026, 3, 3),
            Money("180000", cur),
            {sellers[1].id: Decimal("0.5"), sellers[2].id: Decimal("0.5")},
        ),
        Payment("INV-301", _dt.date(2026, 3, 5), Money("200000", cur), id="R-1"),
        Payment("INV-302", _dt.date(2026, 3, 18), Money("90000", cur), id="R-2"),
    ]
    unapproved = compute_commission(plan, events, MONTH)
    out.decision("方案未审批时" if out.zh else "before the plan is approved", unapproved)
    approvals = tuple(
        Approval(role, approver.id, _dt.date(2026, 1, 5), subject=plan.name)
        for role, approver in zip(
            plan.approvals_required, (director, manager, sellers[0]), strict=False
        )
    )
    statement = compute_commission(attrs.evolve(plan, approvals=approvals), events, MONTH)
    out.decision("方案审批后" if out.zh else "once the plan is approved", statement)
    if statement.total is not None:
        names = {seller.id: seller.name for seller in sellers}
        for person, amount in statement.by_salesperson:
            out.lines.append(f"  {names.get(person, person)}: {out.money(amount)}")


def _appraisal(out: _Report, policy: CompanyPolicy, sellers: list[Employee], *_: Employee) -> None:
    out.heading("绩效考核 (APPR-4, INC-2)", "Appraisal (APPR-4, INC-2)")
    card = policy.scorecard
    if card is None:
        out.say("本公司未配置考核表。", "This company has no scorecard configured.")
        return
    samples = (
        {
            "sales_completion": ("1150000", "1000000"),
            "collection_rate": ("95", "100"),
            "new_customers": 5,
            "visits": (20, 20),
            "reports_on_time": (4, 4),
            "absent_days": 0,
        },
        {
            "sales_completion": ("820000", "1000000"),
            "collection_rate": ("70", "100"),
            "new_customers": 2,
            "visits": (15, 20),
            "reports_on_time": (3, 4),
            "absent_days": 0,
        },
        {
            "sales_completion": ("990000", "1000000"),
            "collection_rate": ("90", "100"),
            "new_customers": 4,
            "visits": (18, 20),
            "reports_on_time": (4, 4),
            "absent_days": 4,
        },
    )
    results = []
    for seller, sample in zip(sellers, samples, strict=True):
        measurements: dict[str, Decimal | int | str] = {}
        for code, value in sample.items():
            if isinstance(value, tuple):
                part, whole = value
                measurements[code] = measure_ratio(Decimal(part), Decimal(whole))
            elif isinstance(value, int):
                measurements[code] = value
        result = appraise(
            card, measurements, employee=seller.name, period=MONTH, policy=policy.appraisal
        )
        results.append(result)
        out.lines.append(f"- {seller.name}: {result.total} -> {result.grade}")
        for sentence in explain(result.reasons[-2:], out.locale):
            out.lines.append(f"    · {sentence}")
    ranking = rank(results)
    out.decision("团队排名" if out.zh else "team ranking", ranking)


def _receivables(
    out: _Report, policy: CompanyPolicy, sellers: list[Employee], *_: Employee
) -> None:
    out.heading("应收账款账龄 (COLL-3, COLL-5)", "Receivables aging (COLL-3, COLL-5)")
    cur = policy.currency
    items = [
        Receivable(
            "AR-1",
            Money("120000", cur),
            due=_dt.date(2026, 3, 10),
            customer="华东建材",
            salesperson=sellers[0].id,
        ),
        Receivable(
            "AR-2",
            Money("80000", cur),
            due=_dt.date(2025, 11, 30),
            customer="北方贸易",
            salesperson=sellers[1].id,
        ),
        Receivable(
            "AR-3",
            Money("50000", cur),
            due=_dt.date(2026, 4, 15),
            customer="南山物业",
            salesperson=sellers[2].id,
        ),
    ]
    paid = [Receipt("RC-1", Money("70000", cur), receivable="AR-1", received=_dt.date(2026, 3, 12))]
    report = aging(items, paid, MONTH.end, policy.receivables)
    for label, total in report.buckets:
        out.lines.append(f"  {label}: {out.money(total)}")
    out.decision("账龄与坏账风险" if out.zh else "aging and bad-debt risk", report)


def _duties(out: _Report, policy: CompanyPolicy, *_: object) -> None:
    out.heading("本月到期事项 (CAL-0..13)", "Duties due this month (CAL-0..13)")
    seen: set[str] = set()
    for occurrence in duties_due(policy.calendar, MONTH.start, MONTH.end):
        if occurrence.duty.code in seen:
            continue
        seen.add(occurrence.duty.code)
        title = occurrence.duty.title_zh if out.zh else occurrence.duty.title_en
        out.lines.append(f"  {occurrence.due.isoformat()}  {occurrence.duty.code}  {title}")
