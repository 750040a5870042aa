"""The layers of DESIGN.md hold: core imports no rule module, rule modules import no
other rule module, and core imports only the standard library, attrs, dateutil and babel."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "salesdomain"
TOP_LAYER = {"__init__", "__main__", "_demo", "policy", "i18n", "profiles"}
THIRD_PARTY_ALLOWED = {"attrs", "attr", "dateutil", "babel"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _rule_modules() -> list[str]:
    found = []
    for path in PACKAGE.iterdir():
        name = path.stem if path.suffix == ".py" else path.name
        if path.name.startswith("__pycache__") or name in TOP_LAYER or name == "core":
            continue
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            found.append(name)
    return sorted(found)


def _files(name: str) -> list[Path]:
    target = PACKAGE / name
    return sorted(target.rglob("*.py")) if target.is_dir() else [PACKAGE / f"{name}.py"]


def test_core_imports_only_the_standard_library_attrs_dateutil_and_babel() -> None:
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for name in _imports(path):
            root = name.split(".")[0]
            if name.startswith("salesdomain."):
                assert name.startswith("salesdomain.core"), f"{path.name} imports {name}"
            else:
                assert root in sys.stdlib_module_names or root in THIRD_PARTY_ALLOWED, (
                    f"{path.name} imports {name}"
                )


@pytest.mark.parametrize("module", _rule_modules() or ["<none yet>"])
def test_a_rule_module_imports_core_only_never_another_rule_module(module: str) -> None:
    if module == "<none yet>":
        pytest.skip("no rule module yet")
    for path in _files(module):
        for name in _imports(path):
            if not name.startswith("salesdomain"):
                root = name.split(".")[0]
                assert root in sys.stdlib_module_names or root in THIRD_PARTY_ALLOWED, (
                    f"{path.name} imports {name}"
                )
                continue
            allowed = name == "salesdomain.core" or name.startswith(
                ("salesdomain.core.", f"salesdomain.{module}")
            )
            assert allowed, f"{module} imports {name}: rule modules may import core only"


def test_the_layer_check_itself_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from salesdomain.pricing import check_price\nimport requests\n")
    assert _imports(bad) == {"salesdomain.pricing", "requests"}
