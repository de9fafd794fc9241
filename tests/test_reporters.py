"""Reporters: golden files for every format, schema validation, GitHub's limits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from prisma_lint import __version__
from prisma_lint.drift.changes import Change, Code, Kind, Location, Obj, Severity
from prisma_lint.drift.result import DiffResult
from prisma_lint.report import REPORTERS, github, markdown, reporter, sarif
from prisma_lint.report.text import render as text_render
from tests.contracts import check_json, check_sarif

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
ADMIN, PORTAL = "examples/admin/prisma/schema.prisma", "examples/portal/prisma/schema.prisma"
SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas/sarif-schema-2.1.0.json").read_text())
DIFF_SCHEMA = json.loads((ROOT / "docs/schemas/diff-v2.schema.json").read_text())


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed tool in a subprocess; its JSON and SARIF on stdout are validated."""
    proc = subprocess.run(
        [sys.executable, "-m", "prisma_lint", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    fmt = args[args.index("--format") + 1] if "--format" in args else "text"
    if fmt in ("json", "sarif") and "-o" not in args:
        (check_json if fmt == "json" else check_sarif)(proc.stdout)
    return proc


# The one field of a golden that follows the package version: the tool's own `version`.
VERSION_FIELD = {
    "json": '"name": "prisma-lint",\n    "version": "{}"',
    "sarif": '"name": "prisma-lint",\n          "version": "{}"',
}
GOLDEN_VERSION = "0.1.0"  # the version the goldens were written with


def golden(fmt: str) -> str:
    text = (GOLDEN / f"examples.{fmt}").read_text(encoding="utf-8")
    if fmt in VERSION_FIELD:
        pinned = VERSION_FIELD[fmt].format(GOLDEN_VERSION)
        assert text.count(pinned) == 1, fmt
        text = text.replace(pinned, VERSION_FIELD[fmt].format(__version__))
    return text


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_golden_output(fmt: str) -> None:
    """The examples' drift in each format, byte for byte. How each golden was checked:

    - all: the four changes are the examples' real differences (read off the two
      schemas), and every line and column was looked up in them: portal 35:3
      `avatarUrl`, portal 45:3 and admin 43:3 `amount`, admin 43:27
      `@db.Decimal(12, 2)`, admin 81:3 `VOID`; portal 79:1 (`enum InvoiceStatus`)
      is where github points for the removed value. test_golden_locations below
      re-checks the JSON golden's locations against the schemas.
    - text, markdown: read through for wording (messages from drift/changes.py).
    - json: validated against docs/schemas/diff-v2.schema.json (test below).
    - sarif: validated against the SARIF 2.1.0 schema (test below).
    - github: GitHub's workflow-command syntax, one `::error` line per change.
    Update a golden only the same way, never by pasting new output unchecked.
    """
    proc = cli("diff", ADMIN, PORTAL, "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    expected = golden(fmt).replace("file:///ROOT/", ROOT.resolve().as_uri() + "/")  # SARIF's %SRCROOT%
    assert proc.stdout == expected


def test_golden_locations() -> None:
    """Each location in the JSON golden points at what its change names."""
    changes = json.loads(golden("json"))["changes"]
    for change in changes:
        name = change["path"].split(".")[-1]
        for side in ("canonical", "portal"):
            where = change[side]
            if where is None:
                continue
            line = (ROOT / where["file"]).read_text(encoding="utf-8").split("\n")[where["line"] - 1]
            at = line[where["column"] - 1 :]
            expected = "@" if change["code"].startswith("FIELD_ATTRIBUTE") else name
            assert at.startswith(expected), (change["code"], side, at)
    assert len(changes) == 4


def result(changes: list[Change]) -> DiffResult:
    return DiffResult("canonical.prisma", "portal.prisma", tuple(changes))


def change(n: int, severity: Severity = Severity.ERROR, message: str = "Field A.f was added.") -> Change:
    return Change(
        Code.FIELD_ADDED,
        Kind.ADDED,
        Obj.FIELD,
        f"A.f{n}",
        severity,
        message,
        None,
        Location("portal.prisma", n + 1, 3),
    ).with_fingerprint()


def test_json_validates_and_lists_every_code() -> None:
    payload = json.loads((GOLDEN / "examples.json").read_text())
    jsonschema.validate(payload, DIFF_SCHEMA)
    codes = DIFF_SCHEMA["$defs"]["change"]["properties"]["code"]["enum"]
    assert codes == [c.value for c in Code]


def test_sarif_validates_with_one_rule_per_code() -> None:
    payload = json.loads((GOLDEN / "examples.sarif").read_text())
    jsonschema.validate(payload, SARIF_SCHEMA)
    run = payload["runs"][0]
    # One rule per code in table order, then the rule of failed runs (so code indexes never shift).
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [c.value for c in Code] + ["SCHEMA_ERROR"]
    for item in run["results"]:
        assert run["tool"]["driver"]["rules"][item["ruleIndex"]]["id"] == item["ruleId"]
        assert len(item["partialFingerprints"]["prismaLint/v2"]) == 16
        uri = item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == PORTAL  # relative to the repository root


def test_sarif_makes_absolute_paths_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert sarif.relative_uri(str(tmp_path / "prisma" / "my schema.prisma")) == "prisma/my%20schema.prisma"


def test_github_escapes_data_and_properties() -> None:
    odd = Change(
        Code.FIELD_ADDED,
        Kind.ADDED,
        Obj.FIELD,
        "A.b",
        Severity.ERROR,
        "100% new\nline",
        None,
        Location("dir,with:odd.prisma", 3, 1),
    )
    assert github.render(result([odd])) == (
        "::error file=dir%2Cwith%3Aodd.prisma,line=3,col=1,title=FIELD_ADDED::100%25 new%0Aline\n"
    )


def test_github_caps_annotations_at_ten_per_level_and_counts_the_rest() -> None:
    changes = [change(i) for i in range(13)] + [change(100 + i, Severity.WARNING) for i in range(2)]
    lines = github.render(result(changes)).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 2
    assert lines[-1].startswith("::notice title=prisma-lint::3 more changes are not shown")


def test_github_leaves_room_for_the_count_among_notices() -> None:
    changes = [change(i, Severity.NOTICE) for i in range(12)]
    lines = github.render(result(changes)).splitlines()
    assert len(lines) == 10  # 9 notices and the one that counts the other 3
    assert lines[-1].startswith("::notice title=prisma-lint::3 more changes")


def test_github_anchors_removals_in_the_portal_file() -> None:
    gone = Change(
        Code.MODEL_REMOVED,
        Kind.REMOVED,
        Obj.MODEL,
        "Log",
        Severity.ERROR,
        "Model Log was removed.",
        Location("canonical.prisma", 40, 1),
        None,
        Location("portal.prisma", 1, 1),
    )
    assert github.render(result([gone])).startswith("::error file=portal.prisma,line=1,col=1,")


def test_markdown_stays_under_the_comment_limit_and_counts_what_it_cut() -> None:
    changes = [change(i, message="x" * 300) for i in range(400)]
    text = markdown.render(result(changes))
    assert len(text) <= markdown.LIMIT
    shown = text.count("| 🔴 error |")
    assert 0 < shown < 400
    assert f"and {400 - shown} more changes not shown" in text


def test_markdown_no_drift_and_cell_escaping() -> None:
    assert markdown.render(result([])).startswith("## ✅ prisma-lint: no drift")
    piped = Change(Code.FIELD_ADDED, Kind.ADDED, Obj.FIELD, "A.b", Severity.ERROR, "a | b", None, None)
    assert "a \\| b" in markdown.render(result([piped]))


def test_every_reporter_handles_no_drift() -> None:
    clean = result([])
    assert text_render(clean) == "No drift: portal.prisma matches the canonical schema canonical.prisma.\n"
    payload = json.loads(reporter("json")(clean))
    assert payload["drift"] is False and payload["changes"] == []
    assert reporter("github")(clean) == ""
    log = json.loads(reporter("sarif")(clean))
    jsonschema.validate(log, SARIF_SCHEMA)
    assert log["runs"][0]["results"] == []
    assert markdown.render(clean) == (
        "## ✅ prisma-lint: no drift\n\n`portal.prisma` matches the canonical schema `canonical.prisma`.\n"
    )
    assert set(REPORTERS) == {"text", "json", "github", "sarif", "markdown"}  # each one checked above
