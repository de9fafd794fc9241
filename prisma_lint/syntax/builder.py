"""Lark callbacks that build the AST: blocks, members and field types.

Constructs that Prisma parses but rejects (legacy field types, a missing type,
trailing commas, bad escapes, ...) are recorded as diagnostics with Prisma's
own messages, and the parse goes on. An identifier the grammar lets through
but Prisma refuses (a dot in a name, a non-letter) raises `Reject`, which sends
the file to line-by-line recovery like any other bad line.
"""

from __future__ import annotations

from dataclasses import replace
from sys import intern
from typing import Any, cast

from prisma_lint.syntax import ast
from prisma_lint.syntax.build_base import FILE, Reject
from prisma_lint.syntax.build_values import Arguments, ValueRules
from prisma_lint.syntax.docs import DocGroups
from prisma_lint.syntax.lexing import WHITESPACE
from prisma_lint.syntax.tokens import Token

__all__ = ["AstBuilder", "Reject"]


class AstBuilder(ValueRules):
    top = model_body = enum_body = config_body = attributes = ValueRules.items

    # ---- schema and blocks --------------------------------------------

    def start(self, c: list[list[Any]]) -> list[ast.Block]:
        docs = DocGroups(self.text, top_level=True)
        blocks: list[ast.Block] = []
        for item in c[0]:
            if isinstance(item, str):  # a comment: our Token, or Lark's in tests
                docs.add(cast(Token, item))
            elif isinstance(item, ast.ConfigBlock):
                docs.skip(ast.start_line(item.at))
                blocks.append(item)
            else:
                doc = docs.take(ast.start_line(item.at))
                blocks.append(item if doc is None else replace(item, documentation=doc))
        return blocks

    def model(self, c: list[Any]) -> ast.Model:
        fields, attributes = self._members(c[3], ast.Field)
        kind = cast(ast.ModelKind, intern(str(c[0])))
        return ast.Model(kind, self._name(c[1]), fields, attributes, None, self._span(c[0], c[4]))

    def enum(self, c: list[Any]) -> ast.Enum:
        values, attributes = self._members(c[3], ast.EnumValue)
        return ast.Enum(self._name(c[1]), values, attributes, None, self._span(c[0], c[4]))

    def config(self, c: list[Any]) -> ast.ConfigBlock:
        # Prisma keeps no documentation on config blocks or their entries.
        entries = tuple(e for e in c[3] if isinstance(e, ast.ConfigEntry))
        return ast.ConfigBlock(
            cast(ast.ConfigKind, intern(str(c[0]))), self._name(c[1]), entries, self._span(c[0], c[4])
        )

    def _members(self, items: list[Any], member_type: type[Any]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Split a block body into members and block attributes, attaching docs."""
        docs = DocGroups(self.text, top_level=False)
        members: list[Any] = []
        attributes: list[ast.Attribute] = []
        for item in items:
            if isinstance(item, str):  # a comment: our Token, or Lark's in tests
                docs.add(cast(Token, item))
            elif isinstance(item, member_type):
                members.append(_documented(item, docs.take(ast.start_line(item.at))))
            else:
                docs.skip(ast.start_line(item.at))
                attributes.append(item)
        return tuple(members), tuple(attributes)

    # ---- members --------------------------------------------------------

    def field(self, c: list[Any]) -> ast.Field:
        name: Token = c[0]
        field_type: ast.FieldType | None = None
        attributes: list[ast.Attribute] = []
        doc = None
        for child in c[1:]:
            if isinstance(child, list):
                attributes = child
            elif isinstance(child, ast.FieldType):
                field_type = child
            elif child.type == "COLON":
                self._error(child, "Field declarations don't require a `:`.")
            else:
                doc = DocGroups.comment_text(self.text, child, first_in_group=True)
        if field_type is None:
            self._error(name, "This field declaration is invalid. It is either missing a name or a type.")
            field_type = ast.FieldType("", "required", False, self._span(name, name))
        end = attributes[-1].at if attributes else field_type.at
        return ast.Field(self._name(name), field_type, tuple(attributes), doc, self._join(name, end))

    def enum_value(self, c: list[Any]) -> ast.EnumValue:
        name: Token = c[0]
        attributes = next((tuple(x) for x in c[1:] if isinstance(x, list)), ())
        trailing = [cast(Token, t) for t in c[1:] if isinstance(t, str)]
        doc = DocGroups.comment_text(self.text, trailing[0], first_in_group=True) if trailing else None
        span = self._join(name, attributes[-1].at) if attributes else self._span(name, name)
        return ast.EnumValue(self._name(name), attributes, doc, span)

    def config_entry(self, c: list[Any]) -> ast.ConfigEntry:
        key: Token = c[0]
        value = next((v for v in c[1:] if not isinstance(v, str)), None)
        self._settle_argument_errors(keep=False)  # Prisma checks these only in attributes
        span = self._join(key, value.at) if value is not None else self._span(key, key)
        return ast.ConfigEntry(self._name(key), value, span)

    def block_attribute(self, c: list[Any]) -> ast.Attribute:
        return self.attribute(c)

    def attribute(self, c: list[Any]) -> ast.Attribute:
        """`@name(args)` or `@@name(args)`: the `@`s and the name are one token."""
        head: Token = c[0]
        args = c[1] if len(c) > 1 and isinstance(c[1], Arguments) else None
        self._settle_argument_errors(keep=True)
        span = self._span(head, head if args is None else args.end)
        name = head.lstrip("@").lstrip(WHITESPACE)
        if not name.isascii():
            self._path(name)
        return ast.Attribute(intern(name), tuple(args) if args else (), span)

    # ---- field types ----------------------------------------------------

    def base_type(self, c: list[Token]) -> ast.FieldType:
        if len(c) == 3:  # Unsupported("...")
            return ast.FieldType(self._decode(c[1]), "required", True, self._span(c[0], c[2]))
        return ast.FieldType(self._name(c[0]), "required", False, self._span(c[0], c[0]))

    def optional(self, c: list[ast.FieldType]) -> ast.FieldType:
        return _retype(c[0], "optional", 1)

    def list_type(self, c: list[Any]) -> ast.FieldType:
        return _retype(c[0], "list", 2)

    def legacy_optional_list(self, c: list[Any]) -> ast.FieldType:
        self._error(c[1], "Optional lists are not supported. Use either `Type[]` or `Type?`.")
        return _retype(c[0], "list", 3)

    def legacy_required(self, c: list[ast.FieldType]) -> ast.FieldType:
        self._type_error(c[0], "Fields are required by default, `!` is no longer required.")
        return c[0]

    def legacy_list(self, c: list[ast.FieldType]) -> ast.FieldType:
        self._type_error(c[0], "To specify a list, please use `Type[]` instead of `[Type]`.")
        return _retype(c[0], "list", 0)

    def _type_error(self, field_type: ast.FieldType, message: str) -> None:
        self._error_at(field_type.span.line, field_type.span.column, message)


def _retype(field_type: ast.FieldType, arity: ast.Arity, extra: int) -> ast.FieldType:
    at = field_type.at + (extra << FILE)  # the end column moves right by `extra`
    return ast.FieldType(field_type.name, arity, field_type.unsupported, at)


def _documented(member: Any, above: str | None) -> Any:
    """A member with the doc above it, then its own trailing doc comment."""
    if above is None:
        return member
    trailing = member.documentation
    return replace(member, documentation=above if trailing is None else f"{above}\n{trailing}")
