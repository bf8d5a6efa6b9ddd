import TextTrimming
import Transport

/// EC2 instance metadata, IMDSv2 only: PUT a session token (with a TTL), then read the role name and its
/// credentials with that token. One quick attempt: off EC2 nothing answers, and the chain must not hang.
///
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    public var sourceName: String { "instance metadata" }
    static let defaultEndpoint = "http://169.254.169.254"
    static let defaultIPv6Endpoint = "http://[fd00:ec2::254]"
    static let tokenTTLSeconds = 21_600
    let context: CredentialSourceContext

    public init(context: CredentialSourceContext) {
        self.context = context
    }

    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the IPv6 address when `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` is
    /// IPv6, else 169.254.169.254; no trailing slash.
    var endpoint: String {
        let environment = context.environment
        var endpoint =
            environment.nonEmpty("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            ?? (environment.nonEmpty("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")?.lowercased() == "ipv6"
                ? Self.defaultIPv6Endpoint : Self.defaultEndpoint)
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        return endpoint
    }

    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        if context.environment.nonEmpty("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true" {
            throw skip("AWS_EC2_METADATA_DISABLED is true")
        }
        let endpoint = self.endpoint
        guard EndpointURL(endpoint) != nil else {
            throw CredentialError(
                source: sourceName, reason: "AWS_EC2_METADATA_SERVICE_ENDPOINT \(endpoint) is not an http(s) URL",
                applied: true)
        }
        let transport = context.metadataTransport
        let tokenResponse: HTTPResponse
        do {
            tokenResponse = try await transport.send(
                HTTPRequest(
                    method: "PUT", url: endpoint + "/latest/api/token",
                    headers: [HTTPHeader("X-aws-ec2-metadata-token-ttl-seconds", String(Self.tokenTTLSeconds))]))
        } catch {
            throw skip("no instance metadata service answered at \(endpoint) (not on EC2?): \(error.message)")
        }
        guard tokenResponse.status == 200, case let token = tokenResponse.bodyText.trimmingASCIIWhitespace(),
            !token.isEmpty
        else {
            throw skip("the IMDSv2 token request to \(endpoint) answered HTTP \(tokenResponse.status)")
        }
        context.secrets.record(token)
        let tokenHeader = HTTPHeader("X-aws-ec2-metadata-token", token)
        let base = endpoint + "/latest/meta-data/iam/security-credentials/"
        let roles = try await get(base, tokenHeader, what: "the role list")
        if roles.status == 404 { throw skip("the instance has no IAM role (instance profile)") }
        guard roles.status == 200 else { throw failure("the role list answered HTTP \(roles.status)") }
        guard
            let role = roles.bodyText.split(whereSeparator: \.isNewline).first.map({
                String($0).trimmingASCIIWhitespace()
            }),
            !role.isEmpty
        else {
            throw skip("the instance has no IAM role (instance profile)")
        }
        let answer = try await get(base + FormEncoding.percentEncode(role), tokenHeader, what: "role \(role)")
        guard answer.status == 200 else {
            throw failure("the credentials of role \(role) answered HTTP \(answer.status)")
        }
        switch MetadataCredentials.decode(answer.body, source: sourceName) {
        case .success(let credentials): return credentials
        case .failure(let reason): throw failure("the credentials of role \(role): \(reason)")
        }
    }

    private func get(_ url: String, _ token: HTTPHeader, what: String) async throws(CredentialError) -> HTTPResponse {
        do {
            return try await context.metadataTransport.send(HTTPRequest(method: "GET", url: url, headers: [token]))
        } catch {
            throw failure("reading \(what) failed: \(error.message)")
        }
    }

    private func skip(_ reason: String) -> CredentialError {
        CredentialError(source: sourceName, reason: reason, applied: false)
    }

    private func failure(_ reason: String) -> CredentialError {
        CredentialError(source: sourceName, reason: reason, applied: true)
    }
}
