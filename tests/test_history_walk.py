"""The history walk (check/history.py) and the incremental cutter (syntax/chunks.Cutter).

The walk cuts each version only around what changed since the previous one and
compares it with the copy only over the chunks they do not share. Both are
shortcuts: over generated histories they must give what cutting every version
afresh and comparing whole fact sets gives (verdict, match, nearest version and
its distance).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import git
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prisma_lint.check.history import judge
from prisma_lint.check.verdicts import Candidate, Verdict
from prisma_lint.cli import cli
from prisma_lint.config import Config
from prisma_lint.drift.semantic import distance, facts
from prisma_lint.errors import SchemaSyntaxError
from prisma_lint.sources import git as gitsource
from prisma_lint.sources import plaingit
from prisma_lint.sources.specs import GitSpec
from prisma_lint.syntax import chunks
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.parser import parse_sources
from tests import gitrepos

ROOT = Path(__file__).resolve().parents[1]
BASE = normalise_newlines(
    (ROOT / "examples" / "admin" / "prisma" / "schema.prisma").read_text(encoding="utf-8")
)
SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
# Text spliced in anywhere: block edges, comments, config blocks, fields, junk.
SNIPPETS = ["}", "\n}", "\n}\n", "model X {\n", "\nmodel Y {\n  id Int @id\n}\n", "/*", "*/", "\n", " ", "{"]
SNIPPETS += [
    "datasource d {\n",
    '\ngenerator g {\n  provider = "x"\n}\n',
    "enum E {\n",
    "  f Int\n",
    "",
    "// c\n",
]

NAMES = itertools.count()  # fields and models added by `edit` never repeat a name


def texts_of(text: str) -> list[str] | None:
    cut = chunks.split(text)
    return [c.text for c in cut] if cut is not None else None


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_the_cutter_cuts_every_version_as_split_does(rng: random.Random) -> None:
    cutter, text = chunks.Cutter(), BASE
    for _ in range(25):
        for _ in range(rng.randint(1, 3)):
            i = rng.randint(0, len(text))
            text = text[:i] + rng.choice(SNIPPETS) + text[i + rng.choice([0, 0, 1, 3, 20]) :]
        assert cutter.cut(text) == texts_of(text), text


def many_models(count: int) -> str:
    return "".join(
        f"/// Model {i}.\nmodel M{i} {{\n  id Int @id\n  name String\n}}\n\n" for i in range(count)
    )


def growing_history(base: str, count: int) -> list[str]:
    """count versions, newest first: version v (from the oldest) adds a field to model v."""
    out = []
    for v in range(count):
        text = base
        for i in range(v):
            text = text.replace(f"model M{i} {{\n", f"model M{i} {{\n  added{i} String?\n", 1)
        out.append(text)
    return out[::-1]


class CountingPattern:
    """Stands in for chunks.LINE_HEADER and counts the characters it is asked to scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.scanned = pattern, 0

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        end = len(text) if endpos is None else min(endpos, len(text))
        self.scanned += end - pos
        return self.pattern.finditer(text, pos, end)


def test_the_walk_scans_each_version_only_where_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    base = many_models(300)
    history = growing_history(base, 40)
    versions = [(f"c{n}", "2026-10-01", (SourceFile("s.prisma", t),)) for n, t in enumerate(history)]
    portal = [SourceFile("portal.prisma", history[0].replace("name String", "name Int", 1))]
    largest = max(len(t) for t in texts_of(history[0]) or [])
    counter = CountingPattern(chunks.LINE_HEADER)
    monkeypatch.setattr(chunks, "LINE_HEADER", counter)
    verdict = judge(portal, versions, Config())
    assert verdict.status == "edited" and verdict.versions == 40
    # The copy and the newest version are cut in full; every older one around one model.
    assert counter.scanned <= 2 * len(history[0]) + 40 * 3 * largest


def reference(
    portal: list[SourceFile], versions: Sequence[tuple[str, str, tuple[SourceFile, ...]]]
) -> Verdict:
    """The plain walk: every version parsed whole, whole fact sets compared."""
    target = facts(parse_sources(portal))
    seen: list[tuple[int, Candidate]] = []
    for position, (commit, date, files) in enumerate(versions):
        try:
            version = facts(parse_sources(list(files)))
        except SchemaSyntaxError:
            continue
        candidate = Candidate(commit, date, position)
        if version == target:
            return Verdict("stale", match=candidate, versions=position + 1)
        seen.append((distance(version, target), candidate))
    if not seen:
        return Verdict("edited", versions=0)
    apart, nearest = min(seen, key=lambda item: (item[0], item[1].position))
    return Verdict("edited", nearest=nearest, nearest_distance=apart, versions=len(seen))


def edit(text: str, rng: random.Random) -> str:
    """One meaningful or harmless change that keeps the schema free of duplicate names."""
    fields = [m.span() for m in re.finditer(r"^  [a-z]\w* +\w[^\n]*\n", text, flags=re.M)]
    models = [m.end() for m in re.finditer(r"^model \w+ \{\n", text, flags=re.M)]
    if not fields or not models:
        return text
    start, end = rng.choice(fields)
    at, n, line = rng.choice(models), next(NAMES), text[start:end]
    edits = [
        text[:at] + f"  extra{n} String?\n" + text[at:],  # a field added
        text[:start] + text[end:],  # a field (or attribute line) removed
        text[:start] + re.sub(r"String|Int\b|DateTime", "Boolean", line, count=1) + text[end:],  # retyped
        text + f"\nmodel Added{n} {{\n  id Int @id\n}}\n",  # a model added
        text[:start] + "  /// Documented.\n" + text[start:],  # a field documented
        text[:start] + line.replace(" ", "   ", 1) + text[end:],  # formatting only
    ]
    if rng.random() < 0.1:
        return text[:start] + "  broken Int @@@\n" + text[start:]  # a version that does not parse
    return rng.choice(edits)


def as_files(text: str, rng: random.Random) -> tuple[SourceFile, ...]:
    """One file, or (in a third of versions) two, cut at a model: blocks move between files."""
    cuts = [m.start() + 1 for m in re.finditer(r"\nmodel ", text)]
    if not cuts or rng.random() < 0.67:
        return (SourceFile("HEAD:s.prisma", text),)
    at = rng.choice(cuts)
    return SourceFile("HEAD:a.prisma", text[:at]), SourceFile("HEAD:b.prisma", text[at:])


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_the_walk_gives_the_verdict_of_whole_fact_sets(rng: random.Random) -> None:
    texts = [BASE]
    for _ in range(rng.randint(1, 12)):
        texts.append(edit(texts[-1], rng))
    texts.reverse()  # newest first
    versions = [(f"c{n}", "2026-10-01", as_files(t, rng)) for n, t in enumerate(texts)]
    copy = rng.choice([t for t in texts if "@@@" not in t])
    for _ in range(rng.choice([0, 0, 1, 2])):
        copy = edit(copy, rng).replace("  broken Int @@@\n", "")
    portal = [SourceFile("portal.prisma", copy)]
    assert judge(portal, versions, Config()) == reference(portal, versions)
    assert judge(parse_sources(portal), versions, Config()) == reference(portal, versions)


def as_versions(*texts: str) -> list[tuple[str, str, tuple[SourceFile, ...]]]:
    return [(f"c{n}", "2026-10-01", (SourceFile("s.prisma", text),)) for n, text in enumerate(texts)]


def test_a_header_after_a_closing_brace_on_its_line_gives_the_plain_walks_verdict() -> None:
    """`} model B {` leaves B and C in one chunk; a change in C is C's, and a line between the
    two blocks makes a version that does not parse (it once was matched, then crashed the walk)."""
    c0 = "model A {\n} model B {\n}\nmodel C {\n}"
    c1 = "model A {\n} model B {\n}\nmodel C {\n  x Int\n}"
    bad = "model A {\n} model B {\n}\n  x Int\nmodel C {\n}"
    older = "model A {\n} model Bee {\n}\nmodel C {\n}"
    for versions, copy in [
        (as_versions(c0, c1), "model A {\n} model B {\n  x Int\n}\nmodel C {\n}"),
        (as_versions(c0, bad), "model A {\n} model B {\n  x Int\n}\nmodel C {\n}"),
        (as_versions(c0, bad, older), older),
    ]:
        portal = [SourceFile("portal.prisma", copy)]
        assert judge(portal, versions, Config()) == reference(portal, versions)


def test_a_walk_by_changed_lines_gives_the_plain_walks_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """Versions that each change a few member lines of a model or an enum, away from comments,
    so the walk moves by the lines that changed (splice.py); copies equal to each version in
    turn, and edited from each, are judged as the plain walk judges them."""
    from prisma_lint.check import history

    answered: list[bool] = []
    real = history.line_change

    def counted(old: str, new: str) -> Any:
        found = real(old, new)
        answered.append(found is not None)
        return found

    monkeypatch.setattr(history, "line_change", counted)
    steps = [
        ("  name String\n", "  name String\n  extra Int?\n"),  # a field added
        ("  extra Int?\n", '  extra String @default("x")\n'),  # retyped, an attribute added
        ("  id Int @id\n  name String\n", "  id Int @id\n  @@index([name])\n  name String\n"),
        ("  USER\n", '  USER\n  GUEST @map("guest")\n'),  # an enum value added
        ("  ADMIN\n", ""),  # and one removed
        ("  name String\n  extra", "  name String?\n  extra"),
    ]
    texts = [many_models(4) + "enum Role {\n  ADMIN\n  USER\n}\n"]
    for old, new in steps:
        texts.append(texts[-1].replace(old, new, 1))
    newest_first = texts[::-1]
    # A version that does not parse, after two moves by changed lines: the walk then moves to
    # the next one whole, from the units it counted.
    newest_first.insert(3, newest_first[2].replace("  id Int @id\n", "  id Int @@@\n", 1))
    versions = as_versions(*newest_first)
    for copy in [*texts, *(text.replace("  id Int @id\n", "  id BigInt @id\n", 1) for text in texts)]:
        portal = [SourceFile("portal.prisma", copy)]
        assert judge(portal, versions, Config()) == reference(portal, versions), copy
    assert sum(answered) >= len(steps), "the walk moved by changed lines"


def test_after_a_version_of_two_files_of_one_name_the_next_is_compared_whole() -> None:
    a, b, c = (f"model {name} {{\n  id Int @id\n}}\n" for name in "ABC")
    versions = [
        ("c0", "2026-10-01", (SourceFile("x.prisma", a), SourceFile("x.prisma", b))),
        ("c1", "2026-10-01", (SourceFile("x.prisma", c),)),
        ("c2", "2026-10-01", (SourceFile("x.prisma", c),)),
    ]
    portal = [SourceFile("portal.prisma", c)]
    assert judge(portal, versions, Config()) == reference(portal, versions)


def gitpython_history(repo_path: Path, spec: GitSpec, limit: int) -> list[plaingit.Version]:
    """The walk as it was: GitPython's commits, each file read through the commit's tree."""
    repo = git.Repo(repo_path)
    out = []
    for commit in repo.iter_commits(repo.commit(spec.ref), paths=spec.path, max_count=limit):
        files = gitsource._files_at(commit, spec)
        if files:
            out.append(plaingit.Version(commit.hexsha, commit.committed_datetime.isoformat(), tuple(files)))
    return out


def mixed_history(path: Path) -> None:
    """A schema file and a schema folder, changed, deleted and brought back, between other commits."""
    gitrepos.admin_repo(path, versions=4)
    gitrepos.commit_file(path, "db/a.prisma", gitrepos.version(1), "folder a", day=20)
    gitrepos.commit_file(path, "db/b.prisma", gitrepos.version(2), "folder b", day=21)
    gitrepos.git(path, "rm", "-q", gitrepos.SCHEMA)
    gitrepos.git(path, "commit", "-q", "-m", "schema gone", date="2026-10-22T12:00:00+02:00")
    gitrepos.commit_file(path, gitrepos.SCHEMA, gitrepos.version(5), "schema back", day=23)
    gitrepos.commit_file(path, "db/a.prisma", gitrepos.version(6), "folder a again", day=24)


@pytest.mark.parametrize("where", [gitrepos.SCHEMA, "db", "prisma"])
def test_history_lists_the_versions_gitpython_walks(tmp_path: Path, where: str) -> None:
    mixed_history(tmp_path)
    spec = GitSpec(None, "HEAD", where)
    for module in (gitsource, plaingit):  # GitPython's repository, and git's command line
        walked = list(module.history(spec, cwd=tmp_path / "db", limit=50))
        assert walked == gitpython_history(tmp_path, spec, 50)
        assert len(walked) >= 3
        assert list(module.history(spec, cwd=tmp_path, limit=2)) == gitpython_history(tmp_path, spec, 2)
        assert module.read(spec, cwd=tmp_path / "db") == gitsource.read(spec, cwd=tmp_path)
        assert [f.text for f in module.read(spec, cwd=tmp_path)] == [f.text for f in walked[0].files]


def test_history_reads_one_git_object_per_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gitrepos.admin_repo(tmp_path, versions=12)
    reads = []
    real = git.cmd.Git._Git__get_object_header  # type: ignore[attr-defined]

    def counting(self: git.cmd.Git, cmd: Any, ref: Any) -> Any:
        reads.append(ref)
        return real(self, cmd, ref)

    monkeypatch.setattr(git.cmd.Git, "_Git__get_object_header", counting)
    versions = list(gitsource.history(GitSpec(None, "HEAD", gitrepos.SCHEMA), cwd=tmp_path))
    assert len(versions) == 12
    assert len(reads) <= len(versions) + 2  # the blob itself; resolving HEAD may read a commit


def test_check_reads_history_only_up_to_the_match(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gitrepos.admin_repo(tmp_path / "admin", versions=12)
    copy = tmp_path / "portal.prisma"
    copy.write_text(gitrepos.version(9))  # two schema commits behind
    real, read = plaingit.history, []

    def recorded(*args: Any, **kwargs: Any) -> Iterator[plaingit.Version]:
        for version in real(*args, **kwargs):
            read.append(version.commit)
            yield version

    monkeypatch.setattr(plaingit, "history", recorded)
    monkeypatch.chdir(tmp_path / "admin")
    result = CliRunner().invoke(
        cli, ["check", "--canonical", f"HEAD:{gitrepos.SCHEMA}", "--portal", str(copy)]
    )
    assert result.exit_code == 1 and "2 schema commits behind" in result.stdout, result.stdout
    assert len(read) == 3  # the walk stopped at the match: the nine older versions were never read


def test_check_on_a_file_in_this_repository_never_imports_gitpython(tmp_path: Path) -> None:
    gitrepos.admin_repo(tmp_path / "admin", versions=3)
    (tmp_path / "portal.prisma").write_text(gitrepos.version(1) + "model Extra {\n  id Int @id\n}\n")
    probe = (
        "import sys\nfrom prisma_lint.cli.app import cli\n"
        "try:\n    cli()\nexcept SystemExit as stop:\n    code = stop.code\n"
        "print('exit', code, 'gitpython', 'git' in sys.modules)\n"
    )
    args = ["check", "--canonical", f"HEAD:{gitrepos.SCHEMA}", "--portal", str(tmp_path / "portal.prisma")]
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        cwd=tmp_path / "admin",
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Verdict: EDITED" in done.stdout, done.stdout + done.stderr
    assert done.stdout.strip().endswith("exit 1 gitpython False"), done.stdout


def test_a_copy_edited_from_an_older_local_version_is_measured_against_it(tmp_path: Path) -> None:
    """The walk keeps no version's text past the newest; the nearest is read again by its commit."""
    commits = gitrepos.admin_repo(tmp_path / "admin", versions=6)
    copy = tmp_path / "portal.prisma"
    copy.write_text(gitrepos.version(3).replace("  field3 String?\n", "  field3 String?\n  mine Int?\n"))
    args = ["check", "--canonical", f"HEAD:{gitrepos.SCHEMA}", "--portal", str(copy), "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-m", "prisma_lint", *args],
        cwd=tmp_path / "admin",
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert report["history"]["nearest"]["commit"] == commits[3] == report["history"]["baseline"]
    changes = {c["code"]: c["message"] for c in report["changes"]}
    assert changes.keys() == {"FIELD_ADDED", "PORTAL_STALE"}  # its own edit, and field4 and field5 since
    assert "Account.mine" in changes["FIELD_ADDED"] and "2 canonical changes since" in changes["PORTAL_STALE"]


def edited_copy_of_a_history(tmp_path: Path) -> tuple[list[str], Path, Path]:
    """Three versions of 300 models in a repository, and a copy of the newest edited once, so
    check walks the history. (versions newest first, the repository, the copy)"""
    history = growing_history(many_models(300), 3)
    repo = tmp_path / "admin"
    gitrepos.init(repo)
    for day, text in enumerate(reversed(history), start=1):
        gitrepos.commit_file(repo, "schema.prisma", text, f"version {day}", day)
    copy = tmp_path / "portal.prisma"
    copy.write_text(history[0].replace("name String", "name Int", 1))
    return history, repo, copy


Logged = dict[str, list[tuple[str, str]]]  # pid -> (what ran, on which text), in order


def parses_of_a_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], Logged]:
    """Check the copy of edited_copy_of_a_history: (the newest version's chunk texts, what each
    process checked or parsed), logged to files: a forked child leaves by _exit. "whole" is a
    chunk parsed with its AST, "check" one checked without, "lines" splice.py's parse of
    changed lines."""
    from prisma_lint.syntax import pairparse, splice

    history, repo, copy = edited_copy_of_a_history(tmp_path)
    log = tmp_path / "parses"
    log.mkdir()

    def logged(what: str, real: Any) -> Any:
        def logging(text: str, *args: Any, **kwargs: Any) -> Any:
            with (log / str(os.getpid())).open("a", encoding="utf-8") as out:
                out.write(json.dumps([what, text]) + "\n")
            return real(text, *args, **kwargs)

        return logging

    for module, name, what in [
        (pairparse, "parse_text", "whole"),
        (pairparse, "check_text", "check"),
        (splice, "parse_text", "lines"),
    ]:
        monkeypatch.setattr(module, name, logged(what, getattr(module, name)))
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["check", "--canonical", "HEAD:schema.prisma", "--portal", str(copy)])
    assert result.exit_code == 1 and "EDITED" in result.stdout.upper(), result.stdout
    lines = {f.name: f.read_text().splitlines() for f in log.iterdir()}
    by_process = {pid: [tuple(json.loads(line)) for line in got] for pid, got in lines.items()}
    return texts_of(history[0]) or [], by_process


def assert_parsed_once_each(newest: list[str], logged: list[tuple[str, str]]) -> None:
    """The shared chunks checked once each, the two unshared ones (model M0, one on each side)
    parsed once each, and of the two older versions only the line each removed."""
    by_kind = {what: [text for kind, text in logged if kind == what] for what in ("whole", "check", "lines")}
    unshared = [text for text in newest if "model M0 " in text]
    assert len(unshared) == 1 and len(by_kind["whole"]) == 2
    assert by_kind["whole"][0] in unshared or by_kind["whole"][1] in unshared
    assert sorted(by_kind["check"]) == sorted(text for text in newest if text not in unshared)
    assert sorted(by_kind["lines"]) == ["model M0 {\n  added0 String?\n}", "model M1 {\n  added1 String?\n}"]


def test_check_parses_whole_only_the_chunks_the_two_sides_do_not_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The diff checks the chunks the copy shares with the canonical schema without building
    them, and parses the others; the walk takes both from it, and of each older version
    parses only the line that changed (604 parses of 303 texts when the walk parsed every
    version's chunks through a cache of its own; the two unshared twice when it took the
    shared ones whole from the diff)."""
    from prisma_lint.syntax import sharing

    monkeypatch.setattr(sharing.os, "cpu_count", lambda: 1)  # no fork: every parse is logged here
    newest, by_process = parses_of_a_check(tmp_path, monkeypatch)
    assert list(by_process) == [str(os.getpid())] and len(newest) == 300
    assert_parsed_once_each(newest, by_process[str(os.getpid())])


def test_check_on_two_cores_parses_no_chunk_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The diff's shared chunks are checked by this process and a forked child; the walk learns
    from both that they parse, and parses none of them again in either process."""
    from prisma_lint.syntax import sharing

    monkeypatch.setattr(sharing, "FORK_THRESHOLD", 0)
    monkeypatch.setattr(sharing.os, "cpu_count", lambda: 2)
    newest, by_process = parses_of_a_check(tmp_path, monkeypatch)
    assert len(by_process) == 2, "the diff forked a child"
    child = next(got for pid, got in by_process.items() if pid != str(os.getpid()))
    assert len(child) > 50 and {kind for kind, _ in child} == {"check"}, "the child took a share"
    assert_parsed_once_each(newest, [entry for got in by_process.values() for entry in got])


def test_a_canonical_schema_given_by_path_keeps_no_older_version_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--canonical prisma/schema.prisma` walks the history of a local repository, as `HEAD:...`
    does: only a history fetched into the cache keeps every version's files (200 versions of a
    290 KB schema held 260 MiB). Once the path's history (its url ".") was taken for fetched."""
    from prisma_lint.check import run

    commits = gitrepos.admin_repo(tmp_path / "admin", versions=6)
    copy = tmp_path / "portal.prisma"
    copy.write_text(gitrepos.version(3).replace("  field3 String?\n", "  field3 String?\n  mine Int?\n"))
    kept: list[int] = []
    real = run._recorded

    def recorded(source: Any, read: list[Any], keep: bool) -> Any:
        yield from real(source, read, keep)
        kept.append(sum(1 for version in read[1:] if version.files))

    monkeypatch.setattr(run, "_recorded", recorded)
    monkeypatch.chdir(tmp_path / "admin")
    args = ["check", "--canonical", gitrepos.SCHEMA, "--portal", str(copy), "--format", "json"]
    result = CliRunner().invoke(cli, args)
    report = json.loads(result.stdout)
    assert report["history"]["nearest"]["commit"] == commits[3], result.stdout  # read again by commit
    assert kept == [0]
