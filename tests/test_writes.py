"""write_atomic and the files it must not destroy: devices, FIFOs, links, modes, groups, leftovers.

The device is a /dev/null made with mknod inside the test's folder (CI runs as
root, as the containers it protects do), never the real /dev/null.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from prisma_lint.sources.writes import write_atomic

SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n'


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so opening to write does not block
    try:
        write_atomic(fifo, b"report\n")
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert os.read(reader, 100) == b"report\n"
    finally:
        os.close(reader)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    write_atomic(null, b"gone\n")
    assert stat.S_ISCHR(null.lstat().st_mode) and os.major(null.lstat().st_rdev) == 1
    assert temp_files(tmp_path) == []


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "report.json"
    target.write_text("old")
    link = tmp_path / "report.json"
    link.symlink_to(Path("real") / "report.json")
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "report.json")
    assert target.read_bytes() == b"new"
    assert temp_files(tmp_path) == [] and temp_files(tmp_path / "real") == []


def test_mode_and_group_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "schema.prisma"
    path.write_text("old")
    path.chmod(0o640)
    group = 4242 if os.geteuid() == 0 else os.getgid()
    os.chown(path, -1, group)
    write_atomic(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_gid == group


def test_sync_keeps_a_symlinked_portal_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("canonical.prisma").write_text(SCHEMA + "\nmodel A {\n  id Int @id\n}\n")
    Path("shared").mkdir()
    Path("shared/schema.prisma").write_text(SCHEMA)
    Path("portal.prisma").symlink_to("shared/schema.prisma")
    result = CliRunner().invoke(cli, ["sync", "canonical.prisma", "portal.prisma"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert Path("portal.prisma").is_symlink()
    assert Path("shared/schema.prisma").read_text() == Path("canonical.prisma").read_text()


def test_stale_temp_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], check=True, capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".prisma-lint-{dead_pid}-abc123.tmp"
    stale.write_bytes(b"x" * 1000)
    live = tmp_path / f".prisma-lint-{os.getpid()}-def456.tmp"  # a write in progress: ours
    live.write_bytes(b"y")
    other = tmp_path / ".prisma-lint-notes.tmp"  # not of our making
    other.write_bytes(b"z")
    write_atomic(tmp_path / "schema.prisma", b"new")
    assert not stale.exists() and live.exists() and other.exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_during_a_sync_leaves_no_temp_file(tmp_path: Path, signum: int) -> None:
    """`prisma-lint sync` held at fsync (a long write's stand-in) gets SIGTERM or Ctrl-C:
    the temp file goes, the old file stays whole, no traceback."""
    # A real change (sync leaves a copy alone that differs in comments only), and a long write.
    (tmp_path / "canonical.prisma").write_text(
        SCHEMA + "model Pad {\n  id Int @id\n}\n" + "// padding\n" * 100_000
    )
    (tmp_path / "portal.prisma").write_text(SCHEMA)
    script = """
import os, sys, time
from prisma_lint.cli.app import main
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
os.fsync = slow_fsync
sys.argv = ["prisma-lint", "sync", "canonical.prisma", "portal.prisma"]
main()
"""
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
        assert len(temp_files(tmp_path)) == 1
        proc.send_signal(signum)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        _, err = proc.communicate()
    assert proc.returncode == 128 + signum
    assert "Traceback" not in err
    assert temp_files(tmp_path) == []
    assert (tmp_path / "portal.prisma").read_text() == SCHEMA  # the old file, whole


def test_output_to_a_link_to_stdout_writes_to_the_pipe(tmp_path: Path) -> None:
    """`-o /dev/stdout` in CI, where stdout is a pipe: the link resolves to no real path."""
    (tmp_path / "stdout").symlink_to("/proc/self/fd/1")  # what /dev/stdout is, in a folder of ours
    (tmp_path / "a.prisma").write_text(SCHEMA)
    run = subprocess.run(
        [sys.executable, "-m", "prisma_lint", "diff", "a.prisma", "a.prisma", "-o", "stdout"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("No drift: a.prisma matches the canonical schema a.prisma")
    assert (tmp_path / "stdout").is_symlink()
