"""Fixtures for the integration tests: the CloudFront stand-in, a moto server, the built binary and a CLI runner.

Everything listens on 127.0.0.1 and every wait is bounded in time.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, NamedTuple

import pytest

INTEGRATION_DIR = Path(__file__).resolve().parent
REPO_ROOT = INTEGRATION_DIR.parents[1]
sys.path.insert(0, str(INTEGRATION_DIR / "standin"))

import cloudfront_standin  # noqa: E402  (needs the path above)

os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")  # boto3 in this process never probes IMDS

STANDIN_ACCESS_KEY_ID = cloudfront_standin.DEFAULT_ACCESS_KEY_ID
STANDIN_SECRET_ACCESS_KEY = cloudfront_standin.DEFAULT_SECRET_ACCESS_KEY
STANDIN_DISTRIBUTION_ID = cloudfront_standin.DEFAULT_DISTRIBUTION_ID
CONTROL_TIMEOUT = 10.0


class StandinHandle:
    """A test's view of the running stand-in: its URL, the control API, and boto3 clients pointed at it."""

    def __init__(self, server: cloudfront_standin.StandinServer):
        self.server = server
        self.url = server.url
        self.port = server.port
        self.distribution_id = STANDIN_DISTRIBUTION_ID
        self.access_key_id = STANDIN_ACCESS_KEY_ID
        self.secret_access_key = STANDIN_SECRET_ACCESS_KEY

    def control(self, method: str, name: str, payload: Any = None) -> tuple[int, Any]:
        """Call the control API over HTTP; returns (status, decoded JSON)."""
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(f"{self.url}/__standin/{name}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=CONTROL_TIMEOUT) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def _ok(self, method: str, name: str, payload: Any = None) -> Any:
        status, body = self.control(method, name, payload)
        assert status == 200, f"control API {method} {name} answered {status}: {body}"
        return body

    def configure(self, config: dict[str, Any] | None = None, **sections: Any) -> dict[str, Any]:
        """POST /__standin/config with the given sections; returns the effective configuration."""
        return self._ok("POST", "config", {**(config or {}), **sections})["config"]

    def reset(self, config: dict[str, Any] | None = None) -> None:
        self._ok("POST", "reset", config or {})

    def add_fault(self, kind: str, operation: str | list[str] = "*", count: int | None = 1, **extra: Any) -> None:
        """Append one fault (see the stand-in's README for kinds and fields)."""
        self._ok("POST", "faults", {"kind": kind, "operation": operation, "count": count, **extra})

    def complete(self, ids: list[str] | None = None) -> list[str]:
        """Mark the given (default: all) in-progress invalidations Completed now."""
        return self._ok("POST", "complete", {"ids": ids} if ids is not None else {})["completed"]

    def state(self) -> dict[str, Any]:
        return self._ok("GET", "state")

    def invalidations(self) -> list[dict[str, Any]]:
        return self.state()["invalidations"]

    def requests(self, operation: str | None = None) -> list[dict[str, Any]]:
        """The request log, optionally only one operation's requests."""
        return [r for r in self.state()["requests"] if operation is None or r["operation"] == operation]

    def rejections(self) -> list[dict[str, Any]]:
        return self.state()["rejections"]

    def client(self, access_key_id: str | None = None, secret_access_key: str | None = None,
               session_token: str | None = None, attempts: int = 1, region: str = "us-east-1") -> Any:
        """A boto3 CloudFront client for the stand-in; ``attempts`` is botocore's total_max_attempts."""
        import boto3
        from botocore.config import Config

        return boto3.session.Session().client(
            "cloudfront",
            endpoint_url=self.url,
            region_name=region,
            aws_access_key_id=access_key_id or self.access_key_id,
            aws_secret_access_key=secret_access_key or self.secret_access_key,
            aws_session_token=session_token,
            config=Config(retries={"mode": "standard", "total_max_attempts": attempts},
                          connect_timeout=5, read_timeout=15),
        )


@pytest.fixture(scope="session")
def _standin_server():
    server = cloudfront_standin.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def standin(_standin_server) -> StandinHandle:
    """The stand-in on a free port of 127.0.0.1, reset to its defaults before each test."""
    handle = StandinHandle(_standin_server)
    handle.reset()
    return handle


def free_port() -> int:
    """A TCP port of 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_http(url: str, deadline_seconds: float, process: subprocess.Popen | None = None) -> None:
    """Poll ``url`` until it answers (any HTTP status) or the deadline passes."""
    deadline = time.monotonic() + deadline_seconds
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError) as error:
            last_error = error
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {deadline_seconds}s: {last_error}")


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory) -> str:
    """moto's server (`python -m moto.server -H 127.0.0.1 -p PORT`) for the session; yields its base URL."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("moto") / "moto.log"
    env = {**os.environ, "AWS_EC2_METADATA_DISABLED": "true"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for_http(f"{url}/moto-api/", 30, process)
        except (TimeoutError, RuntimeError) as error:
            pytest.fail(f"moto server did not start: {error}\n{log_path.read_text(errors='replace')[-4000:]}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def moto_cloudfront(moto_server) -> Any:
    """A boto3 CloudFront client for the moto server."""
    import boto3

    return boto3.session.Session().client(
        "cloudfront", endpoint_url=moto_server, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing")


@pytest.fixture(scope="session")
def binary() -> Path:
    """The built cloudfront-invalidate: $CLOUDFRONT_INVALIDATE_BIN, else .build/debug/cloudfront-invalidate."""
    configured = os.environ.get("CLOUDFRONT_INVALIDATE_BIN")
    path = Path(configured) if configured else REPO_ROOT / ".build" / "debug" / "cloudfront-invalidate"
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(
            f"the cloudfront-invalidate binary was not found at {path}. Build it first (`swift build`), or set "
            "CLOUDFRONT_INVALIDATE_BIN to the built executable "
            "(e.g. CLOUDFRONT_INVALIDATE_BIN=\"$(swift build --show-bin-path)/cloudfront-invalidate\").",
            pytrace=False)
    return path


class CLIResult(NamedTuple):
    """What one run of the binary did: its exit code and its decoded output streams."""

    code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli_env(standin, tmp_path) -> dict[str, str]:
    """The clean environment ``run_cli`` starts from (credentials and endpoint of the stand-in)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": str(home),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ACCESS_KEY_ID": standin.access_key_id,
        "AWS_SECRET_ACCESS_KEY": standin.secret_access_key,
        "AWS_ENDPOINT_URL_CLOUDFRONT": standin.url,
        "NO_COLOR": "1",
    }


@pytest.fixture
def run_cli(binary, cli_env, tmp_path) -> Callable[..., CLIResult]:
    """Run the binary with a clean environment: ``run_cli(args, env=…, stdin=…, timeout=…, cwd=…)``.

    ``env`` entries are added to the clean environment; a value of None removes that variable. The working
    directory defaults to an empty temporary folder; stdin defaults to /dev/null.
    """
    workdir = tmp_path / "work"
    workdir.mkdir(exist_ok=True)

    def run(args: list[str], env: dict[str, str | None] | None = None, stdin: str | bytes | None = None,
            timeout: float = 60, cwd: str | Path | None = None) -> CLIResult:
        environment = dict(cli_env)
        for name, value in (env or {}).items():
            if value is None:
                environment.pop(name, None)
            else:
                environment[name] = value
        data = stdin.encode() if isinstance(stdin, str) else stdin
        try:
            completed = subprocess.run(
                [str(binary), *args], env=environment, cwd=str(cwd or workdir), input=data,
                stdin=subprocess.DEVNULL if data is None else None, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as expired:
            out = (expired.stdout or b"").decode(errors="replace")
            err = (expired.stderr or b"").decode(errors="replace")
            pytest.fail(f"{binary.name} {' '.join(args)} did not finish within {timeout}s\n"
                        f"stdout:\n{out}\nstderr:\n{err}", pytrace=False)
        return CLIResult(completed.returncode, completed.stdout.decode(errors="replace"),
                         completed.stderr.decode(errors="replace"))

    return run


@pytest.fixture(scope="session")
def aws_cli() -> str | None:
    """The AWS CLI on PATH, if any (used by comparison tests and benchmarks)."""
    return shutil.which("aws")
