"""The CLI conveniences linter users expect: codes, explain, quiet/verbose, baseline, stdin,
completion, did-you-mean, --color, -o making folders."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from prisma_lint.cli.app import COLOR
from prisma_lint.cli.extras import progress, progress_wanted
from prisma_lint.drift.changes import CODES, Code
from tests.contracts import check_json, check_sarif

ROOT = Path(__file__).resolve().parents[1]
ADMIN = str(ROOT / "examples/admin/prisma/schema.prisma")
PORTAL = str(ROOT / "examples/portal/prisma/schema.prisma")
CHANGES_MD = (ROOT / "docs/changes.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _color_back() -> object:
    yield
    COLOR["mode"] = "auto"


def run(*args: str, stdin: str | None = None, **env: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_codes_lists_every_code_with_its_severity() -> None:
    code, out, _ = run("codes")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [c.value for c in Code]
    assert lines[0].split()[1] == "error" and "A model exists only in the portal copy." in lines[0]


@pytest.mark.parametrize("code", list(Code), ids=lambda c: c.value)
def test_explain_agrees_with_the_generated_docs(code: Code) -> None:
    status, out, _ = run("explain", code.value.lower())
    assert status == 0
    info = CODES[code]
    section = CHANGES_MD[CHANGES_MD.index(f"### {code.value}\n") :].split("\n### ")[0]
    assert info.summary in out and info.summary in section
    assert info.example in out and info.example in section
    assert f"({info.severity.value} by default)" in out


def test_explain_an_unknown_code_suggests_the_nearest() -> None:
    status, _, err = run("explain", "FIELD_TYPE_CHANGE")
    assert status == 2 and "Did you mean FIELD_TYPE_CHANGED?" in err


def test_help_points_at_explain_not_at_a_repository_file() -> None:
    for args in ([], ["diff"], ["check"], ["parse"]):
        _, out, _ = run(*args, "--help")
        assert "docs/" not in out, args
    assert "prisma-lint explain" in run("diff", "--help")[1]


def test_quiet_shows_the_findings_without_the_summary() -> None:
    _, full, _ = run("diff", ADMIN, PORTAL)
    code, quiet, _ = run("diff", ADMIN, PORTAL, "-q")
    assert code == 1 and "Drift:" in full and "Drift:" not in quiet
    assert "FIELD_TYPE_CHANGED" in quiet
    assert run("diff", ADMIN, ADMIN, "--quiet")[1] == ""


def test_verbose_adds_object_path_and_fingerprint() -> None:
    _, out, _ = run("diff", ADMIN, PORTAL, "-v")
    report = json.loads(run("diff", ADMIN, PORTAL, "--format", "json")[1])
    first = report["changes"][0]
    assert f"    {first['object']} {first['path']}, fingerprint {first['fingerprint']}" in out


def test_baseline_round_trip_counts_in_every_format(tmp_path: Path) -> None:
    baseline = tmp_path / "deep" / "baseline.json"
    code, _, _ = run("diff", ADMIN, PORTAL, "--write-baseline", str(baseline))
    assert code == 1  # writing a baseline does not hide this run's findings
    written = json.loads(baseline.read_text())
    assert len(written["fingerprints"]) == 4
    code, out, _ = run("diff", ADMIN, PORTAL, "--baseline", str(baseline))
    assert code == 0 and "4 baselined" in out
    report = check_json(run("diff", ADMIN, PORTAL, "--baseline", str(baseline), "--format", "json")[1])
    assert report["changes"] == [] and report["summary"]["baselined"] == 4
    sarif = check_sarif(run("diff", ADMIN, PORTAL, "--baseline", str(baseline), "--format", "sarif")[1])
    assert sarif["runs"][0]["properties"]["baselined"] == 4
    github = run("diff", ADMIN, PORTAL, "--baseline", str(baseline), "--format", "github")[1]
    assert "4 baselined findings are not shown." in github
    markdown = run("diff", ADMIN, PORTAL, "--baseline", str(baseline), "--format", "markdown")[1]
    assert "4 baselined findings are not shown." in markdown


def test_a_new_finding_is_not_hidden_by_the_baseline(tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    run("diff", ADMIN, PORTAL, "--write-baseline", str(baseline))
    portal = tmp_path / "portal.prisma"
    portal.write_text(Path(PORTAL).read_text() + "\nenum Extra {\n  A\n}\n")
    code, out, _ = run("diff", ADMIN, str(portal), "--baseline", str(baseline), "--format", "json")
    assert code == 1 and [c["code"] for c in json.loads(out)["changes"]] == ["ENUM_ADDED"]


def test_a_bad_baseline_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("[1, 2]")
    code, _, err = run("diff", ADMIN, PORTAL, "--baseline", str(bad))
    assert code == 2 and "not a prisma-lint baseline" in err


def test_dash_reads_a_schema_from_stdin() -> None:
    code, out, _ = run("diff", ADMIN, "-", "--format", "json", stdin=Path(PORTAL).read_text())
    assert code == 1
    report = check_json(out)
    assert report["portal"]["source"] == "-" and len(report["changes"]) == 4
    assert {c["portal"]["file"] for c in report["changes"] if c["portal"]} == {"<stdin>"}
    assert run("parse", "-", stdin=Path(ADMIN).read_text())[0] == 0
    code, _, err = run("diff", "-", "-", stdin="")
    assert code == 2 and "only one of the two schemas" in err


def test_shell_completion_script() -> None:
    result = CliRunner().invoke(
        cli, [], prog_name="prisma-lint", env={"_PRISMA_LINT_COMPLETE": "bash_source"}, catch_exceptions=False
    )
    assert "_PRISMA_LINT_COMPLETE=bash_complete" in result.stdout


def test_did_you_mean_for_config_keys_and_options(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("history_depth = 5\n")
    code, _, err = run("check", "--config", str(config), "--canonical", ADMIN, "--portal", ADMIN)
    assert code == 2 and "did you mean 'history-depth'?" in err
    code, _, err = run("check", "--history_depth", "5")
    assert code == 2 and "Did you mean '--history-depth'?" in err


def test_color_always_never_and_no_bright_white() -> None:
    _, plain, _ = run("diff", ADMIN, PORTAL, "--color", "never")
    assert "\x1b[" not in plain
    _, coloured, _ = run("diff", ADMIN, PORTAL, "--color", "always")
    assert "\x1b[31m" in coloured  # red errors, even though stdout is no terminal here
    assert not re.search(r"\x1b\[(?:\d+;)*97m", coloured)  # bright white vanishes on light themes
    assert "\x1b[" not in run("diff", ADMIN, PORTAL, NO_COLOR="1")[1]


def test_output_makes_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "today" / "drift.json"
    code, out, _ = run("diff", ADMIN, PORTAL, "--format", "json", "-o", str(target))
    assert code == 1 and out == ""
    check_json(target.read_text())


class FakeTerminal:
    """A stderr that says it is a terminal and tells when something was written."""

    def __init__(self, tty: bool) -> None:
        self.tty, self.text, self.wrote = tty, "", threading.Event()

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text
        self.wrote.set()

    def flush(self) -> None:
        pass


def test_progress_line_on_a_terminal_is_shown_then_erased() -> None:
    terminal = FakeTerminal(tty=True)
    assert progress_wanted("text", terminal)
    with progress("working…", True, stream=terminal, after=0):
        assert terminal.wrote.wait(timeout=10)  # slow work: the line appears while it runs
    assert terminal.text == "\rworking…\r\x1b[2K"


def test_no_progress_line_for_machines_or_off_a_terminal() -> None:
    assert not progress_wanted("json", FakeTerminal(tty=True))
    assert not progress_wanted("text", FakeTerminal(tty=False))
    quick = FakeTerminal(tty=True)
    with progress("working…", True, stream=quick, after=3600):
        pass  # work done before the line was due: nothing is written
    assert quick.text == ""
