"""Documentation comments, attached to nodes the way Prisma attaches them.

Prisma reads comments in groups: a run of `//`, `///` and `/* */` comments with
at most one line break between neighbours. The group's `///` and block comments
become the documentation of the next model, enum, field or enum value. Rules
checked against the official parser:

- Each group replaces the pending documentation, except that at the top level a
  group followed by a blank line is free-floating: ignored, pending unchanged.
- A model, view, type, enum, field or enum value takes the pending doc (a field
  or enum value appends its own trailing comment). Datasources, generators and
  block attributes (`@@id`) take nothing and leave it pending, so a `///` above
  a generator documents the next model.
- `/// text` gives `text` with leading whitespace removed.
- A block comment gives its text between the delimiters, trimmed. For the
  second and later comments of a group Prisma slices two bytes off the comment
  *including its indentation*, so `  /* b */` after a `///` line documents
  `/* b`. We reproduce that byte for byte.
"""

from __future__ import annotations

from prisma_lint.syntax.lexing import WHITESPACE
from prisma_lint.syntax.tokens import Token


class DocGroups:
    """Feeds comments and members in source order; hands each member its doc."""

    def __init__(self, text: str, top_level: bool) -> None:
        self.text = text
        self.top_level = top_level
        self.group: list[str | None] | None = None  # the open group's docs
        self.group_end_line = 0
        self.pending: str | None = None

    def add(self, comment: Token) -> None:
        line = comment.line or 0
        if self.group is not None and line - self.group_end_line <= 1:
            self.group.append(self.comment_text(self.text, comment, first_in_group=False))
        else:
            self._settle(line)
            self.group = [self.comment_text(self.text, comment, first_in_group=True)]
        self.group_end_line = comment.end_line or line

    def take(self, line: int) -> str | None:
        """The doc for a member starting at `line`; it is used up."""
        self._settle(line)
        doc, self.pending = self.pending, None
        return doc

    def skip(self, line: int) -> None:
        """Something that takes no doc stands at `line` (a generator, a block attribute)."""
        self._settle(line)

    def _settle(self, next_line: int) -> None:
        """Close the open group now that something starts at next_line."""
        if self.group is None:
            return
        if not (self.top_level and next_line - self.group_end_line > 1):
            docs = [d for d in self.group if d is not None]
            self.pending = "\n".join(docs) if docs else None
        self.group = None

    @staticmethod
    def comment_text(text: str, comment: Token, first_in_group: bool) -> str | None:
        value = str(comment)
        if value.startswith("///"):
            return value[3:].lstrip()
        if not value.startswith("/*"):
            return None  # a plain `//` comment documents nothing
        if first_in_group:
            return value[2:-2].strip()
        start = comment.start_pos or 0
        indent = start
        while indent > 0 and text[indent - 1] in WHITESPACE:
            indent -= 1
        raw = (text[indent:start] + value).encode()
        return raw[2:-2].decode(errors="replace").strip()
