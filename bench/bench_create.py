#!/usr/bin/env python3
"""Time one CloudFront invalidation create: cloudfront-invalidate against `aws cloudfront create-invalidation`.

All talk to the botocore-verifying CloudFront stand-in on 127.0.0.1 (started in this process), so the numbers
measure the tools, not the network. For each tool it runs one warm-up and then N measured runs (alternating the
tools), timing each child's wall clock and CPU time and reading its peak resident set size with GNU time (in a
separate run). With `--static-binary` (default: .build/static/cloudfront-invalidate when scripts/build-static made it)
the static release binary runs beside the dynamic build, and both binaries' start-up (`--version`: wall, CPU, peak
RSS) is measured too.

    python3 bench/bench_create.py [--binary PATH] [--static-binary PATH] [--runs 15] [--aws PATH] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "Tests" / "Integration" / "standin"))

import cloudfront_standin  # noqa: E402

RUN_TIMEOUT = 120.0  # seconds one child may take before the benchmark gives up


def resolve_aws(explicit: str | None) -> str | None:
    """The AWS CLI entry script; a pyenv shim is skipped (it would add a bash + pyenv start to every run)."""
    if explicit:
        return explicit
    found = shutil.which("aws")
    if found and "/shims/" in found:
        direct = Path(sys.prefix) / "bin" / "aws"
        if direct.is_file():
            return str(direct)
    return found


GNU_TIME = "/usr/bin/time"


def children_cpu_seconds() -> float:
    """User plus system CPU time of every child this process has waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(argv: list[str], env: dict[str, str], workdir: Path,
                 wrap: bool) -> tuple[float, float, int, str, float]:
    """Run one child; returns (wall seconds, peak RSS MiB or NaN, exit code, stderr tail, CPU seconds).

    CPU time is the growth of RUSAGE_CHILDREN across the wait (children are run one at a time; unlike ru_maxrss,
    CPU time is not inherited from the vfork'd parent).

    With `wrap`, the child runs under GNU time, which reads its peak RSS; wall times are taken from unwrapped runs
    so GNU time's own start-up is not counted. Peak RSS is read by GNU time, which forks from its own small process. Reading the child's rusage from this
    process instead would be wrong: Python starts children with vfork/posix_spawn, and until exec the child shares
    this (large) process's memory, which then shows up as the child's ru_maxrss.
    """
    rss_file = workdir / "rss"
    with open(workdir / "stdout", "wb") as out, open(workdir / "stderr", "wb") as err:
        rss_file.unlink(missing_ok=True)
        cpu_before = children_cpu_seconds()
        started = time.perf_counter()
        wrapper = [GNU_TIME, "-f", "%M", "-o", str(rss_file)] if wrap else []
        process = subprocess.Popen([*wrapper, *argv], env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                   cwd=workdir)
        try:
            process.wait(timeout=RUN_TIMEOUT)  # bounded: a hung child is killed
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        wall = time.perf_counter() - started
    cpu = children_cpu_seconds() - cpu_before
    rss_lines = [line for line in rss_file.read_text().splitlines() if line.strip().isdigit()] if wrap else []
    rss_mib = int(rss_lines[-1]) / 1024.0 if rss_lines else float("nan")  # GNU time reports KiB
    return wall, rss_mib, process.returncode, (workdir / "stderr").read_text(errors="replace")[-2000:], cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_binary = REPO_ROOT / ".build" / "release" / "cloudfront-invalidate"
    parser.add_argument("--binary", default=os.environ.get("CLOUDFRONT_INVALIDATE_BIN", str(default_binary)),
                        help="cloudfront-invalidate to measure (default: $CLOUDFRONT_INVALIDATE_BIN, else "
                             ".build/release/cloudfront-invalidate)")
    default_static = REPO_ROOT / ".build" / "static" / "cloudfront-invalidate"
    parser.add_argument("--static-binary",
                        default=os.environ.get("CLOUDFRONT_INVALIDATE_STATIC_BIN",
                                               str(default_static) if default_static.is_file() else ""),
                        help="the static release binary to measure beside --binary (default: "
                             "$CLOUDFRONT_INVALIDATE_STATIC_BIN, else .build/static/cloudfront-invalidate if built; "
                             "empty to leave it out)")
    parser.add_argument("--runs", type=int, default=15, help="measured runs per tool (default 15)")
    parser.add_argument("--aws", help="AWS CLI to compare with (default: `aws` on PATH)")
    parser.add_argument("--paths", nargs="+", default=["/index.html", "/assets/*"], help="paths to invalidate")
    parser.add_argument("--json", help="also write the raw measurements to this JSON file")
    args = parser.parse_args()
    if args.runs < 1 or args.runs > 500:
        parser.error("--runs must be between 1 and 500")
    binary = Path(args.binary).resolve()
    if not binary.is_file() or not os.access(binary, os.X_OK):
        parser.error(f"no executable at {binary}; build it with `swift build -c release` or pass --binary")
    if not os.access(GNU_TIME, os.X_OK):
        parser.error(f"{GNU_TIME} is missing; install GNU time (`apt-get install time`) or run scripts/bench")
    static_binary = Path(args.static_binary).resolve() if args.static_binary else None
    if static_binary is not None and (not static_binary.is_file() or not os.access(static_binary, os.X_OK)):
        parser.error(f"no executable at {static_binary}; build it with scripts/build-static or pass --static-binary ''")
    aws = resolve_aws(args.aws)
    if aws is None:
        parser.error("the AWS CLI was not found; `pip install awscli` or pass --aws")

    server = cloudfront_standin.start()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-create-") as temporary:
            workdir = Path(temporary)
            (workdir / "home").mkdir()
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(workdir / "home"),
                "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ACCESS_KEY_ID": cloudfront_standin.DEFAULT_ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY": cloudfront_standin.DEFAULT_SECRET_ACCESS_KEY,
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_ENDPOINT_URL_CLOUDFRONT": server.url,
                "NO_COLOR": "1",
            }
            dist = cloudfront_standin.DEFAULT_DISTRIBUTION_ID
            ours = {"cloudfront-invalidate": binary}
            if static_binary is not None:
                ours = {"ours (dynamic)": binary, "ours (static)": static_binary}

            def create(path: Path):
                return lambda i: [str(path), "-d", dist, "--caller-reference", f"bench-{i}-{time.time_ns()}",
                                  *args.paths]

            commands = {name: create(path) for name, path in ours.items()}
            commands["aws cloudfront"] = lambda i: [aws, "cloudfront", "create-invalidation", "--distribution-id",
                                                    dist, "--paths", *args.paths, "--endpoint-url", server.url]
            startup: dict[str, dict[str, list[float]]] = {name: {"wall_ms": [], "cpu_ms": [], "rss_mib": []}
                                                          for name in ours}
            results: dict[str, dict[str, list[float]]] = {name: {"wall_ms": [], "cpu_ms": [], "rss_mib": []}
                                                          for name in commands}
            for i in range(-1, args.runs):  # -1 is the unmeasured warm-up
                order = list(commands) if i % 2 == 0 else list(reversed(commands))
                for name in order:
                    wall, _, code, stderr, cpu = run_measured(commands[name](i), env, workdir, wrap=False)
                    _, rss, rss_code, rss_stderr, _ = run_measured(commands[name](f"{i}-rss"), env, workdir,
                                                                   wrap=True)
                    if code != 0 or rss_code != 0:
                        print(f"{name} exited {code or rss_code}:\n{stderr or rss_stderr}", file=sys.stderr)
                        return 1
                    if i >= 0:
                        results[name]["wall_ms"].append(wall * 1000)
                        results[name]["cpu_ms"].append(cpu * 1000)
                        results[name]["rss_mib"].append(rss)
                # Start-up: `--version` parses arguments and exits, so it is the process's fixed cost.
                for name in (list(ours) if i % 2 == 0 else list(reversed(ours))):
                    version = [str(ours[name]), "--version"]
                    wall, _, code, stderr, cpu = run_measured(version, env, workdir, wrap=False)
                    _, rss, rss_code, rss_stderr, _ = run_measured(version, env, workdir, wrap=True)
                    if code != 0 or rss_code != 0:
                        print(f"{name} --version exited {code or rss_code}:\n{stderr or rss_stderr}", file=sys.stderr)
                        return 1
                    if i >= 0:
                        startup[name]["wall_ms"].append(wall * 1000)
                        startup[name]["cpu_ms"].append(cpu * 1000)
                        startup[name]["rss_mib"].append(rss)
            state = server.state.snapshot()
    finally:
        server.stop()

    expected = len(commands) * 2 * (args.runs + 1)  # every tool, a timed and a memory-measured run each
    if state["rejections"] or len(state["invalidations"]) != expected:
        print(f"stand-in saw {len(state['invalidations'])} invalidations (expected {expected}) and "
              f"{len(state['rejections'])} rejected signatures", file=sys.stderr)
        return 1

    summary = {
        name: {"median_wall_ms": statistics.median(r["wall_ms"]), "median_cpu_ms": statistics.median(r["cpu_ms"]),
               "peak_rss_mib": max(r["rss_mib"]), "median_rss_mib": statistics.median(r["rss_mib"])}
        for name, r in results.items()
    }
    print(f"one create-invalidation, {args.runs} runs each (+1 warm-up), stand-in on 127.0.0.1")
    print(f"{'tool':<24}{'median wall ms':>16}{'median CPU ms':>15}{'peak RSS MiB':>15}")
    for name in results:
        row = summary[name]
        print(f"{name:<24}{row['median_wall_ms']:>16.1f}{row['median_cpu_ms']:>15.1f}{row['peak_rss_mib']:>15.1f}")
    ratios = {}
    for name in ours:
        wall_ratio = summary["aws cloudfront"]["median_wall_ms"] / summary[name]["median_wall_ms"]
        rss_ratio = summary["aws cloudfront"]["peak_rss_mib"] / summary[name]["peak_rss_mib"]
        ratios[name] = {"wall": wall_ratio, "peak_rss": rss_ratio}
        print(f"{'aws / ' + name:<24}{wall_ratio:>15.1f}x{'':>15}{rss_ratio:>14.1f}x")
    startup_summary = {
        name: {"median_wall_ms": statistics.median(r["wall_ms"]), "median_cpu_ms": statistics.median(r["cpu_ms"]),
               "peak_rss_mib": max(r["rss_mib"])}
        for name, r in startup.items()
    }
    print(f"start-up (`--version`), {args.runs} runs each")
    print(f"{'binary':<24}{'median wall ms':>16}{'median CPU ms':>15}{'peak RSS MiB':>15}")
    for name, row in startup_summary.items():
        print(f"{name:<24}{row['median_wall_ms']:>16.1f}{row['median_cpu_ms']:>15.1f}{row['peak_rss_mib']:>15.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"runs": args.runs, "paths": args.paths, "binaries":
                                               {name: str(path) for name, path in ours.items()},
                                               "aws": aws, "summary": summary, "raw": results, "ratios": ratios,
                                               "startup": startup_summary, "startup_raw": startup},
                                              indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
