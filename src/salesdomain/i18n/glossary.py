"""Display names of the code-like values that reasons carry as parameters.

Reasons keep stable codes (``"dealer"``, ``"unit_price_cut"``) so that apps can store
and compare them; explanations show these names instead.  A value that is not listed
is shown as it is.
"""

from __future__ import annotations

from typing import Final

ZH_CN: Final[dict[str, str]] = {
    # pricing: channels and tiers
    "direct": "直销",
    "dealer": "经销商",
    "market_quote": "市场报价",
    "factory_floor": "最低出厂价",
    "dealer_floor": "经销商最低价",
    # commission
    "collected": "回款",
    "booked": "签约",
    "marginal": "超额累进",
    "whole_amount": "全额累进",
    # appraisal
    "reward": "奖励",
    "penalty": "处罚",
    "sales_completion": "销售完成率",
    "collection_rate": "回款率",
    "new_customers": "新客户开发",
    "visits": "拜访完成率",
    "reports_on_time": "报表按时率",
    "expense_ratio": "费用率",
    "attendance": "考勤",
    "absent_days": "旷工天数",
    # contracts
    "unit_price_cut": "单价下调",
    "total_price_cut_rate": "总价下调(比例)",
    "total_price_cut_amount": "总价下调(金额)",
    "payment_deferral": "延期付款",
    "delivery_delay": "延期交付",
    "clause_added": "增加条款",
    "clause_removed": "删除条款",
    "clause_edited": "修改条款",
    "party_swap": "更名",
    "unit_swap": "换房",
    "payment_method": "付款方式",
    "within_authority": "权限内",
    "beyond_authority": "超出权限",
    "special": "特殊变更",
    # reports, bookings, pipeline
    "daily": "日报",
    "weekly": "周报",
    "weekly_sales": "周销售报表",
    "monthly": "月报",
    "finance": "财务部",
    "group": "团队",
    "meeting": "会议",
    "banquet": "宴会",
    "lead": "线索",
    "prospect": "意向客户",
    "presentation": "方案展示",
    "negotiation": "谈判",
    "won": "成交",
    "lost": "丢单",
    "disqualified": "不合格",
    "account_management": "客户维护",
    # service and training
    "objection": "客户异议",
    "complaint": "投诉",
    "after_sales": "售后",
    "site_problem": "现场问题",
    "customer_service": "客户服务部",
    "technical": "技术部",
    "resolved": "已解决",
    "closed": "已关闭",
    "skills": "专业技能培训",
    "script": "销售说辞培训",
    "business_review": "业务与技术问题讨论",
}

EN: Final[dict[str, str]] = {
    "whole_amount": "whole amount",
    "weekly_sales": "weekly sales",
    "account_management": "account management",
}


def display(value: str, locale: str) -> str:
    """The display name of ``value`` in ``locale`` (``a:b`` values part by part).

    >>> display("clause_edited:payment_method", "zh_CN"), display("unit_price_cut", "en")
    ('修改条款:付款方式', 'unit price cut')
    """
    if ":" in value:
        return ":".join(display(part, locale) for part in value.split(":"))
    if locale.startswith("zh"):
        return ZH_CN.get(value, value)
    if value in EN:
        return EN[value]
    if value.replace("_", "").isalpha() and value.islower() and "_" in value:
        return value.replace("_", " ")
    return value
