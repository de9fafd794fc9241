"""`prisma-lint parse`, --version and --help, through click's runner and a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from prisma_lint import __version__
from prisma_lint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ADMIN = str(ROOT / "examples/admin/prisma/schema.prisma")
AST_SCHEMA = json.loads((ROOT / "docs/schemas/ast-v1.schema.json").read_text())


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    assert run("--version") == (0, f"prisma-lint {__version__}\n", "")


def _imported(*args: str) -> set[str]:
    """Every module a real `prisma-lint ARGS` process imports (-X importtime lists them)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "prisma_lint", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-500:]
    return {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}


def test_version_imports_no_parser_git_or_reporters() -> None:
    modules = _imported("--version")
    assert "prisma_lint.cli.app" in modules  # the listing is real
    heavy = {m for m in modules if m.split(".")[0] in ("lark", "git") or m.startswith("prisma_lint.report")}
    assert heavy == set()
    assert not {m for m in modules if m.startswith(("prisma_lint.syntax", "prisma_lint.drift"))}


def test_parse_never_imports_lark_git_or_the_drift_engine() -> None:
    modules = _imported("parse", ADMIN)
    assert "prisma_lint.syntax.lalr" in modules
    assert {
        m for m in modules if m.split(".")[0] in ("lark", "git") or m.startswith("prisma_lint.drift")
    } == set()


def test_help_teaches() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for needle in ("Examples:", "prisma-lint diff", "Exit status", "NO_COLOR", "parse"):
        assert needle in out
    code, out, _ = run("parse", "--help")
    assert code == 0 and "Examples:" in out and "--format" in out


def test_parse_text_summary() -> None:
    code, out, err = run("parse", ADMIN)
    assert (code, err) == (0, "")
    assert out == (
        f"{ADMIN}: 9 blocks (1 datasource, 1 generator, 4 models, 3 enums), "
        "27 fields, 10 enum values, no syntax errors\n"
    )


def test_parse_json_validates_against_documented_schema() -> None:
    code, out, _ = run("parse", ADMIN, "--format", "json")
    assert code == 0
    payload = json.loads(out)
    jsonschema.validate(payload, AST_SCHEMA)
    user = next(b for b in payload["schemas"][0]["blocks"] if b["name"] == "User")
    email = next(f for f in user["fields"] if f["name"] == "email")
    assert email["type"] == {"name": "String", "arity": "required", "unsupported": False}
    assert email["attributes"] == [{"name": "unique", "arguments": []}]
    assert email["span"]["line"] == 28


def test_syntax_errors_exit_2_with_location_and_caret(tmp_path: Path) -> None:
    bad = tmp_path / "bad.prisma"
    bad.write_text("model A {\n  id Int @id }\n}\n")
    code, out, err = run("parse", str(bad))
    assert code == 2 and out == ""
    assert err == (
        f"{bad}:2:3: error: This line is not a valid field or attribute definition.\n"
        "  |\n"
        "2 |   id Int @id }\n"
        "  |   ^\n\n"
        "Found 1 syntax error in 1 file.\n"
    )


def test_errors_also_in_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.prisma"
    bad.write_text("garbage\n")
    code, out, _ = run("parse", str(bad), ADMIN, "--format", "json")
    assert code == 2
    payload = json.loads(out)
    jsonschema.validate(payload, AST_SCHEMA)
    assert [s["source"] for s in payload["schemas"]] == [ADMIN]
    assert payload["errors"] == [
        {
            "file": str(bad),
            "line": 1,
            "column": 1,
            "message": "This line is invalid. It does not start with any known Prisma schema keyword.",
        }
    ]


def test_missing_file_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    code, out, err = run("parse", str(tmp_path / "nope.prisma"))
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path / 'nope.prisma'}: no such file or folder\n"


def test_bad_option_exits_2() -> None:
    code, _, err = run("parse", ADMIN, "--format", "yaml")
    assert code == 2 and "Invalid value for '--format'" in err


def test_real_process_no_color_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.prisma"
    bad.write_bytes(b"model A {\n  id Int \xff\n}\n")
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "prisma_lint", "parse", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr == f"error: {bad}:2:10: invalid UTF-8 (byte 0xff)\n"
    assert "\x1b[" not in proc.stderr and "Traceback" not in proc.stderr
