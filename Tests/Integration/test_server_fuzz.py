"""Server-side fuzzing: the real binary against a loopback server that answers with mutated CloudFront replies.

Each run gets its own small server on 127.0.0.1 (not the stand-in: it must send bytes no HTTP library would, such
as truncated bodies, broken status lines and hostile headers). A run's replies start from what CloudFront sends
(CreateInvalidation, GetInvalidation, ListDistributions, error documents) and are mutated by one class of mutation,
chosen round-robin, with the details drawn from a random generator seeded per run: the whole test is deterministic
(SERVER_FUZZ_SEED, SERVER_FUZZ_RUNS override the seed and the count when exploring).

For every run it checks what issue 13 asks of hostile servers: no crash (a signal or an exit code of 128 and above),
an exit code of the contract ({0, 1, 64, 69, 77, 124}), no planted secret (AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN) in stdout, stderr or the CI files, and stdout holding only well-formed invalidation IDs (or,
with --json, one JSON document whose IDs are well formed).
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import socketserver
import subprocess
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

SEED = int(os.environ.get("SERVER_FUZZ_SEED", "13"))
RUNS = int(os.environ.get("SERVER_FUZZ_RUNS", "150"))
PARALLEL = 4
RUN_TIMEOUT = 90  # seconds; the binary's own --timeout is far shorter
ALLOWED_EXITS = {0, 1, 64, 69, 77, 124}

ACCESS_KEY_ID = "ASIAFUZZEXAMPLE"
SECRET_KEY = "FuzzCanarySecretKey/9876543210+zyxwvutsrqp"
SESSION_TOKEN = "FuzzCanarySessionToken/IQoJb3JpZ2luX2VjEFUZZ+0123456789=="
SECRETS = {"AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_SESSION_TOKEN": SESSION_TOKEN}

DIST = "E2FUZZEXAMPLE"
INVALIDATION_ID = "I2J0I21PCUYOIK"
# What CloudFront's IDs look like (distributions E…, invalidations I…): upper-case letters and digits.
WELL_FORMED_ID = re.compile(r"[A-Z0-9]{1,64}")
NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/"


# --- CloudFront's replies, the starting point of every mutation --------------------------------------------------

def invalidation_xml(status: str = "InProgress", identifier: str = INVALIDATION_ID) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Invalidation xmlns="{NAMESPACE}"><Id>{identifier}</Id>'
            f"<Status>{status}</Status><CreateTime>2026-11-29T12:36:01.123Z</CreateTime><InvalidationBatch><Paths>"
            "<Quantity>2</Quantity><Items><Path>/index.html</Path><Path>/assets/*</Path></Items></Paths>"
            "<CallerReference>fuzz-ref-1</CallerReference></InvalidationBatch></Invalidation>")


def distribution_list_xml() -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<DistributionList xmlns="{NAMESPACE}"><Marker></Marker>'
            "<MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity><Items>"
            f"<DistributionSummary><Id>{DIST}</Id><ARN>arn:aws:cloudfront::123456789012:distribution/{DIST}</ARN>"
            "<Status>Deployed</Status><DomainName>d111111abcdef8.cloudfront.net</DomainName><Aliases>"
            "<Quantity>1</Quantity><Items><CNAME>www.example.com</CNAME></Items></Aliases><Origins><Quantity>1"
            "</Quantity><Items><Origin><Id>site</Id><DomainName>site.s3.us-east-1.amazonaws.com</DomainName>"
            "<OriginPath></OriginPath></Origin></Items></Origins></DistributionSummary></Items></DistributionList>")


def error_xml(code: str, message: str) -> str:
    return (f'<?xml version="1.0"?>\n<ErrorResponse xmlns="{NAMESPACE}"><Error><Type>Sender</Type><Code>{code}</Code>'
            f"<Message>{message}</Message></Error><RequestId>2b3c4d5e-0000-4000-8000-000000000400</RequestId>"
            "</ErrorResponse>")


def base_reply(method: str, path: str, polls: int) -> tuple[int, str]:
    """CloudFront's answer to a request: (status, XML body)."""
    if method == "POST" and path.endswith("/invalidation"):
        return 201, invalidation_xml()
    if method == "GET" and "/invalidation/" in path:
        return 200, invalidation_xml("Completed" if polls >= 1 else "InProgress")
    if method == "GET" and "/invalidation" in path:
        return 200, (f'<?xml version="1.0"?>\n<InvalidationList xmlns="{NAMESPACE}"><Marker></Marker>'
                     "<MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity><Items>"
                     f"<InvalidationSummary><Id>{INVALIDATION_ID}</Id><CreateTime>2026-11-29T12:36:01Z</CreateTime>"
                     "<Status>Completed</Status></InvalidationSummary></Items></InvalidationList>")
    if method == "GET" and path.startswith("/2020-05-31/distribution"):
        return 200, distribution_list_xml()
    if method == "GET" and path.startswith("/2020-05-31/tagging"):
        return 200, f'<?xml version="1.0"?>\n<Tags xmlns="{NAMESPACE}"><Items></Items></Tags>'
    return 404, error_xml("UnknownOperation", "no such operation")


def http_reply(status: int, body: bytes, headers: list[tuple[str, str]] | None = None,
               reason: str = "Whatever", content_length: int | None = None) -> bytes:
    head = [f"HTTP/1.1 {status} {reason}", "Content-Type: text/xml",
            "x-amzn-RequestId: 2b3c4d5e-0000-4000-8000-000000000400"]
    head += [f"{name}: {value}" for name, value in headers or []]
    if status == 201:
        head.append(f"Location: https://cloudfront.amazonaws.com/2020-05-31/distribution/{DIST}/invalidation/"
                    f"{INVALIDATION_ID}")
    head += [f"Content-Length: {len(body) if content_length is None else content_length}", "Connection: close"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


# --- Mutations ---------------------------------------------------------------------------------------------------

HOSTILE_TEXT = [
    "", " ", "A" * 100_000, "I1\n::error::forged\nI2", "I1&#10;::error::forged&#10;I2", "I1\r::warning::x",
    "\u202eKOIYUCP12I0J2I", "$(touch /tmp/pwned)", "`id`", "\x1b[31mred\x1b[0m", "-1", "99999999999999999999999",
    "InProgress\n", "Completed ", "COMPLETED", "&amp;&lt;&gt;&quot;", "<![CDATA[<x>]]>", "%0a::error::x", "é" * 5000,
    "\ufeffI1", "I1\u0000I2", "&#0;", "&#xD800;", "&#x1F600;", "I" * 129, "i2j0i21pcuyoik", "null", "{}",
]
ELEMENTS = ["Id", "Status", "CreateTime", "Path", "Quantity", "CallerReference", "Code", "Message", "RequestId",
            "IsTruncated", "NextMarker", "DomainName", "CNAME", "OriginPath", "MaxItems"]
STRUCTURES = [
    b"", b"not xml at all", b"<html><body><h1>502 Bad Gateway</h1></body></html>", b'{"Id": "I1"}',
    b"\xff\xfe<\x00I\x00", b"\xef\xbb\xbf" + invalidation_xml().encode(), b"\x00" * 64, bytes(range(256)),
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Invalidation><Id>&c;</Id></Invalidation>').encode(),
    b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><Invalidation><Id>I1</Id></Invalidation>',
    ("<Invalidation>" + "<a>" * 5000 + "</a>" * 5000 + "</Invalidation>").encode(),
    ("<InvalidationList><Items>" + "<InvalidationSummary><Id>I1</Id><Status>Completed</Status>"
     "</InvalidationSummary>" * 20000 + "</Items></InvalidationList>").encode(),
    b'<?xml version="1.0" encoding="UTF-16"?><Invalidation/>', b"<Invalidation><Id>I1</Id>",
    b"<Invalidation xmlns='urn:other'><Id>I1</Id><Status>Completed</Status></Invalidation>",
    invalidation_xml().replace("<Invalidation ", "<Distribution ").replace("</Invalidation>", "</Distribution>")
    .encode(),
]
RETRY_AFTER_SMALL = ["", "abc", "-1", "0", "0.01", "1", "NaN", "-inf", "1e-300", " 1 ", "0x10", "1,2",
                     "Wed, 21 Oct 2015 07:28:00 GMT", "\u0661"]
# Values that once crashed the binary (issue 13 item 1). The retry policy caps them, and the run's --timeout
# (always set for this mutation) ends the retries, so a run stays short.
RETRY_AFTER_HUGE = ["1e300", "inf", "Infinity", "1e18", "9223372036854775", "7777777777777733003", "120"]
STATUSES = [100, 200, 201, 202, 204, 206, 301, 302, 304, 307, 400, 401, 403, 404, 405, 409, 413, 429, 500, 501, 502,
            503, 504, 599, 600, 999]
ERROR_CODES = [("Throttling", 400), ("ThrottlingException", 400), ("SlowDown", 503), ("AccessDenied", 403),
               ("SignatureDoesNotMatch", 403), ("ExpiredToken", 403), ("InvalidClientTokenId", 403),
               ("InvalidArgument", 400), ("NoSuchDistribution", 404), ("NoSuchInvalidation", 404),
               ("TooManyInvalidationsInProgress", 400), ("BatchTooLarge", 413), ("InternalError", 500),
               ("ServiceUnavailable", 503), ("MadeUpCode", 418), ("", 400)]


def secret_echo(rng: random.Random) -> str:
    """Server text that repeats the planted secrets the way a confused or hostile server could."""
    canonical = (f"POST\n/2020-05-31/distribution/{DIST}/invalidation\n\nhost:127.0.0.1\n"
                 f"x-amz-date:20261129T120000Z\nx-amz-security-token:{SESSION_TOKEN}\n\n"
                 "host;x-amz-date;x-amz-security-token\ne3b0c44298fc1c149afbf4c8996fb924")
    return rng.choice([
        f"The request signature we calculated does not match. The Canonical String for this request should have "
        f"been '{canonical}'",
        f"token {SESSION_TOKEN} is expired", f"secret={SECRET_KEY}", f"{SECRET_KEY}{SESSION_TOKEN}",
        f"X-Amz-Security-Token: {SESSION_TOKEN}\nAuthorization: AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/x",
    ])


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """A few byte-level edits: flips, inserts, deletions, duplicated chunks."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not buffer:
            buffer += bytes([rng.randrange(256)])
            continue
        at = rng.randrange(len(buffer))
        kind = rng.randrange(4)
        if kind == 0:
            buffer[at] ^= 1 << rng.randrange(8)
        elif kind == 1:
            buffer[at:at] = bytes(rng.choice([rng.randrange(256), ord("<"), ord(">"), ord("&"), ord("/")])
                                  for _ in range(rng.randint(1, 4)))
        elif kind == 2:
            del buffer[at:at + rng.randint(1, 16)]
        else:
            end = min(len(buffer), at + rng.randint(1, 64))
            buffer[at:at] = buffer[at:end]
    return bytes(buffer)


def replace_element(rng: random.Random, xml: str, value: str) -> str:
    """The text of one element present in `xml` replaced by `value` (escaped only when it has a bare `<`)."""
    present = [name for name in ELEMENTS if f"<{name}>" in xml]
    if not present:
        return xml + value
    name = rng.choice(present)
    return re.sub(f"<{name}>[^<]*</{name}>", lambda _: f"<{name}>{value}</{name}>", xml, count=1)


@dataclass
class Mutation:
    """One class of mutation: a name for the report and how it rewrites one request's reply."""

    name: str
    reply: Callable[[random.Random, int, str, int], bytes]  # (rng, status, body, request index) → raw reply
    every_request: bool = False  # otherwise the first reply is mutated and later ones half of the time


def xml_bytes(rng, status, body, _):
    return http_reply(status, mutate_bytes(rng, body.encode()))


def xml_values(rng, status, body, _):
    return http_reply(status, replace_element(rng, body, rng.choice(HOSTILE_TEXT)).encode())


def xml_structure(rng, status, _body, _):
    return http_reply(rng.choice([status, 200, 201]), rng.choice(STRUCTURES))


def status_codes(rng, _status, body, _):
    code = rng.choice(STATUSES)
    headers = [("Location", "http://127.0.0.1:1/elsewhere")] if 300 <= code < 400 else []
    return http_reply(code, rng.choice([body, error_xml("InternalError", "x"), ""]).encode(), headers)


def error_replies(rng, _status, _body, _):
    code, status = rng.choice(ERROR_CODES)
    headers = [("Retry-After", rng.choice(RETRY_AFTER_SMALL))] if rng.random() < 0.5 else []
    return http_reply(status, error_xml(code, rng.choice(["Rate exceeded", "", "a" * 3000])).encode(), headers)


def retry_after(rng, _status, _body, _):
    status = rng.choice([429, 400, 503])
    return http_reply(status, error_xml("Throttling", "Rate exceeded").encode(),
                      [("Retry-After", rng.choice(RETRY_AFTER_SMALL + RETRY_AFTER_HUGE))])


def headers(rng, status, body, _):
    data = body.encode()
    choice = rng.randrange(9)
    if choice == 0:
        return b""  # the connection closes without a reply
    if choice == 1:
        return b"SSH-2.0-OpenSSH_9.2\r\n"
    if choice == 2:
        return f"HTTP/1.1 {status}".encode() + b"\r\nContent-Length: 5\r\n\r\n" + data
    if choice == 3:
        return f"HTTP/1.1 {status} OK\r\nContent-Length: {len(data)}\r\n\r\n".encode() + data  # no Content-Type
    if choice == 4:
        return f"HTTP/1.1 {status} OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".encode() + data + b"\r\n"
    if choice == 5:
        return http_reply(status, data, [("X-Padding", "p" * rng.choice([8_000, 300_000]))])
    if choice == 6:
        return http_reply(status, data, [("Content-Type", "text/html; charset=utf-16")])
    if choice == 7:
        return http_reply(status, data, [("Set-Cookie", "a=b"), ("Retry-After", "1"), ("Retry-After", "2")])
    return f"HTTP/1.0 {status} OK\n\n".encode() + data  # bare newlines, no length


def truncated(rng, status, body, _):
    data = body.encode()
    cut = rng.randrange(len(data) + 1)
    # Either an honest short body or a Content-Length promising more than the connection carries.
    return http_reply(status, data[:cut], content_length=rng.choice([cut, len(data)]))


def secret_echoes(rng, _status, _body, _):
    code, status = rng.choice([("SignatureDoesNotMatch", 403), ("InvalidArgument", 400), ("AccessDenied", 403),
                               ("InternalError", 500)])
    echo = secret_echo(rng)
    return http_reply(status, error_xml(code, echo).encode(), [("x-amzn-ErrorMessage", echo.splitlines()[0])])


MUTATIONS = [
    Mutation("xml-bytes", xml_bytes),
    Mutation("xml-values", xml_values),
    Mutation("xml-structure", xml_structure),
    Mutation("status-codes", status_codes),
    Mutation("error-replies", error_replies),
    Mutation("retry-after", retry_after, every_request=True),
    Mutation("headers", headers),
    Mutation("truncated", truncated),
    Mutation("secret-echo", secret_echoes),
]


# --- The loopback server -----------------------------------------------------------------------------------------

class ScriptedServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    """Answers every request with bytes from `answer(method, path, index)` and closes the connection."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, answer: Callable[[str, str, int], bytes]):
        super().__init__(("127.0.0.1", 0), ScriptedHandler)
        self.answer = answer
        self.lock = threading.Lock()
        self.requests: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class ScriptedHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        connection: socket.socket = self.request
        connection.settimeout(10)
        data = b""
        try:
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = (lines[0].split(" ") + ["", ""])[:2]
            length = next((int(line.split(":", 1)[1]) for line in lines[1:]
                           if line.lower().startswith("content-length:")), 0)
            while len(body) < min(length, 1 << 20):
                chunk = connection.recv(65536)
                if not chunk:
                    break
                body += chunk
            server: ScriptedServer = self.server  # type: ignore[assignment]
            with server.lock:
                index = len(server.requests)
                server.requests.append(f"{method} {path}")
            connection.sendall(server.answer(method, path, index))
        except OSError:
            pass
        finally:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


# --- One run -----------------------------------------------------------------------------------------------------

@dataclass
class Run:
    index: int
    mutation: Mutation
    args: list[str]
    log_format: str
    json_output: bool
    problems: list[str] = field(default_factory=list)
    exit_code: int | None = None


def plan_run(index: int) -> Run:
    rng = random.Random(SEED * 1_000_003 + index)
    mutation = MUTATIONS[index % len(MUTATIONS)]
    target = rng.choice([["-d", DIST], ["-d", DIST], ["-d", "www.example.com"]])
    wait = rng.choice([["--wait", "--timeout", "3s"], ["--no-wait"]])
    if mutation.name == "retry-after":
        wait = [*wait, "--timeout", "3s"] if wait == ["--no-wait"] else wait
    json_output = rng.random() < 0.3
    args = ["create", *target, *wait, "/index.html", "/assets/*", *(["--json"] if json_output else [])]
    return Run(index, mutation, args, rng.choice(["plain", "github", "gitlab"]), json_output)


def check_stdout(run: Run, stdout: str) -> None:
    if run.json_output:
        if not stdout.strip():
            return
        try:
            document = json.loads(stdout)
        except ValueError:
            run.problems.append(f"stdout is not one JSON document: {stdout[:300]!r}")
            return
        for invalidation in document.get("invalidations") or []:
            identifier = invalidation.get("id")
            if identifier is not None and not WELL_FORMED_ID.fullmatch(str(identifier)):
                run.problems.append(f"--json carries a malformed ID: {str(identifier)[:200]!r}")
        return
    for line in stdout.splitlines():
        if not WELL_FORMED_ID.fullmatch(line):
            run.problems.append(f"stdout line is not an invalidation ID: {line[:200]!r}")


def execute(binary: Path, workdir: Path, run: Run) -> Run:
    rng = random.Random(SEED * 7_919 + run.index)
    polls = {"count": 0}

    def answer(method: str, path: str, request_index: int) -> bytes:
        status, body = base_reply(method, path.split("?")[0], polls["count"])
        if method == "GET" and "/invalidation/" in path:
            polls["count"] += 1
        if run.mutation.every_request or request_index == 0 or rng.random() < 0.5:
            return run.mutation.reply(rng, status, body, request_index)
        return http_reply(status, body.encode())

    folder = workdir / f"run-{run.index}"
    folder.mkdir()
    server = ScriptedServer(answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder), "NO_COLOR": "1",
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID, **SECRETS,
        "AWS_ENDPOINT_URL_CLOUDFRONT": server.url, "AWS_REGION": "us-east-1",
        "CLOUDFRONT_LOG_FORMAT": run.log_format, "CLOUDFRONT_CALLER_REFERENCE": f"fuzz-{run.index}",
    }
    if run.log_format == "github":
        env |= {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(folder / "output"),
                "GITHUB_STEP_SUMMARY": str(folder / "summary")}
    elif run.log_format == "gitlab":
        env |= {"GITLAB_CI": "true", "CLOUDFRONT_DOTENV": str(folder / "result.env")}
    try:
        completed = subprocess.run([str(binary), *run.args, "-v"], env=env, cwd=folder, stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        run.problems.append(f"did not finish within {RUN_TIMEOUT}s")
        return run
    finally:
        server.shutdown()
        server.server_close()
    code = completed.returncode
    stdout = completed.stdout.decode(errors="replace")
    stderr = completed.stderr.decode(errors="replace")
    if code < 0 or code >= 128:
        run.problems.append(f"crashed: exit {code} (signal {-code if code < 0 else code - 128})")
    elif code not in ALLOWED_EXITS:
        run.problems.append(f"exit {code} is not in the contract's {sorted(ALLOWED_EXITS)}")
    outputs = {"stdout": stdout, "stderr": stderr}
    outputs |= {path.name: path.read_bytes().decode(errors="replace") for path in folder.iterdir() if path.is_file()}
    for where, text in outputs.items():
        for line in text.splitlines():
            # GitHub's runner consumes `::add-mask::VALUE` (it never shows it), so the log may open with them.
            if where == "stderr" and run.log_format == "github" and line.startswith("::add-mask::") \
                    and line[len("::add-mask::"):] in SECRETS.values():
                continue
            run.problems += [f"{name} leaked into {where}: {line[:200]!r}" for name, value in SECRETS.items()
                             if value in line]
    check_stdout(run, stdout)
    if not server.requests:
        run.problems.append("never reached the server (the run tested nothing)")
    run.exit_code = code
    if run.problems:
        run.problems.append(f"exit {code}; requests {server.requests[:6]}; stderr tail: {stderr[-600:]!r}")
    return run


def test_hostile_server_replies_never_crash_leak_or_forge_output(binary, tmp_path):
    runs = [plan_run(index) for index in range(RUNS)]
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        finished = list(pool.map(lambda run: execute(binary, tmp_path, run), runs))
    failures = [run for run in finished if run.problems]
    exits = Counter((run.mutation.name, run.exit_code) for run in finished)
    print(f"server fuzz: {len(finished)} runs (seed {SEED}), {len(failures)} failed; exit codes per class: "
          + ", ".join(f"{name} {code}×{count}" for (name, code), count in sorted(exits.items(), key=str)))
    report = "\n".join(f"run {run.index} [{run.mutation.name}] {' '.join(run.args)} ({run.log_format}):\n    "
                       + "\n    ".join(run.problems) for run in failures)
    assert not failures, f"{len(failures)} of {len(finished)} runs (seed {SEED}) went wrong:\n{report}"
