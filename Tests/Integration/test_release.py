"""The release machinery (issue 16): the workflows' shape and lint, the release notes taken from CHANGELOG.md, the
files a project carries, and the placeholder owner named once per file.

The workflows themselves run on GitHub; here they are held to what can be checked locally: third-party actions
pinned by full commit SHA, least-privilege permissions, the contract's asset names and image tags, actionlint and
zizmor clean (and proof that zizmor refuses what it should).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest
import yaml

from conftest import REPO_ROOT

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
RELEASE_NOTES = REPO_ROOT / "scripts" / "release-notes"
PLACEHOLDER = "cloudfront-invalidate/cloudfront-invalidate"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
TIMEOUT = 300


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text())


def steps_of(document: dict):
    for job_name, job in document["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_every_action_is_pinned_by_full_commit_sha_with_its_version_beside_it(name):
    text = (WORKFLOWS / name).read_text()
    uses = [step["uses"] for _, step in steps_of(workflow(name)) if "uses" in step]
    assert uses, "the workflow uses actions"
    for reference in uses:
        assert PINNED.match(reference), f"{name}: {reference} is not pinned by a full commit SHA"
        line = next(line for line in text.splitlines() if f"uses: {reference}" in line)
        assert re.search(r"# v\d+\.\d+\.\d+$", line), f"{name}: say which version {reference} is: {line!r}"


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_workflows_grant_nothing_by_default_and_each_job_only_what_it_needs(name):
    document = workflow(name)
    assert document["permissions"] == {}, "top level: no permissions; each job asks for its own"
    allowed = {"contents": {"read", "write"}, "packages": {"write"}, "id-token": {"write"},
               "attestations": {"write"}}
    for job_name, job in document["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{name}: job {job_name} has no explicit permissions"
        for scope, level in job["permissions"].items():
            assert level in allowed.get(scope, set()), f"{name}: {job_name} asks for {scope}: {level}"
    if name == "ci.yml":
        assert all(job["permissions"] == {"contents": "read"} for job in document["jobs"].values())
    for job_name, step in steps_of(document):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, f"{name}: {job_name} keeps git credentials"


def test_ci_runs_the_full_suite_on_linux_and_builds_and_unit_tests_on_macos():
    jobs = workflow("ci.yml")["jobs"]
    linux_runs = [step.get("run", "") for step in jobs["linux"]["steps"]]
    assert "bash .ci/run" in linux_runs
    assert jobs["linux"]["container"]["options"] == "--privileged", ".ci/run mounts /proc for its empty-root test"
    assert jobs["macos"]["runs-on"].startswith("macos-")
    macos_runs = "\n".join(step.get("run", "") for step in jobs["macos"]["steps"])
    assert "brew install" in macos_runs and "swift build --build-tests" in macos_runs
    assert "swift test --skip-build" in macos_runs
    triggers = workflow("ci.yml")[True]  # PyYAML reads the key `on` as True
    assert set(triggers) == {"push", "pull_request"}


def test_release_builds_the_contracts_assets_on_native_runners_and_the_image_tags():
    document = workflow("release.yml")
    text = (WORKFLOWS / "release.yml").read_text()
    assert document[True]["push"]["tags"] == ["v[0-9]+.[0-9]+.[0-9]+*"]
    linux = document["jobs"]["linux"]["strategy"]["matrix"]["include"]
    assert {(entry["arch"], entry["runner"]) for entry in linux} == {("x86_64", "ubuntu-24.04"),
                                                                     ("aarch64", "ubuntu-24.04-arm")}
    assert "scripts/build-static" in text and "scripts/build-macos" in text
    assert document["jobs"]["macos"]["runs-on"] == "macos-15"
    for asset in ("cloudfront-invalidate-linux-$ARCH", "cloudfront-invalidate-darwin-arm64",
                  "cloudfront-invalidate-linux-$ARCH.spdx.json", "cloudfront-invalidate-darwin-arm64.spdx.json",
                  "SHA256SUMS", "install.sh"):
        assert asset in text, asset
    images = {entry["platform"] for entry in document["jobs"]["image"]["strategy"]["matrix"]["include"]}
    assert images == {"amd64", "arm64"}
    meta = next(step for _, step in steps_of(document) if step.get("uses", "").startswith("docker/metadata-action@"))
    assert meta["with"]["tags"].split() == ["type=semver,pattern={{version}}",
                                            "type=semver,pattern={{major}}.{{minor}}", "type=semver,pattern={{major}}"]
    assert meta["with"]["flavor"] == "latest=auto"
    attested = [step["with"] for _, step in steps_of(document)
                if step.get("uses", "").startswith("actions/attest-build-provenance@")]
    assert {"subject-checksums": "dist/SHA256SUMS"} in attested, "the binaries are attested"
    assert any(a.get("push-to-registry") is True and "subject-digest" in a for a in attested), "and the image"
    assert "--notes-file release-notes.md" in text and "git/refs/tags/$MAJOR" in text


def test_workflows_and_the_action_pass_actionlint_and_zizmor():
    result = subprocess.run([str(REPO_ROOT / "scripts" / "lint-workflows")], capture_output=True, text=True,
                            timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "all checks passed" in result.stdout


BAD_WORKFLOW = """\
name: bad
on: [issues]
permissions: write-all
jobs:
  bad:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.issue.title }}"
"""


def test_zizmor_refuses_an_unpinned_action_and_a_template_injection(tmp_path):
    """The lint can fail: the audits this repository relies on fire on a workflow that breaks them."""
    test_workflows_and_the_action_pass_actionlint_and_zizmor()  # installs zizmor when missing
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(BAD_WORKFLOW)
    zizmor = shutil.which("zizmor", path=f"{sysconfig.get_path('scripts')}:{os.environ.get('PATH', '')}")
    assert zizmor
    result = subprocess.run([zizmor, "--offline", "--no-progress", str(folder / "bad.yml")], capture_output=True,
                            text=True, timeout=TIMEOUT)
    assert result.returncode != 0
    for audit in ("unpinned-uses", "template-injection", "artipacked"):
        assert audit in result.stdout, f"{audit} not reported:\n{result.stdout[-3000:]}"


# ------------------------------------------------------------------------------------------ release notes


CHANGELOG = """\
# Changelog

## [Unreleased]

- not yet

## [1.1.0] - 2026-12-01

### Added
- one
- two

## [1.0.0] - 2026-11-01

- first

[Unreleased]: https://example.com/compare/v1.1.0...HEAD
[1.1.0]: https://example.com/compare/v1.0.0...v1.1.0
"""


def release_notes(version: str, changelog: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(RELEASE_NOTES), version, str(changelog)], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize(("version", "notes"), [
    ("1.1.0", "### Added\n- one\n- two\n"),
    ("v1.0.0", "- first\n"),  # the last section, without the link definitions under it
])
def test_release_notes_are_the_versions_changelog_section(tmp_path, version, notes):
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG)
    result = release_notes(version, changelog)
    assert result.returncode == 0, result.stderr
    assert result.stdout == notes


@pytest.mark.parametrize(("version", "code", "says"), [
    ("2.0.0", 1, "has no section '## [2.0.0] - DATE'"),
    ("Unreleased", 64, "is not a version"),
])
def test_a_tag_without_its_changelog_section_is_not_released(tmp_path, version, code, says):
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG)
    result = release_notes(version, changelog)
    assert result.returncode == code
    assert says in result.stderr and result.stdout == ""


def test_the_changelog_keeps_a_changelog_with_entries_waiting_for_the_release():
    text = (REPO_ROOT / "CHANGELOG.md").read_text()
    assert "[Keep a Changelog](https://keepachangelog.com/" in text
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## [", 1)[0]
    assert "### Added" in unreleased and unreleased.count("\n- ") >= 10


# ------------------------------------------------------------------------------------ files and the owner


def test_the_files_a_project_carries():
    license_text = (REPO_ROOT / "LICENSE").read_text()
    assert "Apache License" in license_text and "Version 2.0, January 2004" in license_text
    assert "END OF TERMS AND CONDITIONS" in license_text
    contributing = (REPO_ROOT / "CONTRIBUTING.md").read_text()
    assert "scripts/demo" in contributing and "scripts/test" in contributing and "RECORD_GOLDEN" in contributing
    assert "Report a vulnerability" in (REPO_ROOT / "SECURITY.md").read_text()


def code_lines(path: Path) -> list[str]:
    """Lines that are not comments (shell `#` comments; YAML comments before the run script)."""
    return [line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", ["install.sh", "action.yml", "scripts/build-macos"])
def test_the_placeholder_owner_is_set_in_one_place(name):
    lines = [line for line in code_lines(REPO_ROOT / name) if PLACEHOLDER in line]
    assert len(lines) <= 1, f"{name} names {PLACEHOLDER} on {len(lines)} code lines: {lines}"


def test_the_workflows_name_no_owner_at_all():
    for path in WORKFLOWS.glob("*.yml"):
        assert PLACEHOLDER not in path.read_text(), f"{path.name}: use github.repository"
