"""salesdomain: the rules of a sales department as tested, importable code.

Pure domain objects and rules: apps pass in plain values (money, dates, roles, a
company policy) and get back decisions that say what is allowed, who must approve,
and why.  No storage, no clock, no network, no UI.

The building blocks of :mod:`salesdomain.core` are re-exported here; each rule
family lives in its own module (``salesdomain.pricing``, ``salesdomain.targets``...).

>>> from salesdomain import Money, allocate
>>> allocate(Money("100.00"), [1, 1, 1])
(Money('33.34', 'CNY'), Money('33.33', 'CNY'), Money('33.33', 'CNY'))
"""

from salesdomain.core import (
    GENERIC_LADDER,
    HOTEL_LADDER,
    PRINCIPAL_SIGNATORY,
    REAL_ESTATE_LADDER,
    Approval,
    AuthorityLimits,
    CurrencyMismatch,
    Decision,
    Employee,
    FiscalYear,
    FloatNotAllowed,
    IgnoredApproval,
    IllegalTransition,
    InvalidInput,
    Money,
    OrgChart,
    ParamValue,
    Party,
    Period,
    PolicyError,
    Rate,
    Reason,
    Role,
    RoleLadder,
    RouteCheck,
    SalesDomainError,
    UnknownEntity,
    Verdict,
    WrongType,
    allocate,
    clamp_day,
    currency_precision,
    elapsed_fraction,
    jsonable,
    minor_unit,
    missing_approvals,
)

__version__ = "0.1.0"

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
    "__version__",
    "allocate",
    "clamp_day",
    "currency_precision",
    "elapsed_fraction",
    "jsonable",
    "minor_unit",
    "missing_approvals",
]
