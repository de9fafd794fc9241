"""Report paths relative to the repository root, for GitHub annotations and SARIF.

GitHub attaches an annotation, and code scanning a result, only when its path
is relative to the repository root, whatever folder the tool ran in (the
Action's `working-directory`). Schema locations are relative to the working
directory; `check`'s policy findings are already relative to the root.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from prisma_lint.drift.changes import Change, Location
from prisma_lint.drift.result import DiffResult
from prisma_lint.errors import Diagnostic


def repository_root(cwd: Path, workspace: str | None) -> Path:
    """GITHUB_WORKSPACE when the working directory is inside it, else the git top level, else cwd."""
    here = cwd.resolve()
    if workspace:
        root = Path(workspace).resolve()
        if root == here or root in here.parents:
            return root
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def rooted(path: str, cwd: Path, root: Path) -> str:
    """A path of a file under the working directory, as seen from the root; others unchanged
    (a policy finding's path, already from the root; `REF:PATH` from git)."""
    if not path:
        return path
    candidate = Path(path) if Path(path).is_absolute() else cwd / path
    if not candidate.exists():
        return path
    try:
        return candidate.resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def rebase(result: DiffResult, cwd: Path, root: Path) -> DiffResult:
    def where(location: Location | None) -> Location | None:
        return None if location is None else replace(location, file=rooted(location.file, cwd, root))

    def change(c: Change) -> Change:
        return replace(c, canonical=where(c.canonical), portal=where(c.portal), anchor=where(c.anchor))

    def error(d: Diagnostic) -> Diagnostic:
        return replace(d, file=rooted(d.file, cwd, root))

    return replace(
        result,
        changes=tuple(change(c) for c in result.changes),
        errors=tuple(error(d) for d in result.errors),
        root=root.as_posix(),
    )
