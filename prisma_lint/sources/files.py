"""Reading schema files from disk, with a clear one-line error for anything odd.

A schema is one `.prisma` file, or a folder read recursively for `.prisma`
files as one schema (Prisma 6.7+ multi-file schemas). Files are decoded as
strict UTF-8, as Prisma reads them; we refuse what Prisma would choke on with
a message that says why, instead of a page of parse errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from prisma_lint.errors import SourceError
from prisma_lint.syntax.ast import SourceFile

UTF8_BOM = b"\xef\xbb\xbf"


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


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as err:
        raise SourceError(f"{path}: cannot read: {err.strerror or err}") from None


def _schema_files(root: Path) -> list[Path]:
    """`.prisma` files below root, following links but never around a loop."""
    found: list[Path] = []
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames.sort()
        found.extend(Path(dirpath, f) for f in sorted(filenames) if f.endswith(".prisma"))
    return sorted(found)


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
