"""The static binary from an empty root: nothing but the binary, /proc, /etc/hosts and (maybe) a CA bundle.

Each test builds a fresh root directory, mounts /proc in it, and runs the binary from `scripts/build-static`
($CLOUDFRONT_INVALIDATE_STATIC_BIN; `scripts/test` builds it and sets it) with chroot(8) against the stand-in serving
HTTPS with a test CA, by name (https://localhost:PORT, or a name only /etc/hosts knows). It proves the binary needs no
shared library, no NSS module, no user database and no HOME, and that it finds the CA bundle where each
distribution keeps it. chroot and mount need root: CI runs as root.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "standin"))

import cloudfront_standin  # noqa: E402

STATIC_BIN = os.environ.get("CLOUDFRONT_INVALIDATE_STATIC_BIN", "")
HOSTS_ONLY_NAME = "standin.test"  # resolvable only through the root's /etc/hosts
RUN_TIMEOUT = 60  # seconds one run may take
CHROOT = shutil.which("chroot") or shutil.which("chroot", path="/usr/sbin:/sbin") or "/usr/sbin/chroot"

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="chroot and mounting /proc need root (CI runs as root)"),
    pytest.mark.skipif(not STATIC_BIN, reason="CLOUDFRONT_INVALIDATE_STATIC_BIN is not set: build the static "
                                              "binary with scripts/build-static (scripts/test does both)"),
]


def _write_ca_and_server_cert(directory: Path, names: list[str]) -> tuple[Path, Path, Path]:
    """A throwaway CA, and a server certificate it signed for `names` and 127.0.0.1: (ca.pem, server.pem, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"cloudfront-invalidate test CA {directory.name}")])
    ca_cert = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                            content_commitment=False, key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, encipher_only=False, decipher_only=False),
                              critical=True)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    alt_names: list[x509.GeneralName] = [x509.DNSName(name) for name in names]
    alt_names.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    directory.mkdir(parents=True, exist_ok=True)
    ca_path, cert_path, key_path = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_path, cert_path, key_path


@pytest.fixture(scope="module")
def tls(tmp_path_factory) -> dict[str, Path]:
    """The test CA (trusted in the root) and another CA the server's certificate does not chain to."""
    base = tmp_path_factory.mktemp("tls")
    ca, cert, key = _write_ca_and_server_cert(base / "trusted", ["localhost", HOSTS_ONLY_NAME])
    other_ca, _, _ = _write_ca_and_server_cert(base / "other", ["localhost"])
    return {"ca": ca, "cert": cert, "key": key, "other_ca": other_ca}


@pytest.fixture(scope="module")
def https_standin(tls) -> Iterator[cloudfront_standin.StandinServer]:
    server = cloudfront_standin.start_tls(str(tls["cert"]), str(tls["key"]))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def empty_root(tmp_path) -> Iterator[Path]:
    """A root holding only /bin/cloudfront-invalidate, a mounted /proc and /etc/hosts."""
    root = tmp_path / "root"
    (root / "bin").mkdir(parents=True)
    (root / "proc").mkdir()
    (root / "etc").mkdir()
    shutil.copy2(STATIC_BIN, root / "bin" / "cloudfront-invalidate")
    (root / "etc" / "hosts").write_text(f"127.0.0.1 localhost {HOSTS_ONLY_NAME}\n::1 localhost\n")
    subprocess.run(["mount", "-t", "proc", "proc", str(root / "proc")], check=True)
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root / "proc")], check=False)


def place(root: Path, source: Path, inside: str) -> None:
    target = root / inside.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def run_in_root(root: Path, server: cloudfront_standin.StandinServer, args: list[str], host: str = "localhost",
                extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the binary chrooted into `root`, with nothing in its environment but credentials and the endpoint."""
    env = {
        "AWS_ACCESS_KEY_ID": cloudfront_standin.DEFAULT_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": cloudfront_standin.DEFAULT_SECRET_ACCESS_KEY,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ENDPOINT_URL_CLOUDFRONT": f"https://{host}:{server.port}",
        "NO_COLOR": "1",
        **(extra_env or {}),
    }
    return subprocess.run([CHROOT, str(root), "/bin/cloudfront-invalidate", *args], env=env, cwd="/",
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=RUN_TIMEOUT)


def create_and_wait(root: Path, server: cloudfront_standin.StandinServer, host: str = "localhost",
                    extra_env: dict[str, str] | None = None) -> None:
    server.state.reset()
    result = run_in_root(root, server, ["-d", cloudfront_standin.DEFAULT_DISTRIBUTION_ID, "--wait", "/index.html"],
                         host=host, extra_env=extra_env)
    assert result.returncode == 0, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    invalidations = server.state.snapshot()["invalidations"]
    assert [inv["id"] for inv in invalidations] == [result.stdout.strip()]
    assert invalidations[0]["status"] == "Completed"


def test_static_binary_has_no_interpreter_and_no_shared_libraries():
    headers = subprocess.run(["readelf", "-lW", STATIC_BIN], capture_output=True, text=True, check=True).stdout
    dynamic = subprocess.run(["readelf", "-dW", STATIC_BIN], capture_output=True, text=True).stdout
    assert "INTERP" not in headers
    assert "NEEDED" not in dynamic


def test_version_verbose_lists_the_components_from_an_empty_root(empty_root, https_standin):
    result = run_in_root(empty_root, https_standin, ["--version", "--verbose"])
    assert result.returncode == 0, result.stderr
    names = [line.split(":", 1)[0] for line in result.stdout.splitlines()[1:]]
    for name in ["linkage", "swift", "swift-argument-parser", "curl", "openssl", "libyaml", "expat", "glibc"]:
        assert name in names, result.stdout
    assert "linkage: static" in result.stdout


@pytest.mark.parametrize("location", [
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu
    "/etc/pki/tls/certs/ca-bundle.crt",  # RHEL, Fedora, Amazon Linux
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # RHEL 7+
    "/etc/ssl/cert.pem",  # Alpine
])
def test_create_and_wait_with_the_bundle_where_a_distribution_keeps_it(empty_root, https_standin, tls, location):
    place(empty_root, tls["ca"], location)
    create_and_wait(empty_root, https_standin)


def test_create_and_wait_with_ssl_cert_file(empty_root, https_standin, tls):
    place(empty_root, tls["ca"], "/certs/test-ca.pem")
    create_and_wait(empty_root, https_standin, extra_env={"SSL_CERT_FILE": "/certs/test-ca.pem"})


def test_a_name_only_etc_hosts_knows_resolves_without_nss_modules(empty_root, https_standin, tls):
    place(empty_root, tls["ca"], "/etc/ssl/certs/ca-certificates.crt")
    create_and_wait(empty_root, https_standin, host=HOSTS_ONLY_NAME)


def test_no_bundle_anywhere_exits_69_naming_the_problem(empty_root, https_standin):
    https_standin.state.reset()
    result = run_in_root(empty_root, https_standin,
                         ["-d", cloudfront_standin.DEFAULT_DISTRIBUTION_ID, "--wait", "/index.html"])
    assert result.returncode == 69, result.stderr
    assert "No CA certificates found" in result.stderr
    assert "SSL_CERT_FILE" in result.stderr and "/etc/ssl/cert.pem" in result.stderr
    assert https_standin.state.snapshot()["invalidations"] == []


def test_a_bundle_without_the_servers_ca_is_refused(empty_root, https_standin, tls):
    """Verification is on: a bundle that does not hold the server's CA fails the handshake (69), nothing created."""
    https_standin.state.reset()
    place(empty_root, tls["other_ca"], "/etc/ssl/certs/ca-certificates.crt")
    result = run_in_root(empty_root, https_standin,
                         ["-d", cloudfront_standin.DEFAULT_DISTRIBUTION_ID, "/index.html"])
    assert result.returncode == 69, result.stderr
    assert https_standin.state.snapshot()["invalidations"] == []
