"""Many objects out of git in one `git cat-file --batch`, asked for a few ahead.

Reading a version of a schema is mostly git's own work (inflating a 290 KB
object takes it ~1.5 ms). Asked for several objects ahead, through a pipe
widened to hold a few of them, git inflates the next versions on the other
core while this one is compared. Plain pipes: git.py, which owns GitPython,
hands over the command (and plaingit.py, which does without GitPython).
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from prisma_lint.sources import files
from prisma_lint.sources.files import decode_schema
from prisma_lint.syntax.ast import SourceFile

AHEAD = 8  # object names written before their objects are read (a few KB: never blocks)
PIPE_BYTES = 1 << 20  # Linux lets a pipe hold up to 1 MiB unprivileged: ~3 civitai versions


@dataclass(frozen=True)
class Version:
    """One version of a schema in history."""

    commit: str
    date: str  # ISO 8601, committer date
    files: tuple[SourceFile, ...]


def plain_path(path: str) -> bool:
    """Whether `sha:path` names path from the commit's root for cat-file (`./x` is cwd-relative)."""
    return "\n" not in path and all(part not in ("", ".", "..") for part in path.split("/"))


class CatFile:
    """Objects named by names (`sha:path`), read in order, each once."""

    def __init__(self, command: list[str], names: list[str]) -> None:
        self.proc = subprocess.Popen(
            [*command, "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        _widen(self.stdout)
        self.names: Iterator[str] = iter(names)
        for _ in range(AHEAD):
            self._ask()

    def _ask(self) -> None:
        if self.stdin.closed:
            return
        name = next(self.names, None)
        if name is None:
            self.stdin.close()  # git ends after the last object
            return
        self.stdin.write(f"{name}\n".encode())
        self.stdin.flush()

    def header(self) -> tuple[str, int] | None:
        """The next object's type and size in bytes; None if there is no such object."""
        self._ask()
        line = self.stdout.readline()
        if not line:
            raise OSError("git cat-file ended early")
        fields = line.split()
        if len(fields) != 3:  # "<name> missing" (or ambiguous)
            return None
        return fields[1].decode("ascii"), int(fields[2])

    def content(self, size: int) -> bytes:
        """The object whose header was just read (its size bytes, then git's newline)."""
        data = self.stdout.read(size)  # then the newline apart: slicing it off copied the object
        if len(data) != size or self.stdout.read(1) != b"\n":
            raise OSError("git cat-file ended early")
        return data

    def close(self) -> None:
        """Stop git, read to the end or not."""
        for pipe in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):  # git already gone: nothing to flush to
                pipe.close()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def _widen(pipe: IO[bytes]) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or a lower limit: git is then fewer objects ahead, nothing else changes


def blob_files(batch: CatFile, display: str, sha: str) -> list[SourceFile] | None:
    """The next object of batch as the schema file at commit sha: [] if the path is missing
    there, None (its content skipped) if it is not a file."""
    header = batch.header()
    if header is None:
        return []
    kind, size = header
    if kind != "blob":
        batch.content(size)
        return None
    error = files.too_big(display, size)
    if error:
        raise error
    return [SourceFile(display, decode_schema(batch.content(size), display), sha)]
