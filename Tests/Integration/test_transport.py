"""Integration tests of the request pipeline and the transport: retries bounded by the run's time limit,
hostile Retry-After values, and what a lost final reply tells the user (issue 13, items 1, 11 and 16).
"""

from __future__ import annotations

import re
import time

import pytest

from conftest import STANDIN_DISTRIBUTION_ID as DIST


def test_long_retry_after_ends_at_the_time_limit_not_after_every_retry(run_cli, standin):
    """Throttled for ever with Retry-After: 120 under --wait --timeout 10s: the run ends near 10 s, not 480 s."""
    standin.add_fault("throttling", "CreateInvalidation", count=None, retry_after=120)
    started = time.monotonic()
    result = run_cli(["--wait", "--timeout", "10s", "-d", DIST, "/index.html"], timeout=120)
    elapsed = time.monotonic() - started
    assert result.code == 69, result.stderr
    assert elapsed < 15, f"took {elapsed:.1f} s"
    assert "Throttling" in result.stderr
    assert standin.invalidations() == []
    assert "may have been created" not in result.stderr  # a clear refusal created nothing


@pytest.mark.parametrize("value", ["1e300", "inf", "Infinity", "1e18", "9223372036854775"])
def test_huge_retry_after_does_not_crash(run_cli, standin, value):
    standin.add_fault("throttling", "CreateInvalidation", count=None, retry_after=value)
    result = run_cli(["--wait", "--timeout", "5s", "-d", DIST, "/index.html"], timeout=120)
    assert result.code == 69, (result.code, result.stderr)
    assert "Throttling" in result.stderr


def test_wait_command_retries_stop_at_its_time_limit(run_cli, standin):
    standin.configure(completion_delay_seconds=None)
    inv = standin.client().create_invalidation(
        DistributionId=DIST,
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/a"]}, "CallerReference": "wait-limit"},
    )["Invalidation"]["Id"]
    standin.add_fault("throttling", "GetInvalidation", count=None, retry_after=120)
    started = time.monotonic()
    result = run_cli(["wait", "-d", DIST, "--id", inv, "--timeout", "8s"], timeout=120)
    assert time.monotonic() - started < 14, result.stderr
    assert result.code == 69, result.stderr


def test_lost_final_reply_says_an_invalidation_may_exist(run_cli, standin):
    """Every answer to the create is lost: exit 69, and the log says the invalidation may exist and how to check."""
    standin.add_fault("drop_response", "CreateInvalidation", count=None)
    result = run_cli(["-d", DIST, "/index.html"], timeout=120)
    assert result.code == 69, result.stderr
    (inv,) = standin.invalidations()  # created once, the retries replayed it
    assert "may have been created" in result.stderr
    assert f"CallerReference {inv['caller_reference']}" in result.stderr
    assert f"cloudfront-invalidate list -d {DIST}" in result.stderr
    assert f"--caller-reference {inv['caller_reference']}" in result.stderr
    assert "try again later" in result.stderr
    assert re.search(r"after \d+ attempts", result.stderr)


# ------------------------------------------------------------------------------------------ one client factory


def _existing_invalidation(standin) -> str:
    return standin.client().create_invalidation(
        DistributionId=DIST,
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/a"]}, "CallerReference": "retry-log"},
    )["Invalidation"]["Id"]


@pytest.mark.parametrize("command, operation", [
    ("list", "ListInvalidations"),
    ("status", "GetInvalidation"),
    ("wait", "GetInvalidation"),
    ("check", "*"),
])
def test_every_command_logs_its_retries(run_cli, standin, command, operation):
    """list, status, wait and check build their client in the one factory, so they log retries as create does."""
    args = [command, "-d", DIST]
    if command in ("status", "wait"):
        args += ["--id", _existing_invalidation(standin)]
    standin.add_fault("service_unavailable", operation, count=1)
    result = run_cli(args, timeout=120)
    assert result.code == 0, result.stderr
    assert re.search(r"retry: \w+ attempt 1 failed", result.stderr), result.stderr
