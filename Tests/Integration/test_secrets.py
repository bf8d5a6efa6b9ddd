"""The leak test: known secret values planted in every credential input never reach any output or file.

Each run plants canaries in AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN, AWS_ID_TOKEN,
AWS_CONTAINER_AUTHORIZATION_TOKEN and the variable named by CLOUDFRONT_OIDC_TOKEN_VARIABLE, runs `create` through its
success and failure paths with -v in every log format, and greps every byte of stdout, stderr and every file the run
could write (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the dotenv file, anything else in the run's folder).

The one allowed appearance is GitHub's `::add-mask::VALUE` line on stderr: the runner consumes it (and never echoes
it) so that it can mask the value; it must come before every other line of the log.
"""

from __future__ import annotations

import base64
import urllib.parse

import pytest

from conftest import STANDIN_DISTRIBUTION_ID as DIST

ACCESS_KEY_ID = "ASIALEAKTESTEXAMPLE"
SECRET_KEY = "LeakCanarySecretKey/0123456789+abcdefghij"
SESSION_TOKEN = "LeakCanarySessionToken/IQoJb3JpZ2luX2VjEXAMPLE+9876543210=="
CANARIES = {
    "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
    "AWS_SESSION_TOKEN": SESSION_TOKEN,
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "LeakCanaryActionsRequestToken-eyJhbGciOiJSUzI1NiJ9",
    "AWS_ID_TOKEN": "LeakCanaryGitLabIdToken.eyJzdWIiOiJwcm9qZWN0X3BhdGgifQ.c2lnbmF0dXJl",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "LeakCanaryContainerAuthorizationToken-0123456789",
    "MY_OIDC_TOKEN": "LeakCanaryNamedOidcToken.eyJhdWQiOiJzdHMuYW1hem9uYXdzLmNvbSJ9.sig",
}


def forms(value: str) -> set[str]:
    """The secret as it could leak: raw, percent-encoded, base64, and long enough pieces of it."""
    pieces = {value, urllib.parse.quote(value, safe=""), base64.b64encode(value.encode()).decode()}
    pieces |= {value[i:i + 16] for i in range(0, len(value) - 15, 8)}
    return pieces


def leaks(text: str, where: str, allow_add_mask: bool, planted: dict[str, str] = CANARIES) -> list[str]:
    """Lines of `text` holding any form of a planted value (`::add-mask::VALUE` lines allowed on request)."""
    found = []
    for line in text.splitlines():
        if allow_add_mask and line.startswith("::add-mask::") and line[len("::add-mask::"):] in planted.values():
            continue
        for name, value in planted.items():
            for piece in forms(value):
                if piece in line:
                    found.append(f"{name} in {where}: {line[:200]!r}")
    return found


def run_and_collect(run_cli, tmp_path, fmt: str, args: list[str], env: dict[str, str]) -> tuple[int, list[str], str]:
    out_dir = tmp_path / f"run-{fmt}-{len(list(tmp_path.iterdir()))}"
    out_dir.mkdir()
    ci_env = {
        "github": {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(out_dir / "output"),
                   "GITHUB_STEP_SUMMARY": str(out_dir / "summary")},
        "gitlab": {"GITLAB_CI": "true", "NO_COLOR": None},
        "plain": {},
        # --log-format github on a laptop or another CI: no runner consumes ::add-mask::, so none may be printed.
        "github-local": {"CLOUDFRONT_LOG_FORMAT": "github", "GITHUB_ACTIONS": None},
    }[fmt]
    planted = {**CANARIES, **{name: value for name, value in env.items() if name in CANARIES}}
    result = run_cli(["-v", "--dotenv", str(out_dir / "result.env"), *args],
                     env={**planted, "CLOUDFRONT_OIDC_TOKEN_VARIABLE": "MY_OIDC_TOKEN",
                          "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID, **ci_env, **env},
                     cwd=out_dir, timeout=120)
    found = leaks(result.stdout, "stdout", False, planted)
    found += leaks(result.stderr, "stderr", fmt == "github", planted)
    files = [path for path in out_dir.rglob("*") if path.is_file()]
    assert files, "the run wrote no result file at all"
    for path in files:
        found += leaks(path.read_bytes().decode(errors="replace"), str(path.name), False, planted)
    return result.code, found, result.stderr


@pytest.fixture
def leak_standin(standin):
    standin.configure(credentials=[{"access_key_id": ACCESS_KEY_ID, "secret_access_key": SECRET_KEY,
                                    "session_token": SESSION_TOKEN}])
    return standin


FORMATS = ["plain", "github", "gitlab"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_success_with_wait_leaks_nothing(run_cli, leak_standin, tmp_path, fmt):
    code, found, stderr = run_and_collect(run_cli, tmp_path, fmt, ["-d", DIST, "/index.html", "--wait"], {})
    assert code == 0, stderr
    assert found == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_rejected_signature_leaks_nothing(run_cli, leak_standin, tmp_path, fmt):
    # The secret is one character off: SignatureDoesNotMatch, exit 77, and the error must not quote the key.
    code, found, stderr = run_and_collect(run_cli, tmp_path, fmt, ["-d", DIST, "/index.html"],
                                          {"AWS_SECRET_ACCESS_KEY": SECRET_KEY[:-1] + "X"})
    assert code == 77, stderr
    assert found == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_errors_and_retries_leak_nothing(run_cli, leak_standin, tmp_path, fmt):
    leak_standin.add_fault("service_unavailable", "CreateInvalidation", count=1)
    code, found, stderr = run_and_collect(run_cli, tmp_path, fmt, ["-d", "ENOSUCHDIST123", "/index.html"], {})
    assert code == 1, stderr
    assert found == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_json_and_timeout_leak_nothing(run_cli, leak_standin, tmp_path, fmt):
    leak_standin.configure(completion_delay_seconds=None)
    code, found, stderr = run_and_collect(
        run_cli, tmp_path, fmt, ["-d", DIST, "/index.html", "--json", "--wait", "--timeout", "2s"], {})
    assert code == 124, stderr
    assert found == []


def test_github_masks_every_planted_secret_first(run_cli, leak_standin, tmp_path):
    code, found, stderr = run_and_collect(run_cli, tmp_path, "github", ["-d", DIST, "/index.html"], {})
    assert code == 0 and found == [], stderr
    lines = stderr.splitlines()
    masks = [line for line in lines if line.startswith("::add-mask::")]
    assert {line[len("::add-mask::"):] for line in masks} == set(CANARIES.values())
    assert lines[:len(masks)] == masks, "::add-mask:: must come before anything else in the log"


def test_github_format_outside_actions_prints_no_mask_command(run_cli, leak_standin, tmp_path):
    """The mask command would itself write the secret into the captured log (issue 12): no runner reads it."""
    code, found, stderr = run_and_collect(run_cli, tmp_path, "github-local", ["-d", DIST, "/index.html"], {})
    assert code == 0, stderr
    assert found == [], found
    assert "::add-mask::" not in stderr
    assert "::group::" in stderr, "the GitHub format is still in use"


def test_the_leak_check_itself_finds_a_leak():
    """The grep must be able to fail: a planted value in any form is found."""
    assert leaks(f"error: bad key {SECRET_KEY}", "stderr", allow_add_mask=False)
    assert leaks(urllib.parse.quote(SESSION_TOKEN, safe=""), "file", allow_add_mask=False)
    assert leaks("x" + SECRET_KEY[5:30], "stderr", allow_add_mask=False)
    assert leaks(f"::add-mask::{SECRET_KEY}", "stdout", allow_add_mask=False)
    assert not leaks(f"::add-mask::{SECRET_KEY}", "stderr", allow_add_mask=True)
