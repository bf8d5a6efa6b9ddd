"""Issue 13: hostile input from flags, the environment, the pipeline file and paths files, run through the real
binary. Each is refused with exit 64 and a message naming it, and nothing is sent to the stand-in.
"""

from __future__ import annotations

import subprocess

import pytest

from conftest import STANDIN_DISTRIBUTION_ID as DIST

OVERFLOWING = "2562047788015215h59m"


def assert_refused(result, *needles: str) -> None:
    assert result.code == 64, (result.code, result.stdout, result.stderr)
    for needle in needles:
        assert needle in result.stderr, result.stderr


def assert_nothing_sent(standin) -> None:
    state = standin.state()
    assert state["requests"] == [] and state["invalidations"] == [], state["requests"]


@pytest.mark.parametrize("where", ["flag", "env", "yaml"])
def test_overflowing_timeout_is_refused_not_a_crash(run_cli, standin, tmp_path, where):
    args, env = ["-d", DIST, "/a"], {}
    if where == "flag":
        args += ["--timeout", OVERFLOWING]
    elif where == "env":
        env["CLOUDFRONT_TIMEOUT"] = OVERFLOWING
    else:
        config = tmp_path / "ci.yml"
        config.write_text(f"timeout: {OVERFLOWING}\n")
        args += ["--config", str(config)]
    for command in (["validate"], []):
        result = run_cli(command + args + ["--wait"], env=env)
        assert_refused(result, "maximum wait limit of 168h")
    assert_nothing_sent(standin)


def test_wildcard_before_a_combining_mark_is_refused(run_cli, standin):
    result = run_cli(["validate", "-d", DIST, "/a*\u0301/b"])
    assert_refused(result, "accepts '*' only as the last character")
    result = run_cli(["-d", DIST, "/a*\u0301/b"])
    assert_refused(result)
    assert_nothing_sent(standin)


def test_invalid_utf8_argument_is_refused(run_cli, standin):
    # The surrogate escape makes subprocess pass the raw byte 0xE9.
    result = run_cli(["-d", DIST, "/caf\udce9"])
    assert_refused(result, "is not valid UTF-8 (byte 0xE9", "'%E9'")
    assert_nothing_sent(standin)


def test_invalid_utf8_in_cloudfront_paths_is_refused(run_cli, standin):
    result = run_cli(["-d", DIST], env={"CLOUDFRONT_PATHS": "/caf\udce9"})
    assert_refused(result, "CLOUDFRONT_PATHS is not valid UTF-8")
    assert_nothing_sent(standin)


def test_invalid_utf8_in_a_paths_file_is_refused_with_its_line(run_cli, standin, tmp_path):
    paths = tmp_path / "paths.txt"
    paths.write_bytes(b"/ok\n/caf\xe9\n")
    result = run_cli(["-d", DIST, "--paths-file", str(paths)])
    assert_refused(result, "line 2 is not valid UTF-8 (byte 0xE9)")
    result = run_cli(["-d", DIST, "--paths-file", "-"], stdin=b"/caf\xe9\n")
    assert_refused(result, "line 1 is not valid UTF-8")
    assert_nothing_sent(standin)


@pytest.mark.parametrize("reference", ["ref\x1bx", "r" * 129])
def test_caller_reference_is_refused_not_changed(run_cli, standin, tmp_path, reference):
    result = run_cli(["-d", DIST, "--caller-reference", reference, "/a"])
    assert_refused(result, "--caller-reference")
    result = run_cli(["-d", DIST, "/a"], env={"CLOUDFRONT_CALLER_REFERENCE": reference})
    assert_refused(result, "CLOUDFRONT_CALLER_REFERENCE")
    assert_nothing_sent(standin)


def test_noncharacter_with_no_encode_is_refused(run_cli, standin):
    result = run_cli(["-d", DIST, "--no-encode", "/a\ufffeb"])
    assert_refused(result, "U+FFFE", "XML")
    assert_nothing_sent(standin)


def test_paths_file_dev_zero_says_it_is_a_device(run_cli, standin):
    result = run_cli(["validate", "-d", DIST, "--paths-file", "/dev/zero"], timeout=20)
    assert_refused(result, "/dev/zero", "is a device")
    assert "does not exist" not in result.stderr


def test_paths_file_that_is_a_directory_or_missing(run_cli, tmp_path):
    result = run_cli(["validate", "-d", DIST, "--paths-file", str(tmp_path)])
    assert_refused(result, "is a directory")
    result = run_cli(["validate", "-d", DIST, "--paths-file", str(tmp_path / "missing.txt")])
    assert_refused(result, "does not exist")


def test_endless_paths_on_stdin_stop_at_the_path_cap(binary, cli_env, tmp_path):
    """`yes /a | cloudfront-invalidate validate --paths-file -` reached 2.1 GiB; now it stops at the path cap."""
    producer = subprocess.Popen(["yes", "/a"], stdout=subprocess.PIPE)
    try:
        result = subprocess.run(
            [str(binary), "validate", "-d", DIST, "--paths-file", "-"], stdin=producer.stdout,
            env=cli_env, cwd=tmp_path, capture_output=True, timeout=120)
    finally:
        producer.kill()
        producer.wait(timeout=10)
    stderr = result.stderr.decode(errors="replace")
    assert result.returncode == 64, stderr
    assert "more than 5000000 paths" in stderr, stderr


def test_endless_line_on_stdin_stops_at_the_line_cap(binary, cli_env, tmp_path):
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run(
            [str(binary), "validate", "-d", DIST, "--paths-file", "-"], stdin=zeros,
            env=cli_env, cwd=tmp_path, capture_output=True, timeout=60)
    stderr = result.stderr.decode(errors="replace")
    assert result.returncode == 64, stderr
    assert "line 1 is longer than 65536 bytes" in stderr, stderr


@pytest.mark.parametrize("command", [["validate"], ["--dry-run"], []])
@pytest.mark.parametrize("where", ["flag", "env", "yaml"])
def test_plain_http_to_aws_is_refused_everywhere(run_cli, standin, tmp_path, command, where):
    url = "http://cloudfront.amazonaws.com"
    args, env = ["-d", DIST, "/a"], {"AWS_ENDPOINT_URL_CLOUDFRONT": None}
    if where == "flag":
        args += ["--endpoint-url", url]
    elif where == "env":
        env["AWS_ENDPOINT_URL"] = url
    else:
        config = tmp_path / "ci.yml"
        config.write_text(f"endpoint_url: {url}\n")
        args += ["--config", str(config)]
    result = run_cli(command + args, env=env)
    assert_refused(result, "cloudfront.amazonaws.com", "unencrypted")


def test_plain_http_to_aws_sts_is_refused(run_cli, standin):
    result = run_cli(["-d", DIST, "/a"], env={"AWS_ENDPOINT_URL_STS": "http://sts.us-east-1.amazonaws.com"})
    assert_refused(result, "AWS_ENDPOINT_URL_STS", "unencrypted")
    assert_nothing_sent(standin)


@pytest.mark.parametrize("command", [["validate"], ["--dry-run"]])
@pytest.mark.parametrize("url", ["ftp://x", "http://user:pw@127.0.0.1:5000", "https://host/with/path"])
def test_plan_only_commands_check_the_endpoint(run_cli, tmp_path, command, url):
    config = tmp_path / "ci.yml"
    config.write_text(f"endpoint_url: {url}\n")
    for args in (["--endpoint-url", url], ["--config", str(config)]):
        result = run_cli(command + ["-d", DIST, "/a"] + args, env={"AWS_ENDPOINT_URL_CLOUDFRONT": None})
        assert_refused(result)
        assert "endpoint" in result.stderr.lower(), result.stderr


def test_plain_http_to_another_host_warns(run_cli):
    result = run_cli(["validate", "-d", DIST, "/a", "--endpoint-url", "http://emulator.invalid:4566"])
    assert result.code == 0, result.stderr
    assert "plain HTTP to emulator.invalid" in result.stderr
    result = run_cli(["validate", "-d", DIST, "/a", "--endpoint-url", "http://127.0.0.1:4566"])
    assert result.code == 0 and "plain HTTP" not in result.stderr, result.stderr
