"""`prisma-lint sync`: make the portal copy equal to the canonical schema, byte for byte.

A plan first (create, update, delete), then each write done atomically
(fileio.write_atomic: temp file in the same folder, fsync, rename), keeping
permission bits. Nothing is written outside the portal path; for a schema
folder, .prisma files the canonical schema does not have are deleted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from prisma_lint.errors import SourceError
from prisma_lint.sources.writes import write_atomic
from prisma_lint.syntax.ast import SourceFile

Action = Literal["create", "update", "delete"]


@dataclass(frozen=True)
class Step:
    action: Action
    target: Path
    data: bytes = b""


def plan(canonical: list[SourceFile], canonical_root: str, portal: Path) -> list[Step]:
    """What to do to make `portal` equal `canonical` (files named under canonical_root)."""
    single = len(canonical) == 1 and canonical[0].display == canonical_root
    if single:
        if portal.is_dir():
            raise SourceError(f"{portal}: is a folder, but the canonical schema is one file")
        return _write_steps({portal: canonical[0].text.encode("utf-8")})
    if portal.is_file():
        raise SourceError(f"{portal}: is a file, but the canonical schema is a folder")
    wanted = {
        _inside(portal, _relative(f.display, canonical_root)): f.text.encode("utf-8") for f in canonical
    }
    steps = _write_steps(wanted)
    if portal.is_dir():
        for existing in sorted(portal.rglob("*.prisma")):
            if existing.is_file() and existing.resolve() not in {p.resolve() for p in wanted}:
                steps.append(Step("delete", existing))
    return steps


def apply(steps: list[Step]) -> None:
    for step in steps:
        if step.action == "delete":
            step.target.unlink()
        else:
            step.target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(step.target, step.data)


def _write_steps(wanted: dict[Path, bytes]) -> list[Step]:
    steps = []
    for target, data in wanted.items():
        if not target.exists():
            steps.append(Step("create", target, data))
        elif target.read_bytes() != data:
            steps.append(Step("update", target, data))
    return steps


def _relative(display: str, root: str) -> str:
    """display's path below root; both normalised (`./canon` reads as `canon/...`)."""
    prefix = os.path.normpath(root).rstrip("/") + "/" if ":" not in root else root.rstrip("/") + "/"
    name = os.path.normpath(display) if ":" not in display else display
    if not name.startswith(prefix):
        raise SourceError(f"{display}: not under {root}")
    return name[len(prefix) :]


def _inside(portal: Path, relative: str) -> Path:
    """portal/relative, refusing anything that would land outside portal."""
    target = portal / relative
    base = os.path.realpath(portal)
    if os.path.commonpath([base, os.path.realpath(target)]) != base:
        raise SourceError(f"{relative}: would be written outside {portal}; refusing")
    return target
