public import SigV4

/// A source of AWS credentials (environment, web identity, shared files, container, instance metadata…).
public protocol CredentialProvider: Sendable {
    /// A short name for logs and "tried:" lists, e.g. "environment".
    var sourceName: String { get }
    /// The credentials, or an error saying why this source does not apply or failed.
    func resolve() async throws(CredentialError) -> ResolvedCredentials
}

/// Credentials together with where they came from and when they stop working.
public struct ResolvedCredentials: Sendable, Equatable, CustomStringConvertible {
    public var credentials: AWSCredentials
    public var source: String
    /// Seconds since 1970 at which the credentials expire; nil for long-lived keys.
    public var expiration: Double?

    public init(credentials: AWSCredentials, source: String, expiration: Double? = nil) {
        self.credentials = credentials
        self.source = source
        self.expiration = expiration
    }

    public var description: String { "\(credentials) from \(source)" }
}
