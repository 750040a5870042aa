"""Company policies: every module's settings in one value, loaded from TOML.

A :class:`CompanyPolicy` holds the company's name, currency, timezone and locale, its
role ladder, and one policy per rule module (``.pricing``, ``.targets``,
``.contracts``...), named after RULES.md section 23.  It is read from a mapping or a
TOML file (``tomllib`` with ``parse_float=Decimal``, so ``rate = 0.05`` is the exact
decimal 0.05) and written back with :func:`dump_policy`; every embedded profile
round-trips.

Every problem of a file is reported at once, as one :class:`~salesdomain.PolicyError`
whose ``.errors`` lists ``(key path, message)`` pairs; unknown keys are errors, never
ignored.  Nothing else escapes the loader.

>>> from salesdomain.policy import CompanyPolicy, default_policy
>>> policy = default_policy()
>>> policy.name, policy.currency, policy.pricing.discount_authority.roles[0].code
('通用销售公司', 'CNY', 'sales_manager')
>>> data = policy.to_mapping()
>>> data["targets"]["deviation_tolerence"] = data["targets"].pop("deviation_tolerance")
>>> CompanyPolicy.from_mapping(data)
Traceback (most recent call last):
...
salesdomain.core.errors.PolicyError: targets.deviation_tolerence: unknown key (expected one of: allow_over_allocation, deviation_tolerance, rounding, week_anchor_day); targets.deviation_tolerance: missing required key
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

from salesdomain.appraisal import AppraisalPolicy, Scorecard
from salesdomain.attendance import AttendancePolicy
from salesdomain.commission import CommissionPlan
from salesdomain.contracts import ContractChangePolicy
from salesdomain.core import (
    GENERIC_LADDER,
    HOTEL_LADDER,
    REAL_ESTATE_LADDER,
    PolicyError,
    Role,
    RoleLadder,
    SalesDomainError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core._numbers import check_text
from salesdomain.core.money import currency_precision
from salesdomain.duties import CalendarPolicy, Duty, get_duty
from salesdomain.expenses import ExpensePolicy
from salesdomain.organisation import OrganisationPolicy
from salesdomain.pipeline import PipelinePolicy
from salesdomain.policy._codec import (
    HOOKS,
    DecodeContext,
    Given,
    Problems,
    _fail,
    _Invalid,
    decode,
    encode,
)
from salesdomain.policy._toml import dumps
from salesdomain.pricing import PricePolicy
from salesdomain.quoting import QuotePolicy
from salesdomain.receivables import ReceivablesPolicy
from salesdomain.service import ServicePolicy
from salesdomain.targets import TargetPolicy
from salesdomain.training import TrainingPolicy
from salesdomain.units import UnitPolicy
from salesdomain.visits import VisitPolicy

__all__ = [
    "CompanyPolicy",
    "default_policy",
    "dump_policy",
    "list_profiles",
    "load_policy",
    "load_profile",
    "parse_policy",
]

SECTIONS: Final[tuple[tuple[str, type[Any], bool], ...]] = (
    # (TOML table, policy class, may be left out)
    ("pricing", PricePolicy, False),
    ("targets", TargetPolicy, False),
    ("commission", CommissionPlan, True),
    ("appraisal", AppraisalPolicy, False),
    ("scorecard", Scorecard, True),
    ("contracts", ContractChangePolicy, False),
    ("quoting", QuotePolicy, False),
    ("receivables", ReceivablesPolicy, False),
    ("expenses", ExpensePolicy, False),
    ("units", UnitPolicy, False),
    ("calendar", CalendarPolicy, False),
    ("attendance", AttendancePolicy, False),
    ("visits", VisitPolicy, False),
    ("pipeline", PipelinePolicy, False),
    ("organisation", OrganisationPolicy, False),
    ("service", ServicePolicy, False),
    ("training", TrainingPolicy, False),
)
"""The module policies of a company, in file order."""


def _read_duty(raw: object, path: str, ctx: DecodeContext) -> Duty:
    """A duty by its catalogue code (``"CAL-8"``), or spelled out as a table."""
    if isinstance(raw, str):
        try:
            return get_duty(raw)
        except UnknownEntity:
            return _fail(ctx, path, "not a duty of the catalogue (CAL-1 ... CAL-13)", raw)  # type: ignore[no-any-return]
    return decode(Duty, raw, path, ctx)  # type: ignore[no-any-return]


def _write_duty(duty: Duty) -> str | None:
    try:
        return duty.code if get_duty(duty.code) == duty else None
    except UnknownEntity:
        return None


HOOKS[Duty] = (_read_duty, _write_duty)

_INHERITED: Final = ("ladder", "currency", "timezone")
"""Fields a section takes from the company when the file does not set them."""

_PRESET_LADDERS: Final = {
    "generic": GENERIC_LADDER,
    "hotel": HOTEL_LADDER,
    "real_estate": REAL_ESTATE_LADDER,
}


def _name(value: object) -> str:
    return check_text(value, "name")


def _currency(value: object) -> str:
    text = check_text(value, "currency").upper()
    currency_precision(text)  # raises UnknownEntity for an unknown code
    return text


def _timezone(value: object) -> str:
    return check_text(value, "timezone")


def _locale(value: object) -> str:
    text = check_text(value, "locale")
    if text not in ("zh_CN", "en"):
        raise UnknownEntity("locale", value, "not a supported locale (supported: zh_CN, en)")
    return text


def _ladder(value: object) -> RoleLadder:
    if not isinstance(value, RoleLadder):
        raise WrongType("ladder", value, "a RoleLadder")
    return value


@attrs.frozen(kw_only=True)
class CompanyPolicy:
    """One company's whole policy: identity, roles, and every module's settings.

    Attribute names follow RULES.md section 23 and the TOML tables of the same names.
    Build one with :meth:`from_mapping`, :func:`parse_policy`, :func:`load_policy` or
    :func:`load_profile`.
    """

    name: str = attrs.field(converter=_name)
    currency: str = attrs.field(default="CNY", converter=_currency)
    timezone: str = attrs.field(default="Asia/Shanghai", converter=_timezone)
    locale: str = attrs.field(default="zh_CN", converter=_locale)
    ladder: RoleLadder = attrs.field(default=GENERIC_LADDER, validator=lambda i, a, v: _ladder(v))
    pricing: PricePolicy
    targets: TargetPolicy
    commission: CommissionPlan | None = None
    appraisal: AppraisalPolicy
    scorecard: Scorecard | None = None
    contracts: ContractChangePolicy
    quoting: QuotePolicy
    receivables: ReceivablesPolicy
    expenses: ExpensePolicy
    units: UnitPolicy
    calendar: CalendarPolicy
    attendance: AttendancePolicy
    visits: VisitPolicy
    pipeline: PipelinePolicy
    organisation: OrganisationPolicy
    service: ServicePolicy
    training: TrainingPolicy

    def __attrs_post_init__(self) -> None:
        problems = [
            (path, f"role {role.code!r} is not a role of the company's ladder (org.roles)")
            for path, role in _roles_in(self)
            if role not in self.ladder.roles
        ]
        if problems:
            raise PolicyError.from_errors(problems)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> CompanyPolicy:
        """Build a policy from plain data (as ``tomllib`` reads it).

        Raises:
            PolicyError: every problem found, with its key path, in ``.errors``.
        """
        problems = Problems()
        if not isinstance(data, Mapping):
            raise PolicyError.from_errors([("<root>", f"expected a table, got {data!r:.60}")])
        allowed = {"company", "org"} | {key for key, _, _ in SECTIONS}
        for key in data:
            if key not in allowed:
                problems.add(
                    str(key), f"unknown table (expected one of: {', '.join(sorted(allowed))})"
                )
        company = _table(data, "company", problems)
        identity: dict[str, object] = {}
        for key in company:
            if key not in ("name", "currency", "timezone", "locale"):
                problems.add(
                    f"company.{key}",
                    "unknown key (expected one of: currency, locale, name, timezone)",
                )
        if "name" not in company:
            problems.add("company.name", "missing required key")
        converters = {
            "name": _name,
            "currency": _currency,
            "timezone": _timezone,
            "locale": _locale,
        }
        for key, convert in converters.items():
            if key in company:
                try:
                    identity[key] = convert(company[key])
                except SalesDomainError as err:
                    problem = getattr(err, "problem", None) or getattr(err, "expected", str(err))
                    problems.add(f"company.{key}", f"{problem}, got {company[key]!r:.60}")
        ladder = _read_ladder(_table(data, "org", problems), problems)
        currency = identity.get("currency", "CNY")
        ctx = DecodeContext(ladder, currency if isinstance(currency, str) else "CNY", problems)
        inherited = {
            "ladder": ladder,
            "currency": ctx.currency,
            "timezone": identity.get("timezone", "Asia/Shanghai"),
        }
        sections: dict[str, object] = {}
        for key, section_cls, optional in SECTIONS:
            raw = data.get(key)
            if raw is None and optional:
                continue
            try:
                sections[key] = _decode_section(section_cls, raw or {}, key, ctx, inherited)
            except _Invalid:
                continue
        if problems:
            raise PolicyError.from_errors(problems.items)
        try:
            return cls(ladder=ladder, **identity, **sections)  # type: ignore[arg-type]
        except PolicyError as err:
            raise PolicyError.from_errors(err.errors) from None
        except (ValueError, TypeError) as err:
            field = getattr(err, "field", "company")
            raise PolicyError.from_errors(
                [(f"company.{field}" if field in identity else str(field), str(err))]
            ) from None

    def to_mapping(self) -> dict[str, object]:
        """Plain data that :meth:`from_mapping` reads back to an equal policy."""
        data: dict[str, object] = {
            "company": {
                "name": self.name,
                "currency": self.currency,
                "timezone": self.timezone,
                "locale": self.locale,
            },
            "org": {"roles": [_role_data(role) for role in self.ladder.roles]},
        }
        inherited = {"ladder": self.ladder, "currency": self.currency, "timezone": self.timezone}
        for key, _, _ in SECTIONS:
            value = getattr(self, key)
            if value is None:
                continue
            section = encode(value)
            for field_name, company_value in inherited.items():
                if field_name in section and getattr(value, field_name, None) == company_value:
                    del section[field_name]
            data[key] = section
        return data


def _table(data: Mapping[str, object], key: str, problems: Problems) -> Mapping[str, object]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        problems.add(key, f"expected a table, got {value!r:.60}")
        return {}
    return value


def _read_ladder(org: Mapping[str, object], problems: Problems) -> RoleLadder:
    for key in org:
        if key not in ("roles", "preset"):
            problems.add(f"org.{key}", "unknown key (expected one of: preset, roles)")
    if "roles" in org and "preset" in org:
        problems.add("org", "give either preset or roles, not both")
    preset = org.get("preset")
    if preset is not None:
        if preset not in _PRESET_LADDERS:
            problems.add(
                "org.preset", f"expected one of: {', '.join(_PRESET_LADDERS)}, got {preset!r:.40}"
            )
            return GENERIC_LADDER
        return _PRESET_LADDERS[str(preset)]
    if "roles" not in org:
        return GENERIC_LADDER
    ctx = DecodeContext(GENERIC_LADDER, "CNY", problems)
    try:
        roles = tuple(
            decode(Role, item, f"org.roles[{i}]", ctx)
            for i, item in enumerate(_list(org["roles"], "org.roles", problems))
        )
        return RoleLadder(roles)
    except _Invalid:
        return GENERIC_LADDER
    except PolicyError as err:
        for key, message in err.errors:
            problems.add(f"org.{key}", message)
        return GENERIC_LADDER


def _list(value: object, path: str, problems: Problems) -> list[object]:
    if not isinstance(value, list):
        problems.add(path, f"expected an array, got {value!r:.60}")
        raise _Invalid
    return value


def _decode_section(
    cls: type[Any], raw: object, key: str, ctx: DecodeContext, inherited: Mapping[str, object]
) -> Any:
    if not isinstance(raw, Mapping):
        ctx.problems.add(key, f"expected a table, got {raw!r:.60}")
        raise _Invalid
    fields = {f.alias for f in attrs.fields(cls) if f.init}
    data = dict(raw)
    for name, value in inherited.items():
        if name in fields and name not in data:
            data[name] = Given(value)
    return decode(cls, data, key, ctx)


def _role_data(role: Role) -> dict[str, object]:
    data: dict[str, object] = {"code": role.code, "rank": role.rank}
    if role.name_zh:
        data["name_zh"] = role.name_zh
    if role.name_en:
        data["name_en"] = role.name_en
    if role.outside:
        data["party"] = role.party.value
    return data


def _roles_in(value: object, path: str = "") -> Iterator[tuple[str, Role]]:
    if isinstance(value, Role):
        yield path, value
    elif isinstance(value, RoleLadder):
        return
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            if field.init:
                yield from _roles_in(
                    getattr(value, field.name), f"{path}.{field.alias}".lstrip(".")
                )
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _roles_in(key, path)
            yield from _roles_in(item, f"{path}.{key}")
    elif isinstance(value, (tuple, list, frozenset)):
        for index, item in enumerate(value):
            yield from _roles_in(item, f"{path}[{index}]")


def parse_policy(text: str) -> CompanyPolicy:
    """Read a policy from TOML text.

    Raises:
        PolicyError: malformed TOML, or every problem of the policy, with key paths.
    """
    if not isinstance(text, str):
        raise PolicyError.from_errors(
            [("<text>", f"expected TOML text, got {type(text).__name__}")]
        )
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as err:
        raise PolicyError.from_errors([("<toml>", f"not valid TOML: {err}")]) from None
    return CompanyPolicy.from_mapping(data)


def load_policy(path: str | Path) -> CompanyPolicy:
    """Read a policy from a TOML file (the only I/O of the library)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PolicyError.from_errors([("<file>", f"cannot read {str(path)!r}: {err}")]) from None
    return parse_policy(text)


def list_profiles() -> tuple[str, ...]:
    """The names of the embedded profiles.

    >>> list_profiles()
    ('generic', 'hotel', 'hvac', 'real_estate')
    """
    folder = resources.files("salesdomain.profiles")
    return tuple(
        sorted(
            entry.name[: -len(".toml")]
            for entry in folder.iterdir()
            if entry.name.endswith(".toml")
        )
    )


def load_profile(name: str) -> CompanyPolicy:
    """One of the embedded profiles (``generic``, ``hotel``, ``real_estate``, ``hvac``).

    >>> load_profile("real_estate").ladder.get("marketing_director").name_zh
    '营销总监'
    >>> load_profile("bank")
    Traceback (most recent call last):
    ...
    salesdomain.core.errors.UnknownEntity: profile: not an embedded profile (known: generic, hotel, hvac, real_estate), got 'bank'
    """
    known = list_profiles()
    if name not in known:
        raise UnknownEntity("profile", name, f"not an embedded profile (known: {', '.join(known)})")
    text = (
        resources.files("salesdomain.profiles").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    )
    return parse_policy(text)


def default_policy() -> CompanyPolicy:
    """The embedded default policy (the ``generic`` profile)."""
    return load_profile("generic")


def dump_policy(policy: CompanyPolicy) -> str:
    """Write ``policy`` as TOML text that :func:`parse_policy` reads back equal."""
    if not isinstance(policy, CompanyPolicy):
        raise WrongType("policy", policy, "a CompanyPolicy")
    return dumps(policy.to_mapping(), header=f"salesdomain company policy: {policy.name}")
