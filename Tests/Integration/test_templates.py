"""The CI templates, run as their platforms would run them, with the built binary on PATH (issue 8).

- The GitHub Action's step: its `env:` mapping evaluated from `with:` inputs and defaults, its `run:` script executed
  by bash as the runner does, with a simulated runner environment (GITHUB_ACTIONS, GITHUB_RUN_ID, GITHUB_OUTPUT,
  GITHUB_ACTION_PATH, RUNNER_TOOL_CACHE, …). With the `binary` input; with `install: auto` (the default) against a
  fake GitHub release on 127.0.0.1 serving the built binary, downloaded, verified, cached and reused (issue 16); and
  with `install: image` through a fake `docker` that checks the `docker run` line and then runs the binary with only
  the forwarded variables, as a container would see them.
- The GitLab hidden job and the CI/CD component: their variables (the component's `$[[ inputs.… ]]` interpolated
  after parsing, as GitLab does) plus GitLab's predefined variables, and their `script:` run by sh, as a Docker
  executor runs it in the image (the built binary on PATH), and as a shell executor runs it (sh or bash, no binary
  on PATH: the script installs it with install.sh from the fake release and runs it).
Every run creates its invalidation on the CloudFront stand-in on 127.0.0.1. Also: the linters over every shipped
template (scripts/lint-templates), and proof that the schema check rejects a broken template.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO_ROOT, STANDIN_DISTRIBUTION_ID as DIST
from fakes.github_release import FakeGitHubRelease, sha256sums

ACTION = REPO_ROOT / "action.yml"
GITLAB_TEMPLATE = REPO_ROOT / "ci-templates" / "gitlab" / "cloudfront-invalidate.yml"
GITLAB_COMPONENT = REPO_ROOT / "ci-templates" / "gitlab" / "cloudfront-invalidate.component.yml"
INVALIDATION_ID = re.compile(r"^I[A-Z0-9]{5,}$")
RUN_TIMEOUT = 90
INPUT_EXPRESSION = re.compile(r"^\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}$")
GITLAB_INTERPOLATION = re.compile(r"\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*\]\]")


def run_script(shell: list[str], script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """Run a CI script the way the runner does: the script in a file, the shell given, a bounded time."""
    path = cwd.parent / f"script-{abs(hash(script))}.sh"
    path.write_text(script)
    return subprocess.run([*shell, str(path)], env=env, cwd=str(cwd), capture_output=True, text=True,
                          timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL)


def only_invalidation(standin) -> dict[str, Any]:
    invalidations = standin.invalidations()
    assert len(invalidations) == 1, invalidations
    return invalidations[0]


def read_key_values(path: Path) -> dict[str, str]:
    """Lines `name=value` (GITHUB_OUTPUT's simple form, dotenv) and `name<<DELIM … DELIM` blocks."""
    values: dict[str, str] = {}
    lines = path.read_text().splitlines() if path.exists() else []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            values[name] = "\n".join(lines[index + 1:end])
            index = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            values[name] = value.strip('"')
        index += 1
    return values


# ---------------------------------------------------------------------------------------------- GitHub Action


RUNNER_ARCH = {"x86_64": "X64", "amd64": "X64", "aarch64": "ARM64", "arm64": "ARM64"}.get(platform.machine(), "X64")
THIS_MACHINES_ASSET = ("cloudfront-invalidate-linux-aarch64" if RUNNER_ARCH == "ARM64"
                       else "cloudfront-invalidate-linux-x86_64")


class ActionRunner:
    """Runs action.yml's composite step with a simulated GitHub-hosted runner environment."""

    def __init__(self, binary: Path, cli_env: dict[str, str], tmp_path: Path):
        self.action = yaml.safe_load(ACTION.read_text())
        self.binary = binary
        self.workspace = tmp_path / "workspace"
        self.runner_temp = tmp_path / "runner-temp"
        commands = self.runner_temp / "_runner_file_commands"
        commands.mkdir(parents=True)
        self.workspace.mkdir()
        self.output_file = commands / "set_output_1"
        self.summary_file = commands / "step_summary_1"
        self.output_file.touch()
        self.summary_file.touch()
        self.path_file = commands / "add_path_1"
        self.path_file.touch()
        self.tool_cache = tmp_path / "hostedtoolcache"
        self.tool_cache.mkdir()
        self.bin_dir = tmp_path / "bin"
        self.bin_dir.mkdir()
        self.base_env = {
            **cli_env,
            "PATH": f"{self.bin_dir}:{binary.parent}:{cli_env['PATH']}",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_RUN_ID": "4242",
            "GITHUB_RUN_ATTEMPT": "2",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_OUTPUT": str(self.output_file),
            "GITHUB_STEP_SUMMARY": str(self.summary_file),
            "GITHUB_PATH": str(self.path_file),
            # A local `uses: ./`: the action's folder is the checkout (no _actions/OWNER/REPO/REF to read a ref from).
            "GITHUB_ACTION_PATH": str(REPO_ROOT),
            "RUNNER_TEMP": str(self.runner_temp),
            "RUNNER_TOOL_CACHE": str(self.tool_cache),
            "RUNNER_OS": "Linux",
            "RUNNER_ARCH": RUNNER_ARCH,
        }

    def checkout(self, owner: str, repo: str, ref: str, changelog: str | None = None) -> Path:
        """The action as the runner checks a remote one out: _actions/OWNER/REPO/REF holding the repository."""
        folder = self.runner_temp.parent / "_work" / "_actions" / owner / repo / ref
        folder.mkdir(parents=True)
        shutil.copy(REPO_ROOT / "action.yml", folder / "action.yml")
        shutil.copy(REPO_ROOT / "install.sh", folder / "install.sh")
        if changelog is not None:
            (folder / "CHANGELOG.md").write_text(changelog)
        return folder

    def step(self) -> dict[str, Any]:
        (step,) = self.action["runs"]["steps"]
        return step

    def step_env(self, inputs: dict[str, str]) -> dict[str, str]:
        """The step's `env:` with each `${{ inputs.x }}` replaced by the input given, else its default."""
        declared = self.action["inputs"]
        unknown = set(inputs) - set(declared)
        assert not unknown, f"inputs not declared in action.yml: {unknown}"
        env = {}
        for name, expression in self.step()["env"].items():
            match = INPUT_EXPRESSION.match(str(expression))
            assert match, f"{name}: only ${{{{ inputs.x }}}} expressions are simulated, got {expression!r}"
            env[name] = str(inputs.get(match[1], declared[match[1]].get("default", "")))
        return env

    def run(self, inputs: dict[str, str], job_env: dict[str, str | None] | None = None
            ) -> subprocess.CompletedProcess:
        """The step as the runner runs a `shell: bash` step: `bash --noprofile --norc -eo pipefail FILE`."""
        step = self.step()
        assert step["shell"] == "bash"
        env = dict(self.base_env)
        for name, value in (job_env or {}).items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        env.update(self.step_env(inputs))
        return run_script(["bash", "--noprofile", "--norc", "-eo", "pipefail"], step["run"], env, self.workspace)


@pytest.fixture
def action_runner(binary, cli_env, tmp_path) -> ActionRunner:
    return ActionRunner(binary, cli_env, tmp_path)


def assert_github_outputs_if_written(runner: ActionRunner, invalidation_id: str) -> None:
    """Outputs are the binary's to write (the GitHub reporter); checked once it writes them."""
    outputs = read_key_values(runner.output_file)
    if outputs:
        assert outputs.get("invalidation-id") == invalidation_id, outputs
        assert invalidation_id in outputs.get("invalidation-ids", "").split(), outputs


def test_action_inputs_reach_the_binary_and_create_on_the_standin(action_runner, standin):
    result = action_runner.run({
        "distribution-id": DIST,
        "paths": "/index.html\n/assets/*\n",
        "binary": "cloudfront-invalidate",
    })
    assert result.returncode == 0, result.stderr
    inv = only_invalidation(standin)
    assert result.stdout.split() == [inv["id"]]
    assert INVALIDATION_ID.match(inv["id"])
    assert inv["distribution_id"] == DIST
    assert sorted(inv["paths"]) == ["/assets/*", "/index.html"]
    # The CallerReference comes from the simulated run: GITHUB_ACTIONS, GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT arrived.
    assert inv["caller_reference"].startswith("cfi-gh-4242-2"), inv["caller_reference"]
    assert_github_outputs_if_written(action_runner, inv["id"])


def test_action_paths_with_spaces_one_a_line(action_runner, standin):
    """Issue 12: a path with a space on its own line is one path; the action passes the value unsplit."""
    result = action_runner.run({"distribution-id": DIST, "paths": "/about us/café.html\n/index.html\n",
                                "binary": "cloudfront-invalidate"})
    assert result.returncode == 0, result.stderr
    assert sorted(only_invalidation(standin)["paths"]) == ["/about%20us/caf%C3%A9.html", "/index.html"]


def test_action_one_line_path_with_a_space_is_refused(action_runner, standin):
    """Issue 12: `paths: "/about us/café.html"` used to invalidate /about and /us/café.html and exit 0."""
    result = action_runner.run({"distribution-id": DIST, "paths": "/about us/café.html",
                                "binary": "cloudfront-invalidate"})
    assert result.returncode == 64, result.stderr
    assert "/about us/café.html" in result.stderr and "one path a line" in result.stderr
    assert standin.state()["requests"] == []


def test_gitlab_component_paths_with_spaces_one_a_line(binary, cli_env, standin, tmp_path):
    _, job = render_component({"distribution-id": DIST, "paths": "/about us/café.html\n#product-1\n"})
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    result = run_gitlab_job(job, gitlab_env(cli_env, binary, project_dir, job["variables"]), project_dir)
    assert result.returncode == 0, result.stderr
    assert sorted(only_invalidation(standin)["paths"]) == ["#product-1", "/about%20us/caf%C3%A9.html"]


def test_empty_inputs_leave_the_jobs_own_variables_in_force(action_runner, standin):
    result = action_runner.run({"binary": "cloudfront-invalidate"},
                               job_env={"CLOUDFRONT_DISTRIBUTION_ID": DIST, "CLOUDFRONT_PATHS": "/from-job-env"})
    assert result.returncode == 0, result.stderr
    assert only_invalidation(standin)["paths"] == ["/from-job-env"]


def test_inputs_override_the_jobs_variables(action_runner, standin):
    result = action_runner.run({"binary": "cloudfront-invalidate", "paths": "/from-input"},
                               job_env={"CLOUDFRONT_DISTRIBUTION_ID": DIST, "CLOUDFRONT_PATHS": "/from-job-env"})
    assert result.returncode == 0, result.stderr
    assert only_invalidation(standin)["paths"] == ["/from-input"]


def test_dry_run_input_sends_nothing(action_runner, standin):
    result = action_runner.run({"binary": "cloudfront-invalidate", "distribution-id": DIST, "paths": "/a",
                                "dry-run": "true"})
    assert result.returncode == 0, result.stderr
    assert standin.state()["requests"] == []


@pytest.mark.parametrize(("on_timeout", "code"), [("fail", 124), ("warn", 0)])
def test_wait_timeout_and_on_timeout_inputs(action_runner, standin, on_timeout, code):
    standin.configure(completion_delay_seconds=None)  # stays InProgress until told otherwise
    result = action_runner.run({"binary": "cloudfront-invalidate", "distribution-id": DIST, "paths": "/a",
                                "wait": "true", "timeout": "2s", "on-timeout": on_timeout})
    assert result.returncode == code, result.stderr
    assert standin.requests("GetInvalidation"), "wait: 'true' should poll"


def test_args_input_passes_one_argument_a_line(action_runner, standin):
    result = action_runner.run({"binary": "cloudfront-invalidate", "distribution-id": DIST,
                                "args": "--path\n/with space/a b.html\n--path\n/b\n"})
    assert result.returncode == 0, result.stderr
    assert sorted(only_invalidation(standin)["paths"]) == ["/b", "/with%20space/a%20b.html"]


FAKE_DOCKER = r'''#!{python}
"""A stand-in for `docker run`: records the command line, then runs the binary as the container would."""
import json, os, sys
args = sys.argv[1:]
with open({record!r}, "w") as record:
    json.dump(args, record)
assert args[0] == "run", args
options = {{"--user": [], "--network": [], "--workdir": [], "--volume": [], "--env": []}}
index = 1
while args[index].startswith("-"):
    if args[index] == "--rm":
        index += 1
        continue
    options[args[index]].append(args[index + 1])
    index += 2
image, command = args[index], args[index + 1:]
environment = {{name: os.environ[name] for name in options["--env"] if name in os.environ}}
environment["PATH"] = "/usr/local/bin:/usr/bin:/bin"
os.chdir(options["--workdir"][0])
os.execve({binary!r}, [{binary!r}, *command], environment)
'''


def test_action_runs_the_image_with_the_runners_user_mounts_and_only_named_variables(
        action_runner, standin, tmp_path):
    record = tmp_path / "docker-args.json"
    fake = action_runner.bin_dir / "docker"
    fake.write_text(FAKE_DOCKER.format(python=sys.executable, record=str(record), binary=str(action_runner.binary)))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    result = action_runner.run({"distribution-id": DIST, "paths": "/index.html", "install": "image",
                                "image": "example/cfi:test", "args": "--verbose"},
                               job_env={"UNRELATED_SECRET": "do-not-forward"})
    assert result.returncode == 0, result.stderr
    args = json.loads(record.read_text())
    joined = " ".join(args)
    assert f"--user {os.getuid()}:{os.getgid()}" in joined
    assert "--network host" in joined
    for folder in (action_runner.workspace, action_runner.runner_temp):
        assert f"--volume {folder}:{folder}" in joined
    assert args.count("--volume") == 2, "the file commands live in RUNNER_TEMP: no separate mount"
    image_at = args.index("example/cfi:test")
    assert args[image_at + 1:] == ["--verbose"]
    forwarded = {args[i + 1] for i, a in enumerate(args[:image_at]) if a == "--env"}
    assert {"CLOUDFRONT_DISTRIBUTION_ID", "CLOUDFRONT_PATHS", "CLOUDFRONT_LOG_FORMAT", "CLOUDFRONT_OIDC_AUDIENCE",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL_CLOUDFRONT", "GITHUB_ACTIONS",
            "GITHUB_RUN_ID", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "CI"} <= forwarded, forwarded
    assert not {n for n in forwarded if n.startswith("CFI_IN_")}, forwarded
    assert "UNRELATED_SECRET" not in forwarded and "CLOUDFRONT_TENANT_ID" not in forwarded  # empty input: unset
    assert standin.secret_access_key not in joined, "values travel by name, never on the command line"
    inv = only_invalidation(standin)
    assert inv["paths"] == ["/index.html"] and inv["caller_reference"].startswith("cfi-gh-4242-2")


def test_action_image_mode_on_a_non_linux_runner_explains_itself(action_runner, standin):
    result = action_runner.run({"distribution-id": DIST, "paths": "/a", "install": "image"},
                               job_env={"RUNNER_OS": "macOS", "RUNNER_ARCH": "ARM64"})
    assert result.returncode == 64
    assert "::error" in result.stdout and "install: auto" in result.stdout and "binary input" in result.stdout
    assert standin.state()["requests"] == []


@pytest.mark.parametrize(("runner_os", "arch", "says"), [
    ("Windows", "X64", "no Windows binary"),
    ("macOS", "X64", "no release binary for macOS X64"),
    ("Linux", "ARM", "no release binary for Linux ARM"),
])
def test_a_runner_without_a_release_binary_gets_an_error_naming_the_alternatives(
        action_runner, standin, runner_os, arch, says):
    result = action_runner.run({"distribution-id": DIST, "paths": "/a"},
                               job_env={"RUNNER_OS": runner_os, "RUNNER_ARCH": arch})
    assert result.returncode == 64, result.stderr
    error = next(line for line in result.stdout.splitlines() if line.startswith("::error"))
    assert says in error and "binary input" in error and ("ubuntu-latest" in error or "macos-14" in error)
    assert standin.state()["requests"] == []
    assert list(action_runner.tool_cache.iterdir()) == []


def test_unknown_install_mode_is_refused(action_runner, standin):
    result = action_runner.run({"distribution-id": DIST, "paths": "/a", "install": "docker"})
    assert result.returncode == 64
    assert "::error" in result.stdout and "auto, image" in result.stdout
    assert standin.state()["requests"] == []


@pytest.mark.parametrize(("status", "says"), [(125, "could not run example/cfi:test"),
                                              (127, "docker is not available")])
def test_docker_failures_become_errors_naming_the_fix(action_runner, standin, status, says):
    fake = action_runner.bin_dir / "docker"
    fake.write_text(f"#!/bin/sh\necho 'docker: Error response from daemon: manifest unknown.' >&2\nexit {status}\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    result = action_runner.run({"distribution-id": DIST, "paths": "/a", "install": "image",
                                "image": "example/cfi:test"})
    assert result.returncode == status
    error = next(line for line in result.stdout.splitlines() if line.startswith("::error"))
    assert says in error and "install: auto" in error
    assert standin.state()["requests"] == []


@pytest.mark.parametrize(("make", "status"), [("missing", 127), ("not-executable", 126)])
def test_a_binary_input_that_cannot_run_becomes_an_error_naming_the_fix(action_runner, standin, tmp_path, make,
                                                                        status):
    path = tmp_path / "tools" / "cloudfront-invalidate"
    if make == "not-executable":
        path.parent.mkdir()
        path.write_text("#!/bin/sh\nexit 0\n")
    result = action_runner.run({"distribution-id": DIST, "paths": "/a", "binary": str(path)})
    assert result.returncode == status
    error = next(line for line in result.stdout.splitlines() if line.startswith("::error"))
    assert str(path) in error and "binary input" in error and "install: auto" in error
    assert standin.state()["requests"] == []


# --------------------------------------------------------------------------- GitHub Action: install: auto


@pytest.fixture
def release(binary):
    """A fake GitHub release 1.2.3 whose asset for this machine is the built binary, with a correct SHA256SUMS."""
    server = FakeGitHubRelease()
    server.publish("1.2.3", {THIS_MACHINES_ASSET: binary.read_bytes(),
                             "install.sh": (REPO_ROOT / "install.sh").read_bytes()})
    try:
        yield server
    finally:
        server.stop()


def without_the_built_binary_on_path(runner: ActionRunner) -> dict[str, str]:
    """The job's PATH without the build folder, so only an installed binary can run."""
    return {"PATH": f"{runner.bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}"}


def cached_binary(runner: ActionRunner, version: str) -> Path:
    return runner.tool_cache / "cloudfront-invalidate" / version / RUNNER_ARCH.lower() / "cloudfront-invalidate"


def test_action_installs_verifies_caches_and_then_reuses_the_release_binary(action_runner, standin, release, binary):
    action_path = action_runner.checkout("cloudfront-invalidate", "cloudfront-invalidate", "v1.2.3")
    job_env = {**without_the_built_binary_on_path(action_runner), "GITHUB_ACTION_PATH": str(action_path)}
    inputs = {"distribution-id": DIST, "release-url": release.release_url}

    first = action_runner.run({**inputs, "paths": "/index.html"}, job_env=job_env)
    assert first.returncode == 0, first.stdout + first.stderr
    cached = cached_binary(action_runner, "1.2.3")
    assert cached.read_bytes() == binary.read_bytes() and os.access(cached, os.X_OK)
    assert (cached.parent.parent / f"{RUNNER_ARCH.lower()}.complete").exists()
    assert release.downloads(THIS_MACHINES_ASSET) == [f"/storage/v1.2.3/{THIS_MACHINES_ASSET}?signature=fake"]
    assert release.downloads("SHA256SUMS")
    assert "verified SHA-256" in first.stderr
    assert action_runner.path_file.read_text().splitlines() == [str(cached.parent)], "later steps find it on PATH"
    (created,) = standin.invalidations()
    assert created["paths"] == ["/index.html"] and created["caller_reference"].startswith("cfi-gh-4242-2")
    assert created["id"] in first.stdout.split()

    requests_after_first = list(release.paths)
    second = action_runner.run({**inputs, "paths": "/second.html"}, job_env=job_env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "from the tool cache" in second.stdout
    assert release.paths == requests_after_first, "the second run downloads nothing"
    assert [i["paths"] for i in standin.invalidations()] == [["/index.html"], ["/second.html"]]


def test_a_moving_major_tag_installs_the_release_named_in_the_actions_changelog(action_runner, standin, release,
                                                                                binary):
    release.publish("1.3.0", {THIS_MACHINES_ASSET: binary.read_bytes()})  # latest, but not this action's release
    changelog = "# Changelog\n\n## [Unreleased]\n\n## [1.2.3] - 2026-11-29\n\n## [1.0.0] - 2026-11-01\n"
    action_path = action_runner.checkout("cloudfront-invalidate", "cloudfront-invalidate", "v1", changelog)
    result = action_runner.run({"distribution-id": DIST, "paths": "/a", "release-url": release.release_url},
                               job_env={**without_the_built_binary_on_path(action_runner),
                                        "GITHUB_ACTION_PATH": str(action_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert release.downloads(THIS_MACHINES_ASSET) == [f"/storage/v1.2.3/{THIS_MACHINES_ASSET}?signature=fake"]
    assert cached_binary(action_runner, "1.2.3").exists()
    assert len(standin.invalidations()) == 1


def test_a_branch_uses_latest_resolved_to_its_version_and_cached_under_it(action_runner, standin, release, binary):
    release.publish("1.3.0", {THIS_MACHINES_ASSET: binary.read_bytes()})
    inputs = {"distribution-id": DIST, "paths": "/a", "release-url": release.release_url}
    job_env = without_the_built_binary_on_path(action_runner)  # GITHUB_ACTION_PATH: a local checkout, no ref
    first = action_runner.run(inputs, job_env=job_env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert release.downloads(THIS_MACHINES_ASSET) == [f"/storage/v1.3.0/{THIS_MACHINES_ASSET}?signature=fake"]
    assert cached_binary(action_runner, "1.3.0").exists()
    seen = len(release.paths)
    second = action_runner.run({**inputs, "paths": "/b"}, job_env=job_env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert release.paths[seen:] == ["/releases/latest"], "only latest's version is looked up again"
    assert len(standin.invalidations()) == 2


def test_release_url_defaults_to_the_actions_own_repository(action_runner, standin, release):
    action_path = action_runner.checkout("acme", "cfi-fork", "v1.2.3")
    result = action_runner.run({"distribution-id": DIST, "paths": "/a"},
                               job_env={**without_the_built_binary_on_path(action_runner),
                                        "GITHUB_ACTION_PATH": str(action_path), "GITHUB_SERVER_URL": release.url})
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"/acme/cfi-fork/releases/download/v1.2.3/{THIS_MACHINES_ASSET}" in release.paths
    assert len(standin.invalidations()) == 1


def test_image_defaults_to_the_actions_own_repository_and_version(action_runner, standin, tmp_path):
    record = tmp_path / "docker-args.json"
    fake = action_runner.bin_dir / "docker"
    fake.write_text(FAKE_DOCKER.format(python=sys.executable, record=str(record), binary=str(action_runner.binary)))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    action_path = action_runner.checkout("Acme", "cfi-fork", "v2.0.1")
    result = action_runner.run({"distribution-id": DIST, "paths": "/a", "install": "image"},
                               job_env={"GITHUB_ACTION_PATH": str(action_path)})
    assert result.returncode == 0, result.stderr
    assert "ghcr.io/acme/cfi-fork:2.0.1" in json.loads(record.read_text()), "GHCR names are lower case"


def test_a_tampered_release_is_refused_and_nothing_is_cached_or_run(action_runner, standin, binary):
    server = FakeGitHubRelease()
    genuine = {THIS_MACHINES_ASSET: binary.read_bytes()}
    server.publish("1.2.4", {THIS_MACHINES_ASSET: binary.read_bytes() + b"\0tampered"}, sums=sha256sums(genuine))
    try:
        result = action_runner.run({"distribution-id": DIST, "paths": "/a", "version": "1.2.4",
                                    "release-url": server.release_url},
                                   job_env=without_the_built_binary_on_path(action_runner))
    finally:
        server.stop()
    assert result.returncode == 69
    assert "checksum mismatch" in result.stderr
    error = next(line for line in result.stdout.splitlines() if line.startswith("::error"))
    assert "could not install cloudfront-invalidate 1.2.4" in error
    assert not cached_binary(action_runner, "1.2.4").exists()
    assert not list(action_runner.tool_cache.rglob("*.complete"))
    assert action_runner.path_file.read_text() == ""
    assert standin.state()["requests"] == []


def test_action_outputs_are_the_contracts_outputs():
    action = yaml.safe_load(ACTION.read_text())
    assert set(action["outputs"]) == {"invalidation-ids", "invalidation-id", "status", "billable-paths",
                                      "planned-billable-paths"}
    for name, output in action["outputs"].items():
        assert output["value"] == f"${{{{ steps.run.outputs.{name} }}}}"


# ---------------------------------------------------------------------------------------------- GitLab CI


def gitlab_env(cli_env: dict[str, str], binary: Path, project_dir: Path, variables: dict[str, Any]
               ) -> dict[str, str]:
    """GitLab's predefined variables, the ID token id_tokens: would mint, then the job's variables."""
    env = {
        **cli_env,
        "PATH": f"{binary.parent}:{cli_env['PATH']}",
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_JOB_ID": "777001",
        "CI_PIPELINE_ID": "5150",
        "CI_PROJECT_DIR": str(project_dir),
        "CI_SERVER_URL": "https://gitlab.example.com",
        "AWS_ID_TOKEN": "eyJhbGciOiJSUzI1NiJ9.simulated-id-token.signature",
    }
    for name, value in variables.items():
        env[name] = os.path.expandvars(str(value)) if "$" in str(value) else str(value)
    return env


def run_gitlab_job(job: dict[str, Any], env: dict[str, str], project_dir: Path) -> subprocess.CompletedProcess:
    """Like the docker executor's shell: every script line in one `sh -e` script, stopping at the first failure."""
    lines = [*job.get("before_script", []), *job["script"]]
    return run_script(["sh", "-e"], "\n".join(lines) + "\n", env, project_dir)


def check_gitlab_job_shape(job: dict[str, Any]) -> None:
    assert job["image"]["entrypoint"] == [""], "the image's entrypoint is the tool: GitLab must reset it"
    assert "AWS_ID_TOKEN" in job["id_tokens"] and job["id_tokens"]["AWS_ID_TOKEN"]["aud"]
    assert job["artifacts"]["reports"]["dotenv"] == job["variables"]["CLOUDFRONT_DOTENV"]
    assert job["artifacts"]["when"] == "always"


def assert_dotenv_if_written(project_dir: Path, job: dict[str, Any], invalidation_id: str) -> None:
    """The dotenv report is the binary's to write (--dotenv / CLOUDFRONT_DOTENV); checked once it writes it."""
    dotenv = project_dir / job["variables"]["CLOUDFRONT_DOTENV"]
    if dotenv.exists():
        values = read_key_values(dotenv)
        assert values.get("CLOUDFRONT_INVALIDATION_ID") == invalidation_id, values
        assert "CLOUDFRONT_INVALIDATION_STATUS" in values, values


def test_gitlab_template_job_creates_on_the_standin(binary, cli_env, standin, tmp_path):
    template = yaml.safe_load(GITLAB_TEMPLATE.read_text())
    hidden = template[".cloudfront-invalidate"]
    check_gitlab_job_shape(hidden)
    # A user's job: `extends: .cloudfront-invalidate` plus its own variables (GitLab merges the hashes).
    job = {**hidden, "variables": {**hidden["variables"], "CLOUDFRONT_DISTRIBUTION_ID": DIST,
                                   "CLOUDFRONT_PATHS": "/index.html /assets/*", "CLOUDFRONT_WAIT": "true"}}
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    env = gitlab_env(cli_env, binary, project_dir, job["variables"])
    result = run_gitlab_job(job, env, project_dir)
    assert result.returncode == 0, result.stderr
    inv = only_invalidation(standin)
    assert result.stdout.split() == [inv["id"]]
    assert sorted(inv["paths"]) == ["/assets/*", "/index.html"]
    assert inv["caller_reference"].startswith("cfi-gl-777001"), inv["caller_reference"]
    assert standin.requests("GetInvalidation"), "CLOUDFRONT_WAIT from the job's variables should poll"
    assert env["AWS_ID_TOKEN"] not in result.stdout + result.stderr
    assert_dotenv_if_written(project_dir, job, inv["id"])


def interpolate(node: Any, inputs: dict[str, Any]) -> Any:
    """GitLab's `$[[ inputs.x ]]` after parsing: a whole-value reference keeps the input's type."""
    if isinstance(node, dict):
        return {interpolate(k, inputs): interpolate(v, inputs) for k, v in node.items()}
    if isinstance(node, list):
        return [interpolate(v, inputs) for v in node]
    if isinstance(node, str):
        whole = GITLAB_INTERPOLATION.fullmatch(node.strip())
        if whole:
            return inputs[whole[1]]
        return GITLAB_INTERPOLATION.sub(lambda m: str(inputs[m[1]]), node)
    return node


def render_component(given: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    header, body = yaml.safe_load_all(GITLAB_COMPONENT.read_text())
    declared = header["spec"]["inputs"]
    assert not set(given) - set(declared), set(given) - set(declared)
    inputs = {name: given.get(name, spec.get("default")) for name, spec in declared.items()}
    for name, spec in declared.items():
        if "options" in spec:
            assert inputs[name] in spec["options"], f"{name}={inputs[name]!r} is not one of {spec['options']}"
    jobs = interpolate(body, inputs)
    (name,) = jobs
    return name, jobs[name]


def test_gitlab_component_creates_on_the_standin(binary, cli_env, standin, tmp_path):
    name, job = render_component({"distribution-id": DIST, "paths": "#product-123\n/index.html",
                                  "job-name": "invalidate-prod", "stage": "publish"})
    assert name == "invalidate-prod" and job["stage"] == "publish"
    check_gitlab_job_shape(job)
    assert all(isinstance(v, str) for v in job["variables"].values()), "GitLab variables must be strings"
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    result = run_gitlab_job(job, gitlab_env(cli_env, binary, project_dir, job["variables"]), project_dir)
    assert result.returncode == 0, result.stderr
    inv = only_invalidation(standin)
    assert sorted(inv["paths"]) == ["#product-123", "/index.html"]
    assert inv["caller_reference"].startswith("cfi-gl-777001")
    assert standin.requests("GetInvalidation") == [], "wait defaults to false"
    assert_dotenv_if_written(project_dir, job, inv["id"])


def test_gitlab_component_dry_run_sends_nothing(binary, cli_env, standin, tmp_path):
    _, job = render_component({"distribution-id": DIST, "paths": "/a", "dry-run": "true"})
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    result = run_gitlab_job(job, gitlab_env(cli_env, binary, project_dir, job["variables"]), project_dir)
    assert result.returncode == 0, result.stderr
    assert standin.state()["requests"] == []


# ----------------------------------------------------------------------------------- GitLab shell executors


def shell_executor_env(cli_env: dict[str, str], binary: Path, project_dir: Path, variables: dict[str, Any]
                       ) -> dict[str, str]:
    """A shell executor's job: GitLab's variables, and a PATH without the built binary (only the install can run)."""
    env = gitlab_env(cli_env, binary, project_dir, variables)
    env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
    return env


def run_shell_executor_job(job: dict[str, Any], env: dict[str, str], project_dir: Path, shell: str
                           ) -> subprocess.CompletedProcess:
    """A shell executor runs the script lines in one shell session (bash by default; sh where configured)."""
    lines = [*job.get("before_script", []), *job["script"]]
    return run_script([shell, "-e"], "\n".join(lines) + "\n", env, project_dir)


@pytest.mark.parametrize("shell", ["sh", "bash"])
def test_gitlab_component_on_a_shell_executor_installs_the_verified_binary_and_creates(
        binary, cli_env, standin, release, tmp_path, shell):
    _, job = render_component({"distribution-id": DIST, "paths": "/index.html", "executor": "shell",
                               "version": "1.2.3", "release-url": release.release_url})
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    env = shell_executor_env(cli_env, binary, project_dir, job["variables"])
    result = run_shell_executor_job(job, env, project_dir, shell)
    assert result.returncode == 0, result.stdout + result.stderr
    installed = project_dir / ".cloudfront-invalidate" / "bin" / "cloudfront-invalidate"
    assert installed.read_bytes() == binary.read_bytes()
    assert "verified SHA-256" in result.stderr
    assert "/releases/download/v1.2.3/install.sh" in release.paths
    assert release.downloads(THIS_MACHINES_ASSET) == [f"/storage/v1.2.3/{THIS_MACHINES_ASSET}?signature=fake"]
    inv = only_invalidation(standin)
    assert result.stdout.split() == [inv["id"]] and inv["paths"] == ["/index.html"]
    assert inv["caller_reference"].startswith("cfi-gl-777001")
    assert_dotenv_if_written(project_dir, job, inv["id"])


def test_gitlab_template_on_a_shell_executor_installs_latest(binary, cli_env, standin, release, tmp_path):
    template = yaml.safe_load(GITLAB_TEMPLATE.read_text())
    hidden = template[".cloudfront-invalidate"]
    job = {**hidden, "variables": {**hidden["variables"], "CLOUDFRONT_INVALIDATE_EXECUTOR": "shell",
                                   "CLOUDFRONT_INVALIDATE_RELEASE_URL": release.release_url,
                                   "CLOUDFRONT_DISTRIBUTION_ID": DIST, "CLOUDFRONT_PATHS": "/a /b"}}
    assert hidden["variables"]["CLOUDFRONT_INVALIDATE_VERSION"] == "latest"
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    result = run_shell_executor_job(job, shell_executor_env(cli_env, binary, project_dir, job["variables"]),
                                    project_dir, "bash")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "/releases/latest/download/install.sh" in release.paths
    assert release.downloads(THIS_MACHINES_ASSET), "the binary came from the fake release"
    assert sorted(only_invalidation(standin)["paths"]) == ["/a", "/b"]


def test_gitlab_shell_executor_refuses_a_tampered_release_and_runs_nothing(binary, cli_env, standin, tmp_path):
    server = FakeGitHubRelease()
    genuine = {THIS_MACHINES_ASSET: binary.read_bytes()}
    server.publish("1.2.4", {THIS_MACHINES_ASSET: binary.read_bytes() + b"\0tampered",
                             "install.sh": (REPO_ROOT / "install.sh").read_bytes()}, sums=sha256sums(genuine))
    try:
        _, job = render_component({"distribution-id": DIST, "paths": "/a", "executor": "shell", "version": "1.2.4",
                                   "release-url": server.release_url})
        project_dir = tmp_path / "project"
        project_dir.mkdir()
        result = run_shell_executor_job(job, shell_executor_env(cli_env, binary, project_dir, job["variables"]),
                                        project_dir, "sh")
    finally:
        server.stop()
    assert result.returncode != 0
    assert "checksum mismatch" in result.stderr
    assert not (project_dir / ".cloudfront-invalidate" / "bin" / "cloudfront-invalidate").exists()
    assert standin.state()["requests"] == []


def test_gitlab_docker_executor_is_the_default_and_installs_nothing():
    _, job = render_component({"distribution-id": DIST, "paths": "/a"})
    assert job["variables"]["CLOUDFRONT_INVALIDATE_EXECUTOR"] == "docker"
    hidden = yaml.safe_load(GITLAB_TEMPLATE.read_text())[".cloudfront-invalidate"]
    assert hidden["variables"]["CLOUDFRONT_INVALIDATE_EXECUTOR"] == "docker"
    assert job["script"] == hidden["script"] == ["cloudfront-invalidate"]
    assert job["before_script"] == hidden["before_script"], "one install block in both files"
    assert "install.sh" in hidden["before_script"][0], "a job overriding script: still installs"


def test_gitlab_component_leaves_wait_and_on_timeout_to_the_pipeline_file(binary, cli_env, standin, tmp_path):
    """Inputs left alone must not become variables that beat .cloudfront-invalidate.yml (issue 12)."""
    standin.configure(completion_delay_seconds=None)  # never completes: the file's timeout and on_timeout decide
    _, job = render_component({"distribution-id": DIST, "paths": "/a"})
    for name in ("CLOUDFRONT_WAIT", "CLOUDFRONT_ON_TIMEOUT", "CLOUDFRONT_DRY_RUN"):
        assert job["variables"][name] == "", f"{name} defaults to {job['variables'][name]!r}, which beats the file"
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    (project_dir / ".cloudfront-invalidate.yml").write_text("wait: true\ntimeout: 2s\non_timeout: warn\n")
    result = run_gitlab_job(job, gitlab_env(cli_env, binary, project_dir, job["variables"]), project_dir)
    assert result.returncode == 0, result.stderr
    assert standin.requests("GetInvalidation"), "the file's wait: true should poll"
    assert "timed out" in result.stderr.lower(), result.stderr


def test_one_gitlab_oidc_audience_everywhere():
    """The template, the component, the README, the docs and the exit-77 advice declare the same `aud`."""
    default = "$CI_SERVER_URL"
    template = yaml.safe_load(GITLAB_TEMPLATE.read_text())[".cloudfront-invalidate"]
    assert template["id_tokens"]["AWS_ID_TOKEN"]["aud"] == default
    header, _ = yaml.safe_load_all(GITLAB_COMPONENT.read_text())
    assert header["spec"]["inputs"]["audience"]["default"] == default
    _, job = render_component({"distribution-id": DIST})
    assert job["id_tokens"]["AWS_ID_TOKEN"]["aud"] == default
    declared = re.compile(r"AWS_ID_TOKEN:\s*(?:\{\s*)?(?:\n\s*)?aud:\s*([^\s`}]+)")
    documents = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md")),
                 *sorted((REPO_ROOT / "examples").rglob("*.yml")),
                 *sorted((REPO_ROOT / "Sources" / "Credentials").glob("*.swift"))]
    found = {}
    for document in documents:
        if document.exists():
            for match in declared.finditer(document.read_text()):
                found.setdefault(match[1], []).append(document.relative_to(REPO_ROOT).as_posix())
    assert found, "no `AWS_ID_TOKEN: aud:` declaration found at all"
    swift_default = re.search(r'gitLabAudience = "([^"]+)"',
                              (REPO_ROOT / "Sources/Credentials/CredentialChainSettings.swift").read_text())
    assert swift_default and swift_default[1] == default
    assert set(found) <= {default, "\\(CredentialChainSettings.gitLabAudience)"}, found


# ---------------------------------------------------------------------------------------------- linters


def test_every_template_passes_its_linters():
    if shutil.which("bash") is None:
        pytest.skip("bash is needed")
    result = subprocess.run([str(REPO_ROOT / "scripts" / "lint-templates")], capture_output=True, text=True,
                            timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert "all checks passed" in result.stdout


def test_the_schema_check_rejects_a_broken_action(tmp_path):
    """The schema check can fail: an action whose composite step lacks its shell is refused."""
    lint_bin = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_path('scripts'))"],
                              capture_output=True, text=True, check=True).stdout.strip()
    checker = shutil.which("check-jsonschema", path=f"{lint_bin}:{os.environ.get('PATH', '')}")
    if checker is None:
        pytest.skip("check-jsonschema is installed by scripts/lint-templates (test_every_template_passes_its_linters)")
    action = yaml.safe_load(ACTION.read_text())
    del action["runs"]["steps"][0]["shell"]
    broken = tmp_path / "action.yml"
    broken.write_text(yaml.safe_dump(action))
    result = subprocess.run([checker, "--builtin-schema", "vendor.github-actions", str(broken)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0, result.stdout
