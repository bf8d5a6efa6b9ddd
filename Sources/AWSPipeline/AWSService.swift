/// Which AWS service a pipeline talks to: its name for people, its SigV4 name and region, and error codes it uses
/// for passing trouble beyond the shared lists.
public struct AWSService: Sendable, Equatable {
    /// The name people know ("CloudFront", "STS"), for the log and messages.
    public var name: String
    /// The SigV4 service name ("cloudfront", "sts").
    public var signingName: String
    public var region: String
    /// Codes worth another try for this service only (STS: `IDPCommunicationError`).
    public var transientCodes: Set<String>

    public init(name: String, signingName: String, region: String, transientCodes: Set<String> = []) {
        self.name = name
        self.signingName = signingName
        self.region = region
        self.transientCodes = transientCodes
    }
}
