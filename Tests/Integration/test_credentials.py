"""Integration tests of the credential chain: the real binary gets credentials from each source over 127.0.0.1 and
then creates an invalidation at the botocore-verifying CloudFront stand-in, which accepts only the keys (and
session token) the source handed out.

Sources: moto's STS (AssumeRoleWithWebIdentity from a token file, from GitHub's and GitLab's OIDC tokens, and a
SigV4-signed AssumeRole for a profile's role_arn + source_profile), a container credentials endpoint, IMDSv2 and a
credential_process. Nothing contacts AWS, 169.254.169.254 or 169.254.170.2.
"""

from __future__ import annotations

import sys

import pytest

from conftest import STANDIN_ACCESS_KEY_ID, STANDIN_DISTRIBUTION_ID as DIST, STANDIN_SECRET_ACCESS_KEY
from fakes.container_credentials import ContainerCredentialsEndpoint
from fakes.github_oidc import GitHubTokenService, fake_jwt
from fakes.imds import InstanceMetadataService
from fakes.sts_tap import STSTap

ROLE_ARN = "arn:aws:iam::123456789012:role/cloudfront-deploy"
NO_STATIC_KEYS = {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}
CREDENTIALS_UNAVAILABLE = 77


def register(standin, credential: dict[str, str]) -> None:
    """Let the stand-in accept ``credential`` beside its default key."""
    keys = [{"access_key_id": STANDIN_ACCESS_KEY_ID, "secret_access_key": STANDIN_SECRET_ACCESS_KEY}]
    registered = getattr(standin, "_extra_credentials", [])
    registered.append({**credential, "denied_operations": []})
    standin._extra_credentials = registered
    standin.configure(credentials=keys + registered)


def accepted_create(standin, credential_key: str, with_token: bool = True) -> dict:
    """The one CreateInvalidation the stand-in accepted, signed with ``credential_key``."""
    creates = standin.requests("CreateInvalidation")
    assert len(creates) == 1, creates
    create = creates[0]
    assert create["signature_ok"] is True, create
    assert create["status"] == 201, create
    assert create["access_key_id"] == credential_key
    assert create["session_token_present"] is with_token
    return create


def assert_no_secrets(result, *secrets: str) -> None:
    """Secrets never appear in stdout or stderr, except in GitHub's own ::add-mask:: command lines."""
    for stream in (result.stdout, "\n".join(line for line in result.stderr.splitlines()
                                             if not line.startswith("::add-mask::"))):
        for secret in secrets:
            assert secret not in stream, f"a secret leaked into the output:\n{stream}"


@pytest.fixture
def sts_tap(moto_server, standin):
    """moto's STS behind a tap that registers every issued key with the stand-in."""
    with STSTap(moto_server, lambda credential: register(standin, credential)) as tap:
        yield tap


@pytest.fixture
def issued(sts_tap):
    """The credentials STS issued during the test, in order."""
    keys: list[dict[str, str]] = []
    original = sts_tap.on_credentials

    def capture(credential: dict[str, str]) -> None:
        keys.append(credential)
        original(credential)

    sts_tap.on_credentials = capture
    return keys


# --------------------------------------------------------------------------------------------- STS


def test_web_identity_token_file_via_moto_sts(run_cli, standin, sts_tap, issued, tmp_path):
    token = fake_jwt({"sub": "system:serviceaccount:web:deployer", "aud": "sts.amazonaws.com"})
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n")
    result = run_cli(["-d", DIST, "/index.html"], env={
        **NO_STATIC_KEYS, "AWS_WEB_IDENTITY_TOKEN_FILE": str(token_file), "AWS_ROLE_ARN": ROLE_ARN,
        "AWS_ROLE_SESSION_NAME": "it-web-identity", "AWS_ENDPOINT_URL_STS": sts_tap.url})
    assert result.code == 0, result.stderr
    assert sts_tap.actions() == ["AssumeRoleWithWebIdentity"]
    call = sts_tap.requests[0]
    assert "Authorization" not in call.headers
    assert f"WebIdentityToken={token}" in call.body.decode()
    assert "RoleSessionName=it-web-identity" in call.body.decode()
    accepted_create(standin, issued[0]["access_key_id"])
    assert_no_secrets(result, token, issued[0]["secret_access_key"], issued[0]["session_token"])


def test_profile_role_arn_with_source_profile_assume_role_is_signed(run_cli, standin, sts_tap, issued, tmp_path):
    source_key, source_secret = "AKIDSOURCEPROFILE1", "source-profile-secret-key-0123456789"
    sts_tap.source_keys = {source_key: source_secret}
    credentials = tmp_path / "credentials"
    credentials.write_text(f"[base]\naws_access_key_id = {source_key}\naws_secret_access_key = {source_secret}\n")
    config = tmp_path / "config"
    config.write_text(f"[profile deploy]  # the role profile\nrole_arn = {ROLE_ARN}\nsource_profile = base\n"
                      "role_session_name = it-assume-role\n")
    result = run_cli(["--profile", "deploy", "-d", DIST, "/index.html"], env={
        **NO_STATIC_KEYS, "AWS_SHARED_CREDENTIALS_FILE": str(credentials), "AWS_CONFIG_FILE": str(config),
        "AWS_ENDPOINT_URL_STS": sts_tap.url})
    assert result.code == 0, result.stderr
    assert sts_tap.actions() == ["AssumeRole"]
    assert sts_tap.verdicts == [("AssumeRole", True)], "botocore did not accept the AssumeRole signature"
    accepted_create(standin, issued[0]["access_key_id"])
    assert_no_secrets(result, source_secret, issued[0]["secret_access_key"], issued[0]["session_token"])


def test_github_actions_oidc(run_cli, standin, sts_tap, issued):
    id_token = fake_jwt({"sub": "repo:octo-org/site:ref:refs/heads/main", "aud": "sts.amazonaws.com"})
    request_token = "ghs_requesttoken0123456789abcdef"
    with GitHubTokenService(request_token, id_token) as github:
        result = run_cli(["--role-arn", ROLE_ARN, "-d", DIST, "/index.html"], env={
            **NO_STATIC_KEYS, "GITHUB_ACTIONS": "true", "ACTIONS_ID_TOKEN_REQUEST_URL": github.request_url,
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN": request_token, "GITHUB_REPOSITORY": "octo-org/site",
            "GITHUB_RUN_ID": "9876543210", "GITHUB_RUN_ATTEMPT": "1", "AWS_ENDPOINT_URL_STS": sts_tap.url})
        assert result.code == 0, result.stderr
        assert github.audiences() == ["sts.amazonaws.com"]
    body = sts_tap.requests[0].body.decode()
    assert f"WebIdentityToken={id_token}" in body
    assert "RoleSessionName=gh-octo-org.site-9876543210-1" in body
    accepted_create(standin, issued[0]["access_key_id"])
    masks = [line.removeprefix("::add-mask::") for line in result.stderr.splitlines()
             if line.startswith("::add-mask::")]
    for secret in (request_token, id_token, issued[0]["secret_access_key"], issued[0]["session_token"]):
        assert secret in masks, f"not masked: {secret[:6]}…"
    # Masked before use: the ID token's mask is announced before STS credentials exist.
    assert masks.index(id_token) < masks.index(issued[0]["secret_access_key"])
    assert_no_secrets(result, request_token, id_token, issued[0]["secret_access_key"], issued[0]["session_token"])


@pytest.mark.parametrize("variable, flags", [
    ("AWS_ID_TOKEN", []),
    ("CUSTOM_OIDC", ["--oidc-token-variable", "CUSTOM_OIDC"]),
])
def test_gitlab_ci_oidc(run_cli, standin, sts_tap, issued, variable, flags):
    id_token = fake_jwt({"sub": "project_path:group/site:ref_type:branch:ref:main", "aud": "sts.amazonaws.com"})
    result = run_cli([*flags, "-d", DIST, "/index.html"], env={
        **NO_STATIC_KEYS, "GITLAB_CI": "true", variable: id_token, "AWS_ROLE_ARN": ROLE_ARN,
        "CI_PROJECT_PATH": "group/site", "CI_PIPELINE_ID": "4242", "CI_JOB_ID": "777",
        "AWS_ENDPOINT_URL_STS": sts_tap.url})
    assert result.code == 0, result.stderr
    body = sts_tap.requests[0].body.decode()
    assert f"WebIdentityToken={id_token}" in body and "RoleSessionName=gl-group.site-4242-777" in body
    accepted_create(standin, issued[0]["access_key_id"])
    assert "::add-mask::" not in result.stderr
    assert_no_secrets(result, id_token, issued[0]["secret_access_key"], issued[0]["session_token"])


@pytest.mark.parametrize("code, message", [
    ("InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://gitlab.example.com"),
    ("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"),
    ("ExpiredToken", "Token expired: current date/time 1700000000 must be before the expiration date/time"),
])
def test_sts_errors_are_reported_as_such(run_cli, standin, sts_tap, code, message):
    sts_tap.fail_with = (400 if code != "AccessDenied" else 403, code, message)
    id_token = fake_jwt({"sub": "project_path:group/site"})
    result = run_cli(["-d", DIST, "/index.html"], env={
        **NO_STATIC_KEYS, "GITLAB_CI": "true", "AWS_ID_TOKEN": id_token, "AWS_ROLE_ARN": ROLE_ARN,
        "AWS_ENDPOINT_URL_STS": sts_tap.url})
    assert result.code == CREDENTIALS_UNAVAILABLE, result.stderr
    assert f"failed with {code}: {message}" in result.stderr
    assert "AWS credentials from GitLab CI OIDC could not be obtained" in result.stderr
    assert standin.requests() == []
    assert_no_secrets(result, id_token)


# ------------------------------------------------------------------------------- container, IMDS, process


TEMPORARY = {"AccessKeyId": "ASIALOCALFAKE0001", "SecretAccessKey": "local-fake-secret-0123456789abcdef",
             "Token": "local-fake-session-token-0123456789", "Expiration": "2099-01-01T00:00:00Z"}


def register_temporary(standin, key_id: str) -> dict[str, str]:
    credential = {"access_key_id": key_id, "secret_access_key": TEMPORARY["SecretAccessKey"],
                  "session_token": TEMPORARY["Token"]}
    register(standin, credential)
    return credential


def test_container_credentials_full_uri_with_token_file(run_cli, standin, tmp_path):
    key = "ASIACONTAINER0001"
    register_temporary(standin, key)
    authorization = "eks-pod-identity-token-0123456789"
    token_file = tmp_path / "eks-token"
    token_file.write_text(authorization + "\n")
    with ContainerCredentialsEndpoint(authorization, {**TEMPORARY, "AccessKeyId": key}) as endpoint:
        result = run_cli(["-d", DIST, "/index.html"], env={
            **NO_STATIC_KEYS, "AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint.full_uri,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(token_file)})
        assert result.code == 0, result.stderr
        assert [r.headers.get("Authorization") for r in endpoint.requests] == [authorization]
    accepted_create(standin, key)
    assert_no_secrets(result, authorization, TEMPORARY["SecretAccessKey"], TEMPORARY["Token"])


def test_imdsv2(run_cli, standin):
    key = "ASIAINSTANCE0001"
    register_temporary(standin, key)
    with InstanceMetadataService("web-deployer", {**TEMPORARY, "AccessKeyId": key}) as imds:
        result = run_cli(["-d", DIST, "/index.html"], env={
            **NO_STATIC_KEYS, "AWS_EC2_METADATA_DISABLED": None,  # only for this test, pointed at 127.0.0.1
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url + "/"})
        assert result.code == 0, result.stderr
        calls = [(r.method, r.path) for r in imds.requests]
        assert calls == [("PUT", "/latest/api/token"), ("GET", "/latest/meta-data/iam/security-credentials/"),
                         ("GET", "/latest/meta-data/iam/security-credentials/web-deployer")]
        assert imds.requests[0].headers["X-aws-ec2-metadata-token-ttl-seconds"] == "21600"
    accepted_create(standin, key)
    assert_no_secrets(result, TEMPORARY["SecretAccessKey"], TEMPORARY["Token"])


def test_credential_process_profile(run_cli, standin, tmp_path):
    key = "ASIAPROCESS00001"
    register_temporary(standin, key)
    script = tmp_path / "get creds.py"
    document = {"Version": 1, "AccessKeyId": key, "SecretAccessKey": TEMPORARY["SecretAccessKey"],
                "SessionToken": TEMPORARY["Token"], "Expiration": "2099-01-01T00:00:00Z"}
    script.write_text(f"import json\nprint(json.dumps({document!r}))\n")
    config = tmp_path / "config"
    config.write_text(f'[profile proc]\ncredential_process = {sys.executable} "{script}"\n')
    result = run_cli(["-d", DIST, "/index.html"], env={
        **NO_STATIC_KEYS, "AWS_PROFILE": "proc", "AWS_CONFIG_FILE": str(config)})
    assert result.code == 0, result.stderr
    accepted_create(standin, key)
    assert_no_secrets(result, TEMPORARY["SecretAccessKey"], TEMPORARY["Token"])


# ------------------------------------------------------------------------------------------ failures


def test_nothing_configured_exits_77_listing_every_source(run_cli, standin):
    result = run_cli(["-d", DIST, "/index.html"], env=NO_STATIC_KEYS)
    assert result.code == CREDENTIALS_UNAVAILABLE, result.stderr
    for source in ("environment", "web identity", "CI OIDC", "shared config", "container", "instance metadata"):
        assert f"- {source}: " in result.stderr, result.stderr
    assert "AWS_EC2_METADATA_DISABLED is true" in result.stderr
    assert "`permissions: id-token: write`" in result.stderr
    assert "id_tokens:" in result.stderr
    assert standin.requests() == []


def test_github_without_id_token_permission_exits_77_with_the_fix(run_cli, standin):
    result = run_cli(["--role-arn", ROLE_ARN, "-d", DIST, "/index.html"], env={
        **NO_STATIC_KEYS, "GITHUB_ACTIONS": "true"})
    assert result.code == CREDENTIALS_UNAVAILABLE, result.stderr
    assert "AWS credentials from CI OIDC could not be obtained" in result.stderr
    assert "`permissions: id-token: write`" in result.stderr
    assert standin.requests() == []


def test_environment_keys_still_win_over_everything(run_cli, standin, tmp_path):
    config = tmp_path / "config"
    config.write_text("[default]\ncredential_process = /bin/false\n")
    result = run_cli(["-d", DIST, "/index.html"], env={"AWS_CONFIG_FILE": str(config), "AWS_ROLE_ARN": ROLE_ARN})
    assert result.code == 0, result.stderr
    accepted_create(standin, STANDIN_ACCESS_KEY_ID, with_token=False)
