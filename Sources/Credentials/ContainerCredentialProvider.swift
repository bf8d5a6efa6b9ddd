import Resilience
import TextTrimming
import Transport

/// Container credentials (ECS task roles, CodeBuild, EKS Pod Identity): `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
/// under http://169.254.170.2, or `AWS_CONTAINER_CREDENTIALS_FULL_URI` with the token from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on each call: it rotates) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
///
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html — a full URI over plain HTTP
/// must point at a loopback address or one of the ECS/EKS link-local addresses.
public struct ContainerCredentialProvider: CredentialProvider {
    public var sourceName: String { "container" }
    static let ecsHost = "http://169.254.170.2"
    static let allowedHTTPHosts: Set<String> = ["localhost", "::1", "169.254.170.2", "169.254.170.23", "fd00:ec2::23"]
    let context: CredentialSourceContext

    public init(context: CredentialSourceContext) {
        self.context = context
    }

    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        let environment = context.environment
        let url: String
        if let relative = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            url = Self.ecsHost + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            guard let parsed = EndpointURL(full) else {
                throw failure("AWS_CONTAINER_CREDENTIALS_FULL_URI is not an http(s) URL")
            }
            guard parsed.scheme == "https" || Self.isAllowedHTTPHost(parsed.host) else {
                throw failure(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI uses plain HTTP to \(parsed.host), which is neither a loopback "
                        + "address nor an ECS/EKS credentials address; use https or one of those hosts")
            }
            url = parsed.text
        } else {
            throw CredentialError(
                source: sourceName,
                reason: "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
                applied: false)
        }
        var headers = [HTTPHeader("Accept", "application/json")]
        if let token = try authorizationToken() {
            guard !token.contains("\r"), !token.contains("\n") else {
                throw failure("the container authorization token contains a line break")
            }
            context.secrets.record(token)
            headers.append(HTTPHeader("Authorization", token))
        }
        let request = HTTPRequest(method: "GET", url: url, headers: headers)
        let response: HTTPResponse
        do {
            response = try await context.retrier.run(classify: CIOIDCCredentialProvider.classify) { _ in
                let response = try await context.transport.send(request)
                if response.status >= 500 || response.status == 429 {
                    throw CIOIDCCredentialProvider.StatusFailure(status: response.status)
                }
                return response
            }
        } catch let status as CIOIDCCredentialProvider.StatusFailure {
            throw failure("the container credentials endpoint \(url) answered HTTP \(status.status)")
        } catch {
            throw failure("the container credentials endpoint \(url) could not be reached: \(error)")
        }
        guard response.status == 200 else {
            throw failure("the container credentials endpoint \(url) answered HTTP \(response.status)")
        }
        switch MetadataCredentials.decode(response.body, source: sourceName) {
        case .success(let credentials): return credentials
        case .failure(let reason): throw failure("the container credentials endpoint \(url): \(reason)")
        }
    }

    /// The token file's content (trimmed), else the token variable, else nil.
    func authorizationToken() throws(CredentialError) -> String? {
        if let file = context.environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            do {
                return try context.readFile(context.expandingHome(file)).trimmingASCIIWhitespace()
            } catch {
                throw failure("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names \(file), which could not be read")
            }
        }
        return context.environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN")
    }

    /// Loopback (127.0.0.0/8, ::1, localhost) or the ECS/EKS link-local credential addresses.
    static func isAllowedHTTPHost(_ host: String) -> Bool {
        if allowedHTTPHosts.contains(host) { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private func failure(_ reason: String) -> CredentialError {
        CredentialError(source: sourceName, reason: reason, applied: true)
    }
}
