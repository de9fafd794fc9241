"""How messages count things (`1 change`, `2 changes`) and suggest a near name."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """`n` and the noun, plural unless n is 1 (every noun we count takes an `s`)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def did_you_mean(key: str, known: set[str]) -> str:
    """`history_depth` -> history-depth: TOML users reach for underscores, and typos."""
    import difflib

    near = difflib.get_close_matches(key.replace("_", "-"), sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else ""
