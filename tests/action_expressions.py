"""The subset of GitHub's expression language (`${{ }}`) that action.yml and the documented workflows use."""

from __future__ import annotations

import re
from typing import Any

TOKEN = re.compile(r"\s*(?:(\|\||&&|==|!=|\(|\)|!)|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*))")


class Expressions:
    """The subset of GitHub's expression language that action.yml and the documented workflows use."""

    def __init__(self, context: dict[str, Any], failed: bool) -> None:
        self.context = context
        self.failed = failed

    def substitute(self, text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: as_string(self.evaluate(m.group(1))), text)

    def evaluate(self, source: str) -> Any:
        """Tokens are (kind, text): kind is "op", "str" or "name"."""
        self.tokens: list[tuple[str, str]] = []
        for match in TOKEN.finditer(source.strip()):
            op, literal, name = match.groups()
            kind = "op" if op else "str" if literal is not None else "name"
            self.tokens.append((kind, op or (literal if literal is not None else name)))
        self.pos = 0
        value = self._or()
        assert self.pos == len(self.tokens), f"cannot evaluate {source!r}"
        return value

    def _peek(self) -> str | None:
        if self.pos < len(self.tokens) and self.tokens[self.pos][0] == "op":
            return self.tokens[self.pos][1]
        return None

    def _or(self) -> Any:
        value = self._and()
        while self._peek() == "||":
            self.pos += 1
            right = self._and()
            value = value or right
        return value

    def _and(self) -> Any:
        value = self._compare()
        while self._peek() == "&&":
            self.pos += 1
            right = self._compare()
            value = value and right
        return value

    def _compare(self) -> Any:
        left = self._unary()
        op = self._peek()
        if op in ("==", "!="):
            self.pos += 1
            right = self._unary()
            equal = as_string(left).lower() == as_string(right).lower()  # GitHub compares strings loosely
            return equal if op == "==" else not equal
        return left

    def _unary(self) -> Any:
        kind, text = self.tokens[self.pos]
        self.pos += 1
        if kind == "op" and text == "!":
            return not self._unary()
        if kind == "op" and text == "(":
            value = self._or()
            self.pos += 1  # ")"
            return value
        if kind == "str":
            return text.replace("''", "'")
        name = text
        if self._peek() == "(":  # a status function
            self.pos += 2
            return {"always": True, "success": not self.failed, "failure": self.failed}[name]
        value: Any = self.context
        for part in name.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        return value


def as_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
