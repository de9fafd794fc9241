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
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Literal

MARKER = "<!-- prisma-lint:drift-report -->"
RESOLVED = "## ✅ prisma-lint: resolved\n\nThe portal copy matches the canonical schema again."
TIMEOUT = 20


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Outcome:
    action: Literal["created", "updated", "resolved", "unchanged", "skipped", "refused"]
    detail: str = ""


@dataclass(frozen=True)
class GitHub:
    api_url: str
    repository: str  # owner/name
    token: str

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.api_url.rstrip('/')}{path}", data=data, method=method)
        req.add_header("Accept", "application/vnd.github+json")
        req.add_header("X-GitHub-Api-Version", "2022-11-28")
        req.add_header("User-Agent", "prisma-lint")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as err:
            raise ApiError(err.code, f"{method} {path}: HTTP {err.code}") from None
        except (urllib.error.URLError, OSError) as err:
            raise ApiError(0, f"{method} {path}: {getattr(err, 'reason', err)}") from None
        return json.loads(raw) if raw else None


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
    for page in range(1, 51):  # at most 5,000 comments
        batch = api.request(
            "GET", f"/repos/{api.repository}/issues/{number}/comments?per_page=100&page={page}"
        )
        for comment in batch or []:
            if MARKER in (comment.get("body") or ""):
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
