"""Documentation comments, attached to nodes the way Prisma attaches them.

Prisma reads comments in groups: a run of `//`, `///` and `/* */` comments with
at most one line break between neighbours. The group's `///` and block comments
become the documentation of the next model, enum, field or enum value. Rules
checked against the official parser:

- At the top level a blank line between a group and its block drops the group;
  inside a block it does not.
- Inside a block the newest group wins, block attributes (`@@id`) neither take
  nor drop it, and a field or enum value takes it and appends its own trailing
  comment.
- `/// text` gives `text` with leading whitespace removed.
- A block comment gives its text between the delimiters, trimmed. For the
  second and later comments of a group Prisma slices two bytes off the comment
  *including its indentation*, so `  /* b */` after a `///` line documents
  `/* b`. We reproduce that byte for byte.
"""

from __future__ import annotations

from lark import Token

# Prisma's whitespace: space, tab and the Unicode space separators (category Zs).
WHITESPACE = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"


class DocGroups:
    """Feeds comments and members in source order; hands each member its doc."""

    def __init__(self, text: str, clear_on_blank_line: bool) -> None:
        self.text = text
        self.clear_on_blank_line = clear_on_blank_line
        self.group: list[str | None] | None = None
        self.group_end_line = 0
        self.in_group = False  # the last item fed was a comment

    def add(self, comment: Token) -> None:
        line = comment.line or 0
        if self.in_group and self.group is not None and line - self.group_end_line <= 1:
            self.group.append(self.comment_text(self.text, comment, first_in_group=False))
        else:
            self.group = [self.comment_text(self.text, comment, first_in_group=True)]
        self.group_end_line = comment.end_line or line
        self.in_group = True

    def take(self, line: int) -> str | None:
        """The doc for a member starting at `line`; the group is used up."""
        self.in_group = False
        group, self.group = self.group, None
        if group is None:
            return None
        if self.clear_on_blank_line and line - self.group_end_line > 1:
            return None
        docs = [d for d in group if d is not None]
        return "\n".join(docs) if docs else None

    def skip(self) -> None:
        """A member that neither takes nor drops the group (a block attribute)."""
        self.in_group = False

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
