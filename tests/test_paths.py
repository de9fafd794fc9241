"""Annotations and SARIF name files from the repository root, whatever the working directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from prisma_lint.report.paths import repository_root
from tests.contracts import check_sarif
from tests.gitrepos import init, version

APP = "apps/portal"
SCHEMA = "prisma/schema.prisma"


@pytest.fixture
def mono(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = init(tmp_path / "mono")
    app = root / APP
    (app / "prisma").mkdir(parents=True)
    (app / SCHEMA).write_text(version(2).replace("field2 String?", "field2 Int"))
    (root / "admin.prisma").write_text(version(2))
    monkeypatch.chdir(app)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def test_sarif_uris_are_relative_to_the_repository_root(mono: Path) -> None:
    code, out = run("diff", "../../admin.prisma", SCHEMA, "--format", "sarif")
    assert code == 1
    run_ = check_sarif(out)["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": mono.resolve().as_uri() + "/"}}
    (result,) = run_["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": f"{APP}/{SCHEMA}", "uriBaseId": "%SRCROOT%"}
    related = result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]
    assert related["uri"] == "admin.prisma"


def test_annotations_are_relative_to_the_repository_root(mono: Path) -> None:
    code, out = run("diff", "../../admin.prisma", SCHEMA, "--format", "github")
    assert code == 1 and out.startswith(f"::error file={APP}/{SCHEMA},line=")


def test_text_and_json_keep_the_paths_as_given(mono: Path) -> None:
    code, out = run("diff", "../../admin.prisma", SCHEMA)
    assert code == 1 and f"  {SCHEMA}:" in out
    code, out = run("diff", "../../admin.prisma", SCHEMA, "--format", "json")
    assert json.loads(out)["changes"][0]["portal"]["file"] == SCHEMA


def test_github_workspace_is_the_root_when_we_run_inside_it(tmp_path: Path) -> None:
    inner = tmp_path / "ws" / "a"
    inner.mkdir(parents=True)
    assert repository_root(inner, str(tmp_path / "ws")) == (tmp_path / "ws").resolve()
    assert repository_root(inner, str(tmp_path / "elsewhere")) == inner.resolve()  # no .git: cwd
