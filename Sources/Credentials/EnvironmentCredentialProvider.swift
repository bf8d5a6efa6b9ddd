import SigV4

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
        guard let value = environment[name]?.trimmingCharacters(), !value.isEmpty else { return nil }
        return value
    }
}

extension String {
    /// Without surrounding spaces, tabs and line breaks (CI variables often carry a trailing newline).
    func trimmingCharacters() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
