"""What reaches a GitHub Actions log never runs as a workflow command; a PR comment renders no markup.

The runner reads every line of a step's stdout and stderr; a line starting
with `::` (after leading blanks) is a command (`::add-mask::`, `::warning::`,
`::set-output`...), except between `::stop-commands::TOKEN` and `::TOKEN::`.
`runner_commands` reads output the same way, so a test sees what the runner
would run. File names come from the repository, which a pull request controls.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from prisma_lint.config import Config
from prisma_lint.engine import diff_sources
from prisma_lint.report import markdown
from prisma_lint.syntax.ast import SourceFile
from tests.gitrepos import SCHEMA, portal_repo, version

EVIL = "x\n::add-mask::secret\n::warning title=spoof::owned\n"


def runner_commands(log: str) -> list[str]:
    """The lines the runner would run as commands, outside ::stop-commands:: sections."""
    commands, stop = [], None
    for line in log.splitlines():
        text = line.lstrip()
        if stop is not None:
            if text == f"::{stop}::":
                stop = None
            continue
        if text.startswith("::stop-commands::"):
            stop = text[len("::stop-commands::") :]
        elif text.startswith("::"):
            commands.append(text)
    return commands


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRISMA_LINT_"))}
    return subprocess.run(
        [sys.executable, "-m", "prisma_lint", *args],
        check=False,
        cwd=cwd,
        env={**env, "GITHUB_ACTIONS": "true", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_file_name_in_an_error_runs_no_command(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / f"{EVIL}.prisma").write_text("model A {\n  id Int @id\n")  # unclosed
    result = run(tmp_path, "parse", "schema")
    assert result.returncode == 2
    assert "::add-mask::secret" in result.stderr  # the name is shown...
    assert runner_commands(result.stderr) == []  # ...but never run


def test_a_file_name_in_the_text_report_runs_no_command(tmp_path: Path) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    (portal / "scripts").mkdir()
    (portal / "scripts" / f"{EVIL}.sh").write_text("prisma migrate deploy\n")
    (portal / "canonical.prisma").write_text(version(5))
    result = run(portal, "check", "--canonical", "canonical.prisma", "--portal", SCHEMA)
    assert result.returncode == 1, result.stderr
    assert "PORTAL_RUNS_MIGRATE" in result.stdout
    assert runner_commands(result.stdout + result.stderr) == []


def test_annotations_are_the_only_commands_with_format_github(tmp_path: Path) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    (portal / "scripts").mkdir()
    (portal / "scripts" / f"{EVIL}.sh").write_text("prisma migrate deploy\n")
    (portal / "canonical.prisma").write_text(version(5))
    result = run(portal, "check", "--canonical", "canonical.prisma", "--portal", SCHEMA, "--format", "github")
    (command,) = runner_commands(result.stdout + result.stderr)
    assert command.startswith("::error file=scripts/x%0A%3A%3Aadd-mask%3A%3Asecret%0A")


def test_the_pr_comment_renders_no_html_mention_or_link() -> None:
    canonical = 'model A {\n  id Int @id\n  name String @default("a")\n}\n'
    hostile = "<img src=x onerror=alert(1)> @octocat [click](https://evil.example) www.evil.example"
    portal = canonical.replace('"a"', f'"{hostile}"')
    result = diff_sources(
        [SourceFile("canonical.prisma", canonical)],
        [SourceFile("portal.prisma", portal)],
        "canonical.prisma",
        "portal.prisma",
        config=Config(),
    )
    table = markdown.render(result).split("<details>")[0]  # the details hold the line in a code block
    assert "img src=x" in table  # the message is there, as text
    for markup in ("<img", "@octocat", "](https", "https://evil", "www.evil"):
        assert markup not in table, markup


def test_a_source_line_cannot_close_its_code_block() -> None:
    canonical = "model A {\n  id Int @id\n  name String\n}\n"
    portal = canonical.replace("  name String\n", "  name String?\n  /// ```\n")
    result = diff_sources(
        [SourceFile("canonical.prisma", canonical)],
        [SourceFile("portal.prisma", portal.replace("String?", "String? /// ``` <b>x</b>"))],
        "canonical.prisma",
        "portal.prisma",
        config=Config(),
    )
    details = markdown.render(result).split("<details>")[1]
    assert "````prisma" in details  # a fence longer than any run of backticks in the line


def test_stderr_saved_to_a_file_is_still_safe_to_print(tmp_path: Path) -> None:
    """The Action saves stderr to a file, then prints it into the log."""
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / f"{EVIL}.prisma").write_text("model A {\n  id Int @id\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRISMA_LINT_"))}
    with (tmp_path / "errors.txt").open("w") as errors:
        subprocess.run(
            [sys.executable, "-m", "prisma_lint", "parse", "schema"],
            check=False,
            cwd=tmp_path,
            env={**env, "GITHUB_ACTIONS": "true"},
            stderr=errors,
            stdout=subprocess.DEVNULL,
            timeout=60,
        )
    saved = (tmp_path / "errors.txt").read_text()
    assert "::add-mask::secret" in saved and runner_commands(saved) == []
