"""Fuzzing: schema generators, mutations, and the properties every input must keep.

Shared by tests/test_fuzz.py (a bounded budget in the suite) and
benchmarks/fuzz.py (long runs). The properties:

- parsing returns an AST, or syntax errors at a real line and column, and
  never raises anything else;
- diff(x, x) is empty, and so is diff(x, reformat(x));
- diff(a, b) and diff(b, a) mirror each other;
- the JSON and SARIF reports of any diff validate against their schemas.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import strategies as st

from prisma_lint.drift.diff import diff
from prisma_lint.drift.result import DiffResult
from prisma_lint.report import json_report, sarif
from prisma_lint.syntax import ast
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.parser import parse_text

ROOT = Path(__file__).resolve().parents[1]
DIFF_SCHEMA = json.loads((ROOT / "docs/schemas/diff-v2.schema.json").read_text(encoding="utf-8"))
SARIF_SCHEMA = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DIFF_VALIDATOR = jsonschema.Draft202012Validator(DIFF_SCHEMA)
SARIF_VALIDATOR = jsonschema.Draft4Validator(SARIF_SCHEMA)

# ---- a generator of valid schemas -----------------------------------------------------------

NAMES = [
    "id",
    "name",
    "email",
    "type",
    "model",
    "enum",
    "view",
    "createdAt",
    "Straße",
    "名前",
    "value2",
    "a-b",
    "x1",
]
SCALARS = {
    "String": ['"x"', '"a\\"b"', '""', "uuid()", "cuid()"],
    "Int": ["0", "-7", "autoincrement()"],
    "Float": ["1.5", "-0.25"],
    "Boolean": ["true", "false"],
    "DateTime": ["now()"],
    "Json": ['"{}"'],
    "Decimal": ["1.50"],
    "BigInt": ["42"],
    "Bytes": [],
}
SPACES = [" ", "  ", "\t", " \t", "\u00a0"]


@st.composite
def schemas(draw: Any) -> str:
    """A schema the official parser accepts, in varied but valid formatting."""
    enums = draw(st.lists(st.sampled_from(["Role", "Status", "Kind"]), unique=True, max_size=2))
    models = draw(
        st.lists(
            st.sampled_from(["User", "Post", "Account", "Log", "Ünïcode"]),
            unique=True,
            min_size=1,
            max_size=4,
        )
    )
    out = []
    if draw(st.booleans()):
        out.append('datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n')
    if draw(st.booleans()):
        out.append('generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n')
    for name in enums:
        values = draw(st.lists(st.sampled_from(["A", "B", "C_D", "e1"]), unique=True, min_size=1, max_size=4))
        lines = [f"  {v}" + (f' @map("{v.lower()}")' if draw(st.booleans()) else "") for v in values]
        out.append(_doc(draw) + f"enum {name} {{\n" + "\n".join(lines) + "\n}\n")
    for name in models:
        out.append(_doc(draw) + draw(_model(name, enums, models)))
    nl = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return (draw(st.sampled_from(["\n", "\n\n", "\n// between\n"]))).join(out).replace("\n", nl)


def _doc(draw: Any) -> str:
    return draw(st.sampled_from(["", "", "/// Documented.\n", "// plain\n", "/* block doc */\n"]))


@st.composite
def _model(draw: Any, name: str, enums: list[str], models: list[str]) -> str:
    fields = draw(st.lists(st.sampled_from(NAMES), unique=True, min_size=1, max_size=6))
    lines = []
    for field in fields:
        kind = draw(st.sampled_from(["scalar", "scalar", "enum", "relation", "unsupported"]))
        sep = draw(st.sampled_from(SPACES))
        if kind == "enum" and enums:
            type_name, defaults = draw(st.sampled_from(enums)), []
        elif kind == "relation":
            type_name, defaults = draw(st.sampled_from(models)), []
        elif kind == "unsupported":
            type_name, defaults = 'Unsupported("circle")', []
        else:
            type_name = draw(st.sampled_from(sorted(SCALARS)))
            defaults = SCALARS[type_name]
        arity = draw(st.sampled_from(["", "?", "[]"]))
        attrs = []
        if defaults and arity == "" and draw(st.booleans()):
            attrs.append(f"@default({draw(st.sampled_from(defaults))})")
        if draw(st.booleans()):
            attrs.append(f'@map("{field.lower()}_col")')
        if type_name == "String" and draw(st.booleans()):
            attrs.append(f"@db.VarChar({draw(st.integers(1, 500))})")
        trailing = draw(st.sampled_from(["", "", " // note", " /// trailing doc"]))
        lines.append(f"  {field}{sep}{type_name}{arity} {' '.join(attrs)}".rstrip() + trailing)
    block = []
    if draw(st.booleans()):
        block.append(f"  @@index([{fields[0]}])")
    if draw(st.booleans()):
        block.append(f'  @@map("{name.lower()}s")')
    keyword = draw(st.sampled_from(["model", "model", "view", "type"]))
    return f"{keyword} {name} {{\n" + "\n".join(lines + block) + "\n}\n"


# ---- mutations ---------------------------------------------------------------------------------

TOKEN_SPLIT = r"(\s+|[{}()\[\],@?=:\"])"


def mutate_bytes(text: str, rnd: random.Random) -> str:
    data = bytearray(text.encode("utf-8"))
    for _ in range(rnd.randint(1, 4)):
        pos = rnd.randrange(len(data) + 1)
        choice = rnd.random()
        junk = bytes([rnd.choice(b'{}[]()@"/*\\\n\r\t ;:=,?!#azAZ09\xc3\xa9\x00')])
        if choice < 0.4 and data:
            del data[min(pos, len(data) - 1)]
        elif choice < 0.8:
            data[pos:pos] = junk
        elif data:
            data[min(pos, len(data) - 1)] = junk[0]
    return data.decode("utf-8", errors="replace").replace("\x00", "")


def mutate_tokens(text: str, rnd: random.Random) -> str:
    import re

    tokens = [t for t in re.split(TOKEN_SPLIT, text) if t]
    for _ in range(rnd.randint(1, 3)):
        if len(tokens) < 2:
            break
        i = rnd.randrange(len(tokens) - 1)
        action = rnd.choice(["delete", "duplicate", "swap"])
        if action == "delete":
            del tokens[i]
        elif action == "duplicate":
            tokens.insert(i, tokens[i])
        else:
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    return "".join(tokens)


# ---- formatting that must never count -------------------------------------------------------


def _in_block_comment(lines: list[str]) -> list[bool]:
    inside, out = False, []
    for line in lines:
        out.append(inside or "/*" in line)
        if "/*" in line and "*/" not in line[line.rfind("/*") :]:
            inside = True
        elif inside and "*/" in line:
            inside = False
    return out


def reformat(text: str, rnd: random.Random) -> str:
    """New indentation, `//` comments after code lines, and CRLF line ends, at random."""
    lines = normalise_newlines(text).split("\n")
    shielded = _in_block_comment(lines)
    out = []
    for line, shield in zip(lines, shielded, strict=True):
        stripped = line.lstrip(" \t")
        indent = rnd.choice(["", " ", "    ", "\t", " \t "]) if not shield and stripped else ""
        out.append(indent + stripped if indent or (not shield and stripped) else line)
        code = stripped and not stripped.startswith(("//", "/*", "*")) and "//" not in stripped
        if not shield and code and rnd.random() < 0.2:
            out.append(rnd.choice(["", "  "]) + "// a comment prisma-lint must ignore")
    joined = "\n".join(out)
    return joined.replace("\n", "\r\n") if rnd.random() < 0.5 else joined


# ---- properties ----------------------------------------------------------------------------------


def parse_checked(text: str, file: str = "f.prisma") -> ast.Schema | None:
    """Parse; any error must point at a real line and column of the file."""
    blocks, errors = parse_text(text, file)
    lines = normalise_newlines(text).split("\n")
    for d in errors:
        assert 1 <= d.line <= len(lines), (d, len(lines))
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1][:80])
        assert d.message and d.file == file
    return None if errors else ast.Schema(blocks, (file,))


MIRROR = {"added": "removed", "removed": "added", "changed": "changed", "moved": "moved"}


def mirrored(a: ast.Schema, b: ast.Schema) -> None:
    forward, backward = diff(a, b), diff(b, a)
    flip = {
        (
            c.code.value.replace("_ADDED", "_X").replace("_REMOVED", "_ADDED").replace("_X", "_REMOVED"),
            MIRROR[c.kind.value],
            c.path,
        )
        for c in forward.changes
    }
    assert flip == {(c.code.value, c.kind.value, c.path) for c in backward.changes}
    for result in (forward, backward):
        valid_reports(result)


def valid_reports(result: DiffResult) -> None:
    DIFF_VALIDATOR.validate(json_report.to_json(result))
    SARIF_VALIDATOR.validate(sarif.to_sarif(result))


def no_drift(a: ast.Schema, b: ast.Schema) -> None:
    changes = diff(a, b).changes
    assert changes == (), [c.message for c in changes[:3]]
