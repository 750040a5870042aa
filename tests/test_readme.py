"""The README's two commands stay true: CI runs the README's test command, and the
demo command works through the real entry point."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shell_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", text, flags=re.DOTALL)


def test_readme_has_the_demo_command_and_the_test_command() -> None:
    blocks = _shell_blocks()
    assert any("python -m salesdomain demo" in block for block in blocks)
    assert any("-m pytest" in block and "mypy --strict src" in block for block in blocks)


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    test_command = next(block for block in _shell_blocks() if "-m pytest" in block)
    # The README command starts by creating the venv; CI creates it fresh first.
    install_and_test = test_command.split("&& ", 1)[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci


def test_demo_runs_through_the_real_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "salesdomain", "demo", "--locale", "en"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "# salesdomain demo: 通用销售公司, March 2026" in result.stdout
    assert "dealer sale at 699.99: rejected" in result.stdout


def test_help_explains_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "salesdomain", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert "demo" in result.stdout


def test_an_unknown_command_fails_with_usage() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "salesdomain", "frobnicate"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
