"""Options before the command (issue 12): `cloudfront-invalidate --endpoint-url URL status …`, `-v list …`,
`--profile prod check …` and `--json wait …` reach their command, against the botocore-verifying stand-in; a
mistyped command after options is still refused with 64 and nothing sent."""

from __future__ import annotations

import json

from conftest import STANDIN_DISTRIBUTION_ID as DIST


def create_one(run_cli) -> str:
    result = run_cli(["-d", DIST, "/index.html"])
    assert result.code == 0, result.stderr
    return result.stdout.strip()


def test_endpoint_url_before_status(run_cli, standin):
    invalidation_id = create_one(run_cli)
    result = run_cli(["--endpoint-url", standin.url, "status", "-d", DIST, "--id", invalidation_id],
                     env={"AWS_ENDPOINT_URL_CLOUDFRONT": None})
    assert result.code == 0, result.stderr
    assert result.stdout.strip() in ("InProgress", "Completed")


def test_verbose_before_list(run_cli, standin):
    invalidation_id = create_one(run_cli)
    result = run_cli(["-v", "list", "-d", DIST])
    assert result.code == 0, result.stderr
    assert invalidation_id in result.stdout


def test_profile_before_check(run_cli, standin, tmp_path):
    credentials = tmp_path / "credentials"
    credentials.write_text(f"[prod]\naws_access_key_id = {standin.access_key_id}\n"
                           f"aws_secret_access_key = {standin.secret_access_key}\n")
    result = run_cli(["--profile", "prod", "check", "-d", DIST],
                     env={"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None,
                          "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
                          "AWS_CONFIG_FILE": str(tmp_path / "no-config")})
    assert result.code == 0, result.stderr
    assert standin.invalidations() == [], "check creates nothing (its probe is refused by design)"
    assert {r["access_key_id"] for r in standin.requests()} == {standin.access_key_id}, "signed with the profile"


def test_json_before_wait(run_cli, standin):
    invalidation_id = create_one(run_cli)
    standin.complete()
    result = run_cli(["--json", "wait", "-d", DIST, "--id", invalidation_id, "--timeout", "60s"])
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [entry["id"] for entry in document["invalidations"]] == [invalidation_id]


def test_mistyped_command_after_options_is_still_refused(run_cli, standin):
    result = run_cli(["-v", "chek", "-d", DIST])
    assert result.code == 64, result.stderr
    assert "looks like the command 'check'" in result.stderr
    assert standin.state()["requests"] == []
