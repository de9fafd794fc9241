"""Hostile files in a repository: links out of a folder, devices, huge files.

Runs that could exhaust memory on a regression run in a child process with an
address-space limit, so a failure is a clean MemoryError, not a starved machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from prisma_lint.errors import SourceError
from prisma_lint.sources import files
from prisma_lint.sources.files import read_schema
from tests.gitrepos import SCHEMA, portal_repo, version

PART = 'datasource db {\n  provider = "postgresql"\n}\n'
MODEL = "model A {\n  id Int @id\n}\n"
MEMORY = 1024 * 1024 * 1024  # 1 GiB of address space: ample for a run, small for a runaway read


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRISMA_LINT_"))}
    return subprocess.run(
        [sys.executable, "-m", "prisma_lint", *args],
        check=False,
        cwd=cwd,
        env={**env, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=20,
        preexec_fn=limited,
    )


def schema_folder(root: Path) -> Path:
    folder = root / "schema"
    folder.mkdir(parents=True)
    (folder / "base.prisma").write_text(PART)
    (folder / "a.prisma").write_text(MODEL)
    return folder


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    """A link to / walked the whole file system; here, to a folder of someone else's schemas."""
    folder = schema_folder(tmp_path)
    (tmp_path / "others").mkdir()
    (tmp_path / "others" / "secret.prisma").write_text("model Secret {\n  id Int @id\n}\n")
    (folder / "root").symlink_to(tmp_path / "others")
    with pytest.raises(SourceError) as caught:
        read_schema(str(folder))
    assert (
        str(caught.value)
        == f"{folder / 'root'}: a link out of the schema folder {folder}; refusing to follow it"
    )


def test_a_file_link_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    folder = schema_folder(tmp_path)
    (tmp_path / "secret.prisma").write_text("model Secret {\n  id Int @id\n}\n")
    (folder / "s.prisma").symlink_to(tmp_path / "secret.prisma")
    with pytest.raises(SourceError, match="a link out of the schema folder"):
        read_schema(str(folder))


def test_links_inside_the_folder_still_work(tmp_path: Path) -> None:
    folder = schema_folder(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "b.prisma").write_text("model B {\n  id Int @id\n}\n")
    (folder / "again").symlink_to(folder / "sub")
    names = [Path(f.display).name for f in read_schema(str(folder))]
    assert names == ["a.prisma", "b.prisma", "base.prisma"]  # sub/ is again/: read once


def test_a_fifo_in_a_folder_is_refused(tmp_path: Path) -> None:
    folder = schema_folder(tmp_path)
    os.mkfifo(folder / "pipe.prisma")  # opening it to read would wait forever: in a child, bounded
    run = cli(tmp_path, "parse", "schema")
    assert run.returncode == 2, run.stderr[-500:]
    assert run.stderr.strip() == f"error: {Path('schema') / 'pipe.prisma'}: not a regular file"


def test_dev_zero_named_prisma_in_a_folder_is_refused(tmp_path: Path) -> None:
    folder = schema_folder(tmp_path)
    (folder / "z.prisma").symlink_to("/dev/zero")
    run = cli(tmp_path, "diff", "schema", "schema")
    assert run.returncode == 2, run.stderr[-500:]
    link = Path("schema") / "z.prisma"
    assert (
        run.stderr.strip() == f"error: {link}: a link out of the schema folder schema; refusing to follow it"
    )


def test_dev_zero_given_as_the_schema_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    (tmp_path / "z.prisma").symlink_to("/dev/zero")
    run = cli(tmp_path, "parse", "z.prisma")
    assert run.returncode == 2, run.stderr[-500:]
    assert run.stderr.strip() == "error: z.prisma: larger than 64 MB, the limit for a schema file"


def test_a_schema_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.prisma"
    with big.open("wb") as f:
        f.truncate(64 * 1024 * 1024 + 1)  # sparse: no disk, no memory
    with pytest.raises(SourceError) as caught:
        read_schema(str(big))
    assert str(caught.value) == f"{big}: larger than 64 MB, the limit for a schema file"


def test_a_script_linked_to_dev_zero_is_not_read_by_the_policy(tmp_path: Path) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    (portal / "scripts").mkdir()
    (portal / "scripts" / "evil.sh").symlink_to("/dev/zero")
    (portal / "canonical.prisma").write_text(version(5))
    run = cli(portal, "check", "--canonical", "canonical.prisma", "--portal", SCHEMA)
    assert run.returncode == 0, run.stderr[-500:]


def test_a_git_blob_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prisma_lint.engine import parse_path
    from tests.gitrepos import commit_file, init

    repo = init(tmp_path / "repo")
    commit_file(repo, "big.prisma", PART + "// padding\n" * 200, "big", day=1)
    monkeypatch.chdir(repo)
    monkeypatch.setattr(files, "MAX_SCHEMA_BYTES", 1000)
    with pytest.raises(SourceError) as caught:
        parse_path("HEAD:big.prisma")
    assert str(caught.value) == "HEAD:big.prisma: larger than 1000 bytes, the limit for a schema file"
