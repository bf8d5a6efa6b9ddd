import AWSPipeline
import Resilience
import SigV4
import TextTrimming
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
    /// The shared AWS request pipeline (retries, Retry-After, error XML), set up for service `sts`.
    let pipeline: RequestPipeline

    public init(
        endpoint: Endpoint, transport: any HTTPTransport, retrier: Retrier, now: @escaping @Sendable () -> Double,
        onRetry: @escaping @Sendable (RetryNotice) -> Void = { _ in }
    ) {
        self.endpoint = endpoint
        pipeline = RequestPipeline(
            service: AWSService(
                name: "STS", signingName: "sts", region: endpoint.region, transientCodes: Self.transientCodes),
            transport: transport, retrier: retrier, now: now, onRetry: onRetry)
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

    /// STS's own passing trouble (botocore retries IDPCommunicationError for web identity); throttling, 5xx and
    /// the shared transient codes are the pipeline's.
    static let transientCodes: Set<String> = ["IDPCommunicationError"]

    /// Builds the form POST, sends it through the pipeline (signed when `source` is given) and decodes the answer.
    private func call(
        _ operation: String, parameters: [(String, String)], signedWith source: AWSCredentials?
    ) async throws(STSError) -> Issued {
        guard let url = EndpointURL(endpoint.url) else {
            throw .invalidResponse("the STS endpoint \(endpoint.url) is not an http(s) URL")
        }
        let request = HTTPRequest(
            method: "POST", url: url.text,
            headers: [
                HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                HTTPHeader("Accept", "text/xml"),
            ], body: Array(FormEncoding.encode(parameters).utf8))
        let response: HTTPResponse
        do {
            response = try await pipeline.send(
                operation, request, signing: source.map { credentials in .sigV4({ credentials }) } ?? .unsigned)
        } catch {
            switch error {
            case .service(let service, _):
                throw .service(
                    status: service.status, code: service.code, message: service.message, requestID: service.requestID)
            case .transport(let transport, _): throw .transport(transport)
            case .cancelled: throw .transport(TransportError(.cancelled, "the request was cancelled"))
            case .signing(let failure), .unexpected(let failure): throw .invalidResponse("\(failure)")
            }
        }
        return try Self.decodeCredentials(response.body, operation: operation)
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
            let keyID = credentials.childText("AccessKeyId")?.trimmingASCIIWhitespace(), !keyID.isEmpty,
            let secret = credentials.childText("SecretAccessKey")?.trimmingASCIIWhitespace(), !secret.isEmpty
        else {
            throw .invalidResponse("no \(operation)Result/Credentials with AccessKeyId and SecretAccessKey")
        }
        let token = credentials.childText("SessionToken")?.trimmingASCIIWhitespace()
        return Issued(
            credentials: AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil),
            expiration: credentials.childText("Expiration").flatMap(Timestamp.secondsSince1970))
    }
}
