import Resilience
import TextTrimming
import Transport

/// Native CI OIDC: with a role ARN and no token file, fetch the CI's own ID token and exchange it at STS.
///
/// GitHub Actions: GET `ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with `Authorization: bearer
/// ACTIONS_ID_TOKEN_REQUEST_TOKEN` (what `core.getIDToken` does; needs `permissions: id-token: write`).
/// GitLab CI: the token is in the variable the job's `id_tokens:` declares (default `AWS_ID_TOKEN`).
public struct CIOIDCCredentialProvider: CredentialProvider {
    public var sourceName: String { "CI OIDC" }
    let context: CredentialSourceContext
    let roleARN: String?
    let tokenVariable: String
    let audience: String
    let sts: STSClient

    public init(context: CredentialSourceContext, settings: CredentialChainSettings) {
        let environment = context.environment
        self.context = context
        roleARN = CredentialChainSettings.pick(settings.roleARN, "AWS_ROLE_ARN", in: environment)
        tokenVariable =
            CredentialChainSettings.pick(settings.oidcTokenVariable, "CLOUDFRONT_OIDC_TOKEN_VARIABLE", in: environment)
            ?? CredentialChainSettings.defaultTokenVariable
        audience =
            CredentialChainSettings.pick(settings.oidcAudience, "CLOUDFRONT_OIDC_AUDIENCE", in: environment)
            ?? CredentialChainSettings.defaultAudience
        sts = context.stsClient(.resolve(environment: environment))
    }

    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        let environment = context.environment
        guard let roleARN else {
            throw CredentialError(
                source: sourceName, reason: "no role ARN was given (--role-arn or AWS_ROLE_ARN)", applied: false)
        }
        if environment.nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE") != nil {
            throw CredentialError(
                source: sourceName, reason: "AWS_WEB_IDENTITY_TOKEN_FILE is set, so the web identity source applies",
                applied: false)
        }
        let token: String
        let source: String
        if environment["GITHUB_ACTIONS"] == "true" {
            token = try await gitHubToken()
            source = "GitHub Actions OIDC"
        } else if environment["GITLAB_CI"] == "true" || environment.nonEmpty(tokenVariable) != nil {
            guard let value = environment.nonEmpty(tokenVariable) else {
                throw CredentialError(
                    source: sourceName,
                    reason: "a role ARN was given on GitLab CI but the variable \(tokenVariable) is not set; declare "
                        + "`id_tokens: \(tokenVariable): aud: \(CredentialChainSettings.gitLabAudience)` in the job, "
                        + "the audience your IAM OIDC identity provider lists (or name the variable with "
                        + "--oidc-token-variable)",
                    applied: true)
            }
            token = value
            source = environment["GITLAB_CI"] == "true" ? "GitLab CI OIDC" : "OIDC token in \(tokenVariable)"
        } else {
            throw CredentialError(
                source: sourceName,
                reason: "a role ARN was given but no OIDC token is available: this is neither GitHub Actions "
                    + "(GITHUB_ACTIONS) nor GitLab CI (GITLAB_CI), and \(tokenVariable) is not set",
                applied: false)
        }
        context.secrets.record(token)
        let sessionName = SessionName.forCI(environment: environment, now: context.now())
        return try await WebIdentityCredentialProvider.exchange(
            token: token, roleARN: roleARN, sessionName: sessionName, sts: sts, source: source)
    }

    /// Requests an ID token for `audience` from the Actions runtime.
    func gitHubToken() async throws(CredentialError) -> String {
        let environment = context.environment
        guard let url = environment.nonEmpty("ACTIONS_ID_TOKEN_REQUEST_URL"),
            let requestToken = environment.nonEmpty("ACTIONS_ID_TOKEN_REQUEST_TOKEN")
        else {
            throw CredentialError(
                source: sourceName,
                reason: "a role ARN was given on GitHub Actions but the runner did not provide "
                    + "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN; give the job (or workflow) "
                    + "`permissions: id-token: write`",
                applied: true)
        }
        context.secrets.record(requestToken)
        let separator = url.contains("?") ? "&" : "?"
        let request = HTTPRequest(
            method: "GET", url: url + separator + "audience=" + FormEncoding.percentEncode(audience),
            headers: [HTTPHeader("Authorization", "bearer \(requestToken)"), HTTPHeader("Accept", "application/json")])
        let response: HTTPResponse
        do {
            response = try await context.retrier.run(classify: Self.classify) { _ in
                let response = try await context.transport.send(request)
                if response.status >= 500 || response.status == 429 { throw StatusFailure(status: response.status) }
                return response
            }
        } catch let failure as StatusFailure {
            throw CredentialError(
                source: sourceName, reason: "the GitHub ID token service answered HTTP \(failure.status)",
                applied: true)
        } catch {
            throw CredentialError(
                source: sourceName, reason: "the GitHub ID token service could not be reached: \(error)",
                applied: true)
        }
        guard response.status == 200 else {
            throw CredentialError(
                source: sourceName,
                reason: "the GitHub ID token service answered HTTP \(response.status); check that the job has "
                    + "`permissions: id-token: write`",
                applied: true)
        }
        guard
            let token = JSONDocuments.decode(JSONDocuments.GitHubIDToken.self, from: response.body)?.value?
                .trimmingASCIIWhitespace(), !token.isEmpty
        else {
            throw CredentialError(
                source: sourceName, reason: "the GitHub ID token service answered without a token value",
                applied: true)
        }
        return token
    }

    /// A 5xx or 429 from a JSON endpoint, for the retrier.
    struct StatusFailure: Error {
        var status: Int
    }

    static func classify(_ error: any Error) -> (FailureClass, String) {
        switch error {
        case let error as TransportError: (.transport(error.kind), error.message)
        case let failure as StatusFailure: (.serverError(status: failure.status), "HTTP \(failure.status)")
        default: (.permanent, "\(error)")
        }
    }
}
