"""The demo report printed by ``python -m salesdomain demo`` (pure: returns text)."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from salesdomain.core import (
    REAL_ESTATE_LADDER,
    Approval,
    AuthorityLimits,
    FiscalYear,
    Money,
    Rate,
    allocate,
    missing_approvals,
)

__all__ = ["run_demo"]


def run_demo(*, locale: str = "zh_CN") -> str:
    """Return the demo report as text.

    >>> "33,333.34" in run_demo(locale="en")
    True
    """
    zh = locale.startswith("zh")
    lines: list[str] = []

    def say(zh_text: str, en_text: str) -> None:
        lines.append(zh_text if zh else en_text)

    say("== salesdomain 演示 ==", "== salesdomain demo ==")
    say("", "")
    say(
        "1. 金额精确: 金额为 Decimal, 按币种最小单位取整",
        "1. Exact money: Decimal amounts, rounded to the currency's minor unit",
    )
    for currency in ("CNY", "JPY", "KWD"):
        amount = Money("1234.5675", currency).rounded()
        lines.append(f"   {amount.format(locale)}  ({currency})")
    say("", "")
    say(
        "2. 分配: 100,000.00 按 1:1:1 分给三名销售员, 合计分毫不差",
        "2. Allocation: 100,000.00 split 1:1:1 among three salespeople, to the cent",
    )
    parts = allocate(Money("100000.00"), [1, 1, 1])
    for name, part in zip(("张伟", "李娜", "王芳"), parts, strict=True):
        lines.append(f"   {name}: {part.format(locale)}")
    total = sum(parts, Money.zero())
    say(f"   合计: {total.format(locale)}", f"   total: {total.format(locale)}")
    say("", "")
    say(
        "3. 年度目标拆分到季度 (财年自 4 月起)",
        "3. Annual target into quarters (fiscal year from April)",
    )
    quarters = FiscalYear(2026, start_month=4).quarters()
    for period, part in zip(quarters, allocate(Money("1000000"), [2, 3, 3, 2]), strict=True):
        lines.append(f"   {period}: {part.format(locale)}")
    say("", "")
    say(
        "4. 审批权限: 销售经理可批 5% 以内的降价, 营销总监不限",
        "4. Authority: the sales manager approves price cuts up to 5%, the director any",
    )
    ladder = REAL_ESTATE_LADDER
    manager = ladder.get("sales_manager")
    director = ladder.get("marketing_director")
    limits = AuthorityLimits({manager: Decimal("0.05"), director: None})
    for cut in ("0.03", "0.08"):
        role = limits.required_role(Decimal(cut))
        name = role.display_name(locale) if role else "-"
        lines.append(f"   {Rate(cut)} -> {name}")
    day = _dt.date(2026, 3, 2)
    route = (manager, director)
    check = missing_approvals(
        route,
        [Approval(director, "director-1", day), Approval(manager, "consultant-7", day)],
        "consultant-7",
    )
    say(
        "   8% 降价的审批路线: 销售经理 -> 营销总监; 申请人自批无效:",
        "   Route for an 8% cut: manager -> director; the requester's own approval never counts:",
    )
    for step in check.missing:
        say(
            f"   尚缺: {step.display_name(locale)}",
            f"   still missing: {step.display_name(locale)}",
        )
    for item in check.ignored:
        say(
            f"   不计入: {item.approval.by} ({item.reason.rule} {item.reason.code})",
            f"   not counted: {item.approval.by} ({item.reason.rule} {item.reason.code})",
        )
    lines.append("")
    return "\n".join(lines)
