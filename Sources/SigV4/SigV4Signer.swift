internal import Hashing

/// Signs requests with AWS Signature Version 4 in the Authorization header. Pure: the time is a parameter.
///
/// Steps follow https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html:
/// canonical request → string to sign → derived signing key → signature → Authorization header.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"

    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    public var options: Options

    public init(credentials: AWSCredentials, region: String, service: String, options: Options = .init()) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// The canonical request (task 1) of `request` once the signing headers (X-Amz-Date, …) are added.
    public func canonicalRequest(for request: SigV4Request, at time: SigningTime) -> String {
        canonical(prepared(request, at: time)).text
    }

    /// The string to sign (task 2): algorithm, time, credential scope and the hash of the canonical request.
    public func stringToSign(for request: SigV4Request, at time: SigningTime) -> String {
        stringToSign(canonical: canonical(prepared(request, at: time)), at: time)
    }

    /// The lowercase hex signature (tasks 3 and 4).
    public func signature(for request: SigV4Request, at time: SigningTime) -> String {
        signature(stringToSign: stringToSign(for: request, at: time), at: time)
    }

    /// The value of the Authorization header for `request`.
    public func authorization(for request: SigV4Request, at time: SigningTime) -> String {
        authorization(canonical: canonical(prepared(request, at: time)), at: time)
    }

    /// Returns the request with X-Amz-Date, X-Amz-Security-Token (when a session token exists),
    /// x-amz-content-sha256 (when asked) and Authorization added; earlier copies of these are replaced,
    /// so signing again (a retry) gives a clean request.
    public func signed(_ request: SigV4Request, at time: SigningTime) -> SigV4Request {
        var result = prepared(request, at: time)
        let authorization = authorization(canonical: canonical(result), at: time)
        if let token = credentials.sessionToken, !options.signSessionToken {
            result.headers.append(SigV4Header(name: "X-Amz-Security-Token", value: token))
        }
        result.headers.append(SigV4Header(name: "Authorization", value: authorization))
        return result
    }

    /// `yyyyMMdd/region/service/aws4_request`.
    public func credentialScope(at time: SigningTime) -> String {
        "\(time.dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// The request with the headers that are part of the signature added, and stale signing headers removed.
    func prepared(_ request: SigV4Request, at time: SigningTime) -> SigV4Request {
        var replaced: Set<String> = ["authorization", "x-amz-date"]
        if credentials.sessionToken != nil { replaced.insert("x-amz-security-token") }
        if options.addContentSHA256Header { replaced.insert("x-amz-content-sha256") }
        var result = request
        result.headers.removeAll { replaced.contains($0.name.lowercased()) }
        result.headers.append(SigV4Header(name: "X-Amz-Date", value: time.amzDate))
        if let token = credentials.sessionToken, options.signSessionToken {
            result.headers.append(SigV4Header(name: "X-Amz-Security-Token", value: token))
        }
        if options.addContentSHA256Header {
            result.headers.append(SigV4Header(name: "x-amz-content-sha256", value: SHA256.hash(request.body).hexString))
        }
        return result
    }

    private func canonical(_ prepared: SigV4Request) -> CanonicalRequest {
        CanonicalRequest(prepared, normalizePath: options.normalizePath, doubleEncodePath: options.doubleEncodePath)
    }

    private func stringToSign(canonical: CanonicalRequest, at time: SigningTime) -> String {
        [Self.algorithm, time.amzDate, credentialScope(at: time), SHA256.hash(canonical.text.utf8).hexString]
            .joined(separator: "\n")
    }

    private func signature(stringToSign: String, at time: SigningTime) -> String {
        HMACSHA256.authenticationCode(key: signingKey(at: time), message: stringToSign).hexString
    }

    private func authorization(canonical: CanonicalRequest, at time: SigningTime) -> String {
        let signature = signature(stringToSign: stringToSign(canonical: canonical, at: time), at: time)
        return "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(credentialScope(at: time)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    private func signingKey(at time: SigningTime) -> [UInt8] {
        var key = Array("AWS4\(credentials.secretAccessKey)".utf8)
        for part in [time.dateStamp, region, service, "aws4_request"] {
            key = HMACSHA256.authenticationCode(key: key, message: part)
        }
        return key
    }
}
