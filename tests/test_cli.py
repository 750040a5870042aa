"""The command line, through the real entry point (issue 9)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROFILES = ("generic", "hotel", "hvac", "real_estate")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "salesdomain", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("profile", PROFILES)
def test_demo_runs_for_every_profile_in_chinese(profile: str) -> None:
    result = run("demo", "--profile", profile)
    assert result.returncode == 0, result.stderr
    for heading in (
        "## 目标分解",
        "## 价格底线检查",
        "## 合同变更权限",
        "## 提成计算",
        "## 绩效考核",
        "## 应收账款账龄",
        "## 本月到期事项",
    ):
        assert heading in result.stdout
    assert "经销 699.99: 拒绝" in result.stdout  # PRICE-4
    assert "¥" in result.stdout


def test_demo_in_english_explains_every_decision() -> None:
    result = run("demo", "--profile", "real_estate", "--locale", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "dealer sale at 699.99: rejected" in out
    assert "The price CN¥699.99 is below the dealer floor CN¥700.00: not allowed." in out
    assert "[sales manager -> marketing director -> developer's responsible person]" in out
    assert "CN¥6,800.00" in out  # commission on collected cash, once approved


def test_demo_with_an_unknown_profile_fails_with_the_known_ones() -> None:
    result = run("demo", "--profile", "bank")
    assert result.returncode == 2
    assert "known: generic, hotel, hvac, real_estate" in result.stderr


def test_profiles_lists_the_embedded_profiles() -> None:
    result = run("profiles")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(PROFILES)


def test_validate_accepts_a_valid_policy(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "src" / "salesdomain" / "profiles" / "hotel.toml"
    path = tmp_path / "hotel.toml"
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 0
    assert result.stdout == f"{path}: valid (酒店销售部)\n"


def test_validate_lists_every_error_with_its_key_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[company]\nname = "x"\ncurency = "CNY"\n', encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}: ")
    assert (
        "  company.curency: unknown key (expected one of: currency, locale, name, timezone)"
        in lines
    )
    assert "  targets.deviation_tolerance: missing required key" in lines


def test_validate_of_a_missing_file_fails_cleanly(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "none.toml"))
    assert result.returncode == 1
    assert "<file>: cannot read" in result.stdout
    assert result.stderr == ""
