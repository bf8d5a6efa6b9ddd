"""GitHub's release download layout on 127.0.0.1, for install.sh and the action's install step.

``{url}/releases/download/vX.Y.Z/ASSET`` answers 302 to a storage URL (as github.com hands downloads to its asset
host), which serves the bytes; ``{url}/releases/latest/download/ASSET`` answers 302 to the latest version's
``download`` URL, and ``{url}/releases/latest`` to ``{url}/releases/tag/vX.Y.Z``; the same under any prefix
(``{url}/OWNER/REPO/releases/…``, as on github.com). Anything else is 404. Faults:
an asset can be served cut short (the full Content-Length announced, half the bytes sent, the connection closed).
Every request is logged, so a test can say what was (and was not) downloaded.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ASSETS = ("cloudfront-invalidate-linux-x86_64", "cloudfront-invalidate-linux-aarch64",
          "cloudfront-invalidate-darwin-arm64")


def sha256sums(assets: dict[str, bytes]) -> bytes:
    """A SHA256SUMS file as `sha256sum` writes it: "<hex>  <name>" a line, sorted by name."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(assets.items())).encode()


class FakeGitHubRelease:
    """Releases by version (``publish``), the latest one, faults, and a log of requested paths."""

    def __init__(self) -> None:
        self.releases: dict[str, dict[str, bytes]] = {}
        self.latest: str | None = None
        self.truncated: set[str] = set()
        self.paths: list[str] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                with owner._lock:
                    owner.paths.append(self.path)
                status, body, headers, cut = owner._answer(self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                if cut:
                    self.send_header("Connection", "close")
                self.end_headers()
                if cut:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.release_url = f"{self.url}/releases"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        daemon=True)
        self._thread.start()

    def publish(self, version: str, assets: dict[str, bytes], sums: bytes | None = None,
                latest: bool = True) -> None:
        """A release vVERSION with these assets and their SHA256SUMS (or the ``sums`` given)."""
        self.releases[version] = {**assets, "SHA256SUMS": sums if sums is not None else sha256sums(assets)}
        if latest:
            self.latest = version

    def downloads(self, asset: str) -> list[str]:
        """Storage requests for ``asset``: the requests that actually transferred its bytes."""
        return [p for p in self.paths if p.startswith("/storage/") and p.split("?")[0].endswith(f"/{asset}")]

    def _answer(self, path: str) -> tuple[int, bytes, dict[str, str], bool]:
        path = path.split("?")[0]
        parts = path.strip("/").split("/")
        not_found = (404, b"Not Found", {"Content-Type": "text/plain"}, False)
        if "releases" in parts and parts[0] != "storage":
            # Any prefix before /releases (github.com/OWNER/REPO/releases), answered alike.
            at = parts.index("releases")
            base = self.url + "/" + "/".join(parts[:at + 1])
            rest = parts[at + 1:]
            if rest == ["latest"] and self.latest:
                return 302, b"", {"Location": f"{base}/tag/v{self.latest}"}, False
            if len(rest) == 3 and rest[:2] == ["latest", "download"] and self.latest:
                return 302, b"", {"Location": f"{base}/download/v{self.latest}/{rest[2]}"}, False
            if len(rest) == 3 and rest[0] == "download" and rest[1].startswith("v"):
                version, asset = rest[1][1:], rest[2]
                if asset in self.releases.get(version, {}):
                    return 302, b"", {"Location": f"{self.url}/storage/v{version}/{asset}?signature=fake"}, False
            return not_found
        if len(parts) == 3 and parts[0] == "storage" and parts[1].startswith("v"):
            body = self.releases.get(parts[1][1:], {}).get(parts[2])
            if body is not None:
                return 200, body, {"Content-Type": "application/octet-stream"}, parts[2] in self.truncated
        return not_found

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
