"""Integration tests of waiting (issue 3): timeouts, resuming, signals and CloudFront's in-progress limits.

Each test runs the built binary against the botocore-verifying stand-in on 127.0.0.1, bounded in time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

from conftest import STANDIN_DISTRIBUTION_ID as DIST

ID_LINES = "\n"


def test_timeout_with_warn_exits_0_and_says_how_to_resume(run_cli, standin):
    standin.configure(completion_delay_seconds=None)  # completes only when told to
    result = run_cli(["--wait", "--timeout", "3s", "--on-timeout", "warn", "-d", DIST, "/index.html"], timeout=60)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert result.stdout.split() == [inv["id"]]
    assert "warning" in result.stderr and f"cloudfront-invalidate wait -d {DIST} --id {inv['id']}" in result.stderr


def test_timeout_exit_124_message_names_the_resume_command(run_cli, standin):
    standin.configure(completion_delay_seconds=None)
    result = run_cli(["--wait", "--timeout", "2s", "-d", DIST, "/a", "/b"], timeout=60)
    assert result.code == 124, result.stderr
    (inv,) = standin.invalidations()
    assert f"--id {inv['id']}" in result.stderr


def test_environment_turns_waiting_on(run_cli, standin):
    standin.configure(completion_delay_seconds=1)
    result = run_cli(["-d", DIST, "/index.html"], env={"CLOUDFRONT_WAIT": "true", "CLOUDFRONT_TIMEOUT": "1m"},
                     timeout=60)
    assert result.code == 0, result.stderr
    assert standin.requests("GetInvalidation"), "CLOUDFRONT_WAIT=true should poll until Completed"


def test_bad_timeout_is_a_usage_error_and_sends_nothing(run_cli, standin):
    result = run_cli(["--wait", "--timeout", "soon", "-d", DIST, "/index.html"])
    assert result.code == 64, result.stderr
    assert "--timeout" in result.stderr
    assert standin.state()["requests"] == []


def test_wait_command_on_existing_invalidations(run_cli, standin):
    standin.configure(completion_delay_seconds=None)
    client = standin.client()
    ids = []
    for n in range(2):
        answer = client.create_invalidation(DistributionId=DIST, InvalidationBatch={
            "Paths": {"Quantity": 1, "Items": [f"/page-{n}.html"]}, "CallerReference": f"existing-{n}"})
        ids.append(answer["Invalidation"]["Id"])
    standin.complete([ids[0]])

    still_waiting = run_cli(["wait", "-d", DIST, "--id", ids[0], "--id", ids[1], "--timeout", "3s"], timeout=60)
    assert still_waiting.code == 124, still_waiting.stderr
    assert f"--id {ids[1]}" in still_waiting.stderr

    standin.complete([ids[1]])
    done = run_cli(["wait", "-d", DIST, "--id", ids[0], "--id", ids[1], "--timeout", "30s"], timeout=60)
    assert done.code == 0, done.stderr
    assert [line.split("\t") for line in done.stdout.splitlines()] == [[ids[0], "Completed"], [ids[1], "Completed"]]
    # Two invalidations of one distribution are polled with one ListInvalidations call per round.
    assert standin.requests("ListInvalidations")


def _start(binary, cli_env, args):
    return subprocess.Popen([str(binary), *args], env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_invalidation(standin, deadline_seconds=20):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if standin.invalidations():
            return standin.invalidations()
        time.sleep(0.05)
    raise AssertionError("no invalidation was created in time")


def _stop(process, sig, expected_code):
    time.sleep(0.5)  # let the binary reach its poll loop
    started = time.monotonic()
    process.send_signal(sig)
    try:
        out, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("the binary did not stop within 15 s of the signal")
    assert process.returncode == expected_code, err.decode()
    assert time.monotonic() - started < 5, "a signal must stop polling at once"
    return out.decode(), err.decode()


def test_sigterm_stops_waiting_with_143_and_prints_the_ids(binary, cli_env, standin):
    standin.configure(completion_delay_seconds=None)
    process = _start(binary, cli_env, ["--wait", "--timeout", "5m", "-d", DIST, "/index.html"])
    (inv,) = _wait_for_invalidation(standin)
    out, err = _stop(process, signal.SIGTERM, 143)
    assert out.split() == [inv["id"]]
    assert "SIGTERM" in err and f"wait -d {DIST} --id {inv['id']}" in err


def test_sigint_stops_waiting_with_130(binary, cli_env, standin):
    standin.configure(completion_delay_seconds=None)
    process = _start(binary, cli_env, ["--wait", "--json", "--timeout", "5m", "-d", DIST, "/index.html"])
    (inv,) = _wait_for_invalidation(standin)
    out, err = _stop(process, signal.SIGINT, 130)
    assert f'"id":"{inv["id"]}"' in out and '"exit_code":130' in out


def _max_in_progress(invalidations, distribution):
    """The most file paths and wildcards ever in progress at once for a distribution, from creation/completion times."""
    events = []
    for inv in invalidations:
        if inv["distribution_id"] != distribution:
            continue
        wildcards = sum(1 for p in inv["paths"] if p.endswith("*"))
        files = len(inv["paths"]) - wildcards
        events.append((inv["created_at"], 1, files, wildcards))
        events.append((inv["completed_at"] or float("inf"), 0, -files, -wildcards))
    files = wildcards = max_files = max_wildcards = 0
    for _, _, df, dw in sorted(events):  # completions sort before creations at the same instant
        files += df
        wildcards += dw
        max_files = max(max_files, files)
        max_wildcards = max(max_wildcards, wildcards)
    return max_files, max_wildcards


def test_7000_paths_and_20_wildcards_complete_in_batches_within_the_limits(run_cli, standin, tmp_path):
    standin.configure(completion_delay_seconds=1)
    paths = [f"/assets/file-{n:05d}.js" for n in range(7000)] + [f"/section-{n:02d}/*" for n in range(20)]
    paths_file = tmp_path / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    result = run_cli(["--wait", "--timeout", "3m", "--paths-file", str(paths_file), "-d", DIST], timeout=240)
    assert result.code == 0, result.stderr
    invalidations = standin.invalidations()
    sent = [p for inv in invalidations for p in inv["paths"]]
    assert sorted(sent) == sorted(paths), "every path sent exactly once"
    assert len(invalidations) >= 3
    assert all(inv["status"] == "Completed" for inv in invalidations)
    assert sorted(result.stdout.split()) == sorted(inv["id"] for inv in invalidations)
    max_files, max_wildcards = _max_in_progress(invalidations, DIST)
    assert max_files <= 3000 and max_wildcards <= 15, (max_files, max_wildcards)
    assert not any(r["error_code"] == "TooManyInvalidationsInProgress" for r in standin.requests())


def test_room_taken_by_another_deploy_is_waited_out_with_the_same_caller_reference(run_cli, standin):
    standin.configure(completion_delay_seconds=None)
    other = standin.client().create_invalidation(DistributionId=DIST, InvalidationBatch={
        "Paths": {"Quantity": 15, "Items": [f"/other-{n}/*" for n in range(15)]}, "CallerReference": "other-deploy"})
    other_id = other["Invalidation"]["Id"]

    process_env_timeout = 90
    import threading
    import time

    def complete_after_the_first_refusal() -> None:
        # Room is made only once the run has met the limit, however long the binary takes to start on a busy
        # machine (a fixed 4 s timer fired before the first attempt under load). Bounded: 60 s of polling.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(r["error_code"] == "TooManyInvalidationsInProgress" for r in standin.requests("CreateInvalidation")):
                break
            time.sleep(0.2)
        standin.complete([other_id])

    threading.Thread(target=complete_after_the_first_refusal, daemon=True).start()
    result = run_cli(["--timeout", "60s", "-d", DIST, "/mine/*"], timeout=process_env_timeout)
    assert result.code == 0, result.stderr
    refusals = [r for r in standin.requests("CreateInvalidation") if r["error_code"] == "TooManyInvalidationsInProgress"]
    assert refusals, "the first attempt should have met the wildcard limit"
    mine = [inv for inv in standin.invalidations() if inv["id"] != other_id]
    assert len(mine) == 1
    references = {r["caller_reference"] for r in standin.requests("CreateInvalidation") if "/mine/*" in (r["paths"] or [])}
    assert len(references) == 1, "every resend carries the same CallerReference"
