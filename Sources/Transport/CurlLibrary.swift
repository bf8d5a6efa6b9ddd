internal import CCurl

/// The libcurl this binary runs with and the TLS library under it, for `--version --verbose` and bug reports.
public enum CurlLibrary {
    /// libcurl's version, e.g. "7.88.1".
    public static var version: String {
        guard let info = cfi_version_info(), let text = info.pointee.version else { return "unknown" }
        return String(cString: text)
    }

    /// The TLS backend libcurl was built with, e.g. "OpenSSL/3.0.17".
    public static var tlsVersion: String {
        guard let info = cfi_version_info(), let text = info.pointee.ssl_version else { return "none" }
        return String(cString: text)
    }
}
