import CloudFront

/// Which tenants a run invalidates: those associated with a distribution or connection group, narrowed by domain
/// globs, tags and a shard.
public struct TenantCriteria: Sendable, Equatable {
    public var association: TenantAssociation
    /// A tenant is kept when any of its domains matches any glob; no globs keep every tenant.
    public var domains: [DomainGlob]
    /// A tenant is kept when it carries every tag (costs one ListTagsForResource per tenant still selected).
    public var tags: [String: String]
    public var shard: ShardSpec?

    public init(
        association: TenantAssociation, domains: [DomainGlob] = [], tags: [String: String] = [:],
        shard: ShardSpec? = nil
    ) {
        self.association = association
        self.domains = domains
        self.tags = tags
        self.shard = shard
    }

    /// Whether a listed tenant passes the filters that need no request (domain, shard); enabled is checked apart.
    func passesListedFilters(_ tenant: DistributionTenantSummary) -> Bool {
        if !domains.isEmpty && !tenant.domains.contains(where: { domain in domains.contains { $0.matches(domain) } }) {
            return false
        }
        return shard?.contains(tenant.id) ?? true
    }

    /// "tenants of distribution E1 with a domain matching *.eu.example.com, tagged tier=gold, shard 2/4".
    public var description: String {
        var text = "tenants of \(association)"
        if !domains.isEmpty { text += " with a domain matching " + domains.map(\.pattern).joined(separator: " or ") }
        if !tags.isEmpty {
            text += ", tagged " + tags.keys.sorted().map { "\($0)=\(tags[$0] ?? "")" }.joined(separator: " ")
        }
        if let shard { text += ", shard \(shard)" }
        return text
    }
}
