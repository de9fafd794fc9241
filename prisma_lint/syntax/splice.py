"""What changed between two texts of one block, parsed only where the lines differ.

Neighbouring versions of a schema mostly differ in a few lines of one block:
a field added, an attribute changed. check's history walk needs only what
those lines add and take away. The grammar is line by line inside a body (a
field, an enum value, a block attribute or a comment is one line; the header's
line and the closing `}`'s hold no member), so the members on the lines both
texts share are the same members in both, and the lines between can be parsed
alone, as the body of a block with the same header. The one thing carried from
line to line is documentation: a comment group hands its `///` text to the next
field or enum value, across blank lines and block attributes (docs.py). So the
cut is made only where no comment is waiting for a member:

- each text is one model, view, type or enum (chunks.py cuts a file so, but
  for a header after a `}` on its line, which it leaves in the chunk before:
  a line opening with `}` other than the last is refused), with no block
  comment (one may run over lines), its line ends normalised (a lone CR ends a
  line for the parser);
- the changed lines lie between the header's line and the closing `}`'s;
- above the changed lines, and above the lines after them in both texts, the
  nearest line that is neither blank nor a block attribute is a field, an enum
  value or the header, not a comment;
- the lines of both texts parse cleanly on their own.

Then the new text parses cleanly if the old one does, and its members are the
old one's with `gone` taken out and `came` put in. Otherwise `line_change` says
None and the caller parses both texts whole. tests/test_splice.py checks it
against parsing them.
"""

from __future__ import annotations

from typing import NamedTuple

from prisma_lint.syntax import ast
from prisma_lint.syntax.ast import Member
from prisma_lint.syntax.chunks import CONFIG, HEADER
from prisma_lint.syntax.lexing import WHITESPACE
from prisma_lint.syntax.parser import parse_text


class LineChange(NamedTuple):
    """The members of one block on the lines that changed: those gone and those that came."""

    name: str  # the block's name
    gone: tuple[Member, ...]
    came: tuple[Member, ...]


def line_change(old_text: str, new_text: str) -> LineChange | None:
    """How new_text's block differs from old_text's (old_text parses cleanly); None where the
    lines alone might not tell."""
    if any(mark in text for mark in ("/*", "\r") for text in (old_text, new_text)):
        return None
    before, after = old_text.split("\n"), new_text.split("\n")
    header = _header(before)
    top, bottom = _shared_ends(before, after)
    if header is None or top <= header or bottom < 1 or not _one_block(before, header):
        return None
    above = before[header + 1 : top]
    gone, came = before[top : len(before) - bottom], after[top : len(after) - bottom]
    if not (_settled(above, []) and _settled(above, gone) and _settled(above, came)):
        return None
    old, new = _parsed(before[header], gone), _parsed(before[header], came)
    if old is None or new is None:
        return None
    return LineChange(old[0] or new[0], old[1], new[1])  # a side with no members has no name


def _header(lines: list[str]) -> int | None:
    """The index of a model's, view's, type's or enum's header line: the first that is neither
    blank nor a `//` comment (a chunk opens with the comments above its block)."""
    for i, line in enumerate(lines):
        stripped = line.lstrip(WHITESPACE)
        if stripped and not stripped.startswith("//"):
            found = HEADER.match(line + "\n")  # the cutter's own header pattern
            return i if found and found.group(1) not in CONFIG else None
    return None


def _one_block(lines: list[str], header: int) -> bool:
    """Whether the block opened on the header line closes on the last line and no other block
    starts in between: a `}` opening a line closes a block (chunks.py, the grammar)."""
    if lines[-1].strip(WHITESPACE) != "}":
        return False
    return not any(line.lstrip(WHITESPACE).startswith("}") for line in lines[header + 1 : -1])


def _shared_ends(before: list[str], after: list[str]) -> tuple[int, int]:
    """How many lines the two texts share at the top, then at the bottom (not overlapping)."""
    most = min(len(before), len(after))
    top = 0
    while top < most and before[top] == after[top]:
        top += 1
    bottom = 0
    while bottom < most - top and before[-1 - bottom] == after[-1 - bottom]:
        bottom += 1
    return top, bottom


def _settled(above: list[str], lines: list[str]) -> bool:
    """Whether no comment waits for a member after above + lines (the body so far): the
    nearest line that is neither blank nor a block attribute is not a comment."""
    for line in (*reversed(lines), *reversed(above)):
        stripped = line.lstrip(WHITESPACE)
        if stripped and not stripped.startswith("@@"):
            return not stripped.startswith("//")
    return True  # the header: a body starts with nothing waiting


def _parsed(header: str, lines: list[str]) -> tuple[str, tuple[Member, ...]] | None:
    """(the block's name, the block attributes and members on lines), parsed as the body of a
    block under header; ("", ()) for lines with nothing on them; None on any error."""
    if not any(line.strip(WHITESPACE) for line in lines):
        return "", ()
    parsed, errors = parse_text(header + "\n" + "".join(f"{line}\n" for line in lines) + "}")
    block = parsed[0] if len(parsed) == 1 and not errors else None
    if not isinstance(block, (ast.Model, ast.Enum)):
        return None
    members = block.fields if isinstance(block, ast.Model) else block.values
    return block.name, (*block.attributes, *members)
