"""Decoding Prisma string literals: JSON strings, checked the way Prisma checks them."""

from __future__ import annotations

import re

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
