#!/bin/sh
# Installs cloudfront-invalidate from a GitHub release, verified against the release's SHA256SUMS.
#
#   curl -fsSL https://github.com/cloudfront-invalidate/cloudfront-invalidate/releases/latest/download/install.sh | sh
#   sh install.sh [--version X.Y.Z|latest] [--dir DIR] [--release-url URL]
#
# It picks the asset for this machine (cloudfront-invalidate-linux-x86_64, -linux-aarch64, -darwin-arm64), downloads
# it and SHA256SUMS with curl or wget from GitHub's release layout (URL/download/vX.Y.Z/ASSET, or
# URL/latest/download/ASSET), checks the SHA-256 with sha256sum, shasum or openssl, checks that the binary runs, and
# only then moves it into DIR (default /usr/local/bin as root, else ~/.local/bin). On any failure it exits non-zero,
# says why, and leaves nothing in DIR. Progress goes to stderr; stdout gets the installed path and nothing else.
# POSIX sh: runs under dash, busybox sh, bash and zsh's sh emulation.
set -eu

# The one place this file names the repository: a fork changes this line (or passes --release-url).
repository=cloudfront-invalidate/cloudfront-invalidate
name=cloudfront-invalidate

version=latest
dir=
release_url=https://github.com/$repository/releases
work=
created_dir=
staged=

say() { printf '%s: %s\n' "install.sh" "$*" >&2; }
die() {
    status=$1
    shift
    say "$*"
    exit "$status"
}
usage() {
    cat >&2 <<EOF
usage: sh install.sh [--version X.Y.Z|latest] [--dir DIR] [--release-url URL]
  --version      release to install: X.Y.Z (or vX.Y.Z), or latest (default)
  --dir          where to put $name (default /usr/local/bin as root, else \$HOME/.local/bin)
  --release-url  the releases page to download from (default $release_url)
EOF
}

# Whatever happens, nothing half-done is left behind: the download folder, a staged file in DIR, and DIR itself
# when this run created it.
cleanup() {
    if [ -n "$staged" ]; then rm -f "$staged"; fi
    if [ -n "$created_dir" ]; then rmdir "$created_dir" 2>/dev/null || true; fi
    if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

while [ $# -gt 0 ]; do
    case $1 in
        --version | --dir | --release-url)
            [ $# -ge 2 ] || { usage; die 64 "$1 needs a value."; }
            case $1 in
                --version) version=$2 ;;
                --dir) dir=$2 ;;
                --release-url) release_url=$2 ;;
            esac
            shift 2
            ;;
        --version=*) version=${1#*=}; shift ;;
        --dir=*) dir=${1#*=}; shift ;;
        --release-url=*) release_url=${1#*=}; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage; die 64 "unknown argument '$1'." ;;
    esac
done

# --- what to download -------------------------------------------------------------------------------------------

case $version in
    latest) tag= ;;
    v[0-9]*) tag=$version ;;
    [0-9]*) tag=v$version ;;
    *) die 64 "--version '$version' is not a version: give X.Y.Z (for example 1.0.0) or latest." ;;
esac
case ${tag#v} in
    *[!0-9A-Za-z.+-]* | *..* | .* | *.) die 64 "--version '$version' is not a version: give X.Y.Z (for example 1.0.0) or latest." ;;
esac
case $release_url in
    https://* | http://*) release_url=${release_url%/} ;;
    *) die 64 "--release-url '$release_url' is not an http(s) URL: give the releases page, e.g. https://github.com/$repository/releases." ;;
esac

os=$(uname -s 2>/dev/null || echo unknown)
arch=$(uname -m 2>/dev/null || echo unknown)
case $os in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) die 1 "no release binary for the operating system '$os' (binaries exist for Linux x86_64 and aarch64, and macOS arm64): run the container image ghcr.io/$repository, or build from source with 'swift build -c release'." ;;
esac
case $os/$arch in
    linux/x86_64 | linux/amd64) arch=x86_64 ;;
    linux/aarch64 | linux/arm64) arch=aarch64 ;;
    darwin/arm64 | darwin/aarch64) arch=arm64 ;;
    *) die 1 "no release binary for the architecture '$arch' on $os (binaries exist for Linux x86_64 and aarch64, and macOS arm64): run the container image ghcr.io/$repository, or build from source with 'swift build -c release'." ;;
esac
asset=$name-$os-$arch
if [ -n "$tag" ]; then
    base=$release_url/download/$tag
else
    base=$release_url/latest/download
fi

# --- where to install -------------------------------------------------------------------------------------------

if [ -z "$dir" ]; then
    if [ "$(id -u)" = 0 ]; then
        dir=/usr/local/bin
    else
        [ -n "${HOME:-}" ] || die 64 "HOME is not set: pass --dir DIR."
        dir=$HOME/.local/bin
    fi
fi

# --- downloading ------------------------------------------------------------------------------------------------

if command -v curl >/dev/null 2>&1; then
    downloader=curl
elif command -v wget >/dev/null 2>&1; then
    downloader=wget
else
    die 1 "neither curl nor wget is installed: install one of them (apt-get install curl, apk add curl)."
fi

# fetch URL FILE: fails with a message that tells a missing file (404) from a cut-short or failed transfer.
fetch() {
    if [ "$downloader" = curl ]; then
        code=0
        http_status=$(curl --silent --show-error --location --retry 2 --connect-timeout 20 --max-time 300 \
            --output "$2" --write-out '%{http_code}' "$1" 2>"$work/fetch.err") || code=$?
        if [ "$code" -eq 0 ] && [ "$http_status" -ge 200 ] && [ "$http_status" -lt 300 ]; then return 0; fi
        case $code/$http_status in
            0/404 | 22/404) die 1 "not found (HTTP 404): $1. Check --version ('$version') and --release-url; the releases are listed at $release_url." ;;
            0/*) die 1 "download failed (HTTP $http_status): $1." ;;
            18/*) die 1 "download cut short (the server sent fewer bytes than it announced): $1. Nothing was installed; try again." ;;
            *) die 1 "download failed (curl exit $code: $(tr -d '\r' <"$work/fetch.err" | tail -n 1)): $1." ;;
        esac
    else
        # GNU wget retries a cut-short transfer up to 20 times by default; busybox wget has no --tries, and
        # busybox 1.35's static build crashes on -T, so the limits are GNU's only.
        limits=
        if wget --version 2>/dev/null | grep -q 'GNU Wget'; then limits='--tries=2 --timeout=60'; fi
        code=0
        # shellcheck disable=SC2086 # $limits is two options or nothing
        wget -S $limits -O "$2" "$1" 2>"$work/fetch.err" || code=$?
        [ "$code" -eq 0 ] && return 0
        if grep -q 'HTTP/[0-9.]* 404' "$work/fetch.err"; then
            die 1 "not found (HTTP 404): $1. Check --version ('$version') and --release-url; the releases are listed at $release_url."
        fi
        die 1 "download failed (wget exit $code: a cut-short transfer, a server error or no connection): $1."
    fi
}

# The SHA-256 tool, chosen before anything is downloaded: sha256sum (GNU, busybox), shasum (macOS, perl), openssl.
if command -v sha256sum >/dev/null 2>&1; then
    hasher=sha256sum
elif command -v shasum >/dev/null 2>&1; then
    hasher=shasum
elif command -v openssl >/dev/null 2>&1; then
    hasher=openssl
else
    die 1 "cannot verify downloads: none of sha256sum, shasum or openssl is installed (install coreutils, perl or openssl)."
fi

# sha256 FILE: the lower-case hex SHA-256 of FILE.
sha256() {
    case $hasher in
        sha256sum) sha256sum "$1" | cut -d ' ' -f 1 ;;
        shasum) shasum -a 256 "$1" | cut -d ' ' -f 1 ;;
        openssl) openssl dgst -sha256 <"$1" | awk '{ print $NF }' ;;
    esac | tr 'ABCDEF' 'abcdef'
}

work=$(mktemp -d 2>/dev/null || mktemp -d -t cloudfront-invalidate)
say "downloading $asset ($version) from $base"
fetch "$base/SHA256SUMS" "$work/SHA256SUMS"
fetch "$base/$asset" "$work/$asset"

# SHA256SUMS lines are "<hex>  <name>" (text mode) or "<hex> *<name>" (binary mode).
expected=$(awk -v asset="$asset" '$2 == asset || $2 == "*" asset { print $1; exit }' "$work/SHA256SUMS" |
    tr 'ABCDEF' 'abcdef')
case $expected in
    "") die 1 "SHA256SUMS at $base lists no '$asset': this release has no binary for $os $arch." ;;
    *[!0-9a-f]*) die 1 "SHA256SUMS at $base has a malformed line for '$asset'." ;;
esac
[ ${#expected} -eq 64 ] || die 1 "SHA256SUMS at $base has a malformed line for '$asset'."
actual=$(sha256 "$work/$asset")
if [ "$actual" != "$expected" ]; then
    die 1 "checksum mismatch for $asset: SHA256SUMS says $expected, the download is $actual. The file was damaged or tampered with; nothing was installed."
fi
say "verified SHA-256 $actual"

# --- installing -------------------------------------------------------------------------------------------------

if [ ! -d "$dir" ]; then
    mkdir -p "$dir" || die 1 "cannot create $dir: pass --dir to a folder you can write, or run as root."
    created_dir=$dir
fi
# Staged beside its final name so the last step is a rename within one file system: DIR never holds a partial file.
staged=$dir/.$name.install.$$
cp "$work/$asset" "$staged" 2>/dev/null || die 1 "cannot write to $dir: pass --dir to a folder you can write, or run as root."
chmod 0755 "$staged"
if ! reported=$("$staged" --version 2>&1); then
    die 1 "the downloaded $asset does not run on this machine ($(printf '%s' "$reported" | tail -n 1)); nothing was installed."
fi
mv -f "$staged" "$dir/$name" || die 1 "cannot write $dir/$name: pass --dir to a folder you can write, or run as root."
staged=
created_dir=
say "installed $dir/$name ($reported)"
case ":${PATH:-}:" in
    *":$dir:"*) ;;
    *) say "$dir is not on PATH: add it (export PATH=\"$dir:\$PATH\"; on GitHub Actions: echo \"$dir\" >> \"\$GITHUB_PATH\")." ;;
esac
printf '%s\n' "$dir/$name"
