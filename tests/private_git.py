"""A private git host on 127.0.0.1 over https: every request without credentials gets 401.

This is what github.com answers for a private repository when the workflow has
no token (a fork's pull request gets no secrets). The certificate is
self-signed, made with openssl for the test; git is told to skip verification
(GIT_SSL_NO_VERIFY) for this server only through the returned environment.
"""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading
from pathlib import Path
from types import TracebackType


class _Refuse(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="GitHub"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class PrivateGitHost:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        key, cert = folder / "key.pem", folder / "cert.pem"
        command = [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ]
        subprocess.run(
            [*command, "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refuse)
        self.server.requests = []  # type: ignore[attr-defined]
        self.server.timeout = 5
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}"
        self.env = {"GIT_SSL_NO_VERIFY": "1", "GIT_TERMINAL_PROMPT": "0"}
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1})

    @property
    def requests(self) -> list[str]:
        return list(self.server.requests)  # type: ignore[attr-defined]

    def __enter__(self) -> PrivateGitHost:
        self.thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
