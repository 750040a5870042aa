"""Explanations in Chinese and English (issue 9): every reason code has a message."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import string

import pytest

import salesdomain
from salesdomain import (
    REAL_ESTATE_LADDER,
    Approval,
    Decision,
    Money,
    Period,
    Rate,
    Reason,
    UnknownEntity,
    Verdict,
    WrongType,
    missing_approvals,
)
from salesdomain.i18n import SUPPORTED_LOCALES, catalogue, explain, format_value


def _emitting_modules() -> list[str]:
    names = ["salesdomain.core.approvals"]
    for info in pkgutil.iter_modules(salesdomain.__path__):
        if info.name.startswith("_") or info.name in {"core", "i18n", "policy", "profiles"}:
            continue
        names.append(f"salesdomain.{info.name}")
    return names


def _all_codes() -> dict[str, set[str]]:
    codes: dict[str, set[str]] = {}
    for name in _emitting_modules():
        module = importlib.import_module(name)
        for code in getattr(module, "REASON_CODES", ()):
            codes.setdefault(code, set()).add(name)
    return codes


def test_every_rule_module_declares_its_reason_codes() -> None:
    for name in _emitting_modules():
        module = importlib.import_module(name)
        assert getattr(module, "REASON_CODES", None), f"{name} has no REASON_CODES"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_reason_code_the_library_can_emit_has_a_message(locale: str) -> None:
    missing = sorted(set(_all_codes()) - set(catalogue(locale)))
    assert missing == []


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_chinese_and_english_messages_use_the_same_parameters() -> None:
    zh, en = catalogue("zh_CN"), catalogue("en")
    assert set(zh) == set(en)
    different = {code for code in zh if _fields(zh[code]) != _fields(en[code])}
    assert different == set()


def test_money_rates_and_dates_are_formatted_per_locale() -> None:
    assert format_value(Money("1234.5"), "zh_CN") == "¥1,234.50"
    assert format_value(Money("1234.5"), "en") == "CN¥1,234.50"
    assert format_value(Rate("0.05"), "en") == "5%"
    assert format_value(dt.date(2026, 2, 28), "en") == "Feb 28, 2026"
    assert format_value(dt.date(2026, 2, 28), "zh_CN") == "2026年2月28日"
    assert format_value(REAL_ESTATE_LADDER.get("marketing_director"), "zh_CN") == "营销总监"
    assert format_value(Period.month(2026, 2), "en") == "Feb 1, 2026 to Feb 28, 2026"


def test_explain_renders_every_reason_of_a_route_check() -> None:
    manager = REAL_ESTATE_LADDER.get("sales_manager")
    check = missing_approvals((manager,), [Approval(manager, "c7", dt.date(2026, 3, 2))], "c7")
    assert explain(check.reasons(), "zh_CN") == (
        "尚缺销售经理的审批",
        "c7是申请人,不能审批自己的申请",
    )
    assert explain(check.reasons(), "en") == (
        "approval by the sales manager is still missing",
        "c7 made the request and cannot approve it",
    )


def test_explain_accepts_a_decision_or_a_single_reason() -> None:
    reason = Reason("SOD-2", "approval_missing", {"role": REAL_ESTATE_LADDER.get("sales_manager")})
    assert explain(Decision(Verdict.NEEDS_APPROVAL, (reason,)), "en") == explain(reason, "en")


def test_unsupported_locale_lists_the_supported_ones() -> None:
    with pytest.raises(
        UnknownEntity, match=r"locale: not a supported locale \(supported: zh_CN, en\)"
    ):
        explain(Decision(Verdict.ALLOWED), "de")


def test_explaining_something_without_reasons_is_refused() -> None:
    with pytest.raises(WrongType, match="result"):
        explain(42, "en")
