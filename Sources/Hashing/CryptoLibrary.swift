internal import COpenSSL

/// The OpenSSL this binary runs with, for `--version --verbose` and bug reports.
public enum CryptoLibrary {
    /// OpenSSL's own version text, e.g. "OpenSSL 3.0.17 1 Jul 2025".
    public static var version: String { String(cString: OpenSSL_version(Int32(OPENSSL_VERSION))) }
}
