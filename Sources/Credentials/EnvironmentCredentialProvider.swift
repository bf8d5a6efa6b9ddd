import SigV4
import TextTrimming

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` from the given environment.
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let environment: [String: String]
    public var sourceName: String { "environment" }

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        let keyID = nonEmpty("AWS_ACCESS_KEY_ID")
        let secret = nonEmpty("AWS_SECRET_ACCESS_KEY")
        switch (keyID, secret) {
        case (nil, nil):
            throw CredentialError(source: sourceName, reason: "AWS_ACCESS_KEY_ID is not set", applied: false)
        case (nil, _):
            throw CredentialError(
                source: sourceName, reason: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not", applied: true)
        case (_, nil):
            throw CredentialError(
                source: sourceName, reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", applied: true)
        case (let keyID?, let secret?):
            let credentials = AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: nonEmpty("AWS_SESSION_TOKEN"))
            return ResolvedCredentials(credentials: credentials, source: sourceName)
        }
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingASCIIWhitespace(), !value.isEmpty else { return nil }
        return value
    }
}
