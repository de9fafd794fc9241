"""Where the shared corpus is, and what its units are.

A unit is one schema: a `.prisma` file, or a folder that is a multi-file schema.
The corpus is third-party data and never lives in this repository: tests find it
at $PRISMA_LINT_CORPUS, or at ../shared/corpus beside the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path | None:
    env = os.environ.get("PRISMA_LINT_CORPUS")
    if env:
        return Path(env)
    default = ROOT.parent / "shared" / "corpus"
    return default if default.is_dir() else None


def units(folder: Path) -> list[Path]:
    """Schemas directly in folder: its .prisma files and its subfolders."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() or p.suffix == ".prisma")


def real_units(corpus: Path) -> list[Path]:
    return [u for owner in sorted((corpus / "real").iterdir()) if owner.is_dir() for u in units(owner)]


def unit_files(unit: Path) -> list[Path]:
    if unit.is_file():
        return [unit]
    return sorted(p for p in unit.rglob("*.prisma") if p.is_file())


def pairs(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "pairs").glob("*/*") if (p / "before.prisma").is_file())


def validating_build(corpus: Path, unit: Path) -> str | None:
    """Which official build validates a unit ("7" or "6"), per VALIDATION.tsv; None if neither.

    Saves asking the oracle twice for the many schemas whose datasource still has
    `url`, which 7.x rejects. A unit missing from the table is tried with both.
    """
    table = _validation(corpus)
    key = str(unit.relative_to(corpus))
    if key not in table:
        return "?"
    seven, six = table[key]
    return "7" if seven else "6" if six else None


_VALIDATION: dict[Path, dict[str, tuple[bool, bool]]] = {}


def _validation(corpus: Path) -> dict[str, tuple[bool, bool]]:
    if corpus not in _VALIDATION:
        rows: dict[str, tuple[bool, bool]] = {}
        path = corpus / "VALIDATION.tsv"
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines()[1:]:
                unit, six, seven = line.split("\t")[:3]
                rows[unit] = (seven == "True", six == "True")
        _VALIDATION[corpus] = rows
    return _VALIDATION[corpus]
