"""How messages and reports count things: `1 change`, `2 changes`."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """`n` and the noun, plural unless n is 1 (every noun we count takes an `s`)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
