"""`prisma-lint diff`: exit codes, output files, errors from both sides, colour."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint import cli as cli_module
from prisma_lint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ADMIN = str(ROOT / "examples/admin/prisma/schema.prisma")
PORTAL = str(ROOT / "examples/portal/prisma/schema.prisma")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_clean_exits_0() -> None:
    code, out, _ = run("diff", ADMIN, ADMIN)
    assert code == 0
    assert out == f"No drift: {ADMIN} matches the canonical schema {ADMIN}.\n"


def test_drift_exits_1_with_a_summary() -> None:
    code, out, _ = run("diff", ADMIN, PORTAL)
    assert code == 1
    assert out.endswith(f"Drift: 4 changes (4 errors) in {PORTAL} against the canonical schema {ADMIN}.\n")


def test_fail_on() -> None:
    assert run("diff", ADMIN, PORTAL, "--fail-on", "never")[0] == 0
    assert run("diff", ADMIN, PORTAL, "--fail-on", "error")[0] == 1


def test_fail_on_error_passes_warnings(tmp_path: Path) -> None:
    portal = tmp_path / "portal.prisma"
    portal.write_text(Path(ADMIN).read_text().replace("/// A customer organisation", "/// An organisation"))
    assert run("diff", ADMIN, str(portal), "--fail-on", "error")[0] == 0
    assert run("diff", ADMIN, str(portal))[0] == 1


def test_errors_from_both_sides_exit_2(tmp_path: Path) -> None:
    bad_a, bad_b = tmp_path / "a.prisma", tmp_path / "b.prisma"
    bad_a.write_text("model A {\n  id Int!\n}\n")
    bad_b.write_text("model B {\n  id: Int\n}\n")
    code, out, err = run("diff", str(bad_a), str(bad_b))
    assert (code, out) == (2, "")
    assert f"{bad_a}:2:6: error: Fields are required by default" in err
    assert f"{bad_b}:2:5: error: Field declarations don't require a `:`." in err
    assert "Found 2 syntax errors in 2 files." in err


def test_missing_side_exits_2(tmp_path: Path) -> None:
    code, _, err = run("diff", ADMIN, str(tmp_path / "nope"))
    assert code == 2 and err == f"error: {tmp_path / 'nope'}: no such file or folder\n"


def test_output_file_is_written_whole_and_alone(tmp_path: Path) -> None:
    target = tmp_path / "out" / "drift.json"
    target.parent.mkdir()
    target.write_text("old report")
    target.chmod(0o640)
    code, out, _ = run("diff", ADMIN, PORTAL, "--format", "json", "--output", str(target))
    assert (code, out) == (1, "")
    assert json.loads(target.read_text())["drift"] is True
    assert os.listdir(target.parent) == ["drift.json"]  # no temp file left behind
    assert target.stat().st_mode & 0o777 == 0o640  # permissions kept


def test_output_where_no_folder_can_be_made_is_an_error(tmp_path: Path) -> None:
    """Missing folders are made (test_conveniences); a file in the way is an error, exit 2."""
    (tmp_path / "taken").write_text("")
    code, _, err = run("diff", ADMIN, PORTAL, "--output", str(tmp_path / "taken" / "such" / "file"))
    assert code == 2 and "cannot write" in err


def test_config_file_option(tmp_path: Path) -> None:
    config = tmp_path / "lint.toml"
    config.write_text(
        'ignore = ["FIELD_ADDED", "FIELD_TYPE_CHANGED", "FIELD_ATTRIBUTE_REMOVED", "ENUM_VALUE_REMOVED"]\n'
    )
    code, out, _ = run("diff", ADMIN, PORTAL, "--config", str(config))
    assert code == 0 and "(4 changes ignored by config)" in out
    config.write_text("nonsense = 1\n")
    code, _, err = run("diff", ADMIN, PORTAL, "--config", str(config))
    assert code == 2 and "unknown key 'nonsense'" in err


def test_strict_reports_order(tmp_path: Path) -> None:
    text = Path(ADMIN).read_text()
    enum = "enum Plan {\n  FREE\n  TEAM\n  ENTERPRISE\n}\n"
    portal = tmp_path / "portal.prisma"
    portal.write_text(enum + "\n" + text.replace(enum, ""))
    assert run("diff", ADMIN, str(portal))[0] == 0
    code, out, _ = run("diff", ADMIN, str(portal), "--strict")
    assert code == 1 and "BLOCK_ORDER_CHANGED" in out and "Enum Plan moved from position 7 to 1" in out


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli_module.color_enabled(Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli_module.color_enabled(Tty()) is False
    monkeypatch.delenv("NO_COLOR")
    assert cli_module.color_enabled(object()) is False
    styled = cli_module.make_style(True)("error", "error")
    assert styled.startswith("\x1b[") and cli_module.make_style(False)("error", "error") == "error"


def test_help_explains_diff() -> None:
    code, out, _ = run("diff", "--help")
    assert code == 0
    for needle in ("CANONICAL", "PORTAL", "Examples:", "--format", "--strict", "--fail-on", "Exit status"):
        assert needle in out
