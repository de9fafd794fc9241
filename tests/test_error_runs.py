"""Every format on every run: a failed run still writes a valid document in each format, exit 2.

conftest.py validates each JSON report against diff-v2 and each SARIF log
against OASIS SARIF 2.1.0 as it is rendered; the tests here check what the
documents say.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from tests.contracts import check_json, check_sarif

ROOT = Path(__file__).resolve().parents[1]
ADMIN = str(ROOT / "examples/admin/prisma/schema.prisma")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def broken(tmp_path: Path) -> str:
    path = tmp_path / "portal.prisma"
    path.write_text("model User {\n  id Int @id\n  name String @@\n}\n", encoding="utf-8")
    return str(path)


def test_json_of_a_syntax_error_lists_the_errors(broken: str) -> None:
    code, out, err = run("diff", ADMIN, broken, "--format", "json")
    assert code == 2
    report = check_json(out)
    assert report["changes"] == [] and report["drift"] is False
    (error,) = report["errors"]
    assert (error["file"], error["line"]) == (broken, 3)
    assert error["message"] and f"{broken}:3:" in err  # people still get the caret on stderr


def test_sarif_of_a_syntax_error_has_an_error_result_at_its_line(broken: str) -> None:
    code, out, _ = run("diff", ADMIN, broken, "--format", "sarif")
    assert code == 2
    (result,) = check_sarif(out)["runs"][0]["results"]
    assert result["level"] == "error" and result["ruleId"] == "SCHEMA_ERROR"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 3


def test_sarif_of_a_missing_file_is_a_tool_execution_notification(tmp_path: Path) -> None:
    code, out, _ = run("diff", ADMIN, str(tmp_path / "nope.prisma"), "--format", "sarif")
    assert code == 2
    run_ = check_sarif(out)["runs"][0]
    assert run_["results"] == []
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert "nope.prisma" in note["message"]["text"] and note["level"] == "error"


def test_json_of_a_missing_file_has_an_error_without_a_position(tmp_path: Path) -> None:
    code, out, _ = run("diff", ADMIN, str(tmp_path / "nope.prisma"), "--format", "json")
    assert code == 2
    (error,) = check_json(out)["errors"]
    assert (error["line"], error["column"]) == (None, None) and "nope.prisma" in error["message"]


def test_github_annotations_of_a_syntax_error_point_at_the_line(broken: str) -> None:
    code, out, _ = run("diff", ADMIN, broken, "--format", "github")
    assert code == 2
    assert out.startswith(f"::error file={broken},line=3,col=")


def test_markdown_of_a_failed_run_says_what_failed(broken: str) -> None:
    code, out, _ = run("diff", ADMIN, broken, "--format", "markdown")
    assert code == 2
    assert out.startswith("## ⚠️ prisma-lint: the check could not run")
    assert f"`{broken}:3:" in out


def test_every_write_is_made_on_a_failed_run(broken: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    writes = [f"{fmt}={out}.{fmt}" for fmt in ("json", "sarif", "github", "markdown", "text")]
    code, stdout, _ = run("diff", ADMIN, broken, *[w for pair in writes for w in ("--write", pair)])
    assert code == 2 and stdout == ""
    check_json((tmp_path / "out.json").read_text())
    check_sarif((tmp_path / "out.sarif").read_text())
    assert (tmp_path / "out.github").read_text().startswith("::error file=")
    assert "could not run" in (tmp_path / "out.markdown").read_text()
    assert f"{broken}:3:" in (tmp_path / "out.text").read_text()


def test_check_with_a_bad_config_still_writes_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".prisma-lint.toml").write_text("strict = 3\n")
    code, out, _ = run("check", "--canonical", ADMIN, "--portal", ADMIN, "--format", "json")
    assert code == 2
    (error,) = json.loads(out)["errors"]
    assert "strict" in error["message"]


def test_a_token_in_the_canonical_url_never_reaches_a_report() -> None:
    """Reports are uploaded and shared; the source is shown without user:token@."""
    from prisma_lint.config import Config
    from prisma_lint.engine import diff_sources
    from prisma_lint.syntax.ast import SourceFile

    text = Path(ADMIN).read_text()
    files = [SourceFile("main:prisma/schema.prisma", text)]
    url = "https://user:ghp_SECRET123@example.com/acme/admin.git#main:prisma/schema.prisma"
    result = diff_sources(files, [SourceFile("p.prisma", text)], url, "p.prisma", config=Config())
    assert result.canonical_source == "https://example.com/acme/admin.git#main:prisma/schema.prisma"
