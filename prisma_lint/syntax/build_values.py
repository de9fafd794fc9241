"""AST builder callbacks for arguments and values (strings, numbers, calls, ...)."""

from __future__ import annotations

from typing import Any

from prisma_lint.syntax import ast
from prisma_lint.syntax.build_base import BuilderBase
from prisma_lint.syntax.lexing import StringEscapeError, decode_string
from prisma_lint.syntax.tokens import Token

TRAILING_COMMA = "Trailing commas are not valid in attribute arguments, please remove the comma."


class Arguments(tuple[ast.Argument, ...]):
    """An argument list that remembers where its `)` stands, for spans."""

    end: Token

    def __new__(cls, items: Any, end: Token) -> Arguments:
        self = super().__new__(cls, items)
        self.end = end
        return self


class ValueRules(BuilderBase):
    argument_list = expr_list = pair_list = BuilderBase.items

    def arguments(self, c: list[Any]) -> Arguments:
        rpar: Token = c[-1]
        given = c[0] if len(c) > 1 else []
        args = (a if isinstance(a, ast.Argument) else ast.Argument(None, a, a.at) for a in given)
        return Arguments(args, rpar)

    def arguments_trailing_comma(self, c: list[Any]) -> Arguments:
        comma: Token = c[1]
        self._error_at(comma.line or 1, comma.column or 1, TRAILING_COMMA, pending=True)
        return self.arguments([c[0], c[2]])

    def named_argument(self, c: list[Any]) -> ast.Argument:
        return ast.Argument(self._name(c[0]), c[1], self._join(c[0], c[1].at))

    def empty_argument(self, c: list[Token]) -> ast.Argument:
        name, span = c[0], self._span(c[0], c[0])
        self._error_at(name.line, name.column, f"The `{name}` argument is missing a value.", pending=True)
        return ast.Argument(self._name(name), ast.ConstantValue("", span), span)

    def _settle_argument_errors(self, keep: bool) -> None:
        """An attribute keeps the argument errors found in it; a config entry drops them."""
        if keep:
            self.errors.extend(self._argument_errors)
        self._argument_errors.clear()

    def _drop_argument_errors(self, at: int) -> None:
        """Prisma does not check argument lists nested in arrays and objects."""
        if self._argument_errors:
            span = ast.unpack(at)
            start, end = (span.line, span.column), (span.end_line, span.end_column)
            self._argument_errors[:] = [
                d for d in self._argument_errors if not start <= (d.line, d.column) <= end
            ]

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
        return ast.ConstantValue(self._path(c[0]), self._span(c[0], c[0]))

    def call(self, c: list[Any]) -> ast.FunctionCall:
        args: Arguments = c[1]
        return ast.FunctionCall(self._path(c[0]), tuple(args), self._span(c[0], args.end))

    def array(self, c: list[Any]) -> ast.ArrayValue:
        span = self._span(c[0], c[-1])
        self._drop_argument_errors(span)
        return ast.ArrayValue(tuple(c[1]) if len(c) == 3 else (), span)

    def object(self, c: list[Any]) -> ast.ObjectValue:
        span = self._span(c[0], c[-1])
        self._drop_argument_errors(span)
        pairs = c[1] if len(c) == 3 else []
        return ast.ObjectValue(tuple((self._name(k), v) for k, v in pairs), span)

    def pair(self, c: list[Any]) -> tuple[Token, ast.Value]:
        return (c[0], c[1])
