"""Prebuilt LALR tables for grammar/prisma.lark, so a run does not rebuild them.

Building the parser from the grammar takes ~40 ms, a tenth of a whole run on a
large schema. `prisma.lark.tables` beside the grammar holds Lark's own
serialisation of the built parser, under a header naming the grammar's SHA-256
and the Lark version that wrote it. If either differs (grammar edited, another
Lark installed), the tables are ignored and the parser is built from the
grammar: slower, never wrong. Nothing is written at run time.

Regenerate after editing the grammar (a test fails until you do):

    python -m prisma_lint.syntax.tables
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path
from typing import Any

import lark
from lark import Lark

OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "start": ["start", "model_line", "enum_line", "config_line"],
    "maybe_placeholders": False,
    "propagate_positions": False,
}


def grammar_dir() -> Path:
    """grammar/ ships inside the package (pyproject.toml); a checkout has it at the top."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "grammar"
    return packaged if packaged.is_dir() else package.parent / "grammar"


def header(grammar: bytes) -> bytes:
    digest = hashlib.sha256(grammar + repr(sorted(OPTIONS.items())).encode()).hexdigest()
    return f"prisma-lint-tables {digest} lark-{lark.__version__}\n".encode()


def build(transformer: Any = None) -> Lark:
    return Lark.open(str(grammar_dir() / "prisma.lark"), transformer=transformer, **OPTIONS)


def load(transformer: Any) -> Lark:
    """The parser from the prebuilt tables when they match, else built from the grammar."""
    folder = grammar_dir()
    try:
        grammar = (folder / "prisma.lark").read_bytes()
        data = (folder / "prisma.lark.tables").read_bytes()
    except OSError:
        return build(transformer)
    expected = header(grammar)
    if not data.startswith(expected):
        return build(transformer)
    parser = Lark.__new__(Lark)
    loaded: Lark = parser._load(io.BytesIO(data[len(expected) :]), transformer=transformer)
    return loaded


def write(path: Path) -> None:
    """Write fresh tables atomically (a temp file in the same folder, then rename)."""
    import tempfile  # only here: it costs a run ~4 ms of imports

    body = io.BytesIO()
    build().save(body)
    grammar = (grammar_dir() / "prisma.lark").read_bytes()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tables-")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; the file ships in the wheel
        with os.fdopen(fd, "wb") as out:
            out.write(header(grammar) + body.getvalue())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


if __name__ == "__main__":
    target = grammar_dir() / "prisma.lark.tables"
    write(target)
    print(f"wrote {target}", file=sys.stderr)
