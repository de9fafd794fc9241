"""Several portal copies in one run: the config's [[portals]], `check` and `diff` with more than
one portal, one report with a section per portal, the worst exit status, and the canonical
schema (and each version of its history) parsed once for all portals."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from prisma_lint.check import portals
from prisma_lint.check.portals import run_portals
from prisma_lint.check.run import CheckOptions
from prisma_lint.cli import cli
from prisma_lint.config import Portal, load_config, parse_config
from prisma_lint.errors import ConfigError
from prisma_lint.syntax import pairparse
from tests.admin_scenario import build
from tests.gitrepos import SCHEMA, init

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DIFF_SCHEMA = json.loads((ROOT / "docs/schemas/diff-v2.schema.json").read_text(encoding="utf-8"))
HISTORY = ("--canonical", f"main:{SCHEMA}")  # the admin's own history: stale or edited


@pytest.fixture
def admin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = build(tmp_path)
    monkeypatch.chdir(repo)
    return repo


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# ---- config -------------------------------------------------------------------------------


def test_config_reads_portals_in_order(admin: Path) -> None:
    config = load_config(admin / "pyproject.toml")
    assert config.portals == (
        Portal("insync", f"../insync/{SCHEMA}"),
        Portal("safe", f"../safe#main:{SCHEMA}"),
        Portal("breaking", f"../breaking/{SCHEMA}"),
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"portals": "a.prisma"}, "portals must be a list"),
        ({"portals": ["a.prisma"]}, "portals entry 1 must be a table with exactly name and schema"),
        ({"portals": [{"name": "a"}]}, "portals entry 1 must be a table with exactly name and schema"),
        ({"portals": [{"name": "a", "schema": "a", "path": "x"}]}, "exactly name and schema"),
        ({"portals": [{"name": "", "schema": "a"}]}, "portals entry 1: name must be a non-empty string"),
        ({"portals": [{"name": "a", "schema": 3}]}, "portals entry 1: schema must be a non-empty string"),
        (
            {"portals": [{"name": "a", "schema": "a"}, {"name": "a", "schema": "b"}]},
            "portals entry 2: the name 'a' is used twice",
        ),
        ({"portal": "p", "portals": [{"name": "a", "schema": "a"}]}, "set portal (one copy) or portals"),
    ],
)
def test_bad_portals_are_clear_errors(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(table, "pyproject.toml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("pyproject.toml: ")


def test_bad_portals_exit_2_from_the_command_line(admin: Path) -> None:
    (admin / "pyproject.toml").write_text(
        '[tool.prisma-lint]\ncanonical = "x"\n[[tool.prisma-lint.portals]]\nname = "a"\n'
    )
    code, _, err = run("check")
    assert code == 2
    assert "portals entry 1 must be a table with exactly name and schema" in err


# ---- check and diff over several portals ---------------------------------------------------------


def test_check_with_the_config_makes_one_json_report(admin: Path) -> None:
    code, out, err = run("check", *HISTORY, "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    assert report["canonical"]["source"] == f"main:{SCHEMA}"
    assert re.fullmatch("[0-9a-f]{40}", report["canonical"]["commit"])  # the admin's HEAD, read from git
    sections = report["portals"]
    assert [s["portal"] for s in sections] == [
        {"name": "insync", "source": f"../insync/{SCHEMA}"},
        {"name": "safe", "source": f"../safe#main:{SCHEMA}"},
        {"name": "breaking", "source": f"../breaking/{SCHEMA}"},
    ]
    assert [s["verdict"] for s in sections] == ["clean", "stale", "edited"]
    for section in sections:  # each section is a single-portal report, plus the portal's name
        single = {key: report[key] for key in ("schema_version", "tool", "canonical")} | section
        single["portal"] = {"source": section["portal"]["source"]}
        jsonschema.Draft202012Validator(DIFF_SCHEMA).validate(single)
    assert [c["code"] for c in sections[1]["changes"]] == ["PORTAL_STALE"]
    assert sections[2]["drift"] is True and sections[0]["drift"] is False


def test_one_named_portal_is_the_usual_single_report(admin: Path) -> None:
    code, out, _ = run("check", *HISTORY, "--portal", f"safe=../safe#main:{SCHEMA}", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["portal"] == {"source": f"../safe#main:{SCHEMA}"}
    assert report["verdict"] == "stale"
    jsonschema.Draft202012Validator(DIFF_SCHEMA).validate(report)


def test_worst_exit_status(admin: Path) -> None:
    insync = f"insync=../insync/{SCHEMA}"
    assert run("check", *HISTORY, "--portal", insync, "--portal", f"again=../insync/{SCHEMA}")[0] == 0
    assert run("check", *HISTORY, "--portal", insync, "--portal", f"b=../breaking/{SCHEMA}")[0] == 1
    assert run("check", *HISTORY, "--fail-on", "never")[0] == 0


def test_sarif_tags_each_result_with_its_portal(admin: Path) -> None:
    log = json.loads(run("check", *HISTORY, "--format", "sarif")[1])
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert len(log["runs"]) == 1
    tagged = Counter(r["properties"]["portal"] for r in log["runs"][0]["results"])
    assert tagged == {"safe": 1, "breaking": 4}


def test_the_same_change_in_two_portals_is_two_sarif_alerts(admin: Path) -> None:
    # Code scanning merges results with equal fingerprints: the same drift in two copies must not.
    twice = ("--portal", f"one=../breaking/{SCHEMA}", "--portal", f"two=../breaking/{SCHEMA}")
    results = json.loads(run("check", *HISTORY, *twice, "--format", "sarif")[1])["runs"][0]["results"]
    prints = [tuple(r["partialFingerprints"].values()) for r in results]
    assert len(results) == 8 and len(set(prints)) == 8
    assert all(p[0].startswith(r["properties"]["portal"] + "/") for p, r in zip(prints, results, strict=True))


def test_annotations_name_their_portal(admin: Path) -> None:
    lines = run("check", *HISTORY, "--format", "github")[1].splitlines()
    assert lines[0].startswith(
        f"::error file=../safe#main%3A{SCHEMA},line=1,col=1,title=PORTAL_STALE (safe)::"
    )
    legacy = next(line for line in lines if "User.legacy" in line)
    assert legacy == (
        f"::error file=../breaking/{SCHEMA},line=9,col=3,title=FIELD_ADDED (breaking)::Field User.legacy "
        "was added in the portal copy. It looks like a rename of nickname to legacy."
    )


def test_text_and_markdown_have_a_section_per_portal(admin: Path) -> None:
    out = run("check", *HISTORY)[1]
    assert out.count("== Portal ") == 3
    assert f"== Portal breaking (../breaking/{SCHEMA}) ==" in out
    assert out.endswith(f"3 portals against main:{SCHEMA}: 1 clean, 2 with findings.\n")
    md = run("check", *HISTORY, "--format", "markdown")[1]
    assert md.startswith(f"## ❌ prisma-lint: 2 of 3 portals differ from `main:{SCHEMA}`\n")
    assert f"| breaking | `../breaking/{SCHEMA}` | 4 |" in md
    assert md.count("### Portal ") == 3


def test_diff_takes_several_portals(admin: Path) -> None:
    code, out, _ = run("diff", SCHEMA, f"a=../insync/{SCHEMA}", f"b=../breaking/{SCHEMA}", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert [(s["portal"]["name"], s["drift"]) for s in report["portals"]] == [("a", False), ("b", True)]
    assert report["portals"][1]["verdict"] is None  # diff judges no history
    assert run("diff", SCHEMA, f"a=../insync/{SCHEMA}")[0] == 0  # one portal: the usual report
    assert run("diff", SCHEMA, f"../insync/{SCHEMA}", f"../insync/{SCHEMA}")[0] == 0


def test_policy_looks_at_each_portal_repository_not_the_admin(admin: Path) -> None:
    (admin / "prisma" / "migrations").mkdir()  # the admin's own migrations: never a portal finding
    init(admin.parent / "breaking")
    (admin.parent / "breaking" / "prisma" / "migrations").mkdir()
    report = json.loads(run("check", *HISTORY, "--format", "json")[1])
    codes = {s["portal"]["name"]: [c["code"] for c in s["changes"]] for s in report["portals"]}
    assert codes["insync"] == []
    assert codes["breaking"].count("PORTAL_HAS_MIGRATIONS") == 1


def test_canonical_and_history_parsed_once_for_all_portals(
    admin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: Counter[str] = Counter()
    real = portals.parse_sources

    def counting(files):  # type: ignore[no-untyped-def]
        parsed.update(f.display for f in files)
        return real(files)

    chunks: Counter[str] = Counter()
    real_text = pairparse.parse_text

    def counting_text(text, name):  # type: ignore[no-untyped-def]
        chunks[text] += 1
        return real_text(text, name)

    monkeypatch.setattr(portals, "parse_sources", counting)
    monkeypatch.setattr(pairparse, "parse_text", counting_text)
    config = load_config(admin / "pyproject.toml")
    several = (
        *config.portals,
        Portal("breaking2", f"../breaking/{SCHEMA}"),
        Portal("safe2", f"../safe#main:{SCHEMA}"),
    )
    result = run_portals(CheckOptions(canonical=f"main:{SCHEMA}", cwd=Path(".")), several, config)
    assert [p.result.verdict.status for p in result.portals if p.result.verdict] == [
        "clean",
        "stale",
        "edited",
        "edited",
        "stale",
    ]
    assert parsed[f"main:{SCHEMA}"] == 1  # the canonical schema, once for five portals
    assert parsed[f"../breaking/{SCHEMA}"] == 2  # each portal once (this copy is named twice)
    assert parsed[f"../insync/{SCHEMA}"] == 0  # the same text as the canonical schema: its AST is reused
    assert chunks and max(chunks.values()) == 1  # every block of every version, once


def test_package_json_config_takes_the_same_portals_shape(tmp_path: Path) -> None:
    # A JavaScript admin app keeps its config in package.json: the same `portals` list, the same checks.
    package = tmp_path / "package.json"
    package.write_text(
        json.dumps(
            {
                "name": "admin",
                "prisma-lint": {
                    "canonical": "prisma/schema.prisma",
                    "portals": [
                        {
                            "name": "clientportal",
                            "schema": "https://github.com/acme/cp.git#main:schema.prisma",
                        },
                        {"name": "partner", "schema": "../partner/prisma/schema.prisma"},
                    ],
                },
            }
        )
    )
    assert load_config(package).portals == (
        Portal("clientportal", "https://github.com/acme/cp.git#main:schema.prisma"),
        Portal("partner", "../partner/prisma/schema.prisma"),
    )
    package.write_text(json.dumps({"prisma-lint": {"portals": [{"name": "a", "schema": "a"}] * 2}}))
    with pytest.raises(ConfigError) as caught:
        load_config(package)
    assert str(caught.value) == f"{package}: portals entry 2: the name 'a' is used twice"
