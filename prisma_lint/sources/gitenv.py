"""The environment a fetch runs in: which host gets the token, how, and for how long.

The token (PRISMA_LINT_TOKEN, else GITHUB_TOKEN) goes only to the GitHub host
of the run (the host of GITHUB_SERVER_URL, github.com by default) or to a
host the workflow lists in PRISMA_LINT_TOKEN_HOSTS (comma-separated): never
to a host that only the repository's config names, since a pull request can
edit that. It travels as an HTTP header scoped to that host's https URL,
through git's config environment (never a command line or a URL), with
redirects off: git would otherwise carry the header to wherever a redirect
points. The user's own GIT_CONFIG_COUNT entries are kept; ours are appended.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

GIT_TIMEOUT = 60.0  # seconds for one whole fetch; PRISMA_LINT_GIT_TIMEOUT overrides
SCP_HOST = re.compile(r"^(?:[^@/]+@)?([^:/]+):")
OURS = (("gc.auto", "0"), ("maintenance.auto", "false"))  # no pruning while other runs read


def token() -> str | None:
    return os.environ.get("PRISMA_LINT_TOKEN") or os.environ.get("GITHUB_TOKEN") or None


def basic_auth(secret: str) -> str:
    return base64.b64encode(f"x-access-token:{secret}".encode()).decode()


def host_of(url: str) -> str:
    """host[:port] of an https, ssh or scp-like URL, lower case, without userinfo."""
    if "://" in url:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return f"{host}:{parts.port}" if parts.port else host
    match = SCP_HOST.match(url)
    return match.group(1).lower() if match else url


def token_hosts() -> set[str]:
    server = os.environ.get("GITHUB_SERVER_URL") or "https://github.com"
    extra = os.environ.get("PRISMA_LINT_TOKEN_HOSTS", "")
    return {host_of(server)} | {h.strip().lower() for h in extra.split(",") if h.strip()}


def token_for(url: str) -> str | None:
    """The token, if url is https and its host may have it."""
    secret = token()
    if secret and url.startswith("https://") and host_of(url) in token_hosts():
        return secret
    return None


def fetch_env(url: str) -> dict[str, str]:
    """os.environ plus our git config, and the token's header when url's host may have it."""
    secret = token_for(url)
    pairs = [*OURS, *(auth_pairs(f"https://{host_of(url)}/", secret) if secret else [])]
    return {**with_config(os.environ, pairs), "GIT_TERMINAL_PROMPT": "0"}


def auth_pairs(base: str, secret: str) -> list[tuple[str, str]]:
    """The header for URLs under base only, and no redirects (git would carry the header along)."""
    header = f"Authorization: Basic {basic_auth(secret)}"
    return [(f"http.{base}.extraHeader", header), ("http.followRedirects", "false")]


def with_config(env: Mapping[str, str], pairs: list[tuple[str, str]]) -> dict[str, str]:
    """env with pairs appended to its GIT_CONFIG_COUNT/KEY/VALUE entries (git 2.31+)."""
    out = dict(env)
    try:
        start = max(int(env.get("GIT_CONFIG_COUNT") or 0), 0)
    except ValueError:
        start = 0
    for n, (key, value) in enumerate(pairs, start=start):
        out[f"GIT_CONFIG_KEY_{n}"], out[f"GIT_CONFIG_VALUE_{n}"] = key, value
    out["GIT_CONFIG_COUNT"] = str(start + len(pairs))
    return out


def timeout() -> float:
    try:
        seconds = float(os.environ.get("PRISMA_LINT_GIT_TIMEOUT") or GIT_TIMEOUT)
    except ValueError:
        return GIT_TIMEOUT
    return seconds if seconds > 0 else GIT_TIMEOUT
