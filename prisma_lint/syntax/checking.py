"""Checking a chunk without building its AST: the diff's shared chunks.

A chunk whose text is on both sides of a diff is only checked: does it parse
without an error, and which blocks does it hold (keyword and name)? The AST
builder's nodes, spans and documentation are then thrown away. `CheckBuilder`
runs the same grammar with callbacks that make none of them; it makes the
builder's identifier checks (`_name`, `_path`: the same functions, so the
same rejections) and counts names for duplicates. Every construct for which
the builder records an error (a legacy type, `name: Type`, a missing type, a
trailing comma, `name:` with no value, an escape in a string) and every
duplicate or rejected line makes it `Unsure`, and the chunk goes through the
plain parser, which decides as it always does. So a chunk passes here only
where the builder would record nothing, and fails or falls back elsewhere.
tests/test_checking.py holds the two to the same answer over the corpus.
"""

from __future__ import annotations

import functools
from typing import Any

from prisma_lint.syntax import ast, prechecks
from prisma_lint.syntax.build_base import BuilderBase, Reject
from prisma_lint.syntax.lalr import Driver, ParseFailed
from prisma_lint.syntax.lexing import WHITESPACE, normalise_newlines
from prisma_lint.syntax.tokens import Token

Names = tuple[tuple[str, str], ...]  # (keyword, name) of a chunk's blocks, "enum" for an enum
VALUE = object()  # what a value, a type or an attribute stands for here: nothing is kept


class Unsure(Exception):
    """The builder would record an error here, or might: the plain parser decides."""


class CheckBuilder(BuilderBase):
    """The AST builder's rules (the same names, tests/test_checking.py compares them) with no
    nodes made: members give (what, name), blocks (keyword, name), everything else VALUE."""

    top = model_body = enum_body = config_body = attributes = BuilderBase.items
    argument_list = expr_list = pair_list = BuilderBase.items

    def start(self, c: list[list[Any]]) -> Names:
        blocks = tuple(item for item in c[0] if type(item) is tuple)
        namespaces = [(kind if kind in ("datasource", "generator") else "", name) for kind, name in blocks]
        _once(namespaces)
        return blocks

    def model(self, c: list[Any]) -> tuple[str, str]:
        return self._block(str(c[0]), c)

    def enum(self, c: list[Any]) -> tuple[str, str]:
        return self._block("enum", c)

    def config(self, c: list[Any]) -> tuple[str, str]:
        return self._block(str(c[0]), c)

    def _block(self, keyword: str, c: list[Any]) -> tuple[str, str]:
        name = self._name(c[1])
        _once([member[1] for member in c[3] if type(member) is tuple])
        return keyword, name

    def field(self, c: list[Any]) -> tuple[str, str]:
        if VALUE not in c or any(type(x) is Token and x.type == "COLON" for x in c):
            raise Unsure  # `name: Type`, or no type: the builder records an error
        return "field", self._name(c[0])

    def enum_value(self, c: list[Any]) -> tuple[str, str]:
        return "value", self._name(c[0])

    def config_entry(self, c: list[Any]) -> tuple[str, str]:
        return "key", self._name(c[0])

    def attribute(self, c: list[Token]) -> object:
        name = c[0].lstrip("@").lstrip(WHITESPACE)
        if not name.isascii():
            self._path(name)
        return VALUE

    block_attribute = attribute

    def base_type(self, c: list[Token]) -> object:
        if len(c) == 3:  # Unsupported("..."): its string is decoded
            self._plain_string(c[1])
        else:
            self._name(c[0])
        return VALUE

    def optional(self, c: list[Any]) -> object:
        return VALUE

    list_type = optional

    def legacy_optional_list(self, c: list[Any]) -> object:
        raise Unsure

    legacy_required = legacy_list = arguments_trailing_comma = empty_argument = legacy_optional_list

    def arguments(self, c: list[Any]) -> object:
        return VALUE

    def named_argument(self, c: list[Any]) -> object:
        self._name(c[0])
        return VALUE

    def string(self, c: list[Token]) -> object:
        self._plain_string(c[0])
        return VALUE

    def number(self, c: list[Token]) -> object:
        return VALUE

    def constant(self, c: list[Token]) -> object:
        self._path(c[0])
        return VALUE

    call = constant
    array = number

    def object(self, c: list[Any]) -> object:
        for key in c[1] if len(c) == 3 else ():
            self._name(key)
        return VALUE

    def pair(self, c: list[Any]) -> Token:
        key: Token = c[0]
        return key

    @staticmethod
    def _plain_string(tok: str) -> None:
        if "\\" in tok:
            raise Unsure  # an escape the builder decodes, and may refuse


def _once(names: list[Any]) -> None:
    if len(set(names)) != len(names):
        raise Unsure  # defined twice: the plain parse reports it with Prisma's message


@functools.cache
def _checker() -> tuple[Driver, CheckBuilder]:
    from prisma_lint.syntax.parser import _parser

    builder, parsing = CheckBuilder(), _parser()[0]  # its tables, as read, and its patterns
    return Driver(parsing.tables, builder, lexing=parsing), builder


def check_text(text: str) -> Names | None:
    """The (keyword, name) of a chunk's blocks, or None if parse_text reports an error in it
    or a name is defined twice in it."""
    prechecks.ensure_stack()
    text = normalise_newlines(text)
    if prechecks.check(text, "<check>"):
        return None
    driver, builder = _checker()
    builder.begin("<check>", text)
    try:
        names: Names = driver.parse(text, "start")
    except (Unsure, ParseFailed, Reject):
        return _plain(text)
    return names


def _plain(text: str) -> Names | None:
    """check_text's answer through the plain parser, the AST built."""
    from prisma_lint.syntax.parser import parse_text

    blocks, errors = parse_text(text, "<shared>")
    return None if errors else _names_of_blocks(blocks)


def _names_of_blocks(blocks: tuple[ast.Block, ...]) -> Names | None:
    """A chunk's (keyword, name) pairs; None, as for a syntax error, when a name is defined
    twice in it (the plain parser then reports that with Prisma's message)."""
    from prisma_lint.syntax.duplicates import find_duplicates

    if find_duplicates(blocks, []):
        return None
    return tuple(("enum" if isinstance(b, ast.Enum) else b.kind, b.name) for b in blocks)
