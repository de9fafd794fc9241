"""Making change records, and pairing the members of two sides by name.

Shared by the block level (diff.py) and the member level (members.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from prisma_lint.drift.changes import Change, Code, Kind, Location, Obj, Parent
from prisma_lint.syntax import ast

T = TypeVar("T")
# What each side's block names are (model, view, type, enum): a field's type
# means something else when the block it names changed kind.
Kinds = tuple[dict[str, str], dict[str, str]]
COPY = "the portal copy"


def loc(node: Any) -> Location | None:
    if node is None:
        return None
    span: ast.Span = node.span
    return Location(span.file, span.line, span.column)


def make(
    code: Code,
    kind: Kind,
    obj: Obj,
    path: str,
    message: str,
    *,
    old: Any,
    new: Any,
    anchor: Location | None = None,
    parent: Parent | None = None,
) -> Change:
    return Change(
        code, kind, obj, path, code.info.severity, message, loc(old), loc(new), anchor, parent
    ).with_fingerprint()


def keyed(items: Iterable[T], key: Any) -> dict[str, T]:
    """Items by name; a repeated name gets `#2`, `#3` (the documented duplicate notation)."""
    out: dict[str, T] = {}
    for item in items:
        name = key(item)
        unique, n = name, 1
        while unique in out:
            n += 1
            unique = f"{name}#{n}"
        out[unique] = item
    return out


def paired(old: dict[str, T], new: dict[str, T]) -> Iterator[tuple[str, T | None, T | None]]:
    """(name, old item, new item) in canonical order, then portal-only names."""
    for name, item in old.items():
        yield name, item, new.get(name)
    for name, item in new.items():
        if name not in old:
            yield name, None, item
