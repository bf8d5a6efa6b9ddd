#!/usr/bin/env python3
"""Detection lag of waiting: `cloudfront-invalidate --wait` vs `aws cloudfront wait invalidation-completed`.

Starts the CloudFront stand-in on 127.0.0.1 with invalidations that complete about a fixed time after creation
(5 s and 60 s by default, plus a random 0–2 s in each round so that completion does not line up with either tool's
poll grid: with exactly 60 s the CLI's 20 s grid would look perfect by coincidence). Each round runs both tools
side by side (each on its own invalidation) and measures the lag: the moment the tool exits minus the moment the
stand-in reported Completed, plus the GetInvalidation calls each made. Every child is killed after a bounded
time, so the benchmark always ends.

    python3 bench/bench_wait.py [--binary PATH] [--aws PATH] [--delays 5 60] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "Tests" / "Integration" / "standin"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

import cloudfront_standin  # noqa: E402
from bench_create import resolve_aws  # noqa: E402

CHILD_TIMEOUT = 900.0  # seconds; the AWS CLI waiter itself gives up after 10 minutes


def run(argv: list[str], env: dict[str, str]) -> tuple[int, str, str, float]:
    """Runs a child to the end (bounded); returns exit code, stdout, stderr and the wall-clock time it exited."""
    completed = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    return completed.returncode, completed.stdout, completed.stderr, time.time()


def ours(binary: str, dist: str, env: dict[str, str], tag: str) -> tuple[str, float]:
    code, out, err, exited = run([binary, "--wait", "--timeout", "15m", "-d", dist, f"/ours-{tag}.html"], env)
    if code != 0:
        raise RuntimeError(f"cloudfront-invalidate exited {code}: {err[-1500:]}")
    return out.split()[0], exited


def theirs(aws: str, dist: str, env: dict[str, str], url: str, tag: str) -> tuple[str, float]:
    code, out, err, _ = run([aws, "cloudfront", "create-invalidation", "--distribution-id", dist, "--paths",
                             f"/aws-{tag}.html", "--endpoint-url", url, "--query", "Invalidation.Id", "--output",
                             "text"], env)
    if code != 0:
        raise RuntimeError(f"aws create-invalidation exited {code}: {err[-1500:]}")
    invalidation = out.strip()
    code, _, err, exited = run([aws, "cloudfront", "wait", "invalidation-completed", "--distribution-id", dist,
                                "--id", invalidation, "--endpoint-url", url], env)
    if code != 0:
        raise RuntimeError(f"aws wait exited {code}: {err[-1500:]}")
    return invalidation, exited


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_binary = REPO_ROOT / ".build" / "release" / "cloudfront-invalidate"
    parser.add_argument("--binary", default=os.environ.get("CLOUDFRONT_INVALIDATE_BIN", str(default_binary)))
    parser.add_argument("--aws", help="AWS CLI to compare with (default: `aws` on PATH)")
    parser.add_argument("--delays", type=float, nargs="+", default=[5.0, 60.0],
                        help="seconds from creation to Completed (default 5 60)")
    parser.add_argument("--runs", type=int, default=3, help="runs per delay and tool (default 3)")
    args = parser.parse_args()
    if not 1 <= args.runs <= 20 or any(not 0 <= d <= 600 for d in args.delays):
        parser.error("--runs must be 1..20 and each delay 0..600 s")
    aws = resolve_aws(args.aws)
    if aws is None:
        parser.error("the AWS CLI was not found; `pip install awscli` or pass --aws")

    server = cloudfront_standin.start()
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-wait-") as home:
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "AWS_EC2_METADATA_DISABLED": "true",
                   "AWS_ACCESS_KEY_ID": cloudfront_standin.DEFAULT_ACCESS_KEY_ID,
                   "AWS_SECRET_ACCESS_KEY": cloudfront_standin.DEFAULT_SECRET_ACCESS_KEY,
                   "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL_CLOUDFRONT": server.url, "NO_COLOR": "1"}
            dist = cloudfront_standin.DEFAULT_DISTRIBUTION_ID
            for delay in args.delays:
                finished: dict[str, list[tuple[str, float]]] = {"ours": [], "aws": []}
                for run_index in range(args.runs):
                    # One round: both tools at once, one shared completion delay with a random phase.
                    server.state.configure({"completion_delay_seconds": delay + random.uniform(0, 2)})
                    tag = f"{delay:g}-{run_index}"
                    calls = {"ours": lambda: ours(args.binary, dist, env, tag),
                             "aws": lambda: theirs(aws, dist, env, server.url, tag)}
                    errors: list[BaseException] = []

                    def worker(name):
                        try:
                            finished[name].append(calls[name]())
                        except BaseException as error:  # reported below; the other tool still finishes
                            errors.append(error)

                    threads = [threading.Thread(target=worker, args=(name,)) for name in calls]
                    for thread in threads:
                        thread.start()
                    for thread in threads:
                        thread.join(timeout=CHILD_TIMEOUT * 2)
                    if errors:
                        print(f"delay {delay:g}s: {errors[0]}", file=sys.stderr)
                        return 1
                snapshot = server.state.snapshot()
                by_id = {inv["id"]: inv for inv in snapshot["invalidations"]}
                for name, results in finished.items():
                    lags = [exited - by_id[inv_id]["completed_at"] for inv_id, exited in results]
                    gets = [sum(1 for r in snapshot["requests"]
                                if r["operation"] == "GetInvalidation" and r.get("invalidation_id") == inv_id)
                            for inv_id, _ in results]
                    rows.append((delay, name, statistics.median(lags), max(lags), statistics.median(gets)))
    finally:
        server.stop()

    print(f"detection lag (exit − Completed), {args.runs} runs per delay and tool, stand-in on 127.0.0.1")
    print(f"{'completes after':>16}  {'tool':<34}{'median lag s':>13}{'max lag s':>11}{'GetInvalidation calls':>23}")
    for delay, name, median_lag, max_lag, calls in rows:
        label = "cloudfront-invalidate --wait" if name == "ours" else "aws cloudfront wait"
        print(f"{delay:>10g}–{delay + 2:g}s  {label:<34}{median_lag:>13.2f}{max_lag:>11.2f}{calls:>23g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
