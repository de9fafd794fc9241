"""Secrets out of everything we print or store: the one place that strips them.

`redact` removes the userinfo (`user@`, `user:password@`) of every URL in a
text, whatever the scheme; every message, report label and error goes through
it. `scrub_secret` removes a known secret (the token) wherever it appears as a
whole word.
"""

from __future__ import annotations

import re

# scheme://, then the longest run without "/" or white space that ends in "@": a password
# may hold "@" or ":", never "/". Greedy, so the last "@" before the path ends the userinfo.
USERINFO = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s]*@")
MIN_SECRET = 8  # shorter strings are words, not tokens: replacing them would mangle messages


def redact(text: str | None) -> str:
    """text with the userinfo of every URL in it removed."""
    return USERINFO.sub(r"\1", text) if text else ""


def scrub_secret(text: str, secret: str | None) -> str:
    """text with each whole-word occurrence of secret (8 characters or more) as `***`."""
    if not secret or len(secret) < MIN_SECRET:
        return text
    return re.sub(rf"(?<![\w\-]){re.escape(secret)}(?![\w\-])", "***", text)
