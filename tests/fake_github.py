"""A stand-in for GitHub's REST API on 127.0.0.1 that records every request.

Serves just the endpoints the PR comment uses. `refuse_writes` answers POST
and PATCH with 403, as GitHub does for a fork's read-only token. `identity` is
the token's user, answered by GET /user; None answers 403 there, as GitHub
does for the Actions token, whose comments are github-actions[bot]'s.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeGitHub:
    def __init__(self, refuse_writes: bool = False, identity: str | None = None) -> None:
        self.refuse_writes = refuse_writes
        self.identity = identity
        self.comments: list[dict[str, Any]] = [
            {"id": 1, "body": "Looks good to me!", "user": {"login": "octocat"}}
        ]
        self.requests: list[tuple[str, str, dict[str, Any] | None, str]] = []  # method, path, body, auth
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeGitHub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p, _, _ in self.requests if m != "GET"]

    def get(self, path: str) -> tuple[int, Any]:
        if path == "/user" and self.identity is None:
            return 403, {"message": "Resource not accessible by integration"}
        if path == "/user":
            return 200, {"login": self.identity}
        if re.fullmatch(r"/repos/acme/portal/issues/7/comments\?per_page=100&page=1", path):
            return 200, self.comments
        return 200, []

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _reply(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _record(self) -> dict[str, Any] | None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                fake.requests.append((self.command, self.path, body, self.headers.get("Authorization", "")))
                return body

            def do_GET(self) -> None:
                self._record()
                self._reply(*fake.get(self.path))

            def do_POST(self) -> None:
                body = self._record()
                if fake.refuse_writes:
                    self._reply(403, {"message": "Resource not accessible by integration"})
                    return
                author = {"login": fake.identity or "github-actions[bot]"}
                comment = {"id": 100 + len(fake.comments), "body": (body or {})["body"], "user": author}
                fake.comments.append(comment)
                self._reply(201, comment)

            def do_PATCH(self) -> None:
                body = self._record()
                if fake.refuse_writes:
                    self._reply(403, {"message": "Resource not accessible by integration"})
                    return
                number = int(self.path.rsplit("/", 1)[1])
                for comment in fake.comments:
                    if comment["id"] == number:
                        comment["body"] = (body or {})["body"]
                        self._reply(200, comment)
                        return
                self._reply(404, {"message": "Not Found"})

        return Handler
