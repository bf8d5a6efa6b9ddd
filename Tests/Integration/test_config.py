"""Integration tests of the YAML pipeline file: several targets in one run against the CloudFront stand-in,
per-target wait policies, diagnostics (exit 64, nothing sent), standard input, and hostile files within time
and memory bounds.
"""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from conftest import STANDIN_DISTRIBUTION_ID as DIST

OTHER = "E2OTHEREXAMPLE"
MISSING = "E9MISSINGEXAMPLE"


def two_distributions(standin, first_delay=0.0, second_delay=0.0):
    """The default distribution plus a second one; None as a delay means "never completes by itself"."""
    standin.configure(distributions=[
        {"id": DIST, "completion_delay_seconds": first_delay},
        {"id": OTHER, "completion_delay_seconds": second_delay},
    ])


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text)
    return path


def no_request_sent(standin) -> None:
    state = standin.state()
    assert state["requests"] == [] and state["invalidations"] == [], state["requests"]


def by_distribution(standin) -> dict[str, dict]:
    return {inv["distribution_id"]: inv for inv in standin.invalidations()}


def test_two_targets_from_the_working_directory_file(run_cli, standin, tmp_path):
    two_distributions(standin, first_delay=1.0)
    workdir = tmp_path / "work"
    workdir.mkdir(exist_ok=True)
    write(workdir, "changed-paths.txt", "# from the build\n/docs/a.html\n/docs/b.html\n")
    write(workdir, ".cloudfront-invalidate.yml", f"""
wait: true
timeout: 60s
targets:
  - distribution_id: ${{PROD_CLOUDFRONT_DIST}}
    paths: ["/index.html", "/assets/*"]
  - distribution_id: {OTHER}
    paths_file: changed-paths.txt
    wait: false
""")
    result = run_cli(["--json"], env={"PROD_CLOUDFRONT_DIST": DIST}, cwd=workdir, timeout=90)
    assert result.code == 0, result.stderr
    created = by_distribution(standin)
    assert sorted(created) == sorted([DIST, OTHER])
    assert sorted(created[DIST]["paths"]) == ["/assets/*", "/index.html"]
    assert sorted(created[OTHER]["paths"]) == ["/docs/a.html", "/docs/b.html"]
    document = json.loads(result.stdout)
    statuses = {entry["distribution_id"]: entry["status"] for entry in document["invalidations"]}
    assert statuses[DIST] == "Completed", "the waiting target was waited for"
    assert statuses[OTHER] == "InProgress", "the target with wait: false was not"
    assert document["billable_paths"] == 4 and document["exit_code"] == 0
    polled = {r["target_id"] for r in standin.requests("GetInvalidation") + standin.requests("ListInvalidations")}
    assert DIST in polled and OTHER not in polled, polled
    assert ".cloudfront-invalidate.yml" in result.stderr


def test_targets_are_created_concurrently_and_print_one_id_a_line(run_cli, standin, tmp_path):
    two_distributions(standin)
    config = write(tmp_path, "deploy.yml", f"""
targets:
  - distribution_id: {DIST}
    paths: ["/a"]
  - distribution_id: {OTHER}
    paths: ["/b"]
""")
    result = run_cli(["--config", str(config)])
    assert result.code == 0, result.stderr
    ids = [line for line in result.stdout.splitlines() if line.strip()]
    assert sorted(ids) == sorted(inv["id"] for inv in standin.invalidations()) and len(ids) == 2


def test_per_target_timeouts_exit_124_and_name_the_target(run_cli, standin, tmp_path):
    two_distributions(standin, first_delay=None, second_delay=0.5)
    config = write(tmp_path, "deploy.yml", f"""
wait: true
targets:
  - distribution_id: {DIST}
    paths: ["/slow"]
    timeout: 3s
  - distribution_id: {OTHER}
    paths: ["/fast"]
    timeout: 60s
""")
    started = time.monotonic()
    result = run_cli(["-c", str(config), "--json"], timeout=90)
    assert result.code == 124, result.stderr
    assert time.monotonic() - started < 60, "the fast target did not wait for the slow target's limit"
    statuses = {e["distribution_id"]: e["status"] for e in json.loads(result.stdout)["invalidations"]}
    assert statuses == {DIST: "InProgress", OTHER: "Completed"}
    assert f"distribution {DIST} timed out waiting (exit 124)" in result.stderr
    assert f"distribution {OTHER} succeeded" in result.stderr
    assert f"wait -d {DIST}" in result.stderr


def test_on_timeout_warn_for_one_target_only(run_cli, standin, tmp_path):
    two_distributions(standin, first_delay=None, second_delay=0.5)
    config = write(tmp_path, "deploy.yml", f"""
wait: true
timeout: 3s
targets:
  - distribution_id: {DIST}
    paths: ["/slow"]
    on_timeout: warn
  - distribution_id: {OTHER}
    paths: ["/fast"]
""")
    result = run_cli(["-c", str(config)], timeout=90)
    assert result.code == 0, result.stderr
    assert "warning" in result.stderr.lower()


def test_the_exit_code_is_the_most_severe_and_the_log_names_the_failed_target(run_cli, standin, tmp_path):
    config = write(tmp_path, "deploy.yml", f"""
targets:
  - distribution_id: {DIST}
    paths: ["/ok"]
  - distribution_id: {MISSING}
    paths: ["/nope"]
""")
    result = run_cli(["-c", str(config)])
    assert result.code == 1, result.stderr
    assert [inv["distribution_id"] for inv in standin.invalidations()] == [DIST]
    assert MISSING in result.stderr and "NoSuchDistribution" in result.stderr
    assert f"distribution {MISSING} was rejected by CloudFront (exit 1)" in result.stderr


def test_every_problem_is_reported_with_its_place_and_nothing_is_sent(run_cli, standin, tmp_path):
    config = write(tmp_path, "bad.yml", """
timout: 20m
wait: maybe
targets:
  - distribution_id: ${UNSET_DIST}
    paths: ["/assets/*/app.js"]
""")
    result = run_cli(["-c", str(config)])
    assert result.code == 64, result.stderr
    for expected in [
        f"{config}:2:1: unknown key 'timout'; did you mean 'timeout'?",
        f"{config}:3:7: wait must be true or false, not 'maybe'.",
        f"{config}:5:22: targets[0].distribution_id: the environment variable UNSET_DIST is not set",
        f"{config}:6:13: targets[0].paths[0] '/assets/*/app.js'",
    ]:
        assert expected in result.stderr
    no_request_sent(standin)


def test_json_reports_configuration_errors(run_cli, standin, tmp_path):
    config = write(tmp_path, "bad.yml", "targets: []\n")
    result = run_cli(["-c", str(config), "--json"])
    assert result.code == 64
    document = json.loads(result.stdout)
    assert document["exit_code"] == 64 and "targets is empty" in document["errors"][0]
    no_request_sent(standin)


def test_distribution_flag_beside_several_targets_is_a_conflict(run_cli, standin, tmp_path):
    two_distributions(standin)
    config = write(tmp_path, "deploy.yml", f"""
targets:
  - distribution_id: {DIST}
    paths: ["/a"]
  - distribution_id: {OTHER}
    paths: ["/b"]
""")
    for args, env in [(["-d", DIST], {}), ([], {"CLOUDFRONT_DISTRIBUTION_ID": DIST})]:
        result = run_cli(["-c", str(config), *args], env=env)
        assert result.code == 64, result.stderr
        assert "not clear which one to replace" in result.stderr
    no_request_sent(standin)


def test_config_from_standard_input_and_from_the_environment(run_cli, standin, tmp_path):
    text = f"targets:\n  - distribution_id: {DIST}\n    paths: [\"/from-stdin\"]\n"
    result = run_cli(["--config", "-"], stdin=text)
    assert result.code == 0, result.stderr
    config = write(tmp_path, "env.yml", text.replace("/from-stdin", "/from-env"))
    result = run_cli([], env={"CLOUDFRONT_CONFIG": str(config)})
    assert result.code == 0, result.stderr
    assert sorted(p for inv in standin.invalidations() for p in inv["paths"]) == ["/from-env", "/from-stdin"]


def test_validate_prints_the_plan_without_credentials_or_network(run_cli, standin, tmp_path):
    config = write(tmp_path, "deploy.yml", f"""
wait: true
timeout: 20m
targets:
  - distribution_id: {DIST}
    paths: ["index.html", "/assets/*", "/assets/app.js"]
  - tenant_id: dt_2abcEXAMPLE
    paths: ["#product-123"]
    on_timeout: warn
""")
    env = {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_ENDPOINT_URL_CLOUDFRONT": "http://127.0.0.1:9"}
    result = run_cli(["validate", "-c", str(config), "--json"], env=env)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["dry_run"] is True and document["planned_billable_paths"] == 3
    assert document["billable_paths"] == 0, "a dry run sends nothing, so CloudFront accepted nothing"
    assert [e["paths"] for e in document["invalidations"]] == [["/index.html", "/assets/*"], ["#product-123"]]
    assert f"distribution {DIST}: waits up to 20m for Completed, then fails (exit 124)" in result.stderr
    assert "tenant dt_2abcEXAMPLE: waits up to 20m for Completed, then warns (exit 0)" in result.stderr
    no_request_sent(standin)


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name,content,fragment", [
    ("laughs.yml", billion_laughs().encode(), "alias bomb"),
    ("deep.yml", b"[" * 200_000 + b"]" * 200_000, "nested more than 32 levels"),
    ("huge.yml", b"paths: [\"/" + b"a" * (64 << 20) + b"\"]\n", "byte limit"),
    ("latin1.yml", b"targets:\n  - distribution_id: E1\n    paths: [\"/caf\xe9\"]\n", "not valid UTF-8"),
    ("dupes.yml", b"wait: true\nwait: false\n", "appears twice"),
], ids=lambda value: value if isinstance(value, str) and value.endswith(".yml") else "")
def test_hostile_files_are_refused_fast_and_small(binary, cli_env, standin, tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    # A small Python in between reaps the binary with os.wait4, so ru_maxrss is the binary's own peak (a child
    # forked straight from pytest would inherit pytest's large resident set as its starting high-water mark).
    # "Fast" is the binary's own CPU time, not wall time: a busy shared machine stretches wall time at random,
    # while an alias bomb or quadratic parse shows up as CPU seconds wherever it runs.
    measure = ("import json, os, subprocess, sys\n"
               "p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)\n"
               "_, status, usage = os.wait4(p.pid, 0)\n"
               "print(json.dumps({'code': os.waitstatus_to_exitcode(status), 'kib': usage.ru_maxrss,"
               " 'cpu_seconds': usage.ru_utime + usage.ru_stime}))\n")
    result = subprocess.run(["python3", "-c", measure, str(binary), "validate", "-c", str(path), "-d", DIST],
                            env=cli_env, cwd=str(tmp_path), capture_output=True, timeout=120)
    report = json.loads(result.stdout)
    stderr = result.stderr.decode(errors="replace")
    assert report["code"] == 64, stderr
    assert fragment in stderr
    assert report["cpu_seconds"] < 2, f"{name} took {report['cpu_seconds']:.2f}s of CPU"
    assert report["kib"] < 100 * 1024, f"{name} peaked at {report['kib'] // 1024} MiB"
    no_request_sent(standin)
