/// Tries credential sources in order: the first that yields credentials wins; one that applies but fails stops the
/// chain (so a broken OIDC set-up is reported instead of being masked by a later source).
public struct CredentialProviderChain: CredentialProvider {
    public let providers: [any CredentialProvider]
    /// Learns the secret parts of the winning credentials; scrubs secrets from failure reasons.
    public let secrets: SecretSink
    public var sourceName: String { "credential chain" }

    public init(providers: [any CredentialProvider], secrets: SecretSink = SecretSink()) {
        self.providers = providers
        self.secrets = secrets
    }

    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        var attempts: [CredentialError.Attempt] = []
        for provider in providers {
            do {
                let resolved = try await provider.resolve()
                secrets.record(credentials: resolved)
                return resolved
            } catch {
                attempts += error.attempts.map { attempt in
                    var scrubbed = attempt
                    scrubbed.reason = secrets.redact(attempt.reason)
                    return scrubbed
                }
                if error.attempts.contains(where: \.applied) { throw CredentialError(attempts: attempts) }
            }
        }
        throw CredentialError(attempts: attempts)
    }
}
