"""`prisma-lint sync`: byte-for-byte copies, atomic writes, nothing outside the portal path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from prisma_lint.errors import SourceError
from prisma_lint.sources import sync
from tests.gitrepos import SCHEMA, admin_repo, version


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_file_sync_check_then_write(tmp_path: Path) -> None:
    canonical, portal = tmp_path / "admin.prisma", tmp_path / "portal.prisma"
    canonical.write_bytes(version(3).replace("\n", "\r\n").encode())  # CRLF survives byte for byte
    portal.write_text(version(1))
    portal.chmod(0o600)
    code, out, _ = run("sync", str(canonical), str(portal), "--check")
    assert (code, out) == (1, f"would update {portal}\n")
    assert portal.read_text() == version(1)  # --check writes nothing
    code, out, _ = run("sync", str(canonical), str(portal))
    assert (code, out) == (0, f"updated {portal}\n")
    assert portal.read_bytes() == canonical.read_bytes()
    assert portal.stat().st_mode & 0o777 == 0o600
    assert run("sync", str(canonical), str(portal), "--check") == (
        0,
        f"{portal} is in sync with {canonical}.\n",
        "",
    )
    assert run("diff", str(canonical), str(portal))[0] == 0


def test_folder_sync_creates_updates_and_deletes_only_schema_files(tmp_path: Path) -> None:
    canonical, portal = tmp_path / "admin", tmp_path / "portal"
    (canonical / "models").mkdir(parents=True)
    (canonical / "schema.prisma").write_text(version(0))
    (canonical / "models" / "user.prisma").write_text("model User {\n  id Int @id\n}\n")
    (portal / "old").mkdir(parents=True)
    (portal / "schema.prisma").write_text(version(2))
    (portal / "old" / "legacy.prisma").write_text("model Legacy {\n  id Int @id\n}\n")
    (portal / "README.md").write_text("keep me")
    code, out, _ = run("sync", str(canonical), str(portal))
    assert code == 0
    assert out.splitlines() == [  # canonical files in path order, then deletions
        f"created {portal / 'models' / 'user.prisma'}",
        f"updated {portal / 'schema.prisma'}",
        f"deleted {portal / 'old' / 'legacy.prisma'}",
    ]
    assert sorted(p.relative_to(portal).as_posix() for p in portal.rglob("*") if p.is_file()) == [
        "README.md",
        "models/user.prisma",
        "schema.prisma",
    ]
    assert run("diff", str(canonical), str(portal))[0] == 0


def test_sync_from_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    admin_repo(tmp_path / "admin", versions=3)
    monkeypatch.chdir(tmp_path / "admin")
    target = tmp_path / "portal.prisma"
    code, out, _ = run("sync", f"HEAD~2:{SCHEMA}", str(target))
    assert code == 0 and out == f"created {target}\n"
    assert target.read_text() == version(1)


def test_sync_reads_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "admin.prisma").write_text(version(2))
    (tmp_path / ".prisma-lint.toml").write_text('canonical = "admin.prisma"\nportal = "portal.prisma"\n')
    monkeypatch.chdir(tmp_path)
    assert run("sync") == (0, "created portal.prisma\n", "")
    code, _, err = run("sync", "--config", str(tmp_path / "none.toml"))
    assert code == 2 and "cannot read" in err


def test_a_failed_write_leaves_the_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    canonical, portal = tmp_path / "admin.prisma", tmp_path / "portal.prisma"
    canonical.write_text(version(4))
    portal.write_text(version(1))

    def crash(src: str, dst: str) -> None:  # the disk fills up just as the new file would land
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    code, _, err = run("sync", str(canonical), str(portal))
    assert code == 2 and "No space left on device" in err
    assert portal.read_text() == version(1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["admin.prisma", "portal.prisma"]  # no temp file


def test_never_writes_outside_the_portal_path(tmp_path: Path) -> None:
    portal = tmp_path / "portal"
    (portal).mkdir()
    (tmp_path / "elsewhere").mkdir()
    (portal / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(SourceError, match="outside"):
        sync._inside(portal, "../escape.prisma")
    with pytest.raises(SourceError, match="outside"):
        sync._inside(portal, "link/x.prisma")


def test_shape_mismatch_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "a.prisma").write_text(version(1))
    (tmp_path / "portal.prisma").write_text(version(1))
    code, _, err = run("sync", str(tmp_path / "admin"), str(tmp_path / "portal.prisma"))
    assert code == 2 and "is a file, but the canonical schema is a folder" in err


def test_a_canonical_folder_given_with_dot_slash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sync ./canon pf` said "canon/a.prisma: not under ./canon"."""
    monkeypatch.chdir(tmp_path)
    Path("canon").mkdir()
    Path("canon/a.prisma").write_text(version(2))
    code, out, err = run("sync", "./canon", "pf")
    assert code == 0, err
    assert out == f"created {Path('pf') / 'a.prisma'}\n"
    assert Path("pf/a.prisma").read_text() == version(2)


def test_history_depth_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2**31 reached git, which failed; now the option says what it takes."""
    monkeypatch.chdir(tmp_path)
    Path("a.prisma").write_text(version(1))
    code, _, err = run(
        "check", "--canonical", "a.prisma", "--portal", "a.prisma", "--history-depth", str(2**31)
    )
    assert code == 2 and "2147483648 is not in the range 1<=x<=100000" in err
