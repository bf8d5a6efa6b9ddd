import SigV4
import Testing

/// Behaviour beyond the vectors: session tokens, secrecy, re-signing, and the encoding rules.
@Suite struct SigV4SignerTests {
    static let time = SigningTime(secondsSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "FQoGZXIvYXdzEXAMPLEsessionTOKEN//value=="

    static func request(path: String = "/", query: String = "") -> SigV4Request {
        SigV4Request(
            method: "GET", path: path, query: query,
            headers: [SigV4Header(name: "Host", value: "cloudfront.amazonaws.com")])
    }

    static func signer(token: String? = nil, options: SigV4Signer.Options = .init()) -> SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token),
            region: "us-east-1", service: "cloudfront", options: options)
    }

    @Test func sessionTokenIsSentAndSigned() throws {
        let signed = Self.signer(token: Self.token).signed(Self.request(), at: Self.time)
        #expect(signed.value(forHeader: "X-Amz-Security-Token") == Self.token)
        let authorization = try #require(signed.value(forHeader: "Authorization"))
        #expect(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
        #expect(!authorization.contains(Self.token))
        #expect(!authorization.contains(Self.secret))
    }

    @Test func unsignedSessionTokenIsSentButNotSigned() throws {
        let signer = Self.signer(token: Self.token, options: .init(signSessionToken: false))
        let signed = signer.signed(Self.request(), at: Self.time)
        #expect(signed.value(forHeader: "X-Amz-Security-Token") == Self.token)
        let authorization = try #require(signed.value(forHeader: "Authorization"))
        #expect(authorization.contains("SignedHeaders=host;x-amz-date,"))
    }

    @Test func credentialsDescriptionHidesSecrets() {
        let credentials = AWSCredentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret, sessionToken: Self.token)
        for text in [
            credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials),
        ] {
            #expect(!text.contains(Self.secret))
            #expect(!text.contains(Self.token))
            #expect(!text.contains("EXAMPLEKEY"))
        }
        #expect(credentials.description.contains("AKID"))
    }

    @Test func signingTwiceReplacesTheSigningHeaders() {
        let signer = Self.signer(token: Self.token)
        let once = signer.signed(Self.request(), at: Self.time)
        let later = SigningTime(secondsSince1970: Self.time.secondsSince1970 + 60)
        let twice = signer.signed(signer.signed(Self.request(), at: later), at: Self.time)
        #expect(twice == once)
        #expect(twice.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
    }

    @Test func signatureDependsOnTimeBodyAndKey() {
        let request = Self.request()
        let base = Self.signer().signature(for: request, at: Self.time)
        #expect(base.count == 64 && base.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(Self.signer().signature(for: request, at: SigningTime(secondsSince1970: 1_440_938_161)) != base)
        var withBody = request
        withBody.body = Array("x".utf8)
        #expect(Self.signer().signature(for: withBody, at: Self.time) != base)
        let otherKey = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "other"),
            region: "us-east-1", service: "cloudfront")
        #expect(otherKey.signature(for: request, at: Self.time) != base)
    }

    /// Line 2 (URI) and line 3 (query) of the canonical request.
    private func uriAndQuery(_ request: SigV4Request, options: SigV4Signer.Options = .init()) -> (String, String) {
        let lines = Self.signer(options: options).canonicalRequest(for: request, at: Self.time)
            .split(separator: "\n", omittingEmptySubsequences: false)
        return (String(lines[1]), String(lines[2]))
    }

    @Test(arguments: [
        ("/", "/"),
        ("", "/"),
        ("/caf%C3%A9/a%20b.txt", "/caf%25C3%25A9/a%2520b.txt"),  // already encoded: encoded again
        ("/a/./b/../c//d/", "/a/c/d/"),
        ("/images/*", "/images/%2A"),
    ])
    func canonicalURI(path: String, expected: String) {
        #expect(uriAndQuery(Self.request(path: path)).0 == expected)
    }

    @Test func s3StylePathIsLeftAsSent() {
        let options = SigV4Signer.Options(normalizePath: false, doubleEncodePath: false)
        #expect(uriAndQuery(Self.request(path: "/a//b/../c%20d"), options: options).0 == "/a//b/../c%20d")
    }

    @Test(arguments: [
        ("MaxItems=100&Marker=I2J0", "Marker=I2J0&MaxItems=100"),
        ("b=2&a=2&a=1", "a=1&a=2&b=2"),
        ("flag&x=", "flag=&x="),
        ("a=b+c&q=%7e%2f", "a=b%2Bc&q=~%2F"),
        ("", ""),
    ])
    func canonicalQuery(query: String, expected: String) {
        #expect(uriAndQuery(Self.request(query: query)).1 == expected)
    }

    @Test func headersAreLowercasedTrimmedJoinedAndFiltered() {
        var request = Self.request()
        request.headers += [
            SigV4Header(name: "X-Custom", value: "  a   b\tc  "),
            SigV4Header(name: "x-custom", value: "second"),
            SigV4Header(name: "User-Agent", value: "cloudfront-invalidate/1.0"),
        ]
        let canonical = Self.signer().canonicalRequest(for: request, at: Self.time)
        #expect(canonical.contains("\nx-custom:a b c,second\n"))
        #expect(canonical.contains("\nhost;x-amz-date;x-custom\n"))
        #expect(!canonical.contains("user-agent"))
    }

    @Test func contentSHA256HeaderIsAddedWhenAsked() {
        var request = Self.request()
        request.body = Array("abc".utf8)
        let signed = Self.signer(options: .init(addContentSHA256Header: true)).signed(request, at: Self.time)
        #expect(
            signed.value(forHeader: "x-amz-content-sha256")
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(signed.value(forHeader: "Authorization")?.contains(";x-amz-content-sha256;") == true)
    }
}
