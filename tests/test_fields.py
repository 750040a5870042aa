"""Checked attrs fields (core/_fields.py): shared checks told the field's name."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from salesdomain import InvalidInput, WrongType
from salesdomain.core._fields import check, wire_checks
from salesdomain.core._numbers import check_date, check_text


@attrs.frozen(field_transformer=wire_checks)
class Note:
    author: str = attrs.field(metadata=check(check_text))
    _day: dt.date = attrs.field(alias="day", metadata=check(check_date))
    title: str = attrs.field(default="untitled", kw_only=True, metadata=check(check_text))


def test_a_checked_field_tidies_its_value_with_the_shared_check() -> None:
    assert Note(" 张伟 ", dt.date(2026, 3, 2)).author == "张伟"


def test_the_error_names_the_field_by_its_init_name() -> None:
    with pytest.raises(InvalidInput, match="author: must not be empty"):
        Note(" ", dt.date(2026, 3, 2))
    with pytest.raises(WrongType, match="day: expected a datetime.date"):
        Note("a", dt.datetime(2026, 3, 2))  # type: ignore[arg-type]
    with pytest.raises(WrongType, match="title: expected a non-empty str"):
        Note("a", dt.date(2026, 3, 2), title=5)  # type: ignore[arg-type]


def test_a_field_cannot_have_both_a_converter_and_a_check() -> None:
    with pytest.raises(TypeError, match="Both.x: a checked field has no converter"):

        @attrs.frozen(field_transformer=wire_checks)
        class Both:
            x: str = attrs.field(converter=str, metadata=check(check_text))
