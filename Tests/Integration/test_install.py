"""install.sh against a fake GitHub release on 127.0.0.1 (issue 16).

Each run is `SHELL install.sh …` under dash (Debian's `sh`) and `busybox sh` (Alpine's shell, whose applets such as
sha256sum and wget stand in for coreutils'). The releases' "binaries" are small shell scripts that answer
`--version`, so every asset runs on this machine whatever architecture it is named for. A fake `uname` (and `id`)
first on PATH plays other machines; busybox's standalone shell runs its own applets before PATH, so those runs use
dash only.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from fakes.github_release import FakeGitHubRelease, sha256sums

INSTALL_SH = REPO_ROOT / "install.sh"
NAME = "cloudfront-invalidate"
THIS_MACHINE = f"{NAME}-linux-x86_64"
TIMEOUT = 60
BUSYBOX = shutil.which("busybox")
SHELLS = {"sh": ["sh"], "busybox-sh": [BUSYBOX or "busybox", "sh"]}


def fake_binary(version: str, machine: str) -> bytes:
    return f"#!/bin/sh\necho '{NAME} {version} ({machine})'\n".encode()


def assets_of(version: str) -> dict[str, bytes]:
    return {f"{NAME}-{m}": fake_binary(version, m) for m in ("linux-x86_64", "linux-aarch64", "darwin-arm64")}


@pytest.fixture
def release():
    server = FakeGitHubRelease()
    server.publish("1.2.3", assets_of("1.2.3"))
    server.publish("1.3.0", assets_of("1.3.0"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=list(SHELLS))
def shell(request) -> list[str]:
    if request.param == "busybox-sh":
        assert BUSYBOX, "busybox is installed by scripts/install-deps (apt-get install busybox-static)"
    return SHELLS[request.param]


def fake_tool(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def path_without(folder: Path, *missing: str) -> str:
    """A PATH folder holding every command of /usr/local/bin, /usr/bin and /bin except ``missing``."""
    folder.mkdir(exist_ok=True)
    for source in ("/usr/local/bin", "/usr/bin", "/bin"):
        if not os.path.isdir(source):
            continue
        for entry in os.listdir(source):
            target = folder / entry
            if entry in missing or target.exists() or target.is_symlink():
                continue
            target.symlink_to(os.path.join(source, entry))
    return str(folder)


def install(shell: list[str], args: list[str], tmp_path: Path, path: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {"PATH": path or os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path / "home"),
                   "TMPDIR": str(tmp_path), **(env or {})}
    return subprocess.run([*shell, str(INSTALL_SH), *args], env=environment, capture_output=True, text=True,
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL, cwd=str(tmp_path))


def leftovers(tmp_path: Path) -> list[str]:
    """Download folders install.sh left in TMPDIR (it removes its own on every exit)."""
    return [p.name for p in tmp_path.iterdir() if p.name.startswith("tmp")]


def test_installs_a_version(shell, release, tmp_path):
    target = tmp_path / "bin"
    result = install(shell, ["--version", "1.2.3", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path)
    assert result.returncode == 0, result.stderr
    installed = target / NAME
    assert result.stdout == f"{installed}\n"
    assert installed.read_bytes() == fake_binary("1.2.3", "linux-x86_64")
    assert os.access(installed, os.X_OK)
    assert sorted(os.listdir(target)) == [NAME]
    assert "verified SHA-256" in result.stderr and "1.2.3" in result.stderr
    assert release.downloads(THIS_MACHINE) == [f"/storage/v1.2.3/{THIS_MACHINE}?signature=fake"]
    assert not leftovers(tmp_path)


def test_installs_latest_by_default_and_replaces_an_older_install(shell, release, tmp_path):
    target = tmp_path / "bin"
    target.mkdir()
    (target / NAME).write_text("#!/bin/sh\necho old\n")
    result = install(shell, ["--dir", str(target), "--release-url", release.release_url], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (target / NAME).read_bytes() == fake_binary("1.3.0", "linux-x86_64")
    assert f"/releases/latest/download/{THIS_MACHINE}" in release.paths
    assert f"/releases/latest/download/SHA256SUMS" in release.paths
    assert sorted(os.listdir(target)) == [NAME]


def test_version_with_a_leading_v_and_the_equals_form(release, tmp_path):
    target = tmp_path / "bin"
    result = install(["sh"], ["--version=v1.2.3", f"--dir={target}", f"--release-url={release.release_url}/"],
                     tmp_path)
    assert result.returncode == 0, result.stderr
    assert (target / NAME).read_bytes() == fake_binary("1.2.3", "linux-x86_64")


def assert_nothing_installed(target: Path, before: dict[str, bytes] | None, tmp_path: Path) -> None:
    if before is None:
        assert not target.exists(), f"{target} was created: {os.listdir(target)}"
    else:
        assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert not leftovers(tmp_path)


def test_tampered_binary_is_refused_and_nothing_installed(shell, release, tmp_path):
    assets = assets_of("2.0.0")
    sums = sha256sums(assets)
    assets[THIS_MACHINE] = assets[THIS_MACHINE] + b"echo pwned\n"  # the binary changed after SHA256SUMS was made
    release.publish("2.0.0", assets, sums=sums)
    target = tmp_path / "bin"
    target.mkdir()
    (target / NAME).write_bytes(b"#!/bin/sh\necho old\n")
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    result = install(shell, ["--version", "2.0.0", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path)
    assert result.returncode != 0
    assert "checksum mismatch" in result.stderr and THIS_MACHINE in result.stderr
    assert result.stdout == ""
    assert_nothing_installed(target, before, tmp_path)


def test_a_missing_release_is_a_404_naming_the_url(shell, release, tmp_path):
    target = tmp_path / "bin"
    result = install(shell, ["--version", "9.9.9", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path)
    assert result.returncode != 0
    assert "HTTP 404" in result.stderr
    assert f"{release.release_url}/download/v9.9.9/" in result.stderr
    assert_nothing_installed(target, None, tmp_path)


def test_a_release_without_this_machines_asset_is_a_404(release, tmp_path):
    assets = assets_of("2.1.0")
    del assets[THIS_MACHINE]
    release.publish("2.1.0", assets)
    target = tmp_path / "bin"
    result = install(["sh"], ["--version", "2.1.0", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path)
    assert result.returncode != 0 and "HTTP 404" in result.stderr and THIS_MACHINE in result.stderr
    assert_nothing_installed(target, None, tmp_path)


@pytest.mark.parametrize("downloader", ["curl", "wget"])
def test_a_truncated_download_is_refused(shell, downloader, release, tmp_path):
    release.truncated.add(THIS_MACHINE)
    target = tmp_path / "bin"
    path = path_without(tmp_path / "path", "curl") if downloader == "wget" else None
    result = install(shell, ["--version", "1.2.3", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path, path=path)
    assert result.returncode != 0
    assert THIS_MACHINE in result.stderr
    assert ("cut short" in result.stderr) if downloader == "curl" else ("download failed" in result.stderr)
    assert release.downloads(THIS_MACHINE), "the truncated asset was requested"
    assert_nothing_installed(target, None, tmp_path)


def test_an_unknown_architecture_is_refused_before_any_download(release, tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    fake_tool(tools, "uname", 'case "$1" in -s) echo Linux ;; -m) echo riscv64 ;; *) echo Linux ;; esac')
    target = tmp_path / "bin"
    result = install(["sh"], ["--dir", str(target), "--release-url", release.release_url], tmp_path,
                     path=f"{tools}:{os.environ['PATH']}")
    assert result.returncode != 0
    assert "riscv64" in result.stderr and "architecture" in result.stderr
    assert "container image" in result.stderr, "it names the alternatives"
    assert release.paths == []
    assert_nothing_installed(target, None, tmp_path)


@pytest.mark.parametrize(("system", "machine", "asset"), [
    ("Linux", "aarch64", "linux-aarch64"),
    ("Linux", "arm64", "linux-aarch64"),
    ("Linux", "amd64", "linux-x86_64"),
    ("Darwin", "arm64", "darwin-arm64"),
])
def test_each_machine_gets_its_asset(system, machine, asset, release, tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    fake_tool(tools, "uname", f'case "$1" in -m) echo {machine} ;; *) echo {system} ;; esac')
    target = tmp_path / "bin"
    result = install(["sh"], ["--version", "1.2.3", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path, path=f"{tools}:{os.environ['PATH']}")
    assert result.returncode == 0, result.stderr
    assert (target / NAME).read_bytes() == fake_binary("1.2.3", asset)


@pytest.mark.parametrize(("system", "machine"), [("Darwin", "x86_64"), ("FreeBSD", "amd64"),
                                                 ("MINGW64_NT-10.0", "x86_64")])
def test_machines_without_a_binary_are_refused(system, machine, release, tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    fake_tool(tools, "uname", f'case "$1" in -m) echo {machine} ;; *) echo {system} ;; esac')
    result = install(["sh"], ["--dir", str(tmp_path / "bin"), "--release-url", release.release_url], tmp_path,
                     path=f"{tools}:{os.environ['PATH']}")
    assert result.returncode != 0 and "no release binary" in result.stderr
    assert release.paths == []


@pytest.mark.parametrize("missing", [
    ("curl",),                       # wget downloads
    ("sha256sum",),                  # shasum verifies
    ("sha256sum", "shasum"),         # openssl verifies
])
def test_other_downloaders_and_hashers(missing, release, tmp_path):
    target = tmp_path / "bin"
    result = install(["sh"], ["--version", "1.2.3", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path, path=path_without(tmp_path / "path", *missing))
    assert result.returncode == 0, result.stderr
    assert (target / NAME).read_bytes() == fake_binary("1.2.3", "linux-x86_64")


@pytest.mark.parametrize("missing", [
    ("curl", "wget"),
    ("sha256sum", "shasum", "openssl"),
])
def test_without_a_downloader_or_a_hasher_nothing_is_fetched(missing, release, tmp_path):
    target = tmp_path / "bin"
    result = install(["sh"], ["--dir", str(target), "--release-url", release.release_url], tmp_path,
                     path=path_without(tmp_path / "path", *missing))
    assert result.returncode != 0
    assert all(tool in result.stderr for tool in missing), result.stderr
    assert release.paths == []
    assert_nothing_installed(target, None, tmp_path)


def test_tampered_checksums_with_the_right_binary_still_refused(release, tmp_path):
    """A SHA256SUMS whose line for this asset is malformed is not a pass."""
    assets = assets_of("2.2.0")
    release.publish("2.2.0", assets, sums=f"not-a-hash  {THIS_MACHINE}\n".encode())
    target = tmp_path / "bin"
    result = install(["sh"], ["--version", "2.2.0", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path)
    assert result.returncode != 0 and "malformed" in result.stderr
    assert_nothing_installed(target, None, tmp_path)


def test_a_binary_that_does_not_run_here_is_not_installed(release, tmp_path):
    assets = assets_of("2.3.0")
    assets[THIS_MACHINE] = b"\x7fELF\x02\x01\x01not really an executable"
    release.publish("2.3.0", assets)
    target = tmp_path / "bin"
    result = install(["sh"], ["--version", "2.3.0", "--dir", str(target), "--release-url", release.release_url],
                     tmp_path)
    assert result.returncode != 0 and "does not run on this machine" in result.stderr
    assert_nothing_installed(target, None, tmp_path)


def test_default_dir_is_home_local_bin_for_a_user(release, tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    fake_tool(tools, "id", 'if [ "$1" = -u ]; then echo 1000; else exec /usr/bin/id "$@"; fi')
    result = install(["sh"], ["--release-url", release.release_url], tmp_path, path=f"{tools}:{os.environ['PATH']}")
    assert result.returncode == 0, result.stderr
    installed = tmp_path / "home" / ".local" / "bin" / NAME
    assert result.stdout == f"{installed}\n"
    assert installed.read_bytes() == fake_binary("1.3.0", "linux-x86_64")
    assert "not on PATH" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--version", "one"], "is not a version"),
    (["--version", "1.2.3;rm"], "is not a version"),
    (["--release-url", "ftp://example.com"], "not an http(s) URL"),
    (["--dir"], "--dir needs a value"),
    (["--bogus"], "unknown argument '--bogus'"),
])
def test_bad_arguments_are_usage_errors(args, message, release, tmp_path):
    result = install(["sh"], args, tmp_path)
    assert result.returncode == 64
    assert message in result.stderr
    assert "usage: sh install.sh" in result.stderr or "is not" in result.stderr


def test_install_sh_is_posix_sh_by_its_own_checker():
    """`sh -n` under dash and busybox parses it; shellcheck (when installed) finds nothing in POSIX mode."""
    for shell in (["sh"], [BUSYBOX or "busybox", "sh"]):
        result = subprocess.run([*shell, "-n", str(INSTALL_SH)], capture_output=True, text=True, timeout=TIMEOUT)
        assert result.returncode == 0, result.stderr
    if shutil.which("shellcheck"):
        result = subprocess.run(["shellcheck", "-s", "sh", str(INSTALL_SH)], capture_output=True, text=True,
                                timeout=TIMEOUT)
        assert result.returncode == 0, result.stdout
