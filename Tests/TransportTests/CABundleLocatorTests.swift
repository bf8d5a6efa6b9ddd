import Testing

@testable import Transport

/// The CA search over an injected file system: which files and hashed directories "exist" is all a test decides.
@Suite("CA certificate search")
struct CABundleLocatorTests {
    static func locator(files: Set<String> = [], directories: Set<String> = []) -> CABundleLocator {
        CABundleLocator(isFile: { files.contains($0) }, isCertificateDirectory: { directories.contains($0) })
    }

    @Test(
        "Each distribution's bundle is found on its own",
        arguments: [
            "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem",
            "/etc/pki/tls/cacert.pem", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/cert.pem",
        ])
    func findsEachDistributionBundle(path: String) {
        #expect(Self.locator(files: [path]).locate(environment: [:]) == CATrust(bundleFile: path))
    }

    @Test("Go's order: Debian's bundle before RHEL's before Alpine's")
    func firstInGoOrderWins() {
        let all = Set(CABundleLocator.bundleFiles)
        #expect(Self.locator(files: all).locate(environment: [:]).bundleFile == "/etc/ssl/certs/ca-certificates.crt")
        let rhelAndAlpine: Set = ["/etc/ssl/cert.pem", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"]
        #expect(
            Self.locator(files: rhelAndAlpine).locate(environment: [:]).bundleFile
                == "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem")
    }

    @Test("A hashed directory is the fallback when no bundle file exists")
    func directoryFallback() {
        let trust = Self.locator(directories: ["/etc/pki/tls/certs"]).locate(environment: [:])
        #expect(trust == CATrust(directory: "/etc/pki/tls/certs"))
        let both = Self.locator(files: ["/etc/ssl/cert.pem"], directories: ["/etc/ssl/certs"])
        #expect(both.locate(environment: [:]) == CATrust(bundleFile: "/etc/ssl/cert.pem"))
    }

    @Test("AWS_CA_BUNDLE wins over SSL_CERT_FILE and the system's bundle")
    func awsBundleFirst() {
        let locator = Self.locator(files: ["/custom/aws.pem", "/custom/ssl.pem", "/etc/ssl/certs/ca-certificates.crt"])
        let environment = ["AWS_CA_BUNDLE": "/custom/aws.pem", "SSL_CERT_FILE": "/custom/ssl.pem"]
        #expect(locator.locate(environment: environment) == CATrust(bundleFile: "/custom/aws.pem"))
    }

    @Test("SSL_CERT_FILE and SSL_CERT_DIR replace the system's locations")
    func sslVariables() {
        let locator = Self.locator(
            files: ["/custom/ssl.pem", "/etc/ssl/certs/ca-certificates.crt"], directories: ["/b", "/etc/ssl/certs"])
        #expect(
            locator.locate(environment: ["SSL_CERT_FILE": "/custom/ssl.pem"]) == CATrust(bundleFile: "/custom/ssl.pem"))
        #expect(locator.locate(environment: ["SSL_CERT_DIR": "/a:/b"]) == CATrust(directory: "/b"))
        #expect(
            locator.locate(environment: ["SSL_CERT_FILE": "/custom/ssl.pem", "SSL_CERT_DIR": "/b"])
                == CATrust(bundleFile: "/custom/ssl.pem", directory: "/b"))
    }

    @Test("An empty variable counts as unset")
    func emptyIsUnset() {
        let locator = Self.locator(files: ["/etc/ssl/cert.pem"])
        let environment = ["AWS_CA_BUNDLE": "", "SSL_CERT_FILE": "", "SSL_CERT_DIR": ""]
        #expect(locator.locate(environment: environment) == CATrust(bundleFile: "/etc/ssl/cert.pem"))
    }

    @Test(
        "A variable naming something missing is a problem naming the variable, not a silent fallback",
        arguments: [("AWS_CA_BUNDLE", "/missing.pem"), ("SSL_CERT_FILE", "/missing.pem"), ("SSL_CERT_DIR", "/none")])
    func namedButMissing(variable: String, path: String) throws {
        let trust = Self.locator(files: ["/etc/ssl/certs/ca-certificates.crt"]).locate(environment: [variable: path])
        #expect(trust.bundleFile == nil && trust.directory == nil)
        let problem = try #require(trust.problem)
        #expect(problem.contains(variable) && problem.contains(path))
    }

    @Test("Nothing anywhere: the problem lists every place looked at and how to point at a bundle")
    func nothingFound() throws {
        let trust = Self.locator().locate(environment: [:])
        let problem = try #require(trust.problem)
        for place in CABundleLocator.bundleFiles + CABundleLocator.certificateDirectories {
            #expect(problem.contains(place), "should name \(place)")
        }
        #expect(problem.contains("SSL_CERT_FILE") && problem.contains("AWS_CA_BUNDLE"))
    }

    @Test("Without certificates HTTPS fails as a TLS error before sending; plain HTTP is unaffected")
    func failureOnlyForHTTPS() throws {
        let missing = CATrust(problem: "none")
        let failure = try #require(missing.failure(for: "HTTPS://cloudfront.amazonaws.com/2020-05-31/distribution"))
        #expect(failure.kind == .tls && failure.message == "none")
        #expect(missing.failure(for: "http://127.0.0.1:8080/") == nil)
        #expect(CATrust(bundleFile: "/etc/ssl/cert.pem").failure(for: "https://example.com/") == nil)
    }

    @Test(
        "Hashed certificate names are what OpenSSL's c_rehash writes",
        arguments: [
            ("5ad8a5d6.0", true), ("002c0b4f.12", true), ("ca-certificates.crt", false),
            ("5AD8A5D6.0", false), ("5ad8a5d.0", false), ("5ad8a5d6.", false), ("5ad8a5d6.r0", false),
        ])
    func hashNames(name: String, isHash: Bool) {
        #expect(FileProbe.isHashName(name) == isHash)
    }
}
