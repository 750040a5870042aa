"""The building blocks every rule module stands on.

``core`` imports only the standard library, attrs, dateutil and babel, and never a
rule module.  Everything public here is re-exported from :mod:`salesdomain`.
"""

from salesdomain.core.approvals import (
    Approval,
    AuthorityLimits,
    IgnoredApproval,
    RouteCheck,
    missing_approvals,
)
from salesdomain.core.decisions import Decision, ParamValue, Rate, Reason, Verdict, jsonable
from salesdomain.core.errors import (
    CurrencyMismatch,
    FloatNotAllowed,
    IllegalTransition,
    InvalidInput,
    PolicyError,
    SalesDomainError,
    UnknownEntity,
    WrongType,
)
from salesdomain.core.money import Money, allocate, currency_precision, minor_unit
from salesdomain.core.org import (
    GENERIC_LADDER,
    HOTEL_LADDER,
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Employee,
    OrgChart,
    Party,
    Role,
    RoleLadder,
)
from salesdomain.core.periods import FiscalYear, Period, clamp_day, elapsed_fraction

__all__ = [
    "GENERIC_LADDER",
    "HOTEL_LADDER",
    "PRINCIPAL_SIGNATORY",
    "REAL_ESTATE_LADDER",
    "Approval",
    "AuthorityLimits",
    "CurrencyMismatch",
    "Decision",
    "Employee",
    "FiscalYear",
    "FloatNotAllowed",
    "IgnoredApproval",
    "IllegalTransition",
    "InvalidInput",
    "Money",
    "OrgChart",
    "ParamValue",
    "Party",
    "Period",
    "PolicyError",
    "Rate",
    "Reason",
    "Role",
    "RoleLadder",
    "RouteCheck",
    "SalesDomainError",
    "UnknownEntity",
    "Verdict",
    "WrongType",
    "allocate",
    "clamp_day",
    "currency_precision",
    "elapsed_fraction",
    "jsonable",
    "minor_unit",
    "missing_approvals",
]
