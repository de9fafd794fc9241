"""The token the AST builder reads: its text, its terminal and where it stands."""

from __future__ import annotations


class Token(str):
    """A terminal's text (the str itself), kind and position.

    Lines and columns are 1-based, columns in code points, ends exclusive;
    `start_pos` is the offset in the text that was parsed. Made by the
    lexer in lalr.py without calling `__init__`; Lark's own Token has the
    same attributes, so the builder reads either.
    """

    __slots__ = ("column", "end_column", "end_line", "end_pos", "line", "start_pos", "type")

    type: str
    start_pos: int
    end_pos: int
    line: int
    column: int
    end_line: int
    end_column: int
