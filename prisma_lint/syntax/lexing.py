"""Lexing helpers shared by the parser, the builder, recovery and chunking.

Line ends, Prisma's whitespace class, identifiers, and string literals (JSON
strings, checked the way Prisma checks them).
"""

from __future__ import annotations

import re

# Prisma's whitespace: space, tab and the Unicode space separators (category Zs).
# grammar/prisma.lark spells the same class in its terminals (Lark cannot import
# it from here); tests/test_grammar_tables.py keeps the copies equal.
WHITESPACE = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
DIGITS = "0123456789"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; Prisma treats all three as line ends."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def valid_identifier(name: str) -> bool:
    """Prisma's identifier: a letter or ASCII digit, then letters, digits, `_`, `-`.

    The lexer admits any non-ASCII, non-space character; letters are checked
    here (`str.isalpha` is exactly Unicode category L). ASCII names are valid by
    construction, so they skip the loop.
    """
    if name.isascii():
        return bool(name) and "." not in name
    if not (name[0].isalpha() or name[0] in DIGITS):
        return False
    return all(ch.isalpha() or ch in DIGITS or ch in "_-" for ch in name[1:])


_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")

UNKNOWN_ESCAPE = (
    "Unknown escape sequence. If the value is a windows-style path, `\\` must be escaped as `\\\\`."
)
INVALID_UNICODE = "Invalid unicode escape sequence."


class StringEscapeError(ValueError):
    """A bad escape; `offset` is its index in the literal, quotes included."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def decode_string(literal: str) -> str:
    """Decode a quoted literal such as `"a\\nb"` to its value."""
    body = literal[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while True:
        j = body.find("\\", i)
        if j < 0:
            out.append(body[i:])
            return "".join(out)
        out.append(body[i:j])
        i = _decode_escape(body, j, out)


def _decode_escape(body: str, j: int, out: list[str]) -> int:
    """Append the escape at body[j] to out; return the index after it."""
    kind = body[j + 1]
    if kind != "u":
        if kind not in _SIMPLE:
            raise StringEscapeError(UNKNOWN_ESCAPE, j + 1)
        out.append(_SIMPLE[kind])
        return j + 2
    unit = _hex_unit(body, j)
    if 0xD800 <= unit <= 0xDBFF:  # a high surrogate must be followed by a low one
        if body.startswith("\\u", j + 6):
            low = _hex_unit(body, j + 6)
            if 0xDC00 <= low <= 0xDFFF:
                out.append(chr(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)))
                return j + 12
        raise StringEscapeError(INVALID_UNICODE, j + 1)
    if 0xDC00 <= unit <= 0xDFFF:
        raise StringEscapeError(INVALID_UNICODE, j + 1)
    out.append(chr(unit))
    return j + 6


def _hex_unit(body: str, j: int) -> int:
    digits = body[j + 2 : j + 6]
    if not _HEX4.fullmatch(digits):
        raise StringEscapeError(INVALID_UNICODE, j + 1)
    return int(digits, 16)


def encode_string(value: str) -> str:
    """The canonical literal for a value (used when printing schemas back)."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch < " ":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\u{ord(ch):04x}"))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
