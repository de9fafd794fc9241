"""`prisma-lint impact` on the admin scenario (tests/admin_scenario.py): three portals, in sync,
stale but safe, and will break. Verdicts, exit status under each --fail-on, every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from tests.admin_scenario import build

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
IMPACT_SCHEMA = json.loads((ROOT / "docs/schemas/impact-v1.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def admin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = build(tmp_path)
    monkeypatch.chdir(repo)
    return repo


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["impact", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_verdict_of_each_portal(admin: Path) -> None:
    code, out, err = run("--format", "json")
    assert code == 1, err
    report = json.loads(out)
    assert [(p["portal"]["name"], p["verdict"]) for p in report["portals"]] == [
        ("insync", "in sync"),
        ("safe", "stale but safe"),
        ("breaking", "will break"),
    ]
    assert report["verdict"] == "will break"
    safe, breaking = report["portals"][1], report["portals"][2]
    assert [(c["path"], c["effect"]) for c in safe["changes"]] == [
        ("User.nickname", "safe"),
        ("User.createdAt", "safe"),
    ]
    assert sorted((c["path"], c["effect"]) for c in breaking["changes"]) == [
        ("Role.OWNER", "breaks-writes"),
        ("User.createdAt", "safe"),
        ("User.legacy", "breaks-reads"),
        ("User.nickname", "safe"),
    ]
    assert breaking["counts"] == {"safe": 2, "breaks-writes": 1, "breaks-reads": 1}


@pytest.mark.parametrize(
    ("portals", "fail_on", "status"),
    [
        ((), "breaking", 1),
        ((), "drift", 1),
        ((), "never", 0),
        (("insync=../insync/prisma/schema.prisma", "safe=../safe#main:prisma/schema.prisma"), "breaking", 0),
        (("insync=../insync/prisma/schema.prisma", "safe=../safe#main:prisma/schema.prisma"), "drift", 1),
        (("insync=../insync/prisma/schema.prisma",), "drift", 0),
        (("insync=../insync/prisma/schema.prisma",), "breaking", 0),
    ],
)
def test_exit_status_under_each_fail_on(
    admin: Path, portals: tuple[str, ...], fail_on: str, status: int
) -> None:
    args = [a for p in portals for a in ("--portal", p)]
    code, _, err = run(*args, "--fail-on", fail_on)
    assert code == status, err


def test_breaking_is_the_default_fail_on(admin: Path) -> None:
    safe_only = ("--portal", "safe=../safe#main:prisma/schema.prisma")
    assert run(*safe_only)[0] == 0
    assert run(*safe_only, "--fail-on", "drift")[0] == 1


def test_text_report(admin: Path) -> None:
    code, out, _ = run()
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "Portal insync (../insync/prisma/schema.prisma): in sync."
    assert "Portal safe (../safe#main:prisma/schema.prisma): stale but safe (2 safe)." in lines
    assert (
        "Portal breaking (../breaking/prisma/schema.prisma): will break "
        "(1 breaks-reads, 1 breaks-writes, 2 safe)." in lines
    )
    assert (
        "    The admin schema drops column User.legacy; the portal's stale client selects every scalar "
        "field by default, so every query on User fails."
    ) in lines
    assert (
        lines[-1] == "Impact of prisma/schema.prisma on 3 portals: 1 will break, 1 stale but safe, 1 in sync."
    )


def test_json_records_carry_effect_rule_and_reason(admin: Path) -> None:
    report = json.loads(run("--format", "json")[1])
    jsonschema.Draft202012Validator(IMPACT_SCHEMA).validate(report)
    assert report["schema_version"] == 1 and report["report"] == "impact"
    assert report["canonical"] == {"source": "prisma/schema.prisma"}
    nickname = report["portals"][1]["changes"][0]
    assert nickname["code"] == "FIELD_REMOVED"
    assert nickname["rule"] == "column-added-optional"
    assert nickname["canonical"] == {"file": "prisma/schema.prisma", "line": 8, "column": 3}
    assert nickname["reason"].startswith("The admin schema adds optional column User.nickname;")
    for portal in report["portals"]:
        for change in portal["changes"]:
            assert {"effect", "rule", "reason", "code", "path", "fingerprint"} <= set(change)


def test_sarif_report(admin: Path) -> None:
    log = json.loads(run("--format", "sarif")[1])
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == 6  # 2 in the safe portal, 4 in the breaking one
    props = [(r["properties"]["portal"], r["properties"]["effect"], r["level"]) for r in results]
    assert props.count(("safe", "safe", "note")) == 2
    assert ("breaking", "breaks-writes", "error") in props
    nickname = results[0]
    assert nickname["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "prisma/schema.prisma"
    assert nickname["locations"][0]["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 3}


def test_github_annotations(admin: Path) -> None:
    lines = run("--format", "github")[1].splitlines()
    assert len(lines) == 6
    assert lines[0] == (
        "::notice file=prisma/schema.prisma,line=8,col=3,title=safe%3A FIELD_REMOVED (safe)::The admin "
        "schema adds optional column User.nickname; the portal's stale client never selects it and the "
        "database fills it with NULL."
    )
    assert sum(line.startswith("::error ") for line in lines) == 2
    legacy = next(line for line in lines if "User.legacy" in line)
    assert legacy.startswith(
        "::error title=breaks-reads%3A FIELD_ADDED (breaking)::"
    )  # not in the admin file


def test_markdown_report(admin: Path) -> None:
    out = run("--format", "markdown")[1]
    assert out.startswith("## ❌ prisma-lint impact: 1 will break, 1 stale but safe, 1 in sync\n")
    assert "| insync | ✅ in sync | 0 | 0 | 0 |" in out
    assert "| safe | 🟡 stale but safe | 0 | 0 | 2 |" in out
    assert "| breaking | ❌ will break | 1 | 1 | 2 |" in out
    assert "### breaking: will break" in out
    assert "| breaks-writes | `ENUM_VALUE_ADDED` | `Role.OWNER` |" in out
    assert "### insync" not in out  # nothing to list


def test_write_several_formats_from_one_run(admin: Path) -> None:
    code, out, _ = run("--format", "text", "--write", "json=impact.json", "--write", "markdown=impact.md")
    assert code == 1
    assert json.loads((admin / "impact.json").read_text())["verdict"] == "will break"
    assert (admin / "impact.md").read_text().startswith("## ❌ prisma-lint impact")
    assert out.startswith("Portal insync")


def test_no_portal_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schema.prisma").write_text('datasource db {\n  provider = "sqlite"\n}\n')
    code, _, err = run("--canonical", "schema.prisma")
    assert code == 2
    assert "no portal schema: give --portal" in err


def test_impact_schema_knows_every_code_and_row() -> None:
    from prisma_lint.check.effects import RULES
    from prisma_lint.drift.changes import Code

    record = IMPACT_SCHEMA["$defs"]["record"]["properties"]
    assert record["code"]["enum"] == [c.value for c in Code]
    assert record["rule"]["enum"] == list(RULES)
