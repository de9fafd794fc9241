"""The pull-request comment: one per PR, found again by a hidden marker, edited in place.

Talks to the GitHub REST API with the standard library (urllib), at
$GITHUB_API_URL. With drift, the comment holds the Markdown report; once the
drift is gone, an existing comment is marked resolved rather than deleted, so
the thread keeps its history. A token that may not write (a fork's PR) is an
outcome, not an error: the caller falls back to the job summary.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

MARKER = "<!-- prisma-lint:drift-report -->"
RESOLVED = "## ✅ prisma-lint: resolved\n\nThe portal copy matches the canonical schema again."
API_TIMEOUT = 30.0  # seconds for one whole API call; PRISMA_LINT_API_TIMEOUT overrides
MAX_REPLY = 16 * 1024 * 1024  # a page of 100 comments of 65,536 characters is under 7 MB
ACTIONS_BOT = "github-actions[bot]"  # who the Actions token writes as; its GET /user fails


class ApiError(Exception):
    """status is the HTTP status, or 0 when the server misbehaved (no reply in time, too big, not JSON)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Outcome:
    action: Literal["created", "updated", "resolved", "unchanged", "skipped", "refused"]
    detail: str = ""


class _SameHostAuth(urllib.request.HTTPRedirectHandler):
    """Follow a redirect, but without the token when it leaves the host (or https)."""

    def redirect_request(  # noqa: PLR0917 (urllib's signature)
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        old, target = urlsplit(req.full_url), urlsplit(newurl)
        if new is not None and (old.scheme, old.netloc.lower()) != (target.scheme, target.netloc.lower()):
            new.remove_header("Authorization")
        return new


def api_timeout() -> float:
    try:
        seconds = float(os.environ.get("PRISMA_LINT_API_TIMEOUT") or API_TIMEOUT)
    except ValueError:
        return API_TIMEOUT
    return seconds if seconds > 0 else API_TIMEOUT


@dataclass(frozen=True)
class GitHub:
    api_url: str
    repository: str  # owner/name
    token: str

    @property
    def host(self) -> str:
        return urlsplit(self.api_url).netloc or self.api_url

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """One call, given up after api_timeout() seconds in all (a per-read timeout is not enough)."""
        limit = api_timeout()
        done: list[tuple[bool, Any]] = []

        def call() -> None:
            try:
                done.append((True, self._call(method, path, body, limit)))
            except Exception as err:  # carried to the caller's thread
                done.append((False, err))

        worker = threading.Thread(target=call, daemon=True)
        worker.start()
        worker.join(limit)
        if not done:
            raise ApiError(0, f"{method} {path}: no complete reply from {self.host} within {limit:g} s")
        ok, value = done[0]
        if not ok:
            raise value
        return value

    def _call(self, method: str, path: str, body: dict[str, Any] | None, limit: float) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.api_url.rstrip('/')}{path}", data=data, method=method)
        req.add_header("Accept", "application/vnd.github+json")
        req.add_header("X-GitHub-Api-Version", "2022-11-28")
        req.add_header("User-Agent", "prisma-lint")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        opener = urllib.request.build_opener(_SameHostAuth)
        try:
            with opener.open(req, timeout=limit) as resp:
                raw = resp.read(MAX_REPLY + 1)
        except urllib.error.HTTPError as err:
            raise ApiError(err.code, f"{method} {path}: HTTP {err.code} from {self.host}") from None
        except (urllib.error.URLError, OSError) as err:
            raise ApiError(0, f"{method} {path}: {self.host}: {getattr(err, 'reason', err)}") from None
        if len(raw) > MAX_REPLY:
            raise ApiError(0, f"{method} {path}: the reply from {self.host} is larger than {MAX_REPLY} bytes")
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            raise ApiError(0, f"{method} {path}: the reply from {self.host} is not JSON") from None


def identity(api: GitHub) -> str:
    """Who the token writes as: GET /user's login, or the Actions bot (whose /user is refused)."""
    try:
        user = api.request("GET", "/user")
    except ApiError as err:
        if err.status in (401, 403, 404):
            return ACTIONS_BOT
        raise
    login = user.get("login") if isinstance(user, dict) else None
    return login if isinstance(login, str) and login else ACTIONS_BOT


def pull_request_number(event_path: str | None) -> int | None:
    """The PR number from the event payload, or None outside a pull request."""
    if not event_path:
        return None
    try:
        with open(event_path, encoding="utf-8") as f:
            event = json.load(f)
    except (OSError, ValueError):
        return None
    number = (event.get("pull_request") or {}).get("number")
    return number if isinstance(number, int) else None


def find_comment(api: GitHub, number: int) -> dict[str, Any] | None:
    """Our comment: it has the marker and the token's identity wrote it (anyone can quote the marker)."""
    me = identity(api)
    for page in range(1, 51):  # at most 5,000 comments
        batch = api.request(
            "GET", f"/repos/{api.repository}/issues/{number}/comments?per_page=100&page={page}"
        )
        for comment in batch or []:
            author = (comment.get("user") or {}).get("login")
            if MARKER in (comment.get("body") or "") and author == me:
                return dict(comment)
        if not batch or len(batch) < 100:
            return None
    return None


def sync_comment(api: GitHub, number: int, report_markdown: str, drift: bool) -> Outcome:
    """Create, update or resolve the one prisma-lint comment on PR `number`."""
    try:
        existing = find_comment(api, number)
        if drift:
            body = f"{MARKER}\n{report_markdown}"
            if existing is None:
                api.request("POST", f"/repos/{api.repository}/issues/{number}/comments", {"body": body})
                return Outcome("created")
            if existing.get("body") == body:
                return Outcome("unchanged")
            api.request("PATCH", f"/repos/{api.repository}/issues/comments/{existing['id']}", {"body": body})
            return Outcome("updated")
        if existing is None or RESOLVED in (existing.get("body") or ""):
            return Outcome("unchanged")
        api.request(
            "PATCH",
            f"/repos/{api.repository}/issues/comments/{existing['id']}",
            {"body": f"{MARKER}\n{RESOLVED}\n"},
        )
        return Outcome("resolved")
    except ApiError as err:
        if err.status in (401, 403, 404):
            return Outcome("refused", str(err))
        raise


def from_environment(token: str) -> tuple[GitHub, int] | None:
    """The API and PR number from the Actions environment, or None outside a PR."""
    number = pull_request_number(os.environ.get("GITHUB_EVENT_PATH"))
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    if number is None or not repository:
        return None
    return GitHub(os.environ.get("GITHUB_API_URL", "https://api.github.com"), repository, token), number
