"""Reading schema files from disk, with a clear one-line error for anything odd.

A schema is one `.prisma` file, or a folder read recursively for `.prisma`
files as one schema (Prisma 6.7+ multi-file schemas). Files are decoded as
strict UTF-8, as Prisma reads them; we refuse what Prisma would choke on with
a message that says why, instead of a page of parse errors.

A folder walk never leaves the folder: a link (to a file or a folder) that
points out of it is refused, as is anything there that is not a regular file
(a FIFO would block, /dev/zero would never end). Every read is bounded: a
schema over MAX_SCHEMA_BYTES is refused in one line.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from prisma_lint.errors import SourceError
from prisma_lint.syntax.ast import SourceFile

UTF8_BOM = b"\xef\xbb\xbf"
MAX_SCHEMA_BYTES = 64 * 1024 * 1024  # the largest schema seen in the corpus is under 2 MB


STDIN = "-"  # as a path: read the schema from standard input, shown as <stdin>


def read_schema(path: str) -> list[SourceFile]:
    """Read a schema file, or every `.prisma` file below a folder (sorted), or `-`: stdin."""
    if path == STDIN:
        return [SourceFile("<stdin>", decode_schema(sys.stdin.buffer.read(), "<stdin>"))]
    p = Path(path)
    if p.is_dir():
        files = _schema_files(p)
        if not files:
            raise SourceError(f"{path}: folder contains no .prisma files")
        return [SourceFile(str(f), decode_schema(_read_bytes(f), str(f))) for f in files]
    if not p.exists():
        raise SourceError(f"{path}: no such file or folder")
    return [SourceFile(path, decode_schema(_read_bytes(p), path))]


PRISMA_8_MARKERS = ("// use prisma-8", "// use prisma-next")


def refuse_prisma_8(files: list[SourceFile]) -> None:
    """A Prisma 8 contract opts in on its first line; its language is not the schema language."""
    for file in files:
        first = file.text.split("\n", 1)[0].strip()
        if first.startswith(PRISMA_8_MARKERS):
            raise SourceError(
                f"{file.display}:1:1: this is a Prisma 8 contract ({first!r}), and Prisma 8 contracts are "
                "not supported yet. prisma-lint reads Prisma 6 and 7 schemas: point it at the portal's "
                "Prisma 7 schema instead, for example the file in prisma7Schema('prisma/schema.prisma')."
            )


def too_big(display: str, size: int) -> SourceError | None:
    """The error for a schema of `size` bytes, if that is over the limit."""
    if size <= MAX_SCHEMA_BYTES:
        return None
    mib = 1024 * 1024
    limit = f"{MAX_SCHEMA_BYTES // mib} MB" if MAX_SCHEMA_BYTES % mib == 0 else f"{MAX_SCHEMA_BYTES} bytes"
    return SourceError(f"{display}: larger than {limit}, the limit for a schema file")


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            data = _read_at_most(f, MAX_SCHEMA_BYTES + 1)
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as err:
        raise SourceError(f"{path}: cannot read: {err.strerror or err}") from None
    error = too_big(str(path), len(data))
    if error:
        raise error
    return data


def _read_at_most(f: BinaryIO, limit: int) -> bytes:
    """Up to limit bytes. read(n) reserves n bytes up front, so ask for what the file holds
    (a regular file's size, plus one to see it grew), else for 1 MB at a time."""
    info = os.fstat(f.fileno())
    step = info.st_size + 1 if stat.S_ISREG(info.st_mode) else 1 << 20
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = f.read(min(step, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        step = 1 << 20
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_inside(path: Path, root: Path, limit: int) -> bytes | None:
    """path's bytes if it is a regular file inside root (after links) of at most limit bytes."""
    try:
        real = Path(os.path.realpath(path))
        if not _within(real, Path(os.path.realpath(root))) or not real.is_file():
            return None
        with real.open("rb") as f:
            data = _read_at_most(f, limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _schema_files(root: Path) -> list[Path]:
    """`.prisma` files below root, following links inside it, never around a loop or out of it."""
    base = Path(os.path.realpath(root))
    found: list[Path] = []
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        for name in dirnames:
            _refuse_outside(Path(dirpath, name), root, base)
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".prisma"):
                found.append(_regular_inside(Path(dirpath, name), root, base))
    return sorted(found)


def _refuse_outside(path: Path, root: Path, base: Path) -> Path:
    if not _within(Path(os.path.realpath(path)), base):
        raise SourceError(f"{path}: a link out of the schema folder {root}; refusing to follow it")
    return path


def _regular_inside(path: Path, root: Path, base: Path) -> Path:
    _refuse_outside(path, root, base)
    try:
        mode = path.stat().st_mode
    except OSError as err:
        raise SourceError(f"{path}: cannot read: {err.strerror or err}") from None
    if not stat.S_ISREG(mode):
        raise SourceError(f"{path}: not a regular file")
    return path


def decode_schema(data: bytes, display: str) -> str:
    """Decode a schema's bytes, or raise SourceError saying what is wrong and where."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(f"{display}: file is UTF-16; Prisma reads schemas as UTF-8. Re-save it as UTF-8.")
    if data.startswith(UTF8_BOM):
        raise SourceError(
            f"{display}:1:1: file starts with a UTF-8 byte order mark, which Prisma rejects. "
            "Re-save it as UTF-8 without BOM."
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise SourceError(f"{display}:{line}:{col}: NUL byte: this is a binary file, not a Prisma schema")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _position(data, err.start)
        raise SourceError(f"{display}:{line}:{col}: invalid UTF-8 (byte 0x{data[err.start]:02x})") from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column
