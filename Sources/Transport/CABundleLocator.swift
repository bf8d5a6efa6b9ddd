#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CA certificates libcurl verifies servers against: a PEM bundle file and/or a hashed certificate directory.
///
/// `problem` is set when nothing usable was found; an HTTPS request then fails with it (exit 69) instead of libcurl's
/// vaguer "problem with the SSL CA cert". Plain HTTP (emulators on 127.0.0.1) needs no certificates.
public struct CATrust: Sendable, Equatable {
    /// `CURLOPT_CAINFO`: a PEM file of CA certificates.
    public var bundleFile: String?
    /// `CURLOPT_CAPATH`: a directory of certificates named by subject hash (OpenSSL's `c_rehash` layout).
    public var directory: String?
    /// Why no certificates could be used, as a sentence naming where they were looked for and the fix.
    public var problem: String?

    public init(bundleFile: String? = nil, directory: String? = nil, problem: String? = nil) {
        self.bundleFile = bundleFile
        self.directory = directory
        self.problem = problem
    }

    /// libcurl's built-in defaults (the dynamic build's distribution libcurl knows its own system's bundle).
    public static let libraryDefault = CATrust()

    /// The error an HTTPS request to `url` fails with when no certificates were found; nil otherwise.
    public func failure(for url: String) -> TransportError? {
        guard let problem, url.lowercased().hasPrefix("https:") else { return nil }
        return TransportError(.tls, problem)
    }
}

/// Finds the CA certificates on any Linux, in the order Go's crypto/x509 and the AWS SDKs use, so one static binary
/// verifies TLS on Debian, RHEL, openSUSE, Alpine or a scratch image with a bundle copied in:
///
/// 1. `AWS_CA_BUNDLE` (a file): only that.
/// 2. `SSL_CERT_FILE` (a file) and/or `SSL_CERT_DIR` (directories separated by `:`): only those.
/// 3. The first bundle file of `bundleFiles` that exists, else the first of `certificateDirectories` holding hashed
///    certificates.
///
/// A variable that names something missing is an error, not a reason to fall back: the user asked for that file.
public struct CABundleLocator: Sendable {
    /// Bundle files of the common distributions, in Go's order (crypto/x509/root_linux.go).
    public static let bundleFiles = [
        "/etc/ssl/certs/ca-certificates.crt",  // Debian, Ubuntu, Gentoo, Arch
        "/etc/pki/tls/certs/ca-bundle.crt",  // Fedora, RHEL 6, Amazon Linux
        "/etc/ssl/ca-bundle.pem",  // openSUSE
        "/etc/pki/tls/cacert.pem",  // OpenELEC
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // CentOS, RHEL 7+
        "/etc/ssl/cert.pem",  // Alpine, macOS, BSDs
    ]

    /// Hashed certificate directories, in Go's order.
    public static let certificateDirectories = ["/etc/ssl/certs", "/etc/pki/tls/certs"]

    /// True when the path is a readable regular file (or a link to one).
    let isFile: @Sendable (String) -> Bool
    /// True when the path is a directory holding at least one certificate named by subject hash (`xxxxxxxx.0`).
    let isCertificateDirectory: @Sendable (String) -> Bool

    public init(
        isFile: @escaping @Sendable (String) -> Bool,
        isCertificateDirectory: @escaping @Sendable (String) -> Bool
    ) {
        self.isFile = isFile
        self.isCertificateDirectory = isCertificateDirectory
    }

    /// The locator over the real file system.
    public static let live = CABundleLocator(
        isFile: FileProbe.isReadableFile, isCertificateDirectory: FileProbe.hasHashedCertificates)

    /// Where the certificates are for this environment, or the problem when there are none.
    public func locate(environment: [String: String]) -> CATrust {
        if let bundle = Self.value("AWS_CA_BUNDLE", environment) {
            return isFile(bundle)
                ? CATrust(bundleFile: bundle)
                : CATrust(problem: Self.namedButMissing("AWS_CA_BUNDLE", bundle))
        }
        let certFile = Self.value("SSL_CERT_FILE", environment)
        let certDirs = Self.value("SSL_CERT_DIR", environment)
        if certFile != nil || certDirs != nil {
            var trust = CATrust()
            if let certFile {
                guard isFile(certFile) else { return CATrust(problem: Self.namedButMissing("SSL_CERT_FILE", certFile)) }
                trust.bundleFile = certFile
            }
            if let certDirs {
                let usable = certDirs.split(separator: ":").map(String.init).filter { isCertificateDirectory($0) }
                guard !usable.isEmpty else { return CATrust(problem: Self.namedButMissing("SSL_CERT_DIR", certDirs)) }
                // OpenSSL reads a `:`-separated list in CAPATH itself.
                trust.directory = usable.joined(separator: ":")
            }
            return trust
        }
        if let file = Self.bundleFiles.first(where: isFile) { return CATrust(bundleFile: file) }
        if let directory = Self.certificateDirectories.first(where: isCertificateDirectory) {
            return CATrust(directory: directory)
        }
        return CATrust(problem: Self.nothingFound)
    }

    private static func value(_ name: String, _ environment: [String: String]) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    private static func namedButMissing(_ variable: String, _ path: String) -> String {
        let what = variable == "SSL_CERT_DIR" ? "a directory of hashed CA certificates" : "a readable PEM file"
        return "\(variable) is set to \(path), which is not \(what). Point it at the CA certificates to trust, "
            + "or unset it to use the system's."
    }

    static let nothingFound =
        "No CA certificates found to verify HTTPS servers (looked at AWS_CA_BUNDLE, SSL_CERT_FILE and SSL_CERT_DIR, "
        + "which are unset, then \((bundleFiles + certificateDirectories).joined(separator: ", "))). Install the "
        + "system's CA certificates (the ca-certificates package), or set SSL_CERT_FILE or AWS_CA_BUNDLE to a PEM "
        + "bundle of CA certificates."
}

/// File-system checks for the live locator, through libc only (no Foundation in the transport module).
enum FileProbe {
    /// A readable regular file, following symbolic links (distributions link bundles into place).
    @Sendable static func isReadableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, R_OK) == 0
    }

    /// A directory with at least one entry named like OpenSSL's subject hash links (`5ad8a5d6.0`).
    @Sendable static func hasHashedCertificates(_ path: String) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        // Bounded: a directory has finitely many entries; stop at the first match or after 100,000.
        for _ in 0..<100_000 {
            guard let entry = readdir(directory) else { return false }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if isHashName(name) { return true }
        }
        return false
    }

    /// Eight hexadecimal digits, a dot and a decimal counter.
    static func isHashName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 8, !parts[1].isEmpty else { return false }
        return parts[0].utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
            && parts[1].utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
