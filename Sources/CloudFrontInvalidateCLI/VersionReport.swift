import Configuration
import Hashing
import Transport
import XML

#if canImport(Glibc)
    import Glibc
#endif

/// `--version --verbose`: the version and every component linked in, one `name: version` a line, for bug reports
/// and scanners (the same components the release's SBOM names).
public enum VersionReport {
    /// True when the arguments ask for the version with `-v`/`--verbose` beside `--version` (before any `--`).
    public static func isRequested(by arguments: [String]) -> Bool {
        let options = arguments.prefix { $0 != "--" }
        return options.contains("--version") && (options.contains("--verbose") || options.contains("-v"))
    }

    /// The report's lines.
    public static func lines() -> [String] {
        var lines = [
            "cloudfront-invalidate \(BuildInfo.versionLine)",
            "linkage: \(BuildInfo.linkage)",
            "swift: \(BuildInfo.swiftCompiler)",
        ]
        if !BuildInfo.argumentParserVersion.isEmpty {
            lines.append("swift-argument-parser: \(BuildInfo.argumentParserVersion)")
        }
        lines += [
            "curl: \(CurlLibrary.version) (\(CurlLibrary.tlsVersion))",
            "openssl: \(CryptoLibrary.version)",
            "libyaml: \(YAMLLibrary.version)",
            "expat: \(XMLParserLibrary.version)",
        ]
        if let libc = cLibraryVersion { lines.append("glibc: \(libc)") }
        return lines
    }

    /// glibc's version ("2.36"), through confstr rather than gnu_get_libc_version (no extra header to import).
    static var cLibraryVersion: String? {
        #if canImport(Glibc)
            let length = confstr(Int32(_CS_GNU_LIBC_VERSION), nil, 0)
            guard length > 0 else { return nil }
            var buffer = [CChar](repeating: 0, count: length)
            guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, length) == length else { return nil }
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return text.hasPrefix("glibc ") ? String(text.dropFirst("glibc ".count)) : text
        #else
            return nil
        #endif
    }
}
