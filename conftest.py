"""Root pytest configuration: names every doctest may use without importing them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["datetime"] = datetime
    doctest_namespace["Decimal"] = Decimal
