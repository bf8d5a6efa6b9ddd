"""Issue 13: hostile server replies run through the real binary against the stand-in's scripted replies.

A reply that echoes the session token or the request signature must not carry them to any output (stderr, the JSON
document on stdout, the step summary, the dotenv file), in any log format.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import STANDIN_DISTRIBUTION_ID as DIST

ACCESS_KEY_ID = "ASIAHOSTILEEXAMPLE"
SECRET_KEY = "HostileReplySecretKey/0123456789+abcdefgh"
SESSION_TOKEN = "HostileReplySessionToken/IQoJb3JpZ2luX2VjEXAMPLE+0123456789=="
SIGNATURE = re.compile(r"Signature=[0-9a-f]{16}")


@pytest.fixture
def token_standin(standin):
    standin.configure(credentials=[{"access_key_id": ACCESS_KEY_ID, "secret_access_key": SECRET_KEY,
                                    "session_token": SESSION_TOKEN}])
    return standin


def run(run_cli, tmp_path, fmt: str, extra_env: dict[str, str] | None = None):
    out = tmp_path / f"out-{fmt}"
    out.mkdir()
    env = {"AWS_ACCESS_KEY_ID": ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
           "AWS_SESSION_TOKEN": SESSION_TOKEN, **(extra_env or {})}
    if fmt == "github":
        env |= {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(out / "summary"),
                "GITHUB_OUTPUT": str(out / "output")}
    result = run_cli(["--json", "--log-format", fmt, "--dotenv", str(out / "result.env"), "-d", DIST, "/a"],
                     env=env, cwd=out)
    files = {path.name: path.read_text(errors="replace") for path in out.iterdir() if path.is_file()}
    return result, files


def visible(result, files) -> dict[str, str]:
    """Every output a person or a later step reads; ::add-mask:: lines are for the runner only."""
    stderr = "\n".join(line for line in result.stderr.splitlines() if not line.startswith("::add-mask::"))
    return {"stdout": result.stdout, "stderr": stderr, **files}


@pytest.mark.parametrize("fmt", ["plain", "github", "gitlab"])
def test_echoed_token_and_signature_reach_no_output(run_cli, token_standin, tmp_path, fmt):
    token_standin.add_fault("echo_request", "CreateInvalidation")
    result, files = run(run_cli, tmp_path, fmt)
    assert result.code == 77, result.stderr
    document = json.loads(result.stdout)
    assert document["errors"], document
    assert "***" in document["errors"][0]
    for where, text in visible(result, files).items():
        assert SESSION_TOKEN not in text, f"session token in {where}: {text[:2000]}"
        assert not SIGNATURE.search(text), f"signature in {where}: {text[:2000]}"
        assert "AWS4-HMAC-SHA256 Credential" not in text, f"Authorization header in {where}: {text[:2000]}"


@pytest.mark.parametrize("mark", ["\u0301", "\u200d", "\ufe0f"])
def test_token_followed_by_a_combining_mark_is_masked(run_cli, token_standin, tmp_path, mark):
    body = ('<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type>'
            f"<Code>InvalidArgument</Code><Message>bad token {SESSION_TOKEN}{mark} here</Message></Error>"
            "<RequestId>r-1</RequestId></ErrorResponse>")
    token_standin.add_fault("raw_reply", "CreateInvalidation", status=400, body=body)
    result, files = run(run_cli, tmp_path, "github")
    assert result.code == 1, result.stderr
    for where, text in visible(result, files).items():
        assert SESSION_TOKEN not in text, f"session token in {where}: {text[:2000]}"


FORGED_ID = "I1&#10;::error::forged&#10;I2"


def invalidation_xml(inv_id: str, status: str = "InProgress") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><Invalidation>'
            f"<Id>{inv_id}</Id><Status>{status}</Status><CreateTime>2026-11-29T20:00:00Z</CreateTime>"
            "<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths>"
            "<CallerReference>r</CallerReference></InvalidationBatch></Invalidation>")


@pytest.mark.parametrize("inv_id", [FORGED_ID, "I1&#13;I2", "I1\u202egnp", "$(reboot)",
                                    pytest.param("I" * 1_000_000, id="one-MB-id")])
def test_forged_invalidation_id_is_refused_not_printed(run_cli, standin, tmp_path, inv_id):
    standin.add_fault("raw_reply", "CreateInvalidation", status=201, body=invalidation_xml(inv_id))
    result = run_cli(["-d", DIST, "/a"], env={"GITHUB_ACTIONS": "true"})
    assert result.code == 1, result.stderr
    assert result.stdout == "", result.stdout
    assert "is not an invalidation ID" in result.stderr
    assert not any(line.startswith("::error::forged") for line in result.stderr.splitlines()), result.stderr
    assert len(result.stderr) < 20_000


def test_forged_status_is_refused_by_the_status_command(run_cli, standin):
    standin.add_fault("raw_reply", "GetInvalidation", status=200,
                      body=invalidation_xml("I1", "Completed&#10;::error::forged"))
    result = run_cli(["status", "-d", DIST, "--id", "I1"])
    assert result.code == 1, result.stderr
    assert result.stdout == ""
    assert "is not a status" in result.stderr


def test_moto_style_ids_still_pass(run_cli, standin):
    standin.add_fault("raw_reply", "CreateInvalidation", status=201, body=invalidation_xml("QY7X9ZK2WB3TNM"))
    result = run_cli(["-d", DIST, "/a"])
    assert result.code == 0, result.stderr
    assert result.stdout == "QY7X9ZK2WB3TNM\n"


def test_throttled_batches_say_what_happened(run_cli, standin, tmp_path):
    """6,500 paths are 3 batches; throttled until retries run out, the log names the throttling (issue 13 item 12)."""
    paths = tmp_path / "paths.txt"
    paths.write_text("".join(f"/p{index}\n" for index in range(6500)))
    standin.add_fault("throttling", "CreateInvalidation", count=None)
    result = run_cli(["-d", DIST, "--paths-file", str(paths)], timeout=120)
    assert result.code == 69, result.stderr
    assert "2 of 3 batch(es) were not sent: batch 1 failed, CloudFront answered Throttling" in result.stderr
    assert "in-progress limits stayed full" not in result.stderr


def test_reply_of_600000_elements_is_refused(run_cli, standin):
    """A 2.4 MB reply of 600,000 elements (under the 4 MiB body cap) is refused at the element cap (item 15)."""
    body = "<Invalidation>" + "<x/>" * 600_000 + "</Invalidation>"
    standin.add_fault("raw_reply", "GetInvalidation", status=200, body=body)
    result = run_cli(["status", "-d", DIST, "--id", "I1"])
    assert result.code == 1, result.stderr
    assert "more than 20000 elements" in result.stderr, result.stderr
