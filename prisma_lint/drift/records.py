"""Record helpers for the `find_*_changes` functions: items paired by name, change records made."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from prisma_lint.drift.changes import Change, Code, Kind, Location, ObjectName
from prisma_lint.syntax import ast

T = TypeVar("T")
COPY = "the portal copy"


def loc(node: Any) -> Location | None:
    if node is None:
        return None
    span: ast.Span = node.span
    return Location(span.file, span.line, span.column)


def make(
    code: Code,
    kind: Kind,
    obj: ObjectName,
    path: str,
    message: str,
    *,
    old: Any,
    new: Any,
    anchor: Location | None = None,
    detail: str = "",
) -> Change:
    return Change(
        code, kind, obj, path, code.info.severity, message, loc(old), loc(new), anchor, detail
    ).with_fingerprint()


def keyed(items: Iterable[T], key: Any) -> dict[str, T]:
    """Items by name; a repeated name gets `#2`, `#3` so nothing is silently dropped."""
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


def compared(
    old: dict[str, T], new: dict[str, T], differs: Callable[[T, T], bool]
) -> Iterator[tuple[str, Kind, Any, Any]]:
    """(name, kind, old item, new item) for each item removed, added, or changed (`differs`)."""
    for name, a, b in paired(old, new):
        if a is not None and b is not None:
            if differs(a, b):
                yield name, Kind.CHANGED, a, b
        elif a is not None:
            yield name, Kind.REMOVED, a, None
        elif b is not None:
            yield name, Kind.ADDED, None, b


def by_kind(added: Code, removed: Code, changed: Code) -> dict[Kind, Code]:
    return {Kind.ADDED: added, Kind.REMOVED: removed, Kind.CHANGED: changed}
