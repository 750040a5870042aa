"""docs/traceability.md accounts for every rule and cannot rot (issue 9, traceability).

The checks read only this repository (never the shared seed), so they hold on any clone:

- every rule ID cited in ``src/`` or ``tests/`` has a row in the document (an ID is a
  rule ID when its prefix is one of the inventory's areas or the library's own SOD);
- every row's *implemented in* reference names a module and a public attribute that
  exist, and every *tested in* reference names a test that exists;
- no rule has two rows, and each area has exactly the rows of the inventory.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "traceability.md"
CITED_IN = ("src", "tests")
SUFFIXES = {".py", ".md", ".toml", ".txt", ".rst"}  # the files the coverage tool reads

RULE_ID = re.compile(r"\b([A-Z]{2,8}-\d{1,3}w?)\b")  # the coverage tool's own pattern
ROW_ID = re.compile(r"^[A-Z]{2,8}-\d{1,3}w?$")
REFERENCE = re.compile(r"`([^`]+)`")
DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$")
TEST_REF = re.compile(r"^(test_\w+\.py)::(test_\w+)$")

# Duty codes used on purpose as unknown ones (duties): they must stay out of the document.
NOT_RULES = frozenset({"CAL-20", "CAL-99"})

# The shape of the inventory (RULES.md section 0.4): rules per area, numbered from 1;
# the calendar also has CAL-0 and the weekly rows CAL-6w..CAL-10w.
INVENTORY = {
    "ROLE": 12,
    "PRICE": 8,
    "TARGET": 12,
    "COLL": 10,
    "EXP": 7,
    "INC": 5,
    "APPR": 9,
    "CONTRACT": 9,
    "QUOTE": 8,
    "VISIT": 9,
    "ATT": 17,
    "CAL": 13,  # CAL-1..CAL-13, plus CAL-0 and CAL-6w..CAL-10w below
    "PIPE": 12,
    "UNIT": 5,
    "DEP": 5,
    "REPORT": 12,
    "CS": 9,
    "TRAIN": 6,
    "INFO": 3,
    "MKT": 10,
}
LIBRARY_RULES = frozenset({"SOD-1", "SOD-2", "SOD-3", "SOD-4"})  # core/approvals.py
# An ID is a rule ID when its prefix is a rule area.  Other IDs of the same shape are
# data in examples and tests (contract "HT-1", invoice "INV-1", product "VAV-200", the
# time-zone string "CST-8"...), never rules, so they are left alone.
RULE_PREFIXES = frozenset(INVENTORY) | {"SOD"}

BUILT = ("**implemented**", "**partly**")
NOT_BUILT = ("**not built yet**", "**not machine-checkable**", "**advisory**")


def _rows() -> list[tuple[int, list[str]]]:
    """Every table row of the document whose first cell is a rule ID, with its line."""
    rows = []
    for number, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and ROW_ID.match(cells[0]):
            rows.append((number, cells))
    return rows


def _cited_ids() -> dict[str, set[str]]:
    """Rule-shaped IDs cited in src/ and tests/, each with the files citing it."""
    found: dict[str, set[str]] = {}
    for folder in CITED_IN:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path.suffix not in SUFFIXES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for rule_id in RULE_ID.findall(text):
                found.setdefault(rule_id, set()).add(str(path.relative_to(ROOT)))
    return found


def _resolve(reference: str) -> str | None:
    """Import ``salesdomain.<module>`` and fetch the public attribute; None if it exists."""
    parts = reference.split(".")
    module: ModuleType | None = None
    cut = 0
    for cut in range(len(parts) - 1, 0, -1):
        name = "salesdomain." + ".".join(parts[:cut])
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and not name.startswith(exc.name):
                raise  # a module that exists but fails to import is not a missing one
            continue
        break
    if module is None:
        return f"no module salesdomain.{'.'.join(parts[:-1])}"
    names = parts[cut:]
    public = getattr(module, "__all__", None)
    if public is not None and names[0] not in public:
        return f"{names[0]} is not in {module.__name__}.__all__"
    target: object = module
    for name in names:
        if name.startswith("_"):
            return f"{name} is private"
        if not hasattr(target, name):
            return f"{name} does not exist"
        target = getattr(target, name)
    return None


@pytest.fixture(scope="module")
def rows() -> list[tuple[int, list[str]]]:
    found = _rows()
    assert found, f"{DOC} has no rule rows"
    return found


def test_every_rule_id_cited_in_src_and_tests_has_a_row(
    rows: list[tuple[int, list[str]]],
) -> None:
    documented = {cells[0] for _, cells in rows}
    missing = sorted(
        f"{rule_id} (cited in {', '.join(sorted(files))})"
        for rule_id, files in _cited_ids().items()
        if rule_id.split("-")[0] in RULE_PREFIXES
        and rule_id not in NOT_RULES
        and rule_id not in documented
    )
    assert [] == missing, "add a row to docs/traceability.md for each rule ID cited"


def test_deliberately_unknown_duty_codes_are_not_documented_as_rules(
    rows: list[tuple[int, list[str]]],
) -> None:
    assert set() == NOT_RULES & {cells[0] for _, cells in rows}


def test_every_row_has_the_five_columns(rows: list[tuple[int, list[str]]]) -> None:
    assert [] == [(line, cells[0]) for line, cells in rows if len(cells) != 5]


def test_no_rule_has_two_rows(rows: list[tuple[int, list[str]]]) -> None:
    seen: dict[str, int] = {}
    duplicates = []
    for line, cells in rows:
        if cells[0] in seen:
            duplicates.append(f"{cells[0]} on lines {seen[cells[0]]} and {line}")
        seen.setdefault(cells[0], line)
    assert [] == duplicates


def test_each_area_has_exactly_the_rows_of_the_inventory(
    rows: list[tuple[int, list[str]]],
) -> None:
    expected = {f"{area}-{n}" for area, count in INVENTORY.items() for n in range(1, count + 1)}
    expected |= {"CAL-0"} | {f"CAL-{n}w" for n in range(6, 11)}
    expected |= LIBRARY_RULES
    assert sorted(expected) == sorted({cells[0] for _, cells in rows})


def test_every_implemented_in_reference_names_an_existing_public_attribute(
    rows: list[tuple[int, list[str]]],
) -> None:
    problems = []
    for line, cells in rows:
        for reference in REFERENCE.findall(cells[2]):
            if not DOTTED.match(reference):
                problems.append(f"line {line} {cells[0]}: {reference!r} is not module.name")
                continue
            problem = _resolve(reference)
            if problem is not None:
                problems.append(f"line {line} {cells[0]}: {reference}: {problem}")
    assert [] == problems


def test_every_tested_in_reference_names_an_existing_test(
    rows: list[tuple[int, list[str]]],
) -> None:
    problems = []
    for line, cells in rows:
        for reference in REFERENCE.findall(cells[3]):
            match = TEST_REF.match(reference)
            if match is None:
                problems.append(f"line {line} {cells[0]}: {reference!r} is not file::test")
                continue
            path = ROOT / "tests" / match.group(1)
            defined = re.compile(rf"^\s*def {match.group(2)}\(", re.MULTILINE)
            if not path.is_file() or not defined.search(path.read_text(encoding="utf-8")):
                problems.append(f"line {line} {cells[0]}: no test {reference}")
    assert [] == problems


def test_built_rows_name_code_and_tests_and_the_others_name_neither(
    rows: list[tuple[int, list[str]]],
) -> None:
    problems = []
    for line, cells in rows:
        rule, _, implemented, tested, status = cells
        if status.startswith(BUILT):
            if not REFERENCE.search(implemented) or not REFERENCE.search(tested):
                problems.append(f"line {line} {rule}: built, but names no code or no test")
        elif status.startswith(NOT_BUILT):
            if (implemented, tested) != ("—", "—"):
                problems.append(f"line {line} {rule}: not built, but names code or tests")
            if not status.partition("**")[2].partition("**")[2].strip():
                problems.append(f"line {line} {rule}: says why not in no words")
        else:
            problems.append(f"line {line} {rule}: unknown status {status[:30]!r}")
    assert [] == problems


def test_a_missing_attribute_is_reported_not_ignored() -> None:
    assert "does_not_exist does not exist" == _resolve("pricing.check_price.does_not_exist")
    assert "check_nothing is not in salesdomain.pricing.__all__" == _resolve(
        "pricing.check_nothing"
    )
    assert "no module salesdomain.nowhere" == _resolve("nowhere.thing")
    assert _resolve("core.org.OrgChart.superior_of") is None
