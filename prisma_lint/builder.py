"""Lark callbacks that build the AST while the LALR parser runs.

The builder is handed to Lark as its transformer, so no parse tree is ever
built: each rule is turned into its AST node the moment it is reduced. That
makes the builder stateful per parse (file name, text, collected errors); the
parser module owns the single instance and calls `begin()` before each parse.

Constructs that Prisma parses but rejects (legacy field types, trailing commas,
bad escapes, ...) are recorded as diagnostics with Prisma's own messages, and
the parse goes on. A name that may not contain a dot raises `Reject`, which
sends the whole file to line-by-line recovery, as any other bad line does.
"""

from __future__ import annotations

from typing import Any

from lark import Token, Transformer

from . import ast
from .docs import DocGroups
from .errors import Diagnostic
from .strings import StringEscapeError, decode_string


class Reject(Exception):
    """Raised inside a callback for input the grammar alone cannot rule out."""


class AstBuilder(Transformer[Token, Any]):
    def __init__(self) -> None:
        super().__init__(visit_tokens=False)
        self.begin("", "")

    def begin(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.errors: list[Diagnostic] = []
        self._lines: list[str] | None = None  # split only when an error needs a line
        # Argument-list errors count only inside attributes, and not inside an
        # object literal there; they wait here until we know where they stand.
        self._argument_errors: list[Diagnostic] = []

    # ---- helpers ------------------------------------------------------

    def _span(self, first: Token, last: Token) -> ast.Span:
        return ast.Span(self.file, first.line, first.column, last.end_line, last.end_column)  # type: ignore[arg-type]

    def _error(self, tok: Token, message: str, offset: int = 0) -> None:
        """Record an error at `offset` code points into `tok`."""
        line, column = tok.line or 1, (tok.column or 1) + offset
        newlines = tok.count("\n", 0, offset)
        if newlines:  # only a string with an escaped line break spans lines
            line += newlines
            column = offset - tok.rfind("\n", 0, offset)
        self._error_at(line, column, message)

    def _error_at(self, line: int, column: int, message: str, pending: bool = False) -> None:
        if self._lines is None:
            self._lines = self.text.split("\n")
        text = self._lines[line - 1] if line <= len(self._lines) else ""
        diagnostic = Diagnostic(self.file, line, column, message, text)
        (self._argument_errors if pending else self.errors).append(diagnostic)

    def _settle_argument_errors(self, keep: bool) -> None:
        if keep:
            self.errors.extend(self._argument_errors)
        self._argument_errors.clear()

    @staticmethod
    def _name(tok: Token) -> str:
        if "." in tok:
            raise Reject(tok)
        return str(tok)

    # ---- schema and blocks --------------------------------------------

    def start(self, items: list[Any]) -> list[ast.Block]:
        docs = DocGroups(self.text, clear_on_blank_line=True)
        blocks: list[ast.Block] = []
        for item in items:
            if isinstance(item, Token):
                docs.add(item)
                continue
            doc = docs.take(item.span.line)
            blocks.append(item if doc is None else _with_doc(item, doc))
        return blocks

    def model(self, c: list[Any]) -> ast.Model:
        fields, attributes = self._members(c[3:-1], ast.Field)
        kind = c[0].value
        return ast.Model(kind, self._name(c[1]), fields, attributes, None, self._span(c[0], c[-1]))

    def enum(self, c: list[Any]) -> ast.Enum:
        values, attributes = self._members(c[3:-1], ast.EnumValue)
        return ast.Enum(self._name(c[1]), values, attributes, None, self._span(c[0], c[-1]))

    def config(self, c: list[Any]) -> ast.ConfigBlock:
        entries, _ = self._members(c[3:-1], ast.ConfigEntry)
        kind = c[0].value
        return ast.ConfigBlock(kind, self._name(c[1]), entries, None, self._span(c[0], c[-1]))

    def _members(self, items: list[Any], member_type: type[Any]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Split a block body into members and block attributes, attaching docs."""
        docs = DocGroups(self.text, clear_on_blank_line=False)
        members: list[Any] = []
        attributes: list[ast.Attribute] = []
        for item in items:
            if isinstance(item, Token):
                docs.add(item)
            elif isinstance(item, member_type):
                members.append(self._documented(item, docs.take(item.span.line)))
            else:
                docs.skip()
                attributes.append(item)
        return tuple(members), tuple(attributes)

    @staticmethod
    def _documented(member: Any, above: str | None) -> Any:
        """A member with the doc above it, then its own trailing doc comment."""
        if above is None:
            return member
        trailing = member.documentation
        return _with_doc(member, above if trailing is None else f"{above}\n{trailing}")

    # ---- members --------------------------------------------------------

    def field(self, c: list[Any]) -> ast.Field:
        name = c[0]
        field_type: ast.FieldType | None = None
        attributes: list[ast.Attribute] = []
        doc = None
        last = name
        for child in c[1:]:
            if isinstance(child, ast.Attribute):
                attributes.append(child)
            elif isinstance(child, ast.FieldType):
                field_type = child
            elif child.type == "COLON":
                self._error(child, "Field declarations don't require a `:`.")
            else:
                doc = self._trailing_doc(child)
            last = child if isinstance(child, Token) else last
        if field_type is None:
            self._error(name, "This field declaration is invalid. It is either missing a name or a type.")
            field_type = ast.FieldType("", "required")
        span = self._member_span(name, last, field_type, attributes)
        return ast.Field(self._name(name), field_type, tuple(attributes), doc, span)

    def enum_value(self, c: list[Any]) -> ast.EnumValue:
        attributes = tuple(a for a in c[1:] if isinstance(a, ast.Attribute))
        doc = next((self._trailing_doc(t) for t in c[1:] if isinstance(t, Token)), None)
        span = self._member_span(c[0], c[0], None, attributes)
        return ast.EnumValue(self._name(c[0]), attributes, doc, span)

    def config_entry(self, c: list[Any]) -> ast.ConfigEntry:
        value = next((v for v in c[1:] if not isinstance(v, Token)), None)
        doc = next((self._trailing_doc(t) for t in c[1:] if isinstance(t, Token)), None)
        end = value.span if value is not None else None
        span = ast.Span(self.file, c[0].line, c[0].column, *(
            (end.end_line, end.end_column) if end else (c[0].end_line, c[0].end_column)))
        self._settle_argument_errors(keep=False)  # Prisma checks these only in attributes
        return ast.ConfigEntry(self._name(c[0]), value, doc, span)

    def block_attribute(self, c: list[Any]) -> ast.Attribute:
        arguments: tuple[ast.Argument, ...] = ()
        if len(c) > 2 and isinstance(c[2], tuple):
            arguments = c[2]
        self._settle_argument_errors(keep=True)
        return ast.Attribute(str(c[1]), arguments, self._attribute_span(c[0], c[1], arguments))

    def attribute(self, c: list[Any]) -> ast.Attribute:
        arguments: tuple[ast.Argument, ...] = c[2] if len(c) > 2 else ()
        self._settle_argument_errors(keep=True)
        return ast.Attribute(str(c[1]), arguments, self._attribute_span(c[0], c[1], arguments))

    def _attribute_span(self, at: Token, name: Token, arguments: tuple[ast.Argument, ...]) -> ast.Span:
        if arguments:
            end = arguments[-1].span
            return ast.Span(self.file, at.line, at.column, end.end_line, end.end_column + 1)  # type: ignore[arg-type]
        return self._span(at, name)

    def _member_span(self, name: Token, last: Token, ftype: ast.FieldType | None,
                     attributes: tuple[ast.Attribute, ...] | list[ast.Attribute]) -> ast.Span:
        end = attributes[-1].span if attributes else (ftype.span if ftype and ftype.span.line else None)
        if end is None:
            return self._span(name, name)
        return ast.Span(self.file, name.line, name.column, end.end_line, end.end_column)  # type: ignore[arg-type]

    def _trailing_doc(self, tok: Token) -> str | None:
        return DocGroups.comment_text(self.text, tok, first_in_group=True)

    # ---- field types ----------------------------------------------------

    def base_type(self, c: list[Token]) -> ast.FieldType:
        if len(c) == 2:  # Unsupported("...")
            span = ast.Span(self.file, c[0].line, c[0].column, c[1].end_line, c[1].end_column + 1)  # type: ignore[arg-type,operator]
            return ast.FieldType(self._decode(c[1]), "required", True, span)
        return ast.FieldType(self._name(c[0]), "required", False, self._span(c[0], c[0]))

    def required(self, c: list[ast.FieldType]) -> ast.FieldType:
        return c[0]

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

    def _type_error(self, ftype: ast.FieldType, message: str) -> None:
        self._error_at(ftype.span.line, ftype.span.column, message)

    # ---- arguments and values -------------------------------------------

    def arguments(self, c: list[Any]) -> tuple[ast.Argument, ...]:
        return tuple(a if isinstance(a, ast.Argument) else ast.Argument(None, a, a.span) for a in c)

    def arguments_trailing_comma(self, c: list[Any]) -> tuple[ast.Argument, ...]:
        comma: Token = c[-1]
        message = "Trailing commas are not valid in attribute arguments, please remove the comma."
        self._error_at(comma.line or 1, comma.column or 1, message, pending=True)
        return self.arguments(c[:-1])

    def named_argument(self, c: list[Any]) -> ast.Argument:
        return ast.Argument(self._name(c[0]), c[1], _join(self.file, c[0], c[1].span))

    def empty_argument(self, c: list[Token]) -> ast.Argument:
        name, span = c[0], self._span(c[0], c[0])
        self._error_at(span.line, span.column, f"The `{name}` argument is missing a value.", pending=True)
        return ast.Argument(self._name(name), ast.ConstantValue("", span), span)

    def string(self, c: list[Token]) -> ast.StringValue:
        return ast.StringValue(self._decode(c[0]), self._span(c[0], c[0]))

    def _decode(self, tok: Token) -> str:
        try:
            return decode_string(tok)
        except StringEscapeError as err:
            self._error(tok, str(err), err.offset)
            return tok[1:-1]

    def number(self, c: list[Token]) -> ast.NumberValue:
        return ast.NumberValue(str(c[0]), self._span(c[0], c[0]))

    def constant(self, c: list[Token]) -> ast.ConstantValue:
        return ast.ConstantValue(str(c[0]), self._span(c[0], c[0]))

    def call(self, c: list[Any]) -> ast.FunctionCall:
        args: tuple[ast.Argument, ...] = c[1]
        end = args[-1].span if args else None
        span = self._span(c[0], c[0]) if end is None else _join(self.file, c[0], end)
        return ast.FunctionCall(str(c[0]), args, span)

    def array(self, c: list[Any]) -> ast.ArrayValue:
        if not c:
            return ast.ArrayValue(())
        span = _join(self.file, c[0].span, c[-1].span)
        self._drop_argument_errors(span)
        return ast.ArrayValue(tuple(c), span)

    def _drop_argument_errors(self, span: ast.Span) -> None:
        """Prisma does not check argument lists nested in arrays and objects."""
        start, end = (span.line, span.column), (span.end_line, span.end_column)
        self._argument_errors[:] = [
            d for d in self._argument_errors if not start <= (d.line, d.column) <= end
        ]

    def object(self, c: list[tuple[Token, ast.Value]]) -> ast.ObjectValue:
        if not c:
            return ast.ObjectValue(())
        span = _join(self.file, c[0][0], c[-1][1].span)
        self._drop_argument_errors(span)
        return ast.ObjectValue(tuple((self._name(k), v) for k, v in c), span)

    def pair(self, c: list[Any]) -> tuple[Token, ast.Value]:
        return (c[0], c[1])


def _retype(ftype: ast.FieldType, arity: ast.Arity, extra: int) -> ast.FieldType:
    s = ftype.span
    span = ast.Span(s.file, s.line, s.column, s.end_line, s.end_column + extra)
    return ast.FieldType(ftype.name, arity, ftype.unsupported, span)


def _join(file: str, first: Token | ast.Span, last: ast.Span) -> ast.Span:
    return ast.Span(file, first.line, first.column, last.end_line, last.end_column)  # type: ignore[arg-type]


def _with_doc(node: Any, doc: str) -> Any:
    from dataclasses import replace

    return replace(node, documentation=doc)
