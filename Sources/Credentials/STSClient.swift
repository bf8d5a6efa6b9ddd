import Resilience
import SigV4
import Transport
import XML

/// The two STS calls the chain needs: AssumeRoleWithWebIdentity (unsigned form POST) and AssumeRole (SigV4-signed).
///
/// Query API reference: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
public struct STSClient: Sendable {
    /// Where STS calls go and the region they are signed for.
    public struct Endpoint: Sendable, Equatable {
        public var url: String
        public var region: String

        /// `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, else the regional endpoint of `region` (or of
        /// `AWS_REGION` / `AWS_DEFAULT_REGION`), else the global `https://sts.amazonaws.com` (us-east-1).
        public static func resolve(environment: [String: String], region: String? = nil) -> Endpoint {
            let region = region ?? environment.nonEmpty("AWS_REGION") ?? environment.nonEmpty("AWS_DEFAULT_REGION")
            if let custom = environment.nonEmpty("AWS_ENDPOINT_URL_STS") ?? environment.nonEmpty("AWS_ENDPOINT_URL") {
                return Endpoint(url: custom, region: region ?? "us-east-1")
            }
            guard let region else { return Endpoint(url: "https://sts.amazonaws.com", region: "us-east-1") }
            let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
            return Endpoint(url: "https://sts.\(region).\(suffix)", region: region)
        }
    }

    /// Credentials STS handed out.
    public struct Issued: Sendable, Equatable {
        public var credentials: AWSCredentials
        public var expiration: Double?
    }

    public var endpoint: Endpoint
    public var transport: any HTTPTransport
    public var retrier: Retrier
    public var now: @Sendable () -> Double

    public init(
        endpoint: Endpoint, transport: any HTTPTransport, retrier: Retrier, now: @escaping @Sendable () -> Double
    ) {
        self.endpoint = endpoint
        self.transport = transport
        self.retrier = retrier
        self.now = now
    }

    /// Exchanges an OIDC token for role credentials; the request is not signed (the token is the proof).
    public func assumeRoleWithWebIdentity(
        roleARN: String, sessionName: String, token: String, durationSeconds: Int? = nil
    ) async throws(STSError) -> Issued {
        var parameters = [
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
            ("RoleSessionName", sessionName), ("WebIdentityToken", token),
        ]
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try await call("AssumeRoleWithWebIdentity", parameters: parameters, signedWith: nil)
    }

    /// Assumes `roleARN` with `source` credentials (a profile's `role_arn` + `source_profile`).
    public func assumeRole(
        roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
        source: AWSCredentials
    ) async throws(STSError) -> Issued {
        var parameters = [
            ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
            ("RoleSessionName", sessionName),
        ]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try await call("AssumeRole", parameters: parameters, signedWith: source)
    }

    /// Error codes worth another try (botocore retries IDPCommunicationError for web identity).
    static let retryableCodes: Set<String> = [
        "Throttling", "ThrottlingException", "RequestLimitExceeded", "IDPCommunicationError", "ServiceUnavailable",
        "InternalFailure", "InternalError",
    ]

    /// Builds, signs when asked, sends with retries and decodes one call.
    private func call(
        _ operation: String, parameters: [(String, String)], signedWith source: AWSCredentials?
    ) async throws(STSError) -> Issued {
        guard let url = EndpointURL(endpoint.url) else {
            throw .invalidResponse("the STS endpoint \(endpoint.url) is not an http(s) URL")
        }
        let body = Array(FormEncoding.encode(parameters).utf8)
        let unsigned = HTTPRequest(
            method: "POST", url: url.text,
            headers: [
                HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                HTTPHeader("Accept", "text/xml"),
            ], body: body)
        let response: HTTPResponse
        do {
            response = try await retrier.run(classify: Self.classify) { _ in
                let request = source.map { sign(unsigned, url: url, with: $0) } ?? unsigned
                let response = try await transport.send(request)
                guard (200..<300).contains(response.status) else { throw Self.decodeError(response) }
                return response
            }
        } catch let error as STSError {
            throw error
        } catch let error as TransportError {
            throw .transport(error)
        } catch {
            throw .invalidResponse("\(error)")
        }
        return try Self.decodeCredentials(response.body, operation: operation)
    }

    /// Adds Host and the SigV4 headers for service `sts`.
    private func sign(_ request: HTTPRequest, url: EndpointURL, with credentials: AWSCredentials) -> HTTPRequest {
        let headers =
            [SigV4Header(name: "Host", value: url.authority)]
            + request.headers.map { SigV4Header(name: $0.name, value: $0.value) }
        let unsigned = SigV4Request(
            method: request.method, path: url.path, query: url.query, headers: headers, body: request.body)
        let signer = SigV4Signer(credentials: credentials, region: endpoint.region, service: "sts")
        let signed = signer.signed(unsigned, at: SigningTime(secondsSince1970: Int(now())))
        var result = request
        result.headers = signed.headers.map { HTTPHeader($0.name, $0.value) }
        return result
    }

    /// Retry family of a failed attempt.
    static func classify(_ error: any Error) -> (FailureClass, String) {
        switch error {
        case let error as TransportError:
            return (.transport(error.kind), error.message)
        case .service(let status, let code, _, _) as STSError:
            if status == 429 || code.map(retryableCodes.contains) == true {
                return (.throttled(retryAfter: nil), code ?? "throttled")
            }
            if status >= 500 { return (.serverError(status: status), "HTTP \(status)") }
            return (.permanent, code ?? "HTTP \(status)")
        default:
            return (.permanent, "\(error)")
        }
    }

    /// `<ErrorResponse><Error><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`.
    static func decodeError(_ response: HTTPResponse) -> STSError {
        guard let tree = try? XMLTree.parse(response.body) else {
            return .service(status: response.status, code: nil, message: nil, requestID: nil)
        }
        let error = tree.name == "Error" ? tree : tree.child("Error")
        let requestID = tree.childText("RequestId") ?? response.header("x-amzn-RequestId")
        return .service(
            status: response.status, code: error?.childText("Code"), message: error?.childText("Message"),
            requestID: requestID)
    }

    /// The `Credentials` element of `<OperationResponse><OperationResult>`.
    static func decodeCredentials(_ body: [UInt8], operation: String) throws(STSError) -> Issued {
        let tree: XMLTree
        do {
            tree = try XMLTree.parse(body)
        } catch {
            throw .invalidResponse("\(error)")
        }
        guard let credentials = tree.descendant("\(operation)Result", "Credentials"),
            let keyID = credentials.childText("AccessKeyId")?.trimmingCharacters(), !keyID.isEmpty,
            let secret = credentials.childText("SecretAccessKey")?.trimmingCharacters(), !secret.isEmpty
        else {
            throw .invalidResponse("no \(operation)Result/Credentials with AccessKeyId and SecretAccessKey")
        }
        let token = credentials.childText("SessionToken")?.trimmingCharacters()
        return Issued(
            credentials: AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil),
            expiration: credentials.childText("Expiration").flatMap(Timestamp.secondsSince1970))
    }
}
