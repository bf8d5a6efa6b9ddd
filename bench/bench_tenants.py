#!/usr/bin/env python3
"""Invalidate every tenant of a multi-tenant distribution: cloudfront-invalidate against a boto3 loop.

Both run against the botocore-verifying CloudFront stand-in on 127.0.0.1 (a thread of this process), limited to
R requests per second (a token bucket answering `Throttling` beyond it, as CloudFront does past the account's API
rate), with tenant invalidations completing D seconds after creation. For each tenant count and tool it measures:
wall time against the ideal (requests needed / R, where the requests needed are the listing pages, one create and
one Completed poll per tenant), the share of requests answered Throttling, duplicates (tenants with more than one
invalidation), missed tenants (no Completed invalidation), and peak RSS (GNU time).

    python3 bench/bench_tenants.py [--binary PATH] [--sizes 400,2000] [--rate 40] [--complete-after 3]
                                   [--memory 10000] [--json FILE]

`--memory N` adds one run of ours over N tenants without a rate limit, for peak RSS only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "Tests" / "Integration" / "standin"))

import cloudfront_standin  # noqa: E402

GNU_TIME = "/usr/bin/time"
DIST = cloudfront_standin.DEFAULT_DISTRIBUTION_ID
PAGE = 100


def tenants(count: int) -> list[dict]:
    return [{"id": f"dt_{i:06d}", "distribution_id": DIST, "domains": [f"t{i}.example.com"]} for i in range(count)]


def run_tool(argv: list[str], env: dict[str, str], timeout: float) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MiB, exit code, stderr tail) of one child under GNU time."""
    with tempfile.TemporaryDirectory() as scratch:
        rss = Path(scratch) / "rss"
        started = time.perf_counter()
        completed = subprocess.run([GNU_TIME, "-f", "%M", "-o", str(rss), *argv], env=env, cwd=scratch,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   timeout=timeout)
        wall = time.perf_counter() - started
        peak = int(rss.read_text().split()[-1]) / 1024 if rss.exists() else float("nan")
    return wall, peak, completed.returncode, completed.stderr.decode(errors="replace")[-600:]


def measure(server, tool: str, argv: list[str], env: dict[str, str], count: int, rate: float | None,
            complete_after: float, timeout: float) -> dict:
    state = server.state
    state.reset({"tenants": tenants(count), "completion_delay_seconds": complete_after,
                 "rate_limit": None if rate is None else {"requests_per_second": rate}})
    wall, peak, code, tail = run_tool(argv, env, timeout)
    snapshot = state.snapshot()
    requests = snapshot["requests"]
    throttled = sum(1 for r in requests if r["outcome"] == "throttled")
    per_tenant = Counter(inv["tenant_id"] for inv in snapshot["invalidations"])
    completed = {inv["tenant_id"] for inv in snapshot["invalidations"] if inv["status"] == "Completed"}
    needed = -(-count // PAGE) + 2 * count
    ideal = needed / rate if rate else float("nan")
    return {
        "tool": tool, "tenants": count, "exit_code": code, "wall_s": round(wall, 1), "ideal_s": round(ideal, 1),
        "wall_over_ideal": round(wall / ideal, 2) if rate else None, "requests": len(requests),
        "requests_needed": needed, "throttled": throttled,
        "throttled_share": round(throttled / len(requests), 3) if requests else 0.0,
        "duplicates": sum(1 for n in per_tenant.values() if n > 1),
        "missed": count - len(completed & {t["id"] for t in tenants(count)}),
        "peak_rss_mib": round(peak, 1), "requests_dropped_from_log": snapshot["requests_dropped"],
        "stderr_tail": tail if code != 0 else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=str(REPO_ROOT / ".build" / "release" / "cloudfront-invalidate"))
    parser.add_argument("--sizes", default="400,2000")
    parser.add_argument("--rate", type=float, default=40)
    parser.add_argument("--complete-after", type=float, default=3)
    parser.add_argument("--memory", type=int, default=0, help="also one unlimited run of ours over N tenants")
    parser.add_argument("--skip-boto3", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args()
    args.binary = str(Path(args.binary).resolve())
    if not Path(args.binary).is_file():
        print(f"no binary at {args.binary}; run `swift build -c release` or pass --binary", file=sys.stderr)
        return 2

    server = cloudfront_standin.start()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tempfile.mkdtemp(),
           "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": cloudfront_standin.DEFAULT_ACCESS_KEY_ID,
           "AWS_SECRET_ACCESS_KEY": cloudfront_standin.DEFAULT_SECRET_ACCESS_KEY, "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_ENDPOINT_URL_CLOUDFRONT": server.url, "AWS_ENDPOINT_URL": server.url, "NO_COLOR": "1"}
    ours = [args.binary, "--tenants-of", DIST, "/index.html", "--wait", "--timeout", "30m", "--log-format", "plain"]
    loop = [sys.executable, str(REPO_ROOT / "bench" / "boto3_tenant_loop.py"), DIST, "/index.html"]
    results = []
    try:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            timeout = 60 + 10 * (2 * size / args.rate)
            results.append(measure(server, "cloudfront-invalidate", ours, env, size, args.rate, args.complete_after,
                                   timeout))
            print(json.dumps(results[-1]), file=sys.stderr)
            if not args.skip_boto3:
                results.append(measure(server, "boto3 adaptive loop", loop, env, size, args.rate,
                                       args.complete_after, timeout))
                print(json.dumps(results[-1]), file=sys.stderr)
        if args.memory:
            results.append(measure(server, "cloudfront-invalidate (memory)", ours + ["--json"], env, args.memory,
                                   None, 0, 3600))
            print(json.dumps(results[-1]), file=sys.stderr)
    finally:
        server.stop()

    header = ("tool", "tenants", "wall s", "ideal s", "wall/ideal", "throttled", "duplicates", "missed", "peak RSS MiB",
              "exit")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in results:
        share = f"{r['throttled_share'] * 100:.1f} % ({r['throttled']} of {r['requests']})"
        ratio = "—" if r["wall_over_ideal"] is None else f"{r['wall_over_ideal']:.2f}"
        ideal = "—" if r["wall_over_ideal"] is None else f"{r['ideal_s']}"
        print(f"| {r['tool']} | {r['tenants']:,} | {r['wall_s']} | {ideal} | {ratio} | {share} | {r['duplicates']} | "
              f"{r['missed']} | {r['peak_rss_mib']} | {r['exit_code']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0 if all(r["exit_code"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
