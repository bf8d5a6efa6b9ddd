"""A tiny threaded HTTP server on 127.0.0.1 that records every request and answers through a handler method."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple


class Recorded(NamedTuple):
    """One request as received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Answer(NamedTuple):
    status: int
    body: bytes = b""
    headers: dict[str, str] = {}


class FakeEndpoint:
    """Subclasses implement ``answer(request) -> Answer``; ``url`` is the base URL; ``requests`` the log."""

    MAX_BODY = 1 << 20

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = min(int(self.headers.get("Content-Length") or 0), FakeEndpoint.MAX_BODY)
                body = self.rfile.read(length) if length else b""
                request = Recorded(self.command, self.path, {k: v for k, v in self.headers.items()}, body)
                with owner._lock:
                    owner.requests.append(request)
                try:
                    answer = owner.answer(request)
                except Exception as error:  # noqa: BLE001 - a fake must answer, not hang
                    answer = Answer(500, f"fake endpoint failed: {error}".encode())
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            do_GET = do_PUT = do_POST = _serve

            def log_message(self, *args: Any) -> None:  # quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()

    def answer(self, request: Recorded) -> Answer:
        raise NotImplementedError

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()
