"""Integration tests of the cloudfront-invalidate binary against moto's server and the CloudFront stand-in.

Written against /work/shared/CONTRACT.md (exit codes, stdout = one invalidation ID a line, --json document).
"""

from __future__ import annotations

import glob
import json
import re
import time

import pytest

from conftest import STANDIN_DISTRIBUTION_ID as DIST

INVALIDATION_ID = re.compile(r"^I[A-Z0-9]{5,}$")
JSON_TOP_KEYS = {"dry_run", "exit_code", "invalidations", "billable_paths", "planned_billable_paths"}
JSON_INVALIDATION_KEYS = {"distribution_id", "tenant_id", "id", "status", "caller_reference", "paths",
                          "create_time", "elapsed_seconds"}
SLOW_RUN = 180  # seconds: runs that go through every retry


def only_line(stdout: str) -> str:
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected exactly one line on stdout, got {lines!r}"
    return lines[0].strip()


def no_request_sent(standin) -> None:
    state = standin.state()
    assert state["requests"] == [] and state["invalidations"] == [], state["requests"]


# ------------------------------------------------------------------------------------------ moto


@pytest.fixture
def moto_env(moto_server) -> dict[str, str]:
    return {"AWS_ENDPOINT_URL_CLOUDFRONT": moto_server, "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture
def moto_distribution(moto_cloudfront) -> str:
    config = {
        "CallerReference": f"it-{time.time_ns()}",
        "Comment": "cloudfront-invalidate integration test",
        "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "site", "DomainName": "example-bucket.s3.amazonaws.com",
                                              "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {
            "TargetOriginId": "site",
            "ViewerProtocolPolicy": "redirect-to-https",
            "MinTTL": 0,
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            "TrustedSigners": {"Enabled": False, "Quantity": 0},
        },
    }
    return moto_cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def test_moto_create_status_list(run_cli, moto_env, moto_cloudfront, moto_distribution):
    created = run_cli(["-d", moto_distribution, "/index.html", "/assets/*"], env=moto_env)
    assert created.code == 0, created.stderr
    inv_id = only_line(created.stdout)
    listed = moto_cloudfront.list_invalidations(DistributionId=moto_distribution)["InvalidationList"]
    assert inv_id in [item["Id"] for item in listed.get("Items", [])]
    paths = moto_cloudfront.get_invalidation(DistributionId=moto_distribution, Id=inv_id)[
        "Invalidation"]["InvalidationBatch"]["Paths"]["Items"]
    assert sorted(paths) == ["/assets/*", "/index.html"]

    status = run_cli(["status", "-d", moto_distribution, "--id", inv_id], env=moto_env)
    assert status.code == 0, status.stderr
    assert "completed" in status.stdout.lower()

    listing = run_cli(["list", "-d", moto_distribution], env=moto_env)
    assert listing.code == 0, listing.stderr
    assert inv_id in listing.stdout


def test_moto_json_document(run_cli, moto_env, moto_cloudfront, moto_distribution):
    result = run_cli(["--json", "-d", moto_distribution, "/other.html"], env=moto_env)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert JSON_TOP_KEYS <= set(document)
    assert document["dry_run"] is False and document["exit_code"] == 0 and document["billable_paths"] == 1
    (inv,) = document["invalidations"]
    assert JSON_INVALIDATION_KEYS <= set(inv)
    assert inv["distribution_id"] == moto_distribution and inv["tenant_id"] is None
    assert inv["paths"] == ["/other.html"] and inv["caller_reference"]
    listed = moto_cloudfront.list_invalidations(DistributionId=moto_distribution)["InvalidationList"]
    assert inv["id"] in [item["Id"] for item in listed.get("Items", [])]


# ------------------------------------------------------------------------------------------ signatures, credentials


def test_signature_accepted_with_long_term_keys(run_cli, standin):
    result = run_cli(["-d", DIST, "/index.html", "/assets/*"])
    assert result.code == 0, result.stderr
    state = standin.state()
    assert state["rejections"] == []
    assert state["requests"] and all(r["signature_ok"] for r in state["requests"])
    (inv,) = state["invalidations"]
    assert only_line(result.stdout) == inv["id"]
    assert sorted(inv["paths"]) == ["/assets/*", "/index.html"]


def test_signature_accepted_with_session_token(run_cli, standin):
    standin.configure(credentials=[{"access_key_id": "ASIATEMPEXAMPLE", "secret_access_key": "temp/secret+key",
                                    "session_token": "FwoGZXIvYXdzEXAMPLETOKEN//+=="}])
    env = {"AWS_ACCESS_KEY_ID": "ASIATEMPEXAMPLE", "AWS_SECRET_ACCESS_KEY": "temp/secret+key",
           "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEXAMPLETOKEN//+=="}
    result = run_cli(["-d", DIST, "/index.html"], env=env)
    assert result.code == 0, result.stderr
    assert standin.rejections() == []
    assert all(r["session_token_present"] for r in standin.requests())
    assert len(standin.invalidations()) == 1


def test_wrong_session_token_exits_77(run_cli, standin):
    standin.configure(credentials=[{"access_key_id": "ASIATEMPEXAMPLE", "secret_access_key": "temp-secret",
                                    "session_token": "the-right-token"}])
    env = {"AWS_ACCESS_KEY_ID": "ASIATEMPEXAMPLE", "AWS_SECRET_ACCESS_KEY": "temp-secret",
           "AWS_SESSION_TOKEN": "a-stale-token"}
    result = run_cli(["-d", DIST, "/index.html"], env=env)
    assert result.code == 77, result.stderr
    assert standin.invalidations() == []
    assert standin.rejections()[0]["signature_error"] == "InvalidClientTokenId"


def test_bad_secret_exits_77(run_cli, standin):
    result = run_cli(["-d", DIST, "/index.html"], env={"AWS_SECRET_ACCESS_KEY": "not-the-secret"})
    assert result.code == 77, result.stderr
    assert standin.invalidations() == []
    assert standin.rejections()[0]["signature_error"] == "SignatureDoesNotMatch"


def test_no_such_distribution_exits_1(run_cli, standin):
    result = run_cli(["-d", "ENOSUCHDIST123", "/index.html"])
    assert result.code == 1, result.stderr
    assert "NoSuchDistribution" in result.stderr
    assert standin.invalidations() == []


@pytest.mark.parametrize("verbosity", [[], ["-v"]])
def test_secrets_never_printed(run_cli, standin, verbosity):
    secret, token = "s3cr3t/KEY+valueEXAMPLEnever-print", "T0KEN-value/never+print=="
    standin.configure(credentials=[{"access_key_id": "ASIASECRETTEST", "secret_access_key": secret,
                                    "session_token": token}])
    env = {"AWS_ACCESS_KEY_ID": "ASIASECRETTEST", "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": token}
    runs = [
        run_cli([*verbosity, "-d", DIST, "/index.html"], env=env),
        run_cli([*verbosity, "-d", DIST, "/index.html"], env={**env, "AWS_SECRET_ACCESS_KEY": secret + "x"}),
        run_cli(["check", *verbosity, "-d", DIST], env=env),
    ]
    assert runs[0].code == 0, runs[0].stderr
    assert runs[1].code == 77, runs[1].stderr
    for run in runs:
        for value in (secret, secret + "x", token):
            assert value not in run.stdout and value not in run.stderr


# ------------------------------------------------------------------------------------------ resilience


def test_three_503_then_success(run_cli, standin):
    standin.add_fault("service_unavailable", "CreateInvalidation", count=3)
    result = run_cli(["-d", DIST, "/index.html"], timeout=SLOW_RUN)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert only_line(result.stdout) == inv["id"]
    assert len(standin.requests("CreateInvalidation")) == 4


def test_connection_resets_then_success(run_cli, standin):
    standin.add_fault("reset", "CreateInvalidation", count=2)
    result = run_cli(["-d", DIST, "/index.html"], timeout=SLOW_RUN)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert only_line(result.stdout) == inv["id"]


def test_lost_response_after_create_is_retried_idempotently(run_cli, standin):
    standin.add_fault("drop_response", "CreateInvalidation", count=1)
    result = run_cli(["-d", DIST, "/index.html"], timeout=SLOW_RUN)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert only_line(result.stdout) == inv["id"]
    creates = standin.requests("CreateInvalidation")
    assert len(creates) >= 2 and creates[0]["outcome"] == "dropped"
    assert {r["caller_reference"] for r in creates} == {inv["caller_reference"]}


def test_persistent_503_exits_69(run_cli, standin):
    standin.add_fault("service_unavailable", "*", count=None)
    result = run_cli(["-d", DIST, "/index.html"], timeout=SLOW_RUN)
    assert result.code == 69, result.stderr
    assert len(standin.invalidations()) <= 1
    assert len(standin.requests("CreateInvalidation")) >= 2  # it did retry


def test_throttling_retry_after_is_honoured(run_cli, standin):
    standin.add_fault("throttling", "CreateInvalidation", count=1, retry_after=2)
    result = run_cli(["-d", DIST, "/index.html"], timeout=SLOW_RUN)
    assert result.code == 0, result.stderr
    first, second = standin.requests("CreateInvalidation")[:2]
    assert first["error_code"] == "Throttling"
    assert second["time"] - first["time"] >= 1.9
    assert len(standin.invalidations()) == 1


def test_too_many_invalidations_in_progress_is_waited_out(run_cli, standin):
    standin.add_fault("too_many_invalidations", "CreateInvalidation", count=1)
    result = run_cli(["-d", DIST, "/index.html"], timeout=SLOW_RUN)
    assert result.code == 0, result.stderr
    assert len(standin.invalidations()) == 1


# ------------------------------------------------------------------------------------------ usage errors, no request


def test_missing_paths_exits_64_without_a_request(run_cli, standin):
    result = run_cli(["-d", DIST])
    assert result.code == 64, result.stderr
    no_request_sent(standin)


def test_unquoted_root_glob_is_refused(run_cli, standin):
    expanded = sorted(glob.glob("/*"))  # exactly what an unquoted /* becomes in the shell on this machine
    assert len(expanded) > 3
    result = run_cli(["-d", DIST, *expanded])
    assert result.code == 64, result.stderr
    assert re.search(r"quot|'/\*'|\"/\*\"", result.stderr, re.IGNORECASE), result.stderr
    no_request_sent(standin)


def test_unquoted_working_directory_glob_is_refused(run_cli, standin, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("about.html", "assets", "favicon.ico", "index.html"):
        (site / name).write_text("x")
    result = run_cli(["-d", DIST, "about.html", "assets", "favicon.ico", "index.html"], cwd=site)
    assert result.code == 64, result.stderr
    no_request_sent(standin)


def test_dry_run_needs_no_credentials_and_sends_nothing(run_cli, standin):
    env = {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}
    result = run_cli(["--dry-run", "-d", DIST, "/index.html"], env=env)
    assert result.code == 0, result.stderr
    no_request_sent(standin)


def test_path_is_percent_encoded_once(run_cli, standin):
    result = run_cli(["-d", DIST, "/café/a b.txt", "/already%20encoded.txt"])
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert sorted(inv["paths"]) == ["/already%20encoded.txt", "/caf%C3%A9/a%20b.txt"]


# ------------------------------------------------------------------------------------------ wait, tenants, check


def test_wait_until_completed(run_cli, standin):
    standin.configure(completion_delay_seconds=1.5)
    result = run_cli(["--wait", "--timeout", "60s", "-d", DIST, "/index.html"], timeout=90)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert inv["status"] == "Completed" and only_line(result.stdout) == inv["id"]
    statuses = [r["invalidation_status"] for r in standin.requests("GetInvalidation")]
    assert statuses and statuses[-1] == "Completed"


def test_wait_timeout_exits_124_and_prints_the_id(run_cli, standin):
    standin.configure(completion_delay_seconds=None)  # never completes by itself
    result = run_cli(["--wait", "--timeout", "3s", "-d", DIST, "/index.html"], timeout=60)
    assert result.code == 124, result.stderr
    (inv,) = standin.invalidations()
    assert inv["id"] in result.stdout


def test_tenant_invalidation(run_cli, standin):
    standin.configure(tenants=[{"id": "dt_2abcEXAMPLE", "distribution_id": DIST}])
    result = run_cli(["--tenant-id", "dt_2abcEXAMPLE", "#product-123", "/index.html"])
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert inv["target_type"] == "tenant" and inv["tenant_id"] == "dt_2abcEXAMPLE"
    assert sorted(inv["paths"]) == ["#product-123", "/index.html"]
    assert standin.requests("CreateInvalidationForDistributionTenant")


def test_check_creates_nothing(run_cli, standin):
    result = run_cli(["check", "-d", DIST])
    assert result.code == 0, result.stderr
    assert standin.invalidations() == []
    assert standin.rejections() == []
    assert all(not r["paths"] for r in standin.requests("CreateInvalidation")), "check sent paths"


def test_check_reports_missing_permission(run_cli, standin):
    standin.configure(credentials=[{"access_key_id": standin.access_key_id,
                                    "secret_access_key": standin.secret_access_key,
                                    "denied_operations": ["CreateInvalidation"]}])
    result = run_cli(["check", "-d", DIST])
    assert result.code == 77, result.stderr
    assert standin.invalidations() == []
    assert all(not r["paths"] for r in standin.requests("CreateInvalidation")), "check sent paths"
