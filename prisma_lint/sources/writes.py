"""Writing files so that nothing is ever lost: atomically, and only where asked."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from prisma_lint.errors import PrismaLintError


class WriteError(PrismaLintError):
    """A file could not be written; the old one, if any, is untouched."""


def write_atomic(path: str | Path, data: bytes, *, parents: bool = False) -> None:
    """Write data to path via a temp file in the same folder: fsync, then rename.

    A reader sees the old file or the new one, never half of either. An
    existing file keeps its permission bits. With parents=True (reports, never
    schemas) missing folders are made first.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        if parents:
            folder.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise WriteError(f"{target}: cannot write: {err.strerror or err}") from None
    import tempfile  # here, not at the top: most runs write nothing

    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise WriteError(f"{target}: cannot write: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise WriteError(f"{target}: cannot write: {err.strerror or err}") from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
