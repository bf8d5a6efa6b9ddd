#!/usr/bin/env python3
"""A fault-injecting Amazon CloudFront stand-in (API 2020-05-31) for integration tests and benchmarks.

It answers the invalidation, distribution-tenant invalidation, ListDistributions, GetDistribution and
ListTagsForResource operations with the XML shapes of botocore's service model, verifies every request's
SigV4 signature by re-signing it with botocore's own ``SigV4Auth`` (an implementation we did not write),
enforces CloudFront's validation rules and in-progress limits, and injects faults on demand (5xx, throttling,
429, connection resets, lost responses, slow answers).

A JSON control API on the same port, under ``/__standin/``, configures it and reports what it saw; see
``README.md`` beside this file. Run it standalone with ``python3 cloudfront_standin.py --port 0 --port-file F``
or import it and call :func:`start`.

It listens on 127.0.0.1 only by default and is meant for tests on the loopback interface.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import hmac
import json
import os
import random
import re
import signal
import socket
import string
import struct
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

API_VERSION = "2020-05-31"
XMLNS = f"http://cloudfront.amazonaws.com/doc/{API_VERSION}/"
ACCOUNT_ID = "123456789012"
DEFAULT_ACCESS_KEY_ID = "AKIDEXAMPLE"
DEFAULT_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
DEFAULT_DISTRIBUTION_ID = "EDFDVBD6EXAMPLE"
SIGNING_SERVICE = "cloudfront"
SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
MAX_REQUEST_LOG = 20_000
MAX_SLOW_SECONDS = 300.0

# Operations the stand-in answers (the names botocore's service model gives them).
OPERATIONS = (
    "CreateInvalidation",
    "GetInvalidation",
    "ListInvalidations",
    "CreateInvalidationForDistributionTenant",
    "GetInvalidationForDistributionTenant",
    "ListInvalidationsForDistributionTenant",
    "ListDistributions",
    "GetDistribution",
    "ListTagsForResource",
    "ListDistributionTenants",
)
CREATE_OPERATIONS = ("CreateInvalidation", "CreateInvalidationForDistributionTenant")

# Fault kinds and their aliases; see README.md for what each does.
FAULT_KINDS = {
    "service_unavailable": "service_unavailable",
    "503": "service_unavailable",
    "throttling": "throttling",
    "throttle": "throttling",
    "too_many_requests": "too_many_requests",
    "429": "too_many_requests",
    "internal_error": "internal_error",
    "500": "internal_error",
    "too_many_invalidations": "too_many_invalidations",
    "TooManyInvalidationsInProgress": "too_many_invalidations",
    "reset": "reset",
    "reset_before_body": "reset_before_body",
    "drop_response": "drop_response",
    "drop_after_create": "drop_response",
    "slow": "slow",
    "error": "error",
    # Scripted hostile replies (issue 13), answered by StandinHandler._send_scripted_reply.
    "echo_request": "echo_request",
    "raw_reply": "raw_reply",
}
SCRIPTED_KINDS = ("echo_request", "raw_reply")


def default_config() -> dict[str, Any]:
    """The configuration a fresh or reset stand-in starts from: one distribution, the AWS example keys."""
    return {
        "distributions": [
            {
                "id": DEFAULT_DISTRIBUTION_ID,
                "domain_name": "d111111abcdef8.cloudfront.net",
                "aliases": ["www.example.com"],
                "origins": [
                    {
                        "id": "site",
                        "domain_name": "example-bucket.s3.us-east-1.amazonaws.com",
                        "origin_path": "",
                    }
                ],
                "tags": {"Name": "example"},
            }
        ],
        "tenants": [],
        "credentials": [
            {
                "access_key_id": DEFAULT_ACCESS_KEY_ID,
                "secret_access_key": DEFAULT_SECRET_ACCESS_KEY,
                "session_token": None,
                "denied_operations": [],
            }
        ],
        "completion_delay_seconds": 0.0,
        "limits": {
            "max_in_progress_paths": 3000,
            "max_in_progress_wildcards": 15,
            "max_path_length": 4000,
        },
        "max_body_bytes": 1 << 20,
        "max_clock_skew_seconds": 900,
        "signing_region": "us-east-1",
        "caller_reference_conflict": "InvalidationBatchAlreadyExists",
        "reject_unencoded_paths": False,
        "rate_limit": None,
        "faults": [],
    }


class ApiError(Exception):
    """A CloudFront error answer: HTTP status, error code, message and extra headers."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


class ConfigError(Exception):
    """A control-API configuration that cannot be applied."""


# --------------------------------------------------------------------------------------------- helpers


def iso_time(epoch: float) -> str:
    """An ISO 8601 UTC timestamp with milliseconds, as CloudFront writes CreateTime."""
    dt = datetime.fromtimestamp(epoch, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def x(tag: str, content: Any = "") -> str:
    """One XML element: strings are escaped, lists are joined pre-built XML, booleans are lower-case."""
    if content is None:
        return ""
    if isinstance(content, bool):
        text = "true" if content else "false"
    elif isinstance(content, (int, float)):
        text = str(content)
    elif isinstance(content, list):
        text = "".join(content)
    else:
        text = escape(str(content))
    return f"<{tag}>{text}</{tag}>"


def xml_document(root: str, children: list[str]) -> bytes:
    """A complete XML document with the CloudFront namespace on its root element."""
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{XMLNS}">'
    return (head + "".join(children) + f"</{root}>").encode()


def quantity_list(item_tag: str, items: list[str], raw: bool = False) -> list[str]:
    """The Quantity + Items pair CloudFront uses for every list; Items is left out when empty."""
    out = [x("Quantity", len(items))]
    if items:
        out.append(x("Items", [item if raw else x(item_tag, item) for item in items]))
    return out


def random_id(prefix: str, length: int = 13) -> str:
    """An ID shaped like CloudFront's: a prefix then upper-case letters and digits."""
    return prefix + "".join(random.choices(string.ascii_uppercase + string.digits, k=length))


def strip_ns(tag: str) -> str:
    """An element name without its ``{namespace}``."""
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


def as_float_or_none(value: Any, what: str) -> float | None:
    """A non-negative number of seconds, or None; anything else is a configuration error."""
    if value is None:
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{what} must be a number of seconds or null") from None
    if result < 0:
        raise ConfigError(f"{what} must not be negative")
    return result


# --------------------------------------------------------------------------------------------- SigV4


class _SignedHeadersSigV4(SigV4Auth):
    """botocore's SigV4 signer, told to sign exactly the headers the request named in SignedHeaders."""

    def __init__(self, credentials: Credentials, service: str, region: str, signed: HTTPHeaders):
        super().__init__(credentials, service, region)
        self._signed = signed

    def headers_to_sign(self, request: AWSRequest) -> HTTPHeaders:  # noqa: D401 - botocore override
        return self._signed


class SignatureCheck:
    """The outcome of verifying one request's signature."""

    def __init__(self, ok: bool, access_key_id: str | None = None, error: ApiError | None = None,
                 detail: dict[str, str] | None = None, credential: dict[str, Any] | None = None):
        self.ok = ok
        self.access_key_id = access_key_id
        self.error = error
        self.detail = detail or {}
        self.credential = credential


def _auth_error(status: int, code: str, message: str, key: str | None = None, **detail: str) -> SignatureCheck:
    return SignatureCheck(False, key, ApiError(status, code, message), detail)


SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
)
INVALID_TOKEN = "The security token included in the request is invalid."


def verify_signature(method: str, raw_path: str, raw_query: str, headers: Any, body: bytes,
                     credentials: dict[str, dict[str, Any]], region: str, max_skew: float,
                     now: float) -> SignatureCheck:
    """Re-sign the received request with botocore's SigV4Auth and compare with the signature it carries."""
    authorization = headers.get("Authorization")
    if not authorization:
        return _auth_error(403, "MissingAuthenticationToken", "Missing Authentication Token")
    scheme, _, rest = authorization.strip().partition(" ")
    if scheme != "AWS4-HMAC-SHA256":
        return _auth_error(403, "IncompleteSignature", f"Unsupported authorization scheme '{scheme}'.")
    parts: dict[str, str] = {}
    for item in rest.split(","):
        name, _, value = item.strip().partition("=")
        parts[name.strip()] = value.strip()
    for required in ("Credential", "SignedHeaders", "Signature"):
        if not parts.get(required):
            return _auth_error(403, "IncompleteSignature",
                               f"Authorization header requires '{required}' parameter.")
    scope = parts["Credential"].split("/")
    if len(scope) != 5:
        return _auth_error(403, "IncompleteSignature", "Credential is malformed.")
    key_id, scope_date, scope_region, scope_service, terminator = scope
    known = credentials.get(key_id)
    if known is None:
        return _auth_error(403, "InvalidClientTokenId", INVALID_TOKEN, key_id)
    sent_token = headers.get("X-Amz-Security-Token")
    registered_token = known.get("session_token")
    if registered_token:
        if sent_token is None or not hmac.compare_digest(sent_token.encode(), registered_token.encode()):
            return _auth_error(403, "InvalidClientTokenId", INVALID_TOKEN, key_id,
                               reason="session token missing or not the registered one")
    elif sent_token is not None:
        return _auth_error(403, "InvalidClientTokenId", INVALID_TOKEN, key_id,
                           reason="session token sent for a key registered without one")
    amz_date = headers.get("X-Amz-Date")
    if not amz_date:
        return _auth_error(403, "IncompleteSignature",
                           "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
                           key_id)
    try:
        signed_at = datetime.strptime(amz_date, SIGV4_TIMESTAMP).replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        return _auth_error(403, "IncompleteSignature", f"Date must be in ISO-8601 'basic format'. Got '{amz_date}'.",
                           key_id)
    if signed_at < now - max_skew:
        return _auth_error(403, "SignatureDoesNotMatch",
                           f"Signature expired: {amz_date} is now earlier than "
                           f"{datetime.fromtimestamp(now - max_skew, tz=timezone.utc).strftime(SIGV4_TIMESTAMP)}.",
                           key_id)
    if signed_at > now + max_skew:
        return _auth_error(403, "SignatureDoesNotMatch",
                           f"Signature not yet current: {amz_date} is still later than "
                           f"{datetime.fromtimestamp(now + max_skew, tz=timezone.utc).strftime(SIGV4_TIMESTAMP)}.",
                           key_id)
    if scope_date != amz_date[:8]:
        return _auth_error(403, "SignatureDoesNotMatch",
                           "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.",
                           key_id)
    if scope_region != region:
        return _auth_error(403, "SignatureDoesNotMatch",
                           f"Credential should be scoped to a valid region, not '{scope_region}'.", key_id)
    if scope_service != SIGNING_SERVICE:
        return _auth_error(403, "SignatureDoesNotMatch",
                           f"Credential should be scoped to correct service: '{SIGNING_SERVICE}'.", key_id)
    if terminator != "aws4_request":
        return _auth_error(403, "SignatureDoesNotMatch",
                           "Credential should be scoped with a valid terminator: 'aws4_request'.", key_id)
    signed_names = [n.strip().lower() for n in parts["SignedHeaders"].split(";") if n.strip()]
    if "host" not in signed_names:
        return _auth_error(403, "SignatureDoesNotMatch",
                           "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", key_id)
    if "x-amz-date" not in signed_names:
        return _auth_error(403, "SignatureDoesNotMatch", "'X-Amz-Date' must be a 'SignedHeader'.", key_id)
    signed = HTTPHeaders()
    for name in signed_names:
        values = headers.get_all(name)
        if not values:
            return _auth_error(403, "SignatureDoesNotMatch",
                               f"Header '{name}' is listed in SignedHeaders but absent.", key_id)
        for value in values:
            signed[name] = value
    content_sha = headers.get("X-Amz-Content-SHA256")
    if content_sha is not None and content_sha != hashlib.sha256(body).hexdigest():
        return _auth_error(400, "XAmzContentSHA256Mismatch",
                           "The provided 'x-amz-content-sha256' header does not match what was computed.", key_id)
    params: list[tuple[str, str]] = []
    if raw_query:
        for pair in raw_query.split("&"):
            if pair:
                name, _, value = pair.partition("=")
                params.append((unquote(name), unquote(value)))
    request = AWSRequest(method=method.upper(), url=f"http://{headers.get('Host', '')}{raw_path}", data=body,
                         params=params)
    request.context["timestamp"] = amz_date
    signer = _SignedHeadersSigV4(
        Credentials(key_id, known["secret_access_key"], registered_token), SIGNING_SERVICE, region, signed)
    canonical = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical)
    expected = signer.signature(string_to_sign, request)
    if not hmac.compare_digest(expected, parts["Signature"]):
        redacted = canonical.replace(registered_token, "<redacted>") if registered_token else canonical
        return SignatureCheck(False, key_id, ApiError(403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH),
                              {"canonical_request": redacted, "string_to_sign": string_to_sign})
    return SignatureCheck(True, key_id, credential=known)


# --------------------------------------------------------------------------------------------- state


class StandinState:
    """Everything the stand-in knows and records, guarded by one lock."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.reset()

    # -- configuration -------------------------------------------------------------------------------

    def reset(self, config: dict[str, Any] | None = None) -> None:
        """Back to the default configuration with no invalidations, faults or log; then apply ``config``."""
        with self.lock:
            self.config = default_config()
            self.distributions: dict[str, dict[str, Any]] = {}
            self.tenants: dict[str, dict[str, Any]] = {}
            self.credentials: dict[str, dict[str, Any]] = {}
            self.faults: list[dict[str, Any]] = []
            self.invalidations: list[dict[str, Any]] = []
            # Indexes over `invalidations`, so thousands of tenants cost no quadratic scans.
            self._by_target: dict[tuple[str, str], list[dict[str, Any]]] = {}
            self._pending: list[dict[str, Any]] = []
            self.rate_limiter: RequestRateLimiter | None = None
            self.requests: list[dict[str, Any]] = []
            self.requests_dropped = 0
            self.counts: dict[str, int] = {}
            self.sequence = 0
            self._apply(self.config, replace_faults=True)
            if config:
                self.configure(config)

    def configure(self, update: dict[str, Any]) -> dict[str, Any]:
        """Apply a partial configuration: each key given replaces that section (``limits`` is merged key by key,
        ``add_faults`` appends to the fault list); returns the effective configuration."""
        if not isinstance(update, dict):
            raise ConfigError("the configuration must be a JSON object")
        known = set(default_config()) | {"add_faults"}
        unknown = sorted(set(update) - known)
        if unknown:
            raise ConfigError(f"unknown configuration keys: {', '.join(unknown)}")
        with self.lock:
            merged = copy.deepcopy(self.config)
            for key, value in update.items():
                if key == "limits":
                    if not isinstance(value, dict):
                        raise ConfigError("limits must be an object")
                    merged["limits"].update(value)
                elif key != "add_faults":
                    merged[key] = value
            added = update.get("add_faults") or []
            added = added if isinstance(added, list) else [added]
            new_faults = [self._normalize_fault(f) for f in added]
            self._apply(merged, replace_faults="faults" in update)
            self.faults.extend(new_faults)
            self.config["faults"] = [f["spec"] for f in self.faults]
            return self.public_config()

    def _apply(self, merged: dict[str, Any], replace_faults: bool) -> None:
        """Validate a whole configuration, then commit it (faults only when ``replace_faults``)."""
        distributions = {}
        for raw in merged.get("distributions") or []:
            d = self._normalize_distribution(raw)
            distributions[d["id"]] = d
        tenants = {}
        for raw in merged.get("tenants") or []:
            t = self._normalize_tenant(raw, distributions)
            tenants[t["id"]] = t
        credentials = {}
        for raw in merged.get("credentials") or []:
            if not isinstance(raw, dict) or not raw.get("access_key_id") or not raw.get("secret_access_key"):
                raise ConfigError("each credential needs access_key_id and secret_access_key")
            denied = raw.get("denied_operations") or []
            denied = ["*"] if denied == "*" else list(denied)
            credentials[raw["access_key_id"]] = {
                "access_key_id": raw["access_key_id"],
                "secret_access_key": raw["secret_access_key"],
                "session_token": raw.get("session_token") or None,
                "denied_operations": denied,
            }
        as_float_or_none(merged.get("completion_delay_seconds"), "completion_delay_seconds")
        limits = merged.get("limits") or {}
        for name in ("max_in_progress_paths", "max_in_progress_wildcards", "max_path_length"):
            if not isinstance(limits.get(name), int) or limits[name] < 0:
                raise ConfigError(f"limits.{name} must be a non-negative integer")
        if merged.get("caller_reference_conflict") not in ("InvalidationBatchAlreadyExists", "InvalidArgument"):
            raise ConfigError("caller_reference_conflict must be InvalidationBatchAlreadyExists or InvalidArgument")
        if not isinstance(merged.get("max_body_bytes"), int) or merged["max_body_bytes"] <= 0:
            raise ConfigError("max_body_bytes must be a positive integer")
        if not isinstance(merged.get("max_clock_skew_seconds"), (int, float)):
            raise ConfigError("max_clock_skew_seconds must be a number")
        faults = [self._normalize_fault(f) for f in merged.get("faults") or []]
        rate_limiter = RequestRateLimiter.from_config(merged.get("rate_limit"))
        # Everything is valid: commit.
        self.rate_limiter = rate_limiter
        for d_id, d in distributions.items():
            if d_id in self.distributions:
                d["last_modified"] = self.distributions[d_id]["last_modified"]
        self.distributions = distributions
        self.tenants = tenants
        self.credentials = credentials
        if replace_faults:
            self.faults = faults
        merged["faults"] = [f["spec"] for f in self.faults]
        self.config = merged

    @staticmethod
    def _normalize_distribution(raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict) or not raw.get("id"):
            raise ConfigError("each distribution needs an id")
        d_id = str(raw["id"])
        origins = []
        default_origin = {"id": "site", "domain_name": "example-bucket.s3.us-east-1.amazonaws.com"}
        for i, o in enumerate(raw.get("origins") or [default_origin]):
            if not isinstance(o, dict) or not o.get("domain_name"):
                raise ConfigError(f"distribution {d_id}: each origin needs a domain_name")
            path = o.get("origin_path") or ""
            if path and (not path.startswith("/") or path.endswith("/")):
                raise ConfigError(f"distribution {d_id}: origin_path must start with / and not end with /")
            origins.append({"id": str(o.get("id") or f"origin-{i + 1}"), "domain_name": str(o["domain_name"]),
                            "origin_path": path})
        tags = raw.get("tags") or {}
        if not isinstance(tags, dict):
            raise ConfigError(f"distribution {d_id}: tags must be an object")
        return {
            "id": d_id,
            "arn": f"arn:aws:cloudfront::{ACCOUNT_ID}:distribution/{d_id}",
            "domain_name": str(raw.get("domain_name") or f"d{d_id.lower()}.cloudfront.net"),
            "aliases": [str(a) for a in raw.get("aliases") or []],
            "origins": origins,
            "tags": {str(k): str(v) for k, v in tags.items()},
            "enabled": bool(raw.get("enabled", True)),
            "status": str(raw.get("status") or "Deployed"),
            "comment": str(raw.get("comment") or ""),
            "completion_delay_seconds": as_float_or_none(raw.get("completion_delay_seconds"),
                                                         f"distribution {d_id} completion_delay_seconds"),
            "has_delay": "completion_delay_seconds" in raw,
            "last_modified": time.time(),
        }

    @staticmethod
    def _normalize_tenant(raw: Any, distributions: dict[str, dict[str, Any]]) -> dict[str, Any]:
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("distribution_id"):
            raise ConfigError("each tenant needs an id and a distribution_id")
        if raw["distribution_id"] not in distributions:
            raise ConfigError(f"tenant {raw['id']}: unknown distribution {raw['distribution_id']}")
        return {
            "id": str(raw["id"]),
            "distribution_id": str(raw["distribution_id"]),
            "domains": [str(d) for d in raw.get("domains") or []],
            **tenant_listing_fields(raw),
            "completion_delay_seconds": as_float_or_none(raw.get("completion_delay_seconds"),
                                                         f"tenant {raw['id']} completion_delay_seconds"),
            "has_delay": "completion_delay_seconds" in raw,
        }

    @staticmethod
    def _normalize_fault(raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise ConfigError("each fault must be an object")
        kind = FAULT_KINDS.get(str(raw.get("kind")))
        if kind is None:
            raise ConfigError(f"unknown fault kind {raw.get('kind')!r}; known: {', '.join(sorted(FAULT_KINDS))}")
        operations = raw.get("operation", "*")
        operations = [operations] if isinstance(operations, str) else list(operations)
        for op in operations:
            if op != "*" and op not in OPERATIONS:
                raise ConfigError(f"unknown operation {op!r} in fault")
        count = raw.get("count", 1)
        if count is not None and (not isinstance(count, int) or count < 0):
            raise ConfigError("fault count must be a non-negative integer or null (for ever)")
        skip = raw.get("skip", 0)
        if not isinstance(skip, int) or skip < 0:
            raise ConfigError("fault skip must be a non-negative integer")
        seconds = as_float_or_none(raw.get("seconds", 0), "fault seconds") or 0.0
        if kind == "error" and (not isinstance(raw.get("status"), int) or not raw.get("code")):
            raise ConfigError("an 'error' fault needs status (int) and code")
        return {
            "spec": dict(raw),
            "kind": kind,
            "operations": operations,
            "target": raw.get("target"),
            "count": count,
            "skip": skip,
            "seen": 0,
            "fired": 0,
            "seconds": min(seconds, MAX_SLOW_SECONDS),
            "retry_after": raw.get("retry_after"),
            "status": raw.get("status"),
            "code": raw.get("code"),
            "message": raw.get("message"),
        }

    def admit(self, now: float) -> bool:
        """Whether the request rate limit (``rate_limit``) lets one more request through at ``now``."""
        with self.lock:
            return self.rate_limiter is None or self.rate_limiter.take(now)

    def public_config(self) -> dict[str, Any]:
        """The effective configuration, as the control API reports it."""
        with self.lock:
            return copy.deepcopy(self.config)

    # -- faults ------------------------------------------------------------------------------------------

    def take_fault(self, operation: str, target: str | None, early: bool) -> dict[str, Any] | None:
        """The first armed fault matching this request (counting it as fired), or None."""
        with self.lock:
            for fault in self.faults:
                if (fault["kind"] == "reset_before_body") != early:
                    continue
                if "*" not in fault["operations"] and operation not in fault["operations"]:
                    continue
                if fault["target"] is not None and fault["target"] != target:
                    continue
                if fault["count"] is not None and fault["fired"] >= fault["count"]:
                    continue
                fault["seen"] += 1
                if fault["seen"] <= fault["skip"]:
                    continue
                fault["fired"] += 1
                return dict(fault)
            return None

    # -- bookkeeping ---------------------------------------------------------------------------------------

    def next_sequence(self) -> int:
        with self.lock:
            self.sequence += 1
            return self.sequence

    def record(self, entry: dict[str, Any]) -> None:
        """Append one request to the bounded log and count it by operation."""
        with self.lock:
            op = entry.get("operation") or "Unknown"
            self.counts[op] = self.counts.get(op, 0) + 1
            self.requests.append(entry)
            if len(self.requests) > MAX_REQUEST_LOG:
                drop = len(self.requests) - MAX_REQUEST_LOG
                del self.requests[:drop]
                self.requests_dropped += drop

    def _refresh(self, now: float) -> None:
        still = []
        for inv in self._pending:
            if inv["status"] == "InProgress" and inv["completion_due"] is not None and now >= inv["completion_due"]:
                inv["status"] = "Completed"
                inv["completed_at"] = inv["completion_due"]
            elif inv["status"] == "InProgress":
                still.append(inv)
        self._pending = still

    def complete(self, ids: list[str] | None) -> list[str]:
        """Mark the given (or every) in-progress invalidation Completed now; returns the IDs it changed."""
        with self.lock:
            now = time.time()
            self._refresh(now)
            done = []
            for inv in self.invalidations:
                if inv["status"] == "InProgress" and (ids is None or inv["id"] in ids):
                    inv["status"] = "Completed"
                    inv["completed_at"] = now
                    done.append(inv["id"])
            return done

    def snapshot(self) -> dict[str, Any]:
        """Everything recorded so far, as the control API's GET /__standin/state reports it."""
        with self.lock:
            self._refresh(time.time())
            return {
                "invalidations": [self._public_invalidation(inv) for inv in self.invalidations],
                "requests": copy.deepcopy(self.requests),
                "requests_dropped": self.requests_dropped,
                "rejections": [copy.deepcopy(r) for r in self.requests if r.get("signature_ok") is False],
                "counts": dict(self.counts),
                "faults": [
                    {"spec": copy.deepcopy(f["spec"]), "kind": f["kind"], "fired": f["fired"],
                     "remaining": None if f["count"] is None else f["count"] - f["fired"]}
                    for f in self.faults
                ],
            }

    @staticmethod
    def _public_invalidation(inv: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": inv["id"],
            "target_type": inv["target_type"],
            "distribution_id": inv["distribution_id"],
            "tenant_id": inv["tenant_id"],
            "paths": list(inv["paths"]),
            "caller_reference": inv["caller_reference"],
            "status": inv["status"],
            "created_at": inv["created_at"],
            "create_time": iso_time(inv["created_at"]),
            "completed_at": inv["completed_at"],
            "completed_time": iso_time(inv["completed_at"]) if inv["completed_at"] is not None else None,
            "completion_due": inv["completion_due"],
            "replays": inv["replays"],
        }

    # -- CloudFront operations ---------------------------------------------------------------------------

    def _target(self, target_type: str, target_id: str) -> dict[str, Any]:
        if target_type == "tenant":
            tenant = self.tenants.get(target_id)
            if tenant is None:
                raise ApiError(404, "EntityNotFound", "The specified distribution tenant does not exist.")
            return tenant
        dist = self.distributions.get(target_id)
        if dist is None:
            raise ApiError(404, "NoSuchDistribution", "The specified distribution does not exist.")
        return dist

    def _delay_for(self, target_type: str, target: dict[str, Any]) -> float | None:
        if target.get("has_delay"):
            return target["completion_delay_seconds"]
        if target_type == "tenant":
            parent = self.distributions.get(target["distribution_id"], {})
            if parent.get("has_delay"):
                return parent["completion_delay_seconds"]
        return as_float_or_none(self.config.get("completion_delay_seconds"), "completion_delay_seconds")

    def _invalidations_of(self, target_type: str, target_id: str) -> list[dict[str, Any]]:
        return list(self._by_target.get((target_type, target_id), []))

    @staticmethod
    def _check_permission(credential: dict[str, Any], operation: str, resource: str) -> None:
        denied = credential.get("denied_operations") or []
        if "*" in denied or operation in denied:
            raise ApiError(403, "AccessDenied",
                           f"User: arn:aws:iam::{ACCOUNT_ID}:user/standin is not authorized to perform: "
                           f"cloudfront:{operation} on resource: {resource} because no identity-based policy "
                           f"allows the cloudfront:{operation} action")

    def _parse_batch(self, body: bytes) -> tuple[list[str], str, int]:
        if not body.strip():
            raise ApiError(400, "MissingBody", "This operation requires a body. Ensure that the body is present "
                                               "and the Content-Type header is set.")
        try:
            root = ET.fromstring(body)
        except ET.ParseError as error:
            raise ApiError(400, "MalformedXML", f"The XML you provided was not well-formed: {error}") from None
        if strip_ns(root.tag) != "InvalidationBatch":
            raise ApiError(400, "MalformedXML", f"Unexpected root element {strip_ns(root.tag)}; "
                                                "expected InvalidationBatch.")
        if root.tag.startswith("{") and root.tag[1:].split("}")[0] != XMLNS:
            raise ApiError(400, "MalformedXML", "The XML namespace is not " + XMLNS)
        children = {strip_ns(c.tag): c for c in root}
        paths_el = children.get("Paths")
        caller_el = children.get("CallerReference")
        if paths_el is None:
            raise ApiError(400, "MalformedXML", "Missing required element Paths.")
        if caller_el is None or not (caller_el.text or "").strip():
            raise ApiError(400, "InvalidArgument", "CallerReference is required.")
        pchildren = {strip_ns(c.tag): c for c in paths_el}
        quantity_el = pchildren.get("Quantity")
        if quantity_el is None:
            raise ApiError(400, "MalformedXML", "Missing required element Paths/Quantity.")
        try:
            quantity = int((quantity_el.text or "").strip())
        except ValueError:
            raise ApiError(400, "MalformedXML", "Paths/Quantity must be an integer.") from None
        items_el = pchildren.get("Items")
        paths: list[str] = []
        if items_el is not None:
            for item in items_el:
                if strip_ns(item.tag) != "Path":
                    raise ApiError(400, "MalformedXML", f"Unexpected element {strip_ns(item.tag)} in Paths/Items.")
                paths.append(item.text or "")
        if quantity != len(paths):
            raise ApiError(400, "InconsistentQuantities",
                           "The value of Quantity and the size of Items don't match.")
        return paths, caller_el.text or "", quantity

    def _validate_paths(self, paths: list[str]) -> None:
        limits = self.config["limits"]
        strict = bool(self.config.get("reject_unencoded_paths"))
        for path in paths:
            if path.startswith("#"):
                if len(path) < 2 or "*" in path or any(c.isspace() for c in path):
                    raise ApiError(400, "InvalidArgument", f"Your request contains an invalid cache tag: {path}")
            elif not path.startswith("/"):
                raise ApiError(400, "InvalidArgument",
                               "Your request contains one or more invalid invalidation paths.")
            if len(path) > limits["max_path_length"]:
                raise ApiError(400, "InvalidArgument",
                               f"Your request contains a path longer than {limits['max_path_length']} characters.")
            if "*" in path[:-1]:
                raise ApiError(400, "InvalidArgument",
                               "Your request contains one or more invalid invalidation paths: "
                               "* is allowed only as the last character.")
            if any(ord(c) < 0x20 or ord(c) == 0x7F for c in path):
                raise ApiError(400, "InvalidArgument", "Your request contains a path with a control character.")
            if strict and any(ord(c) > 0x7E or c in ' "<>{}|\\^`' for c in path):
                raise ApiError(400, "InvalidArgument",
                               "Your request contains one or more invalid invalidation paths (not URL-encoded).")

    def create_invalidation(self, operation: str, target_type: str, target_id: str, body: bytes,
                            credential: dict[str, Any], host: str,
                            log: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            now = time.time()
            self._refresh(now)
            resource = (f"arn:aws:cloudfront::{ACCOUNT_ID}:distribution-tenant/{target_id}" if target_type == "tenant"
                        else f"arn:aws:cloudfront::{ACCOUNT_ID}:distribution/{target_id}")
            try:  # recorded even when a check below rejects the request
                logged_paths, logged_reference, _ = self._parse_batch(body)
                log["caller_reference"], log["paths"] = logged_reference, list(logged_paths)
            except ApiError:
                pass
            self._check_permission(credential, operation, resource)
            target = self._target(target_type, target_id)
            paths, caller_reference, quantity = self._parse_batch(body)
            if quantity == 0:
                raise ApiError(400, "InvalidArgument", "Your request contains an empty invalidation batch.")
            self._validate_paths(paths)
            existing = [inv for inv in self._invalidations_of(target_type, target_id)
                        if inv["caller_reference"] == caller_reference]
            if existing:
                inv = existing[0]
                if sorted(inv["paths"]) != sorted(paths):
                    if self.config["caller_reference_conflict"] == "InvalidArgument":
                        raise ApiError(400, "InvalidArgument",
                                       "Your request contains a caller reference that was used for a previous "
                                       "invalidation batch for the same distribution.")
                    raise ApiError(409, "InvalidationBatchAlreadyExists",
                                   "An invalidation batch with this caller reference already exists with "
                                   "different paths.")
                inv["replays"] += 1
                log["replayed"] = True
            else:
                limits = self.config["limits"]
                new_wild = sum(1 for p in paths if p.endswith("*"))
                new_files = len(paths) - new_wild
                if new_files > limits["max_in_progress_paths"] or new_wild > limits["max_in_progress_wildcards"]:
                    raise ApiError(413, "BatchTooLarge", "Invalidation batch specified is too large.")
                busy = [i for i in self._invalidations_of(target_type, target_id) if i["status"] == "InProgress"]
                busy_wild = sum(1 for i in busy for p in i["paths"] if p.endswith("*"))
                busy_files = sum(len(i["paths"]) for i in busy) - busy_wild
                if busy_wild + new_wild > limits["max_in_progress_wildcards"]:
                    raise ApiError(400, "TooManyInvalidationsInProgress",
                                   "Processing your request will cause you to exceed the maximum number of "
                                   "in-progress wildcard invalidations.")
                if busy_files + new_files > limits["max_in_progress_paths"]:
                    raise ApiError(400, "TooManyInvalidationsInProgress",
                                   "Processing your request will cause you to exceed the maximum number of "
                                   "in-progress invalidations.")
                delay = self._delay_for(target_type, target)
                inv_id = random_id("I")
                while any(i["id"] == inv_id for i in self._by_target.get((target_type, target_id), [])):
                    inv_id = random_id("I")
                inv = {
                    "id": inv_id,
                    "target_type": target_type,
                    "distribution_id": target["id"] if target_type == "distribution" else target["distribution_id"],
                    "tenant_id": target["id"] if target_type == "tenant" else None,
                    "paths": list(paths),
                    "caller_reference": caller_reference,
                    "status": "InProgress",
                    "created_at": now,
                    "completion_due": None if delay is None else now + delay,
                    "completed_at": None,
                    "replays": 0,
                }
                self.invalidations.append(inv)
                self._by_target.setdefault((target_type, target_id), []).append(inv)
                self._pending.append(inv)
            log["invalidation_id"] = inv["id"]
            status_shown = inv["status"] if existing else "InProgress"
            kind = "distribution-tenant" if target_type == "tenant" else "distribution"
            location = f"http://{host}/{API_VERSION}/{kind}/{target_id}/invalidation/{inv['id']}"
            return 201, {"Location": location}, self._invalidation_xml(inv, status_shown)

    def get_invalidation(self, operation: str, target_type: str, target_id: str, inv_id: str,
                         credential: dict[str, Any], log: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self._refresh(time.time())
            self._check_permission(credential, operation, target_id)
            self._target(target_type, target_id)
            for inv in self._invalidations_of(target_type, target_id):
                if inv["id"] == inv_id:
                    log["invalidation_id"] = inv_id
                    log["invalidation_status"] = inv["status"]
                    return 200, {}, self._invalidation_xml(inv, inv["status"])
            raise ApiError(404, "NoSuchInvalidation", "The specified invalidation does not exist.")

    def list_invalidations(self, operation: str, target_type: str, target_id: str, query: dict[str, str],
                           credential: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self._refresh(time.time())
            self._check_permission(credential, operation, target_id)
            self._target(target_type, target_id)
            newest_first = list(reversed(self._invalidations_of(target_type, target_id)))
            page, marker, next_marker, max_items = self._page(newest_first, query, lambda inv: inv["id"])
            items = [x("InvalidationSummary", [x("Id", inv["id"]), x("CreateTime", iso_time(inv["created_at"])),
                                               x("Status", inv["status"])]) for inv in page]
            return 200, {}, xml_document("InvalidationList", [
                x("Marker", marker), x("NextMarker", next_marker), x("MaxItems", max_items),
                x("IsTruncated", next_marker is not None), *quantity_list("", items, raw=True)])

    @staticmethod
    def _page(items: list[Any], query: dict[str, str], key: Any) -> tuple[list[Any], str, str | None, int]:
        raw_max = query.get("MaxItems")
        if raw_max is None or raw_max == "":
            max_items = 100
        else:
            try:
                max_items = int(raw_max)
            except ValueError:
                raise ApiError(400, "InvalidArgument", f"MaxItems must be an integer, not '{raw_max}'.") from None
            if max_items < 1 or max_items > 1000:
                raise ApiError(400, "InvalidArgument", "MaxItems must be between 1 and 1000.")
        marker = query.get("Marker") or ""
        start = 0
        if marker:
            keys = [key(i) for i in items]
            if marker not in keys:
                raise ApiError(400, "InvalidArgument", f"The marker '{marker}' is not valid.")
            start = keys.index(marker) + 1
        page = items[start:start + max_items]
        truncated = start + max_items < len(items)
        next_marker = key(page[-1]) if truncated and page else None
        return page, marker, next_marker, max_items

    def list_distributions(self, credential: dict[str, Any],
                           query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self._check_permission(credential, "ListDistributions", "*")
            dists = list(self.distributions.values())
            page, marker, next_marker, max_items = self._page(dists, query, lambda d: d["id"])
            items = [x("DistributionSummary", self._summary_children(d)) for d in page]
            return 200, {}, xml_document("DistributionList", [
                x("Marker", marker), x("NextMarker", next_marker), x("MaxItems", max_items),
                x("IsTruncated", next_marker is not None), *quantity_list("", items, raw=True)])

    def get_distribution(self, d_id: str, credential: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self._refresh(time.time())
            self._check_permission(credential, "GetDistribution",
                                   f"arn:aws:cloudfront::{ACCOUNT_ID}:distribution/{d_id}")
            d = self._target("distribution", d_id)
            in_progress = sum(1 for inv in self._invalidations_of("distribution", d_id)
                              if inv["status"] == "InProgress")
            config = [
                x("CallerReference", f"standin-{d['id']}"),
                x("Aliases", quantity_list("CNAME", d["aliases"])),
                x("DefaultRootObject", "index.html"),
                self._origins_xml(d),
                x("OriginGroups", [x("Quantity", 0)]),
                self._default_behavior_xml(d),
                x("CacheBehaviors", [x("Quantity", 0)]),
                x("CustomErrorResponses", [x("Quantity", 0)]),
                x("Comment", d["comment"]),
                x("Logging", [x("Enabled", False), x("IncludeCookies", False), x("Bucket", ""), x("Prefix", "")]),
                x("PriceClass", "PriceClass_All"),
                x("Enabled", d["enabled"]),
                self._viewer_certificate_xml(),
                x("Restrictions", [x("GeoRestriction", [x("RestrictionType", "none"), x("Quantity", 0)])]),
                x("WebACLId", ""),
                x("HttpVersion", "http2"),
                x("IsIPV6Enabled", True),
                x("Staging", False),
                x("ConnectionMode", self._connection_mode(d)),
            ]
            body = xml_document("Distribution", [
                x("Id", d["id"]), x("ARN", d["arn"]), x("Status", d["status"]),
                x("LastModifiedTime", iso_time(d["last_modified"])),
                x("InProgressInvalidationBatches", in_progress),
                x("DomainName", d["domain_name"]),
                x("ActiveTrustedSigners", [x("Enabled", False), x("Quantity", 0)]),
                x("ActiveTrustedKeyGroups", [x("Enabled", False), x("Quantity", 0)]),
                x("DistributionConfig", config),
            ])
            return 200, {"ETag": "E2QWRUHEXAMPLE"}, body

    def list_tags(self, query: dict[str, str], credential: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            resource = query.get("Resource")
            if not resource:
                raise ApiError(400, "InvalidArgument", "The Resource parameter is required.")
            self._check_permission(credential, "ListTagsForResource", resource)
            if not resource.startswith("arn:aws:cloudfront::"):
                raise ApiError(400, "InvalidArgument", f"'{resource}' is not a valid CloudFront ARN.")
            for d in [*self.distributions.values(), *self.tenants.values()]:
                if d.get("arn") == resource:
                    tags = [x("Tag", [x("Key", k), x("Value", v)]) for k, v in d["tags"].items()]
                    return 200, {}, xml_document("Tags", [x("Items", tags)] if tags else [])
            raise ApiError(404, "NoSuchResource", "The specified resource does not exist.")

    # -- XML ------------------------------------------------------------------------------------------

    @staticmethod
    def _invalidation_xml(inv: dict[str, Any], status: str) -> bytes:
        return xml_document("Invalidation", [
            x("Id", inv["id"]),
            x("Status", status),
            x("CreateTime", iso_time(inv["created_at"])),
            x("InvalidationBatch", [
                x("Paths", quantity_list("Path", inv["paths"])),
                x("CallerReference", inv["caller_reference"]),
            ]),
        ])

    def _connection_mode(self, d: dict[str, Any]) -> str:
        return "tenant-only" if any(t["distribution_id"] == d["id"] for t in self.tenants.values()) else "direct"

    @staticmethod
    def _origins_xml(d: dict[str, Any]) -> str:
        origins = []
        for o in d["origins"]:
            if ".s3." in o["domain_name"] or o["domain_name"].endswith(".s3.amazonaws.com"):
                kind = x("S3OriginConfig", [x("OriginAccessIdentity", "")])
            else:
                kind = x("CustomOriginConfig", [
                    x("HTTPPort", 80), x("HTTPSPort", 443), x("OriginProtocolPolicy", "https-only"),
                    x("OriginSslProtocols", [x("Quantity", 1), x("Items", [x("SslProtocol", "TLSv1.2")])]),
                    x("OriginReadTimeout", 30), x("OriginKeepaliveTimeout", 5)])
            origins.append(x("Origin", [
                x("Id", o["id"]), x("DomainName", o["domain_name"]), x("OriginPath", o["origin_path"]),
                x("CustomHeaders", [x("Quantity", 0)]), kind,
                x("ConnectionAttempts", 3), x("ConnectionTimeout", 10), x("OriginAccessControlId", "")]))
        return x("Origins", [x("Quantity", len(origins)), x("Items", origins)])

    @staticmethod
    def _default_behavior_xml(d: dict[str, Any]) -> str:
        methods = [x("Quantity", 2), x("Items", [x("Method", "HEAD"), x("Method", "GET")])]
        return x("DefaultCacheBehavior", [
            x("TargetOriginId", d["origins"][0]["id"]),
            x("TrustedSigners", [x("Enabled", False), x("Quantity", 0)]),
            x("TrustedKeyGroups", [x("Enabled", False), x("Quantity", 0)]),
            x("ViewerProtocolPolicy", "redirect-to-https"),
            x("AllowedMethods", methods + [x("CachedMethods", methods)]),
            x("SmoothStreaming", False),
            x("Compress", True),
            x("LambdaFunctionAssociations", [x("Quantity", 0)]),
            x("FunctionAssociations", [x("Quantity", 0)]),
            x("FieldLevelEncryptionId", ""),
            x("CachePolicyId", "658327ea-f89d-4fab-a63d-7e88639e58f6"),
        ])

    @staticmethod
    def _viewer_certificate_xml() -> str:
        return x("ViewerCertificate", [
            x("CloudFrontDefaultCertificate", True), x("SSLSupportMethod", "vip"),
            x("MinimumProtocolVersion", "TLSv1"), x("CertificateSource", "cloudfront")])

    def _summary_children(self, d: dict[str, Any]) -> list[str]:
        return [
            x("Id", d["id"]), x("ARN", d["arn"]), x("ETag", "E2QWRUHEXAMPLE"), x("Status", d["status"]),
            x("LastModifiedTime", iso_time(d["last_modified"])), x("DomainName", d["domain_name"]),
            x("Aliases", quantity_list("CNAME", d["aliases"])),
            self._origins_xml(d),
            x("OriginGroups", [x("Quantity", 0)]),
            self._default_behavior_xml(d),
            x("CacheBehaviors", [x("Quantity", 0)]),
            x("CustomErrorResponses", [x("Quantity", 0)]),
            x("Comment", d["comment"]),
            x("PriceClass", "PriceClass_All"),
            x("Enabled", d["enabled"]),
            self._viewer_certificate_xml(),
            x("Restrictions", [x("GeoRestriction", [x("RestrictionType", "none"), x("Quantity", 0)])]),
            x("WebACLId", ""),
            x("HttpVersion", "HTTP2"),
            x("IsIPV6Enabled", True),
            x("Staging", False),
            x("ConnectionMode", self._connection_mode(d)),
        ]


# ---------------------------------------------------------------------------------- tenants at scale


class RequestRateLimiter:
    """A token bucket over every CloudFront request: ``requests_per_second`` tokens a second, at most ``burst``
    saved (default: one second's worth). A request finding the bucket empty is answered 400 ``Throttling`` (what
    CloudFront sends when an account exceeds its API rate, which it does not publish)."""

    def __init__(self, rate: float, burst: float):
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.last: float | None = None

    @staticmethod
    def from_config(raw: Any) -> "RequestRateLimiter | None":
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise ConfigError("rate_limit must be null or an object with requests_per_second")
        rate = raw.get("requests_per_second")
        if not isinstance(rate, (int, float)) or isinstance(rate, bool) or rate <= 0:
            raise ConfigError("rate_limit.requests_per_second must be a positive number")
        burst = raw.get("burst", rate)
        if not isinstance(burst, (int, float)) or isinstance(burst, bool) or burst < 1:
            raise ConfigError("rate_limit.burst must be a number of at least 1")
        return RequestRateLimiter(float(rate), float(burst))

    def take(self, now: float) -> bool:
        if self.last is not None:
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def tenant_listing_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """The tenant fields ListDistributionTenants shows (name, ARN, enabled, status, connection group, tags)."""
    t_id = str(raw["id"])
    tags = raw.get("tags") or {}
    if not isinstance(tags, dict):
        raise ConfigError(f"tenant {t_id}: tags must be an object")
    return {
        "name": str(raw.get("name") or t_id),
        "arn": f"arn:aws:cloudfront::{ACCOUNT_ID}:distribution-tenant/{t_id}",
        "enabled": bool(raw.get("enabled", True)),
        "status": str(raw.get("status") or "Deployed"),
        "connection_group_id": raw.get("connection_group_id"),
        "tags": {str(k): str(v) for k, v in tags.items()},
    }


def _tenant_summary_xml(t: dict[str, Any]) -> str:
    domains = [x("DomainResult", [x("Domain", d), x("Status", "active")]) for d in t["domains"]]
    children = [x("Id", t["id"]), x("DistributionId", t["distribution_id"]), x("Name", t.get("name", t["id"])),
                x("Arn", t.get("arn", "")), x("Domains", domains)]
    if t.get("connection_group_id"):
        children.append(x("ConnectionGroupId", t["connection_group_id"]))
    children += [x("CreatedTime", iso_time(0)), x("LastModifiedTime", iso_time(0)), x("ETag", "E2QWRUHEXAMPLE"),
                  x("Enabled", t.get("enabled", True)), x("Status", t.get("status", "Deployed"))]
    return x("DistributionTenantSummary", children)


def list_distribution_tenants(state: StandinState, body: bytes,
                              credential: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    """ListDistributionTenants: the ``ListDistributionTenantsRequest`` body (AssociationFilter with DistributionId
    or ConnectionGroupId, Marker, MaxItems) as botocore's model has it; pages end when NextMarker is absent."""
    filters: dict[str, str] = {}
    query: dict[str, str] = {}
    if body.strip():
        try:
            root = ET.fromstring(body)
        except ET.ParseError as error:
            raise ApiError(400, "MalformedXML", f"The XML you provided was not well-formed: {error}") from None
        if root.tag != f"{{{XMLNS}}}ListDistributionTenantsRequest":
            raise ApiError(400, "MalformedXML", "Expected ListDistributionTenantsRequest in the CloudFront namespace.")
        for child in root:
            name = strip_ns(child.tag)
            if name == "AssociationFilter":
                for f in child:
                    filters[strip_ns(f.tag)] = (f.text or "").strip()
            elif name in ("Marker", "MaxItems"):
                query[name] = (child.text or "").strip()
            else:
                raise ApiError(400, "MalformedXML", f"Unexpected element {name}.")
    with state.lock:
        state._check_permission(credential, "ListDistributionTenants", "*")
        tenants = [t for t in state.tenants.values()
                   if ("DistributionId" not in filters or t["distribution_id"] == filters["DistributionId"])
                   and ("ConnectionGroupId" not in filters
                        or t.get("connection_group_id") == filters["ConnectionGroupId"])]
        page, _, next_marker, _ = state._page(tenants, query, lambda t: t["id"])
        children = [x("NextMarker", next_marker)] if next_marker else []
        children.append(x("DistributionTenantList", [_tenant_summary_xml(t) for t in page]))
        return 200, {}, xml_document("ListDistributionTenantsResult", children)


# --------------------------------------------------------------------------------------------- routing

_ROUTES = [
    ("POST", re.compile(rf"^/{API_VERSION}/distribution/([^/]+)/invalidation$"), "CreateInvalidation"),
    ("GET", re.compile(rf"^/{API_VERSION}/distribution/([^/]+)/invalidation/([^/]+)$"), "GetInvalidation"),
    ("GET", re.compile(rf"^/{API_VERSION}/distribution/([^/]+)/invalidation$"), "ListInvalidations"),
    ("POST", re.compile(rf"^/{API_VERSION}/distribution-tenant/([^/]+)/invalidation$"),
     "CreateInvalidationForDistributionTenant"),
    ("GET", re.compile(rf"^/{API_VERSION}/distribution-tenant/([^/]+)/invalidation/([^/]+)$"),
     "GetInvalidationForDistributionTenant"),
    ("GET", re.compile(rf"^/{API_VERSION}/distribution-tenant/([^/]+)/invalidation$"),
     "ListInvalidationsForDistributionTenant"),
    ("GET", re.compile(rf"^/{API_VERSION}/distribution/?$"), "ListDistributions"),
    ("GET", re.compile(rf"^/{API_VERSION}/distribution/([^/]+)$"), "GetDistribution"),
    ("GET", re.compile(rf"^/{API_VERSION}/tagging$"), "ListTagsForResource"),
    ("POST", re.compile(rf"^/{API_VERSION}/distribution-tenants$"), "ListDistributionTenants"),
]


def route(method: str, raw_path: str) -> tuple[str | None, list[str]]:
    """The operation a method and path name, with its decoded path parameters."""
    for route_method, pattern, operation in _ROUTES:
        match = pattern.match(raw_path)
        if match and method == route_method:
            return operation, [unquote(g) for g in match.groups()]
    return None, []


def parse_query(raw_query: str) -> dict[str, str]:
    """Query parameters, percent-decoded ('+' kept literally, as AWS does); the last value of a name wins."""
    result: dict[str, str] = {}
    for pair in raw_query.split("&"):
        if pair:
            name, _, value = pair.partition("=")
            result[unquote(name)] = unquote(value)
    return result


class BodyTooLarge(Exception):
    """The request body is larger than the configured cap."""


class StandinHandler(BaseHTTPRequestHandler):
    """One connection: routes CloudFront and control-API requests, applies faults, records everything."""

    protocol_version = "HTTP/1.1"
    server_version = "CloudFront"
    sys_version = ""
    timeout = 60  # an idle or stuck client never holds a thread for longer

    server: "StandinServer"

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm holds the body until
        # the client's delayed ACK of the headers, adding 15-50 ms at random to an answer and blurring benchmarks.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server signature
        if self.server.verbose:
            sys.stderr.write("standin: " + (format % args) + "\n")

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._dispatch()

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch()

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch()

    def do_DELETE(self) -> None:  # noqa: N802
        self._dispatch()

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch()

    # -- plumbing --------------------------------------------------------------------------------------

    def _read_body(self, cap: int) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks, total = [], 0
            while True:
                line = self.rfile.readline(1024)
                try:
                    size = int(line.split(b";")[0].strip() or b"0", 16)
                except ValueError:
                    raise BodyTooLarge from None
                if size == 0:
                    for _ in range(100):
                        trailer = self.rfile.readline(8192)
                        if trailer in (b"\r\n", b"\n", b""):
                            break
                    return b"".join(chunks)
                total += size
                if total > cap:
                    raise BodyTooLarge
                chunks.append(self.rfile.read(size))
                self.rfile.readline(16)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > cap:
            raise BodyTooLarge
        return self.rfile.read(length) if length > 0 else b""

    def _flush_log(self) -> None:
        """Record the pending request before the client can see any answer, so state reads never race it."""
        log, self._pending_log = getattr(self, "_pending_log", None), None
        if log is not None:
            log["duration_ms"] = round((time.time() - log["time"]) * 1000, 3)
            self.server.state.record(log)

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
              content_type: str = "text/xml") -> None:
        self._flush_log()
        self.send_response(status)
        self.send_header("x-amz-request-id", str(uuid.uuid4()))
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_error_xml(self, error: ApiError) -> None:
        kind = "Receiver" if error.status >= 500 else "Sender"
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="{XMLNS}"><Error>'
                f"{x('Type', kind)}{x('Code', error.code)}{x('Message', error.message)}</Error>"
                f"{x('RequestId', str(uuid.uuid4()))}</ErrorResponse>").encode()
        self._send(error.status, body, error.headers)

    def _send_scripted_reply(self, fault: dict[str, Any], raw_path: str) -> int:
        """A hostile server's answer; returns its status.

        `echo_request`: 403 SignatureDoesNotMatch whose message echoes the request's Authorization header and a
        canonical request carrying its X-Amz-Security-Token, as a careless or hostile server (or proxy) might.
        `raw_reply`: `status` (default 200) with `body` sent verbatim (text, encoded as UTF-8).
        """
        spec = fault["spec"]
        if fault["kind"] == "echo_request":
            token = self.headers.get("X-Amz-Security-Token", "")
            canonical = "\n".join([self.command, raw_path, "", f"host:{self.headers.get('Host', '')}",
                                    f"x-amz-date:{self.headers.get('X-Amz-Date', '')}",
                                    f"x-amz-security-token:{token}", "", "host;x-amz-date;x-amz-security-token"])
            message = ("The request signature we calculated does not match the signature you provided.\n"
                       f"The Canonical String for this request should have been\n'{canonical}'\n"
                       f"Authorization: {self.headers.get('Authorization', '')}\n"
                       f"X-Amz-Security-Token={token}&X-Amz-Signature=0123456789abcdef")
            self._send_error_xml(ApiError(403, "SignatureDoesNotMatch", message))
            return 403
        status = int(spec.get("status", 200))
        self._send(status, str(spec.get("body", "")).encode())
        return status

    def _reset(self) -> None:
        """Close the connection with a TCP RST and no answer."""
        self._flush_log()
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.server.mark_reset(self.connection)
        self.close_connection = True

    # -- dispatch ---------------------------------------------------------------------------------------

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        raw_path, raw_query = parts.path, parts.query
        if raw_path.startswith("/__standin/"):
            self._control(raw_path)
            return
        state = self.server.state
        started = time.time()
        operation, params = route(self.command, raw_path)
        query = parse_query(raw_query)
        target = params[0] if params and operation not in ("ListTagsForResource", "ListDistributionTenants") else None
        log: dict[str, Any] = {
            "seq": state.next_sequence(),
            "time": started,
            "method": self.command,
            "path": raw_path,
            "query": raw_query,
            "operation": operation,
            "target_id": target,
            "access_key_id": None,
            "session_token_present": self.headers.get("X-Amz-Security-Token") is not None,
            "signature_ok": None,
            "signature_error": None,
            "signature_detail": None,
            "status": None,
            "error_code": None,
            "fault": None,
            "outcome": "answered",
            "caller_reference": None,
            "paths": None,
            "invalidation_id": None,
            "invalidation_status": None,
            "replayed": False,
            "user_agent": self.headers.get("User-Agent"),
            "duration_ms": None,
        }
        self._pending_log = log
        try:
            self._handle_api(operation, params, query, raw_path, raw_query, log)
        finally:
            self._flush_log()

    def _handle_api(self, operation: str | None, params: list[str], query: dict[str, str], raw_path: str,
                    raw_query: str, log: dict[str, Any]) -> None:
        state = self.server.state
        with state.lock:
            cap = state.config["max_body_bytes"]
            credentials = copy.deepcopy(state.credentials)
            region = state.config["signing_region"]
            skew = float(state.config["max_clock_skew_seconds"])
        target = log["target_id"]
        if operation is not None:
            early = state.take_fault(operation, target, early=True)
            if early is not None:
                log["fault"] = early["kind"]
                log["outcome"] = "reset"
                self._reset()
                return
        try:
            body = self._read_body(cap)
        except BodyTooLarge:
            self.close_connection = True
            error = ApiError(413, "RequestEntityTooLarge", f"The request body exceeds {cap} bytes.")
            log["status"], log["error_code"] = error.status, error.code
            self._send_error_xml(error)
            return
        if operation is None:
            error = ApiError(404, "UnknownOperation", f"No CloudFront operation at {self.command} {raw_path}.")
            log["status"], log["error_code"] = error.status, error.code
            self._send_error_xml(error)
            return
        check = verify_signature(self.command, raw_path, raw_query, self.headers, body, credentials, region, skew,
                                 time.time())
        log["access_key_id"] = check.access_key_id
        log["signature_ok"] = check.ok
        if not check.ok:
            assert check.error is not None
            log["signature_error"] = check.error.code
            log["signature_detail"] = check.detail or None
            log["status"], log["error_code"] = check.error.status, check.error.code
            self._send_error_xml(check.error)
            return
        if not state.admit(time.time()):
            error = ApiError(400, "Throttling", "Rate exceeded")
            log["status"], log["error_code"], log["outcome"] = error.status, error.code, "throttled"
            self._send_error_xml(error)
            return
        fault = state.take_fault(operation, target, early=False)
        if fault is not None and fault["kind"] in SCRIPTED_KINDS:
            log["fault"] = fault["kind"]
            log["status"] = self._send_scripted_reply(fault, raw_path)
            return
        drop = False
        if fault is not None:
            log["fault"] = fault["kind"]
            kind = fault["kind"]
            error = None
            if kind == "reset":
                log["outcome"] = "reset"
                self._reset()
                return
            if kind == "slow":
                self.server.stop_event.wait(fault["seconds"])
            elif kind == "drop_response":
                drop = True
            elif kind == "service_unavailable":
                error = ApiError(503, fault["code"] or "ServiceUnavailable",
                                 fault["message"] or "The service is temporarily unavailable. Try again later.")
            elif kind == "throttling":
                error = ApiError(400, fault["code"] or "Throttling", fault["message"] or "Rate exceeded")
            elif kind == "too_many_requests":
                error = ApiError(429, fault["code"] or "TooManyRequestsException", fault["message"] or "Rate exceeded")
            elif kind == "internal_error":
                error = ApiError(500, fault["code"] or "InternalError",
                                 fault["message"] or "We encountered an internal error. Please try again.")
            elif kind == "too_many_invalidations":
                error = ApiError(400, "TooManyInvalidationsInProgress",
                                 fault["message"] or "Processing your request will cause you to exceed the maximum "
                                                     "number of in-progress invalidations.")
            elif kind == "error":
                error = ApiError(int(fault["status"]), str(fault["code"]), fault["message"] or str(fault["code"]))
            if error is not None:
                if fault["retry_after"] is not None:
                    error.headers["Retry-After"] = str(fault["retry_after"])
                log["status"], log["error_code"] = error.status, error.code
                self._send_error_xml(error)
                return
        credential = check.credential or {}
        host = self.headers.get("Host", "")
        try:
            if operation in CREATE_OPERATIONS:
                kind = "tenant" if operation == "CreateInvalidationForDistributionTenant" else "distribution"
                status, headers, payload = state.create_invalidation(operation, kind, params[0], body, credential,
                                                                     host, log)
            elif operation in ("GetInvalidation", "GetInvalidationForDistributionTenant"):
                kind = "tenant" if operation.endswith("Tenant") else "distribution"
                status, headers, payload = state.get_invalidation(operation, kind, params[0], params[1],
                                                                  credential, log)
            elif operation in ("ListInvalidations", "ListInvalidationsForDistributionTenant"):
                kind = "tenant" if operation.endswith("Tenant") else "distribution"
                status, headers, payload = state.list_invalidations(operation, kind, params[0], query, credential)
            elif operation == "ListDistributions":
                status, headers, payload = state.list_distributions(credential, query)
            elif operation == "GetDistribution":
                status, headers, payload = state.get_distribution(params[0], credential)
            elif operation == "ListDistributionTenants":
                status, headers, payload = list_distribution_tenants(state, body, credential)
            else:
                status, headers, payload = state.list_tags(query, credential)
        except ApiError as error:
            log["status"], log["error_code"] = error.status, error.code
            if drop:
                log["outcome"] = "dropped"
                self._reset()
                return
            self._send_error_xml(error)
            return
        log["status"] = status
        if drop:
            log["outcome"] = "dropped"
            self._reset()
            return
        self._send(status, payload, headers)

    # -- control API ------------------------------------------------------------------------------------

    def _control(self, raw_path: str) -> None:
        state = self.server.state
        try:
            body = self._read_body(8 << 20)
        except BodyTooLarge:
            self.close_connection = True
            self._json(413, {"error": "body too large"})
            return
        try:
            data = json.loads(body) if body.strip() else {}
        except json.JSONDecodeError as error:
            self._json(400, {"error": f"invalid JSON: {error}"})
            return
        name = raw_path[len("/__standin/"):].rstrip("/")
        try:
            if name == "health" and self.command == "GET":
                self._json(200, {"ok": True})
            elif name == "state" and self.command == "GET":
                self._json(200, state.snapshot())
            elif name == "config" and self.command == "GET":
                self._json(200, {"config": state.public_config()})
            elif name == "config" and self.command == "POST":
                self._json(200, {"config": state.configure(data)})
            elif name == "reset" and self.command == "POST":
                state.reset(data or None)
                self._json(200, {"config": state.public_config()})
            elif name == "faults" and self.command == "POST":
                faults = data.get("faults", [data]) if isinstance(data, dict) else data
                state.configure({"add_faults": faults})
                self._json(200, {"faults": state.snapshot()["faults"]})
            elif name == "complete" and self.command == "POST":
                ids = data.get("ids") if isinstance(data, dict) else None
                if isinstance(data, dict) and data.get("id"):
                    ids = [data["id"]]
                self._json(200, {"completed": state.complete(ids)})
            else:
                self._json(404, {"error": f"no control endpoint {self.command} {raw_path}"})
        except ConfigError as error:
            self._json(400, {"error": str(error)})

    def _json(self, status: int, payload: Any) -> None:
        self._send(status, json.dumps(payload, indent=None, sort_keys=True).encode(), content_type="application/json")


class StandinServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, a shared state, and resets done as TCP RSTs."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], verbose: bool = False):
        self.state = StandinState()
        self.verbose = verbose
        self.stop_event = threading.Event()
        self._reset_sockets: set[Any] = set()
        self._reset_lock = threading.Lock()
        self.connections_accepted = 0  # TCP connections accepted since start (for connection-reuse tests)
        self._thread: threading.Thread | None = None
        super().__init__(address, StandinHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        """The base URL to give clients as their endpoint."""
        return f"http://{self.server_address[0]}:{self.port}"

    def get_request(self) -> tuple[Any, Any]:
        request = super().get_request()
        with self._reset_lock:
            self.connections_accepted += 1
        return request

    def mark_reset(self, connection: Any) -> None:
        with self._reset_lock:
            self._reset_sockets.add(connection)

    def shutdown_request(self, request: Any) -> None:  # type: ignore[override]
        with self._reset_lock:
            reset = request in self._reset_sockets
            self._reset_sockets.discard(request)
        if reset:
            self.close_request(request)  # SO_LINGER 0 turns the close into an RST; no FIN first
        else:
            super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if self.verbose:
            super().handle_error(request, client_address)

    def start_in_thread(self) -> "StandinServer":
        """Serve on a daemon thread and return self."""
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="cloudfront-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake any slow answer, close the socket; bounded in time."""
        self.stop_event.set()
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=10)
        self.server_close()


def start(host: str = "127.0.0.1", port: int = 0, config: dict[str, Any] | None = None,
          verbose: bool = False) -> StandinServer:
    """Start a stand-in on a thread of this process (port 0 = a free port) and return it."""
    server = StandinServer((host, port), verbose=verbose)
    if config:
        server.state.configure(config)
    return server.start_in_thread()


def start_tls(certfile: str, keyfile: str, host: str = "127.0.0.1", port: int = 0,
              config: dict[str, Any] | None = None, verbose: bool = False) -> StandinServer:
    """Start a stand-in that serves HTTPS with the given certificate chain (PEM) and key.

    The TLS handshake runs in each connection's own thread (on its first read), so a slow client never stalls the
    accept loop. ``server.url`` still says http://127.0.0.1: callers build their https:// URL with the name their
    certificate holds (e.g. ``https://localhost:{server.port}``).
    """
    import ssl

    server = StandinServer((host, port), verbose=verbose)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certfile, keyfile)
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    if config:
        server.state.configure(config)
    return server.start_in_thread()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (0 = any free port)")
    parser.add_argument("--port-file", help="write the port here once listening")
    parser.add_argument("--config", help="JSON file with an initial configuration (as POST /__standin/config)")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    server = StandinServer((args.host, args.port), verbose=args.verbose)
    if args.config:
        with open(args.config, encoding="utf-8") as handle:
            server.state.configure(json.load(handle))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server.start_in_thread()
    if args.port_file:
        temporary = args.port_file + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(f"{server.port}\n")
        os.replace(temporary, args.port_file)
    print(f"cloudfront stand-in listening on {server.url}", file=sys.stderr, flush=True)
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
