/// An AWS access key pair with an optional session token. Its description never shows the secret parts.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The access key ID is not secret (it appears in every Authorization header), but only its prefix is shown.
    public var description: String {
        let shown = accessKeyID.prefix(4)
        return
            "AWSCredentials(accessKeyID: \(shown)…, secretAccessKey: <redacted>, sessionToken: \(sessionToken == nil ? "none" : "<redacted>"))"
    }

    public var debugDescription: String { description }
}
