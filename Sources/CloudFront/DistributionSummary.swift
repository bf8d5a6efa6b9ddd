/// The parts of a ListDistributions entry the tool uses to resolve a domain (alias, `*.cloudfront.net` name or
/// origin domain) to a distribution ID.
public struct DistributionSummary: Sendable, Equatable {
    /// One origin of the distribution.
    public struct Origin: Sendable, Equatable {
        public var id: String
        /// The origin's domain, e.g. `my-bucket.s3.us-east-1.amazonaws.com`.
        public var domainName: String
        /// The origin path prefix (`/prod`), empty when none.
        public var originPath: String

        public init(id: String, domainName: String, originPath: String = "") {
            self.id = id
            self.domainName = domainName
            self.originPath = originPath
        }
    }

    public var id: String
    /// The distribution's ARN; empty when the answer left it out.
    public var arn: String
    /// The `d111111abcdef8.cloudfront.net` name.
    public var domainName: String
    /// Alternate domain names (CNAMEs).
    public var aliases: [String]
    public var origins: [Origin]
    public var enabled: Bool
    /// `Deployed` or `InProgress` (of the configuration, not of invalidations).
    public var status: String

    public init(
        id: String, arn: String = "", domainName: String, aliases: [String] = [], origins: [Origin] = [],
        enabled: Bool = true, status: String = ""
    ) {
        self.id = id
        self.arn = arn
        self.domainName = domainName
        self.aliases = aliases
        self.origins = origins
        self.enabled = enabled
        self.status = status
    }
}

/// One page of ListDistributions; pass `nextMarker` as `marker` for the next page.
public struct DistributionList: Sendable, Equatable {
    public var items: [DistributionSummary]
    public var isTruncated: Bool
    public var nextMarker: String?

    public init(items: [DistributionSummary], isTruncated: Bool, nextMarker: String? = nil) {
        self.items = items
        self.isTruncated = isTruncated
        self.nextMarker = nextMarker
    }
}
