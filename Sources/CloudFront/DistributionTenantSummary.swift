/// One distribution tenant as ListDistributionTenants describes it: what tenant selection needs, nothing more
/// (customizations, times and the ETag are not kept).
public struct DistributionTenantSummary: Sendable, Equatable {
    public var id: String
    public var distributionID: String
    public var name: String
    public var arn: String
    /// The tenant's domains, in the order CloudFront lists them.
    public var domains: [String]
    public var connectionGroupID: String?
    /// `Enabled` is optional in the model; a tenant that does not say is taken as enabled.
    public var enabled: Bool
    public var status: String?

    public init(
        id: String, distributionID: String, name: String = "", arn: String = "", domains: [String] = [],
        connectionGroupID: String? = nil, enabled: Bool = true, status: String? = nil
    ) {
        self.id = id
        self.distributionID = distributionID
        self.name = name
        self.arn = arn
        self.domains = domains
        self.connectionGroupID = connectionGroupID
        self.enabled = enabled
        self.status = status
    }
}

/// One page of ListDistributionTenants; the listing goes on while `nextMarker` is set (the output has no
/// `IsTruncated`).
public struct DistributionTenantList: Sendable, Equatable {
    public var items: [DistributionTenantSummary]
    public var nextMarker: String?

    public init(items: [DistributionTenantSummary], nextMarker: String?) {
        self.items = items
        self.nextMarker = nextMarker
    }
}

/// Which tenants ListDistributionTenants returns (`AssociationFilter`): those of a multi-tenant distribution, or
/// those in a connection group.
public enum TenantAssociation: Sendable, Hashable, CustomStringConvertible {
    case distribution(String)
    case connectionGroup(String)

    public var description: String {
        switch self {
        case .distribution(let id): "distribution \(id)"
        case .connectionGroup(let id): "connection group \(id)"
        }
    }
}
