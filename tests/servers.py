"""Misbehaving servers on 127.0.0.1 for the network tests, each started and stopped by its test.

Recorder: answers every request with a fixed reply and records the path and
the Authorization header. Redirector: answers everything with a redirect to
another URL. Silent: accepts connections and never says a word. Drip: sends
headers, then its body one byte at a time. All are bounded: a server stops
when its `with` block ends, and Drip sends at most `size` bytes.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.seen: list[tuple[str, str]] = []  # path, Authorization
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"

    def __enter__(self) -> Any:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reply(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.seen.append((self.path, self.headers.get("Authorization", "")))
                outer.reply(self)

            do_POST = do_PATCH = do_GET

        return Handler


class Recorder(_Server):
    def __init__(self, host: str = "127.0.0.1", status: int = 404, body: bytes = b"{}") -> None:
        super().__init__(host)
        self.status, self.body = status, body

    def reply(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(self.status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        handler.wfile.write(self.body)


class Redirector(_Server):
    def __init__(self, target: str, status: int = 302) -> None:
        super().__init__()
        self.target, self.status = target, status

    def reply(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(self.status)
        handler.send_header("Location", self.target + handler.path)
        handler.send_header("Content-Length", "0")
        handler.end_headers()


class Drip(_Server):
    def __init__(self, size: int = 40, pause: float = 0.25) -> None:
        super().__init__()
        self.size, self.pause = size, pause

    def reply(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(self.size))
        handler.end_headers()
        try:
            for _ in range(self.size):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(self.pause)
        except OSError:
            pass  # the client gave up, as it should


class Silent:
    """Accepts TCP connections and never answers (a hung git server)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]

    def __enter__(self) -> Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
