import TextTrimming

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`): the token file is read on every
/// resolve (it rotates) and exchanged at STS with AssumeRoleWithWebIdentity.
public struct WebIdentityCredentialProvider: CredentialProvider {
    public let sourceName: String
    let tokenFile: String?
    let roleARN: String?
    let sessionName: String
    let sts: STSClient
    let context: CredentialSourceContext
    /// Names the settings in messages: environment variables or profile keys.
    let tokenFileSetting: String
    let roleSetting: String

    /// The environment form; `roleARN` is `--role-arn` when given.
    public init(context: CredentialSourceContext, roleARN: String? = nil) {
        let environment = context.environment
        self.init(
            sourceName: "web identity", tokenFile: environment.nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE"),
            roleARN: roleARN ?? environment.nonEmpty("AWS_ROLE_ARN"),
            sessionName: environment.nonEmpty("AWS_ROLE_SESSION_NAME").map(SessionName.sanitized)
                ?? SessionName.fallback(now: context.now()),
            sts: context.stsClient(.resolve(environment: environment)),
            context: context, tokenFileSetting: "AWS_WEB_IDENTITY_TOKEN_FILE", roleSetting: "AWS_ROLE_ARN")
    }

    init(
        sourceName: String, tokenFile: String?, roleARN: String?, sessionName: String, sts: STSClient,
        context: CredentialSourceContext, tokenFileSetting: String, roleSetting: String
    ) {
        self.sourceName = sourceName
        self.tokenFile = tokenFile
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.sts = sts
        self.context = context
        self.tokenFileSetting = tokenFileSetting
        self.roleSetting = roleSetting
    }

    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        guard let tokenFile else {
            throw CredentialError(source: sourceName, reason: "\(tokenFileSetting) is not set", applied: false)
        }
        guard let roleARN else {
            throw CredentialError(
                source: sourceName, reason: "\(tokenFileSetting) is set but \(roleSetting) (or --role-arn) is not",
                applied: true)
        }
        let path = context.expandingHome(tokenFile)
        let token: String
        do {
            token = try context.readFile(path).trimmingASCIIWhitespace()
        } catch {
            throw CredentialError(
                source: sourceName, reason: "the token file \(path) named by \(tokenFileSetting) could not be read",
                applied: true)
        }
        guard !token.isEmpty else {
            throw CredentialError(
                source: sourceName, reason: "the token file \(path) named by \(tokenFileSetting) is empty",
                applied: true)
        }
        context.secrets.record(token)
        return try await Self.exchange(
            token: token, roleARN: roleARN, sessionName: sessionName, sts: sts, source: sourceName)
    }

    /// AssumeRoleWithWebIdentity, its failures turned into a `CredentialError` that names the STS code.
    static func exchange(
        token: String, roleARN: String, sessionName: String, sts: STSClient, source: String
    ) async throws(CredentialError) -> ResolvedCredentials {
        do {
            let issued = try await sts.assumeRoleWithWebIdentity(
                roleARN: roleARN, sessionName: sessionName, token: token)
            return ResolvedCredentials(credentials: issued.credentials, source: source, expiration: issued.expiration)
        } catch {
            throw CredentialError(
                source: source,
                reason: error.explanation(operation: "AssumeRoleWithWebIdentity", endpoint: sts.endpoint.url)
                    + " (role \(roleARN))",
                applied: true, code: error.code)
        }
    }
}
