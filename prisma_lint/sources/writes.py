"""Writing files so that nothing is ever lost: atomically, and only where asked.

A regular file is replaced by rename from a temp file in its folder, keeping
its permission bits, group (and owner, as root). Anything else already at the
path is respected: a symlink is resolved and its target replaced (the link
stays a link); a device or FIFO (`/dev/null`, `/dev/stdout`) is written to,
never replaced. Other hard links to a replaced file keep the old content, as
with git and most editors. Temp files are named `.prisma-lint-PID-*.tmp`: one
left by a process that died without cleaning up is removed by the next write
into that folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path

from prisma_lint.errors import PrismaLintError

TEMP_PREFIX = ".prisma-lint-"
TEMP_NAME = re.compile(r"^\.prisma-lint-(\d+)-.*\.tmp$")


class WriteError(PrismaLintError):
    """A file could not be written; the old one, if any, is untouched."""


def write_atomic(path: str | Path, data: bytes, *, parents: bool = False) -> None:
    """Write data to path: a reader sees the old file or the new one, never half of either.

    With parents=True (reports, never schemas) missing folders are made first."""
    shown = Path(path)
    try:
        if parents:
            (shown.parent if str(shown.parent) else Path(".")).mkdir(parents=True, exist_ok=True)
        old: os.stat_result | None = shown.stat()  # through links: what a write would reach
    except FileNotFoundError:
        old = None
    except OSError as err:
        raise WriteError(f"{shown}: cannot write: {err.strerror or err}") from None
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise WriteError(f"{shown}: is a folder")
    try:
        if old is not None and not stat.S_ISREG(old.st_mode):
            _write_in_place(shown, data)  # by the given path: /dev/stdout's target may have no name
        else:
            _replace(Path(os.path.realpath(shown)) if shown.is_symlink() else shown, data, old)
    except OSError as err:
        raise WriteError(f"{shown}: cannot write: {err.strerror or err}") from None


def _write_in_place(target: Path, data: bytes) -> None:
    """A device or FIFO: open and write, as a shell's `>` would."""
    fd = os.open(target, os.O_WRONLY)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _replace(target: Path, data: bytes, old: os.stat_result | None) -> None:
    import tempfile  # here, not at the top: most runs write nothing

    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temps(folder)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask())
        if old is not None:
            _keep_owner(tmp, old)
        os.replace(tmp, target)
    except BaseException:  # SIGTERM and Ctrl-C arrive as exceptions (cli.app): no temp file stays
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _keep_owner(tmp: str, old: os.stat_result) -> None:
    """The old file's group (and owner, where we may set it); a group we are not in stays ours."""
    uid = old.st_uid if os.geteuid() == 0 else -1
    with contextlib.suppress(OSError):
        os.chown(tmp, uid, old.st_gid)


def remove_stale_temps(folder: Path) -> None:
    """Delete our temp files in folder whose process is gone (killed mid-write)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = TEMP_NAME.match(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is not ours to signal
        return True
    return True


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
