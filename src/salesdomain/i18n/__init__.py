"""Explanations: every reason of a rule result as a sentence a sales manager reads.

``explain(result, locale="zh_CN")`` renders each :class:`~salesdomain.Reason` of a
decision (or a single reason, or a sequence of reasons) with the message catalogue of
the locale.  Money, rates, numbers and dates are formatted by babel for that locale
(``¥1,234.50`` in Chinese, ``CN¥1,234.50`` in English); roles by their display names.

Supported locales: ``zh_CN`` and ``en``.

>>> from salesdomain import Decision, Money, Reason, Verdict
>>> from salesdomain.i18n import explain
>>> d = Decision(Verdict.REJECTED, (Reason("SOD-1", "self_approval", {"by": "c7", "role": "sales_manager"}),))
>>> explain(d, "en")
('c7 made the request and cannot approve it',)
>>> explain(d, "fr")
Traceback (most recent call last):
...
salesdomain.core.errors.UnknownEntity: locale: not a supported locale (supported: zh_CN, en), got 'fr'
"""

from __future__ import annotations

import datetime as _dt
import functools
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from typing import Final

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from salesdomain.core import Money, Period, Rate, Reason, Role, UnknownEntity, WrongType
from salesdomain.core._numbers import _CTX
from salesdomain.i18n import en, zh_cn
from salesdomain.i18n.glossary import display

__all__ = ["SUPPORTED_LOCALES", "catalogue", "explain", "format_value"]

SUPPORTED_LOCALES: Final = ("zh_CN", "en")
_CATALOGUES: Final[Mapping[str, Mapping[str, str]]] = {
    "zh_CN": zh_cn.MESSAGES,
    "en": en.MESSAGES,
}
_FORMATTER = string.Formatter()


def _check_locale(locale: object) -> str:
    if locale not in _CATALOGUES:
        raise UnknownEntity(
            "locale", locale, f"not a supported locale (supported: {', '.join(SUPPORTED_LOCALES)})"
        )
    assert isinstance(locale, str)
    return locale


def catalogue(locale: str) -> Mapping[str, str]:
    """The message templates of ``locale``, keyed by reason code."""
    return _CATALOGUES[_check_locale(locale)]


@functools.cache
def _babel_locale(locale: str) -> Locale:
    return Locale.parse(locale)


def format_value(value: object, locale: str = "zh_CN") -> str:
    """Format one reason parameter for ``locale``.

    >>> format_value(Money("1234.5"), "zh_CN"), format_value(Rate("0.125"), "en")
    ('¥1,234.50', '12.5%')
    """
    checked = _check_locale(locale)
    with localcontext(_CTX):  # babel rounds in the current context: lend it ours
        return _format(value, checked, _babel_locale(checked))


def _format(value: object, locale: str, loc: Locale) -> str:
    """Format one value for an already checked ``locale`` (``loc`` its babel Locale)."""
    kind = type(value)
    if kind is Money:
        money: Money = value  # type: ignore[assignment]
        return str(format_currency(money.amount, money.currency, locale=loc))
    if kind is str:
        return display(value, locale)  # type: ignore[arg-type]
    if kind is Rate:
        return str(format_percent(value.value, "#,##0.##%", locale=loc))  # type: ignore[attr-defined]
    if kind is Role:
        role: Role = value  # type: ignore[assignment]
        return role.display_name(locale)
    if kind is int or kind is Decimal:
        return str(format_decimal(value, "#,##0.############", locale=loc))  # type: ignore[arg-type]
    if kind is _dt.date:
        return str(format_date(value, "medium", locale=loc))  # type: ignore[arg-type]
    if kind is Period:
        period: Period = value  # type: ignore[assignment]
        sep = "至" if locale.startswith("zh") else " to "
        start = format_date(period.start, "medium", locale=loc)
        return f"{start}{sep}{format_date(period.end, 'medium', locale=loc)}"
    if kind is tuple:
        sep = "、" if locale.startswith("zh") else ", "
        return sep.join(_format(item, locale, loc) for item in value)  # type: ignore[attr-defined]
    return str(value)


def _reasons(result: object) -> tuple[Reason, ...]:
    if isinstance(result, Reason):
        return (result,)
    reasons = getattr(result, "reasons", None)
    if reasons is not None and not isinstance(reasons, (str, bytes)):
        if callable(reasons):
            reasons = reasons()
        items = tuple(reasons)
    elif isinstance(result, Iterable) and not isinstance(result, (str, bytes)):
        items = tuple(result)
    else:
        raise WrongType("result", result, "a decision, a Reason, or a sequence of Reasons")
    for index, item in enumerate(items):
        if not isinstance(item, Reason):
            raise WrongType(f"result.reasons[{index}]", item, "a Reason")
    return items


def explain(result: object, locale: str = "zh_CN") -> tuple[str, ...]:
    """One sentence per reason of ``result``, in ``locale``.

    Args:
        result: any rule result with ``reasons`` (a Decision or subclass, a
            RouteCheck), a single Reason, or a sequence of Reasons.
        locale: ``"zh_CN"`` (default) or ``"en"``.

    Returns:
        The sentences, in the order of the reasons.

    Raises:
        UnknownEntity: the locale is not supported.
        WrongType: ``result`` carries no reasons.
    """
    messages = catalogue(locale)
    loc = _babel_locale(locale)
    reasons = _reasons(result)
    with localcontext(_CTX):  # babel rounds in the current context: lend it ours
        return tuple(_render(reason, messages, locale, loc) for reason in reasons)


@functools.lru_cache(maxsize=1024)
def _fields(template: str) -> frozenset[str]:
    return frozenset(field for _, field, _, _ in _FORMATTER.parse(template) if field)


def _render(reason: Reason, messages: Mapping[str, str], locale: str, loc: Locale) -> str:
    template = messages.get(reason.code)
    params = {name: _format(value, locale, loc) for name, value in reason.params}
    if template is None:
        shown = ", ".join(f"{name}={text}" for name, text in params.items())
        return f"{reason.rule} {reason.code}" + (f" ({shown})" if shown else "")
    for name in _fields(template) - params.keys():
        params[name] = "?"
    return template.format_map(params)
